"""The suggestion index: problem → plan pairs and plan items mined from past reports.

Mining (:func:`mine_document`) runs the engine on each report — outline, problem statements, plan
items, alignment (``zongjie.matcher``) — and keeps

* **units**: every plan item cut into sentence-sized action items (markers, placeholders and stock
  sentences dropped), each with its document and the plan item it came from;
* **pairs**: each aligned problem statement with the plan item answering it.

Retrieval is TF-IDF over character 1–3-grams (sublinear tf, smoothed idf, l2-normalised rows —
the same numbers as scikit-learn's ``TfidfVectorizer(analyzer=char_ngrams, sublinear_tf=True)``,
which the tests check), computed with numpy alone so that neither building nor querying needs
scikit-learn.

On disk (``zongjie index … --out DIR``), nothing is pickled:

* ``index.json`` — format, version, parameters, the documents (id, title, counts);
* ``vocab.json`` — the n-grams, position = column;
* ``records.json`` — units ``[text, doc, item]``, items ``[first_unit, end_unit, doc]``,
  pairs ``[problem, doc, item, score]``;
* ``matrix.npz`` — ``idf`` and the two TF-IDF matrices (``units``, ``pairs``) stored term-major
  (``*_indptr`` over the vocabulary, ``*_rows``, ``*_data``), read with
  ``np.load(…, allow_pickle=False)``.
"""

from __future__ import annotations

import json
import math
import os
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from zongjie.errors import UsageError
from zongjie.normalize import fold

FORMAT = "zongjie-suggest-index"
VERSION = 1
NGRAM_RANGE = (1, 3)

_RE_RUN = re.compile(r"[0-9A-Za-z\u3400-\u9fff\uf900-\ufaff%％]+")
_RE_MARK = re.compile(r"^\s*(\*\*)?\s*(（[一二三四五六七八九十\d]{1,3}）|\([一二三四五六七八九十\d]{1,3}\)|"
                      r"[一二三四五六七八九十]{1,3}[是要][，,：:]?|第[一二三四五六七八九十]{1,3}[，,、]|"
                      r"其[一二三四五六七八九十][，,、]|\d{1,2}[.、．]|[①-⑳]|——|—|-)\s*")
_RE_LEAD = re.compile(r"^(?:(?:下一步|今后|新的一年|明年)[，,]?)?(?:(?:我们|我局|我部|本人)(?:将|要|必须|应当|还将|会)?"
                      r"|要|必须|应当)(?=[\u4e00-\u9fff]{2})")
_RE_PLACEHOLDER = re.compile(r"\*{2,}|＊{2,}|[XxＸ×]{2,}|某某|【[^】]*】|_{3,}|□")
_RE_SENT = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]?")
_RE_WS = re.compile(r"\s+")


# --------------------------------------------------------------------------- analyzer

def char_ngrams(text: str) -> list[str]:
    """Character 1–3-grams inside runs of CJK/alphanumerics (punctuation and spaces cut runs)."""
    out: list[str] = []
    lo, hi = NGRAM_RANGE
    for m in _RE_RUN.finditer(fold(text)):
        run = m.group(0).lower()
        n_run = len(run)
        for n in range(lo, hi + 1):
            for i in range(n_run - n + 1):
                out.append(run[i:i + n])
    return out


def clean_unit(text: str) -> str:
    """A plan sentence as a suggestion: no leading marker, no `**`, no trailing punctuation."""
    t = _RE_WS.sub("", text)
    if t.startswith("**") or t.endswith("**"):
        t = t.strip("*") if not _RE_PLACEHOLDER.search(t.strip("*")) else t
    for _ in range(2):
        t = _RE_MARK.sub("", t, count=1)
    t = _RE_LEAD.sub("", t, count=1)
    return t.strip("，,；;。：: \u3000")


def split_units(text: str, max_len: int = 90, actions_only: bool = True) -> list[str]:
    """A plan item as sentence-sized action items (a long sentence is cut at `；`).

    With ``actions_only`` sentences that state rather than act (``…是…的强大力量``, ``我们…``,
    ``当前…``), carry placeholders or are stock lines (``重点做好以下工作``) are left out.
    """
    out: list[str] = []
    for m in re.finditer(r"[^。！？!?\n]+", text):
        sent = m.group(0)
        parts = [sent] if len(sent) <= max_len else re.findall(r"[^；;]+", sent)
        for p in parts:
            u = clean_unit(p)
            if not 6 <= len(u) <= 200:
                continue
            if actions_only and (_RE_PLACEHOLDER.search(u) or _stock_unit(u) or not is_action(u)):
                continue
            out.append(u)
    return out


