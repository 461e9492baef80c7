"""Iterate the documents of an archive: files, directories, globs, ``.zip`` files and ``.jsonl`` corpora.

SPEC: wherever a command takes ``INPUT...`` (``index``, ``batch``, ``check``) an input may be a file,
a directory (searched recursively), a glob, a ``.zip``, or a ``.jsonl`` corpus with one document
per line (``{"id": …, "text": …}`` plus any metadata fields).

>>> for doc_id, text, meta in iter_documents(["reports/", "old.zip", "corpus.jsonl"]):
...     ...

Each document is ``(doc_id, content, meta)``:

* ``doc_id`` — the path relative to the directory given (``sub/a.txt``), the path as given for a
  file, ``archive.zip:member/path`` for a zip member, the record's ``id`` for a JSONL line
  (``corpus.jsonl:17`` when it has none).
* ``content`` — the decoded text (``zongjie.reader``: encodings detected, ``.docx``/``.pdf``
  extracted); with ``decode=False`` the raw bytes of a file or member (JSONL records are text
  already and stay ``str``). ``None`` for an error reported with ``errors="yield"``.
* ``meta`` — ``source`` (the input path), ``member`` (zip member or ``None``), ``line`` (JSONL
  line or ``None``), ``format``, ``encoding``, ``markdown`` (after decoding), every extra JSONL field
  under ``fields``, and ``error`` (a one-line message) for an unreadable item.

``errors``: ``"raise"`` (default) raises :class:`~zongjie.errors.ReadError` at the first unreadable
item; ``"yield"`` yields it with ``content=None`` and ``meta["error"]`` and goes on (what ``batch``
wants); ``"skip"`` drops it silently. An input that matches nothing is an error of the same kind.

Nothing is read into memory as a whole: a ``.jsonl`` file (or zip member) is read line by line, a
``.zip`` member by member. Zip members are read in memory (never extracted), one at a time;
Windows zips with GBK member names are decoded,
hidden files, ``__MACOSX`` and members larger than ``max_member_bytes`` are skipped/reported,
nested zips are followed one level deep. Only the standard library is imported.
"""

from __future__ import annotations

import codecs
import contextlib
import glob
import io
import json
import os
import zipfile
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any, BinaryIO

from zongjie.errors import ReadError

__all__ = ["iter_documents", "iter_path", "DOC_EXTS", "expand_inputs"]

DOC_EXTS = (".txt", ".md", ".markdown", ".docx", ".pdf", ".text")
ARCHIVE_EXTS = (".zip", ".jsonl")
_GLOB_CHARS = set("*?[")
MAX_MEMBER_BYTES = 64 * 1024 * 1024

Item = tuple[str, "str | bytes | None", dict[str, Any]]


def _ext(name: str) -> str:
    n = name.lower()
    for e in DOC_EXTS + ARCHIVE_EXTS:
        if n.endswith(e):
            return e
    return os.path.splitext(n)[1]


def _hidden(rel: str) -> bool:
    # `..` is no dot-file: a zip member named `../../a.txt` is read (in memory, never extracted)
    return any((p.startswith(".") and p not in (".", "..")) or p == "__MACOSX"
               for p in rel.replace("\\", "/").split("/") if p)


def expand_inputs(inputs: Iterable[str | os.PathLike]) -> Iterator[tuple[str, str, str | None]]:
    """``(path, doc_id_prefix_base, error)`` for every file the inputs name, in a stable order."""
    for raw in inputs:
        name = os.fsdecode(os.fspath(raw))
        if name == "-":
            yield name, "-", None
        elif os.path.isdir(name):
            found = []
            for root, dirs, files in os.walk(name):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "__MACOSX")
                for f in files:
                    if f.startswith(".") or _ext(f) not in DOC_EXTS + ARCHIVE_EXTS:
                        continue
                    found.append(os.path.join(root, f))
            if not found:  # an empty result would pass for a clean check
                yield name, name, f"{name}: no document (.txt .md .docx .pdf .zip .jsonl) in this directory"
            for p in sorted(found):
                yield p, os.path.relpath(p, name).replace(os.sep, "/"), None
        elif os.path.exists(name):
            yield name, name, None
        elif _GLOB_CHARS & set(name):
            hits = sorted(glob.glob(name, recursive=True))
            files = []
            for h in hits:
                if os.path.isdir(h):
                    yield from expand_inputs([h])
                elif _ext(h) in DOC_EXTS + ARCHIVE_EXTS:
                    files.append(h)
            if not hits:
                yield name, name, f"{name}: no file matches"
            for h in files:
                yield h, h, None
        else:
            yield name, name, f"{name}: no such file or directory"


def iter_documents(inputs: Iterable[str | os.PathLike] | str | os.PathLike, *, decode: bool = True,
                   errors: str = "raise", max_member_bytes: int = MAX_MEMBER_BYTES,
                   max_size: int | None = None) -> Iterator[Item]:
    """Every document of ``inputs`` (see the module docstring).  ``max_size``: the limit of one
    document's decoded text (``zongjie.reader.check_size``; None: the reader's default)."""
    if errors not in ("raise", "yield", "skip"):
        raise ValueError("errors must be 'raise', 'yield' or 'skip'")
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    for path, doc_id, err in expand_inputs(inputs):
        yield from iter_path(path, doc_id, err, decode=decode, errors=errors,
                             max_member_bytes=max_member_bytes, max_size=max_size)


