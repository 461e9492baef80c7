"""Archive-level tables computed from the compacted per-document tables: ``themes``,
``followthrough`` and ``copies`` (written next to them as Parquet)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pyarrow.parquet as pq

from pipeline.batch.schema import to_table


def _write(out: Path, name: str, rows: list[dict]) -> None:
    tmp = out / f".{name}.parquet.tmp"
    pq.write_table(to_table(name, rows), tmp, compression="zstd")
    os.replace(tmp, out / f"{name}.parquet")


def build(out: Path, timings: dict[str, float] | None = None) -> None:
    from pipeline.batch.copies import near_copies
    from pipeline.batch.followthrough import match_items, pairs, sentences
    from pipeline.batch.themes import cluster_problems

    out = Path(out)
    timings = {} if timings is None else timings
    t0 = time.perf_counter()
    probs = pq.read_table(out / "problems.parquet", columns=["doc_id", "text"])
    themes = cluster_problems(list(zip(probs.column("doc_id").to_pylist(), probs.column("text").to_pylist())))
    del probs
    _write(out, "themes", themes)
    t1 = time.perf_counter()

    docs = pq.read_table(out / "documents.parquet",
                         columns=["doc_id", "org", "year", "summary_year", "plan_year"]).to_pylist()
    rows: list[dict] = []
    for org, pdoc, rdoc, year in pairs(docs):
        plans = pq.read_table(out / "plans.parquet", columns=["plan_id", "text"],
                              filters=[("doc_id", "=", pdoc)]).to_pylist()
        paras = pq.read_table(out / "achievements.parquet", columns=["text"],
                              filters=[("doc_id", "=", rdoc)]).column("text").to_pylist()
        for r in match_items([(p["plan_id"], p["text"]) for p in plans], sentences(paras)):
            rows.append({"org": org, "plan_doc_id": pdoc, "plan_year": year, "result_doc_id": rdoc, **r})
    _write(out, "followthrough", rows)
    t2 = time.perf_counter()

    years = {d["doc_id"]: d["year"] for d in docs}
    mh = pq.read_table(out / "minhash.parquet", columns=["doc_id", "signature"])
    sig_rows = [(d, years.get(d), s) for d, s in zip(mh.column("doc_id").to_pylist(),
                                                     mh.column("signature").to_pylist())]
    del mh
    _write(out, "copies", near_copies(sig_rows))
    t3 = time.perf_counter()
    timings.update({"themes": t1 - t0, "followthrough": t2 - t1, "copies": t3 - t2})
