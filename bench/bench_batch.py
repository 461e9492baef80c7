"""Benchmark of `zongjie batch`: documents per second with 1 and 2 workers, peak memory at two
archive sizes, and the time of a rerun over a finished run (resume).

The archive is corpora/public (corpora/public from the repository) replicated to N
documents: copy k of a report gets the id ``<id>~k`` and one extra line, so every copy has its own
content hash and is really analysed.  Copies are written as JSONL files of 500 documents.

    .venv/bin/python bench/bench_batch.py                       # the defaults below
    .venv/bin/python bench/bench_batch.py --docs 10000 --mem-docs 1000,10000
    .venv/bin/python bench/bench_batch.py --docs 0 --mem-docs "" --resume-docs 1000   # resume only

``--resume-docs N``: an archive of N replicated reports plus a few corrupt .docx/.pdf files is
analysed once (2 workers, report.html), then run again in a fresh process: the resume must
analyse nothing, rebuild no output and leave every table identical (row counts and a sha256 of
the rows sorted by key, compared before/after).

Memory: RSS of the main process and of every child (workers, forkserver) sampled every 0.2 s
with psutil; peaks are reported per process kind and as the sum.  Results are printed as JSON
(and written to --json-out).
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import shutil
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "corpora" / "public"


def make_archive(n: int, dest: Path, per_file: int = 500, start: int = 0) -> list[str]:
    """Documents ``start`` … ``n - 1`` (document i is always the same), ``per_file`` per JSONL file
    (file k holds documents k·per_file …, so an archive extended from n to m documents keeps the
    files of the first n untouched when n is a multiple of ``per_file``)."""
    base = []
    for f in sorted(glob.glob(str(CORPORA / "*" / "*.jsonl"))):
        with open(f, encoding="utf-8") as fh:
            base += [json.loads(line) for line in fh if line.strip()]
    dest.mkdir(parents=True, exist_ok=True)
    files, fh = [], None
    for i in range(start, n):
        if i % per_file == 0 or fh is None:
            if fh:
                fh.close()
            suffix = "" if i % per_file == 0 else f"-from{i}"  # an extension's first, partial file
            files.append(str(dest / f"part-{i // per_file:04d}{suffix}.jsonl"))
            fh = open(files[-1], "w", encoding="utf-8")
        d = dict(base[i % len(base)])
        k = i // len(base)
        if k:
            d["id"] = f"{d['id']}~{k}"
            d["text"] = d["text"] + f"\n（归档副本{k}）"
        fh.write(json.dumps(d, ensure_ascii=False) + "\n")
    if fh:
        fh.close()
    return files


class RssSampler(threading.Thread):
    """Peak RSS of this process and of its children (workers, forkserver), per phase."""

    def __init__(self, interval: float = 0.2) -> None:
        super().__init__(daemon=True)
        import psutil

        self.proc = psutil.Process(os.getpid())
        self.interval = interval
        self.stop_ = threading.Event()
        self.phase = "start"
        self.peaks: dict[str, dict[str, int]] = {}

    def set_phase(self, name: str) -> None:
        self.phase = name

    def run(self) -> None:
        import psutil

        while not self.stop_.is_set():
            try:
                m = self.proc.memory_info().rss
                kids = []
                for c in self.proc.children(recursive=True):
                    try:
                        kids.append(c.memory_info().rss)
                    except psutil.Error:
                        pass
                p = self.peaks.setdefault(self.phase, {"main": 0, "worker": 0, "total": 0})
                p["main"] = max(p["main"], m)
                p["worker"] = max([p["worker"], *kids])
                p["total"] = max(p["total"], m + sum(kids))
            except psutil.Error:
                pass
            self.stop_.wait(self.interval)

    def stop(self) -> dict:
        self.stop_.set()
        self.join()
        mb = 1024 * 1024
        return {ph: {k + "_mb": round(v / mb, 1) for k, v in p.items()} for ph, p in self.peaks.items()}


def add_broken(dest: Path, n: int) -> list[str]:
    """``n`` corrupt inputs: truncated .docx files (a zip header and garbage) and PDFs without
    any object, alternately; each with its own bytes."""
    dest.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        if i % 2 == 0:
            p, data = dest / f"broken-{i:02d}.docx", b"PK\x03\x04" + f"truncated {i}".encode() * 50
        else:
            p, data = dest / f"broken-{i:02d}.pdf", f"%PDF-1.4\n% broken {i}\n%%EOF\n".encode()
        p.write_bytes(data)
        paths.append(str(p))
    return paths


def table_checksums(out: Path) -> dict[str, dict]:
    """Rows and a sha256 of the rows sorted by key, per table (run-to-run comparison)."""
    import hashlib

    import pyarrow.parquet as pq
    from zongjie.batch.schema import ALL_TABLES, KEYS

    res = {}
    for name in ALL_TABLES:
        df = pq.read_table(out / f"{name}.parquet").to_pandas()
        keys = [k for k in KEYS.get(name, ()) if k in df.columns] or list(df.columns[:1])
        df = df.sort_values(keys, kind="stable").reset_index(drop=True)
        h = hashlib.sha256()
        for row in df.itertuples(index=False, name=None):
            h.update(repr(row).encode("utf-8", "surrogatepass"))
        res[name] = {"rows": len(df), "sha256": h.hexdigest()}
    return res


def resume_bench(n: int, broken: int, tmp: Path) -> dict:
    """A full run over ``n`` documents + ``broken`` corrupt files, then a resume, each in a fresh
    process; the resume's time and whether the tables stayed identical."""
    import subprocess
    import time

    inputs = make_archive(n, tmp / f"in-resume-{n}") + add_broken(tmp / f"in-resume-{n}" / "broken", broken)
    out = tmp / f"resume-{n}"
    first = sub_run(inputs, out, 2, report=True)
    before = table_checksums(out)
    outputs = {p.name: p.stat().st_mtime_ns for p in (out / "zongjie.duckdb", out / "report.html")}
    t = time.perf_counter()
    again = sub_run(inputs, out, 2, report=True)
    wall = time.perf_counter() - t
    after = table_checksums(out)
    # the command line a user types, for the whole-process time (interpreter, imports, lock)
    zj = shutil.which("zongjie", path=str(Path(sys.executable).parent)) or "zongjie"
    t = time.perf_counter()
    cli = subprocess.run([zj, "batch", *inputs, "--out", str(out), "--quiet"], cwd=ROOT, capture_output=True)
    cli_wall = time.perf_counter() - t
    return {"docs": n, "broken_files": broken, "first_run": {k: first[k] for k in ("analysed", "errors", "seconds")},
            "resume": {k: again[k] for k in ("analysed", "skipped", "errors", "seconds", "rebuilt", "parts")},
            "resume_run_batch_s": again["seconds"], "resume_process_wall_s": round(wall, 2),
            "resume_cli_wall_s": round(cli_wall, 2), "resume_cli_exit": cli.returncode,
            "outputs_untouched": outputs == {p.name: p.stat().st_mtime_ns
                                             for p in (out / "zongjie.duckdb", out / "report.html")},
            "tables_identical": before == table_checksums(out) == after, "tables": after}


