"""``zongjie.duckdb`` is loaded on a thread while the archive tables are computed (issue #17):
its tables must be exactly the Parquet tables, and a failure of the archive tables must leave
neither a half-built database nor a running thread."""

from __future__ import annotations

import shutil
import threading

import duckdb
import pyarrow.parquet as pq
import pytest
from zongjie.batch.schema import ALL_TABLES


@pytest.fixture(scope="module")
def run_out(tmp_path_factory):
    from zongjie.batch.run import run_batch

    from tests.test_batch_support import make_archive

    root = tmp_path_factory.mktemp("db")
    arch = make_archive(root / "in")
    out = root / "out"
    res = run_batch(arch["inputs"], out, workers=1, progress=False, report=False)
    assert res.rebuilt and res.timings.get("duckdb_thread", 0) > 0  # the threaded rebuild ran
    return out


def _rows(rows) -> list[tuple]:
    return sorted((tuple(r) for r in rows), key=repr)


def test_database_tables_equal_the_parquet_tables(run_out):
    con = duckdb.connect(str(run_out / "zongjie.duckdb"), read_only=True)
    try:
        assert {r[0] for r in con.execute("SHOW TABLES").fetchall()} == set(ALL_TABLES)
        nonempty = 0
        for name, schema in ALL_TABLES.items():
            cols = [r[0] for r in con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
                "ORDER BY ordinal_position", [name]).fetchall()]
            assert cols == schema.names, name
            got = _rows(con.execute(f'SELECT * FROM "{name}"').fetchall())
            t = pq.read_table(run_out / f"{name}.parquet")
            want = _rows(zip(*(t.column(c).to_pylist() for c in schema.names))) if t.num_rows else []
            assert got == want, name
            nonempty += bool(want)
        assert nonempty >= 10
    finally:
        con.close()
    assert not (run_out / ".zongjie.duckdb.tmp").exists()
    assert not (run_out / ".spill-db").exists() and not (run_out / ".spill").exists()


def test_failing_archive_tables_leave_the_old_database(run_out, tmp_path, monkeypatch):
    from zongjie.batch import archive_tables
    from zongjie.batch.run import build_outputs

    out = tmp_path / "o"
    shutil.copytree(run_out, out)
    (out / "zongjie.duckdb").write_bytes(b"the previous database")

    def broken(_out):
        raise RuntimeError("copies failed")

    monkeypatch.setattr(archive_tables, "build_copies", broken)
    with pytest.raises(RuntimeError, match="copies failed"):
        build_outputs(out, report=False)
    assert (out / "zongjie.duckdb").read_bytes() == b"the previous database"
    assert not (out / ".zongjie.duckdb.tmp").exists() and not (out / ".zongjie.duckdb.tmp.wal").exists()
    assert not (out / ".spill-db").exists()
    assert not [t for t in threading.enumerate() if t.name == "zongjie-duckdb"]

    monkeypatch.undo()
    build_outputs(out, report=False)  # then a rebuild puts a real database in place
    con = duckdb.connect(str(out / "zongjie.duckdb"), read_only=True)
    try:
        n = con.execute("SELECT count(*) FROM documents").fetchone()
        assert n is not None and n[0] == pq.ParquetFile(out / "documents.parquet").metadata.num_rows
    finally:
        con.close()


def test_free_text_columns_are_zstd_with_the_parquet_types(run_out):
    """``database.ZSTD_COLUMNS`` are declared zstd (the load's cost, bench_duckdb_load.py); every
    column keeps the type DuckDB gives the Parquet column, as ``CREATE TABLE AS`` did."""
    from zongjie.batch.database import ZSTD_COLUMNS

    assert ZSTD_COLUMNS
    con = duckdb.connect(str(run_out / "zongjie.duckdb"), read_only=True)
    try:
        for name in ALL_TABLES:
            have = con.execute("SELECT column_name, data_type FROM information_schema.columns "
                               "WHERE table_name = ? ORDER BY ordinal_position", [name]).fetchall()
            want = [(c[0], c[1]) for c in con.execute(
                "DESCRIBE SELECT * FROM read_parquet(?)", [str(run_out / f"{name}.parquet")]).fetchall()]
            assert have == want, name
        for name, cols in ZSTD_COLUMNS.items():
            for col in cols:
                kinds = {r[0] for r in con.execute(
                    "SELECT compression FROM pragma_storage_info(?) WHERE column_name = ? "
                    "AND segment_type = 'VARCHAR'", [name, col]).fetchall()}
                assert kinds == {"ZSTD"}, (name, col, kinds)
    finally:
        con.close()


def test_reports_are_written_while_the_database_loads_the_archive_tables(run_out, tmp_path, monkeypatch):
    """The reports read the Parquet tables: ``build_outputs`` writes them after ``Build.ready``,
    while the database thread loads the archive tables, and then waits for it (issue #17)."""
    from zongjie.batch import database, report
    from zongjie.batch.run import build_outputs
    from zongjie.batch.schema import ARCHIVE_TABLES

    out = tmp_path / "o"
    shutil.copytree(run_out, out)
    written = threading.Event()
    order: list[str] = []
    real_create, real_report = database._create_table, report.write_report

    def create(con, name, path):
        if name in ARCHIVE_TABLES and not order.count("archive"):
            order.append("archive")
            order.append("report first" if written.wait(20) else "report not written meanwhile")
        real_create(con, name, path)

    def write_report(o):
        path = real_report(o)
        written.set()
        return path

    monkeypatch.setattr(database, "_create_table", create)
    monkeypatch.setattr(report, "write_report", write_report)
    timings: dict[str, float] = {}
    build_outputs(out, report=True, timings=timings)
    assert order == ["archive", "report first"]
    assert (out / "report.html").exists() and {"report", "duckdb", "duckdb_thread"} <= set(timings)
    con = duckdb.connect(str(out / "zongjie.duckdb"), read_only=True)
    try:
        assert {r[0] for r in con.execute("SHOW TABLES").fetchall()} == set(ALL_TABLES)
    finally:
        con.close()


def test_a_failing_database_update_is_raised_after_the_reports(run_out, tmp_path, monkeypatch):
    from zongjie.batch import database

    out = tmp_path / "o"
    shutil.copytree(run_out, out)

    def broken(*_a, **_k):
        raise RuntimeError("update failed")

    monkeypatch.setattr(database, "build", broken)
    db = database.start(out, changed={"x"})  # an update: nothing runs before the archive tables
    assert not [t for t in threading.enumerate() if t.name == "zongjie-duckdb"]
    db.ready()
    with pytest.raises(RuntimeError, match="update failed"):
        db.finish()
    assert not [t for t in threading.enumerate() if t.name == "zongjie-duckdb"]
