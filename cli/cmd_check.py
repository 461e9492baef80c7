"""`zongjie check` (completeness findings) and `zongjie rules` (the rule catalogue).

Module-level imports stay light (typer and cli.common only): the checker, rich and the readers
are imported inside the commands.
"""

from __future__ import annotations

import typer
from zongjie.cli.check_impl import run
from zongjie.cli.common import fail, print_json


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
    fix: bool = typer.Option(False, "--fix", help="apply every safe fix in place (FILE.bak kept), then report what remains"),
    diff: bool = typer.Option(False, "--diff", help="print the safe fixes as a unified diff; change nothing (exit 1 if any)"),
    previous: str = typer.Option(None, "--previous", metavar="LAST_FILE",
                                 help="last year's document: check the plan follow-through (plan-not-reported) "
                                      "and copied problems (problem-repeated)"),
    annotate: str = typer.Option(None, "--annotate", metavar="OUT.docx",
                                 help="write a reviewed copy: findings as Word comments, safe fixes as tracked changes"),
    max_size: str = typer.Option(None, "--max-size", help="input limit of decoded text, e.g. 20MB, 500k, 0 = none "
                                                           "(default: max-size of .zongjie.toml, else 20MB)"),
) -> None:
    """Completeness findings: missing or empty parts, numbering, placeholders, years, percentages.

    Exit code 0: no finding at --fail-level (default error) or above; 1: there is one; 2: bad usage or
    unreadable input."""
    from zongjie.cli import limits

    limits.apply(max_size, inputs, config, from_config=True)
    if annotate and (fix or diff):
        fail("--annotate and --fix/--diff: choose one (--annotate proposes the safe fixes as tracked changes)")
    if fix or diff:  # cli/fast.py leaves these to Typer: unknown flags fall through to here
        from zongjie.cli import fix_impl

        if fix and diff:
            fail("--fix and --diff: choose one (--diff shows what --fix would change)")
        code = fix_impl.run(inputs, diff=diff, fmt="json" if json_ else fmt, template=template, config=config,
                            fail_level=fail_level, color=color, no_source=no_source)
    else:
        code = run(inputs, "json" if json_ else fmt, template, config, fail_level, color, no_source,
                   annotate=annotate, previous=previous)
    if code:
        raise typer.Exit(code)


def rules(
    name: str = typer.Argument(None, help="a rule name or code (e.g. numbering-gap or ZJ201)"),
    json_: bool = typer.Option(False, "--json", help="print the catalogue (or the rule) as JSON"),
) -> None:
    """List the checker's rules and templates, or explain one rule."""
    from zongjie.checker.registry import find_rule, load_rules

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
    from zongjie.cli.common import console

    con = console()
    t = Table(title="zongjie check 规则", show_lines=False)
    for col in ("code", "name", "severity", "category", "tier", "summary", "source"):
        t.add_column(col, overflow="fold", no_wrap=col not in ("summary", "source"))
    colours = {"error": "red", "warning": "yellow", "info": "cyan"}
    for r in all_rules:
        t.add_row(r.code, r.name, f"[{colours[r.severity]}]{r.severity}[/]", r.category, r.tier, r.summary,
                  r.source)
    con.print(t)
    from zongjie.checker.templates import templates

    tt = Table(title="模板 templates (--template NAME)")
    for col in ("name", "label", "required", "recommended", "description"):
        tt.add_column(col, overflow="fold", no_wrap=col == "name")
    for tp in templates().values():
        tt.add_row(tp.name, tp.label, ", ".join(tp.required), ", ".join(tp.recommended), tp.description)
    con.print(tt)
    con.print("`zongjie rules NAME` explains a rule; .zongjie.toml sets severities, disables rules or a whole tier "
              "(disable = [\"实务\"]), adds templates.")


def _explain(r) -> None:
    from zongjie.cli.common import console

    con = console()
    colours = {"error": "red", "warning": "yellow", "info": "cyan"}
    con.print(f"[bold]{r.code} {r.name}[/]  [{colours[r.severity]}]{r.severity}[/]  ({r.category})")
    con.print(r.summary)
    con.print(f"[dim]依据（{r.tier}）：{r.source}[/]", markup=True)
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
