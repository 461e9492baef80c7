"""Profile of the per-document work of a `zongjie batch` worker, stage by stage.

Runs one worker's chunk loop in this process over ``--docs`` documents of the benchmark archive
(corpora/public replicated as in bench_batch.py, after ``--warmup`` documents that fill the
caches and compile the patterns) and reports the CPU time per document of each stage:

* transfer: pickling a chunk's items in the main process and unpickling them in the worker;
* structure / extract / align / check: the pipeline components (`align` includes mining the
  problem statements and plan items, shown again on the next line);
* mining: `matcher.problem_statements` + `matcher.plan_items` once more (what the `problems` and
  `plans` rows cost when they extract the statements again instead of reusing the alignment's);
* minhash: `copies.signature`;
* rows: `tables.document_rows` without its MinHash;
* arrow: a chunk's rows → Arrow tables;
* part: writing a chunk's part (10 Parquet files); ipc: Arrow IPC bytes (the Dask path).

The same script runs on older versions of the package (``PYTHONPATH`` pointing at another
install): it only calls functions that exist in both.

    .venv/bin/python bench/profile_batch.py --docs 500                   # table (markdown) + JSON
    .venv/bin/python bench/profile_batch.py --docs 500 --cprofile 30     # + the top 30 functions
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from multiprocessing.reduction import ForkingPickler
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

STAGES = ("transfer", "structure", "extract", "align", "check", "mining", "minhash", "rows", "arrow",
          "part", "ipc")


def load_items(n: int, tmp: Path) -> list[dict]:
    from bench_batch import make_archive
    from zongjie.batch.run import iter_items
    from zongjie.batch.tables import sha256_text

    items = []
    for it in iter_items(make_archive(n, tmp / "in")):
        it["sha256"] = sha256_text(it["text"])
        items.append(it)
    return items


def to_tables(rows: dict[str, list]) -> dict:
    """A chunk's rows → Arrow tables, with whichever builder this version has."""
    from zongjie.batch import schema

    if hasattr(schema, "tuples_to_table"):
        return {name: schema.tuples_to_table(name, rows.get(name, [])) for name in schema.DOC_TABLES}
    from zongjie.batch.store import rows_to_tables

    return rows_to_tables(rows)


def profile(items: list[dict], chunk: int, out: Path) -> dict[str, float]:
    """CPU seconds per stage over ``items`` (processed in chunks of ``chunk``)."""
    from zongjie import matcher
    from zongjie.batch.copies import signature
    from zongjie.batch.store import table_to_ipc, write_part
    from zongjie.batch.tables import document_rows
    from zongjie.runner import pipeline

    clock = time.process_time
    tot = dict.fromkeys(STAGES, 0.0)
    pipe = pipeline(("structure", "extract", "align", "check"))
    for c in range(0, len(items), chunk):
        part = items[c:c + chunk]
        t = clock()
        # the pool's transfer of a chunk: the worker's copy is rebuilt from the pickle the
        # executor's queue carries (our own dict, never a user's file)
        part = ForkingPickler.loads(ForkingPickler.dumps({"part": f"p{c:06d}", "items": part}))["items"]
        tot["transfer"] += clock() - t
        rows: dict[str, list] = {}
        for it in part:
            timings: dict[str, float] = {}
            t = clock()
            doc = pipe(it["text"], file=it.get("path"), markdown=it.get("markdown"), timings=timings)
            wall = sum(timings.values()) or 1.0
            cpu = clock() - t
            for k, v in timings.items():  # the components' wall shares of the pipeline's CPU
                tot[k] += cpu * v / wall
            t = clock()
            matcher.problem_statements(doc)
            matcher.plan_items(doc)
            tot["mining"] += clock() - t
            t = clock()
            signature(doc.text)
            tot["minhash"] += clock() - t
            t = clock()
            for name, rs in document_rows(doc, it).items():
                rows.setdefault(name, []).extend(rs)
            tot["rows"] += clock() - t
        t = clock()
        tables = to_tables(rows)
        tot["arrow"] += clock() - t
        t = clock()
        write_part(out, f"p{c:06d}", tables=tables)
        tot["part"] += clock() - t
        t = clock()
        for tb in tables.values():
            table_to_ipc(tb)
        tot["ipc"] += clock() - t
    tot["rows"] -= tot["minhash"]  # document_rows computes the signature itself
    return tot


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=500, help="documents profiled")
    ap.add_argument("--warmup", type=int, default=100, help="documents run first (caches, patterns)")
    ap.add_argument("--chunk", type=int, default=64, help="documents per chunk (part)")
    ap.add_argument("--cprofile", type=int, default=0, help="also print the top N functions (cProfile)")
    ap.add_argument("--json-out", default=None)
    a = ap.parse_args()
    os.environ.setdefault("PYTHONHASHSEED", "0")
    import zongjie

    with tempfile.TemporaryDirectory(prefix="zongjie-profile-") as d:
        tmp = Path(d)
        items = load_items(a.warmup + a.docs, tmp)
        profile(items[:a.warmup], a.chunk, tmp / "warm")
        run = items[a.warmup:]
        if a.cprofile:
            import cProfile
            import pstats

            pr = cProfile.Profile()
            pr.enable()
            profile(run, a.chunk, tmp / "cprofile")
            pr.disable()
            pstats.Stats(pr, stream=sys.stderr).sort_stats("tottime").print_stats(a.cprofile)
        t = time.process_time()
        tot = profile(run, a.chunk, tmp / "out")
        total = time.process_time() - t
    n = len(run)
    ms = {k: round(v * 1000 / n, 2) for k, v in tot.items()}
    # `mining` is measured on its own; a worker pays for it inside `align` (and, before 0.3, again in rows)
    res = {"zongjie": zongjie.__file__, "version": zongjie.__version__, "docs": n, "chunk": a.chunk,
           "ms_per_doc": ms, "total_ms_per_doc": round((total - tot["mining"] - tot["ipc"]) * 1000 / n, 2),
           "loadavg": os.getloadavg()}
    print("| stage | ms per document |\n|---|---|")
    for k in STAGES:
        print(f"| {k} | {ms[k]:.2f} |")
    print(f"| **worker total** (local engine: all but mining and ipc) | **{res['total_ms_per_doc']:.2f}** |")
    print(json.dumps(res, ensure_ascii=False))
    if a.json_out:
        Path(a.json_out).write_text(json.dumps(res, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
