"""``zongjie.duckdb``: every Parquet table of the output directory as a DuckDB table."""

from __future__ import annotations

import os
from pathlib import Path

from pipeline.batch.schema import ALL_TABLES


def build(out: Path) -> Path:
    import duckdb

    out = Path(out)
    final = out / "zongjie.duckdb"
    tmp = out / ".zongjie.duckdb.tmp"
    for p in (tmp, Path(str(tmp) + ".wal")):
        p.unlink(missing_ok=True)
    con = duckdb.connect(str(tmp))
    try:
        con.execute("SET threads TO 2")
        con.execute("SET memory_limit = '256MB'")  # spills to disk beyond: flat memory on big archives
        for name in ALL_TABLES:
            path = out / f"{name}.parquet"
            if path.exists():
                con.execute(f'CREATE TABLE "{name}" AS SELECT * FROM read_parquet(?)', [str(path)])
        con.execute("CHECKPOINT")
    finally:
        con.close()
    os.replace(tmp, final)
    return final
