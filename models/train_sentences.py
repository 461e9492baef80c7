"""Train the sentence classifier shipped as models/sentences.json (reproducible: sorted inputs, fixed seed).

Classes: measure / problem / achievement / target / other (see zongjie.suggest.sentclass).

Data: every document of corpora/public/*/*.jsonl, corpora/annotated, corpora/drafts and corpora/seed.txt,
cut into units — headings, and the sentences/clauses of the body (ends 。；！？ and line breaks).
Weak labels come from the part's role given by ``zongjie.structure`` (plans → measure, problems →
problem, achievements → achievement, anything else → other) and are then refined by the named rules
in ``RULES`` below, each a small named function or pattern: target statements and explanations of
targets → target; a deficiency stated inside plans or a review → problem; past events inside plans
→ achievement; definitions/judgements (`…是…的重要条件`), situation analysis, guidance, transitions
and part headings → other; forward-looking sentences and bare action statements (`加强社会保障体系
建设。`, no result, no number) inside a review → measure. ``label()`` returns the rule that fired;
the counts are in the artefact's ``training.rules_fired``. Documents are held out by sorted id
(every 5th).

Model: TF-IDF (sublinear, l2) over ``sentclass.features`` — character 1–3-grams with start/end marks
plus cue tokens — with chi² selection of ``K_FEATURES`` n-grams (cue tokens always kept), then
multinomial logistic regression. Exported as plain JSON scored by ``sentclass.SentenceModel``, with
the role prior (P(class | role) / P(class) on the training units) for callers that know the part.

Usage: python models/train_sentences.py [--no-write] [--sample]
  → models/sentences.json and bench/results/sentclass.json (held-out evaluation: per-class
  precision/recall, confusion matrix, is_measure precision/recall and its threshold curve, the
  plans-part view); ``--sample`` prints the 40 + 40 units of the hand check instead.
The evaluation's gold labels are the refined weak labels, not a human annotation: the hand check
(kept under "hand_check" in the results file) is the independent measure.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "corpora"
OUT = ROOT / "models" / "sentences.json"
RESULTS = ROOT / "bench" / "results" / "sentclass.json"

FORMAT, VERSION = "zongjie-sentences", 1
K_FEATURES = 12000
C = 4.0
SEED = 13
HOLDOUT_EVERY = 5
ROLE_PRIOR_WEIGHT = 0.5
ROLE_LABEL = {"plans": "measure", "problems": "problem", "achievements": "achievement"}

# Sentence-opening action verbs (a cue token for the model; stored with it).
VERBS = (
    "加强", "推进", "健全", "完善", "加快", "深化", "推动", "提升", "强化", "持续", "坚持", "扎实", "全面",
    "着力", "积极", "大力", "深入", "落实", "实施", "开展", "建立", "构建", "打造", "优化", "促进", "做好",
    "抓好", "严格", "切实", "不断", "进一步", "继续", "聚焦", "围绕", "统筹", "稳步", "有序", "巩固", "扩大",
    "培育", "支持", "鼓励", "引导", "规范", "提高", "增强", "抓实", "筑牢", "守牢", "压实", "做实", "用好",
    "发挥", "加大", "深耕", "夯实", "拓展", "拓宽", "创新", "探索", "谋划", "启动", "组织", "举办", "建设",
    "完成", "确保", "力争", "全力", "精准", "牢牢", "始终", "毫不动摇", "坚定", "坚决", "认真", "主动",
)

# the verbs of a measure proper (VERBS also has 完成/确保/力争, which open results and targets)
ACTION_VERBS = tuple(v for v in VERBS if v not in ("完成", "确保", "力争"))

_SPLIT = re.compile(r"[^。；;！!？?\n]+[。；;！!？?]*")


# ---------------------------------------------------------------------------- corpus → units


def documents() -> Iterator[tuple[str, str, str | None]]:
    """(id, text, file name) of every corpus document, sorted by id."""
    from zongjie.reader import read_file

    docs: list[tuple[str, str, str | None]] = []
    for f in sorted((CORPORA / "public").glob("*/*.jsonl")):
        for line in f.open(encoding="utf-8"):
            d = json.loads(line)
            docs.append((f"public/{d['id']}", d["text"], None))
    for folder in ("annotated", "drafts"):
        for p in sorted((CORPORA / folder).iterdir()):
            if p.suffix in (".json", ".py") or p.name == "README.md":
                continue
            docs.append((f"{folder}/{p.name}", read_file(p).text, p.name))
    docs.append(("seed", (CORPORA / "seed.txt").read_text("utf-8"), "seed.txt"))
    yield from sorted(docs)


def units(text: str, file: str | None) -> list[dict[str, Any]]:
    """Headings and body sentences of one document with the role of their part."""
    import zongjie

    doc = zongjie.structure(text, file=file)
    skip: list[tuple[int, int]] = list((s.start, s.end) for s in (doc.title.lines if doc.title else []))
    out: list[dict[str, Any]] = []
    for s in doc.walk():
        if s.heading_start is not None and s.heading_end is not None:
            line_start = text.rfind("\n", 0, s.heading_start) + 1
            skip.append((line_start, s.heading_end))
            out.append({"text": text[s.heading_start:s.heading_end], "role": s.role, "kind": "heading",
                        "level": s.level, "start": s.heading_start})
    skip.sort()

    def free(a: int, b: int) -> list[tuple[int, int]]:
        parts = [(a, b)]
        for x, y in skip:
            parts = [q for p, r in parts for q in ((p, min(r, x)), (max(p, y), r)) if q[0] < q[1]]
        return parts

    for m in _SPLIT.finditer(text):
        for a, b in free(m.start(), m.end()):
            t = text[a:b].strip()
            if len(re.sub(r"\W", "", t)) >= 4:
                out.append({"text": t, "role": doc.role_at(a) or "other", "kind": "body", "start": a})
    out.sort(key=lambda u: u["start"])
    return out


# ---------------------------------------------------------------------------- relabelling rules
# Each rule: (name, roles it applies to, predicate on the cleaned text, new label). The first rule
# that fires wins; a unit no rule touches keeps its role's label. ``u`` is the unit dict.

_TARGET_WORDS = re.compile(
    r"(主要|预期|发展|总体|奋斗|远景|阶段性|约束性|年度)目标|目标(是|为|任务是)[:：]?|主要指标|"
    r"^(力争)?到0{4}年(底|末)?|0{4}年(前|以前)?(基本)?(实现|建成)|"
    r"^——.*0")
_TARGET_EXPLAIN = re.compile(r"(这一|这个|上述|以上|这些|提出)[^，,。]{0,10}(目标|指标)|目标[^，,。]{0,8}(考虑|设定|设置|确定)|"
                             r"(综合|主要)考虑|既考虑了?")
# an indicator with an expected value (增长5%左右, 城镇化率达到60%以上, 赤字率控制在3%以内)
_NUMERIC_EXPECT = re.compile(
    r"(增长|增速|率|比重|占比|产量|涨幅|总值|收入|寿命|强度|总量|规模|人数|面积|下降|降低)"
    r"[^，,；;。]{0,8}0[^，,；;。]{0,6}(左右|以上|以内|以下)|控制在[^，,；;。]{0,10}0")
_FORWARD = re.compile(r"^(下一步|下步|今后|明年|下半年|接下来|新的一年)|^(我们|我局|本人|我)?(将|要|计划|拟)(继续|进一步|加快|着力|重点|全力|持续|积极|大力|深入|不断)")
_TRANSITION = re.compile(
    r"(做好|抓好|突出|重点|着力|主要|做到|把握)[^，,。]{0,10}(以下|如下|下列|这)[^，,。]{0,8}(工作|方面|任务|重点|要求)|"
    r"(工作|任务|措施|安排|计划|打算|思路)(如下|是)[:：]?$|^各位代表|^同志们|报告如下|[:：]$|"
    r"^(总的|总之|综上|为此|因此|对此)[，,]?$|^(让我们|同志们)|(我|现在)[^，,。]{0,6}(谈谈|讲讲|说说|讲一讲)")
_PART_HEADING = re.compile(
    r"^(0{4}年度?)?(今年|明年|下一?步|下半年|上半年|今后|全年|年度)?(的)?(主要|重点|工作|基本)?(工作)?"
    r"(计划|打算|安排|思路|要点|任务|目标|措施|设想|谋划|回顾|总结|情况|成效|成绩|做法|问题|不足|体会|经验|建议){1,2}"
    r"([和与及、](.{0,8}))?$")
_ACHIEVED = re.compile(r"(已经|已|全年|累计|共计|先后|顺利|圆满)[^，,。]{0,10}(完成|实现|建成|开展|组织|举办|获得|获评|荣获|达到)|同比(增长|下降)|比上年")
_CREDIT = re.compile(r"成绩的取得|成绩来之不易|得益于|离不开|^(这些|上述)(成绩|成就|成效)")
_SITUATION = re.compile(r"^(当前|当今|从国际看|从国内看|放眼|纵观|综合研判|总的看|总体看|同时要看到)|"
                        r"(外部环境|国际环境|形势)[^，,。]{0,10}(复杂|严峻|深刻变化)|(机遇|挑战)(并存|大于)")
_GUIDANCE = re.compile(r"^(做好|今年|明年|0{4}年)[^，,。]{0,12}(工作|政府工作)[，,](要|必须)|总体要求是|^(以|高举)习近平|指导思想")


def _target(t: str, u: dict[str, Any]) -> bool:
    return bool(_TARGET_WORDS.search(t) or _TARGET_EXPLAIN.search(t)
                or (_NUMERIC_EXPECT.search(t) and not t.startswith(VERBS)))


def _plan_problem(t: str, u: dict[str, Any]) -> bool:
    from zongjie.suggest.sentclass import has_deficiency

    return has_deficiency(u["text"]) and not t.startswith(VERBS)


def _forward(t: str, u: dict[str, Any]) -> bool:
    return bool(_FORWARD.search(t))


def _transition(t: str, u: dict[str, Any]) -> bool:
    return bool(_TRANSITION.search(t)) and len(t) <= 40


def _part_heading(t: str, u: dict[str, Any]) -> bool:
    return u["kind"] == "heading" and bool(_PART_HEADING.search(t.rstrip("。.：:")))


def _review_problem(t: str, u: dict[str, Any]) -> bool:
    from zongjie.suggest.sentclass import has_deficiency

    return has_deficiency(u["text"]) and not _ACHIEVED.search(t)


_RESULT = re.compile(r"实现|建成|建立起|完成|达到|取得|形成|获得|增长|下降|突破|位居|首次|成功|荣获|入选|列入|通过")


def _action_in_review(t: str, u: dict[str, Any]) -> bool:
    """`加强社会保障体系建设。` in a review reads as a measure: an action verb, no result, no number."""
    from zongjie.suggest.sentclass import has_deficiency

    return (t.startswith(ACTION_VERBS) and "0" not in t and "了" not in t and not _ACHIEVED.search(t)
            and not _RESULT.search(t) and not has_deficiency(u["text"]))


_MODAL = re.compile(r"要|将|必须|应当|应该|应|需|力争|确保|争取|努力|着力|今后|明年|今年|继续|进一步")
_PAST = re.compile(r"(?<![为除])了(?![解不得])|(已经|曾经|先后|相继)")


_COMMENT = re.compile(r"是|^(这|那|它|他们|这些|此)|(可以|能够|就会|必然|标志着|意味着|无比|显然)|的[。；;]?$")


# `X是Y` as the sentence's first predicate: a definition or a judgement, not an action
_COPULA = re.compile(r"^(?P<subj>[^。；;！？“”]{2,30}?)(?<![一二三四五六七八九十凡但可或还就于只不正更总])"
                     r"(?<!特别)(?<!尤其)是(?!否)")


def _statement_in_plans(t: str, u: dict[str, Any]) -> bool:
    """A plans sentence that defines or comments: `今后五年是…的关键时期。`, `这是人心所向，大势所趋。`,
    or has no action verb, no modal and a comment word."""
    if u["kind"] != "body" or len(t) < 10:
        return False
    m = _COPULA.search(t)
    subj = m.group("subj") if m else ""
    # 坚持房子是用来住的定位 is an action on a quoted principle; 建设…文明，是全党的任务 a judgement
    if m and not _MODAL.search(subj.replace("今后", "")) and ("," in subj or not subj.startswith(VERBS)):
        return True
    return bool(_COMMENT.search(t)) and not _MODAL.search(t) and not any(v in t for v in VERBS)


def _past_in_plans(t: str, u: dict[str, Any]) -> bool:
    """`…圆满地解决了…问题。` inside a plans part looks back: an achievement, not a measure."""
    return bool(_PAST.search(t) or _ACHIEVED.search(t)) and not _MODAL.search(t)


def _problem_closer(t: str, u: dict[str, Any]) -> bool:
    return bool(re.search(r"^(对于|对|针对)?(这些|上述)(问题|不足|困难)|^对此|^(我们|本人|我)(将|一定|要)", t))


def _problem_without_deficiency(t: str, u: dict[str, Any]) -> bool:
    from zongjie.suggest.sentclass import has_deficiency

    return bool(_ACHIEVED.search(t)) and not has_deficiency(u["text"])


Rule = tuple[str, frozenset[str], Callable[[str, dict[str, Any]], bool], str]
ANY = frozenset({"plans", "problems", "achievements", "preamble", "experience", "other"})
PLAN_LIKE = frozenset({"plans", "preamble", "other"})
RULES: list[Rule] = [
    ("part-heading → other", ANY, _part_heading, "other"),
    ("transition → other", ANY, _transition, "other"),
    ("problem closer → other", frozenset({"problems"}), _problem_closer, "other"),
    ("target statement → target", PLAN_LIKE, _target, "target"),
    ("situation analysis → other", frozenset({"plans"}), lambda t, u: bool(_SITUATION.search(t)), "other"),
    ("guidance → other", frozenset({"plans"}), lambda t, u: bool(_GUIDANCE.search(t)), "other"),
    ("deficiency in plans → problem", frozenset({"plans"}), _plan_problem, "problem"),
    ("past in plans → achievement", frozenset({"plans"}), _past_in_plans, "achievement"),
    ("statement in plans → other", frozenset({"plans"}), _statement_in_plans, "other"),
    ("forward-looking in review → measure", frozenset({"achievements"}), _forward, "measure"),
    ("credit sentence → other", frozenset({"achievements"}), lambda t, u: bool(_CREDIT.search(t)), "other"),
    ("deficiency in review → problem", frozenset({"achievements"}), _review_problem, "problem"),
    ("action statement in review → measure", frozenset({"achievements"}), _action_in_review, "measure"),
    ("achievement in problems → achievement", frozenset({"problems"}), _problem_without_deficiency,
     "achievement"),
]


def label(u: dict[str, Any]) -> tuple[str, str]:
    """(label, name of the rule that set it, or 'role')."""
    from zongjie.suggest.sentclass import clean

    t = clean(u["text"])
    for name, roles, pred, new in RULES:
        if u["role"] in roles and pred(t, u):
            return new, name
    return ROLE_LABEL.get(u["role"], "other"), "role"


# ---------------------------------------------------------------------------- training


def dataset() -> list[dict[str, Any]]:
    rows = []
    for doc_id, text, file in documents():
        for u in units(text, file):
            u["label"], u["rule"] = label(u)
            u["doc"] = doc_id
            rows.append(u)
    return rows


def split(rows: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    docs = sorted({r["doc"] for r in rows})
    held = {d for i, d in enumerate(docs) if i % HOLDOUT_EVERY == HOLDOUT_EVERY - 1}
    return [r for r in rows if r["doc"] not in held], [r for r in rows if r["doc"] in held]


def analyzer() -> Callable[[str], list[str]]:
    from zongjie.suggest.sentclass import features

    return lambda text: features(text, VERBS)


def fit(texts: list[str], labels: list[str], k: int = K_FEATURES, c: float = C,
        weights: list[float] | None = None) -> tuple[Any, Any]:
    """(vectorizer, classifier) — chi² keeps ``k`` n-grams, cue tokens are always kept."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.feature_selection import SelectKBest, chi2
    from sklearn.linear_model import LogisticRegression

    vec = TfidfVectorizer(analyzer=analyzer(), lowercase=False, sublinear_tf=True, min_df=2)  # pyright: ignore[reportArgumentType] - unannotated sklearn: analyzer is inferred as str from its default "word"
    x = vec.fit_transform(texts)
    names = vec.get_feature_names_out()
    sel = SelectKBest(chi2, k=min(k, x.shape[1])).fit(x, labels)  # pyright: ignore[reportOptionalSubscript, reportAttributeAccessIssue] - a sparse matrix
    keep = sorted({f for f, s in zip(names, sel.get_support()) if s or f.startswith("\x01")})  # pyright: ignore[reportArgumentType] - a boolean mask
    vec = TfidfVectorizer(analyzer=analyzer(), lowercase=False, sublinear_tf=True, vocabulary=keep)  # pyright: ignore[reportArgumentType] - unannotated sklearn: analyzer is inferred as str from its default "word"
    x = vec.fit_transform(texts)
    clf = LogisticRegression(C=c, max_iter=3000, random_state=SEED).fit(x, labels, sample_weight=weights)
    return vec, clf


