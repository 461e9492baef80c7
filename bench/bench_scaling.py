"""How `check` scales with the size of one document (issue 14).

Inputs: 1, 2, 4, 8 and 16 MB (UTF-8) made of the real reports of ``corpora/public``, each with
its title line, concatenated under one title until the size is reached — a realistic long
document (the reports are repeated beyond about 2 MB).  For each size, in a fresh process each:

* ``analyze``: ``zongjie.analyze(text)`` in-process (structure, extract, check), wall and CPU
  seconds, and the process's peak RSS (``ru_maxrss``; the interpreter and imports included);
* ``cli``: ``zongjie check FILE --format json`` — what a user waits for, reading included.

``--shape parts`` builds instead one report whose problems part holds the problem statements of
all the public reports and whose plans part holds their plan items (8 plan items per problem,
repeated to the size): thousands of problems against tens of thousands of plan items, the case
where the problem → plan alignment was quadratic.  Results go to ``bench_scaling_parts.json``.

The ratio per doubling (time at 2S / time at S) should stay ≤ 2.2.  CPU seconds are the ones to
compare on a shared machine; wall seconds are shown too.  Each figure is the minimum of
``--runs`` runs (other sessions share the cores: the minimum is the least disturbed run).  Last, a 50 MB text must be refused with
the one-line ``--max-size`` error (exit 2) at once.

Run: ``.venv/bin/python bench/bench_scaling.py [--sizes 1,2,4,8,16]``; writes
``bench/results/bench_scaling.json``.
"""

from __future__ import annotations

import argparse
import functools
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TITLE = "2025年度工作总结暨2026年度工作计划"

# run in a child: the in-process measurement of one size
CHILD = r"""
import json, resource, sys, time
import zongjie
text = open(sys.argv[1], encoding="utf-8").read()
t, c = time.perf_counter(), time.process_time()
doc = zongjie.analyze(text)
wall, cpu = time.perf_counter() - t, time.process_time() - c
print(json.dumps({"wall": wall, "cpu": cpu, "findings": len(doc.findings),
                  "sections": sum(1 for _ in doc.walk()), "claims": len(doc.claims),
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


@functools.lru_cache(maxsize=1)
def _statements() -> tuple[list[str], list[str]]:
    """The problem statements and plan items of the public reports (computed once per run)."""
    import zongjie
    from zongjie import matcher

    probs, plans = [], []
    for path in sorted(glob.glob(str(ROOT / "corpora" / "public" / "*" / "*.jsonl"))):
        for line in open(path, encoding="utf-8"):
            r = json.loads(line)
            doc = zongjie.structure((r.get("title") or "") + "\n" + r["text"])
            probs += [st.text for st in matcher.problem_statements(doc)]
            plans += [st.text for st in matcher.plan_items(doc)]
    return probs, plans


def make_parts_text(size: int) -> str:
    """One report: a problems part and a plans part made of the public reports' statements."""
    probs, plans = _statements()
    head = "某市2025年工作总结暨2026年工作计划\n一、存在的问题\n"
    pp: list[str] = []
    pl: list[str] = []
    n, k = len(head.encode()), 0
    while n < size:
        pp.append(probs[k % len(probs)] + "。\n")
        pl.extend(plans[(8 * k + j) % len(plans)] + "。\n" for j in range(8))
        n += len(pp[-1].encode()) + sum(len(x.encode()) for x in pl[-8:])
        k += 1
    return head + "".join(pp) + "二、下一步工作计划\n" + "".join(pl)


def make_text(size: int) -> str:
    """Real reports, each with its title line, after one title, until ``size`` UTF-8 bytes."""
    reports = []
    for path in sorted(glob.glob(str(ROOT / "corpora" / "public" / "*" / "*.jsonl"))):
        for line in open(path, encoding="utf-8"):
            r = json.loads(line)
            reports.append((r.get("title") or "").strip() + "\n" + r["text"].strip() + "\n")
    parts, n, k = [TITLE + "\n"], len(TITLE.encode()) + 1, 0
    while n < size:
        s = reports[k % len(reports)]
        parts.append(s)
        n += len(s.encode())
        k += 1
    return "".join(parts)


