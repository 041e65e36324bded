"""A figures file as a batch table row, when it holds nothing a table row could not.

The compiled loop scores a batch table's rows (:mod:`perfscore._batch.fastrows`); a
figures file whose content is what such a row holds — the department, the year, and the
figures the pack's rules read, as numbers or text — is read into the same cells and goes
the same way, so it is scored exactly as the row would be, at the loop's speed. The cells
are the file's values as text: a number as written (``97.87``, ``103场``) and a text as
is; the row reader then reads them as it reads a table's cells, and gives its reasons
(a missing figure, a unit, an unreadable number) as it does for a table.

Anything else in the file sends it to :func:`perfscore.score` with a counted reason
(``file``, naming the key): a sum check (``total`` with ``parts``, a project), published
figures, a file's own ``percent_numbers`` or ``tolerance``, an override, ``not_applicable``,
checklist answers, deductions, a figure of an indicator the pack does not have or that its
rule does not read, a value of the wrong type. Evidence, notes, the source and the
report's text are read by nothing that scores, and may be there.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from perfscore._batch import reasons
from perfscore._batch.fastrows import Reason, RowReader
from perfscore._core.figures import REPORT_TEXT_KEYS
from perfscore.compiled.plan import CompiledPack

_PLAIN_KEYS = frozenset(
    {"perfscore", "pack", "department", "year", "source", "notes", "report", "indicators", "amounts"}
)
_TEXT_KEYS = frozenset({"pack", "department"})
_REPORT_KEYS = frozenset(REPORT_TEXT_KEYS)
_DEPARTMENT, _YEAR = 0, 1


def _cell(value: object) -> str | None:
    """A value as a table cell holds it; None for what a cell cannot hold (true/false, nothing, a list …)."""
    kind = type(value)
    if kind is str:
        return value  # type: ignore[return-value]
    if kind is int or kind is Decimal:
        return str(value)
    return None


class FileReader:
    """Reads figures files' data into table rows for one compiled pack (made once per worker)."""

    def __init__(self, compiled: CompiledPack) -> None:
        """Lay out the row: department, year, then every figure the pack reads, under its column name."""
        columns: dict[int, tuple[str, ...]] = {1: ("department",), 2: ("year",)}
        headers = {1: "department", 2: "year"}
        self.indicators: dict[str, dict[str, int]] = {}
        self.amounts: dict[str, int] = {}
        for column in compiled.figure_columns:
            at = len(columns) + 1
            headers[at] = column.default_name
            if column.indicator is None:
                columns[at] = ("amounts", *column.key.split("."))
                self.amounts[column.key] = at - 1
            else:
                columns[at] = ("indicators", column.indicator, *column.key.split("."))
                self.indicators.setdefault(column.indicator, {})[column.key] = at - 1
        self.width = len(columns)
        self.rows = RowReader(compiled, columns, headers)

    def read(self, data: object) -> dict[str, Any] | Reason:
        """The record of a file's data (its department and year too), or why it goes the exact way."""
        cells = self.cells(data)
        if type(cells) is not list:
            return cells  # type: ignore[return-value]
        return self.rows.read(tuple(cells))

    def cells(self, data: object) -> list[str | None] | Reason:  # noqa: C901, PLR0911 - one check per top-level key
        """The file's row of cells, or why it has none."""
        if type(data) is not dict:
            return reasons.FILE, "the document"
        cells: list[str | None] = [None] * self.width
        for key, value in data.items():
            if key not in _PLAIN_KEYS:
                return reasons.FILE, key
            if key in _TEXT_KEYS and _cell(value) is None:  # nothing is a wrong type there too
                return reasons.FILE, key
        if "year" in data and type(data["year"]) is not int:
            return reasons.FILE, "year"
        if "report" in data and not _plain_report(data["report"]):
            return reasons.FILE, "report"
        if "department" in data:
            cells[_DEPARTMENT] = _cell(data["department"])
        if "year" in data:
            cells[_YEAR] = str(data["year"])
        if "indicators" in data:
            found = self._indicators(data["indicators"], cells)
            if found is not None:
                return found
        if "amounts" in data:
            found = self._amounts(data["amounts"], "", cells)
            if found is not None:
                return found
        return cells

    def _indicators(self, node: object, cells: list[str | None]) -> Reason | None:  # noqa: C901 - one check per key
        if type(node) is not dict:
            return reasons.FILE, "indicators"
        for indicator, entry in node.items():
            slots = self.indicators.get(indicator)
            if slots is None or type(entry) is not dict:
                return reasons.FILE, f"indicators.{indicator}"
            for key, value in entry.items():
                if key == "evidence":
                    if type(value) is not str:
                        return reasons.FILE, f"indicators.{indicator}.evidence"
                    continue
                if key == "values" and type(value) is dict:
                    for name, item in value.items():
                        if not _put(cells, slots.get(f"values.{name}"), item):
                            return reasons.FILE, f"indicators.{indicator}.values.{name}"
                    continue
                if not _put(cells, slots.get(key), value):
                    return reasons.FILE, f"indicators.{indicator}.{key}"
        return None

    def _amounts(self, node: object, prefix: str, cells: list[str | None]) -> Reason | None:
        if type(node) is not dict:
            return reasons.FILE, f"amounts{prefix}"
        for key, value in node.items():
            name = f"{prefix}.{key}" if prefix else key
            if type(value) is dict:
                found = self._amounts(value, name, cells)
                if found is not None:
                    return found
            elif key == "unit" or not _put(cells, self.amounts.get(name), value):
                return reasons.FILE, f"amounts.{name}"
        return None


def _put(cells: list[str | None], slot: int | None, value: object) -> bool:
    """Write a figure's cell; False when the pack does not read it there or a cell cannot hold it."""
    if slot is None:
        return False
    text = _cell(value)
    if text is None:
        return False
    cells[slot] = text
    return True


def _plain_report(report: object) -> bool:
    """Whether the report's text is only texts under the known keys (what the loader accepts silently)."""
    return isinstance(report, Mapping) and all(
        key in _REPORT_KEYS and type(value) is str for key, value in report.items()
    )
