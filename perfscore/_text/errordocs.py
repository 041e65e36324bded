"""The error catalogue page (``docs/errors.md``), generated from :mod:`perfscore._text.catalogue`.

Every diagnostic code is listed with its severity, what it says (the message template
in Chinese and English — the braces are filled with the values involved) and how to
fix it: the catalogue's hint, or, for codes whose message already says what to do,
the advice in :data:`FIXES`. A test keeps the page current and fails when a code has
neither, so a new code cannot ship undocumented. Regenerate the page with
``python -m perfscore._text.errordocs > docs/errors.md``.
"""

from __future__ import annotations

import sys

from perfscore._text.catalogue import ALL_TABLES, CodeInfo

# How to fix the codes whose catalogue entry has no hint: (Chinese, English).
FIXES: dict[str, tuple[str, str]] = {
    "YAML_KEY_TYPE": ("把键写成文本或数字。", "Write the key as text or a number."),
    "NUMBER_OUT_OF_RANGE": ("写一个合理大小的数。", "Write a number of a sensible size."),
    "TYPE_MISMATCH": ("按“应为”所说的类型改写该值。", "Rewrite the value as the type named after 'expected'."),
    "KEY_MISSING": ("补上该键。", "Add the key."),
    "VALUE_INVALID": ("按消息中的说明更正该值。", "Correct the value as the message says."),
    "WEIGHT_INVALID": (
        "写大于 0 的分值；不参与评分的指标用 not_applicable。",
        "Write a weight above 0; use not_applicable for an indicator that does not count.",
    ),
    "GROUP_EMPTY": ("在 children 下列出指标，或删除该分组。", "List indicators under children, or remove the group."),
    "RULE_OPTION": (
        "按消息更正规则选项；各规则的选项见 docs/reference.md。",
        "Correct the rule's option as the message says; docs/reference.md lists each kind's options.",
    ),
    "BANDS_INVALID": (
        "让分档首尾相接且不重叠，比例在 0–1 之间。",
        "Make the bands meet without overlapping, with fractions within 0–1.",
    ),
    "GRADES_INVALID": (
        "让等级区间无缝覆盖 0 至满分，最高一档用 ']' 闭合。",
        "Make the grade bands cover 0 to the full mark exactly once, closing the top band with ']'.",
    ),
    "LEVELS_INVALID": (
        "让定性等级无缝覆盖 0%–100%，默认分落在本等级区间内。",
        "Make the levels cover 0%–100% exactly once, each default inside its band.",
    ),
    "ASSUMPTION_UNKNOWN": (
        "在 assumptions 中补充该假设，或更正编号。",
        "Add the assumption under assumptions, or fix the id.",
    ),
    "OVERLAY_INDICATORS": (
        "删除 indicators，改用 adjustments 的 remove/update/add/weights。",
        "Remove indicators and use remove/update/add/weights adjustments.",
    ),
    "PACK_TEMPLATE": (
        "写一个 extends 该模板并设定权重的规则包，对它评分。",
        "Write a pack that extends the template and sets the weights, and score that one.",
    ),
    "EXTENDS_MISSING": (
        "检查 extends 的路径（相对于本规则包所在目录），并修正被继承规则包中的错误。",
        "Check the path in extends (relative to this pack's folder) and fix the errors of the pack it names.",
    ),
    "EXTENDS_CYCLE": ("去掉循环中的某一个 extends。", "Remove one extends from the cycle."),
    "ADJUSTMENT_INVALID": (
        "每项调整只写 remove、update、add、weights 之一。",
        "Write exactly one of remove, update, add, weights per adjustment.",
    ),
    "ADJUSTMENT_UNKNOWN_ID": (
        "使用被继承规则包中已有的编号（perfscore diff 可列出）。",
        "Use an id of the pack being extended (perfscore diff lists them).",
    ),
    "FIGURE_UNKNOWN_INDICATOR": (
        "更正编号，或删除该指标的数据。",
        "Fix the id, or remove the figures of that indicator.",
    ),
    "FIGURE_INVALID": ("按消息更正该数据。", "Correct the figure as the message says."),
    "FIGURE_UNIT": (
        "使用与指标值一致的单位（或可换算的单位）。",
        "Use the target's unit (or one that converts to it).",
    ),
    "FIGURE_SCORE_RANGE": (
        "评分应在 0 与该指标（调整后）分值之间。",
        "Give a score between 0 and the indicator's (effective) weight.",
    ),
    "FIGURE_NOT_USED": ("删除该项，或换用会读取它的规则。", "Remove the figure, or use a rule that reads it."),
    "FIGURE_ITEM_UNKNOWN": (
        "使用规则包中检查项的 id 或名称。",
        "Use the id or name of one of the pack's checklist items.",
    ),
    "SUM_MISMATCH": (
        "核对合计与分项；尾差可用 tolerance 放宽。",
        "Check the total and its parts; allow rounding differences with tolerance.",
    ),
    "FIGURE_MISSING": (
        "补充该指标的数据；年中监控时可保留为区间。",
        "Add the indicator's figures; during in-year monitoring a range may be what you want.",
    ),
    "RESULT_PARTIAL": (
        "补齐缺失数据即可得到完整总分与等级。",
        "Add the missing figures to get a complete total and grade.",
    ),
    "PUBLISHED_MISMATCH": (
        "核对公布得分与计算得分的差异来源。",
        "Find out why the published score differs from the computed one.",
    ),
    "PUBLISHED_GRADE_CONSISTENT": (
        "仅为说明：公布等级成立所需的条件。",
        "Informational: what the published grade requires.",
    ),
    "PUBLISHED_GRADE_IMPOSSIBLE": (
        "核对公布等级、各项得分与规则包。",
        "Check the published grade, the scores and the pack.",
    ),
    "PUBLISHED_TOTAL_IMPOSSIBLE": (
        "核对公布总分、各项得分与规则包；缺少的数据补齐后再核对。",
        "Check the published total, the scores and the pack; supply the missing figures and check again.",
    ),
    "PUBLISHED_RATE_MISMATCH": ("核对预算数与执行数。", "Check the budget and the executed amounts."),
    "PUBLISHED_GRADE_MISMATCH": ("核对公布等级与等级区间。", "Check the published grade against the grade bands."),
    "SCORE_OVERRIDDEN": (
        "仅为说明：评价人调整了得分，计算得分与理由均保留。",
        "Informational: an assessor overrode the score; both scores and the reason are kept.",
    ),
    "NOT_APPLICABLE": (
        "仅为说明：不适用指标的分值按规则包的 not_applicable 分配。",
        "Informational: the points move as the pack's not_applicable says.",
    ),
    "FORMULA_CLAMPED": (
        "检查公式：结果应在 0 与分值之间。",
        "Check the formula: its result should lie between 0 and the weight.",
    ),
    "ASSUMPTION_USED": (
        "仅为说明：得分依赖该假设，阅读结果时请一并考虑。",
        "Informational: the score relies on this assumption; read the result with it in mind.",
    ),
    "PACK_MISMATCH": (
        "在数据文件中写对应的规则包 id，或换用正确的规则包。",
        "Name the right pack in the figures file, or score with the right pack.",
    ),
    "USAGE_INDICATOR_UNKNOWN": ("使用规则包中的编号或名称。", "Use an id or a name from the pack."),
    "TEST_UNKNOWN_ID": (
        "使用规则包中的编号（perfscore explain 可查）。",
        "Use an id of the pack (perfscore explain shows them).",
    ),
}

