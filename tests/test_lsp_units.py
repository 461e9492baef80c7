"""Units of the editing support: UTF-16 positions, markers, completion, code actions, hover,
outline (no server process; see test_lsp.py for the protocol end to end)."""

from __future__ import annotations

import random

import pytest
from zongjie import markers as M
from zongjie.checker.config import find_config, from_dict, load_config
from zongjie.errors import UsageError
from zongjie.lsp import assist
from zongjie.lsp.engine import Analysis
from zongjie.lsp.positions import PositionMap, cp_to_utf16, utf16_len, utf16_to_cp
from zongjie.numerals import cn_numeral

DRAFT = """青溪县发展和改革局2023年工作总结暨2024年工作计划

2023年，县发展和改革局在县委、县政府的坚强领导下，较好完成了全年目标任务。现将有关情况总结如下。
一、工作开展情况
（一）、紧盯项目建设。一是强化项目谋划储备，全年新谋划储备项目86个，总投资312.6亿元。二是强化要素保障😀，协调解决用地、用能、资金等难题***个。
（二）聚焦产业发展。全县地区生产总值预计达到186.4亿元，同比增长5.4%。
（四）兜牢民生底线𠀀。全年民生支出占一般公共预算支出的比重达到120%。
二、下一步工作计划
（一）突出抓好项目攻坚。全力推进重点项目建设。
（二）着力提升经济运行监测水平。
"""


# --------------------------------------------------------------------------- positions


def test_utf16_basics():
    assert utf16_len("abc") == 3
    assert utf16_len("总结") == 2
    assert utf16_len("𠀀") == 2  # U+20000, CJK Extension B
    assert utf16_len("😀a") == 3
    s = "a𠀀b😀c"
    assert [cp_to_utf16(s, i) for i in range(len(s) + 1)] == [0, 1, 3, 4, 6, 7]
    assert [utf16_to_cp(s, u) for u in (0, 1, 3, 4, 6, 7)] == [0, 1, 2, 3, 4, 5]
    assert utf16_to_cp(s, 2) == 2  # inside the surrogate pair: rounds to the next character
    assert utf16_to_cp(s, 99) == len(s)
    assert s.encode("utf-16-le")[: 2 * cp_to_utf16(s, 4)].decode("utf-16-le") == s[:4]


def test_position_map_astral_before_a_finding():
    text = "标题\n𠀀😀占位***个\n下一行"
    pm = PositionMap(text)
    at = text.index("***")
    assert pm.position(at) == (1, 6)  # 𠀀 and 😀 two units each, 占 and 位 one each (4 code points)
    line_start = text.index("𠀀")
    assert pm.position(at) == (1, utf16_len(text[line_start:at]))
    assert pm.offset(1, 6) == at
    assert pm.offset(1, 1) == line_start + 1  # half a surrogate pair rounds forward
    assert pm.position(text.index("下")) == (2, 0)
    assert pm.offset(5, 0) == len(text)
    assert pm.offset(0, 99) == 2  # past the end of the line → its end


def test_position_map_line_breaks():
    text = "一\r\n二\r三\n四"
    pm = PositionMap(text)
    assert pm.line_count == 4
    assert [pm.position(text.index(ch)) for ch in "一二三四"] == [(0, 0), (1, 0), (2, 0), (3, 0)]
    assert pm.position(1) == (0, 1) and pm.position(2) == (0, 1)  # inside \r\n: end of line 0
    assert pm.line_text(0) == "一"


def test_position_map_roundtrip_random():
    rnd = random.Random(7)
    alphabet = ["总", "a", "𠀀", "😀", "\n", "。", "\r\n", "１"]
    for _ in range(50):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 60)))
        pm = PositionMap(text)
        for off in range(len(text) + 1):
            line, ch = pm.position(off)
            back = pm.offset(line, ch)
            # offsets inside a \r\n map to the end of their line
            assert back == off or (text[back:off] == "\r" and back == off - 1)
            lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
            assert ch <= utf16_len(lines[line])


# --------------------------------------------------------------------------- markers


