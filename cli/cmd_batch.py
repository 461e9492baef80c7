"""`zongjie batch`: analyse an archive into Parquet tables, a DuckDB database and an HTML report.

Module-level imports stay light (typer and cli.common only); pandas/pyarrow/dask are imported by
the command.
"""

from __future__ import annotations

import typer
from zongjie.cli.common import fail, print_json


def batch(
    inputs: list[str] = typer.Argument(..., help="files, directories, globs, .zip archives, .jsonl corpora"),
    out: str = typer.Option(..., "--out", help="output directory (tables, zongjie.duckdb, report.html)"),
    workers: int = typer.Option(None, "--workers", min=1, help="worker processes (default: CPU cores)"),
    engine: str = typer.Option("local", "--engine", help="local (process pool) or dask"),
    scheduler: str = typer.Option(None, "--scheduler",
                                  help="Dask scheduler address tcp://HOST:PORT (default: a LocalCluster)"),
    xlsx: bool = typer.Option(False, "--xlsx", help="also write report.xlsx"),
    no_report: bool = typer.Option(False, "--no-report", help="skip report.html"),
    chunk: int = typer.Option(64, "--chunk", min=1, help="documents per part file"),
    retry_errors: bool = typer.Option(False, "--retry-errors",
                                      help="analyse again the inputs that failed before with the same content"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="no progress bar"),
    json_: bool = typer.Option(False, "--json", help="print the run summary as JSON"),
) -> None:
    """Analyse an archive of reports: tables, database, HTML report (resumable)."""
    import sys

    from zongjie.errors import ReadError, UsageError

    if engine not in ("local", "dask"):
        fail(f"--engine {engine}: expected local or dask")
    if scheduler and engine != "dask":
        fail("--scheduler needs --engine dask")
    try:
        from zongjie.batch.run import run_batch
    except ImportError as e:  # the batch extra is not installed
        fail(f"zongjie batch needs the 'batch' extra (pip install 'zongjie[batch]'): {e}")
    try:
        res = run_batch(inputs, out, workers=workers, engine=engine, scheduler=scheduler, xlsx=xlsx,
                        report=not no_report, progress=not quiet and not json_, chunk_docs=chunk,
                        retry_errors=retry_errors)
    except (UsageError, ReadError) as e:
        fail(str(e))
    except OSError as e:
        fail(f"{out}: {e.strerror or e}")
    if json_:
        print_json(res.to_dict())
    elif not quiet:
        known = (f" ({res.skipped_errors} of them failed before: --retry-errors to retry)"
                 if res.skipped_errors else "")
        sys.stderr.write(
            f"zongjie batch: {res.analysed} analysed, {res.skipped} already done{known}, {res.errors} errors; "
            f"{res.documents} documents in {out} ({res.seconds:.1f} s)\n")
    failed = res.errors + res.skipped_errors  # a rerun skips known errors: still none readable
    if res.documents == 0 and failed:
        fail(f"no readable document in the inputs ({failed} errors, see {out}/errors.parquet)")


def register(app: typer.Typer) -> None:
    app.command("batch")(batch)
