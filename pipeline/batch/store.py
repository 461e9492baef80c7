"""Crash-safe storage of batch results.

Workers (or the client, for Dask) write each finished chunk as a *part*: one Parquet file per
table in ``OUT/.parts/<part>/``.  A part is written into a hidden temporary directory and renamed
into place, so after ``kill -9`` a part is either complete or absent.  Part names sort in the
order they were started (``<run time_ns>-<seq>``).

``compact`` merges the single-file tables already in ``OUT`` with every part, one table at a
time, streaming record batches into row groups of bounded size (memory stays flat), keeping for
each ``doc_id`` the rows of its most recent source.  The rows of one document stay together
(they come from one source), which the archive tables rely on.  Every single file is replaced
atomically, and the parts are deleted only after all tables have been replaced: a crash at any
point loses nothing.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from zongjie.batch.schema import DOC_TABLES, to_table

PARTS = ".parts"
# A part is written once, by a worker, and read once, by the compaction: lz4 without dictionaries
# costs the least to write and to read (10,000 reports: compaction 5.4 instead of 7.2-7.7 CPU-s,
# parts 1.4x the disk of zstd with dictionaries; the compacted tables are byte for byte the same)
PART_CODEC = "lz4"
SPILL = ".spill"  # DuckDB's temporary files while the outputs are built (removed afterwards)
SPILL_DB = ".spill-db"  # those of the database, built beside the archive tables (which use SPILL)


def parts_dir(out: str | Path) -> Path:
    return Path(out) / PARTS


def _conform(t: pa.Table | pa.RecordBatch, schema: pa.Schema) -> pa.Table:
    """Select/cast the columns of ``schema`` (missing ones → null): old files stay readable."""
    if not isinstance(t, pa.Table):
        t = pa.Table.from_batches([t])
    cols = []
    for f in schema:
        if f.name in t.column_names:
            c = t.column(f.name)
            cols.append(c if c.type == f.type else c.cast(f.type))
        else:
            cols.append(pa.nulls(t.num_rows, f.type))
    return pa.Table.from_arrays(cols, schema=schema)


def write_part(out: str | Path, name: str, rows: dict[str, list[dict]] | None = None,
               tables: dict[str, pa.Table] | None = None) -> Path:
    """Write one part atomically (tables given as row dicts or as Arrow tables)."""
    base = parts_dir(out)
    base.mkdir(parents=True, exist_ok=True)
    final = base / name
    tmp = base / f".tmp-{name}-{os.getpid()}"
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir()
    for tname, schema in DOC_TABLES.items():
        if tables is not None and tname in tables:
            t = _conform(tables[tname], schema)
        else:
            t = to_table(tname, (rows or {}).get(tname, []))
        pq.write_table(t, tmp / f"{tname}.parquet", compression=PART_CODEC, use_dictionary=False)
    os.rename(tmp, final)
    return final


def rows_to_tables(rows: dict[str, list[dict]]) -> dict[str, pa.Table]:
    return {name: to_table(name, rows.get(name, [])) for name in DOC_TABLES}


def table_to_ipc(t: pa.Table) -> bytes:
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, t.schema) as w:
        w.write_table(t)
    return sink.getvalue().to_pybytes()


def ipc_to_table(b: bytes) -> pa.Table:
    return pa.ipc.open_stream(pa.py_buffer(b)).read_all()


def list_parts(out: Path) -> list[Path]:
    base = parts_dir(out)
    if not base.is_dir():
        return []
    return sorted(p for p in base.iterdir() if p.is_dir() and not p.name.startswith("."))


def clean_tmp(out: Path) -> None:
    """Remove half-written parts, tables and DuckDB spill files left by a killed run."""
    base = parts_dir(out)
    if base.is_dir():
        for p in base.iterdir():
            if p.name.startswith(".tmp-"):
                shutil.rmtree(p, ignore_errors=True)
    for p in Path(out).glob(".*.tmp*"):
        if p.is_dir():
            shutil.rmtree(p, ignore_errors=True)
        else:
            p.unlink(missing_ok=True)
    for d in (SPILL, SPILL_DB):
        shutil.rmtree(Path(out) / d, ignore_errors=True)


def _ids(path: Path, columns: list[str]) -> pa.Table | None:
    if not path.exists():
        return None
    # a single file, one thread, no read-ahead: no dataset machinery, no per-thread allocator pools
    return pq.ParquetFile(path, pre_buffer=False).read(columns=columns, use_threads=False)


def _sources(out: Path) -> list[Path]:
    """Sources in age order: the compacted tables (OUT itself), then the parts."""
    return [Path(out)] + list_parts(out)


def done_hashes(out: Path) -> dict[str, str]:
    """doc_id → sha256 of every document already analysed (compacted or in a part)."""
    done: dict[str, str] = {}
    for src in _sources(out):
        t = _ids(src / "documents.parquet", ["doc_id", "sha256"])
        if t is not None:
            done.update(zip(t.column("doc_id").to_pylist(), t.column("sha256").to_pylist()))
    return done


def failed_hashes(out: Path) -> dict[str, str]:
    """doc_id → content hash of every input whose latest outcome is an error (compacted or in a
    part): a rerun skips the input when its content still has that hash (``--retry-errors`` to
    retry), as it skips a document already analysed.  Errors without a hash are not listed."""
    failed: dict[str, str] = {}
    for src in _sources(out):  # age order: a later success clears an earlier error
        t = _ids(src / "documents.parquet", ["doc_id"])
        if t is not None:
            for d in t.column("doc_id").to_pylist():
                failed.pop(d, None)
        t = _ids(src / "errors.parquet", ["doc_id", "sha256"])
        if t is not None:
            for d, h in zip(t.column("doc_id").to_pylist(), t.column("sha256").to_pylist()):
                if h:
                    failed[d] = h
                else:
                    failed.pop(d, None)
    return failed


# What the archive tables, the database and the reports are computed from: one line per
# document (id, content hash, path, version) and per error.  Every row of the per-document
# tables is a function of these, so an unchanged digest after a compaction (errors retried and
# failing the same way, a part left by a killed run holding documents already compacted) means
# the outputs need not be rebuilt.
_DIGEST_COLUMNS = {"documents": ["doc_id", "sha256", "path", "version"],
                   "errors": ["doc_id", "sha256", "path", "stage", "error"]}
MANIFEST = ".outputs-manifest"


def tables_digest(out: Path) -> str | None:
    """An order-independent digest of the compacted tables' documents and errors (None when a
    table is missing).  Reads only these few columns: milliseconds for thousands of documents."""
    import hashlib

    h = hashlib.sha256()
    for tname, cols in _DIGEST_COLUMNS.items():
        path = Path(out) / f"{tname}.parquet"
        if not path.exists():
            return None
        pf = pq.ParquetFile(path, pre_buffer=False)
        have = [c for c in cols if c in pf.schema_arrow.names]
        t = pf.read(columns=have, use_threads=False)
        keys = sorted(zip(*(t.column(c).to_pylist() for c in have)), key=repr)
        h.update(f"{tname}:{have}:{len(keys)}\n".encode())
        for k in keys:
            h.update(repr(k).encode("utf-8", "surrogatepass") + b"\n")
    return h.hexdigest()


def read_manifest(out: Path) -> str | None:
    try:
        return (Path(out) / MANIFEST).read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def write_manifest(out: Path, digest: str | None) -> None:
    """Record the digest of the tables the outputs were built from (atomic replace)."""
    if digest is None:
        return
    tmp = Path(out) / f"{MANIFEST}.tmp"
    tmp.write_text(digest + "\n", encoding="utf-8")
    os.replace(tmp, Path(out) / MANIFEST)


def _winners(sources: list[Path]) -> tuple[list[set | None], list[set | None]]:
    """Per source: doc_ids whose document rows / error row come from it, or None when all of
    the source's rows do (the usual case: a fresh or extended run replaces nothing, and its
    tables are then copied without a filter).

    Documents: the latest source that analysed the doc_id.  Errors: the latest error, kept only
    when it is more recent than the latest successful analysis of that doc_id."""
    last_ok: dict[str, int] = {}
    last_err: dict[str, int] = {}
    n_ok = [0] * len(sources)
    n_err = [0] * len(sources)
    for k, src in enumerate(sources):
        t = _ids(src / "documents.parquet", ["doc_id"])
        if t is not None:
            ids = t.column("doc_id").to_pylist()
            n_ok[k] = len(ids)
            for d in ids:
                last_ok[d] = k
        t = _ids(src / "errors.parquet", ["doc_id"])
        if t is not None:
            ids = t.column("doc_id").to_pylist()
            n_err[k] = len(ids)
            for d in ids:
                last_err[d] = k
    ok: list[set] = [set() for _ in sources]
    err: list[set] = [set() for _ in sources]
    for d, k in last_ok.items():
        ok[k].add(d)
    for d, k in last_err.items():
        if k > last_ok.get(d, -1):
            err[k].add(d)
    return ([None if n and len(w) == n else w for w, n in zip(ok, n_ok)],
            [None if n and len(w) == n else w for w, n in zip(err, n_err)])


def compact(out: Path, batch_rows: int = 50_000, group_bytes: int = 16 << 20, threads: int = 2,
            keep_parts: bool = False) -> int:
    """Merge parts into the single-file tables; returns the number of parts merged.

    Reads ``batch_rows`` rows at a time and writes a row group whenever ``batch_rows`` rows or
    ``group_bytes`` bytes are buffered, so memory is bounded whatever the size of the archive.
    ``threads`` tables are rewritten at a time (Parquet decoding and encoding release the GIL).
    ``keep_parts``: the merged parts are left for the caller to remove (:func:`removing`); a
    part left behind is merged again by the next compaction, to the same rows."""
    from concurrent.futures import ThreadPoolExecutor

    out = Path(out)
    clean_tmp(out)
    parts = list_parts(out)
    sources = [out] + parts
    ok, err = _winners(sources)
    jobs = [(tname, schema, err if tname == "errors" else ok) for tname, schema in DOC_TABLES.items()]
    # the biggest tables first, so that the two threads finish together
    jobs.sort(key=lambda j: -sum(_size(src / f"{j[0]}.parquet") for src in sources))
    with ThreadPoolExecutor(max(1, threads)) as pool:
        for _ in pool.map(lambda j: _compact_table(out, sources, j[0], j[1], j[2], batch_rows, group_bytes), jobs):
            pass
    if not keep_parts:
        remove_parts(parts)
    return len(parts)


def remove_parts(parts: list[Path]) -> None:
    for p in parts:
        shutil.rmtree(p, ignore_errors=True)


@contextmanager
def removing(parts: list[Path]) -> Iterator[None]:
    """The merged ``parts`` removed on a thread while the body runs (the outputs are built from
    the compacted tables), joined on exit (no thread when there are none).  Removing the 157
    parts of 10,000 documents waits about 0.3 s on the disk and uses no core: off the run's
    critical path."""
    if not parts:
        yield
        return
    t = threading.Thread(target=remove_parts, args=(parts,), name="zongjie-parts-removal", daemon=True)
    t.start()
    try:
        yield
    finally:
        t.join()


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


_FREE_TEXT = {"plans": ("text",), "achievements": ("text",), "claims": ("text",)}


def _compact_table(out: Path, sources: list[Path], tname: str, schema: pa.Schema, keep: list[set | None],
                   batch_rows: int, group_bytes: int) -> None:
    """One table of :func:`compact`: the kept rows of every source, in source order."""
    tmp = out / f".{tname}.parquet.tmp"
    # no dictionary for the free-text columns of the big tables: nearly every value is distinct,
    # and trying a dictionary first was a sixth of rewriting them
    plain = _FREE_TEXT.get(tname, ())
    dictionary = [f.name for f in schema if f.name not in plain] if plain else True
    # (pyarrow takes a list of columns too; its annotation says bool)
    with pq.ParquetWriter(tmp, schema, compression="zstd", use_dictionary=dictionary) as w:  # pyright: ignore[reportArgumentType]
        buf: list[pa.Table] = []
        rows = size = 0
        wrote = False
        for k, src in enumerate(sources):
            path = src / f"{tname}.parquet"
            ids = keep[k]
            if (ids is not None and not ids) or not path.exists():
                continue
            value_set = pa.array(sorted(ids), type=pa.string()) if ids is not None else None
            pf = pq.ParquetFile(path, pre_buffer=False)
            for batch in pf.iter_batches(batch_size=batch_rows, use_threads=False):
                t = _conform(batch, schema)
                if value_set is not None:
                    t = t.filter(pc.is_in(t.column("doc_id"), value_set=value_set))  # pyright: ignore[reportAttributeAccessIssue] - pyarrow.compute creates its kernels at import
                if not t.num_rows:
                    continue
                buf.append(t)
                rows, size = rows + t.num_rows, size + t.nbytes
                if rows >= batch_rows or size >= group_bytes:
                    w.write_table(pa.concat_tables(buf))
                    buf, rows, size, wrote = [], 0, 0, True
        if buf:
            w.write_table(pa.concat_tables(buf))
            wrote = True
        if not wrote:
            w.write_table(schema.empty_table())
    os.replace(tmp, out / f"{tname}.parquet")


def part_ids(out: Path) -> tuple[set[str], set[str]]:
    """doc_ids of the documents and errors in the parts (what a compaction adds or replaces), and
    of these the *new* ones: in no compacted table and in a single part, so that their rows are
    exactly their part's (the database takes them from the parts, before the compaction)."""
    seen: dict[str, int] = {}
    for src in list_parts(out):
        here: set[str] = set()
        for tname in ("documents", "errors"):
            t = _ids(src / f"{tname}.parquet", ["doc_id"])
            if t is not None:
                here.update(t.column("doc_id").to_pylist())
        for d in here:
            seen[d] = seen.get(d, 0) + 1
    old: set[str] = set()
    for tname in ("documents", "errors"):
        t = _ids(Path(out) / f"{tname}.parquet", ["doc_id"])
        if t is not None:
            old.update(t.column("doc_id").to_pylist())
    return set(seen), {d for d, n in seen.items() if n == 1 and d not in old}
