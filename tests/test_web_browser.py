"""The web editor in a real browser: headless Chromium driven by Playwright.

uvicorn serves the app on a free localhost port in a thread; the test pastes a defective draft,
sees its findings highlighted in place, inserts a suggested plan item with a click, downloads
the result as .md and .docx, and uploads files (a good one and a refused one).
"""

from __future__ import annotations

import io
import os
import socket
import threading
import time
import zipfile

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

# CI (.ci/run) installs Chromium, so there a missing browser is a failure, never a skip; on a
# developer's machine without it the browser test is skipped with the reason.
pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM) and not os.environ.get("CI"),
                                reason=f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")

DRAFT = """青溪县发展和改革局2023年工作总结暨2024年工作计划

2023年，县发展和改革局在县委、县政府的坚强领导下，较好完成了全年目标任务。
一、工作开展情况
（一）、紧盯项目建设。一是强化项目谋划储备，全年新谋划储备项目86个。二是强化要素保障😀，协调解决难题***个。
（二）聚焦产业发展。全县地区生产总值预计达到186.4亿元，同比增长5.4%。
（四）兜牢民生底线𠀀。全年民生支出占一般公共预算支出的比重达到120%。
二、存在的问题
一是项目储备质量不高，前期工作深度不够。二是统计监测能力薄弱，数据分析不够深入。三是干部队伍专业能力有待提升。
三、下一步工作计划
（一）突出抓好项目攻坚。全力推进重点项目建设。
"""


@pytest.fixture(scope="module")
def base_url():
    import uvicorn
    from zongjie.web.app import create_app

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(max_upload=1_000_000), host="127.0.0.1",
                                           port=port, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not server.started:
        if time.time() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)
    sock.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture()
def page(browser, base_url):
    ctx = browser.new_context(accept_downloads=True, base_url=base_url)
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.goto("/")
    pg.wait_for_selector("#text")
    pg.js_errors = errors  # type: ignore[attr-defined]
    yield pg
    ctx.close()
    assert not errors, errors


def paste(page, text: str) -> None:
    """A real paste: the text on the clipboard, Ctrl+V in the editor."""
    page.evaluate("t => navigator.clipboard.writeText(t)", text)
    page.click("#text")
    page.keyboard.press("Control+V")
    if page.input_value("#text") != text:  # clipboard unavailable in this browser build
        page.fill("#text", text)


def wait_analysed(page) -> None:
    page.wait_for_function("() => document.getElementById('status').textContent.startsWith('已分析')")


def test_paste_findings_suggestion_download(page):
    paste(page, DRAFT)
    assert page.input_value("#text") == DRAFT
    wait_analysed(page)
    # findings listed and highlighted in place
    names = page.eval_on_selector_all("#findings li.finding", "els => els.map(e => e.dataset.name)")
    assert {"placeholder", "numbering-gap", "heading-punctuation"} <= set(names)
    assert page.locator("#highlights mark.hl-error").count() > 0
    # offsets after 😀 and 𠀀 land on the right characters (code points → UTF-16)
    ph = page.eval_on_selector_all("#highlights mark.hl-placeholder", "els => els.map(e => e.textContent)")
    assert "***" in ph
    pct = page.eval_on_selector_all("#highlights mark", "els => els.map(e => e.textContent)")
    assert any("120%" in t for t in pct)
    # the outline beside the text
    outline = page.inner_text("#outline")
    assert "一、工作开展情况" in outline and "三、下一步工作计划" in outline
    assert "（四）兜牢民生底线𠀀" in outline
    # clicking a finding selects its span in the editor
    page.click("#findings li.finding[data-name=placeholder]")
    sel = page.evaluate("() => { const t = document.getElementById('text');"
                        " return t.value.slice(t.selectionStart, t.selectionEnd); }")
    assert sel == "***"
    # claims panel
    assert "186.4亿元" in page.inner_text("#claims")

    # a suggestion inserts with a click, at the end of the plans part
    page.wait_for_selector("[data-testid=insert-suggestion]", timeout=20000)
    first = page.locator("[data-testid=suggestion]").first.inner_text().replace("插入", "").strip()
    page.locator("[data-testid=insert-suggestion]").first.click()
    page.wait_for_function("t => document.getElementById('text').value.includes(t)", arg=first)
    value = page.input_value("#text")
    assert value.rstrip().endswith(first.rstrip("。") + "。")
    assert value.index("全力推进重点项目建设。") < value.index(first.rstrip("。"))
    wait_analysed(page)

    # downloads: .md is the text as it now stands, .docx a Word document
    with page.expect_download() as dl:
        page.click("#download-md")
    d = dl.value
    assert d.suggested_filename.endswith(".md") and d.suggested_filename.startswith("青溪县")
    with open(d.path(), encoding="utf-8") as fh:
        assert fh.read() == value
    with page.expect_download() as dl:
        page.click("#download-docx")
    assert dl.value.suggested_filename.endswith(".docx")
    with open(dl.value.path(), "rb") as fh, zipfile.ZipFile(io.BytesIO(fh.read())) as z:
        assert first.rstrip("。")[:6] in z.read("word/document.xml").decode("utf-8")


