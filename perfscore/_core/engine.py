"""Scoring: a pack and a department's figures in, an explained scorecard out.

The engine walks the pack's tree. For each indicator it gives the rule a view of the
figures and its effective weight (after any not-applicable redistribution), rounds
the rule's points once with the pack's policy (四舍五入 by default), applies an
assessor's override if there is one, and records what was read and where. Groups add
their children's rounded scores; percent-weighted groups scale the sum by their
weight. Missing figures never become silent zeros: the indicator keeps the range the
rule could still reach and the result becomes partial. Figures that are present but
wrong are collected and raised together as one :class:`FiguresError`.

What follows from the pack alone is planned once per pack (:mod:`perfscore._core.scoreplan`);
a call works out the numbers, statuses and diagnostics, and the scorecard builds its
result objects when first read (:mod:`perfscore._core.laterresults`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, NamedTuple

import attrs

from perfscore._core.decimals import HUNDRED, ONE, ZERO, add, div, mul, own_context, plain, total
from perfscore._core.diagnostics import Diagnostic, DiagnosticSink, FiguresError, ParseError, UsageError, diagnostic
from perfscore._core.dropped import applicable, dropped_ids, dropped_result
from perfscore._core.enginereadings import (
    ambiguous_result,
    attained_result,
    label_key,
    overridden_result,
    with_coefficient,
)
from perfscore._core.figurecheck import check_figures
from perfscore._core.figures import Figures, IndicatorFigures
from perfscore._core.figureview import ScoringView
from perfscore._core.laterresults import (
    Pending,
    PendingGroup,
    Record,
    blank_result,
    built_all,
    built_indicator,
    pending,
    walk_records,
)
from perfscore._core.model import Pack, Redistribution
from perfscore._core.readings import percent_target, read_percent
from perfscore._core.reconcile import reconcile, sum_check_warnings
from perfscore._core.recordcard import RecordCard
from perfscore._core.resultnotes import notes_on, relying_on
from perfscore._core.scorecard import IndicatorResult, Scorecard, Status, scorecard_built_later
from perfscore._core.scoreplan import GroupPlan, IndicatorPlan, NodePlan, plan_of
from perfscore._core.units import Quantity
from perfscore._core.wording import PercentNumbers
from perfscore.rules.base import FigureProblem, MissingFigure, step

_EMPTY = IndicatorFigures(id="")


@attrs.frozen(kw_only=True)
class _Context:
    pack: Pack
    figures: Figures
    sink: DiagnosticSink
    dropped: frozenset[str]
    round: Callable[[Decimal], Decimal]  # the pack's rounding policy
    indicators: Mapping[str, IndicatorFigures]  # the figures', by indicator id
    exact_weights: bool  # every weight fits the private context's precision
    percent_numbers: PercentNumbers | None = None


class _Totals(NamedTuple):
    total: Decimal | None
    low: Decimal
    high: Decimal
    grades_possible: tuple[str, ...]


@own_context
def score(pack: Pack, figures: Figures) -> Scorecard:
    """Score ``figures`` under ``pack``; raise :class:`FiguresError` if a figure is unusable."""
    if pack.template:
        raise UsageError([diagnostic("PACK_TEMPLATE", id=pack.id)])
    plan = plan_of(pack)
    sink = DiagnosticSink()
    check_figures(pack, figures, sink)
    declared = figures.percent_numbers or pack.percent_numbers
    dropped = dropped_ids(plan, figures)
    ctx = _Context(
        pack=pack,
        figures=figures,
        sink=sink,
        dropped=dropped,
        round=plan.round,
        indicators=figures.indicators,
        exact_weights=plan.exact_weights,
        percent_numbers=declared,
    )
    children, maximum = _level(ctx, plan.children, pack.total, scale=Decimal(1))
    sink.raise_if_errors(FiguresError)
    raw_total, low, high = _sums(children)
    rescaled_from = None
    if pack.redistribution is Redistribution.TOTAL and ZERO < maximum < pack.total:
        factor = div(pack.total, maximum)
        rescaled_from = raw_total
        raw_total = None if raw_total is None else pack.rounding.apply(mul(raw_total, factor))
        low, high = pack.rounding.apply(mul(low, factor)), pack.rounding.apply(mul(high, factor))
    grade = pack.grade_of(raw_total) if raw_total is not None else None
    totals = _Totals(
        total=raw_total,
        low=raw_total if raw_total is not None else low,
        high=raw_total if raw_total is not None else high,
        grades_possible=(grade,) if grade else pack.grades_possible(low, high),
    )
    diagnostics: list[Diagnostic] = list(sink.items)
    diagnostics.extend(sum_check_warnings(figures))
    relying = plan.relying if not dropped else relying_on(walk_records(children)) if plan.assumed else {}
    diagnostics.extend(notes_on(pack, relying, totals))
    fields: dict[str, Any] = {
        "pack_id": pack.id,
        "pack_version": pack.version,
        "pack_title": pack.title,
        "language": pack.language,
        "decimals": pack.rounding.decimals,
        "department": figures.department,
        "year": figures.year,
        **totals._asdict(),
        "max": pack.total,
        "grade": grade,
        "rescaled_from": rescaled_from,
        "pack_file": pack.file,
        "figures_file": figures.file,
        "max_location": pack.total_location,
    }
    if figures.published is not None:  # compared with the records' numbers: no result object is built for it
        numbers = RecordCard(children, grade=grade, **totals._asdict())
        diagnostics.extend(reconcile(pack, figures, numbers))
    return scorecard_built_later(built_all, (children, figures), diagnostics=tuple(diagnostics), **fields)


def _level(
    ctx: _Context, children: tuple[NodePlan, ...], space: Decimal, *, scale: Decimal
) -> tuple[tuple[Record, ...], Decimal]:
    """Results for one level; ``space`` is what the level's weights add up to; returns (results, max points)."""
    dropped = ctx.dropped
    share = ONE  # redistribution: multiply by space first, divide last, so 7.5 × 30 ÷ 22.5 is exactly 10
    if dropped and ctx.pack.redistribution is Redistribution.PARENT:
        live = [node for node in children if applicable(node, dropped)]
        if live and len(live) != len(children):
            nominal_live = total(node.weight for node in live)
            if nominal_live:
                scale, share = mul(scale, space), nominal_live
    results: list[Record] = []
    maximum = ZERO
    # weights × 1 ÷ 1 are the weights as written (same digits, same exponent): skip the arithmetic
    same = ctx.exact_weights and share is ONE and scale == ONE and scale.as_tuple().exponent == 0
    for node in children:
        if dropped and not applicable(node, dropped):
            results.append(dropped_result((ctx.pack, ctx.figures, ctx.sink), node))
            continue
        weight = node.node.weight if same else div(mul(node.node.weight, scale), share)
        if isinstance(node, GroupPlan):
            group_result, node_max = _group(ctx, node, weight)
            results.append(group_result)
        else:
            results.append(_indicator(ctx, node, weight))
            node_max = weight
        maximum = add(maximum, node_max)
    return tuple(results), maximum


