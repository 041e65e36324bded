"""Sensitivity analysis: seeded, renormalised, and right where the answer can be worked out by hand."""

from __future__ import annotations

import io
import json
import math

import pytest
from conftest import EXAMPLES, RULES

import perfscore
from perfscore.cli import main
from perfscore.sensitivity import analyse, departments
from perfscore.sensitivity.inputs import tree_of
from perfscore.sensitivity.sampling import _live, _renormalised
from perfscore.sensitivity.spread import parse_spread


def _pack(indicators: str, total: int = 100) -> perfscore.Pack:
    head = f"id: s\ntitle: S\nversion: '1'\nsource: test\ntotal: {total}\nindicators:\n"
    return perfscore.load_pack_text(head + indicators)


def _analysed(pack: perfscore.Pack, figures: str, **options: object) -> perfscore.sensitivity.SensitivityReport:
    card = perfscore.score(pack, perfscore.load_figures_text(figures))
    return analyse(pack, departments(pack, [("d", card)]), **options)  # type: ignore[arg-type]


ONE_MET_ONE_MISSED = """
  - {id: a, name: A, weight: 60, rule: {kind: positive, target: figures}}
  - {id: b, name: B, weight: 40, rule: {kind: positive, target: figures}}
"""
MET_AND_MISSED = "indicators: {a: {actual: 5, target: 5}, b: {actual: 0, target: 5}}"


def test_full_marks_stay_full_whatever_the_weights() -> None:
    """Two indicators fully met: renormalised weights always add up to 100, so every total is 100 (优)."""
    pack = _pack("  - {id: a, name: A, weight: 50, target: ≥1}\n  - {id: b, name: B, weight: 50, target: ≥1}\n")
    result = _analysed(pack, "indicators: {a: {actual: 3}, b: {actual: 2}}", samples=400, seed=1).departments[0]
    assert math.isclose(result.low or 0, 100, abs_tol=1e-4)
    assert math.isclose(result.high or 0, 100, abs_tol=1e-4)
    assert dict(result.probabilities)["优"] == 1.0
    assert result.changed == 0.0
    assert result.drivers == ()


def test_a_met_and_a_missed_indicator_split_by_hand() -> None:
    """Total = A's share of 100 = 60u₁ / (60u₁ + 40u₂) × 100 with u ~ U(0.8, 1.2): it is ≥ 60 (中) exactly when u₁ ≥ u₂.

    So P(中) = P(差) = 1/2, and totals lie in [100·48/96, 100·72/104] = [50, 69.23].
    """
    pack = _pack(ONE_MET_ONE_MISSED)
    result = _analysed(pack, MET_AND_MISSED, samples=4000, seed=11).departments[0]
    odds = dict(result.probabilities)
    assert abs(odds["中"] - 0.5) < 0.03  # 4000 samples: standard error 0.008
    assert odds["中"] + odds["差"] == 1.0
    assert 50 <= (result.low or 0) < 51
    assert 68.5 < (result.high or 0) <= 72 / 104 * 100
    assert result.scored_total == 60
    assert result.reference_grade == "中"
    assert {driver.indicator for driver in result.drivers} <= {"a", "b"}
    assert result.drivers
    assert all(driver.source == "weight" and driver.push > 0 for driver in result.drivers)


def test_a_judgement_moves_within_its_band() -> None:
    """One qualitative indicator, 达成 [80%, 100%] of 100: the total is uniform in [80, 100], so P(优) = 1/2."""
    pack = _pack("  - {id: q, name: Q, weight: 100, rule: qualitative}\n")
    result = _analysed(pack, "indicators: {q: {level: 达成, score: 95}}", samples=4000, seed=2).departments[0]
    odds = dict(result.probabilities)
    assert abs(odds["优"] - 0.5) < 0.03
    assert odds["优"] + odds["良"] == 1.0
    assert 80 <= (result.low or 0) < 80.1
    assert 99.9 < (result.high or 0) <= 100
    assert result.reference_grade == "优"
    assert result.drivers[0].indicator == "q"
    assert result.drivers[0].source == "judgement"


def test_no_spread_and_no_judgement_gives_the_scored_total() -> None:
    """With --weights 0% and nothing to judge, every sample is the unrounded total at nominal weights."""
    pack = _pack(ONE_MET_ONE_MISSED)
    result = _analysed(pack, MET_AND_MISSED, spread=0.0, samples=50, seed=3).departments[0]
    assert result.low == result.high == pytest.approx(60.0, abs=1e-5)
    assert result.changed == 0.0


