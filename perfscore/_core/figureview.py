"""The figures one rule may read for one indicator, at one weight, recording what it reads.

The engine gives every rule such a view (:class:`perfscore.rules.base.FigureView`); what
the rule read, in order, becomes the figures a result traces back to.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from perfscore._core.figures import Figures, IndicatorFigures
from perfscore._core.units import Quantity


class View:
    """The figures one rule may read, at one weight; records what it reads."""

    __slots__ = ("_amounts", "_figures", "_reads", "_values", "weight")

    def __init__(self, figures: IndicatorFigures, amounts: Figures, weight: Decimal, reads: list[str]) -> None:
        """A view of ``figures`` (and the department's ``amounts``) that appends each key read to ``reads``."""
        self._figures = figures
        self._values = figures.values
        self._amounts = amounts
        self.weight = weight
        self._reads = reads

    def get(self, key: str) -> object | None:
        """An indicator-level figure, or None."""
        value = self._values.get(key)
        if value is not None:
            self._reads.append(key)
        return value

    def amount(self, name: str) -> Quantity | None:
        """A department-level named figure, or None."""
        value = self._amounts.amounts.get(name)
        if value is not None:
            self._reads.append("@" + name)
        return value

    def with_weight(self, weight: Decimal) -> View:
        """The same figures at another weight, recording into the same reads."""
        return View(self._figures, self._amounts, weight, self._reads)


class ScoringView:
    """A :class:`View` that records nothing, for working out points only.

    Scoring needs the rule's points, not what it read: the figures a result traces are
    worked out when the result is built (:mod:`perfscore._core.laterresults`). So ``get``
    and ``amount`` are the figures' own lookups, with no Python call between.
    """

    __slots__ = ("_amounts", "_figures", "amount", "get", "weight")
    explains = False  # the steps are not read: a rule may leave them out (perfscore.rules.base.explains)

    def __init__(self, figures: IndicatorFigures, amounts: Figures, weight: Decimal) -> None:
        """A view of ``figures`` (and the department's ``amounts``) at ``weight``."""
        self._figures = figures
        self._amounts = amounts
        self.weight = weight
        self.get: Callable[[str], object | None] = figures.values.get
        self.amount: Callable[[str], Quantity | None] = amounts.amounts.get

    def with_weight(self, weight: Decimal) -> ScoringView:
        """The same figures at another weight."""
        return ScoringView(self._figures, self._amounts, weight)
