"""A judged sample of `check --previous` on real year pairs (issue 15): consecutive national
government work reports (the report of year Y reviews Y-1 and plans Y, so the report of Y-1 is
"last year's document" of the report of Y).

    python bench/judge_previous.py build [--out DIR] [--seed N] [--per-kind N]
    python bench/judge_previous.py score [--out DIR]

``build`` runs ``zongjie.previous.follow_through`` on every consecutive pair in scope and writes
to DIR (default ``bench/results/previous/0.2.0``):

* ``counts.json`` — plan items, reported, not reported (``plan-not-reported`` findings) and left
  open (between the thresholds) for every consecutive pair;
* ``items.md`` — a seeded, shuffled, unlabelled mix of ``plan-not-reported`` findings and plan items
  matched as reported; each asks "Does this year's report report on this plan item?" with the
  plan item, the 10 sentences of this year's review closest to it (for a matched item the passage
  the tool claims reports on it is among them) and, in an appendix, the whole review part;
* ``key.json`` — the kind of each item and what the tool said (never shown to the reviewers);
* ``instructions.md`` — what the reviewers read besides ``items.md``.

``score`` reads ``verdicts_*.jsonl`` in DIR (one file per reviewer, one line per item:
``{"item": id, "reported": "yes"|"no"|"unsure", "sentences": [numbers], "note": …}``) and writes
``score.json``: for each reviewer and averaged, the precision of the findings (share judged "no")
and of the matches (share judged "yes"; strict: "yes" citing the claimed passage, number 1), with
"unsure" left out (and, as a bound, counted against the tool), and the reviewers' agreement.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpora/public/cn-political-corpora/national_gov_work_reports.jsonl"
OUT = ROOT / "bench/results/previous/0.2.0"
FIRST = 1992  # last year's document from 1992 on: the review-of-last-year + plan-for-this-year form
MIN_SENTS, MIN_PLANS = 30, 20  # a pair the structure reads: a review part and a plan part found
EVIDENCE_SENTS = 10
QUESTION = "Does this year's report report on this plan item?"


def load_docs(path: Path = CORPUS) -> dict[int, object]:
    from zongjie.runner import pipeline

    pipe = pipeline(("structure", "extract"))
    rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    return {int(r["year"]): pipe(r["text"]) for r in rows}


def consecutive(docs: dict[int, object]) -> list[tuple[int, int, bool]]:
    """(last year, this year, in scope) for every pair of consecutive years in the corpus."""
    from zongjie.matcher import plan_items
    from zongjie.previous import sentences

    out = []
    for y in sorted(docs):
        if y - 1 in docs:
            scope = (y - 1 >= FIRST and len(sentences(docs[y])) >= MIN_SENTS  # type: ignore[arg-type]
                     and len(plan_items(docs[y - 1])) >= MIN_PLANS)  # type: ignore[arg-type]
            out.append((y - 1, y, scope))
    return out


def review_text(doc) -> str:
    """The review part (role ``achievements``) of a report, as the reader sees it."""
    ranges: list[tuple[int, int]] = []
    for n in doc.walk():
        if n.role == "achievements" and n.kind != "preamble":
            s = n.heading_start if n.heading_start is not None else n.start
            if ranges and s < ranges[-1][1]:
                ranges[-1] = (ranges[-1][0], max(ranges[-1][1], n.end))
            else:
                ranges.append((s, n.end))
    return "\n\n".join(doc.text[s:e].strip() for s, e in ranges)


def closest(plan: str, sents: list[str], k: int = EVIDENCE_SENTS) -> list[int]:
    """The ``k`` sentences most similar to a plan item (or to one of its key clauses)."""
    from zongjie.matcher import similarity
    from zongjie.previous import CLAUSE_WEIGHT, key_clauses

    clauses = key_clauses(plan)

    def score(s: str) -> float:
        return max([similarity(plan, s)] + [CLAUSE_WEIGHT * similarity(c, s) for c in clauses])

    scored = sorted(range(len(sents)), key=lambda j: (-score(sents[j]), j))
    return scored[:k]


def build(out: Path, seed: int, per_kind: int) -> None:
    from zongjie.previous import follow_through, sentences

    docs = load_docs()
    counts, findings, matched = [], [], []
    for last, this, scope in consecutive(docs):
        rows = follow_through(docs[this], docs[last])  # type: ignore[arg-type]
        c = {"last": last, "this": this, "in_scope": scope, "plan_items": len(rows),
             "reported": sum(f.reported for f in rows), "not_reported": sum(f.unreported for f in rows)}
        c["open"] = c["plan_items"] - c["reported"] - c["not_reported"]
        counts.append(c)
        if not scope:
            continue
        for f in rows:
            if f.reported:
                matched.append((last, this, f))
            elif f.unreported:
                findings.append((last, this, f))
    total = {k: sum(c[k] for c in counts if c["in_scope"]) for k in ("plan_items", "reported", "not_reported", "open")}
    total_all = {k: sum(c[k] for c in counts) for k in ("plan_items", "reported", "not_reported", "open")}
    out.mkdir(parents=True, exist_ok=True)
    (out / "counts.json").write_text(json.dumps({"pairs": counts, "in_scope": total, "all_pairs": total_all},
                                                ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    rng = random.Random(seed)
    picked = [("not_reported", x) for x in rng.sample(findings, min(per_kind, len(findings)))]
    picked += [("reported", x) for x in rng.sample(matched, min(per_kind, len(matched)))]
    rng.shuffle(picked)

    key: dict[str, dict] = {}
    parts = ["# Follow-through review items\n",
             f"Read `instructions.md` first. Every item asks one question: **{QUESTION}**\n",
             "Answer each item in your verdicts file (see the instructions). The whole review part of "
             "each year's report is in the appendix at the end.\n"]
    years = set()
    for i, (kind, (last, this, f)) in enumerate(picked, 1):
        iid = f"F{i:03d}"
        doc = docs[this]
        sents = [t for _, _, t in sentences(doc)]  # type: ignore[arg-type]
        order = closest(f.plan.text, sents)
        shown: list[str] = []
        claimed = None
        if kind == "reported" and f.match_text:
            claimed = " ".join(f.match_text.split())
            shown.append(claimed)
        for j in order:
            s = " ".join(sents[j].split())
            if len(shown) >= EVIDENCE_SENTS:
                break
            if claimed is not None and s in claimed:
                continue
            shown.append(s)
        years.add(this)
        plan = " ".join(f.plan.text.split())
        parts.append(f"\n---\n\n## {iid}\n\n**Last year's report ({last}), plan item** (line {f.plan_line}):\n\n"
                     f"> {plan}\n\n**This year's report ({this}): the sentences of its review part closest to "
                     f"the plan item** (best first; the whole review part is in appendix A-{this}):\n\n")
        parts.extend(f"{n}. {s}\n" for n, s in enumerate(shown, 1))
        parts.append(f"\n**Question:** {QUESTION} (yes / no / unsure; if yes, which sentence numbers)\n")
        key[iid] = {"kind": kind, "last": last, "this": this, "plan": plan, "plan_line": f.plan_line,
                    "score": f.score, "shared": f.shared, "claimed": claimed,
                    "claimed_number": 1 if claimed is not None else None}
    parts.append("\n---\n\n# Appendix: the review part of each year's report\n")
    for y in sorted(years):
        parts.append(f"\n## A-{y}\n\nReport of {y}, review of {y - 1}:\n\n{review_text(docs[y])}\n")
    (out / "items.md").write_text("".join(parts), encoding="utf-8")
    (out / "key.json").write_text(json.dumps({"seed": seed, "question": QUESTION, "items": key},
                                             ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (out / "instructions.md").write_text(INSTRUCTIONS.format(n=len(picked), question=QUESTION), encoding="utf-8")
    print(f"{len(findings)} findings, {len(matched)} matched in scope; wrote {len(picked)} items to {out}")
    print(json.dumps({"in_scope": total, "all_pairs": total_all}, ensure_ascii=False))


INSTRUCTIONS = """# Instructions for reviewers