def export(vec: Any, clf: Any, digits: int | None = 6, **extra: Any) -> dict[str, Any]:
    """The JSON artefact ``sentclass.SentenceModel`` scores (``digits=None`` keeps full precision)."""

    def r(x: float) -> float:
        return float(x) if digits is None else round(float(x), digits)

    names = list(vec.get_feature_names_out())
    return {
        "format": FORMAT, "version": VERSION, "kind": "tfidf-char13+cues-logreg",
        "classes": [str(c) for c in clf.classes_], "verbs": list(VERBS),
        "features": names, "idf": [r(x) for x in vec.idf_],
        "coef": [[r(x) for x in row] for row in clf.coef_],
        "intercept": [r(x) for x in clf.intercept_], **extra,
    }


def role_prior(train: list[dict[str, Any]], classes: list[str]) -> dict[str, dict[str, float]]:
    """P(class | role) / P(class) on the training units (add-one smoothing)."""
    pair = Counter((r["role"], r["label"]) for r in train)
    label_n = Counter(r["label"] for r in train)
    role_n = Counter(r["role"] for r in train)
    k, n = len(classes), len(train)
    return {role: {c: round(((pair[role, c] + 1) / (role_n[role] + k)) / ((label_n[c] + 1) / (n + k)), 4)
                   for c in classes} for role in sorted(role_n)}


