"""Invariants on arbitrary input: spans inside the text, children nested, siblings ordered."""

from __future__ import annotations

import zongjie
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_engine import assert_offsets

PIECES = ["一、", "二、", "三、", "（一）", "（二）", "(三)", "1.", "2、", "３．", "（1）", "# ", "## ", "一是", "二是",
          "第一，", "首先，", "其次，", "最后，", "工作开展情况", "存在的问题", "下一步工作计划", "2024年工作安排",
          "在肯定成绩的同时，我们也清醒认识到", "下一步，我们将", "附件", "名词解释", "培训***余人次", "3.5万元",
          "占比98.6%", "二○二二年", "7×24小时", "“4×4”", "。", "，", "；", "\n", "\n\n", "　　", " ", "——",
          "县委统战部2022年度工作总结暨2023年度工作计划", "各位代表：", "XX", "【待补充】", "□□", "某某", "𠀀"]

text_strategy = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=60).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text_strategy)
def test_structure_invariants(text: str) -> None:
    doc = zongjie.structure(text)
    assert_offsets(doc)
    for off in range(0, len(text), max(1, len(text) // 7)):
        node = doc.node_at(off)
        if node is not None:
            assert node.start <= off <= node.end


@settings(max_examples=150, deadline=None)
@given(text_strategy)
def test_analyze_spans(text: str) -> None:
    doc = zongjie.analyze(text)
    for c in doc.claims:
        assert text[c.start:c.end] == c.text
        assert 0 <= c.sentence.start <= c.start <= c.end <= c.sentence.end <= len(text)
    for p in doc.placeholders:
        assert text[p.start:p.end] == p.text
    for f in doc.findings:
        assert 0 <= f.start <= f.end <= len(text)
