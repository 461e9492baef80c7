"""A reviewed copy of a draft: findings as Word comments (批注), safe fixes as tracked changes (修订).

``annotate(src_path, findings, text, out_path)`` takes the findings ``zongjie check`` reports on
``text`` — the text the reader extracted from ``src_path`` (what ``zongjie text`` prints) — and
writes ``out_path``:

* ``.docx`` input is kept as it is: the package is copied entry by entry, byte for byte, and only
  ``word/document.xml``, the comments part, its relationship and ``[Content_Types].xml`` are
  rewritten — styles, numbering, headers/footers, media and existing comments stay untouched.
* ``.txt``/``.md`` input is first exported as GB/T 9704 (``zongjie.draft.export_docx``), then
  annotated; the findings' offsets (of the original text) are mapped onto the exported text.

How an offset of the reader's text finds its place in the XML: the paragraphs are walked exactly
as the reader walks them (its own helpers: same order, same skipped elements, same numbering
markers), recording for every character where it came from — a ``w:t`` and the offset in it, a
``w:tab``/``w:br``/``w:sym`` element, the numbering marker of a paragraph, or the line break
between two paragraphs.  The rebuilt text must equal ``text``; otherwise nothing is written
(``AnnotateError``): an anchor on the wrong words is worse than none.

Runs are split where a span starts or ends inside one (the new run gets a copy of ``w:rPr``), so
every comment range and every tracked change sits on run boundaries.  A span inside a numbering
marker (Word draws it from ``w:numPr``; it is no text of the paragraph) anchors on the whole
paragraph; a span across paragraphs anchors from its first to its last character.

Safe fixes are taken as ``zongjie.fixes.apply`` takes them (in order, an overlapping one waits for
the next round) and written as ``w:del`` (its ``w:t`` turned into ``w:delText``) followed by
``w:ins``.  A fix Word cannot show as a run-level change — inside a numbering marker, across
paragraphs, a replacement with a line break — is given in its comment only.  Accepting every
change therefore yields ``fixes.apply(text, report.tracked_fixes)`` — all the safe fixes of the
round unless some were comment-only — and rejecting every change the original text.
"""

from __future__ import annotations

import copy
import datetime as _dt
import io
import os
import posixpath
import re
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree  # pyright: ignore[reportAttributeAccessIssue] - lxml.etree is a compiled module and lxml ships no stubs
from zongjie import reader as _reader
from zongjie.model import Finding, Fix
from zongjie.review.textmap import BREAK, MARKER, TextMap, atoms

__all__ = ["annotate", "AnnotateReport", "AnnotateError", "SEVERITY_LABELS"]

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_NS = "http://www.w3.org/XML/1998/namespace"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
RT_OFFICE_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
RT_BASE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
CT_COMMENTS = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"

SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


W_P, W_R, W_T, W_PPR, W_RPR = _w("p"), _w("r"), _w("t"), _w("pPr"), _w("rPr")
W_INS, W_DEL = _w("ins"), _w("del")
# properties a run keeps from its neighbour when it is inserted: a revision mark of the neighbour's
# own formatting is not the new run's
_RPR_DROP = {_w("rPrChange"), _w("ins"), _w("del"), _w("moveFrom"), _w("moveTo")}
# characters XML 1.0 cannot carry (a message quoting a control character must not break the part)
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class AnnotateError(Exception):
    """The review copy cannot be written; the message is one line, fit for a user."""


@dataclass
class AnnotateReport:
    """What ``annotate`` wrote."""

    path: str
    comments: int = 0  # one per finding (the summary comment on the title not counted)
    tracked: int = 0  # safe fixes written as tracked changes
    comment_only: int = 0  # safe fixes given in their comment only (numbering, across paragraphs …)
    overlapping: int = 0  # safe fixes that overlap one taken: the next round (as `check --fix`)
    paragraph_anchors: int = 0  # comments widened to their paragraph (span in a numbering marker)
    summary: dict[str, int] = field(default_factory=dict)  # findings by severity
    tracked_fixes: list[Fix] = field(default_factory=list, repr=False)  # in the original's offsets


