"""Linear cost, checked structurally: the matcher's work counters (candidate plan items gathered,
similarity evaluations) grow linearly with the input.  Nothing here is timed — speed is measured
by ``bench/bench_scaling.py``."""

from __future__ import annotations

import glob
import json
from pathlib import Path

import pytest
import zongjie
from zongjie import matcher
from zongjie.matcher import Statement, align, plan_items, problem_statements

ROOT = Path(__file__).resolve().parents[1]
PUBLIC = sorted(glob.glob(str(ROOT / "corpora" / "public" / "*" / "*.jsonl")))


def _report(report_id: str) -> str:
    for path in PUBLIC:
        for line in open(path, encoding="utf-8"):
            r = json.loads(line)
            if r["id"] == report_id:
                return (r.get("title") or "") + "\n" + r["text"]
    raise AssertionError(f"{report_id} is not in corpora/public")


def _work(probs: list[Statement], plans: list[Statement], doc: zongjie.Document) -> dict[str, int]:
    matcher._ALIGNED.clear()  # a cached alignment would count no work
    before = dict(matcher._STATS)
    align(doc, problems=probs, plans=plans)
    return {k: matcher._STATS[k] - before[k] for k in before}


def test_alignment_work_grows_linearly(monkeypatch: pytest.MonkeyPatch) -> None:
    # A small window stands for the default one so that the document stays small: the statements
    # of one real report repeated k times (a long report made of similar parts).
    monkeypatch.setattr(matcher, "WINDOW", 64)
    doc = zongjie.structure(_report("cn-gwr-national-2024"))
    probs, plans = problem_statements(doc), plan_items(doc)
    assert len(probs) >= 10 and len(plans) >= 100  # both sides really grow below
    work = {k: _work(probs * k, plans * k, doc) for k in (2, 4, 8)}
    for k in (2, 4):
        assert work[2 * k]["problems"] == 2 * work[k]["problems"]
        for counter in ("postings", "similarity"):
            # all-pairs candidate gathering would grow 4× per doubling
            assert work[2 * k][counter] <= 2.2 * work[k][counter], (counter, work)


def test_windowless_alignment_is_quadratic_without_the_window(monkeypatch: pytest.MonkeyPatch) -> None:
    # The counter the test above bounds does see the quadratic behaviour when nothing limits it,
    # so that test can fail.
    monkeypatch.setattr(matcher, "WINDOW", 10**9)
    doc = zongjie.structure(_report("cn-gwr-national-2024"))
    probs, plans = problem_statements(doc), plan_items(doc)
    small, large = _work(probs * 2, plans * 2, doc), _work(probs * 4, plans * 4, doc)
    assert large["postings"] >= 3.5 * small["postings"]


def test_real_reports_fit_in_the_window() -> None:
    # The window leaves the alignment of a real report unchanged only if it holds all of its plan
    # items: keep it above the longest report's count.
    most = 0
    for path in PUBLIC:
        for line in open(path, encoding="utf-8"):
            r = json.loads(line)
            doc = zongjie.structure((r.get("title") or "") + "\n" + r["text"])
            most = max(most, len(plan_items(doc)))
    assert 500 < most < matcher.WINDOW
