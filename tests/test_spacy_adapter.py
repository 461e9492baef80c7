from pathlib import Path

import spacy

SEED = Path(__file__).resolve().parents[1] / "corpora" / "seed.txt"


def test_spacy_pipe_fills_spans() -> None:
    nlp = spacy.blank("zh")
    nlp.add_pipe("zongjie")
    text = SEED.read_text("utf-8")
    doc = nlp(text)
    roles = [s.label_ for s in doc.spans["sections"] if s._.zj_level in (0, 1)]
    assert roles == ["preamble", "achievements", "problems", "plans"]
    first = [s for s in doc.spans["sections"] if s._.zj_marker == "（一）"][0]
    assert first._.zj_heading == "围绕贯穿一条主线，奏响政治引领“主旋律”"
    assert len([s for s in doc.spans["items"] if s._.zj_role == "problems"]) == 6
    claims = doc.spans["claims"]
    assert claims and all(c._.zj_unit for c in claims)
    assert doc.spans["placeholders"]
    assert doc._.zongjie.title.org == "县委统战部"
