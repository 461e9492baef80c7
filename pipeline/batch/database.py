"""``zongjie.duckdb``: every Parquet table of the output directory as a DuckDB table."""

from __future__ import annotations

import os
from collections.abc import Callable, Collection
from pathlib import Path

from zongjie.batch.schema import ALL_TABLES, ARCHIVE_TABLES, DOC_TABLES

MEMORY_LIMIT = "128MB"  # DuckDB spills beyond this (to OUT/.spill/, OUT/.spill-db/ beside the archive tables)


def _connect(path: Path, out: Path, threads: int = 2, spill: str | None = None):
    import duckdb
    from zongjie.batch.store import SPILL

    con = duckdb.connect(str(path))
    con.execute(f"SET threads TO {int(threads)}")
    con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
    con.execute("SET enable_progress_bar = false")
    con.execute(f"SET temp_directory = '{_sql_str(out / (spill or SPILL))}'")
    return con


def _sql_str(p: Path | str) -> str:
    return str(p).replace("'", "''")


# Free-text columns stored with zstd instead of DuckDB's automatic choice (dictionary + FSST):
# on 10,000 reports the automatic choice spent two thirds of loading `plans` (3.1 M items) trying
# it; zstd loads the database in 0.69-0.75x the CPU and 0.66x the disk, and only a scan of the
# text (`LIKE`) reads it 1.2-1.8x slower (bench/bench_duckdb_load.py).
ZSTD_COLUMNS = {"plans": ("text",), "achievements": ("text",)}


def _create_table(con, name: str, path: Path) -> None:
    """``CREATE TABLE name AS SELECT * FROM read_parquet(path)``, with the compression of
    :data:`ZSTD_COLUMNS` declared on the columns it names (kept by later inserts)."""
    zstd = ZSTD_COLUMNS.get(name)
    if not zstd:
        con.execute(f'CREATE TABLE "{name}" AS SELECT * FROM read_parquet(?)', [str(path)])
        return
    cols = con.execute("DESCRIBE SELECT * FROM read_parquet(?)", [str(path)]).fetchall()
    ddl = ", ".join(f'"{c[0]}" {c[1]}' + (" USING COMPRESSION zstd" if c[0] in zstd else "") for c in cols)
    con.execute(f'CREATE TABLE "{name}" ({ddl})')
    con.execute(f'INSERT INTO "{name}" SELECT * FROM read_parquet(?)', [str(path)])


def build(out: Path, changed: Collection[str] | None = None, inserted: Collection[str] = ()) -> Path:
    """Fill ``zongjie.duckdb`` from the Parquet tables.

    ``changed``: the doc_ids whose rows changed since the database was last built from the
    tables (the documents and errors of the parts just compacted).  The existing database is
    then updated in one transaction (their old rows deleted, their new rows inserted; the small
    archive tables replaced), which costs what the new rows cost, not the archive.  ``inserted``:
    those already inserted from the parts (:func:`insert_parts`).  Otherwise
    the database is rebuilt in one connection under the memory limit (DuckDB spills beyond it)."""
    import shutil

    from zongjie.batch.store import SPILL

    out = Path(out)
    final = out / "zongjie.duckdb"
    try:
        if changed is not None and final.exists() and _update(out, final, set(changed) - set(inserted)):
            return final
    finally:
        shutil.rmtree(out / SPILL, ignore_errors=True)
    path = _rebuild(out)
    assert path is not None  # no wait: never cancelled
    return path


