"""Drafting: next year's summary from last year's, and GB/T 9704 Word export.

``draft(prev_doc, year)`` returns the draft as Markdown text (a ``# `` before the title, the parts
as plain GB/T 9704 markers ``一、`` / ``（一）`` in the text lines, paragraphs separated by blank
lines); ``export_docx(text, path)`` writes any text as a Word document formatted to GB/T 9704.

With last year's document (a :class:`pipeline.Document`, e.g. from :func:`zongjie.structure`):

* the title rolled forward (``…2023年度工作总结暨2024年度工作计划``), organisation and document
  type kept;
* an opening paragraph in the genre's register with placeholders for what only the author knows;
* achievements: one ``（一）`` heading per plan item of last year's plans part, in order, each with
  a prompt for what was done and a claim slot ``【待补充：完成情况、数量】``;
* problems: last year's problem statements carried forward, each marked ``【待核实：上年问题，请说明今年整改情况】``;
* plans: one item per problem from the suggestion engine (``zongjie.suggest``) when it is
  installed, else a heading from the problem's topic with a ``【待补充：针对“…”的措施】`` slot.

Without it: a clean skeleton of the template (``annual-summary``, ``half-year-summary``,
``duty-report``, ``government-work-report``).
"""

from __future__ import annotations

from pathlib import Path

from zongjie.model import Document

from .templates import TEMPLATE_NAMES, get_template

__all__ = ["draft", "compose", "export_docx", "TEMPLATE_NAMES", "get_template"]


def draft(prev_doc: Document | None, year: int, org: str | None = None, template: str | None = None,
          model: str | None = None) -> str:
    """The draft of year ``year`` (summary) with the plan for the next period, as Markdown text.

    Raises :class:`zongjie.errors.UsageError` for an unknown template or a year out of range.
    """
    from zongjie.errors import UsageError

    from .build import compose as _compose

    if not isinstance(year, int) or not 1900 <= year <= 2099:
        raise UsageError(f"year {year!r} out of range (1900–2099)")
    return _compose(prev_doc, year, org=org, template=template, model=model).markdown()


def compose(prev_doc: Document | None, year: int, **kw):
    """The structured draft (:class:`zongjie.draft.build.Draft`) behind :func:`draft`."""
    from .build import compose as _compose

    return _compose(prev_doc, year, **kw)


def export_docx(text: str, path: str | Path, markdown: bool | None = None) -> None:
    """Write ``text`` as a GB/T 9704 Word document at ``path`` (python-docx imported lazily)."""
    from .docx_export import export_docx as _export

    _export(text, path, markdown=markdown)
