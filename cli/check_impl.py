"""The work behind `zongjie check`, free of Typer so the fast start path can call it directly."""

from __future__ import annotations

import os
import sys

from zongjie.cli.common import fail, print_json

FORMATS = ("text", "json", "sarif")
LEVELS = ("error", "warning", "info")


def run(inputs: list[str], fmt: str = "text", template: str | None = None, config: str | None = None,
        fail_level: str | None = None, color: bool | None = None, no_source: bool = False) -> int:
    """Check the inputs, print the report; the exit code (0 or 1; bad input exits 2 through ``fail``)."""
    from zongjie.errors import ReadError, UsageError

    if fmt not in FORMATS:
        fail(f"--format {fmt}: expected text, json or sarif")
    if fail_level is not None and fail_level not in LEVELS:
        fail(f"--fail-level {fail_level}: expected error, warning or info")
    try:
        results = _run(inputs, template, config)
    except (ReadError, UsageError) as e:
        fail(str(e))
    from zongjie.checker import SEVERITY_RANK, summary
    from zongjie.checker.config import Config

    level = fail_level or next((r["config"].fail_level for r in results
                                if isinstance(r["config"], Config) and r["config"].fail_level), None) or "error"
    _emit(results, fmt, color, no_source, single=_single(inputs))
    total = summary([f for r in results for f in r["findings"]])
    worst = max((SEVERITY_RANK[f.severity] for r in results for f in r["findings"]), default=0)
    return 1 if worst >= SEVERITY_RANK[level] and any(total.values()) else 0


def _single(inputs: list[str]) -> bool:
    """One plain file (or stdin) → the SPEC's one JSON object; anything else → {"files": [...]}."""
    if len(inputs) != 1:
        return False
    p = inputs[0]
    return p == "-" or (os.path.isfile(p) and not p.lower().endswith((".zip", ".jsonl")))


def _run(inputs: list[str], template: str | None, config_path: str | None) -> list[dict]:
    import zongjie
    from zongjie.checker import check
    from zongjie.checker import config as C
    from zongjie.checker.templates import get_template

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

    results = []
    for doc_id, text, meta in _documents(inputs):
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
        doc = zongjie.structure(text, file=name, markdown=bool(meta.get("markdown")))
        title = (meta.get("fields") or {}).get("title")
        if title and doc.title is None:
            doc.meta["title"] = str(title)
        try:
            zongjie.extract(doc)
        except ImportError:  # claims/placeholders not built into this install
            pass
        findings = check(doc, template=template, config=cfg)
        results.append({"file": name, "template": doc.template, "findings": findings, "text": text,
                        "config": cfg})
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
    from zongjie.checker.report import format_finding, result_dict, summary_line

    if fmt == "json":
        objs = [result_dict(r["file"], r["template"], r["findings"]) for r in results]
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
        color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    out = sys.stdout
    for r in results:
        for f in r["findings"]:
            out.write(format_finding(r["file"], r["text"], f, colour=color, source=not no_source) + "\n")
    out.write(summary_line(summary([f for r in results for f in r["findings"]]), len(results)) + "\n")