@pytest.mark.parametrize("marker,n,expected", [
    ("一、", 2, "二、"), ("九、", 10, "十、"), ("十、", 11, "十一、"), ("（三）", 4, "（四）"),
    ("(三)", 4, "(四)"), ("（一）、", 2, "（二）"), ("2.", 3, "3."), ("2、", 3, "3、"),
    ("２．", 3, "３．"), ("（1）", 2, "（2）"), ("①", 2, "②"), ("一.", 2, "二、"),
    ("第一部分", 2, "第二部分"),
])
def test_with_number(marker, n, expected):
    assert M.with_number(marker, n) == expected


@pytest.mark.parametrize("marker,expected", [
    ("（一）、", "（一）"), ("一.", "一、"), ("一，", "一、"), ("(二)", "（二）"), ("3、", "3."),
    ("（1）.", "（1）"), ("一、", "一、"),
])
def test_canonical(marker, expected):
    assert M.canonical(marker) == expected


def test_items():
    assert M.next_items("shi", 2) == ["三是"]
    assert M.next_items("ordinal", 1) == ["第二，"]
    assert M.next_items("sequence", 1) == ["其次，", "最后，"]
    assert cn_numeral(21) == "二十一"


# --------------------------------------------------------------------------- completion


@pytest.fixture(scope="module")
def an():
    return Analysis.run(DRAFT, file="draft.txt", markdown=False)


def labels(cands):
    return [c.label for c in cands]


def test_complete_next_heading_marker(an):
    text = DRAFT.replace("（四）兜牢", "\n（四）兜牢")  # an empty line after （二）
    a = Analysis.run(text, markdown=False)
    at = text.index("\n（四）兜牢") + 1
    got = assist.complete(a, at)
    assert labels(got)[0] == "（三）"
    assert "二、" in labels(got) and "1." in labels(got)
    # typed “（” already: the candidate replaces it
    t2 = text[:at] + "（" + text[at:]
    b = Analysis.run(t2, markdown=False)
    c = next(c for c in assist.complete(b, at + 1) if c.label == "（三）")
    assert (c.start, c.end) == (at, at + 1)


def test_complete_missing_sections(an):
    at = DRAFT.index("二、下一步")
    got = labels(assist.complete(an, at))
    assert "二、存在的问题" in got


def test_complete_missing_sections_numbered_after_last():
    text = "某局2023年工作总结\n\n一、工作开展情况\n全年完成投资12亿元。\n"
    a = Analysis.run(text, markdown=False)
    got = labels(assist.complete(a, len(text)))
    assert "二、存在的问题" in got
    assert "三、下一步工作计划" in got


def test_complete_next_item(an):
    at = DRAFT.index("，协调解决用地")
    got = assist.complete(an, at)
    assert "三是" in labels(got)
    c = next(c for c in got if c.label == "三是")
    assert c.start == c.end == at


def test_complete_arabic_after_2():
    text = "某局2023年工作总结\n\n一、工作开展情况\n（一）项目建设\n1.强化谋划。\n2.强化保障。\n"
    a = Analysis.run(text, markdown=False)
    got = labels(assist.complete(a, len(text)))
    assert got[0] == "3."


def test_complete_placeholder_hint(an):
    at = DRAFT.index("86个")
    got = assist.complete(an, at)
    assert "【待补充】" in labels(got)


# --------------------------------------------------------------------------- code actions


def _apply(text, edits):
    for e in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[:e.start] + e.text + text[e.end:]
    return text


def test_action_heading_punctuation(an):
    at = DRAFT.index("（一）、")
    acts = assist.code_actions(an, at, at)
    a = next(a for a in acts if "（一）" in a.title and "、" in a.title and a.edits[0].text == "（一）")
    assert _apply(DRAFT, a.edits).count("（一）、") == 0


def test_action_renumber(an):
    at = DRAFT.index("（四）")
    acts = assist.code_actions(an, at, at)
    a = next(a for a in acts if a.title.startswith("重新编排"))
    new = _apply(DRAFT, a.edits)
    assert "（三）兜牢民生底线" in new and "（四）" not in new


