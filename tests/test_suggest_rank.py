"""zongjie.suggest.rank and the suggest() API: merging, dedup, existing items, score range."""

from __future__ import annotations

import zongjie
from zongjie.suggest import suggest, suggest_dict
from zongjie.suggest.rank import Candidate, bigrams, containment, jaccard, merge

DOC = """某局2023年工作总结暨2024年工作计划
一、工作开展情况
完成了年度任务。
二、存在的问题
一是信息化建设滞后，数据标准不统一；二是基层监管力量相对薄弱；三是外部环境变化影响加深。
三、2024年工作计划
（一）加快信息化建设。建设统一的数据共享平台。
"""


def test_similarity_helpers():
    a, b = bigrams("加快信息化建设"), bigrams("加快推进信息化建设")
    assert 0.5 < jaccard(a, b) < 1 and containment(a, b) > 0.8
    assert jaccard(frozenset(), a) == 0.0


def test_merge_dedups_and_orders():
    cands = [Candidate("加快信息化建设", 0.5, "index:x"), Candidate("加快推进信息化建设", 0.45, "index:y"),
             Candidate("统一规范数据标准", 0.3, "rewrite", {"reserve": True}),
             Candidate("夯实基层监管力量", 0.9, "index:z"), Candidate("短", 0.99, "index:q"),
             Candidate("提升服务质效水平", 1.7, "model:m")]
    out = merge(cands, top=3)
    texts = [c.text for c in out]
    assert "加快推进信息化建设" not in texts  # near-duplicate of a better one
    assert "短" not in texts
    assert [c.score for c in out] == sorted((c.score for c in out), reverse=True)
    assert all(0.0 <= c.score <= 1.0 for c in out)
    assert "统一规范数据标准" in texts  # the reserved rewrite keeps a place


def test_merge_drops_existing_and_the_problem():
    cands = [Candidate("加快信息化建设", 0.5, "index:x"), Candidate("信息化建设滞后", 0.6, "index:y"),
             Candidate("统一数据标准", 0.2, "rewrite")]
    out = merge(cands, top=3, existing=["（一）加快信息化建设。建设统一的数据共享平台。"], problem="信息化建设滞后")
    assert [c.text for c in out] == ["统一数据标准"]


def test_suggest_api_shape_and_addressed_by():
    doc = zongjie.structure(DOC, file="d.txt")
    res = suggest(doc, top=3, index=False)
    assert [p["text"] for p in res] == ["信息化建设滞后，数据标准不统一", "基层监管力量相对薄弱", "外部环境变化影响加深"]
    first = res[0]
    assert doc.text[first["start"]:first["end"]] == first["text"]
    ab = first["addressed_by"]
    assert ab is not None and doc.text[ab["start"]:ab["end"]].startswith("加快信息化建设")
    assert res[1]["addressed_by"] is None
    # existing plan text is not suggested again; the rewrite keeps the rest
    assert [s["text"] for s in first["suggestions"]] == ["统一规范数据标准"]
    assert res[1]["suggestions"][0] == {"text": "夯实基层监管力量", "score": res[1]["suggestions"][0]["score"],
                                        "source": "rewrite", "clause": "基层监管力量相对薄弱"}
    assert first["suggestions"][0]["clause"] == "数据标准不统一"  # the clause it answers
    assert res[2]["suggestions"] and res[2]["suggestions"][0]["score"] < 0.3  # stock 整改 fallback only
    d = suggest_dict(doc, index=False)
    assert d["file"] == "d.txt" and len(d["problems"]) == 3


def test_suggest_with_default_index_and_text_input():
    res = suggest(DOC, top=2)
    for p in res:
        assert 1 <= len(p["suggestions"]) <= 2
        for s in p["suggestions"]:
            assert {"text", "score", "source", "clause"} <= set(s) <= {"text", "score", "source", "clause", "detail"}
            assert 0 <= s["score"] <= 1 and s["clause"] in p["text"]
            assert s["source"] == "rewrite" or s["source"].startswith(("index:", "model:"))
