"""What is wrong with a rule's options or target, in Chinese and English: one table, (zh, en) with placeholders.

The rule classes' checks (:mod:`perfscore.rules.options`), the generic YAML builder and the
pack defaults reader say *which* problem and fill in the values; the words live here, next
to the catalogue whose ``RULE_OPTION`` / ``VALUE_INVALID`` / ``BANDS_INVALID`` messages embed them.
"""

from __future__ import annotations

from collections.abc import Mapping

PROBLEMS: Mapping[str, tuple[str, str]] = {
    "option.number": ("{key} 应为数值，而不是 {value!r}", "{key} must be a number, not {value!r}"),
    "option.finite": ("{key} 应为有限数值", "{key} must be a finite number"),
    "option.above_zero": ("{key} 必须大于 0", "{key} must be above 0"),
    "option.not_negative": ("{key} 不能小于 0", "{key} must not be below 0"),
    "option.choice": ("{key} 应为 {allowed_zh}，而不是 '{value}'", "{key} must be {allowed}, not '{value}'"),
    "option.one_of": ("'{value}' 不是 {allowed} 之一", "'{value}' is not one of {allowed}"),
    "target.from_figures": (
        "该规则需要在规则包中写明{need_zh}，不能由数据提供",
        "this rule needs {need} written in the pack, not read from the figures",
    ),
    "target.shape": (
        "指标值 '{text}' 是{got_zh}，该规则需要{need_zh}",
        "the target '{text}' is {got}; this rule needs {need}",
    ),
    "target.not_range": (
        "指标值 '{text}' 不是区间；应写作 90%-100% 或 1-3次",
        "the target '{text}' is not a range; write it as 90%-100% or 1-3次",
    ),
    "target.range_needed": ("需要区间，例如 90%-100%", "a range such as 90%-100% is needed"),
    "bands.fraction": (
        "分档得分比例 {fraction} 应在 0–1 之间",
        "a band earns {fraction} of the weight; it must be within 0–1",
    ),
    "bands.overlap": ("分档 {first} 与 {second} 重叠", "the bands {first} and {second} overlap"),
    "items.worth": (
        "各检查项合计 {worth} 分，与分值 {weight} 不符",
        "the items are worth {worth} points, the weight is {weight}",
    ),
    "parts.worth": (
        "各分项合计 {worth} 分，与分值 {weight} 不符",
        "the parts are worth {worth} points, the weight is {weight}",
    ),
    "figure.number": ("此处应为数值", "a number is expected here"),
    "formula.truth": ("公式结果为真/假，而不是数值", "the formula gave true/false, not a number"),
    "deduct.per_point": ("按百分点扣分需要 above 或 below", "a per-point deduction needs 'above' or 'below'"),
}


def problem(name: str, /, **params: object) -> tuple[str, str]:
    """The problem ``name`` with ``params`` filled in: (Chinese, English)."""
    zh, en = PROBLEMS[name]
    return zh.format(**params), en.format(**params)
