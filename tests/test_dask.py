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


COLUMNS = ("pos", "rev", "lin")
WIDTH = 300  # columns of other data per partition, which the pack does not read
ROWS = 10_000  # rows per partition: 10,000 × 309 float64 ≈ 25 MB
PARTITIONS = 28  # ≈ 690 MB in all
#: A worker with pandas, NumPy, Dask and perfscore imported already holds ~250 MB, so the limit
#: leaves room for a partition (~25 MB) and its scoring; the table is still 1.4× one worker's limit.
WORKER_LIMIT = 448 * 2**20
#: Paused workers never resume (a hang, not a failure) and spilling hides what the test measures:
#: both off; a worker over 95% of its limit is still killed by its nanny, which fails the test.
NO_PAUSE = {
    "distributed.worker.memory.pause": False,
    "distributed.worker.memory.spill": False,
    "distributed.worker.memory.target": False,
}
CLUSTER_SECONDS = 300  # the cluster's work is bounded: a stuck worker fails the test, it does not hang CI


def _partition(seed: int) -> pandas.DataFrame:
    """One partition, made where it is used (on a worker): the pack's figures and a wide block of other data."""
    import numpy as np  # noqa: PLC0415

    rng = np.random.default_rng(seed)
    data = {f"other{j}": np.full(ROWS, float(j)) for j in range(WIDTH)}  # memory in use, cheaply
    for name in COLUMNS:
        data[f"{name}:actual"] = np.round(rng.uniform(0, 150, ROWS), 2)
        data[f"{name}:target"] = np.round(rng.uniform(1, 120, ROWS), 2)
    data["judged:score"] = np.round(rng.uniform(0, 1.5, ROWS), 3)
    data["amounts:budget.executed"] = np.round(rng.uniform(0, 120, ROWS), 2)
    data["amounts:budget.adjusted"] = np.full(ROWS, 100.0)
    return pandas.DataFrame(data)


def test_a_table_larger_than_a_workers_memory_is_scored_on_a_cluster() -> None:
    """Three workers of 448 MiB each score a 690 MB table, partition by partition, as one process would."""
    from perfscore.compiled.frames import score_dask, score_frame  # noqa: PLC0415 - the extra under test

    pack = perfscore.load_pack_text(RATIO_PACK.format(decimals=2, mode="half_up"))
    compiled = compile_pack(pack)
    size = ROWS * (WIDTH + 9) * 8 * PARTITIONS
    assert size > 1.4 * WORKER_LIMIT  # the table does not fit in one worker
    expected_grades: dict[object, int] = {}
    expected_total = 0
    for seed in range(PARTITIONS):  # one partition at a time here too
        local = score_frame(compiled, _partition(seed))
        for grade, count in local["grade"].value_counts(dropna=False).items():
            expected_grades[grade] = expected_grades.get(grade, 0) + count
        expected_total += sum(total for total in local["total"] if total is not None)
    with (
        dask.config.set(NO_PAUSE),
        distributed.LocalCluster(
            n_workers=3, threads_per_worker=1, processes=True, memory_limit=WORKER_LIMIT, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        assert all(worker.memory_manager.memory_limit == WORKER_LIMIT for worker in cluster.workers.values())
        frame = dd.from_map(_partition, list(range(PARTITIONS)), meta=_partition(0).iloc[:0])
        scored = score_dask(compiled, frame)
        futures = client.compute(
            [
                scored["grade"].value_counts(dropna=False),
                scored["total"].map_partitions(_exact_sum, meta=("total", object)),
            ]
        )
        distributed.wait(futures, timeout=CLUSTER_SECONDS)
        grades, sums = client.gather(futures)
    assert dict(grades.items()) == expected_grades
    assert sum(sums) == expected_total  # Decimals, added exactly


def _exact_sum(totals: pandas.Series) -> pandas.Series:
    """A partition's totals added as Decimals (NumPy cannot add object columns)."""
    return pandas.Series([sum(total for total in totals if total is not None)], dtype=object)