# --------------------------------------------------------------------------------------------
# entry point
# --------------------------------------------------------------------------------------------


def annotate(src_path: str | os.PathLike, findings: list[Finding], text: str, out_path: str | os.PathLike,
             *, author: str = "zongjie", initials: str = "ZJ", markdown: bool | None = None,
             date: _dt.datetime | None = None) -> AnnotateReport:
    """Write ``out_path``: ``src_path`` with each finding a comment and each safe fix a tracked change.

    ``text`` is the text the findings' offsets refer to (the reader's text of ``src_path``);
    ``markdown`` (text input only) as the reader decided it, by default from the name and content.
    Raises :class:`AnnotateError` (one line) when the input cannot be annotated."""
    src = os.fspath(src_path)
    try:
        data = Path(src).read_bytes()
    except OSError as exc:
        raise AnnotateError(f"{src}: cannot read ({exc.strerror or exc})") from None
    when = (date or _dt.datetime.now(_dt.timezone.utc)).strftime("%Y-%m-%dT%H:%M:%SZ")
    findings = sorted(findings, key=lambda f: (f.start, f.end))
    safe = [f.fix for f in findings if f.fix is not None and f.fix.safe]
    from zongjie.fixes import apply

    try:
        _, taken = apply(text, safe)
    except ValueError as exc:
        raise AnnotateError(f"{src}: {exc}") from None
    overlapping = len(set(safe)) - len(taken) - sum(1 for f in set(safe) if text[f.start:f.end] == f.replacement)
    notes = [_Note(f.start, f.end, _comment_lines(f, text), f.fix) for f in findings]
    summary = {sev: sum(1 for f in findings if f.severity == sev) for sev in SEVERITY_LABELS}

    if data[:4] == b"PK\x03\x04":
        doc_text, fixes, fix_map = text, list(taken), {f: f for f in taken}
    else:
        if src.lower().endswith(".pdf") or data.lstrip()[:5] == b"%PDF-":
            raise AnnotateError(f"{src}: --annotate needs a .docx, .txt or .md input (a PDF cannot be annotated)")
        if markdown is None:
            markdown = os.path.splitext(src)[1].lower() in _reader.MARKDOWN_EXTS or _reader.looks_markdown(text)
        data, doc_text, notes, fix_map = _export(text, notes, taken, markdown)
        fixes = list(fix_map)
    summary_lines = [
        "zongjie 检查：" + "，".join(f"{label} {summary[sev]}" for sev, label in SEVERITY_LABELS.items()),
    ]
    out, stats = _annotate_docx(data, doc_text, notes, fixes, summary_lines, author, initials, when, src)
    tracked = [fix_map[f] for f in stats.pop("tracked_fixes")]
    stats["overlapping"] = overlapping
    report = AnnotateReport(os.fspath(out_path), summary=summary, tracked_fixes=tracked,
                            comment_only=len(taken) - len(tracked), **stats)
    _write_atomic(os.fspath(out_path), out)
    return report


