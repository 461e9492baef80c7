"""Segmentation: title block, heading tree, roles, unheaded parts and inline items.

The stage reads ``doc.text`` and fills ``doc.title`` and ``doc.sections``. Every span is an
offset range of the original text: patterns run on the same-length folded copy.
"""

from __future__ import annotations

import bisect

from zongjie import roles as R
from zongjie import rx
from zongjie.items import find_items
from zongjie.markers import Marker, parse_marker
from zongjie.model import Document, Section
from zongjie.normalize import fold, strip_span
from zongjie.record import record
from zongjie.title import find_title


@record
class Line:
    """One line of the text with its offsets."""

    no: int  # 1-based line number
    start: int  # content start (leading blanks skipped)
    end: int  # content end (trailing blanks skipped)


def split_lines(text: str, folded: str | None = None, markdown: bool = False) -> list[Line]:
    """The non-blank lines of ``text``, split and stripped on its folded copy (pass ``folded``
    when it is at hand): every line terminator is ``\\n`` there and every blank a space, so CR, CRLF,
    U+2028, EM SPACE indents or a ZWSP at a line start all give the same lines.

    In Markdown a line wholly in bold (``**大力提振消费。**``) is the plain line inside the stars:
    bold is how a lead line or a heading is written there, and the outline must not depend on it."""
    if folded is None or len(folded) != len(text):
        folded = fold(text)
    out: list[Line] = []
    pos = 0
    for no, raw in enumerate(folded.split("\n"), start=1):
        s, e = pos, pos + len(raw)
        while s < e and folded[s] == " ":
            s += 1
        while e > s and folded[e - 1] == " ":
            e -= 1
        if markdown and e - s > 4 and folded.startswith("**", s) and folded.endswith("**", s, e) \
                and "**" not in folded[s + 2:e - 2]:
            s, e = strip_span(folded, s + 2, e - 2)
        if s < e:
            out.append(Line(no, s, e))
        pos += len(raw) + 1
    return out


# --------------------------------------------------------------------------- headings

_UNNUMBERED_MAX = 36
RE_SENT_PUNCT = rx.compile(r"[。；;！？!?]|[，,](?!.*[”》])")


def _heading_from_marker(doc: Document, ln: Line, mk: Marker, folded: str) -> Section | None:
    text = doc.text
    body = ln.start + mk.end
    inner = None
    if mk.kind == "md":
        h_end = ln.end
        while h_end > body and folded[h_end - 1] in "# ":
            h_end -= 1
        inner = parse_marker(folded[body:h_end])
        if inner is not None and inner.kind != "md":
            # `## 一、工作回顾` (or a bare `## 一`): the GB/T marker is the marker, the depth only nests
            marker_text = text[body: body + len(inner.text)]
            h_start, h_end2 = strip_span(text, body + inner.end, h_end)
            dot = folded.find("。", h_start, h_end2)
            if dot >= 0:
                h_end2 = dot
            return Section(role="", level=inner.level, marker=marker_text, number=inner.number,
                           heading=text[h_start:h_end2], start=ln.start, end=ln.end, line=ln.no,
                           kind="markdown", heading_start=h_start, heading_end=h_end2,
                           body_start=h_end2 + (1 if h_end2 < ln.end and text[h_end2] == "。" else 0))
    else:
        dot = folded.find("。", body, ln.end)
        h_end = dot if dot >= 0 else ln.end
    h_start, h_end = strip_span(text, body, h_end)
    heading = text[h_start:h_end]
    if mk.kind == "cn" and mk.punct in (",", "，", "", ":", "：") and not _short_clause(heading):
        return None  # `一，…` / `一 …` opening a long sentence is prose, not a heading
    if mk.kind == "arabic" and mk.punct == "" and not _short_clause(heading):
        return None
    if mk.kind in ("circled",) and len(heading) > 40:
        return None
    marker_text = text[ln.start: ln.start + len(mk.text)]
    body_start = h_end
    if body_start < ln.end and text[body_start] == "。":
        body_start += 1
    level = mk.level
    return Section(role="", level=level, marker=marker_text if mk.kind != "md" else None,
                   number=mk.number, heading=heading, start=ln.start, end=ln.end, line=ln.no,
                   kind="markdown" if mk.kind == "md" else "heading", heading_start=h_start,
                   heading_end=h_end, body_start=body_start)


