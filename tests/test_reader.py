"""Tests for the reading stage (pipeline/reader.py); every input is built here in tmp_path."""

from __future__ import annotations

import io
import os
import random
import sys

import pytest
from zongjie.errors import ReadError
from zongjie.reader import Source, decode_text, format_number, read_bytes, read_file

TITLE = "县委统战部2022年度工作总结"
LONG = (
    "县委统战部2022年度工作总结暨2023年度工作计划\n"
    "\u3000\u3000今年以来，在县委的坚强领导下，县委统战部深入学习贯彻党的二十大精神，"
    "紧紧围绕县委中心工作，团结一切可以团结的力量，调动一切可以调动的积极因素。\n"
    "一、工作开展情况\n"
    "（一）强化组织领导。组织开展《条例》培训３次，培训统战干部１２０余人次。\n"
    "（二）凝聚共识。举办“同心讲堂”12期，覆盖党外人士500余人。\n"
    "二、存在的问题\n"
    "统战干部的能力素质仍是短板，工作创新不够。\n"
    "三、2023年工作计划\n"
    "加强统战干部队伍建设，分层分类开展业务培训。\n"
)


def _write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _assert_one_line_error(excinfo, prefix: str) -> str:
    msg = str(excinfo.value)
    assert "\n" not in msg and "\r" not in msg, msg
    assert msg.startswith(prefix), msg
    return msg


# ---------------------------------------------------------------------------------------------
# text encodings
# ---------------------------------------------------------------------------------------------


def test_utf8(tmp_path):
    src = read_file(_write(tmp_path, "a.txt", LONG.encode("utf-8")))
    assert isinstance(src, Source)
    assert src.text == LONG
    assert (src.format, src.encoding, src.markdown) == ("txt", "utf-8", False)
    assert src.file == str(tmp_path / "a.txt")


def test_utf8_bom_is_stripped(tmp_path):
    src = read_file(_write(tmp_path, "a.txt", b"\xef\xbb\xbf" + LONG.encode("utf-8")))
    assert src.text == LONG
    assert not src.text.startswith("\ufeff")
    assert src.encoding == "utf-8-sig"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(tmp_path, codec):
    bom = b"\xff\xfe" if codec.endswith("le") else b"\xfe\xff"
    src = read_file(_write(tmp_path, "a.txt", bom + LONG.encode(codec)))
    assert src.text == LONG
    assert src.encoding == codec


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_detected_from_nul_pattern(codec):
    text, enc = decode_text(LONG.encode(codec))
    assert (text, enc) == (LONG, codec)


@pytest.mark.parametrize(
    "sample",
    [TITLE, "县委统战部", "一、工作开展情况", "（一）强化组织领导。", "二、存在的问题\n三、工作计划"],
)
def test_gbk_short(tmp_path, sample):
    src = read_file(_write(tmp_path, "gbk.txt", sample.encode("gbk")))
    assert src.text == sample
    assert src.encoding == "gb18030"


def test_gbk_long(tmp_path):
    src = read_file(_write(tmp_path, "gbk.txt", LONG.encode("gbk")))
    assert src.text == LONG
    assert src.encoding == "gb18030"


def test_gb18030_only_characters(tmp_path):
    # 𠀀 (CJK ext B) and € need GB18030's four-byte sequences; GBK cannot encode them
    text = "关于表彰“𠀀”同志的通报，奖金500€。\n"
    data = text.encode("gb18030")
    with pytest.raises(UnicodeEncodeError):
        text.encode("gbk")
    src = read_file(_write(tmp_path, "gb.txt", data))
    assert src.text == text
    assert src.encoding == "gb18030"


def test_big5_is_not_mistaken_for_gbk():
    text = "臺灣地區工作報告，今年以來我們繼續努力推動各項工作，成效顯著。"
    decoded, enc = decode_text(text.encode("big5"))
    assert decoded == text
    assert enc == "big5"


def test_crlf_and_cr_normalised_keep_fullwidth_and_ideographic_spaces(tmp_path):
    raw = "标题\r\n\u3000\u3000正文ＡＢＣ１２３，全角。\r\n\r\n末行\r旧Mac行"
    src = read_file(_write(tmp_path, "crlf.txt", raw.encode("gbk")))
    assert src.text == "标题\n\u3000\u3000正文ＡＢＣ１２３，全角。\n\n末行\n旧Mac行"
    src = read_file(_write(tmp_path, "crlf8.txt", raw.encode("utf-8")))
    assert "\r" not in src.text and "ＡＢＣ１２３" in src.text and "\u3000\u3000正文" in src.text


