"""The reader's text of a ``.docx`` body mapped back to the XML: for every character, the paragraph
and the text-bearing element (``w:t``, a tab, a break, a symbol) it comes from, or the rendered
numbering marker, or the line between two paragraphs.

``check --annotate`` anchors comments and tracked changes with it, ``check --fix`` edits ``w:t``
nodes with it.  It walks the runs the way ``zongjie.reader`` extracts them (``_collect_text``), and
checks itself against the reader: a map whose text differs from what the reader returns is not used.
"""

from __future__ import annotations

from zongjie import reader as _reader

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


W_P, W_R, W_T, W_RPR = _w("p"), _w("r"), _w("t"), _w("rPr")

MARKER, BREAK = -1, -2  # atom index of a numbering-marker character / of the line between paragraphs


class Atom:
    __slots__ = ("el", "text")

    def __init__(self, el, text: str) -> None:
        self.el, self.text = el, text


def atoms(el, out: list[Atom]) -> list[Atom]:
    """The text-bearing elements of a paragraph in order — ``reader._collect_text`` step by step,
    keeping the element each piece of text comes from."""
    r = _reader
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in r._RUN_SKIP:
            continue
        if tag == W_T:
            out.append(Atom(child, child.text or ""))
        elif tag == W_R:
            rpr = child.find(W_RPR)
            if rpr is not None and (r._on(rpr.find(_w("vanish"))) or r._on(rpr.find(_w("specVanish")))):
                continue
            atoms(child, out)
        elif tag in (_w("tab"), _w("ptab")):
            out.append(Atom(child, "\t"))
        elif tag == _w("br"):
            if r._wval(child, "type") in (None, "textWrapping"):
                out.append(Atom(child, "\n"))
        elif tag == _w("cr"):
            out.append(Atom(child, "\n"))
        elif tag == _w("noBreakHyphen"):
            out.append(Atom(child, "-"))
        elif tag == _w("sym"):
            try:
                cp = int(r._wval(child, "char") or "", 16)
            except ValueError:
                continue
            if cp >= 0xF000:
                cp -= 0xF000
            if 0x20 < cp < 0x7F or cp > 0xA0:
                out.append(Atom(child, chr(cp)))
        elif tag == W_P:
            continue
        else:
            atoms(child, out)
    return out


class TextMap:
    """The body's paragraphs as the reader reads them, and the origin of every character."""

    def __init__(self, body, numbering_el, styles_el) -> None:
        numbering = _reader._Numbering(numbering_el, styles_el)
        self.paras = list(_reader._iter_paragraphs(body))
        self.atoms: list[list[Atom]] = []
        chars: list[str] = []
        para_of: list[int] = []
        atom_of: list[int] = []
        off_of: list[int] = []
        for pi, p in enumerate(self.paras):
            if pi:
                chars.append("\n")
                para_of.append(pi - 1)
                atom_of.append(BREAK)
                off_of.append(0)
            here = atoms(p, [])
            self.atoms.append(here)
            has_text = any(a.text for a in here)
            marker, sep = numbering.marker(p)
            prefix = marker + (sep if has_text else "") if marker else ""
            for ch in prefix:
                chars.append(ch)
                para_of.append(pi)
                atom_of.append(MARKER)
                off_of.append(0)
            for k, a in enumerate(here):
                for off, ch in enumerate(a.text):
                    chars.append(ch)
                    para_of.append(pi)
                    atom_of.append(k)
                    off_of.append(off)
        # the reader's newline normalisation: \r\n → \n, a lone \r → \n
        keep = [not (ch == "\r" and i + 1 < len(chars) and chars[i + 1] == "\n") for i, ch in enumerate(chars)]
        self.chars = ["\n" if ch == "\r" else ch for ch, k in zip(chars, keep) if k]
        self.para_of = [v for v, k in zip(para_of, keep) if k]
        self.atom_of = [v for v, k in zip(atom_of, keep) if k]
        self.off_of = [v for v, k in zip(off_of, keep) if k]
        # the reader drops blank lines at either end
        joined = "".join(self.chars)
        lines = joined.split("\n")
        first, last = 0, len(lines)
        while last > first and not lines[last - 1].strip():
            last -= 1
        while first < last and not lines[first].strip():
            first += 1
        self.base = sum(len(x) + 1 for x in lines[:first])
        self.text = "\n".join(lines[first:last])
        self.end = self.base + len(self.text)

    # -- positions: ("char", g) = before character g; ("pstart"/"pend", p) = paragraph p's ends

    def start_pos(self, g: int) -> tuple[str, int]:
        if g < self.end:
            a = self.atom_of[g]
            if a == MARKER:
                return ("pstart", self.para_of[g])
            if a == BREAK:
                return ("pend", self.para_of[g])
            return ("char", g)
        return ("pend", self.para_of[self.end - 1])

    def end_pos(self, g: int) -> tuple[str, int]:
        """The position after character ``g - 1``."""
        p, a = self.para_of[g - 1], self.atom_of[g - 1]
        if a == MARKER:
            return ("pend", p)
        if a == BREAK:  # the span takes the paragraph mark: it runs to the next paragraph's start
            return ("pstart", p + 1)
        if g < self.end and self.para_of[g] == p and self.atom_of[g] >= 0:
            return ("char", g)
        return ("pend", p)
