"""The bounded-memory paths of `zongjie batch` give the results of the simple in-memory ones:
streamed JSONL/zip reading, batched problem themes, the numpy LSH for near-copies, follow-through
through DuckDB, compaction and the archive tables written batch by batch."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
import pytest
from zongjie import archive  # noqa: E402
from zongjie.archive import iter_documents  # noqa: E402

# --------------------------------------------------------------------------- zongjie.archive


def _whole_file_jsonl(data: bytes, name: str) -> list:
    """What the reader did before it streamed: decode the whole file, ``splitlines``."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        return [("error", f"{e.reason} at byte {e.start}")]
    out = []
    for no, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError:
            out.append(("bad", no))
            continue
        text = rec.get("text")
        out.append((str(rec.get("id") or f"{name}:{no}"), no, text.replace("\r\n", "\n").replace("\r", "\n")))
    return out


def _streamed(path: Path, name: str) -> list:
    out = []
    for doc_id, text, meta in iter_documents([path], errors="yield"):
        err = meta.get("error")
        if err and "not UTF-8" in err:
            out.append(("error", err.split("(", 1)[1].rstrip(")")))
        elif err:
            out.append(("bad", meta["line"]))
        else:
            out.append((doc_id, meta["line"], text))
    return out


RECORDS = [{"id": "r1", "text": "甲\u2028乙"}, {"id": "r2", "text": "a\rb"}, {"text": "无编号"},
           {"id": "r4", "text": "x\x85y"}, {"id": "r5", "text": "段\u2029落"}]
BASE = ("\n".join(json.dumps(r, ensure_ascii=False) for r in RECORDS) + "\n").encode()


@pytest.mark.parametrize("data", [
    BASE, b"\xef\xbb\xbf" + BASE, BASE.replace(b"\n", b"\r\n"), BASE.replace(b"\n", b"\r"),
    b"\n\n" + BASE + b"{bad\n\n", BASE[:40] + b"\xff" + BASE[40:], b"\xef\xbb\xbf" + BASE[:12] + b"\xc3(" + BASE[12:],
    BASE + "中".encode()[:2], b"",
], ids=["plain", "bom", "crlf", "cr", "blank-and-bad", "bad-utf8", "bad-utf8-after-bom", "truncated", "empty"])
def test_streamed_jsonl_numbers_lines_like_the_whole_file(tmp_path, data):
    p = tmp_path / "c.jsonl"
    p.write_bytes(data)
    assert _streamed(p, str(p)) == _whole_file_jsonl(data, str(p))


def test_jsonl_utf8_error_across_read_blocks(tmp_path, monkeypatch):
    monkeypatch.setattr(archive, "_BLOCK", 64)
    lines = [json.dumps({"id": f"d{i}", "text": "字" * (i * 7 % 50 + 1)}, ensure_ascii=False) for i in range(40)]
    data = ("\n".join(lines) + "\n").encode()
    p = tmp_path / "big.jsonl"
    p.write_bytes(data)
    assert _streamed(p, str(p)) == _whole_file_jsonl(data, str(p))
    for cut in (63, 64, 65, 127, 500):  # an invalid sequence at and around block boundaries
        bad = data[:cut] + b"\xe4\xb8Z" + data[cut:]
        p.write_bytes(bad)
        assert _streamed(p, str(p)) == _whole_file_jsonl(bad, str(p)), cut


def test_jsonl_member_of_a_zip_is_streamed(tmp_path):
    data = "\n".join(json.dumps(r, ensure_ascii=False) for r in [
        {"id": "r1", "text": "一"}, {"text": "无编号"}, {"id": "r3", "text": "三\u2028四"}, {"id": "r5", "text": "五"}]).encode()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("c.jsonl", data)
        z.writestr("bad.jsonl", data[:30] + b"\xff")
    p = tmp_path / "a.zip"
    p.write_bytes(buf.getvalue())
    got = list(iter_documents([p], errors="yield"))
    ids = [d for d, _, _ in got]
    assert ids[0] == f"{p}:bad.jsonl" and "not UTF-8" in got[0][2]["error"]
    # the raw U+2028 splits its record in two bad lines, as str.splitlines of the whole file did
    assert ids[1:] == ["r1", f"{p}:c.jsonl:2", f"{p}:c.jsonl:3", f"{p}:c.jsonl:4", "r5"]
    assert [m["line"] for _, _, m in got[1:]] == [1, 2, 3, 4, 5]
    assert [m.get("error") is not None for _, _, m in got[1:]] == [False, False, True, True, False]
    assert all(m["member"] == "c.jsonl" for _, _, m in got[1:])


