"""``run_batch``: enumerate the inputs, skip what is done, analyse the rest on an engine, stream
the parts to disk, compact, then build the archive tables, the database and the reports."""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import time
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zongjie.batch.inputs import InputsManifest, file_stat
from zongjie.errors import UsageError

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".docx", ".pdf", ".text"}


@dataclass
class BatchResult:
    out: Path
    analysed: int = 0          # documents analysed in this run
    skipped: int = 0           # documents already done (same doc_id and content hash)
    skipped_errors: int = 0    # of these, inputs that failed before with the same content
    errors: int = 0            # error rows written in this run
    parts: int = 0             # parts merged by the compaction
    seconds: float = 0.0       # wall time of the whole run
    analyse_seconds: float = 0.0  # wall time of the analysis phase
    rebuilt: bool = False      # archive tables / database / report were (re)built
    worker_maxrss_kb: int = 0  # peak RSS of any worker (local/dask-process engines)
    worker_cpu_seconds: float = 0.0  # CPU time the workers spent on the chunks
    main_cpu_seconds: float = 0.0    # CPU time of this (main) process during the analysis phase
    documents: int = 0         # rows in documents.parquet after the run
    timings: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        d = dict(self.__dict__)
        d["out"] = str(self.out)
        return d


# ---------------------------------------------------------------------------------------------
# inputs
# ---------------------------------------------------------------------------------------------

def iter_items(inputs: list[str]) -> Iterator[dict[str, Any]]:
    """Queue items from :func:`zongjie.archive.iter_documents` (``errors="yield"``): the decoded
    text and metadata of one document, or the error of an input that could not be read."""
    from zongjie.archive import expand_inputs

    for path, doc_id, err in expand_inputs(inputs):
        yield from path_items(path, doc_id, err)


def path_items(file: str, base_id: str, err: str | None) -> Iterator[dict[str, Any]]:
    """The queue items of one file of :func:`zongjie.archive.expand_inputs`."""
    from zongjie.archive import iter_path

    for doc_id, content, meta in iter_path(file, base_id, err, errors="yield"):
        source = meta.get("source")
        if meta.get("member") and meta.get("line"):
            path = f"{source}:{meta['member']}:{meta['line']}"
        elif meta.get("member"):
            path = f"{source}:{meta['member']}"
        elif meta.get("line"):
            path = f"{source}:{meta['line']}"
        else:
            path = source
        item = {"doc_id": str(doc_id), "path": path, "format": meta.get("format"),
                "encoding": meta.get("encoding") if meta.get("format") != "jsonl" else None,
                "markdown": bool(meta.get("markdown")), "meta": dict(meta.get("fields") or {})}
        if meta.get("error") is not None or content is None:
            item["error"] = meta.get("error") or "unreadable"
            item["stage"] = "read"
        else:
            item["text"] = content if isinstance(content, str) else content.decode("utf-8", "replace")
        yield item


def estimate_total(inputs: list[str]) -> int | None:
    """A cheap count of the documents behind ``inputs`` (for the progress bar only)."""
    n = 0

    def count_file(p: Path) -> int:
        suf = p.suffix.lower()
        if suf == ".jsonl":
            c = 0
            with open(p, "rb") as fh:
                for block in iter(lambda: fh.read(1 << 20), b""):
                    c += block.count(b"\n")
            return c
        if suf == ".zip":
            try:
                with zipfile.ZipFile(p) as z:
                    return sum(1 for i in z.infolist() if not i.is_dir())
            except (OSError, zipfile.BadZipFile):
                return 1
        return 1

    try:
        for inp in inputs:
            p = Path(inp)
            if p.is_dir():
                for root, _dirs, files in os.walk(p):
                    for f in files:
                        fp = Path(root) / f
                        if fp.suffix.lower() in TEXT_SUFFIXES | {".jsonl", ".zip"}:
                            n += count_file(fp)
            elif p.exists():
                n += count_file(p)
            else:
                n += sum(count_file(Path(g)) for g in glob.glob(inp, recursive=True) if Path(g).is_file())
    except OSError:
        return None
    return n or None