_RE_STATEMENT = re.compile(r"^[^，,；;]{0,14}(?<![要将])是(?!否)|^(这|那|我们|我国|我省|我市|在|当前|目前|过去|近年|今年|去年|"
                           r"但是|但|因此|所以|由于|如果|只有|总之|可以说|应当看到|实践证明|历史|事实|人民|他们|它|面对|随着)"
                           r"|^从.{1,12}(看|来看)|方面$|情况$")


def is_action(u: str) -> bool:
    """Does a plan sentence read as an action item (not a statement about the world)?"""
    return not _RE_STATEMENT.search(u)


_RE_STOCK_UNIT = re.compile(r"以下(几项|几个方面的?)?工作|^各位代表|^(述职人|汇报人|报告人)|^新的一年|^让我们|"
                            r"^(下一步|今后|明年|新的一年)[，,]?(我们|我局|我将|将)[^，,]{0,8}$|"
                            r"^\d{4}年是|工作的总体要求是|^主要预期目标是")


def _stock_unit(u: str) -> bool:
    return bool(_RE_STOCK_UNIT.search(u))


# --------------------------------------------------------------------------- mining

@dataclass
class MinedDocument:
    id: str
    title: str | None
    units: list[tuple[str, int]] = field(default_factory=list)  # (text, item index)
    items: list[str] = field(default_factory=list)  # plan item texts
    pairs: list[tuple[str, int, float]] = field(default_factory=list)  # (problem, item, score)
    problems: int = 0
    problem_texts: list[str] = field(default_factory=list)  # not stored in the index


def mine_document(doc_id: str, text: str, markdown: bool = False) -> MinedDocument:
    """Problems, plan items and their alignment in one report."""
    import zongjie
    from zongjie.matcher import align, plan_items, problem_statements

    doc = zongjie.structure(text, markdown=markdown)
    plans = plan_items(doc)
    probs = problem_statements(doc)
    mined = MinedDocument(id=doc_id, title=doc.title.text if doc.title else None, problems=len(probs),
                          problem_texts=[p.text for p in probs])
    index_of: dict[int, int] = {}
    for k, p in enumerate(plans):
        index_of[p.start] = k
        mined.items.append(p.text)
        for u in split_units(p.text):
            mined.units.append((u, k))
    for a in align(doc, problems=probs, plans=plans):
        if a.plan is not None and len(a.problem.text) <= 300:
            mined.pairs.append((clean_unit(a.problem.text), index_of[a.plan.start], round(a.score, 4)))
    return mined


def mine_archive(inputs: Iterable[str], on_error: Any = None) -> Iterator[MinedDocument]:
    """Mine every document of an archive (files, directories, globs, zip, jsonl)."""
    from zongjie.archive import iter_documents

    for doc_id, text, meta in iter_documents(inputs, errors="yield"):
        if text is None:
            if on_error is not None:
                on_error(doc_id, meta.get("error", "unreadable"))
            continue
        assert isinstance(text, str)  # iter_documents decodes (decode=True)
        yield mine_document(doc_id, text, markdown=bool(meta.get("markdown")))


# --------------------------------------------------------------------------- the index

