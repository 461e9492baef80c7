"""Bad input never makes a traceback or a hang (issue 14).

The tests build a corpus of bad inputs in a temporary directory (text in odd encodings, broken and
hostile Word, PDF and zip files, huge and degenerate texts, hostile file names) and run the command
line on each in a subprocess with a timeout: ``zongjie outline``, ``extract`` and ``check`` — and
``batch`` for archives, which must record an ``errors`` row and go on.  Each kind has its expected
outcome: a result (exit 0, or 1 for ``check`` with findings), or exit 2 with exactly one line on
stderr.  Never a traceback, never more than one line, never past the timeout.

| kind | outline / extract | check | why |
|---|---|---|---|
| empty file, whitespace only, PNG, NUL bytes, /dev/zero | exit 2 | exit 2 | nothing to read |
| mixed UTF-8 + GBK bytes, UTF-16 without BOM, GB18030 4-byte characters | result | result | decoded (a few replacement characters at worst) |
| RTL and control characters, zero-width runs | result | result | invisible characters fold to blanks |
| truncated docx, zip named .docx without word/document.xml, password-protected docx (OLE/CFB) | exit 2 | exit 2 | not a readable Word document (the encrypted one says so) |
| docx with only tables | result | result | table cells are paragraphs |
| docx with only text boxes | exit 2 | exit 2 | text boxes are not read: "no text outside text boxes" |
| PDF without text layer, encrypted PDF, truncated PDF | exit 2 | exit 2 | no text to read |
| zip bomb (.zip with a 340 MB member; .docx with a 340 MB document.xml) | exit 2 | exit 2 | refused from the sizes in the zip directory, never inflated |
| zip with `../` member names | exit 2 (not a Word document) | result (members read in memory, nothing written) | |
| zip in a zip in a zip | exit 2 | exit 2 (nested zip too deep) | |
| jsonl with a broken line / a record without `text` | result (one FILE is read as text) | exit 2 | `check` reads the corpus and stops at the first unreadable item |
| a 1,000,000-character line, 20,000 headings, markers nested 60 deep | result | result | bounded work |
| text over the limit (25 MB; `--max-size 1k`) | exit 2 | exit 2 | the input limit |
| file names with lone surrogates (undecodable bytes) / GBK bytes | result | result | names printed as given |
| a directory with no documents | exit 2 | exit 2 | |
| a symlink loop, a missing file | exit 2 | exit 2 | |

``batch`` over the archives and a directory of the bad files: every unreadable input is one row of
``errors`` and the readable ones are analysed.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

TIMEOUT = 90
RESULT, FAIL = "result", "fail"

_P = "围绕中心任务，扎实推进各项工作落实，全年完成固定资产投资12.5亿元，同比增长8.2%，群众满意度持续提升。"
GOOD = ("某县发展和改革局2023年工作总结\n一、2023年工作回顾\n" + _P + "\n二、存在的问题\n项目储备不足，要素保障压力较大。\n"
        "三、2024年工作计划\n（一）强化项目建设。" + _P + "\n")


# --------------------------------------------------------------------------- the corpus


def _docx_bytes(build) -> bytes:
    import docx

    d = docx.Document()
    build(d)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _docx_tables() -> bytes:
    def build(d) -> None:
        body = d.element.body
        for p in list(body.iterchildren()):
            if p.tag.endswith("}p"):
                body.remove(p)
        t = d.add_table(rows=3, cols=2)
        for i, line in enumerate(GOOD.split("\n")[:6]):
            t.cell(i // 2, i % 2).text = line

    return _docx_bytes(build)


def _docx_textbox() -> bytes:
    from docx.oxml import parse_xml

    def build(d) -> None:
        xml = ('<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
               'xmlns:v="urn:schemas-microsoft-com:vml"><w:r><w:pict><v:shape><v:textbox><w:txbxContent>'
               + "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in GOOD.split("\n") if line)
               + "</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>")
        d.element.body.insert(0, parse_xml(xml))

    return _docx_bytes(build)


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _bomb(member: str, size_mb: int = 340, extra: dict[str, bytes] | None = None) -> bytes:
    """A zip whose ``member`` inflates to ``size_mb`` MB (of ``0``s) from a few hundred kB."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
        with zf.open(member, "w", force_zip64=True) as w:
            block = b"0" * (1 << 20)
            for _ in range(size_mb):
                w.write(block)
    return buf.getvalue()


