"""`zongjie check --fix` / `--diff`: apply (or show) every safe fix, then report what remains.

Text files are written back byte for byte as they came, apart from the fixes: the same encoding
(GBK stays GBK), the same byte-order mark and the same line endings (per line, so a file with mixed
endings keeps them).  ``FILE.bak`` keeps the original.  The checker runs again after each round of
fixes until nothing changes (``zongjie.fixes.fix_until_stable``): a fix can reveal another one.
"""

from __future__ import annotations

import os
import sys

from zongjie.cli.common import fail

TEXT_EXTS = (".txt", ".md", ".markdown", ".text")
# byte-order marks by the reader's encoding label, and the codec that writes the body
_BOM = {"utf-8-sig": (b"\xef\xbb\xbf", "utf-8"), "utf-16-le": (b"\xff\xfe", "utf-16-le"),
        "utf-16-be": (b"\xfe\xff", "utf-16-be"), "utf-32-le": (b"\xff\xfe\x00\x00", "utf-32-le"),
        "utf-32-be": (b"\x00\x00\xfe\xff", "utf-32-be")}

TYPE_CHECKING = False
if TYPE_CHECKING:
    from zongjie.checker.config import Config
    from zongjie.model import Document


def _files(inputs: list[str]) -> list[str]:
    """Plain files to fix: files as given, directories walked for text and Word files."""
    out: list[str] = []
    for p in inputs:
        if p == "-":
            fail("-: --fix/--diff need a file to write back, not standard input")
        if os.path.isdir(p):
            for root, dirs, names in os.walk(p):
                dirs.sort()
                out += [os.path.join(root, n) for n in sorted(names)
                        if n.lower().endswith((*TEXT_EXTS, ".docx")) and not n.startswith(".")]
        elif os.path.isfile(p):
            if p.lower().endswith((".zip", ".jsonl", ".pdf")):
                fail(f"{p}: --fix/--diff edit .txt, .md and .docx files, not {os.path.splitext(p)[1]}")
            out.append(p)
        else:
            fail(f"{p}: no such file")
    return out


def _line_endings(body: str) -> list[str]:
    """The terminator of every line of the decoded (not yet normalised) text."""
    ends: list[str] = []
    i, n = 0, len(body)
    while i < n:
        j = body.find("\n", i)
        k = body.find("\r", i)
        if j < 0 and k < 0:
            break
        if k >= 0 and (j < 0 or k < j):
            ends.append("\r\n" if body.startswith("\r\n", k) else "\r")
            i = k + len(ends[-1])
        else:
            ends.append("\n")
            i = j + 1
    return ends


def _restore(text: str, ends: list[str]) -> str:
    """``text`` (``\\n`` line ends) with the original terminators put back, line by line."""
    if not ends or all(e == "\n" for e in ends):
        return text
    parts = text.split("\n")
    if len(parts) - 1 != len(ends):  # a fix joined or split lines: the dominant ending for all
        dom = max(set(ends), key=ends.count)
        return dom.join(parts)
    return "".join(p + e for p, e in zip(parts, ends)) + parts[-1]


class TextFile:
    """A text file decoded for fixing: text with ``\\n`` endings, and how to write it back."""

    def __init__(self, path: str) -> None:
        from zongjie.reader import read_file

        self.path = path
        with open(path, "rb") as fh:
            self.data = fh.read()
        src = read_file(path)  # the reader decides encoding and Markdown, exactly as for `check`
        self.markdown = src.markdown
        self.text = src.text
        self.encoding = src.encoding or "utf-8"
        bom, codec = _BOM.get(self.encoding, (b"", self.encoding))
        self.bom, self.codec = bom, codec
        body = self.data[len(bom):].decode(codec, "replace")
        self.ends = _line_endings(body)

    def encode(self, text: str) -> bytes:
        try:
            return self.bom + _restore(text, self.ends).encode(self.codec)
        except UnicodeEncodeError as e:
            fail(f"{self.path}: a fix cannot be written in {self.encoding} ({e.reason}); file left unchanged")


