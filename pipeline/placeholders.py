"""Placeholders: marks left to be filled, and redactions (SPEC `extract --json`).

Kinds: ``mask`` (``**``, ``***``, ``＊＊``), ``xx`` (``XX``, ``××``, ``ＸＸ``, a lone ``X`` where a value
goes: ``增长X%``), ``date`` (``X月X日``, ``20XX年``, ``**月**日``), ``blank`` (``____``, ``□``, ``○○``),
``bracket`` (``【待补充】``, ``{{字段}}``, ``[  ]``), ``moumou`` (``某某``, ``某局``).
``slot`` guesses what belongs there: number, money, percent, date, name, text.

Character scanning only (compiled regular expressions); no tokenizer.  Adjacent ``*`` characters
form one run, so ``“*****”`` is one placeholder.  Not placeholders: Markdown ``**bold**`` (with
``markdown=True``), a line made only of ``***``/``---``/``___`` (a thematic break), ``×`` between
digits (``7×24小时``, ``“4×4”``), ``X`` inside Latin/digit tokens (``“415X”``, ``1+N+X``), and
``○``/``〇`` used as the digit zero (``二○二二年``).
"""

from __future__ import annotations

import re

from pipeline.model import Placeholder
from pipeline.numerals import normalize

_STAR = "*＊"
_XCH = "XxＸｘ×"
_CN_NUM = "零〇○一二两三四五六七八九十百千万亿"
_ASCII_ALNUM = re.compile(r"[A-Za-z0-9０-９Ａ-Ｚａ-ｚ]")

_MASK = re.compile(r"[*＊]{2,}")
_XX = re.compile(r"[XxＸｘ×]+")
_BLANK = re.compile(r"[_＿]{2,}|[□☐]+|[○〇]{2,}")
_DATE_PART = r"(?:[XxＸｘ×]{1,4}|[*＊]{2,4}|[_＿]{2,}|□{1,4}|[○〇]{2,4}|\d{1,4}|\d{2}[XxＸｘ]{2})"
_DATE = re.compile(
    rf"{_DATE_PART}年(?:{_DATE_PART}月(?:{_DATE_PART}[日号])?)?|{_DATE_PART}月(?:{_DATE_PART}[日号])?"
)
_PLACE_CHARS = set("XxＸｘ×*＊_＿□○〇")
_KEYWORDS = r"(?:待|填写|填入|请填|请补|此处|TODO|TBD|todo|tbd|XX|xx|××)"
_BRACKET = re.compile(
    r"【[^】\n]{0,40}】|〔[^〕\n]{0,40}〕|［[^］\n]{0,40}］|\[[^\]\n]{0,40}\]"
    r"|（[^）\n]{0,40}）|\([^)\n]{0,40}\)|\{\{[^{}\n]{0,40}\}\}|\$\{[^{}\n]{0,40}\}"
)
_BRACKET_KEY = re.compile(rf"^[【〔［\[（(]\s*{_KEYWORDS}")
_EMPTY_INNER = re.compile(r"^[ \t\u3000]*$")
_ORG_SUFFIX = (
    "委员会", "办公室", "公众号", "街道", "社区", "单位", "公司", "企业", "学校", "医院", "银行", "集团",
    "协会", "中心", "小组", "同志", "先生", "女士", "书记", "县", "乡", "镇", "村", "局", "市", "省",
    "区", "厅", "委", "办", "部", "处", "科", "所", "站", "队", "院", "校", "厂", "店",
)
_MOUMOU = re.compile(r"某{2,}|某(?=" + "|".join(_ORG_SUFFIX) + ")")
_MOUMOU_BLOCK = ("部分", "部门", "处于", "些", "种", "个", "一", "项", "方面", "地", "时", "日")
_THEMATIC = re.compile(r"^[ \t]*(?:[*＊][ \t]*){3,}$|^[ \t]*(?:[-_][ \t]*){3,}$", re.M)

