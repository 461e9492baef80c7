"""The Chinese-numeral parser agrees with cn2an, the reference implementation (kept off the hot path)."""

from __future__ import annotations

import random

import cn2an
import pytest
from zongjie.numerals import cn_to_number, parse_cn


def test_every_integer_form_up_to_200k() -> None:
    bad = []
    for n in range(0, 200_001):
        s = cn2an.an2cn(n)
        if parse_cn(s) != n:
            bad.append((n, s, parse_cn(s)))
    assert not bad, bad[:10]


def test_large_and_decimal_samples_agree_with_cn2an() -> None:
    rng = random.Random(3)
    cn2an_rejects = []
    for _ in range(3000):
        n = rng.randrange(0, 10**12)
        s = cn2an.an2cn(n)
        assert parse_cn(s) == n, s
        try:
            assert float(cn2an.cn2an(s, "smart")) == n, s
        except ValueError:  # cn2an cannot read back some of its own output (九千零五十亿一千六百七十)
            cn2an_rejects.append(s)
    assert len(cn2an_rejects) < 300
    for _ in range(1000):
        x = round(rng.uniform(0, 10**5), rng.randrange(1, 4))
        s = cn2an.an2cn(str(x))
        assert parse_cn(s) == pytest.approx(float(cn2an.cn2an(s, "smart"))), s


@pytest.mark.parametrize("s,v", [("三千零六十八", 3068), ("二百一十五", 215), ("一点二", 1.2), ("十五", 15),
                                 ("两万", 20000), ("一亿二千万", 120_000_000), ("三十", 30), ("九十五", 95),
                                 ("一百〇八", 108), ("一万零五", 10005), ("零点五", 0.5)])
def test_counts(s: str, v: float) -> None:
    assert cn_to_number(s) == v


@pytest.mark.parametrize("s", ["二〇二二", "三四", "九三", "十百", "百百", "一点", "万"])
def test_not_counts(s: str) -> None:
    assert cn_to_number(s) is None
