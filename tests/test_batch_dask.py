"""The Dask engine: the same job on a 2-worker LocalCluster gives the same tables as the local engine."""

from __future__ import annotations

import distributed  # noqa: F401
import pyarrow  # noqa: F401
from zongjie.batch.run import run_batch  # noqa: E402
from zongjie.batch.schema import ALL_TABLES  # noqa: E402

from tests.test_batch_support import make_archive, read_sorted  # noqa: E402


def test_dask_local_cluster_matches_local_engine(tmp_path):
    arch = make_archive(tmp_path / "in")
    d = run_batch(arch["inputs"], tmp_path / "dask", workers=2, engine="dask", progress=False,
                  chunk_docs=2, cluster_kwargs={"processes": False})
    # (the errors rows say why, should a document fail on a threaded worker)
    assert (d.analysed, d.errors) == (arch["documents"], arch["errors"]), \
        read_sorted(tmp_path / "dask", "errors").to_dict("records")
    loc = run_batch(arch["inputs"], tmp_path / "local", workers=1, progress=False, chunk_docs=3)
    assert loc.analysed == d.analysed
    for name in ALL_TABLES:
        a, b = read_sorted(tmp_path / "dask", name), read_sorted(tmp_path / "local", name)
        assert a.equals(b), name
    assert (tmp_path / "dask" / "report.html").exists()
    assert (tmp_path / "dask" / "zongjie.duckdb").exists()
    # a rerun on Dask resumes like the local engine
    again = run_batch(arch["inputs"], tmp_path / "dask", workers=2, engine="dask", progress=False,
                      cluster_kwargs={"processes": False})
    # finished documents and inputs that failed with the same content are both skipped
    assert (again.analysed, again.skipped, again.skipped_errors) == (0, arch["documents"] + arch["errors"], arch["errors"])


def test_dask_existing_scheduler(tmp_path):
    arch = make_archive(tmp_path / "in")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        res = run_batch(arch["inputs"], tmp_path / "out", engine="dask", scheduler=cluster.scheduler_address,
                        progress=False, report=False)
    assert res.analysed == arch["documents"] and res.errors == arch["errors"]
    assert read_sorted(tmp_path / "out", "documents")["doc_id"].is_unique