def test_action_renumber_items():
    text = "某局2023年工作总结\n\n一、工作开展情况\n一是强化谋划。三是强化保障。四是强化督导。\n"
    a = Analysis.run(text, markdown=False)
    at = text.index("三是")
    act = next(x for x in assist.code_actions(a, at, at) if x.title.startswith("重新编排列举"))
    assert "一是强化谋划。二是强化保障。三是强化督导。" in _apply(text, act.edits)


def test_action_insert_missing_section(an):
    acts = assist._missing_actions(an, [])
    a = next(a for a in acts if "存在的问题" in a.title)
    new = _apply(DRAFT, a.edits)
    assert "二、存在的问题\n【待补充】\n三、下一步工作计划" in new


def test_action_disable_comment_syntax():
    from zongjie.checker import suppress

    md = assist.suppress_comment("placeholder", markdown=True)
    txt = assist.suppress_comment("placeholder", markdown=False)
    assert md == "<!-- zongjie-disable-next-line placeholder -->"
    assert suppress.parse(md + "\n有***个\n", markdown=True).by_line.get(2) == {"placeholder"}
    assert suppress.parse(txt + "\n有***个\n", markdown=False).by_line.get(2) == {"placeholder"}


# --------------------------------------------------------------------------- hover, outline


def test_hover_claim(an):
    at = DRAFT.index("312.6亿元") + 1
    text, s, e = assist.hover(an, at)
    assert "312.6" in text and "亿元" in text and "对象" in text
    assert DRAFT[s:e] == "312.6亿元"
    plain, _, _ = assist.hover(an, at, markdown=False)
    assert "**" not in plain


def test_symbols_and_folding(an):
    syms = assist.symbols(an)
    names = [s.name for s in syms]
    assert names[0].startswith("青溪县") and "一、工作开展情况" in names
    top = next(s for s in syms if s.name == "一、工作开展情况")
    assert [c.name for c in top.children][:2] == ["（一）、紧盯项目建设", "（二）聚焦产业发展"]
    for s in syms:
        for c in [s, *s.children]:
            assert c.start <= c.sel_start <= c.sel_end <= c.end
    folds = assist.folding_ranges(an)
    assert (3, 6) in folds and (7, 9) in folds


def test_plan_item_insertion(an):
    at, ins = assist.plan_item_text(an, "加强干部队伍建设")
    assert ins == "\n（三）加强干部队伍建设。"
    assert DRAFT[:at].endswith("监测水平。")


def test_complete_plan_items_inside_plans():
    text = ("某局2023年工作总结暨2024年工作计划\n\n一、工作开展情况\n全年完成投资12亿元。\n"
            "二、存在的问题\n一是项目储备质量不高，前期工作深度不够。二是干部队伍专业能力有待提升。\n"
            "三、下一步工作计划\n（一）突出抓好项目攻坚。全力推进重点项目建设。\n")
    a = Analysis.run(text, markdown=False)
    plans = [c for c in assist.complete(a, len(text)) if c.kind == "plan"]
    assert plans, "the suggester offers plan items inside the plans part"
    assert all(c.insert.startswith("（二）") and c.insert.endswith("。") for c in plans)
    assert "问题" in plans[0].detail
    # outside the plans part: no plan items
    at = text.index("全年完成")
    assert not [c for c in assist.complete(a, at) if c.kind == "plan"]


def test_outline_only_analysis_is_enough_for_completion():
    a = Analysis.run(DRAFT, markdown=False, full=False)
    assert not a.full and a.doc.findings == [] and a.doc.claims == []
    at = DRAFT.index("，协调解决用地")
    assert "三是" in labels(assist.complete(a, at))


def test_published_json_is_the_typed_diagnostic(an):
    """The server publishes plain JSON (fast path); it must equal lsprotocol's own encoding."""
    from pygls.protocol import default_converter
    from zongjie.lsp.server import ZongjieServer

    conv = default_converter()
    srv = ZongjieServer(debounce=0)
    assert an.doc.findings
    for f in an.doc.findings:
        assert conv.unstructure(srv.diagnostic(an, f)) == ZongjieServer.diagnostic_json(an, f)


