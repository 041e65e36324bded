"""Reading an indicator table as Chinese self-evaluation forms lay it out.

The forms have one column per level (一级指标 / 二级指标 / 三级指标), the 指标值
(target) and the 分值 or 权重 (points), often under a title row, sometimes with a
column of group points (二级指标分值) and a closing 合计 row. Cells merged down a
group are empty below their first row in the file: an empty level cell means "same
as above" while the levels to its left are also the same as above; a cell written
``/`` or ``—`` is deliberately empty. The deepest named level of a row is its
indicator. Printed forms add more, read here as they print it: points after a group's
name (``产出指标(50分)``, checked against its indicators: ``IMPORT_GROUP_POINTS``),
empty template rows (``指标2:``, ``……``) that are skipped, detail rows (``其中…``) with
neither points nor score (``IMPORT_ROW_UNWEIGHTED``), the 完成值 / 得分 / 系数 / 原因
of each indicator, a 总分 or 合计 row anywhere in its row that ends the table, and the
注 rows around it. Problems are collected with the cell they are in (file[sheet]:row:column).
"""

from __future__ import annotations

import re
from decimal import Decimal

import attrs

from perfscore._core.decimals import ZERO, plain, total
from perfscore._core.diagnostics import Diagnostic, ParseError, Severity, diagnostic
from perfscore._core.numerals import parse_quantity
from perfscore._files.sheets import Sheet
from perfscore._tableimport.header import HEADER_SCAN_ROWS, Columns, find_columns, levels_without_points
from perfscore._text.problems import PROBLEMS

_BLANK = frozenset({"/", "／", "-", "—", "–", "无", "——"})
_TOTAL = frozenset({"合计", "总计", "总分", "得分合计", "合计得分"})
_WEIGHT_UNITS = frozenset({"分", "%"})
_PLACEHOLDER = re.compile(r"^(……|…|\.{2,}|指标\d+[:：]?|\d+[.、])$")
_ANNOTATION = re.compile(r"[(（]?\s*(\d+(?:\.\d+)?)\s*分\s*[)）]?\s*$")


@attrs.define(kw_only=True)
class TableNode:
    """A group or an indicator read from the table (mutable while the table is read)."""

    name: str
    row: int
    column: int
    children: list[TableNode] = attrs.field(factory=list)
    leaf: bool = False
    weight: Decimal | None = None
    given_weight: tuple[Decimal, int, int] | None = None  # a group's points as written, with row and column
    printed_points: tuple[Decimal, int, int] | None = None  # "(50分)" printed after a group's name
    target: str | None = None
    target_cell: tuple[int, int] | None = None
    id: str | None = None
    note: str | None = None
    nature: str | None = None  # 指标性质 as printed: 正向, 反向, 定性, ≥ …
    direction: str | None = None  # 指标方向 as printed: 大于等于, 小于等于, 等于 …
    actual: str | None = None
    score: str | None = None
    coefficient: str | None = None
    reason: str | None = None


@attrs.frozen(kw_only=True)
class IndicatorTable:
    """The table's tree, its title (the line above the header, if any) and its declared total."""

    sheet: Sheet
    title: str | None
    roots: tuple[TableNode, ...]
    declared_total: tuple[Decimal, int, int] | None
    columns: Columns | None = None
    published_total: str | None = None
    total_row: int | None = None  # the 总分/合计 row
    notes: tuple[str, ...] = ()  # 注 rows after the table


