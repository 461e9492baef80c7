"""Sentence classes for suggestions: measure / problem / achievement / target / other.

A plan suggestion must read as a *measure* (`加快推进老旧小区改造`), not as a problem stated in
another report, a target list (`到2027年，…达到60%以上`), an explanation of a target or an
achievement. The model (``models/sentences.json``, trained by ``models/train_sentences.py``) is
TF-IDF over character 1–3-grams of the cleaned sentence plus a few cue tokens, then multinomial
logistic regression; it is scored here in plain Python (no numpy/scikit-learn), loaded lazily.

``has_deficiency`` is the rule test the model also uses as a feature: a deficiency word or
pattern (``pipeline/data/deficiency.json``) that is not the object of a remedy (`补齐短板`,
`解决…问题`). ``is_measure`` = no rule veto (``vetoed``: a deficiency, a label line, a topic
heading) and P(measure) ≥ ``MEASURE_THRESHOLD``. ``role`` (the part's role, optional) tilts the
probabilities by how often each class occurs in such parts: with ``role="plans"`` more plan items
with quantities get in (recall of plan measures 0.71 → 0.83 on held-out reports), at a cost in
precision (by hand, 20 of 30 of the extra ones are measures) — see bench/results/sentclass.json.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from typing import Any

from zongjie import rx
from zongjie.datafiles import models_dir, read_data
from zongjie.normalize import fold

__all__ = ["classify", "probabilities", "is_measure", "vetoed", "has_deficiency", "features", "clean",
           "SentenceModel", "MEASURE_THRESHOLD", "CLASSES"]

CLASSES = ("measure", "problem", "achievement", "target", "other")
# Chosen on the held-out documents (bench/results/sentclass.json), precision first: 0.96 against the
# refined weak labels at recall 0.72; by hand 34/40 accepted are real measures (29/31 in reports
# since 2000 — the misses are old political prose). 0.75 let through 5 more errors in 40.
MEASURE_THRESHOLD = 0.85

# Enumeration markers carry no class (一是 opens problems as often as measures): dropped before scoring.
_LEAD = rx.compile(
    r"^(?:[#*\s]+|[(]?[一二三四五六七八九十]{1,3}[)、.]|[(]?\d{1,2}[)、.](?!\d)|[①-⑳⑴-⒇㈠-㈩]"
    r"|第[一二三四五六七八九十]{1,3}[,、]|[一二三四五六七八九十]{1,2}[是要则](?=\S)"
    r"|其[一二三四五六七八九十][,、]|(?:首先|其次|再次|最后)[,、]?)+"
)
# discourse connectives say where a sentence sits, not what it is (下一步，我局将… is a measure)
_CONNECTIVE = rx.compile(r"^(?:同时|此外|另外|与此同时|下一步|下步|今后|接下来|为此|因此)[,，]")
_DIGIT = rx.compile(r"\d")
_BOS, _EOS, _CUE = "\x02", "\x03", "\x01"


def clean(text: str) -> str:
    """The text as the model reads it: folded, markers and Markdown emphasis dropped, digits as 0."""
    t = fold(text).strip().replace("*", "")
    t = _LEAD.sub("", t, count=1).strip()
    t = _CONNECTIVE.sub("", t, count=1)
    return _DIGIT.sub("0", t)


# ---------------------------------------------------------------------------- deficiency test


@lru_cache(maxsize=1)
def _deficiency() -> tuple[re.Pattern[str], ...]:
    data = json.loads(read_data("deficiency.json"))
    words = sorted(data["words"], key=len, reverse=True)
    alt = "|".join([*(re.escape(w) for w in words), *(f"(?:{p})" for p in data["patterns"])])
    return (rx.compile(alt), rx.compile(data["remedy"]), rx.compile(data["remedy_breaker"]),
            rx.compile(data["never_remedied"]), rx.compile(data["remedy_as_noun"]),
            rx.compile(data["predicate"]))


# 、 is not a clause end: 加快补上民族地区、革命老区…短板 keeps its remedy verb
_CLAUSE_END = "，,；;。：:！!？?"


def _remedied(text: str, start: int, patterns: tuple[re.Pattern[str], ...]) -> bool:
    """Whether the hit at ``start`` is the object of a remedy verb in its own clause."""
    _, remedy, breaker, _, as_noun, predicate = patterns
    i = start
    while i > 0 and text[i - 1] not in _CLAUSE_END:
        i -= 1
    prefix = text[i:start]
    last = None
    for m in remedy.finditer(prefix):
        # 针对性不强, 应对能力不足: the verb only modifies a noun, the clause states the shortfall
        if not as_noun.match(prefix, m.end()):
            last = m
    if last is None:
        return False
    # 环境整治不到位: a predicate right after the verb makes the verb its subject
    if last.end() == len(prefix) and predicate.match(text, start):
        return False
    # 加强…力度还不够: a hedge after the verb means the clause states the shortfall itself
    return not breaker.search(prefix, last.end())


def has_deficiency(text: str) -> bool:
    """Whether ``text`` states a shortfall (短板, 不足, 有待, 压力较大…) other than as a remedy's object."""
    patterns = _deficiency()
    hit, always = patterns[0], patterns[3]
    t = fold(text)
    pos = 0
    while True:
        m = hit.search(t, pos)
        if m is None:
            return False
        if always.search(m.group()) or not _remedied(t, m.start(), patterns):
            return True
        pos = m.start() + 1


# ---------------------------------------------------------------------------- features

