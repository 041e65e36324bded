"""Batch results kept compact, with a lazy view per department.

A batch of 100,000 departments must not become millions of small objects for the
garbage collector to walk. :class:`ScoredBatch` keeps numbers in flat ``array('d')``
buffers counted in quanta (exact integers: 0.01 points each when the pack rounds to two
places) — totals, group subtotals and, when asked to explain, every indicator's
points — plus one grade byte per department. Departments the exact engine scored keep
their :class:`~perfscore.Scorecard` (or the :class:`~perfscore.PerfscoreError` it raised).

``result[i]`` is a :class:`DepartmentResult`: a view that turns quanta into
:class:`~decimal.Decimal` on access, and materialises the full explanation — the same
scorecard :func:`perfscore.score` gives, every step and every figure's source — only
when asked (``.scorecard()``, ``.explain(id)``).
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any

from perfscore._core.decimals import CONTEXT, own_context
from perfscore._core.diagnostics import PerfscoreError, UsageError, diagnostic
from perfscore._core.scorecard import Scorecard
from perfscore.compiled.kernel import NO_GRADE, loop_plan
from perfscore.compiled.plan import CompiledPack

COMPILED, EXACT, PARTIAL, ERROR = "compiled", "exact", "partial", "error"


def from_quanta(value: float, decimals: int) -> Decimal | None:
    """Quanta as the Decimal the engine shows (``3000`` → ``Decimal("30.00")``); None for NaN."""
    if math.isnan(value):
        return None
    return Decimal(int(value)).scaleb(-decimals, CONTEXT)


class ScoredBatch:
    """Scores of many departments under one compiled pack, in input order."""

    __slots__ = ("_cards", "_exact", "compiled", "grades_index", "groups_q", "points_q", "records", "size", "totals_q")

    def __init__(
        self,
        compiled: CompiledPack,
        records: Sequence[Mapping[str, Any]] | None,
        totals_q: array[float],
        groups_q: array[float],
        grades_index: bytearray,
        points_q: array[float] | None,
        exact: dict[int, Scorecard | PerfscoreError],
    ) -> None:
        """Wrap the buffers :func:`~perfscore.compiled.score_batch` filled."""
        self.compiled = compiled
        self.records = records
        self.size = len(totals_q)
        self.totals_q = totals_q
        self.groups_q = groups_q
        self.grades_index = grades_index
        self.points_q = points_q
        self._exact = exact
        self._cards: dict[int, Scorecard] = {}

    def __len__(self) -> int:
        """The number of departments."""
        return self.size

    def __getitem__(self, index: int) -> DepartmentResult:
        """The lazy view of department ``index``."""
        if not -self.size <= index < self.size:
            raise IndexError(index)
        return DepartmentResult(self, index % self.size)

    def __iter__(self) -> Iterator[DepartmentResult]:
        """Every department, in input order."""
        return (DepartmentResult(self, index) for index in range(self.size))

    @property
    def explained(self) -> bool:
        """Whether every indicator's points were kept."""
        return self.points_q is not None

    def totals(self) -> tuple[Decimal | None, ...]:
        """Each department's total (None when partial or in error)."""
        decimals = self.compiled.decimals
        return tuple(from_quanta(value, decimals) for value in self.totals_q)

    def grades(self) -> tuple[str | None, ...]:
        """Each department's grade (None when partial, in error, or in no band)."""
        labels = self.compiled.grade_labels
        return tuple(None if index == NO_GRADE else labels[index] for index in self.grades_index)

    def group_scores(self, group_id: str) -> tuple[Decimal | None, ...]:
        """Each department's subtotal of group ``group_id``."""
        position = next((i for i, plan in enumerate(self.compiled.groups) if plan.group.id == group_id), None)
        if position is None:
            raise KeyError(group_id)
        width, decimals = len(self.compiled.groups), self.compiled.decimals
        return tuple(from_quanta(value, decimals) for value in self.groups_q[position::width])

    def status(self, index: int) -> str:
        """``compiled`` (the fast loop), ``exact`` (perfscore.score), ``partial`` or ``error``."""
        found = self._exact.get(index)
        if found is None:
            return COMPILED
        if isinstance(found, PerfscoreError):
            return ERROR
        return PARTIAL if found.partial else EXACT

    def counts(self) -> dict[str, int]:
        """How many departments each way scored."""
        counts = {COMPILED: self.size - len(self._exact), EXACT: 0, PARTIAL: 0, ERROR: 0}
        for index in self._exact:
            counts[self.status(index)] += 1
        return counts

    def errors(self) -> dict[int, PerfscoreError]:
        """The departments whose figures could not be used, with why."""
        return {index: found for index, found in self._exact.items() if isinstance(found, PerfscoreError)}

    def engine_result(self, index: int) -> Scorecard | PerfscoreError | None:
        """What perfscore.score gave for department ``index`` when the batch asked it."""
        return self._exact.get(index)

    def scorecard(self, index: int) -> Scorecard:
        """Department ``index``'s full scorecard, materialised once by the exact engine."""
        found = self._exact.get(index)
        if isinstance(found, PerfscoreError):
            raise found
        if found is not None:
            return found
        card = self._cards.get(index)
        if card is None:
            made = loop_plan(self.compiled).exact.department(self.record(index))
            if isinstance(made, PerfscoreError):  # pragma: no cover - the loop checked every figure it scored
                raise made
            card = self._cards[index] = made
        return card

    def record(self, index: int) -> Mapping[str, Any]:
        """The figures department ``index`` was scored from (kept when the batch explains)."""
        if self.records is None:
            raise UsageError([diagnostic("BATCH_NOT_EXPLAINED", index=index)])
        return self.records[index]

    def columns(self) -> dict[str, list[object]]:
        """Plain columns for a table: status, total, grade, then each group's subtotal (Decimals)."""
        decimals, width = self.compiled.decimals, len(self.compiled.groups)
        table: dict[str, list[object]] = {
            "status": [self.status(i) for i in range(self.size)],
            "total": list(self.totals()),
            "grade": list(self.grades()),
        }
        for position, plan in enumerate(self.compiled.groups):
            table[plan.group.id] = [from_quanta(v, decimals) for v in self.groups_q[position::width]]
        return table

    def to_pandas(self, *, long: bool = False, exact: bool = False) -> Any:  # noqa: ANN401 - pandas is optional
        """One row per department (status, total, grade, group subtotals), or with ``long=True`` one per indicator.

        Rows are numbered by ``index``, the position in the input. Score columns are
        float64 (NaN when missing) unless ``exact=True`` keeps the Decimals. The long form
        reads every indicator's points, which a batch keeps with ``explain=True``
        (``BATCH_NOT_EXPLAINED`` otherwise). Needs ``perfscore[pandas]``.
        """
        from perfscore._views.frames import NUMERIC, frame  # noqa: PLC0415 - pandas is an optional extra

        if long:
            leaves = {leaf.id: leaf for leaf in self.compiled.leaves}
            rows = [
                {
                    "index": i,
                    "id": key,
                    "name": leaves[key].name if key in leaves else None,
                    "weight": leaves[key].weight if key in leaves else None,
                    "score": value,
                }
                for i in range(self.size)
                for key, value in self[i].scores().items()
            ]
            return frame(rows, exact=exact, numeric=NUMERIC, feature="ScoredBatch.to_pandas()")
        table: dict[str, list[object]] = {"index": list(range(self.size)), **self.columns()}
        wide = [{key: values[i] for key, values in table.items()} for i in range(self.size)]
        numeric = {"total", *(plan.group.id for plan in self.compiled.groups)}
        return frame(wide, exact=exact, numeric=numeric, feature="ScoredBatch.to_pandas()")


