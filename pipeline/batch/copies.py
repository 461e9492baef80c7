"""Near-copies: MinHash signatures of character shingles (per document, in the workers) and an
LSH pass over the archive that pairs each report with the earlier reports it nearly copies.

The LSH pass bands the signatures exactly as ``datasketch.MinHashLSH`` does, but keeps the
buckets as numpy arrays (no Python object per document and band), so the whole archive costs
under 1 KB per document."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

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


def shingle_hashes(text: str, k: int = SHINGLE, unique: bool = True) -> np.ndarray:
    """32-bit hashes of the whitespace-free character k-grams (vectorised polynomial hash of the
    code points; deterministic across processes and machines), distinct unless ``unique=False``
    (the MinHash needs no dedup: a minimum over repeated values is the same minimum).

    Computed in place on one uint64 array: the same values as the textbook
    ``(h·1000003 + c) mod 2^48`` recurrence, without a temporary per step."""
    t = _WS.sub("", text)
    cp = np.frombuffer(t.encode("utf-32-le"), dtype="<u4").astype(np.uint64)
    if len(cp) == 0:
        return np.zeros(0, dtype=np.uint64)
    if len(cp) < k:
        cp = np.concatenate([cp, np.zeros(k - len(cp), dtype=np.uint64)])
    n = len(cp) - k + 1
    h = cp[:n].copy()
    mult = np.uint64(1_000_003)
    for j in range(1, k):  # wrap-around mod 2^64 then mask: the same low 48 bits as masking each step
        h *= mult
        h += cp[j:j + n]
    h &= np.uint64(0xFFFFFFFFFFFF)
    h ^= h >> np.uint64(17)
    h *= np.uint64(0x9E3779B1)
    h &= np.uint64(0xFFFFFFFF)
    return np.unique(h) if unique else h


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
    hv = shingle_hashes(text, unique=False)
    if not len(hv):
        return num_perm, np.full(num_perm, 0xFFFFFFFF, dtype="<u4").tobytes()
    # min before the shift (x >> 32 is monotonic), in place in one reused buffer: 3x faster than
    # a temporary per operation.  The buffer holds _PERM_GROUP permutations (rows) of _BLOCK
    # shingles: long rows keep numpy's inner loops few (the former 512 x num_perm layout ran one
    # per shingle), and 1 MB stays in the L2 cache across the multiply, the add and the minimum.
    # The same uint64 values and minima, so the same signature.
    out = np.full(num_perm, np.iinfo(np.uint64).max, dtype=np.uint64)
    buf = np.empty((min(_PERM_GROUP, num_perm), min(_BLOCK, len(hv))), dtype=np.uint64)
    for i in range(0, len(hv), _BLOCK):
        x = hv[None, i:i + _BLOCK]
        for p in range(0, num_perm, _PERM_GROUP):
            q = min(p + _PERM_GROUP, num_perm)
            blk = buf[:q - p, :x.shape[1]]
            np.multiply(a[p:q, None], x, out=blk)
            blk += b[p:q, None]
            np.minimum(out[p:q], blk.min(axis=1), out=out[p:q])
    return num_perm, (out >> np.uint64(32)).astype("<u4").tobytes()


# 8 permutations x 16,384 shingles x 8 bytes = 1 MB: the permutations of a 21,000-character
# report take 1.8 ms, against 4.7 with the former blocks (512 shingles x 128 permutations)
_BLOCK = 16384
_PERM_GROUP = 8


def near_copies(rows: list[tuple[str, int | None, bytes]], threshold: float = THRESHOLD,
                max_per_doc: int = MAX_PER_DOC) -> list[dict]:
    """``rows``: (doc_id, year, signature).  Returns copy pairs (later doc → earlier doc) whose
    estimated Jaccard similarity is ≥ threshold; "earlier" = smaller (year, doc_id)."""
    if not rows:
        return []
    order = sorted(rows, key=lambda r: (r[1] if r[1] is not None else 10**6, r[0]))
    num_perm = len(order[0][2]) // 4
    order = [r for r in order if r[2] is not None and len(r[2]) == 4 * num_perm]
    S = np.frombuffer(b"".join(r[2] for r in order), dtype="<u4").reshape(len(order), num_perm)
    return list(_near_copies([r[0] for r in order], [r[1] for r in order], S, threshold, max_per_doc))


def near_copies_file(out: Path, threshold: float = THRESHOLD, max_per_doc: int = MAX_PER_DOC,
                     batch_rows: int = 4096) -> Iterator[dict]:
    """:func:`near_copies` of the ``minhash`` table of ``out`` (years from ``documents``).

    Holds the signatures as one uint32 matrix and the LSH buckets as integer arrays, read in
    batches: about 1 KB per document in all."""
    import pyarrow.parquet as pq

    out = Path(out)

    def batches(name: str, columns: list[str]):
        pf = pq.ParquetFile(out / f"{name}.parquet", pre_buffer=False)
        yield from pf.iter_batches(batch_size=batch_rows, columns=columns, use_threads=False)

    year_of: dict[str, int | None] = {}
    for b in batches("documents", ["doc_id", "year"]):
        year_of.update(zip(b.column(0).to_pylist(), b.column(1).to_pylist()))
    ids: list[str] = []
    blocks: list[np.ndarray] = []
    num_perm = None
    for b in batches("minhash", ["doc_id", "signature"]):
        rows = []
        for d, sig in zip(b.column(0).to_pylist(), b.column(1).to_pylist()):
            if sig is None:
                continue
            if num_perm is None:
                num_perm = len(sig) // 4
            if len(sig) != 4 * num_perm:
                continue  # (the first signature sets the size; a malformed one is left out)
            ids.append(d)
            rows.append(sig)
        if rows:
            assert num_perm is not None  # set by the first signature
            blocks.append(np.frombuffer(b"".join(rows), dtype="<u4").reshape(len(rows), num_perm))
    if not ids:
        return iter(())
    years = [year_of.get(d) for d in ids]
    del year_of
    order = sorted(range(len(ids)), key=lambda i: (years[i] if years[i] is not None else 10**6, ids[i]))
    S = np.vstack(blocks)[order]
    del blocks
    return _near_copies([ids[i] for i in order], [years[i] for i in order], S, threshold, max_per_doc)


def lsh_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows per band) of ``datasketch.MinHashLSH`` for this threshold and size."""
    if (threshold, num_perm) not in _LSH_PARAMS:
        from datasketch import MinHashLSH

        lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        _LSH_PARAMS[(threshold, num_perm)] = (lsh.b, lsh.r)
    return _LSH_PARAMS[(threshold, num_perm)]


