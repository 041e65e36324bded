"""The Excel report's other sheets: the 表1-style scheme, the result, the 技术附录; and the shared formats.

Cells are written through :func:`text` and :func:`value` only: text is stored as a
string whatever it starts with (so ``=…`` in a name never becomes a formula) and
numbers as numbers with the report's number format (``0.00``; ``0.00%`` for rates).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from perfscore._core.decimals import HUNDRED, div, plain
from perfscore._files.cellsafe import xlsx_text
from perfscore._text.labels import level_name, rule_name, word
from perfscore.reports.filed import BudgetRow
from perfscore.reports.plain import plain_sentence
from perfscore.reports.view import ReportView, runs, where_text


class Formats:
    """The workbook's cell formats, made once per workbook."""

    def __init__(self, book: Any) -> None:
        """Add the formats to ``book``."""
        border = {"border": 1, "border_color": "#9AA5B1", "valign": "top", "text_wrap": True}
        self.title = book.add_format({"bold": True, "font_size": 14})
        self.subtitle = book.add_format({"font_color": "#5B6672"})
        self.head = book.add_format({**border, "bold": True, "bg_color": "#E8EEF5", "align": "center"})
        self.bold = book.add_format({"bold": True})
        self.wrap = book.add_format(border)
        self.task = book.add_format({**border, "bold": True, "bg_color": "#F6F8FB"})
        self.number = book.add_format({**border, "num_format": "0.00"})
        self.number_bold = book.add_format({**border, "num_format": "0.00", "bold": True})
        self.subtotal = book.add_format({**border, "num_format": "0.00", "bold": True, "valign": "vcenter"})
        self.percent = book.add_format({**border, "num_format": "0.00%"})


def text(sheet: Any, row: int, column: int, content: str, fmt: Any = None) -> None:
    """A text cell, always text (never a formula or a number, whatever it starts with)."""
    sheet.write_string(row, column, xlsx_text(content), fmt)  # characters cleaned (issue 12)


def value(sheet: Any, row: int, column: int, number: Decimal | None, fmt: Any = None) -> None:
    """A number cell (blank, still formatted, when ``number`` is None)."""
    if number is None:
        sheet.write_blank(row, column, None, fmt)
    else:
        sheet.write_number(row, column, float(plain(number)), fmt)


A4 = 9  # XlsxWriter's paper code


def print_setup(sheet: Any, header_row: int, *, landscape: bool = False) -> None:
    """A4, fit to the page width, the title and header rows repeated on every printed page."""
    sheet.set_paper(A4)
    if landscape:
        sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(0, header_row)
    sheet.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    sheet.set_footer("&C&P / &N")


def scheme_sheet(sheet: Any, view: ReportView, formats: Formats) -> None:
    """表1: one row per indicator; each level's group merged over its indicators' rows."""
    lang, depth, lines = view.lang, view.scheme_depth, view.scheme
    heads = [level_name(level, lang) for level in range(depth)]
    heads += [word("target", lang), word("weight", lang), word("rule", lang)]
    for column, head in enumerate(heads):
        text(sheet, 0, column, head, formats.head)
    sheet.freeze_panes(1, 0)
    print_setup(sheet, 0)
    sheet.set_column(0, depth - 1, 24)
    sheet.set_column(depth, depth, 30)
    sheet.set_column(depth + 1, depth + 1, 9)
    sheet.set_column(depth + 2, depth + 2, 16)
    for index, line in enumerate(lines):
        row = index + 1
        for level, group in enumerate(line.groups):
            text(sheet, row, level, f"{group.name}（{plain(group.weight)}）", formats.task)
        for level in range(len(line.groups), depth):
            text(sheet, row, level, line.indicator.name if level == len(line.groups) else "", formats.wrap)
        text(sheet, row, depth, line.indicator.target_text or "", formats.wrap)
        value(sheet, row, depth + 1, line.indicator.weight, formats.number)
        text(sheet, row, depth + 2, rule_name(line.indicator.rule.kind, lang), formats.wrap)
        if len(line.groups) + 1 < depth:  # an indicator above the deepest level spans the level columns
            sheet.merge_range(row, len(line.groups), row, depth - 1, xlsx_text(line.indicator.name), formats.wrap)
    for level in range(depth - 1):
        keys = [line.groups[level].id if level < len(line.groups) else None for line in lines]
        for start, span in enumerate(runs(keys)):
            if span > 1:
                group = lines[start].groups[level]
                label = f"{group.name}（{plain(group.weight)}）"
                sheet.merge_range(start + 1, level, start + span, level, xlsx_text(label), formats.task)
    sheet.autofilter(0, 0, len(lines), len(heads) - 1)


