"""Properties that must hold for any inputs: bounds, monotonicity, validation, exactness, order."""

from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from ruleview import StubView
from strategies import all_nodes, any_rules, figures_for, pack_text, pack_trees, tree_total

import perfscore
from perfscore._core.model import ReverseVariant
from perfscore.rules.base import FigureProblem, MissingFigure, Rule

weights = st.integers(1, 400).map(lambda n: Decimal(n) / 4)
amounts = st.decimals(min_value=-50, max_value=10_000, places=2, allow_nan=False, allow_infinity=False)
targets = st.decimals(min_value=0, max_value=5_000, places=2, allow_nan=False, allow_infinity=False)


@given(
    rule=any_rules(),
    weight=weights,
    actual=amounts,
    target=targets,
    score=st.decimals(0, 400, places=2),
    level=st.sampled_from(["达成", "部分达成", "未达成", None]),
    count=st.integers(0, 50),
    yes=st.booleans(),
    executed=amounts,
    budget=targets,
)
def test_every_rule_scores_within_zero_and_weight(
    rule: Rule,
    weight: Decimal,
    actual: Decimal,
    target: Decimal,
    score: Decimal,
    level: str | None,
    count: int,
    yes: bool,  # noqa: FBT001 - drawn by Hypothesis
    executed: Decimal,
    budget: Decimal,
) -> None:
    """For every rule kind and any figures, 0 ≤ points ≤ weight (or a missing/invalid figure is reported)."""
    figures: dict[str, object] = {
        "actual": actual,
        "target": target,
        "score": min(score, weight),
        "reason": "r",
        "count": count,
        "items": {"a": yes, "b": not yes},
    }
    if level is not None:
        figures["level"] = level
    view = StubView(weight, amounts={"budget.executed": executed, "budget.adjusted": budget}, **figures)
    try:
        outcome = rule.evaluate(view)
    except (MissingFigure, FigureProblem, perfscore.PerfscoreError):
        return
    assert Decimal(0) <= outcome.points <= weight


@given(target=targets.filter(lambda t: t > 0), low=amounts, high=amounts, weight=weights)
def test_positive_never_falls_as_actual_rises(target: Decimal, low: Decimal, high: Decimal, weight: Decimal) -> None:
    """正向: a higher actual never scores less."""
    low, high = min(low, high), max(low, high)
    rule = perfscore.positive(f"≥{target}")
    assert rule.evaluate(StubView(weight, actual=low)).points <= rule.evaluate(StubView(weight, actual=high)).points


@given(
    target=targets.filter(lambda t: t > 0),
    low=amounts,
    high=amounts,
    weight=weights,
    variant=st.sampled_from(list(ReverseVariant)),
)
def test_reverse_never_rises_as_actual_rises(
    target: Decimal, low: Decimal, high: Decimal, weight: Decimal, variant: ReverseVariant
) -> None:
    """反向: a higher actual never scores more."""
    low, high = min(low, high), max(low, high)
    rule = perfscore.reverse(f"≤{target}", variant=variant)
    assert rule.evaluate(StubView(weight, actual=low)).points >= rule.evaluate(StubView(weight, actual=high)).points


@given(tree=pack_trees(), data=st.data())
def test_any_change_to_one_weight_is_caught(tree: list[dict[str, object]], data: st.DataObject) -> None:
    """Changing one weight of a valid pack (keeping the total) is reported as WEIGHT_SUM."""
    total = tree_total(tree)
    perfscore.load_pack_text(pack_text(tree, total))
    nodes = all_nodes(tree)
    node = data.draw(st.sampled_from(nodes))
    delta = data.draw(st.sampled_from([Decimal("0.5"), Decimal(1), Decimal("-0.25")]))
    changed = Decimal(str(node["weight"])) + delta
    assume(changed > 0)
    node["weight"] = str(changed)
    with pytest.raises(perfscore.PackError) as caught:
        perfscore.load_pack_text(pack_text(tree, total))
    assert "WEIGHT_SUM" in caught.value.codes


@given(tree=pack_trees(), data=st.data())
def test_total_is_the_sum_of_subtotals(tree: list[dict[str, object]], data: st.DataObject) -> None:
    """The total equals the sum of the top-level subtotals, and each group the sum of its children."""
    pack = perfscore.load_pack_text(pack_text(tree))
    card = perfscore.score(pack, perfscore.figures_from_mapping(data.draw(figures_for(tree))))
    assert card.total == sum((child.score for child in card.children), Decimal(0))  # type: ignore[misc]
    for group in card.groups():
        assert group.score == sum((child.score for child in group.children), Decimal(0))  # type: ignore[misc]
    assert Decimal(0) <= card.total <= card.max  # type: ignore[operator]


@given(tree=pack_trees(), data=st.data(), seed=st.integers(0, 2**32))
def test_results_do_not_depend_on_order(tree: list[dict[str, object]], data: st.DataObject, seed: int) -> None:
    """Shuffling the order of indicators and of figure keys changes no score and not the total."""
    figures = data.draw(figures_for(tree))
    first = perfscore.score(perfscore.load_pack_text(pack_text(tree)), perfscore.figures_from_mapping(figures))
    shuffler = random.Random(seed)  # noqa: S311 - shuffling test data, not cryptography
    _shuffle(tree, shuffler)
    items = list(figures["indicators"].items())  # type: ignore[attr-defined]
    shuffler.shuffle(items)
    second = perfscore.score(
        perfscore.load_pack_text(pack_text(tree)), perfscore.figures_from_mapping({"indicators": dict(items)})
    )
    assert first.total == second.total
    assert {r.id: r.score for r in first.walk()} == {r.id: r.score for r in second.walk()}


@given(st.decimals(min_value=-1000, max_value=1000, places=6, allow_nan=False, allow_infinity=False), st.integers(0, 4))
def test_rounding_is_half_up_at_the_packs_decimals(value: Decimal, places: int) -> None:
    """Leaf rounding is 四舍五入 (half away from zero), checked against exact fractions."""
    exact = Fraction(value) * 10**places
    magnitude = abs(exact)
    rounded = int(magnitude) + (1 if magnitude - int(magnitude) >= Fraction(1, 2) else 0)
    expected = Fraction(rounded if exact >= 0 else -rounded, 10**places)
    assert Fraction(perfscore.RoundingPolicy(decimals=places).apply(value)) == expected


def test_rounding_examples() -> None:
    """2.675 → 2.68 and 0.125 → 0.13, unlike Python's round (banker's rounding on floats)."""
    policy = perfscore.RoundingPolicy()
    assert policy.apply(Decimal("2.675")) == Decimal("2.68")
    assert policy.apply(Decimal("0.125")) == Decimal("0.13")
    assert policy.apply(Decimal("-0.125")) == Decimal("-0.13")
    assert Decimal("0.125").quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) == Decimal("0.13")


def _shuffle(tree: list[dict[str, object]], shuffler: random.Random) -> None:
    shuffler.shuffle(tree)
    for node in tree:
        children = node.get("children")
        if isinstance(children, list):
            _shuffle(children, shuffler)