def _short_clause(s: str) -> bool:
    f = fold(s)
    m = rx.search(r"[，,；;。]", f)
    return (m.start() if m else len(f)) <= 30


def _unnumbered_heading(doc: Document, ln: Line, folded: str) -> Section | None:
    line = folded[ln.start:ln.end]
    if len(line) > _UNNUMBERED_MAX or RE_SENT_PUNCT.search(line.rstrip("。")) or line.endswith(("：", ":")):
        return None
    if line.endswith("。") and not rx.search(r"(回顾|问题|不足|计划|打算|安排)。$", line):
        return None
    if R.is_preamble_line(line) or RE_ANNOUNCE.search(line):
        return None
    role = R.heading_role(line)
    if role is None and not rx.match(r"^关于", line):
        return None
    if role == "achievements" and not rx.search(r"(回顾|成效|成绩|成就|情况|做法)$|回顾", line):
        return None  # too weak alone: prose like `取得的成效` is not a heading line
    h_start, h_end = ln.start, ln.end
    if doc.text[h_end - 1] == "。":
        h_end -= 1
    return Section(role="", level=1, marker=None, number=None, heading=doc.text[h_start:h_end],
                   start=ln.start, end=ln.end, line=ln.no, kind="unnumbered", heading_start=h_start,
                   heading_end=h_end, body_start=ln.end)


# --------------------------------------------------------------------------- lead lines

# Reports published as plain text lose their bold: `大力提振消费。` on a line of its own, then the
# paragraph it leads, then `扩大有效投资。` and its paragraph.  One such line is prose; a series of
# them under the same heading, each followed by a long paragraph, is a level of sub-headings.
_LEAD_MAX = 28
_LEAD_SERIES = 2
RE_LEAD_INNER = rx.compile(r"[。；;！？!?：:]")
RE_LEAD_END = rx.compile(r"[\u4e00-\u9fff”）》」]。?$")
RE_LEAD_ITEM = rx.compile(r"([一二三四五六七八九十]{1,3})是(?=[\u4e00-\u9fff“])")
# A sentence that announces the list after it (`今年要重点做好以下工作。`, `主要做了以下几个方面的工作`,
# `重点抓好三个方面`, `具体如下`) introduces that list: it is never a heading over it (neither a lead
# line nor an unnumbered heading), or the list's items would become its children.
RE_ANNOUNCE = rx.compile(r"以下.{0,10}(工作|方面|任务|事项|几点|内容|措施|举措)|(重点|着力|主要|全力)(抓好|做好|做了|抓了|推进|开展).{0,10}方面"
                         r"|如下[。:]?$|[:：]$")


def _lead_line(doc: Document, body: list[Line], i: int, folded: str, heading_lines: set[int]) -> bool:
    ln = body[i]
    f = folded[ln.start:ln.end]
    core = f[:-1] if f.endswith("。") else f
    if not 4 <= len(core) <= _LEAD_MAX or ln.no in heading_lines or i + 1 >= len(body):
        return False
    if RE_LEAD_INNER.search(core) or core.count("，") + core.count(",") > 1 or not RE_LEAD_END.search(f):
        return False
    nxt = body[i + 1]
    if nxt.no in heading_lines or nxt.end - nxt.start < max(40, 2 * len(f)):
        return False
    prev_end = doc.text[body[i - 1].end - 1] if i > 0 else "。"
    if body[i - 1].no not in heading_lines and prev_end not in "。！？!?；;…”）)":
        return False
    if f.startswith(("—", "-", "－")):  # `——抗击非典取得重大胜利`: a dash list, not headings
        return False
    if RE_LEAD_ITEM.match(f):  # `二是…。` alone on a line continues the paragraph's 一是… items
        return False
    if RE_ANNOUNCE.search(f):
        return False
    if R.is_preamble_line(f) or RE_SIGN_DATE.match(f) or RE_SIGN_ORG.match(f) or parse_marker(f) is not None:
        return False
    return True


