"""Topic words of problem statements and a learned problem-word → plan-word translation table.

Reviewers rejected suggestions that shared a *character string* with the problem but not its topic
(营商环境 offered for an ecological-environment problem). Matching therefore works on words:

* :func:`clauses` cuts a problem statement into atomic clauses (``；``, ``，`` between clauses that
  each have a topic and a predicate, ``、`` only between such clauses);
* :func:`topic_words` keeps a clause's content words — jieba with a domain user dictionary
  (``data/domain_dict.txt``: 营商环境, 新质生产力, 专项债 … mined from the corpora) minus stock,
  deficiency and remedy words (``data/stopterms.json``);
* the translation table (``models/translation.json``, IBM Model 1 over problem → plan pairs of the
  archive, built by ``models/build_topics.py``) says which plan words answer a problem word
  (就业 → 稳岗, 债务 → 化债); :func:`expand`, :func:`coverage`, :func:`topic_score` and
  :func:`covers` use it as a translation language model for retrieval.

jieba is imported lazily, on the first call: this module sits on the suggestion path only, never on
``check``/``outline``/``extract``.
"""

from __future__ import annotations

import json
import re
import threading
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zongjie import rx
from zongjie.datafiles import DATA, models_dir, read_data
from zongjie.normalize import fold

if TYPE_CHECKING:
    from zongjie.suggest.segmenter import Segmenter

__all__ = ["clauses", "topic_words", "expand", "coverage", "topic_score", "score_known", "covers", "THRESHOLD",
           "tokenizer", "stopterms", "table", "qualifiers"]

# Calibrated on the annotated pairs (bench/results/topics.json): the true answer of a problem
# clause scores ≥ 0.34 in most cases, a plan item about another topic rarely does.
THRESHOLD = 0.34

# Partial credits: a plan word that contains the problem word (就业 → 就业创业) is nearly the same
# topic; a problem word that contains a plan word (生态环境保护 → 生态环境) is half of it.
_CONTAINS = 0.8
_PART = 0.5
_GENERIC_WEIGHT = 0.35  # 发展/建设/企业: topics, but too broad to decide a match on their own

# POS tags (jieba/ICTCLAS) that are never topics: adverbs, conjunctions, prepositions, pronouns,
# numerals, classifiers, particles, interjections, punctuation, direction and time words.
_NO_TOPIC_POS = frozenset("d c p r m q u uj ul uz ud ug uv y e o x w f t tg dg mq rr rz zg ad df"
                          .split())
_RE_CJK = rx.compile(r"[\u4e00-\u9fff]")
_RE_SENT = rx.compile(r"[^；;。！？!?\n]+")
_RE_COMMA = rx.compile(r"[，,：:]")
_RE_LEAD = rx.compile(r"^\s*(?:[（(]?[一二三四五六七八九十\d]+[)）、.．]|[一二三四五六七八九十]是|第[一二三四五六七八九十]+[，,、]"
                      r"|同时[，,]?|此外[，,]?|另外[，,]?|其次[，,]?|再次[，,]?|最后[，,]?)\s*")

_LOCK = threading.Lock()
_TOKENIZER: Segmenter | None = None
# another translation table (the builder's held-out measurement); None = the shipped one
_TABLE_PATH: Path | None = None


@lru_cache(maxsize=1)
def stopterms() -> dict[str, Any]:
    """``data/stopterms.json`` as sets: ``stop`` (never a topic), ``generic``, ``deficiency``."""
    raw = json.loads(read_data("stopterms.json"))
    deficiency = frozenset(raw["deficiency"])
    stop = (frozenset(raw["stock"]) | deficiency | frozenset(raw["remedy"]) | frozenset(raw["function"])
            | frozenset(raw["evaluative"]))
    long_first = sorted(deficiency, key=lambda w: (-len(w), w))
    affix = raw["evaluative_affixes"]
    verdict = "|".join([f"^(?:{'|'.join(map(re.escape, affix['prefix']))})",
                        f"(?:{'|'.join(map(re.escape, affix['suffix']))})$"])
    return {"stop": stop, "generic": frozenset(raw["generic"]), "deficiency": deficiency,
            "deficiency_rx": rx.compile("|".join(re.escape(w) for w in long_first)),
            "verdict_rx": rx.compile(verdict),
            "verdict_suffix_rx": rx.compile(f"(?:{'|'.join(map(re.escape, affix['suffix']))})$"),
            "single": frozenset(raw["single_predicates"]), "modifiers": frozenset(raw["modifiers"]),
            "attribute_rx": rx.compile(f"(?<=..)(?:{'|'.join(map(re.escape, raw['attribute_suffixes']))})$")}


