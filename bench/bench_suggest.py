"""Speed of the suggestions.

* index build time per document: mining (outline, problems, plans, alignment) and the TF-IDF
  build, for an index of every report in ``corpora/public``;
* load time of that index and of the shipped default index;
* suggestion latency per problem once loaded (index search + rewrite + merge), target ≤ 20 ms,
  over the problem statements of the corpora, the seed and the team's documents;
* ``suggest()`` end to end on the seed (outline, alignment, suggestions) with the default index.

    .venv/bin/python bench/bench_suggest.py [--problems 400] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPORA_DIR = ROOT / "corpora"


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--problems", type=int, default=400, help="problems to time")
    ap.add_argument("--json", default=None)
    args = ap.parse_args()

    import zongjie
    from zongjie.matcher import problem_statements
    from zongjie.suggest import candidates_for, suggest
    from zongjie.suggest.index import SuggestIndex, default_index, mine_archive
    from zongjie.suggest.rank import merge

    res: dict = {}
    t0 = time.perf_counter()
    mined = list(mine_archive(sorted(str(p) for p in (CORPORA_DIR / "public").glob("*/*.jsonl"))))
    t_mine = time.perf_counter() - t0
    t1 = time.perf_counter()
    ix = SuggestIndex.build(mined)
    t_build = time.perf_counter() - t1
    n_chars = sum(len(u[0]) for u in ix.units)
    res["build"] = {"documents": len(mined), "plan_sentences": len(ix.units), "pairs": len(ix.pairs),
                    "vocabulary": int(ix.idf.size), "mine_s": round(t_mine, 2), "tfidf_s": round(t_build, 2),
                    "ms_per_document": round(1000 * (t_mine + t_build) / max(1, len(mined)), 1),
                    "unit_chars": n_chars}
    with tempfile.TemporaryDirectory() as tmp:
        t2 = time.perf_counter()
        ix.save(tmp)
        t_save = time.perf_counter() - t2
        size = sum(f.stat().st_size for f in Path(tmp).iterdir())
        t3 = time.perf_counter()
        ix = SuggestIndex.load(tmp)
        t_load = time.perf_counter() - t3
    res["build"].update({"save_s": round(t_save, 2), "bytes": size, "load_s": round(t_load, 3)})
    t4 = time.perf_counter()
    dix = default_index()
    res["default_index_load_s"] = round(time.perf_counter() - t4, 3)

    problems = [p for m in mined for p in m.problem_texts]
    extra = []
    seed = CORPORA_DIR / "seed.txt"
    if seed.exists():
        extra += [p.text for p in problem_statements(zongjie.structure(seed.read_text("utf-8")))]
    step = max(1, len(problems) // max(1, args.problems - len(extra)))
    sample = (extra + problems[::step])[: args.problems]
    for name, index in (("all_shared_corpora", ix), ("default", dix)):
        if index is None:
            continue
        for p in sample[:5]:  # warm-up
            merge(candidates_for(p, index), top=3, problem=p)
        times = []
        for p in sample:
            t = time.perf_counter()
            merge(candidates_for(p, index), top=3, problem=p)
            times.append(1000 * (time.perf_counter() - t))
        res[f"latency_ms_{name}"] = {"problems": len(times), "mean": round(statistics.mean(times), 2),
                                     "p50": round(pct(times, 0.5), 2), "p95": round(pct(times, 0.95), 2),
                                     "max": round(max(times), 2)}
    if seed.exists():
        text = seed.read_text("utf-8")
        t5 = time.perf_counter()
        out = suggest(zongjie.structure(text), top=3)
        res["seed_end_to_end_ms"] = round(1000 * (time.perf_counter() - t5), 1)
        res["seed_problems"] = len(out)
    print(json.dumps(res, ensure_ascii=False, indent=1))
    if args.json:
        Path(args.json).write_text(json.dumps(res, ensure_ascii=False, indent=1), "utf-8")


if __name__ == "__main__":
    main()
