"""What sensitivity analysis holds fixed, and what it lets move, for each department.

A department's score is Σ weightᵢ × achievementᵢ, where the achievement is the
indicator's score as a fraction of its weight. Weights move (perturbed, then
renormalised); achievements of computed rules — positive, reverse, bands, checklists,
budget execution — are fractions of the weight by construction and stay put; an
assessor's qualitative judgement moves within the band of its level. So each
department is described by, per indicator: ``low`` (the achievement, or the bottom of
the judgement's band) and ``span`` (0, or the band's width). A judgement the figures do
not give at all (Baiyun's 年度目标) spans what the rule still allows — the whole weight
when neither level nor score is known.

Indicators scored by rules that are not proportional to the weight (deductions,
formulas, manual scores, overrides) keep their achievement too; the report names them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

import attrs

from perfscore._core.decimals import own_context
from perfscore._core.model import Indicator, Pack
from perfscore._core.scorecard import IndicatorResult, Scorecard, Status
from perfscore.rules.judgement import Qualitative
from perfscore.rules.kinds import DEFAULT_REGISTRY

PROPORTIONAL = frozenset(kind.name for kind in DEFAULT_REGISTRY.kinds.values() if kind.proportional)
"""Kinds whose points are a fraction of the weight by construction (the registry says which)."""


@attrs.frozen(kw_only=True)
class Department:
    """One department as the analysis sees it."""

    name: str
    base_total: Decimal | None  # the exact total (None when partial)
    base_grade: str | None
    low: tuple[float, ...]  # per indicator, pack order
    span: tuple[float, ...]
    achieved: tuple[float, ...]  # the achievement as scored (the middle of the range when not given)
    dropped: frozenset[str]  # indicators that do not apply (their weight goes to their siblings)
    spanned: tuple[str, ...]  # judgements sampled over a band, or over the whole weight when not given
    unknown: tuple[str, ...]  # judgements the figures do not give: sampled over all the rule allows
    held: tuple[str, ...]  # indicators whose achievement is held fixed though their rule is not proportional
    problem: str | None = None  # why the department cannot be analysed


@attrs.frozen(kw_only=True)
class Tree:
    """The pack's indicator tree as parent links, for renormalising perturbed weights level by level."""

    ids: tuple[str, ...]  # every node, pack order
    parents: tuple[int, ...]  # index of each node's parent, -1 at the top
    weights: tuple[float, ...]  # nominal weights
    leaves: tuple[int, ...]  # node index of each indicator, pack order
    total: float
    judged: tuple[int, ...]  # indicators (by position) whose rule is a qualitative judgement


def tree_of(pack: Pack) -> Tree:
    """The parent links of ``pack``'s tree."""
    ids: list[str] = []
    parents: list[int] = []
    weights: list[float] = []
    leaves: list[int] = []
    index: dict[str, int] = {}
    for path, node in pack.walk():
        index[node.id] = len(ids)
        ids.append(node.id)
        parents.append(index[path[-1]] if path else -1)
        weights.append(float(node.weight))
        if isinstance(node, Indicator):
            leaves.append(len(ids) - 1)
    indicators = pack.indicators()
    judged = tuple(j for j, leaf in enumerate(indicators) if isinstance(leaf.rule, Qualitative))
    return Tree(
        ids=tuple(ids),
        parents=tuple(parents),
        weights=tuple(weights),
        leaves=tuple(leaves),
        total=float(pack.total),
        judged=judged,
    )


def from_scorecard(pack: Pack, card: Scorecard, name: str) -> Department:
    """A department from its exact scorecard."""
    results = {result.id: result for result in card.indicators()}
    low: list[float] = []
    span: list[float] = []
    achieved: list[float] = []
    dropped: set[str] = set()
    spanned: list[str] = []
    unknown: list[str] = []
    held: list[str] = []
    missing: list[str] = []
    for indicator in pack.indicators():
        result = results[indicator.id]
        bottom, width = _achievement(indicator, result)
        if result.status is Status.NOT_APPLICABLE:
            dropped.add(indicator.id)
        elif bottom is None:
            missing.append(indicator.id)
        else:
            if width:
                spanned.append(indicator.id)
            if result.status is Status.PARTIAL:
                unknown.append(indicator.id)
            if result.status is Status.OVERRIDDEN or indicator.rule.kind not in PROPORTIONAL:
                held.append(indicator.id)
        low.append(bottom or 0.0)
        span.append(width)
        achieved.append(_scored(result) if result.status is not Status.PARTIAL else (bottom or 0.0) + width / 2)
    problem = None
    if missing:
        problem = "figures are missing for " + ", ".join(missing) + " (not judgements, so not sampled)"
    return Department(
        name=name,
        base_total=card.total,
        base_grade=card.grade,
        low=tuple(low),
        span=tuple(span),
        achieved=tuple(achieved),
        dropped=frozenset(dropped),
        spanned=tuple(spanned),
        unknown=tuple(unknown),
        held=tuple(held),
        problem=problem,
    )


def _achievement(indicator: Indicator, result: IndicatorResult) -> tuple[float | None, float]:
    """(bottom, width) of the indicator's achievement; bottom None when it cannot be known."""
    weight = result.weight
    if result.status is Status.NOT_APPLICABLE or not weight:
        return 0.0, 0.0
    rule = indicator.rule
    if result.status is Status.PARTIAL:
        if not isinstance(rule, Qualitative):
            return None, 0.0
        return float(result.low / weight), float((result.high - result.low) / weight)
    assert result.score is not None  # noqa: S101 - scored and overridden results have a score
    if isinstance(rule, Qualitative) and result.status is Status.SCORED and result.level is not None:
        level = rule.scale.find(result.level)
        if level is not None:
            return float(level.low), float(level.high - level.low)
    return float(result.score / weight), 0.0


def _scored(result: IndicatorResult) -> float:
    """The achievement a scored result has (0 for a dropped one)."""
    if result.score is None or not result.weight:
        return 0.0
    return float(result.score / result.weight)


@own_context
def departments(pack: Pack, cards: Iterable[tuple[str, Scorecard]]) -> tuple[Department, ...]:
    """Departments from (name, scorecard) pairs."""
    return tuple(from_scorecard(pack, card, name) for name, card in cards)


def from_scores(
    pack: Pack,
    name: str,
    scores: Sequence[Decimal],
    levels: Sequence[str | None],
    total: Decimal | None,
    grade: str | None,
) -> Department:
    """A department every indicator of which is scored (as the compiled batch keeps them).

    A qualitative indicator's band is that of the level given, or else of the level its
    score falls in (as the rule infers it).
    """
    low: list[float] = []
    span: list[float] = []
    achieved: list[float] = []
    held: list[str] = []
    spanned: list[str] = []
    for indicator, score, given in zip(pack.indicators(), scores, levels, strict=True):
        fraction = score / indicator.weight if indicator.weight else Decimal(0)
        achieved.append(float(fraction))
        rule = indicator.rule
        level = None
        if isinstance(rule, Qualitative):
            level = rule.scale.find(given) if given is not None else rule.scale.level_of(fraction)
        if level is not None:
            low.append(float(level.low))
            span.append(float(level.high - level.low))
            spanned.append(indicator.id)
        else:
            low.append(float(fraction))
            span.append(0.0)
        if rule.kind not in PROPORTIONAL:
            held.append(indicator.id)
    return Department(
        name=name,
        base_total=total,
        base_grade=grade,
        low=tuple(low),
        span=tuple(span),
        achieved=tuple(achieved),
        dropped=frozenset(),
        spanned=tuple(spanned),
        unknown=(),
        held=tuple(held),
    )
