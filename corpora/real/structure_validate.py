"""Validate corpora/real/structure.jsonl against the real texts and print per-document counts.

Checks (errors make the exit code 1):
  * title / headings / not_headings: ``text[start:end]`` equals the recorded text, the span lies on the recorded
    line (1-based over ``text.split("\\n")``), headings do not cross a line break, a heading's marker sits right
    before its text, levels are 1-4, roles are valid, lines are in order and unique;
  * parts: valid roles, ordered, non-overlapping, the gaps between consecutive parts hold only whitespace
    (U+200B included), the first part starts after the title, problems parts carry ``"heading": bool``.
Warnings (printed, not fatal):
  * a line starting with a numbered marker (``一、`` ``（一）`` ``1.`` ``（1）``) that is listed neither as a heading nor
    in ``not_headings`` (coverage check for forgotten headings);
  * a heading whose role differs from the role of the part it falls in (mixed sections, e.g. 北京 二、);
  * text after the last part, adjacent parts with the same role.

Usage: python corpora/real/structure_validate.py [path/to/structure.jsonl]
"""
from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPORA_DIR = Path(__file__).resolve().parents[1] / "public"
ROLES = {"preamble", "achievements", "problems", "plans", "experience", "other"}
WS = " \u3000\t\n\r\u200b\u200d"
NUMBERED = re.compile(r"[ \u3000\t]*(?:[一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十]+[）)]"
                      r"|[0-9０-９]+[.．、](?![0-9０-９])|[（(][0-9０-９]+[）)])")


def line_starts(text: str) -> list[int]:
    out, off = [], 0
    for ln in text.split("\n"):
        out.append(off)
        off += len(ln) + 1
    return out


