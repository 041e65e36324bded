"""Scoring behaviour: rounding, aggregation, not-applicable redistribution, overrides, partial results."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

import perfscore

D = Decimal

HEAD = "id: t\ntitle: T\nversion: '1'\nsource: test\n"


def pack(body: str, head: str = HEAD) -> perfscore.Pack:
    """A pack from its ``indicators:`` body (and optional extra top-level keys)."""
    return perfscore.load_pack_text(head + body)


def figures(text: str) -> perfscore.Figures:
    """Figures from YAML text."""
    return perfscore.load_figures_text(text)


TWO_GROUPS = """\
indicators:
  - id: g1
    name: G1
    weight: 60
    children:
      - {id: a, name: A, weight: 30, target: "≥100个"}
      - {id: b, name: B, weight: 20, target: "≥100"}
      - {id: c, name: C, weight: 10, target: "≥100"}
  - id: g2
    name: G2
    weight: 40
    children:
      - {id: d, name: D, weight: 40, rule: manual}
"""
FULL = "indicators:\n  a: {actual: 100}\n  b: {actual: 100}\n  c: {actual: 100}\n  d: {score: 40, reason: ok}\n"


def test_leaves_round_half_up_and_parents_sum_rounded_leaves() -> None:
    """2.675 rounds to 2.68 (四舍五入), and the parent is the sum of the rounded leaves."""
    p = pack(
        "indicators:\n  - {id: a, name: A, weight: 5, target: '≥200'}\n  - {id: b, name: B, weight: 95, rule: manual}\n"
    )
    card = perfscore.score(p, figures("indicators:\n  a: {actual: 107}\n  b: {score: 0.004, reason: r}\n"))
    assert card["a"].score == D("2.68")  # 107 / 200 × 5 = 2.675
    assert card["b"].score == D("0.00")
    assert card.total == D("2.68")


def test_rounding_mode_and_decimals_come_from_the_pack() -> None:
    """A pack may round to one decimal, or truncate."""
    body = (
        "indicators:\n  - {id: a, name: A, weight: 5, target: '≥200'}\n  - {id: b, name: B, weight: 95, rule: manual}\n"
    )
    data = figures("indicators:\n  a: {actual: 107}\n  b: {score: 0, reason: r}\n")
    assert perfscore.score(pack(body, HEAD + "rounding: {decimals: 1}\n"), data)["a"].score == D("2.7")
    assert perfscore.score(pack(body, HEAD + "rounding: {decimals: 2, mode: down}\n"), data)["a"].score == D("2.67")


def test_complete_result_has_total_and_grade() -> None:
    """With every figure present the result has a total and a grade."""
    card = perfscore.score(pack(TWO_GROUPS), figures(FULL))
    assert (card.total, card.grade, card.partial) == (D(100), "优", False)
    assert card["g1"].score == 60


def test_partial_result_keeps_ranges_and_possible_grades() -> None:
    """Missing figures make the result partial: a range of totals and the grades still possible."""
    card = perfscore.score(pack(TWO_GROUPS), figures("indicators:\n  a: {actual: 100}\n  d: {score: 40, reason: ok}\n"))
    assert card.partial
    assert card.grade is None
    assert (card.low, card.high) == (D(70), D(100))
    assert card.grades_possible == ("优", "良", "中")
    assert card["g1"].score is None
    assert (card["g1"].low, card["g1"].high) == (D(30), D(60))
    assert {d.code for d in card.warnings} >= {"FIGURE_MISSING", "RESULT_PARTIAL"}


def test_not_applicable_redistributes_within_parent() -> None:
    """不适用 under 'parent': the siblings share the dropped points pro rata."""
    data = figures(
        "indicators:\n  a: {actual: 50}\n  b: {actual: 100}\n  c: {not_applicable: 本年无此项工作}\n"
        "  d: {score: 40, reason: ok}\n"
    )
    card = perfscore.score(pack(TWO_GROUPS), data)
    assert card["c"].status is perfscore.Status.NOT_APPLICABLE
    assert card["a"].weight == D(36)  # 30 × 60 / 50
    assert card["b"].weight == D(24)
    assert card["a"].score == D(18)
    assert card["g1"].score == D(42)
    assert card.total == D(82)
    assert "NOT_APPLICABLE" in {d.code for d in card.notes}


def test_not_applicable_rescales_total() -> None:
    """不适用 under 'total': the total is rescaled to the full mark (百分制折算)."""
    p = pack(TWO_GROUPS, HEAD + "not_applicable: {redistribute: total}\n")
    data = figures(
        "indicators:\n  a: {actual: 50}\n  b: {actual: 100}\n  c: {not_applicable: 本年无此项工作}\n"
        "  d: {score: 40, reason: ok}\n"
    )
    card = perfscore.score(p, data)
    assert card.rescaled_from == D(75)  # 15 + 20 + 40 of 90 applicable points
    assert card.total == D("83.33")


def test_not_applicable_rule_in_the_pack() -> None:
    """A pack may mark an indicator not applicable itself, with a reason."""
    body = TWO_GROUPS.replace(
        '{id: c, name: C, weight: 10, target: "≥100"}',
        "{id: c, name: C, weight: 10, rule: {kind: not_applicable, reason: 停办}}",
    )
    card = perfscore.score(pack(body), figures(FULL.replace("  c: {actual: 100}\n", "")))
    assert card["c"].status is perfscore.Status.NOT_APPLICABLE
    assert card["c"].reason == "停办"
    assert card.total == 100


def test_percent_aggregation() -> None:
    """Nested percentage weighting: level-2 weights sum to 100 inside a block of weight W."""
    body = """\
