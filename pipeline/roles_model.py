"""Plain-Python scorer for the paragraph-role model in models/roles.json (no scikit-learn at run time)."""

from __future__ import annotations

import json
import math
from functools import lru_cache

from zongjie.datafiles import models_dir


@lru_cache(maxsize=1)
def _model() -> dict | None:
    try:
        raw = (models_dir() / "roles.json").read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError, OSError):
        return None
    return json.loads(raw)


def available() -> bool:
    return _model() is not None


def predict_proba(text: str) -> dict[str, float]:
    """Role probabilities for a paragraph (same maths as sklearn's TfidfVectorizer + LogisticRegression)."""
    m = _model()
    if m is None:
        return {}
    vocab, idf = m["vocab"], m["idf"]
    lo, hi = m["ngram_range"]
    counts: dict[int, int] = {}
    for n in range(lo, hi + 1):
        for i in range(len(text) - n + 1):
            j = vocab.get(text[i:i + n])
            if j is not None:
                counts[j] = counts.get(j, 0) + 1
    feats = {j: (1.0 + math.log(c)) * idf[j] for j, c in counts.items()}
    norm = math.sqrt(sum(v * v for v in feats.values())) or 1.0
    scores = []
    for row, b in zip(m["coef"], m["intercept"]):
        scores.append(b + sum(row[j] * v / norm for j, v in feats.items()))
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    z = sum(exps)
    return {c: e / z for c, e in zip(m["classes"], exps)}
