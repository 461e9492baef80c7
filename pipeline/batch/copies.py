"""Near-copies: MinHash signatures of character shingles (per document, in the workers) and an
LSH pass over the archive that pairs each report with the earlier reports it nearly copies."""

from __future__ import annotations

import re

import numpy as np

NUM_PERM = 128
SHINGLE = 5          # characters per shingle
THRESHOLD = 0.8      # Jaccard similarity that counts as a near-copy
SCHEME = "affine32"  # how datasketch (>= 2) wraps our uint32 values for its LSH index
LSH_SLACK = 0.2      # the LSH index is built for threshold - slack, candidates are then verified
MAX_PER_DOC = 5      # earlier reports listed per document (the most similar)
_WS = re.compile(r"\s+")


def shingles(text: str, k: int = SHINGLE) -> set[str]:
    t = _WS.sub("", text)
    if len(t) <= k:
        return {t} if t else set()
    return {t[i:i + k] for i in range(len(t) - k + 1)}


def shingle_hashes(text: str, k: int = SHINGLE) -> np.ndarray:
    """Distinct 32-bit hashes of the whitespace-free character k-grams (vectorised polynomial
    hash of the code points; deterministic across processes and machines)."""
    t = _WS.sub("", text)
    cp = np.frombuffer(t.encode("utf-32-le"), dtype="<u4").astype(np.uint64)
    if len(cp) == 0:
        return np.zeros(0, dtype=np.uint64)
    if len(cp) < k:
        cp = np.concatenate([cp, np.zeros(k - len(cp), dtype=np.uint64)])
    n = len(cp) - k + 1
    h = np.zeros(n, dtype=np.uint64)
    for j in range(k):
        h = (h * np.uint64(1_000_003) + cp[j:j + n]) & np.uint64(0xFFFFFFFFFFFF)
    h = (h ^ (h >> np.uint64(17))) * np.uint64(0x9E3779B1) & np.uint64(0xFFFFFFFF)
    return np.unique(h)


_PERMS: dict[int, tuple[np.ndarray, np.ndarray]] = {}


def _perms(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    if num_perm not in _PERMS:
        rng = np.random.default_rng(1)
        a = rng.integers(1, 2**63, size=num_perm, dtype=np.uint64) | np.uint64(1)  # odd multipliers
        b = rng.integers(0, 2**63, size=num_perm, dtype=np.uint64)
        _PERMS[num_perm] = (a, b)
    return _PERMS[num_perm]


def signature(text: str, num_perm: int = NUM_PERM) -> tuple[int, bytes]:
    """``(num_perm, signature bytes)``: the MinHash of the text's whitespace-free character
    5-grams, as ``num_perm`` little-endian uint32 values.

    Permutation i is the multiply-shift hash ``((a_i·x + b_i) mod 2^64) >> 32`` with fixed odd
    ``a_i`` (seed 1), computed with numpy so that the workers need not import datasketch (2 s and
    80 MB per process); datasketch's LSH indexes the values as they are (``LeanMinHash``)."""
    a, b = _perms(num_perm)
    hv = shingle_hashes(text)
    out = np.full(num_perm, np.iinfo(np.uint32).max, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for i in range(0, len(hv), 4096):  # bounded (n x num_perm) temporaries
            block = (hv[i:i + 4096, None] * a[None, :] + b[None, :]) >> np.uint64(32)
            out = np.minimum(out, block.min(axis=0))
    return num_perm, out.astype("<u4").tobytes()


def near_copies(rows: list[tuple[str, int | None, bytes]], threshold: float = THRESHOLD,
                max_per_doc: int = MAX_PER_DOC) -> list[dict]:
    """``rows``: (doc_id, year, signature).  Returns copy pairs (later doc → earlier doc) whose
    estimated Jaccard similarity is ≥ threshold; "earlier" = smaller (year, doc_id)."""
    from datasketch import LeanMinHash, MinHashLSH

    if not rows:
        return []
    order = sorted(rows, key=lambda r: (r[1] if r[1] is not None else 10**6, r[0]))
    num_perm = len(order[0][2]) // 4
    # candidates from a looser LSH (few false negatives at J = threshold), verified on the estimate
    lsh = MinHashLSH(threshold=max(0.5, threshold - LSH_SLACK), num_perm=num_perm)
    sigs: dict[str, np.ndarray] = {}
    years: dict[str, int | None] = {}
    out = []
    for doc_id, year, raw in order:
        hv = np.frombuffer(raw, dtype="<u4").astype(np.uint32)
        if len(hv) != num_perm:
            continue
        mh = LeanMinHash(seed=1, hashvalues=hv, scheme=SCHEME)
        cands = sorted(lsh.query(mh)) if sigs else []
        if cands:
            mat = np.stack([sigs[c] for c in cands])
            jac = (mat == hv).mean(axis=1)
            best = sorted(((float(j), c) for j, c in zip(jac, cands) if j >= threshold),
                          key=lambda x: (-x[0], x[1]))[:max_per_doc]
            for j, c in best:
                out.append({"doc_id": doc_id, "earlier_doc_id": c, "jaccard": round(j, 4),
                            "year": year, "earlier_year": years[c]})
        if doc_id not in sigs:
            lsh.insert(doc_id, mh)
            sigs[doc_id] = hv
            years[doc_id] = year
    return out
