"""Placeholders: the seed draft (55 runs), each kind, the traps of real documents, Markdown."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from zongjie.placeholders import find_placeholders

CORPORA_DIR = Path(__file__).resolve().parents[1] / "corpora"
SEED = CORPORA_DIR / "seed.txt"
CORPORA = sorted((CORPORA_DIR / "public").glob("*/*.jsonl"))


def kinds(text: str, markdown: bool = False) -> list[tuple[str, str, str]]:
    return [(p.text, p.kind, p.slot) for p in find_placeholders(text, markdown=markdown)]


def test_seed_has_55_runs():
    text = SEED.read_text(encoding="utf-8")
    phs = find_placeholders(text)
    assert len(phs) == 55
    assert all(p.kind == "mask" for p in phs)
    assert [p.start for p in phs] == sorted(p.start for p in phs)
    for p in phs:
        assert text[p.start:p.end] == p.text
        assert set(p.text) == {"*"}
        # a run is maximal: no star touches it
        assert text[p.start - 1] != "*" and text[p.end] != "*"
    assert Counter(p.slot for p in phs) == {"number": 21, "name": 14, "text": 14, "money": 4, "percent": 2}
    assert any(p.text == "*****" for p in phs)  # “*****” is one run


def test_mask_runs():
    assert kinds("开展活动**次") == [("**", "mask", "number")]
    assert kinds("覆盖***余人次") == [("***", "mask", "number")]
    assert kinds("争取资金****万元") == [("****", "mask", "money")]
    assert kinds("占比***%") == [("***", "mask", "percent")]
    assert kinds("完成＊＊项任务") == [("＊＊", "mask", "number")]
    assert kinds("注*：单星不是占位符") == []


def test_redacted_names():
    assert kinds("***县委统战部") == [("***", "mask", "name")]
    assert kinds("在***打造了基地") == [("***", "mask", "name")]
    assert kinds("制定《****实施意见》") == [("****", "mask", "name")]
    assert kinds("利用***统战公众号") == [("***", "mask", "name")]


def test_xx():
    assert kinds("XX县XX镇") == [("XX", "xx", "name"), ("XX", "xx", "name")]
    assert kinds("增长X%") == [("X", "xx", "percent")]
    assert kinds("新建X个站点") == [("X", "xx", "number")]
    assert kinds("惠及××户") == [("××", "xx", "number")]
    assert kinds("ＸＸ单位") == [("ＸＸ", "xx", "name")]
    for trap in ("提供“7×24小时”服务", "壮大“4×4”现代化产业体系", "3×3的格局", "“数据要素×”行动",
                 "“415X”集群", "“1+N+X”规划体系", "X射线检测", "Excel表格"):
        assert kinds(trap) == [], trap


def test_dates():
    assert kinds("X月X日召开") == [("X月X日", "date", "date")]
    assert kinds("XXXX年XX月XX日") == [("XXXX年XX月XX日", "date", "date")]
    assert kinds("20XX年度") == [("20XX年", "date", "date")]
    assert kinds("**月**日前") == [("**月**日", "date", "date")]
    assert kinds("2023年X月") == [("2023年X月", "date", "date")]


def test_blanks_and_zero_digit():
    assert kinds("单位：____") == [("____", "blank", "text")]
    assert kinds("新建□□个") == [("□□", "blank", "number")]
    assert kinds("○○县") == [("○○", "blank", "name")]
    for trap in ("二○二二年", "一九九○年", "二〇〇八年", "二○○○年", "PM_2.5", "__init__"):
        assert kinds(trap) == [], trap


def test_brackets():
    assert kinds("【待补充】") == [("【待补充】", "bracket", "text")]
    assert kinds("培训【待补：人数】人次") == [("【待补：人数】", "bracket", "number")]
    assert kinds("【待核实：项目名称】") == [("【待核实：项目名称】", "bracket", "name")]
    assert kinds("〔待补〕") == [("〔待补〕", "bracket", "text")]
    assert kinds("（待补充）") == [("（待补充）", "bracket", "text")]
    assert kinds("{{单位名称}}") == [("{{单位名称}}", "bracket", "name")]
    assert kinds("签字：[  ]") == [("[  ]", "bracket", "text")]
    assert kinds("意见：【 】") == [("【 】", "bracket", "text")]
    for trap in ("〔2023〕5号", "（一）", "【字号：大 中 小】", "［27］", "（牵头单位：住建厅）"):
        assert kinds(trap) == [], trap


def test_moumou():
    assert kinds("某某同志") == [("某某", "moumou", "name")]
    assert kinds("某某县") == [("某某", "moumou", "name")]
    assert kinds("某局") == [("某局", "moumou", "name")]
    for trap in ("某些困难", "某种程度", "某个方面", "某一时期", "某部分企业"):
        assert kinds(trap) == [], trap


def test_markdown():
    assert kinds("**一、工作开展情况**", markdown=True) == []
    assert kinds("**一、工作开展情况**", markdown=False) == [("**", "mask", "text"), ("**", "mask", "text")]
    assert kinds("开展活动**次，**重点突出**", markdown=True) == [("**", "mask", "number")]
    assert kinds("***", markdown=True) == []
    assert kinds("本表***为待填", markdown=True) == [("***", "mask", "text")]
    assert kinds("**注意**：共**人", markdown=True) == [("**", "mask", "number")]


def test_real_reports_have_no_placeholders():
    n = 0
    for path in CORPORA:
        for line in path.read_text(encoding="utf-8").splitlines():
            doc = json.loads(line)
            assert find_placeholders(doc["text"]) == [], doc["id"]
            n += 1
    assert n >= 82


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="**＊XxＸ×_□○〇【】[]（）{}$某某县局年月日0123456789二〇一万元%人次余 ，。待补：\n", max_size=60))
def test_spans_are_exact_and_sorted(text):
    phs = find_placeholders(text)
    starts = [p.start for p in phs]
    assert starts == sorted(starts)
    last = -1
    for p in phs:
        assert text[p.start:p.end] == p.text
        assert p.start >= last  # no overlap
        last = p.end
        assert p.kind in {"mask", "xx", "date", "blank", "bracket", "moumou"}
        assert p.slot in {"number", "money", "percent", "date", "name", "text"}