def _chunks(items: Iterable[dict], run_id: str, max_docs: int, max_chars: int) -> Iterator[dict]:
    seq = 0
    buf: list[dict] = []
    size = 0
    for it in items:
        buf.append(it)
        size += len(it.get("text") or "")
        if len(buf) >= max_docs or size >= max_chars:
            yield {"part": f"{run_id}-{seq:06d}", "items": buf}
            seq += 1
            buf, size = [], 0
    if buf:
        yield {"part": f"{run_id}-{seq:06d}", "items": buf}


@contextlib.contextmanager
def _lock(out: Path):
    import fcntl

    fh = open(out / ".lock", "w")
    try:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise UsageError(f"{out}: another zongjie batch is writing this directory") from None
        yield
    finally:
        fh.close()


# ---------------------------------------------------------------------------------------------
# the run
# ---------------------------------------------------------------------------------------------

def run_batch(inputs: list[str], out: str | Path, workers: int | None = None, engine: str = "local",
              scheduler: str | None = None, xlsx: bool = False, report: bool = True,
              progress: bool = True, chunk_docs: int = 64, chunk_chars: int = 4_000_000,
              cluster_kwargs: dict | None = None, console: Any = None,
              on_phase: Any = None, retry_errors: bool = False) -> BatchResult:
    """Analyse an archive into ``out`` (see SPEC ``batch``); resumable, crash-safe.

    An input that failed before (an ``errors`` row) with the same content hash is skipped like a
    document already analysed, unless ``retry_errors``.  The archive tables, the database and
    the reports are rebuilt only when the tables they come from changed (``store.tables_digest``).

    ``on_phase(name)`` (optional) is called as the run enters ``analyse``, ``compact`` and
    ``outputs`` (the benchmark measures memory per phase)."""
    phase = on_phase or (lambda name: None)
    from zongjie.batch import store
    from zongjie.batch.tables import sha256_text

    if engine not in ("local", "dask"):
        raise UsageError(f"unknown engine {engine!r} (local or dask)")
    if not inputs:
        raise UsageError("no input given")
    workers = max(1, int(workers or os.cpu_count() or 1))
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    t_start = time.perf_counter()
    res = BatchResult(out=out)
    with _lock(out):
        store.clean_tmp(out)
        done = store.done_hashes(out)
        failed = {} if retry_errors else store.failed_hashes(out)
        run_id = f"{time.time_ns():020d}"
        seen: dict[str, int] = {}
        manifest = InputsManifest(out)
        # the outputs are up to date with the tables as they are before this run's compaction:
        # the database can then be updated with the documents of the new parts alone
        outputs_current = store.read_manifest(out) is not None and \
            store.read_manifest(out) == store.tables_digest(out) and not (out / ".outputs-stale").exists()

        bar = _Progress(progress, estimate_total(inputs) if progress else None, console)

        def final_id(base: str, extra: dict[str, int] | None = None) -> str:
            k = seen.get(base, 0) + (extra.get(base, 0) if extra else 0)
            return f"{base}#{k + 1}" if k else base  # the same id twice in one run: keep both

        def skippable(entries: list[tuple[str, str]]) -> bool:
            """Every document of an unchanged file is done: it need not be read at all."""
            extra: dict[str, int] = {}
            for base, sha in entries:
                d = final_id(base, extra)
                extra[base] = extra.get(base, 0) + 1
                if done.get(d) != sha and not (failed and failed.get(d) == sha):
                    return False
            return True

        def items() -> Iterator[dict]:
            from zongjie.archive import expand_inputs

            for path, base_id, err in expand_inputs(inputs):
                known = manifest.known(path) if err is None else None
                if known is not None and skippable(known):
                    for base, sha in known:
                        d = final_id(base)
                        seen[base] = seen.get(base, 0) + 1
                        res.skipped += 1
                        if done.get(d) != sha:
                            res.skipped_errors += 1
                        bar.skip()
                    manifest.keep(path)
                    continue
                stat = file_stat(path) if err is None else None
                entries: list[tuple[str, str]] = []
                for it in path_items(path, base_id, err):
                    base = it["doc_id"]
                    it["doc_id"] = final_id(base)
                    seen[base] = seen.get(base, 0) + 1
                    if "text" in it:
                        it["sha256"] = sha256_text(it["text"])
                        entries.append((base, it["sha256"]))
                        if done.get(it["doc_id"]) == it["sha256"]:
                            res.skipped += 1
                            bar.skip()
                            continue
                    else:
                        it["sha256"] = error_key(it)
                        entries.append((base, it["sha256"]))
                    if failed and failed.get(it["doc_id"]) == it["sha256"]:
                        # failed before with this content: analysing it again would fail again, and
                        # its part would make the run compact and rebuild every output
                        res.skipped += 1
                        res.skipped_errors += 1
                        bar.skip()
                        continue
                    yield it
                manifest.record(path, stat, entries)

        def on_done(r: dict) -> None:
            res.analysed += r["docs"]
            res.errors += r["errors"]
            res.worker_maxrss_kb = max(res.worker_maxrss_kb, r.get("maxrss_kb") or 0)
            res.worker_cpu_seconds += r.get("cpu_seconds") or 0.0
            bar.advance(r["items"], r["errors"])

        chunks = _chunks(items(), run_id, chunk_docs, chunk_chars)
        t0, c0 = time.perf_counter(), time.process_time()
        phase("analyse")
        with bar:
            # a resume with nothing to do starts no engine (a Dask LocalCluster takes seconds)
            first = next(chunks, None)
            if first is not None and engine == "local":
                from zongjie.batch.engines import run_local

                run_local(itertools.chain([first], chunks), str(out), workers, on_done)
            elif first is not None:
                from zongjie.batch.engines import run_dask

                run_dask(itertools.chain([first], chunks), str(out), workers, on_done, scheduler=scheduler,
                         cluster_kwargs=cluster_kwargs)
        res.analyse_seconds = time.perf_counter() - t0
        res.main_cpu_seconds = time.process_time() - c0
        if not seen:
            raise UsageError("no documents found in the inputs")

        t0 = time.perf_counter()
        phase("compact")
        # documents and errors the parts bring (new or replaced): what the database update touches;
        # the new ones go into the database from the parts, before these are merged and removed
        changed, inserted = None, set()
        if outputs_current:
            changed, new_ids = store.part_ids(out)
            from zongjie.batch.database import insert_parts

            inserted = insert_parts(out, store.list_parts(out), new_ids)
        parts = store.list_parts(out)
        merge = bool(parts) or not (out / "documents.parquet").exists()
        res.parts = store.compact(out, keep_parts=True) if merge else 0
        res.timings["compact"] = time.perf_counter() - t0
        # the merged parts are removed while the outputs are built (it waits on the disk)
        with store.removing(parts if merge else []):
            from zongjie.batch.archive_tables import release_memory

            release_memory()
            stale = out / ".outputs-stale"  # the tables changed and the derived outputs are not rebuilt yet
            # The outputs are rebuilt when the tables differ from those they were built from: rows
            # merged that change nothing (errors retried that failed the same way) rebuild nothing,
            # and a run killed between compaction and the marker above is still caught.  Without a
            # manifest (a directory of an older version), merged parts count as a change.
            digest = store.tables_digest(out)
            built_from = store.read_manifest(out)
            if digest is None or (built_from is None and res.parts) or (built_from is not None and digest != built_from):
                stale.touch()
            wanted = [out / "zongjie.duckdb"] + ([out / "report.html"] if report else []) \
                + ([out / "report.xlsx"] if xlsx else [])
            if stale.exists() or not all(p.exists() for p in wanted):
                res.rebuilt = True
                phase("outputs")
                build_outputs(out, xlsx=xlsx, report=report, timings=res.timings, changed=changed,
                              inserted=inserted, workers=workers if engine == "local" else 1)
                store.write_manifest(out, digest)
                stale.unlink(missing_ok=True)
        manifest.save()
        import pyarrow.parquet as pq

        res.documents = pq.ParquetFile(out / "documents.parquet").metadata.num_rows
    res.seconds = time.perf_counter() - t_start
    return res