def tokenizer() -> Segmenter:
    """jieba with the domain dictionary (``zongjie.suggest.segmenter``), built once."""
    global _TOKENIZER
    if _TOKENIZER is None:
        with _LOCK:
            if _TOKENIZER is None:
                from zongjie.suggest.segmenter import segmenter

                _TOKENIZER = segmenter()
    return _TOKENIZER


# things whose names open with a negation: topics, not verdicts (医疗服务中不正之风仍有发生 is about
# 不正之风, 不动产登记历史遗留问题 about 不动产登记)
_NEGATED_THINGS = frozenset("不正之风 不动产 不动产登记 不良贷款 不良资产 不良信息 不良记录".split())


def _is_topic(word: str, flag: str, stop: frozenset[str], verdict: re.Pattern[str]) -> bool:
    # a verdict is no topic (比较突出, 矛盾加剧: the clause's subject is)
    if word in _NEGATED_THINGS:
        return True
    return (len(word) >= 2 and flag not in _NO_TOPIC_POS and word not in stop
            and _RE_CJK.search(word) is not None and not word[0].isdigit()
            and not word.startswith(("不", "未", "没")) and verdict.search(word) is None)


@lru_cache(maxsize=65536)
def _words(text: str) -> tuple[str, ...]:
    out: list[str] = []
    for w in _tokens(text):
        if w is not None and w not in _JOINERS and w not in out:
            out.append(w)
    return tuple(out)


@lru_cache(maxsize=16384)
def _tagged(text: str) -> tuple[tuple[str, str], ...]:
    """jieba's (word, POS flag) pairs of a folded text: the topic words and the qualifiers of a
    candidate ask for the same tagging."""
    return tuple((p.word, p.flag) for p in tokenizer().tag(text))


@lru_cache(maxsize=16384)
def _tokens(text: str) -> tuple[str | None, ...]:
    """Every token of ``text`` as its topic word (a verdict-ending word as its stem: 需求收缩 →
    需求), ``None`` for a token that is no topic, and list joiners (、和与及) as themselves."""
    st = stopterms()
    stop = st["stop"]
    out: list[str | None] = []
    prev = ""
    for w, flag in _tagged(fold(text)):
        after, prev = prev, w
        if w in _JOINERS:
            out.append(w)
            continue
        if after in _COMPARED and w in _EXPECTED:  # 不及预期 is a verdict, 预期 its object
            out.append(None)
            continue
        v = st["verdict_suffix_rx"].search(w)
        if v is not None and v.start() >= 2:  # 需求收缩, 预期转弱: the topic is the stem
            w = w[:v.start()]
        out.append(w if _is_topic(w, flag, stop, st["verdict_rx"]) else None)
    return tuple(out)


# POS tags of a noun that narrows the word after it (收入分配 of 收入分配秩序)
_QUALIFIER_POS = frozenset("n nz ns nt nr nrt l j vn".split())


@lru_cache(maxsize=16384)
def qualifiers(text: str, word: str) -> tuple[str | None, ...]:
    """For each mention of ``word`` in ``text``: the noun right before it, across a 的 (市场经济 of
    市场经济秩序, 矛盾纠纷 of 矛盾纠纷排查), or ``None`` when no noun of two characters or more stands
    there."""
    t = fold(text)
    ends: dict[int, tuple[str, str]] = {}
    at = 0
    for p in _tagged(t):
        at += len(p[0])
        ends[at] = p
    out: list[str | None] = []
    for m in re.finditer(re.escape(word), t):
        p = ends.get(m.start())
        if p is not None and p[0] == "的":
            p = ends.get(m.start() - 1)
        out.append(p[0] if p is not None and p[1] in _QUALIFIER_POS and len(p[0]) >= 2 else None)
    return tuple(out)


_JOINERS = frozenset("、 和 与 及 以及 或 或者".split())
_COMPARED = frozenset("不及 低于 未达 未达到 不如 好于 高于 超出 超过 达到".split())
_EXPECTED = frozenset("预期 预计 预想".split())


def topic_words(clause: str) -> list[str]:
    """The content words of a clause, in order, without stock, deficiency and remedy words."""
    return list(_words(clause))


