"""zongjie.suggest.rank and the suggest() API: picking the list, dedup, existing items, score range."""

from __future__ import annotations

import zongjie
from zongjie.suggest import suggest, suggest_dict
from zongjie.suggest.rank import Candidate, bigrams, containment, jaccard

DOC = """某局2023年工作总结暨2024年工作计划
一、工作开展情况
完成了年度任务。
二、存在的问题
一是信息化建设滞后，数据标准不统一；二是基层监管力量相对薄弱；三是执法人员对新业态规律把握不准；四是外部环境变化影响加深。
三、2024年工作计划
（一）加快信息化建设。建设统一的数据共享平台。
"""


def test_similarity_helpers():
    a, b = bigrams("加快信息化建设"), bigrams("加快推进信息化建设")
    assert 0.5 < jaccard(a, b) < 1 and containment(a, b) > 0.8
    assert jaccard(frozenset(), a) == 0.0


def _pick(by_clause, top=3, existing=(), problem=""):
    from zongjie.suggest import _pick as pick

    return pick(by_clause, top, [bigrams(e) for e in existing], bigrams(problem))


def test_pick_dedups_spreads_over_clauses_and_keeps_weak_ones_out():
    by_clause = {
        "信息化建设滞后": [Candidate("加快信息化建设", 0.8, "index:x"), Candidate("加快推进信息化建设", 0.75, "index:y"),
                      Candidate("完善信息系统运维", 0.2, "index:w")],
        "数据标准不统一": [Candidate("统一规范数据标准", 0.45, "rewrite")],
    }
    texts = [c.text for c in _pick(by_clause, top=3)]
    assert texts == ["加快信息化建设", "统一规范数据标准"]  # one per clause first; the near-duplicate dropped
    assert "完善信息系统运维" not in texts  # under 0.7 × the clause's best: not shown to fill the list


def test_pick_drops_existing_plan_items_and_the_problem_echoed():
    by_clause = {"信息化建设滞后": [Candidate("加快信息化建设", 0.5, "index:x"),
                                Candidate("信息化建设滞后", 0.6, "index:y"),
                                Candidate("统一数据标准", 0.45, "rewrite")]}
    out = _pick(by_clause, existing=["（一）加快信息化建设。建设统一的数据共享平台。"], problem="信息化建设滞后")
    assert [c.text for c in out] == ["统一数据标准"]


def test_suggest_api_shape_and_addressed_by():
    doc = zongjie.structure(DOC, file="d.txt")
    res = suggest(doc, top=3, index=False)
    # the world outside is stated, not remedied by this plan: no list for it
    assert [p["text"] for p in res] == ["信息化建设滞后，数据标准不统一", "基层监管力量相对薄弱", "执法人员对新业态规律把握不准"]
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


def test_a_measure_whose_topics_another_already_writes_is_not_shown_twice():
    """r44's "两条重复": every topic word of the later measure is written in a kept one and there are two
    of them, or its object after the opening verbs is the kept one's text; one shared word alone is
    not a repeat (强化社区服务功能 after 扩大社区服务场地面积)."""
    from zongjie.suggest import _says_nothing_more

    def c(text, words):
        return Candidate(text, 0.5, "index:x", {"words": frozenset(words)})

    kept = c("坚决克服误国害民的形式主义、官僚主义", {"误国害民", "形式主义", "官僚主义"})
    assert _says_nothing_more(c("认真克服官僚主义和形式主义", {"官僚主义", "形式主义"}), kept)
    total = c("聚力项目建设，壮大经济总量", {"项目建设", "经济总量"})
    assert _says_nothing_more(c("持续做大经济总量", {"经济总量"}), total)
    space = c("扩大社区服务场地面积", {"社区服务", "场地面积"})
    assert not _says_nothing_more(c("强化社区服务功能", {"社区", "社区服务"}), space)
    food = c("增强食品安全监管能力，提高食品安全水平", {"食品安全"})
    assert not _says_nothing_more(c("实施食品安全战略", {"食品安全"}), food)
    assert not _says_nothing_more(c("加强耕地保护和质量提升", {"耕地保护", "质量提升"}), c("加强耕地保护", {"耕地保护"}))
    assert not _says_nothing_more(Candidate("统一规范数据标准", 0.45, "rewrite"), total)  # a rewrite names no words
