"""Follow-through: which plan items of an organisation's report for year Y reappear in the
achievements of its report on year Y (``plan_year`` of one = ``summary_year`` of the other).

Each plan item is compared with the achievements sentences of the later report using
``zongjie.matcher.similarity`` (on the 5 sentences sharing the most character bigrams with it);
the best score ≥ THRESHOLD counts as followed through."""

from __future__ import annotations

import re
from collections import defaultdict

THRESHOLD = 0.35
CANDIDATES = 5
_SENT = re.compile(r"[^。；;！？!?\n]+")


def sentences(paragraphs: list[str]) -> list[str]:
    out = []
    for p in paragraphs:
        for m in _SENT.finditer(p):
            s = m.group(0).strip(" \u3000，,：:、")
            if len(s) >= 6:
                out.append(s)
    return out


def _bigrams(s: str) -> set[str]:
    return {s[i:i + 2] for i in range(len(s) - 1)}


def match_items(plans: list[tuple[int, str]], sents: list[str], threshold: float = THRESHOLD) -> list[dict]:
    """Best achievements sentence for each (plan_id, text)."""
    from zongjie.matcher import similarity

    index: dict[str, list[int]] = defaultdict(list)
    for j, s in enumerate(sents):
        for g in _bigrams(s):
            index[g].append(j)
    out = []
    for pid, text in plans:
        hits: dict[int, int] = defaultdict(int)
        for g in _bigrams(text or ""):
            for j in index.get(g, ()):
                hits[j] += 1
        best, best_s = 0.0, None
        for j in sorted(hits, key=lambda j: (-hits[j], j))[:CANDIDATES]:
            sc = similarity(text, sents[j])
            if sc > best:
                best, best_s = sc, sents[j]
        out.append({"plan_id": pid, "plan_text": text, "score": round(float(best), 4),
                    "best_match": best_s, "followed": best >= threshold})
    return out


def pairs(docs: list[dict]) -> list[tuple[str, str, str, int]]:
    """(org, plan_doc_id, result_doc_id, plan_year): one representative report (smallest doc_id)
    per organisation and year on each side."""
    plan_rep: dict[tuple[str, int], str] = {}
    res_rep: dict[tuple[str, int], str] = {}
    for d in sorted(docs, key=lambda d: d["doc_id"]):
        org = d.get("org")
        if not org:
            continue
        if d.get("plan_year") is not None:
            plan_rep.setdefault((org, int(d["plan_year"])), d["doc_id"])
        if d.get("summary_year") is not None:
            res_rep.setdefault((org, int(d["summary_year"])), d["doc_id"])
    out = []
    for (org, y), pdoc in sorted(plan_rep.items()):
        rdoc = res_rep.get((org, y))
        if rdoc and rdoc != pdoc:
            out.append((org, pdoc, rdoc, y))
    return out
