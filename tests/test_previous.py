"""`check --previous`: follow-through of last year's plan items (``zongjie.previous``), the
``plan-not-reported``/``problem-repeated``/``year-mismatch`` findings, and the scoring of the judged
sample (``bench/judge_previous.py score``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from zongjie.checker import check_text
from zongjie.previous import (
    EVIDENCE,
    THRESHOLD,
    UNREPORTED,
    best_matches,
    follow_through,
    is_commitment,
    key_clauses,
    repeated_problems,
)
from zongjie.runner import pipeline

ROOT = Path(__file__).resolve().parent.parent

LAST = """青溪县住房和城乡建设局2022年工作总结暨2023年工作计划
一、2022年工作开展情况
全年完成城镇老旧小区改造46个，新开工保障性租赁住房800套。
二、存在的问题
一是城市排水管网老化严重，汛期部分路段积水问题突出。二是物业服务覆盖率偏低，群众满意度不高。
三、2023年工作计划
2023年是全面贯彻党的二十大精神的开局之年，做好全年工作意义重大。
做好今年工作，要坚持稳中求进工作总基调，统筹发展和安全。
综合分析形势，我县发展面临的机遇和挑战并存。
（一）启动新一轮棚户区改造攻坚，全年开工棚改安置住房1200套。
（二）大幅缩短商标注册周期，推行企业开办一日办结。
（三）加快城市排水管网更新改造，新建改造雨污管网35公里。
（四）深化供水管理体制改革，建立城乡供水一体化运营机制。
"""

THIS = """青溪县住房和城乡建设局2023年工作总结暨2024年工作计划
一、2023年工作开展情况
棚户区住房改造扎实推进，建成安置房1350套，2100户群众告别棚户区。
城市排水管网更新改造加快推进，完成雨污管网改造38公里，城区易涝点整治完成12处。
城乡供水一体化运营机制全面建立，农村自来水普及率达到98%。
二、存在的问题
一是城市排水管网老化严重，汛期部分路段积水问题突出。二是建筑市场监管力量不足。
三、2024年工作计划
（一）推进城市更新行动。改造老旧小区30个。
"""


@pytest.fixture(scope="module")
def docs():
    pipe = pipeline(("structure", "extract"))
    return pipe(THIS), pipe(LAST)


def _row(rows, needle):
    hits = [f for f in rows if needle in f.plan.text]
    assert len(hits) == 1, [f.plan.text for f in rows]
    return hits[0]


def test_item_reported_in_other_words_is_matched(docs):
    this, last = docs
    rows = follow_through(this, last)
    f = _row(rows, "供水管理体制改革")  # reported by its key clause, in other words
    assert f.reported and f.score >= THRESHOLD
    assert "城乡供水一体化运营机制全面建立" in f.match_text
    assert this.text[f.match.start:f.match.end] == f.match_text
    g = _row(rows, "排水管网更新改造")
    assert g.reported and "雨污管网改造38公里" in g.match_text
    # 棚改 → 棚户区住房改造/安置房: too far for the matcher, but it shares content words with a
    # sentence, so it is left open: neither reported nor a finding
    h = _row(rows, "棚户区改造攻坚")
    assert not h.reported and not h.unreported and h.shared >= EVIDENCE


def test_unreported_item_is_a_finding_and_reported_ones_are_not(docs):
    this, last = docs
    f = _row(follow_through(this, last), "商标注册")
    assert f.unreported and not f.reported and f.score < UNREPORTED and f.shared < EVIDENCE
    doc = check_text(THIS, previous=LAST)
    found = [x.message for x in doc.findings if x.name == "plan-not-reported"]
    assert len(found) == 1 and "商标注册" in found[0], found


def test_framing_sentences_are_never_findings():
    assert not is_commitment("2023年是全面贯彻党的二十大精神的开局之年，做好全年工作意义重大")
    assert not is_commitment("做好今年工作，要坚持稳中求进工作总基调，统筹发展和安全")
    assert not is_commitment("综合分析形势，我县发展面临的机遇和挑战并存")
    assert not is_commitment("扩大内需是经济增长的主要动力，也是重大的结构调整")
    assert not is_commitment("上述主要预期目标，考虑了稳就业保民生的需要")
    assert is_commitment("（二）大幅缩短商标注册周期，推行企业开办一日办结。")
    assert is_commitment("城镇新增就业1100万人以上，城镇调查失业率5.5%以内")
    assert is_commitment("今年再压减钢铁产能3000万吨左右")
    # a plan whose review part says nothing at all: only the commitment is a finding
    doc = check_text(THIS.replace("棚户区住房改造扎实推进，建成安置房1350套，2100户群众告别棚户区。\n", "")
                     .replace("城乡供水一体化运营机制全面建立，农村自来水普及率达到98%。\n", "")
                     .replace("城市排水管网更新改造加快推进，完成雨污管网改造38公里，城区易涝点整治完成12处。\n",
                              "全年各项工作平稳有序。\n"),
                     previous=LAST)
    msgs = [x.message for x in doc.findings if x.name == "plan-not-reported"]
    assert msgs and not any(w in m for m in msgs for w in ("开局之年", "稳中求进", "机遇和挑战"))
    assert any("商标注册" in m for m in msgs)


def test_no_review_part_no_finding():
    text = "青溪县住房和城乡建设局2024年工作计划\n一、2024年工作计划\n（一）推进城市更新行动。改造老旧小区30个。\n"
    doc = check_text(text, previous=LAST)
    assert not [x for x in doc.findings if x.name == "plan-not-reported"]


def test_copied_problem_is_found(docs):
    this, last = docs
    reps = repeated_problems(this, last)
    assert [r.problem.text for r in reps] == ["城市排水管网老化严重，汛期部分路段积水问题突出"]
    doc = check_text(THIS, previous=LAST)
    assert [x for x in doc.findings if x.name == "problem-repeated"]


def test_year_mismatch_with_previous():
    older = LAST.replace("2022年工作总结暨2023年工作计划", "2021年工作总结暨2022年工作计划")
    doc = check_text(THIS, previous=older)
    assert any(f.name == "year-mismatch" and "2022" in f.message for f in doc.findings)
    assert not any(f.name == "year-mismatch" for f in check_text(THIS, previous=LAST).findings)


def test_best_matches_key_clause_and_adjacent_pair():
    sents = ["全县经济运行总体平稳", "道路建设取得新进展", "新建农村公路50公里", "完成危桥改造8座",
             "教育事业持续发展"]
    (j, score), = best_matches(["加强交通基础设施建设，新建农村公路45公里，改造危桥6座"], sents)
    assert j in (1, 2) and score >= THRESHOLD
    (j0, s0), = best_matches(["组建县级文艺院团"], sents)
    assert s0 < THRESHOLD
    assert key_clauses("加强交通基础设施建设，新建农村公路45公里，改造危桥6座") == [
        "加强交通基础设施建设", "新建农村公路45公里", "改造危桥6座"]
    assert key_clauses("新建农村公路45公里") == []
    assert best_matches([""], sents) == [(None, 0.0)]


# --------------------------------------------------------------------------- the judged sample


def _judge():
    from tests.bench_modules import load_bench

    return load_bench("judge_previous")


def test_score_computes_precision_and_agreement(tmp_path):
    judge = _judge()
    key = {"F001": {"kind": "not_reported", "claimed_number": None},
           "F002": {"kind": "not_reported", "claimed_number": None},
           "F003": {"kind": "not_reported", "claimed_number": None},
           "F004": {"kind": "reported", "claimed_number": 1},
           "F005": {"kind": "reported", "claimed_number": 1},
           "F006": {"kind": "reported", "claimed_number": 1}}
    (tmp_path / "key.json").write_text(json.dumps({"items": key}), encoding="utf-8")
    a = [{"item": "F001", "reported": "no"}, {"item": "F002", "reported": "no"},
         {"item": "F003", "reported": "yes", "sentences": [2]},
         {"item": "F004", "reported": "yes", "sentences": [1]},
         {"item": "F005", "reported": "yes", "sentences": [3]},
         {"item": "F006", "reported": "unsure"}]
    b = [{"item": "F001", "reported": "no"}, {"item": "F002", "reported": "yes", "sentences": [1]},
         {"item": "F003", "reported": "yes", "sentences": [1]},
         {"item": "F004", "reported": "yes", "sentences": [1, 2]},
         {"item": "F005", "reported": "no"}, {"item": "F006", "reported": "yes", "sentences": [1]}]
    for name, rows in (("A", a), ("B", b)):
        (tmp_path / f"verdicts_{name}.jsonl").write_text(
            "".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    res = judge.score(tmp_path)
    ra, rb = res["reviewers"]["A"], res["reviewers"]["B"]
    assert ra["not_reported"]["precision"] == pytest.approx(2 / 3, abs=1e-4)
    assert ra["reported"]["precision"] == 1.0 and ra["reported"]["unsure"] == 1
    assert ra["reported"]["precision_unsure_wrong"] == pytest.approx(2 / 3, abs=1e-4)
    assert ra["reported_strict"]["precision"] == pytest.approx(1 / 2, abs=1e-4)  # F005 cites another sentence
    assert rb["not_reported"]["precision"] == pytest.approx(1 / 3, abs=1e-4)
    assert rb["reported"]["precision"] == pytest.approx(2 / 3, abs=1e-4)
    assert res["average"]["not_reported"]["precision"] == pytest.approx((2 / 3 + 1 / 3) / 2, abs=1e-4)
    ag = res["agreement"]["A~B"]
    assert ag["items"] == 5 and ag["agreement"] == pytest.approx(3 / 5, abs=1e-4)
    # kappa: po 0.6, A says yes 3/5, B yes 3/5 → pe 0.52 → (0.6-0.52)/0.48
    assert ag["kappa"] == pytest.approx((0.6 - 0.52) / 0.48, abs=1e-4)
    assert json.loads((tmp_path / "score.json").read_text(encoding="utf-8"))["items"] == {
        "not_reported": 3, "reported": 3}
    assert ra["missing"] == [] and rb["unknown_items"] == []
