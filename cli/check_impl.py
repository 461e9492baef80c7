"""The work behind `zongjie check`, free of Typer so the fast start path can call it directly."""

from __future__ import annotations

import os
import sys

from zongjie.cli.common import fail, print_json

FORMATS = ("text", "json", "sarif")
LEVELS = ("error", "warning", "info")


def run(inputs: list[str], fmt: str = "text", template: str | None = None, config: str | None = None,
        fail_level: str | None = None, color: bool | None = None, no_source: bool = False,
        annotate: str | None = None, previous: str | None = None) -> int:
    """Check the inputs, print the report; the exit code (0 or 1; bad input exits 2 through ``fail``).

    ``annotate``: also write that reviewed copy of the one input (``zongjie.review``).
    ``previous``: last year's document: the plan follow-through and copied problems are checked
    (``zongjie.previous``), and the text report ends with the follow-through table."""
    from zongjie.errors import ReadError, UsageError

    if fmt not in FORMATS:
        fail(f"--format {fmt}: expected text, json or sarif")
    if fail_level is not None and fail_level not in LEVELS:
        fail(f"--fail-level {fail_level}: expected error, warning or info")
    if annotate is not None:
        _annotate_usage(inputs, annotate)
    try:
        prev = None
        if previous is not None:
            from zongjie.previous import load_previous

            prev = load_previous(previous)
        results = _run(inputs, template, config, prev)
    except (ReadError, UsageError) as e:
        fail(str(e))
    from zongjie.checker import SEVERITY_RANK, summary
    from zongjie.checker.config import Config

    level = fail_level or next((r["config"].fail_level for r in results
                                if isinstance(r["config"], Config) and r["config"].fail_level), None) or "error"
    _emit(results, fmt, color, no_source, single=_single(inputs))
    if prev is not None and fmt == "text":
        _follow_table(results, prev, previous or "")
    if annotate is not None:
        _annotate(inputs[0], results[0], annotate)
    total = summary([f for r in results for f in r["findings"]])
    worst = max((SEVERITY_RANK[f.severity] for r in results for f in r["findings"]), default=0)
    return 1 if worst >= SEVERITY_RANK[level] and any(total.values()) else 0


def _single(inputs: list[str]) -> bool:
    """One plain file (or stdin) → the SPEC's one JSON object; anything else → {"files": [...]}."""
    if len(inputs) != 1:
        return False
    p = inputs[0]
    return p == "-" or (os.path.isfile(p) and not p.lower().endswith((".zip", ".jsonl")))


def _run(inputs: list[str], template: str | None, config_path: str | None, previous: object = None) -> list[dict]:
    from zongjie.checker import config as C
    from zongjie.checker.templates import get_template
    from zongjie.runner import ANALYZE, Pipeline

    explicit = C.load_config(config_path) if config_path else None
    if template and explicit is not None:
        get_template(template, explicit.templates)  # unknown template → exit 2 before any work
    cache: dict[str, object] = {}

    def config_for(path: str) -> C.Config:
        if explicit is not None:
            return explicit
        d = os.path.dirname(os.path.abspath(path)) if path != "-" else os.getcwd()
        if d not in cache:
            found = C.find_config(d if path == "-" else path)
            cache[d] = C.load_config(found) if found else C.Config()
        return cache[d]  # type: ignore[return-value]

    pipes: dict[int, Pipeline] = {}  # one pipeline per configuration
    results = []
    for doc_id, text, meta in _documents(inputs):
        assert isinstance(text, str)  # decoded, and read errors raise
        source = meta.get("source") or doc_id
        if meta.get("member"):
            name = f"{source}:{meta['member']}"
        elif meta.get("line") is not None:
            name = f"{source}#{doc_id}"
        else:
            name = source
        cfg = config_for(source)
        if template:
            get_template(template, cfg.templates)
        title = (meta.get("fields") or {}).get("title")  # a corpus line's title field
        pipe = pipes.get(id(cfg))
        if pipe is None:
            pipe = pipes[id(cfg)] = Pipeline(ANALYZE, template=template, config=cfg, previous=previous)
        doc = pipe(
            text, file=name, markdown=bool(meta.get("markdown")), meta={"title": str(title)} if title else None)
        findings = doc.findings
        results.append({"file": name, "template": doc.template, "findings": findings, "text": text,
                        "config": cfg, "doc": doc})
    return results


