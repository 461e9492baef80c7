"""`zongjie suggest` and `zongjie index`: the SPEC JSON shape, exit codes, an index of one's own."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner
from zongjie.cli.main import app

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpora" / "seed.txt"

DOC = """某局2023年工作总结暨2024年工作计划
一、工作开展情况
完成了年度任务。
二、存在的问题
一是信息化建设滞后，数据标准不统一；二是基层监管力量相对薄弱。
三、2024年工作计划
（一）加快信息化建设。建设统一的数据共享平台。
"""


def _run(*args):
    return CliRunner().invoke(app, list(args))


def _check_shape(data, text):
    assert set(data) == {"file", "problems"}
    for p in data["problems"]:
        assert set(p) == {"text", "start", "end", "addressed_by", "suggestions"}
        assert text[p["start"]:p["end"]] == p["text"]
        ab = p["addressed_by"]
        assert ab is None or (set(ab) == {"start", "end"} and 0 <= ab["start"] < ab["end"] <= len(text))
        for s in p["suggestions"]:
            assert {"text", "score", "source", "clause"} <= set(s) <= {"text", "score", "source", "clause", "detail"}
            assert len(s["text"]) <= 60 and (s.get("detail") is None or s["text"] != s["detail"])
            assert isinstance(s["score"], float) and 0.0 <= s["score"] <= 1.0
            assert s["source"] == "rewrite" or s["source"].startswith(("index:", "model:"))


def test_json_shape(tmp_path):
    f = tmp_path / "d.txt"
    f.write_text(DOC, "utf-8")
    r = _run("suggest", str(f), "--json", "--top", "2")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data["file"] == str(f)
    _check_shape(data, DOC)
    assert len(data["problems"]) == 2 and all(len(p["suggestions"]) <= 2 for p in data["problems"])
    assert data["problems"][0]["addressed_by"] is not None and data["problems"][1]["addressed_by"] is None


def test_seed_json():
    r = _run("suggest", str(SEED), "--json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    _check_shape(data, SEED.read_text("utf-8"))
    assert len(data["problems"]) == 6
    p5 = next(p for p in data["problems"] if p["text"].startswith("统战干部的能力素质"))
    sug = [s["text"] for s in p5["suggestions"]]
    assert "着力提升统战干部的能力素质" in sug


def test_rich_output(tmp_path):
    f = tmp_path / "d.txt"
    f.write_text(DOC, "utf-8")
    r = _run("suggest", str(f), "--no-index")
    assert r.exit_code == 0
    assert "问题 1" in r.stdout and "已有对应计划" in r.stdout and "计划中未找到对应措施" in r.stdout
    assert "夯实基层监管力量" in r.stdout


def test_own_index(tmp_path):
    arch = tmp_path / "archive"
    arch.mkdir()
    (arch / "old.txt").write_text(DOC.replace("2023", "2022").replace("2024", "2023"), "utf-8")
    (arch / "broken.docx").write_bytes(b"not a docx")
    out = tmp_path / "ix"
    r = _run("index", str(arch), "--out", str(out), "--json")
    assert r.exit_code == 0, r.output
    summary = json.loads(r.stdout)
    assert summary["documents"] == 1 and summary["errors"] == 1
    assert (out / "measures.json.gz").exists() and summary["measures"] >= 2
    q = tmp_path / "q.txt"
    q.write_text(DOC.replace("（一）加快信息化建设。建设统一的数据共享平台。", "（一）抓好党建工作。"), "utf-8")
    r = _run("suggest", str(q), "--index", str(out), "--json")
    assert r.exit_code == 0, r.output
    srcs = [s["source"] for s in json.loads(r.stdout)["problems"][0]["suggestions"]]
    assert "index:old.txt" in srcs


@pytest.mark.parametrize("args", [
    ["suggest", "/no/such/file.txt"],
    ["suggest", "{f}", "--index", "/no/such/index"],
    ["suggest", "{f}", "--model", "/no/such/model"],
    ["suggest", "{f}", "--index", "{tmp}", "--no-index"],
    ["index", "/no/such/dir", "--out", "{tmp}/x"],
])
def test_bad_usage_exit_2(tmp_path, args):
    f = tmp_path / "d.txt"
    f.write_text(DOC, "utf-8")
    argv = [a.format(f=f, tmp=tmp_path) for a in args]
    r = subprocess.run([sys.executable, "-m", "cli", *argv], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert r.stderr.startswith("zongjie: ") and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_stdin(tmp_path):
    r = subprocess.run([sys.executable, "-m", "cli", "suggest", "-", "--json", "--no-index"], input=DOC,
                       capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    assert len(json.loads(r.stdout)["problems"]) == 2


def test_cli_module_import_is_light():
    code = ("import sys, zongjie.cli.cmd_suggest; "
            "bad = [m for m in ('numpy', 'torch', 'transformers', 'sklearn', 'zongjie.suggest') if m in sys.modules]; "
            "assert not bad, bad")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
