"""`zongjie draft` and `zongjie export`: drafting next year's summary, GB/T 9704 Word export.

Module-level imports stay light (typer and cli.common only); the pipeline and python-docx are
imported inside the commands.
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from zongjie.cli.common import fail, read_source

TEXT_OUT = (".md", ".markdown", ".txt")
DOCX_OUT = (".docx",)


def _write(text: str, out: str) -> None:
    """Write ``text`` to ``out`` as Markdown/plain text or GB/T 9704 .docx (by extension)."""
    ext = Path(out).suffix.lower()
    if ext not in TEXT_OUT + DOCX_OUT:
        fail(f"{out}: --out must end in .md, .txt or .docx")
    parent = Path(out).parent
    if str(parent) and not parent.is_dir():
        fail(f"{out}: directory {parent} does not exist")
    try:
        if ext in DOCX_OUT:
            from zongjie.draft import export_docx

            export_docx(text, out, markdown=True if text.startswith("# ") else None)
        else:
            if ext == ".txt" and text.startswith("# "):
                text = text[2:]  # plain text: no Markdown title marker
            with open(out, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
    except OSError as e:
        fail(f"{out}: cannot write ({e.strerror or e})")


def draft(
    from_: str = typer.Option(None, "--from", help="last year's summary (.docx/.txt/.md/.pdf)"),
    year: int = typer.Option(..., "--year", help="the year the new draft summarises (YYYY)"),
    org: str = typer.Option(None, "--org", help="organisation name (default: last year's)"),
    template: str = typer.Option(
        None, "--template",
        help="annual-summary | half-year-summary | duty-report | government-work-report"),
    model: str = typer.Option(None, "--model", help="suggestion model passed to the suggestion engine"),
    out: str = typer.Option(..., "--out", help="FILE.md or FILE.docx"),
) -> None:
    """Draft the summary of year YYYY with the plan for the next period."""
    from zongjie.draft import TEMPLATE_NAMES, compose
    from zongjie.errors import ReadError, UsageError

    if not 1900 <= year <= 2099:
        fail(f"--year {year}: expected a year such as 2024")
    if template is not None and template not in TEMPLATE_NAMES:
        fail(f"--template {template}: unknown (known: {', '.join(TEMPLATE_NAMES)})")
    if Path(out).suffix.lower() not in TEXT_OUT + DOCX_OUT:
        fail(f"{out}: --out must end in .md, .txt or .docx")
    prev = None
    if from_ is not None:
        from zongjie.previous import load_previous

        try:  # read and analysed as `check --previous` reads it: the same plan items and problems
            prev = load_previous(from_)
        except ReadError as e:
            fail(str(e))
        if not prev.text.strip():
            fail(f"{from_}: no text")
        if prev.title is None and not prev.sections:
            fail(f"{from_}: no summary structure found (no title, no parts)")
    try:
        d = compose(prev, year, org=org, template=template, model=model)
    except (UsageError, ReadError) as e:
        fail(str(e))
    for note in d.notes:
        sys.stderr.write(f"zongjie: warning: {note}\n")
    _write(d.markdown(), out)
    sys.stderr.write(f"zongjie: wrote {out}\n")


def export(
    file: str = typer.Argument(..., help="a .txt/.md/.docx/.pdf file, or - for standard input"),
    out: str = typer.Option(..., "--out", help="FILE.docx"),
) -> None:
    """Any text as a GB/T 9704 Word document."""
    if Path(out).suffix.lower() != ".docx":
        fail(f"{out}: --out must end in .docx")
    src = read_source(file, need_text=True)
    parent = Path(out).parent
    if str(parent) and not parent.is_dir():
        fail(f"{out}: directory {parent} does not exist")
    from zongjie.draft import export_docx

    try:
        export_docx(src.text, out, markdown=src.markdown)
    except OSError as e:
        fail(f"{out}: cannot write ({e.strerror or e})")
    sys.stderr.write(f"zongjie: wrote {out}\n")


def register(app: typer.Typer) -> None:
    app.command(name="draft")(draft)
    app.command(name="export")(export)