_PERCENT = rx.compile(r"0(?:%|个百分点|‰)")
_QUALIFIED = rx.compile(r"0[^,，;；。]{0,6}(?:左右|以上|以内|以下)")
_BY_YEAR = rx.compile(r"^(?:力争)?到0{4}年|0{4}年(?:前|目标)")
# what a review says and a plan does not: completion, comparison with last year, perfect aspect
_DONE = rx.compile(r"(?:已经|已|累计|先后|共计|全年|顺利|圆满)[^,，;；。]{0,8}(?:完成|实现|建成|开展|组织|举办|获得|荣获|达到|投入|新增)"
                   r"|同比|比上年|较上年|[^为]了[^解]|取得(?:了)?[^,，;；。]{0,6}(?:成效|成绩|进展|突破)")
# what a plan says: modal and commitment words (要 of 要求/主要 excluded)
_WILL = rx.compile(r"(?<![主需重纲])要(?![求素点害闻])|将(?!近)|力争|确保|计划|拟|争取|不少于|不低于|力求")


def features(text: str, verbs: tuple[str, ...] = ()) -> list[str]:
    """Character 1–3-grams of the cleaned text (with start/end marks) and cue tokens.

    The training script hands this very function to scikit-learn as the analyzer, so training and
    plain-Python scoring see identical features."""
    t = clean(text)
    s = _BOS + t + _EOS
    out = [s[i:i + n] for n in (1, 2, 3) for i in range(len(s) - n + 1)]
    if verbs and t.startswith(verbs):
        out.append(_CUE + "verb")
    if has_deficiency(text):
        out.append(_CUE + "deficiency")
    if _PERCENT.search(t):
        out.append(_CUE + "percent")
    if _QUALIFIED.search(t):
        out.append(_CUE + "qualified")
    if _BY_YEAR.search(t):
        out.append(_CUE + "by-year")
    if _DONE.search(t):
        out.append(_CUE + "done")
    if _WILL.search(t):
        out.append(_CUE + "will")
    out.append(f"{_CUE}len{min(len(t) // 12, 6)}")
    return out


# ---------------------------------------------------------------------------- scoring


class SentenceModel:
    """A ``sentences.json`` model: sublinear TF-IDF (l2) → multinomial logistic regression."""

    def __init__(self, model: dict[str, Any]) -> None:
        self.classes: list[str] = list(model["classes"])
        self.verbs: tuple[str, ...] = tuple(model.get("verbs", ()))
        self.idf: list[float] = model["idf"]
        self.vocab: dict[str, int] = {f: i for i, f in enumerate(model["features"])}
        # feature-major coefficients: one tuple per feature, so a sentence touches only its own rows
        self.rows: list[tuple[float, ...]] = list(zip(*model["coef"]))
        self.intercept: list[float] = list(model["intercept"])
        # P(class | part role) / P(class) on the training units, applied with a tempered weight: the
        # role and the weak label are not independent, so full Bayes would over-trust the part
        self.role_prior: dict[str, dict[str, float]] = model.get("role_prior", {})
        self.role_weight: float = float(model.get("role_prior_weight", 0.0))

    def probabilities(self, text: str, role: str | None = None) -> dict[str, float]:
        counts: dict[int, int] = {}
        for f in features(text, self.verbs):
            j = self.vocab.get(f)
            if j is not None:
                counts[j] = counts.get(j, 0) + 1
        weights = {j: (1.0 + math.log(c)) * self.idf[j] for j, c in counts.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        scores = list(self.intercept)
        for j, w in weights.items():
            for k, c in enumerate(self.rows[j]):
                scores[k] += c * w / norm
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        prior = self.role_prior.get(role) if role is not None else None
        if prior:
            exps = [e * prior[c] ** self.role_weight for c, e in zip(self.classes, exps)]
        z = sum(exps)
        return {c: e / z for c, e in zip(self.classes, exps)}


@lru_cache(maxsize=1)
def _model() -> SentenceModel:
    return SentenceModel(json.loads((models_dir() / "sentences.json").read_text("utf-8")))


def probabilities(text: str, role: str | None = None) -> dict[str, float]:
    """Probability of each class for a sentence, clause or heading.

    ``role``: the role of the part the text comes from (``doc.role_at(start)``), when known — a
    plan item with a quantity (`新建养老服务站点3个`) reads like a result out of context."""
    return dict(_probabilities(text, role))


@lru_cache(maxsize=32768)
def _probabilities(text: str, role: str | None) -> tuple[tuple[str, float], ...]:
    # the archive's measures are classified again for problem after problem
    return tuple(_model().probabilities(text, role).items())


def classify(text: str, role: str | None = None) -> tuple[str, float]:
    """The most probable class and its probability."""
    probs = probabilities(text, role)
    label = max(probs, key=probs.__getitem__)
    return label, probs[label]


# `述职人：陈志远`, `报告日期：2024年1月` (a label and its value) and topic headings
# (`关于劳动就业问题`, `在教育工作方面`) are never measures
_NOT_A_MEASURE = rx.compile(r"^[^,，;；。:：]{1,8}[:：][^,，;；。:：]{0,16}$"
                            r"|^(?:关于|对于|在)?[^,，;；。:：]{0,16}(?:问题|方面)[,，:：]?$")


def vetoed(text: str) -> bool:
    """Rules that overrule the model: empty, a label line or topic heading, a stated deficiency
    (a problem is never a suggestion, whatever its wording)."""
    t = clean(text)
    return not t or bool(_NOT_A_MEASURE.match(t)) or has_deficiency(text)


def is_measure(text: str, threshold: float = MEASURE_THRESHOLD, role: str | None = None) -> bool:
    """Whether ``text`` reads as a measure a drafter would keep as a plan item."""
    return not vetoed(text) and probabilities(text, role)["measure"] >= threshold