def iter_path(path: str, doc_id: str, err: str | None = None, *, decode: bool = True, errors: str = "raise",
              max_member_bytes: int = MAX_MEMBER_BYTES, max_size: int | None = None) -> Iterator[Item]:
    """The documents of one ``(path, doc_id, error)`` of :func:`expand_inputs` (what
    :func:`iter_documents` yields for it): a caller can skip a file it knows."""
    meta = _meta(path)
    if err:
        yield from _error(doc_id, meta, err, errors)
        return
    ext = _ext(path)
    if ext in (".zip", ".jsonl"):
        try:
            fh = open(path, "rb")
        except OSError as e:
            yield from _error(doc_id, meta, f"{path}: cannot read ({e.strerror or e})", errors)
            return
        with fh:  # streamed: neither file is read into memory as a whole
            if ext == ".zip":
                yield from _iter_zip(fh, path, doc_id, meta, decode, errors, max_member_bytes, depth=0,
                                     max_size=max_size)
            else:
                yield from _iter_jsonl(_rewind(fh), path, doc_id, meta, errors, max_size=max_size)
    else:
        yield from _one_file(path, doc_id, meta, decode, errors, max_size)


# --------------------------------------------------------------------------- pieces

def _meta(source: str, member: str | None = None, line: int | None = None) -> dict[str, Any]:
    return {"source": source, "member": member, "line": line, "format": None, "encoding": None,
            "markdown": False, "fields": {}}


def _error(doc_id: str, meta: dict[str, Any], msg: str, errors: str) -> Iterator[Item]:
    msg = " ".join(str(msg).split())
    if errors == "raise":
        raise ReadError(msg)
    if errors == "yield":
        meta = dict(meta, error=msg)
        yield doc_id, None, meta


def _decoded(meta: dict[str, Any], src: Any) -> dict[str, Any]:
    meta["format"], meta["encoding"], meta["markdown"] = src.format, src.encoding, src.markdown
    return meta


def _one_file(path: str, doc_id: str, meta: dict[str, Any], decode: bool, errors: str,
              max_size: int | None = None) -> Iterator[Item]:
    from zongjie.reader import read_file

    if not decode and path != "-":
        try:
            with open(path, "rb") as fh:
                data = fh.read()
        except OSError as e:
            yield from _error(doc_id, meta, f"{path}: cannot read ({e.strerror or e})", errors)
            return
        meta["format"] = _ext(path).lstrip(".")
        yield doc_id, data, meta
        return
    try:
        src = read_file(path, max_size)
    except ReadError as e:
        yield from _error(doc_id, meta, str(e), errors)
        return
    yield doc_id, src.text, _decoded(meta, src)


def _member_name(info: zipfile.ZipInfo) -> str:
    name = info.filename
    if not info.flag_bits & 0x800:  # no UTF-8 flag: Windows tools write GBK names as cp437
        try:
            name = name.encode("cp437").decode("gb18030")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return name


def _iter_zip(data: bytes | BinaryIO, source: str, zip_id: str, meta0: dict[str, Any], decode: bool, errors: str,
              max_member_bytes: int, depth: int, max_size: int | None = None) -> Iterator[Item]:
    """The members of a zip (bytes, or a seekable binary file): only one member at a time is in
    memory, and a ``.jsonl`` member is streamed line by line."""
    from zongjie.reader import read_bytes

    try:
        zf = zipfile.ZipFile(io.BytesIO(data) if isinstance(data, (bytes, bytearray)) else data)
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        yield from _error(zip_id, meta0, f"{source}: not a readable zip file ({e})", errors)
        return
    with zf:
        for info in sorted(infos, key=lambda i: _member_name(i)):
            if info.is_dir():
                continue
            name = _member_name(info)
            ext = _ext(name)
            if _hidden(name) or ext not in DOC_EXTS + ARCHIVE_EXTS:
                continue
            doc_id = f"{zip_id}:{name}"
            meta = _meta(source, name)
            if info.file_size > max_member_bytes:
                yield from _error(doc_id, meta, f"{doc_id}: member too large ({info.file_size} bytes)", errors)
                continue
            if ext == ".jsonl":
                yield from _iter_jsonl(_member_opener(zf, info), source, doc_id, meta, errors,
                                       read_error=f"{doc_id}: cannot read member", max_size=max_size)
                continue
            try:
                blob = zf.read(info)
            except _MEMBER_ERRORS as e:
                yield from _error(doc_id, meta, f"{doc_id}: cannot read member ({e})", errors)
                continue
            if ext == ".zip":
                if depth >= 1:
                    yield from _error(doc_id, meta, f"{doc_id}: nested zip too deep", errors)
                else:
                    yield from _iter_zip(blob, source, doc_id, meta, decode, errors, max_member_bytes, depth + 1,
                                         max_size=max_size)
                continue
            if not decode:
                meta["format"] = ext.lstrip(".")
                yield doc_id, blob, meta
                continue
            try:
                src = read_bytes(blob, name=name, max_size=max_size)
            except ReadError as e:
                yield from _error(doc_id, meta, f"{zip_id}:{e}", errors)
                continue
            if ext in (".md", ".markdown"):
                src.markdown = True
            yield doc_id, src.text, _decoded(meta, src)