class SuggestIndex:
    """Plan units and problem → plan pairs with TF-IDF retrieval (numpy only)."""

    def __init__(self, meta: dict[str, Any], records: dict[str, Any], arrays: dict[str, Any]):
        import numpy as np

        self.np = np
        self.meta = meta
        self.docs: list[dict[str, Any]] = meta["documents"]
        self.units: list[list[Any]] = records["units"]
        self.items: list[list[int]] = records["items"]
        self.pairs: list[list[Any]] = records["pairs"]
        self.vocab_keys = arrays["vocab_keys"]
        self.idf = arrays["idf"]
        self.mats = {name: (arrays[f"{name}_indptr"], arrays[f"{name}_rows"], arrays[f"{name}_data"])
                     for name in ("units", "pairs")}
        self.unit_doc = np.asarray([u[1] for u in self.units], dtype=np.int32)
        self.pair_doc = np.asarray([p[1] for p in self.pairs], dtype=np.int32)
        self.pair_score = np.asarray([p[3] for p in self.pairs], dtype=np.float64)
        self._doc_ids = {d["id"]: i for i, d in enumerate(self.docs)}
        self._check()

    def __len__(self) -> int:
        return len(self.units)

    # ---------------------------------------------------------------- build

    @classmethod
    def build(cls, mined: Iterable[MinedDocument], min_df: int = 1, dtype: str = "float32",
              keep_unit: Any = None, stamp: bool = True) -> SuggestIndex:
        """Index mined documents. ``keep_unit(doc, text, paired) -> bool`` can thin the units
        (the shipped default index keeps answers and short action items of large reports)."""
        docs: list[dict[str, Any]] = []
        units: list[list[Any]] = []
        items: list[list[int]] = []
        pairs: list[list[Any]] = []
        for d_i, m in enumerate(mined):
            docs.append({"id": m.id, "title": m.title, "problems": m.problems, "plan_items": len(m.items),
                         "pairs": len(m.pairs)})
            paired = {k for _, k, _ in m.pairs}
            by_item: dict[int, list[str]] = {}
            for text, k in m.units:
                if keep_unit is None or keep_unit(m, text, k in paired):
                    by_item.setdefault(k, []).append(text)
            item_map: dict[int, int] = {}
            for k in range(len(m.items)):
                us = by_item.get(k, [])
                if not us:
                    continue
                item_map[k] = len(items)
                start = len(units)
                units.extend([u, d_i, item_map[k]] for u in us)
                items.append([start, len(units), d_i])
            for prob, k, score in m.pairs:
                if k in item_map:
                    pairs.append([prob, d_i, item_map[k], score])
        _, arrays = _tfidf([u[0] for u in units], [p[0] for p in pairs], min_df=min_df, dtype=dtype)
        meta = {"format": FORMAT, "version": VERSION, "ngram_range": list(NGRAM_RANGE),
                "ngram_key": "code points packed 21 bits each (vocab_keys in matrix.npz, sorted)",
                "tf": "sublinear", "idf": "smooth", "norm": "l2", "min_df": min_df,
                "units": len(units), "pairs": len(pairs), "vocabulary": int(arrays["idf"].size),
                "built": time.strftime("%Y-%m-%dT%H:%M:%S") if stamp else None, "by": "zongjie",
                "documents": docs}
        return cls(meta, {"units": units, "items": items, "pairs": pairs}, arrays)

    # ---------------------------------------------------------------- disk

    def save(self, out: str | os.PathLike) -> Path:
        np = self.np
        path = Path(out)
        path.mkdir(parents=True, exist_ok=True)
        (path / "index.json").write_text(json.dumps(self.meta, ensure_ascii=False, indent=1), "utf-8")
        (path / "records.json").write_text(json.dumps({"units": self.units, "items": self.items, "pairs": self.pairs},
                                                      ensure_ascii=False, separators=(",", ":")), "utf-8")
        arrays = {"vocab_keys": self.vocab_keys, "idf": self.idf}
        for name, (indptr, rows, data) in self.mats.items():
            arrays[f"{name}_indptr"], arrays[f"{name}_rows"], arrays[f"{name}_data"] = indptr, rows, data
        np.savez_compressed(path / "matrix.npz", **arrays)
        return path

    @classmethod
    def load(cls, src: str | os.PathLike | Any) -> SuggestIndex:
        """Load from a directory (or an ``importlib.resources`` Traversable); never unpickles."""
        try:
            import numpy as np
        except ImportError:  # pragma: no cover - numpy comes with the suggest feature
            raise UsageError("the suggestion index needs numpy: pip install numpy") from None
        root = Path(src) if isinstance(src, (str, os.PathLike)) else src
        try:
            meta = json.loads(root.joinpath("index.json").read_text("utf-8"))
            if not isinstance(meta, dict) or meta.get("format") != FORMAT:
                raise UsageError(f"{src}: not a zongjie suggestion index")
            if int(meta.get("version", 0)) > VERSION:
                raise UsageError(f"{src}: index version {meta.get('version')} is newer than this zongjie")
            records = json.loads(root.joinpath("records.json").read_text("utf-8"))
            with root.joinpath("matrix.npz").open("rb") as fh:
                with np.load(fh, allow_pickle=False) as z:
                    arrays = {k: z[k] for k in z.files}
        except UsageError:
            raise
        except FileNotFoundError as e:
            raise UsageError(f"{src}: not a suggestion index (missing {Path(str(e.filename or 'file')).name})") from None
        except (OSError, ValueError, KeyError, TypeError, json.JSONDecodeError) as e:
            raise UsageError(f"{src}: unreadable suggestion index ({type(e).__name__}: {e})") from None
        try:
            return cls(meta, records, arrays)
        except (KeyError, ValueError, IndexError, TypeError, AttributeError) as e:
            raise UsageError(f"{src}: inconsistent suggestion index ({type(e).__name__}: {e})") from None

    def _check(self) -> None:
        np = self.np
        v = self.vocab_keys.shape[0]
        if self.vocab_keys.dtype != np.uint64 or self.idf.shape != (v,):
            raise ValueError("vocabulary and idf differ")
        if v > 1 and np.any(self.vocab_keys[1:] <= self.vocab_keys[:-1]):
            raise ValueError("vocabulary not sorted")
        for name, n in (("units", len(self.units)), ("pairs", len(self.pairs))):
            indptr, rows, data = self.mats[name]
            if indptr.shape != (v + 1,) or rows.shape != data.shape or int(indptr[-1]) != rows.shape[0] \
                    or int(indptr[0]) != 0:
                raise ValueError(f"{name} matrix shape")
            if rows.size and (int(rows.max()) >= n or int(rows.min()) < 0):
                raise ValueError(f"{name} row out of range")
            if np.any(np.diff(indptr) < 0):
                raise ValueError(f"{name} indptr not monotonic")
        for u in self.units:
            if not (isinstance(u[0], str) and 0 <= u[1] < len(self.docs) and 0 <= u[2] < len(self.items)):
                raise ValueError("unit record")
        for it in self.items:
            if not (0 <= it[0] <= it[1] <= len(self.units)):
                raise ValueError("item range")
        for p in self.pairs:
            if not (isinstance(p[0], str) and 0 <= p[1] < len(self.docs) and 0 <= p[2] < len(self.items)):
                raise ValueError("pair record")

    # ---------------------------------------------------------------- query

    def vector(self, text: str) -> tuple[Any, Any]:
        """The query's TF-IDF vector as (term ids, weights), l2-normalised."""
        np = self.np
        counts: dict[int, int] = {}
        for g in char_ngrams(text):
            k = ngram_key(g)
            counts[k] = counts.get(k, 0) + 1
        if not counts or self.vocab_keys.size == 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
        keys = np.fromiter(counts.keys(), dtype=np.uint64, count=len(counts))
        cnt = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
        pos = np.searchsorted(self.vocab_keys, keys)
        pos_c = np.minimum(pos, self.vocab_keys.size - 1)
        hit = (pos < self.vocab_keys.size) & (self.vocab_keys[pos_c] == keys)
        ids = pos[hit].astype(np.int64)
        w = (1.0 + np.log(cnt[hit])) * self.idf[ids]
        norm = math.sqrt(float(w @ w))
        return ids, (w / norm if norm else w)

    def scores(self, name: str, vec: tuple[Any, Any]) -> Any:
        """Cosine of the query with every row of matrix ``name`` (``units`` or ``pairs``)."""
        np = self.np
        indptr, rows, data = self.mats[name]
        n = len(self.units) if name == "units" else len(self.pairs)
        ids, w = vec
        if ids.size == 0:
            return np.zeros(n, dtype=np.float64)
        starts, ends = indptr[ids], indptr[ids + 1]
        lens = ends - starts
        total = int(lens.sum())
        if total == 0:
            return np.zeros(n, dtype=np.float64)
        # every posting of the query's terms in one gather
        offs = np.repeat(starts - (np.cumsum(lens) - lens), lens) + np.arange(total)
        weights = data[offs].astype(np.float64) * np.repeat(w, lens)
        return np.bincount(rows[offs], weights=weights, minlength=n)

    def _masks(self, exclude_docs: Iterable[str]) -> tuple[Any, Any]:
        excl = [self._doc_ids[d] for d in set(exclude_docs) if d in self._doc_ids]
        if not excl:
            return None, None
        np = self.np
        return np.isin(self.unit_doc, excl), np.isin(self.pair_doc, excl)

    def search(self, text: str, k: int = 10, exclude_docs: Iterable[str] = (), pair_weight: float = 0.7,
               unit_weight: float = 0.8) -> list[dict[str, Any]]:
        """Candidate plan units for a problem statement.

        Two routes: (1) past problems like this one (cosine ``s_pair``) lend the plan item that
        answered them, each unit of it scored ``0.7·s_pair·conf + 0.3·s_unit`` (``conf`` grows with
        the alignment score of that pair); (2) plan units that read like the problem (``0.8·s_unit``).
        """
        np = self.np
        vec = self.vector(text)
        su = self.scores("units", vec)
        sp = self.scores("pairs", vec)
        mu, mp = self._masks(exclude_docs)
        if mu is not None:
            su[mu] = 0.0
            sp[mp] = 0.0
        best: dict[int, tuple[float, str]] = {}
        if sp.size:
            conf = np.minimum(1.0, 0.5 + self.pair_score / 0.5)
            sp_eff = sp * conf
            for pi in np.argsort(-sp_eff)[: max(k, 8)]:
                s_pair = float(sp_eff[pi])
                if s_pair <= 0.05:
                    break
                first, end, _ = self.items[self.pairs[pi][2]]
                for ui in range(first, end):
                    sc = pair_weight * s_pair + (1.0 - pair_weight) * float(su[ui])
                    if sc > best.get(ui, (0.0, ""))[0]:
                        best[ui] = (sc, "pair")
        if su.size:
            kk = min(su.size, 4 * k)
            top_u = np.argpartition(-su, kk - 1)[:kk] if kk < su.size else np.arange(su.size)
            for ui in top_u:
                sc = unit_weight * float(su[ui])
                if sc > best.get(int(ui), (0.0, ""))[0]:
                    best[int(ui)] = (sc, "unit")
        ranked = sorted(best.items(), key=lambda t: -t[1][0])[:k]
        return [{"text": self.units[ui][0], "score": round(min(1.0, sc), 4),
                 "doc": self.docs[self.units[ui][1]]["id"], "route": route, "unit": ui}
                for ui, (sc, route) in ranked if sc > 0]

    def nearest_units(self, text: str, k: int = 1, exclude_docs: Iterable[str] = ()) -> list[tuple[str, float, str]]:
        """The plan units most similar to ``text`` (the nearest-sentence baseline)."""
        np = self.np
        su = self.scores("units", self.vector(text))
        mu, _ = self._masks(exclude_docs)
        if mu is not None:
            su[mu] = 0.0
        order = np.argsort(-su)[:k]
        return [(self.units[i][0], float(su[i]), self.docs[self.units[i][1]]["id"]) for i in order]


