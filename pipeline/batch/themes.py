"""The most frequent problem themes of an archive: problem statements clustered on TF-IDF
character n-grams of their topic words (scikit-learn KMeans), with example statements."""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict

MAX_FIT = 4000       # distinct statements the clustering is fitted on (a deterministic sample)
MAX_THEMES = 12
EXAMPLES = 3


def _topic(text: str) -> str:
    try:
        from pipeline.matcher import topic_terms

        terms = topic_terms(text)
        if terms:
            return " ".join(terms)
    except Exception:  # matcher data missing: cluster on the raw statement
        pass
    return text


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


def cluster_problems(rows: list[tuple[str, str]], max_themes: int = MAX_THEMES) -> list[dict]:
    """``rows``: (doc_id, statement).  Returns themes, largest first (the THEMES schema)."""
    import numpy as np
    from sklearn.cluster import KMeans
    from sklearn.feature_extraction.text import TfidfVectorizer

    count: dict[str, int] = defaultdict(int)
    docs: dict[str, set] = defaultdict(set)
    for doc_id, text in rows:
        if text and len(text.strip()) >= 4:
            t = text.strip()
            count[t] += 1
            docs[t].add(doc_id)
    uniq = sorted(count)
    if not uniq:
        return []
    topics = [_topic(t) for t in uniq]
    if len(uniq) < 3:
        return [{"theme_id": 0, "size": sum(count.values()),
                 "documents": len(set().union(*docs.values())), "terms": "、".join(topics[:1]),
                 "examples": "\n".join(uniq[:EXAMPLES])}]
    order = sorted(range(len(uniq)), key=lambda i: hashlib.sha1(uniq[i].encode()).hexdigest())
    fit_idx = sorted(order[:MAX_FIT])
    vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 3), min_df=2 if len(fit_idx) > 50 else 1,
                          max_features=30000, sublinear_tf=True)
    try:
        vec.fit([topics[i] for i in fit_idx])
    except ValueError:  # empty vocabulary after min_df
        vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 3), sublinear_tf=True).fit(topics)
    X = vec.transform(topics)
    k = int(min(max_themes, max(2, round(math.sqrt(len(fit_idx) / 3)))))
    k = min(k, len(fit_idx))
    km = KMeans(n_clusters=k, n_init=4, random_state=0).fit(X[fit_idx])
    labels = km.predict(X)
    names = vec.get_feature_names_out()
    centers = km.cluster_centers_
    sims = np.zeros(len(uniq))
    for c in range(k):  # cosine to the own centre, one cluster at a time (no n x features dense matrix)
        members = np.flatnonzero(labels == c)
        if len(members):
            sims[members] = X[members] @ centers[c]
    themes = []
    for c in range(k):
        members = np.flatnonzero(labels == c)
        if len(members) == 0:
            continue
        size = int(sum(count[uniq[i]] for i in members))
        dset = set().union(*(docs[uniq[i]] for i in members))
        ex: list[str] = []
        used_docs: set = set()
        for i in sorted(members, key=lambda i: (-sims[i], uniq[i])):
            d = min(docs[uniq[i]])
            if d in used_docs and len(members) > EXAMPLES:
                continue
            ex.append(uniq[i])
            used_docs.add(d)
            if len(ex) == EXAMPLES:
                break
        themes.append({"size": size, "documents": len(dset), "terms": "、".join(_terms(centers[c], names)),
                       "examples": "\n".join(ex)})
    themes.sort(key=lambda t: (-t["size"], -t["documents"], t["terms"]))
    for i, t in enumerate(themes):
        t["theme_id"] = i
    return themes
