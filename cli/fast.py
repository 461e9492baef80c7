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
                "--config": "config", "--fail-level": "fail_level", "--max-size": "max_size"}


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
            from zongjie.cli import limits
            from zongjie.cli.check_impl import run

            limits.apply(opts.pop("max_size", None), opts["inputs"], opts["config"], from_config=True)
            code = run(**opts)
            if code:
                sys.exit(code)
            return True
        if cmd not in _FAST_FLAGS:
            return False
        max_size = None
        if "--max-size" in rest:  # the one option with a value: take it out before the flag test
            i = rest.index("--max-size")
            if i + 1 >= len(rest):
                return False
            max_size, rest = rest[i + 1], rest[:i] + rest[i + 2:]
        flags = {a for a in rest if a.startswith("--")}
        files = [a for a in rest if not a.startswith("--")]
        if len(files) != 1 or not flags <= _FAST_FLAGS[cmd]:
            return False
        from zongjie.cli import core, limits

        limits.apply(max_size)
        {"outline": core.print_outline, "text": core.print_text, "extract": core.print_extract}[cmd](files[0], "--json" in flags)
    except common.CliExit as e:
        sys.exit(e.code)
    return True


def _surrogates(exc: UnicodeError) -> tuple[str | bytes, int]:
    """A file name that is not valid UTF-8 (``b"\\xb9\\xa4.txt"``, GBK) reaches Python as surrogate
    escapes: give its bytes back; any other lone surrogate is written as ``\\udXXX``."""
    import codecs

    try:
        return codecs.lookup_error("surrogateescape")(exc)
    except UnicodeError:
        return codecs.lookup_error("backslashreplace")(exc)


def _tolerate_surrogates() -> None:
    """Output never fails on a name or text with surrogates (a strict UTF-8 stdout would raise)."""
    import codecs

    codecs.register_error("zongjie-surrogates", _surrogates)
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)  # a TextIOWrapper; not a test's StringIO
        if reconfigure is not None and getattr(stream, "errors", None) == "strict":
            reconfigure(errors="zongjie-surrogates")


def main() -> None:
    import gc

    # A short run builds its data (tables, rules, the model) once and keeps it: with the default
    # threshold the collector walked it again and again, ~8 ms of a 100 ms check.  Collections
    # still happen, just less often.
    gc.set_threshold(50_000, 20, 20)
    _tolerate_surrogates()
    if _fast_path(sys.argv[1:]):
        return
    from zongjie.cli.main import main as typer_main

    typer_main()


if __name__ == "__main__":
    main()