def result_sheet(sheet: Any, view: ReportView, formats: Formats, budget: BudgetRow | None = None) -> None:
    """The result: who and what, total or range, grade; the budget and its 执行率; the points lost and why."""
    card, lang = view.card, view.lang
    sheet.set_column(0, 0, 30)
    sheet.set_column(1, 1, 60)
    sheet.set_column(2, 5, 12)
    rows: list[tuple[str, str | Decimal | None]] = [
        (word("department", lang), card.department or "—"),
        (word("year", lang), str(card.year) if card.year else "—"),
        (word("source", lang), card.pack_title),
        (word("max", lang), card.max),
        (word("total", lang), card.total),
        (word("low", lang), card.low),
        (word("high", lang), card.high),
        (word("grade", lang), card.grade or "—"),
        (word("possible", lang), "、".join(card.grades_possible) or "—"),
    ]
    for row, (label, content) in enumerate(rows):
        text(sheet, row, 0, label, formats.task)
        if isinstance(content, str):
            text(sheet, row, 1, content, formats.wrap)
        else:
            value(sheet, row, 1, content, formats.number)
    row = len(rows) + 1
    if budget is not None:
        row = _budget(sheet, row, budget, formats, lang)
    text(sheet, row, 0, word("deductions", lang), formats.bold)
    row += 1
    heads = [word(key, lang) for key in ("indicator", "reason", "weight", "score", "lost")]
    for column, head in enumerate(heads):
        text(sheet, row, column, head, formats.head)
    first = row
    for item in view.deducted:
        row += 1
        reason = plain_sentence("；".join(item.reasons) or item.how, lang)
        text(sheet, row, 0, item.result.name, formats.wrap)
        text(sheet, row, 1, reason, formats.wrap)
        value(sheet, row, 2, item.result.weight, formats.number)
        value(sheet, row, 3, item.result.score, formats.number)
        value(sheet, row, 4, item.lost, formats.number)
    if row > first:
        sheet.autofilter(first, 0, row, len(heads) - 1)
    if view.reconciliation:
        row += 2
        text(sheet, row, 0, word("reconcile", lang), formats.bold)
        for found in view.reconciliation:
            row += 1
            sheet.merge_range(row, 0, row, 4, "", formats.wrap)
            text(sheet, row, 0, plain_sentence(found.message(lang), lang), formats.wrap)
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)


def _budget(sheet: Any, row: int, budget: BudgetRow, formats: Formats, lang: str) -> int:
    zh = lang == "zh"
    heads = [f"年初预算（{budget.unit}）", f"调整预算（{budget.unit}）", f"执行数（{budget.unit}）", "执行率"]
    if not zh:
        heads = [f"Initial budget ({budget.unit})", f"Adjusted ({budget.unit})", f"Executed ({budget.unit})", "Rate"]
    for column, head in enumerate(heads):
        text(sheet, row, column + 1, head, formats.head)
    row += 1
    text(sheet, row, 0, "部门整体资金情况" if zh else "Budget", formats.task)
    value(sheet, row, 1, budget.initial, formats.number)
    value(sheet, row, 2, budget.adjusted, formats.number)
    value(sheet, row, 3, budget.executed, formats.number)
    if budget.rate is not None:
        base = "C" if budget.adjusted is not None else "B"
        rate = float(plain(div(budget.rate, HUNDRED)))
        sheet.write_formula(row, 4, f"=ROUND(D{row + 1}/{base}{row + 1},4)", formats.percent, rate)
    return row + 2


def audit_sheet(sheet: Any, view: ReportView, formats: Formats) -> None:
    """The 技术附录: pack and files, diagnostics with codes and places, ids and rules, assumptions, adjustments."""
    card, lang = view.card, view.lang
    sheet.set_column(0, 0, 28)
    sheet.set_column(1, 1, 70)
    sheet.set_column(2, 3, 40)
    lines: list[list[str]] = [
        [word("pack", lang), f"{card.pack_id} v{card.pack_version}"],
        [word("source", lang), str(view.pack.source)],
        [word("figures", lang), card.figures_file or "—"],
        [],
        [word("code", lang), word("message", lang), word("where", lang)],
    ]
    lines += [[d.code, d.message(lang), where_text(d)] for d in (*view.reconciliation, *view.warnings, *view.notes)]
    lines += [[], [word("id", lang), word("indicator", lang), word("rule", lang), word("how", lang)]]
    for result in card.indicators():
        node = view.pack.node(result.id)
        lines.append([result.id, result.name, repr(getattr(node, "rule", "")), view.explanation(result)])
    lines += [[], [word("id", lang), word("text", lang), word("source", lang), word("used_by", lang)]]
    lines += [[u.assumption.id, u.assumption.text, u.source or "", "、".join(u.used_by)] for u in view.assumptions]
    if view.adjustments:
        lines += [[], [word("op", lang), word("id", lang), word("text", lang), word("reason", lang)]]
        for item in view.adjustments:
            changes = "；".join(f"{field}: {old} → {new}" for field, old, new in item.changes)
            lines.append([word(item.op, lang), item.id, changes, item.reason or ""])
    for row, line in enumerate(lines):
        for column, content in enumerate(line):
            text(sheet, row, column, content, formats.wrap)