def _group(ctx: _Context, plan: GroupPlan, weight: Decimal) -> tuple[PendingGroup, Decimal]:
    group = plan.node
    percent = plan.percent
    space = HUNDRED if percent else group.weight
    inner_scale = Decimal(1) if percent else div(weight, group.weight)
    children, inner_max = _level(ctx, plan.children, space, scale=inner_scale)
    subtotal, low, high = _sums(children)
    node_max = inner_max
    if percent:
        scaled = [
            None if value is None else ctx.round(div(mul(value, weight), HUNDRED)) for value in (subtotal, low, high)
        ]
        subtotal, low, high = scaled[0], scaled[1] or ZERO, scaled[2] or ZERO
        node_max = div(mul(inner_max, weight), HUNDRED)
    status = Status.SCORED if subtotal is not None else Status.PARTIAL
    result = PendingGroup(
        plan=plan,
        weight=group.weight if weight == group.weight else ctx.round(weight),
        score=subtotal,
        low=subtotal if subtotal is not None else low,
        high=subtotal if subtotal is not None else high,
        status=status,
        children=children,
    )
    return result, node_max


def _sums(children: tuple[Record, ...]) -> tuple[Decimal | None, Decimal, Decimal]:
    """The children's exact sum (None unless every applicable child has a score), lowest and highest sums.

    When every applicable child has a score, each child's low and high equal its score, so the
    sums of lows and highs equal the total: the total stands for them (callers use them only
    as numbers then, never to show).
    """
    subtotal = ZERO
    for child in children:
        points = child.score
        if points is None and child.status is not Status.NOT_APPLICABLE:
            break
        subtotal = add(subtotal, points or ZERO)
    else:
        return subtotal, subtotal, subtotal
    low = high = ZERO
    for child in children:
        low = add(low, child.low)
        high = add(high, child.high)
    return None, low, high


