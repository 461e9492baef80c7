"""The output phase of `zongjie batch` (themes, follow-through, near-copies, ``zongjie.duckdb``)
on one finished output directory, with two versions of the code, alternating, each run in a fresh
process: the wall time of the phase and its steps.  Machines here change speed from one quarter of
an hour to the next, so only runs side by side compare code.

    .venv/bin/python bench/bench_outputs_ab.py --out /tmp/zjb10k/out-10000-w2 \
        --base /tmp/site-base --reps 3 --json-out bench/results/bench_outputs_ab.json

``--base``/``--new``: a directory holding a ``zongjie`` package (``pip install --target``), put
first on ``PYTHONPATH``; ``--new`` defaults to the installed package.  Each run gets a fresh copy
of the per-document tables (symbolic links) without the follow-through cache, so every report pair
is matched and the database rebuilt, as in a first run.

``--parts``: the compaction is timed too, as after a first run's analysis.  Each version writes
the same rows as the parts of a first run (64 documents each, with its own ``store.write_part``;
not timed), then compacts them and builds the outputs with ``report.html``: what
``bench_batch.py`` calls the output phase.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DOC_TABLES = ("documents", "sections", "claims", "placeholders", "findings", "problems", "plans", "errors",
              "achievements", "minhash")


def write_parts(src: Path, out: Path, per_part: int = 64) -> int:
    """The rows of the compacted tables in ``src`` as the parts of a first run (``per_part``
    documents each, in the documents' order), written by this version's ``store.write_part``."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq
    from zongjie.batch import store

    ids = pq.read_table(src / "documents.parquet", columns=["doc_id"]).column("doc_id").to_pylist()
    group = {d: i // per_part for i, d in enumerate(ids)}
    n = -(-len(ids) // per_part)
    tables = {name: pq.read_table(src / f"{name}.parquet") for name in DOC_TABLES if (src / f"{name}.parquet").exists()}
    keys = {name: pa.array([group.get(d, n - 1) for d in t.column("doc_id").to_pylist()], pa.int32())
            for name, t in tables.items()}
    for k in range(n):
        store.write_part(out, f"{1:020d}-{k:06d}",
                         tables={name: t.filter(pc.equal(keys[name], k)) for name, t in tables.items()})
    return n


def child(out: str, src: str | None = None) -> None:
    import zongjie
    from zongjie.batch import store
    from zongjie.batch.run import build_outputs

    timings: dict[str, float] = {}
    extra = {}
    if src is not None:
        extra["parts"] = write_parts(Path(src), Path(out))
    t = time.perf_counter()
    # as `run_batch` does: a version that removes the merged parts while it builds the outputs
    # (`store.removing`) keeps them through the compaction
    removing = getattr(store, "removing", None)
    parts = store.list_parts(Path(out))
    if src is not None:
        store.compact(Path(out), **({"keep_parts": True} if removing else {}))
        timings["compact"] = time.perf_counter() - t
    with removing(parts) if removing else contextlib.nullcontext():
        build_outputs(Path(out), report=src is not None, timings=timings, workers=2)
    where = Path(zongjie.__file__).resolve()
    root = Path(__file__).resolve().parents[1]
    # the package's place (relative to the checkout for its own tree: results name no machine path)
    print(json.dumps({"zongjie": str(where.relative_to(root)) if where.is_relative_to(root) else str(where),
                      "wall": round(time.perf_counter() - t, 2),
                      **{k: round(v, 2) for k, v in timings.items()}, **extra,
                      "db_mb": round((Path(out) / "zongjie.duckdb").stat().st_size / 2**20, 1)}))


def one(src: Path, work: Path, site: str | None, parts: bool = False) -> dict:
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    if not parts:
        for name in DOC_TABLES:
            p = src / f"{name}.parquet"
            if p.exists():
                os.symlink(p.resolve(), work / p.name)
    env = dict(os.environ, PYTHONHASHSEED="0")
    if site:
        env["PYTHONPATH"] = site
    p = subprocess.run([sys.executable, __file__, "--child", str(work)] + ([str(src)] if parts else []),
                       capture_output=True, text=True, env=env, cwd=tempfile.gettempdir())
    if p.returncode:
        raise SystemExit(p.stderr)
    r = json.loads(p.stdout.strip().splitlines()[-1])
    r["load"] = round(os.getloadavg()[0], 2)
    return r


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None)
        return
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True, help="a finished `zongjie batch` output directory")
    ap.add_argument("--base", required=True, help="site directory of the version to compare with")
    ap.add_argument("--new", default=None, help="site directory of the new version (default: installed)")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--parts", action="store_true", help="time the compaction of a first run's parts too")
    ap.add_argument("--json-out", default=None)
    a = ap.parse_args()
    runs: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="zongjie-outputs-") as d:
        for rep in range(a.reps):
            order = (("base", a.base), ("new", a.new)) if rep % 2 == 0 else (("new", a.new), ("base", a.base))
            for code, site in order:
                r = one(Path(a.out), Path(d) / code, site, a.parts)
                r["code"] = code
                runs.append(r)
                print(json.dumps(r, ensure_ascii=False), flush=True)
    walls = {c: [r["wall"] for r in runs if r["code"] == c] for c in ("base", "new")}
    res = {"out": a.out, "base": a.base, "new": a.new, "parts": a.parts, "runs": runs, "wall": walls,
           "ratio": [round(n / b, 2) for b, n in zip(walls["base"], walls["new"])]}
    print(json.dumps({"wall": walls, "ratio": res["ratio"]}))
    if a.json_out:
        Path(a.json_out).write_text(json.dumps(res, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
