"""区间: full marks when the actual lies within a range target (``90%-100%``, ``1-3次``), bounds included.

Outside the range the actual is scored against the nearer bound by the rule the pack
declares for that side — ``positive`` (正向: in proportion to the bound), ``reverse``
(反向: the bound ÷ the actual) or ``zero`` (nothing) — by default positive below the
range and reverse above it: too little is scored like an unmet target, too much like an
exceeded ceiling. The formulas are those of :mod:`perfscore.rules.comparative`.
"""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import ClassVar

import attrs

from perfscore._core.decimals import ZERO
from perfscore._core.model import ReverseVariant
from perfscore._core.targets import Op, Target
from perfscore._core.units import Quantity
from perfscore._text.problems import problem
from perfscore.rules.base import FigureProblem, FigureView, MissingFigure, Outcome, Step, show, step
from perfscore.rules.comparative import (
    Compared,
    as_target,
    compare_with_target,
    compared_step,
    positive_points,
    reverse_points,
)
from perfscore.rules.options import RuleOptionError, choice


class Side(enum.Enum):
    """How an actual outside the range is scored against the nearer bound."""

    POSITIVE = "positive"
    REVERSE = "reverse"
    ZERO = "zero"


def side_points(side: Side, a: Decimal, bound: Decimal, weight: Decimal) -> tuple[str | None, Decimal]:
    """The points of an actual ``a`` outside the range, against ``bound``; the phrase key of the formula."""
    if side is Side.POSITIVE:
        return positive_points(a, bound, weight)
    if side is Side.REVERSE:
        return reverse_points(a, bound, weight, ReverseVariant.RATIO)
    return None, ZERO


def interval_points(
    a: Decimal, low: Decimal, high: Decimal, weight: Decimal, below: Side, above: Side
) -> tuple[str, str | None, Decimal]:
    """Where ``a`` lies (``inside``/``below``/``above``), the side's formula key, and the points."""
    if low <= a <= high:
        return "inside", None, weight
    if a < low:
        return ("below", *side_points(below, a, low, weight))
    return ("above", *side_points(above, a, high, weight))


def _range_target(value: Target | str | int | Decimal | None) -> Target | None:
    target = as_target(value)
    if target is not None and target.shape != "range":
        raise RuleOptionError("interval", "target", "target.not_range", text=target.text)
    return target


def _below(value: object) -> Side:
    return choice("interval", "below", Side)(value)


def _above(value: object) -> Side:
    return choice("interval", "above", Side)(value)


def _bound(quantity: Quantity) -> Target:
    return Target(op=Op.EQ, quantity=quantity, label=None, text=str(quantity))


@attrs.frozen(slots=True)
class IntervalRule:
    """区间: full weight within ``[low, high]``; outside, ``below``/``above`` score against the nearer bound."""

    kind: ClassVar[str] = "interval"
    target: Target | None = attrs.field(default=None, converter=_range_target)
    below: Side = attrs.field(default=Side.POSITIVE, converter=_below)
    above: Side = attrs.field(default=Side.REVERSE, converter=_above)
    of: str = "actual"

    def evaluate(self, view: FigureView) -> Outcome:
        """Compare ``of`` with the range, and explain which side and formula scored it."""
        target = self.target if self.target is not None else _figures_range(view)
        low, high = target.quantity, target.high
        if low is None or high is None:  # pragma: no cover - a range target has both bounds
            raise FigureProblem("TARGET_UNPARSEABLE", "target", text=target.text, problem="a range is needed")
        c = compare_with_target(view, _bound(low), self.of)  # the actual in the bounds' unit
        where, key, points = interval_points(c.actual, c.target, high.value, view.weight, self.below, self.above)
        shown = f"[{show(low)}, {show(high)}]"
        if where == "inside":
            return Outcome(
                points=points, steps=(step("interval.inside", actual=c.actual_shown, target=shown, weight=view.weight),)
            )
        bound = low if where == "below" else high
        steps: list[Step] = [step(f"interval.{where}", actual=c.actual_shown, target=shown, bound=bound)]
        if key is None:
            steps.append(step("interval.zero", actual=c.actual_shown))
        else:
            at_bound = Compared(actual=c.actual, target=bound.value, actual_shown=c.actual_shown, target_shown=bound)
            steps.append(compared_step(key, at_bound, view.weight, points))
        return Outcome(points=points, steps=tuple(steps))

    def reads(self) -> frozenset[str]:
        """The actual value, and the target when it comes from the figures."""
        return frozenset({self.of} | ({"target"} if self.target is None else set()))

    def __repr__(self) -> str:
        """Like the pack: ``interval(target='90%-100%', below='positive', above='reverse')``."""
        target = "figures" if self.target is None else self.target.text
        extra = "" if self.of == "actual" else f", of={self.of!r}"
        return f"interval(target={target!r}, below={self.below.value!r}, above={self.above.value!r}{extra})"


def _figures_range(view: FigureView) -> Target:
    """The range a department's figures give as its target."""
    raw = view.get("target")
    if raw is None:
        raise MissingFigure("target", ZERO, view.weight)
    target = raw if isinstance(raw, Target) else None
    if target is None and isinstance(raw, str):
        target = as_target(raw)
    if target is None or target.shape != "range":
        zh, en = problem("target.range_needed")
        raise FigureProblem(
            "TARGET_UNPARSEABLE", "target", text=getattr(raw, "text", str(raw)), problem=en, problem_zh=zh
        )
    return target


def interval(
    target: Target | str | None = None,
    *,
    below: Side | str = Side.POSITIVE,
    above: Side | str = Side.REVERSE,
    of: str = "actual",
) -> IntervalRule:
    """区间 rule: full within the range ``target``; ``below``/``above`` each positive, reverse or zero."""
    return IntervalRule(target=target, below=below, above=above, of=of)
