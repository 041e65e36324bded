"""Writing a batch as CSV, JSON, Markdown or an Excel workbook (atomically), row by row.

The department table has the same columns in every format: ``rank`` (empty while the
rank is a range), ``rank_low`` and ``rank_high`` (best and worst possible rank),
``rank_complete`` (the rank among complete results only), ``source``, ``department``,
``year``, ``status`` (scored / partial / invalid), ``total``, ``low``, ``high``, ``max``,
``grade``, ``grades_possible``, ``warnings``, one column per group with the group's
subtotal, and ``diagnostics`` for a department that could not be scored. Ranks are
numbers, so a spreadsheet sorts them.

For Chinese Excel users (``--lang zh``) the headers and status words are Chinese, and in
every table format the group columns are named by the group's name (its id added when
two groups share a name); JSON keeps the ids, for programs. A CSV file starts with a
UTF-8 BOM, without which Excel on Chinese Windows shows 乱码. A CSV holds one table, so
the departments are written best first (the ranking) and the grade distribution goes
beside it, in ``NAME.grades.csv``. JSON, Markdown and xlsx add the ranking and the
distribution. Rows are written as they are built, so a large batch is never held as
text in memory.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any, BinaryIO

from tabulate import tabulate

from perfscore._batch.table import BatchRow, BatchTable
from perfscore._core.decimals import plain
from perfscore._core.diagnostics import Lang
from perfscore._files.atomic import write_atomic, write_text_atomic
from perfscore._files.cellsafe import clean, csv_row, csv_text, markdown_text, xlsx_text
from perfscore._files.formats import format_of
from perfscore._files.stdio import is_stdio
from perfscore._text.batchwords import COLUMNS_ZH, SHEETS, pick
from perfscore._views.serialize import to_json
from perfscore.extras import require

BATCH_FORMATS = {"csv": (".csv",), "xlsx": (".xlsx",), "json": (".json",), "md": (".md", ".markdown")}
FIXED = (
    "rank",
    "rank_low",
    "rank_high",
    "rank_complete",
    "source",
    "department",
    "year",
    "status",
    "total",
    "low",
    "high",
    "max",
    "grade",
    "grades_possible",
    "warnings",
)
GRADE_COLUMNS = ("grade", "count", "possible")
_SHORT = 8  # texts this short (grades, status words) are cleaned once per sheet
_REPEATS = 64  # CSV cells this short (numbers, ranges, names) are cleaned once per file
RANKING_COLUMNS = ("rank", "source", "department", "total", "low", "high", "grade")


def word(key: str, lang: Lang) -> str:
    """A column or status word in ``lang`` (English words are the keys themselves)."""
    return COLUMNS_ZH.get(key, key) if lang == "zh" else key


def group_names(table: BatchTable) -> list[str]:
    """Each group's column name: its name, with its id when two groups share the name."""
    groups = table.pack.groups()
    names = [group.name or group.id for group in groups]
    return [
        name if names.count(name) == 1 else f"{name}（{group.id}）" for name, group in zip(names, groups, strict=True)
    ]


def headers(table: BatchTable, lang: Lang = "en", *, ids: bool = False) -> list[str]:
    """The department table's columns (group ids instead of names when ``ids``)."""
    groups = list(table.group_ids) if ids else group_names(table)
    return [*(word(key, lang) for key in FIXED), *groups, word("diagnostics", lang)]


def row_values(
    table: BatchTable, row: BatchRow, lang: Lang = "en", *, index: int | None = None, shown: bool = False
) -> list[Any]:
    """One department's cells: numbers as Decimal or int, text as text, None for nothing.

    ``index`` is the department's place when ``row`` was kept with another (a chunk's);
    ``shown`` keeps the subtotals as the texts the row holds (what a CSV writes of them).
    """
    subtotals = dict(row.subtotals)
    ranks = table.ranks(row.index if index is None else index)
    return [
        None if ranks is None or ranks.low != ranks.high else ranks.low,
        None if ranks is None else ranks.low,
        None if ranks is None else ranks.high,
        None if ranks is None or not ranks.complete else ranks.complete,
        row.source,
        row.department,
        row.year,
        word(row.status, lang),
        row.total,
        row.low,
        row.high,
        table.pack.total,
        row.grade,
        "、".join(row.grades_possible),
        row.warnings,
        *(
            subtotals.get(group, "") if shown else _number_or_text(subtotals.get(group, ""))
            for group in table.group_ids
        ),
        "\n".join(row.diagnostics),
    ]


def _number_or_text(shown: str) -> Decimal | str | None:
    if not shown:
        return None
    try:
        return Decimal(shown)
    except ArithmeticError:
        return shown  # a range such as 0–20 stays text