def _write_atomic(path: str, data: bytes) -> None:
    d = os.path.dirname(os.path.abspath(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=".zongjie-", suffix=".docx", dir=d)
    except OSError as exc:
        raise AnnotateError(f"{path}: cannot write ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise AnnotateError(f"{path}: cannot write ({exc.strerror or exc})") from None


@dataclass
class _Note:
    start: int
    end: int
    lines: list[str]
    fix: Fix | None = None  # the finding's fix, in the same offsets as start/end


def _comment_lines(f: Finding, text: str) -> list[str]:
    lines = [f"[{f.name}] {f.message}"]
    if f.fix is not None:
        if f.fix.replacement or f.fix.start == f.fix.end:
            lines.append(f"建议修改为：“{f.fix.replacement}”")
        else:  # “建议修改为：“”” reads as a typo; say what goes
            lines.append(f"建议删除：“{text[f.fix.start:f.fix.end]}”")
    return lines


# --------------------------------------------------------------------------------------------
# .txt / .md: export first, then map the original offsets onto the exported text
# --------------------------------------------------------------------------------------------


def _export(text: str, notes: list[_Note], taken: list[Fix], markdown: bool
            ) -> tuple[bytes, str, list[_Note], dict[Fix, Fix]]:
    """The GB/T 9704 export of ``text``, its reader text, the notes in its offsets and the fixes
    that can be tracked there (exported fix → original fix).

    The export only drops characters (blank lines, indents, trailing blanks, Markdown ``#``/``**``),
    so its text is a subsequence of the original: the greedy match below maps every original offset
    to the exported offset of the first character kept at or after it."""
    from zongjie.draft import export_docx

    with tempfile.TemporaryDirectory(prefix="zongjie-annotate-") as d:
        path = os.path.join(d, "export.docx")
        export_docx(text, path, markdown=markdown)
        data = Path(path).read_bytes()
    text2 = _reader._docx_text(data, "export.docx", 0)
    pos: list[int] = []
    kept: list[bool] = []
    j = 0
    for ch in text:
        pos.append(j)
        ok = j < len(text2) and ch == text2[j]
        kept.append(ok)
        j += ok
    pos.append(j)
    if j != len(text2):  # the exporter changed a character: no trustworthy mapping
        raise AnnotateError("the exported document does not keep the text (cannot map the findings)")
    fix_map: dict[Fix, Fix] = {}  # exported → original
    exported: dict[Fix, Fix] = {}  # original → exported
    for f in taken:
        # a fix touching a character the export dropped (an indent, a blank line, Markdown marks)
        # would change something the Word document does not have: comment only
        if all(kept[f.start:f.end]) and "\n" not in f.replacement:
            g = Fix(pos[f.start], pos[f.end], f.replacement, f.safe)
            fix_map[g], exported[f] = f, g

    def at(i: int) -> int:
        return pos[min(max(i, 0), len(text))]

    mapped = [_Note(at(n.start), at(n.end), n.lines, exported.get(n.fix) if n.fix is not None else None)
              for n in notes]
    return data, text2, mapped, fix_map


# --------------------------------------------------------------------------------------------
# the package
# --------------------------------------------------------------------------------------------


def _parse(data: bytes):
    parser = etree.XMLParser(resolve_entities=False, huge_tree=True, remove_blank_text=False)
    return etree.fromstring(data, parser)


def _serialize(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _rels_name(part: str) -> str:
    d, b = posixpath.split(part)
    return posixpath.join(d, "_rels", b + ".rels")


def _target(source_part: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source_part), target))


class _Package:
    """The zip's entries by name, the main document part and its relationships."""

    def __init__(self, data: bytes, name: str) -> None:
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            self.infos = self.zip.infolist()
        except zipfile.BadZipFile:
            raise AnnotateError(f"{name}: not a valid .docx (not a zip archive)") from None
        self.names = {i.filename for i in self.infos}
        self.changed: dict[str, bytes] = {}
        self.main = "word/document.xml"
        if "_rels/.rels" in self.names:
            for rel in _parse(self.zip.read("_rels/.rels")).iter(f"{{{PKG_REL}}}Relationship"):
                if rel.get("Type") == RT_OFFICE_DOC and rel.get("TargetMode") != "External":
                    self.main = _target("", rel.get("Target", ""))
                    break
        if self.main not in self.names:
            raise AnnotateError(f"{name}: not a Word document ({self.main} missing)")
        self.rels_name = _rels_name(self.main)
        self.rels = _parse(self.read(self.rels_name)) if self.rels_name in self.names else \
            etree.Element(f"{{{PKG_REL}}}Relationships", nsmap={None: PKG_REL})

    def read(self, name: str) -> bytes:
        return self.changed.get(name) or self.zip.read(name)

    def related(self, kind: str) -> str | None:
        for rel in self.rels.iter(f"{{{PKG_REL}}}Relationship"):
            if rel.get("Type") == RT_BASE + kind and rel.get("TargetMode") != "External":
                target = _target(self.main, rel.get("Target", ""))
                if target in self.names or target in self.changed:
                    return target
        return None

    def add_relationship(self, kind: str, target_part: str) -> None:
        ids = {rel.get("Id") for rel in self.rels}
        n = 1
        while f"rId{n}" in ids:
            n += 1
        rel = etree.SubElement(self.rels, f"{{{PKG_REL}}}Relationship")
        rel.set("Id", f"rId{n}")
        rel.set("Type", RT_BASE + kind)
        rel.set("Target", posixpath.relpath(target_part, posixpath.dirname(self.main)))
        self.changed[self.rels_name] = _serialize(self.rels)

    def add_override(self, part: str, content_type: str) -> None:
        ct = _parse(self.read("[Content_Types].xml"))
        pn = "/" + part
        for o in ct.iter(f"{{{CT_NS}}}Override"):
            if (o.get("PartName") or "").lower() == pn.lower():
                o.set("ContentType", content_type)
                break
        else:
            o = etree.SubElement(ct, f"{{{CT_NS}}}Override")
            o.set("PartName", pn)
            o.set("ContentType", content_type)
        self.changed["[Content_Types].xml"] = _serialize(ct)

    def max_id(self) -> int:
        """The largest numeric ``w:id`` in the document's XML parts: new ids start above it, so a
        comment or revision id never collides with an existing annotation or bookmark anywhere."""
        top = -1
        for info in self.infos:
            n = info.filename
            if not (n.startswith(posixpath.dirname(self.main) + "/") and n.endswith(".xml")):
                continue
            for m in re.finditer(rb'w:id="(-?\d+)"', self.read(n)):
                top = max(top, int(m.group(1)))
        return top

    def write(self) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as z:
            for info in self.infos:
                data = self.changed.get(info.filename)
                if data is None:  # untouched parts keep their very bytes (and compression)
                    data = self.zip.read(info)
                zi = zipfile.ZipInfo(info.filename, date_time=info.date_time)
                zi.compress_type = info.compress_type
                zi.external_attr = info.external_attr
                z.writestr(zi, data)
            for name, data in self.changed.items():
                if name not in self.names:
                    z.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data,
                               compress_type=zipfile.ZIP_DEFLATED)
        return out.getvalue()


