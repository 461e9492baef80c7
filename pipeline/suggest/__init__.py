"""Suggestions: next-year plan items from the problem statements.

>>> import pipeline
>>> from zongjie.suggest import suggest
>>> doc = zongjie.structure(open("draft.txt", encoding="utf-8").read(), file="draft.txt")
>>> for p in suggest(doc, top=3):
...     print(p["text"], p["addressed_by"], [s["text"] for s in p["suggestions"]])

For every problem statement (``zongjie.matcher.problem_statements``) the result gives its span,
``addressed_by`` — the span of the plan item that already answers it (``zongjie.matcher.align``)
or ``None`` — and up to ``top`` suggestions ``{text, score, source}`` merged from

* the **index** of past reports (``source`` ``index:<document id>``): plan items that answered
  similar problems, and plan items that read like the problem (``zongjie.suggest.index``);
* the **rewrite** rules (``source`` ``rewrite``): the problem turned into its remedy
  (``zongjie.suggest.rewrite``);
* a local **model**, when one is given (``source`` ``model:<name>``; ``zongjie.suggest.neural``,
  imported only then).

``index``: ``None`` uses the index shipped in ``models/suggest_index``; a path loads one built by
``zongjie index``; a :class:`~zongjie.suggest.index.SuggestIndex` is used as it is; ``False``
uses none. ``model``: a path to a local transformers model, or an object with
``generate(problem, examples, n) -> list[str]`` and a ``name``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from zongjie.model import Document
from zongjie.suggest.rank import Candidate, bigrams, containment, merge
from zongjie.suggest.rewrite import rewrite

__all__ = ["suggest", "suggest_dict", "resolve_index", "resolve_model"]

# How candidates from each source are weighed before merging (see docs/suggest.md, tuned on the
# leave-one-out evaluation in bench/eval_suggest.py).
INDEX_K = 12
REWRITE_BASE, REWRITE_SPAN = 0.25, 0.35  # a rewrite scores 0.25–0.60 with the share of clauses it covers
MODEL_WEIGHT = 1.0


def resolve_index(index: Any) -> Any:
    from zongjie.suggest import index as ix

    if index is False:
        return None
    if index is None:
        return ix.default_index()
    if isinstance(index, (str, os.PathLike)):
        return ix.load_index(index)
    return index


def resolve_model(model: Any) -> Any:
    if model is None or model is False:
        return None
    if isinstance(model, (str, os.PathLike)):
        from zongjie.suggest.neural import NeuralSuggester

        return NeuralSuggester(model)
    return model


def _as_doc(doc: Document | str) -> Document:
    if isinstance(doc, Document):
        if not doc.sections and doc.text.strip():
            import zongjie

            return zongjie.structure(doc.text, file=doc.file, markdown=doc.markdown)
        return doc
    import zongjie

    return zongjie.structure(doc)


def candidates_for(problem: str, index: Any = None, model: Any = None, exclude_docs: Iterable[str] = (),
                   k: int = INDEX_K, model_n: int = 3, existing: Iterable[str] = ()) -> list[Candidate]:
    """Every candidate for one problem statement, before merging.

    The index is queried with the problem plus its rewrite (the remedy's verbs — 加快, 健全完善,
    补齐…短板 — are the words plan sentences use), which the leave-one-out evaluation favours.
    """
    cands: list[Candidate] = []
    hits: list[dict[str, Any]] = []
    rw = rewrite(problem)
    if index is not None:
        query = problem + "，" + rw.text if rw is not None else problem
        hits = index.search(query, k=k, exclude_docs=exclude_docs)
        for h in hits:
            cands.append(Candidate(h["text"], h["score"], f"index:{h['doc']}", {"route": h["route"]}))
    if rw is not None:
        text = _drop_known_parts(rw.text, existing)
        if text:
            cands.append(Candidate(text, REWRITE_BASE + REWRITE_SPAN * (rw.score - 0.3) / 0.45, "rewrite",
                                   {"rules": rw.rules, "reserve": True}))
    if model is not None:
        examples = [h["text"] for h in hits[:3]]
        for i, text in enumerate(model.generate(problem, examples=examples, n=model_n)):
            cands.append(Candidate(text, MODEL_WEIGHT * max(0.05, 0.5 - 0.05 * i), f"model:{model.name}",
                                   {"reserve": i == 0}))
    if not cands:
        fb = rewrite(problem, fallback=True)
        if fb is not None:
            cands.append(Candidate(fb.text, fb.score, "rewrite", {"rules": fb.rules}))
    return cands


def _drop_known_parts(text: str, existing: Iterable[str]) -> str:
    """Leave out the parts of a rewrite (``，``-joined remedies) the document's plan already says."""
    ex = [bigrams(e) for e in existing]
    if not ex:
        return text
    parts = [p for p in text.split("，") if not any(containment(bigrams(p), e) >= 0.85 for e in ex)]
    return "，".join(parts)


def suggest(doc: Document | str, top: int = 3, index: Any = None, model: Any = None,
            exclude_existing: bool = True, exclude_docs: Iterable[str] = ()) -> list[dict[str, Any]]:
    """The problems of ``doc`` with their ``addressed_by`` span and up to ``top`` suggestions."""
    from zongjie.matcher import align, plan_items, problem_statements

    d = _as_doc(doc)
    ix = resolve_index(index)
    mdl = resolve_model(model)
    probs = problem_statements(d)
    plans = plan_items(d)
    existing = [p.text for p in plans] if exclude_existing else []
    out = []
    for a in align(d, problems=probs, plans=plans):
        cands = candidates_for(a.problem.text, ix, mdl, exclude_docs=exclude_docs, existing=existing)
        picked = merge(cands, top=top, existing=existing, problem=a.problem.text)
        out.append({
            "text": a.problem.text, "start": a.problem.start, "end": a.problem.end,
            "addressed_by": {"start": a.plan.start, "end": a.plan.end} if a.plan else None,
            "suggestions": [c.to_dict() for c in picked],
        })
    return out


def suggest_dict(doc: Document | str, **kw: Any) -> dict[str, Any]:
    """The SPEC ``suggest --json`` object."""
    d = _as_doc(doc)
    return {"file": d.file, "problems": suggest(d, **kw)}