def test_markdown_headings():
    text = ("# 某局2023年工作总结\n\n## 一、工作开展情况\n\n全年完成投资12亿元。\n\n### （一）项目建设\n\n"
            "完成项目8个。\n\n## 二、下一步工作计划\n\n### （一）抓项目\n\n")
    a = Analysis.run(text, markdown=True)
    at = text.index("## 二、下一步")
    got = labels(assist.complete(a, at))
    assert got[0] == "### （二）" and "## 二、" in got and "## 二、存在的问题" in got
    (act,) = [x for x in assist._missing_actions(a, []) if "存在的问题" in x.title]
    new = _apply(text, act.edits)
    assert "## 二、存在的问题\n【待补充】\n## 三、下一步工作计划" in new
    assert assist.plan_item_text(a, "加强建设")[1] == "\n### （二）加强建设。"
    syms = assist.symbols(a)
    assert [s.name for s in syms][1:] == ["一、工作开展情况", "二、下一步工作计划"]


def test_action_fix_all_applies_every_safe_fix_in_one_edit():
    text = ("青溪县档案局2023年工作总结\n一、工作开展情况\n"
            "（一）、馆藏资源不断丰富。全年接收档案1200卷,完成扫描3.6万页。。\n"
            "（二）服务能力持续提升。截止2023年底，同比增长5-8%，3月15号前完成招标。\n")
    a = Analysis.run(text, markdown=False)
    acts = assist.code_actions(a, 0, 0)  # offered wherever the cursor is
    fix_all = next(x for x in acts if x.title == assist.FIX_ALL_TITLE)
    assert fix_all.kind == "source.fixAll" and len(fix_all.edits) >= 6
    spans = sorted((e.start, e.end) for e in fix_all.edits)
    assert all(p[1] <= q[0] for p, q in zip(spans, spans[1:]))  # non-overlapping
    new = _apply(text, fix_all.edits)
    from zongjie.fixes import apply

    safe = [f.fix for f in a.doc.findings if f.fix is not None and f.fix.safe]
    assert new == apply(text, safe)[0]  # the same as check --fix's first round
    assert "（一）馆藏资源不断丰富。全年接收档案1200卷，完成扫描3.6万页。\n" in new
    assert "截至2023年底，同比增长5%～8%，3月15日前完成招标。" in new
    # nothing safe left: no fixAll action
    b = Analysis.run(new, markdown=False)
    assert not [x for x in assist.code_actions(b, 0, 0) if x.kind == "source.fixAll"]


def test_server_advertises_source_fix_all():
    from lsprotocol import types as T
    from zongjie.lsp import server

    assert server.ACTION_KIND["source.fixAll"] == T.CodeActionKind.SourceFixAll
    ls = server.build()
    opts = ls.protocol.fm.feature_options.get(T.TEXT_DOCUMENT_CODE_ACTION)
    assert T.CodeActionKind.SourceFixAll in opts.code_action_kinds


# --------------------------------------------------------------------------- last year's document

THIS_YEAR = """青溪县农业农村局2023年工作总结暨2024年工作计划
2023年，我局在县委、县政府的坚强领导下，扎实推进乡村振兴各项工作。
一、2023年工作开展情况
（一）高标准农田建设。新建高标准农田2.1万亩，耕地质量等级提升0.2个等级。
（二）农村人居环境整治。完成农村户厕改造1200户，生活垃圾分类处理覆盖全部行政村。
二、存在的问题
一是农业产业链条短，农产品精深加工能力不足，带动农民增收作用有限。二是部分村组道路年久失修，雨季通行困难。
三、2024年工作计划
（一）提升农产品加工能力。引进培育农产品精深加工企业3家。
（二）补齐农村基础设施短板。新建改建农村公路50公里。
"""
LAST_YEAR = """青溪县农业农村局2022年工作总结暨2023年工作计划
一、2022年工作开展情况
全年粮食播种面积稳定在42万亩，新建高标准农田1.5万亩。
二、存在的问题
一是农业产业链条短，农产品精深加工能力不足，带动农民增收作用有限。二是农村基础设施建设仍有短板。
三、2023年工作计划
（一）推进高标准农田建设。新建高标准农田2万亩，提升耕地质量。
（二）加快农产品冷链物流体系建设。在重点乡镇布局产地冷藏保鲜设施。
（三）开展农村人居环境整治提升行动。推进农村厕所革命和生活垃圾分类处理。
"""


