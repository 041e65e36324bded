"""The bundled schemes beyond Baiyun: the national project form, the 53号 framework and the 达州 weighting."""

from __future__ import annotations

import json
from decimal import Decimal

from conftest import EXAMPLES, RULES
from conftest import run_cli as run

import perfscore

PROJECT = RULES / "czb-2020-10-project.yaml"
FRAMEWORK = RULES / "czb-2013-53-department.yaml"
DAZHOU = RULES / "dazhou-department.yaml"


def test_national_project_form_weights_and_bands() -> None:
    """10号: 预算执行率 10, 产出 50, 效益 30, 满意度 10; grades 90/80/60; qualitative 80%/60%."""
    pack = perfscore.load_pack(PROJECT)
    assert [(node.id, node.weight) for node in pack.children] == [
        ("execution", 10),
        ("output", 50),
        ("benefit", 30),
        ("satisfaction", 10),
    ]
    assert [(band.label, band.low) for band in pack.grades] == [("优", 90), ("良", 80), ("中", 60), ("差", 0)]
    assert [(level.label, level.low) for level in pack.qualitative.levels] == [
        ("达成", Decimal("0.8")),
        ("部分达成", Decimal("0.6")),
        ("未达成", 0),
    ]
    assert pack.source.number == "财预〔2020〕10号"
    assert "unverified" in (pack.source.note or "")


def test_example_project_scores_as_computed_by_hand() -> None:
    """The illustrative project: 9.25 + 48.75 + 24.5 + 10 = 92.5, 优."""
    card = perfscore.score(perfscore.load_pack(PROJECT), perfscore.load_figures(EXAMPLES / "project-2023-example.yaml"))
    assert (card.total, card.grade) == (Decimal("92.5"), "优")
    assert card["output.timeliness"].score == Decimal("11.25")


def test_redistributed_weights_are_exact() -> None:
    """A not-applicable 7.5 shared among three 7.5s gives each exactly 10, and the note says where it went."""
    figures = perfscore.figures_from_mapping(
        {
            "indicators": {
                "benefit.economic": {"not_applicable": "无经济效益指标"},
                "benefit.social": {"score": 10},
            }
        }
    )
    card = perfscore.score(perfscore.load_pack(PROJECT), figures)
    assert card["benefit.social"].weight == Decimal(10)
    note = next(d for d in card.notes if d.code == "NOT_APPLICABLE")
    assert note.message("en").endswith("its 7.5 points go to its siblings")


def test_framework_is_a_template_the_locality_weights() -> None:
    """The 53号 framework is a template without weights; 达州 extends it with 25 / 30 / 45."""
    framework = perfscore.load_pack(FRAMEWORK)
    assert framework.template
    assert {node.weight for _, node in framework.walk()} == {0}
    assert [node.name for node in framework.children] == ["投入", "过程", "产出", "效果"]
    dazhou = perfscore.load_pack(DAZHOU)
    assert not dazhou.template
    assert dazhou.extends == "czb-2013-53-department"
    assert [(node.name, node.weight) for node in dazhou.children] == [
        ("部门决策", 25),
        ("综合管理", 30),
        ("部门绩效", 45),
    ]
    weights = {node.name: node.weight for node in dazhou.indicators()}
    assert weights["资产管理"] == 6
    assert weights["信息公开"] == 6
    assert weights["履职成效"] == 20
    assert len(weights) == 16


def test_example_department_under_dazhou() -> None:
    """The illustrative department scores 23 + 27.1 + 39 = 89.1, 良."""
    figures = perfscore.load_figures(EXAMPLES / "dazhou-department-example.yaml")
    card = perfscore.score(perfscore.load_pack(DAZHOU), figures)
    assert (card.total, card.grade) == (Decimal("89.1"), "良")


def test_diff_from_framework_to_locality() -> None:
    """`perfscore diff` of the framework and 达州 shows the renames, removals and additions with reasons."""
    code, out, _ = run("diff", str(FRAMEWORK), str(DAZHOU), "--format", "json")
    assert code == 0
    changes = {(c["change"], c["id"]): c for c in json.loads(out)["changes"]}
    assert changes[("renamed", "input")]["new"] == "部门决策"
    assert changes[("renamed", "input")]["reason"].startswith("达州模板一级指标“部门决策”")
    assert ("removed", "effect") in changes
    assert changes[("added", "process.assets_management")]["new"] == "6"
    assert changes[("reweighted", "output")]["old"] == "—"


def test_bundled_packs_and_their_tests_pass_check() -> None:
    """`perfscore check --strict rules/*` passes every pack and tests file with no warnings."""
    paths = sorted(str(path) for path in RULES.glob("*.yaml"))
    code, out, err = run("--lang", "en", "check", "--strict", *paths)
    assert (code, err) == (0, "")
    assert "dazhou-department.tests.yaml: ok (tests of dazhou-department, 4 cases)" in out.replace(str(RULES) + "/", "")
