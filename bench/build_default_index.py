"""Build the suggestion index shipped in ``models/suggest_index`` (reproducible).

Sources, in this order (each sorted, missing ones reported and skipped):

1. the team's own documents: ``corpora/annotated/`` and ``corpora/drafts/`` (work summaries,
   述职报告, a government report; every plan sentence kept);
2. ``corpora/seed.txt``;
3. the real reports of ``corpora/public/*/*.jsonl`` (national and provincial 政府工作报告,
   CPC congress reports). To keep the shipped index small (< 5 MB) only two kinds of their plan
   sentences are kept: the ones aligned to a problem statement (real problem → plan answers) and
   short action items (≤ 26 characters: sub-section headings such as 加快信息化建设).

The result depends only on the inputs: documents are read in sorted order, the index carries no
timestamp, numpy's savez_compressed output is deterministic for equal arrays.

    .venv/bin/python bench/build_default_index.py [--out models/suggest_index] [--min-df 2]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CORPORA_DIR = ROOT / "corpora"
TEAM = [ROOT / "corpora" / "annotated", ROOT / "corpora" / "drafts"]
LARGE_MAX_UNIT = 26


def sources() -> list[tuple[str, bool]]:
    """(input, is_large_report_corpus)"""
    out: list[tuple[str, bool]] = []
    for d in TEAM:
        if d.is_dir():
            out.append((str(d), False))
        else:
            print(f"build_default_index: {d} missing, skipped", file=sys.stderr)
    seed = CORPORA_DIR / "seed.txt"
    if seed.is_file():
        out.append((str(seed), False))
    corp = CORPORA_DIR / "public"
    if corp.is_dir():
        for f in sorted(corp.glob("*/*.jsonl")):
            out.append((str(f), True))
    else:
        print(f"build_default_index: {corp} missing, skipped", file=sys.stderr)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=str(ROOT / "models" / "suggest_index"))
    ap.add_argument("--min-df", type=int, default=2)
    ap.add_argument("--max-unit", type=int, default=LARGE_MAX_UNIT,
                    help="longest unpaired plan sentence kept from the large report corpora")
    ap.add_argument("--dtype", default="float16", choices=("float16", "float32"))
    args = ap.parse_args()

    from zongjie.suggest.index import SuggestIndex, mine_archive

    t0 = time.perf_counter()
    mined, large = [], set()
    for src, is_large in sources():
        for m in mine_archive([src], on_error=lambda i, e: print(f"  skipped {e}", file=sys.stderr)):
            if not is_large:
                # ids relative to the repository, not to the machine that built the index
                m.id = os.path.relpath(os.path.join(src, m.id), ROOT) if os.path.isdir(src) else Path(src).name
            else:
                large.add(m.id)
            mined.append(m)
    t_mine = time.perf_counter() - t0

    def keep(m, text: str, paired: bool) -> bool:
        return m.id not in large or paired or len(text) <= args.max_unit

    ix = SuggestIndex.build(mined, min_df=args.min_df, keep_unit=keep, stamp=False, dtype=args.dtype)
    out = ix.save(args.out)
    size = sum(f.stat().st_size for f in out.iterdir())
    print(f"{len(mined)} documents ({len(large)} large reports), {ix.meta['units']} plan sentences, "
          f"{ix.meta['pairs']} pairs, vocabulary {ix.meta['vocabulary']}; {size / 1e6:.2f} MB in {out} "
          f"(mining {t_mine:.1f} s, total {time.perf_counter() - t0:.1f} s)")


if __name__ == "__main__":
    main()