SEVERITY = {"error": ("错误", "error"), "warning": ("警告", "warning"), "info": ("说明", "note")}
TABLE_TITLES = {
    "files and YAML": "文件与 YAML",
    "pack structure": "规则包结构",
    "figures": "数据文件",
    "scoring": "评分",
    "command line": "命令行",
    "pack authoring": "规则包编写（检查、测试、覆盖）",
    "hostile and broken input": "错误与恶意输入",
    "speed and sensitivity": "快速评分与敏感性分析",
}


def undocumented() -> list[str]:
    """Codes with neither a catalogue hint nor an entry in :data:`FIXES`."""
    return [info.code for _, table in ALL_TABLES for info in table if not info.hint_en and info.code not in FIXES]


def _entry(info: CodeInfo) -> list[str]:
    zh_severity, en_severity = SEVERITY[info.severity.value]
    fix_zh, fix_en = (info.hint_zh, info.hint_en) if info.hint_en else FIXES.get(info.code, ("", ""))
    return [
        f"### `{info.code}`",
        "",
        f"{zh_severity} / {en_severity}",
        "",
        f"- 提示内容：{info.zh}",
        f"- Message: {info.en}",
        f"- 如何修正：{fix_zh}",
        f"- How to fix: {fix_en}",
        "",
    ]


def errors_page() -> str:
    """The whole ``docs/errors.md``."""
    lines = [
        "# 错误与警告代码 / Diagnostic codes",
        "",
        "<!-- generated by `python -m perfscore._text.errordocs > docs/errors.md`; a test keeps it current -->",
        "",
        "每条诊断都有固定的代码，中英文消息相同代码。花括号中的内容在实际消息中替换为涉及的值。",
        "错误使加载失败（退出码 1）；警告与说明随结果一起给出。",
        "Every diagnostic has a stable code, the same in Chinese and English. The braces are filled",
        "with the values involved. Errors stop a load (exit 1); warnings and notes travel with the result.",
        "",
    ]
    for title, table in ALL_TABLES:
        lines.extend([f"## {TABLE_TITLES.get(title, title)} / {title}", ""])
        for info in table:
            lines.extend(_entry(info))
    return "\n".join(lines).rstrip("\n") + "\n"


if __name__ == "__main__":  # pragma: no cover - the command that regenerates the page
    sys.stdout.write(errors_page())
