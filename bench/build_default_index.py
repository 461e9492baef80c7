"""Build the suggestion index shipped in ``models/suggest_index`` (reproducible).

Sources, each sorted: the team's own documents (``corpora/annotated/``, ``corpora/drafts/``: work
summaries, 述职报告, a government report), ``corpora/seed.txt`` and the real reports of
``corpora/public/*/*.jsonl`` (national and provincial 政府工作报告, CPC congress reports). Every
report's plan parts are mined for measures (``zongjie.suggest.measures.mine``: the sentence
classifier keeps measures only). Document ids are repository paths for the team's files and the
``id`` field for JSONL records, so ``exclude_docs`` names a report the same way everywhere.

The result depends only on the inputs: documents are read in sorted order and the gzip stream
carries no timestamp.

    .venv/bin/python bench/build_default_index.py [--out models/suggest_index]
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
    args = ap.parse_args()

    from zongjie.archive import iter_documents
    from zongjie.runner import STRUCTURE, pipeline
    from zongjie.suggest.measures import MeasureIndex

    t0 = time.perf_counter()
    structure = pipeline(STRUCTURE)
    docs = []
    for src, is_large in sources():
        for doc_id, text, meta in iter_documents([src], errors="yield"):
            if text is None:
                print(f"  skipped {doc_id}: {meta.get('error')}", file=sys.stderr)
                continue
            if not is_large:  # ids relative to the repository, not to the machine that built the index
                doc_id = os.path.relpath(os.path.join(src, doc_id), ROOT) if os.path.isdir(src) else Path(src).name
            # a JSONL record's year and title: the texts of reports often lack them
            fields = {k: v for k, v in (meta.get("fields") or {}).items() if k in ("year", "title") and v}
            docs.append((doc_id, structure(str(text), file=doc_id, markdown=bool(meta.get("markdown")),
                                           meta=fields or None)))
    t_read = time.perf_counter() - t0
    ix = MeasureIndex.build(docs)
    for old in Path(args.out).glob("*"):  # the files of an older index format
        if old.name != "measures.json.gz":
            old.unlink()
    path = ix.save(args.out)
    print(f"{len(docs)} documents, {len(ix)} measures; {path.stat().st_size / 1e6:.2f} MB in {path} "
          f"(reading {t_read:.1f} s, mining {time.perf_counter() - t0 - t_read:.1f} s, "
          f"{1000 * (time.perf_counter() - t0) / max(1, len(docs)):.0f} ms per document)")


if __name__ == "__main__":
    main()
