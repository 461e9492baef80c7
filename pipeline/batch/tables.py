"""One document → the rows of every per-document table (runs inside the workers)."""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

import zongjie
from zongjie.model import ROLES, Document
from zongjie.runner import pipeline
from zongjie.serialize import summary

CORE_ROLES = ("achievements", "problems", "plans")


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def one_line(msg: object) -> str:
    return " ".join(str(msg).split())[:2000]


def _int(v: Any) -> int | None:
    try:
        return None if v is None or v == "" else int(v)
    except (TypeError, ValueError):
        return None


# ---------------------------------------------------------------------------------------------
# metadata: title first, JSONL fields override
# ---------------------------------------------------------------------------------------------

def resolve_meta(doc: Document, meta: dict[str, Any]) -> dict[str, Any]:
    """org / year / summary_year / plan_year / doc_type / title of a document.

    Precedence: explicit JSONL fields > fields parsed from a JSONL ``title`` > the title found in
    the text.  ``year`` (the year the report was given or covers) derives the missing years:
    a 政府工作报告 of ``year`` Y reviews Y-1 and plans Y; any other report summarises Y.
    """
    from zongjie.title import parse_title_fields

    t = doc.title
    org, sy, py, dtype = ((t.org, t.summary_year, t.plan_year, t.doc_type) if t else (None, None, None, None))
    title = t.text if t else None
    if meta.get("title"):
        title = str(meta["title"])
        o2, sy2, py2, dt2 = parse_title_fields(title)
        org, sy, py, dtype = o2 or org, sy2 or sy, py2 or py, dt2 or dtype
    org = meta.get("org") or org
    dtype = meta.get("type") or meta.get("doc_type") or dtype
    year = _int(meta.get("year"))
    if _int(meta.get("summary_year")) is not None:
        sy = _int(meta.get("summary_year"))
    if _int(meta.get("plan_year")) is not None:
        py = _int(meta.get("plan_year"))
    if year is not None and sy is None and py is None:
        if dtype == "government-work-report":
            sy, py = year - 1, year
        else:
            sy = year
    if year is None:
        year = sy if sy is not None else py
    return {"title": title, "org": org, "year": year, "summary_year": sy, "plan_year": py,
            "doc_type": dtype}


# ---------------------------------------------------------------------------------------------
# rows
# ---------------------------------------------------------------------------------------------

def role_chars(doc: Document) -> dict[str, int]:
    """Characters per role: each node counts its span minus its children's spans."""
    out = dict.fromkeys(ROLES, 0)

    def own(node) -> None:
        inner = sum(max(0, c.end - c.start) for c in node.children)
        out[node.role if node.role in out else "other"] += max(0, node.end - node.start - inner)
        for c in node.children:
            own(c)

    for s in doc.sections:
        own(s)
    return out


def achievement_paragraphs(doc: Document) -> list[tuple[int, int, str]]:
    """Paragraphs (lines) whose role is ``achievements``: the text follow-through is matched in."""
    out = []
    for m in re.finditer(r"[^\n]+", doc.text):
        line = m.group(0)
        lead = len(line) - len(line.lstrip())
        if len(line.strip()) < 4:
            continue
        if doc.role_at(m.start() + lead) == "achievements":
            out.append((m.start() + lead, m.end(), line.strip()))
    return out


def _problems_and_plans(doc: Document, doc_id: str) -> tuple[list[tuple], list[tuple]]:
    """Rows of ``problems`` and ``plans``: the statements the alignment used (``matcher.statements``,
    kept by the ``align`` component), each problem with its aligned plan item and score."""
    from zongjie import matcher

    line_of = doc.lines.line_of
    probs, plans = matcher.statements(doc)
    plan_index = {(p.start, p.end): k for k, p in enumerate(plans)}
    plan_rows = [(doc_id, k, p.text, p.start, p.end, line_of(p.start)) for k, p in enumerate(plans)]
    prob_index = {(p.start, p.end): k for k, p in enumerate(probs)}
    best: dict[int, tuple[int | None, float | None]] = {}
    for a in matcher.aligned(doc):
        k = prob_index.get((a.problem.start, a.problem.end))
        if k is None or a.plan is None:
            continue
        score = a.score
        old = best.get(k)
        if old is None or old[1] is None or (score is not None and score > old[1]):
            # rounded: the last bits of a float sum depend on set order (PYTHONHASHSEED)
            best[k] = (plan_index.get((a.plan.start, a.plan.end)),
                       round(float(score), 6) if score is not None else None)
    prob_rows = [(doc_id, k, p.text, p.start, p.end, line_of(p.start), *best.get(k, (None, None)))
                 for k, p in enumerate(probs)]
    return prob_rows, plan_rows


