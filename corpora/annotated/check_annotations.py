"""Validate the annotated evaluation corpus in this folder (format: corpora/ANNOTATION.md).

For every sidecar ``X.json`` it checks that:

* the document ``X.txt`` / ``X.md`` / ``X.gbk.txt`` / ``X.docx`` exists and decodes (UTF-8 with or
  without BOM, GBK, or for ``.docx`` the paragraphs joined by ``\\n``), and is 1,200-4,000 CJK
  characters long;
* every line number (headings, implicit parts, paragraph roles, items, claims, placeholders,
  findings) lies inside the document; ``paragraph_roles`` covers exactly the non-empty lines, with
  valid roles, ``title`` only at the top, and agrees with the headings and implicit parts;
* every heading's marker + heading text stands at the start of its line (after a markdown ``#``
  run), the heading text stops at the first ``。``, numbers follow their markers;
* every item marker occurs on its line, in order and as often as listed;
* every claim / placeholder text occurs on its line (and in the document) as often as it is
  listed, and at its ``column`` (1-based, code points; an extra field of this corpus); claim
  values, units, qualifiers and placeholder kinds/slots are well-formed; claims that
  contain a placeholder are flagged ``placeholder: true``;
* every pair's problem and plan texts occur in the document, in a problems and a plans line;
* findings use the rule names of SPEC.md; ``clean`` documents expect none, ``defective`` ones
  at least one; every placeholder has its ``placeholder`` finding.

Conventions of this corpus (kept in line with corpora/real/structure_README.md):

* the ``title`` role is the title line only; a ``——`` subtitle, dateline, speaker or author line is
  preamble (org/years may still come from it; ``title.subtitle`` is an extra key);
* ``.docx`` sidecars say ``"encoding": "docx"``; ``corpora/make_variants.py`` builds the .docx and
  .gbk.txt files from their texts;
* markdown: the ``# `` title line is not a heading; heading levels count ``#`` relative to the
  smallest run used by headings; a numbered markdown heading (``## 一、…``) records the numbering as
  its marker;
* a line holding only a short ``一是…。`` lead is a heading (marker ``一是``, the level it occupies);
  ``一是…`` / ``第一，…`` / ``——…`` running into body text are items; appendix lists (``1.…（牵头单位：…）``)
  and ``［1］`` notes are body lines with role ``other``, not headings;
* signature/date lines and ``特此报告。`` open an implicit part with role ``other``;
* a marker written with wrong punctuation (``（二）、``) is recorded as written;
* ``missing-section`` findings have ``line: null`` and an extra ``section`` key;
* claims: ``text`` is the quantity itself (qualifier + number + unit, ``超60亿元``, ``90%以上``),
  without the verb; ``qualifier`` may come from just before the verb (``累计建成28.4万亩``).

Run ``python corpora/annotated/check_annotations.py`` (``-q`` for the summary only). Exit code 0
when there is no problem, 1 otherwise.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROLES = {"preamble", "achievements", "problems", "plans", "experience", "other"}
RULES = {
    "missing-section",
    "empty-section",
    "placeholder",
    "numbering-gap",
    "numbering-style",
    "problem-without-plan",
    "year-mismatch",
    "percent-out-of-range",
    "heading-punctuation",
}
TEMPLATES = {"annual-summary", "half-year-summary", "duty-report", "government-work-report"}
QUALIFIERS = {None, "余", "多", "近", "约", "超", "累计", "以上", "左右", "以内", "不足"}
PH_KINDS = {"mask", "xx", "date", "blank", "bracket", "moumou"}
SLOTS = {"number", "money", "percent", "date", "name", "text"}
CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
DOC_SUFFIXES = (".gbk.txt", ".txt", ".md", ".docx")
PLACEHOLDER_IN_CLAIM = re.compile(r"[*＊_＿×□]|X|ＸＸ|【")


def decode(path: Path, encoding: str) -> str:
    if path.suffix == ".docx":
        import docx  # python-docx

        return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    data = path.read_bytes()
    if encoding.lower() in ("gbk", "gb18030"):
        return data.decode("gbk")
    return data.decode("utf-8-sig")


def marker_number(marker: str | None) -> int | None:
    if marker is None or marker.startswith("#"):
        return None
    core = re.sub(r"[、（）().．是]", "", marker)
    if core.isdigit():
        return int(core)
    if core in CN_DIGITS:
        return CN_DIGITS[core]
    if len(core) == 2 and core[0] == "十":
        return 10 + CN_DIGITS[core[1]]
    if len(core) >= 2 and core[-1] == "十":
        return CN_DIGITS[core[0]] * 10
    if len(core) == 3 and core[1] == "十":
        return CN_DIGITS[core[0]] * 10 + CN_DIGITS[core[2]]
    return None


def find_document(sidecar: Path, name: str | None) -> Path | None:
    if name:
        return sidecar.with_name(name)
    for suffix in DOC_SUFFIXES:
        cand = sidecar.with_name(sidecar.stem + suffix)
        if cand.exists():
            return cand
    return None


def check(sidecar: Path) -> tuple[list[str], dict]:
    errs: list[str] = []
    ann = json.loads(sidecar.read_text(encoding="utf-8"))
    stats = {"file": ann.get("file", "?")}
    doc = find_document(sidecar, ann.get("file"))
    if doc is None or not doc.exists():
        return [f"document {ann.get('file')} not found"], stats
    if doc.stem.replace(".gbk", "") != sidecar.stem:
        errs.append(f"sidecar name {sidecar.name} does not match document {doc.name}")
    try:
        text = decode(doc, ann.get("encoding", "utf-8"))
    except Exception as exc:  # noqa: BLE001 - report any decoding failure
        return [f"cannot decode {doc.name}: {exc}"], stats
    lines = text.split("\n")
    n = len(lines)
    cjk = len(re.findall(r"[\u4e00-\u9fff]", text))
    stats.update(lines=n, cjk=cjk)
    if not 1200 <= cjk <= 4000:
        errs.append(f"length {cjk} CJK characters outside 1200-4000")

    def line_ok(where: str, ln) -> bool:
        if not isinstance(ln, int) or not 1 <= ln <= n:
            errs.append(f"{where}: line {ln!r} out of range 1..{n}")
            return False
        return True

    # top-level fields
    if ann.get("kind") not in ("clean", "defective"):
        errs.append(f"bad kind {ann.get('kind')!r}")
    if ann.get("template") not in TEMPLATES:
        errs.append(f"bad template {ann.get('template')!r}")
    title = ann.get("title")
    if title is not None:
        if title.get("text") and title["text"] not in text:
            errs.append("title text not in document")
        if title.get("subtitle") and title["subtitle"] not in text:
            errs.append("title subtitle not in document")
        for key in ("summary_year", "plan_year"):
            if title.get(key) is not None and not isinstance(title[key], int):
                errs.append(f"title.{key} is not an integer")

    # paragraph roles
    roles = ann.get("paragraph_roles", {})
    nonempty = {i for i, s in enumerate(lines, 1) if s.strip()}
    keys = set()
    for k, r in roles.items():
        if not k.isdigit() or not line_ok(f"paragraph_roles[{k}]", int(k)):
            continue
        keys.add(int(k))
        if r != "title" and r not in ROLES:
            errs.append(f"paragraph_roles[{k}]: bad role {r!r}")
    if keys != nonempty:
        if nonempty - keys:
            errs.append(f"non-empty lines without a role: {sorted(nonempty - keys)}")
        if keys - nonempty:
            errs.append(f"roles given for empty lines: {sorted(keys - nonempty)}")
    title_lines = sorted(int(k) for k, r in roles.items() if r == "title")
    if title_lines and title_lines != [i for i in sorted(nonempty) if i <= title_lines[-1]]:
        errs.append(f"title lines {title_lines} are not the leading non-empty lines")
    role_of = {int(k): r for k, r in roles.items() if k.isdigit()}

    # headings
    headings = ann.get("headings", [])
    prev = 0
    for h in headings:
        ln = h.get("line")
        where = f"heading line {ln}"
        if not line_ok(where, ln):
            continue
        if ln <= prev:
            errs.append(f"{where}: headings not in line order")
        prev = ln
        line = lines[ln - 1]
        body = re.sub(r"^#+ +", "", line) if line.startswith("#") else line
        marker, head = h.get("marker"), h.get("heading") or ""
        if marker and marker.startswith("#"):
            if not line.startswith(marker + " ") or line[len(marker) + 1 :].split("。")[0] != head:
                errs.append(f"{where}: markdown marker/heading {marker!r} {head!r} do not match the line")
        else:
            expect = (marker or "") + head
            if not body.startswith(expect):
                errs.append(f"{where}: {expect!r} not at the start of the line")
            elif body[len(expect) :] and not body[len(expect) :].startswith("。"):
                errs.append(f"{where}: heading text does not run to the first 。 or the line end")
        if "。" in head:
            errs.append(f"{where}: heading text contains 。")
        if h.get("number") != marker_number(marker):
            errs.append(f"{where}: number {h.get('number')!r} does not match marker {marker!r}")
        if h.get("level") not in (1, 2, 3, 4):
            errs.append(f"{where}: bad level {h.get('level')!r}")
        if h.get("role") not in ROLES:
            errs.append(f"{where}: bad role {h.get('role')!r}")
        elif role_of.get(ln) != h["role"]:
            errs.append(f"{where}: role {h['role']} but paragraph_roles says {role_of.get(ln)}")

    # implicit parts
    for imp in ann.get("implicit", []):
        ln = imp.get("line")
        if not line_ok("implicit", ln):
            continue
        if imp.get("role") not in ROLES:
            errs.append(f"implicit line {ln}: bad role {imp.get('role')!r}")
        elif role_of.get(ln) != imp["role"]:
            errs.append(f"implicit line {ln}: role {imp['role']} but paragraph_roles says {role_of.get(ln)}")
        if ln in {h["line"] for h in headings}:
            errs.append(f"implicit line {ln} is also a heading")

    # roles only change at a heading or an implicit part (or after the title)
    starts = {h["line"] for h in headings} | {i["line"] for i in ann.get("implicit", [])}
    last = None
    for ln in sorted(role_of):
        r = role_of[ln]
        if r == "title":
            continue
        if last is not None and r != last and ln not in starts:
            errs.append(f"line {ln}: role changes {last} -> {r} without a heading or implicit part")
        if last is None and r != "preamble" and ln not in starts:
            errs.append(f"line {ln}: first body line has role {r} but opens no part")
        last = r

    # items
    n_items = 0
    for it in ann.get("items", []):
        ln = it.get("line")
        if not line_ok("items", ln):
            continue
        pos, line = 0, lines[ln - 1]
        for m in it.get("markers", []):
            k = line.find(m, pos)
            if k < 0:
                errs.append(f"items line {ln}: marker {m!r} not found (in order)")
                break
            pos = k + len(m)
            n_items += 1

    # claims and placeholders: each listed occurrence must exist on its line
    def occurrences(kind: str, entries: list[dict]) -> None:
        per_line: Counter = Counter()
        for e in entries:
            t = e.get("text") or ""
            if not t or t not in text:
                errs.append(f"{kind} {t!r} not in document")
                continue
            ln = e.get("line")
            if ln is not None:
                if line_ok(f"{kind} {t!r}", ln):
                    if t not in lines[ln - 1]:
                        errs.append(f"{kind} {t!r} not on line {ln}")
                    per_line[(ln, t)] += 1
                    col = e.get("column")
                    if col is not None and lines[ln - 1][col - 1 : col - 1 + len(t)] != t:
                        errs.append(f"{kind} {t!r} not at line {ln} column {col}")
        for (ln, t), cnt in per_line.items():
            have = lines[ln - 1].count(t)
            if have < cnt:
                errs.append(f"{kind} {t!r} listed {cnt}x on line {ln} but occurs {have}x")

    claims = ann.get("claims", [])
    occurrences("claim", claims)
    for c in claims:
        t = c.get("text", "")
        if c.get("qualifier") not in QUALIFIERS:
            errs.append(f"claim {t!r}: bad qualifier {c.get('qualifier')!r}")
        if not c.get("unit"):
            errs.append(f"claim {t!r}: no unit")
        elif c["unit"] != "%" and not re.sub(r"余|多|以上$|左右$|以内$", "", t).endswith(c["unit"]):
            errs.append(f"claim {t!r}: unit {c['unit']!r} is not how the text ends")
        ph = bool(PLACEHOLDER_IN_CLAIM.search(t))
        if c.get("placeholder") != ph:
            errs.append(f"claim {t!r}: placeholder flag {c.get('placeholder')!r}, expected {ph}")
        if ph and c.get("value") is not None:
            errs.append(f"claim {t!r}: placeholder claim must have value null")
        if not ph and not isinstance(c.get("value"), (int, float)):
            errs.append(f"claim {t!r}: value missing")
        vm = c.get("value_max")
        if vm is not None and (c.get("value") is None or vm <= c["value"]):
            errs.append(f"claim {t!r}: value_max {vm} not above value")
        if isinstance(c.get("value"), (int, float)) and re.search(r"\d", t):
            digits = re.findall(r"\d+(?:\.\d+)?", t)
            if digits and float(digits[0]) != float(c["value"]):
                errs.append(f"claim {t!r}: value {c['value']} differs from the digits")
    placeholders = ann.get("placeholders", [])
    occurrences("placeholder", placeholders)
    for p in placeholders:
        if p.get("kind") not in PH_KINDS:
            errs.append(f"placeholder {p.get('text')!r}: bad kind {p.get('kind')!r}")
        if p.get("slot") not in SLOTS:
            errs.append(f"placeholder {p.get('text')!r}: bad slot {p.get('slot')!r}")

    # pairs
    for pr in ann.get("pairs", []):
        for side, want in (("problem", "problems"), ("plan", "plans")):
            t = pr.get(side) or ""
            hits = [i for i, s in enumerate(lines, 1) if t and t in s]
            if not hits:
                errs.append(f"pair {side} {t!r} not in document")
            elif not any(role_of.get(i) == want for i in hits):
                errs.append(f"pair {side} {t!r} is not on a {want} line")

    # findings
    findings = ann.get("findings", [])
    for f in findings:
        if f.get("name") not in RULES:
            errs.append(f"finding with unknown rule name {f.get('name')!r}")
        if f.get("line") is not None:
            line_ok(f"finding {f.get('name')}", f["line"])
        elif f.get("name") != "missing-section":
            errs.append(f"finding {f.get('name')} without a line")
    if ann.get("kind") == "clean" and findings:
        errs.append("clean document with expected findings")
    if ann.get("kind") == "defective" and not findings:
        errs.append("defective document without expected findings")
    ph_find = Counter(f["line"] for f in findings if f.get("name") == "placeholder")
    ph_have = Counter(p.get("line") for p in placeholders)
    if ph_find != ph_have:
        errs.append(f"placeholder findings {dict(ph_find)} do not match placeholders {dict(ph_have)}")

    stats.update(
        headings=len(headings),
        implicit=len(ann.get("implicit", [])),
        items=n_items,
        claims=len(claims),
        placeholders=len(placeholders),
        findings=len(findings),
        pairs=len(ann.get("pairs", [])),
        kind=ann.get("kind"),
    )
    return errs, stats


def main(argv: list[str]) -> int:
    quiet = "-q" in argv
    sidecars = sorted(HERE.glob("*.json"))
    total_errs = 0
    cols = ["lines", "cjk", "headings", "implicit", "items", "claims", "placeholders", "findings", "pairs"]
    print(f"{'file':38s} {'kind':9s} " + " ".join(f"{c[:6]:>6s}" for c in cols))
    sums = Counter()
    kinds = Counter()
    for sc in sidecars:
        errs, st = check(sc)
        total_errs += len(errs)
        kinds[st.get("kind")] += 1
        print(f"{st['file']:38s} {str(st.get('kind')):9s} " + " ".join(f"{st.get(c, 0):6d}" for c in cols))
        for c in cols:
            sums[c] += st.get(c, 0)
        if errs and not quiet:
            for e in errs:
                print(f"    PROBLEM: {e}")
    print(
        f"{'TOTAL (' + str(len(sidecars)) + ' documents)':38s} {'':9s} "
        + " ".join(f"{sums[c]:6d}" for c in cols)
    )
    print(f"kinds: {dict(kinds)}; problems: {total_errs}")
    return 1 if total_errs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
