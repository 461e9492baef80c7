"""`zongjie batch` on a small known archive: every table's schema and row counts, metadata,
error rows, the archive tables, DuckDB, report.html, report.xlsx, a no-op rerun and the CLI."""

from __future__ import annotations

import re

import duckdb  # noqa: F401
import pyarrow.parquet as pq
import pytest
import zongjie  # noqa: E402
from zongjie.batch.run import run_batch  # noqa: E402
from zongjie.batch.schema import ALL_TABLES, DOC_TABLES, SPEC_TABLES  # noqa: E402

from tests.test_batch_support import make_archive, read_sorted, summary  # noqa: E402


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    root = tmp_path_factory.mktemp("batch")
    arch = make_archive(root / "in")
    out = root / "out"
    res = run_batch(arch["inputs"], out, workers=2, xlsx=True, progress=False, chunk_docs=2)
    return {"out": out, "res": res, **arch}


def _docs(batch):
    return pq.read_table(batch["out"] / "documents.parquet").to_pandas().set_index("doc_id")


def _by_suffix(df, suffix):
    hits = [d for d in df.index if d.endswith(suffix)]
    assert len(hits) == 1, (suffix, list(df.index))
    return df.loc[hits[0]]


def test_every_table_has_its_documented_schema(batch):
    out = batch["out"]
    for name in SPEC_TABLES:
        assert (out / f"{name}.parquet").exists(), name
    for name, schema in ALL_TABLES.items():
        got = pq.read_schema(out / f"{name}.parquet")
        assert [(f.name, f.type) for f in got] == [(f.name, f.type) for f in schema], name
    assert not list((out / ".parts").glob("*")), "parts are removed after compaction"


def test_row_counts_on_the_known_archive(batch):
    res = batch["res"]
    assert (res.analysed, res.skipped, res.errors) == (batch["documents"], 0, batch["errors"])
    docs = _docs(batch)
    assert len(docs) == batch["documents"] and docs.index.is_unique
    per_doc = {"sections": "sections", "claims": "claims", "placeholders": "placeholders",
               "findings": "findings", "problems": "problems", "plans": "plans"}
    for table, col in per_doc.items():
        t = pq.read_table(batch["out"] / f"{table}.parquet").to_pandas()
        counts = t.groupby("doc_id").size().reindex(docs.index, fill_value=0)
        assert (counts == docs[col]).all(), table
        assert set(t["doc_id"]) <= set(docs.index), table
    assert len(pq.read_table(batch["out"] / "minhash.parquet")) == batch["documents"]


def test_rows_match_the_single_document_api(batch):
    text = summary("青溪县发展和改革局", 2022)
    doc = zongjie.analyze(text)
    row = _by_suffix(_docs(batch), "a2022.txt")
    assert row["chars"] == len(text)
    assert row["claims"] == len(doc.claims)
    assert row["placeholders"] == len(doc.placeholders)
    assert row["findings"] == len(doc.findings)
    assert row["sections"] == sum(1 for _ in doc.walk())
    claims = read_sorted(batch["out"], "claims")
    mine = claims[claims["doc_id"] == row.name]
    assert list(mine["text"]) == [c.text for c in doc.claims]
    assert list(mine["start"]) == [c.start for c in doc.claims]
    for c in mine.itertuples():
        assert text[c.start:c.end] == c.text


def test_metadata_title_and_jsonl_overrides(batch):
    docs = _docs(batch)
    a = _by_suffix(docs, "a2023.txt")
    assert (a["org"], a["summary_year"], a["plan_year"], a["encoding"]) == ("青溪县发展和改革局", 2023, 2024, "gb18030")
    assert a["doc_type"] == "annual-summary" and a["completeness"] == 1.0
    j1, j2 = docs.loc["j-2022"], docs.loc["j-2023"]
    assert j1["title"] == "青溪县统计局2022年度工作总结" and j1["year"] == 2022 and j1["org"] == "青溪县统计局"
    assert j2["org"] == "青溪县统计局"  # the text says 县统计局; the JSONL field wins
    assert (j2["summary_year"], j2["plan_year"], j2["format"]) == (2023, 2024, "jsonl")
    b = _by_suffix(docs, "b2023.md")
    assert b["format"] == "md" and b["placeholders"] >= 3 and b["placeholder_density"] > 0
    shares = docs[[c for c in docs.columns if c.startswith("share_")]].sum(axis=1)
    assert ((shares - 1).abs() < 1e-6).all()


def test_unreadable_inputs_are_error_rows(batch):
    err = read_sorted(batch["out"], "errors")
    assert len(err) == batch["errors"]
    assert all(s == "read" for s in err["stage"])
    assert all("\n" not in e and e for e in err["error"])
    ids = list(err["doc_id"])
    assert any(i.endswith("broken.docx") for i in ids)
    assert any(i.endswith("old.docx") for i in ids)
    assert any(i.endswith("corpus.jsonl:3") for i in ids)


