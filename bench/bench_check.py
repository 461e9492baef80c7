"""Checker latency.

1. Cold start: ``zongjie check corpora/seed.txt`` (a fresh process each run) against
   ``python3 -c pass``; the target is a ratio ≤ 3. Also shown: the venv interpreter alone and
   ``import typer`` (the command line's framework), to see where the time goes.
2. In-process: the check stage alone, and structure + extract + check, on the longest real report
   in corpora/public (target for the check ≤ 50 ms), and on the seed.

Run: ``.venv/bin/python bench/bench_check.py [--runs 7]`` (medians; the machine is shared, so
numbers move by ±30 %).
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = str(ROOT / "corpora" / "seed.txt")


def timed(cmd: list[str], runs: int) -> tuple[float, float]:
    """(median wall time, median CPU time user+sys) of a fresh process. CPU time is what to compare
    on a shared, loaded machine; wall time is what a user waits."""
    import resource

    walls, cpus = [], []
    for _ in range(runs):
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
        walls.append(time.perf_counter() - t)
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append((r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime))
    return statistics.median(walls), statistics.median(cpus)


def inproc(fn, runs: int) -> tuple[float, float]:
    """(median wall, median CPU) seconds of ``fn()`` in this process."""
    walls, cpus = [], []
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - t)
        cpus.append(time.process_time() - c)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--public", default=str(ROOT / "corpora" / "public"))
    a = ap.parse_args()
    venv_py = sys.executable
    zj = shutil.which("zongjie", path=str(Path(venv_py).parent)) or "zongjie"
    py3 = shutil.which("python3") or "python3"

    print(f"== cold start (median of {a.runs} runs; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    rows = [(f"python3 -c pass  [{py3}]", [py3, "-c", "pass"]),
            ("venv python -c pass", [venv_py, "-c", "pass"]),
            ("venv python -c 'import typer'", [venv_py, "-c", "import typer"]),
            ("venv python -c 'import zongjie.cli.main'", [venv_py, "-c", "import zongjie.cli.main"]),
            ("zongjie check seed.txt", [zj, "check", SEED])]
    res = {label: timed(cmd, a.runs) for label, cmd in rows}
    print(f"  {'':44s} {'wall':>8s} {'cpu':>8s}")
    for label, (w, c) in res.items():
        print(f"  {label:44s} {w * 1000:6.0f} ms {c * 1000:6.0f} ms")
    (bw, bc), (cw, cc) = res[rows[0][0]], res[rows[-1][0]]
    vw, vc = res[rows[1][0]]
    print(f"  ratio check / python3 -c pass: wall {cw / bw:.2f}, cpu {cc / max(bc, 1e-6):.2f} (target ≤ 3)")
    print(f"  ratio check / venv python -c pass (no pyenv shim): wall {cw / vw:.2f}, cpu {cc / max(vc, 1e-6):.2f}")

    import zongjie
    from zongjie.checker import check, load_rules

    load_rules()
    docs = []
    for f in sorted(glob.glob(os.path.join(a.public, "*", "*.jsonl"))):
        for line in open(f, encoding="utf-8"):
            d = json.loads(line)
            docs.append((d["id"], d["text"], d.get("title")))
    docs.append(("seed", open(SEED, encoding="utf-8").read(), None))
    longest = max((d for d in docs if d[0] != "seed"), key=lambda d: len(d[1]))
    print(f"\n== in-process (median of {a.runs} runs, rules loaded)")
    for doc_id, text, title in (longest, docs[-1]):
        doc = zongjie.structure(text)
        if title:
            doc.meta["title"] = title
        zongjie.extract(doc)
        t_check, c_check = inproc(lambda doc=doc: check(doc), a.runs)

        def full(text=text):
            d = zongjie.structure(text)
            zongjie.extract(d)
            check(d)

        t_full, c_full = inproc(full, max(3, a.runs // 2))
        print(f"  {doc_id} ({len(text)} chars): check {t_check * 1000:.1f} ms wall / {c_check * 1000:.1f} ms cpu "
              f"(target ≤ 50); structure+extract+check {t_full * 1000:.0f} ms wall / {c_full * 1000:.0f} ms cpu")
    per_rule = {}
    doc = zongjie.structure(longest[1])
    doc.meta["title"] = longest[2]
    zongjie.extract(doc)
    from zongjie.checker import Ctx
    from zongjie.checker.config import Config
    from zongjie.checker.templates import choose

    for r in load_rules().values():
        ctx = Ctx(doc, choose(doc), Config())
        ctx.rule = r
        per_rule[r.name] = inproc(lambda r=r, ctx=ctx: r.func(ctx), 3)[1]
    print("  per rule on the longest report (cpu ms, shared caches warm): " +
          ", ".join(f"{k} {v * 1000:.1f}" for k, v in sorted(per_rule.items(), key=lambda kv: -kv[1])))


if __name__ == "__main__":
    main()
