"""Rules that compare an actual value (完成值) with a target (指标值).

* :func:`positive` 正向 — full weight at or above the target, else actual ÷ target × weight;
* :func:`reverse` 反向 — lower is better, as a ratio (target ÷ actual × weight) or
  linearly (full at the target, nothing at twice the target);
* :func:`equal` 等于 — full weight when the actual equals the target; a target of 0
  means "none allowed" (full when the actual is 0 or below).

The formulas are those finance systems use (see ``docs/`` and DOMAIN notes): the
product is formed before the division so that a score exactly on a rounding edge is
computed exactly and rounds 四舍五入 the way a hand calculation does.
"""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

import attrs

from perfscore._core.decimals import ZERO, div, mul, sub
from perfscore._core.diagnostics import ParseError
from perfscore._core.model import ReverseVariant
from perfscore._core.targets import Op, Target, parse_target
from perfscore._core.units import Quantity, convert, same_dimension
from perfscore.rules.base import FigureProblem, FigureView, MissingFigure, Outcome, not_a_number, step


def as_target(value: Target | str | int | Decimal | None) -> Target | None:
    """Accept a parsed target or the text a table shows (``"≥95%"``)."""
    if value is None or isinstance(value, Target):
        return value
    return parse_target(value)


@attrs.frozen(slots=True)
class Compared:
    """An actual and a target expressed in the same unit, ready to compare."""

    actual: Decimal
    target: Decimal
    actual_shown: Quantity
    target_shown: Quantity


def compare_with_target(view: FigureView, target: Target | None, of: str) -> Compared:
    """Read ``of`` (usually ``actual``) and the target, and bring them to one unit."""
    target_quantity = _target_quantity(view, target)
    raw = view.get(of)
    if raw is None:
        raise MissingFigure(of, ZERO, view.weight)
    if not isinstance(raw, Quantity):
        raise not_a_number(of, raw)
    actual_unit, target_unit = raw.unit, target_quantity.unit
    if actual_unit is None or target_unit is None or actual_unit == target_unit:
        actual_value = raw.value
    elif same_dimension(actual_unit, target_unit):
        actual_value = convert(raw, target_unit)
    else:
        raise FigureProblem(
            "FIGURE_UNIT",
            of,
            unit=actual_unit.symbol,
            target_unit=target_unit.symbol,
            expected=target_unit.symbol,
            got=raw.text,
        )
    return Compared(actual=actual_value, target=target_quantity.value, actual_shown=raw, target_shown=target_quantity)


def _target_quantity(view: FigureView, target: Target | None) -> Quantity:
    if target is not None:
        if target.quantity is None:
            raise FigureProblem("TARGET_UNPARSEABLE", "target", text=target.text, problem="a number is needed")
        return target.quantity
    raw = view.get("target")
    if raw is None:
        raise MissingFigure("target", ZERO, view.weight)
    if isinstance(raw, Quantity):
        return raw
    try:
        parsed = parse_target(str(raw))
    except ParseError:
        raise not_a_number("target", raw) from None
    if parsed.quantity is None:
        raise not_a_number("target", raw)
    return parsed.quantity


def _target_repr(target: Target | None) -> str:
    return "figures" if target is None else target.text


@attrs.frozen(slots=True)
class Positive:
    """正向: full weight when actual ≥ target, otherwise actual ÷ target × weight."""

    kind: ClassVar[str] = "positive"
    target: Target | None = None
    of: str = "actual"

    def evaluate(self, view: FigureView) -> Outcome:
        """Score ``of`` against the target; never above the weight, never below 0."""
        weight = view.weight
        c = compare_with_target(view, self.target, self.of)
        if c.target <= ZERO:
            return Outcome(points=weight, steps=(step("positive.no_target", target=c.target_shown, weight=weight),))
        if c.actual >= c.target:
            return Outcome(
                points=weight,
                steps=(step("positive.met", actual=c.actual_shown, target=c.target_shown, weight=weight),),
            )
        if c.actual <= ZERO:
            return Outcome(points=ZERO, steps=(step("positive.none", actual=c.actual_shown, target=c.target_shown),))
        points = div(mul(c.actual, weight), c.target)
        return Outcome(
            points=points,
            steps=(
                step(
                    "positive.ratio",
                    actual=c.actual_shown,
                    target=c.target_shown,
                    a=c.actual,
                    t=c.target,
                    weight=weight,
                    points=points,
                ),
            ),
        )

    def reads(self) -> frozenset[str]:
        """The actual value, and the target when it comes from the figures."""
        return frozenset({self.of} | ({"target"} if self.target is None else set()))

    def __repr__(self) -> str:
        """Like the pack: ``positive(target='≥100场')``."""
        extra = "" if self.of == "actual" else f", of={self.of!r}"
        return f"positive(target={_target_repr(self.target)!r}{extra})"


