"""The input limit of a command-line run: ``--max-size`` or ``max-size`` of ``.zongjie.toml``.

The check itself is the reader's (``zongjie.reader.check_size``); a run sets the reader's default
once, before any input is read, so every path that reads (one file, a directory, a zip, a JSONL
corpus, stdin) honours the same limit without each command threading it through.
"""

from __future__ import annotations


def apply(value: str | None, inputs: list[str] | None = None, config_path: str | None = None,
          from_config: bool = False) -> None:
    """``--max-size VALUE`` wins; else (``from_config``: `check`) the ``max-size`` of the
    configuration (``--config``, or the ``.zongjie.toml`` found from the first input); else the
    reader's default (20 MB).  A malformed size is a usage error: one line, exit 2."""
    from zongjie import reader
    from zongjie.cli.common import fail

    size: int | None = None
    if value is not None:
        try:
            size = reader.parse_size(value)
        except ValueError:
            fail(f"--max-size {value}: expected a size such as 20MB, 500k or 0 (no limit)")
    elif from_config:
        size = _from_config(inputs or [], config_path)
    if size is not None:
        reader.set_default_max_size(size)


def _from_config(inputs: list[str], config_path: str | None) -> int | None:
    import os

    from zongjie.cli.common import fail
    from zongjie.errors import UsageError

    first = next((p for p in inputs if p != "-"), None)
    if config_path is None and (first is None or not os.path.exists(first)):
        return None  # stdin or a glob: the checker's own defaults
    from zongjie.checker import config as C

    try:
        found = config_path or C.find_config(first)
        return C.load_config(found).max_size if found else None
    except UsageError as e:
        fail(str(e))
