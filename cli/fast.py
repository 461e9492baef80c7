"""Console entry point `zongjie`: a fast start for the hot read-only commands.

`outline`, `text`, `extract` and `check` called the plain way skip importing Typer/Click
(≈ 60–90 ms of a ≈ 150 ms run). Anything else — help, unknown options, other commands — goes
through the Typer app in cli.main, which stays the single definition of the interface.
"""

from __future__ import annotations

import sys

_FAST_FLAGS = {"outline": {"--json"}, "text": set(), "extract": {"--json"}}
_CHECK_BOOL = {"--json", "--no-source", "--color", "--no-color"}
_CHECK_VALUE = {"--format": "fmt", "-f": "fmt", "--template": "template", "-t": "template",
                "--config": "config", "--fail-level": "fail_level"}


def _parse_check(args: list[str]) -> dict | None:
    opts: dict = {"inputs": [], "fmt": "text", "template": None, "config": None, "fail_level": None,
                  "color": None, "no_source": False}
    it = iter(args)
    for a in it:
        if a in _CHECK_VALUE:
            v = next(it, None)
            if v is None:
                return None
            opts[_CHECK_VALUE[a]] = v
        elif a in _CHECK_BOOL:
            if a == "--json":
                opts["fmt"] = "json"
            elif a == "--no-source":
                opts["no_source"] = True
            else:
                opts["color"] = a == "--color"
        elif a.startswith("-") and a != "-":
            return None
        else:
            opts["inputs"].append(a)
    if not opts["inputs"] or opts["fmt"] not in ("text", "json", "sarif") \
            or opts["fail_level"] not in (None, "error", "warning", "info"):
        return None  # let Typer print the usage error
    return opts


def _fast_path(argv: list[str]) -> bool:
    if argv == ["--version"]:
        from zongjie import __version__

        print(f"zongjie {__version__}")
        return True
    if len(argv) < 2:
        return False
    from zongjie.cli import common

    cmd, rest = argv[0], argv[1:]
    try:
        if cmd == "check":
            opts = _parse_check(rest)
            if opts is None:
                return False
            from zongjie.cli.check_impl import run

            code = run(**opts)
            if code:
                sys.exit(code)
            return True
        if cmd not in _FAST_FLAGS:
            return False
        flags = {a for a in rest if a.startswith("--")}
        files = [a for a in rest if not a.startswith("--")]
        if len(files) != 1 or not flags <= _FAST_FLAGS[cmd]:
            return False
        from zongjie.cli import core

        {"outline": core.print_outline, "text": core.print_text, "extract": core.print_extract}[cmd](files[0], "--json" in flags)
    except common.CliExit as e:
        sys.exit(e.code)
    return True


def main() -> None:
    import gc

    # A short run builds its data (tables, rules, the model) once and keeps it: with the default
    # threshold the collector walked it again and again, ~8 ms of a 100 ms check.  Collections
    # still happen, just less often.
    gc.set_threshold(50_000, 20, 20)
    if _fast_path(sys.argv[1:]):
        return
    from zongjie.cli.main import main as typer_main

    typer_main()


if __name__ == "__main__":
    main()
