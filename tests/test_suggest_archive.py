"""zongjie.archive.iter_documents: files, directories, globs, zip archives and JSONL corpora."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from zongjie.archive import iter_documents
from zongjie.errors import ReadError

TEXT = "某局2023年工作总结\n一、工作情况\n完成任务。\n"


@pytest.fixture
def tree(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, "utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.gbk.txt").write_bytes(TEXT.encode("gb18030"))
    (tmp_path / "sub" / "c.md").write_text("# 标题\n\n正文", "utf-8")
    (tmp_path / "sub" / "notes.json").write_text("{}", "utf-8")  # not a document
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.txt").write_text(TEXT, "utf-8")
    return tmp_path


def test_directory_recursive_sorted(tree):
    got = list(iter_documents([tree]))
    assert [d for d, _, _ in got] == ["a.txt", "sub/b.gbk.txt", "sub/c.md"]
    assert all(t == TEXT for d, t, _ in got if d.endswith(".txt"))
    meta = dict((d, m) for d, _, m in got)
    assert meta["sub/b.gbk.txt"]["encoding"].lower().startswith("gb")
    assert meta["sub/c.md"]["markdown"] is True and meta["a.txt"]["source"].endswith("a.txt")


def test_glob_and_single_file(tree):
    assert [d for d, _, _ in iter_documents([str(tree / "**" / "*.txt")])] == [
        str(tree / "a.txt"), str(tree / "sub" / "b.gbk.txt")]
    assert [d for d, _, _ in iter_documents(str(tree / "a.txt"))] == [str(tree / "a.txt")]


def test_zip_with_gbk_names_and_nested(tmp_path):
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as z:
        z.writestr("inner.txt", TEXT)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("ABCD.txt", TEXT.encode("gb18030"))  # renamed below to GBK bytes, no UTF-8 flag
        z.writestr("__MACOSX/._x.txt", b"junk")
        z.writestr("nested.zip", inner.getvalue())
        z.writestr("data.jsonl", json.dumps({"id": "j1", "text": TEXT}, ensure_ascii=False) + "\n")
        z.writestr("image.png", b"\x89PNG")
    raw = buf.getvalue().replace(b"ABCD.txt", "总结.txt".encode("gb18030"))  # what Windows tools write
    p = tmp_path / "arch.zip"
    p.write_bytes(raw)
    got = list(iter_documents([p]))
    ids = [d for d, _, _ in got]
    assert ids == ["j1", f"{p}:nested.zip:inner.txt", f"{p}:总结.txt"]
    assert all(t == TEXT for _, t, _ in got)
    member = {m["member"] for _, _, m in got}
    assert "总结.txt" in member


def test_jsonl_fields_and_bad_lines(tmp_path):
    p = tmp_path / "c.jsonl"
    p.write_text("\n".join([json.dumps({"id": "r1", "text": TEXT, "year": 2023}, ensure_ascii=False), "{bad json",
                            json.dumps({"id": "r3"}), json.dumps({"text": "无编号"}, ensure_ascii=False), ""]), "utf-8")
    got = list(iter_documents([p], errors="yield"))
    assert [d for d, _, _ in got] == ["r1", f"{p}:2", f"{p}:3", f"{p}:4"]
    assert got[0][2]["fields"] == {"year": 2023} and got[0][2]["line"] == 1
    assert got[1][1] is None and "bad JSON" in got[1][2]["error"]
    assert got[2][1] is None and "text" in got[2][2]["error"]
    assert got[3][1] == "无编号"
    with pytest.raises(ReadError):
        list(iter_documents([p]))
    assert [d for d, _, _ in iter_documents([p], errors="skip")] == ["r1", f"{p}:4"]


def test_raw_bytes_and_errors(tmp_path):
    f = tmp_path / "a.txt"
    f.write_bytes(TEXT.encode("gb18030"))
    [(d, data, meta)] = list(iter_documents([f], decode=False))
    assert data == TEXT.encode("gb18030") and meta["format"] == "txt"
    (tmp_path / "bad.docx").write_bytes(b"not a zip")
    got = list(iter_documents([tmp_path / "bad.docx", tmp_path / "missing.txt", tmp_path / "*.nomatch"],
                              errors="yield"))
    assert [m["error"] is not None for _, _, m in got] == [True, True, True]
    assert all(t is None for _, t, _ in got)
    with pytest.raises(ReadError, match="missing.txt"):
        list(iter_documents([tmp_path / "missing.txt"]))
    with pytest.raises(ValueError):
        list(iter_documents([f], errors="ignore"))
