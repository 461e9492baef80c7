"""`zongjie check --fix` / `--diff`: .bak, encodings and line endings kept, diff output,
idempotence, exit codes, stdin refused, .docx fixed run by run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner
from zongjie.cli.main import app

ROOT = Path(__file__).resolve().parent.parent
# a complete annual summary (no structural finding) with five language defects, all safely fixable
DRAFT = ("青溪县档案局2023年工作总结暨2024年工作计划\n"
         "2023年，我局在县委、县政府的坚强领导下，扎实推进各项工作，现将有关情况总结如下。\n"
         "一、工作开展情况\n"
         "（一）馆藏资源不断丰富。全年接收档案1200卷,完成数字化扫描3.6万页。。\n"
         "（二）服务能力持续提升。截止2023年底，累计接待查档群众4800人次，同比增长5-8%。\n"
         "二、存在的问题\n"
         "一是档案信息化水平不高，数字档案馆建设滞后。二是专业人才短缺，队伍结构老化。\n"
         "三、2024年工作计划\n"
         "（一）加快数字档案馆建设。提高档案信息化水平，推进数字档案馆建设，3月15号前完成系统招标。\n"
         "（二）加强队伍建设。引进专业人才，优化队伍结构，开展业务培训12场次。\n")
FIXED_LINES = {4: "（一）馆藏资源不断丰富。全年接收档案1200卷，完成数字化扫描3.6万页。",
               5: "（二）服务能力持续提升。截至2023年底，累计接待查档群众4800人次，同比增长5%～8%。",
               9: "（一）加快数字档案馆建设。提高档案信息化水平，推进数字档案馆建设，3月15日前完成系统招标。"}
# the same with a repeated-punctuation error left that has no safe fix (`，、`): exit 1 after --fix
UNFIXABLE = DRAFT.replace("队伍结构老化。", "队伍结构，、老化。")

runner = CliRunner()


def run(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


def zongjie(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """The console entry point (cli/fast.py first), as a user runs it."""
    return subprocess.run([sys.executable, "-m", "zongjie.cli", *args], capture_output=True, text=True, cwd=cwd)


def lines(text: str) -> list[str]:
    return text.split("\n")


def test_fix_in_place_keeps_a_backup(tmp_path):
    p = tmp_path / "draft.txt"
    p.write_text(DRAFT, encoding="utf-8")
    r = run("check", str(p), "--fix", "--no-color")
    assert r.exit_code == 0, r.output
    new = p.read_text(encoding="utf-8")
    for n, want in FIXED_LINES.items():
        assert lines(new)[n - 1] == want
    assert (tmp_path / "draft.txt.bak").read_text(encoding="utf-8") == DRAFT
    assert "0 errors" in r.stdout
    # nothing of the language rules with a safe fix is left
    r2 = run("check", str(p), "--format", "json")
    left = [f for f in json.loads(r2.stdout)["findings"] if f["fix"] and f["fix"]["safe"]]
    assert left == []


def test_fix_twice_changes_nothing_the_second_time(tmp_path):
    p = tmp_path / "draft.txt"
    p.write_text(DRAFT, encoding="utf-8")
    assert run("check", str(p), "--fix").exit_code == 0
    once = p.read_bytes()
    (tmp_path / "draft.txt.bak").unlink()
    assert run("check", str(p), "--fix").exit_code == 0
    assert p.read_bytes() == once
    assert not (tmp_path / "draft.txt.bak").exists()  # nothing changed: no backup written


def test_gbk_crlf_and_bom_round_trip(tmp_path):
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(DRAFT.replace("\n", "\r\n").encode("gbk"))
    assert run("check", str(gbk), "--fix").exit_code == 0
    data = gbk.read_bytes()
    text = data.decode("gbk")  # still GBK (strict decode), still CRLF everywhere
    assert text.count("\r\n") == DRAFT.count("\n") and "\n" not in text.replace("\r\n", "")
    assert lines(text.replace("\r\n", "\n"))[3] == FIXED_LINES[4]
    assert (tmp_path / "gbk.txt.bak").read_bytes() == DRAFT.replace("\n", "\r\n").encode("gbk")
    bom = tmp_path / "bom.md"
    bom.write_bytes(b"\xef\xbb\xbf" + DRAFT.encode("utf-8"))
    assert run("check", str(bom), "--fix").exit_code == 0
    data = bom.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and lines(data[3:].decode("utf-8"))[4] == FIXED_LINES[5]


def test_mixed_line_endings_are_kept_line_by_line(tmp_path):
    p = tmp_path / "mixed.txt"
    raw = DRAFT.split("\n")
    mixed = "".join(line + ("\r\n" if i % 2 else "\n") for i, line in enumerate(raw[:-1]))
    p.write_bytes(mixed.encode("utf-8"))
    assert run("check", str(p), "--fix").exit_code == 0
    out = p.read_bytes().decode("utf-8")
    ends = [e for e in ("\r\n" if i % 2 else "\n" for i in range(len(raw) - 1))]
    assert out.count("\r\n") == ends.count("\r\n")
    assert "卷，完成" in out


def test_diff_prints_and_changes_nothing(tmp_path):
    p = tmp_path / "draft.txt"
    p.write_text(DRAFT, encoding="utf-8")
    r = run("check", str(p), "--diff")
    assert r.exit_code == 1  # there is something to fix
    assert p.read_text(encoding="utf-8") == DRAFT and not (tmp_path / "draft.txt.bak").exists()
    out = r.stdout
    assert out.startswith(f"--- a/{p}\n+++ b/{p}\n@@ ")
    assert "-（一）馆藏资源不断丰富。全年接收档案1200卷,完成数字化扫描3.6万页。。\n" in out
    assert "+" + FIXED_LINES[4] + "\n" in out
    assert "+" + FIXED_LINES[9] + "\n" in out
    # once fixed, the diff is empty and the exit code 0
    run("check", str(p), "--fix")
    r = run("check", str(p), "--diff")
    assert r.exit_code == 0 and r.stdout == ""


def test_exit_code_comes_from_what_remains(tmp_path):
    p = tmp_path / "left.txt"
    p.write_text(UNFIXABLE, encoding="utf-8")
    r = run("check", str(p), "--fix", "--format", "json")
    assert r.exit_code == 1
    rep = json.loads(r.stdout)
    assert [f["name"] for f in rep["findings"] if f["severity"] == "error"] == ["repeated-punctuation"]
    assert "卷，完成" in p.read_text(encoding="utf-8")  # the safe ones were applied all the same


def test_stdin_and_both_flags_are_usage_errors(tmp_path):
    r = run("check", "-", "--fix", input=DRAFT)
    assert r.exit_code == 2
    p = tmp_path / "draft.txt"
    p.write_text(DRAFT, encoding="utf-8")
    r = run("check", str(p), "--fix", "--diff")
    assert r.exit_code == 2 and p.read_text(encoding="utf-8") == DRAFT


def test_console_script_path(tmp_path):
    """`check FILE --fix` falls through the fast path to Typer; errors are one line, exit 2."""
    p = tmp_path / "draft.txt"
    p.write_text(DRAFT, encoding="utf-8")
    r = zongjie("check", str(p), "--diff")
    assert r.returncode == 1 and "+" + FIXED_LINES[5] in r.stdout
    r = zongjie("check", str(p), "--fix", "--no-color")
    assert r.returncode == 0 and (tmp_path / "draft.txt.bak").exists(), r.stderr
    assert "fixes applied" in r.stderr
    r = zongjie("check", "-", "--fix")
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "Traceback" not in r.stderr


def test_fast_path_still_serves_plain_check():
    from zongjie.cli import fast

    assert fast._parse_check(["x.txt"]) is not None
    assert fast._parse_check(["x.txt", "--fix"]) is None  # → Typer, which owns --fix / --diff
    assert fast._parse_check(["x.txt", "--diff"]) is None


def _docx(path: Path, paragraphs: list[list[tuple[str, bool]]]) -> None:
    import docx

    d = docx.Document()
    for runs in paragraphs:
        p = d.add_paragraph()
        for text, bold in runs:
            p.add_run(text).bold = bold
    d.save(str(path))


def test_docx_fixed_run_by_run_keeping_formatting(tmp_path):
    p = tmp_path / "draft.docx"
    paras = [[(line, False)] for line in DRAFT.strip("\n").split("\n")]
    # a bold run holding a fix, and a fix that straddles two runs (left, reported)
    paras[3] = [("（一）馆藏资源不断丰富。", True), ("全年接收档案1200卷,完成数字化扫描3.6万页。", False)]
    paras[4] = [("（二）服务能力持续提升。截止2023年底，累计接待查档群众4800人次，同比增长5-", False),
                ("8%。", True)]
    _docx(p, paras)
    r = run("check", str(p), "--fix", "--no-color")
    assert (tmp_path / "draft.docx.bak").exists()
    import docx

    d = docx.Document(str(p))
    runs3 = d.paragraphs[3].runs
    assert runs3[0].bold and runs3[0].text == "（一）馆藏资源不断丰富。"
    assert runs3[1].text == "全年接收档案1200卷，完成数字化扫描3.6万页。" and not runs3[1].bold
    p4 = d.paragraphs[4]
    assert p4.text.startswith("（二）服务能力持续提升。截至2023年底")  # inside one run: fixed
    assert "5-8%" in p4.text  # across two runs: left
    assert "--fix of .docx edits only fixes inside one run; 1 fixes left, use --annotate" in r.stderr
    # --diff of a .docx shows every safe fix in the extracted text, the one --fix could not make too
    r = run("check", str(p), "--diff")
    assert r.exit_code == 1 and "+（二）服务能力持续提升。截至2023年底，累计接待查档群众4800人次，同比增长5%～8%。" in r.stdout


def test_jsonl_and_pdf_are_refused(tmp_path):
    j = tmp_path / "c.jsonl"
    j.write_text(json.dumps({"id": "a", "text": DRAFT}, ensure_ascii=False) + "\n", encoding="utf-8")
    r = run("check", str(j), "--fix")
    assert r.exit_code == 2
