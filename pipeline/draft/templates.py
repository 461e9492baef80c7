"""Document templates for drafting, read from the genre registry (``zongjie.checker.templates``:
the ``[draft]`` table of ``pipeline/data/templates/<name>.toml``).

A template here is a plain dictionary::

    {"name": "annual-summary",
     "title": "{org}{year}年度工作总结暨{plan_year}年度工作计划",
     "subtitle": None,
     "plan_offset": 1,                 # plan year = summary year + plan_offset
     "parts": [{"role": "achievements", "heading": "{year}年工作开展情况", "style": "section"},
               {"role": "problems", "heading": "存在的问题", "style": "section"},
               {"role": "plans", "heading": "{plan_year}年工作计划", "style": "section"}]}

``style`` is ``section`` (a numbered ``一、`` part) or ``paragraph`` (an unheaded paragraph at the
end of the previous part, as problems are written in government work reports).
"""

from __future__ import annotations

from typing import Any

from zongjie.checker.templates import BUILTIN, DEFAULT, DOC_TYPE_TEMPLATE
from zongjie.checker.templates import get_template as genre

TEMPLATE_NAMES = BUILTIN


def template_for_doc_type(doc_type: str | None) -> str:
    return DOC_TYPE_TEMPLATE.get(doc_type or "", DEFAULT)


def get_template(name: str | None) -> dict[str, Any]:
    """The drafting template ``name`` (unknown → ``UsageError``)."""
    g = genre(name or DEFAULT)
    d = g.draft
    return {"name": g.name, "title": d["title"], "subtitle": d.get("subtitle"),
            "plan_offset": 0 if g.plan_year == "summary" else 1,
            "parts": [{"role": p["role"], "heading": p.get("heading") or None, "style": p.get("style", "section")}
                      for p in d["parts"]]}