# --------------------------------------------------------------------------- themes

WORDS = ["干部队伍专业能力有待提升", "项目储备不足带动能力不强", "基层治理信息化水平不高", "营商环境仍需优化",
         "安全生产隐患排查不够彻底", "公共服务供给不足", "科技创新能力不强", "生态环境保护任务艰巨"]


def test_themes_in_batches_equal_the_in_memory_clustering():
    import sklearn  # noqa: F401
    from zongjie.batch import themes

    words = WORDS
    rows = []
    for d in range(120):
        for j in range(3):
            w = words[(d * 3 + j) % len(words)]
            rows.append((f"doc{d:04d}", w + ("" if (d + j) % 4 else f"，第{d % 9}项")))
    rows.sort(key=lambda r: r[0])
    ref = themes.cluster_problems(rows)
    assert ref and sum(t["size"] for t in ref) == len(rows)
    for size in (1, 7, 50, 1000):
        got = themes.cluster_problem_batches(lambda size=size: (rows[i:i + size] for i in range(0, len(rows), size)))
        assert got == ref, size


def test_theme_examples_survive_pruning(monkeypatch):
    import sklearn  # noqa: F401
    from zongjie.batch import themes

    rows = sorted((f"d{i % 37:03d}", f"{WORDS[i % 8]}，{WORDS[i * 5 % 8][:4 + i % 5]}{i}") for i in range(400))
    ref = themes.cluster_problems(rows)
    monkeypatch.setattr(themes, "EXAMPLE_POOL", 8)  # prune hard: the examples must not change
    assert themes.cluster_problems(rows) == ref


# --------------------------------------------------------------------------- near-copies

def _datasketch_reference(rows, threshold=0.8, max_per_doc=5):
    """The previous implementation: datasketch's in-memory MinHashLSH."""
    from datasketch import LeanMinHash, MinHashLSH
    from zongjie.batch.copies import LSH_SLACK, SCHEME

    order = sorted(rows, key=lambda r: (r[1] if r[1] is not None else 10**6, r[0]))
    lsh = MinHashLSH(threshold=max(0.5, threshold - LSH_SLACK), num_perm=128)
    sigs, years, out = {}, {}, []
    for doc_id, year, raw in order:
        hv = np.frombuffer(raw, dtype="<u4").astype(np.uint32)
        mh = LeanMinHash(seed=1, hashvalues=hv, scheme=SCHEME)
        cands = sorted(lsh.query(mh)) if sigs else []
        if cands:
            jac = (np.stack([sigs[c] for c in cands]) == hv).mean(axis=1)
            best = sorted(((float(j), c) for j, c in zip(jac, cands) if j >= threshold),
                          key=lambda x: (-x[0], x[1]))[:max_per_doc]
            out += [{"doc_id": doc_id, "earlier_doc_id": c, "jaccard": round(j, 4), "year": year,
                     "earlier_year": years[c]} for j, c in best]
        lsh.insert(doc_id, mh)
        sigs[doc_id], years[doc_id] = hv, year
    return out


def test_numpy_lsh_equals_datasketch():
    import datasketch  # noqa: F401
    from zongjie.batch.copies import near_copies

    rng = np.random.default_rng(7)
    base = [rng.integers(0, 2**32, 128, dtype=np.uint64).astype("<u4") for _ in range(9)]
    rows = []
    for i in range(400):
        s = base[i % 9].copy()
        k = rng.integers(0, 128, int(rng.integers(0, 45)))  # from identical to unrelated
        s[k] = rng.integers(0, 2**32, len(k))
        rows.append((f"doc{int(rng.integers(0, 10**6)):06d}-{i}", None if i % 11 == 0 else 2015 + i % 7, s.tobytes()))
    ref = _datasketch_reference(rows)
    assert len(ref) > 100
    assert near_copies(rows) == ref


