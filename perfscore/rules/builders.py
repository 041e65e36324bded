"""How each rule kind is read from a pack's YAML, and the default registry.

A builder reads its options through the located view, reports anything wrong at the
option's own line, and returns the rule (or None when it could not be built, after
reporting why). The pack loader calls :func:`build_rule` for every indicator.
"""

from __future__ import annotations

import itertools
from decimal import Decimal

from perfscore._core.decimals import HUNDRED, ONE, ZERO, plain, total
from perfscore._core.diagnostics import ParseError
from perfscore._core.model import ReverseVariant
from perfscore._core.numerals import parse_quantity
from perfscore._core.targets import Op, Target, parse_target
from perfscore._packs.scales import read_interval, read_levels
from perfscore._yaml.located import Located, suggest
from perfscore.rules.base import Rule
from perfscore.rules.budget import ExecutionRate
from perfscore.rules.comparative import RULE_FOR_OPERATOR, Equal, Positive, Reverse
from perfscore.rules.composite import Extreme, MaxOf, NotApplicable, Part, SumOf
from perfscore.rules.deduct import Deduct, DeductPer
from perfscore.rules.judgement import Manual, Qualitative
from perfscore.rules.registry import COMMON_OPTIONS, BuildContext, Builder, RuleKind, RuleRegistry
from perfscore.rules.tables import Band, Bands, Checklist, ChecklistItem

BAND_KEYS = frozenset({"range", "min", "max", "fraction", "points"})
CHECKLIST_ITEM_KEYS = frozenset({"id", "name", "points"})
PART_KEYS = frozenset({"points", "name", "rule", "target"})


def _target(ctx: BuildContext) -> tuple[Target | None, bool]:
    """The rule's own ``target`` option, else the indicator's; (target, from_figures)."""
    options = ctx.options
    if options is not None and options.has("target"):
        text = options.text("target")
        if text is None:
            return None, False
        if text.strip().lower() == "figures":
            return None, True
        try:
            return parse_target(text), False
        except ParseError as err:
            options.report_parse_error(err, "target")
            return None, False
    return ctx.target, ctx.target_from_figures


def _numeric_target(ctx: BuildContext) -> tuple[Target | None, bool] | None:
    target, from_figures = _target(ctx)
    if target is None and not from_figures:
        if not (ctx.options is not None and ctx.options.has("target")):
            ctx.report("RULE_TARGET_MISSING", kind=ctx.kind)
        return None
    if target is not None and target.quantity is None:
        ctx.problem(
            f"the target '{target.text}' is a label; this rule needs a number",
            f"指标值 '{target.text}' 是文字，该规则需要数值",
            "target",
        )
        return None
    return target, from_figures


def _of(ctx: BuildContext) -> str:
    return (ctx.options.text("of") if ctx.options is not None else None) or "actual"


def build_positive(ctx: BuildContext) -> Rule | None:
    """``positive``: target (or ``figures``), optional ``of``."""
    found = _numeric_target(ctx)
    return None if found is None else Positive(target=found[0], of=_of(ctx))


def build_reverse(ctx: BuildContext) -> Rule | None:
    """``reverse``: target, ``variant: ratio|linear`` (default from the pack)."""
    found = _numeric_target(ctx)
    variant = ctx.reverse_variant
    if ctx.options is not None and ctx.options.has("variant"):
        text = ctx.options.text("variant") or ""
        try:
            variant = ReverseVariant(text)
        except ValueError:
            ctx.problem(
                f"variant must be 'ratio' or 'linear', not '{text}'",
                f"variant 应为 ratio 或 linear，而不是 '{text}'",
                "variant",
            )
            return None
    return None if found is None else Reverse(target=found[0], variant=variant, of=_of(ctx))


def build_equal(ctx: BuildContext) -> Rule | None:
    """``equal``: target, optional ``tolerance``."""
    found = _numeric_target(ctx)
    tolerance = (ctx.options.number("tolerance") if ctx.options is not None else None) or ZERO
    return None if found is None else Equal(target=found[0], tolerance=tolerance, of=_of(ctx))


def build_qualitative(ctx: BuildContext) -> Rule | None:
    """``qualitative``: the pack's levels, or the rule's own ``levels``."""
    scale = read_levels(ctx.options, "levels") if ctx.options is not None else None
    return Qualitative(scale=scale or ctx.scale)


def build_manual(ctx: BuildContext) -> Rule | None:  # noqa: ARG001 - the uniform builder signature
    """``manual``: no options."""
    return Manual()


