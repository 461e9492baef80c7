"""The suggestion index: measures mined from the plan parts of past reports.

Mining (:func:`mine`) keeps, from each report's plan parts, the sentences and headings that read
as **measures** — the sentence classifier (``zongjie.suggest.sentclass``) says so and no rule vetoes
it; problem statements, targets, outlooks and explanations written in a plan are left out. Each
measure is cut to one clause-bounded suggestion (≤ ``MAX_TEXT`` characters; the whole sentence is
kept as ``detail``), and stored with its **topic words** (``zongjie.suggest.topics``: jieba with
the domain dictionary), its measure probability, and its report's genre and level (a county
bureau's summary, a provincial government report…).

Retrieval is BM25 over those topic words, queried with the problem's topic words expanded through
the learned problem → plan translation table. On disk (``zongjie index … --out DIR``) an index is
one gzipped JSON file, ``measures.json.gz``: nothing is pickled, and loading needs no jieba.
"""

from __future__ import annotations

import gzip
import heapq
import json
import math
import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from itertools import repeat
from pathlib import Path
from typing import Any

from zongjie import rx
from zongjie.errors import UsageError
from zongjie.model import Document
from zongjie.record import record

FORMAT = "zongjie-measure-index"
VERSION = 2
FILE = "measures.json.gz"
MAX_TEXT = 60
MIN_P = 0.7  # P(measure) a sentence needs to enter the index (the ranking uses it again)
LEAD_P = 0.5  # … or this much and the form of a measure (a department's wording, which the classifier reads less well)
K1, B = 1.2, 0.75  # BM25
MAX_QUERY = 16  # query words kept, by weight × idf

_RE_MARK = rx.compile(r"^\s*(\*\*)?\s*(（[一二三四五六七八九十\d]{1,3}）|\([一二三四五六七八九十\d]{1,3}\)|"
                      r"[一二三四五六七八九十]{1,3}[是要][，,：:]?|第[一二三四五六七八九十]{1,3}[，,、]|"
                      r"其[一二三四五六七八九十][，,、]|\d{1,2}[.、．]|[①-⑳]|——|—|-)\s*")
_RE_LEAD = rx.compile(r"^(?:(?:下一步|今后|新的一年|明年)[，,]?)?(?:(?:我们|我局|我部|本人)(?:将|要|必须|应当|还将|会)?"
                      r"|要|必须|应当)(?=[\u4e00-\u9fff]{2})")
# a lead-in closed by a colon (下一步，我将认真对照县委的要求，扬长补短、改进提高：坚持每周…): what follows
# it is the measure
_RE_LEAD_COLON = rx.compile(r"^[^：:。；;]{0,40}?(?:下一步|今后|新的一年|明年|下半年|我将|我们将|本人将|以下|如下|"
                            r"改进提高|努力方向)[^：:。；;]{0,30}[：:](?=[\u4e00-\u9fff]{2})")
_RE_PLACEHOLDER = rx.compile(r"\*{2,}|＊{2,}|[XxＸ×]{2,}|某某|【[^】]*】|_{3,}|□")
_RE_WS = rx.compile(r"\s+")
_REPORT_GENRES = frozenset({"government-work-report", "report"})


def speaks_for_government(genre: str | None) -> bool:
    """Whether a report of ``genre`` speaks for a whole government (a government or congress report,
    or a genre unknown) rather than for a department or unit, whose own wording and measures differ."""
    return genre is None or genre in _REPORT_GENRES
# A closing target of a department's plan sentence (…，全年完成食品安全监督抽检2600批次以上;
# …，力争经营性收入占比提高到55%以上): a figure to reach, not a measure
_RE_TARGET_TAIL = rx.compile(r"^(?:全年|力争|确保|争取|计划|预计|年内|实现)|"
                             r"[0-9０-９]+(?:\.[0-9]+)?\s*(?:[%％]|个百分点|万|亿|批次|家|个|处|人次|场次|期|名|次|户|所|项|亩|公里)")
