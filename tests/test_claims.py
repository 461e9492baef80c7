"""Claims: the seed draft (26 placeholder-valued claims, no slogan), subjects, sentences, the
real reports (spans, traps, speed)."""

from __future__ import annotations

import json
import time
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from zongjie.claims import find_claims
from zongjie.placeholders import find_placeholders

CORPORA_DIR = Path(__file__).resolve().parents[1] / "corpora"
SEED = CORPORA_DIR / "seed.txt"
CORPORA = sorted((CORPORA_DIR / "public").glob("*/*.jsonl"))
SLOGANS = ("一条主线", "一项条例", "五大关系", "三个带头", "四个纳入", "十县百乡千村万户", "四个意识",
           "四个自信", "两个维护", "“两污”", "“五进”", "四条标准")


def extract(text: str, markdown: bool = False):
    return find_claims(text, find_placeholders(text, markdown=markdown))


def one(text: str):
    claims = extract(text)
    assert len(claims) == 1, [c.text for c in claims]
    return claims[0]


def test_seed_claims():
    text = SEED.read_text(encoding="utf-8")
    claims = extract(text)
    placeholder_claims = [c for c in claims if c.placeholder]
    assert len(placeholder_claims) == 26
    assert len(claims) == 26  # the seed asserts no number other than its masks (years are not claims)
    assert [c.start for c in claims] == sorted(c.start for c in claims)
    for c in claims:
        assert text[c.start:c.end] == c.text
        assert c.value is None and c.value_max is None and c.role is None
        assert text[c.sentence.start:c.sentence.end].find(c.text) >= 0
    units = [c.unit for c in placeholder_claims]
    assert units.count("人次") == 3 and units.count("万元") == 3 and units.count("%") == 2
    for slogan in SLOGANS:
        at = text.find(slogan)
        assert at >= 0, slogan
        assert not any(c.start < at + len(slogan) and at < c.end for c in claims), slogan


def test_seed_subjects():
    text = SEED.read_text(encoding="utf-8")
    claims = extract(text)
    anchor = text.index("自行开展《条例》培训学习**余次")
    c1 = next(c for c in claims if c.start > anchor)
    c2 = next(c for c in claims if c.start > c1.start)
    assert (c1.text, c1.unit, c1.qualifier) == ("**余次", "次", "余")
    assert c1.subject == "组织各乡镇（街道）及统战成员单位自行开展《条例》培训学习"
    # SPEC's own example: a clause that is only a short predicate belongs to the claim text,
    # and what was counted is the clause before it
    assert (c2.text, c2.unit, c2.qualifier) == ("培训***余人次", "人次", "余")
    assert c2.subject == "组织各乡镇（街道）及统战成员单位自行开展《条例》培训学习"
    # the sentence runs from 三是 to the 。 that ends it
    sent = text[c1.sentence.start:c1.sentence.end]
    assert sent.startswith("三是把《条例》列入") and sent.endswith("贯彻落实。")
    # 慰问归侨、侨侨眷**户**人: the second count shares the subject of the first
    hu = next(c for c in claims if c.text == "**户")
    ren = next(c for c in claims if c.start == hu.end)
    assert hu.subject == ren.subject == "慰问归侨、侨侨眷"


def test_subject_trimming():
    assert one("同时，全年接待游客2.6亿人次。").subject == "接待游客"
    assert one("其中，新增城镇就业1.2万人").subject == "新增城镇就业"
    assert one("2023年全县共开展活动30场").subject == "全县共开展活动"
    assert one("一是累计培训干部3000人次").subject == "培训干部"
    assert one("占同级政协常委的**%").subject == "占同级政协常委"
    assert one("国家外汇储备由194亿美元").subject == "国家外汇储备"
    assert one("5000余户").subject is None


def test_sentence_span():
    text = "一、工作情况\n全年完成投资30亿元；新增就业1200人。\n"
    claims = extract(text)
    assert [text[c.sentence.start:c.sentence.end] for c in claims] == ["全年完成投资30亿元；", "新增就业1200人。"]


