"""Typer-free implementations of the read-only commands (shared by the Typer app and the fast path)."""

from __future__ import annotations

import sys

from zongjie.cli.common import console, load, load_structure, print_json, read_source


def print_text(file: str, _json: bool) -> None:
    src = read_source(file)
    sys.stdout.write(src.text)
    if not src.text.endswith("\n"):
        sys.stdout.write("\n")


def print_outline(file: str, json_: bool) -> None:
    doc = load_structure(file)
    if json_:
        print_json(doc.outline_dict())
        return
    from zongjie.cli.render import render_outline

    render_outline(console(), doc)


def print_extract(file: str, json_: bool, csv: str | None = None) -> None:
    doc = load(file)
    if csv:
        from zongjie.cli.render import write_claims_csv

        write_claims_csv(doc, csv)
    if json_:
        print_json(doc.extract_dict())
        return
    from zongjie.cli.render import render_extract

    render_extract(console(), doc)
