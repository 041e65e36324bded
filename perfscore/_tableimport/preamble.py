"""The rows above a 自评表's indicator header: who, what, and the 项目资金 block.

Forms print, before the indicators, label/value pairs (项目名称, 主管部门, 实施单位,
部门, 专项名称) and the fund block: a row of headers (年初预算数, 全年预算数(A),
全年执行数(B), 分值, 执行率(B/A), 得分) over the 年度资金总额 row with the numbers.
That row is the 预算执行 indicator, scored by ``execution_rate``; its amounts and rate
go to the figures. The unit of the amounts is read from the block's label
(``项目资金(万元)``, ``项目资金 (元)``). Shenzhen's 专项债券 forms print the same row as
债券资金管理指标: 实际支出金额 (executed) against 下达额度 (the amount allotted), 分值, 得分.
Nothing here is guessed: a block that is not
there, or that prints no 分值, gives no budget indicator.
"""

from __future__ import annotations

import re

import attrs

from perfscore._core.numerals import normalize_text
from perfscore._files.sheets import Sheet
from perfscore._tableimport.header import header_text

LABELS = ("项目名称", "专项名称", "主管部门", "省级主管部门", "实施单位", "部门", "单位名称", "预算单位")
_FUND_ROLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("initial", re.compile(r"^年初预算")),
    ("rate", re.compile(r"执行率")),
    ("executed", re.compile(r"执行数$|^执行数|全年执行|^实际支出金额$")),
    ("adjusted", re.compile(r"^(全年|调整后)?预算数$|^全年预算|^调整后预算|^下达额度$")),
    ("weight", re.compile(r"^(分值|权重)")),
    ("method", re.compile(r"计算方法|评分办法|评分标准")),  # the 得分计算方法 printed beside the fund row
    ("score", re.compile(r"^得分")),
)
_TOTAL_LABEL = re.compile(r"总额|合计")
_UNIT = re.compile(r"[(（]\s*(万元|元|千元|亿元)\s*[)）]")
_BLANK = frozenset({"/", "／", "-", "—", "–", "——", ""})


@attrs.frozen(kw_only=True)
class BudgetRow:
    """The 年度资金总额 row: each figure's text and cell (row, column)."""

    row: int
    unit: str | None
    cells: tuple[tuple[str, str, int], ...]  # (role, text, column)

    def get(self, role: str) -> str | None:
        """The text printed for ``role`` (adjusted, executed, rate, weight, score, initial, method), if any."""
        return next((text for name, text, _ in self.cells if name == role), None)

    def column(self, role: str) -> int | None:
        """The column of ``role``'s cell."""
        return next((column for name, _, column in self.cells if name == role), None)


@attrs.frozen(kw_only=True)
class Preamble:
    """What the rows above the header say."""

    fields: tuple[tuple[str, str], ...] = ()
    goal: str | None = None
    budget: BudgetRow | None = None

    def field(self, label: str) -> str | None:
        """The value printed beside ``label``."""
        return next((value for name, value in self.fields if name == label), None)


def read_preamble(sheet: Sheet, header_row: int) -> Preamble:
    """Label/value pairs, the overall goal and the fund block above ``header_row``."""
    fields: list[tuple[str, str]] = []
    goal = None
    budget = None
    rows = sheet.rows[: header_row - 1]
    for index, cells in enumerate(rows, start=1):
        texts = [header_text(cell) for cell in cells]
        for position, text in enumerate(texts):
            label = text.rstrip(":：")
            if label in LABELS and position + 1 < len(cells) and cells[position + 1]:
                fields.append((label, normalize_text(cells[position + 1] or "")))
        if texts and texts[0].startswith("年度总体目标") and index < len(rows):
            goal = next((cell for cell in rows[index][1:] if cell), None) or goal
        roles = _fund_roles(texts)
        if budget is None and "weight" in roles and ("executed" in roles or "rate" in roles):
            budget = _budget_row(sheet, index, roles, cells[0], header_row)
    return Preamble(fields=tuple(fields), goal=goal, budget=budget)


def _fund_roles(texts: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for column, text in enumerate(texts, start=1):
        role = next((role for role, pattern in _FUND_ROLES if text and pattern.search(text)), None)
        if role is not None and role not in found:
            found[role] = column
    return found


def _budget_row(sheet: Sheet, head: int, roles: dict[str, int], label: str | None, header_row: int) -> BudgetRow | None:
    unit_match = _UNIT.search(normalize_text(label or "").replace(" ", ""))
    for row in range(head + 1, header_row):
        cells = sheet.rows[row - 1]
        if not any(cells):
            continue
        labels = "".join(cell or "" for cell in cells[:2])
        if not _TOTAL_LABEL.search(labels) and row != head + 1:
            continue
        found = []
        for role, column in roles.items():
            text = sheet.cell(row, column)
            if text is not None and text.strip() not in _BLANK:
                found.append((role, text.strip(), column))
        if not any(role == "weight" for role, _, _ in found):
            return None
        return BudgetRow(row=row, unit=unit_match[1] if unit_match else None, cells=tuple(found))
    return None
