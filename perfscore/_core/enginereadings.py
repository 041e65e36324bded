"""What the engine does with figures written as tables print them: words, fractions, coefficients, overrides.

Kept beside :mod:`perfscore._core.engine` so that the engine's walk stays one job:

- a 完成值 written in words (完成, 未完成, or the target's own text) scores full marks or
  0 by the pack's attainment vocabulary (:mod:`perfscore._core.wording`), or is a
  located ``FIGURE_ATTAINMENT`` error whose hint shows the vocabulary and ``override``;
- an undeclared bare number in (0, 1] against a percent target keeps the range
  between its two readings, with ``FIGURE_PERCENT_AMBIGUOUS`` (:mod:`perfscore._core.readings`);
- a printed 得分系数 (``coefficient``) is coefficient × weight, rounded by the pack,
  and checked against the rule's own score;
- an assessor's ``override`` replaces the computed score, which the result keeps.
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from perfscore._core.decimals import ZERO, mul, plain
from perfscore._core.diagnostics import DiagnosticSink, diagnostic
from perfscore._core.figures import IndicatorFigures
from perfscore._core.model import Indicator, Pack
from perfscore._core.readings import PercentReading, coefficient_of, readings_shown
from perfscore._core.scorecard import IndicatorResult, Input, Status
from perfscore._core.targets import Op
from perfscore._core.units import Quantity
from perfscore._core.wording import attained
from perfscore._text.problems import problem
from perfscore.rules.base import Rule, rule_fact, step


def compared_key(node: Indicator) -> str | None:
    """The figure a rule compares with a number (``actual`` unless the rule says ``of``), if it reads one."""
    found: str | None = rule_fact(node.rule, "compared_key", _compared_key)
    return found


def _compared_key(rule: Rule) -> str | None:
    key = getattr(rule, "of", "actual")
    return key if isinstance(key, str) and key in rule.reads() else None


def label_key(node: Indicator, entry: IndicatorFigures) -> str | None:
    """``actual`` when a label target (达成, 有效) is answered in words and no level or score is given."""
    if node.target is None or node.target.op is not Op.LABEL:
        return None
    if not isinstance(entry.values.get("actual"), str) or "level" in entry.values or "score" in entry.values:
        return None
    return "actual"


def goal(node: Indicator, entry: IndicatorFigures) -> Quantity | None:
    """The target a bare number is compared with: the rule's, the indicator's, or the figures'."""
    target = getattr(node.rule, "target", None) or node.target
    quantity = getattr(target, "quantity", None)
    if isinstance(quantity, Quantity):
        return quantity
    given = entry.values.get("target")
    return given if isinstance(given, Quantity) else None


def attained_result(
    scope: tuple[Pack, DiagnosticSink],
    result: IndicatorResult,
    node: Indicator,
    entry: IndicatorFigures,
    written: tuple[str, str, Decimal],
    *,
    quiet: bool,
) -> IndicatorResult:
    """A 完成值 written as words: met is full marks, not met is 0; anything else is an error.

    ``result`` is the indicator's blank result; ``written`` is the figure's key, its text and the weight.
    """
    pack, sink = scope
    key, text, weight = written
    path = result.path
    verdict = attained(text, node.target_text, pack.attainment)
    given = Input(name=key, shown=text, location=entry.location_of(key))
    if verdict is None:
        if not quiet:
            vocabulary = pack.attainment
            sink.add(
                diagnostic(
                    "FIGURE_ATTAINMENT",
                    location=entry.location_of(key),
                    path=path,
                    id=node.id,
                    text=text,
                    target=node.target_text or "—",
                    vocabulary=vocabulary.shown(),
                    vocabulary_zh=vocabulary.shown_zh(),
                )
            )
        return attrs.evolve(result, high=pack.rounding.apply(weight), needs=key, inputs=(given,))
    points = pack.rounding.apply(weight) if verdict else ZERO
    said = step("attainment.met" if verdict else "attainment.not_met", text=text, weight=points)
    reason = entry.values.get("reason")
    return attrs.evolve(
        result,
        score=points,
        low=points,
        high=points,
        status=Status.SCORED,
        steps=(said,),
        inputs=(given,),
        reason=reason if isinstance(reason, str) else None,
    )


