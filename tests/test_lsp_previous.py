"""`zongjie lsp` against last year's document, end to end (pytest-lsp, the real server process):
the ``previous`` of ``.zongjie.toml`` and the ``previous`` initialization option bring
``plan-not-reported``/``problem-repeated`` into the diagnostics; an unreadable file is one
``window/showMessage`` warning and the draft is still checked."""

from __future__ import annotations

import asyncio
import shutil
import sys
import tempfile
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as T
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from tests.test_lsp_units import LAST_YEAR, THIS_YEAR

pytestmark = pytest.mark.asyncio

ROOT = Path(tempfile.mkdtemp(prefix="zongjie-lsp-previous-"))
for rel, text in {"proj/.zongjie.toml": 'previous = "../last/2022.txt"\n', "last/2022.txt": LAST_YEAR,
                  "broken/.zongjie.toml": 'previous = "nope.docx"\n', "other/.keep": ""}.items():
    (ROOT / rel).parent.mkdir(parents=True, exist_ok=True)
    (ROOT / rel).write_text(text, encoding="utf-8")


@pytest.fixture(scope="module", autouse=True)
def _cleanup():
    yield
    shutil.rmtree(ROOT, ignore_errors=True)


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "zongjie.cli.main", "lsp",
                                                              "--debounce-ms", "50"]))
async def client(lsp_client: LanguageClient):
    await lsp_client.initialize_session(T.InitializeParams(
        capabilities=client_capabilities("visual_studio_code"), root_uri=ROOT.as_uri(),
        initialization_options={"previous": "last/2022.txt"}))
    yield
    await lsp_client.shutdown_session()


async def open_doc(client: LanguageClient, path: Path, text: str = THIS_YEAR) -> list[T.Diagnostic]:
    uri = path.as_uri()
    while True:
        fut = client.protocol.wait_for_notification_async(T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        if uri not in client.diagnostics:
            client.text_document_did_open(T.DidOpenTextDocumentParams(
                text_document=T.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text=text)))
        p = await asyncio.wait_for(fut, 30)
        if p.uri == uri:
            return p.diagnostics


def names(diags: list[T.Diagnostic]) -> list[str]:
    return [d.data["name"] for d in diags if isinstance(d.data, dict)]


async def test_previous_from_config_option_and_unreadable(client: LanguageClient):
    # .zongjie.toml of the project: plan-not-reported on the achievements heading, problem-repeated
    diags = await open_doc(client, ROOT / "proj" / "2023.txt")
    assert names(diags).count("plan-not-reported") == 1 and names(diags).count("problem-repeated") == 1
    (plan,) = [d for d in diags if d.code == "ZJ502"]
    assert "冷链物流" in plan.message and plan.range.start.line == 2
    (rep,) = [d for d in diags if d.code == "ZJ503"]
    assert rep.range.start.line == 6
    # no config: the initialization option (relative to the workspace root)
    assert "plan-not-reported" in names(await open_doc(client, ROOT / "other" / "2023.txt"))
    # last year's document itself is not checked against itself
    last = await open_doc(client, ROOT / "last" / "2022.txt", LAST_YEAR)
    assert "plan-not-reported" not in names(last)
    # a config naming a missing file: one warning, the draft still checked (without it)
    assert not client.messages
    broken = names(await open_doc(client, ROOT / "broken" / "2023.txt"))
    assert broken and "plan-not-reported" not in broken
    assert "problem-repeated" not in broken
    names(await open_doc(client, ROOT / "broken" / "again.txt"))
    assert len(client.messages) == 1, [m.message for m in client.messages]
    msg = client.messages[0]
    assert msg.type == T.MessageType.Warning and "nope.docx" in msg.message and "上年文档" in msg.message
