"""The acceptance test: the Baiyun 2021 self-evaluation reproduced from its packs and figures."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import pytest
from conftest import EXAMPLES, RULES

import perfscore
from perfscore.cli import main

# 表2 as published: indicator id -> (weight, score)
TABLE_2 = {
    "t1.positions": ("1", "1"),
    "t1.party_work": ("1", "1"),
    "t1.member_development": ("2", "2"),
    "t1.member_training": ("1", "1"),
    "t2.elderly_care": ("1", "1"),
    "t2.social_assistance": ("2", "2"),
    "t2.special_coverage": ("1", "1"),
    "t2.social_orgs": ("1", "1"),
    "t2.epidemic": ("2", "2"),
    "t2.sports_facilities": ("1", "1"),
    "t2.employment": ("2", "2"),
    "t2.skills_training": ("2", "2"),
    "t2.job_fairs": ("2", "2"),
    "t3.street_cleaning": ("2", "2"),
    "t3.waste_sorting": ("2", "2"),
    "t3.compression_stations": ("2", "2"),
    "t3.public_toilets": ("2", "2"),
    "t3.water_projects": ("1", "0.5"),
    "t3.water_environment": ("2", "2"),
    "t3.flood_emergency": ("2", "2"),
    "t3.road_chief": ("1", "1"),
    "t4.drug_sites": ("1", "1"),
    "t4.drug_campaigns": ("1", "1"),
    "t4.key_persons": ("2", "2"),
    "t4.anti_fraud": ("1", "1"),
    "t4.case_reduction": ("1.5", "1.5"),
    "t4.mass_prevention": ("1", "1"),
    "t4.conscription": ("2", "2"),
    "t4.kapok_volunteers": ("1", "1"),
    "t4.psych_stations": ("1", "1"),
    "t4.traffic_publicity": ("1.5", "1.5"),
    "t4.migrant_publicity": ("1", "1"),
    "t5.digital_carriers": ("1", "1"),
    "t5.anti_counterfeit": ("1", "1"),
    "t5.statistics": ("1", "1"),
}
SUBTOTALS = {
    "t1": ("5", "5"),
    "t2": ("14", "14"),
    "t3": ("14", "13.5"),
    "t4": ("14", "14"),
    "t5": ("3", "3"),
    "plan": ("50", "49.5"),
}
# 表1 as planned: task -> weights of its indicators, in order
TABLE_1 = {
    "t1": ["1", "1", "2", "1"],
    "t2": ["1", "2", "1", "1", "1", "1", "1", "2", "2", "2"],
    "t3": ["2", "2", "2", "2", "1", "2", "2", "1"],
    "t4": ["1", "1", "2", "1", "1", "1", "1", "2", "1", "1", "1", "1"],
    "t5": ["1", "1", "1"],
}


def test_plan_pack_is_table_1(baiyun_plan: perfscore.Pack) -> None:
    """表1: 部门支出进度 30, 年度目标 20, and 37 key indicators weighted 5/14/14/14/3."""
    assert [(node.id, node.weight) for node in baiyun_plan.children] == [
        ("progress", Decimal(30)),
        ("goals", Decimal(20)),
        ("plan", Decimal(50)),
    ]
    plan = baiyun_plan.node("plan")
    assert isinstance(plan, perfscore.Group)
    tasks = {task.id: [str(child.weight) for child in task.children] for task in plan.children}  # type: ignore[union-attr]
    assert tasks == TABLE_1
    assert sum(len(weights) for weights in tasks.values()) == 37


def test_final_pack_is_table_2(baiyun_pack: perfscore.Pack) -> None:
    """表2: 35 key indicators with the weights 表2 prints, built as the plan plus adjustments."""
    plan = baiyun_pack.node("plan")
    assert isinstance(plan, perfscore.Group)
    indicators = [
        node for _, node in baiyun_pack.walk() if isinstance(node, perfscore.Indicator) and node.id.startswith("t")
    ]
    assert {node.id: str(node.weight) for node in indicators} == {key: weight for key, (weight, _) in TABLE_2.items()}
    assert len(indicators) == 35
    assert baiyun_pack.extends == "baiyun-2021-plan"
    ops = [(adjustment.op, adjustment.id) for adjustment in baiyun_pack.adjustments]
    assert ("remove", "t2.sports_events") in ops
    assert ("remove", "t4.anti_gang") in ops
    assert all(adjustment.reason for adjustment in baiyun_pack.adjustments)


def test_every_score_of_table_2(baiyun_card: perfscore.Scorecard) -> None:
    """Every indicator score of 表2 is reproduced exactly, including 0.5 for the water projects."""
    for indicator_id, (weight, expected) in TABLE_2.items():
        result = baiyun_card[indicator_id]
        assert (str(result.weight), result.score) == (weight, Decimal(expected)), indicator_id


def test_water_projects_keep_their_reason(baiyun_card: perfscore.Scorecard) -> None:
    """The 0.5 for the municipal water projects carries the report's reason."""
    result = baiyun_card["t3.water_projects"]
    assert isinstance(result, perfscore.IndicatorResult)
    assert result.score == Decimal("0.5")
    assert result.reason is not None
    assert "2项已基本完成" in result.reason