def test_upload_good_and_bad_files(page, tmp_path):
    good = tmp_path / "草稿.txt"
    good.write_bytes(DRAFT.encode("gb18030"))
    page.set_input_files("#upload", str(good))
    wait_analysed(page)
    assert page.input_value("#text") == DRAFT
    assert page.locator("#findings li.finding").count() > 0
    bad = tmp_path / "tool.exe"
    bad.write_bytes(b"MZ\x90\x00")
    page.set_input_files("#upload", str(bad))
    page.wait_for_function("() => document.getElementById('status').classList.contains('error')")
    assert "unsupported file type" in page.inner_text("#status")
    # the refused upload is the only failed request
    assert [e for e in page.js_errors if "status of 415" in e]
    page.js_errors[:] = [e for e in page.js_errors if "status of 415" not in e]
    assert page.input_value("#text") == DRAFT  # the text is kept


def test_typing_keeps_highlights_aligned(page):
    page.fill("#text", DRAFT)
    wait_analysed(page)
    # type at the very start: highlights are recomputed for the new text
    page.click("#text")
    page.keyboard.press("Control+Home")
    page.keyboard.type("𠀀")
    page.wait_for_function("() => document.getElementById('text').value.startsWith('𠀀')")
    wait_analysed(page)
    ph = page.eval_on_selector_all("#highlights mark.hl-placeholder", "els => els.map(e => e.textContent)")
    assert "***" in ph
    backdrop = page.evaluate("document.getElementById('highlights').textContent")
    assert backdrop.startswith(page.input_value("#text"))


def test_previous_document_follow_through_and_annotated_download(page, tmp_path):
    from tests.test_lsp_units import LAST_YEAR, THIS_YEAR

    page.fill("#text", THIS_YEAR)
    wait_analysed(page)
    assert not page.is_visible("#follow-section")
    assert page.locator("#findings li.finding[data-name=plan-not-reported]").count() == 0
    last = tmp_path / "2022年总结.txt"
    last.write_text(LAST_YEAR, encoding="utf-8")
    page.set_input_files("#upload-previous", str(last))
    page.wait_for_selector("#follow li.follow")
    wait_analysed(page)
    assert "2022年总结.txt" in page.inner_text("#previous")
    rows = page.eval_on_selector_all("#follow li.follow", "els => els.map(e => [e.dataset.reported, e.textContent])")
    cold = [r for r in rows if "冷链物流" in r[1]]
    assert cold and cold[0][0] == "0" and "未找到" in cold[0][1]
    assert any(r[0] == "1" and "第4行" in r[1] for r in rows)
    assert page.locator("#findings li.finding[data-name=plan-not-reported]").count() == 1
    # the reviewed Word copy carries the findings against last year's document as comments
    with page.expect_download() as dl:
        page.click("#download-annotated")
    assert dl.value.suggested_filename.endswith("（批注）.docx")
    with open(dl.value.path(), "rb") as fh, zipfile.ZipFile(io.BytesIO(fh.read())) as z:
        assert "[plan-not-reported]" in z.read("word/comments.xml").decode("utf-8")
    # cleared: no follow-through, no findings against it
    page.click("#previous-clear")
    wait_analysed(page)
    assert not page.is_visible("#follow-section")
    assert page.locator("#findings li.finding[data-name=plan-not-reported]").count() == 0


def test_fix_all_applies_every_safe_fix(page):
    """一键修正: every safe fix applied in one edit, at code-point offsets (an emoji comes first)."""
    draft = ("青溪县水利局2023年工作总结暨2024年工作计划\n一、工作开展情况\n😀截止2023年底，完成河道治理12公里,"
             "投资3-5万元。。\n二、存在的问题\n基层水利人才不足。\n三、2024年工作计划\n加强基层水利人才队伍建设。\n")
    paste(page, draft)
    wait_analysed(page)
    names = page.eval_on_selector_all("#findings li.finding", "els => els.map(e => e.dataset.name)")
    assert {"confusable-word", "punctuation-width", "number-range", "repeated-punctuation"} <= set(names)
    page.click("#fix-all")
    page.wait_for_function("() => document.getElementById('status').textContent.startsWith('已修正')")
    value = page.input_value("#text")
    assert "😀截至2023年底，完成河道治理12公里，投资3万～5万元。\n" in value
    page.wait_for_function("() => !document.getElementById('status').textContent.startsWith('编辑中')")
    left = page.eval_on_selector_all("#findings li.finding", "els => els.map(e => e.dataset.name)")
    assert not {"confusable-word", "punctuation-width", "number-range", "repeated-punctuation"} & set(left)
