"""Scoring many departments in pure Python, exactly, at the speed of a hand-written loop.

For each record: fetch its numeric columns in one call, check in a few more that they
are plain floats in range (:mod:`perfscore.compiled.rows`), score them with the
compiled loop, add up the groups over their leaf ranges, and grade the total — all in
whole quanta, stored in flat buffers. A department whose figures are missing, unusable
or not plain numbers is scored by :func:`perfscore.score` instead, and keeps its
scorecard or its error; either way every number equals the exact answer
(:func:`~perfscore.compiled.columns.figures_from_record`).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from itertools import islice
from typing import Any

from perfscore._core.decimals import own_context
from perfscore._core.diagnostics import PerfscoreError
from perfscore._core.model import Pack
from perfscore._core.scorecard import Scorecard
from perfscore.compiled.inputs import CompactRecords
from perfscore.compiled.kernel import NO_GRADE, loop_plan, run
from perfscore.compiled.plan import CompiledPack, compile_pack
from perfscore.compiled.result import DepartmentResult, ScoredBatch

_NAN = float("nan")
STREAM_CHUNK = 1024  # departments scored at a time by score_stream


@own_context
def score_batch(
    pack: CompiledPack | Pack, records: Iterable[Mapping[str, Any]], *, explain: bool = False
) -> ScoredBatch:
    """Score every record; keep each indicator's points too when ``explain`` is true.

    ``pack`` is a :class:`CompiledPack` (compile once, score many batches) or a pack.
    Records are mappings from column names (see :func:`compile_pack`) to numbers; any
    iterable will do. The batch reads each record once and keeps no reference to it.
    With ``explain`` it keeps the figures too, compactly
    (:class:`~perfscore.compiled.inputs.CompactRecords`, eight bytes a number), so any
    department's full scorecard can be made later; without, it keeps only the numbers
    (totals, subtotals, grades: a few dozen bytes a department), and only the departments
    perfscore.score scored have a scorecard.
    """
    return _score(pack, records, explain=explain, kept=None)


def _score(
    pack: CompiledPack | Pack,
    records: Iterable[Mapping[str, Any]],
    *,
    explain: bool,
    kept: Sequence[Mapping[str, Any]] | None,
) -> ScoredBatch:
    """:func:`score_batch`; ``kept`` is the records when the caller keeps them anyway (one department)."""
    compiled = pack if isinstance(pack, CompiledPack) else compile_pack(pack)
    if kept is None and explain:
        compact = CompactRecords(compiled)
        records, kept = compact.capture(records), compact
    rows = records
    exact = loop_plan(compiled).exact
    out = Buffers(compiled, explain=explain)

    def engine(index: int, record: Mapping[str, Any]) -> None:
        out.engine(index, exact.department(record))

    if compiled.engine_only is not None:
        for index, record in enumerate(rows):
            engine(index, record)
    else:
        run(compiled, rows, out, engine)  # type: ignore[arg-type]  # the loop only iterates
    return out.result(kept)


def score_stream(
    pack: CompiledPack | Pack, records: Iterable[Mapping[str, Any]], *, explain: bool = False, chunk: int = STREAM_CHUNK
) -> Iterator[DepartmentResult]:
    """Each department's result, in input order, from any iterable, in memory that does not grow with N.

    Records are read ``chunk`` at a time and scored as a small batch; a result keeps only
    its own chunk's compact buffers alive, so a generator of a million records streams
    through in the memory of one chunk (and of the results the caller keeps).
    """
    compiled = pack if isinstance(pack, CompiledPack) else compile_pack(pack)
    source = iter(records)
    while block := list(islice(source, chunk)):
        yield from score_batch(compiled, block, explain=explain)


@own_context
def score_one(pack: CompiledPack | Pack, record: Mapping[str, Any]) -> DepartmentResult:
    """One department with its full explanation at hand (kept points, scorecard on demand)."""
    records = (record,)  # one record: kept as it is (copying it compactly would cost more than scoring it)
    return _score(pack, records, explain=True, kept=records)[0]


class Buffers:
    """The flat buffers a batch fills: group sums and total, grade, and each leaf's points."""

    def __init__(self, compiled: CompiledPack, *, explain: bool) -> None:
        """Empty buffers for ``compiled``; ``explain`` keeps every leaf's points too."""
        self.compiled = compiled
        self.totals: array[float] = array("d")
        self.groups: array[float] = array("d")
        self.grades = bytearray()
        self.points: array[float] | None = array("d") if explain else None
        self.exact: dict[int, Scorecard | PerfscoreError] = {}

    def engine(self, index: int, found: Scorecard | PerfscoreError) -> None:
        """Store a department perfscore.score scored (its numbers where known, NaN elsewhere)."""
        if isinstance(found, PerfscoreError):
            _forget_frames(found)
        self.exact[index] = found
        card = found if isinstance(found, Scorecard) else None
        scores = {node.id: node.score for node in card.walk()} if card is not None else {}
        decimals = self.compiled.decimals

        def quanta(value: Decimal | None) -> float:
            return _NAN if value is None else float(value.scaleb(decimals))

        self.totals.append(quanta(card.total if card is not None else None))
        grade = card.grade if card is not None else None
        self.grades.append(self.compiled.grade_labels.index(grade) if grade is not None else NO_GRADE)
        self.groups.extend(quanta(scores.get(plan.group.id)) for plan in self.compiled.groups)
        if self.points is not None:
            self.points.extend(quanta(scores.get(leaf.id)) for leaf in self.compiled.leaves)

    def result(self, records: Sequence[Mapping[str, Any]] | None) -> ScoredBatch:
        """The finished batch."""
        return ScoredBatch(self.compiled, records, self.totals, self.groups, self.grades, self.points, self.exact)


def _forget_frames(error: BaseException) -> None:
    """Drop an error's tracebacks (kept with a batch, their frames would keep the caller's records alive)."""
    seen: BaseException | None = error
    while seen is not None:
        seen.__traceback__ = None
        seen = seen.__cause__ or seen.__context__
