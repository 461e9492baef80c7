"""This year's document against last year's (``check --previous``, batch follow-through, drafting).

* **Follow-through** (对照年初部署): every plan item of last year's document that is a commitment
  (``is_commitment``: a measure or a target, not the plan's framing, outlook or explanations) is
  matched with the sentences of this year's achievements (``best_matches``: the item and its key
  clauses, against the top sentences and adjacent pairs). At or above ``THRESHOLD`` it is
  reported; below ``UNREPORTED`` with no sentence sharing ``EVIDENCE`` of its content words it is
  surely not (``plan-not-reported``); in between it may be reported in other words and the
  checker says nothing. The thresholds were set on consecutive national government work reports
  (scores looked over by hand on a few pairs); ``bench/judge_previous.py`` measures the precision
  of both outputs on a judged sample of all pairs (bench/results/previous/).
* **Repeated problems**: a problem statement of this year that copies one of last year's nearly
  word for word (the same problem again is news; the same words again is a copy).

Both go through inverted indexes of character n-grams, so the cost stays linear in the two
documents (each item and key clause is scored against at most ``TOP`` sentences).
"""

from __future__ import annotations

import math
from collections import defaultdict

from zongjie import rx
from zongjie.model import Document, Span
from zongjie.record import record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from zongjie.matcher import Statement

    # bound(u, ids): upper bounds of the similarity of unit u with candidates ids (see best_matches)
    Bound = Callable[[int, list[int]], Sequence[float]]
    Bounds = Callable[[list[str], list[str]], Bound]

THRESHOLD = 0.5  # best_matches score of a plan item and the sentence that reports on it
UNREPORTED = 0.15  # below it (and a commitment): `plan-not-reported`; in between: not sure, no finding
EVIDENCE = 2  # content bigrams shared with a sentence (or two): maybe reported in other words
COMMON = 0.05  # share of the review's sentences a bigram is in to be too common to be evidence
CLAUSE_WEIGHT = 0.9  # a key clause matched alone counts a little less than the whole item
PAIR_WEIGHT = 0.95  # two adjacent sentences matched together, likewise
LIFT = 0.2  # a score is at most the rarity-weighted similarity of the match plus LIFT
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
    shared: int = 0  # most content bigrams of the plan item that one sentence (or two) share
    checked: bool = True  # this year's document has achievements sentences to look in

    @property
    def reported(self) -> bool:
        return self.match is not None and self.score >= THRESHOLD

    @property
    def unreported(self) -> bool:
        """Surely not reported: nothing in the achievements comes near it (``plan-not-reported``);
        an item neither ``reported`` nor ``unreported`` is left to the reader."""
        return self.checked and self.score < UNREPORTED and self.shared < EVIDENCE


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


# --------------------------------------------------------------------------- commitments

# a plan item's lead: numbering, a `——` bullet, `一是`, a connective
_LEAD = rx.compile(r"^(?:[—\-*#\s]+|[(（]?[一二三四五六七八九十\d]{1,3}[)）、.]|[一二三四五六七八九十]{1,2}是"
                   r"|(?:同时|此外|另外|与此同时|为此|因此)[，,])+")