def _with_lead_lines(doc: Document, body: list[Line], heads: list[tuple[Section, tuple]],
                     folded: str) -> list[tuple[Section, tuple]]:
    """``heads`` plus the lead lines that come in series under one heading (see above)."""
    if not heads:
        return heads
    heading_lines = {n.line for n, _ in heads}
    starts = [n.start for n, _ in heads]
    groups: dict[int, list[Line]] = {}
    for i, ln in enumerate(body):
        if ln.start > starts[0] and _lead_line(doc, body, i, folded, heading_lines):
            groups.setdefault(bisect.bisect_right(starts, ln.start) - 1, []).append(ln)
    leads: list[tuple[Section, tuple]] = []
    for parent, lines in groups.items():
        if len(lines) < _LEAD_SERIES or heads[parent][0].role == "other":
            continue
        for ln in lines:
            h_start, h_end = ln.start, ln.end - 1 if doc.text[ln.end - 1] == "。" else ln.end
            node = Section(role="", level=0, marker=None, number=None, heading=doc.text[h_start:h_end],
                           start=ln.start, end=ln.end, line=ln.no, kind="lead", heading_start=h_start,
                           heading_end=h_end, body_start=ln.end)
            leads.append((node, ("lead",)))
    if not leads:
        return heads
    return sorted(heads + leads, key=lambda h: h[0].start)


def _lead_levels(nodes: list[Section], depth: int) -> None:
    """A lead line sits one level below the heading it comes under."""
    for n in nodes:
        if n.kind == "lead":
            n.level = depth + 1
        _lead_levels(n.children, n.level)


def _key(node: Section, mk: Marker | None) -> tuple:
    if node.kind == "unnumbered":
        return ("unnumbered",)
    if node.kind == "lead":
        return ("lead",)
    if mk is None:
        return ("?",)
    if mk.kind == "md":
        return ("md", mk.level)
    fam = {"circled": "paren_arabic", "bare_cn": "cn", "part": "part"}.get(mk.kind, mk.kind)
    return (fam,)


# --------------------------------------------------------------------------- tree

def _build_tree(headings: list[tuple[Section, tuple]], barriers: list[int] | None = None) -> list[Section]:
    """Nest ``headings`` by the order their marker families appear.  ``barriers``: offsets of lines
    announcing a list (RE_ANNOUNCE); a numbered heading after one never nests under a lead line
    before it (`扩大有效投资。` … `重点抓好以下工作。` `1.…`: the list belongs to the heading above)."""
    roots: list[Section] = []
    stack: list[tuple[tuple, Section]] = []
    for node, key in headings:
        if barriers and key != ("lead",) and stack and stack[-1][0] == ("lead",):
            i = bisect.bisect_left(barriers, stack[-1][1].start)
            if i < len(barriers) and barriers[i] < node.start:
                while stack and stack[-1][0] == ("lead",):
                    stack.pop()
        if key[0] == "md":
            # a markdown heading closes everything below the nearest shallower markdown heading
            while stack and not (stack[-1][0][0] == "md" and stack[-1][0][1] < key[1]):
                stack.pop()
        elif any(k == key for k, _ in stack):
            while stack and stack[-1][0] != key:
                stack.pop()
            stack.pop()
        elif key == ("unnumbered",) and stack and _opens_new_part(node, stack[0][1]):
            stack.clear()  # an unnumbered part heading after numbered ones is a new top-level part
        elif node.role == "other":
            stack.clear()
        parent = stack[-1][1] if stack else None
        (parent.children if parent else roots).append(node)
        stack.append((key, node))
    return roots


