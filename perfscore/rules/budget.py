"""预算执行率: executed ÷ adjusted budget × weight, capped at the weight.

The national rule for project self-evaluation (财预〔2020〕10号: 预算执行率 =
执行数 ÷ 调整后预算数, scored in proportion, at most full marks). The figure names
are options so that a pack can point at whatever its figures call them.

Some forms print their own bands for the rate instead of the proportion ("执行率 ≥ 90%
得满分，80%–90% 得 8 分，低于 80% 不得分"); ``bands`` declares them, and the rate — from
the amounts, or the printed rate when the amounts are not published — earns the
fraction of the band it falls in, explained like the ``bands`` rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import ClassVar

import attrs

from perfscore._core.decimals import HUNDRED, ZERO, RoundingPolicy, div, mul, plain
from perfscore._core.units import Quantity, convert, same_dimension
from perfscore._text.problems import PROBLEMS
from perfscore.rules.base import FigureProblem, FigureView, MissingFigure, Note, Outcome, fraction_points, note, step
from perfscore.rules.comparative import ratio_points
from perfscore.rules.tables import Band


def _band_tuple(value: Iterable[Band]) -> tuple[Band, ...]:
    return tuple(value)


@attrs.frozen(slots=True)
class ExecutionRate:
    """Score budget execution: ``executed ÷ budget × weight``, never above the weight."""

    kind: ClassVar[str] = "execution_rate"
    executed: str = "budget.executed"
    budget: str = "budget.adjusted"
    rate: str = "budget.rate"  # the printed 执行率, used when the amounts are not published
    bands: tuple[Band, ...] = attrs.field(default=(), converter=_band_tuple)  # the form's own bands over the rate

    def evaluate(self, view: FigureView) -> Outcome:
        """Divide the two amounts; the rate is shown in percent with two decimals."""
        printed = view.amount(self.rate)
        if printed is not None and (view.amount(self.executed) is None or view.amount(self.budget) is None):
            return _from_rate(view, self.rate, printed, self.bands)
        executed = self._amount(view, self.executed)
        budget = self._amount(view, self.budget)
        spent = executed.value
        if executed.unit is not None and budget.unit is not None and executed.unit != budget.unit:
            if not same_dimension(executed.unit, budget.unit):
                raise FigureProblem(
                    "FIGURE_UNIT", self.executed, unit=executed.unit.symbol, target_unit=budget.unit.symbol
                )
            spent = convert(executed, budget.unit)
        if budget.value <= ZERO:
            raise FigureProblem(
                "FIGURE_INVALID",
                self.budget,
                id=self.budget,
                key=self.budget,
                problem=PROBLEMS["figure.budget_above_zero"][1],
                problem_zh=PROBLEMS["figure.budget_above_zero"][0],
            )
        weight = view.weight
        rate = div(mul(spent, HUNDRED), budget.value)
        points = ratio_points(spent, budget.value, weight)
        shown_rate = RoundingPolicy(decimals=2).apply(rate)
        notes = () if printed is None else _cross_check(self.rate, printed, rate)
        if self.bands:
            return _banded(self.bands, rate, f"{shown_rate}%", weight, notes)
        return Outcome(
            notes=notes,
            points=points,
            steps=(
                step(
                    "execution.rate",
                    executed=executed,
                    budget=budget,
                    rate=f"{shown_rate}%",
                    weight=weight,
                    points=points,
                ),
            ),
            measures=(("rate", shown_rate),),
        )

    @staticmethod
    def _amount(view: FigureView, name: str) -> Quantity:
        found = view.amount(name)
        if found is None:
            raise MissingFigure(name, ZERO, view.weight)
        return found

    def reads(self) -> frozenset[str]:
        """The two department-level amounts."""
        return frozenset({f"@{self.executed}", f"@{self.budget}", f"@{self.rate}"})

    def __repr__(self) -> str:
        """``execution_rate(executed='budget.executed', budget='budget.adjusted')``."""
        extra = "" if self.rate == "budget.rate" else f", rate={self.rate!r}"
        if self.bands:
            extra += ", bands=[" + ", ".join(f"{band} → {plain(band.fraction)}" for band in self.bands) + "]"
        return f"execution_rate(executed={self.executed!r}, budget={self.budget!r}{extra})"


def _percent(view_rate: Quantity) -> Decimal | None:
    if view_rate.unit is None:
        return None
    if view_rate.unit.symbol == "%":
        return view_rate.value
    return None


def _banded(bands: tuple[Band, ...], rate: Decimal, shown: str, weight: Decimal, notes: tuple[Note, ...]) -> Outcome:
    """The fraction of the band the rate (in percent) falls in; a rate in no band earns nothing."""
    for band in bands:
        if band.contains(rate):
            points = fraction_points(weight, band.fraction)
            found = step(
                "execution.band", rate=shown, band=str(band), fraction=band.fraction, weight=weight, points=points
            )
            return Outcome(notes=notes, points=points, steps=(found,), measures=(("rate", rate),))
    return Outcome(notes=notes, points=ZERO, steps=(step("execution.no_band", rate=shown),), measures=(("rate", rate),))


def _from_rate(view: FigureView, name: str, printed: Quantity, bands: tuple[Band, ...] = ()) -> Outcome:
    """The printed rate (``budget: {rate: 76%}``) when the amounts are not published: rate × weight, capped."""
    rate = _percent(printed)
    if rate is None:
        raise FigureProblem(
            "FIGURE_INVALID",
            name,
            id=name,
            key=name,
            problem=PROBLEMS["figure.rate_percent"][1],
            problem_zh=PROBLEMS["figure.rate_percent"][0],
        )
    weight = view.weight
    if bands:
        return _banded(bands, rate, printed.text, weight, ())
    points = weight if rate >= HUNDRED else (ZERO if rate <= ZERO else div(mul(rate, weight), HUNDRED))
    return Outcome(
        points=points,
        steps=(step("execution.printed_rate", rate=printed, weight=weight, points=points),),
        measures=(("rate", rate),),
    )


def _cross_check(name: str, printed: Quantity, computed: Decimal) -> tuple[Note, ...]:
    """A printed rate and the amounts must agree to the places the rate is printed with."""
    rate = _percent(printed)
    if rate is None:
        return (note("BUDGET_RATE_MISMATCH", figure=name, printed=printed.text, computed=f"{plain(computed)}%"),)
    places = max(0, -int(rate.as_tuple().exponent))
    shown = RoundingPolicy(decimals=places).apply(computed)
    if shown == rate:
        return ()
    return (note("BUDGET_RATE_MISMATCH", figure=name, printed=printed.text, computed=f"{plain(shown)}%"),)


def execution_rate(
    *,
    executed: str = "budget.executed",
    budget: str = "budget.adjusted",
    rate: str = "budget.rate",
    bands: tuple[Band, ...] = (),
) -> ExecutionRate:
    """预算执行率 rule reading the two named amounts (or the printed rate); ``bands`` as the form prints them."""
    return ExecutionRate(executed=executed, budget=budget, rate=rate, bands=bands)
