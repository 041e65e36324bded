"""Compiled scoring: many departments at the speed of a hand-written loop, exactly.

``compile_pack(pack)`` lays a pack out as flat tuples per rule kind;
``score_batch(compiled, records)`` scores records (one mapping of columns per
department) in pure Python into compact arrays, keeping no reference to them;
``score_stream(compiled, records)`` yields each department's result from any iterable in
memory that does not grow with N; and ``score_one`` scores one department with its full
explanation at hand. Every number equals what :func:`perfscore.score` gives for the
same figures (:func:`figures_from_record` defines how a record is read); departments
the fast loop cannot take are scored by :func:`perfscore.score` itself.

With NumPy installed (``pip install perfscore[fast]``), ``score_arrays`` scores
columns (arrays, a pandas DataFrame) or records vectorised, with the same exact
answers; ``perfscore.compiled.frames`` scores pandas and Dask dataframes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from perfscore.compiled.batch import score_batch, score_one, score_stream
from perfscore.compiled.columns import FigureColumn
from perfscore.compiled.plan import CompiledPack, compile_pack
from perfscore.compiled.result import DepartmentResult, ScoredBatch

if TYPE_CHECKING:
    from collections.abc import Mapping

    from perfscore._core.figures import Figures


def figures_from_record(compiled: CompiledPack, record: Mapping[str, Any]) -> Figures:
    """The exact reading of one record under ``compiled``'s columns (the definition of the exact answer)."""
    from perfscore.compiled.columns import figures_from_record as read  # noqa: PLC0415 - loads the figures loader

    return read(compiled.figure_columns, record)


def __getattr__(name: str) -> Any:  # noqa: ANN401 - module attributes of any kind
    """Load the vectorised path (NumPy) only when it is used."""
    if name == "score_arrays":
        from perfscore.compiled import vector  # noqa: PLC0415 - NumPy loads only here

        return getattr(vector, name)
    raise AttributeError(f"module 'perfscore.compiled' has no attribute {name!r}")


__all__ = [
    "CompiledPack",
    "DepartmentResult",
    "FigureColumn",
    "ScoredBatch",
    "compile_pack",
    "figures_from_record",
    "score_arrays",
    "score_batch",
    "score_one",
    "score_stream",
]
