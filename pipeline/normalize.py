"""Normalisation that never moves an offset.

The engine matches patterns on a *folded* copy of the text with exactly the same length:
full-width ASCII (``１２３``, ``（``, ``．``) becomes half-width, every Unicode space separator and
zero-width character becomes a plain space, and every line terminator becomes ``\\n``.  Every span
found on the folded copy is therefore a span of the original text, and no pattern downstream needs
a whitespace class of its own: on the folded copy a blank is ``" "`` and a line ends at ``"\\n"``.

Line terminators, same length: a lone ``\\r``, U+2028, U+2029, U+0085 (NEL), U+000B (VT) and
U+000C (FF) become ``\\n``; the ``\\r`` of ``\\r\\n`` becomes a space, so CRLF does not double the
line breaks (``line\\r\\n`` folds to ``line \\n``, whose trailing blank every line strip drops).
"""

from __future__ import annotations

import re

from zongjie import rx

_TABLE: dict[str, str] = {}
for _cp in range(0xFF01, 0xFF5F):  # full-width ASCII block; （ ） fold to ( ) as well
    _TABLE[chr(_cp)] = chr(_cp - 0xFEE0)
# Blanks: tab, every Unicode space separator (Zs) but U+0020 itself, and the zero-width and
# invisible formatting characters that editors and web pages leave at line starts (ZWSP, ZWNJ, ZWJ,
# LRM/RLM, word joiner, BOM, bidi embeddings/isolates).  A space keeps the length and loses the
# invisibility.
_BLANKS = ("\t\u00a0\u1680\u180e\u202f\u205f\u3000\ufeff\u2060\u2061\u2062\u2063\u2064"
           + "".join(chr(c) for c in range(0x2000, 0x2010))  # U+2000–U+200A spaces, U+200B–U+200F
           + "".join(chr(c) for c in range(0x202A, 0x202F))  # LRE RLE PDF LRO RLO
           + "".join(chr(c) for c in range(0x2066, 0x206A)))  # LRI RLI FSI PDI
for _ch in _BLANKS:
    _TABLE[_ch] = " "
_NEWLINES = "\r\u2028\u2029\u0085\u000b\u000c"
for _ch in _NEWLINES:
    _TABLE[_ch] = "\n"

# One character class, no alternation: a ``\r\n|[…]`` pattern made SRE give up its fast scan for the
# class's characters (+60 % on every fold); the CR of CRLF is told apart in the replacement instead.
_FOLDABLE = rx.compile("[" + "".join(re.escape(ch) for ch in sorted(_TABLE)) + "]")
_get = _TABLE.__getitem__


# Everything that folds to a blank or a line break, plus those two: ``ch in WS`` is the same test on
# the original text and on the folded copy (derived from the table, so the two cannot drift apart).
WS = " \n" + "".join(ch for ch, v in _TABLE.items() if v in (" ", "\n"))
# The blanks alone (no line breaks), for a pattern that must run on the original text.
BLANKS = " " + "".join(ch for ch, v in _TABLE.items() if v == " ")
# Line terminators of the original text (LSP counts \r, \n and \r\n; the others are Unicode's).
LINE_BREAKS = "\n" + _NEWLINES


def fold(text: str) -> str:
    """Same-length folded copy of ``text`` for pattern matching.

    The foldable characters are few distinct ones, but many in number (every full-width comma of a
    Chinese text): one ``str.replace`` per distinct character, each a pass in C, instead of a
    Python call per occurrence in ``re.sub`` (0.34 against 0.85 ms for a 21,000-character report;
    ``tests/test_fold_replace.py`` holds the two equal).  No replacement is itself foldable, so the
    order is free, except that ``\r\n`` → ``" \n"`` is done first, on the original line feeds."""
    found = set(_FOLDABLE.findall(text))
    if not found:
        return text
    if "\r" in found:
        found.discard("\r")
        text = text.replace("\r\n", " \n").replace("\r", "\n")
    for ch in found:
        text = text.replace(ch, _get(ch))
    return text


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` past leading/trailing white space (incl. line breaks).

    ``text`` may be the original or the folded copy: ``WS`` holds both spellings of a blank."""
    while start < end and text[start] in WS:
        start += 1
    while end > start and text[end - 1] in WS:
        end -= 1
    return start, end
