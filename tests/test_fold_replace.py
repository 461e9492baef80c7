"""``normalize.fold`` and ``numerals.normalize`` replace each distinct character found with one
``str.replace`` (a pass in C) instead of a Python call per occurrence or a dict look-up per
character: they must give exactly what the reference implementations give."""

from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from zongjie import normalize, numerals

PUBLIC = Path(__file__).resolve().parents[1] / "corpora" / "public"



def _fold_one(m: re.Match[str]) -> str:
    ch = m.group()
    if ch == "\r" and m.string.startswith("\n", m.end()):
        return " "  # the CR of CRLF: the LF after it ends the line
    return normalize._TABLE[ch]


def _fold_reference(text: str) -> str:
    """What ``fold`` was: one regex substitution, a Python call per foldable character."""
    return normalize._FOLDABLE.sub(_fold_one, text)


def _numerals_reference(text: str) -> str:
    """What ``numerals.normalize`` was: ``str.translate`` with the whole table."""
    return text.translate(str.maketrans(numerals._MAP))


# every character either function changes, line breaks around them, and plain text
_ALPHABET = st.sampled_from(sorted(set(normalize._TABLE) | set(numerals._MAP) | set("\r\n \t中文，。a1")))


@settings(max_examples=400, deadline=None)
@given(st.text(_ALPHABET, max_size=40))
def test_fold_equals_the_reference(text):
    assert normalize.fold(text) == _fold_reference(text)


@settings(max_examples=400, deadline=None)
@given(st.text(_ALPHABET, max_size=40))
def test_numerals_normalize_equals_the_reference(text):
    numerals._last = ("", "")
    assert numerals.normalize(text) == _numerals_reference(text)


def test_crlf_and_lone_cr():
    for text in ("a\r\nb", "a\rb", "\r\r\n", "\r\u2028", "x\r", "\r\n\r\n", "，\r\n（"):
        assert normalize.fold(text) == _fold_reference(text), repr(text)
    assert normalize.fold("a\r\nb\rc") == "a \nb\nc"


def test_corpus_texts():
    texts = [json.loads(line)["text"] for p in sorted(PUBLIC.glob("*/*.jsonl"))
             for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(texts) >= 90
    for t in texts:
        assert normalize.fold(t) == _fold_reference(t)
        numerals._last = ("", "")
        assert numerals.normalize(t) == _numerals_reference(t)
    assert any(normalize.fold(t) != t for t in texts)  # the corpus does exercise the fold