def test_near_copies_file_reads_minhash_and_years(tmp_path):
    from zongjie.batch.copies import near_copies, near_copies_file, signature
    from zongjie.batch.schema import to_table

    text = "".join(f"第{i}项重点工作按计划推进，" for i in range(60))
    docs = [("b", 2021, text), ("a", 2022, text + "略有改动"), ("c", None, text), ("d", 2020, "完全不同的内容" * 30)]
    pq.write_table(to_table("documents", [{"doc_id": d, "year": y} for d, y, _ in docs]), tmp_path / "documents.parquet")
    mh = [{"doc_id": d, "num_perm": 128, "signature": signature(t)[1]} for d, _, t in docs]
    pq.write_table(to_table("minhash", mh), tmp_path / "minhash.parquet")
    got = list(near_copies_file(tmp_path, batch_rows=1))
    assert got == near_copies([(d, y, signature(t)[1]) for d, y, t in docs])
    assert {(r["doc_id"], r["earlier_doc_id"]) for r in got} == {("a", "b"), ("c", "b"), ("c", "a")}
    assert [r["doc_id"] for r in got] == ["a", "c", "c"]  # in (year, doc_id) order; no year = last


# --------------------------------------------------------------------------- run-level

@pytest.fixture(scope="module")
def small_run(tmp_path_factory):
    import duckdb  # noqa: F401
    from zongjie.batch.run import run_batch

    from tests.test_batch_support import make_archive

    root = tmp_path_factory.mktemp("mem")
    arch = make_archive(root / "in")
    out = root / "out"
    run_batch(arch["inputs"], out, workers=1, progress=False, chunk_docs=1, report=False)
    return out


def test_followthrough_sql_pairs_equal_the_python_pairs(small_run):
    from zongjie.batch.archive_tables import PAIRS_SQL, _sql_str, duckdb_connect
    from zongjie.batch.followthrough import pairs

    docs = pq.read_table(small_run / "documents.parquet").to_pylist()
    con = duckdb_connect(small_run)
    try:
        got = con.sql(PAIRS_SQL.format(docs=_sql_str(small_run / "documents.parquet")) + " ORDER BY k").fetchall()
    finally:
        con.close()
    assert [(org, p, r, y) for _k, org, p, r, y in got] == pairs(docs)
    assert [k for k, *_ in got] == list(range(len(got))) and got
    assert not (small_run / ".spill").exists()


def test_followthrough_equals_matching_each_pair_in_memory(small_run):
    from zongjie.batch.followthrough import match_items, pairs, sentences

    docs = pq.read_table(small_run / "documents.parquet").to_pylist()
    plans = pq.read_table(small_run / "plans.parquet").to_pylist()
    ach = pq.read_table(small_run / "achievements.parquet").to_pylist()
    ref = []
    for org, pdoc, rdoc, year in pairs(docs):
        items = [(p["plan_id"], p["text"]) for p in sorted(plans, key=lambda p: p["plan_id"]) if p["doc_id"] == pdoc]
        paras = [a["text"] for a in sorted(ach, key=lambda a: a["para_id"]) if a["doc_id"] == rdoc]
        ref += [{"org": org, "plan_doc_id": pdoc, "plan_year": year, "result_doc_id": rdoc, **r}
                for r in match_items(items, sentences(paras))]
    got = pq.read_table(small_run / "followthrough.parquet").to_pylist()
    assert got == ref and len(got) == 6


def test_archive_tables_are_written_in_bounded_row_groups(small_run, monkeypatch, tmp_path):
    import shutil

    from zongjie.batch import archive_tables

    out = tmp_path / "o"
    shutil.copytree(small_run, out)
    before = {n: pq.read_table(out / f"{n}.parquet") for n in ("themes", "followthrough", "copies")}
    monkeypatch.setattr(archive_tables, "BATCH_ROWS", 2)
    archive_tables.build(out)
    for name, t in before.items():
        pf = pq.ParquetFile(out / f"{name}.parquet")
        assert pq.read_table(out / f"{name}.parquet").equals(t), name
        assert all(pf.metadata.row_group(i).num_rows <= 2 for i in range(pf.metadata.num_row_groups)), name
    assert pq.ParquetFile(out / "followthrough.parquet").metadata.num_row_groups == 3


def test_compaction_bounds_its_row_groups(tmp_path):
    from zongjie.batch import store
    from zongjie.batch.tables import sha256_text

    rows = lambda i: {"documents": [{"doc_id": f"d{i:03d}", "sha256": sha256_text(str(i)), "chars": i}],  # noqa: E731
                      "plans": [{"doc_id": f"d{i:03d}", "plan_id": k, "text": "计划" * 20} for k in range(5)]}
    for i in range(30):
        store.write_part(tmp_path, f"run-{i:06d}", rows=rows(i))
    assert store.compact(tmp_path, batch_rows=12) == 30
    pf = pq.ParquetFile(tmp_path / "plans.parquet")
    assert pf.metadata.num_rows == 150
    assert max(pf.metadata.row_group(i).num_rows for i in range(pf.metadata.num_row_groups)) <= 12 + 5
    ids = pq.read_table(tmp_path / "plans.parquet")["doc_id"].to_pylist()
    assert ids == sorted(ids)  # each document's rows together, in part order
    assert store.done_hashes(tmp_path)["d007"] == sha256_text("7")


