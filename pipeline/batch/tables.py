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


def _span(obj: Any) -> tuple[int | None, int | None]:
    if obj is None:
        return None, None
    if isinstance(obj, dict):
        return obj.get("start"), obj.get("end")
    return getattr(obj, "start", None), getattr(obj, "end", None)


def _text(obj: Any, doc: Document) -> str | None:
    t = obj.get("text") if isinstance(obj, dict) else getattr(obj, "text", None)
    if t is None:
        s, e = _span(obj)
        if s is not None and e is not None:
            t = doc.text[s:e]
    return t


def _problems_and_plans(doc: Document) -> tuple[list[dict], list[dict]]:
    from zongjie import matcher

    lines = doc.lines
    probs = list(matcher.problem_statements(doc))
    plans = list(matcher.plan_items(doc))
    plan_index = {}
    plan_rows = []
    for k, p in enumerate(plans):
        s, e = _span(p)
        plan_index[(s, e)] = k
        plan_rows.append({"plan_id": k, "text": _text(p, doc), "start": s, "end": e,
                          "line": lines.line_of(s) if s is not None else None})
    prob_index = {}
    prob_rows = []
    for k, p in enumerate(probs):
        s, e = _span(p)
        prob_index[(s, e)] = k
        prob_rows.append({"problem_id": k, "text": _text(p, doc), "start": s, "end": e,
                          "line": lines.line_of(s) if s is not None else None,
                          "plan_id": None, "score": None})
    for a in matcher.aligned(doc):
        prob = getattr(a, "problem", None)
        plan = getattr(a, "plan", None)
        k = prob_index.get(_span(prob))
        if k is None or plan is None:
            continue
        j = plan_index.get(_span(plan))
        score = getattr(a, "score", None)
        row = prob_rows[k]
        if row["score"] is None or (score is not None and score > row["score"]):
            # rounded: the last bits of a float sum depend on set order (PYTHONHASHSEED)
            row["plan_id"], row["score"] = j, (round(float(score), 6) if score is not None else None)
    return prob_rows, plan_rows


def document_rows(doc: Document, item: dict[str, Any]) -> dict[str, list[dict]]:
    """All per-document rows of one analysed document (``item``: doc_id, path, format, …, meta)."""
    from zongjie.batch.copies import signature

    doc_id = item["doc_id"]
    text = doc.text
    lines = doc.lines
    meta = resolve_meta(doc, item.get("meta") or {})

    sections = []

    def walk(node, parent, depth):
        sid = len(sections)
        sections.append({"doc_id": doc_id, "section_id": sid, "parent_id": parent, "depth": depth,
                         "role": node.role, "level": node.level, "marker": node.marker,
                         "number": node.number, "heading": node.heading, "kind": node.kind,
                         "start": node.start, "end": node.end, "line": node.line,
                         "chars": node.end - node.start, "items": len(node.items)})
        for c in node.children:
            walk(c, sid, depth + 1)

    for s in doc.sections:
        walk(s, None, 0)

    claims = [{"doc_id": doc_id, "claim_id": k, "text": c.text, "start": c.start, "end": c.end,
               "line": lines.line_of(c.start), "value": c.value, "value_max": c.value_max,
               "unit": c.unit, "qualifier": c.qualifier, "placeholder": bool(c.placeholder),
               "subject": c.subject, "sentence_start": c.sentence.start if c.sentence else None,
               "sentence_end": c.sentence.end if c.sentence else None, "role": c.role}
              for k, c in enumerate(doc.claims)]
    placeholders = [{"doc_id": doc_id, "placeholder_id": k, "text": p.text, "start": p.start,
                     "end": p.end, "line": lines.line_of(p.start), "kind": p.kind, "slot": p.slot,
                     "role": doc.role_at(p.start)} for k, p in enumerate(doc.placeholders)]
    findings = [{"doc_id": doc_id, "finding_id": k, "rule": f.rule, "name": f.name,
                 "severity": f.severity, "message": one_line(f.message), "start": f.start,
                 "end": f.end, "line": f.line, "column": f.column,
                 "fix": json.dumps(f.fix.to_dict(), ensure_ascii=False) if f.fix is not None else None}
                for k, f in enumerate(doc.findings)]
    problems, plans = _problems_and_plans(doc)
    for r in problems:
        r["doc_id"] = doc_id
    for r in plans:
        r["doc_id"] = doc_id
    achievements = [{"doc_id": doc_id, "para_id": k, "start": s, "end": e, "text": t}
                    for k, (s, e, t) in enumerate(achievement_paragraphs(doc))]

    chars = role_chars(doc)
    covered = sum(chars.values()) or 1
    present = [r for r in CORE_ROLES if chars.get(r, 0) > 0]
    sev = summary(doc.findings)
    n = len(text)
    document = {
        "doc_id": doc_id, "path": item.get("path"), "format": item.get("format"),
        "encoding": item.get("encoding"), "sha256": item["sha256"], "chars": n,
        "lines": len(lines.starts), **meta, "template": doc.template,
        "sections": len(sections), "claims": len(claims), "placeholders": len(placeholders),
        "findings": len(findings), "errors": sev["errors"], "warnings": sev["warnings"],
        "infos": sev["infos"], "problems": len(problems), "plans": len(plans),
        "completeness": len(present) / len(CORE_ROLES),
        "placeholder_density": (len(placeholders) * 10000.0 / n) if n else 0.0,
        **{f"share_{r}": chars[r] / covered for r in ROLES},
        "version": zongjie.__version__,
    }
    num_perm, sig = signature(text)
    return {"documents": [document], "sections": sections, "claims": claims,
            "placeholders": placeholders, "findings": findings, "problems": problems,
            "plans": plans, "achievements": achievements,
            "minhash": [{"doc_id": doc_id, "num_perm": num_perm, "signature": sig}]}


def error_row(item: dict[str, Any], stage: str, message: object) -> dict[str, Any]:
    return {"doc_id": item["doc_id"], "path": item.get("path"), "stage": stage,
            "error": one_line(message), "sha256": item.get("sha256")}


def analyze_item(item: dict[str, Any]) -> dict[str, list[dict]]:
    """Analyse one queued item; never raises: a failure becomes an ``errors`` row."""
    if item.get("error") is not None:
        return {"errors": [error_row(item, item.get("stage") or "read", item["error"])]}
    try:
        # `align` is stored on the document: the checker's problem-without-plan rule and the
        # `problems` table read the same alignment
        doc = pipeline(("structure", "extract", "align", "check"))(
            item["text"], file=item.get("path"), markdown=item.get("markdown"))
        return document_rows(doc, item)
    except Exception as exc:  # a pipeline bug on one document must not stop the archive
        return {"errors": [error_row(item, "analyze", f"{type(exc).__name__}: {exc}")]}
