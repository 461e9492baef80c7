"""Golden suite for the extraction stages (tests/golden/extraction_cases.jsonl).

Each case gives an input sentence, the exact claims (text, value, value_max, unit, qualifier,
placeholder) and placeholders (text, kind, slot) expected, an expression ``type`` and notes; the
style follows the Recognizers-Text spec files.  Every case must match exactly, and the suite-wide
precision and recall (over claims and placeholders) are reported and held at >= 0.95.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from zongjie.claims import find_claims
from zongjie.placeholders import find_placeholders

GOLDEN = Path(__file__).parent / "golden" / "extraction_cases.jsonl"
CASES = [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines() if line.strip()]
CLAIM_KEYS = ("text", "value", "value_max", "unit", "qualifier", "placeholder")
PH_KEYS = ("text", "kind", "slot")


def _num(v):
    return None if v is None else round(float(v), 6)


def _claim_key(c: dict) -> tuple:
    return (c["text"], _num(c["value"]), _num(c["value_max"]), c["unit"], c["qualifier"], c["placeholder"])


def run_case(case: dict) -> tuple[list[tuple], list[tuple]]:
    text = case["input"]
    phs = find_placeholders(text, markdown=case.get("markdown", False))
    claims = find_claims(text, phs)
    for obj in (*phs, *claims):
        assert text[obj.start:obj.end] == obj.text
    got_c = [_claim_key({k: getattr(c, k) for k in CLAIM_KEYS}) for c in claims]
    got_p = [(p.text, p.kind, p.slot) for p in phs]
    return got_c, got_p


def expected(case: dict) -> tuple[list[tuple], list[tuple]]:
    return ([_claim_key(c) for c in case["claims"]],
            [tuple(p[k] for k in PH_KEYS) for p in case["placeholders"]])


def test_suite_shape():
    assert len(CASES) >= 300
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids))
    types = Counter(c["type"] for c in CASES)
    for t in ("arabic", "fullwidth", "chinese", "mixed", "range", "percent", "points", "multiple",
              "placeholder-value", "qualifier", "negative-slogan", "negative-date", "negative-ordinal",
              "placeholder-kind"):
        assert types[t] >= 5, t


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(case):
    got_c, got_p = run_case(case)
    exp_c, exp_p = expected(case)
    assert got_c == exp_c, f"{case['input']}\n{case.get('notes', '')}"
    assert got_p == exp_p, f"{case['input']}\n{case.get('notes', '')}"


def score(cases=CASES) -> dict[str, float]:
    tp = fp = fn = 0
    for case in cases:
        got_c, got_p = run_case(case)
        exp_c, exp_p = expected(case)
        for got, exp in ((got_c, exp_c), (got_p, exp_p)):
            g, e = Counter(got), Counter(exp)
            inter = sum((g & e).values())
            tp += inter
            fp += sum(g.values()) - inter
            fn += sum(e.values()) - inter
    return {"tp": tp, "fp": fp, "fn": fn,
            "precision": tp / (tp + fp) if tp + fp else 1.0,
            "recall": tp / (tp + fn) if tp + fn else 1.0}


def test_precision_recall(capsys):
    s = score()
    with capsys.disabled():
        print(f"\ngolden extraction: {len(CASES)} cases, tp={s['tp']} fp={s['fp']} fn={s['fn']}, "
              f"precision={s['precision']:.3f} recall={s['recall']:.3f}")
    assert s["precision"] >= 0.95 and s["recall"] >= 0.95
