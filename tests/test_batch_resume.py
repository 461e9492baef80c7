"""Resume: `kill -9` in the middle of a batch run, rerun, and get exactly the tables of an
uninterrupted run; nothing already written is lost."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow  # noqa: F401
from zongjie.batch.run import run_batch  # noqa: E402
from zongjie.batch.schema import ALL_TABLES  # noqa: E402

from tests.test_batch_support import make_many, read_sorted  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
N = 24

SCRIPT = """
import sys
from zongjie.batch.run import run_batch
if __name__ == "__main__":
    run_batch(sys.argv[2:], sys.argv[1], workers=1, chunk_docs=1, progress=False)
"""


def _parts(out: Path) -> list[Path]:
    base = out / ".parts"
    return sorted(p for p in base.iterdir() if not p.name.startswith(".")) if base.is_dir() else []


def test_kill_9_then_rerun_gives_the_uninterrupted_tables(tmp_path):
    inputs = make_many(tmp_path / "in", N)
    killed = tmp_path / "killed"
    script = tmp_path / "run.py"
    script.write_text(SCRIPT, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.Popen([sys.executable, str(script), str(killed), *inputs], cwd=ROOT, env=env,
                            start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while len(_parts(killed)) < 3:
            assert proc.poll() is None, proc.stderr.read().decode()
            assert time.monotonic() < deadline, "no parts written"
            time.sleep(0.05)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the run and its workers, like `kill -9`
        proc.wait()
    written = {p.name for p in _parts(killed)}
    assert len(written) >= 3 and not (killed / "documents.parquet").exists()

    res = run_batch(inputs, killed, workers=1, chunk_docs=4, progress=False)
    assert res.skipped >= len(written)  # finished parts are not redone …
    assert res.analysed + res.skipped == N
    assert res.analysed < N

    ref = tmp_path / "ref"
    run_batch(inputs, ref, workers=2, chunk_docs=4, progress=False)
    for name in ALL_TABLES:
        a, b = read_sorted(killed, name), read_sorted(ref, name)
        assert len(a) == len(b), name
        assert a.equals(b), name  # … and the result is exactly the uninterrupted one
    assert len(read_sorted(killed, "documents")) == N


def test_changed_document_is_reanalysed_and_replaces_its_rows(tmp_path):
    inputs = make_many(tmp_path / "in", 3)
    out = tmp_path / "out"
    run_batch(inputs, out, workers=1, progress=False)
    p = Path(inputs[0])
    lines = p.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace("编号1。", "编号1。统计数据核对无误。")
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    res = run_batch(inputs, out, workers=1, progress=False)
    assert (res.analysed, res.skipped) == (1, 2)
    docs = read_sorted(out, "documents")
    assert list(docs["doc_id"]) == ["doc-000", "doc-001", "doc-002"]
    secs = read_sorted(out, "sections")
    assert not secs.duplicated(["doc_id", "section_id"]).any()


def test_outputs_rebuilt_after_a_kill_between_compaction_and_report(tmp_path):
    inputs = make_many(tmp_path / "in", 2)
    out = tmp_path / "out"
    first = run_batch(inputs, out, workers=1, progress=False)
    assert first.rebuilt and not (out / ".outputs-stale").exists()
    assert not run_batch(inputs, out, workers=1, progress=False).rebuilt  # nothing to do
    (out / ".outputs-stale").touch()  # as left by a run killed after compacting
    (out / "zongjie.duckdb").unlink()
    again = run_batch(inputs, out, workers=1, progress=False)
    assert again.rebuilt and (out / "zongjie.duckdb").exists()
    assert not (out / ".outputs-stale").exists()
