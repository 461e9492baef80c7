"""The one document model every stage and front-end shares.

All ``start``/``end`` values are code-point offsets into ``Document.text`` (end-exclusive);
``line``/``column`` are 1-based.  Stages only add to the model; they never rewrite the text.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator

from zongjie.record import field, record

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only: importing typing is 4 ms of a cold `zongjie check`
    from typing import Any, Literal

    Role = Literal["preamble", "achievements", "problems", "plans", "experience", "other"]

ROLES: tuple[str, ...] = ("preamble", "achievements", "problems", "plans", "experience", "other")


@record
class Span:
    """A span of the original text: ``text[start:end]``."""

    start: int
    end: int

    def to_dict(self) -> dict[str, int]:
        return {"start": self.start, "end": self.end}


@record
class Title:
    """The title block: organisation, summary year, plan year and document type."""

    text: str
    start: int
    end: int
    org: str | None = None
    summary_year: int | None = None
    plan_year: int | None = None
    doc_type: str | None = None  # annual-summary | half-year-summary | duty-report | government-work-report | plan
    subtitle: Span | None = None  # `——2026年1月25日在…会议上` or a `——…工作总结` subtitle line
    lines: list[Span] = field(default_factory=list)  # every line of the title block

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text, "start": self.start, "end": self.end, "org": self.org,
            "summary_year": self.summary_year, "plan_year": self.plan_year,
            "doc_type": self.doc_type,
            "subtitle": self.subtitle.to_dict() if self.subtitle else None,
        }


@record
class Item:
    """An inline enumeration marker (`一是`, `第二，`, `其次`) and the text it introduces."""

    marker: str
    number: int
    start: int  # marker span
    end: int
    line: int
    content_end: int = 0  # end of the item's text (up to the next item or paragraph end)
    style: str = "shi"  # shi (一是) | yao (一要) | ordinal (第一，) | sequence (首先/其次/最后) | qi (其一)

    def to_dict(self) -> dict[str, Any]:
        return {"marker": self.marker, "number": self.number, "start": self.start,
                "end": self.end, "line": self.line, "content_end": self.content_end,
                "style": self.style}


@record
class Section:
    """A node of the outline: a numbered heading, an unnumbered heading, or an implicit part."""

    role: str
    level: int
    marker: str | None
    number: int | None
    heading: str | None
    start: int
    end: int
    line: int
    children: list[Section] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    kind: str = "heading"  # heading | unnumbered | markdown | lead | implicit | preamble | appendix
    heading_start: int | None = None  # span of `heading` in the text
    heading_end: int | None = None
    body_start: int | None = None  # first offset after the heading text
    role_source: str = "rule"  # rule | inherited | model | position | cue

    def to_dict(self) -> dict[str, Any]:
        return {
            "role": self.role, "level": self.level, "marker": self.marker, "number": self.number,
            "heading": self.heading, "start": self.start, "end": self.end, "line": self.line,
            "kind": self.kind,
            "heading_span": (None if self.heading_start is None
                             else {"start": self.heading_start, "end": self.heading_end}),
            "children": [c.to_dict() for c in self.children],
            "items": [i.to_dict() for i in self.items],
        }

    def walk(self) -> Iterator[Section]:
        yield self
        for c in self.children:
            yield from c.walk()

    def own_ranges(self) -> list[tuple[int, int]]:
        """The node's own text: its body outside its children (a heading's text excluded; an
        implicit part or the preamble has no heading)."""
        start = self.start if self.kind in ("implicit", "preamble") or self.body_start is None else self.body_start
        out, pos = [], start
        for c in self.children:
            if c.start > pos:
                out.append((pos, c.start))
            pos = max(pos, c.end)
        if self.end > pos:
            out.append((pos, self.end))
        return out


@record
class Claim:
    """A quantitative claim: value (or range), unit, qualifier, subject and its sentence."""

    text: str
    start: int
    end: int
    value: float | None
    value_max: float | None
    unit: str
    qualifier: str | None
    placeholder: bool
    subject: str | None
    sentence: Span
    role: str | None = None

    def to_dict(self) -> dict[str, Any]:
        def num(v: float | None) -> float | int | None:
            return int(v) if v is not None and float(v).is_integer() else v
        return {"text": self.text, "start": self.start, "end": self.end, "value": num(self.value),
                "value_max": num(self.value_max), "unit": self.unit, "qualifier": self.qualifier,
                "placeholder": self.placeholder, "subject": self.subject,
                "sentence": self.sentence.to_dict(), "role": self.role}


@record
class Placeholder:
    """A placeholder left in a draft (``**``, ``XX``, ``X月X日``, ``【待补充】``) and the slot it holds."""

    text: str
    start: int
    end: int
    kind: str  # mask | xx | date | blank | bracket | moumou
    slot: str  # number | money | percent | date | name | text

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "kind": self.kind,
                "slot": self.slot}


@record(frozen=True)
class Fix:
    """A fix of a finding: replace ``text[start:end]`` with ``replacement`` (SPEC's ``fix`` object).

    ``safe`` fixes are mechanical and keep the meaning: ``check --fix`` applies them, tracked
    changes propose them.  An unsafe fix is only offered (an editor's quick fix).  A fix that
    touches several places is one span covering them (see ``zongjie.fixes.merged``)."""

    start: int
    end: int
    replacement: str
    safe: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "replacement": self.replacement, "safe": self.safe}

    def apply(self, text: str) -> str:
        return text[:self.start] + self.replacement + text[self.end:]


@record
class Finding:
    """One checker finding: rule code and name, severity, message and span (line/column 1-based)."""

    rule: str
    name: str
    severity: str  # error | warning | info
    message: str
    start: int
    end: int
    line: int = 0
    column: int = 0
    fix: Fix | None = None
    # what a rule knows beyond the message (e.g. the role a missing part has); never serialised
    data: dict[str, Any] = field(default_factory=dict, repr=False)
    downgrade: int = field(default=0, repr=False)  # severity steps below the rule's, set by the rule

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "name": self.name, "severity": self.severity,
                "message": self.message, "start": self.start, "end": self.end,
                "line": self.line, "column": self.column,
                "fix": self.fix.to_dict() if self.fix is not None else None}


class LineIndex:
    """Maps offsets to 1-based (line, column) and back, in code points.

    Lines are counted on the folded copy (``normalize.fold``), where ``\r``, ``\r\n``, U+2028,
    U+2029, U+0085, VT and FF all end a line as ``\n`` does: the same lines the segmenter splits, and
    for ``\r``/``\n``/``\r\n`` the lines an LSP client counts.  Pass ``folded`` when it is known."""

    def __init__(self, text: str, folded: str | None = None) -> None:
        if folded is None or len(folded) != len(text):
            from zongjie.normalize import fold

            folded = fold(text)
        text = folded
        starts = [0]
        i = text.find("\n")
        while i >= 0:  # str.find runs in C: a per-character loop was 10 ms on a 30k-character draft
            starts.append(i + 1)
            i = text.find("\n", i + 1)
        self.starts = starts
        self.length = len(text)

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset)

    def position(self, offset: int) -> tuple[int, int]:
        line = self.line_of(offset)
        return line, offset - self.starts[line - 1] + 1

    def line_span(self, line: int, text: str) -> tuple[int, int]:
        start = self.starts[line - 1]
        end = self.starts[line] - 1 if line < len(self.starts) else self.length
        if end > start and text[end - 1] == "\r":  # the \r of \r\n (a lone \r is the line end itself)
            end -= 1
        return start, end


@record
class Document:
    """A document and what the stages found in it; every span points into ``text``."""

    text: str
    file: str | None = None
    markdown: bool = False
    title: Title | None = None
    sections: list[Section] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    placeholders: list[Placeholder] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    template: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    # results of pipeline components beyond the SPEC fields (``align``, ``suggest``, ``errors``),
    # by component name: the next component reads them instead of computing them again
    store: dict[str, Any] = field(default_factory=dict, repr=False)
    _lines: LineIndex | None = field(default=None, repr=False)
    _folded: str | None = field(default=None, repr=False)

    @property
    def folded(self) -> str:
        """The same-length folded copy of the text (normalize.fold), computed once per document."""
        if self._folded is None or len(self._folded) != len(self.text):
            from zongjie.normalize import fold

            self._folded = fold(self.text)
        return self._folded

    @property
    def lines(self) -> LineIndex:
        if self._lines is None:
            self._lines = LineIndex(self.text, self.folded)
        return self._lines

    def walk(self) -> Iterator[Section]:
        for s in self.sections:
            yield from s.walk()

    def node_at(self, offset: int) -> Section | None:
        """The deepest node containing ``offset`` (SPEC: its role is the role at that offset)."""
        found: Section | None = None
        nodes = self.sections
        while True:
            for s in nodes:
                if s.start <= offset < s.end or (s.start == offset == s.end):
                    found = s
                    nodes = s.children
                    break
            else:
                return found

    def role_at(self, offset: int) -> str | None:
        node = self.node_at(offset)
        return node.role if node else None

    def outline_dict(self) -> dict[str, Any]:
        from zongjie import serialize

        return serialize.outline(self)

    def extract_dict(self) -> dict[str, Any]:
        from zongjie import serialize

        return serialize.extract(self)

    def to_dict(self) -> dict[str, Any]:
        from zongjie import serialize

        return serialize.document(self)