class DepartmentResult:
    """One department of a batch: numbers on access, the explanation when asked."""

    __slots__ = ("batch", "index")

    def __init__(self, batch: ScoredBatch, index: int) -> None:
        """A view; nothing is copied."""
        self.batch = batch
        self.index = index

    @property
    def status(self) -> str:
        """How it was scored: ``compiled``, ``exact``, ``partial`` or ``error``."""
        return self.batch.status(self.index)

    @property
    def total(self) -> Decimal | None:
        """The total (None when partial or in error)."""
        return from_quanta(self.batch.totals_q[self.index], self.batch.compiled.decimals)

    @property
    def grade(self) -> str | None:
        """The grade (None when partial, in error, or in no band)."""
        index = self.batch.grades_index[self.index]
        return None if index == NO_GRADE else self.batch.compiled.grade_labels[index]

    @property
    def record(self) -> Mapping[str, Any]:
        """The figures this department was scored from, as a record (kept when the batch explains)."""
        return self.batch.record(self.index)

    def group_score(self, group_id: str) -> Decimal | None:
        """The subtotal of group ``group_id``."""
        compiled = self.batch.compiled
        for position, plan in enumerate(compiled.groups):
            if plan.group.id == group_id:
                value = self.batch.groups_q[self.index * len(compiled.groups) + position]
                return from_quanta(value, compiled.decimals)
        raise KeyError(group_id)

    def scores(self) -> dict[str, Decimal | None]:
        """Every indicator's score: from the kept points, else from the materialised scorecard."""
        batch, compiled = self.batch, self.batch.compiled
        if batch.points_q is not None and batch.engine_result(self.index) is None:
            width = len(compiled.leaves)
            start = self.index * width
            values = batch.points_q[start : start + width]
            return {leaf.id: from_quanta(v, compiled.decimals) for leaf, v in zip(compiled.leaves, values, strict=True)}
        card = self.scorecard()
        return {result.id: result.score for result in card.indicators()}

    def score(self, indicator_id: str) -> Decimal | None:
        """One indicator's score."""
        return self.scores()[indicator_id]

    def scorecard(self) -> Scorecard:
        """The full scorecard — what :func:`perfscore.score` gives for this record's figures."""
        return self.batch.scorecard(self.index)

    @own_context
    def explain(self, node_id: str, lang: str | None = None) -> str:
        """The chain total → group → indicator → rule → figure, as text."""
        return self.scorecard().explain(node_id, lang)

    def __repr__(self) -> str:
        """``<department 3: 87.25 良 (compiled)>``."""
        return f"<department {self.index}: {self.total} {self.grade} ({self.status})>"