def test_a_seed_fixes_the_report_and_both_engines_agree() -> None:
    """The same seed gives the same report; another seed another one; pure Python and NumPy give identical numbers."""
    pack = perfscore.load_pack(RULES / "baiyun-2021.yaml")
    card = perfscore.score(pack, perfscore.load_figures(EXAMPLES / "baiyunhu-2021.yaml"))
    units = departments(pack, [("baiyun", card)])
    first = analyse(pack, units, samples=300, seed=5, engine="python")
    assert first == analyse(pack, units, samples=300, seed=5, engine="python")
    assert first.departments != analyse(pack, units, samples=300, seed=6, engine="python").departments
    assert first.departments[0].unknown == ("goals",)  # 年度目标 is not given: sampled over its whole weight
    pytest.importorskip("numpy", reason="comparing with the vectorised engine needs NumPy")
    assert analyse(pack, units, samples=300, seed=5, engine="numpy").departments == first.departments


def test_weights_are_renormalised_at_every_level() -> None:
    """After perturbation, siblings add up to their parent's new weight and the top level to the pack's total."""
    pack = perfscore.load_pack(RULES / "baiyun-2021.yaml")
    tree = tree_of(pack)
    factors = [1.0 + 0.2 * math.sin(7 * node) for node in range(len(tree.ids))]
    leaves = _renormalised(tree, _live(tree, frozenset()), factors)
    assert math.isclose(sum(leaves), 100.0, rel_tol=1e-12)
    groups = {g.id: [tree.leaves.index(tree.ids.index(i.id)) for _, i in _walk(g)] for g in pack.groups()}
    plan = [leaves[j] for j in groups["plan"]]
    assert math.isclose(sum(plan), sum(leaves) - leaves[0] - leaves[1], rel_tol=1e-12)
    unperturbed = _renormalised(tree, _live(tree, frozenset()), [1.0] * len(tree.ids))
    assert unperturbed == pytest.approx([float(i.weight) for i in pack.indicators()])


def _walk(group: perfscore.Group) -> list[tuple[int, perfscore.Indicator]]:
    found: list[tuple[int, perfscore.Indicator]] = []
    for child in group.children:
        found.extend(_walk(child) if isinstance(child, perfscore.Group) else [(0, child)])
    return found


@pytest.mark.parametrize(("text", "share"), [("±20%", 0.2), ("+-5%", 0.05), ("20%", 0.2), ("0.1", 0.1), ("±0%", 0.0)])
def test_weights_option_reads_as_written(text: str, share: float) -> None:
    """--weights accepts ±20%, +-5%, 20% and 0.1."""
    assert parse_spread(text) == pytest.approx(share)


def run(*argv: str) -> tuple[int, str, str]:
    """Run the CLI in-process."""
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_perfscore_sensitivity_prints_the_method_odds_and_drivers() -> None:
    """`perfscore sensitivity PACK FIGURES --samples 300 --seed 4` reports what was sampled, grade odds and drivers."""
    code, out, _ = run(
        "--lang",
        "en",
        "sensitivity",
        str(RULES / "baiyun-2021.yaml"),
        str(EXAMPLES / "baiyunhu-2021.yaml"),
        "--samples",
        "300",
        "--seed",
        "4",
    )
    assert code == 0
    assert "Sampled 300 times (seed 4" in out
    assert "rescaled level by level" in out
    assert "scored: partial (figures missing), sampled totals: " in out  # 年度目标 is not given
    assert "grade odds: 优" in out
    assert "most behind it: goals 年度目标 (judgement" in out
    code, out, _ = run(
        "sensitivity",
        str(RULES / "baiyun-2021.yaml"),
        str(EXAMPLES / "baiyunhu-2021.yaml"),
        "--samples",
        "200",
        "--format",
        "json",
        "--engine",
        "python",
        "--weights",
        "±10%",
    )
    report = json.loads(out)
    assert code == 0
    assert report["weights"] == "±10%"
    assert report["engine"] == "pure Python"
    assert sum(report["departments"][0]["grades"].values()) == pytest.approx(1.0)


def test_bad_options_are_usage_errors() -> None:
    """A share of 100% or more is "SENSITIVITY_SPREAD"; a sample count below 1 is "SENSITIVITY_SAMPLES" (exit 2)."""
    pack, figures = str(RULES / "baiyun-2021.yaml"), str(EXAMPLES / "baiyunhu-2021.yaml")
    code, _, err = run("sensitivity", pack, figures, "--weights", "120%")
    assert code == 2
    assert "SENSITIVITY_SPREAD" in err
    code, _, err = run("sensitivity", pack, figures, "--samples", "0")
    assert code == 2
    assert "SENSITIVITY_SAMPLES" in err


def test_a_department_missing_a_computed_figure_is_not_analysed() -> None:
    """Only judgements are sampled: a missing actual leaves the department out, saying why."""
    pack = _pack(ONE_MET_ONE_MISSED)
    report = _analysed(pack, "indicators: {a: {actual: 5, target: 5}}", samples=20)
    assert report.departments[0].problem is not None
    assert "b" in report.departments[0].problem
    assert "not analysed: figures are missing for b" in report.text("en")