aggregation: percent
indicators:
  - id: g1
    name: G1
    weight: 40
    children:
      - {id: a, name: A, weight: 50, target: "≥100"}
      - {id: b, name: B, weight: 50, target: "≥100"}
  - id: g2
    name: G2
    weight: 60
    children:
      - {id: c, name: C, weight: 100, rule: manual}
"""
    card = perfscore.score(
        pack(body), figures("indicators:\n  a: {actual: 100}\n  b: {actual: 50}\n  c: {score: 90, reason: r}\n")
    )
    assert card["g1"].score == D(30)  # (50 + 25) × 40 / 100
    assert card["g2"].score == D(54)
    assert card.total == D(84)


def test_percent_block_weights_must_sum_to_100() -> None:
    """In a percent-weighted block, children must add up to 100."""
    body = (
        "indicators:\n  - id: g\n    name: G\n    weight: 100\n    aggregation: percent\n    children:\n"
        "      - {id: a, name: A, weight: 60, rule: manual}\n"
    )
    with pytest.raises(perfscore.PackError) as caught:
        pack(body)
    assert "WEIGHT_SUM" in caught.value.codes


def test_override_keeps_the_computed_score_and_reason() -> None:
    """An assessor's override replaces the score; the computed one and the reason stay."""
    card = perfscore.score(
        pack(TWO_GROUPS),
        figures(FULL.replace("a: {actual: 100}", "a: {actual: 100, override: {score: 27, reason: 质量扣分}}")),
    )
    result = card["a"]
    assert isinstance(result, perfscore.IndicatorResult)
    assert (result.score, result.computed, result.reason) == (D(27), D(30), "质量扣分")
    assert result.status is perfscore.Status.OVERRIDDEN
    assert card.total == D(97)


def test_override_of_a_missing_figure() -> None:
    """An override can score an indicator whose figures are missing."""
    card = perfscore.score(
        pack(TWO_GROUPS), figures(FULL.replace("a: {actual: 100}", "a: {override: {score: 20, reason: 核定}}"))
    )
    assert card["a"].score == 20
    assert card["a"].computed is None  # type: ignore[union-attr]
    assert not card.partial