def _text(value: object) -> str:
    if value is None:
        return ""
    return plain(value) if isinstance(value, Decimal) else str(value)


def write_batch(table: BatchTable, path: str, fmt: str | None = None, lang: Lang = "en") -> list[str]:
    """Write ``table`` to ``path``; returns the files written."""
    chosen = format_of(path, fmt, BATCH_FORMATS)
    if chosen == "csv" and is_stdio(path):  # one table down the pipe: no companion file named '-.grades.csv'
        rows = _csv_rows(table, lang)
        write_atomic(path, lambda stream: _csv(stream, headers(table, lang), rows))
        return [path]
    if chosen == "csv":
        grades_path = os.path.splitext(path)[0] + ".grades.csv"
        rows = _csv_rows(table, lang)
        write_atomic(path, lambda stream: _csv(stream, headers(table, lang), rows))
        grades = ([g, str(c), str(p)] for g, c, p in table.grades)
        write_atomic(grades_path, lambda stream: _csv(stream, [word(k, lang) for k in GRADE_COLUMNS], grades))
        return [path, grades_path]
    writers: dict[str, Callable[[BatchTable, Lang], str]] = {"json": _json, "md": _markdown}
    if chosen == "xlsx":
        write_atomic(path, lambda stream: _xlsx(table, stream, lang))
    else:
        write_text_atomic(path, clean(writers[chosen](table, lang)))  # JSON escapes C0 itself; DEL, C1 replaced
    return [path]


def _csv_rows(table: BatchTable, lang: Lang) -> Iterator[list[str]]:
    """Each department's cells as safe CSV text (:func:`~perfscore._files.cellsafe.csv_row`), best first.

    A compiled department's cells come straight from the arrays; of those, only the source,
    the department and the grade are text from outside (the rest are numbers and our own
    words), so only they go through ``csv_text`` — the same cells ``csv_row`` would give.
    """
    words = (word("scored", lang), word("partial", lang), word("invalid", lang))
    texts = table.texts
    labels: dict[str, str] = {}
    short: dict[str, str] = {}  # numbers, grades, names repeat from row to row: each checked once

    def checked(value: str) -> str:
        text = short.get(value)
        if text is None:
            text = csv_text(value)
            if len(value) <= _REPEATS and text in {value, "'" + value}:  # nothing replaced: nothing to count again
                short[value] = text
        return text

    for index in table.best_first():
        found = texts(index, words)
        if found is None:  # as csv_row gives them; a subtotal's text is what _text makes of its number
            kept = table.kept_row(index)
            row = table.row(index) if kept is None else kept
            yield [checked(_text(v)) for v in row_values(table, row, lang, index=index, shown=True)]
            continue
        found[4], found[5] = csv_text(found[4]), csv_text(found[5])
        grade = found[12]
        safe = labels.get(grade)
        if safe is None:
            safe = labels[grade] = csv_text(grade)
        found[12] = found[13] = safe
        yield found


def _csv(stream: BinaryIO, head: list[str], rows: Iterator[list[str]]) -> None:
    """Rows written as they come, UTF-8 with a BOM (Excel then reads Chinese right)."""
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(csv_row(head))
    writer.writerows(rows)
    text.flush()
    text.detach()


def _json(table: BatchTable, lang: Lang) -> str:
    head = headers(table, ids=True)
    pack = table.pack
    data = {
        "pack": {"id": pack.id, "version": pack.version, "title": pack.title},
        "groups": [{"id": group.id, "name": group.name} for group in pack.groups()],
        "departments": [dict(zip(head, row_values(table, row), strict=True)) for row in table.rows],
        "ranking": [_ranked(table, table.row(i)) for i in table.ranking()],
        "grades": [dict(zip(GRADE_COLUMNS, values, strict=True)) for values in table.grades],
        "statuses": table.counts(),
        "invalid": table.invalid,
        "partial": table.partial,
    }
    del lang  # JSON is for programs: English keys and status words
    return to_json(data) + "\n"


def _ranked(table: BatchTable, row: BatchRow) -> dict[str, Any]:
    ranks = table.ranks(row.index)
    return {
        "rank": ranks.text if ranks is not None else "",
        "rank_low": ranks.low if ranks is not None else None,
        "rank_high": ranks.high if ranks is not None else None,
        "source": row.source,
        "department": row.department,
        "total": row.total,
        "low": row.low,
        "high": row.high,
        "grade": row.grade,
    }


