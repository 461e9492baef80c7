"""`problem-without-plan` on government work reports: off by default, and when switched on it holds
the plan only to problems of the government's own affairs (`zongjie.suggest.owned_problem`)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from zongjie.checker import check_text
from zongjie.checker.config import from_dict
from zongjie.suggest import owned_problem

GOV = """青溪县2024年政府工作报告
——2024年1月10日在青溪县第十八届人民代表大会第三次会议上
各位代表：
现在，我代表县人民政府，向大会报告工作，请予审议，并请县政协委员和列席人员提出意见。
一、2023年工作回顾
过去一年，全县地区生产总值增长6.2%，一般公共预算收入增长5.1%，城乡居民人均可支配收入分别增长4.8%和7.3%。新建改建农村公路126公里，新增城镇就业2860人。
同时，我们也清醒地看到，发展中还存在一些困难和问题：外部环境复杂多变，不确定难预料因素增多；部分乡镇农村饮水安全保障水平不高，季节性缺水时有发生；县域工业园区企业用工紧张问题较为突出。对此，我们将采取有力措施，认真加以解决。
二、2024年工作安排
（一）做强县域工业。加快工业园区标准厂房建设，搭建园区企业用工对接平台，开展订单式技能培训，缓解园区企业用工紧张。
（二）办好民生实事。新建改建城乡学校3所，提升县人民医院急诊救治能力，新增养老床位200张。
（三）加强政府自身建设。持续深化作风建设，坚决整治形式主义、官僚主义，让人民群众满意。
各位代表，新的一年任务艰巨、使命光荣，让我们团结一心，苦干实干，为建设美丽青溪而努力奋斗！
"""

# Problems a government report's plan should answer on their own.
OWNED = [
    "部分乡镇农村饮水安全保障水平不高，季节性缺水时有发生",
    "一些地方严重刑事犯罪案件屡有发生",
    "有的部门服务观念不强、办事效率不高",
    "县域工业园区企业用工紧张问题较为突出",
]
# The world outside, lead-ins, sum-ups, pledges, exhortations, the year's list, nothing named.
NOT_OWNED = [
    "外部环境复杂多变，不确定难预料因素增多",
    "美国次级抵押贷款危机影响蔓延，美元持续贬值，国际金融市场风险增大",
    "贸易保护主义加剧，贸易摩擦增多",
    "当前发展面临诸多困难挑战",
    "成绩固然可喜，问题也不容忽视",
    "以上问题事关自治区长远发展，必须痛下决心予以解决",
    "我们坚信，没有迈不过的坎、没有办不成的事",
    "要直面问题挑战，尽心竭力改进政府工作，不负人民重托",
    "政府工作中还有不少缺点和不足",
    "投资增长乏力，一些行业产能过剩严重，部分企业生产经营困难，财政收支矛盾突出",
    "各位代表",
]


@pytest.mark.parametrize("text", OWNED)
def test_owned_problems(text: str) -> None:
    assert owned_problem(text)


@pytest.mark.parametrize("text", NOT_OWNED)
def test_not_owned(text: str) -> None:
    assert not owned_problem(text)


def _flagged(text: str, on: bool | None) -> list[tuple[str, str]]:
    opts = {} if on is None else {"options": {"problem-without-plan": {"government-reports": on}}}
    doc = check_text(text, config=from_dict(opts))
    assert doc.template == "government-work-report"
    return [(f.severity, text[f.start:f.end]) for f in doc.findings if f.name == "problem-without-plan"]


def test_off_for_government_reports_by_default() -> None:
    assert _flagged(GOV, None) == []
    assert _flagged(GOV, False) == []


def test_on_flags_only_the_owned_unanswered_problem() -> None:
    # the world statement is not held to the plan, the answered 用工 problem is answered: only 饮水
    assert _flagged(GOV, True) == [("info", "部分乡镇农村饮水安全保障水平不高，季节性缺水时有发生")]


def test_answered_once_the_plan_names_it() -> None:
    fixed = GOV.replace("新增养老床位200张。", "新增养老床位200张，实施农村供水保障工程，解决季节性缺水问题。")
    assert _flagged(fixed, True) == []


def test_government_reports_check_without_word_segmentation() -> None:
    code = ("import sys; from zongjie.checker import check_text; from zongjie.checker.config import from_dict; "
            f"d = check_text({GOV!r}, config=from_dict({{'options': {{'problem-without-plan': {{'government-reports': True}}}}}})); "
            "assert any(f.name == 'problem-without-plan' for f in d.findings); "
            "bad = [m for m in ('jieba', 'sklearn', 'numpy') if m in sys.modules]; print(bad); sys.exit(1 if bad else 0)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_judged_precision_as_reported() -> None:
    """The README's judged precision on government reports (bench/results/judge_pwp/0.2.0-p1, two
    blind reviewers), recomputed from key and verdicts; below 0.9, so the rule stays off there."""
    from tests.bench_modules import BENCH, load_bench

    res = load_bench("judge_pwp").score(BENCH / "results" / "judge_pwp" / "0.2.0-p1")
    assert len(res["reviewers"]) == 2 and res["all"]["findings"] >= 60 and res["owned_problem"]["findings"] >= 10
    assert 0.10 <= res["all"]["precision_mean"] < 0.9
    assert 0.38 <= res["owned_problem"]["precision_mean"] < 0.9
    from zongjie.checker import load_rules

    assert load_rules()["problem-without-plan"].options["government-reports"] is False