# slot guessing ---------------------------------------------------------------------------------
_MONEY_UNITS = ("元", "美元", "人民币")
_PERCENT_HEADS = ("%", "％", "‰", "个百分点", "百分点", "個百分點")
_NAME_HEADS = (
    "县", "乡", "镇", "村", "局", "单位", "公司", "部", "委", "办", "学校", "医院", "公众号", "市", "省",
    "区", "州", "盟", "旗", "街道", "社区", "协会", "政协", "机关", "领导", "党委", "党组", "政府",
    "集团", "企业", "银行", "中心", "寺", "庙", "景区", "园区", "基地", "小组", "同志", "书记", "厅",
)
_NAME_INSIDE = ("公众号", "委员会", "协会", "公司", "学校", "医院", "政协", "基督教", "佛教", "寺")
_LEFT_NAME = ("在", "向", "赴", "到", "与", "同", "由", "经")
_LEFT_MONEY = ("投资", "资金", "金额", "经费", "贷款", "营收", "收入", "产值", "税收", "投入", "拨付", "筹集")
_LEFT_PERCENT = ("增长", "下降", "占比", "比例", "提高", "降低", "比重", "增速", "率为", "率达")
_PUNCT_STOP = set("，。；：、！？,.;:!?（）()\n“”\"‘’《》〈〉")


def _units():
    from pipeline.claims import unit_at  # shared unit grammar (lazy: claims imports us)

    return unit_at


def _guess_slot(text: str, norm: str, start: int, end: int) -> str:
    unit_at = _units()
    p = end
    if p < len(norm) and norm[p] in "余多":
        p += 1
    u = unit_at(norm, p)
    if u is not None:
        unit = u[2]
        if unit.startswith(_PERCENT_HEADS) or unit in ("%", "‰"):
            return "percent"
        base = u[3]
        if base in ("年",) or norm.startswith(("月", "日"), p):
            return "date"
        if base.endswith(_MONEY_UNITS):
            return "money"
        if base == "" and norm.startswith(_NAME_HEADS, p):
            pass  # a bare magnitude followed by a name suffix is unusual; fall through
        else:
            return "number"
    if norm.startswith(("年", "月", "日")[0:3], p) and norm.startswith(("年", "月", "日"), p):
        return "date"
    # inside 《…》 on the same line
    left = text.rfind("《", max(0, start - 60), start)
    if left >= 0 and "》" not in text[left:start] and "\n" not in text[left:start]:
        right = text.find("》", end, end + 60)
        if right >= 0 and "\n" not in text[end:right]:
            return "name"
    window = []
    for ch in norm[p:p + 8]:
        if ch in _PUNCT_STOP:
            break
        window.append(ch)
    w = "".join(window)
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


def _bold_spans(text: str, runs: list[re.Match]) -> set[int]:
    """Start offsets of ``*`` runs that are Markdown emphasis delimiters (paired on one line)."""
    from pipeline.claims import unit_at

    norm = normalize(text)
    bold: set[int] = set()
    i = 0
    while i < len(runs) - 1:
        a, b = runs[i], runs[i + 1]
        ok = (
            a.group() in ("**", "***") and a.group() == b.group()
            and "\n" not in text[a.end():b.start()]
            and b.start() > a.end()
            and not text[a.end()].isspace() and not text[b.start() - 1].isspace()
        )
        if ok:
            # a value placeholder: `**次` / `**余人` / `**%` opens or follows the pair
            for m in (a, b):
                q = m.end()
                if q < len(norm) and norm[q] in "余多":
                    q += 1
                u = unit_at(norm, q)
                if u is not None and u[3]:
                    ok = False
                    break
        if ok:
            bold.add(a.start())
            bold.add(b.start())
            i += 2
        else:
            i += 1
    return bold