# framing, outlook and explanation: not something a later review reports on
_FRAMING = rx.compile(
    r"^(?:今年|明年|新的一年|当前|目前|\d{4}年)[^，,]{0,6}(?:是|将是|仍是|正处|面临)"
    r"|^(?:做好|完成|实现|抓好)[^，,]{0,16}(?:工作|任务|目标)[^，,]{0,4}[，,]"
    r"|面临|机遇|挑战|形势|不确定|^综合(?:分析|研判|考虑)|^(?:上述|以上|这些)|表明|意味着|^这[是就既些]"
    r"|^(?:我们|我国|中国)(?:深知|相信|坚信|有信心|有能力|经济|发展|物质)|^(?:各位代表|同志们)"
    r"|^从[^，,]{1,20}看|^(?:实践|历史|事实|经验)(?:表明|证明|告诉)"
    r"|^[^，,]{1,24}是[^，,]{0,24}(?:的|之)(?:基础|关键|根本|前提|保障|必然要求|必由之路|重要(?:举措|途径|保障|任务))"
    r"|^[^，,]{0,16}(?:十分|非常|极其)(?:繁重|艰巨|重要)|[！!？?]"
    r"|(?:主要|预期)目标是$|^[^，,]{0,10}(?:要求|原则|思路|总基调)(?:是|为)"
    r"|(?:十分|非常|极其|更加)(?:繁重|艰巨|重要|紧迫)|有利条件|以下(?:[一二三四五六七八九十几]+[个项]?)?(?:方面|几|项|工作|任务|重点)|如下[：:]?$"
    r"|[几两三四五六七八九十]+(?:个)?(?:环节|方面|重点|项工作|件事|大任务)(?:的?工作)?$"
    r"|[，,]是[^，,]{0,30}(?:责任|任务|组成部分|基础|关键|根本|前提|保障|要求|途径|举措|方向|目的|重点)"
    r"|从根本上说|归根到底|^(?:关键|核心|根本|重点)(?:是|在于)|是一项|长期而艰巨|为主线|总体要求|指导思想"
    r"|^(?:今年的?)?政府工作[^，,]{0,4}[，,]?要|最(?:根本|重要|关键)的是|首要的是"
    r"|^[^，,]{2,24}(?<![但于凡还或要只若])是(?!否|非)")  # `扩大内需是经济增长的主要动力`: an explanation
# a commitment starts with what is to be done (or names a target with a number)
_ACT = rx.compile(
    r"^(?:今年|明年|全年|年内|要|将|再|还要|继续|进一步|力争|确保|争取|大力|大幅|积极(?!的)|全面|深入|着力|切实|坚决|严格|稳步"
    r"|稳妥|有序|加快|加强|加大|推进|推动|深化|实施|实行|完善|健全|建立|建设|促进|扩大|提高|提升|降低|减少|增加"
    r"|优化|强化|保障|保持|稳定|支持|鼓励|引导|发展|开展|落实|坚持|取消|清理|改革|创新|培育|出台|制定|修订|设立"
    r"|新建|改造|启动|统筹|抓好|做好|用好|办好|管好|打好|守住|防范|化解|打击|整治|治理|保护|扶持|压减|淘汰|退出"
    r"|放宽|简化|规范|整合|拓展|巩固|落细|全力|努力|重点|集中|合理|适当|适度|扎实|认真|广泛|普遍|逐步|尽快|抓紧"
    r"|探索|试点|推广|鼓励|发挥|构建|形成|打造|营造|增强|实现|完成|解决|保证|加紧|下调|上调|调整|放开|取缔|严厉|依法"
    r"|缩短|压缩|畅通|严控|推行|普及|筑牢|持续|加速|围绕|按照|坚定|实现|提供|降|减|增|扩|建|改|办"
    r"|中央(?:财政|预算)|安排|拟|新增|城镇新增|国内生产总值|居民消费价格|单位国内生产总值|粮食)")
_TARGET = rx.compile(r"\d[\d.]*(?:%|％|万|亿|个百分点|公里|千瓦|吨|户|人|套|所|家|项|个|元)")
ITEM_MIN, ITEM_MAX = 8, 200  # characters of an item a reader can check in a review


def is_commitment(text: str) -> bool:
    """A plan item that commits to a measure or a target a later review can report on — not the
    plan's framing (`今年是…的关键一年`, `做好政府工作，要…`), an outlook on the situation, or an
    explanation (`发展是解决…的基础`, `上述主要预期目标，考虑了…`). Small rules, no model: the
    ``check`` path stays free of the sentence classifier."""
    t = _LEAD.sub("", " ".join(text.split()), count=1)
    if not ITEM_MIN <= len(t) <= ITEM_MAX:
        return False
    head = rx.split(r"[。；;]", t, maxsplit=1)[0]  # an item's lead sentence says what it is
    if _FRAMING.search(head):
        return False
    return bool(_ACT.match(head)) or bool(_TARGET.search(head))


# --------------------------------------------------------------------------- matching

CLAUSE_MIN = 6  # characters of a key clause matched on its own
TOP = 8  # candidate sentences per item and per key clause


