"""The analysis the editors run, and its links to the other stages (no pygls, no FastAPI here).

Both front-ends (the LSP server and the web editor) analyse the text being edited with
``analyze_text``: the pipeline of ``zongjie.analyze`` with the line-memo extraction, recording a
component that fails on a half-typed draft instead of breaking the editor.  ``Analysis`` bundles the document with its position map
and caches the (slower) suggestions.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Any

from zongjie.linememo import LineMemo
from zongjie.model import Document, Finding

log = logging.getLogger("zongjie.editor")

# One memo for the editor process: every open document's lines, and a draft pasted twice into the
# web editor reads back.
EDITOR_MEMO = LineMemo()

def analyze_text(text: str, file: str | None = None, markdown: bool | None = None,
                 template: str | None = None, config: Any = None,
                 timings: dict[str, float] | None = None, full: bool = True,
                 memo: LineMemo | None = EDITOR_MEMO, previous: Document | None = None) -> Document:
    """The editors' pipeline: structure, extract (line by line through ``memo``, see
    ``zongjie.linememo``: after an edit only the changed lines are analysed again; ``memo=None``
    extracts from the whole text) and check.  A component that fails on a half-typed draft is
    recorded in ``doc.store["errors"]`` (and logged) instead of breaking the editor; the servers
    show it.  ``timings`` receives the seconds each component took; ``full=False`` stops after the
    outline (what completion needs; about a fifth of the time).  ``previous``: last year's
    document (``zongjie.previous.load_previous``), for ``plan-not-reported`` and
    ``problem-repeated``."""
    from zongjie.runner import Pipeline

    if not full:
        names: tuple[str, ...] = ("structure",)
    else:
        names = ("structure", "extract-lines" if memo is not None else "extract", "check")
    doc = Pipeline(names, errors="record", template=template, config=config, memo=memo,
                   previous=previous)(
        text, file=file, markdown=markdown, timings=timings)
    if timings is not None and "extract-lines" in timings:
        timings["extract"] = timings.pop("extract-lines")
    for stage, message in doc.store.get("errors", []):
        log.warning("%s: %s", stage, message)
    return doc


@dataclass
class Analysis:
    """One analysed version of a text."""

    text: str
    doc: Document
    version: int | None = None
    elapsed: float = 0.0
    template: str | None = None
    stages: dict[str, float] = field(default_factory=dict)
    full: bool = True  # False: outline only (no claims, placeholders, findings)
    previous: Document | None = None  # last year's document the findings were checked against
    _pos: Any = field(default=None, repr=False)
    _suggestions: dict[int, list[dict[str, Any]]] = field(default_factory=dict, repr=False)

    @classmethod
    def run(cls, text: str, file: str | None = None, markdown: bool | None = None,
            template: str | None = None, config: Any = None, version: int | None = None,
            full: bool = True, previous: Document | None = None) -> Analysis:
        t0 = time.perf_counter()
        stages: dict[str, float] = {}
        doc = analyze_text(text, file=file, markdown=markdown, template=template, config=config,
                           timings=stages, full=full, previous=previous)
        return cls(text=text, doc=doc, version=version, elapsed=time.perf_counter() - t0,
                   template=template, stages=stages, full=full, previous=previous)

    @property
    def pos(self):
        if self._pos is None:
            from zongjie.lsp.positions import PositionMap

            self._pos = PositionMap(self.text)
        return self._pos

    def suggestions(self, top: int = 3) -> list[dict[str, Any]]:
        """``zongjie.suggest`` for this text (computed once per ``top``)."""
        if top not in self._suggestions:
            self._suggestions[top] = suggest(self.doc, top=top)
        return self._suggestions[top]


# --------------------------------------------------------------------------- other stages


def suggest(doc: Document, top: int = 3) -> list[dict[str, Any]]:
    """``zongjie.suggest.suggest`` (SPEC dictionaries).  A failure is the request's error, shown
    to the user by the editor — never an empty list that looks like "no suggestions"."""
    from zongjie.suggest import suggest as _suggest

    return _suggest(doc, top=top)


def rule_doc(code_or_name: str) -> dict[str, str] | None:
    """The checker's documentation of a rule (by code or name):
    ``{"code", "name", "severity", "summary", "doc"}``, or None."""
    from zongjie.checker.registry import find_rule

    rule = find_rule(code_or_name)
    if rule is None:
        return None
    return {"code": rule.code, "name": rule.name, "severity": rule.severity,
            "summary": rule.summary, "doc": str(rule.doc).strip()}


def template_parts(doc: Document, template: str | None = None,
                   expected: bool = False) -> list[tuple[str, str]]:
    """The parts (role, heading) the document's template requires, in the template's order.

    With ``expected`` also the parts the template orders but does not require (the plans part of
    a summary whose title names no plan): what completion may offer.
    """
    from zongjie.checker.templates import choose
    from zongjie.errors import UsageError

    try:
        tpl = choose(doc, template or doc.template)
    except UsageError:  # a project's own template, unknown without its config: the title decides
        tpl = choose(doc, None)
    roles = list(tpl.required)
    if "plans" not in roles and tpl.plans_from_title and doc.title is not None and doc.title.plan_year:
        roles.append("plans")
    if expected:
        roles += [r for r in list(tpl.order) + list(tpl.recommended) if r not in roles]
    rank = {r: i for i, r in enumerate(tpl.order)}
    roles.sort(key=lambda r: rank.get(r, len(rank)))
    return [(r, tpl.heading(r)) for r in roles]


def findings_at(doc: Document, start: int, end: int) -> list[Finding]:
    """Findings whose span meets ``[start, end]`` (a zero-width finding at ``start`` counts)."""
    return [f for f in doc.findings if f.start <= end and f.end >= start]
