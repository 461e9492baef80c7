"""Every rule of the checker: registry integrity and its must-hit / must-pass examples (rules.toml)."""

from __future__ import annotations

import importlib.util
import re

import pytest
from zongjie.checker import check, check_text, find_rule, load_rules

SPEC_NAMES = ["missing-section", "empty-section", "placeholder", "numbering-gap", "numbering-style",
              "problem-without-plan", "year-mismatch", "percent-out-of-range", "heading-punctuation"]
STABLE_CODES = {"missing-section": "ZJ101", "empty-section": "ZJ102", "numbering-gap": "ZJ201",
                "numbering-style": "ZJ202", "heading-punctuation": "ZJ203", "placeholder": "ZJ301",
                "year-mismatch": "ZJ401", "percent-out-of-range": "ZJ402", "problem-without-plan": "ZJ501"}
NEEDS = {"placeholders": "zongjie.placeholders", "matcher": "zongjie.matcher", "claims": "zongjie.claims"}


def _examples():
    for r in load_rules().values():
        for kind, exs in (("hit", r.hit), ("pass", r.pass_)):
            for i in range(len(exs)):
                yield pytest.param(r.name, kind, i, id=f"{r.code}-{r.name}-{kind}{i}")


def test_spec_names_exist_with_stable_codes():
    rules = load_rules()
    for name in SPEC_NAMES:
        assert name in rules, name
    for name, code in STABLE_CODES.items():
        assert rules[name].code == code


def test_language_rules_are_loaded_from_their_own_file():
    """data/rules_language.toml is read after rules.toml: the SPEC's Version 2 names, codes ZJ7xx,
    a tier, and examples (run by test_rule_examples like every other rule's)."""
    from zongjie.checker.registry import RULE_FILES

    assert RULE_FILES[0] == "rules.toml" and "rules_language.toml" in RULE_FILES
    rules = load_rules()
    for name in ("punctuation-width", "paired-marks", "repeated-punctuation", "year-abbreviation",
                 "number-range", "date-form", "confusable-word"):
        r = rules[name]
        assert r.code.startswith("ZJ7") and r.tier in ("条例", "国标", "标准", "实务")
        assert r.hit and r.pass_
    assert list(rules) == sorted(rules, key=lambda n: rules[n].code)  # one code order across files


def test_registry_integrity():
    rules = load_rules()
    codes = [r.code for r in rules.values()]
    assert len(codes) == len(set(codes))
    for r in rules.values():
        assert re.fullmatch(r"ZJ\d{3}", r.code)
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", r.name)
        assert r.func is not None, f"{r.name} has no function"
        assert r.severity in ("error", "warning", "info")
        assert r.hit and r.pass_, f"{r.name} needs must-hit and must-pass examples"
        assert "为什么" in r.doc and "怎么改" in r.doc, f"{r.name}: doc must say why and how to fix"
        assert r.summary and r.messages.get("default")


def test_default_severities_follow_precision_first():
    rules = load_rules()
    for name in ("missing-section", "empty-section", "numbering-gap", "placeholder", "year-mismatch",
                 "percent-out-of-range"):
        assert rules[name].severity == "error"
    for name in ("numbering-style", "heading-punctuation"):
        assert rules[name].severity == "warning"
    for r in rules.values():
        if r.category == "heuristic":
            assert r.severity in ("warning", "info")


def test_find_rule_by_name_or_code():
    assert find_rule("ZJ201").name == "numbering-gap"
    assert find_rule("zj201").name == "numbering-gap"
    assert find_rule("numbering-gap").code == "ZJ201"
    assert find_rule("no-such-rule") is None


@pytest.mark.parametrize("name,kind,i", list(_examples()))
def test_rule_examples(name, kind, i):
    rule = load_rules()[name]
    for need in rule.needs:  # every module a rule's examples need is part of the package
        assert importlib.util.find_spec(NEEDS[need]) is not None, NEEDS[need]
    ex = (rule.hit if kind == "hit" else rule.pass_)[i]
    doc = check_text(ex.text, template=ex.template, config=ex.config or None, markdown=ex.markdown,
                     previous=ex.previous)
    mine = [f for f in doc.findings if f.name == name]
    if kind == "hit":
        assert mine, f"{name} must fire on:\n{ex.text}\nfindings: {[(f.name, f.line) for f in doc.findings]}"
        for line in ex.lines:
            assert any(f.line == line for f in mine), (line, [(f.line, f.message) for f in mine])
        for f in mine:
            assert f.rule == rule.code and f.message and "{" not in f.message
            assert 0 <= f.start <= f.end <= len(doc.text)
            assert (f.line, f.column) == doc.lines.position(f.start)
    else:
        assert not mine, [(f.line, f.message) for f in mine]


def test_check_sets_document_fields_and_positions():
    import zongjie

    text = load_rules()["numbering-gap"].hit[0].text
    doc = zongjie.structure(text)
    out = check(doc)
    assert doc.findings is out and doc.template == "annual-summary"
    f = next(f for f in out if f.name == "numbering-gap")
    assert f.message == "一级标题序号不连续：“二、”之后是“四、”，缺少“三、”"
    assert text[f.start:f.end] == "四、" and (f.line, f.column) == (7, 1)