def build_bands(ctx: BuildContext) -> Rule | None:
    """``bands``: a list of ``{range, fraction}`` (or ``points``) entries."""
    if ctx.options is None or not ctx.options.has("bands"):
        ctx.here.report("KEY_MISSING", key="bands", where=f"rule '{ctx.kind}'")
        return None
    table: list[Band] = []
    for entry in ctx.options.items("bands"):
        if not entry.is_mapping():
            continue
        entry.check_keys(BAND_KEYS)
        interval = read_interval(entry, fraction=False)
        fraction = entry.number("fraction")
        points = entry.number("points")
        if points is not None and ctx.weight:
            fraction = points / ctx.weight
        if fraction is None:
            entry.report("KEY_MISSING", key="fraction", where="band")
            continue
        if fraction < ZERO or fraction > 1:
            entry.report(
                "BANDS_INVALID",
                key="fraction",
                id=ctx.indicator_id,
                problem=f"a band earns {plain(fraction)} of the weight; it must be within 0–1",
                problem_zh=f"分档得分比例 {plain(fraction)} 应在 0–1 之间",
            )
        if interval is not None:
            # A value written "95%" reads as 95 (percent), so edges written in percent stay in percent.
            scale = HUNDRED if interval.percent else ONE
            table.append(
                Band(
                    low=None if interval.low is None else interval.low * scale,
                    high=None if interval.high is None else interval.high * scale,
                    fraction=fraction,
                    low_inclusive=interval.low_inclusive,
                    high_inclusive=interval.high_inclusive,
                )
            )
    for first, second in itertools.pairwise(table):
        if bands_overlap(first, second):
            ctx.options.report(
                "BANDS_INVALID",
                key="bands",
                id=ctx.indicator_id,
                problem=f"the bands {first} and {second} overlap",
                problem_zh=f"分档 {first} 与 {second} 重叠",
            )
    return Bands(bands=tuple(table), of=_of(ctx)) if table else None


def bands_overlap(a: Band, b: Band) -> bool:
    """Whether some value lies in both bands (edges count when both sides include them)."""
    lo_a = a.low if a.low is not None else Decimal("-1e30")
    lo_b = b.low if b.low is not None else Decimal("-1e30")
    hi_a = a.high if a.high is not None else Decimal("1e30")
    hi_b = b.high if b.high is not None else Decimal("1e30")
    if hi_a < lo_b or hi_b < lo_a:
        return False
    if hi_a == lo_b:
        return a.high_inclusive and b.low_inclusive
    if hi_b == lo_a:
        return b.high_inclusive and a.low_inclusive
    return True


def build_checklist(ctx: BuildContext) -> Rule | None:
    """``checklist``: ``items`` of ``{id, name, points}`` adding up to the weight."""
    if ctx.options is None or not ctx.options.has("items"):
        ctx.here.report("KEY_MISSING", key="items", where=f"rule '{ctx.kind}'")
        return None
    items: list[ChecklistItem] = []
    for entry in ctx.options.items("items"):
        if not entry.is_mapping():
            continue
        entry.check_keys(CHECKLIST_ITEM_KEYS, required=("id", "points"))
        item_id, points = entry.identifier("id"), entry.number("points")
        if item_id is not None and points is not None:
            items.append(ChecklistItem(id=item_id, points=points, name=entry.text("name")))
    worth = total(item.points for item in items)
    if ctx.weight is not None and items and worth != ctx.weight:
        ctx.problem(
            f"the items are worth {plain(worth)} points, the weight is {plain(ctx.weight)}",
            f"各检查项合计 {plain(worth)} 分，与分值 {plain(ctx.weight)} 不符",
            "items",
        )
    return Checklist(items=tuple(items)) if items else None


def build_deduct(ctx: BuildContext) -> Rule | None:
    """``deduct``: ``per: occurrence|point``, ``points``, ``above``/``below``, ``limit``."""
    options = ctx.options
    if options is None:
        ctx.here.report("KEY_MISSING", key="per", where=f"rule '{ctx.kind}'")
        return None
    per_text = options.text("per", required=True)
    points = options.number("points", required=True)
    try:
        per = DeductPer(per_text) if per_text is not None else None
    except ValueError:
        ctx.problem(
            f"per must be 'occurrence' or 'point', not '{per_text}'",
            f"per 应为 occurrence 或 point，而不是 '{per_text}'",
            "per",
        )
        per = None
    if points is not None and points <= ZERO:
        ctx.problem("points must be above 0", "points 必须大于 0", "points")
    above, below = _threshold(options, "above"), _threshold(options, "below")
    if per is DeductPer.POINT and above is None and below is None:
        ctx.problem("a per-point deduction needs 'above' or 'below'", "按百分点扣分需要 above 或 below", "per")
        return None
    if per is None or points is None:
        return None
    return Deduct(per=per, points=points, above=above, below=below, of=_of(ctx), limit=options.number("limit"))


