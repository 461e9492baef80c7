"""Drafting (`zongjie draft`): next year's summary from last year's, and template skeletons."""

from __future__ import annotations

import re
import sys
import types
from pathlib import Path

import pytest
import zongjie
from typer.testing import CliRunner
from zongjie.draft import TEMPLATE_NAMES, draft
from zongjie.draft.build import _normalise_suggest, fallback_heading, roll_title
from zongjie.draft.templates import get_template
from zongjie.errors import UsageError
from zongjie.reader import read_file

CORPORA_DIR = Path(__file__).resolve().parents[1] / "corpora"
SEED = CORPORA_DIR / "seed.txt"


PLACEHOLDER_RX = re.compile(r"【待(?:补充|核实)[^】]*】")


def _app():
    from zongjie.cli.main import app

    return app


def run_cli(*args: str):
    return CliRunner().invoke(_app(), list(args))


def structure_file(path: Path):
    src = read_file(path)
    return zongjie.structure(src.text, file=str(path), markdown=src.markdown)


def outline_key(doc) -> tuple:
    """What `zongjie outline` shows, without offsets: title facts and the role/marker/heading tree."""
    def node(s):
        return (s.role, s.level, s.marker, s.heading, tuple(node(c) for c in s.children),
                tuple(i.marker for i in s.items))
    t = doc.title
    title = (t.text, t.org, t.summary_year, t.plan_year, t.doc_type) if t else None
    return title, tuple(node(s) for s in doc.sections)


@pytest.fixture(scope="module")
def seed():
    return zongjie.structure(SEED.read_text("utf-8"), file=str(SEED))