@attrs.frozen(slots=True)
class Reverse:
    """反向: lower is better; ``ratio`` or ``linear`` variant, full at or below the target."""

    kind: ClassVar[str] = "reverse"
    target: Target | None = None
    variant: ReverseVariant = ReverseVariant.RATIO
    of: str = "actual"

    def evaluate(self, view: FigureView) -> Outcome:
        """Score ``of`` against the target from below."""
        weight = view.weight
        c = compare_with_target(view, self.target, self.of)
        if c.actual <= c.target or c.actual <= ZERO:
            return Outcome(
                points=weight,
                steps=(step("reverse.met", actual=c.actual_shown, target=c.target_shown, weight=weight),),
            )
        if c.target <= ZERO:
            return Outcome(points=ZERO, steps=(step("equal.zero_missed", actual=c.actual_shown),))
        if self.variant is ReverseVariant.RATIO:
            points = div(mul(c.target, weight), c.actual)
            key = "reverse.ratio"
        else:
            twice = c.target + c.target
            points = ZERO if c.actual >= twice else div(mul(sub(twice, c.actual), weight), c.target)
            key = "reverse.linear"
        return Outcome(
            points=points,
            steps=(
                step(
                    key,
                    actual=c.actual_shown,
                    target=c.target_shown,
                    a=c.actual,
                    t=c.target,
                    weight=weight,
                    points=points,
                ),
            ),
        )

    def reads(self) -> frozenset[str]:
        """The actual value, and the target when it comes from the figures."""
        return frozenset({self.of} | ({"target"} if self.target is None else set()))

    def __repr__(self) -> str:
        """Like the pack: ``reverse(target='≤5%', variant='ratio')``."""
        extra = "" if self.of == "actual" else f", of={self.of!r}"
        return f"reverse(target={_target_repr(self.target)!r}, variant={self.variant.value!r}{extra})"


@attrs.frozen(slots=True)
class Equal:
    """等于: full weight when actual equals target (within ``tolerance``); 0 otherwise.

    A target of 0 means "none allowed" (零事故, 零投诉): full weight when the actual is
    0 or below (a negative count is read as 0), nothing otherwise.
    """

    kind: ClassVar[str] = "equal"
    target: Target | None = None
    tolerance: Decimal = ZERO
    of: str = "actual"

    def evaluate(self, view: FigureView) -> Outcome:
        """Compare ``of`` with the target."""
        weight = view.weight
        c = compare_with_target(view, self.target, self.of)
        if c.target == ZERO:
            if c.actual <= ZERO:
                return Outcome(points=weight, steps=(step("equal.zero_met", actual=c.actual_shown, weight=weight),))
            return Outcome(points=ZERO, steps=(step("equal.zero_missed", actual=c.actual_shown),))
        if abs(sub(c.actual, c.target)) <= self.tolerance:
            return Outcome(
                points=weight,
                steps=(step("equal.met", actual=c.actual_shown, target=c.target_shown, weight=weight),),
            )
        return Outcome(points=ZERO, steps=(step("equal.missed", actual=c.actual_shown, target=c.target_shown),))

    def reads(self) -> frozenset[str]:
        """The actual value, and the target when it comes from the figures."""
        return frozenset({self.of} | ({"target"} if self.target is None else set()))

    def __repr__(self) -> str:
        """Like the pack: ``equal(target='=8个')``."""
        extra = "" if self.tolerance == ZERO else f", tolerance={self.tolerance}"
        extra += "" if self.of == "actual" else f", of={self.of!r}"
        return f"equal(target={_target_repr(self.target)!r}{extra})"


def positive(target: Target | str | int | Decimal | None = None, *, of: str = "actual") -> Positive:
    """正向 rule; ``target`` as a table writes it, or None to read it from the figures."""
    return Positive(target=as_target(target), of=of)


def reverse(
    target: Target | str | int | Decimal | None = None,
    *,
    variant: ReverseVariant | str = ReverseVariant.RATIO,
    of: str = "actual",
) -> Reverse:
    """反向 rule in the ``ratio`` (default) or ``linear`` variant."""
    return Reverse(target=as_target(target), variant=ReverseVariant(variant), of=of)


def equal(
    target: Target | str | int | Decimal | None = None,
    *,
    tolerance: Decimal | int | str = 0,
    of: str = "actual",
) -> Equal:
    """等于 rule; a target of 0 means none allowed."""
    return Equal(target=as_target(target), tolerance=Decimal(tolerance), of=of)


RULE_FOR_OPERATOR = {Op.GE: "positive", Op.GT: "positive", Op.LE: "reverse", Op.LT: "reverse", Op.EQ: "equal"}
"""Which rule a target's operator chooses when the pack names none."""
