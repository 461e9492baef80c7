"""``python -m zongjie.lsp``: the LSP server on stdio (same as ``zongjie lsp``)."""

from zongjie.lsp import main

if __name__ == "__main__":
    main()
