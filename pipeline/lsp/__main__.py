"""``python -m pipeline.lsp``: the LSP server on stdio (same as ``zongjie lsp``)."""

from pipeline.lsp import main

if __name__ == "__main__":
    main()