def test_values_and_units():
    c = one("国家用于农业的投资１０亿余元")
    assert (c.value, c.unit, c.qualifier) == (10, "亿元", "余")
    c = one("每户补助3-5万元")
    assert (c.value, c.value_max, c.unit) == (3, 5, "万元")
    c = one("满意度百分之九十五以上")
    assert (c.value, c.unit, c.qualifier) == (95, "%", "以上")
    c = one("帮扶二百一十五户")
    assert (c.value, c.unit) == (215, "户")
    c = one("常住人口6600多万")
    assert (c.value, c.unit, c.qualifier) == (6600, "万", "多")
    c = one("比上年提高0.4个百分点")
    assert (c.value, c.unit) == (0.4, "个百分点")


def test_not_claims():
    for text in ("2022年", "二○二二年", "2022年度", "3月5日", "2026-02-02", "第一", "第3次会议", "第十四届",
                 "〔2023〕5号", "国发〔2021〕3号", "十四五", "“十五五”", "党的二十大", "十九届历次全会",
                 "二十届三中全会", "三个带头", "四个纳入", "两个维护", "四个意识", "四个自信", "五大关系",
                 "一条主线", "一项条例", "十县百乡千村万户", "六稳六保", "三大攻坚战", "第一议题", "“两污”",
                 "“五进”", "四条标准", "“两会”", "三农", "一带一路", "两个确立", "五位一体", "四个全面",
                 "一心一意", "一以贯之", "一体化", "一批", "一系列", "一些", "一定", "一是", "十分", "万一",
                 "千方百计", "一把手", "7×24小时", "“4×4”", "3×3", "千家万户", "五年来", "过去5年"):
        assert extract(text) == [], text


def test_role_is_left_to_the_engine():
    assert one("新增就业1200人").role is None


def test_real_reports_fast_and_exact():
    docs = [json.loads(line) for p in CORPORA for line in p.read_text(encoding="utf-8").splitlines()]
    extract("预热：导入 cn2an，三十余次")
    t0 = time.process_time()
    total = 0
    for d in docs:
        text = d["text"]
        claims = extract(text)
        total += len(claims)
        last = -1
        for c in claims:
            assert text[c.start:c.end] == c.text
            assert c.start >= last
            last = c.end
            assert c.sentence.start <= c.start and c.end <= c.sentence.end
            assert not c.placeholder and c.value is not None
    elapsed = time.process_time() - t0
    assert total > 10000
    assert elapsed < 5.0, f"{elapsed:.2f}s CPU for {len(docs)} reports"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789０１.．%％-—~至万亿千百十一二两三四五六七八九零○余多约近超累计以上左右个次人户元年第*X【】每前“”，。；\n",
               max_size=50))
def test_claim_spans_are_exact(text):
    claims = extract(text)
    last = -1
    for c in claims:
        assert text[c.start:c.end] == c.text
        assert c.start >= last
        last = c.end
        assert c.qualifier in (None, "余", "多", "近", "约", "超", "累计", "以上", "左右", "以内", "不足")
        assert c.unit
        assert c.placeholder == (c.value is None)
        if c.value_max is not None:
            assert c.value_max > c.value


ANNOTATED = Path(__file__).resolve().parents[1] / "corpora" / "annotated"


def test_annotated_corpus_claims():
    """The project's annotated documents (written independently of these rules) agree."""
    from collections import Counter

    from zongjie import reader
    tp = fp = fn = 0
    for sidecar in sorted(ANNOTATED.glob("*.json")):
        ann = json.loads(sidecar.read_text(encoding="utf-8"))
        if "claims" not in ann or not (ANNOTATED / ann["file"]).exists():
            continue
        src = reader.read_file(ANNOTATED / ann["file"])
        claims = find_claims(src.text, find_placeholders(src.text, markdown=src.markdown))
        got = Counter((c.text, c.value, c.unit, c.qualifier, c.placeholder) for c in claims)
        exp = Counter((c["text"], None if c["value"] is None else float(c["value"]), c["unit"],
                       c["qualifier"], c["placeholder"]) for c in ann["claims"])
        both = sum((got & exp).values())
        tp, fp, fn = tp + both, fp + sum(got.values()) - both, fn + sum(exp.values()) - both
    assert tp > 300
    assert tp / (tp + fp) >= 0.95 and tp / (tp + fn) >= 0.95, (tp, fp, fn)