def _pdf(text: str | None, encrypt: bool = False) -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, encrypt="secret" if encrypt else None)
    if text is None:  # a "scan": shapes only
        c.rect(72, 72, 300, 500, fill=1)
    else:
        c.drawString(72, 720, text)
    c.showPage()
    c.save()
    return buf.getvalue()


def _cfb_encrypted_docx() -> bytes:
    """What Word writes for a password-protected .docx: an OLE compound file with EncryptionInfo."""
    head = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16 + b"\x3e\x00\x03\x00\xfe\xff\x09\x00"
    return head + b"\x00" * 480 + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 2000 \
        + "EncryptedPackage".encode("utf-16-le") + os.urandom(4000)


# kind → (file name, content (bytes) or a builder, expected outcome of outline/extract, of check)
def _cases() -> dict[str, tuple[str, object, str, str]]:
    gbk_line = "存在的问题：项目储备不足。\n".encode("gbk")
    deep = "".join(f"{'（' + str(i % 9 + 1) + '）' if i % 2 else str(i % 9 + 1) + '.'}第{i}层\n" for i in range(60))
    return {
        "empty": ("empty.txt", b"", FAIL, FAIL),
        "whitespace-only": ("blank.txt", " \n\t\u3000\n\r\n".encode(), FAIL, FAIL),
        "binary-png": ("image.txt", b"\x89PNG\r\n\x1a\n" + os.urandom(2000), FAIL, FAIL),
        "nul-bytes": ("nul.txt", b"abc\x00\x01\x02" * 300 + os.urandom(500), FAIL, FAIL),
        "mixed-encodings": ("mixed.txt", GOOD.encode() + gbk_line + GOOD.encode(), RESULT, RESULT),
        "utf16-no-bom": ("utf16.txt", GOOD.encode("utf-16-le"), RESULT, RESULT),
        "gb18030-4byte": ("gb18030.txt", (GOOD + "𠀀𠀁㐀\n").encode("gb18030"), RESULT, RESULT),
        "rtl-and-controls": ("rtl.txt", ("\u202e" + GOOD.replace("\n", "\u200f\u202b\n\u2067") + "\x07\x1b[31m\u2066x\u2069\n").encode(),
                             RESULT, RESULT),
        "zero-width-runs": ("zw.txt", GOOD.replace("\n", "\n\u200b\u200c\u200d\ufeff\u2060" * 3).encode(), RESULT, RESULT),
        "truncated-docx": ("cut.docx", lambda: _docx_bytes(lambda d: d.add_paragraph(GOOD))[:1500], FAIL, FAIL),
        "zip-named-docx": ("notword.docx", lambda: _zip({"a.txt": GOOD.encode()}), FAIL, FAIL),
        "password-docx": ("secret.docx", _cfb_encrypted_docx, FAIL, FAIL),
        "docx-only-tables": ("tables.docx", _docx_tables, RESULT, RESULT),
        "docx-only-textboxes": ("boxes.docx", _docx_textbox, FAIL, FAIL),
        "pdf-no-text": ("scan.pdf", lambda: _pdf(None), FAIL, FAIL),
        "pdf-encrypted": ("locked.pdf", lambda: _pdf("2023 work summary", encrypt=True), FAIL, FAIL),
        "pdf-truncated": ("cut.pdf", lambda: _pdf("2023 work summary")[:400], FAIL, FAIL),
        "zip-bomb": ("bomb.zip", lambda: _bomb("report.txt"), FAIL, FAIL),
        "docx-bomb": ("bomb.docx", lambda: _bomb("word/document.xml", extra={"[Content_Types].xml": b"<Types/>"}),
                      FAIL, FAIL),
        "zip-path-traversal": ("traversal.zip", lambda: _zip({"../../evil.txt": GOOD.encode(),
                                                              "/abs/evil2.txt": GOOD.encode()}), FAIL, RESULT),
        "nested-zips": ("nested.zip", lambda: _zip({"l1.zip": _zip({"l2.zip": _zip({"deep.txt": GOOD.encode()})})}),
                        FAIL, FAIL),
        # outline/extract read one FILE: a .jsonl is a text there; check reads it as a corpus
        "jsonl-broken-line": ("broken.jsonl", (json.dumps({"id": "a", "text": GOOD}, ensure_ascii=False)
                                               + '\n{"id": "b", "text": "cut\n').encode(), RESULT, FAIL),
        "jsonl-missing-text": ("notext.jsonl", b'{"id": "a", "body": "x"}\n', RESULT, FAIL),
        "one-million-char-line": ("longline.txt", (_P * (1_000_000 // len(_P) + 1)).encode(), RESULT, RESULT),
        "twenty-thousand-headings": ("headings.txt", ("某局2023年工作总结\n" + "".join(
            f"{i}.第{i}项工作\n" for i in range(1, 20_001))).encode(), RESULT, RESULT),
        "deeply-nested-markers": ("deep.txt", ("某局2023年工作总结\n一、工作回顾\n" + deep + "#" * 6 + " 深层\n").encode(),
                                  RESULT, RESULT),
        "over-default-limit": ("huge.txt", lambda: b"a" * (21 * 1024 * 1024), FAIL, FAIL),
        "surrogate-name": (b"bad\xff\xfename.txt", GOOD.encode(), RESULT, RESULT),
        "gbk-name": ("工作总结".encode("gbk") + b".txt", GOOD.encode(), RESULT, RESULT),
    }


CASES = _cases()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, bytes]:
    """kind → path (bytes: names may be undecodable) of the bad file."""
    root = tmp_path_factory.mktemp("bad")
    paths: dict[str, bytes] = {}
    for kind, (name, content, _o, _c) in CASES.items():
        data = content() if callable(content) else content
        p = os.path.join(os.fsencode(root), name if isinstance(name, bytes) else os.fsencode(name))
        with open(p, "wb") as fh:
            fh.write(data)
        paths[kind] = p
    empty_dir = root / "no-documents"
    empty_dir.mkdir()
    (empty_dir / "notes.xlsx").write_bytes(b"PK")
    (empty_dir / ".hidden.txt").write_text(GOOD, encoding="utf-8")
    paths["dir-without-documents"] = os.fsencode(empty_dir)
    os.symlink(root / "loop-b.txt", root / "loop-a.txt")
    os.symlink(root / "loop-a.txt", root / "loop-b.txt")
    paths["symlink-loop"] = os.fsencode(root / "loop-a.txt")
    paths["missing-file"] = os.fsencode(root / "nowhere.txt")
    if os.path.exists("/dev/zero"):
        paths["dev-zero"] = b"/dev/zero"
    return paths


EXTRA = {"dir-without-documents": (FAIL, FAIL), "symlink-loop": (FAIL, FAIL), "missing-file": (FAIL, FAIL),
         "dev-zero": (FAIL, FAIL)}


def expected(kind: str) -> tuple[str, str]:
    if kind in EXTRA:
        return EXTRA[kind]
    return CASES[kind][2], CASES[kind][3]


def run(*args: str | bytes, timeout: int = TIMEOUT, cwd: str | None = None) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "zongjie", *args]
    env = dict(os.environ, PYTHONIOENCODING="utf-8")  # strict: a surrogate on stdout would raise
    return subprocess.run(cmd, capture_output=True, timeout=timeout, env=env, cwd=cwd)


def _check_outcome(kind: str, cmd: str, proc: subprocess.CompletedProcess, want: str) -> None:
    err = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, (kind, cmd, err[-2000:])
    if want == FAIL:
        assert proc.returncode == 2, (kind, cmd, proc.returncode, err[-500:])
        lines = err.splitlines()
        assert len(lines) == 1 and lines[0].startswith("zongjie: "), (kind, cmd, err)
    else:
        assert proc.returncode in ((0, 1) if cmd == "check" else (0,)), (kind, cmd, proc.returncode, err[-500:])
        assert proc.stdout.strip(), (kind, cmd)
        assert err == "", (kind, cmd, err)


ALL_KINDS = list(CASES) + list(EXTRA)


def test_at_least_25_kinds() -> None:
    assert len(ALL_KINDS) >= 25


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_cli_outcome(kind: str, corpus: dict[str, bytes]) -> None:
    if kind not in corpus:  # /dev/zero exists on every POSIX system the suite runs on
        pytest.fail(f"{kind}: not built")
    want_read, want_check = expected(kind)
    path = corpus[kind]
    for cmd, want in (("outline", want_read), ("extract", want_read), ("check", want_check)):
        args = (cmd, "--json", path) if cmd != "check" else (cmd, "--format", "json", path)
        _check_outcome(kind, cmd, run(*args), want)


def test_outline_json_of_readable_oddities(corpus: dict[str, bytes]) -> None:
    """What the readable ones read as: the good document's title and parts, whatever the wrapping."""
    for kind in ("mixed-encodings", "utf16-no-bom", "gb18030-4byte", "rtl-and-controls", "zero-width-runs",
                 "docx-only-tables", "surrogate-name", "gbk-name"):
        out = json.loads(run("outline", "--json", corpus[kind]).stdout.decode("utf-8", "surrogateescape"))
        assert out["title"] is not None and out["title"]["summary_year"] == 2023, kind
        roles = [s["role"] for s in out["sections"]]
        assert "achievements" in roles and "problems" in roles, (kind, roles)


def test_error_messages_say_what_is_wrong(corpus: dict[str, bytes]) -> None:
    said = {kind: run("outline", corpus[kind]).stderr.decode() for kind in
            ("password-docx", "docx-only-textboxes", "docx-bomb", "over-default-limit", "pdf-encrypted",
             "pdf-no-text", "symlink-loop")}
    assert "password" in said["password-docx"]
    assert "text box" in said["docx-only-textboxes"]
    assert "too large" in said["docx-bomb"] and "too large" in said["over-default-limit"]
    assert "password" in said["pdf-encrypted"]
    assert "text layer" in said["pdf-no-text"]
    assert "symbolic links" in said["symlink-loop"] or "cannot read" in said["symlink-loop"]


def test_path_traversal_members_are_never_written(corpus: dict[str, bytes], tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    before = set(os.listdir(tmp_path))
    proc = run("check", "--format", "json", corpus["zip-path-traversal"], cwd=str(work))
    files = [f["file"] for f in json.loads(proc.stdout)["files"]]
    assert any(f.endswith(":../../evil.txt") for f in files)
    assert set(os.listdir(tmp_path)) == before and os.listdir(work) == []


# --------------------------------------------------------------------------- the limit


@pytest.mark.parametrize("cmd", ["text", "outline", "extract", "check"])
def test_max_size_option(cmd: str, tmp_path: Path) -> None:
    p = tmp_path / "doc.txt"
    p.write_text(GOOD, encoding="utf-8")
    small = run(cmd, "--max-size", "100", str(p))
    _check_outcome("max-size", cmd, small, FAIL)
    assert "too large" in small.stderr.decode()
    _check_outcome("max-size", cmd, run(cmd, "--max-size", "500k", str(p)), RESULT)
    _check_outcome("max-size", cmd, run(cmd, "--max-size=1MB", str(p)), RESULT)  # through Typer
    bad = run(cmd, "--max-size", "lots", str(p))
    _check_outcome("max-size", cmd, bad, FAIL)
    assert "--max-size" in bad.stderr.decode()


def test_max_size_from_config(tmp_path: Path) -> None:
    (tmp_path / ".zongjie.toml").write_text('max-size = "1k"\n', encoding="utf-8")
    p = tmp_path / "doc.txt"
    p.write_text(GOOD * 4, encoding="utf-8")
    _check_outcome("config", "check", run("check", str(p)), FAIL)
    _check_outcome("config", "check", run("check", "--max-size", "0", str(p)), RESULT)  # the option wins
    (tmp_path / ".zongjie.toml").write_text('max-size = "a lot"\n', encoding="utf-8")
    proc = run("check", str(p))
    _check_outcome("config", "check", proc, FAIL)
    assert "max-size" in proc.stderr.decode()


def test_reader_limit_units() -> None:
    from zongjie.errors import ReadError
    from zongjie.reader import DEFAULT_MAX_SIZE, check_size, parse_size, read_bytes

    assert DEFAULT_MAX_SIZE == 20 * 1024 * 1024 == parse_size("20MB") == parse_size("20m")
    assert (parse_size("500k"), parse_size("1.5KiB"), parse_size("4096"), parse_size(" 2 GB ")) == \
           (512_000, 1536, 4096, 2 * 1024 ** 3)
    assert parse_size(None) is None and parse_size(0) == 0
    for bad in ("", "k", "-1MB", "20 parsecs", "1e3"):
        with pytest.raises(ValueError):
            parse_size(bad)
    check_size("字" * 1000, "x", 3000)  # 3000 UTF-8 bytes: at the limit
    with pytest.raises(ReadError, match="too large"):
        check_size("字" * 1001, "x", 3000)
    check_size("a" * 10**6, "x", 0)  # 0: no limit
    with pytest.raises(ReadError, match="^big.txt: too large"):
        read_bytes(b"a" * 5000, "big.txt", max_size=4096)
    assert read_bytes(b"a" * 4096, "ok.txt", max_size=4096).text == "a" * 4096


# --------------------------------------------------------------------------- batch


def test_batch_records_errors_and_goes_on(corpus: dict[str, bytes], tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    inputs = [corpus[k] for k in ("zip-bomb", "zip-path-traversal", "nested-zips", "jsonl-broken-line",
                                  "jsonl-missing-text", "truncated-docx", "password-docx", "over-default-limit",
                                  "empty", "mixed-encodings")]
    out = tmp_path / "out"
    proc = run("batch", *inputs, "--out", str(out), "--workers", "1", "--no-report", "--json", timeout=240)
    err = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err and proc.returncode == 0, err[-2000:]
    errors = pq.read_table(next(out.rglob("errors*.parquet")) if not (out / "errors.parquet").exists()
                           else out / "errors.parquet").to_pylist()
    messages = " | ".join(str(r) for r in errors)
    for needle in ("bomb.zip", "nested.zip", "broken.jsonl:2", "notext.jsonl:1", "cut.docx", "secret.docx",
                   "huge.txt", "empty.txt"):
        assert needle in messages, (needle, messages)
    summary = json.loads(proc.stdout)
    assert summary["analysed"] >= 4  # traversal.zip's two members, broken.jsonl's good line, mixed.txt


def test_stdin_is_bounded_too() -> None:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    proc = subprocess.run([sys.executable, "-m", "zongjie", "outline", "--max-size", "1k", "-"],
                          input=(GOOD * 40).encode(), capture_output=True, timeout=TIMEOUT, env=env)
    _check_outcome("stdin", "outline", proc, FAIL)
    assert proc.stderr.decode().startswith("zongjie: -: too large")
    proc = subprocess.run([sys.executable, "-m", "zongjie", "outline", "--json", "-"], input=GOOD.encode(),
                          capture_output=True, timeout=TIMEOUT, env=env)
    _check_outcome("stdin", "outline", proc, RESULT)
