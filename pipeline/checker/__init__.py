"""The completeness linter behind ``zongjie check`` (and the LSP's diagnostics).

``check(doc, template=None, config=None)`` runs every enabled rule on an analysed document
(``zongjie.analyze`` has filled the outline, claims and placeholders), applies the project's
severities, inline suppressions and positions, and sets ``doc.findings`` and ``doc.template``.

Rules: metadata in ``pipeline/data/rules.toml`` (see :mod:`zongjie.checker.registry`), checks
in ``rules_*.py``.  Precision first (宁可漏报，不可误报): a clean, complete document gets no error.
"""

from __future__ import annotations

from zongjie.checker.config import Config, resolve
from zongjie.checker.registry import SEVERITIES, SEVERITY_RANK, Rule, find_rule, load_rules
from zongjie.checker.templates import Template, choose, doc_type_of, expected_years
from zongjie.model import Document, Finding, Fix, Section
from zongjie.serialize import summary

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only: importing typing is 4 ms of a cold `zongjie check`
    from typing import Any

__all__ = ["check", "check_text", "Ctx", "Config", "load_rules", "find_rule", "summary",
           "SEVERITIES", "SEVERITY_RANK"]


class Ctx:
    """What a rule function sees: the document, its template and config, and ``emit``."""

    def __init__(self, doc: Document, template: Template, config: Config) -> None:
        self.doc = doc
        self.text = doc.text
        self.folded = doc.folded
        self.template = template
        self.config = config
        self.summary_year, self.plan_year, self.names_plan = expected_years(doc, template)
        self.doc_type = doc_type_of(doc)  # the genre the title names (independent of --template)
        self.rules = load_rules()
        self.findings: list[Finding] = []
        self._cache: dict[str, Any] = {}
        self.rule: Rule | None = None

    # -- helpers shared by rule modules ------------------------------------------------------
    def cached(self, key: str, make: Any) -> Any:
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]

    def option(self, key: str, default: Any = None) -> Any:
        assert self.rule is not None
        v = self.config.option(self.rule.name, key)
        if v is None:
            v = self.rule.options.get(key, default)
        return v

    def nodes(self) -> list[Section]:
        """Every outline node that is part of the body (appendix lists excluded)."""
        return self.cached("nodes", lambda: [n for n in self.doc.walk() if n.kind != "appendix"])

    def emit(self, name: str, start: int, end: int, key: str = "default", *, downgrade: int = 0,
             fix: Fix | None = None, data: dict[str, Any] | None = None, **fields: Any) -> None:
        rule = self.rules[name]
        f = Finding(rule=rule.code, name=rule.name, severity=rule.severity,
                    message=rule.message(key, **fields), start=start, end=max(end, start), fix=fix,
                    data=data or {}, downgrade=downgrade)
        self.findings.append(f)


def _enabled(rule: Rule, cfg: Config) -> bool:
    if rule.name in cfg.disable:
        return False
    return rule.enabled or rule.name in cfg.enable


def _lower(sev: str, steps: int) -> str:
    i = SEVERITIES.index(sev) + max(0, steps)
    return SEVERITIES[min(i, len(SEVERITIES) - 1)]


def check(doc: Document, template: str | None = None, config: object | None = None) -> list[Finding]:
    """Run the checker on ``doc``; returns (and stores in ``doc.findings``) the findings."""
    from zongjie.checker import suppress

    cfg = resolve(config, doc.file)
    tpl = choose(doc, template, cfg.templates, cfg.template)
    ctx = Ctx(doc, tpl, cfg)
    for rule in ctx.rules.values():
        if rule.func is None or not _enabled(rule, cfg):
            continue
        ctx.rule = rule
        rule.func(ctx)
    ctx.rule = None
    sup = suppress.parse(doc.text, markdown=doc.markdown)
    out: list[Finding] = []
    seen: set[tuple[str, int, int, str]] = set()
    for f in ctx.findings:
        key = (f.name, f.start, f.end, f.message)
        if key in seen:
            continue
        seen.add(key)
        base = cfg.severity.get(f.name, ctx.rules[f.name].severity)
        f.severity = _lower(base, f.downgrade)
        f.line, f.column = doc.lines.position(min(f.start, len(doc.text)))
        if sup and sup.suppressed(f.line, f.name, f.rule):
            continue
        out.append(f)
    out.sort(key=lambda f: (f.start, -SEVERITY_RANK[f.severity], f.rule))
    doc.findings = out
    doc.template = tpl.name
    return out


def check_text(text: str, file: str | None = None, markdown: bool | None = None,
               template: str | None = None, config: object | None = None,
               meta: dict[str, Any] | None = None, previous: Document | str | None = None) -> Document:
    """Structure + extract + check, for one text (``previous``: last year's document or its text,
    for ``plan-not-reported`` and ``problem-repeated``). Returns the document."""
    from zongjie.runner import ANALYZE, pipeline

    if isinstance(previous, str):
        previous = pipeline(("structure", "extract"))(previous)
    return pipeline(ANALYZE, template=template, config=config, previous=previous)(
        text, file=file, markdown=markdown, meta=meta)
