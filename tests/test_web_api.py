"""The web editor's JSON API (`zongjie serve`), through FastAPI's TestClient."""

from __future__ import annotations

import io
import zipfile

import pytest
from fastapi.testclient import TestClient
from zongjie.web.app import create_app

from tests.test_lsp_units import LAST_YEAR, THIS_YEAR

DRAFT = """青溪县发展和改革局2023年工作总结暨2024年工作计划

2023年，县发展和改革局在县委、县政府的坚强领导下，较好完成了全年目标任务。
一、工作开展情况
（一）、紧盯项目建设。一是强化项目谋划储备，全年新谋划储备项目86个。二是强化要素保障😀，协调解决难题***个。
（二）聚焦产业发展。全县地区生产总值预计达到186.4亿元，同比增长5.4%。
（四）兜牢民生底线𠀀。全年民生支出占一般公共预算支出的比重达到120%。
二、存在的问题
一是项目储备质量不高，前期工作深度不够。二是统计监测能力薄弱，数据分析不够深入。
三、下一步工作计划
（一）突出抓好项目攻坚。全力推进重点项目建设。
"""


@pytest.fixture(scope="module")
def client():
    return TestClient(create_app(max_upload=200_000))


def test_outline(client):
    r = client.post("/api/outline", json={"text": DRAFT, "file": "draft.txt"})
    assert r.status_code == 200
    o = r.json()
    assert o["title"]["plan_year"] == 2024
    roles = [s["role"] for s in o["sections"]]
    assert roles == ["preamble", "achievements", "problems", "plans"]
    kids = o["sections"][1]["children"]
    assert [k["marker"] for k in kids] == ["（一）、", "（二）", "（四）"]
    assert kids[0]["items"][0]["marker"] == "一是"


def test_extract_offsets_are_code_points(client):
    r = client.post("/api/extract", json={"text": DRAFT})
    assert r.status_code == 200
    x = r.json()
    ph = next(p for p in x["placeholders"] if p["text"] == "***")
    assert DRAFT[ph["start"]:ph["end"]] == "***"  # after 😀: Python indices, not UTF-16
    c = next(c for c in x["claims"] if c["unit"] == "亿元")
    assert c["value"] == 186.4 and DRAFT[c["start"]:c["end"]] == "186.4亿元"


def test_check(client):
    r = client.post("/api/check", json={"text": DRAFT})
    assert r.status_code == 200
    c = r.json()
    assert c["template"] == "annual-summary"
    names = {f["name"] for f in c["findings"]}
    assert {"placeholder", "numbering-gap", "heading-punctuation"} <= names
    s = c["summary"]
    assert s["errors"] + s["warnings"] + s["infos"] == len(c["findings"])
    for f in c["findings"]:
        assert f["severity"] in ("error", "warning", "info") and f["rule"].startswith("ZJ")


def test_suggest_insertion_at_end_of_plans(client, monkeypatch):
    import zongjie.lsp.engine as engine

    def fake(doc, top=3):
        return [{"text": "项目储备质量不高", "start": 10, "end": 18, "addressed_by": None,
                 "suggestions": [{"text": "提高项目谋划储备质量", "score": 0.9, "source": "rewrite"}]}]

    monkeypatch.setattr(engine, "suggest", fake)
    r = client.post("/api/suggest", json={"text": DRAFT + "\n", "top": 2})
    assert r.status_code == 200
    s = r.json()
    g = s["problems"][0]["suggestions"][0]
    text = DRAFT + "\n"
    assert g["insert_at"] == s["plans_end"] == len(text.rstrip())
    assert g["insert_text"] == "\n（二）提高项目谋划储备质量。"


def test_suggest_real(client):
    r = client.post("/api/suggest", json={"text": DRAFT})
    assert r.status_code == 200
    s = r.json()
    assert isinstance(s["problems"], list)
    for p in s["problems"]:
        for g in p["suggestions"]:
            assert 0 <= g["insert_at"] <= len(DRAFT) and g["insert_text"].startswith("\n")


