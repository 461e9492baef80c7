"""`zongjie check` and `zongjie rules` from the command line: formats, exit codes, inputs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner
from zongjie.cli.main import app

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpora" / "seed.txt"
CLEAN = ("青溪县文化和旅游局2023年工作总结暨2024年工作计划\n"
         "2023年，我局在县委、县政府的坚强领导下，扎实推进各项工作，现将有关情况总结如下。\n"
         "一、工作开展情况\n（一）文化惠民扎实推进。全年开展送戏下乡演出126场，服务群众3.2万人次。\n"
         "（二）旅游市场持续回暖。全县接待游客186万人次，实现旅游收入12.6亿元，同比增长18.5%。\n"
         "二、存在的问题\n一是公共文化设施运营经费不足，部分乡镇综合文化站利用率不高。二是旅游产品同质化问题突出，缺少有影响力的精品线路。\n"
         "三、2024年工作计划\n（一）保障公共文化设施运营经费。积极争取运营经费，提高乡镇综合文化站利用率。\n"
         "（二）打造精品旅游线路。整合全县旅游资源，推出有影响力的精品线路3条，破解旅游产品同质化问题。\n")
GAP = CLEAN.replace("三、2024年工作计划", "四、2024年工作计划")
STYLE = CLEAN.replace("（二）旅游市场", "(二)旅游市场")

runner = CliRunner()


def run(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


@pytest.fixture
def files(tmp_path):
    (tmp_path / "clean.txt").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "gap.txt").write_text(GAP, encoding="utf-8")
    (tmp_path / "style.md").write_text(STYLE, encoding="utf-8")
    (tmp_path / "gbk.txt").write_bytes(GAP.encode("gb18030"))
    return tmp_path


def test_exit_0_on_clean_and_1_on_errors(files):
    r = run("check", str(files / "clean.txt"))
    assert r.exit_code == 0, r.output
    assert "0 errors" in r.output
    r = run("check", str(files / "gap.txt"))
    assert r.exit_code == 1
    assert f"{files / 'gap.txt'}:8:1 error ZJ201 numbering-gap 一级标题序号不连续" in r.output
    assert "^^" in r.output  # the caret under the marker


def test_text_format_caret_alignment(files):
    r = run("check", str(files / "gap.txt"), "--no-color")
    lines = r.output.splitlines()
    i = next(k for k, ln in enumerate(lines) if "ZJ201" in ln)
    src, caret = lines[i + 1], lines[i + 2]
    assert src.split("| ", 1)[1].startswith("四、2024年工作计划")
    assert caret.split("| ", 1)[1] == "^^^^"  # 四、 is two characters, four display cells
    assert "\033[" not in r.output


def test_colour_on_request(files):
    r = run("check", str(files / "gap.txt"), "--color")
    assert "\033[1;31merror" in r.output


def test_warning_only_exits_0_unless_fail_level(files):
    r = run("check", str(files / "style.md"))
    assert r.exit_code == 0 and "numbering-style" in r.output
    assert run("check", str(files / "style.md"), "--fail-level", "warning").exit_code == 1
    assert run("check", str(files / "clean.txt"), "--fail-level", "info").exit_code == 0


def test_json_single_file_matches_spec(files):
    r = run("check", str(files / "gap.txt"), "--format", "json")
    assert r.exit_code == 1
    d = json.loads(r.output)
    assert set(d) == {"file", "template", "findings", "summary"}
    assert d["template"] == "annual-summary"
    f = d["findings"][0]
    assert set(f) == {"rule", "name", "severity", "message", "start", "end", "line", "column", "fix"}
    assert f == {**f, "rule": "ZJ201", "name": "numbering-gap", "severity": "error", "line": 8, "column": 1}
    assert d["summary"] == {"errors": 1, "warnings": 0, "infos": 0}
    assert "缺少“三、”" in r.output  # not ASCII-escaped
    assert json.loads(run("check", str(files / "gap.txt"), "--json").output) == d


def test_json_several_files_and_directories(files):
    r = run("check", str(files / "clean.txt"), str(files / "gap.txt"), "--format", "json")
    d = json.loads(r.output)
    assert [Path(x["file"]).name for x in d["files"]] == ["clean.txt", "gap.txt"]
    assert d["summary"]["errors"] == 1 and r.exit_code == 1
    r = run("check", str(files), "--format", "json")
    d = json.loads(r.output)
    assert sorted(Path(x["file"]).name for x in d["files"]) == ["clean.txt", "gap.txt", "gbk.txt", "style.md"]
    gbk = next(x for x in d["files"] if x["file"].endswith("gbk.txt"))
    assert [f["name"] for f in gbk["findings"]] == ["numbering-gap"]  # decoded, not assumed


def test_jsonl_corpus_and_glob(files):
    corpus = files / "c.jsonl"
    corpus.write_text("\n".join(json.dumps({"id": i, "text": t, "title": "x"}, ensure_ascii=False)
                                for i, t in (("a", CLEAN), ("b", GAP))) + "\n", encoding="utf-8")
    d = json.loads(run("check", str(corpus), "--format", "json").output)
    assert [x["file"] for x in d["files"]] == [f"{corpus}#a", f"{corpus}#b"]
    r = run("check", str(files / "*.txt"), "--no-source")
    assert r.exit_code == 1 and "3 files checked" in r.output


def test_stdin():
    r = run("check", "-", "--format", "json", input=GAP)
    assert r.exit_code == 1
    assert json.loads(r.output)["findings"][0]["name"] == "numbering-gap"


def test_sarif_format(files):
    r = run("check", str(files / "gap.txt"), str(files / "style.md"), "--format", "sarif")
    d = json.loads(r.output)
    assert d["version"] == "2.1.0" and len(d["runs"]) == 1
    res = d["runs"][0]["results"]
    assert {x["ruleId"] for x in res} == {"ZJ201", "ZJ202"}
    assert r.exit_code == 1


def test_template_and_config_options(files, tmp_path):
    r = run("check", str(files / "gap.txt"), "--template", "duty-report", "--format", "json")
    assert json.loads(r.output)["template"] == "duty-report"
    cfg = tmp_path / "cfg.toml"
    cfg.write_text('disable = ["numbering-gap"]\n', encoding="utf-8")
    r = run("check", str(files / "gap.txt"), "--config", str(cfg))
    assert r.exit_code == 0, r.output
    (files / ".zongjie.toml").write_text('[severity]\nnumbering-gap = "warning"\nfail-level = "warning"\n',
                                         encoding="utf-8")
    r = run("check", str(files / "gap.txt"))
    assert r.exit_code == 2  # `fail-level` inside [severity] is not a rule


def test_fail_level_from_config(files):
    (files / ".zongjie.toml").write_text('fail-level = "warning"\n', encoding="utf-8")
    assert run("check", str(files / "style.md")).exit_code == 1


@pytest.mark.parametrize("args", [
    ["check", "/no/such/file.txt"],
    ["check", "{d}/clean.txt", "--format", "xml"],
    ["check", "{d}/clean.txt", "--fail-level", "fatal"],
    ["check", "{d}/clean.txt", "--template", "nonsense"],
    ["check", "{d}/clean.txt", "--config", "/no/such/config.toml"],
    ["check", "{d}/bad.docx"],
    ["rules", "no-such-rule"],
])
def test_exit_2_one_line_no_traceback(files, args):
    (files / "bad.docx").write_bytes(b"PK\x03\x04 not really a zip")
    args = [a.format(d=files) for a in args]
    p = subprocess.run([sys.executable, "-m", "zongjie.cli.main", *args], capture_output=True, text=True, cwd=ROOT,
                       env={**os.environ, "NO_COLOR": "1"})
    assert p.returncode == 2, (p.stdout, p.stderr)
    assert "Traceback" not in p.stderr
    err = [ln for ln in p.stderr.splitlines() if ln.strip()]
    assert len(err) == 1 and err[0].startswith("zongjie: "), p.stderr


def test_real_exit_codes_in_a_subprocess(files):
    base = [sys.executable, "-m", "zongjie.cli.main", "check"]
    assert subprocess.run(base + [str(files / "clean.txt")], capture_output=True, cwd=ROOT).returncode == 0
    assert subprocess.run(base + [str(files / "gap.txt")], capture_output=True, cwd=ROOT).returncode == 1


def test_seed():
    r = run("check", str(SEED), "--format", "json")
    d = json.loads(r.output)
    assert r.exit_code == 1
    names = {f["name"] for f in d["findings"]}
    assert "placeholder" in names  # the seed is a redacted draft: its ***/** are unfilled
    assert not names & {"missing-section", "empty-section", "numbering-gap", "year-mismatch"}


def test_rules_list_and_explain():
    r = run("rules")
    assert r.exit_code == 0
    for name in ("missing-section", "numbering-gap", "heading-punctuation", "government-work-report"):
        assert name in r.output
    r = run("rules", "ZJ201")
    assert r.exit_code == 0 and "numbering-gap" in r.output and "为什么" in r.output
    r = run("rules", "placeholder", "--json")
    assert json.loads(r.output)["code"] == "ZJ301"
    d = json.loads(run("rules", "--json").output)
    assert len(d["rules"]) >= 9
