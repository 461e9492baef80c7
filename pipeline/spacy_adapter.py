"""spaCy adapter: ``nlp = spacy.blank("zh"); nlp.add_pipe("zongjie")``.

The component runs the zongjie engine on ``doc.text`` and fills ``doc.spans``:
``sections`` (label = role), ``items``, ``claims`` and ``placeholders``, with the engine's
fields as span attributes (``span._.role``, ``span._.level``, ``span._.value`` …).
It is a thin layer: nothing here re-implements a stage.
"""

from __future__ import annotations

from typing import Any

import zongjie
from spacy.language import Language
from spacy.tokens import Doc, Span

_ATTRS = ("role", "level", "marker", "number", "heading", "kind", "value", "value_max", "unit",
          "qualifier", "placeholder", "subject", "slot", "placeholder_kind")
for _a in _ATTRS:
    if not Span.has_extension(_a):
        Span.set_extension(_a, default=None)
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

    def __call__(self, doc: Doc) -> Doc:
        z = zongjie.analyze(doc.text) if self.with_findings else zongjie.extract(zongjie.structure(doc.text))
        doc._.zongjie = z
        sections, items, claims, holes = [], [], [], []
        for s in z.walk():
            sp = _span(doc, s.start, s.end, s.role)
            if sp is None:
                continue
            sp._.role, sp._.level, sp._.marker, sp._.number = s.role, s.level, s.marker, s.number
            sp._.heading, sp._.kind = s.heading, s.kind
            sections.append(sp)
            for it in s.items:
                isp = _span(doc, it.start, it.content_end or it.end, s.role)
                if isp is not None:
                    isp._.role, isp._.marker, isp._.number = s.role, it.marker, it.number
                    items.append(isp)
        for c in z.claims:
            sp = _span(doc, c.start, c.end, "CLAIM")
            if sp is not None:
                sp._.value, sp._.value_max, sp._.unit = c.value, c.value_max, c.unit
                sp._.qualifier, sp._.placeholder, sp._.subject, sp._.role = c.qualifier, c.placeholder, c.subject, c.role
                claims.append(sp)
        for p in z.placeholders:
            sp = _span(doc, p.start, p.end, "PLACEHOLDER")
            if sp is not None:
                sp._.slot, sp._.placeholder_kind = p.slot, p.kind
                holes.append(sp)
        doc.spans["sections"] = sections
        doc.spans["items"] = items
        doc.spans["claims"] = claims
        doc.spans["placeholders"] = holes
        return doc


@Language.factory("zongjie", default_config={"with_findings": True})
def make_zongjie(nlp: Language, name: str, with_findings: bool = True) -> Any:
    return ZongjieComponent(nlp, name, with_findings)