def error_key(item: dict[str, Any]) -> str:
    """The content hash of an input that could not be read, so that a rerun knows it failed with
    this very content: sha256 of the file's bytes for a plain file (a broken .docx or .pdf), else
    of the error message (a missing file, a bad JSONL line, a zip member: the message names the
    input and the reason).  Reading the bytes again costs what hashing a document's text costs."""
    import hashlib

    source = item.get("path")
    if source and item.get("format") not in ("jsonl",) and os.path.isfile(source):
        h = hashlib.sha256()
        try:
            with open(source, "rb") as fh:
                for block in iter(lambda: fh.read(1 << 20), b""):
                    h.update(block)
            return h.hexdigest()
        except OSError:
            pass
    return hashlib.sha256(("error:" + str(item.get("error"))).encode("utf-8", "surrogatepass")).hexdigest()


def build_outputs(out: Path, xlsx: bool = False, report: bool = True,
                  timings: dict[str, float] | None = None, changed: set[str] | None = None,
                  inserted: set[str] | None = None, workers: int = 1) -> None:
    """Archive tables (themes, follow-through, copies), ``zongjie.duckdb``, report.html/.xlsx.

    ``changed``: when the outputs were up to date with the tables before the last compaction,
    the doc_ids it brought; the database is then updated instead of rebuilt (``inserted``: those
    of them already inserted from the parts).  ``workers``: processes for the follow-through
    pairs."""
    from zongjie.batch import archive_tables, database

    timings = {} if timings is None else timings
    t0 = time.perf_counter()
    # a rebuilt database loads the per-document tables meanwhile, on a thread
    db = database.start(out, changed=changed, inserted=inserted or ())
    try:
        archive_tables.build(out, timings, workers=workers)  # releases memory after each of its steps
    except BaseException:
        db.cancel()
        raise
    t1 = time.perf_counter()
    timings["archive_tables"] = t1 - t0
    # the reports read the Parquet tables: written while the database thread finishes (a rebuild
    # loads the archive tables; an update does all its work now)
    db.ready()
    try:
        if report:
            from zongjie.batch.report import write_report

            write_report(out)
            timings["report"] = time.perf_counter() - t1
        if xlsx:
            from zongjie.batch.xlsx import write_xlsx

            t3 = time.perf_counter()
            write_xlsx(out)
            timings["xlsx"] = time.perf_counter() - t3
    finally:
        t2 = time.perf_counter()
        db.finish()
        # duckdb: the time the run waited for the database after the archive tables and the
        # reports; duckdb_thread: the wall time of a rebuild's thread, from the start of the step
        timings["duckdb"] = time.perf_counter() - t2
        if db.seconds:
            timings["duckdb_thread"] = db.seconds
    archive_tables.release_memory()


