"""zongjie (总结): one engine for Chinese work summaries.

``analyze(text)`` runs every stage that needs no index or model:
read → normalise → segment → classify → extract → check.
"""

from __future__ import annotations

from pathlib import Path

from zongjie.errors import ReadError, UsageError
from zongjie.model import Claim, Document, Finding, Item, Placeholder, Section, Span, Title

__all__ = ["analyze", "analyze_file", "Document", "Section", "Item", "Title", "Claim",
           "Placeholder", "Finding", "Span", "structure", "ReadError", "UsageError"]
__version__ = "0.2.0"


def structure(text: str, file: str | None = None, markdown: bool | None = None) -> Document:
    """Title, outline and roles only (the cheap part of ``analyze``)."""
    from zongjie.runner import STRUCTURE, pipeline

    return pipeline(STRUCTURE)(text, file=file, markdown=markdown)


def extract(doc: Document) -> Document:
    """Add claims and placeholders to a structured document."""
    from zongjie.runner import pipeline

    return pipeline(("extract",), after=("structure",)).run(doc)


def analyze(text: str, file: str | None = None, markdown: bool | None = None,
            template: str | None = None, config: object | None = None) -> Document:
    """Every stage that needs no index or model: structure, extract, check."""
    from zongjie.runner import ANALYZE, pipeline

    return pipeline(ANALYZE, template=template, config=config)(text, file=file, markdown=markdown)


def analyze_file(path: str | Path, template: str | None = None, config: object | None = None) -> Document:
    from zongjie.reader import read_file

    src = read_file(path)
    doc = analyze(src.text, file=str(path), markdown=src.markdown, template=template, config=config)
    doc.meta["format"] = src.format
    doc.meta["encoding"] = src.encoding
    return doc
