"""The `zongjie` command line (Typer). Each command is a thin layer over `pipeline`."""

from __future__ import annotations

import sys

# Fast start: the hottest read-only commands, called the plain way, skip importing Typer/Click
# (≈ 60–90 ms). Anything else — help, unknown options, other commands — goes through Typer below.
_FAST_FLAGS = {"outline": {"--json"}, "text": set(), "extract": {"--json"}}


def _fast_path(argv: list[str]) -> bool:
    if len(argv) < 2 or argv[0] not in _FAST_FLAGS:
        return False
    cmd, rest = argv[0], argv[1:]
    flags = {a for a in rest if a.startswith("--")}
    files = [a for a in rest if not a.startswith("--")]
    if len(files) != 1 or not flags <= _FAST_FLAGS[cmd]:
        return False
    from cli import common

    try:
        {"outline": _outline, "text": _text, "extract": _extract}[cmd](files[0], "--json" in flags)
    except common.CliExit as e:
        sys.exit(e.code)
    return True


import importlib  # noqa: E402

import typer  # noqa: E402

from cli.common import console, fail, load, load_structure, print_json  # noqa: E402

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="总结 zongjie: analyse, check and draft Chinese work summaries.")

FILE_ARG = typer.Argument(..., help="a .txt/.md/.docx/.pdf file, or - for standard input")


@app.command()
def text(file: str = FILE_ARG) -> None:
    """Print the decoded/extracted plain text that every offset refers to."""
    _text(file, False)


def _text(file: str, _json: bool) -> None:
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
    _outline(file, json_)


def _outline(file: str, json_: bool) -> None:
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
    _extract(file, json_, csv)


def _extract(file: str, json_: bool, csv: str | None = None) -> None:
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
    if _fast_path(sys.argv[1:]):
        return
    try:
        app()
    except KeyboardInterrupt:
        fail("interrupted", 130)


if __name__ == "__main__":
    main()
