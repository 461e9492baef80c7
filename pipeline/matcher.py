"""Problem statements, plan items and the problem → plan alignment.

Pure Python (standard library only): the checker's ``problem-without-plan`` rule calls it on the
fast path. Every :class:`Statement` is a span of ``doc.text``: ``doc.text[s.start:s.end] == s.text``.

* :func:`problem_statements` — the individual problems of every ``problems`` part: ``一是…`` items,
  else the ``；``/``。`` clauses of the paragraph, without the stock opener (``在肯定成绩的同时…主要
  表现在：``) and closer (``对于这些问题…``).
* :func:`plan_items` — the units of every ``plans`` part: a short sub-section (heading + body), an
  ``一是…`` item, a ``——`` bullet, or a sentence/clause of a plans paragraph.
* :func:`similarity` — character 1–3-gram overlap plus topic-word containment (topic words are the
  problem's text cut at stock words such as 还/不够/有待/进一步/存在/问题/工作, see
  ``data/matcher.json``).
* :func:`align` — the best plan item for each problem (similarity weighted by the document's own
  n-gram rarity, a ``针对…问题`` cue and the relative position), ``plan`` ``None`` below the threshold.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable
from functools import lru_cache
from itertools import chain, filterfalse, repeat
from operator import add, methodcaller, neg
from typing import Any

from zongjie import rx
from zongjie.datafiles import read_data
from zongjie.model import Document, Section
from zongjie.normalize import fold
from zongjie.record import field, record

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only: importing typing is 4 ms of a cold `zongjie check`
    from typing import Any

__all__ = ["Statement", "Alignment", "problem_statements", "plan_items", "similarity", "align",
           "topic_terms"]


@record
class Statement:
    """A problem statement or a plan item: ``doc.text[start:end] == text``."""

    text: str
    start: int
    end: int
    role: str  # problems | plans
    kind: str = "sentence"  # item | section | heading | sentence | clause | bullet

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "role": self.role,
                "kind": self.kind}


@record
class Alignment:
    """A problem statement, the plan item that answers it (or None), the score and the runners-up."""

    problem: Statement
    plan: Statement | None
    score: float
    candidates: list[tuple[Statement, float]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"problem": self.problem.to_dict(),
                "plan": self.plan.to_dict() if self.plan else None, "score": round(self.score, 4)}


# --------------------------------------------------------------------------- data

@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    raw = json.loads(read_data("matcher.json"))
    stock = sorted({w for w in raw["stock"] if w}, key=lambda w: (-len(w), w))
    # The lookahead on the stock words' first characters matches what the alternation alone
    # matches, and spares the regex engine trying every stock word at every character (most
    # characters start none): half of `_features`' time was this split.
    first = "".join(sorted({w[0] for w in stock}))
    return {
        "cut": rx.compile(f"(?=[{re.escape(first)}])(?:" + "|".join(re.escape(w) for w in stock)
                          + r")|[\s\W_\d]+"),
        "stop_chars": frozenset(raw["stop_chars"]),
        "opener": [rx.compile(p) for p in raw["problem_opener"]],
        "closer": [rx.compile(p) for p in raw["closer"]],
        "clause_prefix": rx.compile(raw["problem_clause_prefix"]),
        "opener_prefix": rx.compile(raw["problem_opener_prefix"]),
        "plan_skip": [rx.compile(p) for p in raw["plan_skip"]],
        "plan_opener": rx.compile(raw["plan_opener"]),
        "cue": rx.compile(raw["cue"]),
        "whole_item_max": int(raw["whole_item_max"]),
        "threshold": float(raw["threshold"]),
        "weights": raw["weights"],
    }


# --------------------------------------------------------------------------- spans

_TRIM = set(" \t\r\n\u3000\u00a0，,；;。：:、！!？?")
_RE_SENT = rx.compile(r"[^。！？!?]+[。！？!?]*")
_RE_CLAUSE = rx.compile(r"[^；;]+[；;]*")


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in _TRIM:
        s += 1
    while e > s and text[e - 1] in _TRIM:
        e -= 1
    return s, e


def _stmt(doc: Document, s: int, e: int, role: str, kind: str, min_len: int = 4) -> Statement | None:
    s, e = _trim(doc.text, s, e)
    text = doc.text
    if doc.markdown:  # `**lead.**body` emphasis marks are not content
        while text.startswith("**", s) and text[s + 2:s + 3] != "*":
            s, e = _trim(text, s + 2, e)
        while e - s > 2 and text.endswith("**", s, e) and text[e - 3] != "*":
            s, e = _trim(text, s, e - 2)
    if e - s < min_len:
        return None
    return Statement(doc.text[s:e], s, e, role, kind)


def _fold_span(doc: Document, s: int, e: int) -> str:
    """``fold(doc.text[s:e])``: a slice of the document's folded copy when the text has no ``\r``
    (then folding is per character and commutes with slicing; a ``\r`` folds differently at the
    end of a slice than before the ``\n`` of ``\r\n``)."""
    plain = doc.store.get("fold-slices")
    if plain is None:
        plain = doc.store["fold-slices"] = "\r" not in doc.text
    return doc.folded[s:e] if plain else fold(doc.text[s:e])


def _pieces(text: str, s: int, e: int, pat: re.Pattern[str]) -> list[tuple[int, int]]:
    # searched within [s, e) of the text, not in a copy of the slice: the same matches for these
    # patterns (no anchors, no lookarounds), with the offsets in the text
    return [m.span() for m in pat.finditer(text, s, e)]


def _any_search(pats: list[re.Pattern[str]], s: str) -> bool:
    """``any(p.search(s) for p in pats)`` with the loop in C (``map``): the same patterns tried in
    the same order up to the first match, without a generator frame (plan items test every
    sentence of the plans part against the skip patterns)."""
    return any(map(methodcaller("search", s), pats))


def _paragraphs(text: str, s: int, e: int) -> list[tuple[int, int]]:
    out = []
    pos = s
    while pos < e:
        nl = text.find("\n", pos, e)
        pe = e if nl < 0 else nl
        ps, pe2 = _trim(text, pos, pe)
        if pe2 > ps:
            out.append((ps, pe2))
        pos = pe + 1
    return out


_RE_MARKED = rx.compile(r"^(\*\*)?\s*([(][一二三四五六七八九十\d]{1,3}[)]|[一二三四五六七八九十]{1,3}、|\d{1,2}[.、])"
                        r"[^。！？!?]{2,30}[。！？!?]")


def _marked_paragraph(doc: Document, ps: int, pe: int) -> bool:
    """A paragraph that opens with a numbered lead sentence the outline did not take as a heading
    (`**（一）深化课堂教学改革。**分学科…`): one item, lead and body together."""
    return pe - ps <= _data()["whole_item_max"] and bool(_RE_MARKED.match(_fold_span(doc, ps, pe)))


def _is_label(node: Section, parents: dict[int, Section | None]) -> bool:
    """A part heading (`二、存在的问题`, `## 2024年工作要点`) names the part; it is not an item.

    Top-level nodes and nodes with children are parts; a leaf sub-heading (`（一）加强…。…`,
    `### （一）加快老旧管网改造`) is an item of its part. ``parents`` is :func:`_parents`' map.
    """
    parent = parents.get(id(node))
    if parent is None or node.children or not node.heading \
            or node.kind in ("implicit", "preamble", "appendix"):
        return True  # parent None: a top-level node
    return parent.role != node.role  # it opens a part of its own


def _parents(roots: list[Section]) -> dict[int, Section | None]:
    """``id(node) → parent`` for the whole tree, built once: looking each node's parent up by a walk
    of the tree made plan/problem extraction quadratic in the number of sections."""
    out: dict[int, Section | None] = {}
    stack: list[tuple[Section, Section | None]] = [(r, None) for r in roots]
    while stack:
        n, p = stack.pop()
        out[id(n)] = p
        stack.extend((c, n) for c in n.children)
    return out


def _items_in(items: list, starts: list[int] | None, ps: int, pe: int) -> list:
    """The items of a node that start in ``[ps, pe)``, in list order.  ``starts`` (the items'
    sorted starts, or None when they are not sorted) lets a node with thousands of paragraphs
    and items find each paragraph's items by bisection instead of a scan per paragraph."""
    if starts is None:
        return [i for i in items if ps <= i.start < pe]
    return items[bisect_left(starts, ps):bisect_left(starts, pe)]