def _rebuild(out: Path, wait: Callable[[], bool] | None = None, threads: int = 2,
             spill: str | None = None) -> Path | None:
    """The database rebuilt from the Parquet tables in one connection, written beside and renamed
    into place.  ``wait``: called before the archive tables are loaded (they are the last ones);
    when it returns False the build is abandoned (None)."""
    import shutil

    from zongjie.batch.store import SPILL

    tmp = out / ".zongjie.duckdb.tmp"
    for p in (tmp, Path(str(tmp) + ".wal")):
        p.unlink(missing_ok=True)
    abandoned = False
    con = _connect(tmp, out, threads, spill)
    try:
        # rows in any order (SQL tables have none): lets DuckDB load a table on both threads
        con.execute("SET preserve_insertion_order = false")
        for name in ALL_TABLES:
            if name == next(iter(ARCHIVE_TABLES)) and wait is not None and not wait():
                abandoned = True
                break
            path = out / f"{name}.parquet"
            if path.exists():
                _create_table(con, name, path)
        else:
            con.execute("CHECKPOINT")
    finally:
        con.close()
        shutil.rmtree(out / (spill or SPILL), ignore_errors=True)
    if abandoned:
        for p in (tmp, Path(str(tmp) + ".wal")):
            p.unlink(missing_ok=True)
        return None
    final = out / "zongjie.duckdb"
    os.replace(tmp, final)
    return final


class Build:
    """``zongjie.duckdb`` built while the archive tables are computed (:func:`start`)."""

    def __init__(self, out: Path, changed: Collection[str] | None, inserted: Collection[str]) -> None:
        import threading

        self.out, self.changed, self.inserted = Path(out), changed, inserted
        self.seconds = 0.0  # the thread's wall time
        self._go = threading.Event()
        self._abort = False
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None
        if changed is None or not (self.out / "zongjie.duckdb").exists():  # a rebuild: start now
            self._thread = threading.Thread(target=self._run, name="zongjie-duckdb", daemon=True)
            self._thread.start()

    def _wait(self) -> bool:
        self._go.wait()
        return not self._abort

    def _run(self) -> None:
        import time

        t0 = time.perf_counter()
        try:
            # one DuckDB thread: the archive tables' processes have the other core (and one
            # thread costs the least CPU for the same database)
            from zongjie.batch.store import SPILL_DB

            _rebuild(self.out, self._wait, threads=1, spill=SPILL_DB)
        except BaseException as e:  # re-raised by finish()
            self._error = e
        self.seconds = time.perf_counter() - t0

    def ready(self) -> None:
        """The archive tables are written: a rebuild loads them and puts the database in place,
        an update starts now, on the thread, while the caller writes the reports (they read the
        Parquet tables)."""
        import threading

        if self._thread is None:
            self._thread = threading.Thread(target=self._update, name="zongjie-duckdb", daemon=True)
            self._thread.start()
        self._go.set()

    def _update(self) -> None:
        try:
            build(self.out, self.changed, self.inserted)
        except BaseException as e:  # re-raised by finish()
            self._error = e

    def finish(self) -> Path:
        """The database in place, once :meth:`ready` (called here if it was not) has let the
        thread load the archive tables (or update the database)."""
        if not self._go.is_set():
            self.ready()
        assert self._thread is not None
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self.out / "zongjie.duckdb"

    def cancel(self) -> None:
        """The archive tables failed: stop after the table being loaded, leave no database behind."""
        if self._thread is not None:
            self._abort = True
            self._go.set()
            self._thread.join()


def start(out: Path, changed: Collection[str] | None = None, inserted: Collection[str] = ()) -> Build:
    """:func:`build`, begun before the archive tables exist: a rebuild loads the per-document
    tables (final once compacted, most of the database) on a thread with one DuckDB thread while
    the caller computes themes, follow-through and near-copies; after :meth:`Build.ready` it loads
    the archive tables and renames the database into place while the caller writes the reports,
    and :meth:`Build.finish` waits for it.  An update (``changed``) needs the archive tables and
    runs on a thread from :meth:`Build.ready`.  The caller calls :meth:`Build.cancel` if it fails
    before :meth:`Build.ready`."""
    return Build(out, changed, inserted)