def _markdown(table: BatchTable, lang: Lang) -> str:
    def render(head: list[str], rows: Iterator[list[Any]] | list[list[Any]]) -> str:
        cells = [[markdown_text(_text(v)) for v in row] for row in rows]
        return tabulate(cells, headers=[markdown_text(h) for h in head], tablefmt="github", disable_numparse=True)

    pack = table.pack
    ranking = []
    for i in table.ranking():
        row, ranks = table.row(i), table.ranks(i)
        ranking.append([ranks.text if ranks else "", row.department or row.source, _total(row), row.grade or "—"])
    titles = tuple(pick(SHEETS[key], lang) for key in ("departments", "ranking", "grades", "invalid", "partial"))
    return "\n".join(
        [
            f"# {markdown_text(pack.title)} — {markdown_text(pack.id)} v{markdown_text(pack.version)}",
            "",
            f"## {titles[0]}",
            "",
            render(headers(table, lang), (row_values(table, row, lang) for row in table.rows)),
            "",
            f"## {titles[1]}",
            "",
            render([word(k, lang) for k in ("rank", "department", "total", "grade")], ranking),
            "",
            f"## {titles[2]}",
            "",
            render([word(k, lang) for k in GRADE_COLUMNS], [list(values) for values in table.grades]),
            "",
            f"{titles[3]}: {table.invalid}; {titles[4]}: {table.partial}",
            "",
        ]
    )


def _total(row: BatchRow) -> str:
    if row.total is not None:
        return plain(row.total)
    return "" if row.low is None or row.high is None else f"{plain(row.low)}–{plain(row.high)}"


def _xlsx(table: BatchTable, stream: BinaryIO, lang: Lang) -> None:
    """Three sheets written row by row with XlsxWriter (constant memory): numbers as numbers, headers frozen."""
    xlsxwriter = require("xlsxwriter", extra="excel", feature="the Excel batch output")
    titles = tuple(pick(SHEETS[key], lang) for key in ("departments", "ranking", "grades"))
    words = (word("scored", lang), word("partial", lang), word("invalid", lang))
    sheets: list[tuple[str, list[str], Iterator[list[Any]]]] = [
        (titles[0], headers(table, lang), (_cells(table, i, lang, words) for i in range(len(table)))),
        (
            titles[1],
            [word(k, lang) for k in RANKING_COLUMNS],
            (_ranking_row(table, i) for i in table.ranking()),
        ),
        (titles[2], [word(k, lang) for k in GRADE_COLUMNS], (list(values) for values in table.grades)),
    ]
    with tempfile.TemporaryDirectory() as scratch:  # constant memory needs a file of its own
        path = os.path.join(scratch, "batch.xlsx")
        book = xlsxwriter.Workbook(
            path,
            {
                "constant_memory": True,
                "strings_to_numbers": False,
                "strings_to_formulas": False,
                "strings_to_urls": False,
            },
        )
        for title, head, rows in sheets:
            sheet = book.add_worksheet(title)
            sheet.freeze_panes(1, 0)
            for column, name in enumerate(head):
                sheet.write_string(0, column, xlsx_text(name))
            _write_rows(sheet, rows)
        book.close()
        with open(path, "rb") as handle:
            shutil.copyfileobj(handle, stream)


def _write_rows(sheet: Any, rows: Iterator[list[Any]]) -> None:  # noqa: ANN401 - an XlsxWriter worksheet
    """Each row's cells from row 1 on: text as string cells (cleaned: :func:`xlsx_text`), numbers as numbers.

    The worksheet's undecorated writers take (row, column) as given: the public ones first
    try to read an ``"A1"`` reference, which costs as much as the cell itself here.
    """
    text = getattr(sheet, "_write_string", sheet.write_string)
    number_cell = getattr(sheet, "_write_number", sheet.write_number)
    short: dict[str, str] = {}  # grades and status words repeat on every row: checked once
    for line, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            if value is None:
                continue
            if type(value) is str:
                if len(value) > _SHORT:
                    safe = xlsx_text(value)
                elif value in short:
                    safe = value
                else:
                    safe = xlsx_text(value)
                    if safe == value:  # nothing replaced: no need to clean (or count) it again
                        short[value] = value
                text(line, column, safe, None)  # a string cell, never a formula
            elif isinstance(value, str):
                text(line, column, xlsx_text(value), None)
            else:
                number_cell(line, column, value, None)


def _cells(table: BatchTable, index: int, lang: Lang, words: tuple[str, str, str]) -> list[Any]:
    """A department's cells for a workbook: numbers as numbers (from the arrays when compiled)."""
    found = table.cells(index, words)
    if found is None:
        return [None if v == "" else v for v in row_values(table, table.row(index), lang)]
    return found


def _ranking_row(table: BatchTable, index: int) -> list[Any]:
    found = table.ranking_cells(index)
    if found is not None:
        return found
    row, ranks = table.row(index), table.ranks(index)
    return [ranks.text if ranks else "", row.source, row.department, row.total, row.low, row.high, row.grade]
