"""`zongjie suggest` and `zongjie index`: plan items suggested from the problem statements.

Module-level imports stay light (typer and cli.common only); numpy, the index and the optional
transformers model are loaded by the commands.
"""

from __future__ import annotations

import typer
from zongjie.cli.common import fail, print_json

FILE_ARG = typer.Argument(..., help="a .txt/.md/.docx/.pdf file, or - for standard input")


def suggest(
    file: str = FILE_ARG,
    top: int = typer.Option(3, "--top", "-k", min=1, max=20, help="suggestions per problem"),
    index: str = typer.Option(None, "--index", help="an index built by `zongjie index` (default: the shipped one)"),
    no_index: bool = typer.Option(False, "--no-index", help="use no index (rewrite rules and --model only)"),
    model: str = typer.Option(None, "--model", help="a local transformers model directory (seq2seq or causal LM)"),
    device: str = typer.Option("cpu", "--device", help="torch device for --model (cpu, cuda, mps)"),
    json_: bool = typer.Option(False, "--json", help="print the SPEC JSON"),
) -> None:
    """Plan items suggested from the problem statements (and the plan items that already answer them)."""
    from zongjie.cli.common import load_structure
    from zongjie.errors import ReadError, UsageError

    if index and no_index:
        fail("--index and --no-index exclude each other")
    doc = load_structure(file)
    try:
        from zongjie.suggest import resolve_index, suggest_dict

        ix = False if no_index else resolve_index(index)
        mdl = None
        if model:
            from zongjie.suggest.neural import NeuralSuggester

            mdl = NeuralSuggester(model, device=device)
        res = suggest_dict(doc, top=top, index=ix, model=mdl)
    except (UsageError, ReadError) as e:
        fail(str(e))
    except ImportError as e:
        fail(f"suggest needs numpy (and for --model: torch, transformers): {e}")
    if json_:
        print_json(res)
        return
    from zongjie.cli.common import console

    _render(console(), doc, res, ix is not None and ix is not False)


def _render(con, doc, res: dict, has_index: bool) -> None:
    from rich.markup import escape

    probs = res["problems"]
    if not probs:
        con.print("[yellow]没有找到问题陈述（存在的问题 / 问题和不足 段落）。[/]")
        return
    con.print(f"[bold]{len(probs)} 个问题[/]" + ("" if has_index else "  [dim](未使用检索库)[/]"))
    for i, p in enumerate(probs, 1):
        line = doc.lines.line_of(p["start"])
        con.print()
        con.print(f"[bold red]问题 {i}[/] [dim]第{line}行[/]  {escape(p['text'])}")
        ab = p["addressed_by"]
        if ab:
            snippet = doc.text[ab["start"]:ab["end"]].replace("\n", " ")
            snippet = snippet if len(snippet) <= 60 else snippet[:58] + "…"
            con.print(f"  [green]已有对应计划[/] [dim]第{doc.lines.line_of(ab['start'])}行[/]  {escape(snippet)}")
        else:
            con.print("  [yellow]计划中未找到对应措施[/]")
        if not p["suggestions"]:
            con.print("  [dim]（无建议）[/]")
        for s in p["suggestions"]:
            con.print(f"  [cyan]→[/] {escape(s['text'])}  [dim]{s['score']:.2f} {escape(s['source'])}[/]")


def index(
    inputs: list[str] = typer.Argument(..., help="files, directories, globs, .zip archives, .jsonl corpora"),
    out: str = typer.Option(..., "--out", help="directory to write the index into"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="no per-file messages"),
    json_: bool = typer.Option(False, "--json", help="print a summary as JSON"),
) -> None:
    """Build a suggestion index (the measures of the plan parts) from an archive of past reports."""
    import sys
    import time

    from zongjie.errors import ReadError, UsageError

    errors: list[tuple[str, str]] = []
    t0 = time.perf_counter()
    try:
        from zongjie.archive import iter_documents
        from zongjie.runner import STRUCTURE, pipeline
        from zongjie.suggest.measures import MeasureIndex

        structure = pipeline(STRUCTURE)
        docs = []
        for doc_id, text, meta in iter_documents(inputs, errors="yield"):
            if text is None:
                errors.append((doc_id, str(meta.get("error", "unreadable"))))
                continue
            fields = {k: v for k, v in (meta.get("fields") or {}).items() if k in ("year", "title") and v}
            docs.append((doc_id, structure(str(text), file=doc_id, markdown=bool(meta.get("markdown")),
                                           meta=fields or None)))
        if not docs:
            more = f" and {len(errors) - 1} more" if len(errors) > 1 else ""
            fail(f"no readable document in the inputs ({errors[0][1]}{more})" if errors
                 else "no readable document in the inputs")
        ix = MeasureIndex.build(docs)
        ix.save(out)
    except (UsageError, ReadError) as e:
        fail(str(e))
    except OSError as e:
        fail(f"{out}: {e.strerror or e}")
    secs = time.perf_counter() - t0
    if not quiet and not json_:
        for _, msg in errors:
            sys.stderr.write(f"zongjie index: skipped {msg}\n")
    summary = {"out": out, "documents": len(docs), "errors": len(errors), "measures": len(ix),
               "seconds": round(secs, 2)}
    if json_:
        print_json(summary)
    elif not quiet:
        sys.stderr.write(f"zongjie index: {len(docs)} documents, {len(ix)} measures → {out} ({secs:.1f} s)\n")


def register(app: typer.Typer) -> None:
    app.command("suggest")(suggest)
    app.command("index")(index)
