"""Code points ↔ LSP positions (0-based line, UTF-16 code units).

The pipeline counts offsets in code points (Python ``str`` indices); the Language Server
Protocol counts characters in UTF-16 code units, so every character outside the Basic
Multilingual Plane (``𠀀``, most emoji) is one code point but two protocol units.  LSP lines end
at ``\\n``, ``\\r\\n`` or a lone ``\\r``.

``PositionMap`` is built once per analysed text; a conversion costs a binary search plus, only on
lines that hold astral characters, a scan of that line.
"""

from __future__ import annotations

import bisect

from zongjie import rx

_ASTRAL = rx.compile("[\U00010000-\U0010FFFF]")
_EOL = rx.compile(r"\r\n|\r|\n")


def utf16_len(s: str) -> int:
    """Length of ``s`` in UTF-16 code units."""
    return len(s) + len(_ASTRAL.findall(s))


def cp_to_utf16(s: str, offset: int) -> int:
    """UTF-16 index of code-point ``offset`` in ``s``."""
    offset = max(0, min(offset, len(s)))
    return utf16_len(s[:offset])


def utf16_to_cp(s: str, units: int) -> int:
    """Code-point index of UTF-16 index ``units`` in ``s`` (a unit inside a surrogate pair rounds
    up to the next character; past the end clamps to ``len(s)``)."""
    if units <= 0:
        return 0
    count = 0
    for i, ch in enumerate(s):
        if count >= units:
            return i
        count += 2 if ord(ch) > 0xFFFF else 1
    return len(s)


class PositionMap:
    """Offsets of one text ↔ LSP ``(line, character)`` in UTF-16 units."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0]  # code-point offset where each line starts
        self.ends: list[int] = []  # offset of each line's end (before its line break)
        for m in _EOL.finditer(text):
            self.ends.append(m.start())
            self.starts.append(m.end())
        self.ends.append(len(text))
        self._astral: set[int] = set()  # lines holding characters outside the BMP
        for m in _ASTRAL.finditer(text):
            self._astral.add(bisect.bisect_right(self.starts, m.start()) - 1)

    @property
    def line_count(self) -> int:
        return len(self.starts)

    def line_of(self, offset: int) -> int:
        """0-based line holding ``offset`` (an offset inside ``\\r\\n`` belongs to its line)."""
        return bisect.bisect_right(self.starts, max(0, offset)) - 1

    def line_text(self, line: int) -> str:
        return self.text[self.starts[line]: self.ends[line]]

    def position(self, offset: int) -> tuple[int, int]:
        """Code-point offset → (0-based line, UTF-16 character)."""
        offset = max(0, min(offset, len(self.text)))
        line = self.line_of(offset)
        start = self.starts[line]
        col_end = min(offset, self.ends[line])
        if line in self._astral:
            return line, utf16_len(self.text[start:col_end])
        return line, col_end - start

    def offset(self, line: int, character: int) -> int:
        """(0-based line, UTF-16 character) → code-point offset, clamped to the text and to the
        line (a character past the end of the line means the end of the line)."""
        if line < 0:
            return 0
        if line >= len(self.starts):
            return len(self.text)
        start, end = self.starts[line], self.ends[line]
        if line in self._astral:
            return start + utf16_to_cp(self.text[start:end], character)
        return start + max(0, min(character, end - start))

    def range(self, start: int, end: int) -> tuple[tuple[int, int], tuple[int, int]]:
        return self.position(start), self.position(end)
