"""`zongjie serve`: the local web editor (FastAPI) and the JSON API its page uses.

``create_app()`` returns the ASGI application.  One page (``static/index.html`` + ``app.js`` +
``app.css``; no CDN, no build step) and a JSON API under ``/api/``, documented by the OpenAPI
schema at ``/openapi.json`` (interactive at ``/docs``):

========================  ==================================================================
``POST /api/outline``     the section tree with roles (SPEC ``outline --json``)
``POST /api/extract``     claims and placeholders (SPEC ``extract --json``)
``POST /api/check``       findings with a summary (SPEC ``check --format json``)
``POST /api/suggest``     plan items for the problems, each with where it would be inserted
``POST /api/follow``      last year's plan items, each reported (where) or 未找到
``POST /api/upload``      multipart ``file`` (.txt/.md/.docx/.pdf) → its text
``POST /api/export``      ``?format=md|docx`` → the text as a download
``POST /api/annotate``    the reviewed Word copy: findings as comments, safe fixes tracked
``GET  /api/templates``   the checker's template names
========================  ==================================================================

**Last year's document** is sent along, never stored: the page reads it with ``/api/upload``,
keeps its text and adds ``previous_text`` (and ``previous_file``) to every analysis request.
The server then checks against it (``plan-not-reported``, ``problem-repeated``, as
``check --previous``) and ``/api/follow`` gives the follow-through table.  No session, no state
that outlives a request but a small cache of analysed documents (by text), so a reload or a
second tab cannot see another's document and a restart loses nothing.

Offsets are code points, as everywhere in zongjie (the page converts to JavaScript indices).
Errors are JSON ``{"detail": "<one line>"}`` with 400 (unreadable upload), 413 (too large),
415 (unsupported file type) or 422 (invalid request).  Nothing is written outside a temporary
directory: uploads are read in memory (python-multipart spools big parts to the system temporary
directory), the Word export and the reviewed copy (``/api/annotate``) are built in a
``TemporaryDirectory`` and removed.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
from collections import OrderedDict
from importlib import resources
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote

import zongjie
from fastapi import FastAPI, File, HTTPException, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from zongjie import serialize
from zongjie.lsp import assist
from zongjie.lsp.engine import Analysis
from zongjie.model import Document

DEFAULT_MAX_UPLOAD = 5 * 1024 * 1024
UPLOAD_EXTS = (".txt", ".md", ".markdown", ".docx", ".pdf")
STATIC = Path(str(resources.files("zongjie").joinpath("web/static")))


# --------------------------------------------------------------------------- models


class TextIn(BaseModel):
    text: str = Field(..., description="the document text (offsets in responses index into it)")
    file: str | None = Field(None, description="file name; `.md` makes the text markdown")
    markdown: bool | None = Field(None, description="force markdown on/off (default: from the name or content)")
    template: str | None = Field(None, description="checker template (default: from the title)")
    previous_text: str | None = Field(
        None, description="last year's document as text (from `/api/upload`): the draft is checked "
                          "against it (`plan-not-reported`, `problem-repeated`) and `/api/follow` "
                          "compares with it; sent with each request, never stored")
    previous_file: str | None = Field(None, description="last year's file name (`.md` makes it markdown)")


class SuggestIn(TextIn):
    top: int = Field(3, ge=1, le=10, description="suggestions per problem")


class UploadOut(BaseModel):
    name: str
    format: str
    encoding: str | None
    markdown: bool
    chars: int
    text: str


class ErrorOut(BaseModel):
    detail: str


class MatchOut(BaseModel):
    start: int
    end: int
    line: int
    text: str


class FollowRow(BaseModel):
    plan: str = Field(..., description="the plan item of last year")
    plan_line: int = Field(..., description="its line in last year's document")
    reported: bool
    score: float = Field(..., description="similarity of the best sentence of this year's achievements")
    match: MatchOut | None = Field(None, description="the sentence that reports on it (offsets in `text`)")


class FollowOut(BaseModel):
    file: str | None
    previous_file: str | None
    total: int
    reported: int
    plans: list[FollowRow]


ERRORS: dict[int | str, dict[str, Any]] = {400: {"model": ErrorOut, "description": "unreadable input"},
                                           413: {"model": ErrorOut, "description": "request or file too large"},
                                           415: {"model": ErrorOut, "description": "unsupported file type"},
                                           422: {"model": ErrorOut, "description": "invalid request"}}


def _spec_response(name: str) -> dict[int | str, dict[str, Any]]:
    """The OpenAPI response of an analysis endpoint: the serializer's JSON Schema of the shape."""
    return {**ERRORS, 200: {"description": f"SPEC `{name}` JSON",
                            "content": {"application/json": {"schema": serialize.openapi_schema(name)}}}}