# A verdict on a topic that the deficiency list leaves out: a degree or a trend (外贸顺差较大,
# 矛盾加剧, 仍不理想, 相当严重).
_RE_VERDICT = rx.compile(r"较大|很大|加剧|加大|增多|理想|严重|突出|明显|不够|尚未|没有|有待|太[低高少多慢小差大]|[这那]么[大高多快]|"
                         r"量大面广|面广量大|点多面广|点多线长|"  # what makes supervision hard (小作坊…量大面广)
                         r"困难$|混乱|"
                         r"(?:还|仍|尚)?需(?:要)?(?:进一步|持续)")  # 仍需进一步提升: needs more
_RE_PIECE_SPLIT = rx.compile(r"[，,；;：:]")
_RE_CJK_RUN = rx.compile(r"[\u4e00-\u9fff]+?(?=[、和与及现象问题等]|$)")  # a run ending where a verdict would


def has_verdict(piece: str) -> bool:
    """A deficiency word or another verdict on a topic (较大, 加剧, 仍不理想)."""
    return _has_predicate(piece) or bool(_verdicts(piece))


def _verdicts(piece: str) -> list[tuple[int, int]]:
    """The verdicts of a piece as ``(start, end)``, in order, without overlaps."""
    st = stopterms()
    spans = [m.span() for m in st["deficiency_rx"].finditer(piece)]
    spans += [m.span() for m in _RE_VERDICT.finditer(piece)]
    for m in _RE_CJK_RUN.finditer(piece):
        v = st["verdict_suffix_rx"].search(m.group(0))
        if v is not None:
            spans.append((m.start() + v.start(), m.start() + v.end()))
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a < out[-1][1]:
            continue
        out.append((a, b))
    return out


# Where the subject ends at the latest: the adverb of the verdict (疫情仍在全球蔓延 → 疫情).
_RE_SUBJECT_END = rx.compile(r"仍|还|依然|依旧|尚|持续|不断|日益|越来越|总体|整体上|比较|相对|较为|在某些")
# Verdicts that take their topic as an object (缺乏担当精神, 不适应市场需求).
_OBJECT_VERDICTS = frozenset("缺乏 缺少 欠缺 不适应 难以 不能 没有 未能 不符合 不匹配".split())
_RE_STANDARD = rx.compile(r"^[^，,；;]{0,4}(?:适应|满足|符合|匹配)[^，,；;]*(?:需要|需求|要求|期待|期盼|期望|使命|职责)")


def _subject(prefix: str, skip: frozenset[str]) -> list[str]:
    """The subject before a verdict. A list (安全生产、自然灾害防治、社会稳定等领域) gives the specific
    words of every member; one phrase gives its head — its last specific word with the specific
    words compounded with it, or, when the head is generic, its generic neighbours (一些政府工作人员
    服务意识不强 → 服务 意识: who or where comes first and is left out)."""
    end_at = _RE_SUBJECT_END.search(prefix)
    if end_at is not None and end_at.start() >= 2:
        prefix = prefix[:end_at.start()]
    generic = stopterms()["generic"]
    members: list[list[str | None]] = [[]]
    for t in _tokens(prefix):
        if t in _JOINERS:
            members.append([])
        else:
            members[-1].append(t if t is None or t not in skip or t in generic else None)
    members = [m for m in members if any(m)]
    if not members:
        return []
    out: list[str] = []
    for i, m in enumerate(members):
        words = [w for w in m if w]
        spec = [w for w in words if w not in skip]
        if i or len(members) > 1 and spec:
            out += spec or words  # a list member: all of it (its who/where is shared, in front)
            continue
        # the first (or only) member: its head, the trailing run of adjacent topic tokens
        run: list[str] = []
        for t in reversed(m):
            if t is None:
                if run:
                    break
                continue
            if run and (run[-1] in generic) != (t in generic) and run[-1] in generic:
                break  # a generic head keeps its generic neighbours only (服务 意识, not 工作人员)
            run.append(t)
        spec_run = [w for w in run if w not in skip]
        if spec_run:
            out += spec_run
        elif len(run) > 1:
            out += run
    return list(dict.fromkeys(out))