def ambiguous_result(
    sink: DiagnosticSink,
    node: Indicator,
    reading: PercentReading,
    key: str,
    results: tuple[IndicatorResult, IndicatorResult],
) -> IndicatorResult:
    """A bare number in (0, 1] against a percent target, undeclared: both readings, a warning, never a guess.

    ``results`` are the indicator scored with the number as written and as a fraction of 100%.
    """
    result, other = results
    path = result.path
    assert reading.value is not None  # noqa: S101 - set with other
    points, fraction = readings_shown(reading.value)
    first, second = result.score, other.score
    if first is None or second is None or first == second:
        shown = "—" if first is None else plain(first)
        outcome_zh, outcome = problem("percent.same", shown=shown)
    else:
        low, high = min(first, second), max(first, second)
        outcome_zh, outcome = problem("percent.range", low=plain(low), high=plain(high))
        said = step("percent.ambiguous", value=reading.value.text, points=points, fraction=fraction, low=low, high=high)
        result = attrs.evolve(
            result,
            score=None,
            low=low,
            high=high,
            status=Status.PARTIAL,
            needs="percent_numbers",
            steps=(*result.steps, said),
        )
    target = goal(node, reading.figures)
    sink.add(
        diagnostic(
            "FIGURE_PERCENT_AMBIGUOUS",
            location=reading.figures.location_of(key),
            path=path,
            id=node.id,
            value=reading.value.text,
            target=node.target_text or (str(target) if target is not None else "—"),
            points=points,
            fraction=fraction,
            outcome=outcome,
            outcome_zh=outcome_zh,
        )
    )
    return result


def with_coefficient(
    scope: tuple[Pack, DiagnosticSink], entry: IndicatorFigures, result: IndicatorResult, weight: Decimal
) -> IndicatorResult:
    """得分系数: the printed coefficient times the weight is the score, checked against the rule's."""
    raw = entry.values.get("coefficient")
    pack, sink = scope
    share = coefficient_of(raw)
    shown = raw.text if isinstance(raw, Quantity) else str(raw)
    if share is None:
        sink.add(
            diagnostic(
                "FIGURE_COEFFICIENT",
                location=entry.location_of("coefficient"),
                path=result.path,
                id=entry.id,
                text=shown,
            )
        )
        return result
    points = pack.rounding.apply(mul(share, weight))
    computed = result.score
    if computed is not None and computed != points:
        sink.add(
            diagnostic(
                "SCORE_COEFFICIENT_DIFFERS",
                location=entry.location_of("coefficient"),
                path=result.path,
                id=entry.id,
                coefficient=shown,
                score=plain(points),
                computed=plain(computed),
            )
        )
    said = step("engine.coefficient", coefficient=shown, weight=weight, points=points)
    given = Input(name="coefficient", shown=shown, location=entry.location_of("coefficient"))
    return attrs.evolve(
        result,
        score=points,
        low=points,
        high=points,
        status=Status.SCORED,
        computed=computed,
        steps=(*result.steps, said),
        inputs=(*result.inputs, given),
    )


def overridden_result(
    scope: tuple[Pack, DiagnosticSink], entry: IndicatorFigures, result: IndicatorResult, weight: Decimal
) -> IndicatorResult:
    """Replace a computed (or missing) score by the assessor's, keeping the computed one."""
    pack, sink = scope
    override = entry.override
    assert override is not None  # noqa: S101 - checked by the caller
    if override.score < ZERO or override.score > weight:
        sink.add(
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
    points = pack.rounding.apply(override.score)
    computed = result.score
    shown = "—" if computed is None else plain(computed)
    sink.add(
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
