"""Evaluate the suggestions and the problem → plan matcher.

1. **Suggestions, leave-one-out** on the real reports in ``corpora/public``: for each report
   with problem statements and a plan, the index holds every *other* report; each problem
   statement gets its top-3 suggestions (the report's own plan hidden: nothing is dropped for
   being "already in the document"), scored by the best character-bigram F1 against the report's
   own plan sentences. Baseline: the single plan sentence of the other reports most similar to the
   problem text (TF-IDF cosine over character 1–3-grams, the index's own retrieval), scored the
   same way. By default the index is built once and the held-out report's rows are masked (its
   n-grams still count in the idf); ``--strict`` rebuilds the index without it for every report.
2. **Alignment accuracy** of ``zongjie.matcher.align`` on the team's annotated documents
   (``corpora/annotated/*.json``, ``corpora/drafts/*.json``: ``pairs: [{problem, plan}]``). A pair
   counts as right when the plan item aligned to the problem overlaps the annotated plan text, or
   lies inside the sub-section whose heading the annotation quotes.

    .venv/bin/python bench/eval_suggest.py [--limit N] [--strict] [--json OUT]
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CORPORA_DIR = ROOT / "corpora" / "public"


def bigram_counts(s: str) -> Counter:
    from zongjie.normalize import fold
    from zongjie.suggest.index import _RE_RUN

    c: Counter = Counter()
    for m in _RE_RUN.finditer(fold(s)):
        r = m.group(0)
        c.update(r[i:i + 2] for i in range(len(r) - 1))
    return c


def f1(a: Counter, b: Counter) -> float:
    if not a or not b:
        return 0.0
    inter = sum((a & b).values())
    if not inter:
        return 0.0
    p = inter / sum(a.values())
    r = inter / sum(b.values())
    return 2 * p * r / (p + r)


def best_f1(cands: list[str], refs: list[Counter]) -> float:
    return max((f1(bigram_counts(c), r) for c in cands for r in refs), default=0.0)


def load_reports(limit: int | None = None) -> list[tuple[str, str]]:
    out = []
    for f in sorted(glob.glob(str(CORPORA_DIR / "*" / "*.jsonl"))):
        with open(f, encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                out.append((rec["id"], rec["text"]))
    return out[:limit] if limit else out


def eval_suggestions(limit: int | None, strict: bool, top: int = 3, verbose: int = 3) -> dict:
    from zongjie.suggest import candidates_for
    from zongjie.suggest.index import SuggestIndex, mine_document, split_units
    from zongjie.suggest.rank import merge

    t0 = time.perf_counter()
    reports = load_reports()
    mined, probs_by, refs_by = [], {}, {}
    for rid, text in reports:
        m = mine_document(rid, text)
        mined.append(m)
        probs_by[rid] = m.problem_texts
        refs_by[rid] = [bigram_counts(u) for it in m.items for u in split_units(it, actions_only=False)]
    t_mine = time.perf_counter() - t0
    full = None if strict else SuggestIndex.build(mined)
    targets = [rid for rid, _ in reports if probs_by[rid] and refs_by[rid]]
    if limit:
        targets = targets[:limit]
    rows = []
    examples = []
    t_query, n_query = 0.0, 0
    for rid in targets:
        ix = full if full is not None else SuggestIndex.build([m for m in mined if m.id != rid])
        excl = (rid,)
        ours, base, rw_only, ix_only = [], [], [], []
        for p in probs_by[rid]:
            t = time.perf_counter()
            cands = candidates_for(p, ix, None, exclude_docs=excl)
            picked = merge(list(cands), top=top, problem=p)
            t_query += time.perf_counter() - t
            n_query += 1
            ours.append(best_f1([c.text for c in picked], refs_by[rid]))
            nb = ix.nearest_units(p, k=1, exclude_docs=excl)
            base.append(best_f1([nb[0][0]] if nb else [], refs_by[rid]))
            rw = [c.text for c in cands if c.source == "rewrite"]
            rw_only.append(best_f1(rw, refs_by[rid]))
            ixc = merge([c for c in cands if c.source.startswith("index:")], top=top, problem=p)
            ix_only.append(best_f1([c.text for c in ixc], refs_by[rid]))
            if len(examples) < 40 and rid.startswith("cn-gwr-prov") and len(examples) < verbose * 8:
                examples.append({"doc": rid, "problem": p, "suggestions": [c.to_dict() for c in picked],
                                 "baseline": nb[0][0] if nb else None, "f1": round(ours[-1], 3),
                                 "baseline_f1": round(base[-1], 3)})
        rows.append({"id": rid, "problems": len(ours), "ours": statistics.mean(ours),
                     "baseline": statistics.mean(base), "rewrite_only": statistics.mean(rw_only),
                     "index_only": statistics.mean(ix_only)})
    def avg(key: str, sel=lambda r: True) -> float:
        w = [(r[key], r["problems"]) for r in rows if sel(r)]
        n = sum(x[1] for x in w)
        return sum(a * b for a, b in w) / n if n else 0.0
    res = {
        "reports": len(rows), "problems": sum(r["problems"] for r in rows), "strict": strict, "top": top,
        "micro": {k: round(avg(k), 4) for k in ("ours", "baseline", "rewrite_only", "index_only")},
        "macro": {k: round(statistics.mean(r[k] for r in rows), 4) if rows else 0.0
                  for k in ("ours", "baseline", "rewrite_only", "index_only")},
        "gov_reports_micro": {k: round(avg(k, lambda r: r["id"].startswith("cn-gwr")), 4)
                              for k in ("ours", "baseline")},
        "ms_per_problem": round(1000 * t_query / max(1, n_query), 2),
        "mine_seconds": round(t_mine, 1),
        "examples": examples,
    }
    res["ratio_micro"] = round(res["micro"]["ours"] / res["micro"]["baseline"], 3) if res["micro"]["baseline"] else None
    res["ratio_macro"] = round(res["macro"]["ours"] / res["macro"]["baseline"], 3) if res["macro"]["baseline"] else None
    return res


def eval_alignment(verbose: bool = False) -> dict:
    import zongjie
    from zongjie.matcher import align
    from zongjie.reader import read_file

    files = sorted(glob.glob(str(ROOT / "corpora/annotated/*.json")) + glob.glob(str(ROOT / "corpora/drafts/*.json")))
    total = ok = none = docs = 0
    misses = []
    for j in files:
        a = json.loads(Path(j).read_text("utf-8"))
        f = os.path.join(os.path.dirname(j), a.get("file", ""))
        if not a.get("pairs") or not os.path.exists(f):
            continue
        src = read_file(f)
        d = zongjie.structure(src.text, file=f, markdown=src.markdown)
        al = align(d)
        docs += 1
        for p in a["pairs"]:
            ps, qs = d.text.find(p["problem"]), d.text.find(p["plan"])
            if ps < 0 or qs < 0:
                continue
            pe, qe = ps + len(p["problem"]), qs + len(p["plan"])
            total += 1
            hit = [x for x in al if x.problem.start < pe and ps < x.problem.end]
            if not hit or hit[0].plan is None:
                none += 1
                misses.append((os.path.basename(j), p["problem"], None))
                continue
            x = hit[0]
            sec = _heading_node(d, qs, qe)
            if (x.plan.start < qe and qs < x.plan.end) or (sec is not None and sec.start <= x.plan.start
                                                           and x.plan.end <= sec.end):
                ok += 1
            else:
                misses.append((os.path.basename(j), p["problem"], x.plan.text[:40]))
    if verbose:
        for m in misses:
            print("  miss:", *m, file=sys.stderr)
    return {"documents": docs, "pairs": total, "correct": ok, "unaligned": none,
            "accuracy": round(ok / total, 4) if total else None, "misses": misses}


def _heading_node(d, qs: int, qe: int):
    for n in d.walk():
        if n.heading_start is not None and n.heading_start <= qs and qe <= (n.heading_end or 0) + 1 \
                and not any(n is r for r in d.sections):
            return n
    return None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=None, help="evaluate only the first N reports")
    ap.add_argument("--strict", action="store_true", help="rebuild the index without each held-out report")
    ap.add_argument("--skip-suggest", action="store_true")
    ap.add_argument("--json", default=None, help="write the results here")
    args = ap.parse_args()
    out = {"alignment": eval_alignment(verbose=True)}
    al = out["alignment"]
    print(f"alignment: {al['correct']}/{al['pairs']} = {al['accuracy']} ({al['documents']} documents, "
          f"{al['unaligned']} left unaligned)")
    if not args.skip_suggest:
        res = eval_suggestions(args.limit, args.strict)
        out["suggest"] = res
        print(f"suggest: {res['reports']} reports, {res['problems']} problems, strict={res['strict']}")
        print(f"  best bigram F1 of top-3, micro: ours {res['micro']['ours']:.4f}  baseline {res['micro']['baseline']:.4f}"
              f"  ratio {res['ratio_micro']}  (rewrite only {res['micro']['rewrite_only']:.4f}, "
              f"index only {res['micro']['index_only']:.4f})")
        print(f"  macro: ours {res['macro']['ours']:.4f}  baseline {res['macro']['baseline']:.4f}  ratio {res['ratio_macro']}")
        print(f"  government reports only, micro: {res['gov_reports_micro']}")
        print(f"  {res['ms_per_problem']} ms per problem (candidates + merge)")
    if args.json:
        Path(args.json).write_text(json.dumps(out, ensure_ascii=False, indent=1), "utf-8")


if __name__ == "__main__":
    main()
