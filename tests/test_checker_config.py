"""Project configuration (.zongjie.toml found upward, --config) and inline suppression comments."""

from __future__ import annotations

import pytest
from zongjie.checker import check, check_text
from zongjie.checker.config import Config, find_config, from_dict, load_config, resolve
from zongjie.checker.suppress import parse
from zongjie.errors import UsageError

GAP = ("青溪县文化和旅游局2023年工作总结暨2024年工作计划\n一、工作开展情况\n全年开展送戏下乡演出126场。\n"
       "二、存在的问题\n设施运营经费不足，部分乡镇综合文化站利用率不高。\n"
       "四、2024年工作计划\n积极争取运营经费，提高乡镇综合文化站利用率。\n")
MIXED = ("青溪县文化和旅游局2023年工作总结暨2024年工作计划\n一、工作开展情况\n（一）文化惠民。全年演出126场。\n"
         "(二)旅游回暖。接待游客186万人次。\n（三）融合发展。新建示范点5个。\n二、存在的问题\n设施运营经费不足，"
         "部分乡镇综合文化站利用率不高。\n三、2024年工作计划\n积极争取运营经费，提高乡镇综合文化站利用率。\n")


def names(doc, severity=None):
    return [f.name for f in doc.findings if severity is None or f.severity == severity]


def test_config_found_upward(tmp_path):
    (tmp_path / ".zongjie.toml").write_text('disable = ["numbering-gap"]\n', encoding="utf-8")
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    f = sub / "draft.txt"
    f.write_text(GAP, encoding="utf-8")
    assert find_config(f) == tmp_path / ".zongjie.toml"
    assert find_config(sub) == tmp_path / ".zongjie.toml"
    doc = check_text(GAP, file=str(f))  # config=None: discovered from the file
    assert "numbering-gap" not in names(doc)
    doc = check_text(GAP, file=str(f), config=Config())  # an explicit config wins
    assert "numbering-gap" in names(doc)


def test_no_config_found(tmp_path):
    f = tmp_path / "x.txt"
    f.write_text(GAP, encoding="utf-8")
    assert find_config(f) is None or not str(find_config(f)).startswith(str(tmp_path))


def test_severity_override_and_disable_by_code():
    doc = check_text(MIXED, config={"severity": {"numbering-style": "error"}})
    assert "numbering-style" in names(doc, "error")
    doc = check_text(MIXED, config={"disable": ["ZJ202"]})
    assert "numbering-style" not in names(doc)
    doc = check_text(MIXED, config={"severity": {"ZJ202": "off"}})
    assert "numbering-style" not in names(doc)


def test_rule_options():
    text = ("青溪县文化和旅游局2023年工作总结\n一、工作开展情况\n1、送戏下乡。全年演出126场。\n2、数字文化。新建驿站12个。\n"
            "二、存在的问题\n设施运营经费不足。\n")
    assert "heading-punctuation" not in names(check_text(text))
    strict = check_text(text, config={"options": {"heading-punctuation": {"strict-arabic": True}}})
    assert names(strict).count("heading-punctuation") == 2


def test_custom_template(tmp_path):
    cfg = {"templates": {"party-building": {"extends": "annual-summary", "label": "党建工作总结",
                                            "required": ["achievements", "experience", "problems"],
                                            "title-pattern": "党建工作总结",
                                            "labels": {"experience": "经验体会"}}}}
    text = ("中共青溪县卫生健康局委员会2023年党建工作总结\n一、党建工作开展情况\n集中学习26次，覆盖党员480人。\n"
            "二、存在的问题\n个别支部书记抓党建的能力不强。\n")
    doc = check_text(text, config=cfg)
    assert doc.template == "party-building"
    ms = [f for f in doc.findings if f.name == "missing-section"]
    assert len(ms) == 1 and "经验体会" in ms[0].message
    # --template picks it explicitly too; unknown names are a usage error
    assert check_text(text, config=cfg, template="party-building").template == "party-building"
    with pytest.raises(UsageError):
        check_text(text, template="no-such-template")


