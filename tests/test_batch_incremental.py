"""Extending a finished run: only the new inputs are read and analysed, only what changed is
recomputed (follow-through pairs, database rows), and the tables are those of a run from scratch.
Also the worker-side shortcuts that must not change a value (MinHash, folded slices, similarity)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pyarrow  # noqa: F401
import pytest
from zongjie.batch.run import run_batch
from zongjie.batch.schema import ALL_TABLES

from tests.test_batch_support import read_sorted, summary


def _write(path: Path, lo: int, hi: int, edit: int | None = None) -> str:
    """Documents lo..hi-1: three organisations over several years, so that reports pair up
    (plan year of one = summary year of the next) and follow-through has work to do."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(lo, hi):
            extra = f"编号{i}。" + ("修订稿。" if i == edit else "")
            fh.write(json.dumps({"id": f"d-{i:03d}", "text": summary(f"青溪县第{i % 3}局", 2018 + i // 3, extra=extra)},
                                ensure_ascii=False) + "\n")
    return str(path)


def _db_digest(out: Path) -> dict[str, tuple]:
    """Row count and an order-independent hash of every table of zongjie.duckdb."""
    import duckdb

    con = duckdb.connect(str(out / "zongjie.duckdb"), read_only=True)
    try:
        res = {}
        for (name,) in con.execute("SHOW TABLES").fetchall():
            cols = ", ".join(f'"{r[0]}"' for r in con.execute(f'DESCRIBE "{name}"').fetchall())
            res[name] = con.execute(f'SELECT count(*), sum(hash(({cols}))) FROM "{name}"').fetchone()
        return res
    finally:
        con.close()


def _same_tables(a: Path, b: Path) -> None:
    import pandas.testing as pdt

    for name in ALL_TABLES:
        pdt.assert_frame_equal(read_sorted(a, name), read_sorted(b, name), obj=name)
    assert _db_digest(a) == _db_digest(b)


@pytest.fixture
def counted(monkeypatch):
    """Files read (run.path_items) and report pairs matched (followthrough.match_pair)."""
    import zongjie.batch.followthrough as ft
    import zongjie.batch.run as run

    calls: dict[str, list] = {"read": [], "pairs": []}
    path_items, match_pair = run.path_items, ft.match_pair

    def read(path, *a, **kw):
        calls["read"].append(os.path.basename(path))
        return path_items(path, *a, **kw)

    def pair(plans, paragraphs):
        calls["pairs"].append(len(plans))
        return match_pair(plans, paragraphs)

    monkeypatch.setattr(run, "path_items", read)
    monkeypatch.setattr(ft, "match_pair", pair)
    return calls


def test_extension_reads_and_recomputes_only_the_new_documents(tmp_path, counted):
    a = _write(tmp_path / "in" / "a.jsonl", 0, 12)
    b = _write(tmp_path / "in" / "b.jsonl", 12, 18)
    out = tmp_path / "ext"
    first = run_batch([a], out, workers=1, chunk_docs=4, progress=False)
    assert first.analysed == 12 and counted["pairs"]  # pairs of a.jsonl matched
    pairs_first = len(counted["pairs"])
    counted["read"].clear()
    counted["pairs"].clear()

    res = run_batch([a, b], out, workers=1, chunk_docs=4, progress=False)
    assert (res.analysed, res.skipped) == (6, 12)
    assert counted["read"] == ["b.jsonl"]  # a.jsonl is unchanged: not even opened
    # years 2018-2021, then 2022-2023, of three organisations: 9 pairs, then only the 6 new ones
    assert (pairs_first, len(counted["pairs"])) == (9, 6)

    ref = tmp_path / "ref"
    run_batch([a, b], ref, workers=1, chunk_docs=4, progress=False)
    _same_tables(out, ref)

    counted["read"].clear()
    again = run_batch([a, b], out, workers=1, chunk_docs=4, progress=False)
    assert (again.analysed, again.skipped, again.rebuilt) == (0, 18, False)
    assert counted["read"] == []


def test_a_changed_input_file_is_read_again_and_its_changed_document_replaced(tmp_path, counted):
    a = _write(tmp_path / "in" / "a.jsonl", 0, 12)
    out = tmp_path / "out"
    run_batch([a], out, workers=1, chunk_docs=4, progress=False)

    st = os.stat(a)
    os.utime(a, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))  # touched, same content
    counted["read"].clear()
    res = run_batch([a], out, workers=1, chunk_docs=4, progress=False)
    assert counted["read"] == ["a.jsonl"] and (res.analysed, res.skipped, res.rebuilt) == (0, 12, False)

    _write(Path(a), 0, 12, edit=4)  # one document's text changes
    counted["pairs"].clear()
    res = run_batch([a], out, workers=1, chunk_docs=4, progress=False)
    assert (res.analysed, res.skipped, res.rebuilt) == (1, 11, True)
    assert len(counted["pairs"]) <= 2  # the pairs d-004 is part of

    ref = tmp_path / "ref"
    run_batch([a], ref, workers=1, chunk_docs=4, progress=False)
    _same_tables(out, ref)


def test_database_is_rebuilt_when_the_outputs_were_not_current(tmp_path):
    a = _write(tmp_path / "in" / "a.jsonl", 0, 6)
    b = _write(tmp_path / "in" / "b.jsonl", 6, 9)
    out = tmp_path / "out"
    run_batch([a], out, workers=1, chunk_docs=4, progress=False)
    (out / ".outputs-manifest").unlink()  # e.g. a directory of an older version
    run_batch([a, b], out, workers=1, chunk_docs=4, progress=False)
    ref = tmp_path / "ref"
    run_batch([a, b], ref, workers=1, chunk_docs=4, progress=False)
    _same_tables(out, ref)


# ------------------------------------------------------------------------- exact shortcuts

def _reference_signature(text: str, num_perm: int = 128) -> bytes:
    """The MinHash as first written: distinct shingle hashes, shift, then minimum."""
    import re

    from zongjie.batch.copies import _perms

    t = re.sub(r"\s+", "", text)
    cp = np.frombuffer(t.encode("utf-32-le"), dtype="<u4").astype(np.uint64)
    a, b = _perms(num_perm)
    out = np.full(num_perm, np.iinfo(np.uint32).max, dtype=np.uint64)
    if len(cp):
        if len(cp) < 5:
            cp = np.concatenate([cp, np.zeros(5 - len(cp), dtype=np.uint64)])
        n = len(cp) - 4
        h = np.zeros(n, dtype=np.uint64)
        for j in range(5):
            h = (h * np.uint64(1_000_003) + cp[j:j + n]) & np.uint64(0xFFFFFFFFFFFF)
        h = np.unique((h ^ (h >> np.uint64(17))) * np.uint64(0x9E3779B1) & np.uint64(0xFFFFFFFF))
        with np.errstate(over="ignore"):
            block = (h[:, None] * a[None, :] + b[None, :]) >> np.uint64(32)
        out = np.minimum(out, block.min(axis=0))
    return out.astype("<u4").tobytes()


@pytest.mark.parametrize("text", ["", "a", "ab c", "abcde", "年度工作总结", summary("青溪县第1局", 2023) * 30])
def test_minhash_signature_is_unchanged(text):
    from zongjie.batch.copies import signature

    assert signature(text) == (128, _reference_signature(text))


@pytest.mark.parametrize("num_perm", [128, 20])
def test_minhash_signature_blocks(num_perm):
    """More shingles than one block (``_BLOCK``) and a last permutation group shorter than the
    others (``_PERM_GROUP``): the same signature as the first formula."""
    from zongjie.batch import copies

    text = summary("青溪县第1局", 2023) * 50
    assert len(copies.shingle_hashes(text, unique=False)) > copies._BLOCK
    assert num_perm % copies._PERM_GROUP in (0, 4)
    assert copies.signature(text, num_perm) == (num_perm, _reference_signature(text, num_perm))


def test_folded_slices_equal_folding_the_slice():
    from zongjie.matcher import _fold_span
    from zongjie.model import Document
    from zongjie.normalize import fold

    for text in ("全年ＧＤＰ增长５％。\u3000二、问题\n", "第一行\r\n第二行\r第三行\u2028"):
        doc = Document(text=text)
        for s in range(len(text)):
            for e in range(s, len(text) + 1):
                assert _fold_span(doc, s, e) == fold(text[s:e])


def test_unweighted_similarity_is_unchanged():
    """The unweighted path (follow-through's, set sizes) against the weighted code with weight 1.0."""
    from zongjie import matcher

    texts = ["加强基层医疗卫生服务能力建设", "基层医疗服务能力不强", "推进老旧小区改造", "改造老旧管网",
             "问题", "", "全面推进乡村振兴，加强农村基础设施建设"]
    ones: dict[str, float] = {}  # every n-gram weighs the default 1.0
    for a in texts:
        for b in texts:
            assert matcher.similarity(a, b) == matcher._similarity(a, b, ones, {})
