"""A scorecard's numbers read from its pending records, without building its result objects.

Scoring leaves each indicator and group as a record (:mod:`perfscore._core.laterresults`)
and builds the :class:`~perfscore._core.scorecard.IndicatorResult` objects, with their
steps and traced figures, only when someone reads them. Two readers need only numbers:
the check against a figures file's ``published`` block (:func:`~perfscore._core.reconcile.reconcile`)
and a batch row (each group's subtotal). Building forty results for them cost more than
scoring (issue 13, B4r), so they read these views instead: the same ids, paths, names,
weights as shown, scores, ranges, statuses and measures a built result carries.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any, NamedTuple, Protocol

from perfscore._core.laterresults import Pending, PendingGroup, Record, walk_records
from perfscore._core.scorecard import GroupNumbers, GroupResult, IndicatorResult, Status


class IndicatorNumbers(Protocol):
    """What a numbers-only reader reads of an indicator's result."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def path(self) -> tuple[str, ...]: ...
    @property
    def weight(self) -> Decimal: ...
    @property
    def score(self) -> Decimal | None: ...
    @property
    def low(self) -> Decimal: ...
    @property
    def high(self) -> Decimal: ...
    @property
    def status(self) -> Status: ...
    @property
    def measures(self) -> tuple[tuple[str, Decimal], ...]: ...


class NodeNumbers(Protocol):
    """What a numbers-only reader reads of a group's or an indicator's result."""

    @property
    def id(self) -> str: ...
    @property
    def path(self) -> tuple[str, ...]: ...
    @property
    def score(self) -> Decimal | None: ...


class CardNumbers(Protocol):
    """What :func:`~perfscore._core.reconcile.reconcile` reads of a scorecard."""

    @property
    def total(self) -> Decimal | None: ...
    @property
    def low(self) -> Decimal: ...
    @property
    def high(self) -> Decimal: ...
    @property
    def grade(self) -> str | None: ...
    @property
    def grades_possible(self) -> tuple[str, ...]: ...
    @property
    def partial(self) -> bool: ...
    def node(self, node_id: str) -> NodeNumbers | None: ...
    def measured(self, name: str) -> Iterator[tuple[str, Decimal]]: ...
    def partial_indicators(self) -> tuple[IndicatorNumbers, ...]: ...


class _Indicator(NamedTuple):
    """An indicator record's numbers, as its built result would show them."""

    id: str
    name: str
    path: tuple[str, ...]
    weight: Decimal
    score: Decimal | None
    low: Decimal
    high: Decimal
    status: Status
    measures: tuple[tuple[str, Decimal], ...]


_indicator: Callable[[tuple[Any, ...]], _Indicator] = functools.partial(tuple.__new__, _Indicator)


def _view(record: Record) -> _Indicator | GroupNumbers | IndicatorResult | GroupResult:
    if isinstance(record, Pending):
        plan = record.plan
        node = plan.node
        return _indicator(
            (
                node.id,
                node.name,
                plan.path,
                record.shown,
                record.score,
                record.low,
                record.high,
                record.status,
                record.measures,
            )
        )
    if isinstance(record, PendingGroup):
        group = record.plan.node
        return GroupNumbers(
            group.id, group.name, record.plan.path, record.weight, record.score, record.low, record.high, record.status
        )
    return record


class RecordCard:
    """A scorecard's totals and its records' numbers: what reconciling with published figures reads."""

    def __init__(
        self,
        records: tuple[Record, ...],
        *,
        total: Decimal | None,
        low: Decimal,
        high: Decimal,
        grade: str | None,
        grades_possible: tuple[str, ...],
    ) -> None:
        """Keep the records and the totals scoring worked out (each record's numbers are read when asked for)."""
        self.total, self.low, self.high = total, low, high
        self.grade, self.grades_possible = grade, grades_possible
        self._records = tuple(walk_records(records))  # depth-first in pack order
        self._by_id: dict[str, Record] | None = None
        self._indicators: tuple[Pending | IndicatorResult, ...] | None = None

    @property
    def partial(self) -> bool:
        """Whether only a range of totals is known."""
        return self.total is None

    def node(self, node_id: str) -> NodeNumbers | None:
        """The numbers of the group or indicator ``node_id``, or None."""
        if self._by_id is None:
            self._by_id = {}
            for record in self._records:
                self._by_id.setdefault(record.id, record)  # the first in pack order, as Scorecard.node finds it
        found = self._by_id.get(node_id)
        return None if found is None else _view(found)

    def measured(self, name: str) -> Iterator[tuple[str, Decimal]]:
        """Each indicator's id and value of its measure ``name``, in pack order, for those that measured it."""
        for record in self._indicator_records():
            for key, value in record.measures:
                if key == name:
                    yield record.id, value

    def partial_indicators(self) -> tuple[IndicatorNumbers, ...]:
        """The numbers of the indicators whose figures were missing (a range of points), in pack order."""
        return tuple(
            _view(record)  # type: ignore[misc]
            for record in self._indicator_records()
            if record.status is Status.PARTIAL
        )

    def _indicator_records(self) -> tuple[Pending | IndicatorResult, ...]:
        """The indicators' records (their numbers are read only for those a reader asks about)."""
        if self._indicators is None:
            self._indicators = tuple(
                record for record in self._records if isinstance(record, Pending | IndicatorResult)
            )
        return self._indicators
