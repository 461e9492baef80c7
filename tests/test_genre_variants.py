"""Genre variants written for this project: outline roles and no false finding on complete drafts."""

from __future__ import annotations

from pathlib import Path

import pytest

import pipeline

DATA = Path(__file__).parent / "data" / "genre"


@pytest.mark.parametrize("name,roles", [
    ("duty-combined.txt", ["preamble", "achievements", "achievements", "achievements", "problems"]),
    ("halfyear-arabic.txt", ["achievements", "problems", "plans"]),
    ("parts-first-part.txt", ["achievements", "problems", "plans"]),
    ("difficulties-heading.txt", ["achievements", "problems", "plans"]),
])
def test_roles_and_clean_check(name: str, roles: list[str]) -> None:
    doc = pipeline.analyze_file(DATA / name)
    assert [s.role for s in doc.sections] == roles
    assert [f.name for f in doc.findings if f.severity in ("error", "warning")] == []


def test_half_year_title_years() -> None:
    doc = pipeline.analyze_file(DATA / "halfyear-arabic.txt")
    assert doc.title and (doc.title.org, doc.title.summary_year, doc.title.plan_year) == ("县住建局", 2024, 2024)
    assert doc.title.doc_type == "half-year-summary"