def _item_starts(items: list) -> list[int] | None:
    starts = [i.start for i in items]
    return starts if all(a <= b for a, b in zip(starts, starts[1:])) else None


def _parts(doc: Document, role: str) -> Iterable[Section]:
    for n in doc.walk():
        if n.role == role:
            yield n


# --------------------------------------------------------------------------- problems

def _problem_sentence(doc: Document, s: int, e: int) -> list[tuple[int, int]]:
    """Strip the opener/closer of one sentence; return its clauses."""
    d = _data()
    s, e = _trim(doc.text, s, e)
    while e < len(doc.text) and doc.text[e] in "：:":  # keep the colon an opener ends with
        e += 1
    f = _fold_span(doc, s, e)
    m = d["opener_prefix"].match(f)
    if m and m.end() < len(f) and f[m.end() - 1:m.end()] in "，,":  # `…清醒认识到，<problems>`
        s += m.end()
        f = f[m.end():]
    for opener in d["opener"]:
        m = opener.search(f)
        if m and m.start() == 0 and f[m.end() - 1:m.end()] in ("：", ":"):
            s += m.end()
            f = f[m.end():]
            break
        if m and opener.pattern.endswith("$"):
            return []
    if _any_search(d["closer"], f):
        return []
    out = []
    for cs, ce in _pieces(doc.text, s, e, _RE_CLAUSE):
        cs, ce = _trim(doc.text, cs, ce)
        cf = _fold_span(doc, cs, ce)
        m = d["clause_prefix"].match(cf)
        if m:
            cs += m.end()
            cf = cf[m.end():]
        if _any_search(d["closer"], cf) or any(
                pat.pattern.endswith("$") and pat.search(cf) for pat in d["opener"]):
            continue
        out.append((cs, ce))
    return out


