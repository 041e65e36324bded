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
from perfscore._core.units import BARE, Quantity, convert, same_dimension
from perfscore.rules.base import FigureProblem, FigureView, MissingFigure, Outcome, Step, not_a_number, step
from perfscore.rules.options import choice, number


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
    if actual_unit is not None and target_unit is None and actual_unit.dimension == BARE:
        actual_value = mul(raw.value, actual_unit.factor)  # 150万 against a plain 1500000
    elif actual_unit is None and target_unit is not None and target_unit.dimension == BARE:
        actual_value = convert(raw, target_unit)  # 1500000 against 150万: 150 (万)
    elif actual_unit is None or target_unit is None or actual_unit is target_unit or actual_unit == target_unit:
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
    return Compared(actual_value, target_quantity.value, raw, target_quantity)  # actual, target, as written


def _target_quantity(view: FigureView, target: Target | None) -> Quantity:
    if target is not None:
        if target.number is None:
            raise FigureProblem("TARGET_UNPARSEABLE", "target", text=target.text, problem="a number is needed")
        return target.number
    raw = view.get("target")
    if raw is None:
        raise MissingFigure("target", ZERO, view.weight)
    if isinstance(raw, Quantity):
        return raw
    try:
        parsed = parse_target(str(raw))
    except ParseError:
        raise not_a_number("target", raw) from None
    if parsed.number is None:
        raise not_a_number("target", raw)
    return parsed.number


def _target_repr(target: Target | None) -> str:
    return "figures" if target is None else target.text


# The formulas, once: ``evaluate`` and the compiled exact path both call these (a, t: actual and target).


def ratio_points(a: Decimal, t: Decimal, weight: Decimal) -> Decimal:
    """Full at or above ``t`` (> 0), nothing at or below 0, else ``a × weight ÷ t``."""
    if a >= t:
        return weight
    return ZERO if a <= ZERO else div(mul(a, weight), t)


def positive_points(a: Decimal, t: Decimal, weight: Decimal) -> tuple[str, Decimal]:
    """正向: the phrase key of the case and the points."""
    if t <= ZERO:
        return "positive.no_target", weight
    if a >= t:
        return "positive.met", weight
    if a <= ZERO:
        return "positive.none", ZERO
    return "positive.ratio", ratio_points(a, t, weight)


def reverse_points(a: Decimal, t: Decimal, weight: Decimal, variant: ReverseVariant) -> tuple[str, Decimal]:
    """反向: full at or below the target; ``t ÷ a × weight`` (ratio) or ``(2t − a) ÷ t × weight`` (linear)."""
    if a <= t or a <= ZERO:
        return "reverse.met", weight
    if t <= ZERO:
        return "equal.zero_missed", ZERO
    if variant is ReverseVariant.RATIO:
        return "reverse.ratio", div(mul(t, weight), a)
    twice = t + t
    return "reverse.linear", ZERO if a >= twice else div(mul(sub(twice, a), weight), t)


def equal_points(a: Decimal, t: Decimal, weight: Decimal, tolerance: Decimal = ZERO) -> tuple[str, Decimal]:
    """等于: full when ``|a − t| ≤ tolerance``; a target of 0 means none allowed."""
    if t == ZERO:
        return ("equal.zero_met", weight) if a <= ZERO else ("equal.zero_missed", ZERO)
    if abs(sub(a, t)) <= tolerance:
        return "equal.met", weight
    return "equal.missed", ZERO


def _variant(value: object) -> ReverseVariant:
    return choice("reverse", "variant", ReverseVariant)(value)


def _tolerance(value: object) -> Decimal:
    return number("equal", "tolerance", at_least_zero=True)(value)


@attrs.frozen(slots=True)
class Positive:
    """正向: full weight when actual ≥ target, otherwise actual ÷ target × weight."""

    kind: ClassVar[str] = "positive"
    target: Target | None = attrs.field(default=None, converter=as_target)
    of: str = "actual"

    def evaluate(self, view: FigureView) -> Outcome:
        """Score ``of`` against the target; never above the weight, never below 0."""
        weight = view.weight
        c = compare_with_target(view, self.target, self.of)
        key, points = positive_points(c.actual, c.target, weight)
        return Outcome(points, (compared_step(key, c, weight, points),))

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
    target: Target | None = attrs.field(default=None, converter=as_target)
    variant: ReverseVariant = attrs.field(default=ReverseVariant.RATIO, converter=_variant)
    of: str = "actual"

    def evaluate(self, view: FigureView) -> Outcome:
        """Score ``of`` against the target from below."""
        weight = view.weight
        c = compare_with_target(view, self.target, self.of)
        key, points = reverse_points(c.actual, c.target, weight, self.variant)
        return Outcome(points, (compared_step(key, c, weight, points),))

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
    target: Target | None = attrs.field(default=None, converter=as_target)
    tolerance: Decimal = attrs.field(default=ZERO, converter=_tolerance)
    of: str = "actual"

    def evaluate(self, view: FigureView) -> Outcome:
        """Compare ``of`` with the target."""
        weight = view.weight
        c = compare_with_target(view, self.target, self.of)
        key, points = equal_points(c.actual, c.target, weight, self.tolerance)
        return Outcome(points, (compared_step(key, c, weight, points),))

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
    return Positive(target=target, of=of)


def reverse(
    target: Target | str | int | Decimal | None = None,
    *,
    variant: ReverseVariant | str = ReverseVariant.RATIO,
    of: str = "actual",
) -> Reverse:
    """反向 rule in the ``ratio`` (default) or ``linear`` variant."""
    return Reverse(target=target, variant=variant, of=of)


def equal(
    target: Target | str | int | Decimal | None = None,
    *,
    tolerance: Decimal | float | str = 0,
    of: str = "actual",
) -> Equal:
    """等于 rule; a target of 0 means none allowed."""
    return Equal(target=target, tolerance=tolerance, of=of)


RULE_FOR_OPERATOR = {Op.GE: "positive", Op.GT: "positive", Op.LE: "reverse", Op.LT: "reverse", Op.EQ: "equal"}
"""Which rule a target's operator chooses when the pack names none."""


_MET = ("actual", "target", "weight")
_SHOWN = {
    "positive.no_target": ("target", "weight"),
    "positive.met": _MET,
    "positive.none": ("actual", "target"),
    "reverse.met": _MET,
    "equal.zero_missed": ("actual",),
    "equal.zero_met": ("actual", "weight"),
    "equal.met": _MET,
    "equal.missed": ("actual", "target"),
}


def compared_step(key: str, c: Compared, weight: Decimal, points: Decimal) -> Step:
    """The explanation step of ``key`` with the parameters its phrase shows."""
    shown = _SHOWN.get(key)
    if shown is None:  # a formula: every value it was worked from
        return step(
            key, actual=c.actual_shown, target=c.target_shown, a=c.actual, t=c.target, weight=weight, points=points
        )
    values = {"actual": c.actual_shown, "target": c.target_shown, "weight": weight}
    if shown is _MET:  # the commonest: all three, in this order
        return step(key, **values)
    return step(key, **{name: values[name] for name in shown})
