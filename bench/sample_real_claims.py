"""Sample extracted claims from the real reports so that they can be checked by hand.

    python bench/sample_real_claims.py [--n 320] [--seed 7] [--out sample.jsonl]
    python bench/sample_real_claims.py --paragraphs 6 --seed 7      # whole paragraphs, for recall
    python bench/sample_real_claims.py --score corpora/real/claims_checked.jsonl
    python bench/sample_real_claims.py --rescore corpora/real/claims_checked.jsonl   # vs. the code now

The sample is stratified: every document contributes in proportion to its number of claims, and
Chinese-numeral, full-width and placeholder claims (rarer, riskier) are over-sampled to a third of
the sample.  Each row carries the claim, its offsets and 30 characters of context either side;
``--paragraphs`` prints whole paragraphs with every claim marked 【…】, to look for misses.
``--score`` reads a checked file (``ok`` true/false per claim, ``missed`` rows for claims the
extractor did not find) and prints precision per sample and recall on the paragraphs;
``--rescore`` lists the checked rows that the extractor now finds differently.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

from zongjie.claims import find_claims  # noqa: E402
from zongjie.placeholders import find_placeholders  # noqa: E402

CORPORA = ROOT / "corpora" / "public"


def load_docs(corpora: Path = CORPORA) -> list[dict]:
    docs = []
    for path in sorted(corpora.glob("*/*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                docs.append(json.loads(line))
    return docs


def kind_of(text: str) -> str:
    if any("０" <= ch <= "９" for ch in text):
        return "fullwidth"
    if any(ch.isdigit() for ch in text):
        return "arabic"
    return "chinese"


def sample(docs: list[dict], n: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    rows = []
    for d in docs:
        text = d["text"]
        for c in find_claims(text, find_placeholders(text)):
            rows.append({
                "doc_id": d["id"], "start": c.start, "end": c.end, "text": c.text, "value": c.value,
                "value_max": c.value_max, "unit": c.unit, "qualifier": c.qualifier, "subject": c.subject,
                "kind": kind_of(c.text),
                "context": text[max(0, c.start - 30):c.start] + "【" + c.text + "】" + text[c.end:c.end + 30],
            })
    rare = [r for r in rows if r["kind"] != "arabic"]
    common = [r for r in rows if r["kind"] == "arabic"]
    k_rare = min(len(rare), n // 3)
    picked = rng.sample(rare, k_rare) + rng.sample(common, min(len(common), n - k_rare))
    picked.sort(key=lambda r: (r["doc_id"], r["start"]))
    return picked


def paragraphs(docs: list[dict], k: int, seed: int, min_len: int = 150) -> list[dict]:
    rng = random.Random(seed)
    out = []
    for d in rng.sample(docs, k):
        text = d["text"]
        spans, pos = [], 0
        for para in text.split("\n"):
            if len(para) >= min_len and any(ch.isdigit() or ch in "十百千万亿" for ch in para):
                spans.append((pos, pos + len(para)))
            pos += len(para) + 1
        if not spans:
            continue
        a, b = rng.choice(spans)
        claims = [c for c in find_claims(text, find_placeholders(text)) if a <= c.start < b]
        marked, last = [], a
        for c in claims:
            marked.append(text[last:c.start] + "【" + c.text + "】")
            last = c.end
        marked.append(text[last:b])
        out.append({"doc_id": d["id"], "start": a, "end": b, "claims": len(claims), "marked": "".join(marked)})
    return out


def score(path: Path) -> dict:
    """Precision per checked sample (``set``: eval, dev) and recall on the paragraphs read in full."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    out: dict = {}
    for name in sorted({r.get("set", "eval") for r in rows} - {"paragraph"}):
        found = [r for r in rows if r.get("set", "eval") == name and not r.get("missed")]
        tp = sum(1 for r in found if r["ok"])
        out[name] = {"checked": len(found), "correct": tp, "precision": round(tp / len(found), 4) if found else None}
    para = [r for r in rows if r.get("paragraph") and not r.get("missed")]
    missed = [r for r in rows if r.get("missed")]
    tp = sum(1 for r in para if r["ok"])
    out["paragraphs"] = {"found": len(para), "correct": tp, "missed": len(missed),
                         "precision": round(tp / len(para), 4) if para else None,
                         "recall": round(tp / (tp + len(missed)), 4) if tp + len(missed) else None}
    return out


def rescore(path: Path) -> dict:
    """Compare the checked rows with what the extractor finds now (after later fixes)."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = {d["id"]: d["text"] for d in load_docs()}
    cache: dict = {}
    tally: dict = {}
    changed = []
    for r in rows:
        if r.get("set") == "paragraph" and not r.get("missed"):
            continue
        text = docs[r["doc_id"]]
        if r["doc_id"] not in cache:
            cache[r["doc_id"]] = find_claims(text, find_placeholders(text))
        now = [c for c in cache[r["doc_id"]] if c.start < r["end"] and r["start"] < c.end]
        same = any((c.start, c.end, c.text, c.unit) == (r["start"], r["end"], r["text"], r.get("unit")) for c in now)
        key = f"{r.get('set')}:{'missed' if r.get('missed') else ('ok' if r['ok'] else 'wrong')}:" \
              f"{'same' if same else ('changed' if now else 'gone')}"
        tally[key] = tally.get(key, 0) + 1
        if not same:
            changed.append({"set": r.get("set"), "was": r["text"], "ok": r["ok"],
                            "now": [(c.text, c.value, c.value_max, c.unit, c.qualifier) for c in now]})
    return {"tally": tally, "changed": changed}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=320)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--paragraphs", type=int, default=0)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--score", type=Path)
    ap.add_argument("--rescore", type=Path, help="compare a checked file with the current extractor")
    args = ap.parse_args()
    if args.score:
        print(json.dumps(score(args.score), ensure_ascii=False, indent=1))
        return
    if args.rescore:
        print(json.dumps(rescore(args.rescore), ensure_ascii=False, indent=1))
        return
    docs = load_docs()
    rows = paragraphs(docs, args.paragraphs, args.seed) if args.paragraphs else sample(docs, args.n, args.seed)
    lines = [json.dumps(r, ensure_ascii=False) for r in rows]
    if args.out:
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    else:
        print("\n".join(lines))


if __name__ == "__main__":
    main()