def find_placeholders(text: str, markdown: bool = False) -> list[Placeholder]:
    """Every placeholder run in ``text``, sorted by start. ``text[p.start:p.end] == p.text``."""
    if not text:
        return []
    norm = normalize(text)
    cands: list[tuple[int, int, str]] = []  # (start, end, kind)
    n = len(text)

    breaks: list[tuple[int, int]] = [(m.start(), m.end()) for m in _THEMATIC.finditer(text)]

    def in_break(s: int) -> bool:
        return any(a <= s < b for a, b in breaks)

    # dates first: they absorb the X/*/_ runs they are made of
    for m in _DATE.finditer(norm):
        s, e = m.start(), m.end()
        if not any(c in _PLACE_CHARS for c in text[s:e]):
            continue
        # do not start inside a longer digit/letter token, nor take ○ used as zero
        if s > 0 and (_ASCII_ALNUM.match(text[s - 1]) or text[s - 1] in _CN_NUM + _XCH + _STAR):
            continue
        cands.append((s, e, "date"))

    runs = list(_MASK.finditer(text))
    bold = _bold_spans(text, runs) if markdown and runs else set()
    for m in runs:
        if m.start() in bold or in_break(m.start()):
            continue
        cands.append((m.start(), m.end(), "mask"))

    for m in _XX.finditer(text):
        s, e = m.start(), m.end()
        prev = text[s - 1] if s > 0 else ""
        nxt = text[e] if e < n else ""
        if (prev and (_ASCII_ALNUM.match(prev) or prev in "+-*/＋")) or \
                (nxt and (_ASCII_ALNUM.match(nxt) or nxt in "+-*/＋")):
            continue
        if e - s == 1 or (set(m.group()) == {"×"} and e - s == 1):
            # a lone X is a blank only where a value goes: X个, 增长X%, X万元
            from pipeline.claims import unit_at

            q = e
            if q < n and norm[q] in "余多":
                q += 1
            if unit_at(norm, q) is None:
                continue
        cands.append((s, e, "xx"))

    for m in _BLANK.finditer(text):
        s, e = m.start(), m.end()
        g = m.group()
        if g[0] in "○〇":
            prev = text[s - 1] if s > 0 else ""
            nxt = text[e] if e < n else ""
            if (prev and (prev in _CN_NUM or prev.isdigit())) or (nxt and (nxt in _CN_NUM or nxt.isdigit())):
                continue
        elif g[0] in "_＿":
            if in_break(s):
                continue
            prev = text[s - 1] if s > 0 else ""
            nxt = text[e] if e < n else ""
            if (prev and _ASCII_ALNUM.match(prev)) or (nxt and _ASCII_ALNUM.match(nxt)):
                continue  # identifiers such as __init__
        cands.append((s, e, "blank"))

    for m in _BRACKET.finditer(text):
        g = m.group()
        s, e = m.start(), m.end()
        if g.startswith(("{{", "${")):
            cands.append((s, e, "bracket"))
            continue
        inner = g[1:-1]
        if _EMPTY_INNER.match(inner):
            if markdown and g.startswith("[") and text[max(0, s - 2):s] in ("- ", "* ", "+ "):
                continue  # a Markdown task-list checkbox
            cands.append((s, e, "bracket"))
        elif _BRACKET_KEY.match(g):
            cands.append((s, e, "bracket"))

    for m in _MOUMOU.finditer(text):
        s, e = m.start(), m.end()
        if m.group() == "某" or text[e:e + 2].startswith(_MOUMOU_BLOCK):
            if m.group() == "某" and text[e:e + 2].startswith(_MOUMOU_BLOCK):
                continue
        # take the org suffix into the span
        for suf in _ORG_SUFFIX:
            if text.startswith(suf, e) and not text.startswith(_MOUMOU_BLOCK, e):
                e += len(suf)
                break
        cands.append((s, e, "moumou"))

    # resolve overlaps: earliest start, then longest
    cands.sort(key=lambda t: (t[0], -(t[1] - t[0])))
    out: list[Placeholder] = []
    last_end = -1
    for s, e, kind in cands:
        if s < last_end:
            continue
        slot = "date" if kind == "date" else "name" if kind == "moumou" else None
        if kind == "bracket":
            slot = _bracket_slot(text[s:e])
        if slot is None:
            slot = _guess_slot(text, norm, s, e)
        out.append(Placeholder(text=text[s:e], start=s, end=e, kind=kind, slot=slot))
        last_end = e
    for p in out:
        if p.kind == "bracket" and p.slot == "text":
            p.slot = _guess_slot(text, norm, p.start, p.end)
    return out


_BRACKET_SLOTS = (
    (("人数", "次数", "数量", "个数", "户数", "家数", "件数", "场次", "数字", "数据"), "number"),
    (("金额", "资金", "万元", "元", "投资", "经费"), "money"),
    (("比例", "百分比", "比率", "%", "增幅", "增速", "占比"), "percent"),
    (("日期", "时间", "年份", "月份", "年", "月", "日"), "date"),
    (("名称", "单位", "姓名", "地点", "部门", "名字", "机构", "县", "乡镇", "村"), "name"),
)


def _bracket_slot(g: str) -> str:
    inner = g.strip("【】〔〕［］[]（）(){}$")
    for keys, slot in _BRACKET_SLOTS:
        if any(k in inner for k in keys):
            return slot
    return "text"
