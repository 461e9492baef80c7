"""Genre variants written for this project: outline roles and no false finding on complete drafts."""

from __future__ import annotations

from pathlib import Path

import pytest
import zongjie

DATA = Path(__file__).parent / "data" / "genre"


@pytest.mark.parametrize("name,roles", [
    ("duty-combined.txt", ["preamble", "achievements", "achievements", "achievements", "problems"]),
    ("halfyear-arabic.txt", ["achievements", "problems", "plans"]),
    ("parts-first-part.txt", ["achievements", "problems", "plans"]),
    ("difficulties-heading.txt", ["achievements", "problems", "plans"]),
])
def test_roles_and_clean_check(name: str, roles: list[str]) -> None:
    doc = zongjie.analyze_file(DATA / name)
    assert [s.role for s in doc.sections] == roles
    assert [f.name for f in doc.findings if f.severity in ("error", "warning")] == []


def test_half_year_title_years() -> None:
    doc = zongjie.analyze_file(DATA / "halfyear-arabic.txt")
    assert doc.title and (doc.title.org, doc.title.summary_year, doc.title.plan_year) == ("县住建局", 2024, 2024)
    assert doc.title.doc_type == "half-year-summary"


LEAD_DOC = """某市2025年政府工作报告
一、2025年工作回顾
（一）经济运行稳中向好
大力提振消费。
深入开展提振消费专项行动，持续实施以旧换新政策，全年社会消费品零售总额增长6.2%，新增限上企业120家，培育消费新场景30个。
扩大有效投资。
强化项目招商和要素保障，全年实施重点项目320个，完成投资1250亿元，其中产业投资占比提高到45%，民间投资增长8.1%。
（二）民生保障持续加强
全年城镇新增就业5.2万人，城乡居民收入分别增长5%和7%，新建改建学校12所。
成绩来之不易。
我们也清醒看到，经济持续回升的基础还不稳固，部分企业生产经营困难，公共服务还有短板，我们将采取有力措施加以解决。
——抗击洪涝灾害取得重大胜利。
全市上下众志成城，转移安置群众2.1万人，恢复重建房屋3200间，灾后生产生活秩序全面恢复，受灾群众得到妥善安置。
——重大项目建设取得新进展。
轨道交通一号线开通运营，新建改建农村公路800公里，城市更新改造老旧小区120个，城乡面貌持续改善提升。
"""


def test_short_lead_lines_in_series_are_sub_headings() -> None:
    doc = zongjie.structure(LEAD_DOC)
    leads = [n for n in doc.walk() if n.kind == "lead"]
    assert [n.heading for n in leads] == ["大力提振消费", "扩大有效投资"]
    parent = next(n for n in doc.walk() if n.heading == "经济运行稳中向好")
    assert parent.children == leads
    for n in leads:
        assert n.level == parent.level + 1 and n.role == parent.role
        assert LEAD_DOC[n.heading_start:n.heading_end] == n.heading
        assert LEAD_DOC[n.start:n.end].startswith(n.heading)
    # one short sentence alone is prose; dash lists stay lists
    assert not any(n.heading in ("成绩来之不易",) or (n.heading or "").startswith("—") for n in doc.walk())


def test_item_lines_are_not_lead_headings() -> None:
    text = ("某局2024年工作总结\n一、工作开展情况\n主要做了以下工作：一是加强组织领导，成立专班推进各项任务落实。\n"
            "二是完善制度。\n修订完善内部管理制度12项，建立健全工作台账和督办机制，各项工作有序推进并取得明显成效。\n"
            "三是强化培训。\n全年组织业务培训8期，培训干部职工600余人次，干部队伍业务能力和服务水平进一步提升。\n")
    doc = zongjie.analyze(text)
    assert not any(n.kind == "lead" for n in doc.walk())
    assert not [f for f in doc.findings if f.name == "numbering-gap"]