def key_clauses(text: str) -> list[str]:
    """The clauses of a plan item that carry its content (`，`/`；` pieces of ≥ CLAUSE_MIN
    characters, framing ones dropped); an item of one clause has none besides itself."""
    t = _LEAD.sub("", " ".join(text.split()), count=1)
    parts = [m.group(0).strip() for m in rx.finditer(r"[^，,；;。：:]+", t)]
    parts = [p for p in parts if len(p) >= CLAUSE_MIN and not _FRAMING.search(p)]
    return parts if len(parts) > 1 else []


def best_matches(items: Iterable[str], sents: list[str],
                 bounds: Bounds | None = None) -> list[tuple[int | None, float]]:
    """For each item, the index of the sentence in ``sents`` that reports on it best and the score
    (``None``, 0.0 when no sentence shares a bigram with it).

    The score is the best ``matcher.similarity`` of the item — or of one of its key clauses, at a
    discount — with one of the top sentences (by shared bigrams weighted by their rarity among
    ``sents``) or with such a sentence joined to a neighbour (a review often reports one item over
    two sentences, or several items in one), capped at the same similarity weighted by rarity
    plus ``LIFT`` (a match on words every sentence uses — 改革, 推进, 中央财政…亿元 — is none).
    Linear: an inverted index of bigrams, ``TOP`` candidates per item and clause.

    A candidate whose score cannot beat the best one so far is not scored: an upper bound of its
    similarity (``matcher.similarity_bound``, or ``bounds``) says so.  ``bounds(units, sents)``
    returns ``bound(u, ids)``: upper bounds of ``similarity`` of ``units[u]`` (the items and their
    key clauses, in order) with the candidates ``ids``, where candidate ``a`` is sentence ``a`` and
    candidate ``len(sents) + a`` is sentences ``a`` and ``a + 1`` joined by ``，`` (the batch
    follow-through computes them for all candidates at once with sparse matrices,
    ``zongjie.batch.followthrough.ngram_bounds``).  Either way the result is that of scoring every
    candidate."""
    return [(j, score) for j, _, score, _ in _match(list(items), sents, bounds, evidence=False)]


def _match(items: list[str], sents: list[str], bounds: Bounds | None = None,
           evidence: bool = True) -> list[tuple[int | None, int | None, float, int]]:
    """``best_matches`` with the last sentence of the best match (a pair of sentences ends one
    later) and, for each item, the most of its content words (``_content``) that one
    sentence, or two adjacent ones, share with it: the evidence that it may be reported at all
    (0 without ``evidence``: ``best_matches`` does not report it)."""
    from zongjie.matcher import similarity, similarity_bound

    index: dict[str, list[int]] = defaultdict(list)
    for j, s in enumerate(sents):
        for g in _grams(s, 2):
            index[g].append(j)
    n = max(len(sents), 1)
    weight = {g: math.log(1.0 + n / len(js)) for g, js in index.items()}
    common = max(3, COMMON * n)  # a bigram in more sentences than this says nothing of one item
    rare = _rarity(sents)

    def top(text: str) -> list[int]:
        hits: dict[int, float] = defaultdict(float)
        for g in _grams(text, 2):
            w = weight.get(g)
            if w is None:
                continue
            for j in index[g]:
                hits[j] += w
        return sorted(hits, key=lambda j: (-hits[j], j))[:TOP]

    texts = [text or "" for text in items]
    unit_lists = [[(text, 1.0)] + [(c, CLAUSE_WEIGHT) for c in key_clauses(text)] for text in texts]
    bound: Bound | None = bounds([u for us in unit_lists for u, _ in us], sents) if bounds else None
    ui = -1  # index of the unit in the flat list of units
    m = len(sents)
    out: list[tuple[int | None, int | None, float, int]] = []
    for text, units in zip(texts, unit_lists):
        best, best_j, best_k, best_unit = 0.0, None, None, ("", 1.0)
        for unit, w in units:
            ui += 1
            pw = w * PAIR_WEIGHT
            # each top sentence, then joined to the next and to the previous one
            cands = [(a, b, f) for j in top(unit) for a, b, f in ((j, j, w), (j, j + 1, pw), (j - 1, j, pw))
                     if a >= 0 and b < m]
            ubs = bound(ui, [a if a == b else m + a for a, b, _ in cands]) if bound is not None else None
            for i, (a, b, f) in enumerate(cands):
                # a candidate whose score cannot beat the best so far is not scored: the first
                # best candidate in this order wins, as if every one were scored
                cand = sents[a] if a == b else sents[a] + "，" + sents[b]
                if f * (ubs[i] if ubs is not None else similarity_bound(unit, cand)) <= best:
                    continue
                sc = f * similarity(unit, cand)
                if sc > best:
                    best, best_j, best_k, best_unit = sc, a, b, (unit, w)
        if best_j is not None and best_k is not None:
            # words every sentence of the review uses (改革, 推进, 中央财政…亿元) make no match
            passage = "，".join(sents[best_j:best_k + 1])
            best = min(best, best_unit[1] * similarity(best_unit[0], passage, rare) + LIFT)
        shared: dict[int, int] = defaultdict(int)
        for g in _content(text) if evidence else ():
            js = index.get(g, ())
            if len(js) <= common:
                for j in set(js):
                    shared[j] += 1
        most = max((shared[j] + shared.get(j + 1, 0) for j in shared), default=0)
        out.append((best_j, best_k, round(float(best), 4), most))
    return out


