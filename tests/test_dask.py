"""Scoring a partitioned Dask dataframe on a local cluster gives the in-process result, row for row."""

from __future__ import annotations

import pytest
from test_compiled import RATIO_PACK
from test_vector import _records

import perfscore
from perfscore.compiled import compile_pack

dask = pytest.importorskip("dask", reason="Dask scoring needs the extra: pip install 'perfscore[dask]'")
dd = pytest.importorskip("dask.dataframe", reason="Dask scoring needs the extra: pip install 'perfscore[dask]'")
distributed = pytest.importorskip("distributed", reason="a local cluster needs: pip install 'perfscore[dask]'")
pandas = pytest.importorskip("pandas", reason="Dask dataframes need pandas: pip install 'perfscore[dask]'")


def test_dask_partitions_on_a_local_cluster_score_as_one_process() -> None:
    """map_partitions over 4 partitions on 2 worker processes equals score_frame on the whole frame."""
    from perfscore.compiled.frames import score_dask, score_frame  # noqa: PLC0415 - the extra under test

    pack = perfscore.load_pack_text(RATIO_PACK.format(decimals=2, mode="half_up"))
    compiled = compile_pack(pack)
    frame = pandas.DataFrame(_records(400))
    local = score_frame(compiled, frame)
    with (
        dask.config.set({"dataframe.convert-string": False}),  # keep mixed columns as they are, not as text
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        distributed.Client(cluster),
    ):
        remote = score_dask(compiled, dd.from_pandas(frame, npartitions=4)).compute()
    assert remote.equals(local)
    assert set(local["status"]) >= {"compiled", "partial"}
    assert local["total"].iloc[0] == score_frame(pack, frame.iloc[:1])["total"].iloc[0]
