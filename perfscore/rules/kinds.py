"""The rule kinds perfscore ships: one :class:`~perfscore.rules.registry.RuleKind` record each.

Everything that lists rule kinds — the YAML builder, the pack dump, the JSON Schema,
report labels, sensitivity analysis, the compiled path's conformance test and the test
strategies — reads this table. Adding a kind is: its class (with its formula and its
checks), its record here, and its phrases in :mod:`perfscore._text.phrases`.
"""

from __future__ import annotations

from typing import Any

from perfscore._core.model import ReverseVariant
from perfscore._core.targets import Op, Target
from perfscore.rules.base import Rule
from perfscore.rules.budget import ExecutionRate
from perfscore.rules.comparative import RULE_FOR_OPERATOR, Equal, Positive, Reverse
from perfscore.rules.composite import Extreme, MaxOf, NotApplicable, SumOf
from perfscore.rules.deduct import Deduct, DeductPer
from perfscore.rules.interval import IntervalRule, Side
from perfscore.rules.judgement import Manual, Qualitative
from perfscore.rules.registry import OptionSpec, RuleKind, RuleRegistry
from perfscore.rules.tables import Bands, Checklist

TARGET = OptionSpec(name="target", type="target")
OF = OptionSpec(name="of", type="text", default="actual")


def _formula(**options: Any) -> Rule:  # noqa: ANN401 - the options the generic builder read
    """Build a Formula; the evaluator loads only for packs that use formulas."""
    from perfscore.rules.formulas import Formula  # noqa: PLC0415 - lazy on purpose, not a cycle

    return Formula(**options)


KINDS = (
    RuleKind(
        name="positive",
        rule=Positive,
        specs=(TARGET, OF),
        label_zh="正向",
        summary_en="full weight at or above the target, else in proportion",
        summary_zh="完成值 ≥ 指标值得满分，否则按比例得分",
        phrases={
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
        },
        needs_target=True,
        proportional=True,
    ),
    RuleKind(
        name="reverse",
        rule=Reverse,
        specs=(
            TARGET,
            OF,
            OptionSpec(
                name="variant",
                type="choice",
                default=ReverseVariant.RATIO,
                choices=tuple(item.value for item in ReverseVariant),
            ),
        ),
        label_zh="反向",
        summary_en="lower is better: ratio or linear",
        summary_zh="完成值 ≤ 指标值得满分，否则按比值或线性扣减",
        phrases={
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
        },
        needs_target=True,
        proportional=True,
    ),
    RuleKind(
        name="equal",
        rule=Equal,
        specs=(TARGET, OF, OptionSpec(name="tolerance", type="number", default=0, omit_default=True)),
        label_zh="等于",
        summary_en="full weight when equal; target 0 means none allowed",
        summary_zh="完成值与指标值相同得满分；指标值为 0 表示不允许发生",
        phrases={
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
        },
        needs_target=True,
        proportional=True,
    ),
    RuleKind(
        name="qualitative",
        rule=Qualitative,
        specs=(OptionSpec(name="levels", type="levels", field="scale"),),
        label_zh="定性",
        summary_en="assessor's level and score within the level's band",
        summary_zh="评价等级及区间内评分",
        phrases={
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
        },
        proportional=True,
    ),
    RuleKind(
        name="manual",
        rule=Manual,
        label_zh="手工评分",
        summary_en="assessor's score with a mandatory reason",
        summary_zh="评价人评分，须说明理由",
        phrases={
            "manual.scored": ("手工评分 {score}，理由：{reason}", "manual score {score}; reason: {reason}"),
        },
        exact_only=True,
    ),
    RuleKind(
        name="bands",
        rule=Bands,
        specs=(OptionSpec(name="bands", type="bands", required=True), OF),
        label_zh="分档",
        summary_en="value bands, each earning a fraction of the weight",
        summary_zh="数值落在哪一档得相应比例",
        phrases={
            "bands.hit": (
                "数值 {value} 落在 {band} → {fraction} × {weight} = {points}",
                "value {value} is in {band} → {fraction} × {weight} = {points}",
            ),
            "bands.none": ("数值 {value} 不在任何分档内 → 0", "value {value} is in no band → 0"),
        },
        proportional=True,
    ),
    RuleKind(
        name="checklist",
        rule=Checklist,
        specs=(OptionSpec(name="items", type="items", required=True),),
        label_zh="是否",
        summary_en="yes/no items, each worth points",
        summary_zh="逐项检查，答“是”得该项分值",
        phrases={
            "checklist.item": ("{item}：{answer} → {points}", "{item}: {answer} → {points}"),
            "checklist.total": ("合计 {points} / {weight}", "total {points} of {weight}"),
        },
        proportional=True,
        exact_only=True,
    ),
    RuleKind(
        name="deduct",
        rule=Deduct,
        specs=(
            OptionSpec(name="per", type="choice", required=True, choices=tuple(item.value for item in DeductPer)),
            OptionSpec(name="points", type="number", required=True),
            OptionSpec(name="above", type="threshold"),
            OptionSpec(name="below", type="threshold"),
            OF,
            OptionSpec(name="limit", type="number"),
        ),
        label_zh="扣分",
        summary_en="points off per occurrence or per point, floored at 0",
        summary_zh="按次或按超出的百分点减分，减完为止",
        phrases={
            "deduct.item": ("扣分：{reason} −{points}", "deducted: {reason} −{points}"),
            "deduct.total": (
                "{weight} − {taken} = {points}（扣完为止）",
                "{weight} − {taken} = {points} (floored at 0)",
            ),
        },
        exact_only=True,
    ),
    RuleKind(
        name="execution_rate",
        rule=ExecutionRate,
        specs=(
            OptionSpec(name="executed", type="text", default="budget.executed"),
            OptionSpec(name="budget", type="text", default="budget.adjusted"),
            OptionSpec(name="rate", type="text", default="budget.rate"),
            OptionSpec(name="bands", type="bands", default=(), omit_default=True),
        ),
        label_zh="预算执行率",
        summary_en="executed ÷ budget × weight, capped at the weight",
        summary_zh="执行数 ÷ 预算数 × 分值，不超过分值",
        phrases={
            "execution.rate": (
                "执行数 {executed} ÷ 预算数 {budget} = {rate} → {rate} × {weight} = {points}",
                "executed {executed} ÷ budget {budget} = {rate} → {rate} × {weight} = {points}",
            ),
            "execution.band": (
                "执行率 {rate} 落在 {band} → {fraction} × {weight} = {points}",
                "execution rate {rate} is in {band} → {fraction} × {weight} = {points}",
            ),
            "execution.no_band": ("执行率 {rate} 不在任何分档内 → 0", "execution rate {rate} is in no band → 0"),
        },
        proportional=True,
    ),
    RuleKind(
        name="formula",
        rule=_formula,
        specs=(OptionSpec(name="expression", type="expression", required=True),),
        label_zh="公式",
        summary_en="a safe arithmetic expression over the figures",
        summary_zh="基于数据的安全算术表达式",
        phrases={
            "formula.value": ("公式 {expression}（{inputs}）= {points}", "formula {expression} ({inputs}) = {points}"),
        },
        exact_only=True,
    ),
    RuleKind(
        name="not_applicable",
        rule=NotApplicable,
        specs=(OptionSpec(name="reason", type="text", required=True),),
        label_zh="不适用",
        summary_en="dropped; its points are redistributed",
        summary_zh="剔除该指标并重新分配分值",
        phrases={
            "not_applicable": ("不适用：{reason}", "not applicable: {reason}"),
        },
        exact_only=True,
    ),
    RuleKind(
        name="sum_of",
        rule=SumOf,
        specs=(OptionSpec(name="parts", type="parts", required=True),),
        label_zh="分项合计",
        summary_en="parts with their own points and rules, added",
        summary_zh="各分项按自身分值和规则评分后相加",
        phrases={
            "part.scored": ("分项 {part}：{points} / {weight}", "part {part}: {points} of {weight}"),
            "part.total": ("分项合计 {points}", "parts total {points}"),
        },
        exact_only=True,
    ),
    RuleKind(
        name="min_of",
        rule=Extreme,
        specs=(OptionSpec(name="rules", type="rules", required=True),),
        label_zh="取最低",
        summary_en="the lowest of several rules",
        summary_zh="多个规则中的最低分",
        phrases={
            "extreme.min": ("取最低 → {points}", "lowest counts → {points}"),
        },
        exact_only=True,
    ),
    RuleKind(
        name="max_of",
        rule=MaxOf,
        specs=(OptionSpec(name="rules", type="rules", required=True),),
        label_zh="取最高",
        summary_en="the highest of several rules",
        summary_zh="多个规则中的最高分",
        phrases={
            "extreme.max": ("取最高 → {points}", "highest counts → {points}"),
        },
        exact_only=True,
    ),
)

