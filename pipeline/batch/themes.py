"""The most frequent problem themes of an archive: problem statements clustered on TF-IDF
character n-grams of their topic words (scikit-learn KMeans), with example statements.

Memory does not grow with the archive: the statements are read twice as a stream of batches.
Pass 1 keeps a deterministic sample (the MAX_FIT distinct statements with the smallest SHA-1, the
same whatever the row order); the vectoriser and KMeans are fitted on it.  Pass 2 assigns every
statement to its nearest cluster and keeps only counters and, per cluster, the EXAMPLE_POOL
statements nearest the centre."""

from __future__ import annotations

import hashlib
import heapq
import math
from collections.abc import Callable, Iterable, Iterator

MAX_FIT = 4000       # distinct statements the clustering is fitted on (a deterministic sample)
MAX_THEMES = 12
EXAMPLES = 3
EXAMPLE_POOL = 256   # candidates kept per cluster for the examples (nearest the centre first)

Batch = Iterable[tuple[str, str]]  # (doc_id, statement)


def _topic(text: str) -> str:
    from zongjie.matcher import topic_terms

    terms = topic_terms(text)
    return " ".join(terms) if terms else text  # no topic terms: cluster on the raw statement


def _terms(center, names, n: int = 5) -> list[str]:
    out: list[str] = []
    for j in center.argsort()[::-1]:
        g = names[j].strip()
        if len(g) < 2 or any(g in t or t in g or g[:-1] in t[1:] or g[1:] in t[:-1] for t in out):
            continue  # a fragment of a term already chosen (社会 → 会主)
        out.append(g)
        if len(out) == n:
            break
    return out


def _valid(batch: Batch) -> Iterator[tuple[str, str]]:
    for doc_id, text in batch:
        if text and len(text.strip()) >= 4:
            yield doc_id, text.strip()


def _sha(t: str) -> str:
    return hashlib.sha1(t.encode()).hexdigest()


def cluster_problems(rows: list[tuple[str, str]], max_themes: int = MAX_THEMES) -> list[dict]:
    """``rows``: (doc_id, statement) in memory.  Returns themes, largest first (the THEMES schema)."""
    rows = sorted(rows, key=lambda r: r[0])  # the rows of a document together
    return cluster_problem_batches(lambda: [rows], max_themes)


def cluster_problem_batches(batches: Callable[[], Iterable[Batch]], max_themes: int = MAX_THEMES) -> list[dict]:
    """``batches()``: a fresh iterator over batches of (doc_id, statement), called twice; the
    rows of one document must be consecutive (they are in a compacted table).  Returns themes,
    largest first (the THEMES schema)."""
    import numpy as np
    from sklearn.cluster import KMeans
    from sklearn.feature_extraction.text import TfidfVectorizer

    # pass 1: the sample, and the totals
    heap: list[tuple[str, str]] = []  # (negated sha1, text): the MAX_FIT smallest sha1s
    in_heap: set[str] = set()
    total = ndocs = 0
    last_doc = None
    for batch in batches():
        for doc_id, t in _valid(batch):
            total += 1
            if doc_id != last_doc:
                ndocs, last_doc = ndocs + 1, doc_id
            if t in in_heap:
                continue
            key = _neg(_sha(t))
            if len(heap) < MAX_FIT:
                heapq.heappush(heap, (key, t))
                in_heap.add(t)
            elif key > heap[0][0]:
                _, old = heapq.heapreplace(heap, (key, t))
                in_heap.discard(old)
                in_heap.add(t)
    if not heap:
        return []
    sample = sorted(in_heap)
    del heap, in_heap
    if len(sample) < 3:  # then the sample holds every distinct statement
        return [{"theme_id": 0, "size": total, "documents": ndocs, "terms": "、".join([_topic(sample[0])]),
                 "examples": "\n".join(sample[:EXAMPLES])}]
    fit_topics = [_topic(t) for t in sample]
    vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 3), min_df=2 if len(sample) > 50 else 1,
                          max_features=30000, sublinear_tf=True)
    try:
        vec.fit(fit_topics)
    except ValueError:  # empty vocabulary after min_df
        vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 3), sublinear_tf=True).fit(fit_topics)
    k = int(min(max_themes, max(2, round(math.sqrt(len(sample) / 3)))))
    k = min(k, len(sample))
    km = KMeans(n_clusters=k, n_init=4, random_state=0).fit(vec.transform(fit_topics))  # pyright: ignore[reportArgumentType] - unannotated sklearn: n_init is inferred as str from its default "auto"
    del fit_topics
    centers = km.cluster_centers_

    # pass 2: every statement to its nearest centre; counters and the nearest statements only
    size = [0] * k
    documents = [0] * k
    pool: list[dict[str, list]] = [{} for _ in range(k)]  # text -> [similarity, first doc_id]
    cur_doc, cur_labels = None, set()
    for batch in batches():
        rows = list(_valid(batch))
        if not rows:
            continue
        uniq = sorted({t for _, t in rows})
        X = vec.transform([_topic(t) for t in uniq])
        labels = km.predict(X)
        sims = np.zeros(len(uniq))
        for c in range(k):  # cosine to the own centre, one cluster at a time
            members = np.flatnonzero(labels == c)
            if len(members):
                sims[members] = X[members] @ centers[c]
        at = {t: i for i, t in enumerate(uniq)}
        for doc_id, t in rows:
            i = at[t]
            c = int(labels[i])
            size[c] += 1
            if doc_id != cur_doc:
                for lc in cur_labels:
                    documents[lc] += 1
                cur_doc, cur_labels = doc_id, set()
            cur_labels.add(c)
            p = pool[c]
            hit = p.get(t)
            if hit is not None:
                if doc_id < hit[1]:
                    hit[1] = doc_id
            else:
                p[t] = [float(sims[i]), doc_id]
                if len(p) > 2 * EXAMPLE_POOL:
                    _prune(p)
    for lc in cur_labels:
        documents[lc] += 1

    names = vec.get_feature_names_out()
    themes = []
    for c in range(k):
        if size[c] == 0:
            continue
        _prune(pool[c])
        many = len(pool[c]) > EXAMPLES  # distinct statements in the cluster > EXAMPLES
        ex: list[str] = []
        used_docs: set = set()
        for t, (_sim, d) in sorted(pool[c].items(), key=lambda kv: (-kv[1][0], kv[0])):
            if d in used_docs and many:
                continue
            ex.append(t)
            used_docs.add(d)
            if len(ex) == EXAMPLES:
                break
        themes.append({"size": size[c], "documents": documents[c], "terms": "、".join(_terms(centers[c], names)),
                       "examples": "\n".join(ex)})
    themes.sort(key=lambda t: (-t["size"], -t["documents"], t["terms"]))
    for i, t in enumerate(themes):
        t["theme_id"] = i
    return themes


def _neg(hexdigest: str) -> str:
    """A string that sorts in the reverse order of the hex digest (max-heap on a min-heap)."""
    return hexdigest.translate(_NEG)


_NEG = str.maketrans("0123456789abcdef", "fedcba9876543210")


def _prune(p: dict[str, list]) -> None:
    """Keep the EXAMPLE_POOL statements nearest the centre (ties: by text).  A statement dropped
    here has EXAMPLE_POOL better ones that stay, so it can never be needed again."""
    if len(p) > EXAMPLE_POOL:
        keep = sorted(p.items(), key=lambda kv: (-kv[1][0], kv[0]))[:EXAMPLE_POOL]
        p.clear()
        p.update(keep)
