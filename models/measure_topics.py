"""Measure the topic matcher (``bench/results/topics.json``; run by ``build_topics.py --measure``).

* ranking: for each annotated problem→plan pair of ``corpora/annotated`` and ``corpora/drafts``,
  rank plan items by ``topic_score`` and by the character-bigram Jaccard of
  ``zongjie.suggest.rank`` (the baseline) — among the document's own plan items, and among its
  gold item and every plan item of the other team documents; with the shipped table (the team's
  pairs were training data) and with a table learned from the public reports only (held out);
* sample associations, the issue's off-topic examples, warm ``topic_score`` timing.

The ``places`` part of the results file is written by ``build_places.py --measure`` and kept.
"""

from __future__ import annotations

import glob
import json
import time
from pathlib import Path

from zongjie.models.build_topics import DICT_OUT, ROOT, TABLE_OUT, _reset_topics, build

RESULTS = ROOT / "bench" / "results" / "topics.json"

SHOW = ["就业", "消费", "债务", "企业", "生态环境", "营商环境", "养老", "教育", "医疗", "安全生产", "融资",
        "人才", "农民工", "科技创新", "困难", "粮食", "乡村振兴", "污染"]


def _gold_items(doc, items, plan_text: str) -> list[int]:
    qs = doc.text.find(plan_text)
    if qs < 0:
        return []
    qe = qs + len(plan_text)
    return [k for k, it in enumerate(items) if it.start < qe and qs < it.end]


def _top1(scores: list[float], gold: list[int]) -> bool:
    """The best-scored item (the earliest on ties) is a gold one."""
    best = max(range(len(scores)), key=lambda k: (scores[k], -k))
    return best in gold


def rank_eval() -> dict:
    """Top-1 accuracy of ranking plan items for each annotated problem, by ``topic_score`` and by
    the character-bigram Jaccard of ``zongjie.suggest.rank``: (a) among the document's own plan
    items; (b) among its gold item(s) and every plan item of the *other* team documents — the
    retrieval a suggestion makes, where sharing a stock phrase is not enough."""
    import zongjie
    from zongjie.matcher import plan_items
    from zongjie.reader import read_file
    from zongjie.suggest.rank import bigrams, jaccard
    from zongjie.suggest.topics import THRESHOLD, topic_score

    docs = []
    for j in sorted(glob.glob(str(ROOT / "corpora" / "annotated" / "*.json"))
                    + glob.glob(str(ROOT / "corpora" / "drafts" / "*.json"))):
        a = json.loads(Path(j).read_text("utf-8"))
        f = Path(j).parent / a.get("file", "")
        if not a.get("pairs") or not f.is_file():
            continue
        src = read_file(str(f))
        doc = zongjie.structure(src.text, markdown=src.markdown)
        docs.append((Path(j).name, doc, plan_items(doc), a["pairs"]))
    rows = []
    gold_scores, other_scores = [], []
    for name, doc, items, pairs in docs:
        others = sorted({it.text for n2, _, its, _ in docs if n2 != name for it in its})
        for p in pairs:
            gold = _gold_items(doc, items, p["plan"])
            if not gold or len(items) < 2:
                continue
            prob = p["problem"]
            texts = [it.text for it in items]
            ts = [topic_score(prob, t) for t in texts]
            bj = [jaccard(bigrams(prob), bigrams(t)) for t in texts]
            for k, sc in enumerate(ts):
                (gold_scores if k in gold else other_scores).append(sc)
            blend = [t + 0.5 * b for t, b in zip(ts, bj)]
            pool = [texts[k] for k in gold] + others
            pg = list(range(len(gold)))
            xt = [topic_score(prob, t) for t in pool]
            xb = [jaccard(bigrams(prob), bigrams(t)) for t in pool]
            rows.append({"doc": name, "problem": prob, "topic": _top1(ts, gold), "bigram": _top1(bj, gold),
                         "blend": _top1(blend, gold), "x_topic": _top1(xt, pg), "x_bigram": _top1(xb, pg),
                         "x_pool": len(pool)})

    def acc(key: str, sel=lambda r: True) -> float:
        rs = [r for r in rows if sel(r)]
        return round(sum(r[key] for r in rs) / len(rs), 3) if rs else 0.0

    annotated = lambda r: "_" in r["doc"]  # noqa: E731 - corpora/annotated names use "_", drafts "-"
    return {
        "pairs": len(rows), "documents": len({r["doc"] for r in rows}),
        "own_plan_items": {"top1_topic_score": acc("topic"), "top1_bigram_jaccard": acc("bigram"),
                           "top1_topic_plus_half_bigram": acc("blend"),
                           "annotated_16_docs": {"pairs": sum(1 for r in rows if annotated(r)),
                                                 "topic": acc("topic", annotated),
                                                 "bigram": acc("bigram", annotated)}},
        "with_other_documents_items": {"pool_mean": round(sum(r["x_pool"] for r in rows) / max(1, len(rows))),
                                       "top1_topic_score": acc("x_topic"), "top1_bigram_jaccard": acc("x_bigram")},
        "threshold": THRESHOLD,
        "gold_at_or_above_threshold": round(sum(s >= THRESHOLD for s in gold_scores) / max(1, len(gold_scores)), 3),
        "other_own_items_at_or_above_threshold": round(
            sum(s >= THRESHOLD for s in other_scores) / max(1, len(other_scores)), 3),
        "misses_own_items": [(r["doc"], r["problem"][:40]) for r in rows if not r["topic"]],
    }


