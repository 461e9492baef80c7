"""One pipeline, one schema: every front-end runs the same components and prints the same JSON.

- the runner: components by name, resolved when the pipeline is built (unknown, out of order or
  unloadable → ``PipelineError`` there, never an empty result), results shared through ``doc.store``;
- the serializer: CLI JSON = Python API = web API = batch rows for the same document, and every
  one of them validates against ``zongjie.serialize.SCHEMAS``;
- the typed fix: every rule example with a fix goes through ``zongjie.fixes`` and the LSP's quick fix
  to the same text.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pyarrow.parquet as pq
import pytest
import zongjie
from fastapi.testclient import TestClient
from zongjie import fixes, serialize
from zongjie.errors import PipelineError
from zongjie.runner import COMPONENTS, Pipeline

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "corpora" / "seed.txt", ROOT / "corpora" / "drafts" / "24-problem-no-plan.txt",
        ROOT / "corpora" / "drafts" / "06-problems-none.md"]


# --------------------------------------------------------------------------- runner

def test_unknown_component_fails_when_built():
    with pytest.raises(PipelineError, match="unknown pipeline component 'parse'"):
        Pipeline(("structure", "parse"))


def test_component_out_of_order_fails_when_built():
    with pytest.raises(PipelineError, match="'check' needs structure"):
        Pipeline(("check",))


def test_broken_component_module_fails_when_built(monkeypatch):
    monkeypatch.setitem(COMPONENTS, "check", ("zongjie.no_such_module", ("structure",)))
    with pytest.raises(PipelineError, match="'check' cannot be loaded: ModuleNotFoundError"):
        Pipeline(("structure", "check"))


def test_record_mode_reports_a_failing_component_and_skips_its_dependants(monkeypatch):
    from zongjie import runner

    def boom(doc, opts):
        raise RuntimeError("half-typed draft")

    monkeypatch.setitem(runner._RUN, "structure", boom)
    doc = Pipeline(("structure", "extract", "check"), errors="record")("某局2024年工作总结\n一、工作开展情况\n")
    assert doc.store["errors"] == [("structure", "RuntimeError: half-typed draft")]
    assert doc.findings == [] and doc.claims == []
    with pytest.raises(RuntimeError, match="half-typed draft"):
        Pipeline(("structure",))("x")


def test_alignment_is_computed_once_and_shared(monkeypatch):
    from zongjie import matcher

    calls = []
    real = matcher.align
    monkeypatch.setattr(matcher, "align", lambda doc, **kw: calls.append(1) or real(doc, **kw))
    text = DOCS[1].read_text("utf-8")
    doc = Pipeline(("structure", "extract", "align", "check"))(text, file="x.txt")
    assert len(calls) == 1
    assert any(f.name == "problem-without-plan" for f in doc.findings)
    assert doc.store["align"] and all(a.problem.text for a in doc.store["align"])


def test_analyze_is_the_default_pipeline():
    text = DOCS[0].read_text("utf-8")
    a = zongjie.analyze(text, file="seed.txt").to_dict()
    b = Pipeline(("structure", "extract", "check"))(text, file="seed.txt").to_dict()
    assert a == b and a["findings"] and a["claims"]


# --------------------------------------------------------------------------- one schema

def _cli(*args: str) -> dict:
    r = subprocess.run([sys.executable, "-m", "zongjie", *args], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode in (0, 1), r.stderr
    return json.loads(r.stdout)


@pytest.fixture(scope="module")
def client():
    from zongjie.web.app import create_app

    return TestClient(create_app())


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name)
def test_cli_api_and_web_print_the_same_json(path, client):
    rel = str(path.relative_to(ROOT))
    doc = zongjie.analyze_file(rel)
    api = {"outline": doc.outline_dict(), "extract": doc.extract_dict(),
           "check": serialize.check_result(doc.file, doc.template, doc.findings)}
    cli = {"outline": _cli("outline", rel, "--json"), "extract": _cli("extract", rel, "--json"),
           "check": _cli("check", rel, "--format", "json")}
    body = {"text": doc.text, "file": rel, "markdown": doc.markdown}
    web = {name: client.post(f"/api/{name}", json=body).json() for name in ("outline", "extract", "check")}
    for name in ("outline", "extract", "check"):
        jsonschema.validate(api[name], serialize.SCHEMAS[name])
        assert cli[name] == api[name], name
        assert web[name] == api[name], name
    jsonschema.validate(doc.to_dict(), serialize.SCHEMAS["document"])
    assert api["check"]["findings"], "the document has findings to compare"


def test_web_openapi_uses_the_serializer_schema(client):
    spec = client.get("/openapi.json").json()
    got = spec["paths"]["/api/check"]["post"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert got["properties"]["findings"] == serialize.SCHEMAS["check"]["properties"]["findings"]
    assert "heading_span" in json.dumps(spec["paths"]["/api/outline"]["post"]["responses"]["200"])


def test_batch_rows_are_the_api_values(tmp_path):
    from zongjie.batch import run_batch

    src = tmp_path / "in"
    src.mkdir()
    for p in DOCS:
        (src / p.name).write_bytes(p.read_bytes())
    out = tmp_path / "out"
    run_batch([str(src)], out, workers=1, progress=False, report=False)
    findings = pq.read_table(out / "findings.parquet").to_pylist()
    claims = pq.read_table(out / "claims.parquet").to_pylist()
    docs = {r["doc_id"]: r for r in pq.read_table(out / "documents.parquet").to_pylist()}
    for p in DOCS:
        doc = zongjie.analyze_file(src / p.name)
        did = next(d for d in docs if d.endswith(p.name))
        rows = [r for r in findings if r["doc_id"] == did]
        assert [(r["name"], r["severity"], r["message"], r["start"], r["end"]) for r in rows] == \
            [(f.name, f.severity, f.message, f.start, f.end) for f in doc.findings]
        assert [json.loads(r["fix"]) if r["fix"] else None for r in rows] == \
            [f.to_dict()["fix"] for f in doc.findings]
        assert [(r["text"], r["unit"], r["start"]) for r in claims if r["doc_id"] == did] == \
            [(c.text, c.unit, c.start) for c in doc.claims]
        s = serialize.summary(doc.findings)
        assert (docs[did]["errors"], docs[did]["warnings"], docs[did]["infos"]) == \
            (s["errors"], s["warnings"], s["infos"])


# --------------------------------------------------------------------------- typed fixes

def _fixed_examples():
    from zongjie.checker import check_text, load_rules

    for rule in load_rules().values():
        for ex in rule.hit:
            doc = check_text(ex.text, template=ex.template, config=ex.config or None, markdown=ex.markdown)
            for f in doc.findings:
                if f.fix is not None:
                    yield rule.name, doc, f


def test_every_rule_fix_reaches_every_consumer():
    from zongjie.lsp.assist import _fix_action
    from zongjie.lsp.engine import Analysis

    seen = set()
    for name, doc, f in _fixed_examples():
        seen.add(name)
        fix = f.fix
        assert 0 <= fix.start <= fix.end <= len(doc.text)
        assert f.to_dict()["fix"] == {"start": fix.start, "end": fix.end, "replacement": fix.replacement,
                                      "safe": fix.safe}
        by_fixes, applied = fixes.apply(doc.text, [fix], safe_only=False)
        assert applied == [fix] and by_fixes == fix.apply(doc.text)
        an = Analysis.run(doc.text, markdown=doc.markdown)
        action = _fix_action(an, f)
        assert action is not None
        by_lsp = doc.text
        for e in sorted(action.edits, key=lambda e: -e.start):
            by_lsp = by_lsp[:e.start] + e.text + by_lsp[e.end:]
        assert by_lsp == by_fixes, name
    assert "heading-punctuation" in seen


def test_fixes_apply_non_overlapping_and_stable():
    from zongjie.model import Fix

    text = "一、总体情况（一）、强化领导"
    a, b = Fix(6, 10, "（一）"), Fix(8, 12, "X")  # overlapping: the second waits for the next round
    out, applied = fixes.apply(text, [b, a])
    assert applied == [a] and out == "一、总体情况（一）强化领导"
    assert fixes.apply(out, [Fix(0, 0, "", safe=False)]) == (out, [])
    m = fixes.merged("abcdef", [(4, 5, "E"), (0, 1, "A")])
    assert (m.start, m.end, m.replacement) == (0, 5, "AbcdE") and m.apply("abcdef") == "AbcdEf"
    with pytest.raises(ValueError):
        fixes.merged("abc", [(0, 2, "x"), (1, 3, "y")])
