"""Suggestion latency of two versions side by side (issue 13): the machine's speed varies by a third
between runs, so a version is only compared with another measured in the same minutes.

Each version is installed apart (``pip install --no-deps --no-build-isolation --target SITE CHECKOUT``)
and run in its own interpreter with ``PYTHONPATH=SITE``, alternately:

* **warm** — ``suggest()`` over every public report with problems (titled, leave-one-out, the
  default index loaded once, jieba and the tables loaded by a first report that is not measured):
  CPU milliseconds per answered problem, all reports' time over all their problems, in a first
  pass (each report met once: what the number stands for) and in a second (the caches full, as
  when the editor asks again about a document it has seen);
* **cold** — ``python -m zongjie suggest corpora/seed.txt --json``, wall seconds.

    .venv/bin/python bench/bench_suggest_ab.py --base /tmp/base-site --new /tmp/new-site --out R.json
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def warm() -> dict[str, object]:
    """Run in the version's interpreter: the warm pass over the public reports."""
    sys.path.insert(0, str(ROOT / "bench"))
    import zongjie
    from judge_suggest import load_reports
    from zongjie.suggest import suggest
    from zongjie.suggest.measures import default_index

    ix = default_index()
    docs = [(r.id, zongjie.structure(r.text)) for r in load_reports()]
    # jieba, the tables and the models loaded by the first report with problems, not measured
    first = next(k for k, (rid, d) in enumerate(docs) if suggest(d, top=3, index=ix, exclude_docs=[rid]))
    passes, n = [], 0
    for _ in range(2):  # the first pass meets every report once; the second finds the caches full
        n, spent = 0, 0.0
        for rid, _doc in docs[first + 1:]:
            d = zongjie.structure(_doc.text)  # a fresh document: nothing cached on it
            t0 = time.process_time()
            n += len(suggest(d, top=3, index=ix, exclude_docs=[rid]))
            spent += time.process_time() - t0
        passes.append(round(1000 * spent / max(1, n), 2))
    return {"zongjie": zongjie.__file__, "problems": n, "ms_per_problem": passes[0], "ms_per_problem_again": passes[1]}


def _run(site: str, args: list[str]) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=site)
    return subprocess.run([sys.executable, *args], env=env, capture_output=True, text=True, check=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--base", help="site directory of the version to compare with")
    ap.add_argument("--new", help="site directory of this version")
    ap.add_argument("--warm-reps", type=int, default=3)
    ap.add_argument("--cold-reps", type=int, default=5)
    ap.add_argument("--out")
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.worker:
        print(json.dumps(warm()))
        return 0
    if not a.base or not a.new:
        ap.error("--base and --new are required")
    sites = {"base": a.base, "new": a.new}
    res: dict[str, dict[str, list]] = {k: {"warm": [], "cold": []} for k in sites}
    for _ in range(a.warm_reps):
        for k, site in sites.items():
            res[k]["warm"].append(json.loads(_run(site, [__file__, "--worker"]).stdout))
    for _ in range(a.cold_reps):
        for k, site in sites.items():
            t0 = time.perf_counter()
            _run(site, ["-m", "zongjie", "suggest", str(ROOT / "corpora" / "seed.txt"), "--json"])
            res[k]["cold"].append(round(time.perf_counter() - t0, 3))
    out = {k: {"problems": v["warm"][0]["problems"], "warm_ms_per_problem": [w["ms_per_problem"] for w in v["warm"]],
               "warm_ms_per_problem_again": [w["ms_per_problem_again"] for w in v["warm"]],
               "cold_s": v["cold"], "cold_median_s": statistics.median(v["cold"]) if v["cold"] else None}
           for k, v in res.items()}
    print(json.dumps(out, ensure_ascii=False, indent=1))
    if a.out:
        Path(a.out).write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