# --------------------------------------------------------------------------- analysis cache


class _Cache:
    """The last few analyses, by (text, markdown, template): the page asks for outline, extract,
    check and suggest of one text at once, and the four share one analysis."""

    def __init__(self, size: int = 8) -> None:
        self.size = size
        self.data: OrderedDict[tuple, Analysis] = OrderedDict()
        self.previous: OrderedDict[tuple, Document] = OrderedDict()  # last year's, analysed once
        self.lock = threading.Lock()

    def previous_doc(self, body: TextIn) -> Document | None:
        """Last year's document from ``previous_text``, analysed as ``load_previous`` does
        (structure and extract); None without it."""
        if not body.previous_text or not body.previous_text.strip():
            return None
        key = (body.previous_text, body.previous_file)
        doc = self.previous.get(key)
        if doc is None:
            from zongjie.runner import pipeline

            doc = pipeline(("structure", "extract"))(body.previous_text, file=body.previous_file)
            self.previous[key] = doc
            while len(self.previous) > 4:
                self.previous.popitem(last=False)
        else:
            self.previous.move_to_end(key)
        return doc

    def get(self, body: TextIn) -> Analysis:
        md = body.markdown
        if md is None and body.file and body.file.lower().endswith((".md", ".markdown")):
            md = True
        key = (body.text, md, body.template, body.file,  # `file` is part of every response
               body.previous_text or None, body.previous_file)
        # one analysis at a time: the page's four parallel requests then share the first one's
        with self.lock:
            an = self.data.get(key)
            if an is not None:
                self.data.move_to_end(key)
                return an
            an = Analysis.run(body.text, file=body.file, markdown=md, template=body.template,
                              previous=self.previous_doc(body))
            self.data[key] = an
            while len(self.data) > self.size:
                self.data.popitem(last=False)
            return an


# --------------------------------------------------------------------------- body limit


class _TooLarge(Exception):
    pass