def line_of(starts: list[int], off: int) -> int:
    lo, hi = 0, len(starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= off:
            lo = mid
        else:
            hi = mid - 1
    return lo + 1


def paragraphs_in(text: str, s: int, e: int) -> int:
    """Paragraphs in text[s:e]: non-empty lines; a line holding only U+200B joins its neighbours."""
    n, joined = 0, False
    for ln in text[s:e].split("\n"):
        x = ln.strip(" \u3000\t")
        if not x:
            continue
        if x.strip("\u200b\u200d") == "":
            joined = True
            continue
        if not joined:
            n += 1
        joined = False
    return n


def main() -> int:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "structure.jsonl"
    rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    texts: dict[str, dict[str, str]] = {}
    errors, warnings = [], []

    def err(doc, msg):
        errors.append(f"{doc}: {msg}")

    def warn(doc, msg):
        warnings.append(f"{doc}: {msg}")

    table = []
    seen = set()
    for r in rows:
        did, corpus = r["doc_id"], r["corpus"]
        if did in seen:
            err(did, "duplicate doc_id")
        seen.add(did)
        if corpus not in texts:
            texts[corpus] = {}
            with open(CORPORA_DIR / corpus, encoding="utf-8") as fh:
                for line in fh:
                    d = json.loads(line)
                    texts[corpus][d["id"]] = d["text"]
        text = texts[corpus].get(did)
        if text is None:
            err(did, f"not found in {corpus}")
            continue
        lines = text.split("\n")
        starts = line_starts(text)
        n = len(text)

        # title
        t = r.get("title")
        title_end = 0
        if t is not None:
            if text[t["start"]:t["end"]] != t["text"]:
                err(did, f"title span {t['start']}:{t['end']} != {t['text']!r}")
            if line_of(starts, t["start"]) != t["line"]:
                err(did, f"title line {t['line']} but offset {t['start']} is on line {line_of(starts, t['start'])}")
            for k in ("org", "summary_year", "plan_year"):
                if k not in t:
                    err(did, f"title lacks {k}")
            if t.get("summary_year") is not None and t.get("plan_year") is not None \
                    and t["plan_year"] - t["summary_year"] != 1:
                err(did, "plan_year != summary_year + 1")
            title_end = t["end"]

        # headings
        heads = r.get("headings", [])
        prev_line = 0
        by_level = Counter()
        unnumbered = 0
        for h in heads:
            s, e = h["start"], h["end"]
            if text[s:e] != h["heading"]:
                err(did, f"heading line {h['line']}: text[{s}:{e}]={text[s:e]!r} != {h['heading']!r}")
            if "\n" in h["heading"]:
                err(did, f"heading line {h['line']} crosses a line break")
            if line_of(starts, s) != h["line"]:
                err(did, f"heading line {h['line']} but offset {s} is on line {line_of(starts, s)}")
            if h["line"] <= prev_line:
                err(did, f"heading line {h['line']} out of order / duplicate")
            prev_line = h["line"]
            if h["level"] not in (1, 2, 3, 4):
                err(did, f"heading line {h['line']}: bad level {h['level']}")
            if h["role"] not in ROLES:
                err(did, f"heading line {h['line']}: bad role {h['role']}")
            m = h.get("marker")
            if m:
                before = text[starts[h["line"] - 1]:s].rstrip(" \u3000")
                if not before.endswith(m):
                    err(did, f"heading line {h['line']}: marker {m!r} not right before the heading text")
                if h.get("number") is None and m != "——":
                    err(did, f"heading line {h['line']}: marker without number")
            else:
                unnumbered += 1
                if h.get("number") is not None:
                    err(did, f"heading line {h['line']}: number without marker")
            rest = text[e:starts[h["line"] - 1] + len(lines[h["line"] - 1])]
            if rest and not rest.startswith("。") and rest.strip(WS):
                err(did, f"heading line {h['line']}: heading stops before the first 。/end of line ({rest[:10]!r})")
            by_level[h["level"]] += 1

        # not_headings
        nh_lines = set()
        for x in r.get("not_headings", []):
            if not text[x["start"]:x["end"]].startswith(x["text"]):
                err(did, f"not_heading line {x['line']}: span text mismatch")
            if line_of(starts, x["start"]) != x["line"]:
                err(did, f"not_heading line {x['line']}: offset on line {line_of(starts, x['start'])}")
            nh_lines.add(x["line"])
        head_lines = {h["line"] for h in heads}
        both = head_lines & nh_lines
        if both:
            err(did, f"lines both heading and not_heading: {sorted(both)}")

        # parts
        parts = r.get("parts", [])
        prev_end = title_end
        prev_role = None
        for i, p in enumerate(parts):
            if p["role"] not in ROLES:
                err(did, f"part {i}: bad role {p['role']}")
            if not (0 <= p["start"] < p["end"] <= n):
                err(did, f"part {i}: bad span {p['start']}:{p['end']}")
            if p["start"] < prev_end:
                err(did, f"part {i} ({p['role']}) starts at {p['start']} before previous end {prev_end}")
            gap = text[prev_end:p["start"]]
            if i > 0 and gap.strip(WS):
                err(did, f"gap before part {i} ({p['role']}) holds text: {gap.strip(WS)[:30]!r}")
            if p["role"] == "problems" and not isinstance(p.get("heading"), bool):
                err(did, f"part {i}: problems part without boolean 'heading'")
            if p["role"] == prev_role:
                warn(did, f"parts {i - 1} and {i} have the same role {p['role']}")
            prev_end, prev_role = p["end"], p["role"]
        if parts and text[parts[-1]["end"]:].strip(WS):
            warn(did, f"text after the last part: {text[parts[-1]['end']:].strip(WS)[:30]!r}")
        if parts and t is None and text[:parts[0]["start"]].strip(WS):
            warn(did, f"text before the first part: {text[:parts[0]['start']].strip(WS)[:30]!r}")

        # heading role vs part role
        for h in heads:
            role = next((p["role"] for p in parts if p["start"] <= h["start"] < p["end"]), None)
            if role is None:
                err(did, f"heading line {h['line']} outside every part")
            elif role != h["role"]:
                warn(did, f"heading line {h['line']} role {h['role']} inside a {role} part")

        # coverage: numbered lines not annotated
        for k, ln in enumerate(lines, 1):
            if NUMBERED.match(ln) and k not in head_lines and k not in nh_lines:
                warn(did, f"numbered line {k} not annotated: {ln.strip()[:30]!r}")

        probs = [p for p in parts if p["role"] == "problems"]
        plans = [p for p in parts if p["role"] == "plans"]
        table.append({
            "doc": did,
            "chars": n,
            "h": len(heads),
            "lv": "/".join(str(by_level.get(k, 0)) for k in (1, 2, 3, 4)),
            "unnum": unnumbered,
            "prob_parts": len(probs),
            "prob_paras": sum(paragraphs_in(text, p["start"], p["end"]) for p in probs),
            "prob_pos": ",".join(f"{100 * p['start'] / n:.1f}-{100 * p['end'] / n:.1f}" for p in probs) or "-",
            "plan": f"{100 * plans[0]['start'] / n:.1f}" if plans else "-",
            "exp": "yes" if any(p["role"] == "experience" for p in parts) else "",
            "other": f"{100 * sum(p['end'] - p['start'] for p in parts if p['role'] == 'other') / n:.1f}",
            "nh": len(r.get("not_headings", [])),
        })

    hdr = f"{'doc_id':24} {'chars':>6} {'head':>4} {'L1/L2/L3/L4':>12} {'unnum':>5} {'probP':>5} {'probPara':>8} " \
          f"{'problems at % of text':>24} {'plan%':>6} {'exp':>4} {'other%':>6} {'notH':>4}"
    print(hdr)
    print("-" * len(hdr))
    for x in table:
        print(f"{x['doc']:24} {x['chars']:>6} {x['h']:>4} {x['lv']:>12} {x['unnum']:>5} {x['prob_parts']:>5} "
              f"{x['prob_paras']:>8} {x['prob_pos']:>24} {x['plan']:>6} {x['exp']:>4} {x['other']:>6} {x['nh']:>4}")
    print(f"\n{len(table)} documents, {sum(x['h'] for x in table)} headings, "
          f"{sum(x['prob_paras'] for x in table)} problem paragraphs")
    if warnings:
        print(f"\n{len(warnings)} warnings:")
        for w in warnings:
            print("  W", w)
    if errors:
        print(f"\n{len(errors)} ERRORS:")
        for e in errors:
            print("  E", e)
        return 1
    print("\nOK: no errors")
    return 0


if __name__ == "__main__":
    sys.exit(main())
