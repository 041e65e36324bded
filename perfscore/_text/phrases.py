"""Explanation phrases in Chinese and English, keyed like the steps rules produce.

A rule says *which* phrase and fills the numbers; the language is chosen when the
explanation is shown (the pack's language by default). Keeping the phrases in one
table keeps the two languages in step and lets the docs list them.
"""

from __future__ import annotations

import string
from collections.abc import Mapping

from perfscore._core.diagnostics import Lang

PHRASES: Mapping[str, tuple[str, str]] = {
    # comparative rules
    "positive.met": (
        "完成值 {actual} ≥ 指标值 {target} → 满分 {weight}",
        "actual {actual} ≥ target {target} → full marks {weight}",
    ),
    "positive.ratio": (
        "完成值 {actual} < 指标值 {target} → {a} ÷ {t} × {weight} = {points}",
        "actual {actual} < target {target} → {a} ÷ {t} × {weight} = {points}",
    ),
    "positive.none": ("完成值 {actual}，指标值 {target} → 0", "actual {actual}, target {target} → 0"),
    "positive.no_target": (
        "指标值 {target} 不大于 0 → 满分 {weight}",
        "target {target} is not above 0 → full marks {weight}",
    ),
    "reverse.met": (
        "完成值 {actual} ≤ 指标值 {target} → 满分 {weight}",
        "actual {actual} ≤ target {target} → full marks {weight}",
    ),
    "reverse.ratio": (
        "完成值 {actual} > 指标值 {target} → {t} ÷ {a} × {weight} = {points}",
        "actual {actual} > target {target} → {t} ÷ {a} × {weight} = {points}",
    ),
    "reverse.linear": (
        "完成值 {actual} > 指标值 {target} → (2 × {t} − {a}) ÷ {t} × {weight} = {points}",
        "actual {actual} > target {target} → (2 × {t} − {a}) ÷ {t} × {weight} = {points}",
    ),
    "equal.met": (
        "完成值 {actual} = 指标值 {target} → 满分 {weight}",
        "actual {actual} = target {target} → full marks {weight}",
    ),
    "equal.missed": ("完成值 {actual} ≠ 指标值 {target} → 0", "actual {actual} ≠ target {target} → 0"),
    "equal.zero_met": (
        "指标值为 0（不允许发生），完成值 {actual} → 满分 {weight}",
        "target 0 (none allowed), actual {actual} → full marks {weight}",
    ),
    "equal.zero_missed": (
        "指标值为 0（不允许发生），完成值 {actual} → 0",
        "target 0 (none allowed), actual {actual} → 0",
    ),
    # judgement
    "qualitative.scored": (
        "定性评价：{level}（区间 {band}），评分 {score} 在区间内 → {score}",
        "qualitative: {level} (band {band}); assessor's score {score} is inside → {score}",
    ),
    "qualitative.default": (
        "定性评价：{level}（区间 {band}），未评分，按该等级默认分 → {points}",
        "qualitative: {level} (band {band}); no score given, level default → {points}",
    ),
    "qualitative.inferred": (
        "评分 {score}，按区间判定为 {level}（{band}）→ {score}",
        "assessor's score {score} lies in {level} ({band}) → {score}",
    ),
    "manual.scored": ("手工评分 {score}，理由：{reason}", "manual score {score}; reason: {reason}"),
    # tables
    "bands.hit": (
        "数值 {value} 落在 {band} → {fraction} × {weight} = {points}",
        "value {value} is in {band} → {fraction} × {weight} = {points}",
    ),
    "bands.none": ("数值 {value} 不在任何分档内 → 0", "value {value} is in no band → 0"),
    "checklist.item": ("{item}：{answer} → {points}", "{item}: {answer} → {points}"),
    "checklist.total": ("合计 {points} / {weight}", "total {points} of {weight}"),
    "deduct.item": ("扣分：{reason} −{points}", "deducted: {reason} −{points}"),
    "deduct.total": ("{weight} − {taken} = {points}（扣完为止）", "{weight} − {taken} = {points} (floored at 0)"),
    "execution.rate": (
        "执行数 {executed} ÷ 预算数 {budget} = {rate} → {rate} × {weight} = {points}",
        "executed {executed} ÷ budget {budget} = {rate} → {rate} × {weight} = {points}",
    ),
    "formula.value": ("公式 {expression}（{inputs}）= {points}", "formula {expression} ({inputs}) = {points}"),
    "part.scored": ("分项 {part}：{points} / {weight}", "part {part}: {points} of {weight}"),
    "part.total": ("分项合计 {points}", "parts total {points}"),
    "extreme.min": ("取最低 → {points}", "lowest counts → {points}"),
    "extreme.max": ("取最高 → {points}", "highest counts → {points}"),
    "not_applicable": ("不适用：{reason}", "not applicable: {reason}"),
    # engine
    "engine.rounded": (
        "四舍五入保留 {decimals} 位：{raw} → {points}",
        "rounded half-up to {decimals} places: {raw} → {points}",
    ),
    "execution.printed_rate": (
        "所印执行率 {rate}（未公布金额）→ {rate} × {weight} = {points}，不超过分值",
        "printed execution rate {rate} (amounts not published) → {rate} × {weight} = {points}, at most the weight",
    ),
    "engine.coefficient": (
        "得分系数 {coefficient} × 分值 {weight} = {points}",
        "coefficient {coefficient} × weight {weight} = {points}",
    ),
    "attainment.met": ("完成值“{text}”读作达成 → 满分 {weight}", "actual '{text}' reads as met → full marks {weight}"),
    "attainment.not_met": ("完成值“{text}”读作未达成 → 0", "actual '{text}' reads as not met → 0"),
    "percent.declared": (
        "无单位的完成值 {value} 按声明读作百分比（percent_numbers: {reading}）",
        "the bare actual {value} is read as a percentage as declared (percent_numbers: {reading})",
    ),
    "percent.ambiguous": (
        "无单位的完成值 {value} 可读作 {points} 或 {fraction}，未声明读法 → 得分介于 {low} 与 {high} 之间",
        "the bare actual {value} reads as {points} or {fraction}, undeclared → between {low} and {high}",
    ),
    "engine.override": (
        "评价人调整：计算得分 {computed} → {points}，理由：{reason}",
        "assessor override: computed {computed} → {points}; reason: {reason}",
    ),
    "engine.missing": (
        "缺少数据（{needs}）：得分介于 {low}–{high}",
        "missing figure ({needs}): score between {low} and {high}",
    ),
    "engine.redistributed": (
        "因同级指标不适用，权重 {nominal} 按比例调整为 {weight}",
        "a sibling does not apply: weight {nominal} scaled to {weight}",
    ),
    "engine.dropped": ("不适用：{reason}；{weight} 分{where}", "not applicable: {reason}; {weight} points {where}"),
}


class _Lenient(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


_FORMATTER = string.Formatter()


def render_step(key: str, params: Mapping[str, str], lang: Lang = "zh") -> str:
    """The phrase for ``key`` in ``lang`` with ``params`` filled in."""
    zh, en = PHRASES.get(key, (key, key))
    return _FORMATTER.vformat(zh if lang == "zh" else en, (), _Lenient(params))
