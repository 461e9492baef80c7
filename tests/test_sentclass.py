"""Sentence classes for suggestions (zongjie.suggest.sentclass, models/train_sentences.py)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from zongjie.datafiles import models_dir, read_data
from zongjie.suggest import sentclass
from zongjie.suggest.sentclass import SentenceModel, classify, has_deficiency, is_measure, probabilities

MEASURES = [
    "加快推进老旧小区改造",
    "健全基层治理体系，提升服务群众能力",
    "强化安全生产责任落实，深入开展隐患排查整治",
    "持续优化营商环境，推行企业开办全流程网上办理",
    "下一步，我局将持续深化“放管服”改革",
    "加快补上农村公路基础设施短板",
]
PROBLEMS = [
    "部分干部能力素质与新形势新任务要求还不相适应",
    "基层卫生人才队伍仍然薄弱，服务能力有待提升",
    "我们的工作还有很多不足，民生保障仍然存在短板弱项",
    "部分中小企业经营困难加剧，稳就业压力较大",
]
TARGETS = [
    "到2027年，全县森林覆盖率达到60%以上",
    "——地区生产总值增长6%左右",
    "提出6%左右的增长目标，主要考虑是稳就业、惠民生的需要",
]
ACHIEVEMENTS = [
    "全年新增就业岗位3200个",
    "累计完成固定资产投资12.5亿元，同比增长8.3%",
    "全年共办理行政许可事项1260余件，按时办结率100%",
]
NOT_MEASURES = ["今年要重点做好以下工作：", "各位代表！", "2025年工作计划", *PROBLEMS, *TARGETS, *ACHIEVEMENTS]


def test_artefact_loads_and_is_small() -> None:
    path = models_dir() / "sentences.json"
    assert path.stat().st_size < 1_500_000
    m = json.loads(path.read_text("utf-8"))
    assert (m["format"], m["version"]) == ("zongjie-sentences", 1)
    assert sorted(m["classes"]) == sorted(sentclass.CLASSES)
    assert len(m["features"]) == len(m["idf"]) == len(m["coef"][0]) > 1000
    assert len(m["coef"]) == len(m["intercept"]) == 5
    assert m["training"]["held_out_documents"] > 0
    assert set(m["role_prior"]["plans"]) == set(sentclass.CLASSES) and 0 < m["role_prior_weight"] <= 1
    probs = probabilities("加强基层党组织建设")
    assert set(probs) == set(sentclass.CLASSES)
    assert sum(probs.values()) == pytest.approx(1.0)


@pytest.mark.parametrize("text", MEASURES)
def test_measures(text: str) -> None:
    assert classify(text)[0] == "measure"
    assert is_measure(text)


@pytest.mark.parametrize("text", PROBLEMS)
def test_problems(text: str) -> None:
    assert classify(text)[0] == "problem"
    assert has_deficiency(text)


@pytest.mark.parametrize("text", TARGETS)
def test_targets(text: str) -> None:
    assert classify(text)[0] == "target"


@pytest.mark.parametrize("text", ACHIEVEMENTS)
def test_achievements(text: str) -> None:
    assert classify(text)[0] == "achievement"


@pytest.mark.parametrize("text", NOT_MEASURES)
def test_not_measures(text: str) -> None:
    assert not is_measure(text)


def test_threshold_and_empty_text() -> None:
    text = "加快推进老旧小区改造"
    assert is_measure(text, threshold=0.0)
    assert not is_measure(text, threshold=1.01)
    assert not is_measure("")
    assert not is_measure("一、")


def test_role_prior_tilts_towards_the_part() -> None:
    text = "新建社区嵌入式养老服务站点3个"
    plain = probabilities(text)
    assert probabilities(text, role=None) == plain
    assert probabilities(text, role="no-such-role") == plain
    in_plans = probabilities(text, role="plans")
    assert in_plans["measure"] > plain["measure"]
    assert in_plans["achievement"] < plain["achievement"]
    assert sum(in_plans.values()) == pytest.approx(1.0)
    assert probabilities(text, role="achievements")["achievement"] > plain["achievement"]


def test_deficiency_data_examples() -> None:
    data = json.loads(read_data("deficiency.json"))
    assert len(data["must_hit"]) >= 10 and len(data["must_pass"]) >= 10
    missed = [t for t in data["must_hit"] if not has_deficiency(t)]
    wrong = [t for t in data["must_pass"] if has_deficiency(t)]
    assert missed == [] and wrong == []


def test_deficiency_remedy_contexts() -> None:
    assert not has_deficiency("补齐公共卫生服务短板")
    assert not has_deficiency("着力解决招工难问题，破解要素保障不足的瓶颈")
    assert has_deficiency("招工难问题依然存在")
    assert has_deficiency("加大执法检查的力度还不够")  # a hedge after the verb: the shortfall itself
    assert has_deficiency("重点项目推进滞后")
    assert not has_deficiency("某某科技有限公司")  # 有限 of a company name


def test_relabelling_rules() -> None:
    from zongjie.models.train_sentences import label

    def lab(text: str, role: str, kind: str = "body") -> str:
        return label({"text": text, "role": role, "kind": kind})[0]

    assert lab("到2030年，基本建成区域性物流枢纽", "plans") == "target"
    assert lab("粮食产量稳定在45万吨以上", "plans") == "target"
    assert lab("全镇污水处理能力仍然不足", "plans") == "problem"
    assert lab("今年重点抓好以下几个方面工作：", "plans") == "other"
    assert lab("2025年工作计划", "plans", "heading") == "other"
    assert lab("下一步，我们将继续完善考核机制", "achievements") == "measure"
    assert lab("加强社会保障体系建设", "achievements") == "measure"
    assert lab("全年完成造林1200亩", "achievements") == "achievement"
    assert lab("加强队伍建设", "plans") == "measure"


def test_plain_python_equals_sklearn() -> None:
    """The scorer's maths is scikit-learn's: fit a small model here, export at full precision."""
    import zongjie.models.train_sentences as ts

    docs = [d for d in ts.documents() if not d[0].startswith("public/")]
    docs += [d for d in ts.documents() if d[0].startswith("public/cn-gwr-prov")][:3]
    rows = []
    for i, (_, text, file) in enumerate(docs):
        for u in ts.units(text, file):
            u["label"] = ts.label(u)[0]
            u["held"] = i % 5 == 4
            rows.append(u)
    train = [r for r in rows if not r["held"]]
    test = [r["text"] for r in rows if r["held"]][:400]
    assert len(test) >= 200 and len({r["label"] for r in train}) == 5
    vec, clf = ts.fit([r["text"] for r in train], [r["label"] for r in train], k=1500)
    exact = SentenceModel(ts.export(vec, clf, digits=None))
    shipped_like = SentenceModel(ts.export(vec, clf))  # rounded as in models/sentences.json
    ref = clf.predict_proba(vec.transform(test))
    worst = worst_rounded = 0.0
    for t, row in zip(test, ref):
        p, q = exact.probabilities(t), shipped_like.probabilities(t)
        for c, v in zip(clf.classes_, row):
            worst = max(worst, abs(p[c] - v))
            worst_rounded = max(worst_rounded, abs(q[c] - v))
    assert worst < 1e-6
    assert worst_rounded < 1e-3


def test_import_is_light() -> None:
    code = ("import sys, zongjie.suggest.sentclass as s; s.classify('加强基层治理'); "
            "print(sorted(m for m in ('sklearn', 'numpy', 'jieba', 'scipy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
