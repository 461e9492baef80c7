"""Arithmetic on ``(start, end)`` spans shared by the rules."""

from __future__ import annotations


def merged(cuts: list[tuple[int, int]]) -> tuple[list[tuple[int, int]], list[int]]:
    """Sorted, overlapping spans joined, and their starts (for bisect)."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(cuts):
        if e <= s:
            continue
        if out and s <= out[-1][1]:
            if e > out[-1][1]:
                out[-1] = (out[-1][0], e)
            continue
        out.append((s, e))
    return out, [s for s, _ in out]