def timed_child(cmd: list[str]) -> tuple[float, float, float, int, bytes, bytes]:
    """(wall s, CPU s, peak RSS MB, exit code, stdout, stderr) of a child process: its own CPU
    time and peak RSS come from ``os.wait4``."""
    t = time.perf_counter()
    with tempfile.TemporaryFile() as fo, tempfile.TemporaryFile() as fe:
        p = subprocess.Popen(cmd, stdout=fo, stderr=fe, cwd=ROOT)
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t
        p.returncode = os.waitstatus_to_exitcode(status)
        fo.seek(0)
        fe.seek(0)
        return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024, p.returncode, fo.read(), fe.read()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1,2,4,8,16", help="MB (10^6 bytes of UTF-8)")
    ap.add_argument("--runs", type=int, default=3, help="runs per size and mode (the minimum is kept)")
    ap.add_argument("--shape", choices=("reports", "parts"), default="reports")
    ap.add_argument("--out", default=None, help="default: bench/results/bench_scaling[_parts].json")
    a = ap.parse_args()
    if a.out is None:
        suffix = "" if a.shape == "reports" else "_parts"
        a.out = str(ROOT / "bench" / "results" / f"bench_scaling{suffix}.json")
    make = make_text if a.shape == "reports" else make_parts_text
    py = sys.executable
    zj = shutil.which("zongjie", path=str(Path(py).parent)) or "zongjie"
    sizes = [float(s) for s in a.sizes.split(",")]
    rows = []
    with tempfile.TemporaryDirectory(prefix="zj-scaling-") as tmp:
        for mb in sizes:
            text = make(int(mb * 1_000_000))
            path = Path(tmp) / f"report-{mb:g}MB.txt"
            path.write_text(text, encoding="utf-8")
            runs, cli_runs = [], []
            for _ in range(a.runs):
                _, _, _, rc, out, err = timed_child([py, "-c", CHILD, str(path)])
                if rc != 0:
                    raise SystemExit(f"analyze failed at {mb:g} MB: {err.decode()[-2000:]}")
                runs.append(json.loads(out))
                cwall, ccpu, crss, crc, _, cerr = timed_child([zj, "check", str(path), "--format", "json"])
                if crc not in (0, 1):
                    raise SystemExit(f"check failed at {mb:g} MB (exit {crc}): {cerr.decode()[-2000:]}")
                cli_runs.append((cwall, ccpu, crss))
            inproc = dict(runs[0], wall=min(r["wall"] for r in runs), cpu=min(r["cpu"] for r in runs),
                          peak_rss_mb=max(r["peak_rss_mb"] for r in runs))
            cwall, ccpu, crss = (min(r[0] for r in cli_runs), min(r[1] for r in cli_runs),
                                 max(r[2] for r in cli_runs))
            row = {"mb": mb, "bytes": len(text.encode()), "chars": len(text),
                   "analyze_wall_s": round(inproc["wall"], 3), "analyze_cpu_s": round(inproc["cpu"], 3),
                   "analyze_peak_rss_mb": round(inproc["peak_rss_mb"], 1),
                   "cli_wall_s": round(cwall, 3), "cli_cpu_s": round(ccpu, 3), "cli_peak_rss_mb": round(crss, 1),
                   "cli_exit": crc, "findings": inproc["findings"], "sections": inproc["sections"],
                   "claims": inproc["claims"], "load_avg": round(os.getloadavg()[0], 2)}
            rows.append(row)
            print(f"{mb:5g} MB  analyze {row['analyze_wall_s']:7.2f} s wall {row['analyze_cpu_s']:7.2f} s cpu "
                  f"{row['analyze_peak_rss_mb']:7.1f} MB | cli {row['cli_wall_s']:7.2f} s wall "
                  f"{row['cli_cpu_s']:7.2f} s cpu {row['cli_peak_rss_mb']:7.1f} MB | load {row['load_avg']}",
                  flush=True)
        # the 20 MB default limit: a 50 MB text is refused before any analysis
        big = Path(tmp) / "report-50MB.txt"
        big.write_text(make_text(50_000_000), encoding="utf-8")
        bwall, bcpu, brss, brc, _, berr = timed_child([zj, "check", str(big)])
    ratios = []
    for prev, cur in zip(rows, rows[1:]):
        f = cur["mb"] / prev["mb"]
        ratios.append({"from_mb": prev["mb"], "to_mb": cur["mb"],
                       **{k: round(cur[k] / prev[k], 2) if prev[k] else None
                          for k in ("analyze_wall_s", "analyze_cpu_s", "cli_wall_s", "cli_cpu_s")},
                       "size_factor": f})
    lines = berr.decode("utf-8", "replace").strip().splitlines()
    limit = {"mb": 50, "exit": brc, "wall_s": round(bwall, 3), "cpu_s": round(bcpu, 3),
             "peak_rss_mb": round(brss, 1), "stderr_lines": len(lines), "stderr": lines[:2]}
    worst = max((r[k] for r in ratios for k in ("analyze_cpu_s", "cli_cpu_s") if r[k] is not None), default=None)
    result = {"what": "zongjie check on one long document made of the public reports",
              "shape": a.shape,
              "python": sys.version.split()[0], "cpus": os.cpu_count(), "runs": a.runs, "sizes": rows,
              "ratio_per_doubling": ratios, "worst_cpu_ratio": worst, "target_ratio": 2.2,
              "max_size_check": limit, "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
    print("ratio per doubling (cpu): " + ", ".join(
        f"{r['from_mb']:g}→{r['to_mb']:g} MB analyze {r['analyze_cpu_s']}× cli {r['cli_cpu_s']}×" for r in ratios))
    print(f"50 MB: exit {brc} in {bwall:.2f} s, {len(lines)} stderr line(s): {lines[:1]}")
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    Path(a.out).write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"written {a.out}")


if __name__ == "__main__":
    main()
