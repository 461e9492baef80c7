"""Evaluate the checker: recall/precision per rule on the team's annotated corpora, false errors on
clean documents, and what it says about the real reports in corpora/public.

* ``corpora/drafts/*`` and ``corpora/annotated/*``: every document with a JSON sidecar listing the
  expected findings (``findings: [{name, line, severity}]``). An expected finding is recalled when
  the checker reports the same rule name on the same line. Precision counts the checker's errors and
  warnings (infos are hints, not claims) that match an expected finding.
* ``corpora/public``: the 82 政府工作报告 (51 national, 31 provincial; the 15 CPC congress reports
  are shown apart), with the ``title`` field of each line as metadata (the texts carry no title).

Run: ``.venv/bin/python bench/eval_checker.py [--json OUT] [--show-real]``
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from zongjie.checker import check_text  # noqa: E402
from zongjie.reader import read_file  # noqa: E402


def sidecar_docs(folders=("corpora/drafts", "corpora/annotated")):
    """(path, sidecar dict) for every annotated document."""
    for folder in folders:
        for side in sorted((ROOT / folder).glob("*.json")):
            try:
                meta = json.loads(side.read_text("utf-8"))
            except ValueError:
                continue
            if not isinstance(meta, dict) or "kind" not in meta:
                continue
            path = side.parent / meta["file"] if meta.get("file") else None
            if path is None or not path.exists():
                base = side.with_suffix("")
                cands = [p for p in base.parent.glob(base.name + ".*") if p.suffix != ".json"]
                path = cands[0] if cands else None
            if path is not None:
                yield path, meta


def run_doc(path: Path):
    src = read_file(path)
    return check_text(src.text, file=str(path.relative_to(ROOT)), markdown=src.markdown)


def evaluate_annotated():
    per_rule = defaultdict(lambda: {"expected": 0, "recalled": 0, "reported": 0, "correct": 0})
    clean_errors: list[tuple[str, object]] = []
    misses: list[tuple[str, dict]] = []
    extras: list[tuple[str, object]] = []
    templates_wrong: list[tuple[str, str, str]] = []
    ndocs = nclean = 0
    for path, meta in sidecar_docs():
        ndocs += 1
        doc = run_doc(path)
        rel = str(path.relative_to(ROOT))
        if meta.get("template") and meta["template"] != doc.template:
            templates_wrong.append((rel, meta["template"], doc.template))
        exp = [(f["name"], f.get("line")) for f in meta.get("findings", [])]
        got = [(f.name, f.line) for f in doc.findings if f.severity in ("error", "warning")]
        # an expected finding without a line (a document-level finding) matches that rule anywhere
        wild = {n for n, ln in exp if ln is None}
        for name, line in exp:
            per_rule[name]["expected"] += 1
            if (name, line) in got or (line is None and any(n == name for n, _ in got)):
                per_rule[name]["recalled"] += 1
            else:
                misses.append((rel, {"name": name, "line": line}))
        for f in doc.findings:
            if f.severity not in ("error", "warning"):
                continue
            per_rule[f.name]["reported"] += 1
            if (f.name, f.line) in exp or f.name in wild:
                per_rule[f.name]["correct"] += 1
            else:
                extras.append((rel, f))
        if meta.get("kind") == "clean":
            nclean += 1
            clean_errors += [(rel, f) for f in doc.findings if f.severity == "error"]
    return {"docs": ndocs, "clean_docs": nclean, "per_rule": dict(per_rule), "clean_errors": clean_errors,
            "misses": misses, "extras": extras, "templates_wrong": templates_wrong}


def evaluate_real(shared: str):
    rows = []
    for f in sorted(glob.glob(os.path.join(shared, "*", "*.jsonl"))):
        corpus = os.path.basename(f)
        for line in open(f, encoding="utf-8"):
            d = json.loads(line)
            t0 = time.perf_counter()
            doc = check_text(d["text"], file=f"{corpus}#{d['id']}", markdown=False, meta={"title": d["title"]})
            rows.append({"id": d["id"], "corpus": corpus, "chars": len(d["text"]), "template": doc.template,
                         "ms": (time.perf_counter() - t0) * 1000, "findings": doc.findings})
    return rows


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--public", default=str(ROOT / "corpora" / "public"))
    ap.add_argument("--json", help="write the numbers as JSON here")
    ap.add_argument("--show-real", action="store_true", help="print every finding on the real reports")
    a = ap.parse_args()

    ev = evaluate_annotated()
    print(f"== annotated corpora: {ev['docs']} documents ({ev['clean_docs']} clean)")
    print(f"{'rule':28s} {'expected':>8s} {'recalled':>8s} {'recall':>7s} {'reported':>8s} {'correct':>7s} {'precision':>9s}")
    tot_e = tot_r = tot_rep = tot_c = 0
    for name, st in sorted(ev["per_rule"].items()):
        rec = st["recalled"] / st["expected"] if st["expected"] else float("nan")
        prec = st["correct"] / st["reported"] if st["reported"] else float("nan")
        tot_e += st["expected"]
        tot_r += st["recalled"]
        tot_rep += st["reported"]
        tot_c += st["correct"]
        print(f"{name:28s} {st['expected']:8d} {st['recalled']:8d} {rec:7.0%} {st['reported']:8d} {st['correct']:7d} {prec:9.0%}")
    print(f"{'ALL':28s} {tot_e:8d} {tot_r:8d} {tot_r / max(tot_e, 1):7.0%} {tot_rep:8d} {tot_c:7d} {tot_c / max(tot_rep, 1):9.0%}")
    print(f"false errors on clean documents: {len(ev['clean_errors'])}")
    for rel, f in ev["clean_errors"]:
        print(f"  {rel}:{f.line} {f.name} {f.message}")
    if ev["misses"]:
        print("missed:")
        for rel, m in ev["misses"]:
            print(f"  {rel}:{m['line']} {m['name']}")
    if ev["extras"]:
        print("reported but not expected (errors/warnings):")
        for rel, f in ev["extras"]:
            print(f"  {rel}:{f.line} {f.severity} {f.name} {f.message}")
    if ev["templates_wrong"]:
        print("template chosen differs from the sidecar:", ev["templates_wrong"])

    rows = evaluate_real(a.public)
    gwr = [r for r in rows if "cpc_congress" not in r["corpus"]]
    cpc = [r for r in rows if "cpc_congress" in r["corpus"]]
    for label, group in (("政府工作报告 (national + provincial)", gwr), ("CPC congress reports (other genre)", cpc)):
        c = Counter((f.name, f.severity) for r in group for f in r["findings"])
        ndocs = Counter((f.name, f.severity) for r in group for f in {(x.name, x.severity): x for x in r["findings"]}.values())
        print(f"\n== real reports: {label}: {len(group)} documents, templates {dict(Counter(r['template'] for r in group))}")
        for (name, sev), n in sorted(c.items(), key=lambda kv: (-kv[1])):
            print(f"  {name:28s} {sev:8s} {n:5d} findings in {ndocs[(name, sev)]:3d} documents")
        bad = [(r["id"], f) for r in group for f in r["findings"]
               if f.name in ("missing-section", "empty-section") and f.severity == "error"]
        print(f"  missing-section/empty-section errors: {len(bad)}")
        for i, f in bad:
            print(f"    {i}:{f.line} {f.name} {f.message}")
        if a.show_real:
            for r in group:
                for f in r["findings"]:
                    if f.severity != "info":
                        print(f"    {r['id']}:{f.line}:{f.column} {f.severity} {f.name} {f.message}")
    longest = max(gwr, key=lambda r: r["chars"])
    print(f"\nslowest in-process check (structure+extract+check): {max(r['ms'] for r in rows):.0f} ms; "
          f"longest report {longest['id']} ({longest['chars']} chars) {longest['ms']:.0f} ms")
    if a.json:
        out = {"annotated": {k: v for k, v in ev.items() if k in ("docs", "clean_docs", "per_rule")},
               "recall": tot_r / max(tot_e, 1), "precision": tot_c / max(tot_rep, 1),
               "clean_errors": len(ev["clean_errors"]),
               "real": {r["id"]: Counter(f"{f.name}/{f.severity}" for f in r["findings"]) for r in rows}}
        Path(a.json).write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
