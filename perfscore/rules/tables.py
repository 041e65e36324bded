"""Rules defined by a table: value bands (分档) and yes/no checklists (是否).

Band edges are explicit — ``[80, 90)`` — because real documents differ on whether
89.5 is 良 or 中; a pack must say which, and ``perfscore check`` reports gaps and
overlaps.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import ClassVar

import attrs

from perfscore._core.decimals import ONE, ZERO, div, mul, plain, total
from perfscore._core.units import Quantity
from perfscore.rules.base import FigureProblem, FigureView, MissingFigure, Outcome, fraction_points, not_a_number, step


@attrs.frozen(slots=True)
class Band:
    """A range of values and the fraction of the weight it earns."""

    low: Decimal | None  # None: unbounded below
    high: Decimal | None  # None: unbounded above
    fraction: Decimal
    low_inclusive: bool = True
    high_inclusive: bool = False

    def contains(self, value: Decimal) -> bool:
        """Whether ``value`` falls in this band."""
        if self.low is not None and (value < self.low or (value == self.low and not self.low_inclusive)):
            return False
        return not (self.high is not None and (value > self.high or (value == self.high and not self.high_inclusive)))

    def __str__(self) -> str:
        """Interval notation: ``[80, 90)``, ``[100, +∞)``."""
        open_ = "[" if self.low_inclusive and self.low is not None else "("
        close = "]" if self.high_inclusive and self.high is not None else ")"
        low = "-∞" if self.low is None else plain(self.low)
        high = "+∞" if self.high is None else plain(self.high)
        return f"{open_}{low}, {high}{close}"


def _band_tuple(value: Iterable[Band]) -> tuple[Band, ...]:
    return tuple(value)


@attrs.frozen(slots=True)
class Bands:
    """分档: the value ``of`` (the actual, by default) falls in a band; that band's fraction."""

    kind: ClassVar[str] = "bands"
    bands: tuple[Band, ...] = attrs.field(converter=_band_tuple)
    of: str = "actual"

    def evaluate(self, view: FigureView) -> Outcome:
        """Find the band holding the value; a value in no band earns nothing."""
        raw = view.get(self.of)
        if raw is None:
            best = max((band.fraction for band in self.bands), default=ZERO)
            raise MissingFigure(self.of, ZERO, fraction_points(view.weight, best))
        if not isinstance(raw, Quantity):
            raise not_a_number(self.of, raw)
        value, weight = raw.value, view.weight
        for band in self.bands:
            if band.contains(value):
                points = fraction_points(weight, band.fraction)
                # the band is shown as str(band), when the step is read
                said = step("bands.hit", value=raw, band=band, fraction=band.fraction, weight=weight, points=points)
                return Outcome(points, (said,))
        return Outcome(points=ZERO, steps=(step("bands.none", value=raw),))

    def reads(self) -> frozenset[str]:
        """The banded value."""
        return frozenset({self.of})

    def __repr__(self) -> str:
        """``bands([90, 100] → 1, [80, 90) → 0.8)``."""
        inner = ", ".join(f"{band} → {plain(band.fraction)}" for band in self.bands)
        extra = "" if self.of == "actual" else f", of={self.of!r}"
        return f"bands({inner}{extra})"


@attrs.frozen(slots=True)
class ChecklistItem:
    """One yes/no item and the points it is worth."""

    id: str
    points: Decimal
    name: str | None = None


def _item_tuple(value: Iterable[ChecklistItem]) -> tuple[ChecklistItem, ...]:
    return tuple(value)


@attrs.frozen(slots=True)
class Checklist:
    """是否 checklist: each item answered yes earns its points."""

    kind: ClassVar[str] = "checklist"
    items: tuple[ChecklistItem, ...] = attrs.field(converter=_item_tuple)

    def evaluate(self, view: FigureView) -> Outcome:
        """Add the points of the items answered yes; unanswered items make it partial."""
        answers = view.get("items")
        if answers is None:
            raise MissingFigure("items", ZERO, view.weight)
        if not isinstance(answers, Mapping):  # pragma: no cover - the figures loader checks the shape
            raise FigureProblem("FIGURE_INVALID", "items", key="items", problem="must be a mapping")
        known = {item.id for item in self.items} | {item.name for item in self.items if item.name}
        for key in answers:
            if key not in known:
                raise FigureProblem("FIGURE_ITEM_UNKNOWN", "items", item=key, got=key)
        scale = self._scale(view.weight)
        earned, unknown, steps = [], [], []
        for item in self.items:
            answer = answers.get(item.id, answers.get(item.name) if item.name else None)
            worth = mul(item.points, scale)
            if answer is None:
                unknown.append(worth)
                continue
            if answer:
                earned.append(worth)
            steps.append(
                step("checklist.item", item=item.name or item.id, answer=bool(answer), points=worth if answer else ZERO)
            )
        if unknown:
            got = total(earned)
            raise MissingFigure("items", got, got + total(unknown))
        points = total(earned)
        return Outcome(points=points, steps=(*steps, step("checklist.total", points=points, weight=view.weight)))

    def _scale(self, weight: Decimal) -> Decimal:
        """Items are written in points of the nominal weight; redistribution scales them."""
        nominal = total(item.points for item in self.items)
        return ONE if nominal in (weight, ZERO) else div(weight, nominal)

    def reads(self) -> frozenset[str]:
        """The answers."""
        return frozenset({"items"})

    def __repr__(self) -> str:
        """``checklist(落实门岗责任: 0.3, ...)``."""
        inner = ", ".join(f"{item.name or item.id}: {plain(item.points)}" for item in self.items)
        return f"checklist({inner})"


def bands_overlap(a: Band, b: Band) -> bool:
    """Whether some value lies in both bands (edges count when both sides include them)."""
    lo_a = a.low if a.low is not None else Decimal("-1e30")
    lo_b = b.low if b.low is not None else Decimal("-1e30")
    hi_a = a.high if a.high is not None else Decimal("1e30")
    hi_b = b.high if b.high is not None else Decimal("1e30")
    if hi_a < lo_b or hi_b < lo_a:
        return False
    if hi_a == lo_b:
        return a.high_inclusive and b.low_inclusive
    if hi_b == lo_a:
        return b.high_inclusive and a.low_inclusive
    return True


def bands(*table: Band, of: str = "actual") -> Bands:
    """分档 rule from explicit bands."""
    return Bands(bands=tuple(table), of=of)


def checklist(*items: ChecklistItem) -> Checklist:
    """是否 checklist rule."""
    return Checklist(items=tuple(items))