def _strip_closers(doc: Document, s: int, e: int) -> int:
    """End of an item's text once trailing closing sentences (`对于这些问题…`) are dropped."""
    d = _data()
    sents = _pieces(doc.text, s, e, _RE_SENT)
    while len(sents) > 1:
        ls, le = _trim(doc.text, *sents[-1])
        f = _fold_span(doc, ls, le)
        if _any_search(d["closer"], f) or _any_search(d["plan_skip"], f):
            e = sents[-1][0]
            sents.pop()
        else:
            break
    return e


def problem_statements(doc: Document) -> list[Statement]:
    """Every problem statement of the document's ``problems`` parts, in text order."""
    out: list[Statement] = []
    wmax = _data()["whole_item_max"]
    parents = _parents(doc.sections)
    for node in _parts(doc, "problems"):
        if not _is_label(node, parents):
            hs, he = node.heading_start or node.start, node.end
            if he - hs <= wmax and not node.items:
                st = _stmt(doc, hs, _strip_closers(doc, hs, he), "problems", "section")
                if st:
                    out.append(st)
                continue
            if not node.items:  # with `一是…` items below it, the heading is their category
                st = _stmt(doc, node.heading_start or node.start, node.heading_end or node.start,
                           "problems", "heading")
                if st:
                    out.append(st)
        starts = _item_starts(node.items)
        for rs, re_ in node.own_ranges():
            for ps, pe in _paragraphs(doc.text, rs, re_):
                items = _items_in(node.items, starts, ps, pe)
                if items:
                    _problem_clauses(doc, ps, items[0].start, out)
                    for k, it in enumerate(items):
                        end = min(it.content_end or pe, pe)
                        if k == len(items) - 1:
                            # the last item is one sentence; what follows (`此外，政府自身建设…`,
                            # `对于这些问题…`) is read as ordinary clauses
                            sents = _pieces(doc.text, it.end, end, _RE_SENT)
                            if len(sents) > 1:
                                _problem_clauses(doc, sents[1][0], end, out)
                                end = sents[0][1]
                        end = _strip_closers(doc, it.end, end)
                        st = _stmt(doc, it.end, end, "problems", "item")
                        if st:
                            out.append(st)
                    continue
                if _marked_paragraph(doc, ps, pe):
                    st = _stmt(doc, ps, _strip_closers(doc, ps, pe), "problems", "section")
                    if st:
                        out.append(st)
                        continue
                _problem_clauses(doc, ps, pe, out)
    out.sort(key=lambda s: s.start)
    return _dedup(out)


def _problem_clauses(doc: Document, s: int, e: int, out: list[Statement]) -> None:
    for ss, se in _pieces(doc.text, s, e, _RE_SENT):
        for cs, ce in _problem_sentence(doc, ss, se):
            st = _stmt(doc, cs, ce, "problems", "clause")
            if st:
                out.append(st)


def _dedup(stmts: list[Statement]) -> list[Statement]:
    out: list[Statement] = []
    for s in stmts:
        if out and s.start < out[-1].end:  # overlapping spans: keep the first
            continue
        out.append(s)
    return out


# --------------------------------------------------------------------------- plans

