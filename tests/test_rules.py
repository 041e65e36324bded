"""Worked examples for every rule kind, as a finance system would compute them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from ruleview import StubView, run

import perfscore
from perfscore._core.model import national_levels
from perfscore.rules.base import FigureProblem, MissingFigure
from perfscore.rules.composite import Part
from perfscore.rules.tables import Band, ChecklistItem

D = Decimal


@pytest.mark.parametrize(
    ("target", "actual", "weight", "points"),
    [
        ("≥100场", "103场", 1, "1"),
        ("≥100场", "80场", 1, "0.8"),
        ("≥95%", "90%", 5, "4.74"),
        ("≧90%", "0%", 2, "0"),
        ("100%", "100%", 2, "2"),
        ("≥0", "5", 3, "3"),
        ("≥202.6万元", "2026000元", 4, "4"),
    ],
)
def test_positive(target: str, actual: str, weight: int, points: object) -> None:
    """正向: full at or above the target, else actual ÷ target × weight (rounded 四舍五入)."""
    outcome = run(perfscore.positive(target), weight, actual=actual)
    assert perfscore.RoundingPolicy().apply(outcome.points) == D(points)


@pytest.mark.parametrize(
    ("variant", "actual", "points"),
    [
        ("ratio", "5", "2"),
        ("ratio", "10", "1"),
        ("ratio", "0", "2"),
        ("linear", "5", "2"),
        ("linear", "7.5", "1"),
        ("linear", "10", "0"),
        ("linear", "12", "0"),
    ],
)
def test_reverse(variant: str, actual: str, points: str) -> None:
    """反向: ratio target ÷ actual × weight, or linear falling to 0 at twice the target."""
    outcome = run(perfscore.reverse("≤5", variant=variant), 2, actual=actual)
    assert outcome.points == D(points)


@pytest.mark.parametrize(
    ("target", "actual", "points"),
    [("=8个", "8个", "3"), ("=8个", "7个", "0"), ("=0", "0", "3"), ("=0", "-1", "3"), ("=0", "1", "0")],
)
def test_equal_and_zero_target(target: str, actual: str, points: str) -> None:
    """等于: full when equal; a target of 0 means none allowed."""
    assert run(perfscore.equal(target), 3, actual=actual).points == D(points)


def test_equal_tolerance() -> None:
    """An equal rule may allow a tolerance."""
    assert run(perfscore.equal("=100", tolerance="0.5"), 1, actual="99.6").points == 1


def test_target_from_figures() -> None:
    """A rule without a target reads it from each department's figures."""
    assert run(perfscore.positive(), 2, actual="50", target="100").points == 1


def test_unit_mismatch_is_a_figure_problem() -> None:
    """An actual in 人 cannot be compared with a target in 场."""
    with pytest.raises(FigureProblem) as caught:
        run(perfscore.positive("≥100场"), 1, actual="100人")
    assert caught.value.code == "FIGURE_UNIT"


def test_missing_actual_gives_bounds() -> None:
    """A missing actual is not a zero: the rule reports the reachable range."""
    with pytest.raises(MissingFigure) as caught:
        run(perfscore.positive("≥1"), 2)
    assert (caught.value.low, caught.value.high) == (0, 2)


def test_qualitative_level_and_score() -> None:
    """定性: a score inside the level's band is accepted as it is."""
    outcome = run(perfscore.qualitative(), 20, level="部分达成", score="13")
    assert (outcome.points, outcome.level) == (13, "部分达成")


def test_qualitative_score_outside_band() -> None:
    """A score outside its level's band is an error, not silently moved."""
    with pytest.raises(FigureProblem) as caught:
        run(perfscore.qualitative(), 20, level="达成", score="15")
    assert caught.value.code == "FIGURE_OUT_OF_BAND"


def test_qualitative_edges_national() -> None:
    """80% belongs to 达成 and 60% to 部分达成 (the finance system's edges)."""
    assert run(perfscore.qualitative(), 10, score="8").level == "达成"
    assert run(perfscore.qualitative(), 10, score="6").level == "部分达成"
    assert run(perfscore.qualitative(), 10, score="5.99").level == "未达成"


def test_qualitative_level_without_score_is_partial_within_band() -> None:
    """A level without a score (and no default) leaves the band's range."""
    with pytest.raises(MissingFigure) as caught:
        run(perfscore.qualitative(), 10, level="部分达成")
    assert (caught.value.low, caught.value.high) == (6, 8)


def test_qualitative_default_applies() -> None:
    """A pack may give a level a default score."""
    levels = national_levels()
    scale = perfscore.QualitativeScale(
        levels=(
            levels.levels[0].__class__(label="达成", low=D("0.8"), high=D(1), high_inclusive=True, default=D(1)),
            *levels.levels[1:],
        )
    )
    assert run(perfscore.qualitative(scale), 4, level="达成").points == 4


def test_qualitative_unknown_level() -> None:
    """An unknown level is reported with the pack's levels."""
    with pytest.raises(FigureProblem) as caught:
        run(perfscore.qualitative(), 4, level="完成")
    assert caught.value.code == "FIGURE_LEVEL_UNKNOWN"


