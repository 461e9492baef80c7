"""Evidence for the language rules (ZJ7xx): precision on real text, recall on defective drafts,
idempotence and meaning preservation of ``check --fix``, and their share of ``check`` time.

    .venv/bin/python bench/eval_language.py            # writes bench/results/language.json

(a) the 97 public reports: findings per rule and severity, errors per 100,000 characters, every
    error listed with its judgement, 30 warnings sampled (fixed seed) with the judgement recorded
    below in ``JUDGED`` (read in context by the author of the rules, after the rules were frozen);
(b) ``corpora/language``: the defects of each sidecar found (same rule, same line), findings that
    are not annotated defects, and whether ``--fix`` leaves any safe defect behind;
(c) ``--fix`` twice changes nothing the second time; the outline (level, role, marker, heading) and
    the claims (value, maximum, unit) are those of the original — drafts and public reports;
(d) time of the language rules on the longest public report, beside the whole ``check``.
"""

from __future__ import annotations

import glob
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LANG = ("punctuation-width", "paired-marks", "repeated-punctuation", "year-abbreviation", "number-range",
        "date-form", "confusable-word")

# Judgements of the sampled warnings and of every error, keyed by "doc-id:offset".  ok = the finding
# is a real departure from the standard the rule cites; fp = the rule is wrong here.
JUDGED: dict[str, tuple[str, str]] = {}  # filled from bench/results/language_judged.json when present


def public_docs() -> list[dict]:
    return [json.loads(line) for f in sorted(glob.glob(str(ROOT / "corpora/public/*/*.jsonl")))
            for line in open(f, encoding="utf-8")]


def excerpt(text: str, s: int, e: int, pad: int = 14) -> str:
    return (text[max(0, s - pad):s] + "【" + text[s:e] + "】" + text[e:e + pad]).replace("\n", "⏎")


def outline(doc) -> list[tuple]:
    return [(n.level, n.role, n.marker, n.heading) for n in doc.walk()]


def claims(doc) -> list[tuple]:
    return [(c.value, c.value_max, c.unit) for c in doc.claims]


def analyse(text: str, file: str | None = None, markdown: bool | None = None, meta: dict | None = None):
    from zongjie.checker import check_text

    return check_text(text, file=file, markdown=markdown, meta=meta)


def precision_real(docs: list[dict]) -> dict:
    counts: dict[str, dict[str, int]] = {n: {"error": 0, "warning": 0, "info": 0} for n in LANG}
    errors, warnings = [], []
    chars = 0
    for d in docs:
        doc = analyse(d["text"], meta={"title": d.get("title")})
        chars += len(doc.text)
        for f in doc.findings:
            if f.name not in LANG:
                continue
            counts[f.name][f.severity] += 1
            row = {"key": f"{d['id']}:{f.start}", "doc": d["id"], "rule": f.name, "severity": f.severity,
                   "message": f.message, "context": excerpt(doc.text, f.start, f.end)}
            (errors if f.severity == "error" else warnings if f.severity == "warning" else []).append(row)
    rng = random.Random(16)
    sample = rng.sample(warnings, min(30, len(warnings)))
    for row in errors + sample:
        j = JUDGED.get(row["key"])
        row["judgement"], row["note"] = j if j else ("unjudged", "")
    judged = [r for r in sample if r["judgement"] != "unjudged"]
    for row in warnings:
        j = JUDGED.get(row["key"])
        row["judgement"], row["note"] = j if j else ("unjudged", "")
    all_judged = [r for r in warnings if r["judgement"] != "unjudged"]
    return {"documents": len(docs), "characters": chars, "by_rule": counts,
            "warnings_judged": len(all_judged),
            "warnings_judged_precision": (round(sum(r["judgement"] == "ok" for r in all_judged) / len(all_judged), 3)
                                          if all_judged else None),
            "warnings_false": [r for r in all_judged if r["judgement"] == "fp"],
            "errors_per_100k_chars": round(100_000 * len(errors) / chars, 3),
            "errors": errors, "warnings": len(warnings), "warnings_sample": sample,
            "warnings_sample_precision": (round(sum(r["judgement"] == "ok" for r in judged) / len(judged), 3)
                                          if judged else None)}


