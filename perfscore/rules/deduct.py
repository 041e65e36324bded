"""扣分 rules: points off per occurrence or per percentage point, floored at 0 (扣完为止).

Common in 部门整体 frameworks: "−0.5 per 违规 found", "财政供养人员控制率 ≤100% full,
−0.1 per point above". Each deduction keeps its reason, so the scorecard can list
what was taken off and why.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from decimal import Decimal
from typing import ClassVar

import attrs

from perfscore._core.decimals import ZERO, mul, sub, total
from perfscore._core.units import Quantity
from perfscore.rules.base import (
    Deduction,
    FigureView,
    MissingFigure,
    Outcome,
    not_a_number,
    step,
)
from perfscore.rules.options import RuleOptionError, choice, number, optional_number


class DeductPer(enum.Enum):
    """What one unit of deduction is counted in."""

    OCCURRENCE = "occurrence"  # each 问题/违规 found
    POINT = "point"  # each percentage point (or unit) beyond a threshold


def _per(value: object) -> DeductPer:
    return choice("deduct", "per", DeductPer)(value)


def _points(value: object) -> Decimal:
    return number("deduct", "points", above_zero=True)(value)


def _above(value: object) -> Decimal | None:
    return optional_number("deduct", "above")(value)


def _below(value: object) -> Decimal | None:
    return optional_number("deduct", "below")(value)


def _limit(value: object) -> Decimal | None:
    return optional_number("deduct", "limit", at_least_zero=True)(value)


@attrs.frozen(slots=True)
class Deduct:
    """Start from the full weight and take ``points`` off per occurrence or per point."""

    kind: ClassVar[str] = "deduct"
    per: DeductPer = attrs.field(converter=_per)
    points: Decimal = attrs.field(converter=_points)
    above: Decimal | None = attrs.field(default=None, converter=_above)  # per point: how far above this
    below: Decimal | None = attrs.field(default=None, converter=_below)  # per point: how far below this
    of: str = "actual"
    limit: Decimal | None = attrs.field(default=None, converter=_limit)  # at most this many points off

    def __attrs_post_init__(self) -> None:
        """A per-point deduction must say from where it counts."""
        if self.per is DeductPer.POINT and self.above is None and self.below is None:
            raise RuleOptionError("deduct", "per", "deduct.per_point")

    def evaluate(self, view: FigureView) -> Outcome:
        """Take the deductions off the weight; never below 0."""
        weight = view.weight
        deductions = self._per_occurrence(view) if self.per is DeductPer.OCCURRENCE else self._per_point(view)
        taken = total(item.points for item in deductions)
        cap = weight if self.limit is None else min(self.limit, weight)
        taken = min(taken, cap)
        points = sub(weight, taken)
        steps = [step("deduct.item", reason=item.reason, points=item.points) for item in deductions]
        steps.append(step("deduct.total", weight=weight, taken=taken, points=points))
        return Outcome(points=points, steps=tuple(steps), deductions=deductions)

    def _per_occurrence(self, view: FigureView) -> tuple[Deduction, ...]:
        listed = view.get("deductions")
        count = view.get("count")
        if listed is None and count is None:
            raise MissingFigure("deductions", ZERO, view.weight)
        found: list[Deduction] = []
        if isinstance(listed, Sequence):
            for entry in listed:
                times = entry.count if entry.count is not None else Decimal(1)
                found.append(attrs.evolve(entry, points=mul(self.points, times), count=times))
        if count is not None:
            if not isinstance(count, Quantity) or count.value < ZERO:
                raise not_a_number("count", count)
            if count.value:
                found.append(Deduction(reason="count", points=mul(self.points, count.value), count=count.value))
        return tuple(found)

    def _per_point(self, view: FigureView) -> tuple[Deduction, ...]:
        raw = view.get(self.of)
        if raw is None:
            raise MissingFigure(self.of, ZERO, view.weight)
        if not isinstance(raw, Quantity):
            raise not_a_number(self.of, raw)
        beyond = ZERO
        if self.above is not None and raw.value > self.above:
            beyond = sub(raw.value, self.above)
        elif self.below is not None and raw.value < self.below:
            beyond = sub(self.below, raw.value)
        if beyond == ZERO:
            return ()
        return (Deduction(reason=f"{self.of} = {raw.text}", points=mul(self.points, beyond), count=beyond),)

    def reads(self) -> frozenset[str]:
        """Deductions and counts, or the value measured per point."""
        if self.per is DeductPer.OCCURRENCE:
            return frozenset({"deductions", "count"})
        return frozenset({self.of})

    def __repr__(self) -> str:
        """``deduct(per='occurrence', points=0.5)``."""
        parts = [f"per={self.per.value!r}", f"points={self.points}"]
        if self.above is not None:
            parts.append(f"above={self.above}")
        if self.below is not None:
            parts.append(f"below={self.below}")
        if self.limit is not None:
            parts.append(f"limit={self.limit}")
        return f"deduct({', '.join(parts)})"


def deduct(
    *,
    per: DeductPer | str,
    points: Decimal | float | str,
    above: Decimal | float | str | None = None,
    below: Decimal | float | str | None = None,
    of: str = "actual",
    limit: Decimal | float | str | None = None,
) -> Deduct:
    """扣分 rule: ``points`` off per occurrence, or per point above/below a threshold."""
    return Deduct(per=per, points=points, above=above, below=below, of=of, limit=limit)