def speed() -> dict:
    from zongjie.suggest.topics import topic_score

    probs = ["就业和增收压力较大", "生态环境保护任务依然艰巨", "部分企业生产经营困难", "养老服务供给不足",
             "基层医疗卫生服务能力不强", "地方政府债务还本付息压力较大"]
    cands = ["落实稳岗扩岗政策，促进高校毕业生就业", "持续优化营商环境", "深入打好污染防治攻坚战",
             "加快发展居家社区养老服务", "推进紧密型县域医共体建设", "稳妥化解存量债务", "开展清欠专项行动",
             "实施减税降费，帮助企业纾困解难"]
    pairs = [(p, c) for p in probs for c in cands]
    for p, c in pairs:
        topic_score(p, c)
    n = 200
    t0 = time.perf_counter()
    for _ in range(n):
        for p, c in pairs:
            topic_score(p, c)
    warm = (time.perf_counter() - t0) / (n * len(pairs)) * 1000
    return {"topic_score_warm_ms_per_pair": round(warm, 4),
            "examples": {f"{p} | {c}": round(topic_score(p, c), 3) for p in probs[:3] for c in cands[:4]}}


def off_topic_examples() -> dict:
    """The issue's rejected suggestions and the answers a drafter keeps, scored."""
    from zongjie.suggest.topics import topic_score

    cases = [
        ("生态环境保护任务依然艰巨", "持续优化营商环境，打造市场化法治化国际化一流营商环境"),
        ("生态环境保护任务依然艰巨", "深入打好污染防治攻坚战，持续改善生态环境质量"),
        ("生态环境保护任务依然艰巨", "开展根治拖欠农民工工资专项行动"),
        ("部分企业生产经营困难", "支持企业加大研发投入，提升自主创新能力"),
        ("部分企业生产经营困难", "落实减税降费政策，帮助企业纾困解难，降低融资成本"),
        ("就业压力较大", "落实稳岗扩岗政策，做好高校毕业生、农民工就业"),
        ("就业压力较大", "持续优化营商环境"),
        ("居民消费意愿不强", "提振消费，扩大内需，开展家电以旧换新"),
        ("地方政府债务还本付息压力较大", "严控新增隐性债务，稳妥化解存量债务风险"),
    ]
    return {f"{p} | {c}": round(topic_score(p, c), 3) for p, c in cases}


def measure() -> None:
    import tempfile

    from zongjie.suggest import topics

    shipped = json.loads(TABLE_OUT.read_text("utf-8"))
    show = {w: shipped["table"].get(w, []) for w in SHOW}
    res: dict = {"shipped": {"problem_words": len(shipped["table"]), "params": shipped["params"],
                             "bytes": TABLE_OUT.stat().st_size,
                             "domain_dict_entries": sum(1 for _ in DICT_OUT.open(encoding="utf-8"))},
                 "associations": show}
    res["ranking_shipped_table"] = rank_eval()  # the team's pairs were training data here
    with tempfile.TemporaryDirectory() as tmp:
        held = Path(tmp) / "translation.json"
        build(include_team=False, table_path=held, rebuild_dict=False)
        topics._TABLE_PATH = held
        _reset_topics()
        res["ranking_held_out_table"] = rank_eval()  # learned from the public reports only
        topics._TABLE_PATH = None
        _reset_topics()
    res["speed"] = speed()
    res["off_topic_examples"] = off_topic_examples()
    if RESULTS.is_file():  # the gazetteer's numbers (models/build_places.py --measure) stay
        old = json.loads(RESULTS.read_text("utf-8"))
        if "places" in old:
            res["places"] = old["places"]
    RESULTS.write_text(json.dumps(res, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in res.items() if k != "associations"}, ensure_ascii=False, indent=1)[:6000])