def test_manual_needs_reason() -> None:
    """手工评分 without a reason is refused."""
    with pytest.raises(FigureProblem) as caught:
        run(perfscore.manual(), 4, score="3")
    assert caught.value.code == "FIGURE_REASON_MISSING"
    assert run(perfscore.manual(), 4, score="3", reason="现场核查").points == 3


def test_score_above_weight_is_refused() -> None:
    """An assessor's score above the weight is an error."""
    with pytest.raises(FigureProblem) as caught:
        run(perfscore.manual(), 4, score="5", reason="x")
    assert caught.value.code == "FIGURE_SCORE_RANGE"


def test_bands() -> None:
    """分档: the band holding the value gives its fraction; edges are explicit."""
    rule = perfscore.bands(
        Band(low=D(90), high=None, fraction=D(1)),
        Band(low=D(80), high=D(90), fraction=D("0.8")),
        Band(low=D(60), high=D(80), fraction=D("0.5")),
    )
    assert run(rule, 10, actual="90").points == 10
    assert run(rule, 10, actual="89.99").points == 8
    assert run(rule, 10, actual="80").points == 8
    assert run(rule, 10, actual="59").points == 0


def test_checklist() -> None:
    """是否: items answered yes earn their points; unanswered ones make it partial."""
    rule = perfscore.checklist(ChecklistItem(id="a", points=D("0.5")), ChecklistItem(id="b", points=D("0.5")))
    assert run(rule, 1, items={"a": True, "b": False}).points == D("0.5")
    with pytest.raises(MissingFigure) as caught:
        run(rule, 1, items={"a": True})
    assert (caught.value.low, caught.value.high) == (D("0.5"), D(1))


def test_deduct_per_occurrence_floors_at_zero() -> None:
    """扣分 per occurrence, 扣完为止."""
    rule = perfscore.deduct(per="occurrence", points="0.5")
    assert run(rule, 2, count="3").points == D("0.5")
    assert run(rule, 2, count="9").points == 0


def test_deduct_per_point_above() -> None:
    """财政供养人员控制率: −0.1 per point above 100%."""
    rule = perfscore.deduct(per="point", points="0.1", above="100")
    assert run(rule, 1, actual="103%").points == D("0.7")
    assert run(rule, 1, actual="98%").points == 1


def test_execution_rate() -> None:
    """预算执行率: executed ÷ budget × weight, capped at the weight."""
    rule = perfscore.execution_rate()
    view = StubView(30, amounts={"budget.executed": "17626.37万元", "budget.adjusted": "18,009.98万元"})
    outcome = rule.evaluate(view)
    assert perfscore.RoundingPolicy().apply(outcome.points) == D("29.36")
    assert dict(outcome.measures)["rate"] == D("97.87")
    over = StubView(10, amounts={"budget.executed": "120", "budget.adjusted": "100"})
    assert rule.evaluate(over).points == 10


def test_formula() -> None:
    """公式: evaluated by perfscore's own evaluator, kept within [0, weight]."""
    rule = perfscore.formula("min(actual / target, 1) * weight")
    assert run(rule, 4, actual="50", target="100").points == 2
    clamped = run(perfscore.formula("weight * 2"), 4)
    assert clamped.points == 4
    assert clamped.notes[0].code == "FORMULA_CLAMPED"


def test_sum_of_parts() -> None:
    """A composite adds its parts, each scored on its own points."""
    rule = perfscore.sum_of(
        [Part(points=D(1), rule=perfscore.positive("≥100场")), Part(points=D("0.5"), rule=perfscore.manual())]
    )
    assert run(rule, "1.5", actual="50场", score="0.5", reason="ok").points == 1


def test_min_and_max_of() -> None:
    """min_of / max_of keep the worst or best of several rules on the whole weight."""
    low = perfscore.positive("≥100")
    high = perfscore.positive("≥50")
    assert run(perfscore.min_of(low, high), 2, actual="50").points == 1
    assert run(perfscore.max_of(low, high), 2, actual="50").points == 2


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        (perfscore.positive("≥100场"), "positive(target='≥100场')"),
        (perfscore.reverse("≤5%", variant="linear"), "reverse(target='≤5%', variant='linear')"),
        (perfscore.equal("=0"), "equal(target='=0')"),
        (perfscore.deduct(per="occurrence", points="0.5"), "deduct(per='occurrence', points=0.5)"),
        (perfscore.execution_rate(), "execution_rate(executed='budget.executed', budget='budget.adjusted')"),
        (perfscore.manual(), "manual()"),
        (perfscore.formula("min(actual / target, 1) * weight"), "formula('min(actual / target, 1) * weight')"),
        (perfscore.not_applicable("本年无此项工作"), "not_applicable(reason='本年无此项工作')"),
    ],
)
def test_reprs_read_like_the_pack(rule: object, text: str) -> None:
    """Each rule's repr reads like what a pack author wrote."""
    assert repr(rule) == text


def test_rules_are_immutable() -> None:
    """Rules are frozen: changing one means building another."""
    rule = perfscore.positive("≥1")
    with pytest.raises(AttributeError):
        rule.target = None  # type: ignore[misc]
