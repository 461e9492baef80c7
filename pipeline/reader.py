"""Reading stage: turn a file (txt, md, docx, pdf or stdin) into the text all offsets refer to.

``read_file(path)`` / ``read_bytes(data)`` return a :class:`Source`; every failure is a
:class:`~zongjie.errors.ReadError` whose message is one line starting with the file name.

* Text is *detected*, never assumed: UTF-8 (BOM stripped), UTF-16/32 with BOM, UTF-16 without BOM
  when the NUL pattern makes it obvious, GB18030/GBK (preferred for anything that reads as
  Chinese), Big5, then charset-normalizer as the last resort.  ``\\r\\n`` and ``\\r`` become
  ``\\n``; nothing else is changed (no NFKC, full-width characters and ``\\u3000`` indents stay:
  the engine reads every blank and line break alike on its folded copy, ``zongjie.normalize``).
* Markdown is a file's name (``.md``) or its content (a ``# `` heading line, ``looks_markdown``).
* A limit (``max_size``, default 20 MB of decoded text in UTF-8) turns a huge input into one
  ReadError; a text file that cannot be under it is refused before it is read or decoded.
* ``.docx``: body paragraphs in document order, table cells one paragraph per line, and Word's
  automatic numbering rendered as the visible marker (``一、``, ``（一）``, ``1.`` …).
* ``.pdf``: the text layer extracted with pypdf, pages joined by ``\\n``.

python-docx, pypdf and charset-normalizer are imported lazily: ``import zongjie.reader`` stays
cheap for the command line's start-up path.
"""

from __future__ import annotations

import io
import os
import re
import sys
import unicodedata

from zongjie import rx
from zongjie.errors import ReadError
from zongjie.record import record

__all__ = ["Source", "read_file", "read_bytes", "decode_text", "ReadError", "DEFAULT_MAX_SIZE",
           "parse_size", "check_size", "looks_markdown", "set_default_max_size"]

TEXT_EXTS = {".txt", ".text", ".csv", ".tsv", ".log"}
MARKDOWN_EXTS = {".md", ".markdown", ".mdown", ".mkd"}

# The input limit: the decoded text of one document, counted in UTF-8 bytes.  Beyond it a file is a
# one-line error (exit 2, an `errors` row in batch) rather than minutes of work or gigabytes of memory.
DEFAULT_MAX_SIZE = 20 * 1024 * 1024
_SIZE_UNITS = {"": 1, "b": 1, "k": 1024, "kb": 1024, "kib": 1024, "m": 1024 ** 2, "mb": 1024 ** 2,
               "mib": 1024 ** 2, "g": 1024 ** 3, "gb": 1024 ** 3, "gib": 1024 ** 3}
_RE_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*", re.I)
# A docx part (document.xml …) larger than this many times the limit is refused before it is parsed:
# XML costs ~5-10 bytes per character of text, and a zip bomb must not reach python-docx.
_DOCX_PART_FACTOR = 16


@record
class Source:
    """A decoded input: its text and how it was read (format, encoding)."""

    text: str  # the text every offset refers to (what `zongjie text FILE` prints)
    file: str  # the path as given ("-" for stdin)
    format: str  # "txt" | "md" | "docx" | "pdf"
    encoding: str | None  # detected encoding for text files, None for docx/pdf
    markdown: bool  # True for .md/.markdown files and for text with a `# ` heading line


class _Undecodable(Exception):
    """Raised by the decoder; ``read_bytes`` turns it into a ReadError with the file name."""


# --------------------------------------------------------------------------------------------
# public entry points
# --------------------------------------------------------------------------------------------


def parse_size(value: str | int | None) -> int | None:
    """``"20MB"``, ``"500k"``, ``"1.5m"``, ``"4096"`` → bytes (binary units: k = 1024); None stays
    None (the default limit).  ``0`` means no limit.  Anything else raises ValueError."""
    if value is None or isinstance(value, int):
        if isinstance(value, int) and (isinstance(value, bool) or value < 0):
            raise ValueError(f"size {value!r}: expected a size such as 20MB or 500k")
        return value
    m = _RE_SIZE.fullmatch(str(value))
    unit = m.group(2).lower() if m else ""
    if m is None or unit not in _SIZE_UNITS:
        raise ValueError(f"size {value!r}: expected a size such as 20MB or 500k")
    return int(float(m.group(1)) * _SIZE_UNITS[unit])


_default_limit = DEFAULT_MAX_SIZE


def set_default_max_size(max_size: int | None) -> None:
    """The limit used when a call passes none: the command line sets it once from ``--max-size``
    (or ``max-size`` of ``.zongjie.toml``) so every reader call of the run honours it.  None
    restores DEFAULT_MAX_SIZE."""
    global _default_limit
    _default_limit = DEFAULT_MAX_SIZE if max_size is None else max_size


def _limit(max_size: int | None) -> int:
    return _default_limit if max_size is None else max_size


def _human(n: int) -> str:
    for unit, size in (("GB", 1024 ** 3), ("MB", 1024 ** 2), ("kB", 1024)):
        if n >= size:
            return f"{n / size:.1f}".rstrip("0").rstrip(".") + " " + unit
    return f"{n} bytes"


def _too_large(name: str, limit: int, what: str = "text") -> ReadError:
    return ReadError(f"{name}: too large (more than {_human(limit)} of {what}; raise the limit with "
                     f"--max-size or max-size in .zongjie.toml)")


