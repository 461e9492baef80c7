"""`zongjie lsp`: the Language Server Protocol server (pygls), on standard input/output.

- Diagnostics: every finding of the checker, published on open and, coalesced by a debounce
  (300 ms by default), after changes.  ``source`` is ``zongjie``, ``code`` the rule code,
  ``data`` ``{"name": rule name}``; severities error/warning/info → 1/2/3.
- Completion, code actions, hover, document symbols and folding ranges (``zongjie.lsp.assist``).
- Positions are UTF-16 code units whatever the client offers (the protocol's default, and what
  SPEC fixes); ``zongjie.lsp.positions`` converts from the pipeline's code-point offsets.

Initialization options (all optional): ``{"debounce": milliseconds, "template": NAME,
"previous": PATH}``; the environment variable ``ZONGJIE_LSP_DEBOUNCE_MS`` sets the default debounce.

Last year's document (``check --previous`` in the editor): the ``previous`` key of the document's
``.zongjie.toml`` (relative to that file), else the ``previous`` initialization option (relative
to the workspace root).  It is read once per modification time (``zongjie.previous.load_previous``)
and every full analysis is checked against it, so ``plan-not-reported`` and ``problem-repeated``
appear as diagnostics.  A file that cannot be read is a ``window/showMessage`` warning, once per
file and modification time; the analysis goes on without it.  The previous file itself, opened in
the editor, is not checked against itself.
"""

from __future__ import annotations

import asyncio
import gc
import inspect
import json
import logging
import os
import time
from collections import deque
from typing import Any
from urllib.parse import unquote, urlparse

import zongjie
from lsprotocol import types as T
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method
from pygls.uris import to_fs_path
from zongjie.lsp import assist
from zongjie.lsp.engine import Analysis
from zongjie.model import Document, Finding

log = logging.getLogger("zongjie.lsp")

SEVERITY = {"error": T.DiagnosticSeverity.Error, "warning": T.DiagnosticSeverity.Warning,
            "info": T.DiagnosticSeverity.Information}
TRIGGERS = ["（", "(", "、", "。", "；", "【", "#"]
SYMBOL_KIND = {"title": T.SymbolKind.File, "section1": T.SymbolKind.Namespace,
               "section2": T.SymbolKind.Class, "section3": T.SymbolKind.Method,
               "section4": T.SymbolKind.Field, "part": T.SymbolKind.Package}
COMPLETION_KIND = {"marker": T.CompletionItemKind.Keyword, "item": T.CompletionItemKind.EnumMember,
                   "section": T.CompletionItemKind.Module, "plan": T.CompletionItemKind.Text,
                   "placeholder": T.CompletionItemKind.Constant}
ACTION_KIND = {"quickfix": T.CodeActionKind.QuickFix,
               "refactor.rewrite": T.CodeActionKind.RefactorRewrite,
               "source.fixAll": T.CodeActionKind.SourceFixAll}


class ZongjieProtocol(LanguageServerProtocol):
    """Speaks UTF-16 positions only: the client's other offers (Neovim lists utf-8 first) are
    declined, as the protocol allows, so every client sees the same positions."""

    @lsp_method(T.INITIALIZE)
    def lsp_initialize(self, params: T.InitializeParams):
        general = params.capabilities.general
        if general is not None and general.position_encodings:
            general.position_encodings = [T.PositionEncodingKind.Utf16]
        return (yield from super().lsp_initialize(params))


