"""Numbering rules: numbering-gap, numbering-style, heading-punctuation.

Headings are compared with their siblings in the outline (appendix lists are ignored); inline
items (``一是…二是…``) per paragraph, where a line-initial ``二是`` continues the run of the
paragraph(s) above in the same section.  Before reporting a gap the raw lines are searched for the
missing marker: a heading the segmenter rejected (a long line, a cut sentence) is not a gap.
"""

from __future__ import annotations

from zongjie import rx
from zongjie.checker import Ctx
from zongjie.checker.registry import implements
from zongjie.markers import format_marker, parse_marker
from zongjie.model import Fix, Item, Section
from zongjie.numerals import cn_numeral
from zongjie.record import record

LEVEL_NAME = {"cn": "一级标题", "paren_cn": "二级标题", "arabic": "三级标题", "paren_arabic": "四级标题",
              "circled": "带圈序号标题", "part": "“第×部分”标题"}
ITEM_NAME = {"shi": "“一是、二是……”条目", "yao": "“一要、二要……”条目", "ordinal": "“第一，第二，……”条目",
             "qi": "“其一，其二，……”条目"}


@record
class HM:
    """A heading's marker as written."""

    node: Section
    family: str
    number: int
    raw: str  # the marker as written in the original text, punctuation included
    punct: str  # punctuation after the numeral (folded)
    start: int
    end: int


def heading_markers(ctx: Ctx) -> dict[int, HM]:
    """id(node) → its marker, for every numbered heading of the body (markdown: the text after #)."""

    def make() -> dict[int, HM]:
        out: dict[int, HM] = {}
        for n in ctx.nodes():
            if n.kind == "heading":
                pos = n.start
            elif n.kind == "markdown" and n.marker:  # `## 一、…`: the GB/T marker after the hashes
                pos = ctx.text.find(n.marker, n.start)
            else:
                continue
            eol = ctx.text.find("\n", pos)
            eol = len(ctx.text) if eol < 0 else eol
            mk = parse_marker(ctx.folded[pos:eol])
            if mk is None or mk.number is None or mk.kind == "md":
                continue
            family = {"bare_cn": "cn"}.get(mk.kind, mk.kind)
            raw = ctx.text[pos:pos + len(mk.text)]
            out[id(n)] = HM(n, family, mk.number, raw, mk.punct, pos, pos + len(raw))
        return out

    return ctx.cached("heading_markers", make)


def _line_has_marker(ctx: Ctx, start: int, end: int, family: str, numbers: set[int]) -> bool:
    """Is a marker of ``family`` numbered in ``numbers`` written in [start, end) although the
    segmenter did not take it as a heading: at a line start, or broken over two lines (`（` ending
    one line, `三）` opening the next, as in scraped texts)?"""
    text = ctx.folded
    pos = start
    while pos < end:
        eol = text.find("\n", pos, end)
        eol = end if eol < 0 else eol
        line = text[pos:eol].lstrip(" \t#")
        if line:
            mk = parse_marker(line)
            if mk is not None and mk.number in numbers and {"bare_cn": "cn"}.get(mk.kind, mk.kind) == family:
                return True
        pos = eol + 1
    if family in ("paren_cn", "paren_arabic"):
        compact = rx.sub(r"[ \t]*\n[ \t]*", "", text[start:end])
        return any(format_marker(family, k, "(") in compact for k in numbers)
    return False


def _flat(container: list[Section]) -> list[Section]:
    """Children with implicit parts opened away: an implicit node is no heading, and the headings
    inside it continue its parent's numbering."""
    out: list[Section] = []
    for c in container:
        if c.kind in ("implicit", "preamble"):
            out.extend(_flat(c.children))
        else:
            out.append(c)
    return out


