"""Batch analysis of report archives (``zongjie batch``): local processes or Dask.

    from zongjie.batch import run_batch
    res = run_batch(["archive/", "corpus.jsonl"], "out/", workers=2)

Writes the tables of :mod:`zongjie.batch.schema` as single Parquet files, ``zongjie.duckdb``,
``report.html`` and optionally ``report.xlsx``; resumable (content hash) and crash-safe (parts).
"""

from __future__ import annotations

__all__ = ["run_batch", "BatchResult"]

TYPE_CHECKING = False
if TYPE_CHECKING:  # what __getattr__ provides lazily, for type checkers and editors
    from zongjie.batch.run import BatchResult, run_batch


def __getattr__(name: str):
    if name in __all__:
        from zongjie.batch import run

        return getattr(run, name)
    raise AttributeError(name)