_RE_CLAUSE_END = rx.compile(r"[，,；;：:]")
_RE_LEVELS = (
    ("national", rx.compile(r"^(国务院|中华人民共和国|全国|中央|中国共产党第)|^政府工作报告$")),
    ("provincial", rx.compile(r"^(北京|天津|上海|重庆)市?(人民政府)?$|省|自治区|^(北京|天津|上海|重庆)市")),
    ("township", rx.compile(r"[乡镇]|街道|社区|村")),
    ("county", rx.compile(r"县|[^市]区(?!域)|旗")),
    ("city", rx.compile(r"市|州|盟")),
)
_RE_UNIT = rx.compile(r"(局|委员会|委|办公室|办|部|中心|学校|中学|小学|大学|学院|医院|公司|集团|院|所|站|馆|队|会)$")


@record
class Measure:
    """One suggestion-sized measure of a past report."""

    text: str  # ≤ MAX_TEXT, cut at a clause boundary
    detail: str  # the whole sentence when it is longer than `text`, else ""
    doc: int  # index into MeasureIndex.docs
    p: float  # P(measure) by the sentence classifier
    words: tuple[str, ...]  # topic words, for retrieval


def level_of(org: str | None, doc_type: str | None = None) -> str:
    """The administrative level of a report's author: national, provincial, city, county,
    township, or ``unit`` (a department, school, hospital or firm of any level); ``unknown``."""
    o = (org or "").strip()
    if not o:
        return "national" if doc_type == "government-work-report" else "unknown"
    if _RE_UNIT.search(o) and not o.endswith(("政府", "人民政府")):
        return "unit"
    for name, rx_ in _RE_LEVELS:
        if rx_.search(o):
            return name
    return "unknown"


def cut(text: str, limit: int = MAX_TEXT) -> str | None:
    """``text`` cut at the last clause boundary within ``limit`` characters (``None`` when even the
    first clause is longer: such a sentence is no suggestion)."""
    if len(text) <= limit:
        return text
    best = None
    for m in _RE_CLAUSE_END.finditer(text):
        if m.start() > limit:
            break
        if m.start() >= 8:
            best = m.start()
    return text[:best].rstrip("，,；;：: ") if best else None


def clean_unit(text: str) -> str:
    """A plan sentence as a suggestion: no leading marker, no `**`, no trailing punctuation."""
    t = _RE_WS.sub("", text)
    if t.startswith("**") or t.endswith("**"):
        t = t.strip("*") if not _RE_PLACEHOLDER.search(t.strip("*")) else t
    t = _RE_LEAD_COLON.sub("", t, count=1)  # (its prefix takes any marker before it too)
    for _ in range(2):
        t = _RE_MARK.sub("", t, count=1)
    t = _RE_LEAD.sub("", t, count=1)
    return t.lstrip("》」』）)、”’\"").strip("，,；;。：: \u3000")  # a closing mark left by a cut


def _units(doc: Document) -> Iterator[str]:
    """Plan sentences (split at 。；！？ and line ends) and plan headings, cleaned of markers."""
    from zongjie.previous import sentences

    seen: set[str] = set()
    heads = [n.heading for n in doc.walk() if n.role == "plans" and n.heading and n.kind != "appendix"]
    for raw in [*heads, *(t for _, _, t in sentences(doc, role="plans", min_len=6))]:
        u = clean_unit(raw)
        if 6 <= len(u) <= 240 and u not in seen and not _RE_PLACEHOLDER.search(u):
            seen.add(u)
            yield u


def measure_lead(text: str) -> str | None:
    """The measures of a plan sentence that ends in its target (`开展小作坊、小餐饮专项整治，推行…，
    全年完成食品安全监督抽检2600批次以上` → its first two pieces), or ``None`` when it has no closing
    target or nothing but one."""
    pieces = re.split(r"[，,；;]", text)
    n = len(pieces)
    while n > 1 and _RE_TARGET_TAIL.search(pieces[n - 1]):
        n -= 1
    if n == len(pieces) or any(_RE_TARGET_TAIL.search(p) for p in pieces[:n]):
        return None
    lead = text[:sum(len(p) + 1 for p in pieces[:n]) - 1]
    return lead if len(lead) >= 8 else None


