"""Reading a table from a CSV file or an Excel sheet into located text cells.

Indicator tables and batch inputs arrive as the files people already keep: CSV
saved from Excel (UTF-8, with or without a BOM, or GB18030/GBK as Chinese Excel
writes it) or an ``.xlsx`` workbook (``perfscore[excel]``). Both become a
:class:`Sheet` of text cells that remember their row and column, so every problem
found later is reported as ``file[sheet]:row:column``. Numbers keep the digits the
cell shows: an Excel number is read through its shortest repr (never summed as a
float), and a cell formatted as a percentage reads ``95%``, not ``0.95``. The cells of
a merged range other than its top-left one are empty, as Excel stores them.


Reading is bounded, as the YAML loaders are (:class:`SheetLimits`): the file's size is
checked before it is read, a workbook's uncompressed size from its zip directory before
anything is parsed, and the sheet is read in streaming mode, cell by cell, counting
rows, columns and cells and stopping with a located ``SHEET_TOO_LARGE`` at the first
that passes its limit — a 5 KB workbook whose "used range" claims XFD1048576 costs
nothing. Only cells that hold a value count: empty rows and styled-but-empty cells at
the far end of a sheet are dropped. A CSV field may be up to ``max_field`` characters
(the csv module's own limit is 131,072).
"""

from __future__ import annotations

import csv
import io
import os
import zipfile
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

import attrs

from perfscore._core.decimals import plain
from perfscore._core.diagnostics import Location, UsageError, diagnostic
from perfscore._files.formats import format_of
from perfscore._files.text import read_source_file
from perfscore._text.names import named
from perfscore.extras import require

TABLE_FORMATS = {"csv": (".csv",), "xlsx": (".xlsx", ".xlsm")}
_ENCODINGS = ("utf-8-sig", "gb18030")


@attrs.frozen(kw_only=True)
class SheetLimits:
    """How much of a table is read before it is refused as too large (``SHEET_TOO_LARGE``)."""

    max_bytes: int = 64 * 1024 * 1024  # the file itself
    max_unzipped: int = 512 * 1024 * 1024  # a workbook's parts, uncompressed (from the zip directory)
    max_strings: int = 128 * 1024 * 1024  # its shared-strings part, which openpyxl holds in memory whole
    max_rows: int = 200_000  # the last row that holds a value
    max_columns: int = 2_000  # the last column that holds a value
    max_cells: int = 5_000_000  # rows × columns of the table read
    max_field: int = 1_048_576  # characters in one CSV field


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


def read_sheet(path: str | os.PathLike[str], *, sheet: str | None = None, limits: SheetLimits | None = None) -> Sheet:
    """Read the CSV file or the workbook sheet (default: the first) at ``path``, within ``limits``."""
    name = os.fspath(path)
    bounds = limits or SheetLimits()
    kind = format_of(name, None, TABLE_FORMATS)
    raw = _read_bytes(name, bounds)
    return _csv(name, raw, bounds) if kind == "csv" else _workbook(name, raw, sheet, bounds)


def _read_bytes(name: str, limits: SheetLimits) -> bytes:
    return read_source_file(name, name, limits.max_bytes, UsageError)


def _too_large(where: Location, what: str, size: int, limit: int) -> UsageError:
    """``SHEET_TOO_LARGE`` for the part named ``what`` (a key of :mod:`perfscore._text.names`)."""
    zh, en = named(what)
    return UsageError(
        [diagnostic("SHEET_TOO_LARGE", location=where, what=en, what_zh=zh, size=str(size), limit=str(limit))]
    )


def _bounded(
    file: str, name: str | None, rows: Iterable[Sequence[str | None]], limits: SheetLimits
) -> tuple[tuple[str | None, ...], ...]:
    """The rows up to the last that holds a value, each cut after its last value, padded to one width.

    Stops with ``SHEET_TOO_LARGE`` at the first row, column or cell count above its limit.
    """
    where = f"{file}[{name}]" if name else file
    kept: list[tuple[str | None, ...]] = []
    pending = 0  # empty rows not yet known to lie inside the table
    width = 0
    for number, row in enumerate(rows, start=1):
        last = len(row)
        while last and row[last - 1] is None:
            last -= 1
        if not last:
            pending += 1
            continue
        if number > limits.max_rows:
            raise _too_large(Location(file=where, line=number), "sheet.last_row", number, limits.max_rows)
        if last > limits.max_columns:
            location = Location(file=where, line=number, column=last)
            raise _too_large(location, "sheet.last_column", last, limits.max_columns)
        width = max(width, last)
        if number * width > limits.max_cells:
            location = Location(file=where, line=number)
            raise _too_large(location, "sheet.cells", number * width, limits.max_cells)
        kept.extend([()] * pending)
        pending = 0
        kept.append(tuple(row[:last]))
    return tuple(line + (None,) * (width - len(line)) for line in kept)


