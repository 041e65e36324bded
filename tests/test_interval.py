"""Interval targets (90%-100%, 1-3次, 不低于90%且不高于100%) and the `interval` rule kind."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import perfscore
from perfscore._core.diagnostics import ParseError
from perfscore._core.targets import parse_target
from perfscore.rules.interval import IntervalRule, Side, interval_points

PACK = """\
id: p
title: P
version: '1'
source: s
total: 10
indicators:
  - {{id: a, name: A, weight: 10, target: "{target}"{rule}}}
"""


def _score(target: str, actual: str, rule: str = "") -> perfscore.Scorecard:
    pack = perfscore.load_pack_text(PACK.format(target=target, rule=f", rule: {rule}" if rule else ""))
    return perfscore.score(pack, perfscore.figures_from_mapping({"indicators": {"a": {"actual": actual}}}))


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        ("90%-100%", "90", "100", "%"),
        ("90%~100%", "90", "100", "%"),
        ("９０％～１００％", "90", "100", "%"),
        ("90-100%", "90", "100", "%"),
        ("1-3次", "1", "3", "次"),
        ("1次至3次", "1", "3", "次"),
        ("不低于90%且不高于100%", "90", "100", "%"),
        ("不高于100%且不低于90%", "90", "100", "%"),
        ("5-5个", "5", "5", "个"),
    ],
)
def test_ranges_parse_into_interval_targets(text: str, low: str, high: str, unit: str) -> None:
    """Each way tables write a range reads as both bounds, inclusive, in one unit."""
    target = parse_target(text)
    assert target.shape == "range"
    assert target.number is None  # no single number for comparison rules to use
    assert target.quantity is not None
    assert target.high is not None
    assert (target.quantity.value, target.high.value) == (Decimal(low), Decimal(high))
    assert target.quantity.unit == target.high.unit
    assert target.high.unit is not None
    assert target.high.unit.symbol == unit
    assert repr(target) == f"Target({text!r})"


@pytest.mark.parametrize("text", ["≥95%", "1,234.5万元", "不低于90%", "2天以内", "达成"])
def test_single_bounds_and_labels_are_not_ranges(text: str) -> None:
    """A one-sided target (even with a thousands comma) and a label keep their shapes."""
    assert parse_target(text).shape != "range"


@pytest.mark.parametrize(
    ("target", "actual", "points"),
    [
        ("90%-100%", "95%", "10"),
        ("90%-100%", "90%", "10"),  # bounds included
        ("90%-100%", "100%", "10"),
        ("90%-100%", "81%", "9"),  # below: positive, 81 ÷ 90 × 10
        ("90%-100%", "125%", "8"),  # above: reverse, 100 ÷ 125 × 10
        ("1-3次", "0次", "0"),
        ("1-4次", "8次", "5"),
    ],
)
def test_inferred_interval_rule_scores_inside_and_either_side(target: str, actual: str, points: str) -> None:
    """A range target with no rule is an interval rule: full inside, positive below, reverse above."""
    card = _score(target, actual)
    assert card["a"].score == Decimal(points)


@pytest.mark.parametrize(
    ("rule", "actual", "points"),
    [
        ("{kind: interval, below: zero}", "81%", "0"),
        ("{kind: interval, above: zero}", "125%", "0"),
        ("{kind: interval, above: positive}", "125%", "10"),
        ("{kind: interval, below: reverse}", "81%", "10"),
    ],
)
def test_each_side_is_scored_as_declared(rule: str, actual: str, points: str) -> None:
    """below/above choose the formula against the nearer bound: positive, reverse or zero."""
    assert _score("90%-100%", actual, rule)["a"].score == Decimal(points)


def test_the_explanation_says_which_bound_and_formula_in_both_languages() -> None:
    """Step by step: where the actual lies, which bound, then that side's own formula."""
    card = _score("90%-100%", "81%")
    zh = card.explain("a", lang="zh")
    en = card.explain("a", lang="en")
    assert "完成值 81% 低于区间 [90%, 100%] → 按下限 90% 计分" in zh
    assert "81 ÷ 90 × 10 = 9" in zh
    assert "actual 81% is below [90%, 100%] → scored against the lower bound 90%" in en
    inside = _score("90%-100%", "95%").explain("a", lang="en")
    assert "actual 95% is within [90%, 100%] → full marks 10" in inside


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        ("{kind: interval, below: sideways}", "below must be 'positive' or 'reverse' or 'zero'"),
        ("{kind: positive}", "the target '90%-100%' is a range; this rule needs a number"),
    ],
)
def test_wrong_options_and_wrong_targets_are_located_errors(rule: str, words: str) -> None:
    """An unknown side, or a comparison rule given a range, is a pack error at the rule."""
    with pytest.raises(perfscore.PackError) as caught:
        _score("90%-100%", "95%", rule)
    assert words in str(caught.value)


def test_an_interval_range_is_written_in_the_pack_not_read_from_figures() -> None:
    """`target: figures` cannot give a range (figures hold numbers), so the pack is refused where it says so."""
    text = PACK.format(target="90%-100%", rule="").replace(
        'target: "90%-100%"', "rule: {kind: interval, target: figures}"
    )
    with pytest.raises(perfscore.PackError, match="needs a range written in the pack"):
        perfscore.load_pack_text(text)


def test_interval_needs_a_range_target() -> None:
    """An interval rule on a single-number target says it needs a range, from YAML and from Python."""
    with pytest.raises(perfscore.PackError) as caught:
        _score("≥90%", "95%", "interval")
    assert "this rule needs a range" in str(caught.value)
    with pytest.raises(perfscore.PerfscoreError, match="not a range"):
        IntervalRule(target="≥90%")


@pytest.mark.parametrize("text", ["100%-90%", "≥90%-100%", "1天-3个月", "高于90%且低于100%"])
def test_malformed_ranges_are_target_errors(text: str) -> None:
    """Bounds out of order, a sign before a range, mixed units, strict bounds: TARGET_UNPARSEABLE."""
    with pytest.raises(ParseError) as caught:
        parse_target(text)
    assert caught.value.codes == ("TARGET_UNPARSEABLE",)


def test_interval_round_trips_through_dump_and_schema() -> None:
    """The dump writes the interval rule with its options, and it loads back the same."""
    from perfscore._packs.dump import dump_pack, same_pack  # noqa: PLC0415 - the pack layer under test

    pack = perfscore.load_pack_text(PACK.format(target="1-3次", rule=", rule: {kind: interval, below: zero}"))
    text = dump_pack(pack)
    assert "below: zero" in text
    assert same_pack(pack, perfscore.load_pack_text(text))


@given(
    low=st.integers(0, 1000),
    span=st.integers(0, 1000),
    actual=st.integers(-100, 3000),
    below=st.sampled_from(list(Side)),
    above=st.sampled_from(list(Side)),
)
def test_points_are_full_inside_and_never_outside_zero_to_weight(
    low: int, span: int, actual: int, below: Side, above: Side
) -> None:
    """Inside (bounds included) is full marks; outside is within [0, weight] and never more than inside."""
    weight = Decimal(10)
    where, _, points = interval_points(Decimal(actual), Decimal(low), Decimal(low + span), weight, below, above)
    assert (where == "inside") == (low <= actual <= low + span)
    assert Decimal(0) <= points <= weight
    if where == "inside":
        assert points == weight
