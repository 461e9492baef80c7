"""Rule-based rewriting of a problem statement into a plan item.

A problem is cut into clauses (``，``/``；``); a clause that ends in a negative predicate is turned
into its remedy, keeping the clause's topic phrase — ``统战工作的覆盖面还不够广`` →
``扩大统战工作覆盖面``, ``信息化建设滞后`` → ``加快信息化建设``, ``有关部门、团体的优势作用还有待
进一步发挥`` → ``充分发挥有关部门、团体的优势作用``. The rules (pattern, template, examples) are data:
``pipeline/data/rewrite.json``. Standard library only.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from zongjie import rx
from zongjie.normalize import fold

__all__ = ["Rewrite", "rewrite", "rewrite_clause", "rewrite_clause_wordings", "rules"]


@dataclass
class Rewrite:
    text: str
    score: float  # share of the problem's clauses that a rule turned into a remedy, mapped to [0.3, 0.75]
    rules: list[str]
    clauses: int


@dataclass
class _Rule:
    id: str
    rx: re.Pattern[str]
    template: str
    alternates: list[str]  # other wordings, in order, for a caller that rejects the first
    requires: re.Pattern[str] | None
    rejects: re.Pattern[str] | None
    strip_suffix: re.Pattern[str] | None
    examples: list[tuple[str, str]]


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    raw = json.loads(resources.files("zongjie").joinpath("data/rewrite.json").read_text("utf-8"))
    h, q = raw["hedge"], raw["degree"]
    out_rules = []
    for r in raw["rules"]:
        pat = r["pattern"].replace("{H}", h).replace("{Q}", q)
        out_rules.append(_Rule(
            id=r["id"], rx=rx.compile(pat), template=r["template"], alternates=list(r.get("alternates", [])),
            requires=rx.compile(r["requires"]) if r.get("requires") else None,
            rejects=rx.compile(r["rejects"]) if r.get("rejects") else None,
            strip_suffix=rx.compile(r["strip_topic_suffix"]) if r.get("strip_topic_suffix") else None,
            examples=[(a, b) for a, b in r.get("examples", [])]))
    return {
        "rules": out_rules,
        "hedge_tail": rx.compile("(?:" + h[3:-2] + ")+$") if h.startswith("(?:") else rx.compile(h + "$"),
        "quant": rx.compile(raw["quantifiers"]),
        "inner_quant": rx.compile(raw["inner_quantifiers"]),
        "reject": rx.compile(raw["topic_reject"]),
        "tail": rx.compile(raw["topic_strip_tail"]),
        "conn": rx.compile(raw["connectors"]),
        "drop": [rx.compile(p) for p in raw["drop_clause"]],
        "fallback": raw["fallback"],
    }


def rules() -> list[_Rule]:
    return _data()["rules"]


_SPLIT = rx.compile(r"[，,；;。！!？?]")
_TRIM = " \t\n\u3000，,；;。：:、"


def _clean_topic(topic: str) -> str:
    d = _data()
    t = topic.strip(_TRIM)
    for _ in range(3):
        t0 = t
        t = d["conn"].sub("", t).strip(_TRIM)
        t = d["quant"].sub("", t).strip(_TRIM)
        t = d["inner_quant"].sub("", t)  # 政府系统一些干部创新意识 → 政府系统干部创新意识
        t = d["hedge_tail"].sub("", t).strip(_TRIM)
        t = d["tail"].sub("", t).strip(_TRIM)
        t = re.sub(r"的$", "", t)
        if t == t0:
            break
    return t


def _match(clause: str) -> tuple[_Rule, dict[str, str]] | None:
    d = _data()
    c = fold(clause).strip(_TRIM)
    c = d["conn"].sub("", c).strip(_TRIM)
    if len(c) < 3 or any(rx.search(c) for rx in d["drop"]):
        return None
    for r in d["rules"]:
        m = r.rx.match(c)
        if not m:
            continue
        topic = _clean_topic(m.group("topic"))
        if r.requires is not None and not r.requires.search(topic):
            continue
        if d["reject"].search(topic):  # the topic still holds a predicate: the cut is wrong
            continue
        if r.strip_suffix is not None:
            topic = r.strip_suffix.sub("", topic).strip(_TRIM)
        if r.rejects is not None and r.rejects.search(topic):
            continue
        if len(topic) < 2:
            continue
        groups = {k: (v or "") for k, v in m.groupdict().items()}
        groups["topic"] = topic
        return r, groups
    return None


def rewrite_clause(clause: str) -> tuple[str, str] | None:
    """The remedy for one clause and the id of the rule that made it, or ``None``."""
    wordings = rewrite_clause_wordings(clause)
    return wordings[0] if wordings else None


def rewrite_clause_wordings(clause: str) -> list[tuple[str, str]]:
    """The remedy for one clause in the rule's template and then in its ``alternates`` (a caller
    that finds the first wording unfit — the sentence classifier reading it as a problem — takes
    the next), each with the rule's id; ``[]`` when no rule reads the clause."""
    hit = _match(clause)
    if hit is None:
        return []
    r, groups = hit
    return [(t.format(**groups), r.id) for t in (r.template, *r.alternates)]


def rewrite(problem: str, max_parts: int = 3, fallback: bool = False) -> Rewrite | None:
    """One plan item for a problem statement: the remedies of its clauses joined by ``，``.

    Clauses the same rule rewrites share one remedy (``补齐A和B方面的短板``). ``None`` when no
    clause has a known negative predicate (unless ``fallback``: then the stock 整改 sentence of
    ``rewrite.json`` naming the problem's first clause, with a low score).
    """
    clauses = [c for c in _SPLIT.split(problem) if len(c.strip(_TRIM)) >= 2]
    hits: list[tuple[_Rule, dict[str, str]]] = []
    for c in clauses:
        h = _match(c)
        if h is not None:
            for r0, g0 in hits:  # same rule, same other slots: join the topics
                if r0.id == h[0].id and {k: v for k, v in g0.items() if k != "topic"} == \
                        {k: v for k, v in h[1].items() if k != "topic"}:
                    if h[1]["topic"] not in g0["topic"]:
                        g0["topic"] = g0["topic"] + "和" + h[1]["topic"]
                    break
            else:
                hits.append((h[0], dict(h[1])))
    if hits:
        remedies = []
        for r, g in hits:
            t = r.template.format(**g)
            if t not in remedies:
                remedies.append(t)
        n_hit = sum(1 for c in clauses if _match(c) is not None)
        share = n_hit / max(1, len(clauses))
        return Rewrite("，".join(remedies[:max_parts]), round(0.3 + 0.45 * min(1.0, share), 4),
                       [r.id for r, _ in hits][:max_parts], len(clauses))
    if fallback and clauses:
        fb = _data()["fallback"]
        topic = _clean_topic(clauses[0])[: int(fb["max_topic"])]
        if len(topic) >= 2:
            return Rewrite(fb["template"].format(topic=f"“{topic}”"), 0.15, ["fallback"], len(clauses))
    return None
