"""Make docs/review-seed.png: page 1 of the seed's reviewed copy (`zongjie check --annotate`) as
LibreOffice renders it.

    .venv/bin/python docs/review_screenshot.py [OUT.png]

Needs LibreOffice (``soffice``), poppler-utils (``pdftoppm``) and a CJK font (fonts-wqy-microhei).
LibreOffice releases newer than 7.4 print the comments in the page margin (PDF filter option
``ExportNotesInMargin``).  Older ones (Debian 12 has 7.4) export them as PDF comment annotations
only, which page rasterisers draw as small icons: then the text of each annotation is drawn in a
margin to the right of the page, level with its icon — the annotations' own positions and texts,
read from the PDF LibreOffice wrote.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PDF_FILTER = ('pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"},'
              '"ExportNotesInMargin":{"type":"boolean","value":"true"}}')
DPI = 80


def reviewed_copy(work: Path) -> Path:
    from zongjie.reader import read_file
    from zongjie.review import annotate
    from zongjie.runner import ANALYZE, Pipeline

    seed = ROOT / "corpora" / "seed.txt"
    src = read_file(seed)
    doc = Pipeline(ANALYZE)(src.text, file=str(seed), markdown=src.markdown)
    out = work / "seed-reviewed.docx"
    annotate(seed, doc.findings, src.text, out, date=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc))
    return out


def to_pdf(docx: Path, work: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        sys.exit("soffice not found: apt-get install libreoffice-writer-nogui")
    subprocess.run([soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
                    "--convert-to", PDF_FILTER, "--outdir", str(work), str(docx)],
                   check=True, capture_output=True, timeout=300)
    return work / (docx.stem + ".pdf")


def page_one(pdf: Path, work: Path):
    from PIL import Image

    subprocess.run(["pdftoppm", "-png", "-r", str(DPI), "-f", "1", "-l", "1", str(pdf), str(work / "page")],
                   check=True, capture_output=True, timeout=120)
    return Image.open(next(work.glob("page*.png"))).convert("RGB")


def notes_on_page_one(pdf: Path) -> tuple[list[tuple[float, float, str]], float, str]:
    """(x, y from the top in points, text) of page 1's comment annotations; page height; page text."""
    from pypdf import PdfReader

    page = PdfReader(str(pdf)).pages[0]
    height = float(page.mediabox.height)
    notes = []
    for a in page.get("/Annots") or []:
        o = a.get_object()
        if o.get("/Subtype") == "/Text" and o.get("/Contents"):
            x0, y0, x1, y1 = (float(v) for v in o["/Rect"])
            notes.append((x0, height - y1, str(o["/Contents"])))
    return sorted(notes, key=lambda n: n[1]), height, page.extract_text() or ""


def cjk_font(size: int):
    from PIL import ImageFont

    # fc-match falls back to a Latin font when asked for zh; fc-list names only fonts that cover it
    found = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True).stdout.split("\n")
    path = next((f.split(":")[0].strip() for f in found if f.strip()), "")
    if not path:
        sys.exit("no CJK font: apt-get install fonts-wqy-microhei")
    return ImageFont.truetype(path, size)


def wrap(text: str, font, px: int) -> list[str]:
    """Lines of at most ``px`` pixels, broken anywhere (Chinese has no spaces to break at)."""
    lines, cur = [], ""
    for ch in text:
        if cur and font.getlength(cur + ch) > px:
            lines.append(cur)
            cur = ""
        cur += ch
    return lines + [cur]


def draw_margin(page, notes: list[tuple[float, float, str]]):
    """The page with a review margin on the right: each annotation's text in a box level with its
    anchor, joined to the anchor by a line (as Word and LibreOffice show comments on screen)."""
    from PIL import Image, ImageDraw

    scale = DPI / 72
    width = 330
    out = Image.new("RGB", (page.width + width, page.height), (236, 236, 236))
    out.paste(page, (0, 0))
    d = ImageDraw.Draw(out)
    font, head = cjk_font(12), cjk_font(11)
    y_free = 8
    for x, y, text in notes:
        ax, ay = x * scale, y * scale + 6
        lines = [ln for para in text.split("\n") for ln in wrap(para, font, width - 40)]
        box_h = 22 + 16 * len(lines)
        top = max(y_free, ay - 10)
        left = page.width + 10
        d.line([(ax, ay), (page.width - 4, ay), (left, top + 10)], fill=(214, 150, 0), width=1)
        d.rectangle([left, top, left + width - 20, top + box_h], fill=(255, 246, 204), outline=(214, 150, 0))
        d.text((left + 8, top + 4), "zongjie (ZJ)", fill=(120, 90, 0), font=head)
        for i, line in enumerate(lines):
            d.text((left + 8, top + 20 + 16 * i), line, fill=(30, 30, 30), font=font)
        y_free = top + box_h + 8
    return out


def main(out_png: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="zongjie-shot-") as tmp:
        work = Path(tmp)
        pdf = to_pdf(reviewed_copy(work), work)
        page = page_one(pdf, work)
        notes, _, text = notes_on_page_one(pdf)
        # a LibreOffice that prints comments in the margin already shows the summary comment's text
        in_margin = "zongjie检查" in "".join(text.split())
        image = page if in_margin else draw_margin(page, notes)
        image = image.convert("P", palette=1, colors=64)  # Image.ADAPTIVE: a small file
        image.save(out_png, optimize=True)
    print(f"wrote {out_png} ({out_png.stat().st_size // 1024} KB, {len(notes)} comments on page 1)")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "review-seed.png")
