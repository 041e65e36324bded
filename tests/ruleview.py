"""A minimal FigureView for testing rules in isolation, without packs or files."""

from __future__ import annotations

import copy
from decimal import Decimal

from perfscore._core.numerals import parse_quantity
from perfscore._core.units import Quantity
from perfscore.rules.base import Outcome, Rule


class StubView:
    """Figures given as keyword arguments: numbers and unit strings become quantities."""

    def __init__(
        self, weight: Decimal | str | int, amounts: dict[str, object] | None = None, **figures: object
    ) -> None:
        """Keep the figures (``values__x`` stands for ``values.x``) and the department amounts."""
        self.weight = Decimal(weight)
        self._figures = {key.replace("__", "."): _value(key, value) for key, value in figures.items()}
        self._amounts = {key: _quantity(value) for key, value in (amounts or {}).items()}

    def get(self, key: str) -> object | None:
        """The indicator figure ``key``."""
        return self._figures.get(key)

    def amount(self, name: str) -> Quantity | None:
        """The department amount ``name``."""
        return self._amounts.get(name)

    def with_weight(self, weight: Decimal) -> StubView:
        """The same figures at another weight."""
        return attrs_evolve_view(self, weight)


def attrs_evolve_view(view: StubView, weight: Decimal) -> StubView:
    """A copy of ``view`` at ``weight`` (views share their figures)."""
    clone = copy.copy(view)
    clone.weight = weight
    return clone


def _quantity(value: object) -> Quantity:
    if isinstance(value, Quantity):
        return value
    return parse_quantity(value if isinstance(value, str | Decimal) else Decimal(str(value)))


def _value(key: str, value: object) -> object:
    if key in {"actual", "target", "count"} or key.startswith("values"):
        return _quantity(value)
    if key == "score":
        return Decimal(str(value))
    return value


def run(rule: Rule, weight: str | int, **figures: object) -> Outcome:
    """Evaluate ``rule`` at ``weight`` on the given figures."""
    return rule.evaluate(StubView(weight, **figures))
