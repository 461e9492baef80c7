"""The language rules (ZJ7xx): their fixes, what they must leave alone, the confusable-word data,
tiers in `.zongjie.toml`, recall and `--fix` on corpora/language, idempotence and meaning kept.

The must-hit / must-pass examples of rules_language.toml run in tests/test_checker_rules.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import zongjie
from zongjie.checker import check_text, load_rules
from zongjie.checker.rules_language import confusables
from zongjie.cli.fix_impl import fixed_text
from zongjie.fixes import apply
from zongjie.reader import read_file

ROOT = Path(__file__).resolve().parent.parent
LANG = ("punctuation-width", "paired-marks", "repeated-punctuation", "year-abbreviation", "number-range",
        "date-form", "confusable-word")
TITLE = "青溪县档案局2023年工作总结\n"


def found(body: str, name: str, title: str = TITLE, **kw):
    doc = check_text(title + body, **kw)
    return doc, [f for f in doc.findings if f.name == name]


def fixed(body: str, name: str, title: str = TITLE) -> str:
    """``body`` after the safe fixes of rule ``name`` (one round)."""
    doc, fs = found(body, name, title)
    out, _ = apply(doc.text, [f.fix for f in fs if f.fix is not None])
    return out[len(title):]


def test_registry_has_the_spec_names_with_tier_and_source():
    rules = load_rules()
    for name in LANG:
        r = rules[name]
        assert r.code.startswith("ZJ7") and r.category == "language"
        assert r.tier in ("国标", "标准", "实务") and r.source
        assert r.to_dict()["tier"] == r.tier
    assert rules["missing-section"].tier == "实务" and rules["heading-punctuation"].tier == "国标"
    assert rules["repeated-punctuation"].severity == "error"  # explicit in the standard, near-certain


# --------------------------------------------------------------------------- punctuation-width

@pytest.mark.parametrize("body,want", [
    ("全年接收档案1200卷,完成扫描3.6万页。\n", "全年接收档案1200卷，完成扫描3.6万页。\n"),
    ("各位代表:今年任务已完成!\n", "各位代表：今年任务已完成！\n"),
    ("一是规范整理; 二是按时归档。\n", "一是规范整理；二是按时归档。\n"),
    ("同比增长12%!\n", "同比增长12%！\n"),
    ("开展活动(共12场)，受益群众800人。\n", "开展活动（共12场），受益群众800人。\n"),
    ("难道不应该这样做吗?\n", "难道不应该这样做吗？\n"),
])
def test_punctuation_width_fixes(body, want):
    assert fixed(body, "punctuation-width") == want


@pytest.mark.parametrize("body", [
    "全年接收档案1,200卷，上午8:30开馆，比例为3:1。\n",
    "详见 https://www.example.gov.cn/a?b=1,2;c=3 。\n",
    "联系邮箱 dangan,office@example.gov.cn 。\n",
    "国内生产总值(GDP)增长5.2%。\n",
    "英文名称为 Archives Bureau, Qingxi County。\n",
    "代码 `a,b;c:d` 不算。\n",
    "(二)这是标题序号，由 numbering-style 负责。\n",
])
def test_punctuation_width_leaves_alone(body):
    assert not found(body, "punctuation-width")[1]


def test_markdown_links_and_images_are_left_alone():
    body = "\n全年完成[数字化扫描](https://example.gov.cn/a,b)任务，详见![进度](img/a.png)。\n"
    assert not found(body, "punctuation-width", title="# 青溪县档案局2023年工作总结\n", markdown=True)[1]


# --------------------------------------------------------------------------- paired-marks

def test_paired_marks_spans_and_no_fix():
    doc, fs = found("深入开展“档案进社区活动，学习《档案法》和《档案法实施条例。\n", "paired-marks")
    assert sorted(doc.text[f.start:f.end] for f in fs) == ["“", "《"] and all(f.fix is None for f in fs)
    assert {f.message for f in fs} == {"““”在本段内没有对应的“””", "“《”在本段内没有对应的“》”"}


@pytest.mark.parametrize("body", [
    "“第一段引文，\n“第二段引文，到这里结束。”\n",             # GB/T 15834: multi-paragraph quotation
    "工作要求：1）按时归档；2）规范整理。\n",                    # item numbers
    "认真实施《\n信访条例\n》，加强信访工作。\n",                 # a scraped line break inside the marks
    "办好“中国’99昆明世界园艺博览会”。\n",                      # a year apostrophe
])
def test_paired_marks_leaves_alone(body):
    assert not found(body, "paired-marks")[1]


# --------------------------------------------------------------------------- repeated-punctuation

@pytest.mark.parametrize("body,want,severity", [
    ("接收档案1200卷。。完成扫描。\n", "接收档案1200卷。完成扫描。\n", "error"),
    ("规范整理，，按时归档。\n", "规范整理，按时归档。\n", "error"),
    ("一是规范整理；二是按时归档；。\n", "一是规范整理；二是按时归档。\n", "error"),
    ("档案进社区、档案进校园...等活动。\n", "档案进社区、档案进校园……等活动。\n", "warning"),
    ("档案进社区、档案进校园。。。等活动。\n", "档案进社区、档案进校园……等活动。\n", "warning"),
    ("档案进社区、档案进校园…等活动。\n", "档案进社区、档案进校园……等活动。\n", "warning"),
])
def test_repeated_punctuation(body, want, severity):
    _, fs = found(body, "repeated-punctuation")
    assert [f.severity for f in fs] == [severity]
    assert fixed(body, "repeated-punctuation") == want


def test_repeated_punctuation_without_a_mechanical_fix():
    _, fs = found("规范整理，、按时归档。\n", "repeated-punctuation")
    assert len(fs) == 1 and fs[0].fix is not None and not fs[0].fix.safe
    assert not found("难道不应该这样做吗？！正确的省略号是……和…………\n", "repeated-punctuation")[1]


# --------------------------------------------------------------------------- year-abbreviation

@pytest.mark.parametrize("body,want", [
    ("23年5月，新库房投入使用。\n", "2023年5月，新库房投入使用。\n"),
    ("截至'23年底，共完成扫描。\n", "截至2023年底，共完成扫描。\n"),
    ("22年度考核为优秀。\n", "2022年度考核为优秀。\n"),
    ("二三年底前完成建档。\n", "二〇二三年底前完成建档。\n"),
    ("23年，我局接收档案1200卷。\n", "2023年，我局接收档案1200卷。\n"),
])
def test_year_abbreviation_fixes_from_the_title_year(body, want):
    assert fixed(body, "year-abbreviation") == want


@pytest.mark.parametrize("body", [
    "我局成立23年来，近23年馆藏翻了两番，连续12年被评为先进。\n",
    "老馆长从事档案工作23年，新馆建设用了3年。\n",
    "再过一二年，二三年内可以全部完工。\n",
    "12年，我局接收档案1200卷。\n",  # sentence-initial but far from the document's year: not sure
])
def test_year_abbreviation_leaves_alone(body):
    assert not found(body, "year-abbreviation")[1]


def test_year_abbreviation_fix_unsafe_far_from_the_title_year():
    _, fs = found("98年5月，老库房建成。\n", "year-abbreviation")
    assert len(fs) == 1 and fs[0].fix.replacement == "1998年" and not fs[0].fix.safe


def test_year_abbreviation_without_any_year_has_no_fix():
    doc = check_text("档案工作情况\n23年5月，新库房投入使用。\n")
    fs = [f for f in doc.findings if f.name == "year-abbreviation"]
    assert len(fs) == 1 and fs[0].fix is None


# --------------------------------------------------------------------------- number-range

@pytest.mark.parametrize("written,want", [
    ("提高5%-8%。", "提高5%～8%。"),
    ("提高5-8%。", "提高5%～8%。"),
    ("提高5—8%。", "提高5%—8%。"),
    ("节约3-5万元。", "节约3万～5万元。"),
    ("节约3～5万元。", "节约3万～5万元。"),
    ("节约3万-5万元。", "节约3万～5万元。"),
    ("投资9-16亿元。", "投资9亿～16亿元。"),
    ("招聘10－15个。", "招聘10～15个。"),
    ("温度5~10℃。", "温度5～10℃。"),
    ("编制2023-2025年规划。", "编制2023—2025年规划。"),
    ("1-2月开展检查。", "1—2月开展检查。"),
    ("10-15日开展检查。", "10—15日开展检查。"),
    ("用时3-5年。", "用时3～5年。"),
    ("用时1-2个月。", "用时1～2个月。"),
])
def test_number_range(written, want):
    assert fixed(written + "\n", "number-range") == want + "\n"


@pytest.mark.parametrize("body", [
    "印发日期2023-01-01，电话0571-88886666，见表1-2，型号C919-2，频段3-5G。\n",
    "依据青档〔2023〕5号文件，条款编号为3-5。\n",
    "提高5%～8%，节约3万～5万元，2023—2025年规划，招聘20—25人。\n",
])
def test_number_range_leaves_alone(body):
    assert not found(body, "number-range")[1]


def test_number_range_fix_keeps_the_claim():
    for a, b in (("增长5-8%。", "增长5%～8%。"), ("节约3-5万元。", "节约3万～5万元。")):
        ca = zongjie.analyze(TITLE + a).claims
        cb = zongjie.analyze(TITLE + b).claims
        assert [(c.value, c.value_max, c.unit) for c in ca] == [(c.value, c.value_max, c.unit) for c in cb]


# --------------------------------------------------------------------------- date-form

@pytest.mark.parametrize("body,want", [
    ("新馆于3月15号正式开放。\n", "新馆于3月15日正式开放。\n"),
    ("2023.6.9，我局承办现场会。\n", "2023年6月9日，我局承办现场会。\n"),
    ("于2023/06/09召开。\n", "于2023年6月9日召开。\n"),
])
def test_date_form(body, want):
    assert fixed(body, "date-form") == want


@pytest.mark.parametrize("body", [
    "3月8号楼已移交使用，5月1号文件已印发。\n",
    "扫描件 scan_2023.06.09.pdf，数字日期写作2023-06-09。\n",
    "| 日期 | 事项 |\n| 2023.6.9 | 现场会 |\n",
    "版本 v2023.6.9 不算。\n",
])
def test_date_form_leaves_alone(body):
    assert not found(body, "date-form")[1]


# --------------------------------------------------------------------------- confusable-word

ENTRIES = confusables()


def test_confusables_data_is_complete():
    ids = [c.id for c in ENTRIES]
    assert len(ids) == len(set(ids)) >= 20
    for must in ("jiezhi", "qita", "zuochu", "bixu", "quanli-power", "quanli-right", "de-di", "qiyong-start",
                 "qiyong-person", "duguo"):
        assert must in ids
    for c in ENTRIES:
        assert c.source and c.hit and c.pass_ and c.severity in ("warning", "info")


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda c: c.id)
def test_confusable_examples(entry):
    for text in entry.hit:
        doc = check_text(TITLE + text)
        mine = [f for f in doc.findings if f.name == "confusable-word" and f.data.get("entry") == entry.id]
        assert mine, (entry.id, text)
        for f in mine:
            assert doc.text[f.start:f.end] == entry.wrong
            assert f.fix.replacement == entry.right and f.fix.safe == entry.safe
            assert f.severity == ("info" if entry.severity == "info" else "warning")
    for text in entry.pass_:
        doc = check_text(TITLE + text)
        assert not [f for f in doc.findings if f.name == "confusable-word" and f.data.get("entry") == entry.id], \
            (entry.id, text)


def test_confusables_are_published_only_with_their_gate(monkeypatch):
    """Threads check at once (threaded Dask workers, the LSP and web servers): a thread that
    finds the entries loaded must find the gate compiled — a document once failed with
    ``'NoneType' object has no attribute 'findall'`` on a threaded Dask worker."""
    from zongjie.checker import rules_language as rl

    monkeypatch.setattr(rl, "_CONFUSABLES", None)
    monkeypatch.setattr(rl, "_GATE", None)
    seen = []  # what another thread would find while a pattern of the loader compiles
    real = rl.rx.compile

    def spy(pattern, flags=0):
        seen.append(rl._CONFUSABLES)
        return real(pattern, flags)

    monkeypatch.setattr(rl.rx, "compile", spy)
    entries = confusables()
    assert seen and all(s is None for s in seen)  # the gate was compiled before the entries were published
    assert rl._GATE is not None and len(entries) == len(ENTRIES)


# --------------------------------------------------------------------------- config: tiers

def test_a_tier_can_be_disabled():
    body = "新馆于3月15号正式开放，截止2023年底接收档案1200卷,完成扫描。\n"
    names = {f.name for f in check_text(TITLE + body).findings}
    assert {"date-form", "confusable-word", "punctuation-width"} <= names
    names = {f.name for f in check_text(TITLE + body, config={"disable": ["实务"]}).findings}
    assert "date-form" not in names and "confusable-word" in names
    names = {f.name for f in check_text(TITLE + body, config={"disable": ["国标", "标准"]}).findings}
    assert "punctuation-width" not in names and "confusable-word" not in names and "date-form" in names


def test_an_unknown_tier_or_rule_is_a_usage_error():
    from zongjie.errors import UsageError

    with pytest.raises(UsageError):
        check_text(TITLE, config={"disable": ["行规"]})


# --------------------------------------------------------------------------- corpora/language

def _drafts():
    out = []
    for side in sorted((ROOT / "corpora/language").glob("*.json")):
        meta = json.loads(side.read_text("utf-8"))
        out.append((side.parent / meta["file"], meta))
    return out


DRAFTS = _drafts()


def test_the_drafts_cover_every_rule_several_times():
    assert len(DRAFTS) >= 12
    per = {n: 0 for n in LANG}
    for _, meta in DRAFTS:
        for d in meta["defects"]:
            per[d["name"]] += 1
    assert min(per.values()) >= 4, per


@pytest.fixture(scope="module")
def checked():
    out = []
    for path, meta in DRAFTS:
        src = read_file(path)
        out.append((path, meta, src, check_text(src.text, file=str(path), markdown=src.markdown)))
    return out


def test_recall_on_the_drafts(checked):
    total = hit = 0
    missed, extra = [], []
    for path, meta, _, doc in checked:
        got = {(f.name, f.line) for f in doc.findings if f.name in LANG}
        want = {(d["name"], d["line"]) for d in meta["defects"]}
        total += len(meta["defects"])
        hit += sum((d["name"], d["line"]) in got for d in meta["defects"])
        missed += [f"{path.name}:{d['line']} {d['name']}" for d in meta["defects"] if (d["name"], d["line"]) not in got]
        extra += [f"{path.name}:{ln} {n}" for n, ln in got - want]
    assert hit / total >= 0.95, missed
    assert len(extra) <= total * 0.05, extra  # what is not an annotated defect is a false alarm


def test_fix_leaves_no_safe_defect_and_is_idempotent(checked):
    for path, meta, src, doc in checked:
        new, n, after = fixed_text(src.text, str(path), src.markdown, None, None)
        assert n >= sum(d["safe"] for d in meta["defects"]) > 0
        lines = new.split("\n")
        remaining = {(f.name, f.line) for f in after.findings}
        for d in meta["defects"]:
            if d["safe"]:
                assert d["fixed"] in lines[d["line"] - 1], (path.name, d)
                assert (d["name"], d["line"]) not in remaining, (path.name, d)
        again, n2, _ = fixed_text(new, str(path), src.markdown, None, None)
        assert again == new and n2 == 0, path.name
        # the outline and the claims are those of the original
        assert [(x.level, x.role, x.marker, x.heading) for x in doc.walk()] == \
               [(x.level, x.role, x.marker, x.heading) for x in after.walk()], path.name
        assert [(c.value, c.value_max, c.unit) for c in doc.claims] == \
               [(c.value, c.value_max, c.unit) for c in after.claims], path.name


def test_fix_on_public_reports_keeps_outline_and_claims():
    ids = {"cn-gwr-national-2016", "cn-gwr-prov-2026-36", "cn-gwr-national-2002"}
    docs = [json.loads(line) for f in sorted((ROOT / "corpora/public").glob("*/*.jsonl"))
            for line in f.open(encoding="utf-8")]
    docs = [d for d in docs if d["id"] in ids]
    assert len(docs) == len(ids)
    for d in docs:
        before = check_text(d["text"])
        new, n, after = fixed_text(d["text"], None, False, None, None)
        assert n > 0 and new != d["text"], d["id"]
        assert fixed_text(new, None, False, None, None)[0] == new
        assert [(x.level, x.role, x.marker, x.heading) for x in before.walk()] == \
               [(x.level, x.role, x.marker, x.heading) for x in after.walk()], d["id"]
        assert [(c.value, c.value_max, c.unit) for c in before.claims] == \
               [(c.value, c.value_max, c.unit) for c in after.claims], d["id"]


def test_clean_team_drafts_get_no_language_error():
    for side in sorted((ROOT / "corpora/drafts").glob("*.json")):
        meta = json.loads(side.read_text("utf-8"))
        if not isinstance(meta, dict) or meta.get("kind") != "clean":
            continue
        path = next(p for p in side.parent.glob(side.stem + ".*") if p.suffix != ".json")
        src = read_file(path)
        doc = check_text(src.text, file=str(path), markdown=src.markdown)
        assert not [f for f in doc.findings if f.name in LANG and f.severity == "error"], path.name


# --------------------------------------------------------------------------- robustness

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

PIECES = ["全年", "完成", "档案", "23年", "'23年", "二三年", "5月", "底", "15号", "2023.6.9", "2023/6/9", "5-8%",
          "3-5万元", "10－15个", "2023-2025年", "1-2月", "5～8%", "20—25", ",", ";", ":", "?", "!", "(", ")", "（",
          "）", "“", "”", "‘", "’", "《", "》", "【", "】", "。", "。。", "，", "，，", "、", "；。", "...", "…", "……",
          "截止", "其它", "做出", "贡献", "必需", "坚持", "权利", "清单", "认真的", "学习", "文件", "1,000", "8:30",
          "https://a.cn/x,y", "`a,b`", "<!-- zongjie-disable -->", " ", "\n", "\n\n", "# ", "1）", "12%"]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=40), st.booleans())
def test_any_text_fixes_stay_in_range_and_converge(parts, md):
    text = TITLE + "".join(parts)
    doc = check_text(text, markdown=md)
    for f in doc.findings:
        if f.name in LANG:
            assert 0 <= f.start <= f.end <= len(text) and f.message and "{" not in f.message
            if f.fix is not None:
                assert 0 <= f.fix.start <= f.start <= f.end <= f.fix.end <= len(text)
    new, _, after = fixed_text(text, None, md, None, None)
    assert fixed_text(new, None, md, None, None)[0] == new  # stable after one --fix
    assert not [f for f in after.findings if f.name in LANG and f.fix is not None and f.fix.safe]
