"""GB/T 9704 Word export (`zongjie export`, `zongjie.draft.export_docx`), read back with python-docx."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
import zongjie
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402
from docx.shared import Pt  # noqa: E402
from typer.testing import CliRunner
from zongjie.draft import draft, export_docx
from zongjie.draft.docx_export import classify
from zongjie.reader import read_file

CORPORA_DIR = Path(__file__).resolve().parents[1] / "corpora"
SEED = CORPORA_DIR / "seed.txt"

SAMPLE = (
    "县委统战部2023年度工作总结暨2024年度工作计划\n"
    "2023年，在县委的坚强领导下，县委统战部坚持以【待补充：指导思想】为指导。\n"
    "一、2023年工作开展情况\n"
    "（一）强化组织领导。成立工作专班，开展培训3次。\n"
    "1.完善工作机制\n"
    "（1）建立月调度制度。\n"
    "二、存在的问题\n"
    "一是统战干部的能力素质仍是短板。二是工作创新不够。\n"
    "三、2024年工作计划\n"
    "（一）加强统战干部队伍建设\n"
    "分层分类开展业务培训。\n"
)


def fonts(run) -> dict[str, str | None]:
    rf = run._element.rPr.rFonts
    return {k: rf.get(qn(f"w:{k}")) for k in ("ascii", "hAnsi", "eastAsia")}


def assert_font(run, name: str, size: float) -> None:
    assert fonts(run) == {"ascii": name, "hAnsi": name, "eastAsia": name}, (run.text, fonts(run))
    assert run.font.size == Pt(size), run.text
    assert not run.font.bold


def assert_body_format(p) -> None:
    pf = p.paragraph_format
    assert pf.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert pf.line_spacing == Pt(28)
    assert pf.first_line_indent == Pt(32)
    ind = p._p.pPr.find(qn("w:ind"))
    assert ind.get(qn("w:firstLineChars")) == "200"


@pytest.fixture(scope="module")
def sample_docx(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("docx") / "sample.docx"
    export_docx(SAMPLE, path)
    return path


def test_page_setup(sample_docx: Path) -> None:
    d = docx.Document(str(sample_docx))
    sec = d.sections[0]
    assert round(sec.page_width.mm) == 210 and round(sec.page_height.mm) == 297
    assert [round(x.mm) for x in (sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin)] \
        == [37, 35, 28, 26]


def test_title_and_body_fonts(sample_docx: Path) -> None:
    d = docx.Document(str(sample_docx))
    ps = d.paragraphs
    title = ps[0]
    assert title.text == "县委统战部2023年度工作总结暨2024年度工作计划"
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert_font(title.runs[0], "方正小标宋简体", 22)
    body = ps[1]
    assert_body_format(body)
    assert_font(body.runs[0], "仿宋_GB2312", 16)
    # the Normal style carries the body font too (eastAsia included)
    normal = d.styles["Normal"].element.rPr.rFonts
    assert normal.get(qn("w:eastAsia")) == "仿宋_GB2312"


def test_heading_fonts_and_run_in(sample_docx: Path) -> None:
    d = docx.Document(str(sample_docx))
    by_text = {p.text: p for p in d.paragraphs}
    h1 = by_text["一、2023年工作开展情况"]
    assert_body_format(h1)
    assert len(h1.runs) == 1
    assert_font(h1.runs[0], "黑体", 16)
    h2 = by_text["（一）强化组织领导。成立工作专班，开展培训3次。"]
    assert [r.text for r in h2.runs] == ["（一）强化组织领导。", "成立工作专班，开展培训3次。"]
    assert_font(h2.runs[0], "楷体_GB2312", 16)
    assert_font(h2.runs[1], "仿宋_GB2312", 16)
    h2b = by_text["（一）加强统战干部队伍建设"]
    assert [r.text for r in h2b.runs] == ["（一）加强统战干部队伍建设"]
    assert_font(h2b.runs[0], "楷体_GB2312", 16)
    assert_font(by_text["1.完善工作机制"].runs[0], "仿宋_GB2312", 16)
    assert_font(by_text["（1）建立月调度制度。"].runs[0], "仿宋_GB2312", 16)
    for p in d.paragraphs:
        assert all(not r.font.bold for r in p.runs)


def test_page_numbers_outside(sample_docx: Path) -> None:
    d = docx.Document(str(sample_docx))
    assert d.settings.odd_and_even_pages_header_footer
    sec = d.sections[0]
    for footer, align in ((sec.footer, WD_ALIGN_PARAGRAPH.RIGHT), (sec.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        p = footer.paragraphs[0]
        assert p.alignment == align
        xml = p._p.xml
        assert "PAGE" in xml and 'w:fldCharType="begin"' in xml and 'w:fldCharType="end"' in xml
        assert p.text.startswith("— ") and p.text.endswith(" —")
        for r in p.runs:
            assert fonts(r)["eastAsia"] == "宋体" and r.font.size == Pt(14)


def test_text_reads_back_unchanged(sample_docx: Path) -> None:
    lines = [ln.strip() for ln in SAMPLE.splitlines() if ln.strip()]
    assert read_file(sample_docx).text.splitlines() == lines


def test_markdown_input_headings() -> None:
    text = "# 某局2023年工作总结\n\n## 一、工作开展情况\n\n（一）强化领导。成立专班。\n"
    paras = classify(text, markdown=True)
    assert [(p.kind, p.level, p.text) for p in paras] == [
        ("title", 0, "某局2023年工作总结"), ("heading", 1, "一、工作开展情况"),
        ("heading", 2, "（一）强化领导。成立专班。")]
    assert paras[2].split == len("（一）强化领导。")


def test_subtitle_centred(tmp_path: Path) -> None:
    text = draft(None, 2024, org="青溪县", template="government-work-report")
    path = tmp_path / "gov.docx"
    export_docx(text, path)
    d = docx.Document(str(path))
    sub = d.paragraphs[1]
    assert sub.text.startswith("——2025年X月X日在")
    assert sub.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert fonts(sub.runs[0])["eastAsia"] == "楷体_GB2312"


def test_export_seed_same_outline(tmp_path: Path) -> None:
    out = tmp_path / "seed.docx"
    r = CliRunner().invoke(__import__("zongjie.cli.main", fromlist=["app"]).app, ["export", str(SEED), "--out", str(out)])
    assert r.exit_code == 0, r.output

    def key(doc):
        return [(s.role, s.level, s.marker, s.heading, [i.marker for i in s.items]) for s in doc.walk()]

    a = zongjie.structure(SEED.read_text("utf-8"))
    b = zongjie.structure(read_file(out).text)
    assert key(a) == key(b)
    assert (a.title.org, a.title.summary_year, a.title.plan_year) == (b.title.org, b.title.summary_year,
                                                                      b.title.plan_year)
    d = docx.Document(str(out))
    runs = [p.runs for p in d.paragraphs if p.text.startswith("（一）围绕贯穿一条主线")][0]
    assert runs[0].text == "（一）围绕贯穿一条主线，奏响政治引领“主旋律”。"
    assert fonts(runs[0])["eastAsia"] == "楷体_GB2312" and fonts(runs[1])["eastAsia"] == "仿宋_GB2312"


def test_export_bad_input_exit_2(tmp_path: Path) -> None:
    app = __import__("zongjie.cli.main", fromlist=["app"]).app
    r = CliRunner().invoke(app, ["export", str(tmp_path / "missing.txt"), "--out", str(tmp_path / "o.docx")])
    assert r.exit_code == 2 and len(r.stderr.strip().splitlines()) == 1
    src = tmp_path / "a.txt"
    src.write_text(SAMPLE, encoding="utf-8")
    r = CliRunner().invoke(app, ["export", str(src), "--out", str(tmp_path / "o.md")])
    assert r.exit_code == 2 and "--out" in r.stderr