def read_indicator_table(sheet: Sheet) -> tuple[IndicatorTable | None, list[Diagnostic]]:
    """The tree of ``sheet``'s indicator table, or None and the problems found, each at its cell."""
    problems: list[Diagnostic] = []
    columns = find_columns(sheet)
    if columns is None:
        levels = levels_without_points(sheet)
        if levels is None:
            problems.append(diagnostic("IMPORT_HEADER_MISSING", location=sheet.location(1), rows=HEADER_SCAN_ROWS))
        else:
            row, cells = levels
            problems.append(diagnostic("IMPORT_POINTS_COLUMN_MISSING", location=sheet.location(row), cells=cells))
        return None, problems
    reader = _Reader(sheet, columns, problems)
    for row in range(columns.header_row + 1, len(sheet.rows) + 1):
        if reader.row(row):
            reader.notes += [cells[0] for cells in sheet.rows[row:] if cells and cells[0] and _is_note(cells[0])]
            break
    if not reader.roots:
        problems.append(diagnostic("IMPORT_EMPTY", location=sheet.location(columns.header_row)))
    for node in reader.roots:
        _check_weights(sheet, node, problems)
    if reader.block is not None and all(node.weight is not None for node in reader.roots):
        _check_block(sheet, reader.block, total(node.weight or ZERO for node in reader.roots), problems)
    declared = reader.declared_total
    title = " ".join(
        cells[0] for cells in sheet.rows[: min(columns.header_row - 1, 3)] if cells and cells[0] and not any(cells[1:])
    )
    table = IndicatorTable(
        sheet=sheet,
        title=title or None,
        roots=tuple(reader.roots),
        declared_total=declared,
        columns=columns,
        published_total=reader.published_total,
        total_row=reader.total_row,
        notes=tuple(reader.notes),
    )
    failed = any(problem.severity is Severity.ERROR for problem in problems)
    return (None if failed else table), problems


