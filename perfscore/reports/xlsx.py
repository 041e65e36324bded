"""The Excel report (``perfscore[excel]``): numbers as numbers, subtotals as formulas.

Three sheets: the 表2-style score table (task cells merged, each task's 合计 a
``SUM`` of its indicators' scores, then every group's subtotal and the total as
formulas over the cells they add up), the 表1-style scheme, and the result with the
points lost, warnings, notes, assumptions and adjustments. Header rows are frozen.
Scores are written as exact numbers from the scorecard, so the formulas recompute
the scorecard's own subtotals: the engine adds rounded leaf scores, as ``SUM`` does.
A partial result adds 最低 / 最高 columns whose formulas give the range of each
subtotal and of the total. Percent-weighted groups use ``ROUND`` only when the pack
rounds half-up (Excel's rule); otherwise, and for a rescaled total, the value is written.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, BinaryIO

from perfscore._core.decimals import RoundingMode, plain
from perfscore._core.scorecard import GroupResult, IndicatorResult, NodeResult, Status
from perfscore._files.cellsafe import append, put
from perfscore._text.labels import level_name, rule_name, word
from perfscore.extras import require
from perfscore.reports.view import ReportView, runs

_BOLD: dict[str, Any] = {"bold": True}


def write_xlsx(view: ReportView, stream: BinaryIO) -> None:
    """Write the workbook of ``view`` to ``stream``."""
    openpyxl = require("openpyxl", extra="excel", feature="the Excel report")
    book = openpyxl.Workbook()
    _scores_sheet(book.active, view)
    _scheme_sheet(book.create_sheet(word("scheme", view.lang)[:31]), view)
    _notes_sheet(book.create_sheet(word("result", view.lang)[:31]), view)
    book.save(stream)


def _number(value: Decimal | None) -> Decimal | None:
    return None if value is None else Decimal(plain(value))


def _style(sheet: Any, row: int, count: int, *, bold: bool = False, fill: str | None = None) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill  # noqa: PLC0415 - optional extra

    for column in range(1, count + 1):
        cell = sheet.cell(row=row, column=column)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if bold:
            cell.font = Font(**_BOLD)
        if fill:
            cell.fill = PatternFill("solid", fgColor=fill)


def _widths(sheet: Any, widths: list[int]) -> None:
    from openpyxl.utils import get_column_letter  # noqa: PLC0415 - optional extra

    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


class _Cells:
    """Where each node's score (and low/high) ended up, to build formulas over them."""

    def __init__(self) -> None:
        self.row: dict[str, int] = {}

    def refs(self, nodes: tuple[NodeResult, ...], column: str) -> str:
        return ",".join(f"{column}{self.row[node.id]}" for node in nodes if node.id in self.row)


def _scores_sheet(sheet: Any, view: ReportView) -> None:
    card, lang = view.card, view.lang
    sheet.title = word("scores", lang)[:31]
    heads = [word(key, lang) for key in ("task", "indicator", "evidence", "weight", "score", "subtotal")]
    if card.partial:
        heads += [word("low", lang), word("high", lang)]
    append(sheet, [card.pack_title])
    append(
        sheet, [" · ".join(str(p) for p in (card.department, card.year, f"{card.pack_id} v{card.pack_version}") if p)]
    )
    append(sheet, [])
    append(sheet, heads)
    _style(sheet, 4, len(heads), bold=True, fill="E8EEF5")
    sheet.freeze_panes = "A5"
    cells = _Cells()
    tasks = _indicator_rows(sheet, view, cells, len(heads))
    append(sheet, [])
    append(sheet, [word("subtotals", lang)])
    _style(sheet, sheet.max_row, 1, bold=True)
    groups = card.groups()
    for group in groups:
        append(sheet, ["  " * (len(group.path) - 1) + group.name, None, None, _number(group.weight)])
        cells.row[group.id] = sheet.max_row
    for group in groups:
        _group_formulas(sheet, view, cells, group)
    for row, group in tasks:  # a task's 合计 is its subtotal's cell
        if group.score is not None:
            sheet.cell(row=row, column=6, value=f"=E{cells.row[group.id]}")
    append(sheet, [])
    _total_row(sheet, view, cells, len(heads))
    _widths(sheet, [26, 30, 70, 8, 8, 8, 8, 8])


def _indicator_rows(sheet: Any, view: ReportView, cells: _Cells, width: int) -> list[tuple[int, GroupResult]]:
    """One row per indicator, task cells merged; returns where each task's 合计 cell is."""
    tasks: list[tuple[int, GroupResult]] = []
    for block in view.blocks:
        first = sheet.max_row + 1
        for result in block.rows:
            evidence = "\n".join(part for part in (result.evidence, view.explanation(result)) if part)
            row = [block.group.name if block.group else "", result.name, evidence, _number(result.weight)]
            row += [_number(result.score), None]
            if view.card.partial:
                row += [_number(result.low), _number(result.high)]
            append(sheet, row)
            cells.row[result.id] = sheet.max_row
            _style(sheet, sheet.max_row, width)
        last = sheet.max_row
        if block.group is not None:
            if last > first:
                sheet.merge_cells(start_row=first, start_column=1, end_row=last, end_column=1)
                sheet.merge_cells(start_row=first, start_column=6, end_row=last, end_column=6)
            tasks.append((first, block.group))
    return tasks


