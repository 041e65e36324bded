"""Finding the header row of a 自评表 and what each column holds.

Forms print one column per level (一级指标 / 二级指标 / 三级指标) and, around them, the
target (年初目标值, 年度指标值, 指标值 …), the completion (实际完成值, 全年实际值, 完成值, 实际完成指标值),
the points (分值, 权重), the score (得分), the 得分系数, the 指标性质, the unit and the
reasons — with or without the (A)/(B) suffixes forms add. The header is the first row
(within :data:`HEADER_SCAN_ROWS`) with level columns and a points column; a header split
over two rows (年度指标值 over 指标性质 | 指标值 | 度量单位) is read with the row above
filling the lower row's empty cells. Every other header is kept as *unused*, so that
the import can name it rather than drop it silently.
"""

from __future__ import annotations

import re

import attrs

from perfscore._core.numerals import normalize_text
from perfscore._files.sheets import Sheet

HEADER_SCAN_ROWS = 60
_LEVELS = "一二三四五六"
_LEVEL = re.compile(rf"^([{_LEVELS}])级指标?(名称)?$")
_GROUP_WEIGHT = re.compile(rf"^([{_LEVELS}])级指标?(分值|权重)")
_SUFFIX = re.compile(r"[(（][A-Za-z/]+[)）]$|[(（]\d+分[)）]$")  # (A), (B/A), (10分) after a header
_ROLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("coefficient", re.compile(r"^(得分)?系数$|^得分系数")),
    ("note", re.compile(r"^(评分标准|评分方法|计分方法|计分标准|评分细则|指标解释|指标说明|得分计算方法)")),
    ("score", re.compile(r"^(自评|实际|单项指标)?得分$|^评分$")),
    ("weight", re.compile(r"^(指标)?(分值|权重|标准分值?)")),
    ("target", re.compile(r"^(年初|全年|年度|绩效|计划|预期)?(指标值|目标值|指标目标值)$")),
    ("actual", re.compile(r"^(单项指标)?(实际|全年|年度)?(实际)?(完成值|实际值|完成情况值|完成指标值)$")),
    ("id", re.compile(r"^(指标)?(编号|编码|代码)$|^id$", re.IGNORECASE)),
    ("unit", re.compile(r"^(计量|度量)?单位(\(文字描述\))?$")),
    ("nature", re.compile(r"^(指标)?性质$|^符号$")),
    ("direction", re.compile(r"^(指标)?方向$|^计算符号$")),  # 计算符号: 江西's target tables
    ("reason", re.compile(r"原因")),
)


@attrs.frozen(kw_only=True)
class Columns:
    """Which column (1-based) holds what, found from the header row."""

    header_row: int
    levels: tuple[int, ...]
    weight: int
    group_weights: tuple[tuple[int, int], ...] = ()  # (level index, column)
    target: int | None = None
    id: int | None = None
    note: int | None = None
    unit: int | None = None
    actual: int | None = None
    score: int | None = None
    coefficient: int | None = None
    reason: int | None = None
    nature: int | None = None
    direction: int | None = None  # 指标方向: 大于等于, 小于等于, 等于 (内蒙古 forms)
    unused: tuple[tuple[int, str], ...] = ()  # columns with a header the import does not use


def find_columns(sheet: Sheet) -> Columns | None:
    """The header row: the first with level columns and a weight column.

    Forms that split the header over two rows (年度指标值 over 指标性质 | 指标值 | 度量单位)
    are read with the row above filling the cells the lower row leaves empty.
    """
    for row in range(1, min(len(sheet.rows), HEADER_SCAN_ROWS) + 1):
        cells = list(sheet.rows[row - 1])
        found = _classify(cells, row)
        if found is None and row > 1 and any(_LEVEL.match(header_text(cell)) for cell in cells):
            above = sheet.rows[row - 2]
            merged = [cell or (above[index] if index < len(above) else None) for index, cell in enumerate(cells)]
            found = _classify(merged, row)
        if found is not None:
            return _with_subheaders(sheet, found) or found
    return None


