"""Placeholders: marks left to be filled, and redactions (SPEC `extract --json`).

Kinds: ``mask`` (``**``, ``***``, ``＊＊``), ``xx`` (``XX``, ``××``, ``ＸＸ``, a lone ``X`` where a value
goes: ``增长X%``, ``X个``), ``date`` (``X月X日``, ``20XX年``, ``**月**日``), ``blank`` (``____``, ``□``,
``○○``), ``bracket`` (``【待补充】``, ``〔待补〕``, ``{{字段}}``, ``[  ]``), ``moumou`` (``某某`` — in
``某某县`` the run is the placeholder, as ``***`` is in ``***县`` — and ``某局``, ``某单位``).  ``slot`` guesses what belongs there: number, money, percent, date, name, text.

Character scanning only (compiled regular expressions); no tokenizer.  Adjacent ``*`` characters
form one run, so ``“*****”`` is one placeholder.  Not placeholders: Markdown ``**bold**`` (with
``markdown=True``), a line made only of ``***``/``---``/``___`` (a thematic break), ``×`` between
digits (``7×24小时``, ``“4×4”``), ``X`` inside Latin/digit tokens (``“415X”``, ``1+N+X``), a lone
``×``/``X`` that is not followed by a unit (``数据要素×”行动``), and ``○``/``〇`` used as the digit
zero (``二○二二年``, ``一九九○年``).
"""

from __future__ import annotations

import re

from zongjie import rx
from zongjie.model import Placeholder
from zongjie.normalize import BLANKS, LINE_BREAKS
from zongjie.numerals import normalize

_CN_NUM = set("零〇○一二两三四五六七八九十百千万亿")
_ALNUM = rx.compile(r"[A-Za-z0-9０-９Ａ-Ｚａ-ｚ]")
_OPERATOR = set("+-*/＋－×")

# one pass finds every candidate character run; the kind is decided per run
_RUN = rx.compile(r"(?=[*＊XxＸｘ×_＿□☐○〇])(?:[*＊]{2,}|[XxＸｘ×]+|[_＿]{2,}|[□☐]+|[○〇]{2,})")
_DATE_PART = r"(?:[XxＸｘ×]{1,4}|[*＊]{2,4}|[_＿]{2,}|[□☐]{1,4}|[○〇]{2,4}|[0-9]{2}[XxＸｘ]{2}|[0-9]{1,4})"
_DATE = rx.compile(
    rf"{_DATE_PART}年(?:{_DATE_PART}月(?:{_DATE_PART}[日号])?)?|{_DATE_PART}月(?:{_DATE_PART}[日号])?"
)
_PLACE_CHARS = set("XxＸｘ×*＊_＿□☐○〇")
_DATE_NEXT = frozenset("年月日号")
_DATE_PREV = frozenset("年月")

# Blanks and line breaks in every spelling (normalize.BLANKS / LINE_BREAKS): these patterns run on the
# original text, where a blank placeholder may be `【\u2003】` and a line may end in U+2028.
_B = "[" + re.escape(BLANKS) + "]*"
_NL = re.escape(LINE_BREAKS)
_KEY = _B + r"(?:待|填写|填入|请填|请补|此处|TODO|TBD|todo|tbd)"
_BRACKET = rx.compile(
    r"(?=[【〔［\[（(\{$])(?:【(?:" + _B + r"|" + _KEY + r"[^】" + _NL + r"]{0,40})】"
    r"|〔(?:" + _B + r"|" + _KEY + r"[^〕" + _NL + r"]{0,40})〕"
    r"|［(?:" + _B + r"|" + _KEY + r"[^］" + _NL + r"]{0,40})］"
    r"|\[(?:" + _B + r"|" + _KEY + r"[^\]" + _NL + r"]{0,40})\]"
    r"|（(?:" + _B + r"|" + _KEY + r"[^）" + _NL + r"]{0,40})）"
    r"|\((?:" + _B + r"|" + _KEY + r"[^)" + _NL + r"]{0,40})\)"
    r"|\{\{[^{}" + _NL + r"]{1,40}\}\}|\$\{[^{}" + _NL + r"]{1,40}\})"
)
_ORG_SUFFIX = (
    "委员会", "办公室", "公众号", "街道", "社区", "单位", "公司", "企业", "学校", "医院", "银行", "集团",
    "协会", "中心", "小组", "同志", "先生", "女士", "书记", "县", "乡", "镇", "村", "局", "市", "省",
    "区", "厅", "委", "办", "部", "处", "科", "所", "站", "队", "院", "校", "厂", "店",
)
# 某部分, 某处于, 某市场: a 某 + suffix character that starts an ordinary word
_MOUMOU_BLOCK = ("部分", "部门", "处于", "市场", "区域", "所在", "所有", "院校", "方面", "单位时间")
_MOUMOU = rx.compile(r"某{2,}|某(?=" + "|".join(_ORG_SUFFIX) + ")")
# a cheap test that a text may hold a placeholder at all (most sentences do not)
_ANY = rx.compile(r"(?=[*＊XxＸｘ×□☐某_＿○〇{$【〔［\[（(待填请此TtT])(?:[*＊]{2}|[XxＸｘ×□☐某]|[_＿]{2}|[○〇]{2}|\{\{|\$\{"
                  r"|[【〔［\[（(]" + _B + r"(?:[】〕］\]）)]|待|填|请|此处|TODO|TBD|todo|tbd))")