def check_size(text: str, name: str, max_size: int | None = None) -> None:
    """Raise the one-line ReadError when ``text`` is over the limit (UTF-8 bytes; 0 = no limit).

    Cheap on every ordinary document: one ``len`` settles it unless the text is within a factor
    of four of the limit, and only then is it encoded."""
    limit = _limit(max_size)
    if not limit or 4 * len(text) <= limit:
        return
    if len(text) > limit or len(text.encode("utf-8", "surrogatepass")) > limit:
        raise _too_large(name, limit)


def looks_markdown(text: str) -> bool:
    """A text with a Markdown heading line (``# …``): read as Markdown whatever the file is called.

    A ``# zongjie-disable …`` line is a suppression comment of plain text, not a heading."""
    return _RE_MD_HEADING.search(text) is not None


_RE_MD_HEADING = re.compile(r"^#{1,6}[ \t]+(?!zongjie-)\S", re.M)


def read_file(path: str | os.PathLike, max_size: int | None = None) -> Source:
    """Read ``path`` (``"-"`` = standard input) and return its text; raises ReadError only.

    ``max_size``: the limit of decoded text in UTF-8 bytes (None: the default, 20 MB unless
    ``set_default_max_size`` changed it; 0: no limit)."""
    try:
        name = os.fsdecode(os.fspath(path))
    except TypeError as exc:
        raise ReadError(f"{path!r}: not a path ({_one_line(exc)})") from None
    if name == "-":
        return _read_stdin(max_size)
    label = name or "''"
    limit = _limit(max_size)
    try:
        if os.path.isdir(name):
            raise ReadError(f"{label}: is a directory, not a file")
        with open(name, "rb") as fh:
            data = _read_capped(fh, label, limit)
    except ReadError:
        raise
    except FileNotFoundError:
        raise ReadError(f"{label}: no such file") from None
    except IsADirectoryError:
        raise ReadError(f"{label}: is a directory, not a file") from None
    except PermissionError:
        raise ReadError(f"{label}: permission denied") from None
    except (OSError, ValueError) as exc:  # ValueError: embedded NUL in the path
        reason = getattr(exc, "strerror", None) or _one_line(exc)
        raise ReadError(f"{label}: cannot read ({reason})") from None
    return _read(data, label, os.path.splitext(name)[1].lower(), max_size)


def _read_capped(fh, label: str, limit: int) -> bytes:
    """The bytes of an open file, refusing a text file that cannot be under ``limit``.

    Any text encoding spends at most 4 bytes on a character, so more than ``4 × limit`` bytes of
    text are over the limit however they decode: refused after a peek at the head, unread.  A
    device or pipe with no size (``/dev/zero``) is read up to that bound, never forever."""
    if not limit:
        return fh.read()
    cap = 4 * limit
    import stat

    try:
        st = os.fstat(fh.fileno())
        size = st.st_size if stat.S_ISREG(st.st_mode) else -1
    except (OSError, ValueError, AttributeError):
        size = -1
    if size > cap:
        if _sniff(fh.read(1024)) == "text":
            raise _too_large(label, limit)
        fh.seek(0)
        return fh.read()
    if size >= 0:
        return fh.read()
    data = fh.read(cap + 1)
    if len(data) > cap and _sniff(data[:1024]) == "text":
        raise _too_large(label, limit)
    return data + fh.read() if len(data) > cap else data


