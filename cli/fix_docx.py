"""`check --fix` of a ``.docx``: apply safe fixes run by run, keeping every run's formatting.

The text the checker sees is the reader's (``zongjie.reader``): paragraphs in document order, Word
numbering rendered as its marker.  Each ``w:t`` node's place in that text is recorded the way the
reader builds it; a fix that falls inside one node's text is applied to that node, so the run keeps
its font, size and style.  A fix across runs (or on a rendered numbering marker) is left and
counted: the report names ``--annotate`` for those.
"""

from __future__ import annotations

import io

from zongjie.cli.common import fail

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from zongjie.model import Fix


def _nodes(p: Any) -> tuple[str, list[tuple[Any, int]]]:
    """The paragraph's text as the reader extracts it, and each ``w:t`` node with its offset."""
    from zongjie import reader as R

    parts: list[str] = []
    nodes: list[tuple[Any, int]] = []
    at = [0]

    def add(s: str) -> None:
        parts.append(s)
        at[0] += len(s)

    def walk(el: Any) -> None:  # mirrors zongjie.reader._collect_text
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in R._RUN_SKIP:
                continue
            if tag == R.W_T:
                nodes.append((child, at[0]))
                add(child.text or "")
            elif tag == R.W_R:
                rpr = child.find(R._w("rPr"))
                if rpr is not None and (R._on(rpr.find(R._w("vanish"))) or R._on(rpr.find(R._w("specVanish")))):
                    continue
                walk(child)
            elif tag in (R._w("tab"), R._w("ptab")):
                add("\t")
            elif tag == R._w("br"):
                if R._wval(child, "type") in (None, "textWrapping"):
                    add("\n")
            elif tag == R._w("cr"):
                add("\n")
            elif tag == R._w("noBreakHyphen"):
                add("-")
            elif tag == R._w("sym"):
                parts.append(R._paragraph_text(_Wrap(child)))  # same rule as the reader
                at[0] += len(parts[-1])
            elif tag == R.W_P:
                continue
            else:
                walk(child)

    walk(p)
    return "".join(parts), nodes


class _Wrap(list):
    """A one-element container so the reader's collector handles a single ``w:sym``."""

    def __init__(self, el: Any) -> None:
        super().__init__([el])


def _layout(document: Any) -> tuple[str, list[tuple[int, list[tuple[Any, int]], str]]]:
    """The reader's text of ``document`` and, per paragraph, its start offset and nodes."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.part import XmlPart
    from zongjie import reader as R

    part = document.part
    num_el = sty_el = None
    for rel, slot in ((RT.NUMBERING, "num"), (RT.STYLES, "sty")):
        try:
            related = part.part_related_by(rel)
        except Exception:  # the part is absent
            continue
        if isinstance(related, XmlPart):
            if slot == "num":
                num_el = related.element
            else:
                sty_el = related.element
    numbering = R._Numbering(num_el, sty_el)
    lines: list[str] = []
    paras: list[tuple[int, list[tuple[Any, int]], str]] = []
    pos = 0
    for p in R._iter_paragraphs(document.element.body):
        text, nodes = _nodes(p)
        marker, sep = numbering.marker(p)
        prefix = marker + (sep if text else "") if marker else ""
        line = prefix + text
        paras.append((pos + len(prefix), nodes, line))
        lines.append(line)
        pos += len(line) + 1
    joined = "\n".join(lines)
    lead = 0  # the reader drops blank paragraphs at the start: offsets move back by their length
    for line in lines:
        if line.strip():
            break
        lead += len(line) + 1
    return joined[lead:], [(s - lead, nodes, line) for s, nodes, line in paras]


def _apply(document: Any, text: str, fixes: list[Fix]) -> tuple[int, int]:
    """Apply each fix inside one ``w:t`` node; (applied, left)."""
    joined, paras = _layout(document)
    if not joined.startswith(text):  # the layout does not reproduce the reader's text: touch nothing
        return 0, len(fixes)
    starts = [s for s, _, _ in paras]
    from bisect import bisect_right

    edits: dict[int, list[tuple[int, int, str]]] = {}
    node_of: dict[int, Any] = {}
    left = 0
    for f in fixes:
        k = bisect_right(starts, f.start) - 1
        if k < 0:
            left += 1
            continue
        pstart, nodes, _ = paras[k]
        ls, le = f.start - pstart, f.end - pstart
        hit = None
        for el, off in nodes:
            n = len(el.text or "")
            if off <= ls and le <= off + n:
                hit = (el, off)
                break
        if hit is None:
            left += 1
            continue
        el, off = hit
        node_of[id(el)] = el
        edits.setdefault(id(el), []).append((ls - off, le - off, f.replacement))
    applied = 0
    for key, es in edits.items():
        el = node_of[key]
        t = el.text or ""
        last = len(t) + 1
        for s, e, rep in sorted(es, reverse=True):
            if e > last:  # overlaps a fix already applied in this node: next round
                left += 1
                continue
            t = t[:s] + rep + t[e:]
            last = s
            applied += 1
        el.text = t
        if t != t.strip():  # keep leading/trailing spaces, as Word does with xml:space
            el.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return applied, left


def fix(path: str, *, template: str | None, config: object) -> dict[str, Any]:
    """Fix ``path`` in place (``.bak`` kept); the notes to print and the result of what remains."""
    import docx
    from zongjie.checker import check_text
    from zongjie.fixes import apply
    from zongjie.reader import read_file

    with open(path, "rb") as fh:
        data = fh.read()
    original = read_file(path).text
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as e:  # the reader accepted it, python-docx did not
        fail(f"{path}: cannot edit this .docx ({e})")
    total = left = 0
    text = original
    doc = None
    for _ in range(10):
        doc = check_text(text, file=path, template=template, config=config)
        safe = [f.fix for f in doc.findings if f.fix is not None and f.fix.safe]
        # the round's fixes as zongjie.fixes.apply would take them: non-overlapping, by position
        _, taken = apply(text, safe)
        if not taken:
            break
        n, lft = _apply(document, text, taken)
        buf = io.BytesIO()
        document.save(buf)
        from zongjie.reader import read_bytes

        new = read_bytes(buf.getvalue(), path).text
        total += n
        if n == 0 or new == text:
            left = lft
            break
        text, left = new, lft
    assert doc is not None
    if doc.text != text:
        doc = check_text(text, file=path, template=template, config=config)
    notes: list[str] = []
    if left:
        notes.append(f"{path}: --fix of .docx edits only fixes inside one run; {left} fixes left, use --annotate")
    if text != original:
        out = io.BytesIO()
        document.save(out)
        with open(path + ".bak", "wb") as fh:
            fh.write(data)
        with open(path, "wb") as fh:
            fh.write(out.getvalue())
        notes.insert(0, f"{path}: {total} fix{'es' if total != 1 else ''} applied (original kept in {path}.bak)")
    return {"notes": notes,
            "result": {"file": path, "template": doc.template, "findings": doc.findings, "text": doc.text,
                       "config": config}}