def _opens_new_part(node: Section, top: Section) -> bool:
    role = node.role or R.heading_role(node.heading or "")
    if role is None:
        return False
    top_role = top.role or R.heading_role(top.heading or "") or "achievements"
    return role == "other" or R.RANK.get(role, 0) > R.RANK.get(top_role, 0)


def _set_ends(text: str, nodes: list[Section], limit: int) -> None:
    for i, n in enumerate(nodes):
        nxt = nodes[i + 1].start if i + 1 < len(nodes) else limit
        if n.children:
            _set_ends(text, n.children, nxt)
        _, n.end = strip_span(text, n.start, nxt)
        n.end = max(n.end, n.heading_end or n.start)


# --------------------------------------------------------------------------- roles

def _assign_heading_roles(doc: Document, roots: list[Section]) -> None:
    t = doc.title
    plan_year = t.plan_year if t else None
    summary_year = t.summary_year if t else None
    last: str | None = None
    for n in roots:
        if n.role == "":
            found = R.heading_roles(n.heading or "")
            role = found[0] if found else None
            role = _year_role(n.heading or "", summary_year, plan_year, role)
            if found and "plans" in found and "problems" not in found and "achievements" in found:
                # `2025年工作回顾和2026年工作安排`: the part named first opens the section; an
                # implicit plans node opens where the second part starts (see _combined_split)
                role = "achievements" if _first_kw_is_review(n.heading or "") else found[0]
            h = fold(n.heading or "")
            if role is None:
                n.role_source = "position"
                if plan_year and str(plan_year) in h or rx.search(r"十五五|今后|未来", h):
                    role = "plans"
                elif summary_year and str(summary_year) in h:
                    role = "achievements"
                elif last in ("problems", "plans"):
                    role = "plans"
                elif last == "other":
                    role = "other"
                else:
                    role = _model_role(doc, n) or "achievements"
            elif role == "achievements" and last in ("problems", "plans") and not rx.search(r"回顾|成效|成绩|成就", h):
                role = "plans"
            n.role = role
        if n.role != "other" or last is None:
            last = n.role
        _inherit(n)


def _model_role(doc: Document, n: Section) -> str | None:
    """A slogan heading with no cue: let the paragraph model read the section's opening text."""
    from zongjie import roles_model

    if not roles_model.available():
        return None
    body = doc.text[n.body_start or n.start: min(n.end, (n.body_start or n.start) + 1200)]
    probs = roles_model.predict_proba(body)
    ach, plans = probs.get("achievements", 0.0), probs.get("plans", 0.0)
    if plans > 0.75 and plans - ach > 0.5:
        n.role_source = "model"
        return "plans"
    return None


RE_HEAD_YEAR = rx.compile(r"(20\d\d)年")
RE_PLAN_WORD = rx.compile(r"计划|打算|安排|思路|要点|谋划|设想|部署|目标")


def _year_role(h: str, summary_year: int | None, plan_year: int | None, role: str | None) -> str | None:
    """`2023年主要工作` in a 2023 summary is the review; `2024年重点工作` in its 2024 plan is the plan."""
    if role in ("problems", "other", "experience") or not summary_year or not plan_year or summary_year == plan_year:
        return role
    years = {int(y) for y in RE_HEAD_YEAR.findall(fold(h))}
    if years == {summary_year} and not RE_PLAN_WORD.search(h):
        return "achievements"
    if years == {plan_year} and role in (None, "achievements") and not rx.search(r"回顾|成效|成绩|总结", h):
        return "plans"
    return role


def _first_kw_is_review(h: str) -> bool:
    f = fold(h)
    a = min((m.start() for m in rx.finditer(r"回顾|成效|成绩|成就|情况", f)), default=10**6)
    p = min((m.start() for m in rx.finditer(r"计划|打算|安排|思路|任务|目标|要点|部署", f)), default=10**6)
    return a < p < 10**6


