"""Heuristics reviewers apply by hand (warnings and infos, never errors by default):
achievements-without-numbers, vague-praise, section-share, repeated-sentence."""

from __future__ import annotations

import bisect
import json
from functools import lru_cache

from zongjie import rx
from zongjie.checker import Ctx
from zongjie.checker.registry import implements
from zongjie.datafiles import read_data
from zongjie.spans import merged

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only: importing typing is 4 ms of a cold `zongjie check`
    from typing import Any

NUMBERISH = rx.compile(
    r"[0-9０-９]|百分之|[*＊]{2,}|[XxＸｘ×]{2,}|"
    r"[一二三四五六七八九十两百千万亿]+[余多]?(?:个|次|人|项|家|户|万|亿|倍|件|所|名|座|条|场|期|批次|处|台|辆|亩|吨|"
    r"公里|千米|平方米|元|篇|部|本|册|起|宗|份|套|栋|间|张)"
)
SENT = rx.compile(r"[^。！？!?；;\n]+[。！？!?；;]?")


def role_ranges(ctx: Ctx) -> dict[str, list[tuple[int, int]]]:
    def make() -> dict[str, list[tuple[int, int]]]:
        out: dict[str, list[tuple[int, int]]] = {}
        for n in ctx.doc.walk():
            if n.kind == "appendix":
                continue
            out.setdefault(n.role, []).extend(n.own_ranges())
        return out

    return ctx.cached("role_ranges", make)


def _claims_in(ctx: Ctx, ranges: list[tuple[int, int]]) -> bool:
    if not ranges or not ctx.doc.claims:
        return False
    union, starts = merged(ranges)  # the ranges joined: one bisect per claim
    for c in ctx.doc.claims:
        i = bisect.bisect_right(starts, c.start) - 1
        if i >= 0 and c.start < union[i][1]:
            return True
    return False


# --------------------------------------------------------------------------- achievements-without-numbers

@implements("achievements-without-numbers")
def achievements_without_numbers(ctx: Ctx) -> None:
    ranges = role_ranges(ctx).get("achievements", [])
    # the cheap tests first: nearly every real achievements part has a claim
    if _claims_in(ctx, ranges) or any(NUMBERISH.search(ctx.folded, s, e) for s, e in ranges):
        return
    size = sum(len(rx.findall(r"[\u4e00-\u9fff]", ctx.text[s:e])) for s, e in ranges)
    if size < int(ctx.option("min-chars", 150)):
        return
    first = next(n for n in ctx.doc.walk() if n.role == "achievements" and n.kind != "appendix")
    end = first.heading_end if first.heading_end is not None else min(first.end, first.start + 20)
    ctx.emit("achievements-without-numbers", first.start, end, part=(first.heading or "工作成绩").strip()[:20])


# --------------------------------------------------------------------------- vague-praise

PRAISE = rx.compile(r"(?<![不未没])(?:显著|大幅|明显|全面提升|大大|极大|长足|突飞猛进|成倍|跨越式|大踏步)")
NEG_BEFORE = rx.compile(r"(不够|还不|尚不|尚未|并不|仍不)$")


@implements("vague-praise")
def vague_praise(ctx: Ctx) -> None:
    ranges = role_ranges(ctx).get("achievements", [])
    claim_starts = sorted(c.start for c in ctx.doc.claims)
    import bisect

    def has_number(s: int, e: int) -> bool:
        i = bisect.bisect_left(claim_starts, s)
        if i < len(claim_starts) and claim_starts[i] < e:
            return True
        return bool(NUMBERISH.search(ctx.folded, s, e))

    for rs, re_ in ranges:
        for pm in rx.finditer(r"[^\n]+", ctx.folded[rs:re_]):
            ps, pe = rs + pm.start(), rs + pm.end()
            # a match inside one of its sentences is a match inside the paragraph (the look-behind
            # reads the whole text either way): a paragraph without one is not split
            if PRAISE.search(ctx.folded, ps, pe) is None:
                continue
            sents = [(ps + m.start(), ps + m.end()) for m in SENT.finditer(ctx.folded[ps:pe])]
            for i, (s, e) in enumerate(sents):
                m = PRAISE.search(ctx.folded, s, e)
                if not m or NEG_BEFORE.search(ctx.folded[max(s, m.start() - 4):m.start()]):
                    continue
                lo = sents[i - 1][0] if i > 0 else s
                hi = sents[i + 1][1] if i + 1 < len(sents) else e
                if has_number(lo, hi):
                    continue
                ctx.emit("vague-praise", m.start(), m.end(), word=ctx.text[m.start():m.end()])


# --------------------------------------------------------------------------- section-share

@lru_cache(maxsize=1)
def shares() -> dict[str, Any]:
    try:
        return json.loads(read_data("shares.json"))
    except FileNotFoundError:
        return {}


