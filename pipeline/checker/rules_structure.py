"""Structure rules: missing-section, empty-section, section-order."""

from __future__ import annotations

import bisect

from zongjie import rx
from zongjie.checker import Ctx
from zongjie.checker.registry import implements
from zongjie.checker.suppress import comment_spans
from zongjie.model import Section
from zongjie.spans import merged

HEADED = ("heading", "markdown", "unnumbered")


def _tops(ctx: Ctx) -> list[Section]:
    return [n for n in ctx.doc.sections if n.kind != "preamble"]


def _title_span(ctx: Ctx) -> tuple[int, int]:
    t = ctx.doc.title
    if t is not None:
        return t.start, t.end
    m = rx.search(r"\S", ctx.text)
    if not m:
        return 0, 0
    eol = ctx.text.find("\n", m.start())
    return m.start(), (len(ctx.text) if eol < 0 else eol)


# --------------------------------------------------------------------------- missing-section

@implements("missing-section")
def missing_section(ctx: Ctx) -> None:
    tpl = ctx.template
    required = list(tpl.required)
    if tpl.plans_from_title and ctx.names_plan and "plans" not in required:
        required.append("plans")
    wanted = required + [r for r in tpl.recommended if r not in required]
    if not wanted:
        return
    present = {n.role for n in ctx.nodes() if n.kind != "preamble"}
    from zongjie.roles import heading_roles

    for n in ctx.nodes():  # a combined heading (`存在的不足及今后努力方向`) covers every part it names
        if n.kind in HEADED and n.role in ("problems", "plans") and n.heading:
            present.update(r for r in heading_roles(n.heading) if r in ("problems", "plans"))
    tops = [n for n in _tops(ctx) if n.role != "other"]
    headed = [n for n in ctx.nodes() if n.kind in HEADED and n.role != "other"]
    structured = len(headed) >= 2
    s, e = _title_span(ctx)
    for role in wanted:
        if role in present or _may_hide(ctx, role, tops):
            continue
        down = (0 if role in required else 1) + (0 if structured else 1)
        if role == "problems" and PROBLEM_CUE.search(ctx.folded):
            down += 1  # problem wording is there, only no part the engine recognises
        why = "必备" if role in required else "通常应有"
        if role == "plans" and ctx.names_plan and role not in tpl.required:
            why = "标题写明了计划，必备"
        ctx.emit("missing-section", s, e, downgrade=down, part=tpl.role_label(role),
                 template=tpl.label, why=why, role=role, data={"role": role})


PROBLEM_CUE = rx.compile(r"清醒(地)?(认识|看到)|不足之处|存在(以下|一些|不少|的)(突出)?(问题|不足|困难)|问题和不足|"
                         r"差距和不足|短板弱项|还存在|仍然存在|依然存在|仍存在")


def _may_hide(ctx: Ctx, role: str, tops: list[Section]) -> bool:
    """Could a part whose role the engine only guessed from its position be this part?
    Problems and plans parts carry cue words (问题、不足; 计划、打算、任务) the engine knows;
    achievements parts often have slogan headings, and a long unheaded opening may hold the review."""
    guessed = [n for n in tops if n.role_source == "position" and n.kind in HEADED]
    if role == "achievements":
        pre = sum(len(rx.sub(r"\s", "", ctx.text[n.start:n.end])) for n in ctx.doc.sections if n.kind == "preamble")
        body = max(1, len(rx.sub(r"\s", "", ctx.text)))
        return bool(guessed) or pre >= 800 or pre / body >= 0.2
    if role == "plans":
        if ctx.template.name != "work-plan" and _plan_words_in_last_part(ctx):
            return True
        confident = [n for n in tops if n.role_source != "position"]
        last_conf = max((n.start for n in confident), default=-1)
        return any(n.start > last_conf for n in guessed)
    return False