def _sections(doc: Document, doc_id: str) -> list[tuple]:
    """Outline nodes in pre-order: (… section_id, parent_id, depth …) as in SECTIONS."""
    out: list[tuple] = []
    stack: list[tuple[Any, int | None, int]] = [(node, None, 0) for node in reversed(doc.sections)]
    while stack:
        node, parent, depth = stack.pop()
        sid = len(out)
        out.append((doc_id, sid, parent, depth, node.role, node.level, node.marker, node.number,
                    node.heading, node.kind, node.start, node.end, node.line, node.end - node.start,
                    len(node.items)))
        stack.extend((c, sid, depth + 1) for c in reversed(node.children))
    return out


Rows = dict[str, list[tuple]]  # table name -> rows as tuples in the order of its schema


def document_rows(doc: Document, item: dict[str, Any]) -> Rows:
    """All per-document rows of one analysed document (``item``: doc_id, path, format, …, meta),
    as tuples in schema order: no dict per row, and the chunk's Arrow columns are built once
    (``schema.tuples_to_table``)."""
    from zongjie.batch.copies import signature

    doc_id = item["doc_id"]
    text = doc.text
    lines = doc.lines
    line_of = lines.line_of
    meta = resolve_meta(doc, item.get("meta") or {})

    sections = _sections(doc, doc_id)
    claims = [(doc_id, k, c.text, c.start, c.end, line_of(c.start), c.value, c.value_max, c.unit,
               c.qualifier, bool(c.placeholder), c.subject,
               c.sentence.start if c.sentence else None, c.sentence.end if c.sentence else None, c.role)
              for k, c in enumerate(doc.claims)]
    placeholders = [(doc_id, k, p.text, p.start, p.end, line_of(p.start), p.kind, p.slot,
                     doc.role_at(p.start)) for k, p in enumerate(doc.placeholders)]
    findings = [(doc_id, k, f.rule, f.name, f.severity, one_line(f.message), f.start, f.end, f.line,
                 f.column, json.dumps(f.fix.to_dict(), ensure_ascii=False) if f.fix is not None else None)
                for k, f in enumerate(doc.findings)]
    problems, plans = _problems_and_plans(doc, doc_id)
    achievements = [(doc_id, k, s, e, t) for k, (s, e, t) in enumerate(achievement_paragraphs(doc))]

    chars = role_chars(doc)
    covered = sum(chars.values()) or 1
    present = [r for r in CORE_ROLES if chars.get(r, 0) > 0]
    sev = summary(doc.findings)
    n = len(text)
    document = (
        doc_id, item.get("path"), item.get("format"), item.get("encoding"), item["sha256"], n,
        len(lines.starts), meta["title"], meta["org"], meta["year"], meta["summary_year"],
        meta["plan_year"], meta["doc_type"], doc.template,
        len(sections), len(claims), len(placeholders), len(findings), sev["errors"], sev["warnings"],
        sev["infos"], len(problems), len(plans), len(present) / len(CORE_ROLES),
        (len(placeholders) * 10000.0 / n) if n else 0.0,
        *(chars[r] / covered for r in ROLES), zongjie.__version__,
    )
    num_perm, sig = signature(text)
    return {"documents": [document], "sections": sections, "claims": claims,
            "placeholders": placeholders, "findings": findings, "problems": problems,
            "plans": plans, "achievements": achievements, "minhash": [(doc_id, num_perm, sig)]}


def error_row(item: dict[str, Any], stage: str, message: object) -> dict[str, Any]:
    return {"doc_id": item["doc_id"], "path": item.get("path"), "stage": stage,
            "error": one_line(message), "sha256": item.get("sha256")}


def error_tuple(item: dict[str, Any], stage: str, message: object) -> tuple:
    return (item["doc_id"], item.get("path"), stage, one_line(message), item.get("sha256"))


def analyze_item(item: dict[str, Any]) -> Rows:
    """Analyse one queued item; never raises: a failure becomes an ``errors`` row."""
    if item.get("error") is not None:
        return {"errors": [error_tuple(item, item.get("stage") or "read", item["error"])]}
    try:
        # `align` is stored on the document: the checker's problem-without-plan rule and the
        # `problems` table read the same alignment
        doc = pipeline(("structure", "extract", "align", "check"))(
            item["text"], file=item.get("path"), markdown=item.get("markdown"))
        return document_rows(doc, item)
    except Exception as exc:  # a pipeline bug on one document must not stop the archive
        return {"errors": [error_tuple(item, "analyze", f"{type(exc).__name__}: {exc}")]}