def read_bytes(data: bytes, name: str = "<bytes>", max_size: int | None = None) -> Source:
    """Read in-memory ``data``; the format is sniffed from the content (zip → docx, %PDF → pdf,
    else text).  ``name`` is used in messages; a ``.md``/``.markdown`` name sets ``markdown``, as
    does Markdown content (``looks_markdown``).  ``max_size`` as for ``read_file``."""
    ext = os.path.splitext(name)[1].lower() if name not in ("-", "<bytes>") else ""
    if ext not in MARKDOWN_EXTS:
        ext = ""  # content decides everything else
    return _read(bytes(data), name, ext, max_size)


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode text bytes: ``(text, encoding)`` with the BOM stripped and line endings normalised
    to ``\\n``.  Raises ReadError for binary data."""
    try:
        return _decode(bytes(data))
    except _Undecodable as exc:
        raise ReadError(f"<bytes>: {exc}") from None


# --------------------------------------------------------------------------------------------
# dispatch
# --------------------------------------------------------------------------------------------


def _read_stdin(max_size: int | None = None) -> Source:
    stream = sys.stdin
    if stream is None:
        raise ReadError("-: no standard input")
    try:
        buf = getattr(stream, "buffer", None)
        # bounded like a file: `yes | zongjie check -` ends with the one-line error, not never
        data = _read_capped(buf, "-", _limit(max_size)) if buf is not None else stream.read()
    except ReadError:
        raise
    except (OSError, ValueError, UnicodeError) as exc:
        raise ReadError(f"-: cannot read standard input ({_one_line(exc)})") from None
    if isinstance(data, str):  # a text-only stream (tests, embedding): take it as it is
        data = data.encode("utf-8", "surrogatepass")
    return _read(data or b"", "-", "", max_size)


def _read(data: bytes, name: str, ext: str, max_size: int | None = None) -> Source:
    try:
        return _read_inner(data, name, ext, _limit(max_size))
    except ReadError:
        raise
    except _Undecodable as exc:
        raise ReadError(f"{name}: {exc}") from None
    except Exception as exc:  # never let anything else escape
        raise ReadError(f"{name}: cannot read ({type(exc).__name__}: {_one_line(exc)})") from None


def _read_inner(data: bytes, name: str, ext: str, limit: int) -> Source:
    if not data:
        raise ReadError(f"{name}: file is empty")
    kind = _sniff(data)
    if kind == "text" and limit and len(data) > 4 * limit:
        raise _too_large(name, limit)  # over the limit however it decodes (≤ 4 bytes a character)
    if kind == "ole" and _ENCRYPTED_OOXML in data[:1 << 20]:
        # Word saves a password-protected .docx as an OLE compound file holding EncryptionInfo
        raise ReadError(f"{name}: password-protected (encrypted) Word document; remove the password and save it again")
    if ext == ".docx" and kind != "docx":
        if kind == "ole":
            raise ReadError(f"{name}: legacy Word 97-2003 (.doc) file named .docx; save it as .docx")
        raise ReadError(f"{name}: not a valid .docx file (not a zip archive)")
    if ext == ".pdf" and kind != "pdf":
        raise ReadError(f"{name}: not a PDF file (no %PDF header)")
    if kind == "docx":
        text = _docx_text(data, name, limit)
        check_size(text, name, limit)
        return Source(text, name, "docx", None, False)
    if kind == "pdf":
        text = _pdf_text(data, name)
        check_size(text, name, limit)
        return Source(text, name, "pdf", None, False)
    if kind == "ole":
        raise ReadError(f"{name}: legacy Microsoft Office (.doc/.wps) file is not supported; save it as .docx")
    if kind == "rtf":
        raise ReadError(f"{name}: RTF is not supported; save it as .docx or .txt")
    if kind != "text":
        raise ReadError(f"{name}: binary data ({kind}), not a text file")
    text, encoding = _decode(data)
    if not text.strip():
        raise ReadError(f"{name}: file is empty (only whitespace)")
    check_size(text, name, limit)
    # Markdown by name or by content: the same `# 标题` text reads the same as .md and as .txt
    # (read as plain text, its `# ` title line was no title and every part became plans).
    return Source(text, name, "md" if ext in MARKDOWN_EXTS else "txt", encoding,
                  ext in MARKDOWN_EXTS or looks_markdown(text))


_ENCRYPTED_OOXML = "EncryptionInfo".encode("utf-16-le")


def _sniff(data: bytes) -> str:
    if data[:4] in (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08"):
        return "docx"
    head = data[:1024].lstrip(b" \t\r\n\x00\xef\xbb\xbf")
    if head.startswith(b"%PDF-"):
        return "pdf"
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return "ole"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    for magic, what in _BINARY_MAGIC:
        if data.startswith(magic):
            return what
    return "text"


_BINARY_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"), (b"\xff\xd8\xff", "JPEG image"), (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"), (b"\x1f\x8b", "gzip archive"), (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"), (b"\xfd7zXZ\x00", "xz archive"), (b"\x7fELF", "executable"),
    (b"MZ\x90\x00", "executable"), (b"SQLite format 3\x00", "SQLite database"),
)


def _one_line(exc: object) -> str:
    msg = " ".join(str(exc).split())
    return msg or type(exc).__name__


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --------------------------------------------------------------------------------------------
# text decoding
# --------------------------------------------------------------------------------------------

_BOMS = (  # longest first: the UTF-32-LE BOM starts with the UTF-16-LE one
    (b"\xef\xbb\xbf", "utf-8", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be", "utf-16-be"),
)

# charset-normalizer guesses that, on Chinese input, are really GB18030 misread
_CJK_GUESSES = {
    "gb2312", "gbk", "gb18030", "hz", "big5", "big5hkscs", "cp950", "cp949", "euc_kr", "johab",
    "shift_jis", "shift_jis_2004", "shift_jisx0213", "cp932", "euc_jp", "euc_jis_2004",
    "euc_jisx0213", "iso2022_jp", "iso2022_kr", "iso2022_jp_2",
}


def _decode(data: bytes) -> tuple[str, str]:
    text, encoding = _decode_raw(data)
    _check_not_binary(text)
    return _normalise_newlines(text), encoding


def _decode_raw(data: bytes) -> tuple[str, str]:
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            body = data[len(bom):]
            try:
                return body.decode(codec), label
            except UnicodeDecodeError:
                text = body.decode(codec, "replace")
                if _bad_ratio(text) > 0.01:
                    raise _Undecodable(f"binary data or corrupt {codec} text") from None
                return text, label
    if b"\x00" in data:
        guess = _bomless_utf16(data)
        if guess is None:
            raise _Undecodable("binary data (contains NUL bytes), not a text file")
        return guess
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass

    # GB18030 first: archives are full of GBK, and detectors misread short Chinese as Big5/CP949
    gb_text = data.decode("gb18030", "replace")
    gb_errors = gb_text.count("\ufffd")
    gb_score = _gb_score(gb_text)
    if gb_errors == 0 and gb_score >= 0.8:
        return gb_text, "gb18030"
    try:
        b5_text = data.decode("big5")
    except UnicodeDecodeError:
        b5_text = None
    if b5_text is not None and gb_score < 0.6 and _cjk_score(b5_text) >= 0.95:
        return b5_text, "big5"

    mixed = _mixed_lines(data)
    if mixed is not None:
        return mixed, "utf-8+gb18030"

    # mostly-UTF-8 with a few broken bytes (a file cut mid-character, one bad byte)
    u8_text = data.decode("utf-8", "replace")
    u8_errors = u8_text.count("\ufffd")
    u8_good = sum(1 for ch in u8_text if ord(ch) > 0x7F) - u8_errors
    if u8_good >= 4 * u8_errors and u8_errors <= max(2, len(u8_text) // 500):
        return u8_text, "utf-8"
    # GBK with a few stray bytes
    if gb_score >= 0.8 and gb_errors <= max(2, len(gb_text) // 500):
        return gb_text, "gb18030"

    guess = _charset_normalizer(data)
    if guess is not None:
        codec, text = guess
        if codec.replace("-", "_") in _CJK_GUESSES and gb_errors == 0 and gb_score >= 0.5:
            return gb_text, "gb18030"
        return text, codec
    raise _Undecodable("binary data or unknown text encoding, not a text file")


def _mixed_lines(data: bytes) -> str | None:
    """UTF-8 text with whole lines in GBK (files pasted together from two editors): each line in the
    encoding it is valid in, when every line is valid UTF-8 or GB18030 that reads as Chinese."""
    out: list[str] = []
    gb_lines: list[str] = []
    for line in data.split(b"\n"):
        try:
            out.append(line.decode("utf-8"))
            continue
        except UnicodeDecodeError:
            pass
        try:
            text = line.decode("gb18030")
        except UnicodeDecodeError:
            return None
        out.append(text)
        gb_lines.append(text)
    if not gb_lines or len(gb_lines) * 2 > len(out) or _gb_score("".join(gb_lines)) < 0.8:
        return None
    return "\n".join(out)


def _charset_normalizer(data: bytes) -> tuple[str, str] | None:
    import codecs

    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None or best.encoding is None:
            return None
        return codecs.lookup(best.encoding).name, str(best)
    except Exception:  # a detector failure just means "unknown encoding"
        return None


def _bomless_utf16(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a BOM, when the NUL bytes fall (mostly) on the high-byte side of ASCII
    characters and the decoded text reads as text.  (Hanzi such as 开 U+5F00 put an occasional
    NUL on the other side, so the parity test is a preference, the decoded text decides.)"""
    if len(data) < 4:
        return None
    body = data if len(data) % 2 == 0 else data[:-1]
    even = body[0::2].count(0)
    odd = body[1::2].count(0)
    order = ("utf-16-le", "utf-16-be") if odd >= even else ("utf-16-be", "utf-16-le")
    for codec in order:
        try:
            text = body.decode(codec)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text and _plausible_ratio(text) >= 0.95:
            return text, codec
    return None