def test_utf8_cut_mid_character_still_reads():
    data = LONG.encode("utf-8")[:-2]  # the last "\n" and half of "。"
    text, enc = decode_text(data)
    assert enc == "utf-8"
    assert text.startswith(LONG[:50])


def test_markdown_flag(tmp_path):
    for name in ("a.md", "b.markdown"):
        src = read_file(_write(tmp_path, name, "# 标题\n\n## 一、情况\n".encode()))
        assert src.markdown is True and src.format == "md"


def test_unknown_extension_sniffs_text(tmp_path):
    src = read_file(_write(tmp_path, "report.dat", TITLE.encode("gbk")))
    assert (src.text, src.format, src.encoding, src.markdown) == (TITLE, "txt", "gb18030", False)


def test_read_bytes_sniffs_and_names():
    src = read_bytes(TITLE.encode("utf-8"))
    assert src.text == TITLE and src.file == "<bytes>" and src.format == "txt"
    assert read_bytes(b"# x", name="notes.md").markdown is True


# ---------------------------------------------------------------------------------------------
# .docx
# ---------------------------------------------------------------------------------------------

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _numbering_xml(abstract_id: int, levels: list[tuple[str, str]], start: int = 1) -> str:
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
        for i, (fmt, text) in enumerate(levels)
    )
    return (f'<w:abstractNum {W_NS} w:abstractNumId="{abstract_id}">'
            f'<w:multiLevelType w:val="multilevel"/>{lvls}</w:abstractNum>')


