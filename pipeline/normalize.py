"""Normalisation that never moves an offset.

The engine matches patterns on a *folded* copy of the text with exactly the same length:
full-width ASCII (``１２３``, ``（``, ``．``) becomes half-width, ideographic spaces become spaces.
Every span found on the folded copy is therefore a span of the original text.
"""

from __future__ import annotations

import re

from zongjie import rx

_TABLE: dict[int, str] = {}
for _cp in range(0xFF01, 0xFF5F):  # full-width ASCII block
    _TABLE[_cp] = chr(_cp - 0xFEE0)
_TABLE[0x3000] = " "  # ideographic space
_TABLE[0x00A0] = " "
_TABLE[0x200B] = " "  # zero-width space: keep the length, lose the invisibility
_TABLE[0xFEFF] = " "
_TABLE[0x200D] = " "
# Keep Chinese brackets/parentheses distinct? No: （ ） are in the block above and fold to ( ).


_BY_CHAR = {chr(k): v for k, v in _TABLE.items()}
_FOLDABLE = rx.compile("[" + "".join(re.escape(chr(k)) for k in sorted(_TABLE)) + "]")


def fold(text: str) -> str:
    """Same-length folded copy of ``text`` for pattern matching.

    A regex substitution over the (sparse) foldable characters: 3–4× faster on Chinese text than
    ``str.translate`` with a dict, which looks up every character."""
    return _FOLDABLE.sub(lambda m: _BY_CHAR[m.group()], text)


WS = " \t\u3000\u00a0\u200b\ufeff\u200d\r"


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` past leading/trailing white space (incl. newlines)."""
    ws = WS + "\n"
    while start < end and text[start] in ws:
        start += 1
    while end > start and text[end - 1] in ws:
        end -= 1
    return start, end
