"""How the engine reads a 完成值 written as tables print it: fractions and words.

Two ways officials write an actual figure would otherwise be misread:

- **Percentages as fractions.** Excel exports 95% as ``0.95``. Against ``≥95%`` a bare
  ``0.96`` is either 0.96% (the number as written, *points*) or 96% (a *fraction* of
  100%). A pack or a figures file declares which it means with
  ``percent_numbers: points`` or ``percent_numbers: fraction`` (the figures file wins).
  Undeclared, a bare number in (0, 1] against a percent target of at least
  :data:`AMBIGUOUS_FLOOR` is ambiguous: the engine scores both readings, and when they
  differ the indicator keeps the range between them (the result is partial) with a
  located ``FIGURE_PERCENT_AMBIGUOUS`` warning naming the value, the target and both
  readings. It is never scored silently one way.
- **Words.** A 完成值 of ``完成``, ``已完成``, ``达成``, ``按期完成`` or ``是`` means the target
  was met; ``未完成`` or ``否`` that it was not; a 完成值 equal to the target's own text
  (``2天以内`` against ``2天以内``) is met. A pack extends the words with
  ``attainment: {met: [...], not_met: [...]}``. For any rule that compares a number,
  met is full marks and not met is 0, and the explanation says which word was read how.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from perfscore._core.decimals import HUNDRED, ONE, ZERO, div, mul, plain
from perfscore._core.diagnostics import Diagnostic, diagnostic
from perfscore._core.figures import Figures, IndicatorFigures
from perfscore._core.units import Quantity, find_unit
from perfscore._core.wording import PercentNumbers
from perfscore._text.problems import PROBLEMS

KEPT = PROBLEMS["percent.kept"]  # (zh, en): what scoring does with an undeclared fraction

if TYPE_CHECKING:
    from perfscore._core.model import Pack

AMBIGUOUS_FLOOR = Decimal(10)
"""A bare number in (0, 1] is ambiguous against a percent target of at least this many percent."""

PERCENT = find_unit("%")


@attrs.frozen(kw_only=True)
class PercentReading:
    """One indicator's figures as the engine reads them, and the other reading if ambiguous."""

    figures: IndicatorFigures
    other: IndicatorFigures | None = None  # the fraction reading, when undeclared and ambiguous
    declared: PercentNumbers | None = None
    value: Quantity | None = None  # the bare number that was reread


def percent_target(goal: Quantity | None) -> Quantity | None:
    """The target when it is a percentage."""
    if goal is None or goal.unit is None:
        return None
    return goal if goal.unit.symbol == "%" else None


def _as_percent(found: Quantity, value: Decimal) -> Quantity:
    return Quantity(value=value, unit=PERCENT, text=found.text)


def read_percent(
    figures: IndicatorFigures, key: str, target: Quantity | None, declared: PercentNumbers | None
) -> PercentReading:
    """Read the bare number at ``key`` against a percent target as declared, or flag it as ambiguous."""
    found = figures.values.get(key)
    goal = percent_target(target)
    if goal is None or not isinstance(found, Quantity) or found.unit is not None:
        return PercentReading(figures=figures)
    as_fraction = _as_percent(found, mul(found.value, HUNDRED))
    as_points = _as_percent(found, found.value)
    if declared is not None:
        chosen = as_fraction if declared is PercentNumbers.FRACTION else as_points
        return PercentReading(figures=_with(figures, key, chosen), declared=declared, value=found)
    if ZERO < found.value <= ONE and goal.value >= AMBIGUOUS_FLOOR:
        return PercentReading(
            figures=_with(figures, key, as_points), other=_with(figures, key, as_fraction), value=found
        )
    return PercentReading(figures=figures)


def _with(figures: IndicatorFigures, key: str, value: Quantity) -> IndicatorFigures:
    return attrs.evolve(figures, values={**figures.values, key: value})


def readings_shown(value: Quantity) -> tuple[str, str]:
    """The two readings of a bare number: as written (points) and as a fraction of 100%."""
    return f"{plain(value.value)}%", f"{plain(mul(value.value, HUNDRED))}%"


def coefficient_of(found: object) -> Decimal | None:
    """A 得分系数 as a share of the weight: ``100%`` and ``1`` are 1; None if it is not one."""
    if not isinstance(found, Quantity):
        return None
    if found.unit is not None and found.unit.symbol == "%":
        value = div(found.value, HUNDRED)
    elif found.unit is None:
        value = found.value
    else:
        return None
    return value if ZERO <= value <= ONE else None


def ambiguous_readings(pack: Pack, figures: Figures) -> list[Diagnostic]:
    """FIGURE_PERCENT_AMBIGUOUS for every undeclared bare number in (0, 1] against a percent target (for check)."""
    if (figures.percent_numbers or pack.percent_numbers) is not None:
        return []
    found = []
    for indicator in pack.indicators():
        entry = figures.indicator(indicator.id)
        key = getattr(indicator.rule, "of", None)
        if entry is None or not isinstance(key, str) or key not in indicator.rule.reads():
            continue
        target = getattr(indicator.rule, "target", None) or indicator.target
        goal = getattr(target, "quantity", None)
        given = entry.values.get("target")
        goal = goal if isinstance(goal, Quantity) else (given if isinstance(given, Quantity) else None)
        reading = read_percent(entry, key, goal, None)
        if reading.other is None or reading.value is None:
            continue
        points, fraction = readings_shown(reading.value)
        found.append(
            diagnostic(
                "FIGURE_PERCENT_AMBIGUOUS",
                location=entry.location_of(key),
                path=pack.path_of(indicator.id),
                id=indicator.id,
                value=reading.value.text,
                target=indicator.target_text or str(goal),
                points=points,
                fraction=fraction,
                outcome=KEPT[1],
                outcome_zh=KEPT[0],
            )
        )
    return found