def drafts() -> list[tuple[Path, dict]]:
    out = []
    for side in sorted((ROOT / "corpora/language").glob("*.json")):
        meta = json.loads(side.read_text("utf-8"))
        out.append((side.parent / meta["file"], meta))
    return out


def recall_drafts() -> dict:
    from zongjie.cli.fix_impl import fixed_text
    from zongjie.reader import read_file

    per_rule: dict[str, list[int]] = {n: [0, 0] for n in LANG}
    missed, extra, left = [], [], []
    safe_total = 0
    for path, meta in drafts():
        src = read_file(path)
        doc = analyse(src.text, file=str(path), markdown=src.markdown)
        got = {(f.name, f.line) for f in doc.findings if f.name in LANG}
        want = {(d["name"], d["line"]) for d in meta["defects"]}
        for d in meta["defects"]:
            hit = (d["name"], d["line"]) in got
            per_rule[d["name"]][0] += hit
            per_rule[d["name"]][1] += 1
            if not hit:
                missed.append(f"{path.name}:{d['line']} {d['name']} {d['wrong']}")
        extra += [f"{path.name}:{ln} {n}" for n, ln in sorted(got - want, key=lambda x: x[1])]
        new, _, after = fixed_text(src.text, str(path), src.markdown, None, None)
        lines = new.split("\n")
        remaining = {(f.name, f.line) for f in after.findings}
        for d in meta["defects"]:
            if not d["safe"]:
                continue
            safe_total += 1
            ok = d["fixed"] in lines[d["line"] - 1] and (d["name"], d["line"]) not in remaining
            if not ok:
                left.append(f"{path.name}:{d['line']} {d['name']} {d['wrong']} → {d['fixed']}")
    found = sum(v[0] for v in per_rule.values())
    total = sum(v[1] for v in per_rule.values())
    return {"documents": len(drafts()), "defects": total, "found": found, "recall": round(found / total, 3),
            "by_rule": {k: {"found": v[0], "defects": v[1]} for k, v in per_rule.items()},
            "missed": missed, "unannotated_findings": extra,
            "safe_defects": safe_total, "safe_defects_left_after_fix": left}


def idempotence(public: list[dict]) -> dict:
    from zongjie.cli.fix_impl import fixed_text
    from zongjie.reader import read_file

    texts = []
    for path, _ in drafts():
        src = read_file(path)
        texts.append((path.name, src.text, src.markdown))
    # the public reports with the most safe fixes
    scored = []
    for d in public:
        doc = analyse(d["text"], meta={"title": d.get("title")})
        n = sum(1 for f in doc.findings if f.fix is not None and f.fix.safe)
        scored.append((n, d["id"], d["text"]))
    for _n, did, text in sorted(scored, reverse=True)[:6]:
        texts.append((did, text, False))
    rows, bad = [], []
    for name, text, md in texts:
        once, n1, d1 = fixed_text(text, name, md, None, None)
        twice, n2, _ = fixed_text(once, name, md, None, None)
        d0 = analyse(text, file=name, markdown=md)
        same_outline = outline(d0) == outline(d1)
        same_claims = claims(d0) == claims(d1)
        rows.append({"doc": name, "fixes": n1, "second_run_fixes": n2, "unchanged_second_time": once == twice,
                     "outline_kept": same_outline, "claims_kept": same_claims})
        if not (once == twice and same_outline and same_claims):
            bad.append(name)
    return {"documents": len(rows), "rows": rows, "failures": bad}


