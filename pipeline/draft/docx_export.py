"""Text → Word document formatted to GB/T 9704-2012 (党政机关公文格式).

* A4 paper; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm.
* Title: 2号 (22 pt) 方正小标宋简体, centred; a subtitle (``——…``) 3号 楷体_GB2312, centred.
* Body: 3号 (16 pt) 仿宋_GB2312, line spacing exactly 28 pt, first line indented two characters.
* Headings: level 1 (``一、``) 黑体, level 2 (``（一）``) 楷体_GB2312, levels 3/4 (``1.``, ``（1）``)
  仿宋_GB2312, never bold. A heading that runs into its paragraph (``（一）强化组织领导。成立……``)
  gets the heading font on the heading part only (two runs).
* Page numbers ``— 1 —`` (a PAGE field between em dashes), 4号 宋体, at the outside bottom:
  odd pages right, even pages left (different odd/even footers enabled in the settings).

Fonts are named as Word expects: ``w:rFonts`` carries ``w:eastAsia`` as well as ``w:ascii``/
``w:hAnsi`` (python-docx's ``font.name`` sets only the latter two).  Which line is the title or a
heading comes from the engine (:func:`zongjie.structure`).  python-docx is imported lazily.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

# GB/T 9704 fonts and sizes (points)
TITLE_FONT, TITLE_SIZE = "方正小标宋简体", 22
SUBTITLE_FONT = "楷体_GB2312"
BODY_FONT, BODY_SIZE = "仿宋_GB2312", 16
H1_FONT, H2_FONT, H3_FONT = "黑体", "楷体_GB2312", "仿宋_GB2312"
PAGE_FONT, PAGE_SIZE = "宋体", 14
LINE_PITCH = 28  # exact line spacing, points
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}

HEADING_FONTS = {1: H1_FONT, 2: H2_FONT, 3: H3_FONT, 4: H3_FONT}


@dataclass
class Para:
    text: str
    kind: str  # title | subtitle | heading | body
    level: int = 0
    split: int = 0  # heading part = text[:split] (the rest is body text run in)


_MD_HEAD = re.compile(r"^#{1,6}[ \t]+")
_WS = " \t\u3000\u00a0\r"


def classify(text: str, markdown: bool | None = None) -> list[Para]:
    """The paragraphs of ``text`` with their GB/T 9704 role, from the engine's outline."""
    import zongjie
    from zongjie.markers import parse_marker
    from zongjie.normalize import fold

    doc = zongjie.structure(text, markdown=markdown)
    titles: set[int] = set()
    subtitle_at: int | None = None
    if doc.title is not None:
        titles = {s.start for s in (doc.title.lines or [])} or {doc.title.start}
        if doc.title.subtitle is not None:
            subtitle_at = doc.title.subtitle.start
    heads: dict[int, tuple[int, int]] = {}  # line content start → (level, heading end offset)
    md_title = bool(doc.markdown and doc.title is not None and text[doc.title.start - 2:doc.title.start] == "# ")
    for s in doc.walk():
        if s.kind not in ("heading", "markdown", "unnumbered"):
            continue
        level = s.level
        if s.kind == "markdown":
            mk = parse_marker(fold(s.heading or ""))
            level = mk.level if mk is not None and mk.kind != "md" else max(1, s.level - (1 if md_title else 0))
        elif s.kind == "unnumbered":
            level = 1
        split_at = s.body_start if s.body_start is not None else s.end
        heads[s.start] = (min(max(level, 1), 4), split_at)
    out: list[Para] = []
    pos = 0
    for raw in text.split("\n"):
        start, end = pos, pos + len(raw)
        pos = end + 1
        s = start
        while s < end and text[s] in _WS:
            s += 1
        e = end
        while e > s and text[e - 1] in _WS:
            e -= 1
        if s >= e:
            continue
        line = text[s:e]
        cut = 0
        if doc.markdown:
            m = _MD_HEAD.match(line)
            if m:
                cut = m.end()
        # the title's offset is after a markdown `# `
        if s in titles or s + cut in titles:
            out.append(Para(line[cut:], "title"))
        elif subtitle_at is not None and s == subtitle_at:
            out.append(Para(line, "subtitle"))
        elif s in heads:
            level, split_at = heads[s]
            body = line[cut:]
            split = max(0, min(split_at, e) - s - cut)
            out.append(Para(body, "heading", level, split if split < len(body) else len(body)))
        else:
            out.append(Para(line[cut:], "body"))
    if doc.markdown:  # `**bold**` is emphasis in Markdown, not text (nor a `**` redaction)
        for p in out:
            head = _MD_BOLD.sub(r"\1", p.text[:p.split])
            rest = _MD_BOLD.sub(r"\1", p.text[p.split:])
            p.text, p.split = head + rest, len(head) if p.kind == "heading" else 0
    return out


_MD_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")


# --------------------------------------------------------------------------- Word