def _plan_words_in_last_part(ctx: Ctx) -> bool:
    """`下一步，我们将…` folded into the last paragraph without its own node: not missing."""
    tail = ctx.folded[max(0, len(ctx.folded) - 600):]
    return bool(rx.search(r"(?m)^[ \t]*(下一步|下步|今后|明年|下半年)[，,]?(我们|我局|我|本人|全局|将)", tail))


# --------------------------------------------------------------------------- empty-section

BOILER = rx.compile(
    r"[（(]?(?:略|无|暂无|同上|空|待定|待补充|待完善|待填写|待补|此处省略|内容略|TODO|TBD|todo|tbd)[）)]?"
    r"|(?:详见|具体见|参见|见)附件[一二三四五六七八九十\d]*"
)
PLACEHOLDER_LIKE = rx.compile(r"(?=[*＊XxＸｘ×_＿□☐【〔{])(?:[*＊]{2,}|[XxＸｘ×]{2,}|[_＿]{3,}|[□☐]+|【[^】\n]*】|〔[^〕\n]*〕|\{\{[^}\n]*\}\})")
SUBSTANCE = rx.compile(r"[\u4e00-\u9fffA-Za-z0-9０-９]")
MIN_CHARS = 4  # "人员不足。" is short but real content; boilerplate is caught separately


RE_PIECE = rx.compile(r"[^。；;！!？?\n]+")
RE_PUNCT = rx.compile(r"[\s，,、：:“”\"'‘’（）()]")
RE_BOILER_ALT = rx.compile(r"(?:本部分|此部分|该部分)?(?:内容)?(?:略|待补充|待完善)")


def clean_len(ctx: Ctx, start: int, end: int, limit: int = 1 << 30) -> int:
    """Substantive characters in [start, end) (counting stops at ``limit``): placeholders,
    boilerplate and suppression comments removed."""
    if end <= start:
        return 0
    cuts, cut_starts = ctx.cached("empty_cuts", lambda: merged(_cuts(ctx)))
    pieces: list[str] = []
    pos = start
    # cuts are sorted and disjoint: begin at the last one starting at or before ``start``
    for s, e in cuts[max(0, bisect.bisect_right(cut_starts, start) - 1):]:
        if s >= end:
            break
        if e <= pos:
            continue
        s = max(s, pos)
        pieces.append(ctx.text[pos:s])
        pos = min(e, end)
        pieces.append(" " * (pos - s))
    body = "".join(pieces) + ctx.text[pos:end] if pieces else ctx.text[start:end]
    # boilerplate counts only when it is all a sentence says (`无。`, `（略）`, `详见附件。`)
    n = 0
    for m in RE_PIECE.finditer(body):
        p = m.group(0)
        core = RE_PUNCT.sub("", p)
        if not core or BOILER.fullmatch(core) or RE_BOILER_ALT.fullmatch(core):
            continue
        n += len(SUBSTANCE.findall(p))
        if n >= limit:
            break
    return n


def _cuts(ctx: Ctx) -> list[tuple[int, int]]:
    cuts = [(p.start, p.end) for p in ctx.doc.placeholders]
    cuts += [(m.start(), m.end()) for m in PLACEHOLDER_LIKE.finditer(ctx.text)]
    cuts += comment_spans(ctx.text, ctx.doc.markdown)
    for n in ctx.doc.walk():  # every heading text is a heading, not content
        if n.kind in HEADED:
            cuts.append((n.start, n.body_start if n.body_start is not None else n.end))
    return cuts


def _own_len(ctx: Ctx, n: Section) -> int:
    start = n.body_start if n.body_start is not None else n.start
    stop = n.children[0].start if n.children else n.end
    return clean_len(ctx, start, stop, MIN_CHARS)


def _sentence_heading(n: Section) -> bool:
    """A `heading` that is really a list item written as a sentence (`一、适当提高铁路短途运价，以利于…；`):
    its text is the content."""
    h = (n.heading or "").strip()
    cjk = len(rx.findall(r"[\u4e00-\u9fff]", h))
    return cjk >= 30 or (cjk >= 15 and bool(rx.search(r"[，,；;：:]", h))) or h.endswith(("；", ";"))