class _Reader:
    """Walks the rows below the header, keeping the level names of the row above."""

    def __init__(self, sheet: Sheet, columns: Columns, problems: list[Diagnostic]) -> None:
        self.sheet, self.columns, self.problems = sheet, columns, problems
        self.roots: list[TableNode] = []
        self.nodes: dict[tuple[str, ...], TableNode] = {}
        self.above: list[str | None] = [None] * len(columns.levels)
        self.declared_total: tuple[Decimal, int, int] | None = None
        self.published_total: str | None = None
        self.total_row: int | None = None
        self.notes: list[str] = []
        self.block: tuple[Decimal, int, int] | None = None  # points printed for the whole indicator block

    def text(self, row: int, column: int | None) -> str | None:
        return None if column is None else self.sheet.cell(row, column)

    def row(self, row: int) -> bool:  # noqa: PLR0911 - one answer per kind of row a form prints
        """Read one row; True at the 总分/合计 row, which ends the table."""
        cells = [self.sheet.cell(row, column) for column in range(1, len(self.sheet.rows[row - 1]) + 1)]
        if not any(cells):
            return False
        first = next(cell for cell in cells if cell)
        if _is_note(first) and not any(self.text(row, c) for c in self.columns.levels[1:]):
            self.notes.append(first)
            return False
        if any(re.sub(r"\s+", "", cell or "") in _TOTAL for cell in cells):
            text = self.text(row, self.columns.weight)
            weight = self.weight(row, self.columns.weight, "合计") if text else None
            if weight is not None:
                self.declared_total = (weight, row, self.columns.weight)
            score = self.text(row, self.columns.score)
            self.published_total = score.rstrip("。.") if score else None
            self.total_row = row
            return True
        names = self.level_names(row)
        path = tuple(name for name in names if name)
        if not path:
            if self.has_figures(row) and not self.block_points(row):
                self.problems.append(diagnostic("IMPORT_NAME_MISSING", location=self.sheet.location(row), row=row))
            return False
        if not self.has_figures(row) or _PLACEHOLDER.match(path[-1]):
            found = self.nodes.get(path)
            if found is not None and found.leaf:
                self.continues(row, found)
            return False  # a template row left empty (指标2:, ……) or a group heading alone
        if not self.given(row, self.columns.weight) and not self.given(row, self.columns.score):
            at = self.columns.levels[len(path) - 1] if len(path) <= len(self.columns.levels) else None
            self.report("IMPORT_ROW_UNWEIGHTED", row, at or 1, name=path[-1], row=row)
            return False  # a detail row (其中…) with a target and an actual but no points of its own
        self.place(row, path, names)
        return False

    def block_points(self, row: int) -> bool:
        """An unnamed row above the first indicator printing only 分值 and 得分: the block's points (Yunnan).

        Forms exported from Yunnan's 预算管理一体化 system print, under the header, the sum of the
        indicators' 分值 and 得分 ("90.00 | 90.00") before the first indicator; it is read as the
        points of the indicator block and checked like ``产出指标(50分)`` (``IMPORT_GROUP_POINTS``).
        """
        columns = self.columns
        if self.roots or self.block is not None:
            return False
        if not self.given(row, columns.weight) or not self.given(row, columns.score):
            return False
        if any(self.given(row, column) for column in (columns.target, columns.actual, columns.coefficient)):
            return False
        weight = self.weight(row, columns.weight, "绩效指标")
        if weight is not None:
            self.block = (weight, row, columns.weight)
        return True

    def given(self, row: int, column: int | None) -> bool:
        """Whether the cell holds something other than a blank marker."""
        text = self.text(row, column)
        return bool(text) and text not in _BLANK

    def has_figures(self, row: int) -> bool:
        """Whether the row gives a weight, a target, an actual, a score or a coefficient (not just "/")."""
        columns = self.columns
        wanted = (columns.weight, columns.target, columns.actual, columns.score, columns.coefficient)
        return any((text := self.text(row, column)) and text not in _BLANK for column in wanted)

    def level_names(self, row: int) -> list[str | None]:
        names: list[str | None] = []
        same = True
        for level, column in enumerate(self.columns.levels):
            written = self.text(row, column)
            if written is None:
                names.append(self.above[level] if same else None)
            elif written in _BLANK:
                names.append(None)
                same = False
            else:
                named = _without_points(written)
                names.append(named)
                same = same and named == self.above[level]
        self.above = names
        return names

    def place(self, row: int, path: tuple[str, ...], names: list[str | None]) -> None:
        siblings = self.roots
        columns = [self.columns.levels[level] for level, name in enumerate(names) if name]
        for depth, name in enumerate(path[:-1]):
            group = self.nodes.get(path[: depth + 1])
            if group is None:
                group = TableNode(name=name, row=row, column=columns[depth])
                annotation = _ANNOTATION.search(self.text(row, columns[depth]) or "")
                if annotation:
                    group.printed_points = (Decimal(annotation[1]), row, columns[depth])
                self.nodes[path[: depth + 1]] = group
                siblings.append(group)
            elif group.leaf:
                self.report("IMPORT_LEAF_AND_GROUP", row, columns[depth], name=name, leaf_row=group.row, row=row)
                return
            self.group_weight(row, group, depth)
            siblings = group.children
        found = self.nodes.get(path)
        if found is not None:
            if not self.continues(row, found):
                code = "IMPORT_DUPLICATE" if found.leaf else "IMPORT_LEAF_AND_GROUP"
                self.report(code, row, columns[-1], name=path[-1], first_row=found.row, leaf_row=row, row=found.row)
            return
        leaf = TableNode(name=path[-1], row=row, column=columns[-1])
        self.nodes[path] = leaf
        siblings.append(leaf)
        self.fill_leaf(row, leaf)

    def continues(self, row: int, node: TableNode) -> bool:
        """A row that repeats the indicator above with no weight or target only adds its note."""
        if self.text(row, self.columns.weight) or self.text(row, self.columns.target):
            return False
        extra = self.text(row, self.columns.note)
        if extra and node.leaf:
            node.note = f"{node.note}\n{extra}" if node.note else extra
        return node.leaf

    def group_weight(self, row: int, node: TableNode, depth: int) -> None:
        for level, column in self.columns.group_weights:
            if level == depth and node.given_weight is None and self.text(row, column):
                weight = self.weight(row, column, node.name)
                if weight is not None:
                    node.given_weight = (weight, row, column)

    def fill_leaf(self, row: int, node: TableNode) -> None:
        node.leaf = True
        node.row = row
        node.weight = self.weight(row, self.columns.weight, node.name, required=True)
        target = self.text(row, self.columns.target)
        nature = self.text(row, self.columns.nature)
        node.nature = nature if nature and nature not in _BLANK else None
        direction = self.text(row, self.columns.direction)
        node.direction = direction if direction and direction not in _BLANK else None
        unit = self.text(row, self.columns.unit)
        unit = unit if unit and unit not in _BLANK else None
        if target and target not in _BLANK:
            node.target = target + unit if unit and not _has_unit(target) else target
            node.target_cell = (row, self.columns.target or 0)
        node.id = self.text(row, self.columns.id)
        node.note = self.text(row, self.columns.note)
        for role in ("actual", "score", "coefficient", "reason"):
            text = self.text(row, getattr(self.columns, role))
            if text and text not in _BLANK:
                setattr(node, role, text)
        if node.actual is not None and unit and not _has_unit(node.actual) and _NUMBER.match(node.actual):
            node.actual += unit

    def weight(self, row: int, column: int, name: str, *, required: bool = False) -> Decimal | None:
        text = self.text(row, column)
        if text is None or text in _BLANK:
            if required:
                self.report("IMPORT_WEIGHT_MISSING", row, column, name=name)
            return None
        try:
            quantity = parse_quantity(text)
        except ParseError as err:
            said = dict(err.diagnostics[0].params)
            problem, problem_zh = said.get("problem", ""), said.get("problem_zh", "")
            self.report("IMPORT_WEIGHT_INVALID", row, column, text=text, problem=problem, problem_zh=problem_zh)
            return None
        unit = quantity.unit.symbol if quantity.unit else None
        if quantity.value <= ZERO or (unit is not None and unit not in _WEIGHT_UNITS):
            problem_zh, problem = PROBLEMS["import.weight"]
            self.report("IMPORT_WEIGHT_INVALID", row, column, text=text, problem=problem, problem_zh=problem_zh)
            return None
        return quantity.value

    def report(self, code: str, at_row: int, at_column: int, /, **params: object) -> None:
        shown = {key: str(value) for key, value in params.items()}
        self.problems.append(diagnostic(code, location=self.sheet.location(at_row, at_column), **shown))


