"""Keeping the fast paths off a bare 0.96 against a percent target (it may mean 96%).

The compiled loops compare plain numbers, so a bare ``0.96`` against ``≥95%`` would
be scored as 0.96% without a word. :func:`perfscore.score` instead scores both
readings and warns (``FIGURE_PERCENT_AMBIGUOUS``, see :mod:`perfscore._core.readings`).
So a department with a value in (0, 1] in such a column leaves the fast path for the
exact one, and the reason is recorded in its scorecard's warning. A target read from
the figures (a ``target`` column) is a percent the loop cannot see, so the guard is
conservative there: a value in (0, 1] against a target of 10 or more goes the exact
way too. A pack that declares ``percent_numbers: fraction`` is scored by the engine
throughout (``CompiledPack.engine_only`` says so).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from perfscore._core.readings import AMBIGUOUS_FLOOR, percent_target, read_percent
from perfscore._core.units import Quantity
from perfscore.compiled.columns import column_name

if TYPE_CHECKING:
    from collections.abc import Sequence

    from perfscore._core.figures import IndicatorFigures
    from perfscore._core.model import Indicator
    from perfscore.compiled.plan import CompiledPack

Guard = tuple[int, ...]  # row positions of actuals compared with a percent target of 10% or more


def percent_guard(compiled: CompiledPack) -> Guard:
    """The row positions to watch: each actual compared with a percent target of 10% or more."""
    found = compiled.cache.get("percent_guard")
    if found is not None:
        return found  # type: ignore[return-value]
    renames = dict(compiled.renames)
    position = {name: index for index, name in enumerate(compiled.numeric_columns)}
    guard: list[int] = []
    for leaf in compiled.leaves:
        rule = leaf.rule
        key = getattr(rule, "of", None)
        if not isinstance(key, str) or key not in rule.reads():
            continue
        actual = position.get(renames.get(column_name(leaf.id, key), column_name(leaf.id, key)))
        if actual is None:
            continue
        target = getattr(rule, "target", None) or leaf.target
        quantity = getattr(target, "quantity", None)
        goal = percent_target(quantity)
        if goal is not None and goal.value >= AMBIGUOUS_FLOOR:
            guard.append(actual)
    result = tuple(guard)
    compiled.cache["percent_guard"] = result
    return result


def mark_ambiguous(np: Any, guard: Guard, columns: Sequence[Any], slow: Any) -> None:  # noqa: ANN401 - NumPy arrays
    """Mark in ``slow`` the departments with a watched value in (0, 1], as the loop sends them the exact way."""
    for actual in guard:
        values = columns[actual]
        with np.errstate(invalid="ignore"):
            slow |= (values > 0.0) & (values <= 1.0)


def leaf_is_ambiguous(indicator: Indicator, entry: IndicatorFigures) -> bool:
    """For the exact path's single leaf: whether its figures hold an undeclared bare 0.96 against a percent."""
    key = getattr(indicator.rule, "of", None)
    if not isinstance(key, str) or key not in indicator.rule.reads():
        return False
    target = getattr(indicator.rule, "target", None) or indicator.target
    goal = getattr(target, "quantity", None)
    given = entry.values.get("target")
    if goal is None and isinstance(given, Quantity):
        goal = given
    return read_percent(entry, key, goal if isinstance(goal, Quantity) else None, None).other is not None


def printed_rate_columns(compiled: CompiledPack) -> tuple[str, ...]:
    """Record keys of printed execution rates (``amounts:budget.rate``): a row that gives one goes the exact way.

    The loop scores execution from the two amounts; a printed rate is scored or
    cross-checked by :func:`perfscore.score` only, so a row carrying one leaves the loop.
    """
    found = compiled.cache.get("printed_rates")
    if isinstance(found, tuple):
        return found
    renames = dict(compiled.renames)
    names: list[str] = []
    for leaf in compiled.leaves:
        rate = getattr(leaf.rule, "rate", None)
        if isinstance(rate, str) and f"@{rate}" in leaf.rule.reads():
            name = column_name(None, rate)
            names.append(renames.get(name, name))
    result = tuple(dict.fromkeys(names))
    compiled.cache["printed_rates"] = result
    return result