def _sibling_lists(ctx: Ctx) -> list[tuple[int, int, list[Section]]]:
    """(body start, end, children) of the document and of every heading."""
    out = [(0, len(ctx.text), _flat(ctx.doc.sections))]
    for n in ctx.nodes():
        if n.children and n.kind not in ("implicit", "preamble"):
            out.append((n.body_start if n.body_start is not None else n.start, n.end, _flat(n.children)))
    return out


# --------------------------------------------------------------------------- numbering-gap

@implements("numbering-gap")
def numbering_gap(ctx: Ctx) -> None:
    hms = heading_markers(ctx)
    order: dict[str, list[HM]] = {}  # every marker of a family, in document order
    for hm in sorted(hms.values(), key=lambda h: h.start):
        order.setdefault(hm.family, []).append(hm)
    # each marker's place in its family's sequence, by identity: `seq.index(hm)` compared the
    # records field by field (sections included) from the start, quadratic on long documents
    place = {id(hm): i for seq in order.values() for i, hm in enumerate(seq)}
    for pstart, pend, siblings in _sibling_lists(ctx):
        groups: dict[str, list[HM]] = {}
        for s in siblings:
            hm = hms.get(id(s))
            if hm is not None and s.kind != "appendix":
                groups.setdefault(hm.family, []).append(hm)
        for family, group in groups.items():
            _check_run(ctx, family, group, pstart, order[family], place)
            if len(group) != 1 or group[0].number != 1 or family not in ("paren_cn", "arabic", "paren_arabic"):
                continue
            hm = group[0]
            seq = order[family]
            i = place[id(hm)]
            if i + 1 < len(seq) and seq[i + 1].number == 2:
                continue  # the list goes on under another node (the outline broke it)
            if _line_has_marker(ctx, hm.end, pend, family, {2}):
                continue
            ctx.emit("numbering-gap", hm.start, hm.end, "lone", level=LEVEL_NAME[family], cur=hm.raw,
                     nxt=format_marker(family, 2, hm.raw))
    _check_items(ctx)


def _check_run(ctx: Ctx, family: str, group: list[HM], parent_start: int, seq: list[HM],
               place: dict[int, int]) -> None:
    level = LEVEL_NAME[family]
    runs: list[list] = []  # stack of [last number, last HM]
    for hm in group:
        n = hm.number
        if not runs:
            i = place[id(hm)]
            continued = i > 0 and seq[i - 1].number == n - 1  # the outline broke a list in two
            if n != 1 and not continued and not _line_has_marker(ctx, parent_start, hm.node.start, family,
                                                                  set(range(1, n))):
                ctx.emit("numbering-gap", hm.start, hm.end, "start", level=level, cur=hm.raw,
                         first=format_marker(family, 1, hm.raw))
            runs.append([n, hm])
            continue
        top = runs[-1]
        if n == top[0] + 1:
            top[0], top[1] = n, hm
            continue
        outer = next((i for i in range(len(runs) - 2, -1, -1) if runs[i][0] + 1 == n), None)
        if outer is not None:  # a nested list ended; the outer list resumes
            del runs[outer + 1:]
            runs[outer][0], runs[outer][1] = n, hm
            continue
        if n == 1:  # a nested list restarts (old reports reuse 一、 inside a part)
            runs.append([1, hm])
            continue
        prev: HM = top[1]
        if n == top[0]:
            ctx.emit("numbering-gap", hm.start, hm.end, "repeat", level=level, prev=prev.raw, cur=hm.raw)
        elif n > top[0] + 1:
            missing = sorted(range(top[0] + 1, n))
            if not _line_has_marker(ctx, prev.node.start, hm.node.start, family, set(missing)):
                ctx.emit("numbering-gap", hm.start, hm.end, "gap", level=level, prev=prev.raw, cur=hm.raw,
                         missing="”“".join(format_marker(family, k, hm.raw) for k in missing[:3]))
        else:
            ctx.emit("numbering-gap", hm.start, hm.end, "order", level=level, prev=prev.raw, cur=hm.raw)
        top[0], top[1] = n, hm