def _threshold(options: Located, key: str) -> Decimal | None:
    if not options.has(key):
        return None
    raw = options.value[key]
    if isinstance(raw, bool) or not isinstance(raw, str | int | Decimal):
        options.wrong_type(key, "number")
        return None
    try:
        return parse_quantity(raw if not isinstance(raw, int) else Decimal(raw)).value
    except ParseError as err:
        options.report_parse_error(err, key)
        return None


def build_execution_rate(ctx: BuildContext) -> Rule | None:
    """``execution_rate``: the figure names of ``executed`` and ``budget``."""
    options = ctx.options
    executed = (options.text("executed") if options else None) or "budget.executed"
    budget = (options.text("budget") if options else None) or "budget.adjusted"
    rate = (options.text("rate") if options else None) or "budget.rate"
    return ExecutionRate(executed=executed, budget=budget, rate=rate)


def build_formula(ctx: BuildContext) -> Rule | None:
    """``formula``: an ``expression`` parsed by perfscore's restricted evaluator."""
    from perfscore.expression import parse_expression  # noqa: PLC0415 - loaded only by packs that use formulas
    from perfscore.rules.formula import Formula  # noqa: PLC0415 - same reason

    if ctx.options is None:
        ctx.here.report("KEY_MISSING", key="expression", where=f"rule '{ctx.kind}'")
        return None
    source = ctx.options.text("expression", required=True)
    if source is None:
        return None
    try:
        return Formula(expression=parse_expression(source, label=ctx.indicator_id))
    except ParseError as err:
        ctx.options.report_parse_error(err, "expression")
        return None


def build_not_applicable(ctx: BuildContext) -> Rule | None:
    """``not_applicable``: a ``reason``."""
    reason = ctx.options.text("reason", required=True) if ctx.options is not None else None
    if ctx.options is None:
        ctx.here.report("KEY_MISSING", key="reason", where=f"rule '{ctx.kind}'")
    return NotApplicable(reason=reason) if reason else None


def build_sum_of(ctx: BuildContext) -> Rule | None:
    """``sum_of``: ``parts`` of ``{points, name, rule}`` adding up to the weight."""
    if ctx.options is None or not ctx.options.has("parts"):
        ctx.here.report("KEY_MISSING", key="parts", where=f"rule '{ctx.kind}'")
        return None
    parts: list[Part] = []
    for entry in ctx.options.items("parts"):
        if not entry.is_mapping():
            continue
        entry.check_keys(PART_KEYS, required=("points", "rule"))
        points = entry.number("points")
        target = ctx.target
        if entry.has("target"):
            text = entry.text("target") or ""
            try:
                target = parse_target(text)
            except ParseError as err:
                entry.report_parse_error(err, "target")
        rule = build_rule(entry, "rule", ctx=ctx, weight=points, target=target) if entry.has("rule") else None
        if points is not None and rule is not None:
            parts.append(Part(points=points, rule=rule, name=entry.text("name")))
    worth = total(part.points for part in parts)
    if ctx.weight is not None and parts and worth != ctx.weight:
        ctx.problem(
            f"the parts are worth {plain(worth)} points, the weight is {plain(ctx.weight)}",
            f"各分项合计 {plain(worth)} 分，与分值 {plain(ctx.weight)} 不符",
            "parts",
        )
    return SumOf(parts=tuple(parts)) if parts else None


def build_extreme(ctx: BuildContext) -> Rule | None:
    """``min_of`` / ``max_of``: ``rules``, each scored on the whole weight."""
    if ctx.options is None or not ctx.options.has("rules"):
        ctx.here.report("KEY_MISSING", key="rules", where=f"rule '{ctx.kind}'")
        return None
    node = ctx.options.child("rules")
    count = len(node.value) if isinstance(node.value, list) else 0
    rules = [build_rule(node, index, ctx=ctx, weight=ctx.weight, target=ctx.target) for index in range(count)]
    built = tuple(rule for rule in rules if rule is not None)
    if len(built) != count or not built:
        return None
    return MaxOf(rules=built) if ctx.kind == "max_of" else Extreme(rules=built)


