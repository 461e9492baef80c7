"""Document templates for drafting: the title pattern and the parts with their default headings.

The checker's template data files (``pipeline/data/templates/<name>.toml``: ``required``,
``recommended``, ``order``, ``plan-year``, ``[labels]``) are read when they exist, for the parts a
template requires and their default headings; anything they do not say falls back to the built-in
defaults below, so drafting works in an install without the checker.

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

import copy
import re
from functools import lru_cache
from importlib import resources
from typing import Any

TEMPLATE_NAMES = ("annual-summary", "half-year-summary", "duty-report", "government-work-report")

_BUILTIN: dict[str, dict[str, Any]] = {
    "annual-summary": {
        "title": "{org}{year}年度工作总结暨{plan_year}年度工作计划",
        "subtitle": None,
        "plan_offset": 1,
        "parts": [
            {"role": "achievements", "heading": "{year}年工作开展情况", "style": "section"},
            {"role": "problems", "heading": "存在的问题", "style": "section"},
            {"role": "plans", "heading": "{plan_year}年工作计划", "style": "section"},
        ],
    },
    "half-year-summary": {
        "title": "{org}{year}年上半年工作总结和下半年工作打算",
        "subtitle": None,
        "plan_offset": 0,
        "parts": [
            {"role": "achievements", "heading": "上半年工作开展情况", "style": "section"},
            {"role": "problems", "heading": "存在的问题", "style": "section"},
            {"role": "plans", "heading": "下半年工作打算", "style": "section"},
        ],
    },
    "duty-report": {
        "title": "{org}{year}年度述职报告",
        "subtitle": None,
        "plan_offset": 1,
        "parts": [
            {"role": "achievements", "heading": "主要工作及成效", "style": "section"},
            {"role": "problems", "heading": "存在的问题和不足", "style": "section"},
            {"role": "plans", "heading": "下一步工作打算", "style": "section"},
        ],
    },
    "government-work-report": {
        "title": "{org}政府工作报告",  # org without 人民政府: 青溪县政府工作报告
        "subtitle": "——{plan_year}年X月X日在【待补充：会议名称】上",
        "plan_offset": 1,
        "parts": [
            {"role": "achievements", "heading": "{year}年工作回顾", "style": "section"},
            {"role": "problems", "heading": None, "style": "paragraph"},
            {"role": "plans", "heading": "{plan_year}年工作安排", "style": "section"},
        ],
    },
}

_ALIASES = {"plan": "annual-summary", "report": "annual-summary", None: "annual-summary"}


def template_for_doc_type(doc_type: str | None) -> str:
    if doc_type in TEMPLATE_NAMES:
        return doc_type  # type: ignore[return-value]
    return _ALIASES.get(doc_type, "annual-summary")


def get_template(name: str | None) -> dict[str, Any]:
    """The template ``name`` (built-in defaults, refined by the checker's data file if any)."""
    from zongjie.errors import UsageError

    key = name or "annual-summary"
    if key not in _BUILTIN:
        raise UsageError(f"unknown template {key!r} (known: {', '.join(TEMPLATE_NAMES)})")
    tpl = copy.deepcopy(_BUILTIN[key])
    tpl["name"] = key
    data = _data_file(key)
    if data:
        _merge(tpl, data)
    return tpl


# --------------------------------------------------------------------------- checker data files

@lru_cache(maxsize=8)
def _data_file(name: str) -> dict[str, Any] | None:
    try:
        res = resources.files("zongjie").joinpath(f"data/templates/{name}.toml")
        if not res.is_file():
            return None
        raw = res.read_text("utf-8")
    except (OSError, ModuleNotFoundError, FileNotFoundError):
        return None
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        try:
            import tomli as tomllib  # type: ignore[no-redef]
        except ModuleNotFoundError:
            return None
    try:
        return tomllib.loads(raw)
    except Exception:  # a broken data file must not break drafting
        return None


def _label_heading(label: str) -> str:
    """A heading from a template label: `工作开展情况（主要成绩）` → `工作开展情况`."""
    return re.sub(r"[（(][^）)]*[）)]", "", label).strip()


def _merge(tpl: dict[str, Any], data: dict[str, Any]) -> None:
    """Refine the built-in template with the checker's data file.

    * parts: the roles of ``order`` that are ``required`` or ``recommended`` (plans also when
      ``plans-from-title``: the draft's title always names the plan period);
    * headings: the ``[labels]`` (parenthetical notes dropped), except where the built-in heading
      carries the year (``2024年工作计划``), which the checker's year rules want;
    * ``plan-year``: ``summary`` (half-year summaries) or ``summary+1``.
    """
    py = data.get("plan-year")
    if py == "summary":
        tpl["plan_offset"] = 0
    elif py == "summary+1":
        tpl["plan_offset"] = 1
    required = list(data.get("required") or [])
    wanted = set(required) | set(data.get("recommended") or [])
    if data.get("plans-from-title", False):
        wanted.add("plans")
    order = [r for r in (data.get("order") or []) if r in wanted]
    order += [r for r in required if r not in order]
    labels = data.get("labels") or {}
    by_role = {p["role"]: p for p in tpl["parts"]}
    parts = []
    for role in order or [p["role"] for p in tpl["parts"]]:
        part = dict(by_role.get(role) or {"role": role, "heading": None, "style": "section"})
        label = labels.get(role)
        built_in = part.get("heading") or ""
        if isinstance(label, str) and _label_heading(label) and "{" not in built_in \
                and part.get("style") == "section":
            part["heading"] = _label_heading(label)
        if not part.get("heading") and part.get("style") == "section":
            part["heading"] = _label_heading(label) if isinstance(label, str) else role
        parts.append(part)
    if parts:
        tpl["parts"] = parts
