"""``zongjie.duckdb``: every Parquet table of the output directory as a DuckDB table."""

from __future__ import annotations

import os
from pathlib import Path

from zongjie.batch.schema import ALL_TABLES

MEMORY_LIMIT = "128MB"  # DuckDB spills beyond this (to OUT/.spill/)


def build(out: Path) -> Path:
    """Copy the tables one at a time, reopening the database for each: DuckDB keeps the blocks
    it wrote cached up to its memory limit, and closing it frees them, so the peak is one
    table's load (at most about the memory limit), not the whole database."""
    import shutil

    import duckdb
    from zongjie.batch.store import SPILL

    out = Path(out)
    spill = str(out / SPILL).replace("'", "''")
    final = out / "zongjie.duckdb"
    tmp = out / ".zongjie.duckdb.tmp"
    for p in (tmp, Path(str(tmp) + ".wal")):
        p.unlink(missing_ok=True)
    for name in ALL_TABLES:
        path = out / f"{name}.parquet"
        if not path.exists():
            continue
        con = duckdb.connect(str(tmp))
        try:
            con.execute("SET threads TO 2")
            con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
            con.execute("SET enable_progress_bar = false")
            con.execute(f"SET temp_directory = '{spill}'")
            con.execute(f'CREATE TABLE "{name}" AS SELECT * FROM read_parquet(?)', [str(path)])
            con.execute("CHECKPOINT")
        finally:
            con.close()
    if not tmp.exists():  # no table at all: still an (empty) database
        duckdb.connect(str(tmp)).close()
    shutil.rmtree(out / SPILL, ignore_errors=True)
    os.replace(tmp, final)
    return final
