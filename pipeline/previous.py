"""This year's document against last year's (``check --previous``, batch follow-through, drafting).

* **Follow-through** (对照年初部署): every plan item of last year's document is matched with the
  sentences of this year's achievements; the best one at or above ``THRESHOLD`` reports on it.
* **Repeated problems**: a problem statement of this year that copies one of last year's nearly
  word for word (the same problem again is news; the same words again is a copy).

Both go through inverted indexes of character n-grams, so the cost stays linear in the two
documents (each item is scored against at most ``CANDIDATES`` sentences).
"""

from __future__ import annotations

from collections import defaultdict

from zongjie import rx
from zongjie.model import Document, Span
from zongjie.record import record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable

    from zongjie.matcher import Statement

THRESHOLD = 0.35  # matcher.similarity of a plan item and the sentence that reports on it
CANDIDATES = 5  # sentences scored per plan item: those sharing the most bigrams with it
COPY = 0.8  # share of a problem's 4-grams found in one of last year's: a copy
_SENT = rx.compile(r"[^。；;！？!?\n]+")
_TRIM = " \u3000，,：:、"


@record
class Follow:
    """One plan item of last year and what this year's achievements say of it."""

    plan: Statement  # in last year's document
    plan_line: int
    match: Span | None  # the sentence of this year's document that reports on it
    match_text: str | None
    score: float

    @property
    def reported(self) -> bool:
        return self.match is not None and self.score >= THRESHOLD


@record
class Repeat:
    """A problem statement of this year copied from last year's document."""

    problem: Statement  # this year
    earlier: Statement  # last year
    overlap: float


def sentences(doc: Document, role: str = "achievements", min_len: int = 6) -> list[tuple[int, int, str]]:
    """The sentences of ``doc`` whose role is ``role``, as ``(start, end, text)``."""
    out = []
    for m in _SENT.finditer(doc.text):
        s, e = m.start(), m.end()
        while s < e and doc.text[s] in _TRIM:
            s += 1
        while e > s and doc.text[e - 1] in _TRIM:
            e -= 1
        if e - s >= min_len and doc.role_at(s) == role:
            out.append((s, e, doc.text[s:e]))
    return out


def _grams(s: str, n: int) -> set[str]:
    return {s[i:i + n] for i in range(len(s) - n + 1)}


def best_matches(items: Iterable[str], sents: list[str]) -> list[tuple[int | None, float]]:
    """For each item, the index of the sentence in ``sents`` that answers it best and its
    ``matcher.similarity`` (``None``, 0.0 when no sentence shares a bigram with it)."""
    from zongjie.matcher import similarity

    index: dict[str, list[int]] = defaultdict(list)
    for j, s in enumerate(sents):
        for g in _grams(s, 2):
            index[g].append(j)
    out: list[tuple[int | None, float]] = []
    for text in items:
        hits: dict[int, int] = defaultdict(int)
        for g in _grams(text or "", 2):
            for j in index.get(g, ()):
                hits[j] += 1
        best, best_j = 0.0, None
        for j in sorted(hits, key=lambda j: (-hits[j], j))[:CANDIDATES]:
            sc = similarity(text, sents[j])
            if sc > best:
                best, best_j = sc, j
        out.append((best_j, round(float(best), 4)))
    return out


def follow_through(doc: Document, previous: Document) -> list[Follow]:
    """Last year's plan items, each with the sentence of this year's achievements reporting on it."""
    from zongjie.matcher import plan_items

    plans = plan_items(previous)
    sents = sentences(doc)
    found = best_matches([p.text for p in plans], [t for _, _, t in sents])
    out = []
    for p, (j, score) in zip(plans, found):
        hit = sents[j] if j is not None and score >= THRESHOLD else None
        out.append(Follow(plan=p, plan_line=previous.lines.line_of(p.start),
                          match=Span(hit[0], hit[1]) if hit else None, match_text=hit[2] if hit else None,
                          score=score))
    return out


def repeated_problems(doc: Document, previous: Document, threshold: float = COPY) -> list[Repeat]:
    """This year's problem statements that copy one of last year's (character 4-gram containment)."""
    from zongjie.matcher import problem_statements

    earlier = problem_statements(previous)
    index: dict[str, list[int]] = defaultdict(list)
    for j, p in enumerate(earlier):
        for g in _grams(_core(p.text), 4):
            index[g].append(j)
    out = []
    for p in problem_statements(doc):
        grams = _grams(_core(p.text), 4)
        if len(grams) < 6:  # too short to call a copy (`存在的问题`)
            continue
        shared: dict[int, int] = defaultdict(int)
        for g in grams:
            for j in set(index.get(g, ())):
                shared[j] += 1
        if not shared:
            continue
        j = max(shared, key=lambda j: (shared[j], -j))
        overlap = shared[j] / len(grams)
        if overlap >= threshold:
            out.append(Repeat(problem=p, earlier=earlier[j], overlap=round(overlap, 3)))
    return out


def _core(text: str) -> str:
    """The words of a statement without punctuation, numbering and blanks."""
    return rx.sub(r"[\W\d_a-zA-Z]+|^[一二三四五六七八九十]+是", "", text)


def load_previous(path: str) -> Document:
    """Last year's document, read and analysed (structure and extraction) for the comparison."""
    from zongjie.reader import read_file
    from zongjie.runner import pipeline

    src = read_file(path)
    return pipeline(("structure", "extract"))(src.text, file=path, markdown=src.markdown)
