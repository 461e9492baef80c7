"""Editing assistance computed on an ``Analysis``: completion candidates, code actions, hover
text, the outline as symbols, folding ranges.

Everything here works in code-point offsets of the analysed text; the LSP server converts to
UTF-16 positions, the web editor to JavaScript string indices.  No pygls import.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from zongjie import markers as M
from zongjie import rx
from zongjie.checker.templates import DEFAULT_LABELS as ROLE_LABELS  # the genre registry's part names
from zongjie.lsp.engine import Analysis, findings_at, rule_doc, template_parts
from zongjie.model import Document, Finding, Item, Section
from zongjie.numerals import cn_numeral

WS = " \t\u3000"
PLACEHOLDER_HINTS = ("【待补充】",)
SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}

_RE_MARKERISH = rx.compile(
    r"(#{1,6}[ \t]?)?(第[零〇一二三四五六七八九十]*)?[（(]?[零〇○一二三四五六七八九十0-9０-９]*[）)]?[、.．]?")


@dataclass
class Candidate:
    label: str
    insert: str
    start: int  # replaced span (code points); the cursor is ``end``
    end: int
    kind: str  # marker | item | section | plan | placeholder
    detail: str = ""
    documentation: str = ""
    sort: int = 50


@dataclass
class Edit:
    start: int
    end: int
    text: str


@dataclass
class Action:
    title: str
    kind: str  # quickfix | refactor.rewrite | source.fixAll
    edits: list[Edit]
    findings: list[Finding] = field(default_factory=list)
    preferred: bool = False


@dataclass
class Symbol:
    name: str
    detail: str
    kind: str  # title | section1..section4 | part
    start: int
    end: int
    sel_start: int
    sel_end: int
    children: list[Symbol] = field(default_factory=list)


# --------------------------------------------------------------------------- outline helpers


def _parents(doc: Document) -> dict[int, Section | None]:
    out: dict[int, Section | None] = {}

    def rec(nodes: list[Section], parent: Section | None) -> None:
        for s in nodes:
            out[id(s)] = parent
            rec(s.children, s)

    rec(doc.sections, None)
    return out


def _headed(doc: Document) -> list[Section]:
    """Sections opened by a numbered heading (markdown headings included), in text order."""
    return sorted((s for s in doc.walk() if s.marker), key=lambda s: s.start)


def _marker_of(s: Section) -> str | None:
    """The numbered marker of ``s`` (``一、``, ``（一）``, ``1.``…), also for a markdown heading
    (``## 一、总体情况``), or None."""
    if s.marker and M.kind_of(s.marker) not in (None, "md"):
        return s.marker
    if s.kind == "markdown":
        return M.md_inner(s.heading)
    return None


_RE_HASHES = rx.compile(r"#{1,6}[ \t]+")


def _prefix_of(text: str, s: Section | None) -> str:
    """What precedes the numbered marker on the heading line (``## `` for markdown)."""
    if s is None or s.kind != "markdown":
        return ""
    m = _RE_HASHES.match(text, s.start)
    return m.group(0) if m else ""


def _tops(sections: list[Section]) -> list[Section]:
    """The numbered sections of the shallowest level among ``sections`` (the ``一、`` parts)."""
    numbered = [s for s in sections if _marker_of(s)]
    if not numbered:
        return []
    lvl = min(s.level for s in numbered)
    return [s for s in numbered if s.level == lvl]


def _siblings(doc: Document, s: Section, parents: dict[int, Section | None]) -> list[Section]:
    parent = parents.get(id(s))
    pool = parent.children if parent else doc.sections
    kind = M.kind_of(_marker_of(s) or "")
    return [c for c in pool if c.level == s.level and _marker_of(c)
            and M.kind_of(_marker_of(c) or "") == kind]


def _section_on_line(an: Analysis, line: int) -> Section | None:
    for s in _headed(an.doc):
        if an.pos.line_of(s.start) == line:
            return s
    return None


def _marker_span(an: Analysis, s: Section) -> tuple[int, int] | None:
    """Span of the numbered marker of heading ``s`` in the text."""
    mk = _marker_of(s)
    if not mk:
        return None
    at = s.start + len(_prefix_of(an.text, s))
    if an.text[at:at + len(mk)] == mk:
        return at, at + len(mk)
    h = s.heading_start
    if h is not None and an.text[h:h + len(mk)] == mk:
        return h, h + len(mk)
    return None


def _run_items(doc: Document, text: str) -> list[list[Item]]:
    """Runs of inline items: same style, in one section, restarting at a new paragraph that
    opens again at 1."""
    runs: list[list[Item]] = []
    for s in doc.walk():
        by_style: dict[str, list[list[Item]]] = {}
        for it in sorted(s.items, key=lambda i: i.start):
            lst = by_style.setdefault(it.style, [])
            if lst and not (it.number == 1 and "\n" in text[lst[-1][-1].start:it.start]):
                lst[-1].append(it)
            else:
                lst.append([it])
        for lst in by_style.values():
            runs.extend(lst)
    return runs


# --------------------------------------------------------------------------- completion


def complete(an: Analysis, offset: int) -> list[Candidate]:
    text, doc, pos = an.text, an.doc, an.pos
    offset = max(0, min(offset, len(text)))
    line = pos.line_of(offset)
    ls = pos.starts[line]
    prefix = text[ls:offset]
    lead = len(prefix) - len(prefix.lstrip(WS))
    typed = prefix[lead:]
    at_line_start = bool(_RE_MARKERISH.fullmatch(typed))
    out: list[Candidate] = []
    seen: set[str] = set()

    def add(c: Candidate) -> None:
        if c.insert and c.insert not in seen:
            seen.add(c.insert)
            out.append(c)

    parents = _parents(doc)
    before = [s for s in _headed(doc) if s.start < ls]
    if at_line_start:
        rs = ls + lead
        if before:
            prev = before[-1]
            chain: list[Section] = []
            node: Section | None = prev
            while node is not None:
                if _marker_of(node):
                    chain.append(node)
                node = parents.get(id(node))
            for rank, s in enumerate(chain):  # the heading's own level first, then its parents'
                mk = _marker_of(s)
                n = M.number_of(mk or "")
                nxt = M.with_number(mk, n + 1) if mk and n is not None else None
                if nxt:
                    add(Candidate(label=_prefix_of(text, s) + nxt, insert=_prefix_of(text, s) + nxt, start=rs,
                                  end=offset, kind="marker", sort=10 + rank,
                                  detail=f"下一个{_level_name(s.level)}标题序号"))
            child_level = prev.level + 1
            if child_level <= 4:
                like = next((s for s in doc.walk() if s.level == child_level and _marker_of(s)), None)
                first = (M.with_number(_marker_of(like) or "", 1) if like else None) or M.first_of_level(child_level)
                first = _prefix_of(text, like) + first if like is not None else first
                if first:
                    add(Candidate(label=first, insert=first, start=rs, end=offset, kind="marker",
                                  sort=20, detail=f"{_level_name(child_level)}标题的第一个序号"))
        # the template's missing parts, as level-1 headings numbered after the last one
        tops = [s for s in _tops(_headed(doc)) if s.start < ls]
        last_n = M.number_of(_marker_of(tops[-1]) or "") if tops else 0
        for i, (role, heading) in enumerate(missing_parts(an, expected=True)):
            like = _marker_of(tops[-1]) if tops else "一、"
            mk = M.with_number(like or "一、", (last_n or 0) + 1 + i) or ""
            pre = _prefix_of(text, tops[-1]) if tops else ("## " if doc.markdown else "")
            ins = pre + mk + heading
            add(Candidate(label=ins, insert=ins, start=rs, end=offset, kind="section", sort=30 + i,
                          detail=f"模板要求的部分：{ROLE_LABELS.get(role, role)}",
                          documentation="模板要求的部分尚缺：插入其标题。"))
    # inline items: after 二是… offer 三是
    item = _last_item_before(an, offset, line, at_line_start and not typed)
    if item is not None:
        for k, mk in enumerate(M.next_items(item.style, item.number)):
            st = _typed_start(prefix, offset, mk)
            add(Candidate(label=mk, insert=mk, start=st, end=offset, kind="item", sort=5 + k,
                          detail=f"接续“{item.marker}”的列举"))
    # plan items for the document's problems, inside the plans part
    role = doc.role_at(offset)
    if role is None or not typed:  # on a blank line: the part the text above belongs to
        back = offset
        while back > 0 and text[back - 1] in "\r\n" + WS:
            back -= 1
        role = doc.role_at(max(0, back - 1)) or role
    if role == "plans":
        sugg_prefix = ""
        heads = [s for s in before if s.role == "plans"]
        subs = [s for s in heads if s.level > min(h.level for h in heads)] if heads else []
        if at_line_start and subs:  # numbered like the plans part's items: （一）… → （二）
            lvl = min(s.level for s in subs)
            mk = _marker_of([s for s in subs if s.level == lvl][-1])
            n = M.number_of(mk or "")
            sugg_prefix = (M.with_number(mk, n + 1) or "") if mk and n is not None else ""
        problems = an.suggestions()
        order = sorted(range(len(problems)), key=lambda i: problems[i]["addressed_by"] is not None)
        rank = 0
        for i in order:
            p = problems[i]
            for sg in p["suggestions"]:
                body = sg["text"].rstrip("。；;，, ")
                ins = (sugg_prefix + body + "。") if at_line_start else body + "。"
                st = (ls + lead) if at_line_start else _typed_start(prefix, offset, ins)
                addressed = "（已有计划回应）" if p["addressed_by"] else ""
                add(Candidate(label=body, insert=ins, start=st, end=offset, kind="plan",
                              sort=40 + rank, detail=f"针对问题{addressed}：{_short(p['text'], 24)}",
                              documentation=f"问题：{p['text']}\n\n来源：{sg['source']}，得分 {sg['score']:.2f}"))
                rank += 1
    for h in PLACEHOLDER_HINTS:
        st = _typed_start(prefix, offset, h)
        add(Candidate(label=h, insert=h, start=st, end=offset, kind="placeholder", sort=90,
                      detail="占位提示：待补充的内容"))
    out.sort(key=lambda c: c.sort)
    return out


def _typed_start(prefix: str, offset: int, insert: str) -> int:
    """Start of the longest tail of ``prefix`` that ``insert`` begins with (what the user has
    already typed of it)."""
    for k in range(min(len(insert), len(prefix)), 0, -1):
        if prefix.endswith(insert[:k]):
            return offset - k
    return offset


def _last_item_before(an: Analysis, offset: int, line: int, also_prev_para: bool) -> Item | None:
    """The last inline item before ``offset`` in the cursor's paragraph (or the paragraph just
    above when the cursor opens a new line)."""
    pos = an.pos
    best: Item | None = None
    for s in an.doc.walk():
        for it in s.items:
            if it.end > offset:
                continue
            il = pos.line_of(it.start)
            ok = il == line
            if not ok and also_prev_para and il < line:
                # the item's paragraph is the one right above (blank lines allowed between)
                ok = all(not pos.line_text(k).strip(WS) for k in range(il + 1, line))
            if ok and (best is None or it.start > best.start):
                best = it
    return best


def _level_name(level: int) -> str:
    return {1: "一级", 2: "二级", 3: "三级", 4: "四级"}.get(level, f"{level}级")


def _short(s: str, n: int) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def missing_parts(an: Analysis, expected: bool = False) -> list[tuple[str, str]]:
    """Template parts (role, heading) absent from the document, in template order (with
    ``expected``, also the parts the template orders without requiring them)."""
    present = {s.role for s in an.doc.walk()}
    return [(r, h) for r, h in template_parts(an.doc, an.template, expected=expected)
            if r not in present]


# --------------------------------------------------------------------------- code actions


def code_actions(an: Analysis, start: int, end: int, context_names: set[str] | None = None,
                 markdown: bool | None = None) -> list[Action]:
    """Fixes for the findings on the lines of ``[start, end]`` and rewrites of the heading there."""
    doc, pos = an.doc, an.pos
    l0, l1 = pos.line_of(start), pos.line_of(end)
    lstart, lend = pos.starts[l0], pos.ends[l1]
    md = doc.markdown if markdown is None else markdown
    out: list[Action] = []
    titles: set[str] = set()

    def add(a: Action | None) -> None:
        if a is not None and a.edits and a.title not in titles:
            titles.add(a.title)
            out.append(a)

    found = findings_at(doc, lstart, lend)
    parents = _parents(doc)
    for f in found:
        add(_fix_action(an, f))
        if f.name in ("heading-punctuation", "numbering-style"):
            s = _section_on_line(an, pos.line_of(f.start))
            if s is not None:
                add(_punct_action(an, s, [f]))
        elif f.name == "numbering-gap":
            add(_renumber_action(an, f.start, parents, [f]))
        elif f.name == "missing-section":
            for a in _missing_actions(an, [f]):
                add(a)
    # without a finding: the heading or item run under the cursor
    s = _section_on_line(an, l0)
    if s is not None:
        add(_punct_action(an, s, []))
    add(_renumber_action(an, start, parents, []))
    if context_names and "missing-section" in context_names and not any(
            f.name == "missing-section" for f in found):
        for a in _missing_actions(an, []):
            add(a)
    for f in found:
        add(_disable_action(an, f, md))
    add(fix_all_action(an))
    return out


FIX_ALL_TITLE = "修正全部安全问题"


def fix_all_action(an: Analysis) -> Action | None:
    """``source.fixAll``: every safe fix of the document in one edit (what ``check --fix`` applies in
    its first round; the editor re-analyses and offers the rest, as ruff's fixAll does)."""
    from zongjie.fixes import apply

    found = [f for f in an.doc.findings if f.fix is not None and f.fix.safe]
    if not found:
        return None
    _, taken = apply(an.text, [f.fix for f in found if f.fix is not None])
    if not taken:
        return None
    spans = {(x.start, x.end, x.replacement) for x in taken}
    return Action(title=FIX_ALL_TITLE, kind="source.fixAll",
                  edits=[Edit(x.start, x.end, x.replacement) for x in taken],
                  findings=[f for f in found if f.fix is not None and (f.fix.start, f.fix.end, f.fix.replacement) in spans])


def _fix_action(an: Analysis, f: Finding) -> Action | None:
    """The checker's own fix (``Finding.fix``) as a quick fix."""
    fix = f.fix
    if fix is None:
        return None
    e = Edit(fix.start, fix.end, fix.replacement)
    title = f"“{an.text[e.start:e.end]}” → “{e.text}”" if e.end > e.start else f.message
    return Action(title=f"修复 {f.name}：{title}", kind="quickfix", edits=[e], findings=[f], preferred=True)


def _punct_action(an: Analysis, s: Section, findings: list[Finding]) -> Action | None:
    span = _marker_span(an, s)
    if span is None:
        return None
    mk = an.text[span[0]:span[1]]
    fixed = M.canonical(mk)
    if not fixed or fixed == mk:
        return None
    # `1、` is a legitimate third-level style of its own unless the checker says otherwise
    if not findings and M.kind_of(mk) == "arabic" and mk.rstrip()[-1:] in "、":
        return None
    return Action(title=f"规范标题序号：“{mk}” → “{fixed}”",
                  kind="quickfix" if findings else "refactor.rewrite",
                  edits=[Edit(span[0], span[1], fixed)], findings=findings, preferred=bool(findings))


def _renumber_action(an: Analysis, offset: int, parents: dict[int, Section | None],
                     findings: list[Finding]) -> Action | None:
    """Rewrite the markers of the sequence at ``offset`` (headings of one level, or an item run)
    in order 1, 2, 3…"""
    pos, doc = an.pos, an.doc
    line = pos.line_of(offset)
    s = _section_on_line(an, line)
    if s is not None:
        group = _siblings(doc, s, parents)
        edits = []
        for i, g in enumerate(group, start=1):
            span = _marker_span(an, g)
            mk = _marker_of(g)
            if span is None or mk is None:
                continue
            if M.number_of(mk) != i:
                new = M.with_number(mk, i)
                if new:
                    edits.append(Edit(span[0], span[1], new))
        if edits:
            return Action(title=f"重新编排{_level_name(s.level)}标题序号（共{len(group)}项）",
                          kind="quickfix" if findings else "refactor.rewrite", edits=edits,
                          findings=findings, preferred=bool(findings))
        return None
    for run in _run_items(doc, an.text):
        lines = {pos.line_of(it.start) for it in run}
        if line not in lines and not any(it.start <= offset < it.end for it in run):
            continue
        edits = []
        for i, it in enumerate(run, start=1):
            if it.number != i and it.style != "sequence":
                new = M.item_marker(it.style, i)
                old = an.text[it.start:it.end]
                if new.endswith("，") and not old.endswith(("，", ",")):
                    new = new[:-1]
                edits.append(Edit(it.start, it.end, new))
        if edits:
            return Action(title=f"重新编排列举序号（“{run[0].marker}”起共{len(run)}项）",
                          kind="quickfix" if findings else "refactor.rewrite", edits=edits,
                          findings=findings, preferred=bool(findings))
    return None


def _missing_actions(an: Analysis, findings: list[Finding]) -> list[Action]:
    """Insert each part the template requires and the document lacks, renumbering the level-1
    headings that follow it."""
    doc, text = an.doc, an.text
    parts = template_parts(doc, an.template, expected=True)
    order = {r: i for i, (r, _) in enumerate(parts)}
    tops = _tops(_headed(doc))
    wanted = missing_parts(an)
    if findings:  # the finding's own role, if it names one
        roles = {f.data.get("role") for f in findings}
        roles.discard(None)
        if roles:
            wanted = [(r, h) for r, h in wanted if r in roles] or wanted
    out = []
    for role, heading in wanted:
        ri = order.get(role, len(parts))
        nxt = next((s for s in tops if order.get(s.role, -1) > ri), None)
        prev = [s for s in tops if nxt is None or s.start < nxt.start]
        n = (M.number_of(_marker_of(prev[-1]) or "") or len(prev)) + 1 if prev else 1
        like = _marker_of(tops[0]) if tops else "一、"
        mk = M.with_number(like or "一、", n) or f"{cn_numeral(n)}、"
        pre = _prefix_of(text, tops[0]) if tops else ("## " if doc.markdown else "")
        block = f"{pre}{mk}{heading}\n{PLACEHOLDER_HINTS[0]}\n"
        edits: list[Edit] = []
        if nxt is not None:
            at = nxt.start
            after = [s for s in tops if s.start >= nxt.start]
            for j, s in enumerate(after):
                span = _marker_span(an, s)
                new = M.with_number(_marker_of(s) or "", n + 1 + j)
                if span is None or not new:
                    continue
                if j == 0 and span[0] == at:  # one edit: the new block, then the renumbered marker
                    edits.append(Edit(at, span[1], block + text[at:span[0]] + new))
                else:
                    edits.append(Edit(span[0], span[1], new))
            if not edits or edits[0].start != at:
                edits.insert(0, Edit(at, at, block))
        else:
            body = text.rstrip()
            at = len(body)
            edits.append(Edit(at, len(text), "\n" + block))
        out.append(Action(title=f"插入模板要求的部分：{pre}{mk}{heading}", kind="quickfix", edits=edits,
                          findings=findings, preferred=bool(findings)))
    return out


def suppress_comment(name: str, markdown: bool) -> str:
    """The comment that silences rule ``name`` on the next line, in the syntax
    ``zongjie.checker.suppress`` reads: an HTML comment in markdown, a ``#`` line in plain text."""
    if markdown:
        return f"<!-- zongjie-disable-next-line {name} -->"
    return f"# zongjie-disable-next-line {name}"


def _disable_action(an: Analysis, f: Finding, markdown: bool) -> Action:
    line = an.pos.line_of(f.start)
    at = an.pos.starts[line]
    lead = an.text[at:an.pos.ends[line]]
    indent = lead[: len(lead) - len(lead.lstrip(WS))]
    comment = suppress_comment(f.name, markdown)
    return Action(title=f"在此行禁用规则 {f.name}（{f.rule}）", kind="quickfix",
                  edits=[Edit(at, at, f"{indent}{comment}\n")], findings=[f])


# --------------------------------------------------------------------------- hover


def hover(an: Analysis, offset: int, markdown: bool = True) -> tuple[str, int, int] | None:
    """Hover text at ``offset`` and the span it describes."""
    doc = an.doc
    parts: list[str] = []
    span: list[int] = []
    b = (lambda s: f"**{s}**") if markdown else (lambda s: s)
    c = (lambda s: f"`{s}`") if markdown else (lambda s: f"“{s}”")
    for cl in doc.claims:
        if cl.start <= offset < cl.end:
            if cl.placeholder:
                val = "（占位，待补充）"
            elif cl.value_max is not None:
                val = f"{_fmt(cl.value)}–{_fmt(cl.value_max)}"
            else:
                val = _fmt(cl.value)
            rows = [f"{b('数量')} {c(cl.text)}", f"- 数值：{val}", f"- 单位：{cl.unit or '—'}",
                    f"- 修饰：{cl.qualifier or '—'}", f"- 对象：{cl.subject or '—'}"]
            if cl.role:
                rows.append(f"- 所在部分：{ROLE_LABELS.get(cl.role, cl.role)}")
            parts.append("\n".join(rows))
            span = [cl.start, cl.end]
            break
    for p in doc.placeholders:
        if p.start <= offset < p.end:
            parts.append(f"{b('占位符')} {c(p.text)}：类型 {p.kind}，应填 {_SLOT.get(p.slot, p.slot)}")
            span = span or [p.start, p.end]
            break
    for f in doc.findings:
        if f.start <= offset < max(f.end, f.start + 1):
            head = f"{b(f'{f.rule} {f.name}')} · {SEVERITY_LABELS.get(f.severity, f.severity)}"
            txt = f"{head}\n\n{f.message}"
            rd = rule_doc(f.rule) or rule_doc(f.name)
            if rd:
                txt += f"\n\n{b('规则说明')}：{rd['summary']}"
                if rd["doc"] and rd["doc"] != rd["summary"]:
                    txt += f"\n\n{rd['doc']}"
            parts.append(txt)
            span = span or [f.start, max(f.end, f.start)]
    if not parts:
        return None
    sep = "\n\n---\n\n" if markdown else "\n\n"
    return sep.join(parts), span[0], span[1]


_SLOT = {"number": "数字", "money": "金额", "percent": "百分比", "date": "日期", "name": "名称",
         "text": "文字"}


def _fmt(v: float | None) -> str:
    if v is None:
        return "—"
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


# --------------------------------------------------------------------------- outline


def symbols(an: Analysis) -> list[Symbol]:
    doc, text = an.doc, an.text
    out: list[Symbol] = []
    if doc.title is not None:
        t = doc.title
        out.append(Symbol(name=t.text, detail="标题", kind="title", start=t.start, end=t.end,
                          sel_start=t.start, sel_end=t.end))

    def conv(s: Section) -> Symbol:
        label = ROLE_LABELS.get(s.role, s.role)
        if s.kind == "preamble":
            name = "前言"
        elif s.heading is not None or s.marker:
            mk = s.marker if s.marker and M.kind_of(s.marker) != "md" else ""
            name = f"{mk}{s.heading or ''}".strip()
        else:
            name = f"〔{label}〕"
        if s.heading_start is not None and s.heading_end is not None and s.heading_end > s.heading_start:
            ss, se = s.heading_start, s.heading_end
            ss = min(ss, s.start) if s.marker else ss
        else:
            ss = s.start
            nl = text.find("\n", s.start, s.end)
            se = nl if nl >= 0 else s.end
        end = max(s.end, se)
        ss = max(s.start, ss)
        kind = "part" if not s.marker else f"section{min(max(s.level, 1), 4)}"
        return Symbol(name=name or label, detail=label, kind=kind, start=s.start, end=end,
                      sel_start=ss, sel_end=max(ss, se), children=[conv(c) for c in s.children])

    out.extend(conv(s) for s in doc.sections)
    return out


def folding_ranges(an: Analysis) -> list[tuple[int, int]]:
    """(first line, last line) of each section spanning several lines (0-based)."""
    pos, text = an.pos, an.text
    out: set[tuple[int, int]] = set()
    for s in an.doc.walk():
        e = s.end
        while e > s.start and text[e - 1] in "\r\n" + WS:
            e -= 1
        a, b = pos.line_of(s.start), pos.line_of(max(s.start, e - 1))
        if b > a:
            out.add((a, b))
    return sorted(out)


def plans_insert_point(an: Analysis) -> int:
    """Where a new plan item goes: the end of the plans part (the text's end without one)."""
    text = an.text
    plans = [s for s in an.doc.walk() if s.role == "plans"]
    if not plans:
        return len(text.rstrip())
    end = max(s.end for s in plans)
    while end > 0 and text[end - 1] in "\r\n" + WS:
        end -= 1
    return end


def plan_item_text(an: Analysis, suggestion: str) -> tuple[int, str]:
    """(offset, text) inserting ``suggestion`` as a new item at the end of the plans part:
    numbered like its siblings if the plans part has numbered sub-headings, else a paragraph;
    with a plans heading first if the document has none."""
    body = suggestion.rstrip("。；;，, ") + "。"
    doc = an.doc
    at = plans_insert_point(an)
    plans = [s for s in doc.walk() if s.role == "plans"]
    if not plans:
        tops = _tops(_headed(doc))
        n = (M.number_of(_marker_of(tops[-1]) or "") or len(tops)) + 1 if tops else 1
        like = _marker_of(tops[-1]) if tops else "一、"
        mk = M.with_number(like or "一、", n) or ""
        pre = _prefix_of(an.text, tops[-1]) if tops else ("## " if doc.markdown else "")
        return at, f"\n{pre}{mk}{DEFAULT_PLANS_HEADING}\n{body}"
    top = min(plans, key=lambda s: (s.level, s.start))
    subs = [s for s in top.walk() if s is not top and _marker_of(s)]
    if subs:
        lvl = min(s.level for s in subs)
        last = [s for s in subs if s.level == lvl][-1]
        mk = _marker_of(last) or ""
        n = M.number_of(mk)
        nxt = M.with_number(mk, (n or 0) + 1) if n is not None else ""
        return at, f"\n{_prefix_of(an.text, last) if nxt else ''}{nxt or ''}{body}"
    return at, f"\n{body}"


DEFAULT_PLANS_HEADING = "下一步工作计划"