# --------------------------------------------------------------------------- tf-idf
#
# An n-gram is stored as one integer key: its code points c1..cn packed 21 bits each,
# key = Σ c_i << 21·(n−i). Code points are ≥ 1, so unigram < 2^21 ≤ bigram < 2^42 ≤ trigram:
# the key is exact (no hashing, no collisions) and the vocabulary is a sorted uint64 array.

_BITS = 21


def ngram_key(g: str) -> int:
    k = 0
    for ch in g:
        k = (k << _BITS) | ord(ch)
    return k


def key_ngram(k: int) -> str:
    out = []
    while k:
        out.append(chr(k & ((1 << _BITS) - 1)))
        k >>= _BITS
    return "".join(reversed(out))


def _run_mask(cp: Any) -> Any:
    """Which code points belong to n-gram runs (the class of ``_RE_RUN`` on folded text)."""
    return (((cp >= 0x30) & (cp <= 0x39)) | ((cp >= 0x41) & (cp <= 0x5A)) | ((cp >= 0x61) & (cp <= 0x7A))
            | ((cp >= 0x3400) & (cp <= 0x9FFF)) | ((cp >= 0xF900) & (cp <= 0xFAFF)) | (cp == 0x25) | (cp == 0xFF05))


def _prepare(text: str) -> str:
    return fold(text).lower()