def _csv(name: str, raw: bytes, limits: SheetLimits) -> Sheet:
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
    reader = csv.reader(io.StringIO(text, newline=""))
    previous = csv.field_size_limit(limits.max_field)
    try:
        rows = _bounded(name, None, ([_text(value) for value in row] for row in reader), limits)
    except csv.Error as err:
        if "field larger than field limit" not in str(err):
            detail = f"the CSV is malformed ({err})"
            raise UsageError(
                [diagnostic("FILE_UNREADABLE", location=Location(file=name, line=reader.line_num), reason=detail)]
            ) from None
        where = Location(file=name, line=reader.line_num)
        raise _too_large(where, "sheet.field", limits.max_field + 1, limits.max_field) from None
    finally:
        csv.field_size_limit(previous)
    return Sheet(file=name, name=None, rows=rows)


def _unzipped_size(name: str, raw: bytes) -> tuple[int, int]:
    """The sum of the workbook's parts, and its shared strings' part, uncompressed, as its zip directory says.

    The sizes declared there are the ones :mod:`zipfile` enforces when it inflates a part.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            parts = archive.infolist()
            strings = sum(item.file_size for item in parts if item.filename.lower().endswith("sharedstrings.xml"))
            return sum(item.file_size for item in parts), strings
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        reason = "not a readable .xlsx workbook (BadZipFile)"
        raise UsageError([diagnostic("FILE_UNREADABLE", location=Location(file=name), reason=reason)]) from None


def _workbook(name: str, raw: bytes, sheet: str | None, limits: SheetLimits) -> Sheet:
    openpyxl = require("openpyxl", extra="excel", feature="reading .xlsx files")
    unzipped, strings = _unzipped_size(name, raw)
    where = Location(file=name)
    if unzipped > limits.max_unzipped:
        raise _too_large(where, "sheet.unzipped", unzipped, limits.max_unzipped)
    if strings > limits.max_strings:
        raise _too_large(where, "sheet.strings", strings, limits.max_strings)
    try:
        book = openpyxl.load_workbook(io.BytesIO(raw), data_only=True, read_only=True)
    except Exception as err:  # noqa: BLE001 - openpyxl raises many types for a file that is not a workbook
        reason = f"not a readable .xlsx workbook ({type(err).__name__})"
        raise UsageError([diagnostic("FILE_UNREADABLE", location=Location(file=name), reason=reason)]) from None
    if sheet is not None and sheet not in book.sheetnames:
        book.close()
        raise UsageError(
            [diagnostic("SHEET_UNKNOWN", location=Location(file=name), sheet=sheet, sheets=", ".join(book.sheetnames))]
        )
    chosen = book[sheet] if sheet is not None else book.worksheets[0]
    chosen.reset_dimensions()  # never trust the stored "used range": read the cells that exist
    try:
        cells = (list(map(_cell_text, row)) if row else () for row in chosen.iter_rows())
        rows = _bounded(name, chosen.title, cells, limits)
    except UsageError:
        raise
    except Exception as err:  # noqa: BLE001 - a damaged sheet part raises anything from zip, XML or openpyxl
        reason = f"not a readable .xlsx workbook ({type(err).__name__})"
        raise UsageError([diagnostic("FILE_UNREADABLE", location=Location(file=name), reason=reason)]) from None
    finally:
        book.close()
    return Sheet(file=name, name=chosen.title, rows=rows)


def _text(value: str) -> str | None:
    stripped = value.strip()
    return stripped or None


def _cell_text(cell: Any) -> str | None:
    value = getattr(cell, "value", None)
    if value is None:
        return None
    kind = type(value)
    if (kind is float or kind is int) and value and "%" not in (getattr(cell, "number_format", None) or ""):
        shown = _shown_number(value)
        if shown is not None:
            return shown
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int | float):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if "%" in (getattr(cell, "number_format", None) or ""):
            return f"{plain(number * 100)}%"
        return plain(number)
    return _text(str(value))


_WHOLE = 10**15


def _shown_number(value: float) -> str | None:
    """The commonest cell, a plain non-zero number, as plain(Decimal(repr(value))) shows it, cheaply.

    None for what only the Decimal can show (``1e-05``, ``inf``, ``nan``).
    """
    shown = repr(value)
    if type(value) is int:
        return shown if -_WHOLE < value < _WHOLE else None  # beyond, the Decimal's context may round it
    if shown[-1].isdigit() and "e" not in shown:
        return shown.removesuffix(".0")
    return None
