"""The Excel report (``perfscore[excel]``): numbers as numbers, subtotals as formulas that carry their values.

Written with XlsxWriter rather than openpyxl because XlsxWriter stores each formula
together with its computed value. A workbook whose formulas have no saved values
shows blanks wherever nothing recalculates — pandas, openpyxl(``data_only=True``),
the previews of WeChat/QQ and Quick Look — so officials would see empty 合计 cells.
Here every ``SUM``/``ROUND`` is written with the scorecard's own number as its cached
value, and Excel recomputes the same number (the engine adds rounded leaf scores, as
``SUM`` does; percent-weighted groups use ``ROUND`` only when the pack rounds half-up,
Excel's rule, else the value is written). XlsxWriter also does the print setup (A4,
fit to width, repeated title rows), number formats, autofilter and frozen headers.

Sheets: the 表2-style score table (task cells merged, a task's 合计 the formula of its
subtotal, then every group's subtotal and the total or range), the 表1-style scheme
(one row per indicator, level columns merged over their indicators), the result with
the points lost and why, and — with ``audit`` — the 技术附录. Text is always written
as text (``write_string``), never parsed: a name starting with ``=`` stays a name.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, BinaryIO

from perfscore._core.decimals import RoundingMode, plain
from perfscore._core.scorecard import GroupResult, Status
from perfscore._files.cellsafe import xlsx_text
from perfscore._text.labels import word
from perfscore.extras import require
from perfscore.reports.filed import BudgetRow
from perfscore.reports.plain import labelled, plain_sentence
from perfscore.reports.view import ReportView, report_title
from perfscore.reports.xlsxsheets import Formats, audit_sheet, print_setup, result_sheet, scheme_sheet, text, value


def write_xlsx(view: ReportView, stream: BinaryIO, *, audit: bool = False, budget: BudgetRow | None = None) -> None:
    """Write the workbook of ``view`` to ``stream``; ``audit`` adds the 技术附录 sheet, ``budget`` the 执行率."""
    xlsxwriter = require("xlsxwriter", extra="excel", feature="the Excel report")
    book = xlsxwriter.Workbook(
        stream, {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}
    )
    formats = Formats(book)
    _scores_sheet(book.add_worksheet(word("scores", view.lang)[:31]), view, formats)
    scheme_sheet(book.add_worksheet(word("scheme", view.lang)[:31]), view, formats)
    result_sheet(book.add_worksheet(word("result", view.lang)[:31]), view, formats, budget)
    if audit:
        audit_sheet(book.add_worksheet("技术附录" if view.lang == "zh" else "Technical appendix"), view, formats)
    book.close()


class _Cells:
    """Where each node's score (and low/high) ended up, to build formulas over them (0-based rows)."""

    def __init__(self) -> None:
        self.row: dict[str, int] = {}

    def refs(self, ids: list[str], column: str) -> str:
        return ",".join(f"{column}{self.row[node] + 1}" for node in ids if node in self.row)


def _scores_sheet(sheet: Any, view: ReportView, formats: Formats) -> None:
    card, lang = view.card, view.lang
    partial = card.partial
    heads = [word(key, lang) for key in ("task", "indicator", "evidence", "weight", "score", "subtotal")]
    if partial:
        heads += [word("low", lang), word("high", lang)]
    last = len(heads) - 1
    sheet.merge_range(0, 0, 0, last, xlsx_text(report_title(view)), formats.title)
    sheet.merge_range(1, 0, 1, last, xlsx_text(card.pack_title), formats.subtitle)
    for column, head in enumerate(heads):
        text(sheet, 3, column, head, formats.head)
    sheet.freeze_panes(4, 0)
    print_setup(sheet, 3, landscape=True)
    sheet.set_column(0, 0, 22, formats.wrap)
    sheet.set_column(1, 1, 24, formats.wrap)
    sheet.set_column(2, 2, 70, formats.wrap)
    sheet.set_column(3, last, 9)
    cells = _Cells()
    row, tasks = _indicator_rows(sheet, view, cells, formats)
    sheet.autofilter(3, 0, row - 1, last)
    row += 1
    text(sheet, row, 0, word("subtotals", lang), formats.bold)
    row += 1
    groups = card.groups()
    for group in groups:
        text(sheet, row, 0, "  " * (len(group.path) - 1) + group.name, formats.wrap)
        value(sheet, row, 3, group.weight, formats.number)
        cells.row[group.id] = row
        row += 1
    for group in groups:
        _group_formulas(sheet, view, cells, group, formats)
    for first, end, group in tasks:  # a task's 合计 is its subtotal's cell, merged over its rows
        if end > first:
            sheet.merge_range(first, 0, end, 0, xlsx_text(group.name), formats.task)
            sheet.merge_range(first, 5, end, 5, "", formats.subtotal)
        if group.score is not None:
            sheet.write_formula(first, 5, f"=E{cells.row[group.id] + 1}", formats.subtotal, _float(group.score))
    _total_row(sheet, view, cells, row + 1, formats)


