"""A scorecard's result objects built when first read, from what scoring worked out.

Scoring works out every number, status and diagnostic of a scorecard at once (an error
must be raised by ``score``, and totals and warnings are what bulk scoring reads). The
per-indicator and per-group result objects with their steps and traced figures are for
people and views: building forty of them cost most of a call (issue 13, B5). So the
engine leaves each scored indicator as a :class:`Pending` record — the plan, the rule's
outcome, the figures it read — and the scorecard builds its ``children`` from them on
first read (:func:`perfscore._core.latertext.write_on_read`); equality, pickling,
``attrs.evolve`` and every view read the field by name and see exactly the objects an
eager build makes. Paths that rework a result (an override, a coefficient, a word for a
number, a dropped indicator) build it at once; a record is then the finished result.
"""

from __future__ import annotations

import decimal
from collections.abc import Iterator
from decimal import Decimal
from typing import Any, NamedTuple

from perfscore._core.decimals import CONTEXT, ZERO
from perfscore._core.figures import Figures, IndicatorFigures
from perfscore._core.scorecard import GroupResult, IndicatorResult, NodeResult, Status
from perfscore._core.scoreplan import GroupPlan, IndicatorPlan
from perfscore._core.tracedinputs import traced_inputs
from perfscore.rules.base import Outcome, Step, step


class Pending(NamedTuple):
    """An indicator scored, its :class:`IndicatorResult` not built yet.

    The steps are written when built: the engine's own (redistributed, rounded, missing)
    follow from these fields, and the rule's are the outcome's.
    """

    plan: IndicatorPlan
    weight: Decimal  # as the result shows it
    entry: IndicatorFigures  # the figures the rule read
    before: tuple[Step, ...]  # the engine's steps before the rule's (a redistributed weight)
    reads: list[str]  # the figures the rule read, in order (no longer added to)
    score: Decimal | None
    low: Decimal
    high: Decimal
    status: Status
    outcome: Outcome | None = None  # the rule's, when it scored
    needs: str | None = None  # the figure missing, when it did not

    @property
    def id(self) -> str:
        """The indicator's id."""
        return self.plan.node.id

    @property
    def assumptions(self) -> tuple[str, ...]:
        """The pack's assumptions attached to the indicator."""
        return self.plan.node.assumptions


class PendingGroup(NamedTuple):
    """A group's subtotal worked out, its :class:`GroupResult` not built yet."""

    plan: GroupPlan
    weight: Decimal  # as the result shows it
    score: Decimal | None
    low: Decimal
    high: Decimal
    status: Status
    children: tuple[Record, ...]

    @property
    def id(self) -> str:
        """The group's id."""
        return self.plan.node.id

    @property
    def assumptions(self) -> tuple[str, ...]:
        """The pack's assumptions attached to the group."""
        return self.plan.node.assumptions


Record = Pending | PendingGroup | NodeResult


def blank_result(
    plan: IndicatorPlan,
    weight: Decimal,
    entry: IndicatorFigures | None,
    **found: Any,  # noqa: ANN401 - the scored fields, set at construction (one object, no evolve)
) -> IndicatorResult:
    """A result with the indicator's identity and, unless ``found`` says otherwise, no score (partial)."""
    found.setdefault("score", None)
    found.setdefault("low", ZERO)
    found.setdefault("high", ZERO)
    found.setdefault("status", Status.PARTIAL)
    return IndicatorResult(**plan.shown, weight=weight, evidence=entry.evidence if entry else None, **found)


def built(record: Record, figures: Figures) -> NodeResult:
    """The result object of ``record`` (itself when it is one already); ``figures`` are the department's."""
    if isinstance(record, Pending):
        return _indicator_result(record, figures)
    if isinstance(record, PendingGroup):
        group = record.plan.node
        return GroupResult(
            id=group.id,
            name=group.name,
            path=record.plan.path,
            weight=record.weight,
            nominal_weight=group.weight,
            score=record.score,
            low=record.low,
            high=record.high,
            status=record.status,
            children=tuple(built(child, figures) for child in record.children),
            goal=group.goal,
            aggregation=group.aggregation.value,
            assumptions=group.assumptions,
            weight_location=group.weight_location,
        )
    return record


def _indicator_result(record: Pending, figures: Figures) -> IndicatorResult:
    outcome, entry, plan = record.outcome, record.entry, record.plan
    if outcome is None:  # a figure is missing: the range still reachable
        said = step("engine.missing", needs=record.needs, low=record.low, high=record.high)
        return IndicatorResult(
            **plan.shown,
            weight=record.weight,
            score=None,
            low=record.low,
            high=record.high,
            status=record.status,
            evidence=entry.evidence,
            steps=(*record.before, said),
            inputs=traced_inputs(record.reads, entry, figures),
            needs=record.needs,
        )
    steps = (*record.before, *outcome.steps) if record.before else outcome.steps
    if record.score != outcome.points:
        said = step("engine.rounded", decimals=plan.decimals, raw=outcome.points, points=record.score)
        steps = (*steps, said)
    reason = entry.values.get("reason")
    return IndicatorResult(
        **plan.shown,
        weight=record.weight,
        score=record.score,
        low=record.low,
        high=record.high,
        status=record.status,
        evidence=entry.evidence,
        steps=steps,
        inputs=traced_inputs(record.reads, entry, figures),
        deductions=outcome.deductions,
        level=outcome.level,
        measures=outcome.measures,
        reason=reason if isinstance(reason, str) else None,
    )


def built_indicator(record: Pending | IndicatorResult, figures: Figures) -> IndicatorResult:
    """The result object of an indicator's ``record``."""
    return _indicator_result(record, figures) if isinstance(record, Pending) else record


def built_all(state: tuple[tuple[Record, ...], Figures]) -> tuple[NodeResult, ...]:
    """The result objects of ``records``, built in the library's decimal context whoever reads them."""
    records, figures = state
    with decimal.localcontext(CONTEXT):
        return tuple(built(record, figures) for record in records)


def walk_records(records: tuple[Record, ...]) -> Iterator[Record]:
    """Every record depth-first in pack order, as :meth:`Scorecard.walk` walks the built results."""
    for record in records:
        yield record
        if isinstance(record, PendingGroup | GroupResult):
            yield from walk_records(record.children)