def test_upload_text_and_docx(client):
    r = client.post("/api/upload", files={"file": ("草稿.txt", DRAFT.encode("gb18030"), "text/plain")})
    assert r.status_code == 200, r.text
    u = r.json()
    assert u["text"] == DRAFT and u["format"] == "txt" and u["markdown"] is False
    assert u["encoding"].lower().replace("-", "") in ("gb18030", "gbk", "gb2312")
    docx = client.post("/api/export?format=docx", json={"text": DRAFT}).content
    r = client.post("/api/upload", files={"file": ("draft.docx", docx, "application/octet-stream")})
    assert r.status_code == 200, r.text
    assert r.json()["format"] == "docx" and "一、工作开展情况" in r.json()["text"]
    r = client.post("/api/upload", files={"file": ("n.md", "# 标题\n\n## 一、情况\n".encode(), "text/markdown")})
    assert r.json()["markdown"] is True


@pytest.mark.parametrize("name,data,status,word", [
    ("x.exe", b"MZ...", 415, "unsupported file type"),
    ("noext", b"abc", 415, "unsupported file type"),
    ("empty.txt", b"", 400, "empty"),
    ("bad.docx", b"not a zip at all", 400, "docx"),
    ("bin.txt", bytes(range(256)) * 4, 400, "binary"),
])
def test_upload_errors(client, name, data, status, word):
    r = client.post("/api/upload", files={"file": (name, data, "application/octet-stream")})
    assert r.status_code == status
    detail = r.json()["detail"]
    assert isinstance(detail, str) and "\n" not in detail and word in detail.lower()


def test_upload_too_large(client):
    big = ("一" * 100_000).encode("utf-8")  # 300 kB > 200 kB limit of this app
    r = client.post("/api/upload", files={"file": ("big.txt", big, "text/plain")})
    assert r.status_code == 413
    assert "limit" in r.json()["detail"] and "\n" not in r.json()["detail"]


def test_upload_missing_file(client):
    r = client.post("/api/upload", data={"nothing": "here"})
    assert r.status_code == 422
    assert r.json()["detail"].startswith("invalid request: file")


def test_upload_too_large_streamed_without_length():
    """A body without Content-Length is counted as it streams."""
    from zongjie.web.app import BodyLimit

    async def app(scope, receive, send):
        while (await receive()).get("more_body"):
            pass
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    import asyncio

    chunks = [{"type": "http.request", "body": b"x" * 600, "more_body": True}] * 3
    sent = []

    async def receive():
        return chunks.pop() if chunks else {"type": "http.request", "body": b"", "more_body": False}

    async def send(msg):
        sent.append(msg)

    asyncio.run(BodyLimit(app, 1000)({"type": "http", "headers": []}, receive, send))
    assert sent[0]["status"] == 413


def test_validation_errors_are_one_line(client):
    r = client.post("/api/check", json={"txt": "x"})
    assert r.status_code == 422 and r.json()["detail"] == "invalid request: text: Field required"
    r = client.post("/api/check", content=b"{not json", headers={"content-type": "application/json"})
    assert r.status_code == 422 and "\n" not in r.json()["detail"]
    r = client.post("/api/suggest", json={"text": "x", "top": 0})
    assert r.status_code == 422 and "top" in r.json()["detail"]
    r = client.post("/api/export?format=pdf", json={"text": "x"})
    assert r.status_code == 422 and "format" in r.json()["detail"]


def test_export(client):
    r = client.post("/api/export?format=md", json={"text": DRAFT})
    assert r.status_code == 200 and r.content.decode("utf-8") == DRAFT
    assert r.headers["content-type"].startswith("text/markdown")
    cd = r.headers["content-disposition"]
    assert cd.startswith("attachment;") and "filename*=UTF-8''" in cd and 'filename="zongjie.md"' in cd
    r = client.post("/api/export?format=docx", json={"text": DRAFT})
    assert r.status_code == 200
    with zipfile.ZipFile(io.BytesIO(r.content)) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    assert "工作开展情况" in xml


