"""The genre registry: templates as data — which parts a kind of document needs, in which order,
with which years, how its parts are labelled and how a new one is drafted.  The checker, the
editors (parts to insert, labels) and ``zongjie draft`` all read it.

Built-in templates are ``pipeline/data/templates/*.toml``; a project adds its own under
``[templates.NAME]`` in ``.zongjie.toml`` (``extends = "annual-summary"`` inherits the rest, and
``title-pattern`` lets the title pick it).  The template is chosen from the title
(``doc.title.doc_type``), or by ``--template`` / ``template =`` in the config.
"""

from __future__ import annotations

from functools import lru_cache

from zongjie import rx
from zongjie.datafiles import DATA, load_toml
from zongjie.errors import UsageError
from zongjie.model import ROLES, Document
from zongjie.record import field, record

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only: importing typing is 4 ms of a cold `zongjie check`
    from typing import Any

BUILTIN = ("annual-summary", "half-year-summary", "duty-report", "government-work-report", "work-plan")
DOC_TYPE_TEMPLATE = {"annual-summary": "annual-summary", "half-year-summary": "half-year-summary",
                     "duty-report": "duty-report", "government-work-report": "government-work-report",
                     "plan": "work-plan", "report": "annual-summary"}
DEFAULT = "annual-summary"
DEFAULT_LABELS = {"preamble": "开头（导语）", "achievements": "工作成绩", "problems": "存在的问题",
                  "plans": "工作计划", "experience": "经验体会", "other": "附件及其他"}
RE_PLAN_REPORT = rx.compile(r"作关于[^。\n]{0,40}(计划|规划)(纲要)?(草案)?的报告")
_KEYS = {"name", "label", "description", "required", "recommended", "plans-from-title", "order",
         "plan-year", "labels", "extends", "title-pattern", "draft"}


@record
class Template:
    """Which parts a kind of document needs, in which order, with which years."""

    name: str
    label: str
    description: str = ""
    required: list[str] = field(default_factory=list)
    recommended: list[str] = field(default_factory=list)
    plans_from_title: bool = True
    order: list[str] = field(default_factory=list)
    plan_year: str = "summary+1"  # summary+1 | summary | title
    labels: dict[str, str] = field(default_factory=dict)
    title_pattern: str | None = None
    draft: dict[str, Any] = field(default_factory=dict)  # [draft]: title, subtitle, parts

    def role_label(self, role: str) -> str:
        return self.labels.get(role) or DEFAULT_LABELS.get(role, role)

    def heading(self, role: str) -> str:
        """The heading of a part inserted by an editor: the label without its note
        (`工作开展情况（主要成绩）` → `工作开展情况`)."""
        return rx.sub(r"[（(][^）)]*[）)]", "", self.role_label(role)).strip()


@lru_cache(maxsize=1)
def _builtin_raw() -> dict[str, dict[str, Any]]:
    out = {}
    base = DATA / "templates"
    for name in BUILTIN:
        out[name] = load_toml(base / f"{name}.toml")
    return out


def _build(name: str, raw: dict[str, Any], pool: dict[str, dict[str, Any]], seen: tuple[str, ...] = ()) -> Template:
    unknown = set(raw) - _KEYS
    if unknown:
        raise UsageError(f"template {name}: unknown key(s) {', '.join(sorted(unknown))}")
    data: dict[str, Any] = {}
    parent = raw.get("extends")
    if parent:
        if parent in seen or parent not in pool:
            raise UsageError(f"template {name}: cannot extend {parent!r}")
        base = _build(parent, pool[parent], pool, seen + (name,))
        data = {"label": base.label, "description": base.description, "required": base.required,
                "recommended": base.recommended, "plans-from-title": base.plans_from_title,
                "order": base.order, "plan-year": base.plan_year, "labels": dict(base.labels),
                "draft": dict(base.draft)}
    for k, v in raw.items():
        if k == "labels":
            data.setdefault("labels", {}).update(v)
        elif k != "extends":
            data[k] = v
    for key in ("required", "recommended", "order"):
        bad = [r for r in data.get(key, []) if r not in ROLES]
        if bad:
            raise UsageError(f"template {name}: unknown role(s) {', '.join(bad)} in {key}")
    if data.get("plan-year", "summary+1") not in ("summary+1", "summary", "title"):
        raise UsageError(f"template {name}: plan-year must be summary+1, summary or title")
    return Template(name=name, label=data.get("label", name), description=data.get("description", ""),
                    required=list(data.get("required", [])), recommended=list(data.get("recommended", [])),
                    plans_from_title=bool(data.get("plans-from-title", True)),
                    order=list(data.get("order", [])), plan_year=data.get("plan-year", "summary+1"),
                    labels=dict(data.get("labels", {})), title_pattern=data.get("title-pattern"),
                    draft=dict(data.get("draft", {})))


def templates(custom: dict[str, dict[str, Any]] | None = None) -> dict[str, Template]:
    pool = dict(_builtin_raw())
    pool.update(custom or {})
    return {name: _build(name, raw, pool) for name, raw in pool.items()}


def get_template(name: str, custom: dict[str, dict[str, Any]] | None = None) -> Template:
    all_ = templates(custom)
    if name not in all_:
        raise UsageError(f"unknown template {name!r} (known: {', '.join(sorted(all_))})")
    return all_[name]


def choose(doc: Document, override: str | None = None, custom: dict[str, dict[str, Any]] | None = None,
           default: str | None = None) -> Template:
    """``override`` (``--template``) wins; then a custom template whose title-pattern matches the
    title; then the title's document type; then the config's default; then annual-summary."""
    if override:
        return get_template(override, custom)
    title = doc.title.text if doc.title else (doc.meta.get("title") or "")
    for name, raw in (custom or {}).items():
        pat = raw.get("title-pattern")
        if pat and title and rx.search(pat, title):
            return get_template(name, custom)
    dtype = doc.title.doc_type if doc.title else None
    if dtype is None and doc.meta.get("title"):
        from zongjie.title import doc_type_of

        dtype = doc_type_of(str(doc.meta["title"]))
    if dtype == "government-work-report" and RE_PLAN_REPORT.search(doc.text[:400]):
        dtype = "plan"  # `作关于第六个五年计划的报告`: a plan report given as the government work report
    if dtype in DOC_TYPE_TEMPLATE:
        return get_template(DOC_TYPE_TEMPLATE[dtype], custom)
    return get_template(default or DEFAULT, custom)


def doc_type_of(doc: Document) -> str | None:
    """The document type the title (or a corpus line's ``title`` field) names."""
    if doc.title is not None and doc.title.doc_type:
        return doc.title.doc_type
    if doc.meta.get("title"):
        from zongjie.title import doc_type_of as dt

        return dt(str(doc.meta["title"]))
    return None


def expected_years(doc: Document, tpl: Template) -> tuple[int | None, int | None, bool]:
    """(summary year, plan year, title names a plan) from the title (or the ``title`` metadata of a
    corpus line when the text has no title)."""
    t = doc.title
    if t is not None:
        sy, py = t.summary_year, t.plan_year
    elif doc.meta.get("title"):
        from zongjie.title import parse_title_fields

        _, sy, py, _ = parse_title_fields(str(doc.meta["title"]))
    else:
        return None, None, False
    names_plan = py is not None
    if py is None and sy is not None:
        if tpl.plan_year == "summary+1":
            py = sy + 1
        elif tpl.plan_year == "summary":
            py = sy
    return sy, py, names_plan
