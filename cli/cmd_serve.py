"""`zongjie lsp` (Language Server Protocol on stdio) and `zongjie serve` (local web editor).

pygls, FastAPI and uvicorn are imported inside the commands: the rest of the CLI starts without
them, and a missing optional dependency is a one-line error (exit 2).
"""

from __future__ import annotations

import typer
from zongjie.cli.common import fail


def register(app: typer.Typer) -> None:
    @app.command()
    def lsp(debounce: int = typer.Option(None, "--debounce-ms", min=0,
                                          help="quiet time before re-analysing after an edit (default 300)")) -> None:
        """Language Server Protocol server on stdio (diagnostics, completion, code actions, hover, outline)."""
        try:
            import lsprotocol  # noqa: F401
            import pygls  # noqa: F401
        except ImportError:
            fail("the LSP server needs pygls: pip install 'zongjie[lsp]'")
        from zongjie.lsp import main

        main(debounce)

    @app.command()
    def serve(host: str = typer.Option("127.0.0.1", "--host", help="interface to bind (default: localhost only)"),
              port: int = typer.Option(8000, "--port", min=0, max=65535, help="TCP port"),
              max_upload_mb: float = typer.Option(5.0, "--max-upload-mb", min=0.01, help="upload size limit")) -> None:
        """Local web editor: paste or upload a draft, see its outline, findings and suggestions."""
        try:
            import fastapi  # noqa: F401
            import uvicorn
        except ImportError:
            fail("the web editor needs FastAPI: pip install 'zongjie[web]'")
        from zongjie.web.app import create_app

        try:
            app_ = create_app(max_upload=int(max_upload_mb * 1024 * 1024))
        except RuntimeError as e:  # FastAPI without python-multipart
            fail(str(e))
        import socket

        if host not in ("127.0.0.1", "localhost", "::1"):
            typer.echo(f"zongjie: warning: serving on {host}, reachable from other machines", err=True)
        try:  # bind here: a busy port is a one-line error (exit 2), and --port 0 picks a free one
            info = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
            sock = socket.socket(info[0], socket.SOCK_STREAM)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind(info[4])
        except OSError as e:
            fail(f"cannot listen on {host}:{port}: {e.strerror or e}")
        bound = sock.getsockname()[1]
        shown = f"[{host}]" if ":" in host else host
        typer.echo(f"zongjie: web editor on http://{shown}:{bound}/ (Ctrl+C to stop)", err=True)
        server = uvicorn.Server(uvicorn.Config(app_, log_level="warning"))
        try:
            server.run(sockets=[sock])
        finally:
            sock.close()
