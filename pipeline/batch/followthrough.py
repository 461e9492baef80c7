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


def match_pair(plans: list[tuple[int, str]], paragraphs: list[str]) -> list[dict]:
    """The rows of one report pair: its plan items against the later report's achievements
    paragraphs (a top-level function: the output phase runs pairs on worker processes)."""
    return match_items(plans, sentences(paragraphs))


def parallel_map(fn, jobs, workers: int, inflight: int = 4):
    """``map(fn, jobs)`` in order, on ``workers`` processes (forkserver) with at most
    ``inflight`` jobs per worker submitted ahead; inline when ``workers`` < 2.  The pool is
    started at the second job, so an archive with one pair to match starts no process."""
    from collections import deque

    it = iter(jobs)
    first = next(it, None)
    if first is None:
        return
    second = next(it, None)
    if workers < 2 or second is None:
        yield fn(*first)
        if second is not None:
            yield fn(*second)
        for job in it:
            yield fn(*job)
        return
    import itertools
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    ctx = mp.get_context("forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn")
    with ProcessPoolExecutor(workers, mp_context=ctx) as pool:
        queue: deque = deque()
        for job in itertools.chain([first, second], it):
            queue.append(pool.submit(fn, *job))
            if len(queue) >= workers * inflight:
                yield queue.popleft().result()
        while queue:
            yield queue.popleft().result()
