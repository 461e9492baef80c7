"""`zongjie check` (completeness findings) and `zongjie rules` (the rule catalogue).

Module-level imports stay light (typer and cli.common only): the checker, rich and the readers
are imported inside the commands.
"""

from __future__ import annotations

import os
import sys

import typer

from cli.common import fail, print_json

FORMATS = ("text", "json", "sarif")
LEVELS = ("error", "warning", "info")


def check(
    inputs: list[str] = typer.Argument(..., metavar="INPUT...",
                                       help="files (.txt .md .docx .pdf), directories, globs, .zip, .jsonl, or - for stdin"),
    fmt: str = typer.Option("text", "--format", "-f", help="text | json | sarif"),
    json_: bool = typer.Option(False, "--json", help="same as --format json"),
    template: str = typer.Option(None, "--template", "-t",
                                 help="annual-summary | half-year-summary | duty-report | government-work-report | "
                                      "work-plan | a [templates.NAME] of the config (default: chosen from the title)"),
    config: str = typer.Option(None, "--config", help="a .zongjie.toml to use instead of the one found upward"),
    fail_level: str = typer.Option(None, "--fail-level", help="exit 1 when a finding is at least: error | warning | info"),
    color: bool = typer.Option(None, "--color/--no-color", help="colour the text output (default: on a terminal)"),
    no_source: bool = typer.Option(False, "--no-source", help="text: one line per finding, no source excerpt"),
) -> None:
    """Completeness findings: missing or empty parts, numbering, placeholders, years, percentages.

    Exit code 0: no finding at --fail-level (default error) or above; 1: there is one; 2: bad usage or
    unreadable input."""
    from pipeline.errors import ReadError, UsageError

    if json_:
        fmt = "json"
    if fmt not in FORMATS:
        fail(f"--format {fmt}: expected text, json or sarif")
    if fail_level is not None and fail_level not in LEVELS:
        fail(f"--fail-level {fail_level}: expected error, warning or info")
    try:
        results = _run(inputs, template, config)
    except (ReadError, UsageError) as e:
        fail(str(e))
    from pipeline.checker import SEVERITY_RANK, summary
    from pipeline.checker.config import Config

    level = fail_level or next((r["config"].fail_level for r in results
                                if isinstance(r["config"], Config) and r["config"].fail_level), None) or "error"
    _emit(results, fmt, color, no_source, single=_single(inputs))
    total = summary([f for r in results for f in r["findings"]])
    worst = max((SEVERITY_RANK[f.severity] for r in results for f in r["findings"]), default=0)
    if worst >= SEVERITY_RANK[level] and any(total.values()):
        raise typer.Exit(1)


def _single(inputs: list[str]) -> bool:
    """One plain file (or stdin) → the SPEC's one JSON object; anything else → {"files": [...]}."""
    if len(inputs) != 1:
        return False
    p = inputs[0]
    return p == "-" or (os.path.isfile(p) and not p.lower().endswith((".zip", ".jsonl")))


def _run(inputs: list[str], template: str | None, config_path: str | None) -> list[dict]:
    import pipeline
    from pipeline.archive import iter_documents
    from pipeline.checker import check
    from pipeline.checker import config as C
    from pipeline.checker.templates import get_template

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
    for doc_id, text, meta in iter_documents(inputs, errors="raise"):
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
        doc = pipeline.structure(text, file=name, markdown=bool(meta.get("markdown")))
        title = (meta.get("fields") or {}).get("title")
        if title and doc.title is None:
            doc.meta["title"] = str(title)
        try:
            pipeline.extract(doc)
        except ImportError:  # claims/placeholders not built into this install
            pass
        findings = check(doc, template=template, config=cfg)
        results.append({"file": name, "template": doc.template, "findings": findings, "text": text,
                        "config": cfg})
    return results


def _emit(results: list[dict], fmt: str, color: bool | None, no_source: bool, single: bool) -> None:
    from pipeline.checker import summary
    from pipeline.checker.report import format_finding, result_dict, summary_line

    if fmt == "json":
        objs = [result_dict(r["file"], r["template"], r["findings"]) for r in results]
        if single and len(objs) == 1:
            print_json(objs[0])
        else:
            print_json({"files": objs, "summary": summary([f for r in results for f in r["findings"]])})
        return
    if fmt == "sarif":
        import pipeline
        from pipeline.checker.sarif import to_sarif

        print_json(to_sarif(results, version=pipeline.__version__))
        return
    if color is None:
        color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    out = sys.stdout
    for r in results:
        for f in r["findings"]:
            out.write(format_finding(r["file"], r["text"], f, colour=color, source=not no_source) + "\n")
    out.write(summary_line(summary([f for r in results for f in r["findings"]]), len(results)) + "\n")


def rules(
    name: str = typer.Argument(None, help="a rule name or code (e.g. numbering-gap or ZJ201)"),
    json_: bool = typer.Option(False, "--json", help="print the catalogue (or the rule) as JSON"),
) -> None:
    """List the checker's rules and templates, or explain one rule."""
    from pipeline.checker.registry import find_rule, load_rules

    if name:
        r = find_rule(name)
        if r is None:
            fail(f"unknown rule {name!r} (see `zongjie rules`)")
        if json_:
            print_json(r.to_dict())
            return
        _explain(r)
        return
    all_rules = list(load_rules().values())
    if json_:
        print_json({"rules": [r.to_dict() for r in all_rules]})
        return
    from rich.table import Table

    from cli.common import console

    con = console()
    t = Table(title="zongjie check 规则", show_lines=False)
    for col in ("code", "name", "severity", "category", "summary"):
        t.add_column(col, overflow="fold", no_wrap=col != "summary")
    colours = {"error": "red", "warning": "yellow", "info": "cyan"}
    for r in all_rules:
        t.add_row(r.code, r.name, f"[{colours[r.severity]}]{r.severity}[/]", r.category, r.summary)
    con.print(t)
    from pipeline.checker.templates import templates

    tt = Table(title="模板 templates (--template NAME)")
    for col in ("name", "label", "required", "recommended", "description"):
        tt.add_column(col, overflow="fold", no_wrap=col == "name")
    for tp in templates().values():
        tt.add_row(tp.name, tp.label, ", ".join(tp.required), ", ".join(tp.recommended), tp.description)
    con.print(tt)
    con.print("`zongjie rules NAME` explains a rule; .zongjie.toml sets severities, disables rules, adds templates.")


def _explain(r) -> None:
    from cli.common import console

    con = console()
    colours = {"error": "red", "warning": "yellow", "info": "cyan"}
    con.print(f"[bold]{r.code} {r.name}[/]  [{colours[r.severity]}]{r.severity}[/]  ({r.category})")
    con.print(r.summary)
    con.print(f"[dim]依据：{r.source}[/]")
    con.print(r.doc.strip(), markup=False)
    if r.options:
        con.print("\n[bold]options[/] ([options." + r.name + "] in .zongjie.toml): "
                  + ", ".join(f"{k} = {v!r}" for k, v in r.options.items()), markup=True)
    for label, exs in (("must hit", r.hit), ("must pass", r.pass_)):
        if exs:
            con.print(f"\n[bold]{label}[/] ({len(exs)}):")
            ex = exs[0].text.strip("\n")
            con.print("\n".join("    " + ln for ln in ex.split("\n")), markup=False)


def register(app: typer.Typer) -> None:
    app.command("check")(check)
    app.command("rules")(rules)