def build_rule(
    owner: Located, key: str | int, *, ctx: BuildContext, weight: Decimal | None, target: Target | None
) -> Rule | None:
    """Build the rule written at ``owner[key]`` (a kind name or a mapping with ``kind``)."""
    raw = owner.value[key]
    options: Located | None = None
    if isinstance(raw, str):
        kind = raw
    elif isinstance(raw, dict):
        options = owner.child(key, where=f"rule of '{ctx.indicator_id}'")
        kind = options.text("kind", required=True) or ""
    else:
        owner.wrong_type(key, "mapping")
        return None
    spec = ctx.registry.get(kind)
    if spec is None:
        if kind:
            place = options if options is not None else owner
            place.report(
                "RULE_UNKNOWN",
                key="kind" if options is not None else key,
                kind=kind,
                known=", ".join(ctx.registry.names()),
                suggestion=suggest(kind, ctx.registry.names()),
            )
        return None
    if options is not None:
        options.check_keys(spec.options | COMMON_OPTIONS)
    sub = BuildContext(
        kind=kind,
        options=options,
        at=owner,
        indicator_id=ctx.indicator_id,
        weight=weight,
        target=target,
        target_from_figures=ctx.target_from_figures,
        scale=ctx.scale,
        reverse_variant=ctx.reverse_variant,
        registry=ctx.registry,
    )
    return spec.build(sub)


def inferred_kind(target: Target | None) -> str | None:
    """The rule a target's operator chooses when none is named (≥ positive, ≤ reverse, …)."""
    if target is None:
        return None
    if target.op is Op.LABEL:
        return "qualitative"
    return RULE_FOR_OPERATOR.get(target.op)


def _kind(name: str, options: set[str], build: Builder, en: str, zh: str, *, needs_target: bool = False) -> RuleKind:
    return RuleKind(
        name=name,
        options=frozenset(options),
        build=build,
        summary_en=en,
        summary_zh=zh,
        needs_target=needs_target,
    )


DEFAULT_REGISTRY = RuleRegistry(
    {
        kind.name: kind
        for kind in (
            _kind(
                "positive",
                {"target", "of"},
                build_positive,
                "full weight at or above the target, else in proportion",
                "正向：完成值 ≥ 指标值得满分，否则按比例得分",
                needs_target=True,
            ),
            _kind(
                "reverse",
                {"target", "of", "variant"},
                build_reverse,
                "lower is better: ratio or linear",
                "反向：完成值 ≤ 指标值得满分，否则按比值或线性扣减",
                needs_target=True,
            ),
            _kind(
                "equal",
                {"target", "of", "tolerance"},
                build_equal,
                "full weight when equal; target 0 means none allowed",
                "等于：等于指标值得满分；指标值为 0 表示不允许发生",
                needs_target=True,
            ),
            _kind(
                "qualitative",
                {"levels"},
                build_qualitative,
                "assessor's level and score within the level's band",
                "定性：评价等级及区间内评分",
            ),
            _kind("manual", set(), build_manual, "assessor's score with a mandatory reason", "手工评分：须说明理由"),
            _kind(
                "bands",
                {"bands", "of"},
                build_bands,
                "value bands, each earning a fraction of the weight",
                "分档：数值落在哪一档得相应比例",
            ),
            _kind("checklist", {"items"}, build_checklist, "yes/no items, each worth points", "是否检查项：每项计分"),
            _kind(
                "deduct",
                {"per", "points", "above", "below", "of", "limit"},
                build_deduct,
                "points off per occurrence or per point, floored at 0",
                "扣分：按次或按百分点扣分，扣完为止",
            ),
            _kind(
                "execution_rate",
                {"executed", "budget", "rate"},
                build_execution_rate,
                "executed ÷ budget × weight, capped at the weight",
                "预算执行率：执行数 ÷ 预算数 × 分值，不超过分值",
            ),
            _kind(
                "formula",
                {"expression"},
                build_formula,
                "a safe arithmetic expression over the figures",
                "公式：基于数据的安全算术表达式",
            ),
            _kind(
                "not_applicable",
                {"reason"},
                build_not_applicable,
                "dropped; its points are redistributed",
                "不适用：剔除该指标并重新分配分值",
            ),
            _kind("sum_of", {"parts"}, build_sum_of, "parts with their own points and rules, added", "分项相加"),
            _kind("min_of", {"rules"}, build_extreme, "the lowest of several rules", "取多个规则中的最低分"),
            _kind("max_of", {"rules"}, build_extreme, "the highest of several rules", "取多个规则中的最高分"),
        )
    }
)