class _Progress:
    """A rich progress bar: docs, docs/s, ETA, errors, skipped (no-op when disabled)."""

    def __init__(self, enabled: bool, total: int | None, console: Any = None) -> None:
        self.enabled = enabled
        self.errors = 0
        self.skipped = 0
        self.done = 0
        self.t0 = time.perf_counter()
        if not enabled:
            return
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.p = Progress(
            TextColumn("[bold]batch"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[rate]} docs/s"), TextColumn("ETA"), TimeRemainingColumn(),
            TextColumn("elapsed"), TimeElapsedColumn(),
            TextColumn("errors {task.fields[errors]}  skipped {task.fields[skipped]}"),
            console=console or Console(stderr=True), transient=False)
        self.task = self.p.add_task("batch", total=total, rate="0.0", errors=0, skipped=0)

    def __enter__(self):
        if self.enabled:
            self.p.__enter__()
        return self

    def __exit__(self, *exc):
        if self.enabled:
            self.p.update(self.task, total=self.p.tasks[0].completed)
            self.p.__exit__(*exc)

    def skip(self) -> None:
        self.skipped += 1
        if self.enabled:
            self.p.update(self.task, advance=1, skipped=self.skipped)

    def advance(self, n: int, errors: int) -> None:
        self.done += n
        self.errors += errors
        if self.enabled:
            rate = self.done / max(1e-9, time.perf_counter() - self.t0)
            task = self.p.tasks[0]
            total = task.total
            if total is not None and task.completed + n > total:
                total = None
            self.p.update(self.task, advance=n, total=total, rate=f"{rate:.1f}", errors=self.errors)