_MEMBER_ERRORS = (zipfile.BadZipFile, OSError, ValueError, RuntimeError, NotImplementedError, EOFError)
_BLOCK = 1 << 20


def _rewind(fh: BinaryIO) -> Callable[[], contextlib.AbstractContextManager[IO[bytes]]]:
    """An opener for an open file: each call rewinds it (the file is closed by its owner)."""

    def opener():
        fh.seek(0)
        return contextlib.nullcontext(fh)

    return opener


def _member_opener(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> Callable[[], contextlib.AbstractContextManager[IO[bytes]]]:
    return lambda: zf.open(info)


def _utf8_error(opener: Callable[[], contextlib.AbstractContextManager[IO[bytes]]]) -> UnicodeDecodeError | None:
    """The error ``data.decode("utf-8-sig")`` would raise on the whole stream, or None; read in
    blocks (constant memory).  Offsets count from after a BOM, as that codec reports them."""
    dec = codecs.getincrementaldecoder("utf-8")("strict")
    fed = 0  # bytes given to the decoder (after the BOM)
    with opener() as fh:
        first = True
        while True:
            block = fh.read(_BLOCK)
            if first:
                first = False
                if block.startswith(codecs.BOM_UTF8):
                    block = block[3:]
            pending = len(dec.getstate()[0])
            try:
                dec.decode(block, final=not block)
            except UnicodeDecodeError as e:
                start, end = fed - pending + e.start, fed - pending + e.end
                return UnicodeDecodeError("utf-8", e.object, start, end, e.reason)
            fed += len(block)
            if not block:
                return None


def _lines(opener: Callable[[], contextlib.AbstractContextManager[IO[bytes]]]) -> Iterator[str]:
    """The lines of a UTF-8 stream (already validated), numbered as ``str.splitlines`` of the whole
    decoded text numbers them (a line is split again on the other line boundaries)."""
    with opener() as fh:
        first = True
        for raw in fh:  # binary lines end at b"\n", which is never inside a UTF-8 sequence
            if first:
                first = False
                if raw.startswith(codecs.BOM_UTF8):
                    raw = raw[3:]
            yield from raw.decode("utf-8").splitlines()


def _iter_jsonl(data: bytes | Callable[[], contextlib.AbstractContextManager[IO[bytes]]], source: str, file_id: str,
                meta0: dict[str, Any], errors: str, read_error: str | None = None,
                max_size: int | None = None) -> Iterator[Item]:
    """The records of a JSONL corpus, streamed: ``data`` is the bytes, or an opener called twice
    (once to check that the whole file is UTF-8, once to read its lines)."""
    from zongjie.reader import check_size, looks_markdown

    opener = (lambda: contextlib.nullcontext(io.BytesIO(data))) if isinstance(data, (bytes, bytearray)) else data
    read_error = read_error or f"{source}: cannot read"

    def broken(exc: BaseException) -> Iterator[Item]:
        detail = exc if meta0.get("member") else (getattr(exc, "strerror", None) or exc)
        yield from _error(file_id, meta0, f"{read_error} ({detail})", errors)

    try:
        e = _utf8_error(opener)
    except _MEMBER_ERRORS as exc:
        yield from broken(exc)
        return
    if e is not None:
        yield from _error(file_id, meta0, f"{file_id}: JSONL is not UTF-8 ({e.reason} at byte {e.start})", errors)
        return
    member = meta0.get("member")
    lines = enumerate(_lines(opener), start=1)
    while True:
        try:
            no, line = next(lines)
        except StopIteration:
            return
        except _MEMBER_ERRORS as exc:  # the stream broke after it was checked
            yield from broken(exc)
            return
        if not line.strip():
            continue
        meta = _meta(source, member, no)
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            yield from _error(f"{file_id}:{no}", meta, f"{file_id}:{no}: bad JSON ({e.msg})", errors)
            continue
        if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
            yield from _error(f"{file_id}:{no}", meta, f"{file_id}:{no}: no \"text\" field", errors)
            continue
        rid = rec.get("id")
        doc_id = str(rid) if rid not in (None, "") else f"{file_id}:{no}"
        text = rec["text"].replace("\r\n", "\n").replace("\r", "\n")
        try:  # the reader's one limit check, as for a file
            check_size(text, f"{file_id}:{no}", max_size)
        except ReadError as e:
            yield from _error(doc_id, meta, str(e), errors)
            continue
        meta["format"] = "jsonl"
        meta["encoding"] = "utf-8"
        # a record is Markdown when it says so, or by its content (as the reader decides for a file)
        meta["markdown"] = bool(rec.get("markdown", looks_markdown(text)))
        meta["fields"] = {k: v for k, v in rec.items() if k not in ("id", "text")}
        yield doc_id, text, meta