# the text map (every character of the reader's text → where it is in the XML): zongjie.review.textmap



# --------------------------------------------------------------------------------------------
# the document
# --------------------------------------------------------------------------------------------


class _Editor:
    """Splits runs at positions, wraps tracked changes, places comment ranges."""

    def __init__(self, tmap: TextMap, ids: int, author: str, when: str) -> None:
        self.m = tmap
        self.next_id = ids
        self.author, self.when = author, when
        self.nodes: dict[int, etree._Element] = {}  # character g → the element that now starts with it
        self.mine: set = set()  # w:ins / w:del elements made here

    def new_id(self) -> str:
        self.next_id += 1
        return str(self.next_id)

    # -- splitting

    def split_all(self, gs: set[int]) -> None:
        """Make every ``g`` the first character of a run.  Descending order keeps the (element,
        offset) of every earlier character valid: a split only moves what follows it."""
        m = self.m
        for g in sorted(gs, reverse=True):
            atom = m.atoms[m.para_of[g]][m.atom_of[g]]
            self.nodes[g] = self._split_before(atom.el, m.off_of[g])

    @staticmethod
    def _split_before(el, off: int):
        run = el.getparent()
        if off > 0:  # inside a w:t: cut its text in two
            t2 = etree.Element(W_T)
            t2.text = el.text[off:]
            el.text = el.text[:off]
            for t in (el, t2):
                t.set(f"{{{XML_NS}}}space", "preserve")
            el.addnext(t2)
            el = t2
        if run is None or run.tag != W_R:
            return el
        before = el.getprevious()
        while before is not None and before.tag == W_RPR:
            before = before.getprevious()
        if before is None:
            return run  # already the run's first content
        new = etree.Element(W_R, attrib=dict(run.attrib))
        rpr = run.find(W_RPR)
        if rpr is not None:
            new.append(copy.deepcopy(rpr))
        moving = [el]
        nxt = el.getnext()
        while nxt is not None:
            moving.append(nxt)
            nxt = nxt.getnext()
        for c in moving:
            new.append(c)
        run.addnext(new)
        return new

    # -- placing elements

    def _hoist(self, node):
        """A position just before the first child of a w:ins/w:del made here is the position
        before that wrapper: comment ranges and other insertions stay outside revisions."""
        while node.getprevious() is None and node.getparent() is not None and node.getparent() in self.mine:
            node = node.getparent()
        return node

    def place(self, pos: tuple[str, int], new) -> None:
        kind, v = pos
        if kind == "char":
            self._hoist(self.nodes[v]).addprevious(new)
            return
        p = self.m.paras[v]
        if kind == "pend":
            p.append(new)
            return
        first = next((c for c in p if c.tag != W_PPR), None)  # pstart: after the paragraph properties
        if first is None:
            p.append(new)
        else:
            first.addprevious(new)

    # -- tracked changes

    def track(self, gs: int, ge: int, start: tuple[str, int], end: tuple[str, int], replacement: str
              ) -> tuple[bool, object | None]:
        """``w:del`` around the runs of characters ``gs…ge`` and a ``w:ins`` with ``replacement``
        after them: (done, the w:ins).  Not done (nothing changed) when the runs do not cover
        exactly those characters."""
        m = self.m
        p = m.para_of[gs] if gs < m.end else m.para_of[m.end - 1]
        if start[0] == "pend":
            p = start[1]
        para = m.paras[p]
        runs = []
        if ge > gs:
            order = {el: i for i, el in enumerate(para.iter())}
            lo = order[self.nodes[gs]]
            hi = order[self.nodes[ge]] if end[0] == "char" else len(order)
            got: list[str] = []
            for a in atoms(para, []):
                i = order[a.el]
                if lo <= i < hi:
                    run = a.el.getparent()
                    if run is None or run.tag != W_R:
                        return False, None
                    if not runs or runs[-1] is not run:
                        runs.append(run)
                    got.append(a.text)
            if "".join(got) != "".join(m.chars[gs:ge]):
                return False, None
        # formatting of the new text: the first deleted run, else the character before the point
        src_run = runs[0] if runs else None
        if src_run is None:
            k = gs - 1
            if k >= m.base and m.para_of[k] == p and m.atom_of[k] >= 0:
                src_run = m.atoms[p][m.atom_of[k]].el.getparent()
            elif start[0] == "char":
                src_run = m.atoms[p][m.atom_of[gs]].el.getparent()
        last = None
        for run in runs:
            if last is not None and run.getprevious() is last:
                last.append(run)
            else:
                d = etree.Element(W_DEL)
                self._mark(d)
                run.addprevious(d)
                d.append(run)
                last = d
            for el in run.iter(W_T, _w("instrText")):
                el.tag = _w("delText") if el.tag == W_T else _w("delInstrText")
        ins = None
        if replacement:
            ins = etree.Element(W_INS)
            self._mark(ins)
            r = etree.SubElement(ins, W_R)
            if src_run is not None and src_run.tag == W_R and src_run.find(W_RPR) is not None:
                rpr = copy.deepcopy(src_run.find(W_RPR))
                for c in list(rpr):
                    if c.tag in _RPR_DROP:
                        rpr.remove(c)
                r.append(rpr)
            for i, piece in enumerate(replacement.split("\t")):
                if i:
                    etree.SubElement(r, _w("tab"))
                if piece:
                    t = etree.SubElement(r, W_T)
                    t.text = piece
                    t.set(f"{{{XML_NS}}}space", "preserve")
            if last is not None:
                last.addnext(ins)
            else:
                self.place(start, ins)
        return True, ins

    def _mark(self, el) -> None:
        el.set(_w("id"), self.new_id())
        el.set(_w("author"), self.author)
        el.set(_w("date"), self.when)
        self.mine.add(el)


