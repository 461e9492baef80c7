"""`zongjie check FILE --annotate OUT.docx` (`zongjie.review.annotate`): findings as Word comments
anchored on their spans, safe fixes as tracked changes — on .docx files made here.

What is asserted, on every document:
* the package is valid: every relationship target exists, the content types cover every part,
  comment ids agree between document.xml and comments.xml and are unique, revision ids are unique,
  python-docx reopens it;
* every finding's comment covers exactly the text `zongjie text` shows for its span (the text
  between w:commentRangeStart and w:commentRangeEnd, read with the tracked changes rejected;
  a span in a numbering marker covers its paragraph);
* accepting every tracked change gives `zongjie.fixes.apply(text, safe fixes)`, rejecting every
  one gives the text itself (both computed by rewriting the XML here and reading it back);
* the parts not annotated (styles, numbering, headers, footers, settings …) are byte-identical.
"""

from __future__ import annotations

import io
import posixpath
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.shared import Pt
from lxml import etree
from zongjie.fixes import apply
from zongjie.model import Finding, Fix
from zongjie.reader import read_file
from zongjie.review import AnnotateError, annotate
from zongjie.runner import ANALYZE, Pipeline

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
W_NS = f'xmlns:w="{W}"'
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


# ---------------------------------------------------------------------------------------------
# documents
# ---------------------------------------------------------------------------------------------

GB_LEVELS = [("chineseCounting", "%1、"), ("chineseCounting", "（%2）")]


