"""Engine speed, as ratios against baselines run side by side.

1. cold `zongjie outline --json SEED` and `zongjie check --format json SEED` wall time /
   `python3 -c pass` (target <= 3), with the start-up caches filled (``zongjie.rx``,
   ``zongjie.datafiles``) and, for check, also on a first run with them empty
2. `zongjie.analyze` over all of corpora/public / one `jieba.lcut` pass over the same texts (target <= 0.5)
   (also `zongjie.structure` alone)
Prints a table and writes bench/results/bench_engine.json.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPORA_DIR = ROOT / "corpora"


def wall(cmd: list[str], runs: int = 15) -> float:
    """Median wall time of a cold run (also records the median CPU time in CPU_TIMES)."""
    import resource

    times, cpu = [], []
    for _ in range(runs):
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=ENV)
        times.append(time.perf_counter() - t)
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime)
    CPU_TIMES[" ".join(cmd[1:2])] = statistics.median(cpu)
    return statistics.median(times)


CPU_TIMES: dict[str, float] = {}
# A user's install has byte-code caches (pip compiles them); measure that, not source compilation.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def main() -> None:
    py = sys.executable
    exe = str(Path(py).parent / "zongjie")
    seed = str(CORPORA_DIR / "seed.txt")
    import compileall

    for pkg in ("pipeline", "cli", "models"):  # the folders mapped into the zongjie package
        compileall.compile_dir(str(ROOT / pkg), quiet=1)
    import tempfile

    # The start-up caches (compiled patterns, parsed TOML) live in a directory of their own here:
    # first a run on a machine where they are empty, then cold processes that find them, as a
    # user's second and later runs do (the same way byte-code caches are measured warm).
    cache = tempfile.mkdtemp(prefix="zongjie-bench-cache-")
    ENV["ZONGJIE_CACHE_DIR"] = cache
    first = []
    for _ in range(5):
        import shutil

        shutil.rmtree(cache, ignore_errors=True)
        t = time.perf_counter()
        subprocess.run([exe, "check", "--format", "json", seed], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, check=False, env=ENV)
        first.append(time.perf_counter() - t)
    first_check = statistics.median(first)
    base = wall([py, "-c", "pass"])
    outline = wall([exe, "outline", "--json", seed])
    check = wall([exe, "check", "--format", "json", seed])
    texts = []
    for f in sorted((CORPORA_DIR / "public").glob("*/*.jsonl")):
        texts += [json.loads(line)["text"] for line in f.open(encoding="utf-8")]
    import jieba

    jieba.initialize()
    import zongjie

    zongjie.analyze(texts[0])  # warm imports
    t = time.perf_counter()
    for x in texts:
        jieba.lcut(x)
    t_jieba = time.perf_counter() - t
    t = time.perf_counter()
    for x in texts:
        zongjie.structure(x)
    t_struct = time.perf_counter() - t
    t = time.perf_counter()
    for x in texts:
        zongjie.analyze(x)
    t_analyze = time.perf_counter() - t
    chars = sum(map(len, texts))
    cpu_base = CPU_TIMES["-c"]
    cpu_outline = CPU_TIMES["outline"]
    cpu_check = CPU_TIMES["check"]
    res = {
        "python_c_pass_cpu_s": cpu_base, "outline_cpu_ratio": cpu_outline / cpu_base,
        "check_cpu_ratio": cpu_check / cpu_base,
        "python_c_pass_s": base, "zongjie_outline_cold_s": outline, "outline_ratio": outline / base,
        "zongjie_check_cold_s": check, "check_ratio": check / base,
        "zongjie_check_first_run_s": first_check, "check_first_run_ratio": first_check / base,
        "documents": len(texts), "chars": chars, "jieba_lcut_s": t_jieba, "structure_s": t_struct,
        "analyze_s": t_analyze, "structure_vs_jieba": t_struct / t_jieba, "analyze_vs_jieba": t_analyze / t_jieba,
        "cpu": os.cpu_count(),
    }
    for k, v in res.items():
        print(f"{k:28s} {v:.4f}" if isinstance(v, float) else f"{k:28s} {v}")
    (ROOT / "bench/results").mkdir(exist_ok=True, parents=True)
    (ROOT / "bench/results/bench_engine.json").write_text(json.dumps(res, indent=1), "utf-8")


if __name__ == "__main__":
    main()
