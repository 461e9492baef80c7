"""The language rules' precision on real, professionally edited text, as the README reports it:
on the 97 public reports (2.03 M characters) one error-level finding (a real `，，`) and 74 warnings,
judged one by one in `bench/results/language_judged.json` (73 real)."""

from __future__ import annotations

import json
from pathlib import Path

import zongjie

ROOT = Path(__file__).resolve().parents[1]
LANGUAGE = {"punctuation-width", "paired-marks", "repeated-punctuation", "year-abbreviation", "number-range",
            "date-form", "confusable-word"}


def test_language_findings_on_the_public_reports():
    chars = errors = warnings = 0
    for f in sorted((ROOT / "corpora" / "public").glob("*/*.jsonl")):
        for line in f.open(encoding="utf-8"):
            d = json.loads(line)
            chars += len(d["text"])
            doc = zongjie.analyze(d["text"], file=d["id"])
            mine = [x for x in doc.findings if x.name in LANGUAGE]
            errors += sum(x.severity == "error" for x in mine)
            warnings += sum(x.severity == "warning" for x in mine)
    assert chars > 2_000_000
    assert errors * 100_000 / chars <= 1 and errors <= 1  # README: 1 error (0.05 per 100,000 characters)
    assert 0 < warnings <= 74  # README: 74 warnings, each judged (73 real)
