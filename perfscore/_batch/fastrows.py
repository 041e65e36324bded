"""A batch table's rows as records for the compiled loop, or the reason a row cannot be one.

A row of a ``perfscore batch`` table (:mod:`perfscore._inputs.batchtable`) is text cells
under headers such as ``I01``, ``I01:target`` or ``amounts:budget.executed``. The
compiled loop reads records keyed by the compiled pack's column names, numbers as
floats. :class:`RowReader` turns a row into such a record when doing so changes
nothing the exact path would see:

* every number is read by :class:`~perfscore.compiled.cells.CellReader` — the value the
  figures loader reads, as a float that *is* that value;
* a unit is dropped only where the rules reading the cell ignore it: a band (分档) looks
  at the value alone; an actual compared with a target (and an executed amount with its
  budget) may carry a unit when the other side has the same unit or none, which is
  exactly when the rule compares the values as written (no conversion, no unit error);
* level and reason cells, and the figures of rules the loop runs in Decimal, are passed
  on as text, as the loader would read them;
* department and year are kept for the output; any other column (published figures,
  evidence, notes, overrides) sends the row the exact way when it is filled in.

Anything else is a reason (:mod:`perfscore._batch.reasons`) and the row is scored by
:func:`perfscore.score` from its cells, as before.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from perfscore._batch import reasons
from perfscore._core.units import BARE_SYMBOLS
from perfscore.compiled.cells import NOT_A_NUMBER, TOO_PRECISE, CellReader
from perfscore.compiled.columns import figure_keys
from perfscore.compiled.leafplan import BANDS, EQUAL, EXECUTION, LINEAR, RATIO, REVERSE
from perfscore.compiled.plan import CompiledPack

Path = tuple[str, ...]
Reason = tuple[str, str]  # (reason key, the header of the column concerned)
_YEAR = re.compile(r"[0-9]{4}")
_PAIRED = frozenset({RATIO, EXECUTION, REVERSE, LINEAR, EQUAL})
ANY_UNIT, PAIRED_UNIT, NO_UNIT = 0, 1, 2


def record_key(path: Path) -> str | None:
    """The compiled column name of a figure path, or None when it is not a figure a rule reads."""
    if len(path) >= 3 and path[0] == "indicators":  # noqa: PLR2004 - ("indicators", ID, KEY, ...)
        return f"{path[1]}:{'.'.join(path[2:])}"
    if len(path) >= 2 and path[0] == "amounts":  # noqa: PLR2004
        return "amounts:" + ".".join(path[1:])
    return None


class RowReader:
    """Reads rows of one table under one compiled pack (built once per table)."""

    def __init__(self, compiled: CompiledPack, columns: Mapping[int, Path], headers: Mapping[int, str]) -> None:
        """Sort the table's columns: numbers the loop reads, text it passes on, department and year, the rest."""
        self.compiled = compiled
        self.cells = CellReader()
        numeric = {name: i for i, name in enumerate(compiled.numeric_columns)}
        figures = {column.column for column in compiled.figure_columns}
        policy = _unit_policy(compiled)
        self.numbers: list[tuple[int, int, int, str]] = []  # (cell index, row position, unit policy, header)
        self.texts: list[tuple[int, str]] = []  # (cell index, record key)
        self.others: list[tuple[int, str]] = []  # (cell index, header)
        self.department: int | None = None
        self.year: int | None = None
        for column, path in sorted(columns.items()):
            key = record_key(path)
            at = column - 1  # cells are a tuple, 0-based
            if path == ("department",):
                self.department = at
            elif path == ("year",):
                self.year = at
            elif key is not None and key in numeric:
                self.numbers.append((at, numeric[key], policy.get(numeric[key], NO_UNIT), headers[column]))
            elif key is not None and key in figures:
                self.texts.append((at, key))
            else:
                self.others.append((at, headers[column]))
        given = {position for _, position, _, _ in self.numbers}
        self.absent = next((name for i, name in enumerate(compiled.numeric_columns) if i not in given), None)
        self.pairs = _pairs(compiled)
        self.width = len(compiled.numeric_columns)

    def read(self, cells: tuple[str | None, ...]) -> dict[str, Any] | Reason:  # noqa: C901, PLR0911, PLR0912 - one pass, one return per reason
        """The record of a row (its cells padded to the table's width), or why not.

        The record holds the department and year too, under ``department`` and ``year``.
        """
        if self.absent is not None:
            return reasons.MISSING, self.absent
        for column, header in self.others:
            if cells[column] is not None:
                return reasons.COLUMN, header
        names = self.compiled.numeric_columns
        record: dict[str, Any] = {}
        units: list[str | None] | None = None
        read = self.cells.read
        for column, position, policy, header in self.numbers:
            text = cells[column]
            if text is None:
                return reasons.MISSING, header
            found = read(text)
            if isinstance(found, str):
                return (reasons.DIGITS if found == TOO_PRECISE else reasons.CELL), header
            value, unit = found
            if unit is not None:
                if policy == NO_UNIT:
                    return reasons.UNIT, header
                if policy == PAIRED_UNIT:
                    if units is None:
                        units = [None] * self.width
                    units[position] = unit
            record[names[position]] = value
        if units is not None:
            clash = self._unit_clash(units)
            if clash is not None:
                return reasons.UNIT, clash
        for column, key in self.texts:
            text = cells[column]
            if text is not None:
                record[key] = text
        year = cells[self.year] if self.year is not None else None
        if year is not None:
            if _YEAR.fullmatch(year) is None:
                return reasons.YEAR, "year"
            record["year"] = int(year)
        if self.department is not None:
            record["department"] = cells[self.department]
        return record

    def _unit_clash(self, units: list[str | None]) -> str | None:
        """The column of a compared pair whose units differ (the rule would convert or refuse), if any."""
        names = self.compiled.numeric_columns
        for first, second, fixed in self.pairs:
            one = units[first]
            other = units[second] if second is not None else fixed
            if one is not None and other is not None and one != other:
                return names[first]
            if one != other and (one in BARE_SYMBOLS or other in BARE_SYMBOLS):  # 150万 against a plain number
                return names[first]
        return None