def speed(public: list[dict], runs: int = 40) -> dict:
    import zongjie
    from zongjie.checker import check
    from zongjie.checker.config import Config

    d = max(public, key=lambda d: len(d["text"]))
    off = Config(disable=set(LANG))
    on = Config()

    def whole(cfg: Config) -> float:
        t0 = time.perf_counter()
        doc = zongjie.structure(d["text"])
        zongjie.extract(doc)
        check(doc, config=cfg)
        return time.perf_counter() - t0

    doc = zongjie.structure(d["text"])
    zongjie.extract(doc)

    def stage(cfg: Config) -> float:
        t0 = time.perf_counter()
        check(doc, config=cfg)
        return time.perf_counter() - t0

    for f in (whole, stage):  # warm up: regexes, data files
        f(on), f(off)
    res = {}
    for label, f in (("check_command", whole), ("checker_stage", stage)):
        a, b = [], []
        for _ in range(runs):  # interleaved, so drift in machine load hits both sides
            a.append(f(off))
            b.append(f(on))
        # the minimum: the machine is shared, and load only ever adds time
        ma, mb = min(a), min(b)
        res[label] = {"without_language_ms": round(ma * 1000, 2), "with_language_ms": round(mb * 1000, 2),
                      "added_share": round((mb - ma) / ma, 4)}
    res["cli"] = cli_speed(d["text"])
    res["document"] = d["id"]
    res["characters"] = len(d["text"])
    return res


def cli_speed(text: str, runs: int = 20) -> dict:
    """``zongjie check FILE`` as a user runs it (a new process each time), language rules on / off."""
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp) / "longest.txt"
        f.write_text(text, encoding="utf-8")
        off = Path(tmp) / "off.toml"
        off.write_text("disable = [" + ", ".join(f'"{n}"' for n in LANG) + "]\n", encoding="utf-8")
        on = Path(tmp) / "on.toml"
        on.write_text("", encoding="utf-8")
        exe = [sys.executable, "-m", "zongjie.cli", "check", str(f), "--no-color", "--config"]

        def once(cfg: Path) -> float:
            t0 = time.perf_counter()
            subprocess.run([*exe, str(cfg)], capture_output=True, check=False)
            return time.perf_counter() - t0

        once(on), once(off)
        a, b = [], []
        for _ in range(runs):
            a.append(once(off))
            b.append(once(on))
    return {"without_language_ms": round(min(a) * 1000, 1), "with_language_ms": round(min(b) * 1000, 1),
            "added_share": round((min(b) - min(a)) / min(a), 4)}


def main() -> None:
    judged = ROOT / "bench/results/language_judged.json"
    if judged.exists():
        JUDGED.update({k: tuple(v) for k, v in json.loads(judged.read_text("utf-8")).items()})
    public = public_docs()
    out = {"precision_real": precision_real(public), "recall_drafts": recall_drafts(),
           "idempotence": idempotence(public), "speed": speed(public)}
    dest = ROOT / "bench/results/language.json"
    dest.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    p, r, i, s = out["precision_real"], out["recall_drafts"], out["idempotence"], out["speed"]
    print(f"(a) {p['documents']} reports, {p['characters']:,} chars: errors/100k = {p['errors_per_100k_chars']}, "
          f"warnings {p['warnings']}, sampled precision {p['warnings_sample_precision']}, "
          f"all {p['warnings_judged']} judged: {p['warnings_judged_precision']}")
    for k, v in p["by_rule"].items():
        print(f"    {k:22s} {v}")
    print(f"(b) recall {r['found']}/{r['defects']} = {r['recall']}; unannotated {len(r['unannotated_findings'])}; "
          f"safe defects left after --fix: {len(r['safe_defects_left_after_fix'])}/{r['safe_defects']}")
    for m in r["missed"] + r["unannotated_findings"] + r["safe_defects_left_after_fix"]:
        print("    ", m)
    print(f"(c) idempotence/outline/claims failures: {i['failures']} of {i['documents']}")
    print(f"(d) {s['document']} ({s['characters']:,} chars): zongjie check {s['cli']}; in process (warm) "
          f"{s['check_command']}; checker stage {s['checker_stage']}")


if __name__ == "__main__":
    main()
