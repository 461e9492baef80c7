"""The rule registry: metadata as data (``data/rules.toml``), checks as Python functions.

Like ruff and Vale, a rule's *identity* (stable ``ZJ…`` code, name, default severity, message
templates, documentation and must-hit / must-pass examples) lives in a data file; a module only
binds a function to the name with :func:`implements`.  The test suite runs every rule's examples.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from zongjie.datafiles import DATA, load_toml
from zongjie.record import field, record

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only: importing typing is 4 ms of a cold `zongjie check`
    from typing import Any

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3}
# How binding a rule's source is: a party/state regulation, a national standard (GB/T), another
# published norm (dictionaries, 语言文字规范), or house practice.  `.zongjie.toml` can disable a tier.
TIERS = ("条例", "国标", "标准", "实务")
# rules.toml first, then the files of later rule series (same schema; codes must not collide)
RULE_FILES = ("rules.toml", "rules_language.toml")



@record
class Example:
    """A must-hit or must-pass example of a rule (run by the test suite)."""

    text: str
    template: str | None = None
    lines: list[int] = field(default_factory=list)  # must-hit: a finding on each of these lines
    markdown: bool = False
    config: dict[str, Any] = field(default_factory=dict)
    previous: str | None = None  # last year's document, for the rules of `check --previous`


@record
class Rule:
    """A checker rule: stable code, name, default severity, messages, documentation and function."""

    code: str
    name: str
    severity: str
    category: str
    summary: str
    doc: str
    source: str
    messages: dict[str, str]
    tier: str = "实务"
    options: dict[str, Any] = field(default_factory=dict)
    needs: list[str] = field(default_factory=list)  # pipeline modules the examples need
    enabled: bool = True
    hit: list[Example] = field(default_factory=list)
    pass_: list[Example] = field(default_factory=list)
    func: Callable[..., None] | None = None

    def message(self, key: str = "default", **fields: Any) -> str:
        tpl = self.messages.get(key) or self.messages["default"]
        return tpl.format(**fields)

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name, "severity": self.severity,
                "category": self.category, "summary": self.summary, "doc": self.doc.strip(),
                "source": self.source, "tier": self.tier, "enabled": self.enabled, "options": self.options,
                "examples": {"hit": [e.text for e in self.hit], "pass": [e.text for e in self.pass_]}}


_FUNCS: dict[str, Callable[..., None]] = {}
RULE_MODULES = ("rules_structure", "rules_numbering", "rules_content", "rules_heuristics", "rules_language",
                "rules_previous")


def implements(name: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Bind a check function ``f(ctx)`` to the rule called ``name`` in rules.toml."""

    def deco(f: Callable[..., None]) -> Callable[..., None]:
        _FUNCS[name] = f
        return f

    return deco


def _tier(r: dict[str, Any]) -> str:
    """The declared tier, else the one the source starts with (rules.toml predates the field)."""
    t = r.get("tier")
    if t is None:
        src = str(r.get("source", ""))
        t = "国标" if src.startswith("GB") else next((x for x in TIERS if src.startswith(x)), "实务")
    if t not in TIERS:
        raise ValueError(f"{r['name']}: bad tier {t!r} (expected one of {', '.join(TIERS)})")
    return t


def _examples(raw: list[dict[str, Any]]) -> list[Example]:
    return [Example(text=e["text"], template=e.get("template"), lines=list(e.get("lines", [])),
                    markdown=bool(e.get("markdown", False)), config=dict(e.get("config", {})),
                    previous=e.get("previous"))
            for e in raw]


@lru_cache(maxsize=1)
def load_rules() -> dict[str, Rule]:
    """All rules by name, in code order, each bound to its function."""
    import importlib

    raw = [r for f in RULE_FILES for r in load_toml(DATA / f)["rule"]]
    rules: dict[str, Rule] = {}
    for r in sorted(raw, key=lambda r: r["code"]):
        if r["severity"] not in SEVERITIES:
            raise ValueError(f"rules.toml: {r['name']}: bad severity {r['severity']!r}")
        rules[r["name"]] = Rule(
            code=r["code"], name=r["name"], severity=r["severity"], category=r["category"],
            summary=r["summary"], doc=r["doc"], source=r.get("source", "实务"), tier=_tier(r),
            messages=dict(r["messages"]), options=dict(r.get("options", {})),
            needs=list(r.get("needs", [])), enabled=bool(r.get("enabled", True)),
            hit=_examples(r.get("hit", [])), pass_=_examples(r.get("pass", [])))
    for mod in RULE_MODULES:
        importlib.import_module(f"zongjie.checker.{mod}")
    for name, f in _FUNCS.items():
        if name not in rules:
            raise ValueError(f"rule function for unknown rule {name!r}")
        rules[name].func = f
    return rules


def find_rule(key: str) -> Rule | None:
    """A rule by name or code (case-insensitive)."""
    rules = load_rules()
    k = key.strip()
    if k in rules:
        return rules[k]
    for r in rules.values():
        if r.code.lower() == k.lower() or r.name.lower() == k.lower():
            return r
    return None
