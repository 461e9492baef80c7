"""Rules that compare the draft with last year's document (``check --previous LAST_FILE``):
``plan-not-reported`` and ``problem-repeated`` (the years of the two are ``year-mismatch``'s).

Last year's document reaches the rules as ``doc.store["previous"]`` (the ``check`` component puts
it there from the pipeline's ``previous`` option); without it these rules say nothing.
"""

from __future__ import annotations

from zongjie.checker import Ctx
from zongjie.checker.registry import implements

QUOTE = 36  # characters of a quoted statement in a message


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE else text[:QUOTE - 2] + "……"


def _anchor(ctx: Ctx) -> tuple[int, int]:
    """Where a finding about the whole achievements part goes: its heading, else the title."""
    for n in ctx.nodes():
        if n.role == "achievements" and n.kind != "preamble":
            if n.heading_start is not None and n.heading_end is not None:
                return n.heading_start, n.heading_end
            return n.start, min(n.end, n.start + 1)
    t = ctx.doc.title
    return (t.start, t.end) if t else (0, 0)


@implements("plan-not-reported")
def plan_not_reported(ctx: Ctx) -> None:
    prev = ctx.doc.store.get("previous")
    if prev is None:
        return
    from zongjie.previous import follow_through

    follow = ctx.cached("follow_through", lambda: follow_through(ctx.doc, prev))
    s, e = _anchor(ctx)
    for f in follow:
        # follow_through keeps commitments only (`_is_commitment`); a finding is one that nothing
        # comes near: an item between the two thresholds may be reported in other words and is
        # left to the follow-through table
        if f.unreported:
            ctx.emit("plan-not-reported", s, e, plan=_quote(f.plan.text), line=f.plan_line)


def _is_commitment(text: str) -> bool:
    """A plan item that commits to something a later summary can report on, not the plan's
    framing (`今年是…的关键一年`, `做好政府工作，要…`, an outlook on the situation):
    ``zongjie.previous.is_commitment``."""
    from zongjie.previous import is_commitment

    return is_commitment(text)


@implements("problem-repeated")
def problem_repeated(ctx: Ctx) -> None:
    prev = ctx.doc.store.get("previous")
    if prev is None:
        return
    from zongjie.previous import repeated_problems

    for r in repeated_problems(ctx.doc, prev):
        ctx.emit("problem-repeated", r.problem.start, r.problem.end, problem=_quote(r.problem.text),
                 line=prev.lines.line_of(r.earlier.start), share=f"{r.overlap:.0%}")
