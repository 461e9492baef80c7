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
    from zongjie.segment import segment

    doc = Document(text=text, file=file)
    doc.markdown = _looks_markdown(text, file) if markdown is None else markdown
    segment(doc)
    return doc


def extract(doc: Document) -> Document:
    from zongjie.claims import find_claims
    from zongjie.placeholders import find_placeholders

    doc.placeholders = find_placeholders(doc.text, markdown=doc.markdown)
    doc.claims = find_claims(doc.text, doc.placeholders)
    for c in doc.claims:
        c.role = doc.role_at(c.start)
    return doc


def analyze(text: str, file: str | None = None, markdown: bool | None = None,
            template: str | None = None, config: object | None = None) -> Document:
    doc = structure(text, file=file, markdown=markdown)
    extract(doc)
    try:
        from zongjie.checker import check
    except ImportError:  # checker not built into this install
        return doc
    check(doc, template=template, config=config)
    return doc


def analyze_file(path: str | Path, template: str | None = None, config: object | None = None) -> Document:
    from zongjie.reader import read_file

    src = read_file(path)
    doc = analyze(src.text, file=str(path), markdown=src.markdown, template=template, config=config)
    doc.meta["format"] = src.format
    doc.meta["encoding"] = src.encoding
    return doc


def _looks_markdown(text: str, file: str | None) -> bool:
    if file and file.lower().endswith((".md", ".markdown")):
        return True
    import re

    return bool(re.search(r"(?m)^#{1,6} \S", text))
