"""`zongjie lsp` end to end: a pytest-lsp client talks to the real server process over stdio,
once with the capabilities of VS Code and once with those of Neovim.

initialize → open → diagnostics → change → completion → code action → hover → symbols →
folding → shutdown.  Positions are UTF-16: the draft holds 😀 and 𠀀 (outside the BMP) before
findings on the same line.
"""

from __future__ import annotations

import asyncio
import sys

import pytest
import pytest_lsp
from lsprotocol import types as T
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from zongjie.lsp.positions import utf16_len

pytestmark = pytest.mark.asyncio

CLIENTS = ["visual_studio_code", "neovim"]
URI = "file:///tmp/zongjie-test/draft.txt"
MD_URI = "file:///tmp/zongjie-test/draft.md"

DRAFT = """青溪县发展和改革局2023年工作总结暨2024年工作计划

2023年，县发展和改革局在县委、县政府的坚强领导下，较好完成了全年目标任务。现将有关情况总结如下。
一、工作开展情况
（一）、紧盯项目建设。一是强化项目谋划储备，全年新谋划储备项目86个，总投资312.6亿元。二是强化要素保障😀，协调解决用地、用能、资金等难题***个。
（二）聚焦产业发展。全县地区生产总值预计达到186.4亿元，同比增长5.4%。
（四）兜牢民生底线𠀀。全年民生支出占一般公共预算支出的比重达到120%。
二、下一步工作计划
（一）突出抓好项目攻坚。全力推进重点项目建设。
（二）着力提升经济运行监测水平。
"""


def pos_of(text: str, needle: str, after: int = 0) -> T.Position:
    """UTF-16 position of ``needle`` (computed independently of the server's converter)."""
    off = text.index(needle) + after
    line = text.count("\n", 0, off)
    line_start = text.rfind("\n", 0, off) + 1
    units = len(text[line_start:off].encode("utf-16-le")) // 2
    return T.Position(line=line, character=units)


@pytest_lsp.fixture(
    params=CLIENTS,
    config=ClientServerConfig(server_command=[sys.executable, "-m", "zongjie.cli.main", "lsp",
                                              "--debounce-ms", "150"]),
)
async def client(request, lsp_client: LanguageClient):
    result = await lsp_client.initialize_session(T.InitializeParams(
        capabilities=client_capabilities(request.param),
        root_uri="file:///tmp/zongjie-test",
        client_info=T.ClientInfo(name=request.param),
    ))
    lsp_client.init_result = result  # type: ignore[attr-defined]
    lsp_client.profile = request.param  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


async def open_doc(client: LanguageClient, uri: str = URI, text: str = DRAFT,
                   language: str = "plaintext") -> T.PublishDiagnosticsParams:
    fut = client.protocol.wait_for_notification_async(T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    client.text_document_did_open(T.DidOpenTextDocumentParams(
        text_document=T.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)))
    return await asyncio.wait_for(fut, 20)