def key_words(clause: str, vague: frozenset[str] = frozenset()) -> frozenset[str]:
    """What the clause is about: the subject of each verdict in it (``在生产、建设和流通领域，经济效益
    仍然不高`` → 经济效益, not the scope 流通领域; ``一些政府工作人员服务意识不强`` → 服务 意识), or its
    object (``缺乏担当实干精神``); a list before one verdict gives all its members
    (形式主义、官僚主义…的问题比较突出). A measure must cover one of them; a verdict whose subject is
    unclear gives its piece's specific words; without a verdict, the clause's rarest specific word.
    ``vague`` words (矛盾, 困难) are never keys."""
    st = stopterms()
    skip = st["generic"] | vague
    keys: set[str] = set()
    for piece in _RE_PIECE_SPLIT.split(clause):
        spans = _verdicts(piece)
        last = 0
        for a, b in spans:
            found = _subject(piece[last:a], skip)
            if piece[a:b] in _OBJECT_VERDICTS:
                nxt = next((x for x, _ in spans if x >= b), len(piece))
                obj = piece[b:nxt]
                # a standard (还不能适应现代化建设需要) is what the subject falls short of, not the
                # topic: the subject's words, generic ones too (政府工作效能 → 效能), when it has any
                own = (found or _subject(piece[last:a], vague)) if _RE_STANDARD.match(obj) else []
                found = own or found + [w for w in _words(obj) if w not in skip]
            keys.update(found or [w for w in _words(piece) if w not in skip])
            last = b
    if keys:
        # the state of a topic is no topic of its own: 治安状况 is answered by 社会治安 measures
        return frozenset(st["attribute_rx"].sub("", k) for k in keys)
    words = [w for w in _words(clause) if w not in skip]
    if not words:
        return frozenset()
    t = table()
    # rare and long: a domain term (国际金融危机) rather than a rare verb (见底)
    return frozenset([max(words, key=lambda w: (t["idf"].get(w, t["default_idf"]) * min(len(w), 4), len(w)))])


# --------------------------------------------------------------------------- clauses

def _has_predicate(piece: str) -> bool:
    st = stopterms()
    p = piece.rstrip(" 。；;，,")
    return bool(st["deficiency_rx"].search(p)) or (len(p) >= 3 and p[-1] in st["single"])


def _specific(piece: str) -> bool:
    """Has a topic word of its own that is not a generic attribute (规模, 结构, 能力 …)."""
    generic = stopterms()["generic"]
    return any(w not in generic for w in _words(piece))


def _merge(parts: list[str], sep: str) -> list[str]:
    """Start a new clause at a part with its own topic once the clause so far has a predicate."""
    out: list[str] = []
    cur, cur_pred = "", False
    for part in parts:
        part = part.strip()
        if not part:
            continue
        pred = _has_predicate(part)
        if cur and cur_pred and _specific(part):
            out.append(cur)
            cur, cur_pred = part, pred
        else:
            cur = f"{cur}{sep}{part}" if cur else part
            cur_pred = cur_pred or pred
    if cur:
        out.append(cur)
    return out


def _split_list(clause: str) -> list[str]:
    """A ``、`` list is several clauses only when every element is a topic + predicate."""
    parts = [p.strip() for p in clause.split("、")]
    if len(parts) < 2 or not all(p and _specific(p) and _has_predicate(p) for p in parts):
        return [clause]
    return parts


def clauses(problem: str) -> list[str]:
    """The atomic clauses of a problem statement (subjects stay with their predicates).

    ``就业和增收压力较大，教育、医疗、养老等领域还有不少短板`` → two clauses; a clause without a topic
    of its own (``与新时代要求相比还有差距``) joins its neighbour."""
    out: list[str] = []
    for sent in _RE_SENT.findall(problem):
        sent = _RE_LEAD.sub("", sent).strip()
        if not sent:
            continue
        merged = _merge(_RE_COMMA.split(sent), "，")
        for c in merged:
            out.extend(_split_list(c))
    # a topicless clause is a comment on its neighbour, not a problem of its own
    fixed: list[str] = []
    for c in out:
        if fixed and not _words(c):
            fixed[-1] = f"{fixed[-1]}，{c}"
        elif fixed and not _words(fixed[-1]):
            fixed[-1] = f"{fixed[-1]}，{c}"
        else:
            fixed.append(c)
    return fixed


# --------------------------------------------------------------------------- translation table

@lru_cache(maxsize=1)
def table() -> dict[str, Any]:
    """``models/translation.json``: ``idf`` (word → weight) and ``table`` (problem word → [[plan word, p]])."""
    path = _TABLE_PATH or models_dir() / "translation.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    trans = {w: {t: float(a) for t, a in assoc} for w, assoc in raw["table"].items()}
    idf = {w: float(v) for w, v in raw["idf"].items()}
    return {"table": trans, "idf": idf, "default_idf": float(raw["params"]["default_idf"])}


def expand(words: list[str]) -> dict[str, float]:
    """Plan-side words answering ``words``, with weights in (0, 1]; every word answers itself (1.0)."""
    trans = table()["table"]
    out: dict[str, float] = {}
    for w in words:
        out[w] = 1.0
    for w in words:
        for t, a in trans.get(w, {}).items():
            if a > out.get(t, 0.0):
                out[t] = a
    return out