def role_shares(doc: Any) -> dict[str, float]:
    """Share of each role in the body (non-blank characters; appendices and `other` left out)."""
    counts: dict[str, int] = {}
    for n in doc.walk():
        if n.kind == "appendix" or n.role == "other":
            continue
        k = sum(len(rx.sub(r"\s", "", doc.text[s:e])) for s, e in n.own_ranges())
        if n.kind in ("heading", "markdown", "unnumbered"):
            he = n.body_start if n.body_start is not None else n.start
            k += len(rx.sub(r"\s", "", doc.text[n.start:he]))
        counts[n.role] = counts.get(n.role, 0) + k
    total = sum(counts.values())
    return {r: c / total for r, c in counts.items()} if total else {}


@implements("section-share")
def section_share(ctx: Ctx) -> None:
    table = shares().get("templates", {})
    name = ctx.template.name
    bucket = table.get(name)
    if not bucket or bucket.get("n", 0) < 5:
        bucket = table.get(shares().get("fallback", {}).get(name, ""), bucket)
    if not bucket or bucket.get("n", 0) < 5:
        return
    total_chars = len(rx.sub(r"\s", "", ctx.text))
    if total_chars < int(ctx.option("min-chars", 500)):
        return
    got = role_shares(ctx.doc)
    hi_f, lo_f = float(ctx.option("high-factor", 1.5)), float(ctx.option("low-factor", 0.5))
    for role, st in bucket.get("roles", {}).items():
        if role not in got or st.get("n", 0) < 5:
            continue
        s, p10, p50, p90 = got[role], st["p10"], st["p50"], st["p90"]
        if s > p90 * hi_f and s - p90 > 0.10:
            key = "high"
        elif s < p10 * lo_f and p10 - s > 0.03:
            key = "low"
        else:
            continue
        first = next(n for n in ctx.doc.walk() if n.role == role and n.kind != "appendix")
        end = first.heading_end if first.heading_end is not None else min(first.end, first.start + 20)
        ctx.emit("section-share", first.start, end, key, part=ctx.template.role_label(role),
                 share=f"{s:.0%}", p10=f"{p10:.0%}", p50=f"{p50:.0%}", p90=f"{p90:.0%}", n=bucket["n"])


# --------------------------------------------------------------------------- repeated-sentence

LEAD = rx.compile(r"^(?:[一二三四五六七八九十]+[是要][，,：:]?|第[一二三四五六七八九十]+[，,、]|其[一二三四五六七八九十][，,]|"
                  r"[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．]|[一二三四五六七八九十]+、|首先|其次|再次|最后|同时|此外|另外)[，,]?")


RE_SPACE_QUOTES = rx.compile(r"[\s\"“”‘’'「」]")
TERMINAL = set("。！？!?；;")
LEAD_START = set("一二三四五六七八九十第其(0123456789首再最同此另")


def _han_count(s: str) -> int:
    """Chinese characters in ``s`` (folded text: full-width punctuation is ASCII already), fast:
    every non-ASCII BMP character is 3 UTF-8 bytes; the few ideographic marks left are subtracted."""
    non_ascii = (len(s.encode("utf-8")) - len(s)) // 2
    return non_ascii - s.count("、") - s.count("。") - s.count("《") - s.count("》")


@implements("repeated-sentence")
def repeated_sentence(ctx: Ctx) -> None:
    min_len = int(ctx.option("min-chars", 16))
    seen: dict[str, int] = {}
    heading_lines = {n.line for n in ctx.doc.walk() if n.kind in ("heading", "markdown", "unnumbered")}
    body_from = ctx.doc.sections[0].start if ctx.doc.sections else 0
    # the `other` parts joined, one bisect per sentence: testing every range for every sentence
    # was quadratic on long documents (thousands of closing lines of concatenated reports)
    other, other_starts = merged(role_ranges(ctx).get("other", []))
    line_of = ctx.doc.lines.line_of
    for m in SENT.finditer(ctx.folded, body_from):
        s, e = m.start(), m.end()
        if e - s < min_len:
            continue
        sent = m.group(0).rstrip()
        if not sent or sent[-1] not in TERMINAL:
            continue  # a title or heading line, not a sentence
        raw = RE_SPACE_QUOTES.sub("", sent)
        if raw[:1] in LEAD_START:
            raw = LEAD.sub("", raw)
        raw = raw.rstrip("。！？!?；;")
        if len(raw) < min_len or _han_count(raw) < min_len:
            continue
        if line_of(s) in heading_lines:
            continue
        k = bisect.bisect_right(other_starts, s) - 1
        if k >= 0 and s < other[k][1]:
            continue
        if raw in seen:
            line = line_of(seen[raw])
            while s < e and ctx.text[s] in " \t\u3000":
                s += 1
            orig = ctx.text[s:e].rstrip("。！？!?；;")
            shown = orig if len(orig) <= 30 else orig[:28] + "……"
            ctx.emit("repeated-sentence", s, e, sentence=shown, line=line)
        else:
            seen[raw] = s
