"""The `zongjie` command line (Typer). Each command is a thin layer over `pipeline`."""

from __future__ import annotations

import importlib
import sys

import typer

from cli.common import console, fail, load, load_structure, print_json

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="总结 zongjie: analyse, check and draft Chinese work summaries.")

FILE_ARG = typer.Argument(..., help="a .txt/.md/.docx/.pdf file, or - for standard input")


@app.command()
def text(file: str = FILE_ARG) -> None:
    """Print the decoded/extracted plain text that every offset refers to."""
    from pipeline.errors import ReadError
    from pipeline.reader import read_file

    try:
        src = read_file(file)
    except ReadError as e:
        fail(str(e))
    sys.stdout.write(src.text)
    if not src.text.endswith("\n"):
        sys.stdout.write("\n")


@app.command()
def outline(file: str = FILE_ARG, json_: bool = typer.Option(False, "--json", help="print the SPEC JSON")) -> None:
    """The section tree with roles."""
    doc = load_structure(file)
    if json_:
        print_json(doc.outline_dict())
        return
    from cli.render import render_outline

    render_outline(console(), doc)


@app.command()
def extract(file: str = FILE_ARG, json_: bool = typer.Option(False, "--json", help="print the SPEC JSON"),
            csv: str = typer.Option(None, "--csv", help="also write the claims as CSV (UTF-8 with BOM, for Excel)")) -> None:
    """Quantitative claims and placeholders."""
    doc = load(file)
    if csv:
        from cli.render import write_claims_csv

        write_claims_csv(doc, csv)
    if json_:
        print_json(doc.extract_dict())
        return
    from cli.render import render_extract

    render_extract(console(), doc)


# Commands that live in their own modules register themselves (keeps start-up light).
for _name in ("cmd_check", "cmd_suggest", "cmd_batch", "cmd_draft", "cmd_serve"):
    try:
        importlib.import_module(f"cli.{_name}").register(app)
    except ModuleNotFoundError as _e:  # a module not built (yet) in this checkout
        if _e.name != f"cli.{_name}":
            raise


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        fail("interrupted", 130)


if __name__ == "__main__":
    main()
