"""Merging suggestion candidates from the index, the rewrite rules and a model.

Near-duplicates (character-bigram Jaccard ≥ ``dup``, or one candidate's bigrams almost all inside
a better one's) are dropped, and so is anything the document's own plan already says. Scores are
clipped to [0, 1]. Standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from zongjie import rx
from zongjie.normalize import fold

__all__ = ["Candidate", "bigrams", "jaccard", "containment"]

_RE_KEEP = rx.compile(r"[0-9A-Za-z\u3400-\u9fff\uf900-\ufaff%]+")


@dataclass
class Candidate:
    text: str
    score: float
    source: str  # rewrite | index:<document id> | model:<name>
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "score": round(max(0.0, min(1.0, self.score)), 3), "source": self.source}


@lru_cache(maxsize=65536)
def bigrams(s: str) -> frozenset[str]:
    """The character bigrams of ``s``'s runs of letters and digits (a run of one: itself), folded;
    cached: a document's plan items, and the archive's measures, are compared again and again."""
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
