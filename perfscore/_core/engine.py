"""Scoring: a pack and a department's figures in, an explained scorecard out.

The engine walks the pack's tree. For each indicator it gives the rule a view of the
figures and its effective weight (after any not-applicable redistribution), rounds
the rule's points once with the pack's policy (四舍五入 by default), applies an
assessor's override if there is one, and records what was read and where. Groups add
their children's rounded scores; percent-weighted groups scale the sum by their
weight. Missing figures never become silent zeros: the indicator keeps the range the
rule could still reach and the result becomes partial. Figures that are present but
wrong are collected and raised together as one :class:`FiguresError`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

import attrs

from perfscore._core.decimals import HUNDRED, ONE, ZERO, div, mul, own_context, plain, total
from perfscore._core.diagnostics import Diagnostic, DiagnosticSink, FiguresError, ParseError, UsageError, diagnostic
from perfscore._core.enginereadings import (
    ambiguous_result,
    attained_result,
    compared_key,
    goal,
    label_key,
    with_coefficient,
)
from perfscore._core.figurecheck import check_figures
from perfscore._core.figures import Figures, IndicatorFigures
from perfscore._core.model import Aggregation, Group, Indicator, Node, Pack, Redistribution
from perfscore._core.readings import read_percent
from perfscore._core.reconcile import reconcile, sum_check_warnings
from perfscore._core.resultnotes import result_notes
from perfscore._core.scorecard import GroupResult, IndicatorResult, Input, NodeResult, Scorecard, Status
from perfscore._core.tracedinputs import traced_inputs
from perfscore._core.units import Quantity
from perfscore._core.wording import PercentNumbers
from perfscore._text.problems import problem
from perfscore.rules.base import FigureProblem, MissingFigure, Step, rule_text, step
from perfscore.rules.composite import NotApplicable

_EMPTY = IndicatorFigures(id="")


class _View:
    """The figures one rule may read, at one weight; records what it reads."""

    __slots__ = ("_amounts", "_figures", "_reads", "weight")

    def __init__(self, figures: IndicatorFigures, amounts: Figures, weight: Decimal, reads: list[str]) -> None:
        self._figures = figures
        self._amounts = amounts
        self.weight = weight
        self._reads = reads

    def get(self, key: str) -> object | None:
        value = self._figures.values.get(key)
        if value is not None:
            self._reads.append(key)
        return value

    def amount(self, name: str) -> Quantity | None:
        value = self._amounts.amounts.get(name)
        if value is not None:
            self._reads.append("@" + name)
        return value

    def with_weight(self, weight: Decimal) -> _View:
        return _View(self._figures, self._amounts, weight, self._reads)


@attrs.frozen(kw_only=True)
class _Context:
    pack: Pack
    figures: Figures
    sink: DiagnosticSink
    dropped: frozenset[str]
    percent_numbers: PercentNumbers | None = None


@own_context
def score(pack: Pack, figures: Figures) -> Scorecard:
    """Score ``figures`` under ``pack``; raise :class:`FiguresError` if a figure is unusable."""
    if pack.template:
        raise UsageError([diagnostic("PACK_TEMPLATE", id=pack.id)])
    sink = DiagnosticSink()
    check_figures(pack, figures, sink)
    dropped = frozenset(_dropped(pack.children, figures))
    declared = figures.percent_numbers or pack.percent_numbers
    ctx = _Context(pack=pack, figures=figures, sink=sink, dropped=dropped, percent_numbers=declared)
    children, maximum = _level(ctx, pack.children, (), pack.total, scale=Decimal(1))
    sink.raise_if_errors(FiguresError)
    known = _all_scored(children)
    low = total(child.low for child in children)
    high = total(child.high for child in children)
    raw_total = total(child.score or ZERO for child in children) if known else None
    rescaled_from = None
    if pack.redistribution is Redistribution.TOTAL and ZERO < maximum < pack.total:
        factor = div(pack.total, maximum)
        rescaled_from = raw_total
        raw_total = None if raw_total is None else pack.rounding.apply(mul(raw_total, factor))
        low, high = pack.rounding.apply(mul(low, factor)), pack.rounding.apply(mul(high, factor))
    grade = pack.grade_of(raw_total) if raw_total is not None else None
    possible = (grade,) if grade else pack.grades_possible(low, high)
    diagnostics: list[Diagnostic] = list(sink.items)
    diagnostics.extend(sum_check_warnings(figures))
    card = Scorecard(
        pack_id=pack.id,
        pack_version=pack.version,
        pack_title=pack.title,
        language=pack.language,
        decimals=pack.rounding.decimals,
        department=figures.department,
        year=figures.year,
        total=raw_total,
        low=raw_total if raw_total is not None else low,
        high=raw_total if raw_total is not None else high,
        max=pack.total,
        grade=grade,
        grades_possible=possible,
        children=children,
        rescaled_from=rescaled_from,
        pack_file=pack.file,
        figures_file=figures.file,
        max_location=pack.total_location,
    )
    diagnostics.extend(result_notes(pack, card))
    diagnostics.extend(reconcile(pack, figures, card))
    return attrs.evolve(card, diagnostics=tuple(diagnostics))


def _dropped(children: Iterable[Node], figures: Figures) -> Iterator[str]:
    for node in children:
        if isinstance(node, Group):
            yield from _dropped(node.children, figures)
            continue
        entry = figures.indicator(node.id)
        if isinstance(node.rule, NotApplicable) or (entry is not None and entry.not_applicable):
            yield node.id


def _applicable(node: Node, dropped: frozenset[str]) -> bool:
    if isinstance(node, Group):
        return any(_applicable(child, dropped) for child in node.children)
    return node.id not in dropped


def _level(
    ctx: _Context,
    children: tuple[Node, ...],
    parents: tuple[str, ...],
    space: Decimal,
    *,
    scale: Decimal,
) -> tuple[tuple[NodeResult, ...], Decimal]:
    """Results for one level; ``space`` is what the level's weights add up to; returns (results, max points)."""
    live = [node for node in children if _applicable(node, ctx.dropped)]
    share = ONE  # redistribution: multiply by space first, divide last, so 7.5 × 30 ÷ 22.5 is exactly 10
    if ctx.pack.redistribution is Redistribution.PARENT and live and len(live) != len(children):
        nominal_live = total(node.weight for node in live)
        if nominal_live:
            scale, share = mul(scale, space), nominal_live
    results: list[NodeResult] = []
    maximum = ZERO
    for node in children:
        path = (*parents, node.id)
        if not _applicable(node, ctx.dropped):
            results.append(_dropped_result(ctx, node, path))
            continue
        weight = div(mul(node.weight, scale), share)
        if isinstance(node, Group):
            group_result, node_max = _group(ctx, node, path, weight)
            results.append(group_result)
        else:
            results.append(_indicator(ctx, node, path, weight))
            node_max = weight
        maximum += node_max
    return tuple(results), maximum


