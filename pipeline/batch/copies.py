"""Near-copies: MinHash signatures of character shingles (per document, in the workers) and an
LSH pass over the archive that pairs each report with the earlier reports it nearly copies."""

from __future__ import annotations

import re
import zlib

import numpy as np

NUM_PERM = 128
SHINGLE = 5          # characters per shingle
THRESHOLD = 0.8      # Jaccard similarity that counts as a near-copy
MAX_PER_DOC = 5      # earlier reports listed per document (the most similar)
_WS = re.compile(r"\s+")


def _crc32(b: bytes) -> int:
    return zlib.crc32(b)


def shingles(text: str, k: int = SHINGLE) -> set[str]:
    t = _WS.sub("", text)
    if len(t) <= k:
        return {t} if t else set()
    return {t[i:i + k] for i in range(len(t) - k + 1)}


def signature(text: str, num_perm: int = NUM_PERM) -> tuple[int, bytes]:
    """``(num_perm, signature bytes)``: the MinHash (datasketch, seed 1, CRC-32 shingle hash) of
    the text's whitespace-free character 5-grams, as little-endian uint32."""
    from datasketch import MinHash

    m = MinHash(num_perm=num_perm, seed=1, hashfunc=_crc32)
    sh = sorted(shingles(text))
    for i in range(0, len(sh), 4096):  # bounded (n x num_perm) temporaries
        m.update_batch([s.encode("utf-8") for s in sh[i:i + 4096]])
    return num_perm, m.hashvalues.astype("<u4").tobytes()


def near_copies(rows: list[tuple[str, int | None, bytes]], threshold: float = THRESHOLD,
                max_per_doc: int = MAX_PER_DOC) -> list[dict]:
    """``rows``: (doc_id, year, signature).  Returns copy pairs (later doc → earlier doc) whose
    estimated Jaccard similarity is ≥ threshold; "earlier" = smaller (year, doc_id)."""
    from datasketch import LeanMinHash, MinHashLSH

    if not rows:
        return []
    order = sorted(rows, key=lambda r: (r[1] if r[1] is not None else 10**6, r[0]))
    num_perm = len(order[0][2]) // 4
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    sigs: dict[str, np.ndarray] = {}
    years: dict[str, int | None] = {}
    out = []
    for doc_id, year, raw in order:
        hv = np.frombuffer(raw, dtype="<u4").astype(np.uint64)
        if len(hv) != num_perm:
            continue
        mh = LeanMinHash(seed=1, hashvalues=hv)
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