_BRACKET_OPEN = rx.compile(r"[【〔［\[（(\{$]")
_THEMATIC_HINT = rx.compile(r"^[ \t]*(?:[*＊\-_][ \t]*){3,}$", re.M)
_THEMATIC = rx.compile(r"^[ \t]*(?:(?:[*＊][ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$", re.M)

# slot guessing ---------------------------------------------------------------------------------
_NAME_HEADS = (
    "县", "乡", "镇", "村", "局", "单位", "公司", "部", "委", "办", "学校", "医院", "公众号", "市", "省",
    "区", "州", "盟", "旗", "街道", "社区", "协会", "政协", "机关", "领导", "党委", "党组", "政府",
    "集团", "企业", "银行", "中心", "寺", "庙", "景区", "园区", "基地", "小组", "同志", "书记", "厅",
)
_NAME_INSIDE = ("公众号", "委员会", "协会", "公司", "学校", "医院", "政协", "基督教", "佛教", "寺")
_LEFT_NAME = ("在", "向", "赴", "与", "同", "由", "经")
_LEFT_MONEY = ("投资", "资金", "金额", "经费", "贷款", "营收", "收入", "产值", "税收", "投入", "拨付", "筹集")
_LEFT_PERCENT = ("增长", "下降", "占比", "比例", "提高", "降低", "比重", "增速", "率为", "率达")
_WINDOW = rx.compile(r"[^，。；：、！？,.;:!?（）()\n“”\"‘’《》〈〉]{0,8}")
_BRACKET_SLOTS = (
    (("人数", "次数", "数量", "个数", "户数", "家数", "件数", "场次", "数字", "数据"), "number"),
    (("金额", "资金", "万元", "元", "投资", "经费"), "money"),
    (("比例", "百分比", "比率", "%", "增幅", "增速", "占比"), "percent"),
    (("日期", "时间", "年份", "月份", "年", "月", "日"), "date"),
    (("名称", "单位", "姓名", "地点", "部门", "名字", "机构", "县", "乡镇", "村"), "name"),
)


_unit_at = None


def _value_unit(norm: str, p: int):
    """The unit right after a placeholder (``**余人次`` → 人次; a 余/多 before it is read too)."""
    global _unit_at
    if _unit_at is None:
        from zongjie.claims import unit_at  # the shared unit grammar (claims does not import us)

        _unit_at = unit_at
    return _unit_at(norm, p)


def _guess_slot(text: str, norm: str, start: int, end: int) -> str:
    u = _value_unit(norm, end)
    if u is not None:
        if u.base in ("%", "‰", "个百分点", "百分点"):
            return "percent"
        if u.base == "年":
            return "date"
        if u.base.endswith(("元", "美元", "人民币")):
            return "money"
        return "number"
    if norm.startswith(("年", "月", "日"), end):
        return "date"
    # inside 《…》 on the same line
    left = text.rfind("《", max(0, start - 60), start)
    if left >= 0 and "》" not in text[left:start] and "\n" not in text[left:start]:
        right = text.find("》", end, end + 60)
        if right >= 0 and "\n" not in text[end:right]:
            return "name"
    mw = _WINDOW.match(norm, end)
    assert mw is not None  # {0,8} matches everywhere
    w = mw.group()
    if w.startswith(_NAME_HEADS) or any(k in w for k in _NAME_INSIDE):
        return "name"
    lw = norm[max(0, start - 4):start]
    if lw.endswith(_LEFT_MONEY):
        return "money"
    if lw.endswith(_LEFT_PERCENT):
        return "percent"
    if lw.endswith(_LEFT_NAME):
        return "name"
    return "text"


def _bracket_slot(g: str) -> str | None:
    inner = g.strip("【】〔〕［］[]（）(){}$" + BLANKS)
    for keys, slot in _BRACKET_SLOTS:
        if any(k in inner for k in keys):
            return slot
    return None