def _is_note(text: str) -> bool:
    return text.startswith(("注", "备注", "说明"))


_NUMBER = re.compile(r"^[+-]?[\d,]+(\.\d+)?$")


def _without_points(name: str) -> str:
    """A group name without the points forms print after it: ``产出指标(50分)`` → ``产出指标``."""
    stripped = _ANNOTATION.sub("", name).strip()
    return re.sub(r"\s+", "", stripped) if stripped else name


def _has_unit(target: str) -> bool:
    return bool(re.search(r"[^\d\s.,%≥≤<>=＞＜＝]$", target)) or target.endswith("%")


def _check_weights(sheet: Sheet, node: TableNode, problems: list[Diagnostic]) -> None:
    if node.leaf:
        return
    for child in node.children:
        _check_weights(sheet, child, problems)
    if any(child.weight is None for child in node.children):
        return
    node.weight = total(child.weight or ZERO for child in node.children)
    if node.given_weight is not None and node.given_weight[0] != node.weight:
        problems.append(_sum_problem(sheet, node.name, node.given_weight, node.weight))
    elif node.printed_points is not None and node.printed_points[0] != node.weight:
        points, row, column = node.printed_points
        problems.append(
            diagnostic(
                "IMPORT_GROUP_POINTS",
                location=sheet.location(row, column),
                name=node.name,
                points=plain(points),
                sum=plain(node.weight),
            )
        )


def _check_block(sheet: Sheet, block: tuple[Decimal, int, int], found: Decimal, problems: list[Diagnostic]) -> None:
    points, row, column = block
    if points != found:
        problems.append(
            diagnostic(
                "IMPORT_GROUP_POINTS",
                location=sheet.location(row, column),
                name="绩效指标",
                points=plain(points),
                sum=plain(found),
            )
        )


def _sum_problem(sheet: Sheet, name: str, given: tuple[Decimal, int, int], found: Decimal) -> Diagnostic:
    weight, row, column = given
    return diagnostic(
        "IMPORT_WEIGHT_SUM",
        location=sheet.location(row, column),
        name=name,
        want=plain(weight),
        sum=plain(found),
        expected=plain(found),
        got=plain(weight),
    )