def _is_cjk_ideograph(cp: int) -> bool:
    return 0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0xF900 <= cp <= 0xFAFF or 0x20000 <= cp <= 0x3FFFF


def _is_cjk_text_char(cp: int) -> bool:
    """Ideographs plus the punctuation and symbols Chinese prose uses."""
    return (
        _is_cjk_ideograph(cp)
        or 0x3000 <= cp <= 0x303F  # CJK symbols and punctuation
        or 0xFF00 <= cp <= 0xFFEF  # full-width forms
        or 0x2000 <= cp <= 0x206F  # “” ‘’ — …
        or 0x2100 <= cp <= 0x24FF  # ℃ № Ⅰ ① ⑴ ⒈
        or 0x25A0 <= cp <= 0x26FF  # ■ □ ★ ※-like symbols
        or 0x3200 <= cp <= 0x33FF  # ㈠ ㊣ ㎡
        or cp in (0x00B7, 0x00D7, 0x00F7, 0x00B0, 0x00A7, 0x00B1)  # · × ÷ ° § ±
    )


def _plausible_ratio(text: str) -> float:
    """Share of characters that are ordinary text (ASCII, whitespace, Chinese, Latin letters)."""
    if not text:
        return 0.0
    good = 0
    for ch in text:
        cp = ord(ch)
        if (0x20 <= cp < 0x7F or ch in "\t\n\r\f" or _is_cjk_text_char(cp)
                or 0xA0 <= cp <= 0x24F):
            good += 1
    return good / len(text)


def _gb_score(text: str, limit: int = 20000) -> float:
    """Share of non-ASCII characters that are GB2312 Chinese (hanzi, CJK punctuation, symbols).

    Big5 or EUC-JP misread as GB18030 lands in kana, Greek, Cyrillic, PUA or the GBK extension
    area, so real GBK text scores ~1.0 and misreadings far lower."""
    n = good = 0
    for ch in text:
        cp = ord(ch)
        if cp < 0x80:
            continue
        n += 1
        if n > limit:
            n -= 1
            break
        if 0x3040 <= cp <= 0x30FF or 0x0370 <= cp <= 0x04FF or 0x2500 <= cp <= 0x257F:
            continue  # kana, Greek, Cyrillic, box drawing: GB2312 rows that Chinese prose rarely uses
        if 0xE000 <= cp <= 0xF8FF or ch == "\ufffd":
            continue
        try:
            ch.encode("gb2312")
        except UnicodeEncodeError:
            continue
        good += 1
    return good / n if n else 0.0


def _cjk_score(text: str, limit: int = 20000) -> float:
    n = good = 0
    for ch in text:
        cp = ord(ch)
        if cp < 0x80:
            continue
        n += 1
        if n > limit:
            n -= 1
            break
        good += _is_cjk_text_char(cp)
    return good / n if n else 0.0


