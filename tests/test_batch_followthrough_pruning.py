"""Follow-through skips the candidates that cannot beat the best match so far (issue #17): an
upper bound of ``matcher.similarity`` (``matcher.similarity_bound``, and for the batch the
sparse-matrix bounds of ``followthrough.ngram_bounds``) decides.  The matches must be exactly
those of scoring every candidate, on real reports (consecutive national government work
reports of ``corpora/public``)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from zongjie import previous
from zongjie.batch import followthrough
from zongjie.batch.followthrough import ngram_bounds, sentences
from zongjie.matcher import similarity, similarity_bound

CORPUS = Path(__file__).resolve().parents[1] / "corpora" / "public" / "cn-political-corpora" / \
    "national_gov_work_reports.jsonl"
YEARS = (2022, 2023, 2024)  # two pairs: the plans of 2022's report against 2023's achievements, …


@pytest.fixture(scope="module")
def pairs() -> list[tuple[list[str], list[str]]]:
    """(plan items of the report of year Y, achievements sentences of the report of Y + 1)."""
    from zongjie.batch.tables import analyze_item

    docs = {}
    with open(CORPUS, encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            if d.get("year") in YEARS:
                rows = analyze_item({"doc_id": d["id"], "text": d["text"], "path": "x.txt", "sha256": "0",
                                     "year": d["year"]})
                assert "errors" not in rows or not rows["errors"], rows.get("errors")
                docs[d["year"]] = rows
    assert sorted(docs) == list(YEARS)
    out = []
    for y in YEARS[:-1]:
        items = [r[2] for r in sorted(docs[y]["plans"], key=lambda r: r[1])]
        paras = [r[4] for r in sorted(docs[y + 1]["achievements"], key=lambda r: r[1])]
        out.append((items, sentences(paras)))
    assert all(len(items) > 50 and len(sents) > 100 for items, sents in out)
    return out


def _no_pruning(units: list[str], sents: list[str]):
    """Bounds that prune nothing: every candidate of every unit is scored."""
    def bound(u: int, ids: list[int]) -> list[float]:
        return [math.inf] * len(ids)
    return bound


def brute_force(items: list[str], sents: list[str]) -> list[tuple]:
    """The matching with every candidate of every unit scored (what it was before the bounds)."""
    return previous._match(items, sents, _no_pruning)


def test_pruned_matching_equals_scoring_every_candidate(pairs):
    for items, sents in pairs:
        ref = brute_force(items, sents)
        assert sum(1 for _j, _k, score, _m in ref if score >= previous.THRESHOLD) >= 5  # real matches
        assert previous._match(items, sents) == ref  # matcher.similarity_bound
        assert previous._match(items, sents, ngram_bounds) == ref  # the batch's sparse bounds
        assert previous.best_matches(items, sents, ngram_bounds) == [(j, s) for j, _k, s, _m in ref]


def test_match_items_rows_equal_brute_force(pairs):
    items, sents = pairs[0]
    rows = followthrough.match_items(list(enumerate(items)), sents)
    ref = brute_force(items, sents)
    assert [(r["plan_id"], r["score"], r["best_match"]) for r in rows] == \
        [(k, s, sents[j] if j is not None else None) for k, (j, _k, s, _m) in enumerate(ref)]


def _requested(items: list[str], sents: list[str]) -> tuple[list[str], list[tuple[int, list[int]]]]:
    """The units and the candidate ids ``_match`` asks bounds for."""
    asked: list[tuple[int, list[int]]] = []
    seen: list[list[str]] = []

    def record(units: list[str], s: list[str]):
        seen.append(units)

        def bound(u: int, ids: list[int]) -> list[float]:
            asked.append((u, list(ids)))
            return [math.inf] * len(ids)
        return bound

    previous._match(items, sents, record)
    return seen[0], asked


def _candidate(sents: list[str], c: int) -> str:
    n = len(sents)
    return sents[c] if c < n else sents[c - n] + "，" + sents[c - n + 1]


def test_bounds_are_upper_bounds_and_prune(pairs, monkeypatch):
    items, sents = pairs[0]
    units, asked = _requested(items, sents)
    bound = ngram_bounds(units, sents)
    checked = 0
    for u, ids in asked[::3]:
        for c, ub in zip(ids, bound(u, ids)):
            cand = _candidate(sents, c)
            exact_bound = similarity_bound(units[u], cand)
            assert similarity(units[u], cand) <= exact_bound <= ub, (units[u], cand)
            assert ub <= exact_bound * (1 + 1e-6) + 1e-9  # the same bound, up to the slack
            checked += 1
    assert checked > 1000
    # most candidates are not scored: similarity is called for a small share of them (and once
    # per matched item with the rarity weights)
    import zongjie.matcher

    calls = []
    plain = zongjie.matcher.similarity
    monkeypatch.setattr(zongjie.matcher, "similarity", lambda a, b, idf=None: calls.append(1) or plain(a, b, idf))
    previous._match(items, sents, ngram_bounds)
    assert len(calls) < 0.2 * sum(len(ids) for _u, ids in asked)


def test_a_bound_below_the_similarity_changes_the_matches(pairs):
    """The comparison above can fail: bounds 10 % too low skip candidates that win."""
    items, sents = pairs[0]

    def low(units: list[str], s: list[str]):
        exact = ngram_bounds(units, s)
        return lambda u, ids: [0.9 * b for b in exact(u, ids)]

    assert previous._match(items, sents, low) != brute_force(items, sents)


def test_bounds_are_computed_block_by_block(pairs, monkeypatch):
    items, sents = pairs[0]
    ref = previous._match(items, sents, ngram_bounds)
    monkeypatch.setattr(followthrough, "BOUND_BLOCK", 7)
    assert previous._match(items, sents, ngram_bounds) == ref
