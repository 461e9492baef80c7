"""The repository alone is the project: a copy of the checkout with nothing beside it has every
file the suite reads, refers to nothing outside itself, and its tests run against a package built
from that copy (not the developer's editable install)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# a path outside the repository: the old sibling folder, or an absolute machine path
SIBLING = "shared"  # the steering folder beside a developer's checkout (spelled once, not as a path)
OUTSIDE = re.compile(rf"\.\./{SIBLING}|(?<![\w.])/{SIBLING}/|/work/(main|{SIBLING})")


def _project_files() -> list[str]:
    out = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout.split("\n")
    return [f for f in out if f and (ROOT / f).is_file()]


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The working tree as git sees it (tracked and new files, not ignored ones), in an empty folder."""
    dest = tmp_path_factory.mktemp("lonely") / "zongjie"
    for f in _project_files():
        target = dest / f
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes((ROOT / f).read_bytes())
    assert not (dest.parent / "shared").exists()
    return dest


def test_no_reference_outside_the_repository() -> None:
    bad = []
    for f in _project_files():
        if f.endswith((".md", ".jsonl", ".npz", ".docx", ".png", ".pdf")) or f == "tests/test_self_contained.py":
            continue  # prose may name the steering folder; data files are not code
        text = (ROOT / f).read_bytes().decode("utf-8", "replace")
        bad += [f"{f}: {m.group(0)}" for m in OUTSIDE.finditer(text)]
    assert not bad, bad


def test_corpora_ship_with_the_repository() -> None:
    assert (ROOT / "corpora" / "seed.txt").stat().st_size > 10_000
    jsonl = sorted((ROOT / "corpora" / "public").glob("*/*.jsonl"))
    assert [p.name for p in jsonl] == ["cpc_congress_reports.jsonl", "national_gov_work_reports.jsonl",
                                       "provincial_gov_work_reports_2026.jsonl"]
    assert sum(1 for p in jsonl for _ in p.open(encoding="utf-8")) == 97
    readme = (ROOT / "corpora" / "README.md").read_text("utf-8")
    assert "Legal status" in readme and "著作权法第五条" in readme


def test_packaged_sample_is_the_demo_draft() -> None:
    from importlib.resources import files

    packaged = (files("zongjie") / "samples" / "draft.txt").read_bytes()
    assert packaged == (ROOT / "corpora" / "demo" / "draft.txt").read_bytes()


def test_suite_runs_from_a_lonely_copy(clone: Path, tmp_path: Path) -> None:
    wheel_dir, site = tmp_path / "wheel", tmp_path / "site"
    pip = [sys.executable, "-m", "pip", "-q", "--disable-pip-version-check"]
    subprocess.run([*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(wheel_dir), str(clone)],
                   check=True, capture_output=True)
    (wheel,) = wheel_dir.glob("zongjie-*.whl")
    subprocess.run([*pip, "install", "--no-deps", "--target", str(site), str(wheel)], check=True,
                   capture_output=True)
    # the wheel installs one import package (and the console script)
    assert {p.name for p in site.iterdir() if not p.name.endswith(".dist-info")} <= {"bin", "zongjie"}
    assert (site / "zongjie" / "cli" / "fast.py").exists() and (site / "zongjie" / "models" / "roles.json").exists()
    env = {"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path),
           "ZONGJIE_CACHE_DIR": str(tmp_path / "cache")}
    where = subprocess.run([sys.executable, "-c", "import zongjie; print(zongjie.__file__)"], cwd=clone,
                           env=env, capture_output=True, text=True, check=True).stdout
    assert where.startswith(str(site)), where
    collect = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-p", "no:cacheprovider"],
                             cwd=clone, env=env, capture_output=True, text=True)
    assert collect.returncode == 0, collect.stdout[-3000:] + collect.stderr[-3000:]
    n = int(re.search(r"(\d+) tests? collected", collect.stdout).group(1))
    assert n >= 1000, collect.stdout[-500:]
    # the tests that read the seed, the public corpora and the annotated documents, from the copy
    run = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-x",
                          "tests/test_engine.py", "tests/test_claims.py", "tests/test_checker_corpus.py"],
                         cwd=clone, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert re.search(r"\d+ passed", run.stdout) and "skipped" not in run.stdout, run.stdout[-500:]