def _unit_policy(compiled: CompiledPack) -> dict[int, int]:
    """Per row position: whether a unit in its cell may be dropped (bands), checked (pairs) or never."""
    numeric = {name: i for i, name in enumerate(compiled.numeric_columns)}
    by_figure = {(c.indicator, c.key): c.column for c in compiled.figure_columns}
    policy: dict[int, int] = {}
    for leaf, kind in zip(compiled.leaves, compiled.kinds, strict=True):
        own = ANY_UNIT if kind == BANDS else PAIRED_UNIT if kind in _PAIRED else NO_UNIT
        for is_amount, key in figure_keys(leaf.rule.reads()):
            column = by_figure.get((None if is_amount else leaf.id, key))
            if column in numeric:
                position = numeric[column]
                policy[position] = max(policy.get(position, ANY_UNIT), own)
    return policy


def _pairs(compiled: CompiledPack) -> tuple[tuple[int, int | None, str | None], ...]:
    """Each compared pair: the first value's position, the second's (or None) and a fixed target's unit."""
    width = len(compiled.numeric_columns)
    found: list[tuple[int, int | None, str | None]] = []
    for leaf, kind, params in zip(compiled.leaves, compiled.kinds, compiled.params, strict=True):
        if kind not in _PAIRED:
            continue
        first, second = int(str(params[1])), int(str(params[2]))
        if second < width:
            found.append((first, second, None))
            continue
        target = getattr(leaf.rule, "target", None)
        quantity = getattr(target, "quantity", None)
        unit = getattr(quantity, "unit", None)
        found.append((first, None, unit.symbol if unit is not None else None))
    return tuple(found)


__all__ = ["NOT_A_NUMBER", "RowReader", "record_key"]
