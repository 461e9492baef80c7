"""Heading markers of GB/T 9704 and their numbers."""

from __future__ import annotations

from zongjie import rx
from zongjie.record import record

CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
             "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_NUM = "零〇○一二三四五六七八九十百"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
PAREN_DIGIT = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
PAREN_CN = "㈠㈡㈢㈣㈤㈥㈦㈧㈨㈩"


def cn_small_int(s: str) -> int | None:
    """Chinese numerals of markers and years (一…九十九, 一百二十, 二○二二 → 2022)."""
    if not s:
        return None
    if all(ch in CN_DIGITS for ch in s):  # digit-by-digit: 二○二二, 一九九八
        if len(s) == 1:
            return CN_DIGITS[s]
        return int("".join(str(CN_DIGITS[ch]) for ch in s))
    total, cur = 0, 0
    for ch in s:
        if ch in CN_DIGITS:
            cur = CN_DIGITS[ch]
        elif ch in CN_UNITS:
            total += (cur or 1) * CN_UNITS[ch]
            cur = 0
        else:
            return None
    return total + cur


@record(frozen=True)
class Marker:
    """A heading marker at the start of a line (``一、`` ``（一）`` ``1.`` ``（1）``) and its level."""

    kind: str  # cn | paren_cn | arabic | paren_arabic | md | part | circled | bare_cn
    level: int
    number: int | None
    text: str  # the marker as written, punctuation included (e.g. "一、", "（一）", "1.")
    end: int  # offset (within the line) just after the marker and following blanks
    punct: str  # the punctuation written after the numeral ("、", ".", "", "）、" …)


_CN = f"[{CN_NUM}]+"
# Lines come folded (normalize.fold): every blank is a plain space there, tabs and U+3000 included.
_SP = r" *"
RE_CN = rx.compile(rf"({_CN})({_SP})([、.,，:：．]|(?= ))")
RE_PAREN_CN = rx.compile(rf"([（(])({_CN})([）)])([、.，,．]?)")
RE_ARABIC = rx.compile(r"(\d{1,2})([.．、](?!\d)| (?=\D))")
RE_PAREN_AR = rx.compile(r"([（(])(\d{1,2})([）)])([、.，,．]?)")
RE_MD = rx.compile(r"(#{1,6}) +")
RE_PART = rx.compile(rf"第({_CN})(部分|章|篇)[ 、：:]*")


def parse_marker(line: str) -> Marker | None:
    """Recognise a heading marker at the start of ``line`` (already stripped on the left).

    ``line`` must be the folded line (normalize.fold: full-width digits and parentheses made
    half-width, every blank a plain space).
    """
    if not line:
        return None
    m = RE_MD.match(line)
    if m:
        n = len(m.group(1))
        return Marker("md", n, None, m.group(1), m.end(), "")
    m = RE_PART.match(line)
    if m:
        return Marker("part", 1, cn_small_int(m.group(1)), line[: m.end()].rstrip(), m.end(), "")
    m = RE_PAREN_CN.match(line)
    if m:
        num = cn_small_int(m.group(2))
        if num is not None and num <= 99:
            end = m.end()
            while end < len(line) and line[end] == " ":
                end += 1
            return Marker("paren_cn", 2, num, line[: m.end()], end, m.group(4))
    m = RE_PAREN_AR.match(line)
    if m:
        end = m.end()
        while end < len(line) and line[end] == " ":
            end += 1
        return Marker("paren_arabic", 4, int(m.group(2)), line[: m.end()], end, m.group(4))
    m = RE_CN.match(line)
    if m:
        num_s = m.group(1)
        num = cn_small_int(num_s)
        # `一是`, `一要` are items, `一年来` is prose: only a punctuation or blank after the numeral
        if num is not None and 0 < num <= 99 and len(num_s) <= 3:
            end = m.end()
            while end < len(line) and line[end] == " ":
                end += 1
            punct = m.group(3).strip() if m.group(3) else ""
            return Marker("cn", 1, num, line[: m.end()].rstrip(), end, punct)
    m = RE_ARABIC.match(line)
    if m:
        num = int(m.group(1))
        rest = line[m.end():]
        # `1.5万元` is a number; `2024年` starts prose: require a non-digit heading start
        if num > 0 and not rest[:1].isdigit():
            end = m.end()
            while end < len(line) and line[end] == " ":
                end += 1
            return Marker("arabic", 3, num, line[: m.end()].rstrip(), end, m.group(2).strip())
    ch = line[0]
    for table, kind, level in ((CIRCLED, "circled", 4), (PAREN_DIGIT, "paren_arabic", 4),
                               (PAREN_CN, "paren_cn", 2)):
        idx = table.find(ch)
        if idx >= 0:
            end = 1
            while end < len(line) and line[end] in " 、.":
                end += 1
            return Marker(kind, level, idx + 1, ch, end, line[1:end].strip())
    if rx.fullmatch(rf"{_CN}", line.strip()):  # a bare `一` on its own line (old reports)
        num = cn_small_int(line.strip())
        if num is not None and 0 < num <= 20:
            return Marker("bare_cn", 1, num, line.strip(), len(line), "")
    return None


