"""`check --fix` of a ``.docx``: apply safe fixes run by run, keeping every run's formatting.

The text the checker sees is the reader's (``zongjie.reader``): paragraphs in document order, Word
numbering rendered as its marker.  ``zongjie.review.textmap`` (shared with ``--annotate``) knows where
each character of it is in the XML; a fix that falls inside one ``w:t`` node's text is applied to
that node, so the run keeps its font, size and style.  A fix across runs (or on a rendered numbering marker) is left and
counted: the report names ``--annotate`` for those.
"""

from __future__ import annotations

import io

from zongjie.cli.common import fail

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from zongjie.model import Fix


def _text_map(document: Any) -> Any:
    """The reader's text of ``document`` mapped to its XML (``zongjie.review.textmap``)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.part import XmlPart
    from zongjie.review.textmap import TextMap

    part = document.part
    found: dict[str, Any] = {}
    for rel, slot in ((RT.NUMBERING, "num"), (RT.STYLES, "sty")):
        try:
            related = part.part_related_by(rel)
        except KeyError:  # the part is absent
            continue
        if isinstance(related, XmlPart):
            found[slot] = related.element
    return TextMap(document.element.body, found.get("num"), found.get("sty"))


def _apply(document: Any, text: str, fixes: list[Fix]) -> tuple[int, int]:
    """Apply each fix that falls inside one ``w:t`` node; (applied, left)."""
    from zongjie.review.textmap import W_T

    m = _text_map(document)
    if m.text != text:  # the map does not reproduce the reader's text: touch nothing
        return 0, len(fixes)
    edits: dict[int, list[tuple[int, int, str]]] = {}
    node_of: dict[int, Any] = {}
    left = 0
    for f in fixes:
        gs, ge = m.base + f.start, m.base + f.end
        g = gs if gs < m.end else -1  # the character the fix starts at (an insertion: before it)
        k = m.atom_of[g] if g >= 0 else -1
        p = m.para_of[g] if g >= 0 else -1
        inside = k >= 0 and all(m.para_of[i] == p and m.atom_of[i] == k for i in range(gs, ge))
        atom = m.atoms[p][k] if inside else None
        if atom is None or atom.el.tag != W_T:
            left += 1  # across runs or paragraphs, in a numbering marker, on a tab or a break
            continue
        s0 = m.off_of[gs]
        node_of[id(atom.el)] = atom.el
        edits.setdefault(id(atom.el), []).append((s0, s0 + (ge - gs), f.replacement))
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
