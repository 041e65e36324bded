"""Explanation phrases in Chinese and English, keyed like the steps rules and the engine produce.

A rule says *which* phrase and fills the numbers; the language is chosen when the
explanation is shown (the pack's language by default). The engine's phrases are here;
each rule kind's phrases are part of its record (:mod:`perfscore.rules.kinds`), so a
new kind brings its words with it. Every table is (Chinese, English).
"""

from __future__ import annotations

import string
from collections.abc import Mapping

from perfscore._core.diagnostics import Lang
from perfscore.rules.kinds import DEFAULT_REGISTRY

ENGINE_PHRASES: Mapping[str, tuple[str, str]] = {
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


PHRASES: Mapping[str, tuple[str, str]] = {
    **ENGINE_PHRASES,
    **{key: text for kind in DEFAULT_REGISTRY.kinds.values() for key, text in kind.phrases.items()},
}
"""Every phrase: the engine's, and each rule kind's from its record in the registry."""


class _Lenient(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


_FORMATTER = string.Formatter()


def render_step(key: str, params: Mapping[str, str], lang: Lang = "zh") -> str:
    """The phrase for ``key`` in ``lang`` with ``params`` filled in."""
    zh, en = PHRASES.get(key, (key, key))
    return _FORMATTER.vformat(zh if lang == "zh" else en, (), _Lenient(params))