def weight(word: str) -> float:
    """A topic word's weight: its rarity in the archive (idf), a third of it for a generic word."""
    return _weight(word)


def _weight(word: str) -> float:
    t = table()
    w = t["idf"].get(word, t["default_idf"])
    return w * _GENERIC_WEIGHT if word in stopterms()["generic"] else w


@lru_cache(maxsize=8192)
def _clause_profile(clause: str) -> tuple[tuple[str, float, tuple[tuple[str, float], ...]], ...]:
    trans = table()["table"]
    prof = []
    for w in _words(clause):
        exp = tuple(sorted(trans.get(w, {}).items(), key=lambda kv: -kv[1]))
        prof.append((w, _weight(w), exp))
    return tuple(prof)


@lru_cache(maxsize=65536)
def _candidate_profile(candidate: str) -> tuple[frozenset[str], str]:
    return frozenset(_words(candidate)), fold(candidate)


def _cover(word: str, exp: tuple[tuple[str, float], ...], cwords: frozenset[str], ctext: str,
           generic: frozenset[str]) -> float:
    if word in cwords:
        return 1.0
    best = 0.0
    if word not in generic:
        if word in ctext:  # 养老 in 养老服务, whatever the segmentation of the candidate
            best = _CONTAINS
        else:
            for c in cwords:
                if c in word and c not in generic and len(c) >= 2:
                    best = max(best, _PART)
    elif word in ctext:
        best = _PART
    for t, a in exp:
        if a <= best:
            break
        if t in cwords or (t not in generic and t in ctext):
            best = a
            break
    return best


@lru_cache(maxsize=1)
def domain_terms() -> frozenset[str]:
    """The domain dictionary's terms (稳岗, 化债, 纾困 …): the learned equivalents that may stand
    for a clause's key word — a frequent verb (弘扬) or a co-occurring word (人口 of 人口资源环境)
    answers no problem on its own."""
    return frozenset(line.split()[0] for line in (DATA / "domain_dict.txt").read_text(encoding="utf-8").splitlines()
                     if line.strip())


def key_cover(word: str, words: tuple[str, ...], text: str) -> float:
    """How well a candidate (its topic ``words`` and ``text``) covers the key word ``word``: 1 the
    word itself, less when a longer word holds it, or a learned equivalent that is a domain term."""
    if word in words:
        return 1.0
    t = fold(text)
    if word in t:
        return _CONTAINS
    dom = domain_terms()
    return max((a for e, a in table()["table"].get(word, {}).items() if e in dom and (e in words or e in t)),
               default=0.0)


def coverage(problem_clause: str, candidate: str) -> dict[str, float]:
    """Each topic word of the clause → how well ``candidate`` covers it (1 the word itself, less for
    a containing word or a learned equivalent, 0 not at all)."""
    cwords, ctext = _candidate_profile(candidate)
    generic = stopterms()["generic"]
    return {w: _cover(w, exp, cwords, ctext, generic) for w, _, exp in _clause_profile(problem_clause)}


def topic_score(problem_clause: str, candidate: str) -> float:
    """Weighted share of the clause's topic words that ``candidate`` covers, in [0, 1].

    Words weigh by their rarity in the archive (generic words such as 发展, 企业 a third of that),
    so a candidate sharing only a broad word with the problem scores low."""
    prof = _clause_profile(problem_clause)
    if not prof:
        return 0.0
    cwords, ctext = _candidate_profile(candidate)
    generic = stopterms()["generic"]
    num = den = 0.0
    for w, wt, exp in prof:
        den += wt
        num += wt * _cover(w, exp, cwords, ctext, generic)
    return num / den if den else 0.0


def score_known(problem_clause: str, candidate: str, words: tuple[str, ...]) -> tuple[float, dict[str, float]]:
    """``(topic_score, coverage)`` of a candidate whose topic words are known already (an index
    stores them): no segmentation of the candidate, which is most of the cost of ranking."""
    cwords, ctext = frozenset(words), fold(candidate)
    generic = stopterms()["generic"]
    cov: dict[str, float] = {}
    num = den = 0.0
    for w, wt, exp in _clause_profile(problem_clause):
        c = _cover(w, exp, cwords, ctext, generic)
        cov[w] = c
        den += wt
        num += wt * c
    return (num / den if den else 0.0), cov


def covers(problem_clause: str, candidate: str, threshold: float = THRESHOLD) -> bool:
    """Whether ``candidate`` is on the clause's topic (``topic_score`` ≥ ``threshold``)."""
    return topic_score(problem_clause, candidate) >= threshold
