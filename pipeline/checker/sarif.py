"""SARIF 2.1.0 output: one run, the rule catalogue with help text, one result per finding.

Columns are code points (``run.columnKind = "unicodeCodePoints"``) as everywhere in zongjie.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from zongjie.checker.registry import Rule, load_rules
from zongjie.model import LineIndex

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _uri(name: str) -> tuple[str, str | None]:
    """(uri, uriBaseId) for a file name as shown to the user (`a.zip:m.txt`, `c.jsonl#id` kept)."""
    if name in ("-", "<stdin>"):
        return "stdin", None
    p = name.replace(os.sep, "/")
    if os.path.isabs(name):
        return Path(name).as_uri(), None
    return quote(p, safe="/:#"), "%SRCROOT%"


def _rule_descriptor(r: Rule) -> dict[str, Any]:
    doc = r.doc.strip()
    return {
        "id": r.code,
        "name": r.name,
        "shortDescription": {"text": r.summary},
        "fullDescription": {"text": doc.split("\n\n")[0]},
        "help": {"text": doc, "markdown": doc},
        "defaultConfiguration": {"level": LEVEL[r.severity], "enabled": r.enabled},
        "properties": {"category": r.category, "source": r.source, "tags": [r.category]},
    }


def to_sarif(results: list[dict[str, Any]], version: str | None = None) -> dict[str, Any]:
    """``results``: one ``{"file", "template", "findings": [Finding…], "text"}`` per checked document."""
    if version is None:
        from zongjie import __version__ as version
    rules = list(load_rules().values())
    index = {r.code: i for i, r in enumerate(rules)}
    out_results = []
    artifacts: list[dict[str, Any]] = []
    art_index: dict[str, int] = {}
    for res in results:
        uri, base = _uri(res["file"] or "-")
        if uri not in art_index:
            art_index[uri] = len(artifacts)
            loc: dict[str, Any] = {"uri": uri}
            if base:
                loc["uriBaseId"] = base
            artifacts.append({"location": loc, "mimeType": "text/plain"})
        text = res.get("text") or ""
        li = LineIndex(text) if text else None
        for f in res["findings"]:
            end_line, end_col = f.line, f.column + max(1, f.end - f.start)
            if li is not None:
                end_line, end_col = li.position(max(f.start, f.end))
            art = {"uri": uri, "index": art_index[uri]}
            if base:
                art["uriBaseId"] = base
            out_results.append({
                "ruleId": f.rule,
                "ruleIndex": index[f.rule],
                "level": LEVEL[f.severity],
                "message": {"text": f.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": art,
                    "region": {"startLine": max(1, f.line), "startColumn": max(1, f.column),
                               "endLine": max(1, end_line), "endColumn": max(1, end_col),
                               "charOffset": f.start, "charLength": max(0, f.end - f.start)},
                }}],
                "properties": {"name": f.name, "template": res.get("template")},
            })
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "zongjie",
                "semanticVersion": version,
                "version": version,
                "rules": [_rule_descriptor(r) for r in rules],
            }},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().as_uri() + "/"}},
            "columnKind": "unicodeCodePoints",
            "artifacts": artifacts,
            "results": out_results,
        }],
    }
