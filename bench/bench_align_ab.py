"""`matcher.align` of this tree against another version's matcher, side by side in one process.

The other version is a `matcher.py` file (`git show REV:pipeline/matcher.py > /tmp/matcher_base.py`);
it is loaded as a module of its own, importing the rest of the package from this tree. Both align
every document of `corpora/` (the batch worker's reading: `zongjie.batch.run.iter_items`) back to
back, their caches emptied before each call, the order alternating from document to document, the
garbage collector frozen and off as in a batch worker. Before timing, the two must give the same
alignments (problem, plan, `repr` of the score) on every document. Reports CPU ms per document and
the ratio per repetition: on a shared machine the ratio is the number to read.

    git show HEAD~1:pipeline/matcher.py > /tmp/matcher_base.py
    .venv/bin/python bench/bench_align_ab.py --base /tmp/matcher_base.py [--reps 5] [--out FILE]
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import os
import statistics
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def clear(matcher: ModuleType) -> None:
    """Every memo of a matcher module (a batch worker starts each chunk with empty caches)."""
    matcher._ALIGNED.clear()
    matcher._LAST_RARITY[0] = None
    for name in dir(matcher):
        f = getattr(matcher, name)
        if callable(f) and hasattr(f, "cache_clear") and name != "_data":
            f.cache_clear()


def load_module(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("matcher_base", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {path}")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def signature(matcher: ModuleType, doc: Any) -> list[tuple[str, str | None, str]]:
    clear(matcher)
    return [(a.problem.text, a.plan.text if a.plan else None, repr(a.score)) for a in matcher.align(doc)]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True, type=Path, help="the other version's matcher.py")
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--out", type=Path, default=None)
    a = ap.parse_args()
    from zongjie import matcher as new
    from zongjie.batch.run import iter_items
    from zongjie.runner import pipeline

    base = load_module(a.base)
    files = sorted(p for p in (ROOT / "corpora").rglob("*") if p.suffix in {".txt", ".md", ".docx", ".jsonl"})
    pipe = pipeline(("structure",))
    docs = [pipe(it["text"], file=it.get("path"), markdown=it.get("markdown"))
            for it in iter_items(files) if it.get("text")]
    differ = sum(signature(base, d) != signature(new, d) for d in docs)
    if differ:
        raise SystemExit(f"{differ} of {len(docs)} documents aligned differently: no timing")
    gc.collect()
    gc.freeze()
    gc.disable()
    clock = time.process_time
    per: dict[str, list[float]] = {"base": [], "new": []}
    for rep in range(a.reps):
        t = {"base": 0.0, "new": 0.0}
        for i, d in enumerate(docs):
            order = [("base", base), ("new", new)] if (i + rep) % 2 == 0 else [("new", new), ("base", base)]
            for label, m in order:
                clear(m)
                c0 = clock()
                m.align(d)
                t[label] += clock() - c0
        for k, v in t.items():
            per[k].append(1000 * v / len(docs))
    gc.enable()
    res = {"docs": len(docs), "reps": a.reps, "identical_alignments": True,
           "base_ms_per_doc": [round(x, 2) for x in per["base"]],
           "new_ms_per_doc": [round(x, 2) for x in per["new"]],
           "ratio_per_rep": [round(n / b, 3) for b, n in zip(per["base"], per["new"])],
           "ratio_median": round(statistics.median(per["new"]) / statistics.median(per["base"]), 3),
           "loadavg": os.getloadavg()}
    print(json.dumps(res))
    if a.out:
        a.out.write_text(json.dumps(res, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
