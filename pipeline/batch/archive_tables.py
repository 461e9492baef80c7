"""Archive-level tables computed from the compacted per-document tables: ``themes``,
``followthrough`` and ``copies`` (written next to them as Parquet).

Memory stays flat as the archive grows: the per-document tables are read as streams of record
batches (themes, copies) or through DuckDB queries that sort out of core under a memory limit
(follow-through), and the results are written batch by batch."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from zongjie.batch.schema import ALL_TABLES, to_table
from zongjie.batch.store import SPILL

BATCH_ROWS = 4096  # rows per read batch and per written row group (Python objects: keep them few)
DUCKDB_MEMORY = "192MB"  # DuckDB spills to OUT/.spill/ beyond this


class _Writer:
    """A table written batch by batch into a hidden file, renamed into place on close."""

    def __init__(self, out: Path, name: str) -> None:
        self.name, self.final = name, out / f"{name}.parquet"
        self.tmp = out / f".{name}.parquet.tmp"
        self.w = pq.ParquetWriter(self.tmp, ALL_TABLES[name], compression="zstd")
        self.buf: list[dict] = []
        self.rows = 0

    def add(self, rows: Iterable[dict]) -> None:
        for row in rows:
            self.buf.append(row)
            if len(self.buf) >= BATCH_ROWS:
                self.flush()

    def flush(self) -> None:
        if self.buf:
            self.w.write_table(to_table(self.name, self.buf))
            self.rows += len(self.buf)
            self.buf = []

    def close(self) -> None:
        self.flush()
        if not self.rows:
            self.w.write_table(ALL_TABLES[self.name].empty_table())
        self.w.close()
        os.replace(self.tmp, self.final)


def _write(out: Path, name: str, rows: Iterable[dict]) -> None:
    w = _Writer(out, name)
    w.add(rows)
    w.close()


def _column_rows(path: Path, columns: list[str], batch_rows: int = BATCH_ROWS) -> Iterator[list[tuple]]:
    pf = pq.ParquetFile(path, pre_buffer=False)
    for b in pf.iter_batches(batch_size=batch_rows, columns=columns, use_threads=False):
        yield list(zip(*(b.column(c).to_pylist() for c in columns)))


def duckdb_connect(out: Path, memory: str = DUCKDB_MEMORY):
    """An in-memory DuckDB connection that spills to ``OUT/.spill`` beyond ``memory``."""
    import duckdb

    con = duckdb.connect()
    con.execute("SET threads TO 2")
    con.execute(f"SET memory_limit = '{memory}'")
    con.execute("SET preserve_insertion_order = false")
    con.execute("SET enable_progress_bar = false")
    con.execute(f"SET temp_directory = '{_sql_str(Path(out) / SPILL)}'")
    return con


def _sql_str(p: Path | str) -> str:
    return str(p).replace("'", "''")


def release_memory() -> None:
    """Give memory back between the output steps, so that one step's leftovers do not add to the
    next step's peak: the matcher's caches (rebuilt on demand), garbage, Arrow's and glibc's
    free lists."""
    import gc
    import sys

    matcher = sys.modules.get("zongjie.matcher")
    for v in list(vars(matcher).values()) if matcher else []:
        if callable(getattr(v, "cache_clear", None)):
            v.cache_clear()
    gc.collect()
    try:
        import pyarrow as pa

        pa.default_memory_pool().release_unused()
    except Exception:  # pragma: no cover - an old pyarrow
        pass
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass


def build(out: Path, timings: dict[str, float] | None = None, workers: int = 1) -> None:
    """themes, followthrough (its report pairs on ``workers`` processes) and copies."""
    out = Path(out)
    timings = {} if timings is None else timings
    steps = (("themes", build_themes), ("followthrough", lambda o: build_followthrough(o, workers)),
             ("copies", build_copies))
    for name, step in steps:
        t0 = time.perf_counter()
        step(out)
        release_memory()
        timings[name] = time.perf_counter() - t0


def build_themes(out: Path) -> None:
    from zongjie.batch.themes import cluster_problem_batches

    path = Path(out) / "problems.parquet"
    _write(out, "themes", cluster_problem_batches(lambda: _column_rows(path, ["doc_id", "text"])))


# the pairs of zongjie.batch.followthrough.pairs, in SQL: one representative report (smallest
# doc_id) per organisation and year on each side, the plan side's plan_year = the result side's
# summary_year, ordered by (org, year)
PAIRS_SQL = """
WITH d AS (SELECT doc_id, org, plan_year, summary_year FROM read_parquet('{docs}')
           WHERE org IS NOT NULL AND org <> ''),
