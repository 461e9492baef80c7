"""notebooks/archive_analysis.ipynb runs top to bottom against a small batch output made here."""

from __future__ import annotations

import os
from pathlib import Path

import ipykernel  # noqa: F401
import nbclient
import nbformat
import pyarrow  # noqa: F401
from zongjie.batch.run import run_batch  # noqa: E402

from tests.test_batch_support import make_archive  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "archive_analysis.ipynb"


def test_archive_analysis_notebook_executes(tmp_path, monkeypatch):
    arch = make_archive(tmp_path / "in")
    out = tmp_path / "out"
    run_batch(arch["inputs"], out, workers=1, progress=False, report=False)
    monkeypatch.setenv("ZONGJIE_BATCH_OUT", str(out))
    monkeypatch.setenv("PYTHONPATH", str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=180, kernel_name="python3",
                                     resources={"metadata": {"path": str(tmp_path)}})
    client.execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    text = "".join(str(o.get("data", {}).get("text/html", "")) + str(o.get("text", "")) for o in outputs)
    assert "near-copy pairs" in text and "青溪县统计局" in text
