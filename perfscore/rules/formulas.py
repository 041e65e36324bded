"""公式: a pack-written arithmetic expression over the figures, evaluated safely.

The expression is parsed once by perfscore's own restricted evaluator
(:mod:`perfscore.expression`) — never ``eval``. Names it may use: ``actual``,
``target``, ``weight``, ``score``, an indicator's own ``values.<name>``, and any
department-level amount such as ``budget.adjusted``. The result is kept within
``[0, weight]``; if the formula strays outside, the scorecard says so.
"""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

import attrs

from perfscore._core.decimals import ZERO, clamp
from perfscore._core.units import Quantity
from perfscore._text.problems import problem
from perfscore.expression import Expression, parse_expression
from perfscore.rules.base import FigureProblem, FigureView, MissingFigure, Outcome, not_a_number, note, step

INDICATOR_NAMES = frozenset({"actual", "target", "score"})


@attrs.frozen(slots=True)
class Formula:
    """Score = the expression's value, kept within ``[0, weight]``."""

    kind: ClassVar[str] = "formula"
    expression: Expression

    def evaluate(self, view: FigureView) -> Outcome:
        """Bind the names the expression reads, evaluate, and clamp."""
        values: dict[str, Decimal | bool] = {"weight": view.weight}
        shown = []
        for name in sorted(self.expression.names - {"weight"}):
            quantity = self._lookup(view, name)
            values[name] = quantity.value
            shown.append(f"{name} = {quantity.text}")
        result = self.expression.evaluate(values)
        if not isinstance(result, Decimal):
            zh, en = problem("formula.truth")
            raise FigureProblem("FIGURE_INVALID", "formula", key="formula", problem=en, problem_zh=zh)
        points = clamp(result, ZERO, view.weight)
        notes = () if points == result else (note("FORMULA_CLAMPED", value=result, weight=view.weight),)
        steps = (
            step("formula.value", expression=self.expression.source, inputs="，".join(shown) or "—", points=points),
        )
        return Outcome(points=points, steps=steps, notes=notes)

    @staticmethod
    def _lookup(view: FigureView, name: str) -> Quantity:
        if name in INDICATOR_NAMES or name.startswith("values."):
            found = view.get(name)
        else:
            found = view.get(f"values.{name}")
            if found is None:
                found = view.amount(name)
        if found is None:
            raise MissingFigure(name, ZERO, view.weight)
        if not isinstance(found, Quantity):
            if isinstance(found, Decimal):
                return Quantity(value=found, unit=None, text=str(found))
            raise not_a_number(name, found)
        return found

    def reads(self) -> frozenset[str]:
        """Every name in the expression except ``weight``."""
        return frozenset(self.expression.names - {"weight"})

    def __repr__(self) -> str:
        """``formula('min(actual / target, 1) * weight')``."""
        return f"formula({self.expression.source!r})"


def formula(expression: str | Expression) -> Formula:
    """公式 rule from the expression text (parsed here, once)."""
    parsed = expression if isinstance(expression, Expression) else parse_expression(expression)
    return Formula(expression=parsed)