def _annotate_docx(data: bytes, text: str, notes: list[_Note], fixes: list[Fix], summary_lines: list[str],
                   author: str, initials: str, when: str, name: str) -> tuple[bytes, dict]:
    pkg = _Package(data, name)
    root = _parse(pkg.read(pkg.main))
    body = root.find(_w("body"))
    if body is None:
        raise AnnotateError(f"{name}: not a Word document (no w:body)")
    numbering_part, styles_part = pkg.related("numbering"), pkg.related("styles")
    numbering_el = _parse(pkg.read(numbering_part)) if numbering_part else None
    styles_el = _parse(pkg.read(styles_part)) if styles_part else None
    tmap = TextMap(body, numbering_el, styles_el)
    if tmap.text != text:
        raise AnnotateError(f"{name}: the document's text is not the text that was checked "
                            "(changed since? cannot anchor the findings)")
    style_ids = set(styles_el.xpath("//w:style/@w:styleId", namespaces={"w": W})) if styles_el is not None else set()
    ed = _Editor(tmap, pkg.max_id(), author, when)
    base = tmap.base

    # where each comment and each tracked change starts and ends
    anchors: list[tuple[_Note, tuple[str, int], tuple[str, int], bool]] = []
    for n in notes:
        s, e = min(max(n.start, 0), len(text)), min(max(n.end, 0), len(text))
        e = max(e, s)
        anchors.append((n, *_anchor(tmap, base + s, base + e)))
    plans: list[tuple[Fix, int, int, tuple[str, int], tuple[str, int]]] = []
    for f in sorted(fixes, key=lambda f: (f.start, f.end)):
        gs, ge = base + f.start, base + f.end
        if not _trackable(tmap, gs, ge, f.replacement):
            continue
        start = tmap.start_pos(gs)
        end = tmap.end_pos(ge) if ge > gs else start
        plans.append((f, gs, ge, start, end))
    cuts = {pos[1] for _, start, end, _ in anchors for pos in (start, end) if pos[0] == "char"}
    cuts |= {pos[1] for _, _, _, start, end in plans for pos in (start, end) if pos[0] == "char"}
    ed.split_all(cuts)

    tracked: list[Fix] = []
    ins_of: dict[Fix, object] = {}
    for f, gs, ge, start, end in plans:
        done, ins = ed.track(gs, ge, start, end, f.replacement)
        if done:
            tracked.append(f)
            if gs == ge and ins is not None:
                ins_of[f] = ins

    # the comments: the summary on the title first, then one per finding in text order
    comment_els = []
    title_p = tmap.para_of[base] if text else 0
    ref_style = "CommentReference" in style_ids
    text_style = "CommentText" in style_ids
    cid = ed.new_id()
    _range(ed, cid, ("pstart", title_p), ("pend", title_p), ref_style)
    comment_els.append(_comment(cid, author, initials, when, summary_lines + [_tally(len(notes), len(tracked))],
                                ref_style, text_style))
    widened = 0
    for n, start, end, wide in anchors:
        cid = ed.new_id()
        fx = n.fix
        ins = ins_of.get(fx) if fx is not None and n.start == n.end == fx.start == fx.end else None
        if ins is not None:  # a point finding with its insertion: the comment covers the inserted text
            _range_around(ed, cid, ins, ref_style)
        else:
            _range(ed, cid, start, end, ref_style)
        widened += wide
        comment_els.append(_comment(cid, author, initials, when, n.lines, ref_style, text_style))

    # the comments part: the existing one grows, or a new one is made and related
    comments_part = pkg.related("comments")
    if comments_part:
        croot = _parse(pkg.read(comments_part))
    else:
        croot = etree.Element(_w("comments"), nsmap={"w": W})
        comments_part = posixpath.join(posixpath.dirname(pkg.main), "comments.xml")
        n = 1
        while comments_part in pkg.names:
            n += 1
            comments_part = posixpath.join(posixpath.dirname(pkg.main), f"comments{n}.xml")
        pkg.add_relationship("comments", comments_part)
        pkg.add_override(comments_part, CT_COMMENTS)
    for c in comment_els:
        croot.append(c)
    pkg.changed[comments_part] = _serialize(croot)
    pkg.changed[pkg.main] = _serialize(root)
    stats = {"comments": len(notes), "tracked": len(tracked), "paragraph_anchors": widened,
             "tracked_fixes": tracked}
    return pkg.write(), stats


