"""The one pipeline: named components run in order over one ``Document``.

Every front-end (``zongjie.analyze``, the CLI, the editors, batch, the web API, the spaCy adapter,
Word review) builds a :class:`Pipeline` from component names and calls it; none of them wires the
stages itself.  A component is a function ``(doc, options) -> None`` that adds to the document;
what it computes beyond the SPEC fields (an alignment, suggestions) goes into ``doc.store`` under
its name, so the next component reads it instead of computing it again.

Components are resolved when the pipeline is *built*: an unknown name, a missing requirement or a
module that fails to import raises :class:`PipelineError` there, never an empty result later.
"""

from __future__ import annotations

from importlib import import_module

from zongjie.errors import PipelineError
from zongjie.model import Document

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only: importing typing is 4 ms of a cold `zongjie check`
    from collections.abc import Callable, Iterable
    from typing import Any

    Stage = Callable[[Document, "Options"], None]

# name -> (the module it runs, components that must run before it).  Building a pipeline imports
# the modules of its own components only — `zongjie outline` never loads the checker.
COMPONENTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "structure": ("zongjie.segment", ()),
    "extract": ("zongjie.claims", ("structure",)),
    # the editors' variant: placeholders and claims read back line by line from a memo
    "extract-lines": ("zongjie.linememo", ("structure",)),
    "check": ("zongjie.checker", ("structure",)),
    "align": ("zongjie.matcher", ("structure",)),
    "suggest": ("zongjie.suggest", ("structure",)),
}
ANALYZE = ("structure", "extract", "check")  # what `zongjie.analyze` runs: no index, no model
STRUCTURE = ("structure",)


class Options:
    """What components read besides the document (each reads only its own keys)."""

    __slots__ = ("template", "config", "memo", "top", "index", "model", "exclude_docs", "previous")

    def __init__(self, template: str | None = None, config: object | None = None, memo: Any = None,
                 top: int = 3, index: Any = None, model: Any = None, exclude_docs: Iterable[str] = (),
                 previous: Document | None = None) -> None:
        self.template, self.config, self.memo, self.previous = template, config, memo, previous
        self.top, self.index, self.model, self.exclude_docs = top, index, model, tuple(exclude_docs)


class Pipeline:
    """``Pipeline(("structure", "extract", "check"), template=…)(text)`` → the analysed document.

    ``errors="raise"`` (default) lets a component's exception through; ``errors="record"`` (the
    editors: a half-typed draft must not break the editor) records ``(component, message)`` in
    ``doc.store["errors"]`` and goes on with the next component that does not depend on it —
    the front-end shows the error; nothing is silently dropped.
    """

    def __init__(self, components: Iterable[str] = ANALYZE, *, errors: str = "raise",
                 after: Iterable[str] = (), **options: Any) -> None:
        """``after``: components already run on the documents given to :meth:`run`."""
        names = tuple(components)
        if errors not in ("raise", "record"):
            raise PipelineError(f"errors must be 'raise' or 'record', not {errors!r}")
        self.names = names
        self.errors = errors
        self.options = Options(**options)
        self._stages: list[tuple[str, Stage, tuple[str, ...]]] = []
        done: set[str] = set(after)
        for name in names:
            spec = COMPONENTS.get(name)
            if spec is None:
                raise PipelineError(f"unknown pipeline component {name!r} (known: {', '.join(COMPONENTS)})")
            module, requires = spec
            missing = [r for r in requires if r not in done and not (r == "extract" and "extract-lines" in done)]
            if missing:
                raise PipelineError(f"component {name!r} needs {', '.join(missing)} before it")
            try:
                import_module(module)
            except ImportError as exc:
                raise PipelineError(f"component {name!r} cannot be loaded: {type(exc).__name__}: {exc}") from exc
            self._stages.append((name, _RUN[name], requires))
            done.add(name)

    def __call__(self, text: str, *, file: str | None = None, markdown: bool | None = None,
                 meta: dict[str, Any] | None = None, timings: dict[str, float] | None = None) -> Document:
        doc = Document(text=text, file=file)
        doc.markdown = looks_markdown(text, file) if markdown is None else markdown
        if meta:
            doc.meta.update(meta)
        return self.run(doc, timings=timings)

    def run(self, doc: Document, timings: dict[str, float] | None = None) -> Document:
        """Run the components on ``doc`` (a document made by another pipeline, to go on with it)."""
        clock = None
        if timings is not None:
            from time import perf_counter as clock
        failed: set[str] = set()
        for name, fn, requires in self._stages:
            if failed.intersection(requires):
                failed.add(name)
                continue
            t0 = clock() if clock else 0.0
            if self.errors == "raise":
                fn(doc, self.options)
            else:
                try:
                    fn(doc, self.options)
                except Exception as exc:  # noqa: BLE001 - recorded in doc.store["errors"] and shown by the caller
                    failed.add(name)
                    doc.store.setdefault("errors", []).append((name, f"{type(exc).__name__}: {exc}"))
            if clock and timings is not None:
                timings[name] = clock() - t0
        return doc