def _with_subheaders(sheet: Sheet, found: Columns) -> Columns | None:
    """The header re-read with the row below it, where that row splits headers into sub-columns.

    Some forms (河北 预算项目绩效自评表) print a full header row and, under it, a row that
    splits 预期指标值 into 符号 | (the value) | 单位(文字描述) and 自评得分 into 单项指标得分 |
    权重占比(%) | 单项指标折算得分. That row names no level and holds no number; its names
    replace the ones above them, and a sub-column it leaves unnamed under a split header
    (the value under 预期指标值) takes the split header's name.
    """
    row = found.header_row
    if row >= len(sheet.rows):
        return None
    upper, lower = list(sheet.rows[row - 1]), list(sheet.rows[row])
    texts = [header_text(cell) for cell in lower]
    if (
        not any(texts)
        or any(_LEVEL.match(text) for text in texts)
        or any(texts[column - 1] for column in found.levels if column <= len(texts))
        or any(re.fullmatch(r"[\d.,%]+", text) for text in texts if text)
    ):
        return None
    width = max(len(upper), len(lower))
    upper += [None] * (width - len(upper))
    lower += [None] * (width - len(lower))
    merged: list[str | None] = []
    parent: int | None = None
    for index in range(width):
        if upper[index]:
            parent = index
        span_end = next((later for later in range(index + 1, width) if upper[later]), width)
        split = parent is not None and any(lower[at] for at in range(parent, span_end))
        inherited = upper[parent] if split and parent is not None and parent != index else None
        merged.append(lower[index] or upper[index] or inherited)
    return _classify(merged, row + 1)


def levels_without_points(sheet: Sheet) -> tuple[int, str] | None:
    """The first row naming indicator levels though no row has a 分值/权重 column: its row and its cells.

    Some forms print a header without points: the Hubei-style 自评表 has 一级指标 | 二级指标 |
    三级指标 | 年初目标值(A) | 实际完成值(B) | 得分 and gives weights only in labels such as
    ``(20分)``. Called when :func:`find_columns` found no header, so that the import can name
    that row and what is missing from it, rather than saying there is no header at all.
    """
    for row in range(1, min(len(sheet.rows), HEADER_SCAN_ROWS) + 1):
        cells = sheet.rows[row - 1]
        if any(_LEVEL.match(header_text(cell)) for cell in cells):
            return row, " | ".join(normalize_text(cell) for cell in cells if cell and cell.strip())
    return None


def header_text(raw: str | None) -> str:
    """A header cell without spaces or the (A)/(B)/(10分) suffix forms print: ``全年预算数(A)`` → ``全年预算数``."""
    text = re.sub(r"\s+", "", normalize_text(raw)) if raw else ""
    return _SUFFIX.sub("", text) or text


def _points_beside_levels(
    levels: dict[int, int],
    weights: dict[int, str],
    groups: list[tuple[int, int]],
    unused: list[tuple[int, str]],
) -> tuple[int, list[tuple[int, int]], list[tuple[int, str]]]:
    """Several 分值 columns: each belongs to the level left of it; the deepest level's is the indicators' points."""
    deepest = max(levels)
    leaf = max(weights)
    for column in sorted(weights):
        owner = max((level for level, at in levels.items() if at < column), default=None)
        if owner is None:
            continue
        if owner == deepest:
            leaf = column
        else:
            groups = [*groups, (owner, column)]
    used = {leaf, *(column for _, column in groups)}
    kept = [(column, text) for column, text in unused if column not in weights]
    kept += [(column, weights[column]) for column in weights if column not in used]  # 指标分值 left empty
    return leaf, groups, sorted(kept)


def _classify(cells: list[str | None], row: int) -> Columns | None:
    levels: dict[int, int] = {}
    groups: list[tuple[int, int]] = []
    roles: dict[str, int] = {}
    unused: list[tuple[int, str]] = []
    weights: dict[int, str] = {}
    for column, raw in enumerate(cells, start=1):
        text = header_text(raw)
        if not text:
            continue
        if match := _LEVEL.match(text):
            levels.setdefault(_LEVELS.index(match[1]), column)
        elif match := _GROUP_WEIGHT.match(text):
            groups.append((_LEVELS.index(match[1]), column))
        else:
            role = next((role for role, pattern in _ROLES if pattern.search(text)), None)
            if role == "weight":
                weights[column] = raw or text
            if role is None or role in roles:
                unused.append((column, raw or text))
            else:
                roles[role] = column
    if not levels or "weight" not in roles:
        return None
    if len(weights) > 1:  # 一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值: each level's points beside it
        roles["weight"], groups, unused = _points_beside_levels(levels, weights, groups, unused)
    return Columns(
        header_row=row,
        levels=tuple(levels[level] for level in sorted(levels)),
        weight=roles["weight"],
        group_weights=tuple(groups),
        target=roles.get("target"),
        id=roles.get("id"),
        note=roles.get("note"),
        unit=roles.get("unit"),
        actual=roles.get("actual"),
        score=roles.get("score"),
        coefficient=roles.get("coefficient"),
        reason=roles.get("reason"),
        nature=roles.get("nature"),
        direction=roles.get("direction"),
        unused=tuple(unused),
    )