SIDES = tuple(side.value for side in Side)
INTERVAL = RuleKind(
    name="interval",
    rule=IntervalRule,
    specs=(
        OptionSpec(name="target", type="target", choices=("range",)),
        OF,
        OptionSpec(name="below", type="choice", default=Side.POSITIVE, choices=SIDES),
        OptionSpec(name="above", type="choice", default=Side.REVERSE, choices=SIDES),
    ),
    label_zh="区间",
    summary_en="full weight within the range; outside, scored against the nearer bound",
    summary_zh="完成值在指标值范围内（含边界）得满分，范围外按较近的界限计分",
    phrases={
        "interval.inside": (
            "完成值 {actual} 在区间 {target} 内 → 满分 {weight}",
            "actual {actual} is within {target} → full marks {weight}",
        ),
        "interval.below": (
            "完成值 {actual} 低于区间 {target} → 按下限 {bound} 计分",
            "actual {actual} is below {target} → scored against the lower bound {bound}",
        ),
        "interval.above": (
            "完成值 {actual} 高于区间 {target} → 按上限 {bound} 计分",
            "actual {actual} is above {target} → scored against the upper bound {bound}",
        ),
        "interval.zero": ("区间外不得分 → 0", "outside the range scores nothing → 0"),
    },
    needs_target=True,
    proportional=True,
    exact_only=True,
)

DEFAULT_REGISTRY = RuleRegistry({kind.name: kind for kind in (*KINDS, INTERVAL)})
"""Every kind perfscore ships; derive another with :meth:`RuleRegistry.evolve`."""


def inferred_kind(target: Target | None) -> str | None:
    """The rule a target's operator chooses when none is named (≥ positive, ≤ reverse, …)."""
    if target is None:
        return None
    if target.op is Op.LABEL:
        return "qualitative"
    if target.shape == "range":
        return "interval"
    return RULE_FOR_OPERATOR.get(target.op)
