"""A scorecard's result objects built when first read, from what scoring worked out.

Scoring works out every number, status and diagnostic of a scorecard at once (an error
must be raised by ``score``, and totals and warnings are what bulk scoring reads). The
per-indicator and per-group result objects with their steps and traced figures are for
people and views: building forty of them cost most of a call (issue 13, B5). So the
engine leaves each scored indicator as a :class:`Pending` record — the plan, the figures,
the weight and the points — and the scorecard builds its ``children`` from them on first
read (:func:`perfscore._core.latertext.write_on_read`), the rule run again on the same
figures for its steps and what it read; equality, pickling,
``attrs.evolve`` and every view read the field by name and see exactly the objects an
eager build makes. Paths that rework a result (an override, a coefficient, a word for a
number, a dropped indicator) build it at once; a record is then the finished result.
"""

from __future__ import annotations

import decimal
import functools
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any, NamedTuple

from perfscore._core.decimals import CONTEXT, ZERO, plain
from perfscore._core.diagnostics import ParseError, UsageError, diagnostic
from perfscore._core.figures import Figures, IndicatorFigures
from perfscore._core.figureview import View
from perfscore._core.scorecard import GroupResult, IndicatorResult, NodeResult, Status
from perfscore._core.scoreplan import GroupPlan, IndicatorPlan
from perfscore._core.tracedinputs import traced_inputs
from perfscore.rules.base import FigureProblem, MissingFigure, Step, step


class Pending(NamedTuple):
    """An indicator scored, its :class:`IndicatorResult` not built yet.

    Only numbers are kept: the rule's steps and the figures it read are worked out again
    when the result is built, by the same rule on the same figures. Rules are pure (the
    same figures give the same outcome), so this is the explanation the score had; the
    rebuild checks that it is (RULE_NOT_PURE otherwise). Keeping the rule's outcome for
    every indicator of every scorecard instead cost a tenth of a call in garbage
    collection alone.
    """

    plan: IndicatorPlan
    weight: Decimal  # the effective weight the rule scored at
    shown: Decimal  # the weight as the result shows it
    entry: IndicatorFigures  # the figures the rule read
    raw: Decimal | None  # the rule's points before rounding; None when a figure is missing
    score: Decimal | None
    low: Decimal
    high: Decimal
    status: Status
    needs: str | None = None  # the figure missing, when one is
    measures: tuple[tuple[str, Decimal], ...] = ()  # the rule's by-products (read by reconcile without a build)

    @property
    def id(self) -> str:
        """The indicator's id."""
        return self.plan.node.id

    @property
    def assumptions(self) -> tuple[str, ...]:
        """The pack's assumptions attached to the indicator."""
        return self.plan.node.assumptions


pending: Callable[[tuple[Any, ...]], Pending] = functools.partial(tuple.__new__, Pending)
"""``Pending`` from a tuple of all its fields: the engine makes one per indicator per call, so no Python frame."""


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
    plan, entry = record.plan, record.entry
    node = plan.node
    steps: tuple[Step, ...] = ()
    if record.weight != node.weight:
        steps = (step("engine.redistributed", nominal=node.weight, weight=record.shown),)
    reads: list[str] = []
    try:
        outcome = node.rule.evaluate(View(entry, figures, record.weight, reads))
    except (FigureProblem, ParseError) as problem:  # scored, so these figures were usable
        raise _not_pure(record, _shown(record.raw), type(problem).__name__) from None
    except MissingFigure as gap:
        if record.raw is not None or gap.needs != record.needs:
            raise _not_pure(record, _shown(record.raw), gap.needs) from None
        said = step("engine.missing", needs=record.needs, low=record.low, high=record.high)
        return IndicatorResult(
            **plan.shown,
            weight=record.shown,
            score=None,
            low=record.low,
            high=record.high,
            status=record.status,
            evidence=entry.evidence,
            steps=(*steps, said),
            inputs=traced_inputs(reads, entry, figures),
            needs=record.needs,
        )
    if record.raw is None or outcome.points != record.raw:
        raise _not_pure(record, _shown(record.raw), plain(outcome.points))
    steps = (*steps, *outcome.steps) if steps else outcome.steps
    if record.score != outcome.points:
        said = step("engine.rounded", decimals=plan.decimals, raw=outcome.points, points=record.score)
        steps = (*steps, said)
    reason = entry.values.get("reason")
    return IndicatorResult(
        **plan.shown,
        weight=record.shown,
        score=record.score,
        low=record.low,
        high=record.high,
        status=record.status,
        evidence=entry.evidence,
        steps=steps,
        inputs=traced_inputs(reads, entry, figures),
        deductions=outcome.deductions,
        level=outcome.level,
        measures=outcome.measures,
        reason=reason if isinstance(reason, str) else None,
    )


def _shown(raw: Decimal | None) -> str:
    return "—" if raw is None else plain(raw)


def _not_pure(record: Pending, scored: str, explained: str) -> UsageError:
    node = record.plan.node
    return UsageError(
        [
            diagnostic(
                "RULE_NOT_PURE",
                location=node.rule_location,
                path=record.plan.path,
                id=node.id,
                kind=node.rule.kind,
                scored=scored,
                explained=explained,
            )
        ]
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
    stack: list[Record] = list(reversed(records))  # a stack, not nested generators: it runs for every scorecard
    while stack:
        record = stack.pop()
        yield record
        if isinstance(record, PendingGroup | GroupResult):
            stack.extend(reversed(record.children))