def _coo(texts: list[str]) -> tuple[Any, Any, Any]:
    """(row, key, count) of every distinct n-gram of every text, vectorised."""
    import numpy as np

    lens = np.fromiter((len(t) + 1 for t in texts), dtype=np.int64, count=len(texts))
    joined = "\0".join(_prepare(t) for t in texts) + "\0"
    cp = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    ok = _run_mask(cp)
    row_of = np.repeat(np.arange(len(texts), dtype=np.int64), lens)
    rows_l, keys_l = [], []
    lo, hi = NGRAM_RANGE
    n_cp = cp.size
    for n in range(lo, hi + 1):
        m = n_cp - n + 1
        if m <= 0:
            continue
        valid = ok[:m].copy()
        key = cp[:m].copy()
        for j in range(1, n):
            valid &= ok[j:j + m]
            key = (key << np.uint64(_BITS)) | cp[j:j + m]
        rows_l.append(row_of[:m][valid])
        keys_l.append(key[valid])
    rows = np.concatenate(rows_l) if rows_l else np.zeros(0, dtype=np.int64)
    keys = np.concatenate(keys_l) if keys_l else np.zeros(0, dtype=np.uint64)
    order = np.lexsort((keys, rows))
    rows, keys = rows[order], keys[order]
    if rows.size == 0:
        return rows, keys, np.zeros(0, dtype=np.float64)
    new = np.ones(rows.size, dtype=bool)
    new[1:] = (rows[1:] != rows[:-1]) | (keys[1:] != keys[:-1])
    starts = np.flatnonzero(new)
    counts = np.diff(np.append(starts, rows.size)).astype(np.float64)
    return rows[starts], keys[starts], counts