def _add_numbering(document, abstract_id: int, num_id: int, levels, start_override=None) -> None:
    """Append an abstractNum (before the first w:num, as the schema wants) and a w:num."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    numbering = document.part.numbering_part.element
    abstract = parse_xml(_numbering_xml(abstract_id, levels))
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    override = ""
    if start_override is not None:
        lvl, value = start_override
        override = (f'<w:lvlOverride w:ilvl="{lvl}"><w:startOverride w:val="{value}"/>'
                    f'</w:lvlOverride>')
    numbering.append(parse_xml(
        f'<w:num {W_NS} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{override}</w:num>'
    ))


def _numbered(document, text: str, num_id: int, ilvl: int):
    from docx.oxml import parse_xml

    p = document.add_paragraph(text)
    p._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {W_NS}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'
    ))
    return p


# In w:lvlText, %N is the counter of level N (1-based): level 1 (ilvl 1) shows "（%2）".
GB_LEVELS = [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3.")]


def _save(document, path):
    document.save(str(path))
    return path


def test_docx_word_automatic_numbering(tmp_path):
    import docx

    d = docx.Document()
    _add_numbering(d, 90, 90, GB_LEVELS)
    d.add_paragraph(TITLE)
    _numbered(d, "工作开展情况", 90, 0)
    _numbered(d, "强化组织领导。全年召开专题会议4次。", 90, 1)
    _numbered(d, "凝聚思想共识。", 90, 1)
    _numbered(d, "举办培训班。", 90, 2)
    _numbered(d, "开展调研。", 90, 2)
    _numbered(d, "存在的问题", 90, 0)
    _numbered(d, "能力素质有短板。", 90, 1)  # level 1 restarts after a level-0 item
    _numbered(d, "宣传不够。", 90, 2)  # level 2 restarts too
    d.add_paragraph("")  # an empty paragraph between is kept as an empty line
    _numbered(d, "工作计划", 90, 0)
    for _ in range(3):
        d.add_paragraph("")  # empty trailing paragraphs are dropped

    src = read_file(_save(d, tmp_path / "numbered.docx"))
    assert (src.format, src.encoding, src.markdown) == ("docx", None, False)
    assert src.text == (
        f"{TITLE}\n"
        "一、工作开展情况\n"
        "（一）强化组织领导。全年召开专题会议4次。\n"
        "（二）凝聚思想共识。\n"
        "1.举办培训班。\n"
        "2.开展调研。\n"
        "二、存在的问题\n"
        "（一）能力素质有短板。\n"
        "1.宣传不够。\n"
        "\n"
        "三、工作计划"
    )


def test_docx_numbering_counts_past_ten_and_honours_start_override(tmp_path):
    import docx

    d = docx.Document()
    _add_numbering(d, 91, 91, GB_LEVELS)
    _add_numbering(d, 92, 92, [("decimal", "%1."), ("decimalEnclosedCircle", "%2")])
    # same abstract definition as 92, restarted at 5 by a startOverride
    from docx.oxml import parse_xml

    d.part.numbering_part.element.append(parse_xml(
        f'<w:num {W_NS} w:numId="93"><w:abstractNumId w:val="92"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>'
    ))
    for i in range(1, 22):
        _numbered(d, f"标题{i}", 91, 0)
    _numbered(d, "甲", 92, 0)
    _numbered(d, "乙", 92, 0)
    _numbered(d, "小项", 92, 1)
    _numbered(d, "丙", 93, 0)
    _numbered(d, "丁", 93, 0)
    lines = read_file(_save(d, tmp_path / "many.docx")).text.split("\n")
    assert lines[0] == "一、标题1"
    assert lines[9] == "十、标题10"
    assert lines[10] == "十一、标题11"
    assert lines[19] == "二十、标题20"
    assert lines[20] == "二十一、标题21"
    assert lines[21:] == ["1.甲", "2.乙", "①小项", "5.丙", "6.丁"]


def test_docx_numbering_from_paragraph_style(tmp_path):
    import docx
    from docx.oxml import parse_xml

    d = docx.Document()
    _add_numbering(d, 94, 94, [("chineseCounting", "%1、"), ("chineseCounting", "（%2）")])
    style = d.styles["Heading 1"]
    style.element.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {W_NS}><w:numId w:val="94"/></w:numPr>'
    ))
    d.add_heading("工作开展情况", level=1)
    d.add_paragraph("正文。")
    d.add_heading("存在的问题", level=1)
    h = d.add_heading("内部（ilvl 1 overrides the style level）", level=1)
    h._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {W_NS}><w:ilvl w:val="1"/></w:numPr>'))
    plain = d.add_heading("不编号", level=1)
    plain._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {W_NS}><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>'
    ))
    text = read_file(_save(d, tmp_path / "styled.docx")).text
    assert text.split("\n") == [
        "一、工作开展情况", "正文。", "二、存在的问题", "（一）内部（ilvl 1 overrides the style level）", "不编号",
    ]


def test_docx_table_cells_in_order(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("一、主要指标完成情况")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "指标"
    table.cell(0, 1).text = "完成值"
    table.cell(1, 0).text = "招商引资"
    cell = table.cell(1, 1)
    cell.text = "3.5亿元"
    cell.add_paragraph("同比增长12%")
    d.add_paragraph("二、存在的问题")
    src = read_file(_save(d, tmp_path / "table.docx"))
    assert src.text == "一、主要指标完成情况\n指标\n完成值\n招商引资\n3.5亿元\n同比增长12%\n二、存在的问题"


def test_docx_sniffed_from_bytes_and_stdin(tmp_path, monkeypatch):
    import docx

    d = docx.Document()
    d.add_paragraph(TITLE)
    data = _save(d, tmp_path / "t.docx").read_bytes()
    assert read_bytes(data).text == TITLE
    src = read_file(_write(tmp_path, "noext", data))
    assert src.format == "docx" and src.text == TITLE
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert read_file("-").text == TITLE


def test_docx_revisions_hidden_text_fields_text_boxes_and_merged_cells(tmp_path):
    import docx
    from docx.oxml import parse_xml

    ns = (f'{W_NS} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
    blocks = [
        # tracked deletion dropped, tracked insertion kept
        '<w:p {ns}><w:r><w:t>保留</w:t></w:r><w:del w:id="1" w:author="a"><w:r><w:delText>删除</w:delText>'
        '</w:r></w:del><w:ins w:id="2" w:author="a"><w:r><w:t>插入</w:t></w:r></w:ins></w:p>',
        # hyperlink text kept, hidden run dropped, tab and line break rendered, page break not
        '<w:p {ns}><w:hyperlink r:id="rId99"><w:r><w:t>链接</w:t></w:r></w:hyperlink><w:r><w:rPr><w:vanish/>'
        '</w:rPr><w:t>隐藏</w:t></w:r><w:r><w:tab/><w:t>制表</w:t><w:br/><w:t>换行</w:t><w:br w:type="page"/>'
        '</w:r></w:p>',
        # field result kept, field code dropped; a drawing/text box is not body text
        '<w:p {ns}><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar '
        'w:fldCharType="end"/></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing/>'
        '</mc:Choice><mc:Fallback><w:pict><w:t>文本框</w:t></w:pict></mc:Fallback></mc:AlternateContent>'
        '</w:r></w:p>',
        '<w:sdt {ns}><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>内容控件</w:t></w:r></w:p></w:sdtContent></w:sdt>',
        # vertically merged cell: the continuation is not repeated; nested table in order
        '<w:tbl {ns}><w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>合并</w:t></w:r>'
        '</w:p></w:tc><w:tc><w:p><w:r><w:t>B1</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>嵌套</w:t>'
        '</w:r></w:p></w:tc></w:tr></w:tbl></w:tc></w:tr><w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/>'
        '</w:tc><w:tc><w:p><w:r><w:t>B2</w:t></w:r></w:p></w:tc></w:tr></w:tbl>',
        '<w:p {ns}><w:r><w:t xml:space="preserve">\u3000\u3000缩进 </w:t></w:r></w:p>',
    ]
    d = docx.Document()
    sect = d.element.body[-1]
    for xml in blocks:
        sect.addprevious(parse_xml(xml.format(ns=ns)))
    text = read_file(_save(d, tmp_path / "edge.docx")).text
    assert text == "保留插入\n链接\t制表\n换行\n3\n内容控件\n合并\nB1\n嵌套\nB2\n\u3000\u3000缩进 "


def test_truncated_docx(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph(TITLE)
    data = _save(d, tmp_path / "full.docx").read_bytes()
    path = _write(tmp_path, "cut.docx", data[:200])
    with pytest.raises(ReadError) as excinfo:
        read_file(path)
    msg = _assert_one_line_error(excinfo, str(path))
    assert "docx" in msg
    with pytest.raises(ReadError) as excinfo:
        read_bytes(data[:200], name="cut")
    _assert_one_line_error(excinfo, "cut")


def test_zip_without_word_document(tmp_path):
    import zipfile

    path = tmp_path / "other.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("hello.txt", "hi")
    with pytest.raises(ReadError) as excinfo:
        read_file(path)
    assert "word/document.xml" in _assert_one_line_error(excinfo, str(path))


def test_docx_extension_on_non_zip(tmp_path):
    path = _write(tmp_path, "fake.docx", TITLE.encode("utf-8"))
    with pytest.raises(ReadError) as excinfo:
        read_file(path)
    _assert_one_line_error(excinfo, str(path))


@pytest.mark.parametrize(
    ("n", "fmt", "expected"),
    [
        (1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (11, "chineseCounting", "十一"),
        (20, "chineseCounting", "二十"), (99, "chineseCounting", "九十九"),
        (101, "chineseCountingThousand", "一百零一"), (3, "ideographTraditional", "丙"),
        (12, "decimalFullWidth", "１２"), (3, "decimalEnclosedCircle", "③"), (27, "upperLetter", "AA"),
        (4, "lowerLetter", "d"), (9, "upperRoman", "IX"), (14, "lowerRoman", "xiv"),
        (7, "decimal", "7"), (2, "none", ""), (3, "ideographDigital", "三"),
        (10, "chineseLegalSimplified", "壹拾"),
    ],
)
def test_format_number(n, fmt, expected):
    assert format_number(n, fmt) == expected


# ---------------------------------------------------------------------------------------------
# .pdf
# ---------------------------------------------------------------------------------------------


def _pdf(path, lines: list[str] | None):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path), pagesize=A4)
    if lines:
        y = 780
        for line in lines:
            c.setFont("STSong-Light", 14)
            c.drawString(72, y, line)
            y -= 24
    c.showPage()
    c.save()
    return path


def test_pdf_with_chinese_text_layer(tmp_path):
    lines = [TITLE, "一、工作开展情况", "培训120余人次，投入3.5万元。"]
    src = read_file(_pdf(tmp_path / "report.pdf", lines))
    assert (src.format, src.encoding, src.markdown) == ("pdf", None, False)
    # pypdf ships the Adobe-GB1 CMaps that STSong-Light (UniGB-UCS2-H) needs, so the Chinese
    # itself comes back, not just the ASCII digits.
    assert "2022" in src.text and "120" in src.text and "3.5" in src.text
    assert TITLE in src.text
    assert "工作开展情况" in src.text
    assert all(line == line.rstrip() for line in src.text.split("\n"))


def test_pdf_sniffed_without_extension(tmp_path):
    data = _pdf(tmp_path / "r.pdf", [TITLE]).read_bytes()
    assert read_bytes(data).format == "pdf"


def test_pdf_without_text_layer(tmp_path):
    path = _pdf(tmp_path / "scan.pdf", None)
    with pytest.raises(ReadError) as excinfo:
        read_file(path)
    msg = _assert_one_line_error(excinfo, str(path))
    assert "no text layer" in msg


def test_corrupt_pdf(tmp_path):
    path = _write(tmp_path, "bad.pdf", b"%PDF-1.4\n" + bytes(range(1, 200)) + b"\n%%EOF")
    with pytest.raises(ReadError) as excinfo:
        read_file(path)
    _assert_one_line_error(excinfo, str(path))


def test_encrypted_pdf(tmp_path):
    import pypdf
    src = _pdf(tmp_path / "plain.pdf", [TITLE])
    writer = pypdf.PdfWriter(clone_from=str(src))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    path = tmp_path / "locked.pdf"
    with open(path, "wb") as fh:
        writer.write(fh)
    with pytest.raises(ReadError) as excinfo:
        read_file(path)
    assert "encrypted" in _assert_one_line_error(excinfo, str(path))


# ---------------------------------------------------------------------------------------------
# errors
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("content", [b"", b"   \n\r\n\t ", "\u3000\u3000\n".encode(), b"\xef\xbb\xbf\n"])
def test_empty_file(tmp_path, content):
    path = _write(tmp_path, "empty.txt", content)
    with pytest.raises(ReadError) as excinfo:
        read_file(path)
    assert "empty" in _assert_one_line_error(excinfo, str(path))


def test_binary_file_with_nuls(tmp_path):
    rng = random.Random(1234)
    data = bytes(rng.randrange(256) for _ in range(4096)) + b"\x00\x00\x00\x01"
    path = _write(tmp_path, "blob.txt", data)
    with pytest.raises(ReadError) as excinfo:
        read_file(path)
    assert "binary" in _assert_one_line_error(excinfo, str(path))


def test_binary_without_nuls(tmp_path):
    rng = random.Random(99)
    data = bytes(rng.randrange(1, 256) for _ in range(4096))
    with pytest.raises(ReadError) as excinfo:
        read_bytes(data, name="noise.bin")
    _assert_one_line_error(excinfo, "noise.bin")


@pytest.mark.parametrize("magic", [b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff\xe0", b"\x1f\x8b\x08", b"\x7fELF"])
def test_binary_formats_by_magic(magic):
    with pytest.raises(ReadError) as excinfo:
        read_bytes(magic + b"ABCDEFGH" * 20, name="x.txt")
    assert "binary" in _assert_one_line_error(excinfo, "x.txt")


def test_nonexistent_path(tmp_path):
    path = tmp_path / "nope" / "missing.txt"
    with pytest.raises(ReadError) as excinfo:
        read_file(path)
    assert "no such file" in _assert_one_line_error(excinfo, str(path))


def test_directory(tmp_path):
    with pytest.raises(ReadError) as excinfo:
        read_file(tmp_path)
    assert "directory" in _assert_one_line_error(excinfo, str(tmp_path))


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read anything")
def test_permission_denied(tmp_path):
    path = _write(tmp_path, "secret.txt", TITLE.encode())
    path.chmod(0)
    try:
        with pytest.raises(ReadError) as excinfo:
            read_file(path)
        assert "permission" in _assert_one_line_error(excinfo, str(path))
    finally:
        path.chmod(0o600)


def test_legacy_doc(tmp_path):
    path = _write(tmp_path, "old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    with pytest.raises(ReadError) as excinfo:
        read_file(path)
    assert ".docx" in _assert_one_line_error(excinfo, str(path))


def test_decode_text_binary_raises_readerror():
    with pytest.raises(ReadError):
        decode_text(b"\x00\x01\x02\x03binary\x00\xff\xfe\x00")


# ---------------------------------------------------------------------------------------------
# stdin
# ---------------------------------------------------------------------------------------------


def test_stdin_gbk(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(LONG.encode("gbk"))))
    src = read_file("-")
    assert (src.text, src.file, src.format, src.encoding) == (LONG, "-", "txt", "gb18030")


def test_stdin_empty(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    with pytest.raises(ReadError) as excinfo:
        read_file("-")
    _assert_one_line_error(excinfo, "-:")
