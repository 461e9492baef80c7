"""Merging suggestion candidates from the index, the rewrite rules and a model.

Near-duplicates (character-bigram Jaccard ≥ ``dup``, or one candidate's bigrams almost all inside
a better one's) are dropped, and so is anything the document's own plan already says. Scores are
clipped to [0, 1]. Standard library only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from zongjie.normalize import fold

__all__ = ["Candidate", "bigrams", "jaccard", "containment", "merge"]

_RE_KEEP = re.compile(r"[0-9A-Za-z\u3400-\u9fff\uf900-\ufaff%]+")


@dataclass
class Candidate:
    text: str
    score: float
    source: str  # rewrite | index:<document id> | model:<name>
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "score": round(max(0.0, min(1.0, self.score)), 3), "source": self.source}


def bigrams(s: str) -> frozenset[str]:
    out = set()
    for m in _RE_KEEP.finditer(fold(s)):
        r = m.group(0)
        if len(r) == 1:
            out.add(r)
        out.update(r[i:i + 2] for i in range(len(r) - 1))
    return frozenset(out)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def containment(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of ``a``'s bigrams found in ``b``."""
    return len(a & b) / len(a) if a else 0.0


def merge(candidates: Iterable[Candidate], top: int = 3, existing: Iterable[str] = (),
          dup: float = 0.6, existing_dup: float = 0.6, problem: str | None = None) -> list[Candidate]:
    """The ``top`` best candidates, without near-duplicates or what the document already contains."""
    ex = [bigrams(e) for e in existing if e]
    prob = bigrams(problem) if problem else None
    kept: list[tuple[Candidate, frozenset[str]]] = []
    for c in sorted(candidates, key=lambda c: (-c.score, len(c.text))):
        text = c.text.strip()
        if len(text) < 4:
            continue
        bg = bigrams(text)
        if not bg:
            continue
        if prob is not None and jaccard(bg, prob) >= 0.8:
            continue  # the problem echoed back is no plan
        if any(jaccard(bg, e) >= existing_dup or containment(bg, e) >= 0.85 for e in ex):
            continue
        # a candidate that says nothing a better one does not is dropped; one that says more stays
        if any(jaccard(bg, k) >= dup or containment(bg, k) >= 0.85 for _, k in kept):
            continue
        c.score = max(0.0, min(1.0, c.score))
        c.text = text
        kept.append((c, bg))
    # The best candidate of each source marked `reserve` (the rewrite, the model's first) keeps a
    # place in the top list when there are at least two places: it is the one suggestion that
    # keeps the problem's own topic, whatever the archive holds.
    out = [c for c, _ in kept[:top]]
    if top >= 2:
        for c, _ in kept[top:]:
            if c.extra.get("reserve") and not any(o.source == c.source for o in out):
                drop = next((o for o in reversed(out) if not o.extra.get("reserve")), None)
                if drop is not None:
                    out.remove(drop)
                    out.append(c)
    return sorted(out, key=lambda c: -c.score)
