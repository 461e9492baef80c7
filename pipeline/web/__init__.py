"""The local web editor behind ``zongjie serve`` (FastAPI; see ``zongjie.web.app``)."""

from __future__ import annotations


def create_app(max_upload: int = 5 * 1024 * 1024):
    """The ASGI application (FastAPI imported on first use)."""
    from zongjie.web.app import create_app as _create

    return _create(max_upload=max_upload)