def _date_at(text: str, norm: str, s: int, e: int) -> tuple[int, int, str] | None:
    """A date built around the run ``text[s:e]``: X月X日, 20XX年, **月**日, 2023年X月."""
    if norm[e:e + 1] not in _DATE_NEXT and norm[s - 1:s] not in _DATE_PREV:
        return None  # a date part always touches 年/月/日
    first = s
    while first > 0 and s - first < 8 and (norm[first - 1].isdigit() or norm[first - 1] in "年月"):
        first -= 1
    for st in range(first, s + 1):
        if st < s and not norm[st].isdigit():
            continue
        dm = _DATE.match(norm, st)
        if dm and dm.end() > s and any(c in _PLACE_CHARS for c in text[dm.start():dm.end()]):
            p0 = text[dm.start() - 1] if dm.start() > 0 else ""
            if p0 and (_ALNUM.match(p0) or p0 in _CN_NUM or p0 in _PLACE_CHARS):
                return None
            return (dm.start(), dm.end(), "date")
    return None


def _bold_runs(text: str, norm: str, runs: list[tuple[int, int]]) -> set[int]:
    """Starts of ``**``/``***`` runs that pair up as Markdown emphasis on one line.

    A pair is refused when either run sits where a value goes (``**次，…**余次``): a unit
    right after it."""
    bold: set[int] = set()
    i = 0
    while i < len(runs) - 1:
        (a0, a1), (b0, b1) = runs[i], runs[i + 1]
        ok = (
            text[a0:a1] in ("**", "***") and text[a0:a1] == text[b0:b1] and b0 > a1
            and "\n" not in text[a1:b0]
            and not text[a1].isspace() and not text[b0 - 1].isspace()
            and _value_unit(norm, a1) is None and _value_unit(norm, b1) is None
        )
        if ok:
            bold.update((a0, b0))
            i += 2
        else:
            i += 1
    return bold


def find_placeholders(text: str, markdown: bool = False) -> list[Placeholder]:
    """Every placeholder in ``text``, sorted by start; ``text[p.start:p.end] == p.text``."""
    if not text or not _ANY.search(text):
        return []
    norm = normalize(text)
    n = len(text)
    cands: list[tuple[int, int, str]] = []
    breaks = [(m.start(), m.end()) for m in _THEMATIC.finditer(text)] if _THEMATIC_HINT.search(text) else []

    def in_break(s: int) -> bool:
        return bool(breaks) and any(a <= s < b for a, b in breaks)

    runs = [(m.start(), m.end()) for m in _RUN.finditer(text)]
    stars = [r for r in runs if text[r[0]] in "*＊"]
    bold = _bold_runs(text, norm, stars) if markdown and len(stars) > 1 else set()
    for s, e in runs:
        ch = text[s]
        prev = text[s - 1] if s > 0 else ""
        nxt = text[e] if e < n else ""
        date = _date_at(text, norm, s, e)
        if date:
            cands.append(date)
        if ch in "*＊":
            if s in bold or in_break(s):
                continue
            cands.append((s, e, "mask"))
        elif ch in "XxＸｘ×":
            if (prev and (_ALNUM.match(prev) or prev in _OPERATOR)) or \
                    (nxt and (_ALNUM.match(nxt) or nxt in _OPERATOR)):
                continue  # 7×24, “415X”, 1+N+X, Excel
            if e - s == 1 and _value_unit(norm, e) is None:
                continue  # a lone X/× is a blank only where a value goes: X个, 增长X%
            cands.append((s, e, "xx"))
        elif ch in "_＿":
            if in_break(s) or (prev and _ALNUM.match(prev)) or (nxt and _ALNUM.match(nxt)):
                continue  # thematic break, __init__
            cands.append((s, e, "blank"))
        elif ch in "○〇":
            if (prev and (prev in _CN_NUM or prev.isdigit())) or (nxt and (nxt in _CN_NUM or nxt.isdigit())):
                continue  # 二○○○年: the digit zero
            cands.append((s, e, "blank"))
        else:  # □
            cands.append((s, e, "blank"))

    if _BRACKET_OPEN.search(text):
        for m in _BRACKET.finditer(text):
            s, e = m.start(), m.end()
            if markdown and text[s] == "[" and text[max(0, s - 2):s] in ("- ", "* ", "+ "):
                continue  # a Markdown task-list checkbox
            cands.append((s, e, "bracket"))

    if "某" in text:
        for m in _MOUMOU.finditer(text):
            s, e = m.start(), m.end()
            if e - s == 1:  # 某局: the suffix makes it a name, and is part of the placeholder
                if text.startswith(_MOUMOU_BLOCK, e):
                    continue
                for suf in _ORG_SUFFIX:
                    if text.startswith(suf, e):
                        e += len(suf)
                        break
            cands.append((s, e, "moumou"))  # 某某(县): the run is the redaction, like ***县

    # overlaps: earliest start wins, then the longest (a date absorbs its X/* runs)
    cands.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    out: list[Placeholder] = []
    last_end = -1
    for s, e, kind in cands:
        if s < last_end:
            continue
        if kind == "date":
            slot = "date"
        elif kind == "moumou":
            slot = "name"
        else:
            slot = (_bracket_slot(text[s:e]) if kind == "bracket" else None) or _guess_slot(text, norm, s, e)
        out.append(Placeholder(text[s:e], s, e, kind, slot))
        last_end = e
    return out
