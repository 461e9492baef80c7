"""Topic words, clauses and the learned translation table of ``zongjie.suggest.topics``."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest
from zongjie.datafiles import DATA, models_dir
from zongjie.models import build_topics as bt
from zongjie.suggest import topics
from zongjie.suggest.topics import THRESHOLD, clauses, coverage, covers, expand, topic_score, topic_words

# --------------------------------------------------------------------------- artefacts


def test_domain_dictionary_is_a_small_jieba_user_dictionary() -> None:
    path = DATA / "domain_dict.txt"
    assert path.stat().st_size < 200_000
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) > 300
    for line in lines:
        assert re.fullmatch(r"\S{2,} \d+ [a-z]+", line), line
    words = [ln.split()[0] for ln in lines]
    assert words == sorted(words)
    for term in ("营商环境", "新质生产力", "专项债", "化债", "稳岗"):
        assert term in words


def test_translation_table_is_small_and_well_formed() -> None:
    path = models_dir() / "translation.json"
    assert path.stat().st_size < 1_000_000
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert raw["format"] == "zongjie-topic-translation"
    assert len(raw["table"]) > 500
    for word, assoc in raw["table"].items():
        assert 1 <= len(assoc) <= raw["params"]["top"]
        for target, weight in assoc:
            assert target != word and 0 < weight <= 0.8


def test_stopterms_cover_stock_remedy_and_deficiency_words() -> None:
    st = topics.stopterms()
    for w in ("工作", "进一步", "加强", "推进", "问题", "不足", "方面", "有待", "仍然", "存在", "部分", "一些"):
        assert w in st["stop"], w
    assert "发展" in st["generic"] and "发展" not in st["stop"]


# --------------------------------------------------------------------------- clauses and topic words


def test_clauses_split_independent_clauses_and_keep_shared_predicates() -> None:
    assert clauses("就业和增收压力较大，教育、医疗、养老等领域还有不少短板") == [
        "就业和增收压力较大", "教育、医疗、养老等领域还有不少短板"]
    assert clauses("城乡居民收入增长放缓；农村人居环境整治任务艰巨。") == [
        "城乡居民收入增长放缓", "农村人居环境整治任务艰巨"]


def test_clauses_keep_the_subject_with_its_predicate() -> None:
    # the subject and its aside belong to one clause; the attribute list shares the subject
    assert clauses("一是部分企业，特别是中小微企业，生产经营困难") == ["部分企业，特别是中小微企业，生产经营困难"]
    assert len(clauses("特色产业层次偏低、规模偏小")) == 1
    # a comment without a topic of its own joins its clause
    assert clauses("干部队伍专业能力不强，与新形势要求相比还有差距") == ["干部队伍专业能力不强，与新形势要求相比还有差距"]


def test_dunhao_list_splits_only_when_each_element_is_a_clause() -> None:
    assert clauses("村级道路建设滞后、污水处理设施不足、垃圾转运能力不强") == [
        "村级道路建设滞后", "污水处理设施不足", "垃圾转运能力不强"]
    assert clauses("教育、医疗资源配置不均衡") == ["教育、医疗资源配置不均衡"]


def test_topic_words_keep_domain_terms_and_drop_stock_words() -> None:
    words = topic_words("辖区营商环境还有待进一步优化，新质生产力培育仍然不足")
    assert "营商环境" in words and "新质生产力" in words
    for w in ("进一步", "有待", "不足", "仍然", "优化"):
        assert w not in words
    assert topic_words("工作还存在一些不足和问题") == []
    assert "专项债" in topic_words("专项债项目储备偏少")
    # a thing whose name opens with a negation is a topic, a negated verdict is not
    assert "不正之风" in topic_words("医疗服务中不正之风仍有发生")
    assert "不动产登记" in topic_words("不动产登记历史遗留问题较多")
    assert not any(w.startswith("不") for w in topic_words("服务意识不强，工作效率不高"))


# --------------------------------------------------------------------------- translation and scores


def test_expand_keeps_the_word_itself_and_adds_learned_equivalents() -> None:
    exp = expand(["就业", "债务"])
    assert exp["就业"] == 1.0 and exp["债务"] == 1.0
    assert 0 < exp["高校毕业生"] <= 0.8
    assert max(exp.get(w, 0.0) for w in ("债务风险", "存量", "隐性债务")) > 0.3
    assert expand([]) == {}


def test_a_job_problem_prefers_a_job_measure_over_a_business_climate_one() -> None:
    problem = "高校毕业生和农民工就业压力较大"
    jobs = "落实稳岗扩岗政策，开展职业技能培训"
    climate = "持续优化营商环境，深化放管服改革"
    assert topic_score(problem, jobs) > topic_score(problem, climate)
    assert covers(problem, jobs)
    assert not covers(problem, climate)


def test_ecology_problem_does_not_match_a_business_climate_measure() -> None:
    problem = "生态环境保护任务依然艰巨，部分河道水质不稳定"
    assert topic_score(problem, "全面优化营商环境，打造一流营商环境") < THRESHOLD
    assert topic_score(problem, "开展根治拖欠农民工工资专项行动") < THRESHOLD
    assert covers(problem, "深入打好碧水保卫战，加强河道生态环境治理")


def test_learned_equivalents_cover_a_topic_in_other_words() -> None:
    # no shared word: only the table links 债务 to 存量 (化解存量)
    cov = coverage("镇村两级债务负担较重", "严控新增，稳妥化解存量")
    assert set(cov) == {"债务"} and 0.3 < cov["债务"] <= 0.8
    # a containing word is nearly the topic itself
    assert coverage("镇村两级债务负担较重", "严控新增隐性债务")["债务"] == pytest.approx(0.8)
    assert topic_score("镇村两级债务负担较重", "严格防范化解隐性债务风险") > topic_score(
        "镇村两级债务负担较重", "加强农村集体经济组织建设")


def test_scores_are_bounded_and_empty_clauses_score_zero() -> None:
    assert topic_score("还存在一些不足", "加强干部队伍建设") == 0.0
    for c in ("加强干部队伍建设", "", "就业"):
        s = topic_score("干部队伍年龄结构偏大", c)
        assert 0.0 <= s <= 1.0
    assert topic_score("干部队伍年龄结构偏大", "优化干部队伍年龄结构") == pytest.approx(1.0)


def test_topic_score_is_fast_when_warm() -> None:
    import time

    pairs = [(p, c) for p in ("就业压力较大", "养老服务供给不足", "耕地保护压力大")
             for c in ("落实稳岗扩岗政策", "发展居家社区养老服务", "严守耕地保护红线", "优化营商环境")]
    for p, c in pairs:
        topic_score(p, c)
    t0 = time.perf_counter()
    for _ in range(200):
        for p, c in pairs:
            topic_score(p, c)
    per_pair_ms = (time.perf_counter() - t0) / (200 * len(pairs)) * 1000
    assert per_pair_ms < 0.2


# --------------------------------------------------------------------------- the builder

_TINY = [
    "稳岗扩岗促就业。稳岗扩岗促就业。落实稳岗返还政策，促进就业。就业优先，稳岗扩岗。",
    "优化营商环境。持续优化营商环境，营商环境再上新台阶。营商环境评价。营商环境优化提升。",
    "稳岗扩岗，高校毕业生就业。营商环境。营商环境。营商环境。营商环境。",
]


def test_term_mining_is_deterministic_and_finds_cohesive_terms() -> None:
    a = bt.mine_terms(_TINY, min_count=3, min_pmi=0.5, min_entropy=0.0, stop=["促进", "落实"])
    b = bt.mine_terms(list(_TINY), min_count=3, min_pmi=0.5, min_entropy=0.0, stop=["落实", "促进"])
    assert a == b
    terms = [t for t, _ in a]
    assert "营商环境" in terms and "稳岗扩岗" in terms
    assert all(not t.startswith("落实") for t in terms)


def test_dictionary_writer_is_byte_identical(tmp_path) -> None:
    mined = [("稳岗扩岗", 5), ("营商环境", 12)]
    p1, p2 = tmp_path / "a.txt", tmp_path / "b.txt"
    bt.write_dictionary(mined, p1)
    bt.write_dictionary(list(reversed(mined)), p2)
    assert p1.read_bytes() == p2.read_bytes()
    assert "稳岗扩岗 20 n" in p1.read_text(encoding="utf-8").splitlines()


def _tiny_pairs() -> tuple[list, list]:
    pairs = []
    for d in ("a", "b", "c"):
        pairs += [(d, ["就业"], ["稳岗", "就业"]), (d, ["就业"], ["稳岗", "培训"]),
                  (d, ["债务"], ["化债", "存量"]), (d, ["债务"], ["化债", "预算"]),
                  (d, ["耕地"], ["红线", "耕地"]), (d, ["耕地"], ["红线", "农田"]),
                  (d, ["养老"], ["床位", "养老"]), (d, ["养老"], ["床位", "护理"]),
                  (d, ["教育"], ["学位", "教育"]), (d, ["教育"], ["学位", "教师"])]
    sentences = [(d, ["稳岗", "就业", "培训"]) for d in ("a", "b")] + [(d, ["化债", "债务"]) for d in ("a", "c")]
    return pairs, sentences


def test_table_learning_is_deterministic_and_learns_equivalents() -> None:
    pairs, sentences = _tiny_pairs()
    t1 = bt.learn_table(pairs, sentences)
    t2 = bt.learn_table(list(reversed(pairs)), list(reversed(sentences)))
    assert t1 == t2
    assert t1["就业"][0][0] == "稳岗"
    assert t1["债务"][0][0] == "化债"
    assert all(f != e for e, assoc in t1.items() for f, _ in assoc)
    assert "就业" not in dict(bt.learn_table(pairs, sentences, exclude=frozenset({"稳岗"})).get("就业", []))


def test_list_neighbours_are_not_equivalents() -> None:
    sib = bt.siblings(["加强教育、医疗、养老等公共服务", "统筹教育、医疗资源布局"])
    assert sib[("教育", "医疗")] == 2 and sib[("医疗", "养老")] == 1
    assert sib[("教育", "公共服务")] == 0  # the list's shared head is no item of it
    pairs, sentences = _tiny_pairs()
    sentences = sentences + [("a", ["养老", "床位"]), ("b", ["养老", "床位"])]
    kept = bt.learn_table(pairs, sentences)
    assert "床位" in dict(kept["养老"])
    dropped = bt.learn_table(pairs, sentences, sibling=Counter({("养老", "床位"): 10}))
    assert "床位" not in dict(dropped.get("养老", []))


def test_model1_puts_probability_on_the_answering_word() -> None:
    pairs, _ = _tiny_pairs()
    t = bt.model1(sorted(pairs))
    assert t["债务"]["化债"] > t["债务"].get("预算", 0.0)
    assert sum(t["就业"].values()) == pytest.approx(1.0)