def _inherit(node: Section) -> None:
    combined = node.role == "problems" and "plans" in R.heading_roles(node.heading or "")
    switched = False
    for c in node.children:
        own = R.heading_role(c.heading or "", strong=True) if c.heading and c.kind != "lead" else None
        if own and own != node.role and R.RANK[own] >= R.RANK.get(node.role, 0):
            c.role, c.role_source = own, "rule"
        elif combined and (switched or _plan_like(c.heading or "")):
            c.role, c.role_source = "plans", "position"
            switched = True
        else:
            c.role, c.role_source = node.role, "inherited"
        _inherit(c)


def _plan_like(h: str) -> bool:
    f = fold(h)
    return bool(rx.match(r"^(加强|强化|推进|提升|完善|健全|深化|抓好|做好|持续|着力|扎实|全面|进一步|狠抓|突出|聚焦|坚持|落实|加快|大力|切实|建立)", f))


# --------------------------------------------------------------------------- implicit parts

def _walk_lines(lines: list[Line], start: int, end: int) -> list[Line]:
    # lines are in text order: bisect instead of a scan of every line for every top-level part,
    # which was quadratic on long documents
    lo = bisect.bisect_left(lines, start, key=_line_start)
    return lines[lo:bisect.bisect_left(lines, end, lo=lo, key=_line_start)]


def _line_start(ln: Line) -> int:
    return ln.start


def _deepest(nodes: list[Section], offset: int) -> Section | None:
    found = None
    while True:
        for n in nodes:
            if n.start <= offset < max(n.end, n.start + 1):
                found, nodes = n, n.children
                break
        else:
            return found


def _truncate(text: str, nodes: list[Section], cut: int) -> list[Section]:
    """Cut ``nodes`` at ``cut``: nodes starting at/after it are returned (moved), others shortened."""
    keep, moved = [], []
    for n in nodes:
        if n.start >= cut:
            moved.append(n)
            continue
        keep.append(n)
        if n.end > cut:
            _, n.end = strip_span(text, n.start, cut)
            n.end = max(n.end, n.heading_end or n.start)
            n.children = keep_children = [c for c in n.children]
            moved_children = _truncate(text, keep_children, cut)
            n.children = [c for c in keep_children if c not in moved_children]
            moved.extend(moved_children)
    nodes[:] = keep
    return moved


def _insert_implicit(doc: Document, parent: Section | None, roots: list[Section], ln: Line, role: str,
                     limit: int) -> Section:
    container = parent.children if parent else roots
    level = (parent.level + 1) if parent else 1
    node = Section(role=role, level=level, marker=None, number=None, heading=None, start=ln.start,
                   end=limit, line=ln.no, kind="implicit", body_start=ln.start, role_source="cue")
    moved = _truncate(doc.text, container, ln.start)
    node.children = [m for m in moved if m.start < limit]
    rest = [m for m in moved if m.start >= limit]
    for c in node.children:
        _retag(c, role)
    container.append(node)
    container.extend(rest)
    container.sort(key=lambda s: s.start)
    _, node.end = strip_span(doc.text, node.start, limit)
    return node


def _retag(node: Section, role: str) -> None:
    if node.role_source in ("inherited", "position"):
        node.role = role
        node.role_source = "cue"
        for c in node.children:
            _retag(c, role)


def _implicit_parts(doc: Document, lines: list[Line], roots: list[Section], heading_lines: set[int]) -> None:
    """Open a node wherever a paragraph starts a new part without a heading."""
    for top in list(roots):
        if top.role in ("preamble", "other"):
            continue
        current = top.role
        split_phrase = _combined_split(top)
        block_end = -1  # end of a bounded problems block inside the section
        section_lines = _walk_lines(lines, top.body_start or top.start, top.end)
        for idx, ln in enumerate(section_lines):
            if current == "problems" and block_end >= 0 and ln.start >= block_end:
                current = top.role  # the problems block is over: the section's own part resumes
                block_end = -1
            if ln.no in heading_lines:
                node = _deepest(roots, ln.start)
                if node is not None:
                    current = max(current, node.role, key=lambda r: R.RANK.get(r, 0))
                continue
            par = doc.text[ln.start:ln.end]
            role = R.opening_role(par)
            if role is None and split_phrase and current == top.role and fold(par).lstrip("“\"").startswith(split_phrase):
                role = "plans"
            if role is None or role == current:
                continue
            if R.RANK[role] <= R.RANK.get(current, 0) and not (role == "experience" and current == "problems"):
                continue
            limit = top.end
            if role == "problems" and top.role in ("achievements", "experience"):
                limit = _problems_block_end(doc, section_lines[idx + 1:], heading_lines, top.end)
                block_end = limit if limit < top.end else -1
            _insert_implicit(doc, top, roots, ln, role, limit)
            current = role


