"""A batch table read row by row: the header first, then each data row as it is needed.

:func:`perfscore._files.sheets.read_sheet` reads a whole table into a :class:`Sheet`,
which is right for an indicator table of a hundred rows. A batch table may hold
100,000 departments; :func:`open_table` decodes a CSV file the same way (UTF-8 with or
without a BOM, else GB18030) and an ``.xlsx`` sheet in openpyxl's read-only mode, and
hands the rows on one at a time, their cells read exactly as ``read_sheet`` reads them.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator

import attrs

from perfscore._core.diagnostics import Location, UsageError, diagnostic
from perfscore._files.formats import format_of
from perfscore._files.sheets import TABLE_FORMATS, Sheet, read_sheet
from perfscore._files.sheets import _cell_text as cell_text
from perfscore._files.sheets import _text as text_cell
from perfscore.extras import require

Row = tuple[str | None, ...]


@attrs.frozen(kw_only=True)
class TableStream:
    """The rows up to the header (a small :class:`Sheet`), then the data rows as ``(row number, cells)``."""

    head: Sheet
    rows: Iterator[tuple[int, Row]] = attrs.field(eq=False, repr=False)
    size_hint: int  # about how many rows follow (for a progress bar)


def open_table(path: str | os.PathLike[str], *, sheet: str | None = None) -> TableStream:
    """Open the CSV file or workbook sheet at ``path`` for reading row by row."""
    name = os.fspath(path)
    kind = format_of(name, None, TABLE_FORMATS)
    if kind == "csv":
        text = _decoded(name)
        return _split(name, None, enumerate(csv.reader(io.StringIO(text, newline="")), start=1), text.count("\n"))
    return _workbook(name, sheet)


def _decoded(name: str) -> str:
    """The CSV file's text, decoded as read_sheet decodes it (its errors too: it is asked to read the file)."""
    try:
        with open(name, "rb") as handle:
            raw = handle.read()
    except OSError:
        read_sheet(name)  # raises FILE_UNREADABLE, as a whole-table read would
        raise
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    read_sheet(name)  # raises FILE_ENCODING
    raise AssertionError  # pragma: no cover - read_sheet raised


def _split(name: str, sheet: str | None, rows: Iterator[tuple[int, list[str]]], hint: int) -> TableStream:
    """Read up to the first row with a cell in it (the header); the rest is left to the caller."""
    head: list[Row] = []
    for _, raw in rows:
        cells = tuple(text_cell(value) for value in raw)
        head.append(cells)
        if any(cells):
            break

    def data() -> Iterator[tuple[int, Row]]:
        for number, raw in rows:
            yield number, tuple([value.strip() or None for value in raw])  # as read_sheet's cells

    return TableStream(head=Sheet(file=name, name=sheet, rows=tuple(head)), rows=data(), size_hint=hint)


def _workbook(name: str, sheet: str | None) -> TableStream:
    openpyxl = require("openpyxl", extra="excel", feature="reading .xlsx files")
    try:
        with open(name, "rb") as handle:
            raw = handle.read()
        book = openpyxl.load_workbook(io.BytesIO(raw), data_only=True, read_only=True)
    except Exception:
        read_sheet(name, sheet=sheet)
        raise
    if sheet is not None and sheet not in book.sheetnames:
        raise UsageError(
            [diagnostic("SHEET_UNKNOWN", location=Location(file=name), sheet=sheet, sheets=", ".join(book.sheetnames))]
        )
    chosen = book[sheet] if sheet is not None else book.worksheets[0]
    title = chosen.title

    def rows() -> Iterator[tuple[int, Row]]:
        for number, row in enumerate(chosen.iter_rows(), start=1):
            yield number, tuple(map(cell_text, row))

    head: list[Row] = []
    stream = rows()
    for _, cells in stream:
        head.append(cells)
        if any(cells):
            break
    hint = int(getattr(chosen, "max_row", 0) or 0)
    return TableStream(head=Sheet(file=name, name=title, rows=tuple(head)), rows=stream, size_hint=hint)
