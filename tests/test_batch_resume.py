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


def _broken_inputs(root: Path) -> list[str]:
    """Four readable documents and two broken files (a truncated .docx, a .pdf without pages)."""
    inputs = make_many(root, 4)
    (root / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip archive")
    (root / "broken.pdf").write_bytes(b"%PDF-1.4\n% no objects, no pages\n%%EOF\n")
    return inputs + [str(root / "broken.docx"), str(root / "broken.pdf")]


def _snapshot(out: Path) -> dict:
    return {name: read_sorted(out, name) for name in ALL_TABLES}


def _same_tables(a: dict, b: dict) -> None:
    for name in ALL_TABLES:
        assert len(a[name]) == len(b[name]), name
        assert a[name].equals(b[name]), name


def test_resume_with_broken_files_analyses_nothing_and_keeps_the_outputs(tmp_path, monkeypatch):
    import zongjie.batch.engines as engines

    inputs = _broken_inputs(tmp_path / "in")
    out = tmp_path / "out"
    first = run_batch(inputs, out, workers=1, progress=False)
    assert (first.analysed, first.errors, first.rebuilt) == (4, 2, True)
    before = _snapshot(out)
    assert sorted(before["errors"]["stage"]) == ["read", "read"]
    assert before["errors"]["sha256"].notna().all()  # errors are keyed by content like documents
    outputs = {p: p.stat().st_mtime_ns for p in (out / "zongjie.duckdb", out / "report.html")}

    chunks_sent: list[dict] = []
    real_run_local = engines.run_local

    def spy(chunks, *a, **kw):
        chunks = list(chunks)
        chunks_sent.extend(chunks)
        return real_run_local(chunks, *a, **kw)

    monkeypatch.setattr(engines, "run_local", spy)
    again = run_batch(inputs, out, workers=1, progress=False)
    assert chunks_sent == []  # nothing re-read into a chunk, nothing re-analysed
    assert (again.analysed, again.errors, again.parts) == (0, 0, 0)
    assert (again.skipped, again.skipped_errors) == (6, 2)
    assert not again.rebuilt  # the output phase was skipped …
    assert {p: p.stat().st_mtime_ns for p in outputs} == outputs
    _same_tables(before, _snapshot(out))  # … and the tables are those of the first run

    # --retry-errors analyses the broken files again; they fail the same way, so the tables
    # are unchanged and the outputs are not rebuilt although a part was compacted
    retried = run_batch(inputs, out, workers=1, progress=False, retry_errors=True)
    assert [len(c["items"]) for c in chunks_sent] == [2]
    assert (retried.analysed, retried.errors, retried.parts, retried.skipped) == (0, 2, 1, 4)
    assert not retried.rebuilt
    assert {p: p.stat().st_mtime_ns for p in outputs} == outputs
    _same_tables(before, _snapshot(out))


def test_broken_file_with_new_content_is_read_again(tmp_path):
    inputs = _broken_inputs(tmp_path / "in")
    out = tmp_path / "out"
    run_batch(inputs, out, workers=1, progress=False, report=False)
    (tmp_path / "in" / "broken.docx").write_bytes(b"PK\x03\x04 still broken, other bytes")
    res = run_batch(inputs, out, workers=1, progress=False, report=False)
    assert (res.analysed, res.errors, res.skipped_errors) == (0, 1, 1)
    assert res.rebuilt  # the errors table changed: its sha256
    errors = read_sorted(out, "errors")
    assert len(errors) == 2 and not errors.duplicated(["doc_id"]).any()


def test_cli_rerun_of_only_broken_inputs_still_exits_2(tmp_path):
    from typer.testing import CliRunner
    from zongjie.cli.main import app

    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 not a zip")
    args = ["batch", str(bad), "--out", str(tmp_path / "o"), "--workers", "1", "--quiet", "--no-report"]
    first, again = CliRunner().invoke(app, args), CliRunner().invoke(app, args)
    assert (first.exit_code, again.exit_code) == (2, 2)  # the error is cached, not forgotten
    assert "no readable document" in again.output
    retried = CliRunner().invoke(app, [*args, "--retry-errors"])
    assert retried.exit_code == 2