def test_subtotals_and_plan_total(baiyun_card: perfscore.Scorecard) -> None:
    """Task subtotals 5 / 14 / 13.5 / 14 / 3 and 49.5 of 50."""
    for group_id, (weight, expected) in SUBTOTALS.items():
        result = baiyun_card[group_id]
        assert (str(result.weight), result.score) == (weight, Decimal(expected)), group_id


def test_execution_rate_is_97_87(baiyun_card: perfscore.Scorecard) -> None:
    """17,626.37 ÷ 18,009.98 = 97.87%, scored 29.36 of 30 under assumption A1."""
    progress = baiyun_card["progress"]
    assert isinstance(progress, perfscore.IndicatorResult)
    assert dict(progress.measures)["rate"] == Decimal("97.87")
    assert progress.score == Decimal("29.36")
    assert progress.assumptions == ("A1",)


def test_result_is_partial_and_consistent_with_grade_liang(baiyun_card: perfscore.Scorecard) -> None:
    """年度目标 is not published: the total is a range, and the published 良 is shown possible."""
    assert baiyun_card.partial
    assert baiyun_card.grade is None
    assert (baiyun_card.low, baiyun_card.high) == (Decimal("78.86"), Decimal("98.86"))
    assert "良" in baiyun_card.grades_possible
    consistent = [d for d in baiyun_card.notes if d.code == "PUBLISHED_GRADE_CONSISTENT"]
    assert len(consistent) == 1
    assert "[1.14, 11.14)" in consistent[0].message("en")
    assert "未达成" in consistent[0].message("en")


def test_inconsistencies_of_the_seed_are_warnings(baiyun_card: perfscore.Scorecard) -> None:
    """The parts that do not add up in the seed are reported, naming both numbers."""
    sums = {dict(d.params)["total_name"]: d for d in baiyun_card.warnings if d.code == "SUM_MISMATCH"}
    assert set(sums) == {"budget.executed", "社区党员活动经费"}
    executed = sums["budget.executed"].message("en")
    assert "17626.37" in executed
    assert "17621.94" in executed
    member = sums["社区党员活动经费"].message("en")
    assert "22.95" in member
    assert "25.25" in member
    assert not [d for d in baiyun_card.warnings if d.code.startswith("PUBLISHED_")]


def test_golden_through_the_cli_json() -> None:
    """The CLI's JSON carries the same scores and the warnings."""
    out = io.StringIO()
    code = main(
        ["score", str(RULES / "baiyun-2021.yaml"), str(EXAMPLES / "baiyunhu-2021.yaml"), "--format", "json"], out=out
    )
    assert code == 0
    data = json.loads(out.getvalue())
    assert data["grade"] is None
    assert data["max"] == 100
    plan = next(child for child in data["children"] if child["id"] == "plan")
    assert plan["score"] == 49.5
    assert [task["score"] for task in plan["children"]] == [5, 14, 13.5, 14, 3]
    water = next(ind for ind in plan["children"][2]["children"] if ind["id"] == "t3.water_projects")
    assert water["score"] == 0.5
    assert "SUM_MISMATCH" in {warning["code"] for warning in data["warnings"]}


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_golden_through_the_cli_table(fmt: str) -> None:
    """The 表2-style table shows 49.5 of 50, 13.5 for the city task, and the warnings."""
    out = io.StringIO()
    code = main(
        [
            "--lang",
            "zh",
            "score",
            str(RULES / "baiyun-2021.yaml"),
            str(EXAMPLES / "baiyunhu-2021.yaml"),
            "--format",
            fmt,
        ],
        out=out,
    )
    text = out.getvalue()
    assert code == 0
    assert "年度主要支出计划: 49.5 / 50" in text
    assert "13.5" in text
    assert "97.87%" in text
    assert "SUM_MISMATCH" in text
    assert "良" in text
