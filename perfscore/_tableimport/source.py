"""Where an imported table comes from: a CSV file, a workbook sheet, or a table of a Word document.

Many 自评表 are published as ``.docx``. A Word table is read into the same
:class:`~perfscore._files.sheets.Sheet` of located text cells as a spreadsheet, with
merged cells as a spreadsheet exports them: the text in the top-left cell, the cells it
covers empty (python-docx repeats a merged cell; a repeat is left blank here). The
table is chosen by ``--table N`` (1 is the first) or ``--table WORD`` (the first table
whose first rows contain the word); by default the first table with a 一级指标 header.
Reading ``.docx`` needs ``pip install 'perfscore[word]'``.
"""

from __future__ import annotations

import io
import os
from typing import Any

from perfscore._core.diagnostics import Location, UsageError, diagnostic
from perfscore._files.sheets import Sheet, read_sheet
from perfscore.extras import require

_HEAD_ROWS = 30


def read_table(path: str | os.PathLike[str], *, sheet: str | None = None, table: str | None = None) -> Sheet:
    """The table at ``path``: a CSV, a workbook ``sheet``, or a Word document's ``table``."""
    name = os.fspath(path)
    if not name.lower().endswith(".docx"):
        return read_sheet(name, sheet=sheet)
    docx = require("docx", extra="word", feature="reading Word (.docx) tables")
    try:
        with open(name, "rb") as handle:
            document = docx.Document(io.BytesIO(handle.read()))
    except OSError as err:
        reason = err.strerror or type(err).__name__
        raise UsageError([diagnostic("FILE_UNREADABLE", location=Location(file=name), reason=reason)]) from None
    except Exception as err:  # noqa: BLE001 - python-docx raises many types for a file that is not a document
        reason = f"not a readable .docx document ({type(err).__name__})"
        raise UsageError([diagnostic("FILE_UNREADABLE", location=Location(file=name), reason=reason)]) from None
    tables = [_rows(found) for found in document.tables]
    index = _choose(tables, table)
    if index is None:
        shown = table if table is not None else "一级指标"
        raise UsageError(
            [diagnostic("IMPORT_TABLE_UNKNOWN", location=Location(file=name), table=shown, count=len(tables))]
        )
    return Sheet(file=name, name=f"table {index + 1}", rows=tables[index])


def _rows(table: Any) -> tuple[tuple[str | None, ...], ...]:  # noqa: ANN401 - a python-docx table
    """Text cells, with merged cells blank except their top-left cell."""
    rows: list[tuple[str | None, ...]] = []
    above: list[object] = []
    for row in table.rows:
        cells = list(row.cells)
        texts: list[str | None] = []
        seen: list[object] = []
        for column, cell in enumerate(cells):
            element = cell._tc  # noqa: SLF001 - the identity python-docx gives a merged cell
            repeated = (seen and seen[-1] is element) or (column < len(above) and above[column] is element)
            seen.append(element)
            text = " ".join(cell.text.split())
            texts.append(None if repeated or not text else text)
        above = seen
        rows.append(tuple(texts))
    return tuple(rows)


def _choose(tables: list[tuple[tuple[str | None, ...], ...]], choice: str | None) -> int | None:
    if choice is not None and choice.isdigit():
        number = int(choice)
        return number - 1 if 1 <= number <= len(tables) else None
    word = choice or "一级指标"
    for index, rows in enumerate(tables):
        head = " ".join(" ".join(cell or "" for cell in row) for row in rows[:_HEAD_ROWS])
        if word in head.replace(" ", "") or word in head:
            return index
    return None
