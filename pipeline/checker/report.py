"""Plain-text and JSON renderings of check results (the CLI, the LSP and tests share them).

Text: ``file:line:col severity code name message``, then the source line (a window around the
finding for long Chinese paragraphs) with a caret under the span; ANSI colours on request.
Carets are placed by display width (CJK characters are two columns wide).
"""

from __future__ import annotations

import unicodedata

from zongjie.model import Finding

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only: importing typing is 4 ms of a cold `zongjie check`
    pass

COLOURS = {"error": "\033[1;31m", "warning": "\033[1;33m", "info": "\033[1;36m"}
DIM, BOLD, RESET = "\033[2m", "\033[1m", "\033[0m"
WINDOW = 36  # characters of context either side of the span


def width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def snippet(text: str, f: Finding) -> tuple[str, int, int]:
    """(shown line, caret column in display cells, caret width) for finding ``f``."""
    ls = text.rfind("\n", 0, f.start) + 1
    le = text.find("\n", f.start)
    le = len(text) if le < 0 else le
    s = min(max(f.start, ls), le)
    e = min(max(f.end, s), le)
    a = max(ls, s - WINDOW)
    b = min(le, max(e, s + 1) + WINDOW)
    pre = ("…" if a > ls else "") + text[a:s]
    mid = text[s:e] or (text[s:s + 1] if s < le else "")
    post = text[s + len(mid):b] + ("…" if b < le else "")
    line = (pre + mid + post).replace("\t", " ")
    return line, width(pre), max(1, width(mid))


def format_finding(file: str, text: str, f: Finding, colour: bool = False, source: bool = True) -> str:
    sev = f"{COLOURS[f.severity]}{f.severity}{RESET}" if colour else f.severity
    head = f"{BOLD}{file}{RESET}" if colour else file
    code = f"{DIM}{f.rule}{RESET}" if colour else f.rule
    out = f"{head}:{f.line}:{f.column} {sev} {code} {f.name} {f.message}"
    if not source or not text:
        return out
    line, col, w = snippet(text, f)
    gutter = f"{f.line:>5} | "
    pad = " " * (len(gutter) - 2) + "| "
    caret = "^" * w
    if colour:
        caret = f"{COLOURS[f.severity]}{caret}{RESET}"
        gutter, pad = f"{DIM}{gutter}{RESET}", f"{DIM}{pad}{RESET}"
    return f"{out}\n{gutter}{line}\n{pad}{' ' * col}{caret}"


def summary_line(counts: dict[str, int], nfiles: int) -> str:
    def n(k: str, one: str, many: str) -> str:
        return f"{counts[k]} {one if counts[k] == 1 else many}"

    files = f"{nfiles} file" + ("" if nfiles == 1 else "s")
    return (f"{files} checked: {n('errors', 'error', 'errors')}, {n('warnings', 'warning', 'warnings')}, "
            f"{n('infos', 'info', 'infos')}")