RE_PROBLEM_WORDS = rx.compile(r"问题|不足|差距|短板|弱项|薄弱|滞后|不够|不强|不高|不优|不平衡|不充分|有待|亟待|亟需|"
                              r"困难|矛盾|风险|隐患|挑战|缺乏|欠缺|不到位|偏少|偏低|偏弱|较大|较多|突出|缺点|错误|官僚主义|"
                              r"需要(加强|改进|提高)|还要|仍需|还需")


def _problems_block_end(doc: Document, after: list[Line], heading_lines: set[int], limit: int) -> int:
    """Where an unheaded problems block ends: at the first heading, or the first paragraph that neither
    continues the problems (`对于这些问题…`, another `还存在…`) nor states one in its first sentence."""
    for ln in after:
        if ln.no in heading_lines:
            return ln.start
        par = doc.text[ln.start:ln.end]
        if R.opening_role(par) in ("plans", "experience", "other"):
            return ln.start  # the caller opens the next part there
        if R.opening_role(par) == "problems" or R.continues_problems(par):
            continue
        if not RE_PROBLEM_WORDS.search(R.first_sentence(par, 120)):
            return ln.start
    return limit


def _combined_split(top: Section) -> str | None:
    """`“十四五”时期发展成就和“十五五”时期主要目标任务`: the plans open where `十五五时期` opens a paragraph."""
    if top.role != "achievements" or not top.heading:
        return None
    h = fold(top.heading)
    if "plans" not in R.heading_roles(h):
        return None
    parts = rx.split(r"[和及与暨]", h, maxsplit=1)
    if len(parts) < 2:
        return None
    phrase = rx.sub(r"[“”\"]", "", parts[1])[:6]
    return phrase if len(phrase) >= 3 else None


def _unheaded_region(doc: Document, lines: list[Line], roots: list[Section], start: int, end: int,
                     next_role: str | None) -> None:
    """The text before the first heading (or a document with no headings at all)."""
    region = _walk_lines(lines, start, end)
    if not region:
        return
    # leading preamble: 来源/时间/speaker/各位代表 lines and the opening paragraph
    i = 0
    while i < len(region) and R.is_preamble_line(doc.text[region[i].start:region[i].end]):
        i += 1
    if i < len(region) and R.opening_role(doc.text[region[i].start:region[i].end]) is None:
        i += 1
    body_starts_achievements = next_role is None or R.RANK.get(next_role, 0) > R.RANK["achievements"]
    if i >= len(region) or not body_starts_achievements:
        i = len(region)
    pre_end = region[i].start if i < len(region) else end
    ps, pe = strip_span(doc.text, start, pre_end)
    if pe > ps:
        roots.append(Section(role="preamble", level=0, marker=None, number=None, heading=None,
                             start=ps, end=pe, line=doc.lines.line_of(ps), kind="preamble",
                             body_start=ps, role_source="position"))
    current = "preamble"
    node: Section | None = None
    for ln in region[i:]:
        par = doc.text[ln.start:ln.end]
        role = R.opening_role(par)
        if node is None:
            role = role or "achievements"
        elif role is None or R.RANK[role] <= R.RANK[current]:
            continue
        if node is not None:
            _, node.end = strip_span(doc.text, node.start, ln.start)
        node = Section(role=role, level=1, marker=None, number=None, heading=None, start=ln.start,
                       end=end, line=ln.no, kind="implicit", body_start=ln.start, role_source="cue")
        roots.append(node)
        current = role
    if node is not None:
        _, node.end = strip_span(doc.text, node.start, end)
    roots.sort(key=lambda s: s.start)