def plan_items(doc: Document) -> list[Statement]:
    """Every plan item of the document's ``plans`` parts, in text order."""
    d = _data()
    out: list[Statement] = []
    parents = _parents(doc.sections)
    for node in _parts(doc, "plans"):
        if node.children and node.heading and parents.get(id(node)) is not None:
            st = _stmt(doc, node.heading_start or node.start, node.heading_end or node.start, "plans", "heading")
            if st:
                out.append(st)
        if not _is_label(node, parents):
            hs, he = node.heading_start or node.start, node.end
            if he - hs <= d["whole_item_max"] and not node.items:
                st = _stmt(doc, hs, he, "plans", "section")
                if st:
                    out.append(st)
                continue
            st = _stmt(doc, hs, node.heading_end or node.start, "plans", "heading")
            if st:
                out.append(st)
        starts = _item_starts(node.items)
        for rs, re_ in node.own_ranges():
            for ps, pe in _paragraphs(doc.text, rs, re_):
                items = _items_in(node.items, starts, ps, pe)
                if items:
                    _plan_sentences(doc, ps, items[0].start, out)
                    for it in items:
                        end = min(it.content_end or pe, pe)
                        cut = _strip_closers(doc, it.end, end)
                        st = _stmt(doc, it.end, cut, "plans", "item")
                        if st:
                            out.append(st)
                        if cut < end:
                            _plan_sentences(doc, cut, end, out)
                    continue
                if _marked_paragraph(doc, ps, pe):
                    st = _stmt(doc, ps, pe, "plans", "section")
                    if st:
                        out.append(st)
                        continue
                kind = "bullet" if doc.text.startswith(("——", "--", "—"), ps) else "sentence"
                _plan_sentences(doc, ps, pe, out, kind)
    out.sort(key=lambda s: s.start)
    return _dedup(out)


def _plan_sentences(doc: Document, s: int, e: int, out: list[Statement], kind: str = "sentence") -> None:
    d = _data()
    for ss, se in _pieces(doc.text, s, e, _RE_SENT):
        ss, se = _trim(doc.text, ss, se)
        f = _fold_span(doc, ss, se)
        m = d["plan_opener"].match(f)
        if m:
            ss += m.end()
            f = f[m.end():]
        if not f or _any_search(d["plan_skip"], f):
            continue
        clauses = _pieces(doc.text, ss, se, _RE_CLAUSE)
        for cs, ce in clauses:
            st = _stmt(doc, cs, ce, "plans", kind if len(clauses) == 1 else "clause", min_len=6)
            if st:
                out.append(st)


# --------------------------------------------------------------------------- similarity

@lru_cache(maxsize=4096)
def _chunks(s: str) -> tuple[str, ...]:
    return tuple(c for c in _data()["cut"].split(_fold_cached(s)) if c)


@lru_cache(maxsize=8192)
def _fold_cached(s: str) -> str:
    return fold(s)


@lru_cache(maxsize=8192)
def _terms_cached(s: str) -> tuple[str, ...]:
    return tuple(topic_terms(s))


def topic_terms(s: str) -> list[str]:
    """The content terms of a problem: its text cut at stock words and punctuation (≥ 2 chars)."""
    return [c for c in _chunks(s) if len(c) >= 2]