def _anchor(m: TextMap, gs: int, ge: int) -> tuple[tuple[str, int], tuple[str, int], bool]:
    """Start and end positions of a comment on characters ``gs…ge``; True when a numbering marker
    widened it to the whole paragraph."""
    start = m.start_pos(gs)
    end = m.end_pos(ge) if ge > gs else start
    wide = False
    if gs < m.end and m.atom_of[gs] == MARKER:
        p = m.para_of[gs]
        start, wide = ("pstart", p), True
        if ge == gs or (m.para_of[ge - 1] == p and m.atom_of[ge - 1] != BREAK):
            end = ("pend", p)
    if ge > gs and m.atom_of[ge - 1] == MARKER:
        end, wide = ("pend", m.para_of[ge - 1]), True
    return start, end, wide


def _trackable(m: TextMap, gs: int, ge: int, replacement: str) -> bool:
    """A fix Word can show as run-level deletion + insertion inside one paragraph's text."""
    if "\n" in replacement or "\r" in replacement or _XML_BAD.search(replacement):
        return False
    if gs == ge:  # an insertion: not inside (or at the start of) a numbering marker
        return gs >= m.end or m.atom_of[gs] != MARKER
    p = m.para_of[gs]
    return all(m.para_of[g] == p and m.atom_of[g] >= 0 for g in range(gs, ge))


