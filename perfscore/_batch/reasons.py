"""Why a department left the fast path: the reasons ``perfscore batch`` counts and reports.

Most departments of a table are scored by the compiled loop (:mod:`perfscore.compiled`);
one that it cannot take is scored by :func:`perfscore.score`, with the same result, but
at a hundred times the cost. That must never happen silently: every department scored
the slow way carries one of these reasons, the summary line counts them and
``--verbose`` lists each department with its reason and the column concerned.
"""

from __future__ import annotations

from collections.abc import Mapping

from perfscore._core.diagnostics import Lang

MISSING = "missing"
CELL = "cell"
DIGITS = "digits"
UNIT = "unit"
COLUMN = "column"
YEAR = "year"
LOOP = "loop"
PACK = "pack"
FILE = "file"

TEXTS: Mapping[str, tuple[str, str]] = {
    MISSING: ("a figure is not given (empty cell), so the result is a range", "有数值未填写（空单元格），结果为区间"),
    CELL: (
        "a cell is not a number the fast path reads; perfscore.score judges it",
        "有单元格不是快速路径可读的数值，由精确评分判定",
    ),
    DIGITS: ("a number has more significant digits than a float holds", "有数值的有效数字超过浮点数可精确表示的位数"),
    UNIT: ("a unit must be converted or checked against the target's", "有单位需换算或与目标值的单位核对"),
    COLUMN: (
        "a column the fast path does not read is filled in (published figures, evidence, notes …)",
        "填写了快速路径不读取的列（公布数、佐证、说明等）",
    ),
    YEAR: ("the year is not a four-digit number", "年度不是四位数字"),
    LOOP: (
        (
            "the compiled loop refers it to perfscore.score "
            "(a value out of its range, a budget of 0, a level on a band edge)"
        ),
        "编译评分循环将其转交精确评分（数值超出范围、预算为 0、等级落在分档边界等）",
    ),
    PACK: ("the pack is scored department by department: {detail}", "本方案须逐个精确评分：{detail}"),
    FILE: ("a figures file is read and scored by perfscore.score", "评分数据文件由精确评分读取并评分"),
}


def reason_text(key: str, lang: Lang, detail: str = "") -> str:
    """The reason in ``lang``, with its column (or detail) when it has one."""
    en, zh = TEXTS[key]
    text = (zh if lang == "zh" else en).replace("{detail}", detail)
    if detail and key != PACK:
        text += f"（{detail}）" if lang == "zh" else f" ({detail})"
    return text


def short_name(key: str, lang: Lang) -> str:
    """The reason's key for the summary line (``empty cell 3``): short enough to count on one line."""
    names = {
        MISSING: ("missing figure", "缺数"),
        CELL: ("unreadable cell", "单元格不可快速读取"),
        DIGITS: ("too many digits", "位数过多"),
        UNIT: ("unit", "单位"),
        COLUMN: ("other columns", "其他列"),
        YEAR: ("year", "年度"),
        LOOP: ("loop", "循环转交"),
        PACK: ("pack", "方案"),
        FILE: ("figures file", "数据文件"),
    }
    en, zh = names[key]
    return zh if lang == "zh" else en