def _tfidf(unit_texts: list[str], pair_texts: list[str], min_df: int = 1,
           dtype: str = "float32") -> tuple[Any, dict[str, Any]]:
    """Vocabulary keys, idf (fit on the units) and both matrices, term-major."""
    import numpy as np

    r, k, v = _coo(unit_texts)
    vocab, inv, df = np.unique(k, return_inverse=True, return_counts=True)
    keep = df >= min_df
    remap = -np.ones(vocab.size, dtype=np.int64)
    remap[keep] = np.arange(int(keep.sum()))
    vocab = vocab[keep]
    idf = np.log((1.0 + len(unit_texts)) / (1.0 + df[keep])) + 1.0
    c = remap[inv]
    sel = c >= 0
    arrays: dict[str, Any] = {"vocab_keys": vocab.astype(np.uint64), "idf": idf.astype(np.float32)}
    arrays.update(_matrix("units", r[sel], c[sel], v[sel], idf, len(unit_texts), vocab.size, dtype))
    pr, pk, pv = _coo(pair_texts)
    pos = np.searchsorted(vocab, pk)
    pos_c = np.minimum(pos, max(vocab.size - 1, 0))
    hit = (pos < vocab.size) & (vocab[pos_c] == pk) if vocab.size else np.zeros(pk.size, dtype=bool)
    arrays.update(_matrix("pairs", pr[hit], pos[hit], pv[hit], idf, len(pair_texts), vocab.size, dtype))
    return vocab, arrays


def _matrix(name: str, r: Any, c: Any, v: Any, idf: Any, n_rows: int, n_cols: int, dtype: str) -> dict[str, Any]:
    import numpy as np

    w = (1.0 + np.log(v)) * idf[c] if v.size else v.astype(np.float64)
    if v.size:
        norms = np.sqrt(np.bincount(r, weights=w * w, minlength=n_rows))
        w = w / np.where(norms[r] > 0, norms[r], 1.0)
    order = np.lexsort((r, c))
    indptr = np.zeros(n_cols + 1, dtype=np.int64)
    if c.size:
        np.cumsum(np.bincount(c, minlength=n_cols), out=indptr[1:])
    return {f"{name}_indptr": indptr, f"{name}_rows": r[order].astype(np.int32),
            f"{name}_data": w[order].astype(dtype)}


# --------------------------------------------------------------------------- default

_DEFAULT: SuggestIndex | None = None


def default_index() -> SuggestIndex | None:
    """The index shipped in ``models/suggest_index`` (``None`` when this install has none)."""
    global _DEFAULT
    if _DEFAULT is None:
        try:
            root = resources.files("zongjie.models").joinpath("suggest_index")
            if not root.joinpath("index.json").is_file():
                return None
        except (ModuleNotFoundError, FileNotFoundError):
            return None
        _DEFAULT = SuggestIndex.load(root)
    return _DEFAULT


def load_index(path: str | os.PathLike | None) -> SuggestIndex | None:
    if path is None:
        return default_index()
    p = Path(path)
    if not p.is_dir():
        raise UsageError(f"{path}: no such index directory")
    return SuggestIndex.load(p)