def _update(out: Path, db: Path, changed: Collection[str]) -> bool:
    """The incremental path of :func:`build`; False (nothing changed) when the database does not
    have the tables and columns of this version (then it is rebuilt)."""
    import duckdb
    import pyarrow as pa

    try:
        con = _connect(db, out)
    except duckdb.Error:
        return False
    try:
        have = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        for name, schema in ALL_TABLES.items():
            if not (out / f"{name}.parquet").exists():
                continue
            if name not in have:
                return False
            cols = [r[0] for r in con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
                [name]).fetchall()]
            if cols != schema.names:
                return False
        con.register("changed_ids", pa.table({"doc_id": pa.array(sorted(changed), type=pa.string())}))
        con.execute("BEGIN TRANSACTION")
        con.execute("CREATE TEMP TABLE changed AS SELECT doc_id FROM changed_ids")
        for name in DOC_TABLES:
            path = out / f"{name}.parquet"
            if not path.exists() or not changed:
                continue
            con.execute(f'DELETE FROM "{name}" WHERE doc_id IN (SELECT doc_id FROM changed)')
            con.execute(f'INSERT INTO "{name}" SELECT * FROM read_parquet(?) '
                        f'WHERE doc_id IN (SELECT doc_id FROM changed)', [str(path)])
        for name in ARCHIVE_TABLES:  # a few rows per document: replaced whole
            path = out / f"{name}.parquet"
            if path.exists():
                con.execute(f'CREATE OR REPLACE TABLE "{name}" AS SELECT * FROM read_parquet(?)', [str(path)])
        con.execute("COMMIT")
        con.execute("CHECKPOINT")
        return True
    except duckdb.Error:
        try:
            con.execute("ROLLBACK")
        except duckdb.Error:
            pass
        return False
    finally:
        con.close()


def insert_parts(out: Path, parts: list[Path], new_ids: Collection[str]) -> set[str]:
    """Before the compaction: insert the rows of ``new_ids`` (documents in no compacted table and
    in one part each, ``store.part_ids``) into the database straight from the parts, which are a
    few small files where the compacted tables are the whole archive.  Returns the ids inserted
    (none when the database cannot be updated; it is then rebuilt after the compaction).

    Deleting before inserting makes this idempotent: a run killed after it and before the
    outputs are rebuilt redoes it, or rebuilds the database when the compaction happened."""
    import duckdb
    import pyarrow as pa

    db = Path(out) / "zongjie.duckdb"
    if not new_ids or not parts or not db.exists():
        return set()
    try:
        con = _connect(db, Path(out))
    except duckdb.Error:
        return set()
    try:
        have = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        if not set(DOC_TABLES) <= have:
            return set()
        con.register("new_ids", pa.table({"doc_id": pa.array(sorted(new_ids), type=pa.string())}))
        con.execute("BEGIN TRANSACTION")
        con.execute("CREATE TEMP TABLE fresh AS SELECT doc_id FROM new_ids")
        # rows of these ids only if an earlier run inserted them and was killed before the
        # compaction (a document's rows are inserted with its documents or errors row)
        again = any(con.execute(f'SELECT count(*) FROM "{t}" WHERE doc_id IN (SELECT doc_id FROM fresh)')
                    .fetchone()[0] for t in ("documents", "errors"))  # pyright: ignore[reportOptionalSubscript]
        for name, schema in DOC_TABLES.items():
            files = [str(p / f"{name}.parquet") for p in parts if (p / f"{name}.parquet").exists()]
            if again:
                con.execute(f'DELETE FROM "{name}" WHERE doc_id IN (SELECT doc_id FROM fresh)')
            if files:
                cols = ", ".join(f'"{c}"' for c in schema.names)
                con.execute(f'INSERT INTO "{name}" SELECT {cols} FROM read_parquet(?) '
                            f'WHERE doc_id IN (SELECT doc_id FROM fresh)', [files])
        con.execute("COMMIT")
        return set(new_ids)
    except duckdb.Error:
        try:
            con.execute("ROLLBACK")
        except duckdb.Error:
            pass
        return set()
    finally:
        con.close()
