"""预算执行率: executed ÷ adjusted budget × weight, capped at the weight.

The national rule for project self-evaluation (财预〔2020〕10号: 预算执行率 =
执行数 ÷ 调整后预算数, scored in proportion, at most full marks). The figure names
are options so that a pack can point at whatever its figures call them.
"""

from __future__ import annotations

from typing import ClassVar

import attrs

from perfscore._core.decimals import HUNDRED, ZERO, RoundingPolicy, div, mul
from perfscore._core.units import Quantity, convert, same_dimension
from perfscore.rules.base import FigureProblem, FigureView, MissingFigure, Outcome, step
from perfscore.rules.comparative import ratio_points


@attrs.frozen(slots=True)
class ExecutionRate:
    """Score budget execution: ``executed ÷ budget × weight``, never above the weight."""

    kind: ClassVar[str] = "execution_rate"
    executed: str = "budget.executed"
    budget: str = "budget.adjusted"

    def evaluate(self, view: FigureView) -> Outcome:
        """Divide the two amounts; the rate is shown in percent with two decimals."""
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
                problem="the budget must be above 0",
                problem_zh="预算数必须大于 0",
            )
        weight = view.weight
        rate = div(mul(spent, HUNDRED), budget.value)
        points = ratio_points(spent, budget.value, weight)
        shown_rate = RoundingPolicy(decimals=2).apply(rate)
        return Outcome(
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
        return frozenset({f"@{self.executed}", f"@{self.budget}"})

    def __repr__(self) -> str:
        """``execution_rate(executed='budget.executed', budget='budget.adjusted')``."""
        return f"execution_rate(executed={self.executed!r}, budget={self.budget!r})"


def execution_rate(*, executed: str = "budget.executed", budget: str = "budget.adjusted") -> ExecutionRate:
    """预算执行率 rule reading the two named amounts from the figures."""
    return ExecutionRate(executed=executed, budget=budget)