def _indicator_rows(
    sheet: Any, view: ReportView, cells: _Cells, formats: Formats
) -> tuple[int, list[tuple[int, int, GroupResult]]]:
    """One row per indicator from row 4; returns the next free row and each task's first and last row."""
    lang, partial = view.lang, view.card.partial
    row = 4
    tasks: list[tuple[int, int, GroupResult]] = []
    for block in view.blocks:
        first = row
        for result in block.rows:
            said = "\n".join(part for part in (result.evidence, plain_sentence(view.explanation(result), lang)) if part)
            text(sheet, row, 0, block.group.name if block.group else "", formats.task)
            text(sheet, row, 1, result.name, formats.wrap)
            text(sheet, row, 2, said, formats.wrap)
            value(sheet, row, 3, result.weight, formats.number)
            value(sheet, row, 4, result.score, formats.number)
            if partial:
                value(sheet, row, 6, result.low, formats.number)
                value(sheet, row, 7, result.high, formats.number)
            cells.row[result.id] = row
            row += 1
        if block.group is not None:
            tasks.append((first, row - 1, block.group))
    return row, tasks


def _float(number: Decimal | None) -> float | str:
    return "" if number is None else float(plain(number))


def _formula(sheet: Any, row: int, column: int, formula: str, number: Decimal | None, fmt: Any) -> None:
    """A formula with its value saved, so readers that do not recalculate still see the number."""
    sheet.write_formula(row, column, formula, fmt, _float(number))


def _group_formulas(sheet: Any, view: ReportView, cells: _Cells, group: GroupResult, formats: Formats) -> None:
    row = cells.row[group.id]
    if group.status is Status.NOT_APPLICABLE:
        text(sheet, row, 4, "—", formats.number)
        return
    columns = [("E", 4, group.score)]
    if view.card.partial:
        columns += [("G", 6, group.low), ("H", 7, group.high)]
    rounding = view.pack.rounding
    children = [child.id for child in group.children]
    for letter, index, number in columns:
        if number is None:
            continue
        total = f"SUM({cells.refs(children, letter)})"
        if group.aggregation == "percent":
            if rounding.mode is not RoundingMode.HALF_UP:
                value(sheet, row, index, number, formats.number)
                continue
            total = f"ROUND({total}*{plain(group.weight)}/100,{rounding.decimals})"
        _formula(sheet, row, index, f"={total}", number, formats.number)


def _total_row(sheet: Any, view: ReportView, cells: _Cells, row: int, formats: Formats) -> None:
    """The total (or the range of totals) as SUM formulas over the top-level cells; values when rescaled."""
    card, lang = view.card, view.lang
    text(sheet, row, 0, word("total", lang) if card.total is not None else word("range", lang), formats.bold)
    value(sheet, row, 3, card.max, formats.number_bold)
    summed = card.rescaled_from is None  # a rescaled total is not the sum of its parts
    columns = [("E", 4, card.total)] if card.total is not None else []
    if card.partial:
        columns += [("G", 6, card.low), ("H", 7, card.high)]
    children = [child.id for child in card.children]
    for letter, index, number in columns:
        if summed:
            _formula(sheet, row, index, f"=SUM({cells.refs(children, letter)})", number, formats.number_bold)
        else:
            value(sheet, row, index, number, formats.number_bold)
    if card.total is not None:
        text(sheet, row, 2, f"{labelled(word('grade', lang), lang)}{card.grade}", formats.bold)
    else:
        possible = "、".join(card.grades_possible) or "—"
        text(sheet, row, 2, f"{labelled(word('possible', lang), lang)}{possible}", formats.bold)