def _add_numbering(d) -> None:
    numbering = d.part.numbering_part.element
    lvls = "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                   f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
                   for i, (fmt, text) in enumerate(GB_LEVELS))
    abstract = parse_xml(f'<w:abstractNum {W_NS} w:abstractNumId="77"><w:multiLevelType w:val="multilevel"/>'
                         f'{lvls}</w:abstractNum>')
    first_num = numbering.find(q("num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(f'<w:num {W_NS} w:numId="77"><w:abstractNumId w:val="77"/></w:num>'))


def _numbered(d, text: str, ilvl: int):
    p = d.add_paragraph(text)
    p._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {W_NS}><w:ilvl w:val="{ilvl}"/><w:numId w:val="77"/></w:numPr>'))
    return p


def _runs(p, *pieces: tuple[str, bool]) -> None:
    for text, bold in pieces:
        r = p.add_run(text)
        r.bold = bold or None
        r.font.size = Pt(16)


def make_review_docx(path: Path, *, existing_comment: bool = True) -> Path:
    """A summary with Word numbering, runs split across formatting (bold in the middle of the spans
    the checker reports), a table, a header and a footer, and (optionally) a comment already there."""
    d = docx.Document()
    _add_numbering(d)
    title = d.add_paragraph()
    _runs(title, ("县委统战部2023年度", False), ("工作总结", True))
    _numbered(d, "工作开展情况", 0)
    p = _numbered(d, "", 1)
    # 截止 → 截至 crosses a run boundary: 截 plain, 止 bold; 95%-98% has a bold hyphen
    _runs(p, ("强化组织领导。截", False), ("止2023年底", True), ("，全年召开专题会议4次，覆盖率达到95%", False),
          ("-", True), ("98%。。", False))
    p = _numbered(d, "", 1)
    _runs(p, ("凝聚思想共识。2023年1月1号起开展调研", False), (",", True), ("形成报告3篇。", False))
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "指标"
    table.cell(0, 1).text = "截止年底完成调研报告3篇"
    _numbered(d, "存在的问题", 0)
    d.add_paragraph("一是学习不够深入；二是调研不够扎实。")
    _numbered(d, "2024年工作计划", 0)
    p = _numbered(d, "加强学习。组织专题学习12次。", 1)
    p = _numbered(d, "深化调研。形成调研报告5篇。", 1)
    section = d.sections[0]
    section.header.paragraphs[0].text = "页眉：县委统战部"
    section.footer.paragraphs[0].text = "页脚：内部资料"
    if existing_comment:
        d.add_comment(d.paragraphs[-1].runs[0], text="原有批注：请核实数字", author="张三", initials="ZS")
    d.save(str(path))
    return path


def check(path: Path) -> tuple[str, list[Finding]]:
    src = read_file(path)
    doc = Pipeline(ANALYZE)(src.text, file=str(path), markdown=src.markdown)
    return src.text, doc.findings


def finding(start: int, end: int, fix: Fix | None = None, name: str = "test-span") -> Finding:
    return Finding(rule="ZJ999", name=name, severity="info", message=f"span {start}-{end}", start=start, end=end,
                   fix=fix)


# ---------------------------------------------------------------------------------------------
# reading the result back
# ---------------------------------------------------------------------------------------------


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {i.filename: z.read(i) for i in z.infolist()}


def assert_valid_package(path: Path) -> None:
    p = parts(path)
    # content types cover every part
    ct = etree.fromstring(p["[Content_Types].xml"])
    defaults = {d.get("Extension").lower() for d in ct.iter(f"{{{CT}}}Default")}
    overrides = {o.get("PartName").lower() for o in ct.iter(f"{{{CT}}}Override")}
    for name in p:
        if name == "[Content_Types].xml" or name.endswith("/"):
            continue
        assert ("/" + name).lower() in overrides or name.rsplit(".", 1)[-1].lower() in defaults, name
    for o in overrides:
        assert o.lstrip("/") in {n.lower() for n in p}, f"override for a missing part {o}"
    # every relationship target exists
    for name, data in p.items():
        if not name.endswith(".rels"):
            continue
        source_dir = posixpath.dirname(posixpath.dirname(name))
        for rel in etree.fromstring(data).iter(f"{{{PKG_REL}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            t = rel.get("Target")
            target = t.lstrip("/") if t.startswith("/") else posixpath.normpath(posixpath.join(source_dir, t))
            assert target in p, f"{name}: {rel.get('Id')} → missing {target}"
    # comment ids: the same set everywhere, each once
    doc = etree.fromstring(p["word/document.xml"])
    comments = etree.fromstring(p["word/comments.xml"])

    def ids(root, tag: str) -> list[str]:
        return [el.get(q("id")) for el in root.iter(q(tag))]

    c_ids = ids(comments, "comment")
    assert len(c_ids) == len(set(c_ids))
    for tag in ("commentRangeStart", "commentRangeEnd", "commentReference"):
        got = ids(doc, tag)
        assert len(got) == len(set(got)), tag
        assert set(got) == set(c_ids), tag
    for ref in doc.iter(q("commentReference")):  # accepting a deletion must not drop a comment
        assert not any(a.tag == q("del") for a in ref.iterancestors())
    rev = ids(doc, "ins") + ids(doc, "del")
    assert len(rev) == len(set(rev))
    assert not set(rev) & set(c_ids)  # one id space: no revision shares an id with a comment
    reopened = docx.Document(str(path))
    assert len(list(reopened.comments)) == len(c_ids)


def comment_texts(path: Path) -> dict[str, str]:
    root = etree.fromstring(parts(path)["word/comments.xml"])
    return {c.get(q("id")): "\n".join("".join(t.text or "" for t in p.iter(q("t"))) for p in c.iter(q("p")))
            for c in root.iter(q("comment"))}


def comment_meta(path: Path) -> dict[str, tuple[str, str]]:
    root = etree.fromstring(parts(path)["word/comments.xml"])
    return {c.get(q("id")): (c.get(q("author")), c.get(q("initials"))) for c in root.iter(q("comment"))}


def anchored_texts(path: Path) -> dict[str, str]:
    """For each comment id, the text between its range start and end as the original reads
    (tracked changes rejected: w:delText counts, w:ins does not), a paragraph mark as \\n."""
    body = etree.fromstring(parts(path)["word/document.xml"]).find(q("body"))
    open_: dict[str, list[str]] = {}
    done: dict[str, str] = {}

    def add(s: str) -> None:
        for buf in open_.values():
            buf.append(s)

    for p in body.iter(q("p")):
        for el in p.iter():
            if el.tag == q("commentRangeStart"):
                open_[el.get(q("id"))] = []
            elif el.tag == q("commentRangeEnd"):
                done[el.get(q("id"))] = "".join(open_.pop(el.get(q("id"))))
            elif el.tag in (q("t"), q("delText")) and not any(a.tag == q("ins") for a in el.iterancestors()):
                add(el.text or "")
            elif el.tag == q("tab"):
                add("\t")
        add("\n")
    assert not open_
    return done


def resolve(path: Path, out: Path, accept: bool) -> Path:
    """``path`` with every tracked change accepted (or rejected), as Word would."""
    p = parts(path)
    root = etree.fromstring(p["word/document.xml"])
    drop, keep = (q("del"), q("ins")) if accept else (q("ins"), q("del"))
    for el in list(root.iter(drop)):
        el.getparent().remove(el)
    for el in list(root.iter(keep)):
        for t in el.iter(q("delText")):
            t.tag = q("t")
        parent = el.getparent()
        i = parent.index(el)
        for child in reversed(list(el)):
            parent.insert(i, child)
        parent.remove(el)
    p["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    with zipfile.ZipFile(out, "w") as z:
        for name, data in p.items():
            z.writestr(name, data)
    return out


def marker_ranges(text: str, markers: list[str]) -> list[tuple[int, int, int]]:
    """(line start, marker end, line end) of the numbered lines: lines starting with a marker the
    reader rendered from w:numPr (the test documents write no marker as text)."""
    out, pos = [], 0
    for line in text.split("\n"):
        m = next((mk for mk in markers if line.startswith(mk)), None)
        if m is not None:
            out.append((pos, pos + len(m), pos + len(line)))
        pos += len(line) + 1
    return out


def expected_anchor(text: str, s: int, e: int, numbered: list[tuple[int, int, int]]) -> str:
    """text[s:e] as the runs hold it: a span touching a marker covers its paragraph, and marker
    characters are not in any run."""
    for ls, me, le in numbered:
        if ls <= s < me:
            s = me
            if e <= le:
                e = le
        if e > s and ls < e <= me and e - 1 >= ls:
            e = le
    inside = set()
    for ls, me, _ in numbered:
        inside.update(range(ls, me))
    return "".join(ch for i, ch in enumerate(text[s:e], s) if i not in inside)


MARKERS = ["一、", "二、", "三、", "（一）", "（二）", "（三）"]


def assert_anchors(out: Path, text: str, findings: list[Finding], first_id: int) -> None:
    anchored = anchored_texts(out)
    ids = sorted(int(i) for i in anchored if int(i) > first_id)  # the summary comes first
    notes = sorted(findings, key=lambda f: (f.start, f.end))
    assert len(ids) == len(notes) + 1
    texts = comment_texts(out)
    numbered = marker_ranges(text, MARKERS)
    assert anchored[str(ids[0])] == text.split("\n")[0]  # the summary on the title
    assert texts[str(ids[0])].startswith("zongjie 检查：")
    for cid, f in zip(ids[1:], notes):
        assert texts[str(cid)].startswith(f"[{f.name}] {f.message}")
        assert anchored[str(cid)] == expected_anchor(text, f.start, f.end, numbered), (f, cid)


# ---------------------------------------------------------------------------------------------
# tests
# ---------------------------------------------------------------------------------------------


def test_findings_become_comments_and_safe_fixes_tracked_changes(tmp_path):
    src = make_review_docx(tmp_path / "draft.docx")
    text, findings = check(src)
    assert text.split("\n")[1:3] == ["一、工作开展情况", "（一）强化组织领导。截止2023年底，全年召开专题会议4次，"
                                                         "覆盖率达到95%-98%。。"]
    names = {f.name for f in findings}
    assert {"confusable-word", "number-range", "repeated-punctuation", "date-form", "punctuation-width"} <= names
    safe = [f.fix for f in findings if f.fix is not None and f.fix.safe]
    assert len(safe) >= 5
    out = tmp_path / "reviewed.docx"
    rep = annotate(src, findings, text, out)
    assert rep.comments == len(findings) and rep.tracked == len(apply(text, safe)[1])
    assert rep.comment_only == 0 and rep.summary["warning"] >= 4

    assert_valid_package(out)
    before = parts(src)
    first_new = max(int(i) for i in comment_texts(src))
    assert_anchors(out, text, findings, first_new)
    meta = comment_meta(out)
    assert meta[str(first_new)] == ("张三", "ZS")  # the existing comment is kept as it was
    assert comment_texts(out)[str(first_new)] == "原有批注：请核实数字"
    assert {v for k, v in meta.items() if int(k) > first_new} == {("zongjie", "ZJ")}
    fixed = {f.fix.replacement: t for f in findings if f.fix
             for k, t in comment_texts(out).items() if t.startswith(f"[{f.name}] {f.message}")}
    assert "建议修改为：“截至”" in fixed["截至"]

    # accept all = the safe fixes applied; reject all = the original; the reader reads the copy as accepted
    fixed_text, _ = apply(text, safe)
    assert read_file(resolve(out, tmp_path / "accepted.docx", accept=True)).text == fixed_text
    assert read_file(resolve(out, tmp_path / "rejected.docx", accept=False)).text == text
    assert read_file(out).text == fixed_text

    # everything but the annotated parts is byte-identical (styles, numbering, header, footer …)
    after = parts(out)
    changed = {"word/document.xml", "word/comments.xml", "word/_rels/document.xml.rels", "[Content_Types].xml"}
    for name, data in before.items():
        if name not in changed:
            assert after[name] == data, name
    assert {"word/styles.xml", "word/numbering.xml"} <= set(before)
    assert any(n.startswith("word/header") for n in before) and any(n.startswith("word/footer") for n in before)
    assert list(after)[: len(before)] == list(before)  # same order: [Content_Types].xml stays first

    # the formatting of a split run is kept on both halves: 止 stays bold in the deletion
    root = etree.fromstring(after["word/document.xml"])
    del_jz = [d for d in root.iter(q("del")) if "".join(t.text for t in d.iter(q("delText"))) == "截止"][0]
    runs = del_jz.findall(q("r"))  # the deletion of 截止 spans the plain and the bold run
    assert ["".join(t.text for t in r.iter(q("delText"))) for r in runs] == ["截", "止"]
    assert runs[0].find(".//w:b", NS) is None and runs[1].find(".//w:b", NS) is not None
    assert runs[1].getnext() is None and del_jz.getnext().tag == q("ins")
    rest = [r for r in root.iter(q("r")) if "".join(t.text or "" for t in r.findall(q("t"))) == "2023年底"]
    assert len(rest) == 1 and rest[0].find(".//w:b", NS) is not None  # the split-off half keeps its w:rPr
    ins = [i for i in root.iter(q("ins")) if "".join(t.text for t in i.iter(q("t"))) == "截至"][0]
    assert ins.get(q("author")) == "zongjie" and re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", ins.get(q("date")))
    # the table and the header were not touched, and the table's finding is anchored in its cell
    in_cell = [el for el in root.iter(q("commentRangeStart")) if any(a.tag == q("tc") for a in el.iterancestors())]
    assert len(in_cell) == 1 and anchored_texts(out)[in_cell[0].get(q("id"))] == "截止"


def test_spans_inside_a_run_across_runs_paragraphs_numbering_and_tables(tmp_path):
    src = make_review_docx(tmp_path / "draft.docx", existing_comment=False)
    text = read_file(src).text
    lines = text.split("\n")
    starts = [sum(len(x) + 1 for x in lines[:i]) for i in range(len(lines))]
    l2 = starts[2]  # （一）强化组织领导。截止…
    i_jie = text.index("截止2023")
    i_hao = text.index("1月1号") + 3
    i_cell = text.index("截止年底")
    i_comma = text.index(",")
    k = lines.index("一是学习不够深入；二是调研不够扎实。")
    findings = [
        finding(l2 + 3, l2 + 7, name="inside-one-run"),  # 强化组织, one plain run (after the marker)
        finding(i_jie, i_jie + 6, Fix(i_jie, i_jie + 2, "截至"), name="across-runs"),  # 截|止2023 bold
        finding(l2 + 20, starts[3] + 6, name="across-paragraphs"),  # runs into the next numbered line
        finding(l2, l2 + 2, Fix(l2, l2 + 3, "（二）"), name="in-marker"),  # in （一）: the paragraph
        finding(starts[1] + 1, starts[1] + 1, name="point-in-marker"),
        finding(i_hao, i_hao + 1, Fix(i_hao, i_hao + 1, "日"), name="one-char"),
        finding(i_comma + 1, i_comma + 1, Fix(i_comma + 1, i_comma + 1, "　"), name="insertion"),
        finding(i_cell, i_cell + 2, Fix(i_cell, i_cell + 2, "截至"), name="table-cell"),
        finding(starts[3] - 1, starts[3] + 1, Fix(starts[3] - 3, starts[3] + 1, "。"), name="paragraph-mark"),
        finding(len(text) - 3, len(text), Fix(len(text) - 1, len(text), ""), name="deletion-at-end"),
        finding(0, 0, name="point-at-start"),
        # a span ending with the line break after its paragraph, one starting with it
        finding(starts[k + 1] - 4, starts[k + 1], name="ends-with-break"),
        finding(starts[k] - 1, starts[k] + 2, name="starts-with-break"),
        finding(i_jie - 3, i_jie + 1, name="ends-inside-a-deletion"),  # …截| of the tracked 截止
    ]
    out = tmp_path / "reviewed.docx"
    rep = annotate(src, findings, text, out)
    assert_valid_package(out)
    assert_anchors(out, text, findings, -1)
    # the marker fix and the fix across a paragraph mark are in their comments only
    assert rep.comment_only == 2 and rep.tracked == 5 and rep.paragraph_anchors == 3
    assert set(rep.tracked_fixes) == {f.fix for f in findings
                                      if f.fix and f.name not in ("in-marker", "paragraph-mark")}
    texts = comment_texts(out)
    assert any(t.startswith("[in-marker]") and "建议修改为：“（二）”" in t for t in texts.values())
    assert any(t.startswith("[deletion-at-end]") and "建议删除：“。”" in t for t in texts.values())
    fixed, _ = apply(text, rep.tracked_fixes)
    assert read_file(resolve(out, tmp_path / "a.docx", accept=True)).text == fixed
    assert read_file(resolve(out, tmp_path / "r.docx", accept=False)).text == text
    # the point insertion is covered by its comment
    root = etree.fromstring(parts(out)["word/document.xml"])
    ins = [i for i in root.iter(q("ins")) if "".join(t.text for t in i.iter(q("t"))) == "　"][0]
    assert ins.getprevious().tag == q("commentRangeStart") and ins.getnext().tag == q("commentRangeEnd")


def test_overlapping_fixes_wait_for_the_next_round(tmp_path):
    src = make_review_docx(tmp_path / "draft.docx", existing_comment=False)
    text = read_file(src).text
    i = text.index("截止2023")
    findings = [finding(i, i + 2, Fix(i, i + 2, "截至")), finding(i + 1, i + 6, Fix(i + 1, i + 6, "至2024")),
                finding(i, i + 1, Fix(i, i + 1, "截"))]  # a no-op fix changes nothing
    rep = annotate(src, findings, text, tmp_path / "o.docx")
    assert (rep.tracked, rep.overlapping) == (1, 1)
    assert read_file(tmp_path / "o.docx").text == text.replace("截止2023", "截至2023")


def test_text_input_is_exported_then_annotated_with_the_original_offsets(tmp_path):
    raw = ("# 县委统战部2023年度工作总结\n\n"
           "一、工作开展情况\n\n"
           "（一）强化组织领导。截止2023年底，全年召开专题会议4次，覆盖率达到95%-98%。。  \n"
           "（二）凝聚思想共识。2023年1月1号起开展调研,形成**报告**3篇。\n\n"
           "二、存在的问题\n"
           "　　一是学习不够深入；二是调研不够扎实。\n"
           "三、2024年工作计划\n"
           "（一）加强学习。组织专题学习12次。\n")
    src = tmp_path / "draft.md"
    src.write_text(raw, encoding="utf-8")
    text, findings = check(src)
    assert text == raw
    safe = [f.fix for f in findings if f.fix is not None and f.fix.safe]
    assert len(safe) >= 5
    i = text.index("**报告**")  # a fix touching characters the export drops: its comment only
    findings.append(finding(i, i + 6, Fix(i, i + 6, "报告")))
    out = tmp_path / "draft.docx"
    rep = annotate(src, findings, text, out)
    assert_valid_package(out)
    assert (rep.tracked, rep.comment_only, rep.comments) == (len(safe), 1, len(findings))
    # the export dropped the Markdown marks, the indent and the blank lines: the anchors are the
    # original spans without them
    from zongjie.draft import export_docx

    exported = read_file(resolve(out, tmp_path / "r.docx", accept=False)).text
    export_docx(raw, tmp_path / "plain.docx", markdown=True)
    assert exported == read_file(tmp_path / "plain.docx").text
    anchored = anchored_texts(out)
    ids = sorted(int(i) for i in anchored)
    texts = comment_texts(out)
    for cid, f in zip(ids[1:], sorted(findings, key=lambda f: (f.start, f.end))):
        assert texts[str(cid)].startswith(f"[{f.name}]")
        a, span = anchored[str(cid)], text[f.start:f.end]
        if "\n" not in span.strip():
            assert a == span.replace("**", "").strip(" \u3000\n"), (f, a)
        else:  # the kept characters of the span, in order
            it = iter(span)
            assert all(ch in it for ch in a), (f, a)
    # accepting every change = the export of the fixed text
    fixed, _ = apply(text, safe)
    export_docx(fixed, tmp_path / "fixed.docx", markdown=True)
    assert read_file(resolve(out, tmp_path / "a.docx", accept=True)).text == read_file(tmp_path / "fixed.docx").text


def test_text_that_does_not_match_the_document_is_refused(tmp_path):
    src = make_review_docx(tmp_path / "draft.docx")
    text, findings = check(src)
    with pytest.raises(AnnotateError, match="not the text that was checked"):
        annotate(src, findings, text + "多余", tmp_path / "x.docx")
    assert not (tmp_path / "x.docx").exists()
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    with pytest.raises(AnnotateError, match="PDF"):
        annotate(pdf, [], "x", tmp_path / "y.docx")


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "zongjie.cli.main", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=120)


def test_cli_annotate_keeps_the_exit_code_and_wants_one_input(tmp_path):
    src = make_review_docx(tmp_path / "draft.docx")
    out = tmp_path / "out.docx"
    plain = _cli("check", str(src), "--json", cwd=tmp_path)
    done = _cli("check", str(src), "--json", "--annotate", str(out), cwd=tmp_path)
    assert done.returncode == plain.returncode == 1
    assert done.stdout == plain.stdout  # the report is the check's; the note goes to stderr
    assert "wrote" in done.stderr and out.exists()
    import json

    n = len(json.loads(plain.stdout)["findings"])
    assert len(comment_texts(out)) == n + 2  # + the summary + the comment already there
    two = _cli("check", str(src), str(src), "--annotate", str(out), cwd=tmp_path)
    assert two.returncode == 2 and len(two.stderr.strip().splitlines()) == 1
    assert "one input" in two.stderr and "Traceback" not in two.stderr
    bad = _cli("check", str(src), "--annotate", str(tmp_path / "out.txt"), cwd=tmp_path)
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1


# ---------------------------------------------------------------------------------------------
# rendering: LibreOffice shows the comments and the tracked insertion
# ---------------------------------------------------------------------------------------------

PDF_FILTER = ('pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"},'
              '"ExportNotesInMargin":{"type":"boolean","value":"true"}}')


def render_pdf(docx_path: Path, outdir: Path) -> Path:
    """LibreOffice headless, with a profile of its own (tests never share one) and a timeout.

    Comments land in the margin where LibreOffice knows ExportNotesInMargin (not 7.4), else as PDF
    annotations (ExportNotes); the test reads both."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice (soffice) is required: apt-get install libreoffice-writer-nogui"
    profile = outdir / "lo-profile"
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", PDF_FILTER,
                    "--outdir", str(outdir), str(docx_path)], check=True, capture_output=True, timeout=240)
    pdf = outdir / (docx_path.stem + ".pdf")
    assert pdf.exists() and pdf.stat().st_size > 1000
    return pdf


def pdf_texts(pdf: Path) -> tuple[str, str]:
    """(the pages' text, the comments' text: PDF annotations' contents)."""
    from pypdf import PdfReader

    reader = PdfReader(str(pdf))
    pages = "\n".join(p.extract_text() or "" for p in reader.pages)
    notes = []
    for page in reader.pages:
        for a in page.get("/Annots") or []:
            contents = a.get_object().get("/Contents")
            if contents:
                notes.append(str(contents))
    return pages, "\n".join(notes)


def test_libreoffice_renders_comments_and_tracked_changes(tmp_path):
    src = make_review_docx(tmp_path / "draft.docx")
    text, findings = check(src)
    out = tmp_path / "reviewed.docx"
    annotate(src, findings, text, out)
    pdf = render_pdf(out, tmp_path)
    pages, notes = pdf_texts(pdf)
    both = re.sub(r"\s+", "", pages + notes)
    for t in comment_texts(out).values():
        assert re.sub(r"\s+", "", t.split("\n")[0]) in both, t
    assert "[confusable-word]" in both and "zongjie检查：" in both
    squeezed = re.sub(r"\s+", "", pages)
    assert "截止截至" in squeezed  # the deleted and the inserted text, both shown as changes
    assert "95%-98%95%～98%" in squeezed
    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm, "poppler-utils (pdftoppm) is required: apt-get install poppler-utils"
    subprocess.run([pdftoppm, "-png", "-r", "80", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
                   check=True, capture_output=True, timeout=120)
    png = next(tmp_path.glob("page*.png"))
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5000
    from PIL import Image

    with Image.open(io.BytesIO(data)) as im:
        assert im.size[0] > 400 and im.size[1] > 400
        low, high = im.convert("L").getextrema()
        assert high - low > 100  # something was drawn, not a blank page