def test_analysis_with_previous_document(tmp_path):
    from zongjie.previous import load_previous

    last = tmp_path / "2022.txt"
    last.write_text(LAST_YEAR, encoding="utf-8")
    alone = Analysis.run(THIS_YEAR, file="2023.txt", markdown=False)
    assert not {"plan-not-reported", "problem-repeated"} & {f.name for f in alone.doc.findings}
    prev = load_previous(str(last))
    an = Analysis.run(THIS_YEAR, file="2023.txt", markdown=False, previous=prev)
    assert an.previous is prev
    found = {f.name: f for f in an.doc.findings}
    assert "冷链物流" in found["plan-not-reported"].message  # the one plan item not reported
    assert found["problem-repeated"].line == 7


def test_config_previous_key(tmp_path):
    cfg = tmp_path / "proj" / ".zongjie.toml"
    cfg.parent.mkdir()
    cfg.write_text('previous = "../last/2022.docx"\n', encoding="utf-8")
    assert load_config(cfg).previous == str(tmp_path / "last" / "2022.docx")
    assert from_dict({"previous": "/abs/last.txt"}).previous == "/abs/last.txt"
    assert from_dict({}).previous is None
    for bad in (3, "", ["a.txt"]):
        with pytest.raises(UsageError, match="previous"):
            from_dict({"previous": bad})


class _Shown(list):
    def __call__(self, params) -> None:
        self.append(params.message)


def test_server_loads_previous_once_per_mtime_and_warns_once(tmp_path, monkeypatch):
    import os

    import zongjie.previous as P
    from zongjie.lsp.server import ZongjieServer

    calls: list[str] = []
    real = P.load_previous
    monkeypatch.setattr(P, "load_previous", lambda path: calls.append(path) or real(path))
    ls = ZongjieServer(debounce=0)
    shown = _Shown()
    ls.window_show_message = shown  # type: ignore[method-assign]
    last = tmp_path / "2022.txt"
    last.write_text(LAST_YEAR, encoding="utf-8")
    doc = ls.previous_doc(str(last))
    assert doc is not None and ls.previous_doc(str(last)) is doc and len(calls) == 1
    os.utime(last, ns=(1, 1_000_000_000))  # modified: read again
    assert ls.previous_doc(str(last)) is not doc and len(calls) == 2
    missing = str(tmp_path / "nope.docx")
    assert ls.previous_doc(missing) is None and ls.previous_doc(missing) is None
    assert len(shown) == 1 and "nope.docx" in shown[0]
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    assert ls.previous_doc(str(bad)) is None and ls.previous_doc(str(bad)) is None
    assert len(shown) == 2 and "bad.docx" in shown[1]
    # the config key wins over the initialization option; the previous file is not checked against itself
    ls.previous_option = str(bad)
    proj = tmp_path / "proj"
    proj.mkdir()
    (proj / ".zongjie.toml").write_text('previous = "../2022.txt"\n', encoding="utf-8")
    assert ls.previous_path(str(proj / "2023.txt")) == str(last)
    assert find_config(tmp_path) is None  # no config above tmp_path: the option decides there
    assert ls.previous_path(str(tmp_path / "2023.txt")) == str(bad)
    assert ls.previous_for((proj / "2023.txt").as_uri()) is not None
    ls.previous_option = "2022.txt"  # relative: to the workspace root, else the working directory
    monkeypatch.chdir(tmp_path)
    assert ls.previous_path(str(tmp_path / "x" / "2023.txt")) == str(last)
    assert ls.previous_for(last.as_uri()) is None  # last year's document open in the editor