# --------------------------------------------------------------------------- items

class _Locator:
    """:func:`_deepest` for a tree that no longer changes, by bisection at each level: a scan of
    the siblings for every line was quadratic on a long document (thousands of sections)."""

    def __init__(self) -> None:
        self._index: dict[int, tuple[list[int], list[int]] | None] = {}

    def _level(self, nodes: list[Section]) -> tuple[list[int], list[int]] | None:
        key = id(nodes)
        if key not in self._index:
            starts = [n.start for n in nodes]
            if all(a <= b for a, b in zip(starts, starts[1:])):
                reach, top = [], -1  # running maximum of the ends: reach[k] = max end of nodes[:k+1]
                for n in nodes:
                    top = max(top, n.end, n.start + 1)
                    reach.append(top)
                self._index[key] = (starts, reach)
            else:
                self._index[key] = None  # unsorted siblings: scan them as _deepest does
        return self._index[key]

    def deepest(self, nodes: list[Section], offset: int) -> Section | None:
        found = None
        while True:
            level = self._level(nodes)
            if level is None:
                hit = next((n for n in nodes if n.start <= offset < max(n.end, n.start + 1)), None)
            else:
                # the first sibling whose end reaches past offset is the first that can contain
                # it; with ascending starts, no later one can if this one starts after offset
                k = bisect.bisect_right(level[1], offset)
                hit = nodes[k] if k < len(nodes) and nodes[k].start <= offset else None
            if hit is None:
                return found
            found, nodes = hit, hit.children


def _attach_items(doc: Document, lines: list[Line], folded: str, roots: list[Section]) -> None:
    locate = _Locator().deepest  # the tree's spans are final here; only items are added
    for ln in lines:
        node = locate(roots, ln.start)
        if node is None:
            continue
        start = ln.start
        if node.start == ln.start and node.kind != "implicit" and node.body_start is not None:
            start = node.body_start  # the heading part of the line is not an item
            if start >= ln.end:
                continue
        for it in find_items(folded, start, ln.end):
            it.line = ln.no
            target = locate(roots, it.start) or node
            target.items.append(it)


# --------------------------------------------------------------------------- entry point

def segment(doc: Document) -> Document:
    text = doc.text
    folded = doc.folded
    lines = split_lines(text, folded, doc.markdown)
    # A markdown `# 标题` line is the title when it reads like one: the first line, or one of the
    # first three after a photo caption or a note (as the plain text's title may be).
    title_lines = [(ln.start, ln.end) for ln in lines]
    if doc.markdown:
        for j, ln in enumerate(lines[:3]):
            if folded.startswith("# ", ln.start):
                title_lines[j] = strip_span(folded, ln.start + 2, ln.end)
                break
    title, k = find_title(text, title_lines)
    doc.title = title
    if title is not None and title.start != lines[0].start:
        title_start_line = lines[0].start
    else:
        title_start_line = None
    body = lines[k:]
    heads: list[tuple[Section, tuple]] = []
    for bi, ln in enumerate(body):
        if _mid_sentence(text, body, bi):
            continue
        line_f = folded[ln.start:ln.end]
        mk = parse_marker(line_f)
        node = None
        if mk is not None:
            node = _heading_from_marker(doc, ln, mk, folded)
        elif len(line_f) <= _UNNUMBERED_MAX:
            node = _unnumbered_heading(doc, ln, folded)
        if node is not None:
            if node.kind == "unnumbered":
                node.role = R.heading_role(node.heading or "") or ""
            heads.append((node, _key(node, mk)))
    # Appendix headings open an `other` part whose numbered lists must not join the outline
    roots_all: list[Section] = []
    for node, _ in heads:
        if node.kind != "unnumbered" and R.heading_role(node.heading or "") == "other" and node.level <= 2 \
                and len(node.heading or "") <= 16:
            node.role = "other"
    heads = _with_lead_lines(doc, body, heads, folded)
    md_depths = [k[1] for _, k in heads if k[0] == "md"]
    for node, k in heads:  # markdown depth relative to the shallowest heading used
        if k[0] == "md" and (node.marker is None or node.marker.startswith("#")):
            node.level = k[1] - min(md_depths) + 1
    barriers = None
    if any(k == ("lead",) for _, k in heads):
        heading_lines = {n.line for n, _ in heads}
        barriers = [ln.start for ln in body if ln.no not in heading_lines
                    and RE_ANNOUNCE.search(folded, ln.start, ln.end)]
    roots = _build_tree(heads, barriers)
    _lead_levels(roots, 0)
    roots_all.extend(roots)
    body_start = body[0].start if body else len(text)
    first_head = heads[0][0].start if heads else len(text)
    if title_start_line is not None:
        pass
    _set_ends(text, roots_all, len(text))
    _assign_heading_roles(doc, roots_all)
    _appendix_lists(roots_all)
    heading_lines = {n.line for n, _ in heads}
    _unheaded_region(doc, body, roots_all, body_start, first_head,
                     roots_all[0].role if roots_all else None)
    _implicit_parts(doc, body, roots_all, heading_lines)
    _fix_positions(roots_all)
    _signature(doc, body, roots_all, heading_lines)
    _attach_items(doc, body, folded, roots_all)
    doc.sections = roots_all
    return doc