def extend_bench(inputs: list[str], out: Path, n: int, extra: int, tmp: Path) -> dict:
    """Add ``extra`` new documents (new JSONL files next to the old ones, which stay untouched)
    to the finished run ``out`` of the first ``n``, in a fresh process: the time of the run and
    of the whole process, what it analysed and whether it rebuilt the outputs."""
    import time

    new = make_archive(n + extra, tmp / f"in-{n}", start=n)
    t = time.perf_counter()
    r = sub_run(inputs + new, out, 2, report=False)
    wall = time.perf_counter() - t
    return {"docs_before": n, "docs_added": extra, "run_batch_s": r["seconds"], "process_wall_s": round(wall, 2),
            "analyse_s": r["analyse_seconds"], "output_s": r["output_seconds"], "analysed": r["analysed"],
            "skipped": r["skipped"], "rebuilt": r["rebuilt"], "timings": r["timings"], "memory": r["memory"],
            "loadavg": r["loadavg"]}


def one_run(inputs: list[str], out: Path, workers: int, report: bool) -> dict:
    """One batch run in this (fresh) process, with its memory sampled."""
    from zongjie.batch.run import run_batch

    engine = os.environ.get("ZJ_BENCH_ENGINE", "local")  # set by dask_bench
    scheduler = os.environ.get("ZJ_BENCH_SCHEDULER") or None
    s = RssSampler()
    s.start()
    r = run_batch(inputs, out, workers=workers, progress=False, report=report, on_phase=s.set_phase,
                  engine=engine, scheduler=scheduler)
    mem = s.stop()
    return {"engine": engine if not scheduler else "dask (scheduler address)", "workers": workers,
            "analysed": r.analysed, "skipped": r.skipped, "errors": r.errors,
            "skipped_errors": r.skipped_errors, "rebuilt": r.rebuilt, "parts": r.parts,
            "seconds": round(r.seconds, 2), "analyse_seconds": round(r.analyse_seconds, 2),
            "docs_per_s": round(r.analysed / r.analyse_seconds, 2) if r.analysed else None,
            # everything after the analysis: compaction, archive tables, DuckDB, report
            "output_seconds": round(r.seconds - r.analyse_seconds, 2),
            "end_to_end_docs_per_s": round(r.analysed / r.seconds, 2) if r.analysed else None,
            "worker_cpu_s": round(r.worker_cpu_seconds, 2), "main_cpu_s": round(r.main_cpu_seconds, 2),
            "docs_per_worker_cpu_s": round(r.analysed / r.worker_cpu_seconds, 2) if r.worker_cpu_seconds else None,
            "loadavg": os.getloadavg(),
            "memory": mem, "worker_maxrss_mb": round(r.worker_maxrss_kb / 1024, 1),
            "timings": {k: round(v, 2) for k, v in r.timings.items()}}


def sub_run(inputs: list[str], out: Path, workers: int, report: bool, env: dict | None = None) -> dict:
    import subprocess

    cmd = [sys.executable, __file__, "--one", str(out), str(workers), "1" if report else "0", *inputs]
    p = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env={**os.environ, **(env or {})})
    if p.returncode:
        raise SystemExit(p.stderr)
    r = json.loads(p.stdout.strip().splitlines()[-1])
    print(json.dumps(r, ensure_ascii=False), flush=True)
    return r