def _bad_ratio(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for ch in text if _is_bad_char(ch))
    return bad / len(text)


def _is_bad_char(ch: str) -> bool:
    if ch in "\t\n\r\f\v\x1a\x1b":
        return False
    if ch == "\ufffd":
        return True
    return unicodedata.category(ch) == "Cc"


# _is_bad_char as one character class: control characters (Cc) but \t \n \v \f \r SUB ESC, and U+FFFD.
# Counted in C: a per-character loop was ~3 s on a 20 MB text, ~2 ms on an ordinary report.
_BAD_CHARS = re.compile("[\x00-\x08\x0e-\x19\x1c-\x1f\x7f-\x9f\ufffd]")


def _check_not_binary(text: str) -> None:
    if "\x00" in text:
        raise _Undecodable("binary data (contains NUL characters), not a text file")
    bad = len(_BAD_CHARS.findall(text))
    if bad and bad > max(2, len(text) // 100):
        raise _Undecodable("binary data (control characters), not a text file")


# --------------------------------------------------------------------------------------------
# .docx
# --------------------------------------------------------------------------------------------

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


def _wval(el, attr: str = "val") -> str | None:
    if el is None:
        return None
    return el.get(_w(attr))


def _wint(el, default: int | None = None) -> int | None:
    val = _wval(el)
    if val is None:
        return default
    try:
        return int(val)
    except ValueError:
        return default


def _on(el) -> bool:
    """A w:ST_OnOff toggle (``<w:vanish/>``, ``<w:isLgl w:val="0"/>``)."""
    if el is None:
        return False
    return _wval(el) not in ("0", "false", "off")


W_P, W_TBL, W_TR, W_TC, W_R, W_T = _w("p"), _w("tbl"), _w("tr"), _w("tc"), _w("r"), _w("t")
W_SDT, W_SDTCONTENT, W_CUSTOMXML = _w("sdt"), _w("sdtContent"), _w("customXml")
_RUN_SKIP = {
    _w("pPr"), _w("rPr"), _w("del"), _w("moveFrom"), _w("drawing"), _w("pict"), _w("object"),
    _w("instrText"), _w("delText"), _w("rt"), _w("fldData"), f"{{{_MC}}}AlternateContent",
}
_BLOCK_WRAPPERS = {W_SDT, W_SDTCONTENT, W_CUSTOMXML, _w("ins"), _w("moveTo")}


def _docx_text(data: bytes, name: str, limit: int = DEFAULT_MAX_SIZE) -> str:
    import zipfile

    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
        names = {i.filename for i in infos}
        if limit and any(i.file_size > _DOCX_PART_FACTOR * limit for i in infos):
            raise _too_large(name, _DOCX_PART_FACTOR * limit, "XML in one part (a zip bomb?)")
    except ReadError:
        raise
    except zipfile.BadZipFile:
        raise ReadError(f"{name}: truncated or corrupt .docx (not a valid zip archive)") from None
    except Exception as exc:
        raise ReadError(f"{name}: truncated or corrupt .docx ({_one_line(exc)})") from None
    try:
        import docx
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from docx.opc.part import XmlPart

        document = docx.Document(io.BytesIO(data))
        body = document.element.body
        part = document.part
        numbering_el = styles_el = None
        try:
            related = part.part_related_by(RT.NUMBERING)
            numbering_el = related.element if isinstance(related, XmlPart) else None
        except Exception:  # no numbering part
            pass
        try:
            related = part.part_related_by(RT.STYLES)
            styles_el = related.element if isinstance(related, XmlPart) else None
        except Exception:  # no styles part
            pass
    except Exception as exc:
        if "word/document.xml" not in names:
            raise ReadError(f"{name}: not a Word document (word/document.xml missing)") from None
        raise ReadError(f"{name}: truncated or corrupt .docx ({_one_line(exc)})") from None

    numbering = _Numbering(numbering_el, styles_el)
    lines: list[str] = []
    for p in _iter_paragraphs(body):
        text = _paragraph_text(p)
        marker, sep = numbering.marker(p)
        if marker:
            text = marker + (sep if text else "") + text
        lines.append(text)
    out = _normalise_newlines("\n".join(lines)).split("\n")
    while out and not out[-1].strip():
        out.pop()
    while out and not out[0].strip():
        out.pop(0)
    text = "\n".join(out)
    if not text.strip():
        if body is not None and any(el.tag == _w("txbxContent") for el in body.iter()):
            raise ReadError(f"{name}: document has no text outside text boxes (text boxes are not read)")
        raise ReadError(f"{name}: document has no text")
    return text


def _iter_paragraphs(container):
    """w:p elements of a block container in document order, descending into tables."""
    for child in container:
        tag = child.tag
        if tag == W_P:
            yield child
        elif tag == W_TBL:
            for tr in _descend(child, W_TR):
                for tc in _descend(tr, W_TC):
                    if _is_vmerge_continuation(tc) and not any(
                        _paragraph_text(p).strip() for p in _iter_paragraphs(tc)
                    ):
                        continue
                    yield from _iter_paragraphs(tc)
        elif tag in _BLOCK_WRAPPERS:
            yield from _iter_paragraphs(child)


def _descend(el, want: str):
    """Children ``want`` of ``el``, looking through sdt/customXml wrappers."""
    for child in el:
        if child.tag == want:
            yield child
        elif child.tag in _BLOCK_WRAPPERS:
            yield from _descend(child, want)


def _is_vmerge_continuation(tc) -> bool:
    tcpr = tc.find(_w("tcPr"))
    vmerge = tcpr.find(_w("vMerge")) if tcpr is not None else None
    return vmerge is not None and _wval(vmerge) in (None, "continue")


def _paragraph_text(p) -> str:
    parts: list[str] = []
    _collect_text(p, parts)
    return "".join(parts)


def _collect_text(el, parts: list[str]) -> None:
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _RUN_SKIP:
            continue
        if tag == W_T:
            parts.append(child.text or "")
        elif tag == W_R:
            rpr = child.find(_w("rPr"))
            if rpr is not None and (_on(rpr.find(_w("vanish"))) or _on(rpr.find(_w("specVanish")))):
                continue  # hidden text
            _collect_text(child, parts)
        elif tag in (_w("tab"), _w("ptab")):
            parts.append("\t")
        elif tag == _w("br"):
            if _wval(child, "type") in (None, "textWrapping"):
                parts.append("\n")
        elif tag == _w("cr"):
            parts.append("\n")
        elif tag == _w("noBreakHyphen"):
            parts.append("-")
        elif tag == _w("sym"):
            char = _wval(child, "char")
            try:
                cp = int(char or "", 16)
            except ValueError:
                continue
            if cp >= 0xF000:  # symbol-font private-use code: the glyph is font-specific
                cp -= 0xF000
            if 0x20 < cp < 0x7F or cp > 0xA0:
                parts.append(chr(cp))
        elif tag == W_P:
            continue  # paragraphs nested in text boxes (already skipped) or odd markup
        else:  # hyperlink, ins, smartTag, fldSimple, sdt, sdtContent, customXml, bdo, dir, moveTo…
            _collect_text(child, parts)


# --- Word automatic numbering ---------------------------------------------------------------


@record
class _Level:
    """A Word list level: its number format and the text of its marker."""

    fmt: str = "decimal"
    text: str | None = None  # w:lvlText; None = absent
    start: int = 1
    restart: int | None = None  # w:lvlRestart (1-based level, 0 = never); None = default
    legal: bool = False  # w:isLgl
    suff: str = "tab"
    pad: int = 0  # custom "001, 002, 003, ..." format
    pstyle: str | None = None


def _parse_level(lvl) -> _Level:
    level = _Level()
    fmt_el = lvl.find(_w("numFmt"))
    if fmt_el is None:  # newer Word wraps custom formats in mc:AlternateContent
        alt = lvl.find(f"{{{_MC}}}AlternateContent")
        if alt is not None:
            for branch in alt:
                cand = branch.find(_w("numFmt"))
                if cand is not None and _wval(cand) == "custom":
                    fmt_el = cand
                    break
                if cand is not None and fmt_el is None:
                    fmt_el = cand
    if fmt_el is not None:
        level.fmt = _wval(fmt_el) or "decimal"
        if level.fmt == "custom":
            fmt = _wval(fmt_el, "format") or ""
            m = rx.match(r"0*1\b", fmt)
            level.fmt, level.pad = "decimal", len(m.group(0)) if m else 0
    text_el = lvl.find(_w("lvlText"))
    if text_el is not None:
        level.text = _wval(text_el) or ""
    # w:start defaults to 0 in the standard, but every writer emits it; 1 is what lists without
    # it mean in practice, and "〇、" would only confuse the numbering checks.
    start = _wint(lvl.find(_w("start")))
    level.start = start if start is not None else 1
    restart = lvl.find(_w("lvlRestart"))
    level.restart = _wint(restart) if restart is not None else None
    level.legal = _on(lvl.find(_w("isLgl")))
    level.suff = _wval(lvl.find(_w("suff"))) or "tab"
    level.pstyle = _wval(lvl.find(_w("pStyle")))
    return level


class _Numbering:
    """Resolves w:numPr of paragraphs to visible markers, keeping Word's counters.

    Counters live per *abstract* numbering definition, as in Word: two w:num instances of one
    abstractNum continue each other's count; a w:num with w:lvlOverride/w:startOverride restarts
    that level at the override value the first time it is used."""

    def __init__(self, numbering_el, styles_el) -> None:
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.abstract_link: dict[str, str] = {}  # abstractNumId -> numStyleLink style id
        self.style_link: dict[str, str] = {}  # styleLink style id -> abstractNumId
        self.nums: dict[str, tuple[str, dict[int, tuple[int | None, _Level | None]]]] = {}
        self.styles: dict[str, tuple[str | None, int | None, str | None]] = {}
        self.default_pstyle: str | None = None
        self.counters: dict[str, list[int | None]] = {}
        self.applied: set[tuple[str, int]] = set()
        if numbering_el is not None:
            self._load_numbering(numbering_el)
        if styles_el is not None:
            self._load_styles(styles_el)

    def _load_numbering(self, root) -> None:
        for an in root.iter(_w("abstractNum")):
            aid = _wval(an, "abstractNumId")
            if aid is None:
                continue
            levels: dict[int, _Level] = {}
            for lvl in an.findall(_w("lvl")):
                ilvl = _wint_attr(lvl, "ilvl")
                if ilvl is not None:
                    levels[ilvl] = _parse_level(lvl)
            self.abstract[aid] = levels
            link = _wval(an.find(_w("numStyleLink")))
            if link:
                self.abstract_link[aid] = link
            slink = _wval(an.find(_w("styleLink")))
            if slink:
                self.style_link[slink] = aid
        for num in root.iter(_w("num")):
            nid = _wval(num, "numId")
            aid = _wval(num.find(_w("abstractNumId")))
            if nid is None or aid is None:
                continue
            overrides: dict[int, tuple[int | None, _Level | None]] = {}
            for ov in num.findall(_w("lvlOverride")):
                ilvl = _wint_attr(ov, "ilvl")
                if ilvl is None:
                    continue
                so = ov.find(_w("startOverride"))
                lvl = ov.find(_w("lvl"))
                overrides[ilvl] = (_wint(so) if so is not None else None,
                                   _parse_level(lvl) if lvl is not None else None)
            self.nums[nid] = (aid, overrides)

    def _load_styles(self, root) -> None:
        for st in root.findall(_w("style")):
            if st.get(_w("type")) not in (None, "paragraph", "numbering"):
                continue
            sid = st.get(_w("styleId"))
            if sid is None:
                continue
            ppr = st.find(_w("pPr"))
            numpr = ppr.find(_w("numPr")) if ppr is not None else None
            num_id = _wval(numpr.find(_w("numId"))) if numpr is not None else None
            ilvl = _wint(numpr.find(_w("ilvl"))) if numpr is not None else None
            based = _wval(st.find(_w("basedOn")))
            self.styles[sid] = (num_id, ilvl, based)
            if st.get(_w("type")) in (None, "paragraph") and _on_attr(st, "default"):
                self.default_pstyle = sid

    def _style_numpr(self, sid: str | None) -> tuple[str | None, int | None]:
        num_id = ilvl = None
        seen = set()
        while sid and sid not in seen and sid in self.styles:
            seen.add(sid)
            s_num, s_lvl, based = self.styles[sid]
            if num_id is None:
                num_id = s_num
            if ilvl is None:
                ilvl = s_lvl
            if num_id is not None and ilvl is not None:
                break
            sid = based
        return num_id, ilvl

    def _resolve_abstract(self, num_id: str) -> str | None:
        seen = set()
        aid = self.nums.get(num_id, (None, {}))[0]
        while aid is not None and aid in self.abstract_link and aid not in seen:
            seen.add(aid)
            link = self.abstract_link[aid]
            if link in self.style_link:
                aid = self.style_link[link]
                continue
            linked_num = self._style_numpr(link)[0]
            if linked_num is None or linked_num not in self.nums:
                break
            aid = self.nums[linked_num][0]
        return aid if aid in self.abstract else None

    def marker(self, p) -> tuple[str, str]:
        """(marker, separator) for paragraph ``p``; ``("", "")`` when it is not numbered."""
        if not self.nums:
            return "", ""
        ppr = p.find(_w("pPr"))
        numpr = ppr.find(_w("numPr")) if ppr is not None else None
        num_id = ilvl = None
        if numpr is not None:
            num_id = _wval(numpr.find(_w("numId")))
            ilvl = _wint(numpr.find(_w("ilvl")))
        pstyle = _wval(ppr.find(_w("pStyle"))) if ppr is not None else None
        pstyle = pstyle or self.default_pstyle
        from_style = False
        if num_id is None or ilvl is None:
            s_num, s_lvl = self._style_numpr(pstyle)
            if num_id is None:
                num_id, from_style = s_num, True
            if ilvl is None:
                ilvl = s_lvl
        if num_id is None or num_id == "0" or num_id not in self.nums:
            return "", ""
        aid = self._resolve_abstract(num_id)
        if aid is None:
            return "", ""
        if ilvl is None and from_style and pstyle:
            ilvl = next((i for i, lv in self.abstract[aid].items() if lv.pstyle == pstyle), None)
        ilvl = min(max(ilvl or 0, 0), 8)
        levels = self._levels(num_id, aid)
        level = levels.get(ilvl)
        if level is None:
            return "", ""

        counters = self.counters.setdefault(aid, [None] * 9)
        override_start = self.nums[num_id][1].get(ilvl, (None, None))[0]
        current = counters[ilvl]
        if override_start is not None and (num_id, ilvl) not in self.applied:
            self.applied.add((num_id, ilvl))
            counters[ilvl] = override_start
        elif current is None:
            counters[ilvl] = self._start(num_id, levels, ilvl)
        else:
            counters[ilvl] = current + 1
        for deeper in range(ilvl + 1, 9):
            restart = levels[deeper].restart if deeper in levels else None
            if restart is None or (restart > 0 and ilvl < restart):
                counters[deeper] = None

        if level.fmt == "bullet":
            marker = _bullet(level.text or "")
        else:
            template = level.text if level.text is not None else ""

            def render(m: re.Match) -> str:
                k = int(m.group(1)) - 1
                lv = levels.get(k)
                if lv is None:
                    return ""
                value = counters[k]
                if value is None:
                    value = self._start(num_id, levels, k)
                fmt = "decimal" if level.legal and lv.fmt != "none" else lv.fmt
                return format_number(value, fmt, lv.pad)

            marker = rx.sub(r"%([1-9])", render, template)
        if not marker:
            return "", ""
        sep = ""
        if level.suff != "nothing" and unicodedata.category(marker[-1]) in ("Lu", "Ll", "Lo", "Nd"):
            # Word puts a tab (or space) after the marker; "第一章 总则" keeps one space, while
            # punctuation-ended or enclosed markers ("一、", "1.", "（一）", "①") need none
            sep = " "
        return marker, sep

    def _levels(self, num_id: str, aid: str) -> dict[int, _Level]:
        levels = dict(self.abstract[aid])
        for ilvl, (_, lvl) in self.nums[num_id][1].items():
            if lvl is not None:
                levels[ilvl] = lvl
        return levels

    def _start(self, num_id: str, levels: dict[int, _Level], ilvl: int) -> int:
        override = self.nums[num_id][1].get(ilvl, (None, None))[0]
        if override is not None:
            return override
        return levels[ilvl].start if ilvl in levels else 1


def _wint_attr(el, attr: str) -> int | None:
    try:
        return int(el.get(_w(attr)))
    except (TypeError, ValueError):
        return None


def _on_attr(el, attr: str) -> bool:
    return el.get(_w(attr)) in ("1", "true", "on")


_BULLET_PUA = {0xB7: "•", 0xA7: "▪", 0x6C: "●", 0x6E: "■", 0x71: "❑", 0x75: "◆", 0x76: "❖",
               0xD8: "➢", 0xFC: "✓", 0xA8: "◆", 0x9F: "●"}


def _bullet(text: str) -> str:
    out = []
    for ch in text:
        cp = ord(ch)
        if 0xF000 <= cp <= 0xF0FF:
            out.append(_BULLET_PUA.get(cp - 0xF000, "•"))
        elif 0xE000 <= cp <= 0xF8FF:
            out.append("•")
        else:
            out.append(ch)
    return "".join(out)


# --- number formats -------------------------------------------------------------------------

_CN_DIGITS = "〇一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TW_LEGAL = "零壹貳參肆伍陸柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = []
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                       (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    """Word's letter numbering: A … Z, AA, BB … ZZ, AAA …"""
    if n <= 0:
        return str(n)
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _enclosed(n: int) -> str | None:
    if 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if 21 <= n <= 35:
        return chr(0x3251 + n - 21)
    if 36 <= n <= 50:
        return chr(0x32B1 + n - 36)
    return None


def _ordinal_suffix(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def format_number(n: int, fmt: str, pad: int = 0) -> str:
    """Render counter ``n`` in Word's ``w:numFmt`` ``fmt``."""
    from zongjie.numerals import cn_numeral
    if fmt == "none":
        return ""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting",
               "taiwaneseCounting", "taiwaneseCountingThousand", "koreanCounting"):
        return cn_numeral(n, _CN_DIGITS)
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand", "koreanDigital"):
        return "".join(_CN_DIGITS[int(d)] for d in str(n)) if n >= 0 else str(n)
    if fmt == "chineseLegalSimplified":
        return cn_numeral(n, _CN_LEGAL, "拾佰仟")
    if fmt in ("ideographLegalTraditional", "japaneseLegal"):
        return cn_numeral(n, _TW_LEGAL, "拾佰仟")
    if fmt == "ideographTraditional":
        return _TIANGAN[(n - 1) % 10] if n > 0 else str(n)
    if fmt == "ideographZodiac":
        return _DIZHI[(n - 1) % 12] if n > 0 else str(n)
    if fmt in ("ideographEnclosedCircle",):
        return chr(0x3220 + n - 1) if 1 <= n <= 10 else f"({cn_numeral(n)})"
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _enclosed(n) or str(n)
    if fmt == "decimalEnclosedFullstop":
        return chr(0x2488 + n - 1) if 1 <= n <= 20 else f"{n}."
    if fmt == "decimalEnclosedParen":
        return chr(0x2474 + n - 1) if 1 <= n <= 20 else f"({n})"
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(n).translate(_FULLWIDTH_DIGITS)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "ordinal":
        return _ordinal_suffix(n)
    # decimal, decimalHalfWidth, and anything exotic (hebrew, thai, hindi …): Arabic digits
    return str(n).zfill(pad) if pad else str(n)


_FULLWIDTH_DIGITS = str.maketrans("0123456789-", "０１２３４５６７８９－")


# --------------------------------------------------------------------------------------------
# .pdf
# --------------------------------------------------------------------------------------------


def _pdf_text(data: bytes, name: str) -> str:
    import logging

    log = logging.getLogger("pypdf")
    old_level = log.level
    log.setLevel(logging.ERROR)  # pypdf warns about every odd xref; keep stderr clean
    try:
        return _pdf_text_inner(data, name)
    finally:
        log.setLevel(old_level)


def _pdf_text_inner(data: bytes, name: str) -> str:
    import warnings

    try:
        from pypdf import PdfReader

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                try:
                    ok = reader.decrypt("")
                except Exception as exc:
                    raise ReadError(f"{name}: encrypted PDF that cannot be opened ({_one_line(exc)})") from None
                if not ok:
                    raise ReadError(f"{name}: encrypted PDF (a password is required)")
            pages = list(reader.pages)
    except ReadError:
        raise
    except Exception as exc:
        raise ReadError(f"{name}: corrupt PDF ({_one_line(exc)})") from None
    texts = []
    for number, page in enumerate(pages, 1):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                texts.append(page.extract_text() or "")
        except Exception as exc:
            raise ReadError(f"{name}: corrupt PDF (page {number}: {_one_line(exc)})") from None
    text = _normalise_newlines("\n".join(texts))
    text = "\n".join(line.rstrip(" \t") for line in text.split("\n")).rstrip()
    text = text.lstrip("\n")
    if not text.strip():
        raise ReadError(f"{name}: PDF has no text layer (scanned?)")
    return text
