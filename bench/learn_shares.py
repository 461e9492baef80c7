"""Learn the usual share of each part (role) per template: P10/P50/P90 → pipeline/data/shares.json.

Sources:
* the real reports in corpora/public/*/*.jsonl — 政府工作报告 (national and provincial) go to
  ``government-work-report``; the CPC congress reports are a different genre and are left out;
* the team's own corpus: ``corpora/annotated`` and the ``clean`` documents of ``corpora/drafts``,
  each under the template its sidecar names.

Every document is segmented with ``zongjie.structure``; a role's share is its non-blank characters
(headings included, appendices and `other` parts excluded) over the body's.  Only documents in which
a role occurs count for that role's percentiles (absence is missing-section's business).

Run: ``.venv/bin/python bench/learn_shares.py [--public corpora/public]``
"""

from __future__ import annotations

import argparse
import glob
import json
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

import zongjie  # noqa: E402
from zongjie.checker.rules_heuristics import role_shares  # noqa: E402
from zongjie.reader import read_file  # noqa: E402

ROLES = ("preamble", "achievements", "experience", "problems", "plans")


def pct(vals: list[float], q: float) -> float:
    """Linear-interpolated percentile (numpy's default), q in [0, 1]."""
    v = sorted(vals)
    if not v:
        return 0.0
    k = (len(v) - 1) * q
    lo = int(k)
    hi = min(lo + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (k - lo)


def shared_docs(root: str):
    for f in sorted(glob.glob(os.path.join(root, "*", "*.jsonl"))):
        if "cpc_congress" in f:
            continue
        for line in open(f, encoding="utf-8"):
            d = json.loads(line)
            yield d["id"], "government-work-report", d["text"], False


def team_docs():
    for folder in ("corpora/annotated", "corpora/drafts"):
        for side in sorted((ROOT / folder).glob("*.json")):
            meta = json.loads(side.read_text("utf-8"))
            if meta.get("kind") != "clean":
                continue
            base = side.with_suffix("")
            cands = [p for p in base.parent.glob(base.name + ".*") if p.suffix != ".json"]
            if not cands:
                continue
            src = read_file(cands[0])
            yield str(cands[0].relative_to(ROOT)), meta.get("template") or "annual-summary", src.text, src.markdown


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--public", default=str(ROOT / "corpora" / "public"))
    ap.add_argument("--out", default=str(ROOT / "pipeline/data/shares.json"))
    a = ap.parse_args()
    samples: dict[str, list[dict[str, float]]] = {}
    sources: dict[str, list[str]] = {}
    for doc_id, tpl, text, md in list(shared_docs(a.public)) + list(team_docs()):
        doc = zongjie.structure(text, markdown=md)
        sh = role_shares(doc)
        if sh:
            samples.setdefault(tpl, []).append(sh)
            sources.setdefault(tpl, []).append(doc_id)
    out = {
        "_doc": "Share of each role in the body, per template: P10/P50/P90 over the documents where the role "
                "occurs (n). Written by bench/learn_shares.py; read by the section-share rule (ZJ603).",
        "fallback": {"half-year-summary": "annual-summary", "duty-report": "annual-summary",
                     },
        "templates": {},
    }
    for tpl, rows in sorted(samples.items()):
        roles = {}
        for r in ROLES:
            vals = [row[r] for row in rows if r in row]
            if not vals:
                continue
            roles[r] = {"p10": round(pct(vals, 0.1), 4), "p50": round(pct(vals, 0.5), 4),
                        "p90": round(pct(vals, 0.9), 4), "n": len(vals)}
        out["templates"][tpl] = {"n": len(rows), "roles": roles, "sources": sources[tpl]}
    Path(a.out).write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for tpl, b in out["templates"].items():
        print(f"{tpl} (n={b['n']})")
        for r, st in b["roles"].items():
            print(f"  {r:13s} P10 {st['p10']:.1%}  P50 {st['p50']:.1%}  P90 {st['p90']:.1%}  (n={st['n']})")


if __name__ == "__main__":
    main()