You judge {n} items in `items.md`. Read only `items.md` and these instructions: do not open any
other file of the folder (`key.json`, `counts.json`, other `verdicts_*.jsonl`), the tool's code or
its output, and do not confer with other reviewers.

## The material

Each item pairs two consecutive national government work reports (政府工作报告). The report of year
Y reviews the work of year Y-1 (its review part, 工作回顾) and plans year Y. An item shows:

* **a plan item from last year's report** (a measure or a target it announced for the coming year);
* **this year's report**: the sentences of its review part closest in wording to the plan item
  (numbered, best first — closeness in wording only, they may all be unrelated), and, in the
  appendix, the whole review part of that report.

## The question

{question}

That is: does the review part of this year's report say what became of this plan item — that the
measure was taken (or started, or carried further), or how the target came out (met or missed)?

* **yes** — a sentence of the review part (numbered in the item, or anywhere in the appendix
  section of that year) reports on this item. Other words count (`完成雨污管网改造38公里` reports on
  `新建改造雨污管网35公里`), and so does a sentence that reports on several items at once, **as long
  as it names this item's own subject** (`推进老旧小区、背街小巷改造提升` reports on `今年改造老旧小区
  30个`). A plan item with several parts counts as reported when its main measure or target is
  reported.
* **no** — nothing in the review part reports on this item. A general statement about the whole
  field (`营商环境持续优化`, `民生持续改善`) does **not** report on a specific item
  (`推行企业开办一日办结`); a sentence that only shares words with the item while speaking of
  something else (`完成中小学校舍改造12所` for `加强农贸市场改造`) does not either; nor does a
  sentence stating a problem or a plan.
* **unsure** — you cannot decide (say why in the note). Use it sparingly.

If you answer yes, give the numbers of the sentences that report on it (`"sentences": [1, 3]`);
when the reporting sentence is only in the appendix, give `[]` and quote it in the note.

Look at the numbered sentences first, then search the appendix section of that year (A-Y) for the
item's key words and their synonyms before answering no.

## Your answers

Write one JSON object per line to `verdicts_<your name>.jsonl` in the same folder, one line per item:

    {{"item": "F001", "reported": "yes", "sentences": [1], "note": "新建35公里 → 完成38公里"}}
    {{"item": "F002", "reported": "no", "sentences": [], "note": ""}}

`reported` is `"yes"`, `"no"` or `"unsure"`. Every item gets exactly one line. The note is short
(why, or the quoted sentence); it may be empty.
"""


# --------------------------------------------------------------------------- score

def _verdicts(path: str) -> dict[str, dict]:
    out: dict[str, dict] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                v = json.loads(line)
                out[str(v["item"])] = v
    return out


def _precision(good: int, bad: int, unsure: int) -> dict:
    judged = good + bad
    return {"correct": good, "wrong": bad, "unsure": unsure,
            "precision": round(good / judged, 4) if judged else None,
            "precision_unsure_wrong": round(good / (judged + unsure), 4) if judged + unsure else None}


def score_one(key: dict[str, dict], verdicts: dict[str, dict]) -> dict:
    """Precision of each kind for one reviewer's verdicts."""
    tally = {"not_reported": [0, 0, 0], "reported": [0, 0, 0], "reported_strict": [0, 0, 0]}
    missing = []
    for iid, k in key.items():
        v = verdicts.get(iid)
        if v is None:
            missing.append(iid)
            continue
        ans = str(v.get("reported", "")).strip().lower()
        if k["kind"] == "not_reported":
            t = tally["not_reported"]
            t[0 if ans == "no" else 1 if ans == "yes" else 2] += 1
        else:
            t = tally["reported"]
            t[0 if ans == "yes" else 1 if ans == "no" else 2] += 1
            cited = [int(n) for n in v.get("sentences") or [] if str(n).isdigit()]
            s = tally["reported_strict"]
            if ans == "yes":
                s[0 if k.get("claimed_number") in cited else 1] += 1
            elif ans == "no":
                s[1] += 1
            else:
                s[2] += 1
    out = {kind: _precision(*t) for kind, t in tally.items()}
    out["missing"] = missing
    out["unknown_items"] = sorted(set(verdicts) - set(key))
    return out


def agreement(key: dict[str, dict], a: dict[str, dict], b: dict[str, dict]) -> dict:
    """Raw agreement and Cohen's kappa on the items both reviewers answered yes or no."""
    pairs = [(a[i]["reported"], b[i]["reported"]) for i in key
             if i in a and i in b and a[i].get("reported") in ("yes", "no") and b[i].get("reported") in ("yes", "no")]
    n = len(pairs)
    if not n:
        return {"items": 0, "agreement": None, "kappa": None}
    po = sum(x == y for x, y in pairs) / n
    pa = sum(x == "yes" for x, _ in pairs) / n
    pb = sum(y == "yes" for _, y in pairs) / n
    pe = pa * pb + (1 - pa) * (1 - pb)
    kappa = (po - pe) / (1 - pe) if pe < 1 else 1.0
    return {"items": n, "agreement": round(po, 4), "kappa": round(kappa, 4)}


def score(out: Path) -> dict:
    key = json.loads((out / "key.json").read_text(encoding="utf-8"))["items"]
    files = sorted(glob.glob(str(out / "verdicts_*.jsonl")))
    if not files:
        raise SystemExit(f"no verdicts_*.jsonl in {out}")
    reviewers = {os.path.basename(f)[len("verdicts_"):-len(".jsonl")]: _verdicts(f) for f in files}
    per = {name: score_one(key, v) for name, v in reviewers.items()}
    avg = {}
    for kind in ("not_reported", "reported", "reported_strict"):
        vals = [p[kind]["precision"] for p in per.values() if p[kind]["precision"] is not None]
        low = [p[kind]["precision_unsure_wrong"] for p in per.values() if p[kind]["precision_unsure_wrong"] is not None]
        avg[kind] = {"precision": round(sum(vals) / len(vals), 4) if vals else None,
                     "precision_unsure_wrong": round(sum(low) / len(low), 4) if low else None}
    names = sorted(reviewers)
    agree = {f"{x}~{y}": agreement(key, reviewers[x], reviewers[y])
             for i, x in enumerate(names) for y in names[i + 1:]}
    result = {"items": {k: sum(1 for v in key.values() if v["kind"] == k) for k in ("not_reported", "reported")},
              "reviewers": per, "average": avg, "agreement": agree}
    (out / "score.json").write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build")
    b.add_argument("--out", type=Path, default=OUT)
    b.add_argument("--seed", type=int, default=15)
    b.add_argument("--per-kind", type=int, default=65)
    s = sub.add_parser("score")
    s.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    if args.cmd == "build":
        build(args.out, args.seed, args.per_kind)
    else:
        print(json.dumps(score(args.out), ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