def test_near_copies(batch):
    cp = read_sorted(batch["out"], "copies")
    assert len(cp) == 1
    pair = {cp.loc[0, "doc_id"], cp.loc[0, "earlier_doc_id"]}
    assert {p.rsplit("/", 1)[-1].rsplit(":", 1)[-1] for p in pair} == {"a2022.txt", "c2022.txt"}
    assert cp.loc[0, "jaccard"] >= 0.8


def test_followthrough_pairs_last_years_plans_with_this_years_achievements(batch):
    ft = read_sorted(batch["out"], "followthrough")
    assert set(ft["org"]) == {"青溪县发展和改革局", "青溪县统计局"}
    assert (ft["plan_year"] == 2023).all()
    for _org, g in ft.groupby("org"):
        assert len(g) == 3
        assert g["followed"].sum() >= 2, g
    assert ft["score"].between(0, 1).all()


def test_problem_themes(batch):
    th = read_sorted(batch["out"], "themes")
    probs = pq.read_table(batch["out"] / "problems.parquet").to_pandas()
    assert 1 <= len(th) <= 12
    assert th["size"].sum() == (probs["text"].str.strip().str.len() >= 4).sum()
    assert list(th["size"]) == sorted(th["size"], reverse=True)
    assert all(ex for ex in th["examples"])


def test_duckdb_has_the_same_tables(batch):

    con = duckdb.connect(str(batch["out"] / "zongjie.duckdb"), read_only=True)
    try:
        names = {r[0] for r in con.execute("SHOW TABLES").fetchall()}
        assert set(ALL_TABLES) <= names
        for name in ALL_TABLES:
            n = con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
            assert n == pq.ParquetFile(batch["out"] / f"{name}.parquet").metadata.num_rows, name
    finally:
        con.close()


def test_report_html_is_self_contained(batch):
    html = (batch["out"] / "report.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "http://" not in html and "https://" not in html
    assert not re.search(r"""(src|href)\s*=\s*["']?(?!#)[a-z]+:""", html, re.I)
    assert "<script" not in html and "@import" not in html and "url(" not in html
    for anchor in ("completeness", "roles", "placeholders", "claims", "themes", "followthrough", "copies", "errors"):
        assert f'id="{anchor}"' in html
    assert html.count("<svg") >= 8
    assert "青溪县统计局" in html  # follow-through per organisation


def test_xlsx_has_a_sheet_per_table(batch):
    import openpyxl
    wb = openpyxl.load_workbook(batch["out"] / "report.xlsx", read_only=True)
    for name in SPEC_TABLES:
        ws = wb[name]
        rows = list(ws.iter_rows(values_only=True))
        schema_cols = [f.name for f in ALL_TABLES[name] if str(f.type) != "binary"]
        assert list(rows[0]) == schema_cols
        assert len(rows) - 1 == pq.ParquetFile(batch["out"] / f"{name}.parquet").metadata.num_rows
    assert "summary" in wb.sheetnames


def test_rerun_skips_done_documents_and_keeps_tables(batch):
    before = {n: read_sorted(batch["out"], n) for n in DOC_TABLES}
    res = run_batch(batch["inputs"], batch["out"], workers=1, xlsx=True, progress=False)
    # unreadable inputs are skipped too: they failed before with the same content
    assert (res.analysed, res.skipped) == (0, batch["documents"] + batch["errors"])
    assert (res.errors, res.skipped_errors) == (0, batch["errors"])
    retried = run_batch(batch["inputs"], batch["out"], workers=1, xlsx=True, progress=False,
                        retry_errors=True)
    assert (retried.analysed, retried.errors) == (0, batch["errors"])  # … unless asked to retry
    for n, df in before.items():
        after = read_sorted(batch["out"], n)
        assert df.equals(after), n


def test_only_unreadable_input_gives_empty_tables_with_columns(tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a docx")
    res = run_batch([str(bad)], tmp_path / "out", workers=1, progress=False)
    assert (res.analysed, res.errors, res.documents) == (0, 1, 0)
    for name, schema in ALL_TABLES.items():
        t = pq.read_table(tmp_path / "out" / f"{name}.parquet")
        assert t.schema.names == schema.names
        assert t.num_rows == (1 if name == "errors" else 0), name
    assert (tmp_path / "out" / "report.html").exists()


def test_cli_batch(tmp_path, batch):
    import json

    from typer.testing import CliRunner
    from zongjie.cli.main import app

    runner = CliRunner()
    r = runner.invoke(app, ["batch", *batch["inputs"], "--out", str(tmp_path / "o"), "--workers", "1",
                            "--json", "--no-report"])
    assert r.exit_code == 0, r.output
    summary_ = json.loads(r.stdout)
    assert summary_["analysed"] == batch["documents"] and summary_["errors"] == batch["errors"]
    r = runner.invoke(app, ["batch", batch["inputs"][0], "--out", str(tmp_path / "o2"), "--engine", "spark"])
    assert r.exit_code == 2
    r = runner.invoke(app, ["batch", str(tmp_path / "nothing-here"), "--out", str(tmp_path / "o3"), "--quiet"])
    assert r.exit_code == 2  # nothing readable at all: exit 2, but the error row is written
    assert "no readable document" in r.stderr
    assert pq.ParquetFile(tmp_path / "o3" / "errors.parquet").metadata.num_rows == 1
