"""Many departments' figures in one table (CSV or xlsx): one row per department.

Columns (header row first; see docs/batch.md):

* ``department``, ``year``, ``pack``, ``source``, ``tolerance``, ``percent_numbers`` — as in a figures file;
* ``ID:KEY`` — a figure of indicator ``ID``: ``ID:actual``, ``ID:score``, ``ID:level``,
  ``ID:reason``, ``ID:evidence``, ``ID:target``, ``ID:count``, ``ID:not_applicable``,
  ``ID:note``, ``ID:values.NAME``, ``ID:items.ITEM``, ``ID:override.score``,
  ``ID:override.reason``;
* ``ID`` alone — the indicator's main figure: ``actual`` when its rule reads one,
  else the assessor's ``score``;
* ``amounts:PATH`` — a department amount such as ``amounts:budget.executed``;
* ``published:grade``, ``published:total``, ``published:execution_rate``,
  ``published:ID`` (a published score).

An empty cell is a figure not given (the result becomes partial, never a zero). A
column that names nothing in the pack stops the batch before any row is scored,
since it would be wrong in every row; a bad cell is that row's problem only, and is
reported at its row and column by the ordinary figures loader.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import attrs

from perfscore._core.diagnostics import Diagnostic, FiguresError, ParseError, diagnostic
from perfscore._core.figures import INDICATOR_FIGURE_KEYS, Figures
from perfscore._core.model import Indicator, Pack
from perfscore._core.numerals import parse_decimal
from perfscore._files.sheets import Sheet
from perfscore._inputs.figures import figures_from_document
from perfscore._yaml.source import Path as DocumentPath
from perfscore._yaml.source import SourceDocument

TOP_COLUMNS = frozenset({"department", "year", "pack", "source", "tolerance", "percent_numbers"})
PUBLISHED_KEYS = frozenset({"grade", "total", "execution_rate"})
_NESTED = frozenset({"values", "items", "override"})
Path = tuple[str, ...]


def _column_path(pack: Pack, header: str) -> Path | None:  # noqa: PLR0911 - one answer per kind of column
    """Where a column's value goes in a figures document, or None if it names nothing."""
    if header in TOP_COLUMNS:
        return (header,)
    head, colon, rest = header.partition(":")
    node = pack.node(head)
    if isinstance(node, Indicator):
        key = rest or _main_key(node)
        if key is None:
            return None
        first, _, inner = key.partition(".")
        if first not in INDICATOR_FIGURE_KEYS or first == "deductions" or (first in _NESTED) != bool(inner):
            return None
        return ("indicators", head, first, *([inner] if inner else []))
    if colon and head == "amounts" and rest:
        return ("amounts", *rest.split("."))
    if colon and head == "published" and rest:
        if rest in PUBLISHED_KEYS:
            return ("published", rest)
        return ("published", "scores", rest) if pack.node(rest) is not None else None
    return None


def _main_key(node: Indicator) -> str | None:
    reads = node.rule.reads()
    if "actual" in reads:
        return "actual"
    return "score" if "score" in reads else None


def table_columns(pack: Pack, sheet: Sheet) -> tuple[int, dict[int, Path]]:
    """The header row and where each column's cells go; raises ``FiguresError`` for unknown columns."""
    header_row = next((number for number, row in enumerate(sheet.rows, start=1) if any(row)), 0)
    if header_row == 0:
        raise FiguresError([diagnostic("BATCH_EMPTY", location=sheet.location(1), source=sheet.where)])
    columns: dict[int, Path] = {}
    problems: list[Diagnostic] = []
    for column, raw in enumerate(sheet.rows[header_row - 1], start=1):
        if not raw:
            continue
        path = _column_path(pack, raw.strip())
        if path is None:
            problems.append(
                diagnostic(
                    "BATCH_COLUMN_UNKNOWN", location=sheet.location(header_row, column), column=raw, pack=pack.id
                )
            )
        else:
            columns[column] = path
    if problems:
        raise FiguresError(problems)
    return header_row, columns


def table_figures(pack: Pack, sheet: Sheet) -> Iterator[tuple[str, Callable[[], Figures]]]:
    """One ``(source, load)`` pair per department row, for :func:`perfscore.score_many`."""
    header_row, columns = table_columns(pack, sheet)
    found = False
    for row in range(header_row + 1, len(sheet.rows) + 1):
        cells = {column: sheet.cell(row, column) for column in columns}
        if not any(cells.values()):
            continue
        found = True
        source = f"{sheet.where}:{row}"
        yield source, _RowFigures(sheet=sheet, row=row, columns=columns, cells=cells, source=source)
    if not found:
        raise FiguresError([diagnostic("BATCH_EMPTY", location=sheet.location(header_row), source=sheet.where)])


@attrs.frozen(kw_only=True)
class _RowFigures:
    """Loads one row's figures when called, through the ordinary figures loader."""

    sheet: Sheet
    row: int
    columns: dict[int, Path]
    cells: dict[int, str | None]
    source: str

    def __call__(self) -> Figures:
        data: dict[str, Any] = {}
        marks: dict[DocumentPath, tuple[int, int]] = {}
        for column, path in self.columns.items():
            value = self.cells[column]
            if value is None:
                continue
            target = data
            for depth, key in enumerate(path[:-1]):
                target = target.setdefault(key, {})
                marks.setdefault(path[: depth + 1], (self.row, column))
            target[path[-1]] = _typed(path, value)
            marks[path] = (self.row, column)
        doc = SourceDocument(name=self.sheet.where, data=data, value_marks=marks, key_marks=marks)
        return attrs.evolve(figures_from_document(doc), file=self.source)


def _typed(path: Path, value: str) -> object:
    """Year and tolerance are numbers in a figures file; a table holds text."""
    if path in {("year",), ("tolerance",)}:
        try:
            number = parse_decimal(value)
        except ParseError:
            return value  # the loader reports it, at its cell
        return int(number) if path == ("year",) and number == number.to_integral_value() else Decimal(number)
    return value


RowFigures = _RowFigures  # the loader of one row, for perfscore._batch.runner (which reads rows as a stream)
