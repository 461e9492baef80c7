"""Shared plumbing of the command line: reading inputs, one-line errors, JSON output."""

from __future__ import annotations

import json
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only: importing typing is 4 ms of a cold `zongjie check`
    from typing import Any, NoReturn


class CliExit(SystemExit):
    """Raised by ``fail``; Typer/Click let SystemExit through with its code."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def fail(msg: str, code: int = 2) -> NoReturn:
    """One line on stderr and exit code 2: never a traceback."""
    sys.stderr.write("zongjie: " + " ".join(str(msg).split()) + "\n")
    raise CliExit(code)


def print_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def load(path: str, **kw: Any):
    """Analyse one input file; unreadable input → exit 2."""
    import zongjie
    from zongjie.errors import ReadError, UsageError

    try:
        return zongjie.analyze_file(path, **kw)
    except (ReadError, UsageError) as e:
        fail(str(e))


def read_source(path: str, need_text: bool = False):
    """Read one input with the engine's reader; unreadable input → one line and exit 2."""
    from zongjie.errors import ReadError
    from zongjie.reader import read_file

    try:
        src = read_file(path)
    except ReadError as e:
        fail(str(e))
    if need_text and not src.text.strip():
        fail(f"{path}: no text")
    return src


def load_structure(path: str):
    import zongjie

    src = read_source(path)
    return zongjie.structure(src.text, file=path, markdown=src.markdown)


def console():
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)
