"""The `zongjie` command line (Typer). Each command is a thin layer over the `zongjie` engine."""

from __future__ import annotations

import importlib

import typer
from zongjie.cli.core import print_extract, print_outline, print_text

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="总结 zongjie: analyse, check and draft Chinese work summaries.")

def _version(value: bool) -> None:
    if value:
        from zongjie import __version__

        print(f"zongjie {__version__}")
        raise typer.Exit()


@app.callback()
def _root(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="print the version and exit")) -> None:
    """总结 zongjie: analyse, check and draft Chinese work summaries."""


FILE_ARG = typer.Argument(..., help="a .txt/.md/.docx/.pdf file, or - for standard input")
MAX_SIZE = typer.Option(None, "--max-size", help="input limit of decoded text, e.g. 20MB, 500k, 0 = none (default 20MB)")


def _limit(max_size: str | None) -> None:
    from zongjie.cli import limits

    limits.apply(max_size)


@app.command()
def text(file: str = FILE_ARG, max_size: str = MAX_SIZE) -> None:
    """Print the decoded/extracted plain text that every offset refers to."""
    _limit(max_size)
    print_text(file, False)


@app.command()
def outline(file: str = FILE_ARG, json_: bool = typer.Option(False, "--json", help="print the SPEC JSON"),
            max_size: str = MAX_SIZE) -> None:
    """The section tree with roles."""
    _limit(max_size)
    print_outline(file, json_)


@app.command()
def extract(file: str = FILE_ARG, json_: bool = typer.Option(False, "--json", help="print the SPEC JSON"),
            csv: str = typer.Option(None, "--csv", help="also write the claims as CSV (UTF-8 with BOM, for Excel)"),
            max_size: str = MAX_SIZE) -> None:
    """Quantitative claims and placeholders."""
    _limit(max_size)
    print_extract(file, json_, csv)


# Commands that live in their own modules register themselves (keeps start-up light).
for _name in ("cmd_check", "cmd_suggest", "cmd_batch", "cmd_draft", "cmd_serve"):
    importlib.import_module(f"zongjie.cli.{_name}").register(app)


def main() -> None:
    """The Typer app (cli.fast.main tries the fast path first)."""
    try:
        app()
    except KeyboardInterrupt:
        from zongjie.cli.common import fail

        fail("interrupted", 130)


if __name__ == "__main__":
    main()