RE_SIGN_DATE = rx.compile(r"^(20\d\d|[一二][〇○零一二三四五六七八九]{3})年\d{1,2}月\d{1,2}日$|^[一二][〇○零一二三四五六七八九]{3}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日$")
RE_SIGN_ORG = rx.compile(r"^[\u4e00-\u9fff（）()]{2,24}(局|委|办|部|院|厅|公司|政府|中心|街道办事处|街道|镇|乡|社区|委员会|学校|中学|小学|医院|党委|党组|支部)$|^(述职人|报告人|汇报人|撰写人|起草人|报送单位|单位)[:：].{1,20}$")


def _signature(doc: Document, body: list[Line], roots: list[Section], heading_lines: set[int]) -> None:
    """Closing signature and date lines (`县发改局` / `2024年1月5日`) are `other`, not the last part."""
    tail: list[Line] = []
    for ln in reversed(body[-3:]):
        f = fold(doc.text[ln.start:ln.end]).strip()
        if ln.no in heading_lines or not (RE_SIGN_DATE.match(f) or RE_SIGN_ORG.match(f)):
            break
        tail.insert(0, ln)
    if not tail or not any(RE_SIGN_DATE.match(fold(doc.text[ln.start:ln.end]).strip()) for ln in tail):
        return
    if not roots or tail[0].start <= roots[-1].start:
        return
    _insert_implicit(doc, None, roots, tail[0], "other", len(doc.text))
    node = roots[-1]
    node.level = 1


def _fix_positions(roots: list[Section]) -> None:
    """A heading placed by position after a part that ended in problems/plans continues the plans."""
    prev_end_role = None
    for n in roots:
        if n.role_source == "position" and n.role == "achievements" and prev_end_role in ("problems", "plans"):
            _retag(n, "plans")
            n.role, n.role_source = "plans", "position"
        last = n
        while last.children:
            last = last.children[-1]
        prev_end_role = last.role


def _mid_sentence(text: str, body: list[Line], i: int) -> bool:
    """A line cut out of a running sentence (scraped texts) is never a heading."""
    if i + 1 < len(body) and text[body[i + 1].start] in "，,、。；;：:）)”》":
        return True
    return i > 0 and text[body[i - 1].end - 1] in "，,、（(“《"


def _appendix_lists(roots: list[Section]) -> None:
    """Everything under an appendix is `other`; its numbered entries are list entries, not headings."""
    for n in roots:
        if n.role == "other":
            for d in n.walk():
                d.role = "other"
                if d is not n:
                    d.kind = "appendix"
