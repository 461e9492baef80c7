"""The read-only commands, through the console script (fast path) and the Typer app."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner
from zongjie.cli.main import app

SEED = Path(__file__).resolve().parents[1] / "corpora" / "seed.txt"
ZONGJIE = [sys.executable, "-m", "cli"]


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*ZONGJIE, *args], input=stdin, capture_output=True, cwd=Path(__file__).parents[1])


def test_outline_json_shape() -> None:
    p = run("outline", "--json", str(SEED))
    assert p.returncode == 0, p.stderr
    d = json.loads(p.stdout)
    assert set(d) >= {"file", "title", "sections"}
    assert d["title"]["org"] == "县委统战部" and d["title"]["plan_year"] == 2023
    keys = {"role", "level", "marker", "number", "heading", "start", "end", "line", "children", "items"}
    assert all(keys <= set(s) for s in d["sections"])
    assert [s["role"] for s in d["sections"]] == ["preamble", "achievements", "problems", "plans"]


def test_extract_json_and_csv(tmp_path: Path) -> None:
    out = tmp_path / "claims.csv"
    res = CliRunner().invoke(app, ["extract", str(SEED), "--json", "--csv", str(out)])
    assert res.exit_code == 0, res.output
    d = json.loads(res.stdout)
    assert len(d["placeholders"]) == 55 and len(d["claims"]) == 26
    c = next(c for c in d["claims"] if c["text"] == "培训***余人次")
    assert (c["unit"], c["qualifier"], c["placeholder"], c["role"]) == ("人次", "余", True, "achievements")
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    assert len(rows) == 26 and rows[0]["unit"]


def test_text_gbk_and_stdin(tmp_path: Path) -> None:
    f = tmp_path / "gbk.txt"
    f.write_bytes("县委统战部2022年度工作总结\n一、工作开展情况\n".encode("gbk"))
    p = run("text", str(f))
    assert p.returncode == 0 and p.stdout.decode("utf-8").startswith("县委统战部2022年度工作总结")
    p = run("outline", "--json", "-", stdin="一、工作开展情况\n做了工作。\n".encode())
    assert p.returncode == 0 and json.loads(p.stdout)["sections"][0]["heading"] == "工作开展情况"


@pytest.mark.parametrize("content", [b"", b"\x00\x01\x02binary\x00", b"PK\x03\x04truncated"])
def test_unreadable_input_exit_2_one_line(tmp_path: Path, content: bytes) -> None:
    f = tmp_path / "bad.docx"
    f.write_bytes(content)
    for cmd in ("outline", "extract", "check", "text"):
        p = run(cmd, str(f))
        err = p.stderr.decode("utf-8").strip()
        assert p.returncode == 2, (cmd, err)
        assert err and "\n" not in err and "Traceback" not in err


def test_fast_path_and_typer_agree() -> None:
    p = run("outline", "--json", str(SEED))
    res = CliRunner().invoke(app, ["outline", str(SEED), "--json"])
    assert res.exit_code == 0
    assert json.loads(p.stdout) == json.loads(res.stdout)


def test_help_goes_through_typer() -> None:
    p = run("outline", "--help")
    assert p.returncode == 0 and b"--json" in p.stdout
