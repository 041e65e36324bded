"""What a rule read, as the scorecard records it: the figure as written and where it was written.

Every number in a result must trace back to a figure or a pack value; these records are
the figure side of that trace.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from perfscore._core.decimals import plain
from perfscore._core.figures import Figures, IndicatorFigures
from perfscore._core.scorecard import Input, input_shown_later
from perfscore.rules.base import Deduction, show


def traced_inputs(reads: Iterable[str], entry: IndicatorFigures, figures: Figures) -> tuple[Input, ...]:
    """Each figure a rule read, once, as written and with the file and line it came from."""
    seen: list[Input] = []
    names: set[str] = set()
    for key in reads:
        if key in names:
            continue
        names.add(key)
        if key.startswith("@"):
            name = key[1:]
            where = figures.amount_locations.get(name, entry.location)
            seen.append(input_shown_later(name, show, figures.amounts[name], where))
        else:
            seen.append(input_shown_later(key, shown_figure, entry.values[key], entry.location_of(key)))
    return tuple(seen)


def shown_figure(value: object) -> str:
    """A figure as the scorecard shows it: as written, never as a Python repr."""
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping):  # checklist answers
        return "、".join(f"{key}: {show(bool(answer))}" for key, answer in value.items())
    if isinstance(value, tuple) and all(isinstance(item, Deduction) for item in value):
        return "、".join(item.reason + ("" if item.count is None else f" × {plain(item.count)}") for item in value)
    return show(value)
