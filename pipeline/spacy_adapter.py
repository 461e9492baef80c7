"""spaCy adapter: ``nlp = spacy.blank("zh"); nlp.add_pipe("zongjie")``.

The component runs the zongjie engine on ``doc.text`` and fills ``doc.spans``:
``sections`` (label = role), ``items``, ``claims`` and ``placeholders``, with the engine's
fields as span attributes (``span._.zj_role``, ``span._.zj_level``, ``span._.zj_value`` …).
It is a thin layer: nothing here re-implements a stage.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span
from zongjie.runner import ANALYZE, pipeline

# Extensions carry the `zj_` prefix so they cannot collide with other components' (`span._.role`
# is a common name); `doc._.zongjie` is the engine's Document.
_ATTRS = ("role", "level", "marker", "number", "heading", "kind", "value", "value_max", "unit",
          "qualifier", "placeholder", "subject", "slot", "placeholder_kind")
for _a in _ATTRS:
    if not Span.has_extension(f"zj_{_a}"):
        Span.set_extension(f"zj_{_a}", default=None)
if not Doc.has_extension("zongjie"):
    Doc.set_extension("zongjie", default=None)


def _span(doc: Doc, start: int, end: int, label: str) -> Span | None:
    if end <= start:
        return None
    return doc.char_span(start, end, label=label, alignment_mode="expand")


class ZongjieComponent:
    def __init__(self, nlp: Language, name: str, with_findings: bool = True) -> None:
        self.name = name
        self.with_findings = with_findings
        self.pipe = pipeline(ANALYZE if with_findings else ("structure", "extract"))

    def __call__(self, doc: Doc) -> Doc:
        z = self.pipe(doc.text)
        doc._.zongjie = z
        sections, items, claims, holes = [], [], [], []
        for s in z.walk():
            sp = _span(doc, s.start, s.end, s.role)
            if sp is None:
                continue
            sp._.zj_role, sp._.zj_level, sp._.zj_marker, sp._.zj_number = s.role, s.level, s.marker, s.number
            sp._.zj_heading, sp._.zj_kind = s.heading, s.kind
            sections.append(sp)
            for it in s.items:
                isp = _span(doc, it.start, it.content_end or it.end, s.role)
                if isp is not None:
                    isp._.zj_role, isp._.zj_marker, isp._.zj_number = s.role, it.marker, it.number
                    items.append(isp)
        for c in z.claims:
            sp = _span(doc, c.start, c.end, "CLAIM")
            if sp is not None:
                sp._.zj_value, sp._.zj_value_max, sp._.zj_unit = c.value, c.value_max, c.unit
                sp._.zj_qualifier, sp._.zj_placeholder, sp._.zj_subject, sp._.zj_role = c.qualifier, c.placeholder, c.subject, c.role
                claims.append(sp)
        for p in z.placeholders:
            sp = _span(doc, p.start, p.end, "PLACEHOLDER")
            if sp is not None:
                sp._.zj_slot, sp._.zj_placeholder_kind = p.slot, p.kind
                holes.append(sp)
        doc.spans["sections"] = sections
        doc.spans["items"] = items
        doc.spans["claims"] = claims
        doc.spans["placeholders"] = holes
        return doc


@Language.factory("zongjie", default_config={"with_findings": True})
def make_zongjie(nlp: Language, name: str, with_findings: bool = True) -> Any:
    return ZongjieComponent(nlp, name, with_findings)