def _indicator(ctx: _Context, plan: IndicatorPlan, weight: Decimal) -> Pending | IndicatorResult:
    node = plan.node
    entry = ctx.indicators.get(node.id) or _EMPTY
    values = entry.values
    coefficient, override = values.get("coefficient"), entry.override
    quiet = override is not None or coefficient is not None
    key = plan.compared_key or (label_key(node, entry) if plan.label_target else None)
    written = values.get(key) if key is not None else None
    result: Pending | IndicatorResult
    if key is not None and isinstance(written, str):
        blank = blank_result(plan, node.weight if weight == node.weight else ctx.round(weight), entry)
        result = attained_result((ctx.pack, ctx.sink), blank, node, entry, (key, written, weight), quiet=quiet)
    else:
        goal = plan.goal
        if goal is None:  # the target comes with the figures
            given = values.get("target")
            goal = given if isinstance(given, Quantity) else None
        if goal is None or goal.unit is None or percent_target(goal) is None:  # the figures read as written
            result = _computed(ctx, plan, weight, entry, quiet=quiet)
        else:
            result = _read_percent(ctx, plan, weight, (entry, key, goal), quiet=quiet)
    if not quiet:
        return result
    if coefficient is not None:
        result = with_coefficient((ctx.pack, ctx.sink), entry, built_indicator(result, ctx.figures), weight)
    if override is None:
        return result
    return overridden_result((ctx.pack, ctx.sink), entry, built_indicator(result, ctx.figures), weight)


def _read_percent(
    ctx: _Context,
    plan: IndicatorPlan,
    weight: Decimal,
    reading_of: tuple[IndicatorFigures, str | None, Quantity | None],
    *,
    quiet: bool,
) -> Pending | IndicatorResult:
    """Score a bare number against a percent target as declared, or both readings when undeclared."""
    entry, key, goal = reading_of
    reading = read_percent(entry, key or "", goal, ctx.percent_numbers)
    result = _computed(ctx, plan, weight, reading.figures, quiet=quiet)
    if reading.other is not None and key is not None:
        aside = attrs.evolve(ctx, sink=DiagnosticSink())  # the other reading's notes are not the card's
        other = _computed(aside, plan, weight, reading.other, quiet=True)
        pair = (built_indicator(result, ctx.figures), built_indicator(other, ctx.figures))
        return ambiguous_result(ctx.sink, plan.node, reading, key, pair)
    if reading.declared is not None and reading.value is not None:
        shown = step("percent.declared", value=reading.value.text, reading=reading.declared.value)
        done = built_indicator(result, ctx.figures)
        return attrs.evolve(done, steps=(shown, *done.steps))
    return result


def _computed(
    ctx: _Context, plan: IndicatorPlan, weight: Decimal, entry: IndicatorFigures, *, quiet: bool
) -> Pending | IndicatorResult:
    """The rule's result for these figures (partial when a figure is missing)."""
    node = plan.node
    policy = ctx.round
    shown = node.weight if weight is node.weight or weight == node.weight else policy(weight)  # redistributed: rounded
    try:
        outcome = node.rule.evaluate(ScoringView(entry, ctx.figures, weight))
    except MissingFigure as gap:
        low, high = policy(gap.low), policy(gap.high)
        if not quiet:
            ctx.sink.add(
                diagnostic(
                    "FIGURE_MISSING",
                    location=node.location,
                    path=plan.path,
                    id=node.id,
                    needs=gap.needs,
                    low=plain(low),
                    high=plain(high),
                )
            )
        return pending((plan, weight, shown, entry, None, None, low, high, Status.PARTIAL, gap.needs, ()))
    except FigureProblem as problem:
        location = entry.location_of(problem.figure) if entry.id else node.location
        ctx.sink.add(
            diagnostic(
                problem.code,
                location=location,
                path=plan.path,
                expected=problem.expected,
                got=problem.got,
                **{"id": node.id, **problem.params},
            )
        )
        return blank_result(plan, shown, entry)
    except ParseError as problem:  # a formula these figures cannot evaluate (division by zero, too large)
        ctx.sink.extend(attrs.evolve(item, location=node.rule_location, path=plan.path) for item in problem.diagnostics)
        return blank_result(plan, shown, entry)
    raw = outcome.points
    points = policy(raw)
    if outcome.notes:
        ctx.sink.extend(
            diagnostic(n.code, location=node.location, path=plan.path, id=node.id, **dict(n.params))
            for n in outcome.notes
        )
    return pending((plan, weight, shown, entry, raw, points, points, points, Status.SCORED, None, outcome.measures))
