"""The compaction of a fresh run while it analyses (``store.StreamingCompaction``): the same table
files as ``store.compact`` over the same parts, byte for byte, and a fallback to ``compact``
whenever that could not hold."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from zongjie.batch import store
from zongjie.batch.run import run_batch
from zongjie.batch.schema import DOC_TABLES

from tests.test_batch_support import summary


def _archive(path: Path, n: int, broken: tuple[int, ...] = ()) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            if i in broken:  # not JSON: an `errors` row
                fh.write('{"id": "d-%03d", "text": \n' % i)
                continue
            text = summary(f"青溪县第{i % 3}局", 2018 + i // 3, extra=f"编号{i}。")
            fh.write(json.dumps({"id": f"d-{i:03d}", "text": text}, ensure_ascii=False) + "\n")
    return str(path)


def _files(out: Path) -> dict[str, bytes]:
    return {t: (out / f"{t}.parquet").read_bytes() for t in DOC_TABLES}


def test_fresh_run_compacts_while_it_analyses(tmp_path, monkeypatch):
    src = _archive(tmp_path / "in" / "a.jsonl", 40, broken=(7,))
    finished: list[int | None] = []
    real = store.StreamingCompaction.finish

    def finish(self):
        finished.append(n := real(self))
        return n

    monkeypatch.setattr(store.StreamingCompaction, "finish", finish)
    a = run_batch([src], tmp_path / "a", workers=1, chunk_docs=6, progress=False, report=False)
    assert finished == [7] and a.parts == 7  # 40 documents in chunks of 6, all merged while analysing
    assert not store.list_parts(tmp_path / "a")
    assert not list((tmp_path / "a").glob(".*.tmp"))

    # the same input compacted after the analysis, as before: the very same files
    monkeypatch.setattr(store, "StreamingCompaction", _Refuse)
    b = run_batch([src], tmp_path / "b", workers=1, chunk_docs=6, progress=False, report=False)
    assert b.parts == 7
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert pq.ParquetFile(tmp_path / "a" / "errors.parquet").metadata.num_rows == 1


class _Refuse:
    """A streaming compaction that merges nothing: every part is left to ``compact``."""

    def __init__(self, *_a, **_k) -> None:
        pass

    def done(self, part: str) -> None:
        pass

    def finish(self) -> None:
        return None

    def abort(self) -> None:
        pass


def test_an_extension_is_compacted_after_the_analysis(tmp_path, monkeypatch):
    src = _archive(tmp_path / "in" / "a.jsonl", 12)
    run_batch([src], tmp_path / "o", workers=1, chunk_docs=6, progress=False, report=False)
    made: list[object] = []
    monkeypatch.setattr(store, "StreamingCompaction", lambda *a, **k: made.append(a))
    more = _archive(tmp_path / "in" / "b.jsonl", 0)
    Path(more).write_text(Path(src).read_text("utf-8").replace('"d-', '"e-'), "utf-8")
    r = run_batch([src, more], tmp_path / "o", workers=1, chunk_docs=6, progress=False, report=False)
    assert made == [] and r.analysed == 12 and r.parts == 2
    assert pq.ParquetFile(tmp_path / "o" / "documents.parquet").metadata.num_rows == 24


def _part(out: Path, name: str, ids: list[str]) -> None:
    rows = {t: [] for t in DOC_TABLES}
    rows["errors"] = [{"doc_id": d, "path": d, "stage": "read", "error": "x", "sha256": d} for d in ids]
    store.write_part(out, name, rows=rows)


@pytest.mark.parametrize("names, ids, merged", [
    (["r-000000", "r-000001"], [["a"], ["b"]], 2),  # in sequence
    (["r-000001", "r-000000"], [["b"], ["a"]], 2),  # finished out of order: merged in name order
    (["r-000000", "r-000002"], [["a"], ["c"]], None),  # a chunk missing (its documents retried)
    (["r-000000", "r-000000-r0000"], [["a"], ["b"]], None),  # a retried document's own part
    (["r-000000", "r-000001"], [["a"], ["a"]], None),  # one doc_id in two parts
])
def test_fallback_to_compact(tmp_path, names, ids, merged):
    out = tmp_path / "o"
    out.mkdir()
    s = store.StreamingCompaction(out, "r")
    for name, these in zip(names, ids):
        _part(out, name, these)
        s.done(name)
    assert s.finish() == merged
    assert not list(out.glob(".*.tmp"))
    if merged is None:  # the parts are still there for compact(), which gives the tables
        assert len(store.list_parts(out)) == len(names)
        assert store.compact(out) == len(names)
    assert not store.list_parts(out)
    got = sorted(pq.read_table(out / "errors.parquet").column("doc_id").to_pylist())
    assert got == sorted({d for these in ids for d in these})


def test_an_analysis_that_fails_leaves_no_temporary_table(tmp_path, monkeypatch):
    import zongjie.batch.engines as engines

    def boom(*_a, **_k):
        raise RuntimeError("worker pool lost")

    monkeypatch.setattr(engines, "run_local", boom)
    src = _archive(tmp_path / "in" / "a.jsonl", 3)
    with pytest.raises(RuntimeError):
        run_batch([src], tmp_path / "o", workers=1, progress=False, report=False)
    assert not list((tmp_path / "o").glob(".*.tmp"))