def _documents(inputs: list[str]):
    """``zongjie.archive.iter_documents(inputs)``; one plain file is read by the reader alone
    (the archive walker imports zipfile and its kin: a seventh of a cold check of one file)."""
    if _single(inputs) and inputs[0] != "-":
        from zongjie.reader import read_file

        path = os.fsdecode(inputs[0])
        src = read_file(path)
        yield path, src.text, {"source": path, "member": None, "line": None, "format": src.format,
                               "encoding": src.encoding, "markdown": src.markdown, "fields": {}}
        return
    from zongjie.archive import iter_documents

    yield from iter_documents(inputs, errors="raise")


def _emit(results: list[dict], fmt: str, color: bool | None, no_source: bool, single: bool) -> None:
    from zongjie.checker import summary
    from zongjie.checker.report import format_finding, summary_line
    from zongjie.serialize import check_result

    if fmt == "json":
        objs = [check_result(r["file"], r["template"], r["findings"]) for r in results]
        if single and len(objs) == 1:
            print_json(objs[0])
        else:
            print_json({"files": objs, "summary": summary([f for r in results for f in r["findings"]])})
        return
    if fmt == "sarif":
        import zongjie
        from zongjie.checker.sarif import to_sarif

        print_json(to_sarif(results, version=zongjie.__version__))
        return
    if color is None:
        color = bool(sys.stdout.isatty()) and not os.environ.get("NO_COLOR")
    out = sys.stdout
    for r in results:
        for f in r["findings"]:
            out.write(format_finding(r["file"], r["text"], f, colour=color, source=not no_source) + "\n")
    out.write(summary_line(summary([f for r in results for f in r["findings"]]), len(results)) + "\n")


def _annotate_usage(inputs: list[str], out: str) -> None:
    """``--annotate`` reviews one document file: checked before any work, exit 2 otherwise."""
    if len(inputs) != 1 or inputs[0] == "-" or os.path.isdir(inputs[0]) \
            or inputs[0].lower().endswith((".zip", ".jsonl")):
        fail("--annotate takes exactly one input file (.docx, .txt or .md)")
    if inputs[0].lower().endswith(".pdf"):
        fail(f"{inputs[0]}: --annotate needs a .docx, .txt or .md input (a PDF cannot be annotated)")
    if not out.lower().endswith(".docx"):
        fail(f"--annotate {out}: the reviewed copy is a Word document, name it .docx")
    if os.path.abspath(out) == os.path.abspath(inputs[0]):
        fail(f"--annotate {out}: give another file name; the draft itself is never overwritten")


def _annotate(path: str, result: dict, out: str) -> None:
    """Write the reviewed copy of the checked document; a note on stderr keeps stdout the report."""
    from zongjie.review import AnnotateError, annotate

    try:
        rep = annotate(path, result["findings"], result["text"], out)
    except AnnotateError as e:
        fail(str(e))
    sys.stderr.write(f"zongjie: wrote {out}: {rep.comments} comments, {rep.tracked} tracked changes\n")


def _follow_table(results: list[dict], prev: object, prev_name: str) -> None:
    """Last year's plan items → the line of this year's achievements that reports on them, 未找到
    (a ``plan-not-reported`` finding), or 待核实 (a weak match: maybe reported in other words)."""
    from zongjie.checker.report import width
    from zongjie.previous import follow_through

    out = sys.stdout
    for r in results:
        doc = r["doc"]
        rows = follow_through(doc, prev)  # type: ignore[arg-type]
        done = sum(f.reported for f in rows)
        missing = sum(f.unreported for f in rows)
        out.write(f"\n对照上年计划（{prev_name}）：{r['file']}：{len(rows)} 条，已报告 {done} 条，"
                  f"未找到 {missing} 条，待核实 {len(rows) - done - missing} 条\n")
        for f in rows:
            plan = " ".join(f.plan.text.split())
            plan = plan if width(plan) <= 44 else plan[:21] + "…"
            if f.reported and f.match is not None and f.match_text:
                where = f"第{doc.lines.line_of(f.match.start)}行 {f.match_text[:24]}"
            else:
                where = "未找到" if f.unreported else "待核实（可能换了说法）"
            out.write(f"  上年第{f.plan_line}行 {plan}{' ' * max(1, 46 - width(plan))}→ {where}\n")
