"""Engine acceptance: the seed document, title variants, heading styles, implicit parts, offsets."""

from __future__ import annotations

from pathlib import Path

import pytest
import zongjie
from zongjie.model import Document

CORPORA_DIR = Path(__file__).resolve().parents[1] / "corpora"
SEED = CORPORA_DIR / "seed.txt"


def assert_offsets(doc: Document) -> None:
    text = doc.text
    n = len(text)
    if doc.title:
        assert text[doc.title.start:doc.title.end] == doc.title.text
    prev_end = -1
    for top in doc.sections:
        assert top.start >= prev_end
        prev_end = top.end
    for s in doc.walk():
        assert 0 <= s.start <= s.end <= n
        if s.heading is not None:
            assert text[s.heading_start:s.heading_end] == s.heading
        if s.marker is not None and s.kind != "markdown":
            assert text[s.start:s.start + len(s.marker)] == s.marker
        last = s.start
        for c in s.children:
            assert s.start <= c.start <= c.end <= s.end
            assert c.start >= last
            last = c.end
        for it in s.items:
            assert text[it.start:it.end] == it.marker
            assert s.start <= it.start <= it.content_end <= s.end


@pytest.fixture(scope="module")
def seed() -> Document:
    return zongjie.structure(SEED.read_text("utf-8"), file=str(SEED))


def test_seed_title(seed: Document) -> None:
    t = seed.title
    assert t is not None
    assert (t.org, t.summary_year, t.plan_year) == ("县委统战部", 2022, 2023)
    assert t.text == "县委统战部2022年度工作总结暨2023年度工作计划"


def test_seed_parts(seed: Document) -> None:
    roles = [s.role for s in seed.sections]
    assert roles == ["preamble", "achievements", "problems", "plans"]
    ach, prob, plans = seed.sections[1:]
    assert (ach.marker, ach.heading) == ("一、", "工作开展情况")
    assert [c.marker for c in ach.children] == ["（一）", "（二）", "（三）", "（四）"]
    assert [len(c.items) for c in ach.children] == [4, 4, 7, 3]
    assert ach.children[0].heading == "围绕贯穿一条主线，奏响政治引领“主旋律”"
    assert ach.children[2].heading == "围绕促进五大关系，谱写统战工作“新篇章”"
    assert [c.number for c in ach.children] == [1, 2, 3, 4]
    assert (prob.marker, prob.heading, prob.children) == ("二、", "存在的问题", [])
    assert [i.marker for i in prob.items] == ["一是", "二是", "三是", "四是", "五是", "六是"]
    assert [i.number for i in prob.items] == [1, 2, 3, 4, 5, 6]
    assert (plans.marker, plans.heading) == ("三、", "下一步工作计划")
    assert [c.heading for c in plans.children] == [
        "全面贯彻落实党的二十大精神", "大力打造民族团结进步示范创建升级版", "着力推进藏传佛教中国化方向",
        "有力促进非公经济健康发展", "致力拓宽港澳台海外“朋友圈”", "奋力做好党外知识分子统战工作"]
    # the plans intro paragraph belongs to the plans part, before （一）
    intro = seed.text.index("下一步，我们将")
    assert seed.role_at(intro) == "plans"
    assert plans.start < intro < plans.children[0].start
    assert_offsets(seed)


def test_heading_runs_into_body_keeps_body(seed: Document) -> None:
    first = seed.sections[1].children[0]
    body = seed.text[first.body_start:first.end]
    assert body.startswith("始终围绕贯彻落实党的二十大精神这条主线")


@pytest.mark.parametrize("title,expect", [
    ("县委统战部2022年度工作总结暨2023年度工作计划", ("县委统战部", 2022, 2023, "annual-summary")),
    ("县教育局2024年上半年工作总结和下半年工作打算", ("县教育局", 2024, 2024, "half-year-summary")),
    ("2026年北京市政府工作报告", ("北京市政府", 2025, 2026, "government-work-report")),
    ("张明同志2023年度述职报告", ("张明同志", 2023, None, "duty-report")),
    ("关于报送2023年工作总结及2024年工作思路的报告", (None, 2023, 2024, "annual-summary")),
    ("县发改局二○二二年工作总结暨二○二三年工作计划", ("县发改局", 2022, 2023, "annual-summary")),
    ("XX镇2023年工作小结和2024年工作谋划", ("XX镇", 2023, 2024, "annual-summary")),
])
def test_title_variants(title: str, expect: tuple) -> None:
    doc = zongjie.structure(title + "\n\n一、工作情况\n做了很多工作。\n")
    t = doc.title
    assert t is not None
    assert (t.org, t.summary_year, t.plan_year, t.doc_type) == expect


def test_government_report_title_block() -> None:
    text = ("2026年某市政府工作报告\n——2026年1月20日在某市第十届人民代表大会第五次会议上\n"
            "市长 王某\n各位代表：\n现在，我代表市人民政府，向大会报告政府工作，请予审议。\n"
            "一、2025年工作回顾\n过去一年，地区生产总值增长5.2%。\n"
            "在肯定成绩的同时，我们也清醒认识到，工作中还存在一些问题和不足：产业结构不优；民生短板较多。\n"
            "二、2026年工作安排\n（一）扩大有效投资\n重点抓好项目建设。\n（二）保障改善民生\n办好民生实事。\n")
    doc = zongjie.structure(text)
    assert doc.title and doc.title.subtitle is not None
    assert (doc.title.summary_year, doc.title.plan_year) == (2025, 2026)
    assert [s.role for s in doc.sections] == ["preamble", "achievements", "plans"]
    review = doc.sections[1]
    assert [c.role for c in review.children] == ["problems"]
    assert review.children[0].heading is None and review.children[0].marker is None
    assert doc.role_at(text.index("产业结构不优")) == "problems"
    assert doc.role_at(text.index("各位代表")) == "preamble"
    assert_offsets(doc)