def test_clean_tmp_removes_spill_directories(tmp_path):
    from zongjie.batch import store

    for d in (store.SPILL, store.SPILL_DB, ".zongjie.duckdb.tmp.tmp"):
        (tmp_path / d).mkdir()
        (tmp_path / d / "duckdb_temp_block").write_bytes(b"x")
    (tmp_path / ".plans.parquet.tmp").write_bytes(b"x")
    (tmp_path / "documents.parquet").write_bytes(b"kept")
    store.clean_tmp(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["documents.parquet"]


def test_parts_are_cheap_to_write_and_read_and_compact_to_the_same_tables(tmp_path):
    """A part is written once and read once: lz4 without dictionaries (issue #17); the compacted
    tables are zstd, byte for byte those of parts written with zstd and dictionaries."""
    from zongjie.batch import store
    from zongjie.batch.tables import sha256_text

    rows = lambda i: {"documents": [{"doc_id": f"d{i:03d}", "sha256": sha256_text(str(i)), "chars": i}],  # noqa: E731
                      "plans": [{"doc_id": f"d{i:03d}", "plan_id": k, "text": f"加快推进第{k}项工作" * 3}
                                for k in range(40)]}
    outs = {}
    for codec in ("lz4", "zstd"):
        out = tmp_path / codec
        for i in range(6):
            part = store.write_part(out, f"run-{i:06d}", rows=rows(i))
            if codec == "zstd":  # what parts were: zstd with dictionaries
                for f in part.iterdir():
                    pq.write_table(pq.read_table(f), f, compression="zstd")
        col = pq.ParquetFile(store.list_parts(out)[0] / "plans.parquet").metadata.row_group(0).column(2)
        assert col.path_in_schema == "text"
        if codec == "lz4":
            assert col.compression.startswith("LZ4") and not any("DICTIONARY" in e for e in col.encodings)
        else:
            assert col.compression == "ZSTD" and any("DICTIONARY" in e for e in col.encodings)
        assert store.compact(out) == 6
        outs[codec] = out
    for name in ("documents", "plans", "sections", "errors"):
        lz4, zstd = (outs[c] / f"{name}.parquet" for c in ("lz4", "zstd"))
        assert pq.ParquetFile(lz4).metadata.row_group(0).column(0).compression == "ZSTD"
        assert lz4.read_bytes() == zstd.read_bytes(), name


def test_parts_are_removed_while_the_outputs_are_built(tmp_path):
    """``run_batch`` keeps the merged parts through the compaction and removes them on a thread
    while it builds the outputs (issue #17: the removal waits on the disk, not on a core).  A part
    left behind (a run killed before it was removed) is merged again to the same tables."""
    import threading

    from zongjie.batch import store
    from zongjie.batch.tables import sha256_text

    out = tmp_path / "o"
    for i in range(4):
        store.write_part(out, f"run-{i:06d}", rows={
            "documents": [{"doc_id": f"d{i}", "sha256": sha256_text(str(i)), "chars": i}],
            "plans": [{"doc_id": f"d{i}", "plan_id": k, "text": f"推进第{k}项工作"} for k in range(5)]})
    parts = store.list_parts(out)
    assert store.compact(out, keep_parts=True) == 4
    assert store.list_parts(out) == parts  # kept for the caller
    first = {n: (out / f"{n}.parquet").read_bytes() for n in ("documents", "plans")}
    assert store.compact(out, keep_parts=True) == 4  # merged again, as after a kill
    assert {n: (out / f"{n}.parquet").read_bytes() for n in first} == first
    with store.removing(parts):
        assert pq.read_table(out / "plans.parquet").num_rows == 20  # the tables are complete meanwhile
    assert store.list_parts(out) == []
    assert not [t for t in threading.enumerate() if t.name == "zongjie-parts-removal"]
    assert store.compact(out) == 0 and pq.read_table(out / "plans.parquet").num_rows == 20
