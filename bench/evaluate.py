"""Score the engine's structure against annotated documents.

Own corpus: corpora/annotated/*.json and corpora/drafts/*.json (sidecars of documents written by the team).
Real corpus: corpora/real/structure.jsonl (hand annotations of corpora/public reports, with offsets).

Prints a table and writes bench/results/eval_structure.json.
Usage: python bench/evaluate.py [--real-only|--own-only] [--verbose]
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPORA_DIR = ROOT / "corpora"

import zongjie  # noqa: E402
from zongjie.reader import read_file  # noqa: E402
from zongjie.segment import split_lines  # noqa: E402

HEADING_KINDS = {"heading", "unnumbered", "markdown", "lead"}


class Score:
    def __init__(self) -> None:
        self.c: Counter[str] = Counter()

    def pr(self, tp: str, fp: str, fn: str) -> tuple[float, float]:
        t, f, n = self.c[tp], self.c[fp], self.c[fn]
        return (t / (t + f) if t + f else 1.0, t / (t + n) if t + n else 1.0)

    def acc(self, ok: str, total: str) -> float:
        return self.c[ok] / self.c[total] if self.c[total] else 1.0


def predicted_headings(doc) -> dict[int, object]:
    return {s.line: s for s in doc.walk() if s.kind in HEADING_KINDS}


def role_of_line(doc, start: int) -> str | None:
    t = doc.title
    if t and t.start <= start < max(t.end, (t.subtitle.end if t.subtitle else t.end)):
        return "title"
    return doc.role_at(start)


def score_doc(sc: Score, doc, gold_heads: list[dict], gold_role_by_line: dict[int, str],
              gold_title: dict | None, verbose: bool, name: str) -> None:
    pred = predicted_headings(doc)
    gold = {h["line"]: h for h in gold_heads}
    for line, h in gold.items():
        if line in pred:
            sc.c["head_tp"] += 1
            p = pred[line]
            sc.c["level_total"] += 1
            sc.c["level_ok"] += int(p.level == h["level"])
            sc.c["text_total"] += 1
            sc.c["text_ok"] += int((p.heading or "") == (h.get("heading") or ""))
            sc.c["hrole_total"] += 1
            sc.c["hrole_ok"] += int(p.role == h["role"])
            if verbose and p.role != h["role"]:
                print(f"  {name}:{line} heading role {p.role} != {h['role']} {h.get('heading')}")
        else:
            sc.c["head_fn"] += 1
            if verbose:
                print(f"  {name}:{line} missed heading {h.get('marker')}{h.get('heading')}")
    for line in pred:
        if line not in gold:
            sc.c["head_fp"] += 1
            if verbose:
                print(f"  {name}:{line} spurious heading {pred[line].marker}{pred[line].heading}")
    lines = {ln.no: ln for ln in split_lines(doc.text)}
    wrong = []
    for line, role in gold_role_by_line.items():
        ln = lines.get(line)
        if ln is None:
            continue
        p = role_of_line(doc, ln.start)
        sc.c["role_total"] += 1
        sc.c["role_ok"] += int(p == role)
        for r in ("problems", "plans"):
            if role == r and p == r:
                sc.c[f"{r}_tp"] += 1
            elif role == r:
                sc.c[f"{r}_fn"] += 1
            elif p == r:
                sc.c[f"{r}_fp"] += 1
        if p != role:
            wrong.append((line, role, p))
    if verbose and wrong:
        print(f"  {name}: role errors (line, gold, pred): {wrong[:12]}{' …' if len(wrong) > 12 else ''}")
    if gold_title is not None:
        t = doc.title
        for f in ("org", "summary_year", "plan_year"):
            sc.c["title_total"] += 1
            got = getattr(t, f) if t else None
            sc.c["title_ok"] += int(got == gold_title.get(f))
            if verbose and got != gold_title.get(f):
                print(f"  {name}: title {f} {got!r} != {gold_title.get(f)!r}")


def own_corpus(verbose: bool) -> tuple[Score, int]:
    sc = Score()
    n = 0
    for side in sorted(list((ROOT / "corpora/annotated").glob("*.json")) + list((ROOT / "corpora/drafts").glob("*.json"))):
        ann = json.loads(side.read_text("utf-8"))
        if "headings" not in ann or "file" not in ann:
            continue
        path = side.parent / ann["file"]
        if not path.exists():
            continue
        src = read_file(path)
        doc = zongjie.structure(src.text, file=str(path), markdown=src.markdown)
        roles = {int(k): v for k, v in (ann.get("paragraph_roles") or {}).items()}
        title = ann.get("title")
        score_doc(sc, doc, ann["headings"], roles, title, verbose, side.stem)
        n += 1
    return sc, n


def real_corpus(verbose: bool) -> tuple[Score, int, list[float]]:
    sc = Score()
    texts: dict[str, str] = {}
    for f in (CORPORA_DIR / "public").glob("*/*.jsonl"):
        for line in f.open(encoding="utf-8"):
            d = json.loads(line)
            texts[d["id"]] = d["text"]
    plan_err: list[float] = []
    n = 0
    for line in (ROOT / "corpora/real/structure.jsonl").open(encoding="utf-8"):
        ann = json.loads(line)
        text = texts[ann["doc_id"]]
        doc = zongjie.structure(text, file=ann["doc_id"])
        parts = sorted(ann["parts"], key=lambda p: p["start"])
        roles: dict[int, str] = {}
        tspan = ann.get("title")
        for ln in split_lines(text):
            if tspan and tspan["start"] <= ln.start < tspan["end"]:
                continue
            for p in parts:
                if p["start"] <= ln.start < max(p["end"], p["start"] + 1):
                    roles[ln.no] = p["role"]
                    break
        title = {k: tspan.get(k) for k in ("org", "summary_year", "plan_year")} if tspan else None
        score_doc(sc, doc, ann["headings"], roles, None, verbose, ann["doc_id"])
        if title is not None and doc.title is not None:
            for f in ("summary_year", "plan_year"):
                sc.c["title_total"] += 1
                sc.c["title_ok"] += int(getattr(doc.title, f) == title.get(f))
        gold_plan = next((p["start"] for p in parts if p["role"] == "plans"), None)
        pred_plan = next((s.start for s in doc.walk() if s.role == "plans"), None)
        if gold_plan is not None and pred_plan is not None:
            plan_err.append(abs(gold_plan - pred_plan) / len(text))
        n += 1
    return sc, n, plan_err


def summarise(sc: Score) -> dict[str, float]:
    hp, hr = sc.pr("head_tp", "head_fp", "head_fn")
    pp, prr = sc.pr("problems_tp", "problems_fp", "problems_fn")
    lp, lr = sc.pr("plans_tp", "plans_fp", "plans_fn")
    return {"heading_precision": hp, "heading_recall": hr, "level_accuracy": sc.acc("level_ok", "level_total"),
            "heading_text_exact": sc.acc("text_ok", "text_total"), "heading_role_accuracy": sc.acc("hrole_ok", "hrole_total"),
            "paragraph_role_accuracy": sc.acc("role_ok", "role_total"), "problems_paragraph_precision": pp,
            "problems_paragraph_recall": prr, "plans_paragraph_precision": lp, "plans_paragraph_recall": lr,
            "title_field_accuracy": sc.acc("title_ok", "title_total"), "paragraphs": sc.c["role_total"],
            "headings": sc.c["head_tp"] + sc.c["head_fn"]}


def main() -> None:
    verbose = "--verbose" in sys.argv
    out = {}
    if "--real-only" not in sys.argv:
        sc, n = own_corpus(verbose)
        out["own"] = {"documents": n, **summarise(sc)}
    if "--own-only" not in sys.argv:
        sc, n, plan_err = real_corpus(verbose)
        out["real"] = {"documents": n, **summarise(sc),
                       "plan_start_error_median": sorted(plan_err)[len(plan_err) // 2] if plan_err else None,
                       "plan_start_within_2pct": sum(e <= 0.02 for e in plan_err) / len(plan_err) if plan_err else None}
    keys = sorted({k for v in out.values() for k in v})
    print(f"{'metric':34s} " + " ".join(f"{k:>10s}" for k in out))
    for k in keys:
        row = []
        for v in out.values():
            x = v.get(k)
            row.append(f"{x:10.3f}" if isinstance(x, float) else f"{x!s:>10s}")
        print(f"{k:34s} " + " ".join(row))
    (ROOT / "bench/results").mkdir(parents=True, exist_ok=True)
    (ROOT / "bench/results/eval_structure.json").write_text(json.dumps(out, ensure_ascii=False, indent=1), "utf-8")


if __name__ == "__main__":
    main()
