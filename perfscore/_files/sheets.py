"""Reading a table from a CSV file or an Excel sheet into located text cells.

Indicator tables and batch inputs arrive as the files people already keep: CSV
saved from Excel (UTF-8, with or without a BOM, or GB18030/GBK as Chinese Excel
writes it) or an ``.xlsx`` workbook (``perfscore[excel]``). Both become a
:class:`Sheet` of text cells that remember their row and column, so every problem
found later is reported as ``file[sheet]:row:column``. Numbers keep the digits the
cell shows: an Excel number is read through its shortest repr (never summed as a
float), and a cell formatted as a percentage reads ``95%``, not ``0.95``. The cells of
a merged range other than its top-left one are empty, as Excel stores them.
"""

from __future__ import annotations

import csv
import io
import os
from decimal import Decimal
from typing import Any

import attrs

from perfscore._core.decimals import plain
from perfscore._core.diagnostics import Location, UsageError, diagnostic
from perfscore._files.formats import format_of
from perfscore.extras import require

TABLE_FORMATS = {"csv": (".csv",), "xlsx": (".xlsx", ".xlsm")}
_ENCODINGS = ("utf-8-sig", "gb18030")


@attrs.frozen(kw_only=True)
class Sheet:
    """The rows of one table: ``rows[i][j]`` is the text at row ``i + 1``, column ``j + 1`` (None if empty)."""

    file: str
    name: str | None
    rows: tuple[tuple[str | None, ...], ...]

    @property
    def where(self) -> str:
        """The file, with the sheet's name for a workbook: ``table.xlsx[表1]``."""
        return f"{self.file}[{self.name}]" if self.name else self.file

    def location(self, row: int, column: int | None = None) -> Location:
        """Where the cell at 1-based ``row`` and ``column`` is."""
        return Location(file=self.where, line=row, column=column)

    def cell(self, row: int, column: int) -> str | None:
        """The text at 1-based ``row`` and ``column``, or None when empty or outside the table."""
        if row < 1 or row > len(self.rows) or column < 1:
            return None
        line = self.rows[row - 1]
        return line[column - 1] if column <= len(line) else None


def read_sheet(path: str | os.PathLike[str], *, sheet: str | None = None) -> Sheet:
    """Read the CSV file or the workbook sheet (default: the first) at ``path``."""
    name = os.fspath(path)
    kind = format_of(name, None, TABLE_FORMATS)
    try:
        raw = _read_bytes(name)
    except OSError as err:
        reason = err.strerror or type(err).__name__
        raise UsageError([diagnostic("FILE_UNREADABLE", location=Location(file=name), reason=reason)]) from None
    return _csv(name, raw) if kind == "csv" else _workbook(name, raw, sheet)


def _read_bytes(name: str) -> bytes:
    with open(name, "rb") as handle:
        return handle.read()


def _csv(name: str, raw: bytes) -> Sheet:
    for encoding in _ENCODINGS:
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise UsageError(
            [
                diagnostic(
                    "FILE_ENCODING",
                    location=Location(file=name),
                    encoding="UTF-8 or GB18030",
                    detail="undecodable bytes",
                )
            ]
        )
    rows = tuple(tuple(_text(value) for value in row) for row in csv.reader(io.StringIO(text, newline="")))
    return Sheet(file=name, name=None, rows=rows)


def _workbook(name: str, raw: bytes, sheet: str | None) -> Sheet:
    openpyxl = require("openpyxl", extra="excel", feature="reading .xlsx files")
    try:
        book = openpyxl.load_workbook(io.BytesIO(raw), data_only=True, read_only=False)
    except Exception as err:  # noqa: BLE001 - openpyxl raises many types for a file that is not a workbook
        reason = f"not a readable .xlsx workbook ({type(err).__name__})"
        raise UsageError([diagnostic("FILE_UNREADABLE", location=Location(file=name), reason=reason)]) from None
    if sheet is not None and sheet not in book.sheetnames:
        raise UsageError(
            [diagnostic("SHEET_UNKNOWN", location=Location(file=name), sheet=sheet, sheets=", ".join(book.sheetnames))]
        )
    chosen = book[sheet] if sheet is not None else book.worksheets[0]
    rows = tuple(tuple(_cell_text(cell) for cell in row) for row in chosen.iter_rows())
    return Sheet(file=name, name=chosen.title, rows=rows)


def _text(value: str) -> str | None:
    stripped = value.strip()
    return stripped or None


def _cell_text(cell: Any) -> str | None:
    value = cell.value
    if value is None:
        return None
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int | float):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if "%" in (cell.number_format or ""):
            return f"{plain(number * 100)}%"
        return plain(number)
    return _text(str(value))