def _group(ctx: _Context, group: Group, path: tuple[str, ...], weight: Decimal) -> tuple[GroupResult, Decimal]:
    percent = group.aggregation is Aggregation.PERCENT
    space = HUNDRED if percent else group.weight
    inner_scale = Decimal(1) if percent else div(weight, group.weight)
    children, inner_max = _level(ctx, group.children, path, space, scale=inner_scale)
    known = _all_scored(children)
    subtotal = total(child.score or ZERO for child in children) if known else None
    low, high = total(child.low for child in children), total(child.high for child in children)
    node_max = inner_max
    if percent:
        policy = ctx.pack.rounding
        scaled = [
            None if value is None else policy.apply(div(mul(value, weight), HUNDRED)) for value in (subtotal, low, high)
        ]
        subtotal, low, high = scaled[0], scaled[1] or ZERO, scaled[2] or ZERO
        node_max = div(mul(inner_max, weight), HUNDRED)
    status = Status.SCORED if subtotal is not None else Status.PARTIAL
    result = GroupResult(
        id=group.id,
        name=group.name,
        path=path,
        weight=_shown_weight(ctx, group, weight),
        nominal_weight=group.weight,
        score=subtotal,
        low=subtotal if subtotal is not None else low,
        high=subtotal if subtotal is not None else high,
        status=status,
        children=children,
        goal=group.goal,
        aggregation=group.aggregation.value,
        assumptions=group.assumptions,
        weight_location=group.weight_location,
    )
    return result, node_max


