"""What editors re-use between keystrokes gives exactly what a fresh analysis gives: the
line-by-line extraction (``zongjie.linememo``), the matcher's counts and alignments, and the
item patterns that test their left boundary in Python."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest
import zongjie
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from zongjie import matcher
from zongjie.claims import find_claims
from zongjie.items import find_items
from zongjie.linememo import LineMemo
from zongjie.lsp.engine import analyze_text
from zongjie.normalize import fold
from zongjie.placeholders import find_placeholders

from tests.test_invariants import text_strategy

ROOT = Path(__file__).resolve().parents[1]
CORPORA_DIR = ROOT / "corpora"


def corpus_texts() -> list[str]:
    texts = [p.read_text("utf-8", errors="replace") for p in sorted((ROOT / "corpora").rglob("*.txt"))]
    for f in sorted((CORPORA_DIR / "public").glob("*/*.jsonl")):
        texts += [json.loads(line)["text"] for line in f.open(encoding="utf-8") if line.strip()]
    if (CORPORA_DIR / "seed.txt").exists():
        texts.append((CORPORA_DIR / "seed.txt").read_text("utf-8"))
    return texts


def whole(text: str, markdown: bool) -> tuple[list[dict], list[dict]]:
    ph = find_placeholders(text, markdown=markdown)
    return [p.to_dict() for p in ph], [c.to_dict() for c in find_claims(text, ph)]


def by_line(text: str, markdown: bool, memo: LineMemo | None = None) -> tuple[list[dict], list[dict]]:
    ph, cl = (memo if memo is not None else LineMemo()).extract(text, markdown=markdown)
    return [p.to_dict() for p in ph], [c.to_dict() for c in cl]


@pytest.mark.parametrize("markdown", [False, True])
def test_line_memo_equals_whole_text_on_corpora(markdown: bool) -> None:
    texts = corpus_texts()
    assert len(texts) > 40
    memo = LineMemo()
    for text in texts:
        assert by_line(text, markdown, memo) == whole(text, markdown)
    misses = memo.misses
    for text in texts[:10]:  # read back: no line analysed again
        assert by_line(text, markdown, memo) == whole(text, markdown)
    assert memo.misses == misses


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text_strategy, st.booleans())
def test_line_memo_equals_whole_text(text: str, markdown: bool) -> None:
    assert by_line(text, markdown) == whole(text, markdown)


def test_line_memo_reuses_unchanged_lines_and_stays_bounded() -> None:
    memo = LineMemo(limit=40)
    text = "\n".join(f"第{i}项：培训***余人次，投入{i}.5万元。" for i in range(30))
    by_line(text, False, memo)
    misses = memo.misses
    edited = text.replace("第7项", "第七项")
    assert by_line(edited, False, memo) == whole(edited, False)
    assert memo.misses == misses + 1
    by_line("\n".join(f"行{i}：{i}人" for i in range(100)), False, memo)
    assert len(memo) <= 40


def test_editor_analysis_equals_pipeline_analyze() -> None:
    text = (CORPORA_DIR / "seed.txt").read_text("utf-8") if (CORPORA_DIR / "seed.txt").exists() else \
        (ROOT / "corpora" / "demo" / "draft.txt").read_text("utf-8")
    i = text.index("。", len(text) // 2) + 1
    for t in (text, text[:i] + "字" + text[i:], text, text[:i] + "新增一句。" + text[i:]):
        ref = zongjie.analyze(t)
        got = analyze_text(t)
        assert [c.to_dict() for c in got.claims] == [c.to_dict() for c in ref.claims]
        assert [p.to_dict() for p in got.placeholders] == [p.to_dict() for p in ref.placeholders]
        assert [f.to_dict() for f in got.findings] == [f.to_dict() for f in ref.findings]


def _fresh_align(doc):
    matcher._LAST_RARITY[0] = None
    matcher._ALIGNED.clear()
    return [a.to_dict() | {"cands": [(c.start, round(s, 9)) for c, s in a.candidates]}
            for a in matcher.align(doc)]


def test_matcher_reuse_equals_fresh_alignment() -> None:
    texts = [t for t in corpus_texts() if "存在" in t and ("计划" in t or "打算" in t)][:12]
    assert texts
    rnd = random.Random(7)
    for text in texts:
        doc = zongjie.structure(text)
        fresh = _fresh_align(doc)
        # edits of one, two or a dozen sentences, and the same text again
        for n in (0, 1, 2, 12):
            t = text
            for _ in range(n):
                stops = [m.end() for m in re.finditer("。", t)]
                if not stops:
                    break
                at = rnd.choice(stops)
                t = t[:at] + "另" + t[at:]
            matcher._LAST_RARITY[0] = None
            matcher._ALIGNED.clear()
            matcher.align(zongjie.structure(text))  # leaves the counts of ``text`` behind
            d2 = zongjie.structure(t)
            reused = [a.to_dict() | {"cands": [(c.start, round(s, 9)) for c, s in a.candidates]}
                      for a in matcher.align(d2)]
            assert reused == _fresh_align(d2)
        again = [a.to_dict() | {"cands": [(c.start, round(s, 9)) for c, s in a.candidates]}
                 for a in matcher.align(doc)]
        assert again == fresh


def _reference_items(folded: str, monkeypatch: pytest.MonkeyPatch) -> list[tuple]:
    """find_items with the former patterns, the boundary as a look-behind: the oracle."""
    from zongjie import items

    b = r"(?:^|(?<=[。；;：:，,、！？!?”\"）)\s]))"
    with monkeypatch.context() as m:
        m.setattr(items, "RE_SHI", re.compile(b + r"([一二三四五六七八九十]{1,3})(是|要)(?![否的])"))
        m.setattr(items, "RE_ORD", re.compile(b + r"第([一二三四五六七八九十]{1,3})[，,、：:]"))
        m.setattr(items, "RE_QI", re.compile(b + r"其([一二三四五六七八九十])[，,、：:]"))
        m.setattr(items, "RE_SEQ", re.compile(b + r"(首先|其次|再次|然后|最后)[，,：:]"))
        m.setattr(items, "_opens", lambda seg, i: True)
        return _key(items.find_items(folded, 0, len(folded)))


def _key(its) -> list[tuple]:
    return [(i.marker, i.number, i.start, i.end, i.style, i.content_end) for i in its]


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(s=st.text(alphabet="一二三十是要否的第其首先次再然后最，,、：:。；! \n”x", max_size=40))
def test_item_boundaries_match_lookbehind_oracle(s: str, monkeypatch: pytest.MonkeyPatch) -> None:
    f = fold(s)
    assert _key(find_items(f, 0, len(f))) == _reference_items(f, monkeypatch)


def test_item_boundaries_on_corpora(monkeypatch: pytest.MonkeyPatch) -> None:
    for text in corpus_texts():
        f = fold(text)
        assert _key(find_items(f, 0, len(f))) == _reference_items(f, monkeypatch)