class ZongjieServer(LanguageServer):
    def __init__(self, debounce: float | None = None) -> None:
        super().__init__("zongjie", zongjie.__version__, protocol_cls=ZongjieProtocol,
                         text_document_sync_kind=T.TextDocumentSyncKind.Incremental)
        if debounce is None:
            debounce = float(os.environ.get("ZONGJIE_LSP_DEBOUNCE_MS", "300")) / 1000
        self.debounce = debounce
        self.template: str | None = None
        self.analyses: dict[str, Analysis] = {}  # full analyses, by URI
        self.outlines: dict[str, Analysis] = {}  # outline-only analyses (completion while typing)
        self.pending: dict[str, asyncio.Task] = {}
        self.timings: deque[dict[str, float]] = deque(maxlen=1000)  # per analysis (stats command)
        self.last_timing: dict[str, tuple[Analysis, dict[str, float]]] = {}
        self._fragments: dict[tuple, str] = {}  # diagnostic → its JSON (publish)
        self._frozen = False
        self.previous_option: str | None = None  # initializationOptions.previous
        # last year's documents by path: ((mtime_ns, size) or None if missing, document or None)
        self._previous: dict[str, tuple[tuple[int, int] | None, Document | None]] = {}
        self._previous_warned: set[tuple[str, tuple[int, int] | None]] = set()
        self._config_previous: dict[str, tuple[tuple[int, int], str | None]] = {}  # .zongjie.toml → previous

    # ------------------------------------------------------------------ analysis

    def is_markdown(self, uri: str) -> bool:
        try:
            doc = self.workspace.get_text_document(uri)
            if doc.language_id == "markdown":
                return True
        except Exception:  # noqa: BLE001
            pass
        path = unquote(urlparse(uri).path).lower()
        return path.endswith((".md", ".markdown"))

    def file_of(self, uri: str) -> str | None:
        """The file the checker sees: the path of a ``file:`` URI (its ``.zongjie.toml`` is found
        from there), else the last part of the URI."""
        parsed = urlparse(uri)
        if parsed.scheme == "file":
            return to_fs_path(uri) or None
        return os.path.basename(unquote(parsed.path)) or None

    def previous_path(self, file: str | None) -> str | None:
        """Last year's document for ``file``: its ``.zongjie.toml``'s ``previous``, else the
        initialization option (relative to the workspace root, else the working directory)."""
        if file and os.path.isabs(file):
            from zongjie.checker.config import find_config

            found = find_config(file)
            if found is not None:
                path = self._previous_of_config(str(found))
                if path:
                    return path
        opt = self.previous_option
        if not opt:
            return None
        opt = os.path.expanduser(opt)
        if not os.path.isabs(opt):
            try:
                root = self.workspace.root_path
            except Exception:  # noqa: BLE001 - not initialised: the working directory
                root = None
            opt = os.path.join(root or os.getcwd(), opt)
        return os.path.normpath(opt)

    def _previous_of_config(self, cfg_path: str) -> str | None:
        """The ``previous`` of a ``.zongjie.toml``, read again when the file changes; an invalid
        config gives None here (the checker reports it)."""
        try:
            st = os.stat(cfg_path)
        except OSError:
            return None
        stamp = (st.st_mtime_ns, st.st_size)
        cached = self._config_previous.get(cfg_path)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        from zongjie.checker.config import load_config
        from zongjie.errors import UsageError

        try:
            value = load_config(cfg_path).previous
        except UsageError:
            value = None
        self._config_previous[cfg_path] = (stamp, value)
        return value

    def previous_doc(self, path: str) -> Document | None:
        """Last year's document at ``path``, loaded once per modification time; None (and one
        ``window/showMessage`` warning) when it cannot be read."""
        reason = ""
        try:
            st = os.stat(path)
            stamp: tuple[int, int] | None = (st.st_mtime_ns, st.st_size)
        except OSError as e:
            stamp, reason = None, e.strerror or str(e)
        cached = self._previous.get(path)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        doc = None
        if stamp is not None:
            from zongjie.previous import load_previous

            try:
                doc = load_previous(path)
            except Exception as e:  # noqa: BLE001 - the draft is still checked, without it
                reason = " ".join(str(e).split()) or type(e).__name__
        self._previous[path] = (stamp, doc)
        if doc is None and (path, stamp) not in self._previous_warned:
            self._previous_warned.add((path, stamp))
            self.window_show_message(T.ShowMessageParams(
                type=T.MessageType.Warning,
                message=f"zongjie：无法读取上年文档 {path}（{reason}），本次检查不对照上年文档"))
        return doc

    def previous_for(self, uri: str) -> Document | None:
        """Last year's document the document at ``uri`` is checked against, if any."""
        file = self.file_of(uri)
        path = self.previous_path(file)
        if path is None:
            return None
        if file and os.path.isabs(file):
            try:
                if os.path.samefile(file, path):  # last year's document open in the editor
                    return None
            except OSError:
                pass
        return self.previous_doc(path)

    def analysis(self, uri: str, full: bool = True) -> Analysis:
        """The analysis of the document's current text (cached until the text changes).

        ``full=False`` (completion) accepts an outline-only analysis: the full one if it is
        current, else the outline of the new text, computed in a fifth of the time.
        """
        tdoc = self.workspace.get_text_document(uri)
        text = tdoc.source
        prev = self.previous_for(uri) if full else None
        an = self.analyses.get(uri)
        if an is not None and an.text == text and (not full or an.previous is prev):
            if tdoc.version is not None:
                an.version = tdoc.version
            return an
        if not full:
            light = self.outlines.get(uri)
            if light is not None and light.text == text:
                return light
        an = Analysis.run(text, file=self.file_of(uri), markdown=self.is_markdown(uri),
                          template=self.template, version=tdoc.version, full=full, previous=prev)
        for stage, message in an.doc.store.get("errors", []):  # shown, never silently dropped
            self.window_log_message(T.LogMessageParams(type=T.MessageType.Warning,
                                                       message=f"zongjie：{stage} 阶段分析失败：{message}"))
        if full:
            timing = {"total": an.elapsed, **an.stages}
            self.timings.append(timing)
            self.last_timing[uri] = (an, timing)
            self.analyses[uri] = an
            self.outlines.pop(uri, None)
        else:
            self.outlines[uri] = an
        return an

    def diagnostic(self, an: Analysis, f: Finding) -> T.Diagnostic:
        (sl, sc), (el, ec) = an.pos.range(f.start, max(f.start, f.end))
        return T.Diagnostic(
            range=T.Range(start=T.Position(line=sl, character=sc), end=T.Position(line=el, character=ec)),
            message=f.message, severity=SEVERITY.get(f.severity, T.DiagnosticSeverity.Warning),
            code=f.rule, source="zongjie", data={"name": f.name})

    @staticmethod
    def diagnostic_json(an: Analysis, f: Finding) -> dict[str, Any]:
        """``diagnostic`` as the JSON the protocol sends."""
        (sl, sc), (el, ec) = an.pos.range(f.start, max(f.start, f.end))
        return {"range": {"start": {"line": sl, "character": sc}, "end": {"line": el, "character": ec}},
                "severity": int(SEVERITY.get(f.severity, T.DiagnosticSeverity.Warning)),
                "code": f.rule, "source": "zongjie", "message": f.message, "data": {"name": f.name}}

    def publish(self, uri: str) -> None:
        an = self.analysis(uri)
        t0 = time.perf_counter()
        self._send_diagnostics(uri, an)
        if not self._frozen:
            # Everything alive after the first analysis (modules, data, caches) lasts as long as
            # the server: out of the collector's sight, a full collection while typing stays short.
            gc.collect()
            gc.freeze()
            self._frozen = True
        last = self.last_timing.get(uri)
        if last is not None and last[0] is an and "publish" not in last[1]:
            # the protocol's share of this analysis: positions, JSON, the write
            last[1]["publish"] = time.perf_counter() - t0

    def _send_diagnostics(self, uri: str, an: Analysis) -> None:
        writer = getattr(self.protocol, "writer", None)
        if writer is not None and getattr(self.protocol, "_include_headers", False):
            # The message written by hand, each diagnostic's JSON remembered: a long draft has
            # hundreds of findings and a keystroke moves few of them, while building, unstructuring
            # and dumping as many objects cost more than the analysis of the edit itself.
            frags = self._fragments
            pieces = []
            for f in an.doc.findings:
                rng = an.pos.range(f.start, max(f.start, f.end))
                key = (rng, f.severity, f.rule, f.name, f.message)
                frag = frags.get(key)
                if frag is None:
                    if len(frags) >= 20000:
                        frags.clear()
                    frag = frags[key] = json.dumps(self.diagnostic_json(an, f), ensure_ascii=False,
                                                   separators=(",", ":"))
                pieces.append(frag)
            version = "" if an.version is None else f',"version":{int(an.version)}'
            body = (f'{{"jsonrpc":"2.0","method":"{T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS}",'
                    f'"params":{{"uri":{json.dumps(uri, ensure_ascii=False)},'
                    f'"diagnostics":[{",".join(pieces)}]{version}}}}}').encode()
            res = writer.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            if inspect.isawaitable(res):
                asyncio.ensure_future(res)
            return
        diags = [self.diagnostic(an, f) for f in an.doc.findings]
        self.text_document_publish_diagnostics(
            T.PublishDiagnosticsParams(uri=uri, diagnostics=diags, version=an.version))

    def schedule(self, uri: str) -> None:
        """Publish after ``debounce`` seconds of quiet: a burst of edits → one analysis."""
        old = self.pending.pop(uri, None)
        if old is not None:
            old.cancel()
        if self.debounce <= 0:
            self.publish(uri)
            return
        self.pending[uri] = asyncio.get_event_loop().create_task(self._publish_later(uri))

    async def _publish_later(self, uri: str) -> None:
        try:
            await asyncio.sleep(self.debounce)
        except asyncio.CancelledError:
            return
        self.pending.pop(uri, None)
        try:
            self.publish(uri)
        except KeyError:  # closed meanwhile
            pass
        except Exception as e:  # noqa: BLE001 - never kill the server over one analysis
            log.exception("analysis failed: %s", e)

    # ------------------------------------------------------------------ capabilities

    def markdown_ok(self, *path: str) -> bool:
        caps: Any = self.client_capabilities
        for p in path:
            caps = getattr(caps, p, None) if caps is not None else None
        return bool(caps) and T.MarkupKind.Markdown in caps

    def edit(self, uri: str, an: Analysis, edits: list[assist.Edit]) -> T.WorkspaceEdit:
        tes = []
        for e in edits:
            (sl, sc), (el, ec) = an.pos.range(e.start, e.end)
            tes.append(T.TextEdit(range=T.Range(start=T.Position(line=sl, character=sc),
                                                 end=T.Position(line=el, character=ec)),
                                  new_text=e.text))
        caps = self.client_capabilities
        doc_changes = bool(caps.workspace and caps.workspace.workspace_edit
                           and caps.workspace.workspace_edit.document_changes)
        if doc_changes:
            return T.WorkspaceEdit(document_changes=[T.TextDocumentEdit(
                text_document=T.OptionalVersionedTextDocumentIdentifier(uri=uri, version=an.version),
                edits=tes)])
        return T.WorkspaceEdit(changes={uri: tes})