def _rarity(sents: list[str]) -> dict[str, float]:
    """Weight of each character 1–3-gram by its rarity among ``sents`` (``matcher.similarity``'s
    ``idf``): near 1.0 for a word of one sentence, near 0 for one of every sentence."""
    from zongjie.normalize import fold

    df: dict[str, int] = defaultdict(int)
    for s in sents:
        f = fold(s)
        for g in set(f) | _grams(f, 2) | _grams(f, 3):
            df[g] += 1
    m = len(sents)
    if m < 3:
        return {}
    lm = math.log(1.0 + m)
    return {g: max(0.05, math.log(1.0 + m / c) / lm) for g, c in df.items()}


def _content(text: str) -> set[str]:
    """The bigrams of a plan item's content words (``matcher.topic_terms``: the text cut at stock
    words such as 加强/推进/工作 and punctuation)."""
    from zongjie.matcher import topic_terms

    return {g for c in topic_terms(text) for g in _grams(c, 2)}


# a sentence of the review part that states a problem (`…困难较多`, `…依然不少`) reports nothing,
_NO_REPORT = rx.compile(r"(?:不足|不够|不强|不高|不少|较多|较大|乏力|突出|凸显|繁重|差距|短板|滞后|薄弱|不到位"
                      r"|不平衡|不充分|放缓|减慢|增多|仍然存在|有待[^，,]{0,8}|亟待[^，,]{0,8}|尚未[^，,]{0,12})$"
                      r"|^(?:在充分肯定成绩的同时|同时也要看到|我们也清醒看到)"
                      # nor does one that says what is to be done, or thanks
                      r"|^(?:今年|今后|明年|我们|在今年的[^，,]{0,8})?(?:要(?![素求点])|必须|应当|应该|需要|务必)"
                      r"|应当|表示(?:衷心|诚挚)的?感谢|以下(?:几项|几个方面的?)?工作|主要做了")


def follow_through(doc: Document, previous: Document) -> list[Follow]:
    """Last year's plan items that are commitments (``is_commitment``), each with the sentence of
    this year's achievements reporting on it (``best_matches``)."""
    from zongjie.matcher import plan_items

    plans = [p for p in plan_items(previous) if is_commitment(p.text)]
    sents = [s for s in sentences(doc) if not _NO_REPORT.search(s[2])]
    found = _match([p.text for p in plans], [t for _, _, t in sents])
    out = []
    for p, (j, k, score, shared) in zip(plans, found):
        span = (sents[j][0], sents[k][1]) if j is not None and k is not None and score >= THRESHOLD else None
        out.append(Follow(plan=p, plan_line=previous.lines.line_of(p.start),
                          match=Span(*span) if span else None,
                          match_text=doc.text[span[0]:span[1]] if span else None,
                          score=score, shared=shared, checked=bool(sents)))
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