def mine(doc: Document) -> list[tuple[str, str, float, tuple[str, ...]]]:
    """The measures of one structured report: ``(text, detail, p, words)``."""
    from zongjie.suggest import reads_as_measure, sentclass, topics

    genre = doc.title.doc_type if doc.title else None
    # a department's or unit's summary (not a government or congress report, the classifier's main
    # training genre): its wording is read less surely
    own_words = not speaks_for_government(genre)
    out = []
    for full in _units(doc):
        if sentclass.vetoed(full):
            continue
        u, p = full, sentclass.probabilities(full)["measure"]
        if p < MIN_P:
            # a department's wording the classifier is unsure of (成立学校、年级、班级三级家长委员会…,
            # 0.70), or a sentence whose target closes it and reads as a target as a whole: taken
            # when the form says measure — for the latter its measures, the whole kept as detail
            lead = measure_lead(full)
            if lead is None and not own_words:
                continue
            u = full if lead is None else lead
            if sentclass.vetoed(u) or not reads_as_measure(u):
                continue
            p = sentclass.probabilities(u)["measure"]
            if p < LEAD_P:
                continue
        text = cut(u)
        if text is None or len(text) < 6:
            continue
        words = tuple(topics.topic_words(text))
        if words:
            out.append((text, full if full != text else "", round(p, 3), words))
    return out


