"""Human-readable renderings (rich) of the engine's results."""

from __future__ import annotations

import csv as _csv

from zongjie.model import Document, Section

ROLE_CN = {"preamble": "开头", "achievements": "成绩", "problems": "问题", "plans": "计划",
           "experience": "经验", "other": "其他"}
ROLE_STYLE = {"preamble": "dim", "achievements": "green", "problems": "red", "plans": "cyan",
              "experience": "magenta", "other": "dim"}


def _label(n: Section | _Esc, text: str) -> str:
    role = f"[{ROLE_STYLE.get(n.role, '')}]{n.role}({ROLE_CN.get(n.role, '')})[/]"
    if n.heading is not None:
        head = f"{n.marker or ''}{n.heading}"
    else:
        snippet = text[n.start:n.end].split("\n", 1)[0]
        head = f"[italic]（无标题）{snippet[:30]}…[/]"
    items = ""
    if n.items:
        items = f" [dim]items: {' '.join(i.marker for i in n.items)}[/]"
    return f"{role} L{n.level} {head} [dim]@{n.line} {n.start}–{n.end}[/]{items}"


def render_outline(con, doc: Document) -> None:
    from rich.markup import escape
    from rich.tree import Tree

    t = doc.title
    head = "（无标题）"
    if t:
        head = f"{escape(t.text)}  [dim]org={t.org} summary={t.summary_year} plan={t.plan_year} type={t.doc_type}[/]"
    tree = Tree(f"[bold]{head}[/]")

    def add(parent, nodes):
        for n in nodes:
            br = parent.add(_label_escaped(n, doc.text))
            add(br, n.children)

    def _label_escaped(n, text):
        return _label(_Esc(n), text)

    add(tree, doc.sections)
    con.print(tree)


class _Esc:
    """A Section view with heading text escaped for rich markup."""

    def __init__(self, n: Section) -> None:
        from rich.markup import escape

        self._n = n
        self.heading = escape(n.heading) if n.heading is not None else None
        self.marker = escape(n.marker) if n.marker else n.marker

    def __getattr__(self, k):
        return getattr(self._n, k)


def render_extract(con, doc: Document) -> None:
    from rich.markup import escape
    from rich.table import Table

    tab = Table(title=f"数量声明 claims ({len(doc.claims)})")
    for col in ("line", "text", "value", "max", "unit", "qualifier", "role", "subject"):
        tab.add_column(col)
    for c in doc.claims:
        line, _ = doc.lines.position(c.start)
        val = "待填" if c.placeholder else f"{c.value:g}" if c.value is not None else ""
        tab.add_row(str(line), escape(c.text), val, "" if c.value_max is None else f"{c.value_max:g}",
                    escape(c.unit), c.qualifier or "", c.role or "", escape((c.subject or "")[:30]))
    con.print(tab)
    tp = Table(title=f"占位符 placeholders ({len(doc.placeholders)})")
    for col in ("line", "col", "text", "kind", "slot"):
        tp.add_column(col)
    for p in doc.placeholders:
        line, col = doc.lines.position(p.start)
        tp.add_row(str(line), str(col), escape(p.text), p.kind, p.slot)
    con.print(tp)


def write_claims_csv(doc: Document, path: str) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = _csv.writer(fh)
        w.writerow(["file", "line", "start", "end", "text", "value", "value_max", "unit", "qualifier",
                    "placeholder", "role", "subject"])
        for c in doc.claims:
            line, _ = doc.lines.position(c.start)
            w.writerow([doc.file, line, c.start, c.end, c.text, c.value, c.value_max, c.unit,
                        c.qualifier or "", c.placeholder, c.role or "", c.subject or ""])