def _all_scored(children: tuple[NodeResult, ...]) -> bool:
    """Whether every applicable child has a score (dropped ones do not count)."""
    return all(child.score is not None for child in children if child.status is not Status.NOT_APPLICABLE)


def _shown_weight(ctx: _Context, node: Node, weight: Decimal) -> Decimal:
    """The nominal weight when unchanged; a redistributed weight rounded like a score."""
    return node.weight if weight == node.weight else ctx.pack.rounding.apply(weight)


def _dropped_result(ctx: _Context, node: Node, path: tuple[str, ...]) -> NodeResult:
    entry = ctx.figures.indicator(node.id)
    rule_reason = node.rule.reason if isinstance(node, Indicator) and isinstance(node.rule, NotApplicable) else None
    reason = (entry.not_applicable if entry is not None else None) or rule_reason or "—"
    to_parent = ctx.pack.redistribution is Redistribution.PARENT
    where_zh, where_en = problem("na.siblings" if to_parent else "na.rescaled")
    ctx.sink.add(
        diagnostic(
            "NOT_APPLICABLE",
            path=path,
            id=node.id,
            reason=reason,
            weight=plain(node.weight),
            to=where_en,
            to_zh=where_zh,
        )
    )
    if isinstance(node, Group):
        children = tuple(_dropped_result(ctx, child, (*path, child.id)) for child in node.children)
        return GroupResult(
            id=node.id,
            name=node.name,
            path=path,
            weight=ZERO,
            nominal_weight=node.weight,
            score=None,
            low=ZERO,
            high=ZERO,
            status=Status.NOT_APPLICABLE,
            children=children,
            goal=node.goal,
            weight_location=node.weight_location,
        )
    return attrs.evolve(
        _blank_result(node, path, ZERO, entry),
        status=Status.NOT_APPLICABLE,
        steps=(step("engine.dropped", reason=reason, weight=node.weight, where=where_zh),),
        reason=reason,
    )


def _blank_result(
    node: Indicator,
    path: tuple[str, ...],
    weight: Decimal,
    entry: IndicatorFigures | None,
    **found: Any,  # noqa: ANN401 - the scored fields, set at construction (one object, no evolve)
) -> IndicatorResult:
    """A result with the indicator's identity and, unless ``found`` says otherwise, no score (partial)."""
    return IndicatorResult(
        id=node.id,
        name=node.name,
        path=path,
        weight=weight,
        nominal_weight=node.weight,
        score=found.pop("score", None),
        low=found.pop("low", ZERO),
        high=found.pop("high", ZERO),
        status=found.pop("status", Status.PARTIAL),
        rule=rule_text(node.rule),
        rule_kind=node.rule.kind,
        rule_location=node.rule_location,
        evidence=entry.evidence if entry else None,
        target_text=node.target_text,
        unit=node.unit,
        assumptions=node.assumptions,
        weight_location=node.weight_location,
        **found,
    )


def _indicator(ctx: _Context, node: Indicator, path: tuple[str, ...], weight: Decimal) -> IndicatorResult:
    entry = ctx.figures.indicator(node.id) or _EMPTY
    quiet = entry.override is not None or entry.values.get("coefficient") is not None
    key = compared_key(node) or label_key(node, entry)
    written = entry.values.get(key) if key is not None else None
    scope = (ctx.pack, ctx.sink)
    if key is not None and isinstance(written, str):
        blank = _blank_result(node, path, _shown_weight(ctx, node, weight), entry)
        result = attained_result(scope, blank, node, entry, (key, written, weight), quiet=quiet)
    else:
        reading = read_percent(entry, key or "", goal(node, entry), ctx.percent_numbers)
        result = _computed(ctx, node, path, weight, reading.figures, quiet=quiet)
        if reading.other is not None and key is not None:
            aside = attrs.evolve(ctx, sink=DiagnosticSink())  # the other reading's notes are not the card's
            other = _computed(aside, node, path, weight, reading.other, quiet=True)
            result = ambiguous_result(ctx.sink, node, reading, key, (result, other))
        elif reading.declared is not None and reading.value is not None:
            shown = step("percent.declared", value=reading.value.text, reading=reading.declared.value)
            result = attrs.evolve(result, steps=(shown, *result.steps))
    if entry.values.get("coefficient") is not None:
        result = with_coefficient(scope, entry, result, weight)
    return result if entry.override is None else _overridden(ctx, entry, result, weight)