async def diagnostics_for(client: LanguageClient, uri: str, version: int, timeout: float = 20):
    """Wait for the publication of ``version`` of ``uri``; also returns how many came before."""
    seen = 0
    loop = asyncio.get_event_loop()
    deadline = loop.time() + timeout
    while True:
        fut = client.protocol.wait_for_notification_async(T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        p = await asyncio.wait_for(fut, max(0.1, deadline - loop.time()))
        if p.uri != uri:
            continue
        seen += 1
        if p.version == version:
            return p, seen


def by_name(diags, name):
    return [d for d in diags if isinstance(d.data, dict) and d.data.get("name") == name]


async def test_initialize_capabilities(client: LanguageClient):
    caps = client.init_result.capabilities
    assert caps.position_encoding in (None, T.PositionEncodingKind.Utf16)
    assert caps.completion_provider is not None and "（" in caps.completion_provider.trigger_characters
    assert caps.code_action_provider
    assert caps.hover_provider
    assert caps.document_symbol_provider
    assert caps.folding_range_provider
    assert client.init_result.server_info.name == "zongjie"


async def test_diagnostics_on_open(client: LanguageClient):
    p = await open_doc(client)
    diags = p.diagnostics
    assert p.uri == URI and p.version == 1
    assert diags, "the defective draft has findings"
    for d in diags:
        assert d.source == "zongjie"
        assert isinstance(d.code, str) and d.code.startswith("ZJ")
        assert isinstance(d.data, dict) and d.data["name"]
        assert d.severity in (T.DiagnosticSeverity.Error, T.DiagnosticSeverity.Warning,
                              T.DiagnosticSeverity.Information)
    names = {d.data["name"] for d in diags}
    assert {"placeholder", "numbering-gap", "heading-punctuation"} <= names
    # the placeholder follows 😀 on its line: UTF-16 columns, not code points
    (ph,) = by_name(diags, "placeholder")
    assert ph.range.start == pos_of(DRAFT, "***")
    assert ph.range.end == pos_of(DRAFT, "***", 3)
    line = DRAFT.splitlines()[4]
    assert ph.range.start.character == utf16_len(line[: line.index("***")]) == line.index("***") + 1
    # a finding after 𠀀
    pct = by_name(diags, "percent-out-of-range")
    if pct:
        assert pct[0].range.start == pos_of(DRAFT, "120%")


async def test_change_and_debounce(client: LanguageClient):
    await open_doc(client)
    # a burst of edits: type `【待补充】` character by character at the end of the （二） line …
    # one analysis for the whole burst
    anchor = "同比增长5.4%。"
    at = pos_of(DRAFT, anchor, len(anchor))
    off = DRAFT.index(anchor) + len(anchor)
    version = 1
    text = DRAFT
    for ch in "【待补充】":
        version += 1
        client.text_document_did_change(T.DidChangeTextDocumentParams(
            text_document=T.VersionedTextDocumentIdentifier(uri=URI, version=version),
            content_changes=[T.TextDocumentContentChangePartial(
                range=T.Range(start=at, end=at), text=ch)]))
        text = text[:off] + ch + text[off:]
        off += 1
        at = T.Position(line=at.line, character=at.character + 1)
    p, seen = await diagnostics_for(client, URI, version)
    assert seen == 1, "edits within the debounce window are coalesced into one publication"
    # now fix the numbering gap: replace `（四）` (after the typed text) with `（三）`
    off = text.index("（四）")
    start = pos_of(text, "（四）")
    end = T.Position(line=start.line, character=start.character + 3)
    version += 1
    client.text_document_did_change(T.DidChangeTextDocumentParams(
        text_document=T.VersionedTextDocumentIdentifier(uri=URI, version=version),
        content_changes=[T.TextDocumentContentChangePartial(range=T.Range(start=start, end=end),
                                                            text="（三）")]))
    text = text[:off] + "（三）" + text[off + 3:]
    p2, _ = await diagnostics_for(client, URI, version)
    assert not by_name(p2.diagnostics, "numbering-gap")
    assert by_name(p.diagnostics, "numbering-gap")
    # the typed placeholder is a new finding, where it was typed
    phs = by_name(p2.diagnostics, "placeholder")
    assert any(d.range.start == pos_of(text, "【待补充】") for d in phs)


async def test_completion(client: LanguageClient):
    text = DRAFT.replace("（四）兜牢", "\n（四）兜牢")
    await open_doc(client, text=text)
    line = text[: text.index("\n（四）兜牢") + 1].count("\n")
    res = await client.text_document_completion_async(T.CompletionParams(
        text_document=T.TextDocumentIdentifier(uri=URI), position=T.Position(line=line, character=0)))
    items = res.items if isinstance(res, T.CompletionList) else res
    labels = [i.label for i in sorted(items, key=lambda i: i.sort_text or i.label)]
    assert labels[0] == "（三）"
    assert "二、存在的问题" in labels
    assert "【待补充】" in labels
    # after `二是…` in the paragraph: `三是`
    res = await client.text_document_completion_async(T.CompletionParams(
        text_document=T.TextDocumentIdentifier(uri=URI), position=pos_of(text, "，协调解决")))
    items = res.items if isinstance(res, T.CompletionList) else res
    three = next(i for i in items if i.label == "三是")
    assert three.text_edit.range.start == pos_of(text, "，协调解决")  # after 😀: UTF-16
    # inside the plans part: plan items suggested for the document's problems
    full = ("某局2023年工作总结暨2024年工作计划\n\n一、工作开展情况\n全年完成投资12亿元。\n"
            "二、存在的问题\n一是项目储备质量不高，前期工作深度不够。\n"
            "三、下一步工作计划\n（一）突出抓好项目攻坚。\n")
    await open_doc(client, uri=URI.replace("draft", "plans"), text=full)
    res = await client.text_document_completion_async(T.CompletionParams(
        text_document=T.TextDocumentIdentifier(uri=URI.replace("draft", "plans")),
        position=T.Position(line=full.count("\n"), character=0)))
    items = res.items if isinstance(res, T.CompletionList) else res
    plans = [i for i in items if i.kind == T.CompletionItemKind.Text]
    assert plans and all(i.text_edit.new_text.startswith("（二）") for i in plans)


async def test_code_actions(client: LanguageClient):
    p = await open_doc(client)
    punct = by_name(p.diagnostics, "heading-punctuation")
    rng = T.Range(start=pos_of(DRAFT, "（一）、"), end=pos_of(DRAFT, "（一）、"))
    res = await client.text_document_code_action_async(T.CodeActionParams(
        text_document=T.TextDocumentIdentifier(uri=URI), range=rng,
        context=T.CodeActionContext(diagnostics=punct)))
    titles = [a.title for a in res]
    fix = next(a for a in res if a.kind == T.CodeActionKind.QuickFix and any(
        e.new_text == "（一）" for e in _edits(a)))
    assert fix.is_preferred
    disable = next(a for a in res if "heading-punctuation" in a.title and "禁用" in a.title)
    (ins,) = _edits(disable)
    assert ins.new_text == "# zongjie-disable-next-line heading-punctuation\n"
    assert ins.range.start == T.Position(line=4, character=0)
    # renumber the broken sequence （一）（二）（四）
    rng = T.Range(start=pos_of(DRAFT, "（四）"), end=pos_of(DRAFT, "（四）"))
    res = await client.text_document_code_action_async(T.CodeActionParams(
        text_document=T.TextDocumentIdentifier(uri=URI), range=rng,
        context=T.CodeActionContext(diagnostics=by_name(p.diagnostics, "numbering-gap"))))
    renum = next(a for a in res if a.title.startswith("重新编排"))
    (e,) = _edits(renum)
    assert e.new_text == "（三）" and e.range.start == pos_of(DRAFT, "（四）")
    # insert the missing problems part from the template
    missing = by_name(p.diagnostics, "missing-section")
    assert missing, titles
    res = await client.text_document_code_action_async(T.CodeActionParams(
        text_document=T.TextDocumentIdentifier(uri=URI), range=missing[0].range,
        context=T.CodeActionContext(diagnostics=missing)))
    ins = next(a for a in res if "存在的问题" in a.title)
    assert "二、存在的问题\n【待补充】\n三、" in "".join(e.new_text for e in _edits(ins))


def _edits(action: T.CodeAction) -> list[T.TextEdit]:
    edit = action.edit
    if edit.document_changes:
        return [e for dc in edit.document_changes for e in dc.edits]
    return [e for es in edit.changes.values() for e in es]


async def test_markdown_disable_comment(client: LanguageClient):
    text = "# 某局2023年工作总结\n\n## 一、工作开展情况\n\n全年完成投资***万元。\n"
    p = await open_doc(client, uri=MD_URI, text=text, language="markdown")
    ph = by_name(p.diagnostics, "placeholder")
    assert ph
    res = await client.text_document_code_action_async(T.CodeActionParams(
        text_document=T.TextDocumentIdentifier(uri=MD_URI), range=ph[0].range,
        context=T.CodeActionContext(diagnostics=ph)))
    disable = next(a for a in res if "禁用" in a.title and "placeholder" in a.title)
    assert _edits(disable)[0].new_text == "<!-- zongjie-disable-next-line placeholder -->\n"


async def test_hover(client: LanguageClient):
    p = await open_doc(client)
    h = await client.text_document_hover_async(T.HoverParams(
        text_document=T.TextDocumentIdentifier(uri=URI), position=pos_of(DRAFT, "312.6亿元", 2)))
    assert h is not None and "亿元" in h.contents.value and "312.6" in h.contents.value
    assert h.range.start == pos_of(DRAFT, "312.6亿元")
    # on a finding: the rule's explanation
    h = await client.text_document_hover_async(T.HoverParams(
        text_document=T.TextDocumentIdentifier(uri=URI), position=pos_of(DRAFT, "***", 1)))
    assert h is not None
    (ph,) = by_name(p.diagnostics, "placeholder")
    assert ph.code in h.contents.value and "规则说明" in h.contents.value


async def test_symbols_and_folding(client: LanguageClient):
    await open_doc(client)
    syms = await client.text_document_document_symbol_async(T.DocumentSymbolParams(
        text_document=T.TextDocumentIdentifier(uri=URI)))
    assert isinstance(syms[0], T.DocumentSymbol)  # both profiles support the hierarchy
    names = [s.name for s in syms]
    assert names[0].startswith("青溪县") and "一、工作开展情况" in names
    top = next(s for s in syms if s.name == "一、工作开展情况")
    assert [c.name for c in top.children] == ["（一）、紧盯项目建设", "（二）聚焦产业发展", "（四）兜牢民生底线𠀀"]
    assert top.selection_range.start.line == 3
    folds = await client.text_document_folding_range_async(T.FoldingRangeParams(
        text_document=T.TextDocumentIdentifier(uri=URI)))
    assert (3, 6) in {(f.start_line, f.end_line) for f in folds}