def _range(ed: _Editor, cid: str, start: tuple[str, int], end: tuple[str, int], ref_style: bool) -> None:
    rs = etree.Element(_w("commentRangeStart"))
    rs.set(_w("id"), cid)
    ed.place(start, rs)
    re_ = etree.Element(_w("commentRangeEnd"))
    re_.set(_w("id"), cid)
    ed.place(end, re_)
    # the reference run never inside a revision made here: accepting a deletion would take the
    # comment with it
    at = re_
    while at.getparent() is not None and at.getparent() in ed.mine:
        at = at.getparent()
    at.addnext(_reference_run(cid, ref_style))


def _range_around(ed: _Editor, cid: str, el, ref_style: bool) -> None:
    rs = etree.Element(_w("commentRangeStart"))
    rs.set(_w("id"), cid)
    el.addprevious(rs)
    re_ = etree.Element(_w("commentRangeEnd"))
    re_.set(_w("id"), cid)
    el.addnext(re_)
    re_.addnext(_reference_run(cid, ref_style))


def _reference_run(cid: str, ref_style: bool):
    r = etree.Element(W_R)
    if ref_style:  # only a style the document defines: styles.xml is never touched
        rpr = etree.SubElement(r, W_RPR)
        etree.SubElement(rpr, _w("rStyle")).set(_w("val"), "CommentReference")
    etree.SubElement(r, _w("commentReference")).set(_w("id"), cid)
    return r


def _comment(cid: str, author: str, initials: str, when: str, lines: list[str], ref_style: bool,
             text_style: bool):
    c = etree.Element(_w("comment"))
    c.set(_w("id"), cid)
    c.set(_w("author"), author)
    c.set(_w("date"), when)
    c.set(_w("initials"), initials)
    for i, line in enumerate(lines):
        p = etree.SubElement(c, W_P)
        if text_style:
            etree.SubElement(etree.SubElement(p, W_PPR), _w("pStyle")).set(_w("val"), "CommentText")
        if i == 0:  # Word's mark of the comment's own number/initials
            r = etree.SubElement(p, W_R)
            if ref_style:
                etree.SubElement(etree.SubElement(r, W_RPR), _w("rStyle")).set(_w("val"), "CommentReference")
            etree.SubElement(r, _w("annotationRef"))
        r = etree.SubElement(p, W_R)
        t = etree.SubElement(r, W_T)
        t.text = _XML_BAD.sub("\ufffd", line)
        t.set(f"{{{XML_NS}}}space", "preserve")
    return c


def _tally(comments: int, tracked: int) -> str:
    return f"批注 {comments} 条，修订 {tracked} 处（安全修改，可逐条接受或拒绝）"