def build(debounce: float | None = None) -> ZongjieServer:
    server = ZongjieServer(debounce=debounce)

    @server.feature(T.INITIALIZE)
    def initialize(ls: ZongjieServer, params: T.InitializeParams) -> None:
        opts = params.initialization_options
        if isinstance(opts, dict):
            if opts.get("debounce") is not None:
                ls.debounce = max(0.0, float(opts["debounce"]) / 1000)
            if opts.get("template"):
                ls.template = str(opts["template"])
            if opts.get("previous"):
                ls.previous_option = str(opts["previous"])

    @server.feature(T.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: ZongjieServer, params: T.DidOpenTextDocumentParams) -> None:
        ls.publish(params.text_document.uri)

    @server.feature(T.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: ZongjieServer, params: T.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)

    @server.feature(T.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: ZongjieServer, params: T.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        if uri not in ls.pending and uri not in ls.analyses:
            ls.publish(uri)

    @server.feature(T.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: ZongjieServer, params: T.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        task = ls.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        ls.analyses.pop(uri, None)
        ls.outlines.pop(uri, None)
        ls.last_timing.pop(uri, None)
        ls.text_document_publish_diagnostics(T.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(T.SHUTDOWN)
    def shutdown(ls: ZongjieServer, *args: Any) -> None:
        for task in ls.pending.values():
            task.cancel()
        ls.pending.clear()

    @server.feature(T.TEXT_DOCUMENT_COMPLETION,
                    T.CompletionOptions(trigger_characters=TRIGGERS, resolve_provider=False))
    def completion(ls: ZongjieServer, params: T.CompletionParams) -> T.CompletionList:
        uri = params.text_document.uri
        an = ls.analysis(uri, full=False)
        offset = an.pos.offset(params.position.line, params.position.character)
        md = ls.markdown_ok("text_document", "completion", "completion_item", "documentation_format")
        items = []
        for i, c in enumerate(assist.complete(an, offset)):
            (sl, sc), (el, ec) = an.pos.range(c.start, c.end)
            doc = None
            if c.documentation:
                doc = T.MarkupContent(kind=T.MarkupKind.Markdown if md else T.MarkupKind.PlainText,
                                      value=c.documentation)
            items.append(T.CompletionItem(
                label=c.label, kind=COMPLETION_KIND.get(c.kind), detail=c.detail or None,
                documentation=doc, sort_text=f"{c.sort:03d}{i:03d}", filter_text=c.insert,
                insert_text_format=T.InsertTextFormat.PlainText,
                text_edit=T.TextEdit(range=T.Range(start=T.Position(line=sl, character=sc),
                                                   end=T.Position(line=el, character=ec)),
                                     new_text=c.insert)))
        return T.CompletionList(is_incomplete=False, items=items)

    @server.feature(T.TEXT_DOCUMENT_CODE_ACTION,
                    T.CodeActionOptions(code_action_kinds=[T.CodeActionKind.QuickFix,
                                                           T.CodeActionKind.RefactorRewrite,
                                                           T.CodeActionKind.SourceFixAll]))
    def code_action(ls: ZongjieServer, params: T.CodeActionParams) -> list[T.CodeAction]:
        uri = params.text_document.uri
        an = ls.analysis(uri)
        r = params.range
        start = an.pos.offset(r.start.line, r.start.character)
        end = an.pos.offset(r.end.line, r.end.character)
        names = {d.data["name"] for d in params.context.diagnostics  # the findings' names
                 if d.source == "zongjie" and isinstance(d.data, dict) and isinstance(d.data.get("name"), str)}
        only = params.context.only
        out = []
        for a in assist.code_actions(an, start, end, names, markdown=ls.is_markdown(uri)):
            kind = ACTION_KIND.get(a.kind, T.CodeActionKind.QuickFix)
            if only and not any(kind == k or str(kind.value).startswith(str(getattr(k, "value", k)) + ".")
                                for k in only):
                continue
            out.append(T.CodeAction(title=a.title, kind=kind,
                                    diagnostics=[ls.diagnostic(an, f) for f in a.findings] or None,
                                    is_preferred=a.preferred or None, edit=ls.edit(uri, an, a.edits)))
        return out

    @server.feature(T.TEXT_DOCUMENT_HOVER)
    def hover(ls: ZongjieServer, params: T.HoverParams) -> T.Hover | None:
        an = ls.analysis(params.text_document.uri)
        offset = an.pos.offset(params.position.line, params.position.character)
        md = ls.markdown_ok("text_document", "hover", "content_format")
        res = assist.hover(an, offset, markdown=md)
        if res is None:
            return None
        value, s, e = res
        (sl, sc), (el, ec) = an.pos.range(s, e)
        return T.Hover(contents=T.MarkupContent(kind=T.MarkupKind.Markdown if md else T.MarkupKind.PlainText,
                                                value=value),
                       range=T.Range(start=T.Position(line=sl, character=sc),
                                     end=T.Position(line=el, character=ec)))

    @server.feature(T.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    def document_symbol(ls: ZongjieServer, params: T.DocumentSymbolParams):
        uri = params.text_document.uri
        an = ls.analysis(uri)
        caps = ls.client_capabilities.text_document
        hier = bool(caps and caps.document_symbol
                    and caps.document_symbol.hierarchical_document_symbol_support)
        syms = assist.symbols(an)

        def rng(s: int, e: int) -> T.Range:
            (sl, sc), (el, ec) = an.pos.range(s, e)
            return T.Range(start=T.Position(line=sl, character=sc), end=T.Position(line=el, character=ec))

        if hier:
            def conv(s: assist.Symbol) -> T.DocumentSymbol:
                return T.DocumentSymbol(name=s.name, detail=s.detail, kind=SYMBOL_KIND[s.kind],
                                        range=rng(s.start, s.end),
                                        selection_range=rng(s.sel_start, s.sel_end),
                                        children=[conv(c) for c in s.children])
            return [conv(s) for s in syms]
        flat: list[T.SymbolInformation] = []

        def walk(s: assist.Symbol, container: str | None) -> None:
            flat.append(T.SymbolInformation(name=s.name, kind=SYMBOL_KIND[s.kind],
                                            location=T.Location(uri=uri, range=rng(s.start, s.end)),
                                            container_name=container))
            for c in s.children:
                walk(c, s.name)

        for s in syms:
            walk(s, None)
        return flat

    @server.feature(T.TEXT_DOCUMENT_FOLDING_RANGE)
    def folding_range(ls: ZongjieServer, params: T.FoldingRangeParams) -> list[T.FoldingRange]:
        an = ls.analysis(params.text_document.uri)
        return [T.FoldingRange(start_line=a, end_line=b, kind=T.FoldingRangeKind.Region)
                for a, b in assist.folding_ranges(an)]

    @server.command("zongjie.stats")
    def stats(ls: ZongjieServer, *args: Any) -> dict[str, Any]:
        """Analysis times in milliseconds, oldest first (for bench/bench_lsp.py)."""
        keys = ("total", "structure", "extract", "check", "publish")
        return {"count": len(ls.timings), "debounce_ms": ls.debounce * 1000,
                **{f"{k}_ms": [round(t.get(k, 0.0) * 1000, 3) for t in ls.timings] for k in keys}}

    return server


def main(debounce_ms: float | None = None) -> None:
    logging.basicConfig(level=os.environ.get("ZONGJIE_LSP_LOG", "WARNING").upper(),
                        format="zongjie-lsp %(levelname)s %(message)s")
    t0 = time.perf_counter()
    server = build(None if debounce_ms is None else debounce_ms / 1000)
    log.info("server built in %.1f ms", (time.perf_counter() - t0) * 1000)
    server.start_io()