def _computed(
    ctx: _Context, node: Indicator, path: tuple[str, ...], weight: Decimal, entry: IndicatorFigures, *, quiet: bool
) -> IndicatorResult:
    """The rule's result for these figures (partial when a figure is missing)."""
    policy = ctx.pack.rounding
    shown_weight = _shown_weight(ctx, node, weight)
    reads: list[str] = []
    steps: list[Step] = []
    if weight != node.weight:
        steps.append(step("engine.redistributed", nominal=node.weight, weight=policy.apply(weight)))
    try:
        outcome = node.rule.evaluate(_View(entry, ctx.figures, weight, reads))
    except MissingFigure as gap:
        low, high = policy.apply(gap.low), policy.apply(gap.high)
        steps.append(step("engine.missing", needs=gap.needs, low=low, high=high))
        if not quiet:
            ctx.sink.add(
                diagnostic(
                    "FIGURE_MISSING",
                    location=node.location,
                    path=path,
                    id=node.id,
                    needs=gap.needs,
                    low=plain(low),
                    high=plain(high),
                )
            )
        found: dict[str, Any] = {"low": low, "high": high, "needs": gap.needs}
    except FigureProblem as problem:
        location = entry.location_of(problem.figure) if entry.id else node.location
        ctx.sink.add(
            diagnostic(
                problem.code,
                location=location,
                path=path,
                expected=problem.expected,
                got=problem.got,
                **{"id": node.id, **problem.params},
            )
        )
        return _blank_result(node, path, shown_weight, entry)
    except ParseError as problem:  # a formula these figures cannot evaluate (division by zero, too large)
        ctx.sink.extend(attrs.evolve(item, location=node.rule_location, path=path) for item in problem.diagnostics)
        return _blank_result(node, path, shown_weight, entry)
    else:
        points = policy.apply(outcome.points)
        steps.extend(outcome.steps)
        if points != outcome.points:
            steps.append(step("engine.rounded", decimals=policy.decimals, raw=outcome.points, points=points))
        if outcome.notes:
            ctx.sink.extend(
                diagnostic(n.code, location=node.location, path=path, id=node.id, **dict(n.params))
                for n in outcome.notes
            )
        reason = entry.values.get("reason")
        found = {
            "score": points,
            "low": points,
            "high": points,
            "status": Status.SCORED,
            "deductions": outcome.deductions,
            "level": outcome.level,
            "measures": outcome.measures,
            "reason": reason if isinstance(reason, str) else None,
        }
    inputs = traced_inputs(reads, entry, ctx.figures)
    return _blank_result(node, path, shown_weight, entry, steps=tuple(steps), inputs=inputs, **found)


def _overridden(ctx: _Context, entry: IndicatorFigures, result: IndicatorResult, weight: Decimal) -> IndicatorResult:
    """Replace a computed (or missing) score by the assessor's, keeping the computed one."""
    override = entry.override
    assert override is not None  # noqa: S101 - checked by the caller
    if override.score < ZERO or override.score > weight:
        ctx.sink.add(
            diagnostic(
                "FIGURE_SCORE_RANGE",
                location=override.location,
                path=result.path,
                id=entry.id,
                score=plain(override.score),
                weight=plain(weight),
                expected=f"0–{plain(weight)}",
                got=plain(override.score),
            )
        )
    points = ctx.pack.rounding.apply(override.score)
    computed = result.score
    shown = "—" if computed is None else plain(computed)
    ctx.sink.add(
        diagnostic(
            "SCORE_OVERRIDDEN",
            location=override.location,
            path=result.path,
            id=entry.id,
            computed=shown,
            score=plain(points),
            reason=override.reason,
        )
    )
    steps = (*result.steps, step("engine.override", computed=shown, points=points, reason=override.reason))
    given = Input(name="override", shown=plain(override.score), location=override.location)
    return attrs.evolve(
        result,
        inputs=(*result.inputs, given),
        score=points,
        low=points,
        high=points,
        status=Status.OVERRIDDEN,
        computed=computed,
        reason=override.reason,
        steps=steps,
    )