def test_config_default_template_when_title_is_silent():
    text = "一、履职情况\n全年完成项目12个。\n二、存在的不足\n学习不够系统。\n"
    assert check_text(text).template == "annual-summary"
    assert check_text(text, config={"template": "duty-report"}).template == "duty-report"


@pytest.mark.parametrize("bad", [
    {"disable": ["no-such-rule"]}, {"severity": {"numbering-gap": "fatal"}}, {"unknown-key": 1},
    {"templates": {"x": {"required": ["nonsense"]}}}, {"fail-level": "loud"},
])
def test_bad_config_is_a_usage_error(bad):
    with pytest.raises(UsageError):
        cfg = from_dict(bad)
        if "templates" in bad:
            check_text(GAP, config=cfg, template="x")


def test_load_config_errors(tmp_path):
    with pytest.raises(UsageError):
        load_config(tmp_path / "missing.toml")
    p = tmp_path / "broken.toml"
    p.write_text("disable = [", encoding="utf-8")
    with pytest.raises(UsageError):
        load_config(p)
    p.write_text('disable = ["placeholder"]\n[severity]\nyear-mismatch = "warning"\n', encoding="utf-8")
    cfg = resolve(str(p))
    assert cfg.disable == {"placeholder"} and cfg.severity == {"year-mismatch": "warning"}


# --------------------------------------------------------------------------- suppression

def test_suppress_region_html_comment():
    text = MIXED.replace("(二)旅游回暖", "<!-- zongjie-disable numbering-style -->\n(二)旅游回暖")
    assert "numbering-style" not in names(check_text(text))
    text2 = MIXED.replace("(二)旅游回暖", "<!-- zongjie-disable heading-punctuation -->\n(二)旅游回暖")
    assert "numbering-style" in names(check_text(text2))


def test_suppress_enable_ends_region():
    text = GAP.replace("二、存在的问题", "<!-- zongjie-disable -->\n二、存在的问题").replace(
        "四、2024年工作计划", "<!-- zongjie-enable -->\n四、2024年工作计划")
    assert "numbering-gap" in names(check_text(text))
    text = GAP.replace("二、存在的问题", "<!-- zongjie-disable -->\n二、存在的问题")
    assert "numbering-gap" not in names(check_text(text))


def test_suppress_next_line_and_codes():
    text = GAP.replace("四、2024年工作计划", "<!-- zongjie-disable-next-line ZJ201 -->\n\n四、2024年工作计划")
    assert "numbering-gap" not in names(check_text(text))
    text = GAP.replace("四、2024年工作计划", "<!-- zongjie-disable-next-line placeholder -->\n四、2024年工作计划")
    assert "numbering-gap" in names(check_text(text))


def test_suppress_hash_lines_in_txt_only():
    text = GAP.replace("四、2024年工作计划", "# zongjie-disable-next-line numbering-gap\n四、2024年工作计划")
    assert "numbering-gap" not in names(check_text(text, file="d.txt", markdown=False))
    sup = parse("# zongjie-disable placeholder\n正文\n", markdown=True)
    assert not sup


def test_suppress_same_line_and_file():
    text = GAP.replace("四、2024年工作计划", "四、2024年工作计划<!-- zongjie-disable-line numbering-gap -->")
    assert "numbering-gap" not in names(check_text(text))
    text = "<!-- zongjie-disable-file numbering-gap -->\n" + GAP
    assert "numbering-gap" not in names(check_text(text))


def test_comment_lines_do_not_fill_an_empty_section():
    text = ("青溪县文化和旅游局2023年工作总结暨2024年工作计划\n一、工作开展情况\n全年开展送戏下乡演出126场。\n"
            "二、存在的问题\n<!-- zongjie-disable numbering-style -->\n三、2024年工作计划\n积极争取运营经费。\n")
    assert "empty-section" in names(check_text(text))


def test_check_accepts_a_config_path(tmp_path):
    p = tmp_path / "c.toml"
    p.write_text('disable = ["numbering-gap"]\n', encoding="utf-8")
    import zongjie

    doc = zongjie.structure(GAP)
    assert "numbering-gap" not in [f.name for f in check(doc, config=str(p))]