def _total_row(sheet: Any, view: ReportView, cells: _Cells, width: int) -> None:
    """The total (or the range of totals) as SUM formulas over the top-level cells; values when rescaled."""
    card, lang = view.card, view.lang
    label = word("total", lang) if card.total is not None else word("range", lang)
    append(sheet, [label, None, None, _number(card.max)])
    row = sheet.max_row
    _style(sheet, row, width, bold=True)
    summed = card.rescaled_from is None  # a rescaled total is not the sum of its parts
    columns = [("E", 5, card.total)] if card.total is not None else []
    if card.partial:
        columns += [("G", 7, card.low), ("H", 8, card.high)]
    for letter, index, value in columns:
        shown = f"=SUM({cells.refs(card.children, letter)})" if summed else _number(value)
        sheet.cell(row=row, column=index, value=shown)
    if card.total is not None:
        put(sheet, row, 3, f"{word('grade', lang)}: {card.grade}")
    else:
        possible = "、".join(card.grades_possible) or "—"
        put(sheet, row, 3, f"{word('possible', lang)}: {possible}")


def _group_formulas(sheet: Any, view: ReportView, cells: _Cells, group: GroupResult) -> None:
    row = cells.row[group.id]
    if group.status is Status.NOT_APPLICABLE:
        return
    columns = [("E", 5, group.score is not None)]
    if view.card.partial:
        columns += [("G", 7, True), ("H", 8, True)]
    rounding = view.pack.rounding
    for letter, index, known in columns:
        if not known:
            continue
        total = f"SUM({cells.refs(group.children, letter)})"
        if group.aggregation == "percent":
            if rounding.mode is not RoundingMode.HALF_UP:
                value = {"E": group.score, "G": group.low, "H": group.high}[letter]
                sheet.cell(row=row, column=index, value=_number(value))
                continue
            total = f"ROUND({total}*{plain(group.weight)}/100,{rounding.decimals})"
        sheet.cell(row=row, column=index, value=f"={total}")


def _scheme_sheet(sheet: Any, view: ReportView) -> None:
    lang, depth, lines = view.lang, view.scheme_depth, view.scheme
    heads = [level_name(level, lang) for level in range(depth)]
    heads += [word("target", lang), word("weight", lang), word("rule", lang)]
    append(sheet, heads)
    _style(sheet, 1, len(heads), bold=True, fill="E8EEF5")
    sheet.freeze_panes = "A2"
    spans = [
        runs([line.groups[level].id if level < len(line.groups) else None for line in lines]) for level in range(depth)
    ]
    for index, line in enumerate(lines):
        row: list[object] = [f"{group.name}（{plain(group.weight)}）" for group in line.groups]
        row.append(line.indicator.name)
        row += [None] * (depth - len(row))
        rule = rule_name(line.indicator.rule.kind, lang)
        if line.indicator.assumptions:
            rule += f" ({'、'.join(line.indicator.assumptions)})"
        row += [line.indicator.target_text or "", _number(line.indicator.weight), rule]
        append(sheet, row)
        current = sheet.max_row
        _style(sheet, current, len(heads))
        for level in range(len(line.groups)):
            if spans[level][index] > 1:
                sheet.merge_cells(
                    start_row=current,
                    start_column=level + 1,
                    end_row=current + spans[level][index] - 1,
                    end_column=level + 1,
                )
        if len(line.groups) + 1 < depth:
            sheet.merge_cells(start_row=current, start_column=len(line.groups) + 1, end_row=current, end_column=depth)
    _widths(sheet, [24] * depth + [30, 8, 16])


def _notes_sheet(sheet: Any, view: ReportView) -> None:
    card, lang = view.card, view.lang
    append(sheet, [word("result", lang), card.pack_title])
    _style(sheet, 1, 2, bold=True, fill="E8EEF5")
    sheet.freeze_panes = "A2"
    rows: list[list[Any]] = [
        [word("department", lang), card.department],
        [word("year", lang), card.year],
        [word("pack", lang), f"{card.pack_id} v{card.pack_version}"],
        [word("max", lang), _number(card.max)],
        [word("total", lang), _number(card.total)],
        [word("low", lang), _number(card.low)],
        [word("high", lang), _number(card.high)],
        [word("grade", lang), card.grade],
        [word("possible", lang), "、".join(card.grades_possible)],
        [],
    ]
    for row in rows:
        append(sheet, row)

    def heading(title: str, heads: list[str]) -> None:
        append(sheet, [])
        append(sheet, [title])
        _style(sheet, sheet.max_row, 1, bold=True)
        append(sheet, heads)
        _style(sheet, sheet.max_row, len(heads), bold=True, fill="F6F8FB")

    heading(word("deductions", lang), [word(k, lang) for k in ("indicator", "id", "weight", "score", "lost", "reason")])
    for item in view.deducted:
        result: IndicatorResult = item.result
        append(
            sheet,
            [
                result.name,
                result.id,
                _number(result.weight),
                _number(result.score),
                _number(item.lost),
                "；".join(item.reasons),
            ],
        )
    for title, items in (
        (word("reconcile", lang), view.reconciliation),
        (f"{word('warnings', lang)} ({len(view.warnings)})", view.warnings),
        (f"{word('notes', lang)} ({len(view.notes)})", view.notes),
    ):
        heading(title, [word(k, lang) for k in ("code", "message", "where")])
        for found in items:
            append(sheet, [found.code, found.message(lang), str(found.location) if found.location.known else ""])
    heading(word("assumptions", lang), [word(k, lang) for k in ("id", "text", "source", "used_by")])
    for use in view.assumptions:
        append(sheet, [use.assumption.id, use.assumption.text, use.source or "", len(use.used_by)])
    if view.adjustments:
        heading(word("adjustments", lang), [word(k, lang) for k in ("op", "id", "text", "reason")])
        for adjustment in view.adjustments:
            changes = "；".join(f"{field}: {old} → {new}" for field, old, new in adjustment.changes)
            append(sheet, [word(adjustment.op, lang), adjustment.id, changes, adjustment.reason or ""])
    _widths(sheet, [28, 60, 40, 10, 10, 60])
