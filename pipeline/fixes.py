"""Applying fixes: the one implementation behind ``check --fix``/``--diff``, the editors' quick fixes
and Word tracked changes.

As ruff does: fixes are applied in order of position, a fix that overlaps one already taken waits
for the next round, and the caller re-checks and repeats until nothing changes
(``fix_until_stable``).  Every fix is a single span (``Fix``); an edit touching several places is
first merged into the span covering them (``merged``).
"""

from __future__ import annotations

from zongjie.model import Fix

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable


def merged(text: str, edits: Iterable[tuple[int, int, str]], safe: bool = True) -> Fix:
    """One ``Fix`` for several non-overlapping edits ``(start, end, replacement)`` of ``text``."""
    ordered = sorted(edits)
    if not ordered:
        raise ValueError("a fix needs at least one edit")
    start, end = ordered[0][0], max(e for _, e, _ in ordered)
    out, at = [], start
    for s, e, rep in ordered:
        if s < at:
            raise ValueError(f"overlapping edits at {s}")
        out += [text[at:s], rep]
        at = e
    out.append(text[at:end])
    return Fix(start, end, "".join(out), safe)


def apply(text: str, fixes: Iterable[Fix], *, safe_only: bool = True) -> tuple[str, list[Fix]]:
    """``text`` with every fix applied that does not overlap an earlier one (by start, then end);
    returns the new text and the fixes applied.  Identical fixes count once."""
    taken: list[Fix] = []
    last_end = -1
    for f in sorted(set(fixes), key=lambda f: (f.start, f.end, f.replacement)):
        if safe_only and not f.safe:
            continue
        if not (0 <= f.start <= f.end <= len(text)):
            raise ValueError(f"fix out of range: {f}")
        if f.start < last_end or (f.start == last_end and taken and taken[-1].start == taken[-1].end == f.start):
            continue  # overlaps (or inserts at the same point as) a fix already taken: next round
        if text[f.start:f.end] == f.replacement:
            continue
        taken.append(f)
        last_end = f.end
    out, at = [], 0
    for f in taken:
        out += [text[at:f.start], f.replacement]
        at = f.end
    out.append(text[at:])
    return "".join(out), taken


def fix_until_stable(text: str, fixes_of: Callable[[str], Iterable[Fix]], *, rounds: int = 10) -> tuple[str, int]:
    """Apply the safe fixes ``fixes_of(text)`` proposes, re-check, repeat until none applies (or
    ``rounds``).  Returns the fixed text and how many fixes were applied in all."""
    total = 0
    for _ in range(rounds):
        text, applied = apply(text, fixes_of(text))
        if not applied:
            break
        total += len(applied)
    return text, total
