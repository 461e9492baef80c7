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
