"""Heading and item markers as an editor writes them: the next one, a renumbered one, the
GB/T 9704 canonical form.  Works on the marker text exactly as written in the document
(``（一）``, ``(一)``, ``1.``, ``1、``, ``１．``, ``①``, ``## 一、``)."""

from __future__ import annotations

from zongjie import rx
from zongjie.markers import CIRCLED, PAREN_CN, PAREN_DIGIT, cn_small_int
from zongjie.numerals import cn_numeral

_FW_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
_HW_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")

RE_MARKER = rx.compile(
    r"^(?P<open>[（(])?(?P<num>[零〇○一二三四五六七八九十百两]+|[0-9０-９]{1,3})(?P<close>[）)])?"
    r"(?P<punct>[、.．,，:：]*)[ \t\u3000]*$")
RE_PART = rx.compile(r"^第(?P<num>[零〇○一二三四五六七八九十百两]+)(?P<word>部分|章|篇)(?P<punct>.*)$")
RE_MD_INNER = rx.compile(
    r"^(?P<m>[（(]?(?:[零〇○一二三四五六七八九十百两]+|[0-9０-９]{1,3})[）)]?[、.．]?)(?=\S)")


def _num_like(written: str, n: int) -> str:
    if written[:1].isdigit():
        s = str(n)
        return s.translate(_FW_DIGITS) if "０" <= written[0] <= "９" else s
    return cn_numeral(n)


def kind_of(marker: str) -> str | None:
    """cn | paren_cn | arabic | paren_arabic | circled | part | md, or None."""
    m = marker.strip()
    if not m:
        return None
    if m.startswith("#"):
        return "md"
    if RE_PART.match(m):
        return "part"
    if m[0] in CIRCLED:
        return "circled"
    if m[0] in PAREN_DIGIT:
        return "paren_arabic"
    if m[0] in PAREN_CN:
        return "paren_cn"
    mm = RE_MARKER.match(m)
    if not mm:
        return None
    digits = mm.group("num")[0].isdigit()
    if mm.group("open") or mm.group("close"):
        return "paren_arabic" if digits else "paren_cn"
    return "arabic" if digits else "cn"


def number_of(marker: str) -> int | None:
    m = marker.strip()
    k = kind_of(m)
    if k in ("circled", "paren_arabic", "paren_cn") and m[0] in CIRCLED + PAREN_DIGIT + PAREN_CN:
        for table in (CIRCLED, PAREN_DIGIT, PAREN_CN):
            if m[0] in table:
                return table.index(m[0]) + 1
    if k == "part":
        mp = RE_PART.match(m)
        assert mp is not None  # kind_of said "part"
        return cn_small_int(mp.group("num"))
    mm = RE_MARKER.match(m)
    if not mm:
        return None
    num = mm.group("num")
    if num[0].isdigit():
        return int(num.translate(_HW_DIGITS))
    return cn_small_int(num)


def with_number(marker: str, n: int, canonical: bool = False) -> str | None:
    """``marker`` rewritten to number ``n``, its style kept (``（三）`` → ``（四）``, ``3、`` →
    ``4、``).  Trailing punctuation that GB/T 9704 forbids after a closing parenthesis is dropped.
    With ``canonical`` the GB/T 9704 form is produced instead: ``一、`` · ``（一）`` · ``1.`` ·
    ``（1）``."""
    m = marker.strip()
    k = kind_of(m)
    if k is None or k == "md":
        return None
    if m[0] in CIRCLED + PAREN_DIGIT + PAREN_CN:
        for table in (CIRCLED, PAREN_DIGIT, PAREN_CN):
            if m[0] in table:
                if canonical and table is not CIRCLED:
                    return f"（{n}）" if table is PAREN_DIGIT else f"（{cn_numeral(n)}）"
                return table[n - 1] + m[1:] if 0 < n <= len(table) else None
    if k == "part":
        mm = RE_PART.match(m)
        assert mm is not None  # kind_of said "part"
        return f"第{cn_numeral(n)}{mm.group('word')}{mm.group('punct')}"
    mm = RE_MARKER.match(m)
    if mm is None:
        return None
    num = mm.group("num")
    if k == "cn":
        return cn_numeral(n) + "、"
    if k == "paren_cn":
        if canonical:
            return f"（{cn_numeral(n)}）"
        o, c = mm.group("open") or "（", mm.group("close") or "）"
        return f"{o}{cn_numeral(n)}{c}"
    if k == "paren_arabic":
        if canonical:
            return f"（{n}）"
        o, c = mm.group("open") or "（", mm.group("close") or "）"
        return f"{o}{_num_like(num, n)}{c}"
    # arabic
    if canonical:
        return f"{n}."
    punct = mm.group("punct")[:1] or "."
    if punct not in "、.．":
        punct = "."
    return f"{_num_like(num, n)}{punct}"


def canonical(marker: str) -> str | None:
    """The GB/T 9704 form of ``marker`` (same number), or None if it cannot be read."""
    n = number_of(marker)
    if n is None:
        return None
    return with_number(marker, n, canonical=True)


def first_of_level(level: int) -> str:
    return {1: "一、", 2: "（一）", 3: "1.", 4: "（1）"}.get(level, "（1）")


def md_inner(heading: str | None) -> str | None:
    """The numbered marker a markdown heading's text opens with (``## 一、总体情况`` → ``一、``)."""
    if not heading:
        return None
    m = RE_MD_INNER.match(heading)
    return m.group("m") if m else None


# --------------------------------------------------------------------------- inline items

_SEQ_NEXT = {1: "其次", 2: "再次", 3: "最后"}


def item_marker(style: str, n: int) -> str:
    """The text of item ``n`` in ``style`` (shi 一是 · yao 一要 · ordinal 第一， · qi 其一， ·
    sequence 首先，/其次，/再次，/最后，)."""
    cn = cn_numeral(n)
    if style == "yao":
        return cn + "要"
    if style == "ordinal":
        return f"第{cn}，"
    if style == "qi":
        return f"其{cn}，"
    if style == "sequence":
        return {1: "首先，", 2: "其次，", 3: "再次，"}.get(n, "最后，")
    return cn + "是"


def next_items(style: str, number: int) -> list[str]:
    """What may follow item ``number`` of ``style`` (sequence offers both 再次 and 最后)."""
    if style == "sequence":
        if number >= 9:
            return []
        nxt = [_SEQ_NEXT.get(number, "最后") + "，"]
        if nxt[0] != "最后，":
            nxt.append("最后，")
        return nxt
    return [item_marker(style, number + 1)]