# ---------------------------------------------------------------------------- evaluation


def evaluate(model: Any, test: list[dict[str, Any]], threshold: float) -> dict[str, Any]:
    """Per-class precision/recall, confusion matrix and is_measure precision/recall on held-out units."""
    from zongjie.suggest.sentclass import vetoed

    classes = model.classes
    gold = [r["label"] for r in test]
    probs = [model.probabilities(r["text"]) for r in test]
    pred = [max(p, key=p.__getitem__) for p in probs]
    confusion = {g: {p: 0 for p in classes} for g in classes}
    for g, p in zip(gold, pred):
        confusion[g][p] += 1
    per_class = {}
    for c in classes:
        tp = confusion[c][c]
        npred = sum(confusion[g][c] for g in classes)
        ngold = sum(confusion[c].values())
        per_class[c] = {"precision": round(tp / npred, 4) if npred else None,
                        "recall": round(tp / ngold, 4) if ngold else None, "support": ngold}

    veto = [vetoed(r["text"]) for r in test]

    def measure_at(t: float, use_veto: bool = True) -> dict[str, Any]:
        acc = [p["measure"] >= t and not (use_veto and v) for p, v in zip(probs, veto)]
        tp = sum(a and g == "measure" for a, g in zip(acc, gold))
        return {"threshold": t, "accepted": sum(acc), "precision": round(tp / max(1, sum(acc)), 4),
                "recall": round(tp / max(1, gold.count("measure")), 4)}

    # the index mines plans parts: how many of their non-measures (targets, problems, transitions) are
    # kept out, and how many of their measures get in
    acc = [p["measure"] >= threshold and not v for p, v in zip(probs, veto)]
    plans = [(a, g) for a, g, r in zip(acc, gold, test) if r["role"] == "plans"]

    def plans_view(plans: list[tuple[bool, str]]) -> dict[str, Any]:
        non = [a for a, g in plans if g != "measure"]
        return {
            "units": len(plans), "measures": len(plans) - len(non),
            "measures_accepted": round(sum(a for a, g in plans if g == "measure") / max(1, len(plans) - len(non)), 4),
            "non_measures": dict(sorted(Counter(g for _, g in plans if g != "measure").items())),
            "non_measures_accepted": sum(non),
            "non_measures_rejected": round(sum(not a for a in non) / max(1, len(non)), 4),
            "precision_of_accepted": round(sum(a and g == "measure" for a, g in plans) / max(1, sum(a for a, _ in plans)), 4),
        }

    with_role = [(not v and model.probabilities(r["text"], "plans")["measure"] >= threshold, g)
                 for v, g, r in zip(veto, gold, test) if r["role"] == "plans"]
    def source_view(public: bool) -> dict[str, Any]:
        part = [(a, g) for a, g, r in zip(acc, gold, test) if r["doc"].startswith("public/") == public]
        tp = sum(a and g == "measure" for a, g in part)
        return {"units": len(part), "accepted": sum(a for a, _ in part),
                "precision": round(tp / max(1, sum(a for a, _ in part)), 4),
                "recall": round(tp / max(1, sum(g == "measure" for _, g in part)), 4)}

    return {
        "units": len(test), "accuracy": round(sum(g == p for g, p in zip(gold, pred)) / len(test), 4),
        "per_class": per_class, "confusion": {"rows_gold_cols_pred": classes, **confusion},
        "is_measure": measure_at(threshold),
        "is_measure_without_rule_veto": measure_at(threshold, use_veto=False),
        "is_measure_public_reports": source_view(True),
        "is_measure_team_documents": source_view(False),
        "is_measure_curve": [measure_at(t) for t in (0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9)],
        "plans_parts": plans_view(plans),
        "plans_parts_with_role_prior": plans_view(with_role),
    }


