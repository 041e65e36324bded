"""Vectorised batch scoring with NumPy (``pip install perfscore[fast]``): columns or records in.

``score_arrays(pack, data)`` takes columns — a mapping from column name to a 1-D array,
which a pandas ``DataFrame`` is — or a list of records, and scores the departments a
chunk at a time, leaf by leaf (:mod:`perfscore.compiled.vectorkernel`). The answer is the exact one,
number for number, as :func:`~perfscore.compiled.score_batch` gives it: values are read
as the records path reads them (a float64 is the Decimal of its shortest repr, NaN is
missing), points near a rounding edge are settled by the pack's own rule in Decimal,
and a department the vectorised loop cannot take (a missing or unusable figure, a level or a
reason to check, a rule without a vectorised form) is scored the pure-Python way,
which asks :func:`perfscore.score` when it must. The result is a
:class:`~perfscore.compiled.ScoredBatch` whose buffers are NumPy arrays. Below
:data:`SMALL` departments one vectorised pass costs more than the loop, so
``score_arrays`` answers with :func:`~perfscore.compiled.score_batch` itself: never
slower than it, at any size.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from marshal import dumps
from typing import Any, cast

from perfscore._core.decimals import own_context
from perfscore._core.diagnostics import PerfscoreError
from perfscore._core.model import Pack
from perfscore._core.scorecard import Scorecard
from perfscore.compiled.batch import Buffers, score_batch
from perfscore.compiled.columns import is_missing
from perfscore.compiled.kernel import loop_plan, run
from perfscore.compiled.plan import CompiledPack, compile_pack
from perfscore.compiled.result import ScoredBatch
from perfscore.compiled.rows import HIGHEST, normalised
from perfscore.extras import require

Array = Any  # numpy.ndarray; NumPy is imported only once the vectorised path is asked for
CHUNK = 1 << 16  # departments per chunk: fewer, longer passes beat cache-sized ones here (see bench)
_PLAIN_SEQUENCES = (list, tuple)
# score_batch without its own decimal context: score_arrays has already entered it, and a
# second context switch is a measurable share of scoring a few departments (bench B6).
_batch_in_context: Callable[..., ScoredBatch] = score_batch.__wrapped__  # type: ignore[attr-defined]

SMALL = 64  # below this many departments the pure-Python loop wins (bench/run.py measures both)
RECORD_BLOCK = 4096  # records marshalled at a time when read into columns
_FLOAT_MARK = ord("g")  # marshal writes a float as b"g" and its 8 bytes, little-endian


def numpy() -> Any:  # noqa: ANN401 - the module
    """NumPy (loaded only when the vectorised path is used), or ``EXTRA_MISSING`` naming ``perfscore[fast]``."""
    return require("numpy", extra="fast", feature="vectorised scoring (score_arrays)")


@own_context
def score_arrays(  # noqa: C901 - the small cases return first, then one vectorised pass
    pack: CompiledPack | Pack, data: Mapping[str, Any] | Sequence[Mapping[str, Any]], *, explain: bool = False
) -> ScoredBatch:
    """Score columns (arrays, a DataFrame) or records, vectorised; exact as :func:`score_batch`."""
    np = numpy()  # the vectorised path needs it, whatever the size: say so now
    if type(data) in _PLAIN_SEQUENCES and len(data) < SMALL:  # the commonest small case, at the loop's own cost
        return _batch_in_context(pack, cast("Sequence[Mapping[str, Any]]", data), explain=explain)
    from perfscore.compiled.percentguard import mark_ambiguous, percent_guard, printed_rate_columns  # noqa: PLC0415
    from perfscore.compiled.vectorkernel import Scratch, check_column, score_chunk, vector_plan  # noqa: PLC0415

    compiled = pack if isinstance(pack, CompiledPack) else compile_pack(pack)
    columnar = isinstance(data, Mapping) or hasattr(data, "columns")
    records = _records_of(compiled, data, columnar=columnar)
    if len(records) < SMALL:  # a vectorised pass costs more than the loop on a few departments
        rows = (records[i] for i in range(len(records))) if columnar else records
        return _batch_in_context(compiled, rows, explain=explain)
    if columnar:
        columns = [_as_float(np, data, name, len(records)) for name in compiled.numeric_columns]
    else:
        columns = _from_records(np, compiled, records)
    size = len(records)
    plan, loop = vector_plan(compiled), loop_plan(compiled)
    totals, grades = np.empty(size), np.empty(size, dtype=np.uint8)
    groups = np.empty((size, len(compiled.groups)))
    points = np.empty((size, len(compiled.leaves))) if explain else None
    slow = _given_texts(np, compiled, data, records, size)
    mark_ambiguous(np, percent_guard(compiled), columns, slow)  # see perfscore.compiled.percentguard
    for name in printed_rate_columns(compiled):  # a printed 执行率 is read by perfscore.score only
        if columnar and name not in data:
            continue
        slow |= np.array([record.get(name) is not None for record in records], dtype=bool)
    if compiled.engine_only is not None or loop.exact_leaves or plan.percent or not plan.constants_valid:
        slow[:] = True
    width = min(CHUNK, max(size, 1))
    scratch = Scratch(len(compiled.leaves) if explain else 1, len(compiled.groups) + 1, width)
    for source in plan.columns:
        check_column(columns[source], slow)
    inputs: list[Any] = [*([None] * len(columns)), *compiled.constants]
    for start in range(0, size, CHUNK):
        stop = min(start + CHUNK, size)
        bad = slow[start:stop]  # a view: departments found unusable are marked in place
        for source in plan.columns:
            inputs[source] = columns[source][start:stop]
        sums = score_chunk(plan, inputs, bad, scratch, loop.exact.from_values)
        groups[start:stop] = sums[:-1].T
        totals[start:stop] = sums[-1]
        grades[start:stop] = plan.grade_of[np.searchsorted(plan.grade_edges, sums[-1], side="right")]
        if points is not None:
            points[start:stop] = scratch.points[:, : stop - start].T
    engine: dict[int, Scorecard | PerfscoreError] = {}
    for index in np.flatnonzero(slow).tolist():
        _one_by_one(compiled, records[index], index, (totals, groups, grades, points), engine)
    flat_points = None if points is None else points.reshape(-1)
    return ScoredBatch(compiled, records, totals, groups.reshape(-1), grades, flat_points, engine)


def _records_of(compiled: CompiledPack, data: Any, *, columnar: bool) -> Sequence[Mapping[str, Any]]:  # noqa: ANN401
    """The departments as records: the records given, or columns seen as records."""
    if columnar:
        return ColumnRecords(data, [c.column for c in compiled.figure_columns])
    return data if isinstance(data, Sequence) else list(data)


def _one_by_one(
    compiled: CompiledPack,
    record: Mapping[str, Any],
    index: int,
    arrays: tuple[Array, Array, Array, Array | None],
    engine: dict[int, Scorecard | PerfscoreError],
) -> None:
    """Score one department the pure-Python way (which asks the exact engine when it must)."""
    totals, groups, grades, points = arrays
    out = Buffers(compiled, explain=points is not None)
    exact = loop_plan(compiled).exact
    run(compiled, [record], out, lambda _, found: out.engine(0, exact.department(found)))
    totals[index], groups[index], grades[index] = out.totals[0], out.groups, out.grades[0]
    if points is not None and out.points is not None:
        points[index] = out.points
    if 0 in out.exact:
        engine[index] = out.exact[0]


def _as_float(np: Any, data: Any, name: str, size: int) -> Array:  # noqa: ANN401
    """A column as float64 holding exactly its values; NaN where the vectorised loop must not take it."""
    try:
        values = np.asarray(data[name])
    except KeyError:
        return np.full(size, np.nan)
    kind = values.dtype.kind
    if kind == "f" and values.dtype.itemsize <= 8:  # noqa: PLR2004 - float64 and narrower; contiguous for the loop
        return np.ascontiguousarray(values, dtype=np.float64)
    if kind in "iu":
        out = values.astype(np.float64)
        out[np.abs(out) >= HIGHEST] = np.nan
        return out
    out = np.full(len(values), np.nan)  # objects, booleans, text: each value the way records are read
    for index, value in enumerate(values.tolist()):
        found = normalised((value,))
        if found is not None:
            out[index] = found[0]
    return out


def _from_records(np: Any, compiled: CompiledPack, records: Sequence[Mapping[str, Any]]) -> list[Array]:  # noqa: ANN401
    """The numeric columns of a list of records; plain floats are checked in C a block at a time.

    ``marshal`` (version 2) writes a list of tuples as ``[`` and a 4-byte count, then each
    tuple as ``(``, its count and its values, a float as ``g`` and its eight bytes. When
    every tuple and every value has that shape, the floats are read where they lie. The
    columns are rows of one matrix, each contiguous: the vectorised loop reads them leaf
    by leaf.
    """
    row_of, names = compiled.row, compiled.numeric_columns
    width = len(names)
    matrix = np.empty((width, len(records)))
    if width == 0:
        return []
    head = np.frombuffer(b"(" + width.to_bytes(4, "little"), dtype=np.uint8)
    layout = np.dtype([("head", np.uint8, 5), ("cells", [("mark", np.uint8), ("value", "<f8")], (width,))])
    for start in range(0, len(records), RECORD_BLOCK):
        chunk = records[start : start + RECORD_BLOCK]
        try:
            rows = list(map(row_of, chunk))
        except KeyError:
            rows = [tuple(map(record.get, names)) for record in chunk]
        try:
            data = dumps(rows, 2)
        except ValueError:
            data = b""
        if len(data) == 5 + layout.itemsize * len(rows):
            found = np.frombuffer(data, dtype=layout, offset=5)
            if (found["head"] == head).all() and (found["cells"]["mark"] == _FLOAT_MARK).all():
                matrix[:, start : start + len(chunk)] = found["cells"]["value"].T
                continue
        for offset, row in enumerate(rows):
            plain = normalised(row)
            matrix[:, start + offset] = plain if plain is not None else np.nan
    return list(matrix)


def _given_texts(
    np: Any,  # noqa: ANN401
    compiled: CompiledPack,
    data: Any,  # noqa: ANN401
    records: Sequence[Mapping[str, Any]],
    size: int,
) -> Array:
    """Departments that give a level or a reason (the pure-Python loop checks those)."""
    names = compiled.text_columns()
    given = np.zeros(size, dtype=bool)
    if isinstance(records, ColumnRecords):
        for name in names:
            try:
                column = list(data[name])
            except KeyError:
                continue
            given |= np.fromiter((not is_missing(value) for value in column), dtype=bool, count=size)
        return given
    if names:
        for index, record in enumerate(records):
            given[index] = any(not is_missing(record.get(name)) for name in names)
    return given


class ColumnRecords(Sequence[Mapping[str, Any]]):
    """Columns seen as records, one made at a time when the exact path needs it."""

    def __init__(self, data: Any, names: Sequence[str]) -> None:  # noqa: ANN401 - columns or a DataFrame
        """Wrap ``data``; a record holds the ``names`` present in it."""
        self._columns: dict[str, Any] = {}
        for name in names:
            try:
                self._columns[name] = data[name]
            except KeyError:
                continue
        shape = getattr(data, "shape", None)
        if shape is not None:
            self._size = int(shape[0])
        else:
            first = next(iter(data.values()), ()) if isinstance(data, Mapping) else ()
            self._size = len(first)

    def __len__(self) -> int:
        """The number of departments."""
        return self._size

    def __getitem__(self, index: int) -> dict[str, Any]:  # type: ignore[override]  # positions only
        """Department ``index`` as a record."""
        return {name: _item(column, index) for name, column in self._columns.items()}


def _item(column: Any, index: int) -> Any:  # noqa: ANN401
    """One value of a column: a pandas Series by position, an array by index."""
    locate = getattr(column, "iloc", None)
    return locate[index] if locate is not None else column[index]


__all__ = ["ColumnRecords", "score_arrays"]
