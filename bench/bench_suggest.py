"""Speed of the suggestions (issue 13's latency targets), on this machine.

1. **Index build**: ``MeasureIndex.build`` over every document the default index is built from
   (``corpora/``): seconds per document.
2. **Warm suggestion**: ``suggest(doc)`` with the default index loaded, on every public report that
   has problems (leave-one-out), milliseconds per problem statement (target ≤ 20 ms: the editor
   asks while the user types), including the alignment that gives ``addressed_by``.
3. **Cold command**: ``zongjie suggest corpora/seed.txt --json`` in a fresh process (median of
   ``--runs``; target ≤ 1.5 s), next to ``python -c pass`` run the same way.

Run: ``.venv/bin/python bench/bench_suggest.py [--runs 5] [--out bench/results/bench_suggest.json]``
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build_time() -> dict:
    from zongjie.archive import iter_documents
    from zongjie.runner import STRUCTURE, pipeline
    from zongjie.suggest.measures import MeasureIndex

    structure = pipeline(STRUCTURE)
    srcs = [str(ROOT / "corpora" / "annotated"), str(ROOT / "corpora" / "drafts"), str(ROOT / "corpora" / "seed.txt"),
            *map(str, sorted((ROOT / "corpora" / "public").glob("*/*.jsonl")))]
    t0 = time.perf_counter()
    docs = [(i, structure(str(t), markdown=bool(m.get("markdown")))) for i, t, m in iter_documents(srcs) if t]
    t1 = time.perf_counter()
    ix = MeasureIndex.build(docs)
    t2 = time.perf_counter()
    return {"documents": len(docs), "measures": len(ix), "structure_s": round(t1 - t0, 2),
            "mining_s": round(t2 - t1, 2), "ms_per_document": round(1000 * (t2 - t0) / len(docs), 1)}


def warm_latency() -> dict:
    import zongjie
    from zongjie.suggest import suggest
    from zongjie.suggest.measures import default_index

    t0 = time.perf_counter()
    ix = default_index()
    load = time.perf_counter() - t0
    reports = [json.loads(line) for f in sorted((ROOT / "corpora" / "public").glob("*/*.jsonl"))
               for line in f.open(encoding="utf-8")]
    docs = [(r["id"], zongjie.structure(r["text"])) for r in reports]
    # jieba, the tables and the models loaded once, by a report that has problems (a report without
    # any loads none of them, and the next report paid for it)
    first = next(k for k, (rid, d) in enumerate(docs) if suggest(d, index=ix, exclude_docs=[rid]))
    per_doc, n, total = [], 0, 0.0
    for rid, d in docs[first + 1:]:
        t = time.perf_counter()
        k = len(suggest(d, index=ix, exclude_docs=[rid]))
        if k:
            ms = (time.perf_counter() - t) * 1000
            per_doc.append(ms / k)
            n, total = n + k, total + ms
    # mean over reports of (report's time / its problems): a report with one answered problem pays
    # its whole alignment for it; pooled: all reports' time over all their problems
    return {"index_load_s": round(load, 2), "problems": n, "reports": len(per_doc),
            "ms_per_problem_mean": round(sum(per_doc) / len(per_doc), 1),
            "ms_per_problem_pooled": round(total / n, 1),
            "ms_per_report_mean": round(total / len(per_doc), 1),
            "ms_per_problem_p95": round(sorted(per_doc)[int(0.95 * (len(per_doc) - 1))], 1)}


def cold(runs: int) -> dict:
    exe = str(Path(sys.executable).parent / "zongjie")
    seed = str(ROOT / "corpora" / "seed.txt")

    def med(cmd: list[str]) -> float:
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            subprocess.run(cmd, capture_output=True, check=False)
            times.append(time.perf_counter() - t)
        return statistics.median(times)

    base = med([sys.executable, "-c", "pass"])
    sug = med([exe, "suggest", seed, "--json"])
    return {"python_pass_s": round(base, 3), "suggest_seed_s": round(sug, 3), "runs": runs}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / "bench_suggest.json"))
    a = ap.parse_args()
    res = {"build": build_time(), "warm": warm_latency(), "cold": cold(a.runs)}
    print(json.dumps(res, ensure_ascii=False, indent=1))
    Path(a.out).write_text(json.dumps(res, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
