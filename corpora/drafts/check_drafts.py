#!/usr/bin/env python3
"""Validate the checker's test corpus: every sidecar in corpora/drafts/ and corpora/demo/.

For each annotated document ``X.txt`` / ``X.md`` / ``X.gbk.txt`` with sidecar ``X.json``
(format: corpora/ANNOTATION.md) this checks that

* the document decodes with the sidecar's ``encoding``;
* ``kind``, ``template``, rule names and severities are the ones SPEC.md fixes
  (``clean`` documents expect no findings at all);
* every finding, heading, placeholder, item and implicit line is within the document;
* every heading line contains its marker and its heading text, and numbered levels match the marker;
* every placeholder text occurs on its line, and the document holds at least as many occurrences
  of each placeholder text as the sidecar lists;
* each ``placeholder`` finding sits on a line with a listed placeholder (one finding per occurrence);
* ``items`` markers occur on their line in order; ``pairs`` substrings occur in the text;
* ``paragraph_roles`` covers exactly the non-empty lines, with known roles.

Then it prints a table: file, template, kind, expected findings by rule name.
Standard library only. Exit code 0 when everything is valid, 1 otherwise.

    python corpora/drafts/check_drafts.py [DIR_OR_SIDECAR ...]
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_DIRS = [HERE, HERE.parent / "demo"]

RULES = {
    "missing-section": "error",
    "empty-section": "error",
    "placeholder": "error",
    "numbering-gap": "error",
    "numbering-style": "warning",
    "heading-punctuation": "warning",
    "year-mismatch": "error",
    "percent-out-of-range": "error",
    "problem-without-plan": "warning",
}
TEMPLATES = {"annual-summary", "half-year-summary", "duty-report", "government-work-report"}
ROLES = {"preamble", "achievements", "problems", "plans", "experience", "other"}
KINDS = {"clean", "defective"}
PH_KINDS = {"mask", "xx", "date", "blank", "bracket", "moumou"}
PH_SLOTS = {"number", "money", "percent", "date", "name", "text"}
DOC_SUFFIXES = (".gbk.txt", ".txt", ".md")
ABBREV = {
    "missing-section": "missing",
    "empty-section": "empty",
    "placeholder": "ph",
    "numbering-gap": "gap",
    "numbering-style": "style",
    "heading-punctuation": "punct",
    "year-mismatch": "year",
    "percent-out-of-range": "pct",
    "problem-without-plan": "no-plan",
}
CN_DIGITS = "一二三四五六七八九十"


def level_of_marker(marker: str) -> int | None:
    """GB/T 9704 level implied by a marker as written (None if not a numbered marker)."""
    m = marker
    if m[:1] in "（(" and len(m) > 1:
        inner = m[1:].lstrip()
        return 2 if inner[:1] in CN_DIGITS else 4 if inner[:1].isdigit() else None
    if m[:1] in CN_DIGITS:
        return 1
    if m[:1].isdigit():
        return 3
    return None


def sidecar_document(sidecar: Path) -> Path | None:
    stem = sidecar.with_suffix("")
    for suf in DOC_SUFFIXES:
        cand = stem.parent / (stem.name + suf)
        if cand.exists():
            return cand
    return None


def read_lines(doc: Path, encoding: str) -> tuple[str, list[str]]:
    text = doc.read_bytes().decode(encoding)  # strict: raises on a wrong encoding
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return text, [ln.rstrip("\r") for ln in lines]


def validate(sidecar: Path) -> tuple[dict | None, list[str]]:
    errs: list[str] = []

    def err(msg: str) -> None:
        errs.append(f"{sidecar.name}: {msg}")

    try:
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        err(f"sidecar unreadable: {exc}")
        return None, errs
    doc = sidecar_document(sidecar)
    if doc is None:
        err("no document next to the sidecar")
        return meta, errs
    if meta.get("file") != doc.name:
        err(f"file field {meta.get('file')!r} != {doc.name!r}")
    enc = meta.get("encoding", "utf-8")
    try:
        text, lines = read_lines(doc, enc)
    except (LookupError, UnicodeDecodeError) as exc:
        err(f"does not decode as {enc}: {exc}")
        return meta, errs
    if enc.lower() not in ("utf-8", "utf8", "utf-8-sig"):
        try:
            doc.read_bytes().decode("utf-8")
            err(f"declared {enc} but the bytes are valid UTF-8 (encoding test would be void)")
        except UnicodeDecodeError:
            pass
    n = len(lines)

    def in_range(line, what) -> bool:
        if not isinstance(line, int) or not 1 <= line <= n:
            err(f"{what}: line {line!r} out of range 1..{n}")
            return False
        return True

    kind = meta.get("kind")
    if kind not in KINDS:
        err(f"kind {kind!r} not in {sorted(KINDS)}")
    if meta.get("template") not in TEMPLATES:
        err(f"template {meta.get('template')!r} not in {sorted(TEMPLATES)}")
    title = meta.get("title")
    if not isinstance(title, dict) or not title.get("text"):
        err("title.text missing")
    elif title["text"] not in text:
        err(f"title text {title['text']!r} not in document")
    else:
        for key in ("org", "summary_year", "plan_year"):
            if key not in title:
                err(f"title.{key} missing")
        if title.get("org") and title["org"] not in title["text"] + title.get("subtitle", ""):
            if title["org"] not in text:
                err(f"title.org {title['org']!r} not in document")

    # headings
    prev = 0
    for h in meta.get("headings", []):
        if not in_range(h.get("line"), f"heading {h.get('heading')!r}"):
            continue
        if h["line"] <= prev:
            err(f"headings out of order at line {h['line']}")
        prev = h["line"]
        line = lines[h["line"] - 1]
        marker = h.get("marker")
        if marker is not None and marker not in line:
            err(f"heading line {h['line']}: marker {marker!r} not on the line")
        if h.get("heading") and h["heading"] not in line.replace("**", ""):
            err(f"heading line {h['line']}: heading text {h['heading']!r} not on the line")
        if h.get("role") not in ROLES:
            err(f"heading line {h['line']}: role {h.get('role')!r}")
        if marker is not None:
            lvl = level_of_marker(marker)
            if lvl is not None and lvl != h.get("level"):
                err(f"heading line {h['line']}: level {h.get('level')} but marker {marker!r} is level {lvl}")
            if not isinstance(h.get("number"), int) or h["number"] < 1:
                err(f"heading line {h['line']}: number {h.get('number')!r}")

    for imp in meta.get("implicit", []):
        if in_range(imp.get("line"), "implicit") and imp.get("role") not in ROLES:
            err(f"implicit line {imp['line']}: role {imp.get('role')!r}")

    for it in meta.get("items", []):
        if not in_range(it.get("line"), "items"):
            continue
        line, pos = lines[it["line"] - 1], 0
        for mk in it.get("markers", []):
            k = line.find(mk, pos)
            if k < 0:
                err(f"items line {it['line']}: marker {mk!r} not found in order")
                break
            pos = k + len(mk)

    # paragraph roles: exactly the non-empty lines
    pr = meta.get("paragraph_roles")
    if pr is not None:
        nonempty = {str(i) for i, ln in enumerate(lines, 1) if ln.strip()}
        if set(pr) != nonempty:
            missing = sorted(nonempty - set(pr), key=int)
            extra = sorted(set(pr) - nonempty, key=int)
            err(f"paragraph_roles mismatch: missing {missing[:5]} extra {extra[:5]}")
        bad = {v for v in pr.values()} - ROLES - {"title"}
        if bad:
            err(f"paragraph_roles: unknown roles {sorted(bad)}")

    # placeholders
    listed = Counter()
    ph_lines = Counter()
    for ph in meta.get("placeholders", []):
        t = ph.get("text")
        if not t:
            err("placeholder without text")
            continue
        listed[t] += 1
        if ph.get("kind") not in PH_KINDS:
            err(f"placeholder {t!r}: kind {ph.get('kind')!r}")
        if ph.get("slot") not in PH_SLOTS:
            err(f"placeholder {t!r}: slot {ph.get('slot')!r}")
        if "line" in ph and in_range(ph["line"], f"placeholder {t!r}"):
            if t not in lines[ph["line"] - 1]:
                err(f"placeholder {t!r} not on line {ph['line']}")
            ph_lines[ph["line"]] += 1
        if t not in text:
            err(f"placeholder {t!r} does not occur")
    for t, k in listed.items():
        if text.count(t) < k:
            err(f"placeholder {t!r} listed {k}x but occurs {text.count(t)}x")

    # findings
    findings = meta.get("findings", [])
    if kind == "clean" and findings:
        err("clean document with findings")
    if kind == "defective" and not findings:
        err("defective document without findings")
    ph_findings = Counter()
    for f in findings:
        name = f.get("name")
        if name not in RULES:
            err(f"finding {name!r}: not a SPEC rule name")
            continue
        if f.get("severity", RULES[name]) != RULES[name]:
            err(f"finding {name} line {f.get('line')}: severity {f.get('severity')!r}, SPEC says {RULES[name]}")
        if not f.get("detail"):
            err(f"finding {name} line {f.get('line')}: no detail")
        if in_range(f.get("line"), f"finding {name}") and name == "placeholder":
            ph_findings[f["line"]] += 1
    if ph_lines:
        for line, k in ph_findings.items():
            if ph_lines[line] != k:
                err(f"line {line}: {k} placeholder finding(s) but {ph_lines[line]} listed placeholder(s)")
        for line, k in ph_lines.items():
            if ph_findings[line] != k:
                err(f"line {line}: {k} listed placeholder(s) but {ph_findings[line]} placeholder finding(s)")

    for p in meta.get("pairs", []):
        for key in ("problem", "plan"):
            if not p.get(key) or p[key] not in text:
                err(f"pair {key} {p.get(key)!r} not in document")
    return meta, errs


def collect(args: list[str]) -> list[Path]:
    targets = [Path(a) for a in args] or DEFAULT_DIRS
    out: list[Path] = []
    for t in targets:
        if t.is_dir():
            out.extend(sorted(p for p in t.glob("*.json")))
        elif t.suffix == ".json":
            out.append(t)
    return out


def main(argv: list[str]) -> int:
    sidecars = collect(argv)
    if not sidecars:
        print("no sidecars found", file=sys.stderr)
        return 1
    all_errs: list[str] = []
    rows = []
    total = Counter()
    for sc in sidecars:
        meta, errs = validate(sc)
        all_errs.extend(errs)
        if meta is None:
            continue
        doc = sidecar_document(sc)
        names = Counter(f.get("name") for f in meta.get("findings", []))
        total.update(names)
        shown = ", ".join(f"{ABBREV.get(k, k)}×{v}" if v > 1 else ABBREV.get(k, k) for k, v in names.items())
        rel = f"{sc.parent.name}/{doc.name if doc else sc.name}"
        rows.append((rel, meta.get("template", "?"), meta.get("kind", "?"), shown or "—", "OK" if not errs else "FAIL"))

    w = [max(len(r[i]) for r in rows + [("file", "template", "kind", "expected findings", "valid")])
         for i in range(5)]
    head = ("file", "template", "kind", "expected findings", "valid")
    print("  ".join(h.ljust(w[i]) for i, h in enumerate(head)))
    print("  ".join("-" * w[i] for i in range(5)))
    for r in rows:
        print("  ".join(c.ljust(w[i]) for i, c in enumerate(r)))
    print()
    print("legend: " + ", ".join(f"{v}={k}" for k, v in ABBREV.items()))
    print("totals: " + ", ".join(f"{k} {total[k]}" for k in RULES if total[k]))
    kinds = Counter(r[2] for r in rows)
    print(f"documents: {len(rows)} ({kinds['defective']} defective, {kinds['clean']} clean); "
          f"expected findings: {sum(total.values())}")
    uncovered = [k for k in RULES if total[k] < 2]
    if uncovered and not argv:  # coverage is a property of the whole corpus, not of a subset
        all_errs.append(f"rules covered fewer than twice: {uncovered}")
    if all_errs:
        print(f"\n{len(all_errs)} problem(s):", file=sys.stderr)
        for e in all_errs:
            print("  " + e, file=sys.stderr)
        return 1
    print("all sidecars valid")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