def test_unheaded_document() -> None:
    text = ("县档案馆2023年工作总结\n"
            "2023年，在县委县政府的坚强领导下，我馆认真履行职责，现将全年工作总结如下。\n"
            "全年接收档案3200卷，开展档案查阅服务1500余人次。\n"
            "完成数字化扫描12万页。\n"
            "但也要清醒看到，我馆工作还存在一些不足，库房面积不足，专业人员偏少。\n"
            "下一步，我们将加快新库房建设，加强业务培训。\n")
    doc = zongjie.structure(text)
    assert [s.role for s in doc.sections] == ["preamble", "achievements", "problems", "plans"]
    assert doc.role_at(text.index("库房面积")) == "problems"
    assert doc.role_at(text.index("加快新库房")) == "plans"
    assert_offsets(doc)


@pytest.mark.parametrize("line,level,marker,number,heading", [
    ("一、工作开展情况", 1, "一、", 1, "工作开展情况"),
    ("（十二）加强自身建设", 2, "（十二）", 12, "加强自身建设"),
    ("(三)强化组织领导。成立工作专班。", 2, "(三)", 3, "强化组织领导"),
    ("1.完善制度", 3, "1.", 1, "完善制度"),
    ("2、健全机制", 3, "2、", 2, "健全机制"),
    ("３．加强宣传", 3, "３．", 3, "加强宣传"),
    ("（4）开展培训", 4, "（4）", 4, "开展培训"),
])
def test_heading_levels(line: str, level: int, marker: str, number: int, heading: str) -> None:
    doc = zongjie.structure("一、工作情况\n" + line + "\n正文内容。\n" if level > 1 else line + "\n正文内容。\n")
    node = [s for s in doc.walk() if s.marker == marker][0]
    assert (node.level, node.number, node.heading) == (level, number, heading)
    assert_offsets(doc)


def test_number_not_heading() -> None:
    doc = zongjie.structure("一、工作情况\n1.5万元用于设备购置。\n2024年，我们将继续努力。\n")
    assert [s.marker for s in doc.walk() if s.marker] == ["一、"]


def test_markdown_headings() -> None:
    text = "# 县卫健局2023年工作总结\n\n## 一、主要工作\n完成任务。\n\n## 二、存在问题\n人员不足。\n\n## 三、2024年工作计划\n加强队伍。\n"
    doc = zongjie.structure(text, markdown=True)
    assert doc.title and doc.title.text == "县卫健局2023年工作总结"
    assert [s.role for s in doc.sections] == ["achievements", "problems", "plans"]
    assert_offsets(doc)


def test_unnumbered_part_headings_and_appendix() -> None:
    text = ("2023年工作回顾\n全年完成投资10亿元。\n2024年工作安排\n（一）抓项目\n推进项目。\n（二）优环境\n优化服务。\n"
            "附件\n2024年民生实事\n1.新建学校2所（牵头单位：教育局）\n2.改造道路5公里（牵头单位：交通局）\n")
    doc = zongjie.structure(text)
    assert [s.role for s in doc.sections][:2] == ["achievements", "plans"]
    assert [c.marker for c in doc.sections[1].children] == ["（一）", "（二）"]
    others = [s for s in doc.walk() if s.role == "other"]
    assert others and all(s.kind in ("unnumbered", "appendix") for s in others)
    assert_offsets(doc)


def test_items_styles() -> None:
    text = ("一、工作情况\n我们做了三件事：第一，建机制；第二，抓落实；第三，强保障。"
            "首先，统一思想；其次，明确责任；最后，严格考核。一要提高站位，二要压实责任。\n")
    doc = zongjie.structure(text)
    items = doc.sections[0].items
    styles = {(i.style, i.marker) for i in items}
    assert ("ordinal", "第一") in styles and ("ordinal", "第三") in styles
    assert ("sequence", "首先") in styles and ("sequence", "最后") in styles
    assert ("yao", "一要") in styles and ("yao", "二要") in styles
    assert_offsets(doc)


def test_zero_circle_and_multiplication_do_not_confuse() -> None:
    text = "县法律援助中心二○二三年工作总结\n一、工作情况\n提供“7×24小时”服务，构建“4×4”体系。\n二、存在的问题\n人手不足。\n三、下一步打算\n增加人手。\n"
    doc = zongjie.structure(text)
    assert doc.title and doc.title.summary_year == 2023
    assert [s.role for s in doc.sections] == ["achievements", "problems", "plans"]


def test_combined_problems_and_plans_heading() -> None:
    text = ("一、工作开展情况\n完成各项任务。\n二、存在的问题和下一步打算\n当前还存在宣传不够深入的问题。\n"
            "下一步，我们将创新宣传方式，扩大覆盖面。\n")
    doc = zongjie.structure(text)
    assert doc.role_at(text.index("宣传不够")) == "problems"
    assert doc.role_at(text.index("创新宣传")) == "plans"
