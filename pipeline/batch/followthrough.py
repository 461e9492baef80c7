"""Follow-through: which plan items of an organisation's report for year Y reappear in the
achievements of its report on year Y (``plan_year`` of one = ``summary_year`` of the other).

Each plan item is compared with the achievements sentences of the later report by
``zongjie.previous.best_matches`` (the matcher of ``check --previous``); the best score ≥
THRESHOLD counts as followed through."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence

import numpy as np
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
    """Best achievements sentence for each (plan_id, text) (``zongjie.previous.best_matches``,
    the candidates it need not score found by :func:`ngram_bounds`)."""
    from zongjie.previous import best_matches

    out = []
    for (pid, text), (j, score) in zip(plans, best_matches([t or "" for _, t in plans], sents, ngram_bounds)):
        out.append({"plan_id": pid, "plan_text": text, "score": score,
                    "best_match": sents[j] if j is not None else None, "followed": score >= threshold})
    return out


BOUND_BLOCK = 128  # units whose bounds are computed together (a block is BOUND_BLOCK × candidates floats)
SLACK = 1e-9  # relative margin of the bounds over the rounding of a different order of operations


def ngram_bounds(units: list[str], sents: list[str]) -> Callable[[int, list[int]], list[float]]:
    """``bound(u, ids)``: upper bounds of ``matcher.similarity(units[u], cand)`` for the
    candidates ``ids`` (``a``: sentence ``a``; ``len(sents) + a``: sentences ``a`` and ``a + 1``
    joined by ``，``), for ``previous.best_matches`` to skip the candidates that cannot beat its
    best one.

    They are ``matcher.similarity_bound`` for every unit and candidate at once: the n-gram set
    intersections of the similarity are products of sparse 0/1 matrices (units × n-grams by
    n-grams × candidates), the arithmetic is done on arrays (in another order: raised by a
    relative ``SLACK``, far more than the rounding differences).  The bounds are computed
    ``BOUND_BLOCK`` units at a time, when a unit of a new block is asked for (``best_matches``
    goes through the units in order)."""
    from itertools import chain, count, repeat

    from scipy import sparse
    from zongjie.matcher import _data, _features, _term_bigrams

    n = len(sents)
    cf = [_features(c) for c in sents + [sents[j] + "，" + sents[j + 1] for j in range(n - 1)]]
    # every n-gram of the candidates, numbered in order of first occurrence (built in C)
    vocab: dict[str, int] = dict(zip(dict.fromkeys(chain.from_iterable(chain.from_iterable(cf))), count()))
    none = len(vocab)  # the column of the units' n-grams no candidate has (empty in every candidate)

    def matrix(rows: Sequence[Collection[str]]) -> sparse.csr_matrix:
        """0/1 rows over the vocabulary (counts, for a list with repeated n-grams)."""
        lens = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows))
        indptr = np.zeros(len(rows) + 1, dtype=np.int64)
        np.cumsum(lens, out=indptr[1:])
        indices = np.fromiter(map(vocab.get, chain.from_iterable(rows), repeat(none)), dtype=np.int64,
                              count=int(indptr[-1]))
        data = np.ones(len(indices), dtype=np.float64)
        return sparse.csr_matrix((data, indices, indptr), shape=(len(rows), none + 1))

    b_t = [matrix([f[k] for f in cf]).T.tocsr() for k in range(4)]  # n-grams × candidates
    b_len = [np.array([len(f[k]) for f in cf], dtype=np.float64) for k in range(3)]
    b_inv = [np.divide(1.0, np.sqrt(x), out=np.zeros_like(x), where=x > 0) for x in b_len]
    w = _data()["weights"]
    wn, wt, wr = w["ngram"], w["topic"], w["run"]
    c_ngram, c_topic, c_run = wn / (wn + wt), wt * (1.0 - wr) / (wn + wt), wt * wr / (wn + wt)
    blocks: dict[int, np.ndarray] = {}

    def block(start: int) -> np.ndarray:
        # similarity = c_ngram·ngram + c_topic·overlap + c_run·runs, where ngram is the mean of
        # the set-cosines of the 1-, 2- and 3-grams weighted 1, 2, 3 over the sizes both texts
        # have, overlap the share of the unit's topic set (its topic bigrams, else unigrams)
        # among the candidate's (raw) n-grams, and runs (longest common runs) is bounded by the
        # share of the unit's topic-term bigram positions found among the candidate's bigrams
        fa = [_features(u) for u in units[start:start + BOUND_BLOCK]]
        terms = [_term_bigrams(u) for u in units[start:start + BOUND_BLOCK]]
        cos_total: np.ndarray | None = None
        cos_w: np.ndarray | None = None
        inter0: np.ndarray | None = None
        a_m = [matrix([f[k] for f in fa]) for k in range(3)]  # units × n-grams
        for k in range(3):
            a_len = np.array([len(f[k]) for f in fa], dtype=np.float64)
            inter = (a_m[k] @ b_t[k]).toarray()
            if k == 0:
                inter0 = inter.copy()
            inter *= ((k + 1) * np.divide(1.0, np.sqrt(a_len), out=np.zeros_like(a_len), where=a_len > 0))[:, None]
            inter *= b_inv[k][None, :]
            valid = np.outer((k + 1) * (a_len > 0), b_len[k] > 0)
            cos_total = inter if cos_total is None else cos_total + inter
            cos_w = valid if cos_w is None else cos_w + valid
        assert cos_total is not None and cos_w is not None and inter0 is not None
        val = cos_total / np.maximum(cos_w, 1.0)  # ngram (cos_total is 0 where cos_w is)
        val *= c_ngram
        has2 = np.array([bool(f[1]) for f in fa])
        t_len = np.array([len(f[1]) or len(f[0]) for f in fa], dtype=np.float64)
        topic = (a_m[1] @ b_t[3]).toarray()  # empty rows where ~has2
        topic += inter0 * (~has2)[:, None]
        topic *= (c_topic * np.divide(1.0, t_len, out=np.zeros_like(t_len), where=t_len > 0))[:, None]
        val += topic
        den = np.array([d for _, d in terms], dtype=np.float64)
        runs = (matrix([g for g, _ in terms]) @ b_t[3]).toarray()  # topic-term bigram positions found
        runs *= (c_run * np.divide(1.0, den, out=np.zeros_like(den), where=den > 0))[:, None]
        val += runs
        val *= 1.0 + SLACK
        val += 1e-12
        return val

    def bound(u: int, ids: list[int]) -> list[float]:
        start = u - u % BOUND_BLOCK
        m = blocks.get(start)
        if m is None:
            blocks.clear()
            m = blocks[start] = block(start)
        return m[u - start, ids].tolist()

    return bound


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
    paragraphs (a top-level function: the output phase runs pairs on worker processes).  The
    matcher's memo caches are emptied afterwards: they pay off within a pair (the n-grams of its
    units and candidates), not across pairs, and kept full they would grow each worker."""
    import gc

    from zongjie.batch.engines import _between_chunks

    try:
        return match_items(plans, sentences(paragraphs))
    finally:
        # the pair's processes (and the main one) keep the cyclic collector enabled: a full
        # collection after every pair was 6 % of the follow-through
        _between_chunks(collect=not gc.isenabled())


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
