"""The SPEC's JSON shapes, written in one place: the CLI's ``--json``, the Python API's
``Document.to_dict``, the web API and batch's rows all come from these functions, and the web API's
OpenAPI schema is ``SCHEMAS`` (tests validate every front-end's output against it).

Each object's own fields are its ``to_dict`` (``zongjie.model``); this module assembles the
document-level shapes: ``outline``, ``extract``, ``check_result``, ``suggest_result`` and the
severity ``summary``.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only: importing typing is 4 ms of a cold `zongjie check`
    from collections.abc import Iterable
    from typing import Any

    from zongjie.model import Document, Finding


def title(doc: Document) -> dict[str, Any] | None:
    return doc.title.to_dict() if doc.title else None


def outline(doc: Document) -> dict[str, Any]:
    """SPEC ``outline --json``."""
    return {"file": doc.file, "title": title(doc), "sections": [s.to_dict() for s in doc.sections]}


def extract(doc: Document) -> dict[str, Any]:
    """SPEC ``extract --json``."""
    return {"file": doc.file, "claims": [c.to_dict() for c in doc.claims],
            "placeholders": [p.to_dict() for p in doc.placeholders]}


def summary(findings: Iterable[Finding]) -> dict[str, int]:
    """Findings counted by severity (the ``summary`` of ``check --format json``)."""
    out = {"errors": 0, "warnings": 0, "infos": 0}
    for f in findings:
        out[f.severity + "s"] += 1
    return out


def check_result(file: str | None, template: str | None, findings: list[Finding]) -> dict[str, Any]:
    """SPEC ``check --format json`` for one document."""
    return {"file": file, "template": template, "findings": [f.to_dict() for f in findings],
            "summary": summary(findings)}


def document(doc: Document) -> dict[str, Any]:
    """``Document.to_dict``: everything ``zongjie.analyze`` computed."""
    return {"file": doc.file, "title": title(doc), "sections": [s.to_dict() for s in doc.sections],
            "claims": [c.to_dict() for c in doc.claims],
            "placeholders": [p.to_dict() for p in doc.placeholders],
            "findings": [f.to_dict() for f in doc.findings], "template": doc.template}


def suggest_result(file: str | None, problems: list[dict[str, Any]]) -> dict[str, Any]:
    """SPEC ``suggest --json``."""
    return {"file": file, "problems": problems}


# --------------------------------------------------------------------------- JSON Schema

def _obj(props: dict[str, Any], extra: bool = False) -> dict[str, Any]:
    return {"type": "object", "properties": props, "required": list(props), "additionalProperties": extra}


def _null(t: Any) -> dict[str, Any]:
    return {"anyOf": [t, {"type": "null"}]}


_INT, _STR, _NUM, _BOOL = {"type": "integer"}, {"type": "string"}, {"type": "number"}, {"type": "boolean"}
_SPAN = _obj({"start": _INT, "end": _INT})
_ROLE = {"enum": ["preamble", "achievements", "problems", "plans", "experience", "other"]}
_TITLE = _obj({"text": _STR, "start": _INT, "end": _INT, "org": _null(_STR), "summary_year": _null(_INT),
               "plan_year": _null(_INT), "doc_type": _null(_STR), "subtitle": _null(_SPAN)})
_ITEM = _obj({"marker": _STR, "number": _INT, "start": _INT, "end": _INT, "line": _INT,
              "content_end": _INT, "style": _STR})
_SECTION = _obj({"role": _ROLE, "level": _INT, "marker": _null(_STR), "number": _null(_INT),
                 "heading": _null(_STR), "start": _INT, "end": _INT, "line": _INT, "kind": _STR,
                 "heading_span": _null(_SPAN), "children": {"type": "array", "items": {"$ref": "#/$defs/section"}},
                 "items": {"type": "array", "items": _ITEM}})
_CLAIM = _obj({"text": _STR, "start": _INT, "end": _INT, "value": _null(_NUM), "value_max": _null(_NUM),
               "unit": _STR, "qualifier": _null(_STR), "placeholder": _BOOL, "subject": _null(_STR),
               "sentence": _SPAN, "role": _null(_ROLE)})
_PLACEHOLDER = _obj({"text": _STR, "start": _INT, "end": _INT,
                     "kind": {"enum": ["mask", "xx", "date", "blank", "bracket", "moumou"]},
                     "slot": {"enum": ["number", "money", "percent", "date", "name", "text"]}})
_FIX = _obj({"start": _INT, "end": _INT, "replacement": _STR, "safe": _BOOL})
_FINDING = _obj({"rule": _STR, "name": _STR, "severity": {"enum": ["error", "warning", "info"]},
                 "message": _STR, "start": _INT, "end": _INT, "line": _INT, "column": _INT, "fix": _null(_FIX)})
_SUMMARY = _obj({"errors": _INT, "warnings": _INT, "infos": _INT})
_SUGGESTION = _obj({"text": _STR, "score": _NUM, "source": _STR}, extra=True)
_PROBLEM = _obj({"text": _STR, "start": _INT, "end": _INT, "addressed_by": _null(_SPAN),
                 "suggestions": {"type": "array", "items": _SUGGESTION}}, extra=True)


def _doc(props: dict[str, Any]) -> dict[str, Any]:
    return {**_obj({"file": _null(_STR), **props}), "$defs": {"section": _SECTION}}


SCHEMAS: dict[str, dict[str, Any]] = {
    "outline": _doc({"title": _null(_TITLE), "sections": {"type": "array", "items": {"$ref": "#/$defs/section"}}}),
    "extract": _doc({"claims": {"type": "array", "items": _CLAIM},
                     "placeholders": {"type": "array", "items": _PLACEHOLDER}}),
    "check": _doc({"template": _null(_STR), "findings": {"type": "array", "items": _FINDING}, "summary": _SUMMARY}),
    # the web API adds where each suggestion would be inserted (`plans_end`, `insert_at`, …)
    "suggest": {**_doc({"problems": {"type": "array", "items": _PROBLEM}}), "additionalProperties": True},
    "document": _doc({"title": _null(_TITLE), "sections": {"type": "array", "items": {"$ref": "#/$defs/section"}},
                      "claims": {"type": "array", "items": _CLAIM},
                      "placeholders": {"type": "array", "items": _PLACEHOLDER},
                      "findings": {"type": "array", "items": _FINDING}, "template": _null(_STR)}),
}


def openapi_schema(name: str) -> dict[str, Any]:
    """``SCHEMAS[name]`` for an OpenAPI document: the recursive section is defined inline once per
    use (``$defs`` at the schema's root, which OpenAPI 3.1 resolves relative to the schema)."""
    import copy

    schema = copy.deepcopy(SCHEMAS[name])
    schema["$id"] = f"urn:zongjie:{name}"  # refs resolve against this schema, not the OpenAPI document
    return schema
