"""Loading ``zongjie.duckdb`` from a finished batch output: DuckDB's automatic compression for
every column against this version's (zstd for the free-text columns, ``database.ZSTD_COLUMNS``),
side by side and alternating: CPU seconds of the load (one DuckDB thread, as the batch's
database thread), size of the file, and the wall time of a few typical queries.

    .venv/bin/python bench/bench_duckdb_load.py --out /tmp/zjb10k/out-10000-w2 --reps 2 \
        --json-out bench/results/bench_duckdb_load.json
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import tempfile
import time
from pathlib import Path

QUERIES = {
    "plan items per document (top 5)": "SELECT doc_id, count(*) FROM plans GROUP BY 1 ORDER BY 2 DESC LIMIT 5",
    "plan items naming 乡村振兴": "SELECT count(*) FROM plans WHERE text LIKE '%乡村振兴%'",
    "plan items per year (join)": "SELECT d.year, count(*) FROM plans p JOIN documents d USING (doc_id) GROUP BY 1",
    "one document's plan items": "SELECT * FROM plans WHERE doc_id = (SELECT min(doc_id) FROM plans)",
    "achievements naming 增长": "SELECT count(*) FROM achievements WHERE text LIKE '%增长%'",
}


def load(src: Path, work: Path, zstd: bool) -> dict:
    import duckdb
    from zongjie.batch import database

    out = work / ("zstd" if zstd else "auto")
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    for p in src.glob("*.parquet"):
        os.symlink(p.resolve(), out / p.name)
    saved = database.ZSTD_COLUMNS
    database.ZSTD_COLUMNS = saved if zstd else {}
    try:
        t, w = time.process_time(), time.perf_counter()
        path = database._rebuild(out, threads=1)
        cpu, wall = time.process_time() - t, time.perf_counter() - w
    finally:
        database.ZSTD_COLUMNS = saved
    assert path is not None
    con = duckdb.connect(str(path), read_only=True)
    con.execute("SET threads TO 2")
    q = {}
    for name, sql in QUERIES.items():
        t0 = time.perf_counter()
        con.execute(sql).fetchall()
        q[name] = round(time.perf_counter() - t0, 3)
    kinds = con.execute("SELECT DISTINCT compression FROM pragma_storage_info('plans') "
                        "WHERE column_name = 'text' AND segment_type = 'VARCHAR'").fetchall()
    con.close()
    return {"cpu_s": round(cpu, 2), "wall_s": round(wall, 2), "mb": round(path.stat().st_size / 2**20, 1),
            "plans_text": sorted(k[0] for k in kinds), "queries_s": q}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True, help="a finished `zongjie batch` output directory")
    ap.add_argument("--reps", type=int, default=2)
    ap.add_argument("--json-out", default=None)
    a = ap.parse_args()
    runs: dict[str, list[dict]] = {"auto": [], "zstd": []}
    with tempfile.TemporaryDirectory(prefix="zongjie-duckdb-") as d:
        for _ in range(a.reps):
            for zstd in (False, True):
                r = load(Path(a.out), Path(d), zstd)
                runs["zstd" if zstd else "auto"].append(r)
                print(("zstd" if zstd else "auto"), json.dumps(r, ensure_ascii=False), flush=True)
    res = {"out": a.out, "loadavg": os.getloadavg(), "runs": runs,
           "cpu_ratio": [round(z["cpu_s"] / b["cpu_s"], 2) for b, z in zip(runs["auto"], runs["zstd"])],
           "size_ratio": round(runs["zstd"][0]["mb"] / runs["auto"][0]["mb"], 2)}
    print(json.dumps({k: res[k] for k in ("cpu_ratio", "size_ratio")}))
    if a.json_out:
        Path(a.json_out).write_text(json.dumps(res, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