def _item_word(it: Item, n: int) -> str:
    if it.style in ("shi", "yao"):
        return cn_numeral(n) + ("是" if it.style == "shi" else "要")
    if it.style == "ordinal":
        return "第" + cn_numeral(n)
    return "其" + cn_numeral(n)


def _line_initial(ctx: Ctx, it: Item) -> bool:
    ls = ctx.text.rfind("\n", 0, it.start) + 1
    return not ctx.folded[ls:it.start].strip(" \t")


def _check_items(ctx: Ctx) -> None:
    for node in ctx.nodes():
        if node.kind == "appendix" or node.role == "other":
            continue
        by_style: dict[str, list[Item]] = {}
        for it in node.items:
            if it.style in ITEM_NAME:
                by_style.setdefault(it.style, []).append(it)
        for style, items in by_style.items():
            runs: list[list[Item]] = []
            prev: Item | None = None
            for it in sorted(items, key=lambda i: i.start):
                new_line = prev is None or it.line != prev.line
                if new_line:
                    if runs and it.number > 1 and _line_initial(ctx, it):
                        runs[-1].append(it)  # `二是…` opening a line continues the run above
                    else:
                        runs.append([it])
                elif it.number == 1:
                    runs.append([it])  # a second enumeration in the same paragraph
                else:
                    runs[-1].append(it)
                prev = it
            for run in runs:
                _check_item_run(ctx, style, run)


def _check_item_run(ctx: Ctx, style: str, run: list[Item]) -> None:
    level = ITEM_NAME[style]
    first = run[0]
    if first.number != 1:
        ls = ctx.text.rfind("\n", 0, first.start) + 1
        before = ctx.folded[ls:first.start]
        if _item_word(first, 1) not in before and not _line_initial(ctx, first):
            pass  # a run starting mid-paragraph at 二是 is likely a marker the engine did not see
        elif _item_word(first, 1) not in before:
            ctx.emit("numbering-gap", first.start, first.end, "start", level=level, cur=first.marker,
                     first=_item_word(first, 1))
    for a, b in zip(run, run[1:], strict=False):
        if b.number == a.number + 1:
            continue
        if b.number == a.number:
            ctx.emit("numbering-gap", b.start, b.end, "repeat", level=level, prev=a.marker, cur=b.marker)
        elif b.number > a.number + 1:
            missing = [_item_word(a, k) for k in range(a.number + 1, b.number)]
            between = ctx.folded[a.end:b.start]
            if any(w in between for w in missing):
                continue
            ctx.emit("numbering-gap", b.start, b.end, "gap", level=level, prev=a.marker, cur=b.marker,
                     missing="”“".join(missing[:3]))
        else:
            ctx.emit("numbering-gap", b.start, b.end, "order", level=level, prev=a.marker, cur=b.marker)


# --------------------------------------------------------------------------- numbering-style

def _style_key(hm: HM) -> str | None:
    raw = hm.raw
    if hm.family == "arabic":
        m = rx.match(r"[0-9０-９]+\s*(\S?)", raw)
        return m.group(1) if m and m.group(1) else None
    if hm.family in ("paren_cn", "paren_arabic"):
        if not raw or raw[0] not in "（(":
            return None
        close = next((ch for ch in raw if ch in "）)"), "")
        if (raw[0] == "（") != (close == "）"):
            return None  # mismatched brackets are heading-punctuation's
        return raw[0] + close
    return None


def _show(hm: HM, key: str) -> str:
    if hm.family == "arabic":
        return "1" + key
    if hm.family == "paren_arabic":
        return key[0] + "1" + key[1]
    return key[0] + "一" + key[1]