_LSH_PARAMS: dict[tuple[float, int], tuple[int, int]] = {}


def _near_copies(ids: list[str], years: list[int | None], S: np.ndarray, threshold: float,
                 max_per_doc: int) -> Iterator[dict]:
    """The LSH pass over documents already in insertion order ((year, doc_id)); ``S`` holds their
    signatures, one row each.

    Banding as ``datasketch.MinHashLSH`` (built for threshold - LSH_SLACK) does it: document j is a
    candidate of a later document i when their values agree on one whole band.  The buckets of
    each band are the groups of equal band values (``np.unique``), so the candidates of i are its
    bucket mates with a smaller index; they are verified on the estimated Jaccard similarity."""
    n, num_perm = S.shape
    if n == 0:
        return
    rank = np.empty(n, dtype=np.int32)  # position of each doc_id in doc_id order (the tie-break)
    rank[sorted(range(n), key=ids.__getitem__)] = np.arange(n, dtype=np.int32)
    b, r = lsh_params(max(0.5, threshold - LSH_SLACK), num_perm)
    # buckets of every band, numbered globally: bucket[k, i] is the bucket of document i in band k;
    # members[starts[g]:starts[g + 1]] are the documents of bucket g in index order
    bucket = np.empty((b, n), dtype=np.int64)
    base = 0
    for k in range(b):
        band = np.ascontiguousarray(S[:, k * r:(k + 1) * r]).view(np.dtype((np.void, 4 * r))).ravel()
        _, inv = np.unique(band, return_inverse=True)
        bucket[k] = inv.ravel() + base
        base = int(bucket[k].max()) + 1
    flat = bucket.ravel()
    srt = np.argsort(flat, kind="stable")
    members = (srt % n).astype(np.int32)
    starts = np.searchsorted(flat[srt], np.arange(base + 1))
    del flat, srt
    for i in range(1, n):
        g = bucket[:, i]
        lo, hi = starts[g], starts[g + 1]
        many = hi - lo > 1
        if not many.any():
            continue
        lo, lens = lo[many], (hi - lo)[many]
        offs = np.repeat(lo - np.concatenate(([0], np.cumsum(lens)[:-1])), lens) + np.arange(lens.sum())
        m = members[offs]
        cands = np.unique(m[m < i])
        if not len(cands):
            continue
        jac = (S[cands] == S[i]).mean(axis=1)
        hits = np.flatnonzero(jac >= threshold)
        if not len(hits):
            continue
        best = hits[np.lexsort((rank[cands[hits]], -jac[hits]))[:max_per_doc]]
        for h in best:
            c = int(cands[h])
            yield {"doc_id": ids[i], "earlier_doc_id": ids[c], "jaccard": round(float(jac[h]), 4),
                   "year": years[i], "earlier_year": years[c]}
