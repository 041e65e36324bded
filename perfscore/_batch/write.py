"""Writing a batch summary as CSV, JSON, Markdown or an Excel workbook (atomically).

The department table has the same columns in every format: ``rank``, ``source``,
``department``, ``year``, ``status`` (scored / partial / invalid), ``total``,
``low``, ``high``, ``max``, ``grade``, ``grades_possible``, ``warnings``, one column
per group (its id) with the group's subtotal, and ``diagnostics`` for a department
that could not be scored. JSON, Markdown and xlsx add the ranking and the grade
distribution; a CSV holds one table, so the departments are written best first
(the ranking) and the distribution goes beside it, in ``NAME.grades.csv``.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable
from decimal import Decimal
from typing import Any, BinaryIO

from tabulate import tabulate

from perfscore._batch.report import BatchRow, BatchSummary
from perfscore._core.decimals import plain
from perfscore._files.atomic import write_atomic, write_text_atomic
from perfscore._files.cellsafe import append, clean, csv_row, markdown_text, seal
from perfscore._files.formats import format_of
from perfscore._files.stdio import is_stdio
from perfscore._views.serialize import to_json
from perfscore.extras import require

BATCH_FORMATS = {"csv": (".csv",), "xlsx": (".xlsx",), "json": (".json",), "md": (".md", ".markdown")}
FIXED = ("rank", "source", "department", "year", "status", "total", "low", "high", "max", "grade", "grades_possible")
GRADE_COLUMNS = ("grade", "count", "possible")


def headers(summary: BatchSummary) -> list[str]:
    """The department table's columns."""
    return [*FIXED, "warnings", *(group.id for group in summary.pack.groups()), "diagnostics"]


def row_values(summary: BatchSummary, row: BatchRow) -> list[Any]:
    """One department's cells: numbers as Decimal, text as text, None for nothing."""
    subtotals = dict(row.subtotals)
    return [
        summary.rank_text(row),
        row.source,
        row.department,
        row.year,
        row.status,
        row.total,
        row.low,
        row.high,
        summary.pack.total,
        row.grade,
        "、".join(row.grades_possible),
        row.warnings,
        *(_number_or_text(subtotals.get(group.id, "")) for group in summary.pack.groups()),
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


def write_batch(summary: BatchSummary, path: str, fmt: str | None = None) -> list[str]:
    """Write ``summary`` to ``path``; returns the files written."""
    chosen = format_of(path, fmt, BATCH_FORMATS)
    if chosen == "csv" and is_stdio(path):  # one table down the pipe: no companion file named '-.grades.csv'
        ranked = [*summary.ranking(), *(row for row in summary.rows if row.index not in summary.ranks)]
        write_text_atomic(path, _csv(headers(summary), [[_text(v) for v in row_values(summary, r)] for r in ranked]))
        return [path]
    if chosen == "csv":
        grades_path = os.path.splitext(path)[0] + ".grades.csv"
        ranked = [*summary.ranking(), *(row for row in summary.rows if row.index not in summary.ranks)]
        write_text_atomic(path, _csv(headers(summary), [[_text(v) for v in row_values(summary, r)] for r in ranked]))
        write_text_atomic(grades_path, _csv(list(GRADE_COLUMNS), [[g, str(c), str(p)] for g, c, p in summary.grades]))
        return [path, grades_path]
    writers: dict[str, Callable[[BatchSummary], str]] = {"json": _json, "md": _markdown}
    if chosen == "xlsx":
        write_atomic(path, lambda stream: _xlsx(summary, stream))
    else:
        write_text_atomic(path, clean(writers[chosen](summary)))  # JSON escapes C0 itself; DEL, C1 replaced
    return [path]


def _csv(head: list[str], rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(csv_row(head))
    writer.writerows(csv_row(row) for row in rows)
    return buffer.getvalue()


def _json(summary: BatchSummary) -> str:
    head = headers(summary)
    pack = summary.pack
    data = {
        "pack": {"id": pack.id, "version": pack.version, "title": pack.title},
        "departments": [dict(zip(head, row_values(summary, row), strict=True)) for row in summary.rows],
        "ranking": [
            {
                "rank": summary.rank_text(row),
                "source": row.source,
                "department": row.department,
                "total": row.total,
                "low": row.low,
                "high": row.high,
                "grade": row.grade,
            }
            for row in summary.ranking()
        ],
        "grades": [dict(zip(GRADE_COLUMNS, values, strict=True)) for values in summary.grades],
        "invalid": summary.invalid,
    }
    return to_json(data) + "\n"


def _markdown(summary: BatchSummary) -> str:
    def table(head: list[str], rows: list[list[Any]]) -> str:
        cells = [[markdown_text(_text(v)) for v in row] for row in rows]
        return tabulate(cells, headers=[markdown_text(h) for h in head], tablefmt="github", disable_numparse=True)

    pack = summary.pack
    ranking = [[summary.rank_text(r), r.department or r.source, _total(r), r.grade or "—"] for r in summary.ranking()]
    return "\n".join(
        [
            f"# {markdown_text(pack.title)} — {markdown_text(pack.id)} v{markdown_text(pack.version)}",
            "",
            "## departments",
            "",
            table(headers(summary), [row_values(summary, row) for row in summary.rows]),
            "",
            "## ranking",
            "",
            table(["rank", "department", "total", "grade"], ranking),
            "",
            "## grades",
            "",
            table(list(GRADE_COLUMNS), [list(values) for values in summary.grades]),
            "",
            f"invalid: {summary.invalid}",
            "",
        ]
    )


def _total(row: BatchRow) -> str:
    if row.total is not None:
        return plain(row.total)
    return "" if row.low is None or row.high is None else f"{plain(row.low)}–{plain(row.high)}"


def _xlsx(summary: BatchSummary, stream: BinaryIO) -> None:
    openpyxl = require("openpyxl", extra="excel", feature="the Excel batch output")
    book = openpyxl.Workbook()
    sheets = [
        ("departments", headers(summary), [row_values(summary, row) for row in summary.rows]),
        (
            "ranking",
            ["rank", "source", "department", "total", "low", "high", "grade"],
            [
                [summary.rank_text(r), r.source, r.department, r.total, r.low, r.high, r.grade]
                for r in summary.ranking()
            ],
        ),
        ("grades", list(GRADE_COLUMNS), [list(values) for values in summary.grades]),
    ]
    for index, (title, head, rows) in enumerate(sheets):
        sheet = book.active if index == 0 else book.create_sheet(title)
        sheet.title = title
        append(sheet, head)
        for row in rows:
            append(sheet, row)
        sheet.freeze_panes = "A2"
    seal(book)  # the batch workbook holds no formula at all
    book.save(stream)
