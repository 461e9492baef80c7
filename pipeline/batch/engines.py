"""Execution engines: the same chunk function on local worker processes or on Dask.

A *chunk* is ``{"part": NAME, "items": [item, …]}``; an item carries the decoded text and the
metadata of one document (or the read error of one input).  ``process_chunk`` analyses every item
and either writes the part itself (local engine: workers share the output directory) or returns
the tables as Arrow IPC bytes (Dask: workers may be on other machines; the client writes).
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator


def _maxrss_kb() -> int:
    try:
        import resource

        return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    except Exception:  # pragma: no cover - non-POSIX
        return 0


_SETUP: list[bool] = []
_POOL_WORKER: list[bool] = []  # set in the local engine's worker processes


def _pool_worker() -> None:
    _POOL_WORKER.append(True)


def _worker_setup() -> None:
    """Once per local worker process, after the imports: the objects alive now (modules,
    compiled patterns, data tables) leave the cyclic GC's generations (``gc.freeze``), and the
    collector runs between chunks only (``_between_chunks``).  A document allocates some hundred
    thousand containers, nearly all freed by reference counting; the default thresholds made the
    collector walk them again and again (about 10 % of a worker's time).  A chunk is at most 64
    documents or 4 M characters, which bounds its cyclic garbage.  Not in a Dask worker, which
    may be the caller's own process (``processes=False``)."""
    import gc

    if _POOL_WORKER and not _SETUP:
        _SETUP.append(True)
        gc.collect()
        gc.freeze()
        gc.disable()


def process_chunk(chunk: dict, out: str | None = None) -> dict:
    """Analyse one chunk.  Never raises for a bad document (it becomes an ``errors`` row)."""
    from zongjie.batch.schema import DOC_TABLES, tuples_to_table
    from zongjie.batch.store import table_to_ipc, write_part
    from zongjie.batch.tables import analyze_item
    from zongjie.runner import pipeline

    pipeline(("structure", "extract", "align", "check"))  # the components' imports, before the freeze
    _worker_setup()
    t0, c0 = time.perf_counter(), time.thread_time()
    rows: dict[str, list[tuple]] = {name: [] for name in DOC_TABLES}
    for item in chunk["items"]:
        for name, rs in analyze_item(item).items():
            rows[name].extend(rs)
    res = {"part": chunk["part"], "docs": len(rows["documents"]), "errors": len(rows["errors"]),
           "items": len(chunk["items"]), "seconds": time.perf_counter() - t0, "pid": os.getpid()}
    tables = {name: tuples_to_table(name, rs) for name, rs in rows.items()}
    del rows
    if out is not None:
        write_part(out, chunk["part"], tables=tables)
    else:
        res["tables"] = {k: table_to_ipc(v) for k, v in tables.items()}
    del tables
    _between_chunks()
    res["maxrss_kb"] = _maxrss_kb()
    res["cpu_seconds"] = time.thread_time() - c0  # CPU of the thread that ran the chunk
    return res


def _between_chunks(collect: bool = True) -> None:
    """Empty the matcher's memo caches and (``collect``) collect the garbage of the chunk: the
    caches pay off within a document (a plan item's n-grams, scored against every problem), hardly
    across the documents of an archive, and kept full they were 50 MB of each worker. A chunk
    worker runs with the collector disabled; a process that keeps it enabled needs no collection."""
    import gc
    import sys

    matcher = sys.modules.get("zongjie.matcher")
    for v in list(vars(matcher).values()) if matcher else []:
        info = getattr(v, "cache_info", None)
        if callable(info) and (getattr(info(), "maxsize", 0) or 0) > 16:  # not the loaded data (_data)
            v.cache_clear()
    if collect:
        gc.collect()


def _crash_rows(chunk: dict, message: str) -> dict[str, list[dict]]:
    from zongjie.batch.tables import error_row

    return {"errors": [error_row(it, "worker", message) for it in chunk["items"]]}


# ---------------------------------------------------------------------------------------------
# local: a process pool
# ---------------------------------------------------------------------------------------------

def run_local(chunks: Iterable[dict], out: str, workers: int, on_done: Callable[[dict], None],
              max_tasks_per_child: int | None = 200) -> None:
    """Run chunks on ``workers`` processes, at most 2×workers chunks in flight (flat memory).

    A worker that dies (segfault, OOM kill) breaks the pool: the pool is rebuilt and the chunks
    that were in flight are retried one document at a time; a document that kills a worker on
    its own becomes an ``errors`` row (stage ``worker``)."""
    import multiprocessing as mp
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    from zongjie.batch.store import write_part

    ctx = mp.get_context("forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn")

    def make_pool():
        # Workers start from a fresh interpreter: a fixed hash seed makes set iteration order, and
        # so every tie-break in the pipeline, the same from run to run (resume == uninterrupted).
        os.environ.setdefault("PYTHONHASHSEED", "0")
        kw = {"max_workers": workers, "mp_context": ctx, "initializer": _pool_worker}
        if max_tasks_per_child:
            kw["max_tasks_per_child"] = max_tasks_per_child
        return ProcessPoolExecutor(**kw)

    source: Iterator[dict] = iter(chunks)
    retry: deque[tuple[dict, bool]] = deque()  # (chunk, is_single_retry)
    pool = make_pool()
    inflight: dict = {}
    try:
        while True:
            while len(inflight) < 2 * workers:
                if retry:
                    chunk, single = retry.popleft()
                else:
                    chunk = next(source, None)
                    single = False
                    if chunk is None:
                        break
                inflight[pool.submit(process_chunk, chunk, out)] = (chunk, single)
            if not inflight:
                break
            finished, _ = wait(list(inflight), return_when=FIRST_COMPLETED)
            broken = False
            for fut in finished:
                chunk, single = inflight.pop(fut)
                try:
                    on_done(fut.result())
                except BrokenProcessPool:
                    broken = True
                    if single or len(chunk["items"]) == 1:
                        rows = _crash_rows(chunk, "worker process died while analysing this document")
                        write_part(out, chunk["part"], rows=rows)
                        on_done({"part": chunk["part"], "docs": 0, "errors": len(chunk["items"]),
                                 "items": len(chunk["items"]), "seconds": 0.0, "pid": None,
                                 "maxrss_kb": 0})
                    else:
                        for k, it in enumerate(chunk["items"]):
                            retry.append(({"part": f"{chunk['part']}-r{k:04d}", "items": [it]}, True))
            if broken:
                for fut in list(inflight):  # every other in-flight chunk failed with the pool
                    chunk, single = inflight.pop(fut)
                    try:
                        on_done(fut.result())
                    except BrokenProcessPool:
                        retry.append((chunk, single))
                pool.shutdown(wait=False, cancel_futures=True)
                pool = make_pool()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


# ---------------------------------------------------------------------------------------------
# dask: a LocalCluster or an existing scheduler
# ---------------------------------------------------------------------------------------------

def run_dask(chunks: Iterable[dict], out: str, workers: int, on_done: Callable[[dict], None],
             scheduler: str | None = None, cluster_kwargs: dict | None = None) -> None:
    """Run chunks on Dask: ``scheduler`` (``tcp://HOST:PORT``) or a new ``LocalCluster`` of
    ``workers`` single-threaded workers.  Results come back as Arrow IPC bytes and the client
    writes the parts, so workers need no access to ``out``."""
    from distributed import Client, LocalCluster, as_completed
    from zongjie.batch.store import ipc_to_table, write_part

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        kw = {"n_workers": workers, "threads_per_worker": 1, "processes": True,
              "dashboard_address": None, "silence_logs": 40}
        kw.update(cluster_kwargs or {})
        cluster = LocalCluster(**kw)
        client = Client(cluster)
    try:
        nworkers = max(1, len(client.scheduler_info().get("workers", {})) or workers)
        source = iter(chunks)
        ac = as_completed()
        pending: dict = {}

        def submit_next() -> bool:
            chunk = next(source, None)
            if chunk is None:
                return False
            fut = client.submit(process_chunk, chunk, None, key=f"zongjie-{chunk['part']}", pure=False)
            pending[fut.key] = chunk
            ac.add(fut)
            return True

        for _ in range(2 * nworkers):
            if not submit_next():
                break
        for fut in ac:
            chunk = pending.pop(fut.key)
            try:
                res = fut.result()
                tables = {k: ipc_to_table(v) for k, v in res.pop("tables").items()}
                write_part(out, res["part"], tables=tables)
            except Exception as exc:  # a task that failed as a whole (worker lost, …)
                msg = f"dask task failed: {type(exc).__name__}: {exc}"
                write_part(out, chunk["part"], rows=_crash_rows(chunk, msg))
                res = {"part": chunk["part"], "docs": 0, "errors": len(chunk["items"]),
                       "items": len(chunk["items"]), "seconds": 0.0, "pid": None, "maxrss_kb": 0}
            fut.release()
            on_done(res)
            submit_next()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