@pytest.fixture(scope="module")
def seed_draft_md(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("draft") / "draft2023.md"
    r = run_cli("draft", "--from", str(SEED), "--year", "2023", "--out", str(out))
    assert r.exit_code == 0, r.output
    return out


# --------------------------------------------------------------------------- from last year's

def test_seed_draft_outline(seed_draft_md: Path, seed) -> None:
    doc = structure_file(seed_draft_md)
    t = doc.title
    assert t.text == "县委统战部2023年度工作总结暨2024年度工作计划"
    assert (t.org, t.summary_year, t.plan_year, t.doc_type) == ("县委统战部", 2023, 2024, "annual-summary")
    assert [s.role for s in doc.sections] == ["preamble", "achievements", "problems", "plans"]
    ach, prob, plans = doc.sections[1:]
    assert (ach.marker, prob.marker, plans.marker) == ("一、", "二、", "三、")
    assert plans.heading == "2024年工作计划"
    # one achievements heading per plan item of last year, in order, same words
    last_plans = [s for s in seed.sections if s.role == "plans"][0].children
    assert len(last_plans) == 6
    assert [c.heading for c in ach.children] == [c.heading for c in last_plans]
    assert [c.marker for c in ach.children] == ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）"]
    assert all(c.role == "achievements" for c in ach.children)


def test_seed_draft_slots_and_problems(seed_draft_md: Path) -> None:
    text = read_file(seed_draft_md).text
    doc = zongjie.structure(text, markdown=True)
    ach, prob, plans = doc.sections[1:]
    for c in ach.children:  # a prompt for what was done and a claim slot in every item
        body = text[c.start:c.end]
        assert "【待补充：完成情况、数量】" in body and "【待补充：主要做法和举措】" in body
    # the six problems of last year, each carried forward for review
    body = text[prob.start:prob.end]
    assert [i.marker for i in prob.items] == ["一是", "二是", "三是", "四是", "五是", "六是"]
    assert body.count("【待核实：上年问题，请说明今年整改情况】") == 6
    assert "统战干部的能力素质仍是短板" in body
    # plans: one numbered item per problem
    assert [c.marker for c in plans.children] == ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）"]
    # the preamble in the genre's register, with what only the author knows left open
    pre = text[doc.sections[0].start:doc.sections[0].end]
    assert pre.startswith("2023年，在县委的坚强领导下，在市委统战部的精心指导下，")
    assert "【待补充：全年总体情况】" in pre


def test_seed_draft_placeholders_are_extracted(seed_draft_md: Path) -> None:
    text = read_file(seed_draft_md).text
    doc = zongjie.structure(text, markdown=True)
    zongjie.extract(doc)
    found = [p for p in doc.placeholders if p.kind == "bracket"]
    assert len(found) == len(PLACEHOLDER_RX.findall(text)) >= 6 * 2 + 6 + 6
    assert not doc.claims or all(c.placeholder or c.value is not None for c in doc.claims)


def test_seed_draft_checks_clean(seed_draft_md: Path) -> None:
    doc = zongjie.analyze_file(seed_draft_md)
    names = [f.name for f in doc.findings]
    structural = {"missing-section", "empty-section", "numbering-gap", "numbering-style",
                  "heading-punctuation", "year-mismatch"}
    assert not [f for f in doc.findings if f.name in structural], [f.to_dict() for f in doc.findings]
    assert names.count("placeholder") == len(PLACEHOLDER_RX.findall(doc.text))
    assert not [f for f in doc.findings if f.severity == "error" and f.name != "placeholder"]
    assert "problem-without-plan" not in names


def test_plan_paragraph_items_and_role_guard() -> None:
    """Plans written as `一是…二是…` in a paragraph; a plan named `…计划` stays an achievement."""
    prev = zongjie.structure(
        "某县卫健局党委2023年党建工作总结\n"
        "2023年，在县委的坚强领导下，局党委扎实推进各项工作。\n"
        "一、主要工作\n（一）强化理论武装。集中学习26次。\n"
        "二、存在的问题\n一是个别党支部书记抓党建的能力不强；二是党建品牌特色不够鲜明。\n"
        "三、2024年工作打算\n"
        "2024年，局党委将重点抓好以下工作：一是实施党支部书记素质提升计划，开展轮训；"
        "二是深化“白衣先锋”党建品牌建设，推动党建与业务融合。\n"
        "局党委\n2024年1月5日\n")
    text = draft(prev, 2024)
    doc = zongjie.structure(text, markdown=True)
    ach = [s for s in doc.sections if s.role == "achievements"][0]
    assert [c.heading for c in ach.children] == ["实施党支部书记素质提升计划落实情况",
                                                 "深化“白衣先锋”党建品牌建设"]
    assert all(c.role == "achievements" for c in ach.children)
    assert doc.title.summary_year == 2024
    assert "领导下" in text.split("\n\n")[1] and "县委" in text.split("\n\n")[1]


def test_org_override_and_rolled_title() -> None:
    prev = zongjie.structure("青溪县统计局2022年工作总结及2023年工作思路\n一、工作开展情况\n（一）统计调查。完成调查3项。\n")
    text = draft(prev, 2023, org="青溪县统计局机关")
    title = text.splitlines()[0]
    assert title == "# 青溪县统计局机关2023年工作总结及2024年工作思路"


def test_government_report_rolls_subtitle() -> None:
    prev = zongjie.structure(
        "政府工作报告\n——2024年1月10日在青溪县第十八届人民代表大会第三次会议上\n各位代表：\n"
        "现在，我代表县人民政府向大会报告工作，请予审议。\n"
        "一、2023年工作回顾\n（一）产业发展提质增效。新增规上企业12家。\n"
        "在肯定成绩的同时，我们也清醒认识到，工作中还存在一些困难和问题：一是经济总量不大；二是财政收支矛盾突出。\n"
        "二、2024年工作安排\n（一）坚定不移推动产业转型升级。\n（二）千方百计扩大有效投资。\n")
    text = draft(prev, 2024)
    assert "——2025年X月X日在青溪县第十八届人民代表大会第三次会议上" in text
    doc = zongjie.structure(text, markdown=True)
    t = doc.title
    assert (t.doc_type, t.summary_year, t.plan_year) == ("government-work-report", 2024, 2025)
    roles = [n.role for n in doc.walk()]
    assert "problems" in roles and doc.sections[-1].role == "plans"
    ach = [s for s in doc.sections if s.role == "achievements"][0]
    assert [c.heading for c in ach.children if c.heading] == ["坚定不移推动产业转型升级", "千方百计扩大有效投资"]
    assert "我代表青溪县人民政府" in text


# --------------------------------------------------------------------------- skeletons

def test_work_plan_skeleton_is_a_plan_of_the_next_year() -> None:
    """Every genre of the registry drafts, the work plan too (it was missing from drafting)."""
    assert "work-plan" in TEMPLATE_NAMES
    text = draft(None, 2024, org="青溪县水利局", template="work-plan")
    doc = zongjie.structure(text, markdown=True)
    assert doc.title is not None and doc.title.doc_type == "plan" and doc.title.plan_year == 2025
    assert {n.role for n in doc.walk() if n.kind != "preamble"} == {"plans"}
    assert PLACEHOLDER_RX.search(text)


@pytest.mark.parametrize("name", [n for n in TEMPLATE_NAMES if n != "work-plan"])
def test_skeletons(name: str) -> None:
    text = draft(None, 2024, org="青溪县水利局" if name != "duty-report" else None, template=name)
    doc = zongjie.structure(text, markdown=True)
    t = doc.title
    assert t is not None and t.doc_type == name
    assert t.summary_year == 2024
    assert t.plan_year == (2024 if name == "half-year-summary" else 2025) or name == "duty-report"
    roles = {n.role for n in doc.walk()}
    assert {"achievements", "problems", "plans"} <= roles
    assert PLACEHOLDER_RX.search(text)
    zongjie.extract(doc)
    assert len([p for p in doc.placeholders if p.kind == "bracket"]) == len(PLACEHOLDER_RX.findall(text))


@pytest.mark.parametrize("name", TEMPLATE_NAMES)
def test_skeletons_check_clean(name: str) -> None:
    text = draft(None, 2024, org="青溪县水利局", template=name)
    doc = zongjie.analyze(text, markdown=True)
    structural = {"missing-section", "empty-section", "numbering-gap", "numbering-style",
                  "heading-punctuation", "year-mismatch"}
    assert not [f.to_dict() for f in doc.findings if f.name in structural]


def test_template_data_files_are_read() -> None:
    tpl = get_template("duty-report")
    headings = [p.get("heading") for p in tpl["parts"]]
    if (Path(zongjie.__file__).parent / "data/templates/duty-report.toml").exists():
        assert headings[0] == "履职情况"  # the checker's label
    assert get_template("half-year-summary")["plan_offset"] == 0
    assert get_template("annual-summary")["parts"][2]["heading"] == "{plan_year}年工作计划"
    with pytest.raises(UsageError):
        get_template("no-such-template")


def test_year_out_of_range() -> None:
    with pytest.raises(UsageError):
        draft(None, 99)


def test_roll_title_without_year_uses_template() -> None:
    prev = zongjie.structure("工作总结\n一、工作开展情况\n（一）强化组织领导。成立领导小组。\n")
    title, sub = roll_title(prev, 2024, None, get_template("annual-summary"), explicit_template=False)
    assert title == "【待补充单位名称】2024年度工作总结暨2025年度工作计划" and sub is None


# --------------------------------------------------------------------------- suggestion engine

def test_suggestions_become_plans(monkeypatch) -> None:
    calls = {}

    def fake_suggest(doc, top=3, index=None, model=None):
        calls["model"] = model
        return {"problems": [
            {"text": "统战干部的能力素质仍是短板", "addressed_by": None,
             "suggestions": [{"text": "加强统战干部队伍建设，分层分类开展业务培训，全面提升统战干部能力素质",
                              "score": 0.8, "source": "rewrite"}]},
            {"text": "团结、凝聚和引领党外代表人士的手段还不多", "addressed_by": None,
             "suggestions": [{"text": "加强统战干部队伍建设，分层分类开展业务培训，全面提升统战干部能力素质",
                              "score": 0.5, "source": "rewrite"},
                             {"text": "创新团结引领党外代表人士的方式方法", "score": 0.4, "source": "rewrite"}]},
        ]}

    mod = types.ModuleType("zongjie.suggest")
    mod.suggest = fake_suggest
    monkeypatch.setitem(sys.modules, "zongjie.suggest", mod)
    prev = zongjie.structure(
        "县委统战部2022年度工作总结暨2023年度工作计划\n一、工作开展情况\n（一）强化组织领导。成立领导小组。\n"
        "二、存在的问题\n一是统战干部的能力素质仍是短板；二是团结、凝聚和引领党外代表人士的手段还不多。\n"
        "三、2023年工作计划\n（一）加强队伍建设。开展培训。\n")
    text = draft(prev, 2023, model="models/x")
    assert calls["model"] == "models/x"
    doc = zongjie.structure(text, markdown=True)
    plans = [s for s in doc.sections if s.role == "plans"][0]
    assert [c.heading for c in plans.children] == ["加强统战干部队伍建设", "创新团结引领党外代表人士的方式方法"]
    assert "分层分类开展业务培训，全面提升统战干部能力素质。【待补充：具体措施、责任单位和完成时限】" in text


def test_normalise_suggest_shapes() -> None:
    class S:
        def __init__(self, text):
            self.text, self.source = text, "index:abc"

    class P:
        def __init__(self):
            self.text = "问题甲"
            self.suggestions = [S("措施甲")]

    assert _normalise_suggest([P()]) == {"问题甲": [("措施甲", "index:abc")]}
    assert _normalise_suggest({"problems": [{"text": "问题乙", "suggestions": ["措施乙"]}]}) == {
        "问题乙": [("措施乙", "rewrite")]}


def test_fallback_heading() -> None:
    assert fallback_heading("统战干部的能力素质仍是短板，与要求相比还有差距") == "着力解决统战干部的能力素质仍是短板的问题"
    assert fallback_heading("个别基层党支部书记抓党建的能力不强") == "着力解决基层党支部书记抓党建的能力不强的问题"


# --------------------------------------------------------------------------- command line

def test_cli_docx_and_markdown_same_outline(tmp_path: Path) -> None:
    md, dx = tmp_path / "d.md", tmp_path / "d.docx"
    for out in (md, dx):
        r = run_cli("draft", "--from", str(SEED), "--year", "2023", "--out", str(out))
        assert r.exit_code == 0, r.output
    assert outline_key(structure_file(md)) == outline_key(structure_file(dx))


def test_cli_skeleton_without_from(tmp_path: Path) -> None:
    out = tmp_path / "s.md"
    r = run_cli("draft", "--year", "2024", "--org", "青溪县水利局", "--template", "half-year-summary",
                "--out", str(out))
    assert r.exit_code == 0, r.output
    doc = structure_file(out)
    assert doc.title.text == "青溪县水利局2024年上半年工作总结和下半年工作打算"


@pytest.mark.parametrize("args,needle", [
    (["--from", "/no/such/file.docx", "--year", "2023", "--out", "OUT.md"], "no such file"),
    (["--year", "2023", "--template", "weekly", "--out", "OUT.md"], "--template"),
    (["--year", "2023", "--out", "OUT.pdf"], "--out"),
    (["--year", "23", "--out", "OUT.md"], "--year"),
])
def test_cli_bad_usage_exit_2(tmp_path: Path, args: list[str], needle: str) -> None:
    args = [a.replace("OUT", str(tmp_path / "o")) for a in args]
    r = run_cli("draft", *args)
    assert r.exit_code == 2
    err = r.stderr.strip()
    assert "\n" not in err and needle in err and "Traceback" not in r.output


def test_cli_bad_from_file_contents(tmp_path: Path) -> None:
    bad = tmp_path / "last.docx"
    bad.write_bytes(b"not a zip archive at all")
    r = run_cli("draft", "--from", str(bad), "--year", "2023", "--out", str(tmp_path / "o.md"))
    assert r.exit_code == 2
    assert len(r.stderr.strip().splitlines()) == 1 and str(bad) in r.stderr
    assert not (tmp_path / "o.md").exists()


def test_failing_suggestion_engine_falls_back(monkeypatch) -> None:
    from zongjie.draft import compose

    def broken(doc, top=3, index=None, model=None):
        raise RuntimeError("index corrupt")

    mod = types.ModuleType("zongjie.suggest")
    mod.suggest = broken
    monkeypatch.setitem(sys.modules, "zongjie.suggest", mod)
    prev = zongjie.structure("某局2023年工作总结暨2024年工作计划\n一、工作开展情况\n（一）抓项目。完成3项。\n"
                              "二、存在的问题\n一是项目储备不足；二是监测分析不够精准。\n"
                              "三、2024年工作计划\n（一）抓好项目储备。\n")
    d = compose(prev, 2024)
    assert any("suggestion engine failed" in n for n in d.notes)
    text = d.markdown()
    assert "（一）着力解决项目储备不足的问题。【待补充：针对“项目储备不足”的措施】" in text


def test_cli_warns_when_nothing_to_carry(tmp_path: Path) -> None:
    src = tmp_path / "last.txt"
    src.write_text("某局2023年工作总结\n一、工作开展情况\n（一）抓项目。完成3项。\n", encoding="utf-8")
    out = tmp_path / "d.md"
    r = run_cli("draft", "--from", str(src), "--year", "2024", "--out", str(out))
    assert r.exit_code == 0
    assert "no problem statements" in r.stderr and "no plan items" in r.stderr
    doc = structure_file(out)
    assert doc.title.text == "某局2024年工作总结"
    assert {"achievements", "problems", "plans"} <= {n.role for n in doc.walk()}


def test_seed_plans_come_from_the_suggestion_engine(seed_draft_md: Path, seed) -> None:
    from zongjie.suggest import suggest
    from zongjie.suggest.rewrite import rewrite

    firsts = []
    for p in suggest(seed, top=3):
        # a problem whose suggestions all went to earlier problems gets its own stock remedy
        texts = [s["text"] for s in p["suggestions"]] + [rewrite(p["text"], fallback=True).text]
        firsts.append({re.split(r"[，,；;。]", t, maxsplit=1)[0] for t in texts})
    doc = structure_file(seed_draft_md)
    plans = [s for s in doc.sections if s.role == "plans"][0].children
    assert len(plans) == len(firsts) == 6
    for node, options in zip(plans, firsts, strict=True):
        assert node.heading in options, (node.heading, options)


def test_failing_model_retries_without_it(monkeypatch) -> None:
    from zongjie.draft import compose

    def picky(doc, top=3, index=None, model=None):
        if model is not None:
            raise OSError("no weights")
        return [{"text": "项目储备不足", "suggestions": [{"text": "加强项目谋划储备，建立项目库", "source": "rewrite"}]}]

    mod = types.ModuleType("zongjie.suggest")
    mod.suggest = picky
    monkeypatch.setitem(sys.modules, "zongjie.suggest", mod)
    prev = zongjie.structure("某局2023年工作总结暨2024年工作计划\n一、工作开展情况\n（一）抓项目。完成3项。\n"
                              "二、存在的问题\n一是项目储备不足。\n三、2024年工作计划\n（一）抓好项目储备。\n")
    d = compose(prev, 2024, model="/models/none")
    assert any("suggestion model failed" in n for n in d.notes)
    assert "（一）加强项目谋划储备。" in d.markdown()


# --------------------------------------------------------------------------- against last year's, as check --previous

def test_draft_matches_what_check_previous_compares(tmp_path: Path) -> None:
    """The stubs cover last year's plan items as `check --previous` reads them, and every problem
    of last year (`zongjie.previous`/matcher units) carries the revisit placeholder."""
    from zongjie.checker import check_text
    from zongjie.draft.build import REVISIT
    from zongjie.matcher import problem_statements
    from zongjie.previous import follow_through, load_previous

    from tests.test_lsp_units import LAST_YEAR

    last = tmp_path / "2022.txt"
    last.write_text(LAST_YEAR, encoding="utf-8")
    out = tmp_path / "2023.md"
    r = run_cli("draft", "--from", str(last), "--year", "2023", "--out", str(out))
    assert r.exit_code == 0, r.output
    text = read_file(out).text
    prev = load_previous(str(last))
    # achievements: one `对照年初“…”的部署` stub per plan item of last year, in its order
    stubs = re.findall(r"对照年初“([^”]+)”的部署", text)
    assert stubs == ["推进高标准农田建设", "加快农产品冷链物流体系建设", "开展农村人居环境整治提升行动"]
    # problems: each of last year's, with the placeholder the drafter replaces by this year's 整改
    assert REVISIT == "【待核实：上年问题，请说明今年整改情况】"
    probs = problem_statements(prev)
    assert len(probs) == 2 and text.count(REVISIT) == 2
    for p in probs:
        core = re.sub(r"^[一二三四五六七八九十]+是", "", p.text).rstrip("。；")
        assert core + REVISIT in text
    doc = check_text(text, markdown=True, previous=prev)
    names = [f.name for f in doc.findings]
    assert "plan-not-reported" not in names  # every plan item has its stub
    assert all(f.reported for f in follow_through(doc, prev))
    revisits = [f for f in doc.findings if f.name == "placeholder" and "整改情况" in doc.text[f.start:f.end]]
    assert len(revisits) == 2  # flagged until filled
