"""Editing support shared by the LSP server (``zongjie lsp``) and the web editor.

``engine`` (guarded analysis), ``positions`` (code points ↔ UTF-16), ``markers`` and ``assist``
(completion, code actions, hover, outline) import no editor framework; ``server`` needs pygls.
"""

from __future__ import annotations


def main(debounce_ms: float | None = None) -> None:
    """Run the Language Server Protocol server on standard input/output."""
    from zongjie.lsp.server import main as _main

    _main(debounce_ms)
