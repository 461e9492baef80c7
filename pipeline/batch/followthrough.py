"""Follow-through: which plan items of an organisation's report for year Y reappear in the
achievements of its report on year Y (``plan_year`` of one = ``summary_year`` of the other).

Each plan item is compared with the achievements sentences of the later report by
``zongjie.previous.best_matches`` (the matcher of ``check --previous``); the best score ≥
THRESHOLD counts as followed through."""

from __future__ import annotations

import re

from zongjie.previous import THRESHOLD

_SENT = re.compile(r"[^。；;！？!?\n]+")


def sentences(paragraphs: list[str]) -> list[str]:
    out = []
    for p in paragraphs:
        for m in _SENT.finditer(p):
            s = m.group(0).strip(" \u3000，,：:、")
            if len(s) >= 6:
                out.append(s)
    return out


def match_items(plans: list[tuple[int, str]], sents: list[str], threshold: float = THRESHOLD) -> list[dict]:
    """Best achievements sentence for each (plan_id, text) (``zongjie.previous.best_matches``)."""
    from zongjie.previous import best_matches

    out = []
    for (pid, text), (j, score) in zip(plans, best_matches([t or "" for _, t in plans], sents)):
        out.append({"plan_id": pid, "plan_text": text, "score": score,
                    "best_match": sents[j] if j is not None else None, "followed": score >= threshold})
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