def _config(path: str, explicit: Config | None) -> Config:
    from zongjie.checker import config as C

    if explicit is not None:
        return explicit
    found = C.find_config(path)
    return C.load_config(found) if found else C.Config()


def fixed_text(text: str, file: str, markdown: bool, template: str | None, cfg: object) -> tuple[str, int, Document]:
    """``text`` with every safe fix applied until stable; the count and the last analysis."""
    from zongjie.checker import check_text
    from zongjie.fixes import fix_until_stable

    last: dict[str, Document] = {}

    def fixes_of(t: str):
        doc = check_text(t, file=file, markdown=markdown, template=template, config=cfg)
        last["doc"] = doc
        return [f.fix for f in doc.findings if f.fix is not None and f.fix.safe]

    out, n = fix_until_stable(text, fixes_of)
    doc = last["doc"]
    if doc.text != out:  # the loop stopped at its round limit: analyse what is left
        doc = check_text(out, file=file, markdown=markdown, template=template, config=cfg)
    return out, n, doc


def unified(path: str, old: str, new: str) -> str:
    import difflib

    return "".join(difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                        fromfile=f"a/{path}", tofile=f"b/{path}"))


def run(inputs: list[str], *, diff: bool = False, fmt: str = "text", template: str | None = None,
        config: str | None = None, fail_level: str | None = None, color: bool | None = None,
        no_source: bool = False) -> int:
    """``--fix`` (write, keep ``.bak``, report what remains) or ``--diff`` (print, change nothing).

    Exit code: ``--fix`` as ``check`` on what remains; ``--diff`` 1 when there is something to fix."""
    from zongjie.checker import SEVERITY_RANK
    from zongjie.checker import config as C
    from zongjie.cli.check_impl import FORMATS, LEVELS, _emit
    from zongjie.errors import ReadError, UsageError

    if fmt not in FORMATS:
        fail(f"--format {fmt}: expected text, json or sarif")
    if fail_level is not None and fail_level not in LEVELS:
        fail(f"--fail-level {fail_level}: expected error, warning or info")
    files = _files(inputs)
    try:
        explicit = C.load_config(config) if config else None
        results, diffs, notes = [], [], []
        for path in files:
            cfg = _config(path, explicit)
            if path.lower().endswith(".docx") and not diff:
                from zongjie.cli import fix_docx

                res = fix_docx.fix(path, template=template, config=cfg)
                notes += res["notes"]
                results.append(res["result"])
                continue
            if diff:  # the extracted text's safe fixes (for .docx: the text the checker reads)
                from zongjie.reader import read_file

                src = read_file(path)
                new, _, _ = fixed_text(src.text, path, src.markdown, template, cfg)
                diffs.append(unified(path, src.text, new))
                continue
            tf = TextFile(path)
            new, n, doc = fixed_text(tf.text, path, tf.markdown, template, cfg)
            if new != tf.text:
                data = tf.encode(new)
                with open(path + ".bak", "wb") as fh:
                    fh.write(tf.data)
                with open(path, "wb") as fh:
                    fh.write(data)
                notes.append(f"{path}: {n} fix{'es' if n != 1 else ''} applied (original kept in {path}.bak)")
            results.append({"file": path, "template": doc.template, "findings": doc.findings, "text": doc.text,
                            "config": cfg})
    except (ReadError, UsageError) as e:
        fail(str(e))
    if diff:
        out = "".join(diffs)
        sys.stdout.write(out)
        return 1 if out else 0
    for line in notes:
        sys.stderr.write("zongjie: " + line + "\n")
    _emit(results, fmt, color, no_source, single=len(inputs) == 1 and len(results) == 1)
    level = fail_level or next((r["config"].fail_level for r in results if r["config"].fail_level), None) or "error"
    worst = max((SEVERITY_RANK[f.severity] for r in results for f in r["findings"]), default=0)
    return 1 if worst and worst >= SEVERITY_RANK[level] else 0