def test_all_figure_problems_are_reported_together() -> None:
    """Unusable figures are collected into one FiguresError, never a partial silent result."""
    data = figures(
        "indicators:\n  a: {actual: 100人}\n  b: {actual: 100}\n  c: {actual: 100}\n  d: {score: 41, reason: x}\n"
        "  zz: {actual: 1}\n"
    )
    with pytest.raises(perfscore.FiguresError) as caught:
        perfscore.score(pack(TWO_GROUPS), data)
    assert set(caught.value.codes) >= {"FIGURE_UNIT", "FIGURE_SCORE_RANGE", "FIGURE_UNKNOWN_INDICATOR"}


def test_explanation_reads_like_the_report() -> None:
    """The explanation of a positive indicator reads 完成值 … ≥ 指标值 … → 满分."""
    p = pack("indicators:\n  - {id: a, name: 开展禁毒宣传工作, weight: 100, target: '≥100场'}\n")
    card = perfscore.score(p, figures("indicators:\n  a: {actual: 103场}\n"))
    assert "完成值 103 场 ≥ 指标值 100 场 → 满分 100" in card.explain("a")
    assert "actual 103 场 ≥ target 100 场 → full marks 100" in card.explain("a", "en")


def test_grade_edges_are_lower_inclusive() -> None:
    """80 is 良 and 89.99 is 良; 90 is 优 (lower edges inclusive)."""
    p = pack("indicators:\n  - {id: a, name: A, weight: 100, rule: manual}\n")
    for score_value, grade in (("80", "良"), ("89.99", "良"), ("90", "优"), ("59.99", "差"), ("60", "中")):
        card = perfscore.score(p, figures(f"indicators:\n  a: {{score: {score_value}, reason: r}}\n"))
        assert card.grade == grade, score_value


def test_custom_grade_bands() -> None:
    """A pack may declare its own grade bands."""
    head = HEAD + "grades:\n  - {label: A, range: '[85, 100]'}\n  - {label: B, range: '[0, 85)'}\n"
    p = pack("indicators:\n  - {id: a, name: A, weight: 100, rule: manual}\n", head)
    assert perfscore.score(p, figures("indicators:\n  a: {score: 85, reason: r}\n")).grade == "A"


def test_scoring_does_not_mutate_inputs() -> None:
    """Scoring leaves the pack and the figures as they were."""
    p = pack(TWO_GROUPS)
    data = figures(FULL)
    before = (repr(p), repr(data))
    perfscore.score(p, data)
    assert (repr(p), repr(data)) == before


def test_figures_from_mapping_accepts_notebook_values() -> None:
    """Figures may come from plain Python data; floats are read by their repr."""
    data = perfscore.figures_from_mapping(
        {
            "indicators": {
                "a": {"actual": 99.5},
                "b": {"actual": "100"},
                "c": {"actual": 100},
                "d": {"score": 40, "reason": "ok"},
            }
        }
    )
    card = perfscore.score(pack(TWO_GROUPS), data)
    assert card["a"].score == D("29.85")


def test_scorecard_json_contract() -> None:
    """JSON has total, max, grade, warnings with code and message, and nested nodes with id/name/weight/score."""
    card = perfscore.score(pack(TWO_GROUPS), figures(FULL + "amounts:\n  x: {total: 3, parts: {a: 1, b: 1}}\n"))
    data = json.loads(card.to_json())
    assert (data["total"], data["max"], data["grade"]) == (100, 100, "优")
    assert data["warnings"][0]["code"] == "SUM_MISMATCH"
    assert data["warnings"][0]["message"]
    group = data["children"][0]
    assert {"id", "name", "weight", "score"} <= set(group)
    assert {"id", "name", "weight", "score"} <= set(group["children"][0])
    assert card.to_json() == card.to_json()


def test_records_one_row_per_indicator() -> None:
    """to_records gives plain dicts, one per indicator, with the group path."""
    rows = perfscore.score(pack(TWO_GROUPS), figures(FULL)).to_records()
    assert [row["id"] for row in rows] == ["a", "b", "c", "d"]
    assert rows[0]["path"] == "G1"
    assert rows[0]["score"] == 30
