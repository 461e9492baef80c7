"""The analysis the editors run, and its links to the other stages (no pygls, no FastAPI here).

Both front-ends (the LSP server and the web editor) analyse the text being edited with
``analyze_text``: the same stages as ``zongjie.analyze`` but each one guarded, so a stage missing
from this install (checker, claims, suggester) or failing on a half-typed draft degrades the
result instead of breaking the editor.  ``Analysis`` bundles the document with its position map
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

ROLE_LABELS = {"preamble": "前言", "achievements": "工作成效", "problems": "存在问题",
               "plans": "工作计划", "experience": "经验体会", "other": "其他"}

# Fallback when the checker's template data are not installed: required parts, in order, with the
# heading a new part gets.
DEFAULT_TEMPLATES: dict[str, list[tuple[str, str]]] = {
    "annual-summary": [("achievements", "工作开展情况"), ("problems", "存在的问题"),
                       ("plans", "下一步工作计划")],
    "half-year-summary": [("achievements", "上半年工作开展情况"), ("problems", "存在的问题"),
                          ("plans", "下半年工作计划")],
    "duty-report": [("achievements", "履职情况"), ("problems", "存在的不足"),
                    ("plans", "下一步工作打算")],
    "government-work-report": [("achievements", "过去一年工作回顾"), ("plans", "今年工作安排")],
}
DEFAULT_HEADINGS = {"achievements": "工作开展情况", "problems": "存在的问题", "plans": "下一步工作计划",
                    "experience": "经验体会", "preamble": "前言", "other": "其他"}


def analyze_text(text: str, file: str | None = None, markdown: bool | None = None,
                 template: str | None = None, config: Any = None,
                 timings: dict[str, float] | None = None, full: bool = True,
                 memo: LineMemo | None = EDITOR_MEMO) -> Document:
    """``zongjie.analyze`` with every stage guarded (see the module doc).  ``timings``, if
    given, receives the seconds each stage took.  ``full=False`` stops after the outline (what
    completion needs; about a fifth of the time).  Placeholders and claims are read line by line
    through ``memo`` (see ``zongjie.linememo``): after an edit only the changed lines are
    analysed again; ``memo=None`` runs the stages on the whole text."""
    import zongjie

    t = time.perf_counter()
    times = timings if timings is not None else {}

    def lap(stage: str) -> None:
        nonlocal t
        now = time.perf_counter()
        times[stage] = now - t
        t = now

    doc = zongjie.structure(text, file=file, markdown=markdown)
    lap("structure")
    if not full:
        return doc
    try:
        if memo is not None:
            doc.placeholders, doc.claims = memo.extract(doc.text, markdown=doc.markdown)
        else:
            from zongjie.claims import find_claims
            from zongjie.placeholders import find_placeholders

            doc.placeholders = find_placeholders(doc.text, markdown=doc.markdown)
            doc.claims = find_claims(doc.text, doc.placeholders)
        for c in doc.claims:
            c.role = doc.role_at(c.start)
    except Exception as e:  # noqa: BLE001 - an editor must survive a failing stage
        log.warning("extract: %s", e)
    lap("extract")
    try:
        from zongjie.checker import check
    except ImportError:
        check = None
    if check is not None:
        try:
            check(doc, template=template, config=config)
        except Exception as e:  # noqa: BLE001
            log.warning("check: %s", e)
    lap("check")
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
    _pos: Any = field(default=None, repr=False)
    _suggestions: dict[int, list[dict[str, Any]]] = field(default_factory=dict, repr=False)

    @classmethod
    def run(cls, text: str, file: str | None = None, markdown: bool | None = None,
            template: str | None = None, config: Any = None, version: int | None = None,
            full: bool = True) -> Analysis:
        t0 = time.perf_counter()
        stages: dict[str, float] = {}
        doc = analyze_text(text, file=file, markdown=markdown, template=template, config=config,
                           timings=stages, full=full)
        return cls(text=text, doc=doc, version=version, elapsed=time.perf_counter() - t0,
                   template=template, stages=stages, full=full)

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


def _get(obj: Any, key: str, default: Any = None) -> Any:
    if isinstance(obj, dict):
        return obj.get(key, default)
    return getattr(obj, key, default)


def _span(obj: Any) -> dict[str, int] | None:
    if obj is None:
        return None
    s, e = _get(obj, "start"), _get(obj, "end")
    if s is None or e is None:
        return None
    return {"start": int(s), "end": int(e)}


def suggest(doc: Document, top: int = 3) -> list[dict[str, Any]]:
    """``zongjie.suggest.suggest`` as plain SPEC dictionaries; ``[]`` if the suggester is absent
    or fails."""
    try:
        from zongjie.suggest import suggest as _suggest
    except ImportError:
        return []
    try:
        res = _suggest(doc, top=top)
    except Exception as e:  # noqa: BLE001
        log.warning("suggest: %s", e)
        return []
    if isinstance(res, dict):
        res = res.get("problems", [])
    elif hasattr(res, "problems") and not isinstance(res, (list, tuple)):
        res = res.problems
    out: list[dict[str, Any]] = []
    for p in res or []:
        if hasattr(p, "to_dict") and not isinstance(p, dict):
            p = p.to_dict()
        sugg = []
        for s in _get(p, "suggestions", None) or []:
            if hasattr(s, "to_dict") and not isinstance(s, dict):
                s = s.to_dict()
            txt = _get(s, "text")
            if txt:
                sugg.append({"text": str(txt), "score": float(_get(s, "score", 0.0) or 0.0),
                             "source": str(_get(s, "source", "rewrite") or "rewrite")})
        out.append({"text": str(_get(p, "text", "")), "start": int(_get(p, "start", 0) or 0),
                    "end": int(_get(p, "end", 0) or 0),
                    "addressed_by": _span(_get(p, "addressed_by")), "suggestions": sugg})
    return out


def rule_doc(code_or_name: str) -> dict[str, str] | None:
    """The checker's documentation of a rule (by code or name):
    ``{"code", "name", "severity", "summary", "doc"}``, or None."""
    try:
        from zongjie.checker.registry import find_rule

        rule = find_rule(code_or_name)
    except Exception:  # noqa: BLE001 - checker not installed
        return None
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
    tpl = None
    try:
        from zongjie.checker.templates import choose
    except ImportError:  # checker not installed
        choose = None
    if choose is not None:
        for name in (template or doc.template, None):
            try:
                tpl = choose(doc, name)
                break
            except Exception:  # noqa: BLE001 - a project template unknown without its config
                continue
    if tpl is None:
        name = template or (doc.title.doc_type if doc.title else None) or "annual-summary"
        return list(DEFAULT_TEMPLATES.get(name) or DEFAULT_TEMPLATES["annual-summary"])
    roles = list(tpl.required)
    if "plans" not in roles and tpl.plans_from_title and doc.title is not None and doc.title.plan_year:
        roles.append("plans")
    if expected:
        roles += [r for r in list(tpl.order) + list(tpl.recommended) if r not in roles]
    rank = {r: i for i, r in enumerate(tpl.order)}
    roles.sort(key=lambda r: rank.get(r, len(rank)))
    return [(r, _heading(tpl.labels.get(r) or DEFAULT_HEADINGS.get(r, r))) for r in roles]


def _heading(label: str) -> str:
    """A heading from a template label: `工作开展情况（主要成绩）` → `工作开展情况`."""
    import re

    return re.sub(r"[（(][^）)]*[）)]", "", label).strip() or label


def findings_at(doc: Document, start: int, end: int) -> list[Finding]:
    """Findings whose span meets ``[start, end]`` (a zero-width finding at ``start`` counts)."""
    return [f for f in doc.findings if f.start <= end and f.end >= start]