class MeasureIndex:
    """Measures of past reports with BM25 retrieval over their topic words."""

    def __init__(self, docs: list[dict[str, Any]], units: list[Measure], meta: dict[str, Any] | None = None):
        self.docs = docs
        self.units = units
        self.meta = meta or {}
        self.doc_ids = {d["id"]: i for i, d in enumerate(docs)}
        # built on every load of the index (a cold `zongjie suggest` pays it): most measures name
        # each word once, so the term counts are counted only where a word repeats
        postings: dict[str, list[tuple[int, int]]] = {}
        for i, u in enumerate(units):
            ws = u.words
            pairs = zip(ws, repeat(1)) if len(set(ws)) == len(ws) else Counter(ws).items()
            for w, n in pairs:
                hits = postings.get(w)
                if hits is None:
                    postings[w] = [(i, n)]
                else:
                    hits.append((i, n))
        self.postings = postings
        n = max(1, len(units))
        self.avgdl = sum(len(u.words) for u in units) / n or 1.0
        self._norm = [K1 * (1 - B + B * len(u.words) / self.avgdl) for u in units]  # BM25 length term
        self.idf = {w: math.log(1 + (n - len(p) + 0.5) / (len(p) + 0.5)) for w, p in self.postings.items()}
        self._scored: dict[str, list[tuple[int, int, float]]] = {}
        self._by_doc: dict[int, list[int]] | None = None

    def __len__(self) -> int:
        return len(self.units)

    def search(self, query: dict[str, float], k: int = 60, exclude_docs: Iterable[str] = ()) -> list[tuple[int, float]]:
        """The ``k`` best units for a weighted bag of words, as ``(unit index, BM25 score)``."""
        if k <= 0:
            return []
        postings, idf = self.postings, self.idf
        # the query's strongest words only: an expansion can name dozens of weak equivalents
        terms = sorted(((idf[w] * qw, w) for w, qw in query.items() if qw > 0 and w in postings),
                       reverse=True)[:MAX_QUERY]
        scores: dict[int, float] = {}
        get = scores.get
        for weight, w in terms:
            f = weight * (K1 + 1)
            for i, tf, denominator in self._hits(w):
                scores[i] = get(i, 0.0) + f * tf / denominator
        for d in exclude_docs:
            for i in self._units_of(d):
                scores.pop(i, None)
        # the k best by (score desc, index asc): only the units that reach the k-th best score
        # are sorted, not every unit a common word reaches
        if len(scores) > k:
            kth = heapq.nlargest(k, scores.values())[-1]
            best = [(-v, i) for i, v in scores.items() if v >= kth]
        else:
            best = [(-v, i) for i, v in scores.items()]
        best.sort()
        return [(i, -v) for v, i in best[:k]]

    def _hits(self, word: str) -> list[tuple[int, int, float]]:
        """``word``'s postings with their BM25 denominators (term count + length norm), made on
        the word's first search: a load of the index stays as cheap as reading it."""
        hits = self._scored.get(word)
        if hits is None:
            norm = self._norm
            hits = self._scored[word] = [(i, tf, tf + norm[i]) for i, tf in self.postings[word]]
        return hits

    def _units_of(self, doc_id: str) -> list[int]:
        if self._by_doc is None:
            by_doc: dict[int, list[int]] = defaultdict(list)
            for i, u in enumerate(self.units):
                by_doc[u.doc].append(i)
            self._by_doc = dict(by_doc)
        k = self.doc_ids.get(doc_id)
        return [] if k is None else self._by_doc.get(k, [])

    # -- building, saving, loading ---------------------------------------------------------
    @classmethod
    def build(cls, documents: Iterable[tuple[str, Document]], on_doc: Any = None) -> MeasureIndex:
        """An index of ``(id, structured document)`` pairs (sorted by id: the result depends only on
        the inputs)."""
        docs: list[dict[str, Any]] = []
        units: list[Measure] = []
        for doc_id, doc in sorted(documents, key=lambda x: x[0]):
            t = doc.title
            org, genre = (t.org, t.doc_type) if t else (None, None)
            if doc.meta.get("title") and (org is None or genre is None):  # a corpus record's title field
                from zongjie.title import parse_title_fields

                o2, _, _, g2 = parse_title_fields(str(doc.meta["title"]))
                org, genre = org or o2, genre or g2
            year = doc.meta.get("year") or (t.plan_year or t.summary_year if t else None)
            info = {"id": doc_id, "title": t.text if t else doc.meta.get("title"), "genre": genre,
                    "level": level_of(org, genre), "year": int(year) if year else None}
            found = mine(doc)
            info["measures"] = len(found)
            k = len(docs)
            docs.append(info)
            units += [Measure(text, detail, k, p, words) for text, detail, p, words in found]
            if on_doc is not None:
                on_doc(doc_id, len(found))
        return cls(docs, units, {"format": FORMAT, "version": VERSION, "documents": len(docs), "units": len(units)})

    def save(self, out: str | os.PathLike) -> Path:
        d = Path(out)
        d.mkdir(parents=True, exist_ok=True)
        data = {**self.meta, "format": FORMAT, "version": VERSION, "docs": self.docs,
                "units": [[u.text, u.detail, u.doc, u.p, " ".join(u.words)] for u in self.units]}
        raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        tmp = d / f".{FILE}.tmp"
        with open(tmp, "wb") as fh:  # mtime 0: the same index is the same bytes
            with gzip.GzipFile(fileobj=fh, mode="wb", mtime=0, compresslevel=9) as gz:
                gz.write(raw)
        os.replace(tmp, d / FILE)
        return d / FILE

    @classmethod
    def load(cls, src: str | os.PathLike) -> MeasureIndex:
        path = Path(src)
        if path.is_dir():
            path = path / FILE
        try:
            with gzip.open(path, "rb") as fh:
                data = json.loads(fh.read().decode("utf-8"))
        except FileNotFoundError:
            raise UsageError(f"{src}: no suggestion index there (build one with `zongjie index … --out DIR`)") from None
        except (OSError, ValueError, EOFError) as exc:
            raise UsageError(f"{src}: not a zongjie suggestion index ({' '.join(str(exc).split())[:120]})") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("version") != VERSION:
            raise UsageError(f"{src}: not a zongjie suggestion index of version {VERSION} (rebuild it with `zongjie index`)")
        units = [Measure(t, d, int(k), float(p), tuple(w.split())) for t, d, k, p, w in data["units"]]
        meta = {k: v for k, v in data.items() if k not in ("docs", "units")}
        return cls(list(data["docs"]), units, meta)


_DEFAULT: list[MeasureIndex] = []


def default_index() -> MeasureIndex:
    """The index shipped in ``zongjie.models`` (built by ``bench/build_default_index.py``)."""
    if not _DEFAULT:
        from zongjie.datafiles import models_dir

        _DEFAULT.append(MeasureIndex.load(models_dir() / "suggest_index"))
    return _DEFAULT[0]