def test_template_chosen_from_title_and_overridden():
    duty = "青溪县档案局副局长2023年度述职报告\n一、履职情况\n全年完成项目12个。\n二、存在的不足\n学习不够系统。\n"
    assert check_text(duty).template == "duty-report"
    gwr = "政府工作报告\n——2024年1月10日在白沙镇第十八届人民代表大会第三次会议上\n各位代表：\n一、2023年工作回顾\n全年完成投资12亿元。\n二、2024年工作安排\n加快项目建设。\n"
    assert check_text(gwr).template == "government-work-report"
    half = "青溪县档案局2024年上半年工作总结和下半年工作打算\n一、上半年工作\n完成12项。\n"
    assert check_text(half).template == "half-year-summary"
    assert check_text(duty, template="annual-summary").template == "annual-summary"


def test_government_report_does_not_need_a_problems_heading():
    text = ("政府工作报告\n——2024年1月10日在白沙镇第十八届人民代表大会第三次会议上\n各位代表：\n"
            "一、2023年工作回顾\n全年完成固定资产投资12.5亿元，同比增长8.6%。\n"
            "在肯定成绩的同时，我们也清醒地看到，发展中还存在一些困难和问题：产业结构单一；基础设施短板明显。\n"
            "二、2024年工作安排\n（一）加快产业转型。培育新兴产业，优化产业结构。\n（二）补齐基础设施短板。实施道路改造工程。\n")
    doc = check_text(text)
    assert doc.template == "government-work-report"
    assert not [f for f in doc.findings if f.name == "missing-section"]


def test_plan_required_only_when_the_title_names_it():
    body = ("\n一、工作开展情况\n全年开展送戏下乡演出126场。\n二、存在的问题\n设施运营经费不足，部分乡镇综合文化站利用率不高。\n")
    with_plan = check_text("青溪县文化和旅游局2023年工作总结暨2024年工作计划" + body)
    without = check_text("青溪县文化和旅游局2023年工作总结" + body)
    assert [f.severity for f in with_plan.findings if f.name == "missing-section"] == ["error"]
    assert not [f for f in without.findings if f.name == "missing-section"]


def test_items_continue_across_line_initial_er_shi():
    text = ("青溪县档案局2023年工作总结\n一、工作情况\n一是加强学习，提高站位。\n二是抓好落实。\n三是强化队伍。\n"
            "二、存在的问题\n一是经费不足。\n三是人才短缺。\n")
    doc = check_text(text)
    gaps = [f for f in doc.findings if f.name == "numbering-gap"]
    assert [(f.line, f.message) for f in gaps] == [(8, "“一是、二是……”条目序号不连续：“一是”之后是“三是”，缺少“二是”")]


def test_appendix_lists_are_not_numbered_headings():
    text = ("青溪县档案局2023年工作总结暨2024年工作计划\n一、工作开展情况\n全年完成项目12个，投资3.6亿元。\n"
            "二、存在的问题\n项目储备不足，前期工作滞后。\n三、2024年工作计划\n加强项目储备，加快前期工作。\n"
            "附件\n名词解释\n1.项目储备：指纳入库的项目。\n3.前期工作：指开工前的准备。\n")
    doc = check_text(text)
    assert not [f for f in doc.findings if f.severity == "error"], [(f.name, f.line) for f in doc.findings]


def test_a_clean_complete_document_gets_no_error():
    rule = load_rules()["missing-section"]
    doc = check_text(rule.pass_[0].text)
    assert not [f for f in doc.findings if f.severity in ("error", "warning")], \
        [(f.name, f.line, f.message) for f in doc.findings]


def test_heading_list_sections_are_not_empty():
    doc = check_text(load_rules()["empty-section"].pass_[0].text)
    assert not [f for f in doc.findings if f.name == "empty-section"]


def test_no_heavy_imports():
    import subprocess
    import sys

    code = ("import sys, zongjie; from zongjie.checker import check_text; "
            "check_text(open('/dev/null').read() or '青溪县档案局2023年工作总结\\n一、工作\\n完成12项。\\n'); "
            "bad = [m for m in ('sklearn','spacy','pandas','jieba','transformers','torch') if m in sys.modules]; "
            "print(bad); sys.exit(1 if bad else 0)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


# --------------------------------------------------------------------------- robustness

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

PIECES = ["一、", "二、", "四、", "（一）", "(二)", "（三）、", "1.", "1、", "3．", "（1）", "一是", "二是", "四是",
          "存在的问题", "工作计划", "2023年", "2022年，", "占比120%", "覆盖率达105%", "***", "XX", "【待补充】",
          "无。", "（略）", "显著提升", "。", "，", "\n", "\n\n", "# ", "## ", "<!-- zongjie-disable -->",
          "<!-- zongjie-disable-next-line numbering-gap -->", "下一步，我们将", "在肯定成绩的同时，我们也清醒地看到",
          "加强队伍建设", "全年完成12项", "青溪县档案局2023年工作总结暨2024年工作计划\n"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=40), st.booleans())
def test_any_text_checks_without_crashing(parts, md):
    text = "".join(parts)
    doc = check_text(text, markdown=md)
    for f in doc.findings:
        assert 0 <= f.start <= f.end <= len(text)
        assert f.severity in ("error", "warning", "info") and f.message
        assert (f.line, f.column) == doc.lines.position(f.start)


def test_empty_and_title_only_documents():
    assert check_text("").findings == [] or all(f.name == "missing-section" for f in check_text("").findings)
    doc = check_text("青溪县档案局2023年工作总结暨2024年工作计划\n")
    assert {f.name for f in doc.findings} <= {"missing-section"}