def _has_content(ctx: Ctx, n: Section, memo: dict[int, bool]) -> bool:
    if id(n) in memo:
        return memo[id(n)]
    ok = _own_len(ctx, n) >= MIN_CHARS or (n.kind in HEADED and _sentence_heading(n))
    if not ok:
        for c in n.children:
            if c.kind != "appendix" and _has_content(ctx, c, memo):
                ok = True
        # text after the last child that belongs to no child (rare) also counts
    memo[id(n)] = ok
    return ok


def _heading_list(ctx: Ctx, parent: Section | None, siblings: list[Section]) -> bool:
    """Lower headings written as a bare list inside a part (`（一）加强学习。` lines with no bodies,
    the part's own role) are the part's content, not empty sections."""
    if parent is None:
        return False
    heads = [s for s in siblings if s.kind == "heading" and (s.level >= 2 or parent.kind in HEADED)]
    return len(heads) >= 2 and all(
        s.role == parent.role and not s.children and _own_len(ctx, s) < MIN_CHARS
        and len(rx.sub(r"\W", "", s.heading or "")) >= 4 for s in heads)


FAMILY_LEVEL = {"cn": 1, "part": 1, "paren_cn": 2, "arabic": 3, "paren_arabic": 4, "circled": 5}


def _marker_level(ctx: Ctx, n: Section) -> int:
    from zongjie.checker.rules_numbering import heading_markers

    hm = heading_markers(ctx).get(id(n))
    if hm is not None:
        return FAMILY_LEVEL.get(hm.family, 9)
    return 1 if n.kind == "unnumbered" else 9


def _children_misplaced(ctx: Ctx, n: Section, heads: list[Section]) -> bool:
    """The next heading is a lower level (`（一）` after `## 三、…`) yet not this node's child:
    the outline lost the parent link (mixed markdown and numbered headings); precision first."""
    i = heads.index(n)
    if i + 1 >= len(heads):
        return False
    nxt = heads[i + 1]
    return _marker_level(ctx, nxt) > _marker_level(ctx, n) and not (n.start <= nxt.start < n.end)


@implements("empty-section")
def empty_section(ctx: Ctx) -> None:
    heads = sorted((n for n in ctx.nodes() if n.kind in HEADED), key=lambda n: n.start)
    memo: dict[int, bool] = {}
    lists: set[int] = set()
    for parent in [None, *ctx.nodes()]:
        kids = ctx.doc.sections if parent is None else parent.children
        if _heading_list(ctx, parent, kids):
            for k in kids:
                memo[id(k)] = True
                lists.add(id(k))
    for n in ctx.nodes():
        if n.kind not in HEADED or n.role == "other" or id(n) in lists:
            continue
        if n.children and any(c.kind != "appendix" for c in n.children):
            if _has_content(ctx, n, memo) or any(c.kind in HEADED for c in n.children):
                continue  # empty children are reported themselves
        if _has_content(ctx, n, memo) or _children_misplaced(ctx, n, heads):
            continue
        hs = n.heading_start if n.heading_start is not None else n.start
        he = n.heading_end if n.heading_end is not None else n.end
        ctx.emit("empty-section", n.start, max(he, hs), heading=(n.heading or "").strip()[:30] or "（无标题）")


# --------------------------------------------------------------------------- section-order

@implements("section-order")
def section_order(ctx: Ctx) -> None:
    order = ctx.template.order
    if not order:
        return
    rank = {r: i for i, r in enumerate(order)}
    seen: list[Section] = []
    for n in _tops(ctx):
        if n.role not in rank or n.role_source == "position" or n.kind not in HEADED:
            continue
        later = [p for p in seen if rank[p.role] > rank[n.role]]
        if later:
            p = later[0]
            ctx.emit("section-order", n.start, n.heading_end or n.end, part=ctx.template.role_label(n.role),
                     other=ctx.template.role_label(p.role), line=p.line)
            continue
        seen.append(n)