def _cut_spans(f: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each topic chunk of the folded text ``f``: the non-empty pieces of
    ``cut.split(f)`` (the text between the stock words and the punctuation)."""
    out: list[tuple[int, int]] = []
    pos = 0
    for m in _data()["cut"].finditer(f):
        s = m.start()
        if s > pos:
            out.append((pos, s))
        pos = m.end()
    if pos < len(f):
        out.append((pos, len(f)))
    return out


@lru_cache(maxsize=8192)
def _features(s: str) -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """(topic unigrams, topic bigrams, topic trigrams, every bigram of the raw text)."""
    stop = _data()["stop_chars"]
    f = _fold_cached(s)
    spans = _cut_spans(f)
    # The text's characters, bigrams and trigrams are made once (in C: map over shifted lists) and
    # each chunk's n-grams are slices of them, inserted in the same order as n-grams made chunk
    # by chunk: the same sets, iterated in the same order, so the float sums over them are
    # unchanged.  (A CJK character is a new string each time a str is iterated.)
    chars = list(f)
    bigrams = list(map(add, chars, chars[1:]))
    trigrams = list(map(add, bigrams, chars[2:]))
    g1 = frozenset(filterfalse(stop.__contains__, chain.from_iterable([chars[a:b] for a, b in spans])))
    g2 = frozenset(chain.from_iterable([bigrams[a:b - 1] for a, b in spans]))
    g3 = frozenset(chain.from_iterable([trigrams[a:b - 2] for a, b in spans if b - a > 2]))
    return g1, g2, g3, frozenset(bigrams)


def similarity(a: str, b: str, idf: dict[str, float] | None = None) -> float:
    """How well ``b`` (a plan item) answers ``a`` (a problem), in [0, 1].

    A weighted mean of (1) a set-cosine over the character 1–3-grams of the topic chunks of both
    texts and (2) the topic-word overlap: the share of ``a``'s topic bigrams found anywhere in ``b``
    blended with how much of each topic term occurs in ``b`` in one piece. With ``idf``
    (n-gram → weight) every n-gram counts with its weight (the aligner passes the document's own
    rarity weights).
    """
    return _similarity(a, b, idf, {})


def _similarity(a: str, b: str, idf: _Rarity | dict[str, float] | None, sizes: dict[tuple[str, int], float]) -> float:
    fa, fb = _features(a), _features(b)
    w = _data()["weights"]
    if idf is None:  # every n-gram counts 1: set sizes, no closures (follow-through calls this a million times)
        return _score(a, b, fa, fb, w, len, _plain_size)
    wsum, size = _weighers(idf, sizes)
    return _score(a, b, fa, fb, w, wsum, size)


def _weighers(idf: _Rarity | dict[str, float], sizes: dict[tuple[str, int], float]
              ) -> tuple[Callable[[Iterable[str]], float], Callable[[str, tuple, int], float]]:
    """``_score``'s ``wsum`` (the weight of a set of n-grams, 1.0 for one ``idf`` lacks) and
    ``size`` (a text's feature set ``k`` weighed once, remembered in ``sizes``).  The weights are
    looked up in C (``map``): the same floats added in the same order as a Python loop over the
    set, at a fraction of the cost."""
    if isinstance(idf, _Rarity):
        wsum = idf.wsum
    else:
        get = idf.get

        def dict_wsum(grams: Iterable[str]) -> float:
            return sum(map(get, grams, repeat(1.0)))

        wsum = dict_wsum

    def size(text: str, feats: tuple, k: int) -> float:
        key = (text, k)
        v = sizes.get(key)
        if v is None:
            v = sizes[key] = wsum(feats[k])
        return v

    return wsum, size


def _plain_size(text: str, feats: tuple, k: int) -> float:
    return len(feats[k])


def similarity_bound(a: str, b: str) -> float:
    """An upper bound of ``similarity(a, b)`` (without ``idf``) that skips the costly part, the
    longest common runs (``_run_coverage``): the same arithmetic (``_score``), with each topic
    term's longest run in ``b`` bounded by the number of the term's bigrams found in ``b`` (a
    common run of n characters holds n - 1 of them).  Every other term is computed as in
    :func:`similarity` and the operations are monotonic in the runs, so
    ``similarity_bound(a, b) >= similarity(a, b)`` holds in floating point too: a caller that
    keeps the best score can skip ``similarity`` where the bound cannot beat it
    (``previous.best_matches``)."""
    return _score(a, b, _features(a), _features(b), _data()["weights"], len, _plain_size, _run_bound)


@lru_cache(maxsize=8192)
def _term_pieces(a: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``a``'s topic terms, each with its bigrams (one per position) for :func:`_run_coverage`."""
    return tuple((c, tuple(map(add, c, c[1:]))) for c in _terms_cached(a))


@lru_cache(maxsize=8192)
def _term_bigrams(a: str) -> tuple[tuple[str, ...], float]:
    """The bigrams of ``a``'s topic terms (one per position) and ``_run_coverage``'s denominator."""
    pieces = _term_pieces(a)
    den = 0.0
    for c, _ in pieces:
        den += len(c) - 1
    return tuple(chain.from_iterable(grams for _, grams in pieces)), den


def _run_bound(a: str, b: str) -> float:
    """An upper bound of ``_run_coverage(a, b)``: bigrams of the terms found in ``b`` per term bigram."""
    grams, den = _term_bigrams(a)
    if not den:
        return 0.0
    return sum(map(_features(b)[3].__contains__, grams)) / den


def _score(a: str, b: str, fa: tuple, fb: tuple, w: dict[str, float],
           wsum: Callable[[Any], float], size: Callable[[str, tuple, int], float],
           run_coverage: Callable[[str, str], float] | None = None) -> float:
    """The similarity's arithmetic over n-gram weights ``wsum`` and cached set weights ``size``
    (``run_coverage``: ``_run_coverage`` or, for :func:`similarity_bound`, a bound of it)."""
    cos_total, cos_w = 0.0, 0.0
    for k in range(3):
        ga, gb = fa[k], fb[k]
        if not ga or not gb:
            continue
        inter = ga & gb
        if inter:
            cos_total += (k + 1) * wsum(inter) / math.sqrt(size(a, fa, k) * size(b, fb, k))
        cos_w += k + 1
    ngram = cos_total / cos_w if cos_w else 0.0
    k = 1 if fa[1] else 0
    topic_set = fa[k]
    if not topic_set:
        return ngram * w["ngram"] / (w["ngram"] + w["topic"])
    inter = topic_set & (fb[3] if k == 1 else fb[0])
    if not inter and ngram == 0.0:
        return 0.0
    topic = wsum(inter) / size(a, fa, k)
    runs = (run_coverage or _run_coverage)(a, b) if inter else 0.0
    topic = (1.0 - w["run"]) * topic + w["run"] * runs
    return (w["ngram"] * ngram + w["topic"] * topic) / (w["ngram"] + w["topic"])


_PAIR = b"\x01\x01"  # two adjacent term bigrams both found in the other text: a run of 3+ may exist


def _run_coverage(a: str, b: str) -> float:
    """How much of each topic term of ``a`` occurs in ``b`` as one piece (longest common run)."""
    fb = _fold_cached(b)
    # ``b``'s bigrams are those of ``fb``: a common run of two characters is one of the term's
    # bigrams found there, and a longer run needs two adjacent ones, so ``fb`` is searched only
    # for a term with two adjacent bigrams in ``b`` (the same integers as searching every term)
    in_b = _features(b)[3].__contains__
    num = den = 0.0
    for c, grams in _term_pieces(a):
        n = len(c)
        if c in fb:
            best = n  # the whole term (what the search below finds first, one character at a time)
        else:
            flags = bytes(map(in_b, grams))
            best = 2 if 1 in flags else 0
            if _PAIR in flags:
                for i in range(n - 2):
                    if best >= n - i:  # no longer run can start here or later
                        break
                    j = i + best + 1
                    while j <= n and c[i:j] in fb:
                        best = j - i
                        j += 1
        num += best - 1 if best > 1 else 0
        den += n - 1
    return num / den if den else 0.0


# --------------------------------------------------------------------------- alignment

_RE_UNIT = rx.compile(r"[^。！？!?；;\n]+")
_IDF_SAMPLE = 240


def _idf(doc: Document) -> _Rarity | dict[str, float]:
    """Rarity of each n-gram among the document's sentences: words the whole document repeats
    (its own field: 统战, 民政, 供水) weigh less than the words that single out one item."""
    from collections import Counter

    stop = _data()["stop_chars"]
    folded = doc.folded
    units = [u for u in _RE_UNIT.findall(folded) if len(u.strip()) >= 2]
    if len(units) < 3:
        return {}
    # Rarity is a proportion: on a long report an evenly spread, deterministic sample of 240
    # sentences estimates it well and bounds the cost (this was most of the checker's time).
    step = -(-len(units) // _IDF_SAMPLE)
    sample = tuple(units[::step])
    last = _LAST_RARITY[0]  # read once: another thread may replace it
    if last is not None and last.key == sample:
        return last  # an editor re-checking after a keystroke outside the sample
    df: Counter[str]
    changed = ([i for i, (a, b) in enumerate(zip(last.key, sample)) if a != b]
               if last is not None and len(last.key) == len(sample) else None)
    if changed is not None and len(changed) <= 8:
        # a few sentences edited: adjust a copy of the last counts
        assert last is not None  # changed is only computed against a last sample
        df = Counter(last.df)
        for i in changed:
            old = _sentence_grams(last.key[i], stop)
            df.subtract(old)
            df.update(_sentence_grams(sample[i], stop))
            for g in old:
                if df[g] <= 0:
                    del df[g]
    else:
        # one count over every sentence's n-grams, in sentence order: the counts (and their
        # insertion order) of updating a Counter sentence by sentence, without a call per sentence
        df = Counter(chain.from_iterable(map(_sentence_grams, sample, repeat(stop))))
    rarity = _Rarity(df, len(sample), sample)
    _LAST_RARITY[0] = rarity
    return rarity


_LAST_RARITY: list[_Rarity | None] = [None]  # the last document's counts (editors re-check it)


@lru_cache(maxsize=1024)  # a few documents: each entry holds a sentence's n-grams (~25 KB)
def _sentence_grams(f: str, stop: frozenset[str]) -> frozenset[str]:
    """Raw 1–3-grams of a sentence, a cheap superset of its topic features.  Remembered: an
    editor re-checks the same draft after each keystroke and all but one sentence are unchanged."""
    # in C, one set built from the characters split once (a CJK character is a new string each time
    # a str is iterated): a third faster than filling a set in steps
    chars = list(f)
    bigrams = list(map(add, chars, chars[1:]))
    return frozenset(chain(filterfalse(stop.__contains__, chars), bigrams, map(add, bigrams, chars[2:])))


class _Rarity:
    """``{n-gram: idf}`` computed on demand: alignment asks for a few hundred of the thousands of
    n-grams counted, and building the whole table was a third of a short document's check.

    An n-gram's weight depends on its count only: ``by_count[c]`` is the weight of an n-gram in
    ``c`` of the ``m`` sentences (``by_count[0]`` = 1.0, an n-gram the counts lack), so
    :meth:`wsum` weighs a set of n-grams with two look-ups in C per n-gram."""

    __slots__ = ("df", "m", "lm", "by_count", "key")

    def __init__(self, df: dict[str, int], m: int, key: tuple[str, ...] = ()) -> None:
        self.df, self.m, self.lm = df, m, math.log(1.0 + m)
        # every count is in 1..m: an n-gram is counted once per sentence it occurs in
        self.by_count = [1.0] + [math.log(1.0 + m / c) / self.lm for c in range(1, m + 1)]
        self.key = key  # the sampled sentences the counts come from

    def __bool__(self) -> bool:
        return bool(self.df)

    def get(self, g: str, default: float = 1.0) -> float:
        c = self.df.get(g)
        return default if c is None else self.by_count[c]

    def wsum(self, grams: Iterable[str]) -> float:
        """``sum(self.get(g) for g in grams)``: the same floats added in the same order."""
        return sum(map(self.by_count.__getitem__, map(self.df.get, grams, repeat(0))))


def aligned(doc: Document) -> list[Alignment]:
    """``align(doc)`` with the default settings, computed once per document (``doc.store``): the
    checker's ``problem-without-plan``, batch's ``problems`` table and the suggestions share it."""
    hit = doc.store.get("align")
    if hit is None:
        probs, items = problem_statements(doc), plan_items(doc)
        # kept with the alignment: batch's `problems`/`plans` tables are these very statements,
        # and extracting them again was a tenth of a document's time there
        doc.store["statements"] = (probs, items)
        hit = doc.store["align"] = align(doc, problems=probs, plans=items)
    return hit


def statements(doc: Document) -> tuple[list[Statement], list[Statement]]:
    """``(problem_statements(doc), plan_items(doc))``, those :func:`aligned` used when it ran."""
    hit = doc.store.get("statements")
    if hit is None:
        hit = doc.store["statements"] = (problem_statements(doc), plan_items(doc))
    return hit


def align(doc: Document, threshold: float | None = None,
          problems: list[Statement] | None = None, plans: list[Statement] | None = None,
          max_candidates: int = 25) -> list[Alignment]:
    """The best plan item for each problem statement; ``plan`` is ``None`` below ``threshold``.

    Score = :func:`similarity` weighted by the rarity of each n-gram among the document's plan
    items, plus a bonus when the plan item names a problem (``针对…问题``, ``解决…不足``) close to
    this one, plus a small bonus for the same relative position (problems and plans are usually
    listed in the same order). Only plan items sharing a topic bigram with the problem are scored
    (at most ``max_candidates`` of them, found through postings lists built once, among the
    ``WINDOW`` plan items nearest the problem's relative position), so the cost stays linear in
    the length of the document.
    """
    d = _data()
    thr = d["threshold"] if threshold is None else threshold
    w = d["weights"]
    probs = problem_statements(doc) if problems is None else problems
    items = plan_items(doc) if plans is None else plans
    # without problems or without plan items nothing is scored: the rarity counts (a quarter of the
    # time of a report with both) are not needed
    idf = (_idf(doc) or None) if probs and items else None
    # The result depends on the texts of the statements, their order and the counts, not on
    # offsets: an editor re-checking after a keystroke elsewhere reads it back.
    key = (tuple(p.text for p in probs), tuple(it.text for it in items),
           idf.key if isinstance(idf, _Rarity) else None, thr, max_candidates, WINDOW)
    hit = _ALIGNED.get(key)
    if hit is not None:
        return [Alignment(probs[i], items[j] if j is not None else None, score,
                          [(items[c], cs) for c, cs in cands]) for i, (j, score, cands) in enumerate(hit)]
    out = _align(probs, items, idf, thr, w, d, max_candidates, _folds(doc, items) if probs else None)
    index = {id(it): j for j, it in enumerate(items)}
    if len(_ALIGNED) >= 16:
        _ALIGNED.clear()
    _ALIGNED[key] = [(index[id(a.plan)] if a.plan is not None else None, a.score,
                      [(index[id(c)], cs) for c, cs in a.candidates]) for a in out]
    return out


_ALIGNED: dict[tuple, list[tuple[int | None, float, list[tuple[int, float]]]]] = {}

# A problem's candidates are looked for among the WINDOW plan items nearest its own relative
# position (problems and plans are listed in the same order).  Every real report has fewer
# plan items (the longest of the 97 public reports: about 1,060), so its alignment is unchanged;
# on a 16 MB concatenation of reports the window bounds each problem's work, which made
# alignment quadratic (every problem walked the postings of every plan item).
WINDOW = 2048

# Work counters (problems aligned, candidate plan items gathered, similarity evaluations):
# tests/test_scaling.py checks that they grow linearly with the input, without timing anything.
_STATS: dict[str, int] = {"problems": 0, "postings": 0, "similarity": 0}


def _window(i: int, n: int, m: int) -> tuple[int, int]:
    """``[lo, hi)``: the ``WINDOW`` plan items around problem ``i`` of ``n``'s relative position."""
    if m <= WINDOW:
        return 0, m
    centre = round(i * (m - 1) / (n - 1)) if n > 1 else m // 2
    lo = min(max(0, centre - WINDOW // 2), m - WINDOW)
    return lo, lo + WINDOW


def _folds(doc: Document, stmts: list[Statement]) -> list[str]:
    """``fold(s.text)`` of each statement: a slice of the document's folded copy
    (:func:`_fold_span`) where the statement is a span of ``doc.text``, as those of
    :func:`plan_items` are; folding each text anew was a tenth of the alignment."""
    text = doc.text
    return [_fold_span(doc, s.start, s.end)
            if s.end - s.start == len(s.text) and text.startswith(s.text, s.start) else _fold_cached(s.text)
            for s in stmts]


def _align(probs: list[Statement], items: list[Statement], idf: _Rarity | dict[str, float] | None,
           thr: float, w: dict[str, float], d: dict[str, Any], max_candidates: int,
           folds: list[str] | None = None) -> list[Alignment]:
    # postings only for the bigrams some problem asks for; raw bigrams need no full _features
    # (``folds``: the folded texts of the items, when the caller has them)
    wanted: set[str] = set()
    for pr in probs:
        wanted |= _features(pr.text)[1]
    postings: dict[str, list[int]] = {}
    for j, it in enumerate(items if wanted else ()):  # no problem (a quarter of the reports): no postings
        f = folds[j] if folds is not None else _fold_cached(it.text)
        # the item's wanted bigrams, each once (the set is filled from the map without a set of
        # all the item's bigrams first); the order within an item is free, each list ascends in j
        for g in wanted.intersection(map(add, f, f[1:])):
            postings.setdefault(g, []).append(j)
    # a plan item's `针对…问题` cue, looked for when the item is first a candidate, not in every item
    cue_re = d["cue"]
    cues: dict[int, re.Match[str] | None] = {}
    out: list[Alignment] = []
    n, m = len(probs), len(items)
    sizes: dict[tuple[str, int], float] = {}
    # the n-gram weighers are made once per document, not once per scored pair
    wsum, size = _weighers(idf, sizes) if idf is not None else (len, _plain_size)
    _STATS["problems"] += n
    for i, pr in enumerate(probs):
        fa = _features(pr.text)
        lo, hi = _window(i, n, m)
        hits: dict[int, float] = {}
        get = hits.get
        for g in fa[1] or {c for c in fa[0]}:
            if len(g) == 2:
                post = postings.get(g, ())
                # postings are ascending: the window's slice by bisection, never a full scan
                js: Iterable[int] = post if hi - lo == m else post[bisect_left(post, lo):bisect_left(post, hi)]
            else:
                js = range(lo, hi)
            wg = idf.get(g, 1.0) if idf else 1.0
            # hits[j] += wg for each j (distinct), the loop run in C
            hits.update(zip(js, map(add, map(get, js, repeat(0.0)), repeat(wg))))
        _STATS["postings"] += len(hits)
        # ties broken by position: set iteration order (hash seed) must not change the result
        # (the keys (-round(score, 9), j) built in C; j is unique, so the order is the same)
        cand = [j for _, j in sorted(zip(map(neg, map(round, hits.values(), repeat(9))), hits))[:max_candidates]]
        scored: list[tuple[Statement, float]] = []
        _STATS["similarity"] += len(cand)
        for j in cand:
            it = items[j]
            sim = _score(pr.text, it.text, fa, _features(it.text), w, wsum, size)
            if sim <= 0:
                continue
            bonus = 0.0
            cue = cues[j] if j in cues else cues.setdefault(j, cue_re.search(_fold_cached(it.text)))
            if cue is not None and similarity(pr.text, cue.group(0)) >= 0.2:
                bonus += w["cue"]
            if n > 1 and m > 1:
                # a tie-breaker between comparable candidates, not a reason to pair weak ones
                bonus += w["position"] * (1.0 - abs(i / (n - 1) - j / (m - 1))) * min(1.0, sim / 0.3) ** 2
            scored.append((it, min(1.0, sim + bonus)))
        scored.sort(key=lambda t: (-round(t[1], 9), t[0].start))
        best = scored[0] if scored else None
        if best is not None and best[1] >= thr:
            out.append(Alignment(pr, best[0], best[1], scored[:5]))
        else:
            out.append(Alignment(pr, None, best[1] if best else 0.0, scored[:5]))
    return out