def set_run_font(run, name: str, size: float | None = None, bold: bool | None = None) -> None:
    """Font of a run for every script: ascii, hAnsi, eastAsia and cs."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = name
    if size is not None:
        run.font.size = Pt(size)
    if bold is not None:
        run.font.bold = bold
    rpr = run._element.get_or_add_rPr()
    rfonts = rpr.get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), name)
    if size is not None:  # complex-script size too (w:szCs)
        szcs = rpr.find(qn("w:szCs"))
        if szcs is None:
            from docx.oxml import OxmlElement

            szcs = OxmlElement("w:szCs")
            sz = rpr.find(qn("w:sz"))
            if sz is not None:
                sz.addnext(szcs)  # schema order: … w:sz, w:szCs …
            else:
                rpr.append(szcs)
        szcs.set(qn("w:val"), str(int(size * 2)))


def _style_font(style, name: str, size: float) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    style.font.name = name
    style.font.size = Pt(size)
    rpr = style.element.get_or_add_rPr()
    rfonts = rpr.get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), name)


def _exact_spacing(pf) -> None:
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt

    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(LINE_PITCH)
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)


def _indent_chars(paragraph, chars: int = 2) -> None:
    """First-line indent of ``chars`` characters (w:firstLineChars, with the twips fallback)."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    paragraph.paragraph_format.first_line_indent = Pt(BODY_SIZE * chars)
    ppr = paragraph._p.get_or_add_pPr()
    ind = ppr.find(qn("w:ind"))
    if ind is not None:
        ind.set(qn("w:firstLineChars"), str(chars * 100))


def _page_number_footer(footer, align: str) -> None:
    """``— PAGE —`` in 4号 宋体, one character in from the outside edge."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    footer.is_linked_to_previous = False
    p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    for r in list(p.runs):
        r._element.getparent().remove(r._element)
    pf = p.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    pf.first_line_indent = Pt(0)
    if align == "right":
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        pf.right_indent = Pt(PAGE_SIZE)
    else:
        p.alignment = WD_ALIGN_PARAGRAPH.LEFT
        pf.left_indent = Pt(PAGE_SIZE)

    def run(text: str | None = None):
        r = p.add_run(text or "")
        set_run_font(r, PAGE_FONT, PAGE_SIZE, bold=False)
        return r

    def fld(kind: str) -> None:
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        run()._element.append(el)

    run("— ")
    fld("begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    run()._element.append(instr)
    fld("separate")
    run("1")
    fld("end")
    run(" —")


def new_document():
    """An empty GB/T 9704 document: page setup, default body style, odd/even page-number footers."""
    import docx
    from docx.shared import Mm
    from docx.styles.style import ParagraphStyle

    d = docx.Document()
    sec = d.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin = Mm(MARGINS_MM["top"])
    sec.bottom_margin = Mm(MARGINS_MM["bottom"])
    sec.left_margin = Mm(MARGINS_MM["left"])
    sec.right_margin = Mm(MARGINS_MM["right"])
    sec.header_distance = Mm(15)
    sec.footer_distance = Mm(22)  # the page number sits about 7 mm below the text block
    normal = d.styles["Normal"]
    assert isinstance(normal, ParagraphStyle)  # "Normal" is the default paragraph style
    _style_font(normal, BODY_FONT, BODY_SIZE)
    _exact_spacing(normal.paragraph_format)
    d.settings.odd_and_even_pages_header_footer = True
    _page_number_footer(sec.footer, "right")  # odd pages
    _page_number_footer(sec.even_page_footer, "left")
    return d


def write_docx(paras: list[Para], path: str | Path) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    d = new_document()
    for para in paras:
        p = d.add_paragraph()
        pf = p.paragraph_format
        _exact_spacing(pf)
        if para.kind == "title":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            pf.line_spacing = Pt(max(LINE_PITCH, TITLE_SIZE + 6))
            set_run_font(p.add_run(para.text), TITLE_FONT, TITLE_SIZE, bold=False)
            continue
        if para.kind == "subtitle":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            set_run_font(p.add_run(para.text), SUBTITLE_FONT, BODY_SIZE, bold=False)
            continue
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        _indent_chars(p, 2)
        if para.kind == "heading":
            font = HEADING_FONTS.get(para.level, BODY_FONT)
            head, rest = para.text[:para.split], para.text[para.split:]
            set_run_font(p.add_run(head), font, BODY_SIZE, bold=False)
            if rest:
                set_run_font(p.add_run(rest), BODY_FONT, BODY_SIZE, bold=False)
        else:
            set_run_font(p.add_run(para.text), BODY_FONT, BODY_SIZE)
    # a blank line after the title block (GB/T 9704: 标题下空一行), as spacing, not as text
    first_body = next((i for i, q in enumerate(paras) if q.kind not in ("title", "subtitle")), None)
    if first_body:
        d.paragraphs[first_body - 1].paragraph_format.space_after = Pt(LINE_PITCH)
    d.save(str(path))


def export_docx(text: str, path: str | Path, markdown: bool | None = None) -> None:
    """Write ``text`` (plain text or the draft's Markdown) as a GB/T 9704 Word document."""
    write_docx(classify(text, markdown=markdown), path)