# ---------------------------------------------------------------------------- the components

def _structure(doc: Document, opts: Options) -> None:
    from zongjie.segment import segment

    segment(doc)


def _roles_of_claims(doc: Document) -> None:
    for c in doc.claims:
        c.role = doc.role_at(c.start)


def _extract(doc: Document, opts: Options) -> None:
    from zongjie.claims import find_claims
    from zongjie.placeholders import find_placeholders

    doc.placeholders = find_placeholders(doc.text, markdown=doc.markdown)
    doc.claims = find_claims(doc.text, doc.placeholders)
    _roles_of_claims(doc)


def _extract_lines(doc: Document, opts: Options) -> None:
    if opts.memo is None:
        raise PipelineError("component 'extract-lines' needs a memo (Pipeline(..., memo=LineMemo()))")
    doc.placeholders, doc.claims = opts.memo.extract(doc.text, markdown=doc.markdown)
    _roles_of_claims(doc)


def _check(doc: Document, opts: Options) -> None:
    from zongjie.checker import check

    if opts.previous is not None:  # last year's document, for the rules of `check --previous`
        doc.store["previous"] = opts.previous
    check(doc, template=opts.template, config=opts.config)


def _align(doc: Document, opts: Options) -> None:
    from zongjie.matcher import aligned

    aligned(doc)


def _suggest(doc: Document, opts: Options) -> None:
    from zongjie.suggest import suggest

    doc.store["suggest"] = suggest(doc, top=opts.top, index=opts.index, model=opts.model,
                                   exclude_docs=opts.exclude_docs)


_RUN: dict[str, Stage] = {"structure": _structure, "extract": _extract, "extract-lines": _extract_lines,
                          "check": _check, "align": _align, "suggest": _suggest}


def looks_markdown(text: str, file: str | None) -> bool:
    """A ``.md`` file, or a text with a Markdown heading line (the reader's test, one definition)."""
    if file and file.lower().endswith((".md", ".markdown")):
        return True
    from zongjie.reader import looks_markdown as by_content

    return by_content(text)


_CACHE: dict[tuple[Any, ...], Pipeline] = {}


def pipeline(components: Iterable[str] = ANALYZE, *, after: Iterable[str] = (), **options: Any) -> Pipeline:
    """A pipeline from a small cache: the plain ones (options that are strings, numbers or None)
    are built once per process; others (a config object, a memo, an index) are built anew."""
    names, done = tuple(components), tuple(after)
    if any(not isinstance(v, (str, int, bool, type(None))) for v in options.values()):
        return Pipeline(names, after=done, **options)
    key = (names, done, tuple(sorted(options.items())))
    p = _CACHE.get(key)
    if p is None:
        p = _CACHE[key] = Pipeline(names, after=done, **options)
    return p
