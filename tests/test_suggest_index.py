"""The measure index: mining keeps measures only, BM25 over topic words, safe files, the shipped index."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
import zongjie
from zongjie.errors import UsageError
from zongjie.suggest.measures import (
    FILE,
    LEAD_P,
    MAX_TEXT,
    MIN_P,
    MeasureIndex,
    clean_unit,
    cut,
    default_index,
    level_of,
    mine,
)

DOC_A = """青溪县农业农村局2023年工作总结暨2024年工作计划
一、工作开展情况
全年新建高标准农田2.1万亩。
二、存在的问题
一是农产品精深加工能力不足。二是农村基础设施仍有短板。
三、2024年工作计划
（一）提升农产品精深加工能力。引进培育农产品精深加工企业，延长农业产业链条。
（二）补齐农村基础设施短板。新建改建农村公路50公里，推进农村供水保障工程建设。
（三）预计全年粮食产量达到30万吨左右。
"""

DOC_B = """白沙镇2023年工作总结暨2024年工作计划
一、工作开展情况
完成了年度任务。
二、存在的问题
人居环境整治还不彻底。
三、2024年工作计划
（一）深入开展农村人居环境整治提升行动，推进农村生活垃圾分类处理。
（二）我镇农村人居环境整治任务依然艰巨。
"""


@pytest.fixture(scope="module")
def index() -> MeasureIndex:
    docs = [("a.txt", zongjie.structure(DOC_A)), ("b.txt", zongjie.structure(DOC_B))]
    return MeasureIndex.build(docs)


def test_mining_keeps_measures_only():
    texts = [t for t, _, _, _ in mine(zongjie.structure(DOC_A))]
    assert "引进培育农产品精深加工企业，延长农业产业链条" in texts and "补齐农村基础设施短板" in texts
    assert not any("预计" in t or "万吨左右" in t for t in texts)  # a target is no measure
    assert not any("依然艰巨" in t for t in mine(zongjie.structure(DOC_B)))  # a problem in a plan
    assert not any("高标准农田" in t for t in texts)  # the achievements part is not mined


def test_cleaning_cutting_and_levels():
    assert clean_unit("（一）加快信息化建设。") == "加快信息化建设"
    assert clean_unit("》，做好新形势下的宗教工作") == "做好新形势下的宗教工作"
    # a lead-in closed by a colon: what follows it is the measure
    assert clean_unit("下一步，我将认真对照县委的要求，扬长补短、改进提高：坚持每周安排固定时间开展系统学习。") \
        == "坚持每周安排固定时间开展系统学习"
    assert clean_unit("2024年，我们将重点抓好以下工作：一是加强学习") == "加强学习"
    # a colon inside a measure or a target's own is no lead-in
    assert clean_unit("加强“四个体系”建设：完善制度") == "加强“四个体系”建设：完善制度"
    assert clean_unit("主要目标是：地区生产总值增长6%") == "主要目标是：地区生产总值增长6%"
    long = "加快推进农村公路提档升级，" + "完善农村客运网络" * 4 + "，推动城乡交通运输一体化发展，提升群众出行便利度"
    c = cut(long)
    assert c is not None and len(c) <= MAX_TEXT and long.startswith(c) and c.endswith(("升级", "网络", "发展"))
    assert cut("加强" + "农" * 70) is None
    assert level_of("青溪县农业农村局") == "unit" and level_of("白沙镇") == "township"
    assert level_of("浙江省人民政府") == "provincial" and level_of(None, "government-work-report") == "national"


def test_bm25_search_finds_the_topic_and_excludes_documents(index):
    hits = index.search({"人居环境": 1.0, "垃圾分类": 0.5}, k=5)
    assert hits and "人居环境" in index.units[hits[0][0]].text
    assert [s for _, s in hits] == sorted((s for _, s in hits), reverse=True)
    assert all(index.units[i].doc != index.doc_ids["b.txt"] for i, _ in index.search({"人居环境": 1.0},
                                                                                      exclude_docs=["b.txt"]))
    assert index.search({"没有的词": 1.0}) == []
    assert index.search({"人居环境": 1.0}, k=0) == []


def test_bm25_search_is_the_full_ranking_cut_at_k(index):
    """Only the units reaching the k-th best score are sorted: the result must be the first k of
    every unit's score ranked by (score desc, index asc), ties included."""
    import math

    from zongjie.suggest.measures import K1, B

    words = sorted({w for u in index.units for w in u.words}, key=lambda w: (-len(index.postings[w]), w))
    assert len(index.postings[words[0]]) >= 3  # a word several measures share: a real ranking
    avgdl = sum(len(u.words) for u in index.units) / len(index.units)
    for q in ({w: 1.0} for w in words[:12]):
        scores = {}
        for i, u in enumerate(index.units):
            s = 0.0
            for w, qw in q.items():
                tf = u.words.count(w)
                if tf:
                    n = len(index.postings[w])
                    idf = math.log(1 + (len(index.units) - n + 0.5) / (n + 0.5))
                    s += idf * qw * (K1 + 1) * tf / (tf + K1 * (1 - B + B * len(u.words) / avgdl))
            if s:
                scores[i] = s
        full = sorted(scores, key=lambda i: (-scores[i], i))
        for k in (1, 2, 3, len(full)):
            assert [i for i, _ in index.search(q, k=k)] == full[:k]


def test_round_trip_is_deterministic_and_safe(index, tmp_path):
    a, b = index.save(tmp_path / "a"), index.save(tmp_path / "b")
    assert a.read_bytes() == b.read_bytes()  # no timestamp in the gzip stream
    again = MeasureIndex.load(tmp_path / "a")
    assert [(u.text, u.words) for u in again.units] == [(u.text, u.words) for u in index.units]
    assert again.docs == index.docs and again.search({"人居环境": 1.0}) == index.search({"人居环境": 1.0})


def test_bad_index_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="no suggestion index"):
        MeasureIndex.load(tmp_path)
    (tmp_path / FILE).write_bytes(b"not gzip")
    with pytest.raises(UsageError, match="not a zongjie suggestion index"):
        MeasureIndex.load(tmp_path)
    with gzip.open(tmp_path / FILE, "wb") as fh:
        fh.write(json.dumps({"format": "zongjie-measure-index", "version": 1}).encode())
    with pytest.raises(UsageError, match="version 2"):
        MeasureIndex.load(tmp_path)


def test_default_index_ships():
    ix = default_index()
    root = Path(__file__).resolve().parents[1] / "models" / "suggest_index"
    assert [p.name for p in root.iterdir()] == [FILE]
    assert (root / FILE).stat().st_size < 5_000_000
    assert len(ix) > 10_000 and len(ix.docs) >= 140
    # measures clear MIN_P; a department's wording in the form of a measure, or the measures before a
    # closing target (their sentence kept as detail), LEAD_P
    assert all(len(u.text) <= MAX_TEXT and u.words and u.p >= LEAD_P for u in ix.units)
    low = [u for u in ix.units if u.p < MIN_P]
    assert low and all(ix.docs[u.doc]["genre"] != "government-work-report" or u.detail for u in low)
    hits = ix.search({"信息化": 1.0, "数据": 0.5}, k=5)
    assert hits and any("信息化" in ix.units[i].text for i, _ in hits)