def test_page_and_schema(client):
    r = client.get("/")
    assert r.status_code == 200 and "app.js" in r.text and "http" not in r.text.split("<body>")[0].replace(
        'name="viewport"', "")
    assert client.get("/static/app.js").status_code == 200
    assert client.get("/static/app.css").status_code == 200
    schema = client.get("/openapi.json").json()
    for path in ("/api/outline", "/api/extract", "/api/check", "/api/suggest", "/api/upload", "/api/export"):
        assert path in schema["paths"]
    req = schema["paths"]["/api/check"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert req["$ref"].endswith("/TextIn")
    ok = schema["paths"]["/api/check"]["post"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert set(ok["required"]) == {"file", "template", "findings", "summary"}  # the serializer's schema
    assert "413" in schema["paths"]["/api/upload"]["post"]["responses"]


def test_no_cdn_in_static_assets():
    from zongjie.web.app import STATIC

    for name in ("index.html", "app.js", "app.css"):
        body = (STATIC / name).read_text("utf-8")
        assert "http://" not in body and "https://" not in body and "//cdn" not in body


def test_serve_binds_localhost_by_default():
    from typer.testing import CliRunner
    from zongjie.cli.main import app

    res = CliRunner().invoke(app, ["serve", "--help"])
    assert res.exit_code == 0 and "127.0.0.1" in res.output


def test_serve_busy_port_is_a_one_line_error():
    import socket

    from typer.testing import CliRunner
    from zongjie.cli.main import app

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    s.listen(1)
    try:
        res = CliRunner().invoke(app, ["serve", "--port", str(s.getsockname()[1])])
    finally:
        s.close()
    assert res.exit_code == 2
    assert "cannot listen on 127.0.0.1" in res.output and "Traceback" not in res.output


# --------------------------------------------------------------------------- last year's document

def test_check_with_previous_text(client):
    plain = client.post("/api/check", json={"text": THIS_YEAR}).json()
    assert not {"plan-not-reported", "problem-repeated"} & {f["name"] for f in plain["findings"]}
    r = client.post("/api/check", json={"text": THIS_YEAR, "previous_text": LAST_YEAR, "previous_file": "2022.txt"})
    assert r.status_code == 200
    found = {f["name"]: f for f in r.json()["findings"]}
    assert "冷链物流" in found["plan-not-reported"]["message"]
    assert found["problem-repeated"]["line"] == 7
    # the analysis without it is not served from the cache for a request with it, nor the reverse
    again = client.post("/api/check", json={"text": THIS_YEAR}).json()
    assert again == plain


def test_follow_through(client):
    r = client.post("/api/follow", json={"text": THIS_YEAR, "file": "2023.txt", "previous_text": LAST_YEAR,
                                         "previous_file": "2022.txt"})
    assert r.status_code == 200
    body = r.json()
    assert body["previous_file"] == "2022.txt" and body["total"] == len(body["plans"]) >= 3
    assert body["reported"] == sum(p["reported"] for p in body["plans"]) >= 2
    cold = next(p for p in body["plans"] if "冷链物流" in p["plan"])
    assert not cold["reported"] and cold["match"] is None and cold["plan_line"] == 8
    farm = next(p for p in body["plans"] if "高标准农田" in p["plan"])
    m = farm["match"]
    assert farm["reported"] and THIS_YEAR[m["start"]:m["end"]] == m["text"] and m["line"] == 4
    r = client.post("/api/follow", json={"text": THIS_YEAR})
    assert r.status_code == 422 and "previous_text" in r.json()["detail"]


def test_annotate_download(client):
    r = client.post("/api/annotate", json={"text": DRAFT, "file": "草稿.txt"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/vnd.openxmlformats")
    cd = r.headers["content-disposition"]
    assert cd.startswith("attachment;") and "%EF%BC%88%E6%89%B9%E6%B3%A8%EF%BC%89.docx" in cd  # （批注）.docx
    with zipfile.ZipFile(io.BytesIO(r.content)) as z:
        comments = z.read("word/comments.xml").decode("utf-8")
        xml = z.read("word/document.xml").decode("utf-8")
    assert "工作开展情况" in xml and "commentRangeStart" in xml
    assert "[placeholder]" in comments and "[numbering-gap]" in comments
    # with last year's document: its findings are comments too
    r = client.post("/api/annotate", json={"text": THIS_YEAR, "previous_text": LAST_YEAR})
    with zipfile.ZipFile(io.BytesIO(r.content)) as z:
        assert "[plan-not-reported]" in z.read("word/comments.xml").decode("utf-8")


def test_schema_documents_previous_and_new_endpoints(client):
    schema = client.get("/openapi.json").json()
    for path in ("/api/follow", "/api/annotate"):
        assert path in schema["paths"]
    props = schema["components"]["schemas"]["TextIn"]["properties"]
    assert "previous_text" in props and "never stored" in props["previous_text"]["description"]
    assert "previous_text" in schema["info"]["description"]
