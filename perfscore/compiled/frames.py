"""Scoring dataframes: pandas in one process, Dask across many (``pip install perfscore[dask]``).

``score_frame(pack, frame)`` scores a pandas ``DataFrame`` whose columns are the pack's
figures (see :func:`~perfscore.compiled.compile_pack` for the names) and returns one row
per department, same index: ``status``, ``total``, ``grade`` and each group's subtotal,
totals as exact :class:`~decimal.Decimal`. It uses the vectorised path when NumPy is
there, which it is wherever pandas is.

``score_dask(pack, frame)`` does the same to a Dask dataframe with ``map_partitions``:
each partition is scored where it lives, by the same code, a chunk of rows at a time
(so a worker's memory holds its partition and one chunk's work), and the result equals
scoring the whole frame in one process. A table larger than any worker's memory is
scored as long as each partition fits (tests/test_dask.py scores one larger than a
worker's memory limit on a local cluster). Point Dask at a cluster the usual way — create a
``distributed.Client("tcp://scheduler:8786")`` before computing — perfscore adds no
distribution layer of its own. The compiled pack travels to the workers as its pack and
column names and is compiled again there.
"""

from __future__ import annotations

from typing import Any

from perfscore._core.decimals import own_context
from perfscore._core.model import Pack
from perfscore.compiled.plan import CompiledPack, compile_pack
from perfscore.extras import require


def result_columns(compiled: CompiledPack) -> list[str]:
    """The columns of a scored frame: status, total, grade, then each group's id."""
    return ["status", "total", "grade", *(plan.group.id for plan in compiled.groups)]


@own_context
def score_frame(pack: CompiledPack | Pack, frame: Any) -> Any:  # noqa: ANN401 - pandas objects
    """One row of scores per department of a pandas DataFrame (index kept); exact Decimals."""
    pandas = require("pandas", extra="pandas", feature="scoring a DataFrame")
    from perfscore.compiled.vector import score_arrays  # noqa: PLC0415 - loads NumPy

    compiled = pack if isinstance(pack, CompiledPack) else compile_pack(pack)
    result = score_arrays(compiled, frame)
    table = result.columns()
    return pandas.DataFrame(table, index=frame.index, columns=result_columns(compiled), dtype=object)


def meta(pack: CompiledPack | Pack) -> Any:  # noqa: ANN401 - a pandas DataFrame
    """An empty frame with the columns and types :func:`score_frame` returns (Dask's ``meta``)."""
    pandas = require("pandas", extra="pandas", feature="scoring a DataFrame")
    compiled = pack if isinstance(pack, CompiledPack) else compile_pack(pack)
    return pandas.DataFrame({name: pandas.Series([], dtype=object) for name in result_columns(compiled)})


@own_context
def score_dask(pack: CompiledPack | Pack, frame: Any) -> Any:  # noqa: ANN401 - Dask objects
    """Score a Dask dataframe partition by partition (lazy: call ``.compute()``)."""
    require("dask.dataframe", extra="dask", feature="scoring a Dask dataframe")
    compiled = pack if isinstance(pack, CompiledPack) else compile_pack(pack)
    return frame.map_partitions(_score_partition, compiled, meta=meta(compiled))


PARTITION_CHUNK = 1 << 16  # rows scored at a time within a partition


def _score_partition(partition: Any, compiled: CompiledPack) -> Any:  # noqa: ANN401 - pandas objects
    """:func:`score_frame` on a partition, streamed a chunk of rows at a time, as ``map_partitions`` calls it.

    A worker then needs, beyond the partition itself, the memory of one chunk's scoring
    (the vectorised buffers) and of the result rows, whatever the partition's size.
    """
    if len(partition) <= PARTITION_CHUNK:
        return score_frame(compiled, partition)
    pandas = require("pandas", extra="pandas", feature="scoring a DataFrame")
    parts = (
        score_frame(compiled, partition.iloc[start : start + PARTITION_CHUNK])
        for start in range(0, len(partition), PARTITION_CHUNK)
    )
    return pandas.concat(list(parts))