class BodyLimit:
    """ASGI middleware: refuse request bodies over ``limit`` bytes with 413 before the
    multipart parser or the JSON decoder sees them (declared length, or counted as it streams)."""

    def __init__(self, app: Any, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._refuse(send)
            return
        seen = 0
        started = False

        async def counting_receive() -> dict:
            nonlocal seen
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > self.limit:
                    raise _TooLarge
            return msg

        async def tracking_send(msg: dict) -> None:
            nonlocal started
            if msg["type"] == "http.response.start":
                started = True
            await send(msg)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except _TooLarge:
            if not started:
                await self._refuse(send)

    async def _refuse(self, send: Any) -> None:
        mb = self.limit / (1024 * 1024)
        body = json.dumps({"detail": f"request too large: the limit is {mb:g} MB"}).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


# --------------------------------------------------------------------------- export


def _to_docx(text: str, markdown: bool | None = None) -> bytes:
    """The text as a GB/T 9704 Word document (``zongjie.draft.export_docx``), built in a
    temporary directory.  Without the drafting module, a plain python-docx document."""
    with tempfile.TemporaryDirectory(prefix="zongjie-") as tmp:
        path = os.path.join(tmp, "export.docx")
        try:
            from zongjie.draft import export_docx
        except ImportError:  # pragma: no cover - minimal fallback, replaced by zongjie.draft
            import docx

            d = docx.Document()
            for para in text.split("\n"):
                d.add_paragraph(para)
            d.save(path)
        else:
            export_docx(text, path, markdown=markdown)
        return Path(path).read_bytes()


def _annotated(text: str, findings: list[Any], markdown: bool) -> bytes:
    """The reviewed copy (``zongjie.review.annotate``) of the text exported as GB/T 9704 Word,
    as ``check --annotate`` writes it for a .txt/.md draft; built in a temporary directory."""
    from zongjie.review import annotate

    with tempfile.TemporaryDirectory(prefix="zongjie-") as tmp:
        src = os.path.join(tmp, "draft.md" if markdown else "draft.txt")
        with open(src, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        out = os.path.join(tmp, "review.docx")
        annotate(src, findings, text, out, markdown=markdown)
        return Path(out).read_bytes()


def _filename(an: Analysis, ext: str) -> str:
    t = an.doc.title.text if an.doc.title else "zongjie"
    bad = '\\/:*?"<>|\r\n\t'
    name = "".join("_" if ch in bad else ch for ch in t).strip(" .")[:80] or "zongjie"
    return f"{name}.{ext}"


def _disposition(name: str) -> str:
    ascii_name = name if name.isascii() else "zongjie" + os.path.splitext(name)[1]
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"


# --------------------------------------------------------------------------- app


def create_app(max_upload: int = DEFAULT_MAX_UPLOAD) -> FastAPI:
    app = FastAPI(title="zongjie web editor", version=zongjie.__version__,
                  description="总结 zongjie: outline, claims, findings and suggestions of a Chinese "
                              "work summary. Offsets are code points into the posted text. "
                              "Last year's document is sent along as `previous_text` with each "
                              "request (read it with `/api/upload`); it is never stored: the "
                              "findings then include `plan-not-reported` and `problem-repeated`, "
                              "and `/api/follow` lists last year's plan items as reported or not.")
    cache = _Cache()
    mb = max_upload / (1024 * 1024)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errs = exc.errors()
        parts = []
        for e in errs[:3]:
            loc = ".".join(str(x) for x in e.get("loc", ()) if x != "body") or "body"
            parts.append(f"{loc}: {e.get('msg', 'invalid')}")
        detail = "invalid request: " + "; ".join(parts) if parts else "invalid request"
        return JSONResponse({"detail": " ".join(detail.split())}, status_code=422)

    @app.middleware("http")
    async def _headers(request: Request, call_next: Any) -> Response:
        resp = await call_next(request)
        resp.headers.setdefault("X-Content-Type-Options", "nosniff")
        if not request.url.path.startswith(("/docs", "/redoc")):
            resp.headers.setdefault("Content-Security-Policy",
                                    "default-src 'self'; img-src 'self' data: blob:; "
                                    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
        return resp

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.post("/api/outline", responses=_spec_response("outline"), tags=["analysis"])
    def outline(body: TextIn) -> JSONResponse:
        """The title and the section tree with roles (SPEC ``outline --json``)."""
        return JSONResponse(serialize.outline(cache.get(body).doc))

    @app.post("/api/extract", responses=_spec_response("extract"), tags=["analysis"])
    def extract(body: TextIn) -> JSONResponse:
        """Quantitative claims and placeholders (SPEC ``extract --json``)."""
        return JSONResponse(serialize.extract(cache.get(body).doc))

    @app.post("/api/check", responses=_spec_response("check"), tags=["analysis"])
    def check(body: TextIn) -> JSONResponse:
        """Findings of the checker (SPEC ``check --format json``)."""
        doc = cache.get(body).doc
        return JSONResponse(serialize.check_result(doc.file, doc.template, doc.findings))

    @app.post("/api/suggest", responses=_spec_response("suggest"), tags=["analysis"])
    def suggest(body: SuggestIn) -> JSONResponse:
        """Plan items suggested for the document's problems, each with the offset and text that
        insert it at the end of the plans part."""
        an = cache.get(body)
        problems = []
        for p in an.suggestions(top=body.top):
            sugg = []
            for s in p["suggestions"][: body.top]:
                at, ins = assist.plan_item_text(an, s["text"])
                sugg.append({**s, "insert_at": at, "insert_text": ins})
            problems.append({**p, "suggestions": sugg})
        return JSONResponse({**serialize.suggest_result(body.file, problems),
                             "plans_end": assist.plans_insert_point(an)})

    @app.post("/api/follow", response_model=FollowOut, responses=ERRORS, tags=["analysis"])
    def follow(body: TextIn) -> dict[str, Any]:
        """Last year's plan items (from ``previous_text``), each with the sentence of this year's
        achievements that reports on it, or none (未找到) — the table of ``check --previous``."""
        from zongjie.previous import follow_through

        if not body.previous_text or not body.previous_text.strip():
            raise HTTPException(422, "invalid request: previous_text: last year's document is required")
        an = cache.get(body)
        doc = an.doc
        rows = []
        for f in follow_through(doc, cache.previous_doc(body)):  # type: ignore[arg-type]
            hit = f.match if f.reported else None
            rows.append({"plan": " ".join(f.plan.text.split()), "plan_line": f.plan_line,
                         "reported": f.reported, "score": f.score,
                         "match": None if hit is None else {"start": hit.start, "end": hit.end,
                                                            "line": doc.lines.line_of(hit.start),
                                                            "text": f.match_text or ""}})
        return {"file": body.file, "previous_file": body.previous_file, "total": len(rows),
                "reported": sum(r["reported"] for r in rows), "plans": rows}

    @app.post("/api/upload", response_model=UploadOut, responses=ERRORS, tags=["files"])
    async def upload(file: UploadFile = File(..., description=".txt, .md, .docx or .pdf")) -> dict[str, Any]:
        """Read an uploaded file (in memory) and return its text."""
        from zongjie.errors import ReadError
        from zongjie.reader import read_bytes

        name = os.path.basename(file.filename or "upload")
        ext = os.path.splitext(name)[1].lower()
        if ext not in UPLOAD_EXTS:
            raise HTTPException(415, f"unsupported file type {ext or '(none)'}: upload .txt, .md, .docx or .pdf")
        data = bytearray()
        while chunk := await file.read(1 << 16):
            data += chunk
            if len(data) > max_upload:
                raise HTTPException(413, f"{name}: file too large (limit {mb:g} MB)")
        await file.close()
        try:
            src = read_bytes(bytes(data), name)
        except ReadError as e:
            raise HTTPException(400, " ".join(str(e).split())) from None
        if ext == ".docx" and src.format != "docx":
            raise HTTPException(400, f"{name}: not a valid .docx file")
        return {"name": name, "format": src.format, "encoding": src.encoding,
                "markdown": src.markdown, "chars": len(src.text), "text": src.text}

    @app.post("/api/export", responses={**ERRORS, 200: {
        "content": {"text/markdown": {}, "application/vnd.openxmlformats-officedocument."
                    "wordprocessingml.document": {}},
        "description": "the document as a file download"}}, tags=["files"])
    def export(body: TextIn, format: Literal["md", "docx"] = Query("md", description="md or docx")) -> Response:
        """Download the text as Markdown (as is) or as a GB/T 9704 Word document."""
        an = cache.get(body)
        name = _filename(an, format)
        if format == "md":
            return Response(body.text.encode("utf-8"), media_type="text/markdown; charset=utf-8",
                            headers={"Content-Disposition": _disposition(name)})
        md = body.markdown if body.markdown is not None else an.doc.markdown
        data = _to_docx(body.text, markdown=md)
        return Response(data, media_type="application/vnd.openxmlformats-officedocument."
                                         "wordprocessingml.document",
                        headers={"Content-Disposition": _disposition(name)})

    @app.post("/api/annotate", responses={**ERRORS, 200: {
        "content": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document": {}},
        "description": "the reviewed Word document as a file download"}}, tags=["files"])
    def annotate_docx(body: TextIn) -> Response:
        """The text as a GB/T 9704 Word document with every finding a comment (批注) and every
        safe fix a tracked change (修订), as ``check --annotate`` writes it (with
        ``previous_text``, the findings against last year's document too)."""
        from zongjie.review import AnnotateError

        an = cache.get(body)
        md = body.markdown if body.markdown is not None else an.doc.markdown
        try:
            data = _annotated(body.text, list(an.doc.findings), bool(md))
        except AnnotateError as e:
            raise HTTPException(400, " ".join(str(e).split())) from None
        name = _filename(an, "docx")
        name = name[:-len(".docx")] + "（批注）.docx"
        return Response(data, media_type="application/vnd.openxmlformats-officedocument."
                                         "wordprocessingml.document",
                        headers={"Content-Disposition": _disposition(name)})

    @app.get("/api/templates", response_model=list[str], tags=["analysis"])
    def list_templates() -> list[str]:
        """Names of the checker's templates."""
        from zongjie.checker.templates import templates

        return sorted(templates())

    # The limit covers the multipart envelope around a file of ``max_upload`` bytes.
    app.add_middleware(BodyLimit, limit=max_upload + 64 * 1024)
    return app