def dask_bench(n: int, tmp: Path) -> dict:
    """The same archive on the local engine, on Dask's default LocalCluster (2 single-threaded
    worker processes) and on an existing cluster given by its scheduler address (a LocalCluster
    this process starts, as an operator would start `dask scheduler` and `dask worker`): docs/s of
    each and whether their tables are identical (row counts and sha256 of the sorted rows)."""
    from dask.distributed import LocalCluster

    inputs = make_archive(n, tmp / f"in-dask-{n}")
    runs, sums = [], []
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        for name, env in (("local", {}), ("dask", {"ZJ_BENCH_ENGINE": "dask"}),
                          ("scheduler", {"ZJ_BENCH_ENGINE": "dask", "ZJ_BENCH_SCHEDULER": cluster.scheduler_address})):
            out = tmp / f"dask-{name}"
            r = sub_run(inputs, out, 2, report=False, env=env)
            runs.append(r)
            sums.append(table_checksums(out))
            shutil.rmtree(out, ignore_errors=True)
    # the tables carry the input path; the three runs read the same files
    return {"docs": n, "runs": runs, "tables_identical": sums[0] == sums[1] == sums[2]}


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--one":
        out, workers, report, *inputs = sys.argv[2:]
        print(json.dumps(one_run(inputs, Path(out), int(workers), report == "1"), ensure_ascii=False))
        return
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=300, help="documents for the 1-vs-2-worker runs")
    ap.add_argument("--mem-docs", default="300,1500", help="two archive sizes for the memory runs")
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--resume-docs", type=int, default=0,
                    help="also time the resume of an archive of this many documents with broken files")
    ap.add_argument("--broken", type=int, default=6, help="corrupt .docx/.pdf files in the resume archive")
    ap.add_argument("--extend-docs", type=int, default=0,
                    help="then add this many new documents to the finished 2-worker run of --docs")
    ap.add_argument("--keep-tables", default=None,
                    help="write the table checksums of the 2-worker run of --docs to this JSON file")
    ap.add_argument("--dask-docs", type=int, default=0,
                    help="also run this many documents on the local engine, Dask's LocalCluster and a scheduler address")
    ap.add_argument("--json-out", default=None)
    ap.add_argument("--tmp", default=None, help="work directory (default: a temporary one)")
    a = ap.parse_args()
    tmp = Path(a.tmp or tempfile.mkdtemp(prefix="zongjie-bench-"))
    res: dict = {"cpus": os.cpu_count(), "loadavg_start": os.getloadavg(), "docs": a.docs,
                 "throughput": [], "memory": []}
    try:
        inputs = make_archive(a.docs, tmp / f"in-{a.docs}") if a.docs else []
        for w in [int(x) for x in a.workers.split(",")] if a.docs else []:
            out = tmp / f"out-{a.docs}-w{w}"
            res["throughput"].append(sub_run(inputs, out, w, report=False))
            if w == 1:
                res["resume"] = sub_run(inputs, out, w, report=False)  # a finished run: all skipped
            if w == 2 and a.keep_tables:
                Path(a.keep_tables).write_text(json.dumps(table_checksums(out), indent=1), encoding="utf-8")
            if w == 2 and a.extend_docs:
                res["extend"] = extend_bench(inputs, out, a.docs, a.extend_docs, tmp)
            shutil.rmtree(out, ignore_errors=True)
        t = res["throughput"]
        if len(t) >= 2 and t[0]["docs_per_s"]:
            res["speedup"] = round(t[1]["docs_per_s"] / t[0]["docs_per_s"], 2)
        for n in [int(x) for x in a.mem_docs.split(",") if x]:
            inputs = make_archive(n, tmp / f"in-{n}")
            r = sub_run(inputs, tmp / f"mem-{n}", 2, report=True)
            r["docs"] = n
            res["memory"].append(r)
            shutil.rmtree(tmp / f"mem-{n}", ignore_errors=True)
        if a.dask_docs:
            res["dask"] = dask_bench(a.dask_docs, tmp)
            print("dask: " + ", ".join(f"{r['engine']} {r['docs_per_s']} docs/s" for r in res["dask"]["runs"])
                  + f"; tables identical: {res['dask']['tables_identical']}", flush=True)
        if a.resume_docs:
            res["resume_broken"] = resume_bench(a.resume_docs, a.broken, tmp)
            r = res["resume_broken"]
            print(f"resume of {a.resume_docs} documents + {a.broken} broken files: run_batch "
                  f"{r['resume_run_batch_s']} s, process {r['resume_process_wall_s']} s, "
                  f"CLI {r['resume_cli_wall_s']} s; tables identical: {r['tables_identical']}", flush=True)
        res["loadavg_end"] = os.getloadavg()
    finally:
        if not a.tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    print(json.dumps(res, ensure_ascii=False, indent=1))
    if a.json_out:
        Path(a.json_out).write_text(json.dumps(res, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