# --------------------------------------------------------------------------- writing markers
# What the checker's messages and fixes, the editors' renumbering and completion write: a marker of
# a family, one renumbered in the style it was written in, the GB/T 9704 canonical form.


def _cn(n: int) -> str:
    from zongjie.numerals import cn_numeral  # not at import: `outline` reads markers, never writes them

    return cn_numeral(n)

def format_marker(family: str, n: int, like: str) -> str:
    """Marker number ``n`` of ``family`` written in the style of ``like`` (a marker as written)."""
    like = like or ""
    if family == "cn":
        tail = rx.sub(r"^[零〇○一二三四五六七八九十百]+", "", like).strip()
        return _cn(n) + (tail or "、")
    if family in ("paren_cn", "paren_arabic"):
        o = like[0] if like[:1] in ("（", "(") else "（"
        c = next((ch for ch in like if ch in "）)"), "）" if o == "（" else ")")
        return f"{o}{_cn(n) if family == 'paren_cn' else n}{c}"
    if family == "arabic":
        m = rx.match(r"[0-9０-９]+(.*)$", like)
        tail = m.group(1).strip() if m else ""
        return f"{n}{tail or '.'}"
    if family == "circled" and 0 < n <= len(CIRCLED):
        return CIRCLED[n - 1]
    if family == "part":
        return f"第{_cn(n)}部分"
    return str(n)


_FW_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
_HW_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")

RE_WRITTEN_MARKER = rx.compile(
    r"^(?P<open>[（(])?(?P<num>[零〇○一二三四五六七八九十百两]+|[0-9０-９]{1,3})(?P<close>[）)])?"
    r"(?P<punct>[、.．,，:：]*)[ \t\u3000]*$")
# the parser above reads markers in lines; these read one marker as written, whole
RE_WRITTEN_PART = rx.compile(r"^第(?P<num>[零〇○一二三四五六七八九十百两]+)(?P<word>部分|章|篇)(?P<punct>.*)$")
RE_MD_INNER = rx.compile(
    r"^(?P<m>[（(]?(?:[零〇○一二三四五六七八九十百两]+|[0-9０-９]{1,3})[）)]?[、.．]?)(?=\S)")


def _num_like(written: str, n: int) -> str:
    if written[:1].isdigit():
        s = str(n)
        return s.translate(_FW_DIGITS) if "０" <= written[0] <= "９" else s
    return _cn(n)


def kind_of(marker: str) -> str | None:
    """cn | paren_cn | arabic | paren_arabic | circled | part | md, or None."""
    m = marker.strip()
    if not m:
        return None
    if m.startswith("#"):
        return "md"
    if RE_WRITTEN_PART.match(m):
        return "part"
    if m[0] in CIRCLED:
        return "circled"
    if m[0] in PAREN_DIGIT:
        return "paren_arabic"
    if m[0] in PAREN_CN:
        return "paren_cn"
    mm = RE_WRITTEN_MARKER.match(m)
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
        mp = RE_WRITTEN_PART.match(m)
        assert mp is not None  # kind_of said "part"
        return cn_small_int(mp.group("num"))
    mm = RE_WRITTEN_MARKER.match(m)
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
                    return f"（{n}）" if table is PAREN_DIGIT else f"（{_cn(n)}）"
                return table[n - 1] + m[1:] if 0 < n <= len(table) else None
    if k == "part":
        mm = RE_WRITTEN_PART.match(m)
        assert mm is not None  # kind_of said "part"
        return f"第{_cn(n)}{mm.group('word')}{mm.group('punct')}"
    mm = RE_WRITTEN_MARKER.match(m)
    if mm is None:
        return None
    num = mm.group("num")
    if k == "cn":
        return _cn(n) + "、"
    if k == "paren_cn":
        if canonical:
            return f"（{_cn(n)}）"
        o, c = mm.group("open") or "（", mm.group("close") or "）"
        return f"{o}{_cn(n)}{c}"
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
    cn = _cn(n)
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