def hand_sample(test: list[dict[str, Any]], n: int = 40, seed: int = 123) -> None:
    """Print n accepted measures of the held-out public reports and n rejected plans-part sentences
    (the hand check reported in bench/results/sentclass.json under "hand_check")."""
    from zongjie.suggest.sentclass import classify, is_measure

    pub = [r for r in test if r["doc"].startswith("public/")]
    acc = [r for r in pub if is_measure(r["text"])]
    rej = [r for r in pub if r["role"] == "plans" and not is_measure(r["text"])]
    rnd = random.Random(seed)
    for i, r in enumerate(rnd.sample(acc, n)):
        print(f"A{i:02d} {r['doc']} [{r['role']}/{r['label']}] {r['text'][:120]}")
    for i, r in enumerate(rnd.sample(rej, n)):
        print(f"R{i:02d} {r['doc']} [{r['label']}] {classify(r['text'])[0]} {r['text'][:120]}")


def main() -> None:
    from zongjie.suggest.sentclass import MEASURE_THRESHOLD, SentenceModel

    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--no-write", action="store_true", help="evaluate only; write no artefact")
    ap.add_argument("--sample", action="store_true", help="print the hand-check sample of the shipped model")
    args = ap.parse_args()
    rows = dataset()
    random.Random(SEED).shuffle(rows)  # order-independent fit, but fixed for reproducibility
    train, test = split(rows)
    if args.sample:
        hand_sample(test)
        return
    vec, clf = fit([r["text"] for r in train], [r["label"] for r in train])
    summary = {
        "documents": len({r["doc"] for r in rows}), "held_out_documents": len({r["doc"] for r in test}),
        "train_units": len(train), "test_units": len(test),
        "train_labels": dict(sorted(Counter(r["label"] for r in train).items())),
        "rules_fired": dict(sorted(Counter(r["rule"] for r in rows).items())),
        "holdout": f"every {HOLDOUT_EVERY}th document by sorted id", "k_features": K_FEATURES, "C": C,
    }
    model = export(vec, clf, measure_threshold=MEASURE_THRESHOLD,
                   role_prior=role_prior(train, [str(c) for c in clf.classes_]),
                   role_prior_weight=ROLE_PRIOR_WEIGHT, training=summary)
    report = evaluate(SentenceModel(model), test, MEASURE_THRESHOLD)
    print(json.dumps(report, ensure_ascii=False, indent=1))
    if not args.no_write:
        OUT.write_text(json.dumps(model, ensure_ascii=False, separators=(",", ":")), "utf-8")
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        prev = json.loads(RESULTS.read_text("utf-8")) if RESULTS.exists() else {}
        RESULTS.write_text(json.dumps({**prev, "training": summary, "held_out": report},
                                      ensure_ascii=False, indent=1) + "\n", "utf-8")
        print(f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size:,} bytes), {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
