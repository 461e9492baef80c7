"""Placeholders and claims of a text, line by line, remembering each line's results.

Both stages are line-local: a placeholder, a claim and the sentence it sits in never cross a line
break (``placeholders.find_placeholders`` pairs Markdown emphasis within a line; claims read
their sentence between boundaries that include ``\\n``).  So the results for a whole text are
the results for each of its lines, shifted by the line's offset — and an editor, which re-checks
the whole draft after each keystroke, can read every line but the edited one back from memory.
``tests/test_linememo.py`` checks the equality on every corpus document and on generated texts.

Used by the editors (``zongjie.lsp.engine``); the CLI and batch analyse each text once and call
the stages directly.
"""

from __future__ import annotations

from zongjie.model import Claim, Placeholder, Span

_PlaceholderRow = tuple[str, int, int, str, str]
_ClaimRow = tuple[str, int, int, float | None, float | None, str, str | None, bool, str | None, int, int]


class LineMemo:
    """Results per line text (and Markdown flag), relative to the line; at most ``limit`` lines
    are kept (the oldest are dropped first)."""

    def __init__(self, limit: int = 50000) -> None:
        self.limit = limit
        self._rows: dict[tuple[str, bool], tuple[list[_PlaceholderRow], list[_ClaimRow]]] = {}
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._rows)

    def _line(self, line: str, markdown: bool) -> tuple[list[_PlaceholderRow], list[_ClaimRow]]:
        key = (line, markdown)
        rows = self._rows.get(key)
        if rows is not None:
            self.hits += 1
            return rows
        self.misses += 1
        from zongjie.claims import find_claims
        from zongjie.placeholders import find_placeholders

        ph = find_placeholders(line, markdown=markdown)
        cl = find_claims(line, ph)
        rows = ([(p.text, p.start, p.end, p.kind, p.slot) for p in ph],
                [(c.text, c.start, c.end, c.value, c.value_max, c.unit, c.qualifier, c.placeholder,
                  c.subject, c.sentence.start, c.sentence.end) for c in cl])
        if len(self._rows) >= self.limit:
            for k in list(self._rows)[: self.limit // 4]:  # insertion order: the oldest first
                del self._rows[k]
        self._rows[key] = rows
        return rows

    def extract(self, text: str, markdown: bool = False) -> tuple[list[Placeholder], list[Claim]]:
        """``(find_placeholders(text), find_claims(text, those))``, computed line by line."""
        placeholders: list[Placeholder] = []
        claims: list[Claim] = []
        off = 0
        for line in text.split("\n"):
            if line:
                ph, cl = self._line(line, markdown)
                for t, s, e, kind, slot in ph:
                    placeholders.append(Placeholder(t, s + off, e + off, kind, slot))
                for t, s, e, v, vmax, unit, qual, is_ph, subj, ss, se in cl:
                    claims.append(Claim(t, s + off, e + off, v, vmax, unit, qual, is_ph, subj,
                                        Span(ss + off, se + off)))
            off += len(line) + 1
        return placeholders, claims