p AS (SELECT org, plan_year::INTEGER AS y, min(doc_id) AS pdoc FROM d WHERE plan_year IS NOT NULL GROUP BY 1, 2),
r AS (SELECT org, summary_year::INTEGER AS y, min(doc_id) AS rdoc FROM d WHERE summary_year IS NOT NULL GROUP BY 1, 2)
SELECT (row_number() OVER (ORDER BY p.org, p.y))::BIGINT - 1 AS k, p.org, p.pdoc, r.rdoc, p.y
FROM p JOIN r ON r.org = p.org AND r.y = p.y WHERE r.rdoc <> p.pdoc
"""


FT_CACHE = ".followthrough-pairs.json"  # the pairs followthrough.parquet holds, with both reports' hashes


def _ft_cached(out: Path) -> dict[tuple[str, str], list]:
    """(plan_doc_id, result_doc_id) → [plan sha256, result sha256, org, year] of every pair whose
    rows ``followthrough.parquet`` holds (empty when there is no such table, or it was made by
    another version)."""
    import json

    import zongjie

    try:
        data = json.loads((out / FT_CACHE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if data.get("version") != zongjie.__version__ or not (out / "followthrough.parquet").exists():
        return {}
    return {(p[0], p[1]): p[2:] for p in data.get("pairs", [])}


def build_followthrough(out: Path, workers: int = 1) -> None:
    """Plan items of every pair against the achievements sentences of its later report.

    Two DuckDB queries stream the plan items and the achievements paragraphs of the paired
    reports, both ordered by pair; they are merged here pair by pair.  A pair whose two reports
    are unchanged since the last build (same ids, hashes, org and year: ``FT_CACHE``) keeps its
    rows from the previous table instead: an extended archive matches only its new pairs."""
    import json

    import zongjie
    from zongjie.batch.followthrough import match_pair, parallel_map

    out = Path(out)
    cached = _ft_cached(out)
    (out / FT_CACHE).unlink(missing_ok=True)  # rewritten once the new table is in place
    old = out / "followthrough.parquet"  # read while the new one is written beside it
    con = duckdb_connect(out)
    w = _Writer(out, "followthrough")
    try:
        docs = _sql_str(out / "documents.parquet")
        con.execute("CREATE TABLE pairs AS " + PAIRS_SQL.format(docs=docs))
        pairs = con.sql(f"""SELECT pr.k, pr.pdoc, pr.rdoc, dp.sha256, dr.sha256, pr.org, pr.y FROM pairs pr
                            JOIN read_parquet('{docs}') dp ON dp.doc_id = pr.pdoc
                            JOIN read_parquet('{docs}') dr ON dr.doc_id = pr.rdoc ORDER BY pr.k""").fetchall()
        reused = [k for k, pdoc, rdoc, *key in pairs if cached.get((pdoc, rdoc)) == key]
        con.register("reused_ks", pa.table({"k": pa.array(reused, type=pa.int64())}))
        con.execute("CREATE TABLE reused AS SELECT k FROM reused_ks")
        con.unregister("reused_ks")
        plans = con.sql(f"""SELECT pr.k, pr.org, pr.pdoc, pr.rdoc, pr.y, pl.plan_id, pl.text
                            FROM pairs pr JOIN read_parquet('{_sql_str(out / 'plans.parquet')}') pl
                            ON pl.doc_id = pr.pdoc WHERE pr.k NOT IN (SELECT k FROM reused)
                            ORDER BY pr.k, pl.plan_id""").to_arrow_reader(BATCH_ROWS)
        cur = con.cursor()
        achs = cur.sql(f"""SELECT pr.k, a.text FROM pairs pr
                           JOIN read_parquet('{_sql_str(out / 'achievements.parquet')}') a
                           ON a.doc_id = pr.rdoc WHERE pr.k NOT IN (SELECT k FROM reused)
                           ORDER BY pr.k, a.para_id""").to_arrow_reader(BATCH_ROWS)
        paras = _grouped(achs, ["k", "text"])
        cols = list(ALL_TABLES["followthrough"].names)
        kept: Iterator[tuple[int, list[tuple]]] = iter(())
        if reused:
            cur2 = con.cursor()
            kept = _grouped(cur2.sql(f"""SELECT pr.k, f.* FROM pairs pr JOIN reused USING (k)
                                         JOIN read_parquet('{_sql_str(old)}') f
                                         ON f.plan_doc_id = pr.pdoc AND f.result_doc_id = pr.rdoc
                                         ORDER BY pr.k, f.plan_id""").to_arrow_reader(BATCH_ROWS), ["k", *cols])

        def jobs() -> Iterator[tuple[list[tuple[int, str]], list[str]]]:
            pk, ptexts = next(paras, (None, []))
            for k, rows in _grouped(plans, ["k", "org", "pdoc", "rdoc", "y", "plan_id", "text"]):
                while pk is not None and pk < k:
                    pk, ptexts = next(paras, (None, []))
                heads.append((k, *rows[0][1:5]))
                yield [(r[5], r[6]) for r in rows], [t for _, t in ptexts] if pk == k else []

        heads: list[tuple] = []  # (k, org, pdoc, rdoc, year) of the jobs, in order

        def computed() -> Iterator[tuple[int, list[dict]]]:
            # pairs are independent: matched on `workers` processes, the rows come back in order
            for n, matched in enumerate(parallel_map(match_pair, jobs(), workers)):
                k, org, pdoc, rdoc, year = heads[n]
                yield k, [{"org": org, "plan_doc_id": pdoc, "plan_year": year, "result_doc_id": rdoc, **r}
                          for r in matched]

        def copied() -> Iterator[tuple[int, list[dict]]]:
            for k, rows in kept:
                yield k, [dict(zip(cols, r[1:])) for r in rows]

        import heapq

        for _k, rows in heapq.merge(computed(), copied(), key=lambda kr: kr[0]):  # in pair order
            w.add(rows)
        w.close()
        cur.close()
    finally:
        con.close()
        w.tmp.unlink(missing_ok=True)
        shutil.rmtree(out / SPILL, ignore_errors=True)
    tmp = out / f"{FT_CACHE}.tmp"
    tmp.write_text(json.dumps({"version": zongjie.__version__, "pairs": [[p[1], p[2], *p[3:]] for p in pairs]},
                              ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, out / FT_CACHE)


def _grouped(reader, columns: list[str]) -> Iterator[tuple[int, list[tuple]]]:
    """(k, rows) for each run of rows with the same first column ``k`` (the reader is sorted by k)."""
    cur_k: Any = None  # a value of the first column
    cur: list[tuple] = []
    for b in reader:
        for row in zip(*(b.column(c).to_pylist() for c in columns)):
            if row[0] != cur_k:
                if cur:
                    yield cur_k, cur
                cur_k, cur = row[0], []
            cur.append(row)
    if cur:
        yield cur_k, cur


def build_copies(out: Path) -> None:
    from zongjie.batch.copies import near_copies_file

    _write(out, "copies", near_copies_file(Path(out)))
