"""The words of ``perfscore batch`` in Chinese and English: fast-path reasons, column and status words, the summary.

Kept here, with the rest of perfscore's bilingual text, so the batch modules say *which* words
by key and fill in values (see docs/architecture.md).
"""

from __future__ import annotations

from collections.abc import Mapping

from perfscore._core.diagnostics import Lang

# Why a department left the fast path: (en, zh), and a short name for the summary line.
REASONS: Mapping[str, tuple[str, str]] = {
    "missing": ("a figure is not given (empty cell), so the result is a range", "有数值未填写（空单元格），结果为区间"),
    "cell": (
        "a cell is not a number the fast path reads; perfscore.score judges it",
        "有单元格不是快速路径可读的数值，由精确评分判定",
    ),
    "digits": ("a number has more significant digits than a float holds", "有数值的有效数字超过浮点数可精确表示的位数"),
    "unit": ("a unit must be converted or checked against the target's", "有单位需换算或与目标值的单位核对"),
    "column": (
        "a column the fast path does not read is filled in (published figures, evidence, notes …)",
        "填写了快速路径不读取的列（公布数、佐证、说明等）",
    ),
    "year": ("the year is not a four-digit number", "年度不是四位数字"),
    "loop": (
        (
            "the compiled loop refers it to perfscore.score "
            "(a value out of its range, a budget of 0, a level on a band edge)"
        ),
        "编译评分循环将其转交精确评分（数值超出范围、预算为 0、等级落在分档边界等）",
    ),
    "pack": ("the pack is scored department by department: {detail}", "本方案须逐个精确评分：{detail}"),
    "file": (
        "the figures file holds what the fast loop does not read ({detail}: sum checks, published figures …)",
        "评分数据文件含快速路径不读取的内容（{detail}：合计核对、公布数、调整分等）",
    ),
    "read": (
        "the figures file is read the located way (a problem to report, or YAML anchors, aliases or tags)",
        "评分数据文件须按行列定位读取（有问题须报告，或含 YAML 锚点、别名、标签）",
    ),
}
SHORT_NAMES: Mapping[str, tuple[str, str]] = {
    "missing": ("missing figure", "缺数"),
    "cell": ("unreadable cell", "单元格不可快速读取"),
    "digits": ("too many digits", "位数过多"),
    "unit": ("unit", "单位"),
    "column": ("other columns", "其他列"),
    "year": ("year", "年度"),
    "loop": ("loop", "循环转交"),
    "pack": ("pack", "方案"),
    "file": ("figures file content", "数据文件内容"),
    "read": ("located read", "定位读取"),
}

# Column and status words of the batch table in Chinese (the English words are the keys).
COLUMNS_ZH: Mapping[str, str] = {
    "rank": "排名",
    "rank_low": "最好名次",
    "rank_high": "最差名次",
    "rank_complete": "完整结果中排名",
    "source": "来源",
    "department": "单位",
    "year": "年度",
    "status": "状态",
    "total": "总分",
    "low": "最低可能分",
    "high": "最高可能分",
    "max": "满分",
    "grade": "等级",
    "grades_possible": "可能等级",
    "warnings": "警告数",
    "diagnostics": "问题",
    "count": "单位数",
    "possible": "仍可能达到的单位数",
    "scored": "已评分",
    "partial": "部分评分",
    "invalid": "无法评分",
}
SHEETS: Mapping[str, tuple[str, str]] = {
    "departments": ("departments", "单位"),
    "ranking": ("ranking", "排名"),
    "grades": ("grades", "等级分布"),
    "invalid": ("invalid", "无法评分"),
    "partial": ("partial", "部分评分"),
}
SUMMARY: Mapping[str, tuple[str, str]] = {
    "line": (
        (
            "wrote {files}: {count} departments; {grades}; partial {partial}; invalid {invalid}; "
            "fast path {fast}, exact path {exact}"
        ),
        (
            "已写入 {files}：{count} 个单位，{grades}，部分评分 {partial}，无法评分 {invalid}；"
            "快速评分 {fast}，精确评分 {exact}"
        ),
    ),
    "why": (" ({why})", "（{why}）"),
    "detail": (" ({detail})", "（{detail}）"),
    "list": (", ", "、"),
    "unit": (" departments", "个单位"),
}


def pick(pair: tuple[str, str], lang: Lang) -> str:
    """The Chinese or the English of a pair."""
    return pair[1] if lang == "zh" else pair[0]