def majority_styles(ctx: Ctx) -> dict[str, tuple[str, int]]:
    """family → (the style most markers of that level use, how many)."""

    def make() -> dict[str, tuple[str, int]]:
        counts: dict[str, dict[str, int]] = {}
        for hm in sorted(heading_markers(ctx).values(), key=lambda h: h.start):
            k = _style_key(hm)
            if k is not None:
                c = counts.setdefault(hm.family, {})
                c[k] = c.get(k, 0) + 1  # dicts keep first-seen order: ties go to the first style
        return {f: max(c.items(), key=lambda kv: kv[1]) for f, c in counts.items()}

    return ctx.cached("majority_styles", make)


@implements("numbering-style")
def numbering_style(ctx: Ctx) -> None:
    hms = heading_markers(ctx)
    major = majority_styles(ctx)
    for _, _, siblings in _sibling_lists(ctx):
        reported: set[str] = set()
        for s in siblings:
            hm = hms.get(id(s))
            if hm is None or hm.family in reported:
                continue
            k = _style_key(hm)
            if k is None or hm.family not in major or k == major[hm.family][0]:
                continue
            reported.add(hm.family)  # once per list: the first marker that breaks the pattern
            mk, count = major[hm.family]
            ctx.emit("numbering-style", hm.start, hm.end, "mixed", level=LEVEL_NAME[hm.family],
                     major=_show(hm, mk), count=count, cur=hm.raw)
    # `一、` followed directly by `1.` where the document uses `（一）` elsewhere
    ordered = sorted(hms.values(), key=lambda h: h.start)
    if not any(h.family == "paren_cn" for h in ordered):
        return
    for hm in ordered:
        if hm.family != "cn":
            continue
        kids = [hms[id(c)] for c in _flat(hm.node.children) if id(c) in hms]
        if kids and kids[0].family == "arabic":
            k = kids[0]
            ctx.emit("numbering-style", k.start, k.end, "level", parent=hm.raw, cur=k.raw,
                     expected=format_marker("paren_cn", k.number, "（一）"))


# --------------------------------------------------------------------------- heading-punctuation

@implements("heading-punctuation")
def heading_punctuation(ctx: Ctx) -> None:
    strict = bool(ctx.option("strict-arabic", False))
    arabic_major = majority_styles(ctx).get("arabic", ("", 0))[0]
    for hm in sorted(heading_markers(ctx).values(), key=lambda h: h.start):
        raw = hm.raw.rstrip()
        if hm.family == "cn":
            if rx.fullmatch(r"[一二三四五六七八九十〇○零]+", raw):
                continue  # a bare numeral on its own line (old reports)
            if hm.punct != "、":
                good = format_marker("cn", hm.number, "")
                ctx.emit("heading-punctuation", hm.start, hm.end, "cn", cur=raw, expected=good,
                         fix=Fix(hm.start, hm.start + len(raw), good))
        elif hm.family in ("paren_cn", "paren_arabic"):
            if not raw or raw[0] not in "（(":
                continue  # ㈠ ⑴ …
            close = next((ch for ch in raw if ch in "）)"), "")
            good = format_marker(hm.family, hm.number, raw[0] + close)
            if hm.punct:
                ctx.emit("heading-punctuation", hm.start, hm.end, "paren_punct", cur=raw, expected=good,
                         fix=Fix(hm.start, hm.start + len(raw), good))
            elif (raw[0] == "（") != (close == "）"):
                good = format_marker(hm.family, hm.number, "（）")
                ctx.emit("heading-punctuation", hm.start, hm.end, "paren_mixed", cur=raw, expected=good,
                         fix=Fix(hm.start, hm.start + len(raw), good))
        elif hm.family == "arabic" and hm.punct == "、":
            # `1、` is common and fine when a document keeps to it; it is wrong where `1.` is due:
            # the document writes `1.` elsewhere (its majority), or the project asks for the standard.
            if strict or arabic_major in (".", "．"):
                good = f"{hm.number}{arabic_major if arabic_major in ('.', '．') else '.'}"
                ctx.emit("heading-punctuation", hm.start, hm.end, "arabic", cur=raw, expected=good,
                         fix=Fix(hm.start, hm.start + len(raw), good))
