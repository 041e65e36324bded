"""`perfscore score PACK FIGURES --compare OTHER`: the same figures under two packs, side by side."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLES, RULES
from conftest import run_cli as run

FIGURES = str(EXAMPLES / "project-2023-example.yaml")
OVERLAY = """\
extends: czb-2020-10-project.yaml
id: project-no-satisfaction
version: 1.0.0
adjustments:
  - remove: satisfaction
    reason: 本项目不设满意度指标；按 10号，其 10 分计入产出指标。
  - weights: {output: 60, output.quantity: 15, output.quality: 15, output.timeliness: 15, output.cost: 15}
"""


@pytest.fixture
def packs(tmp_path: Path) -> tuple[str, str]:
    """The national project pack and an overlay that moves 满意度's 10 points to 产出."""
    shutil.copy(RULES / "czb-2020-10-project.yaml", tmp_path)
    (tmp_path / "variant.yaml").write_text(OVERLAY, encoding="utf-8")
    return str(tmp_path / "czb-2020-10-project.yaml"), str(tmp_path / "variant.yaml")


def test_side_by_side_table(packs: tuple[str, str]) -> None:
    """Each row shows weight and score under A and B and the change; both totals follow."""
    code, out, err = run("--lang", "en", "score", packs[0], FIGURES, "--compare", packs[1])
    assert code == 0
    row = next(line for line in out.splitlines() if line.startswith("│ output.timeliness"))
    assert [cell.strip() for cell in row.strip("│").split("│")] == [
        "output.timeliness",
        "时效指标",
        "12.5",
        "11.25",
        "15",
        "13.5",
        "+2.25",
    ]
    assert "total A: 92.5 / 100, grade 优" in out
    assert "total B: 92.25 / 100, grade 优" in out
    assert "note: 'project-no-satisfaction' has no 'satisfaction.clients'" in err


def test_comparison_as_json(packs: tuple[str, str]) -> None:
    """--format json gives both scorecards in the JSON contract under "a" and "b"."""
    code, out, _ = run("score", packs[0], FIGURES, "--compare", packs[1], "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert (data["a"]["total"], data["b"]["total"]) == (92.5, 92.25)
    assert {child["id"] for child in data["b"]["children"]} == {"execution", "output", "benefit"}


def test_compare_in_chinese_and_missing_pack(packs: tuple[str, str]) -> None:
    """Chinese headings; a second pack that does not exist is a usage error."""
    code, out, _ = run("--lang", "zh", "score", packs[0], FIGURES, "--compare", packs[1])
    assert code == 0
    assert "权重 A" in out
    assert "总分 B: 92.25 / 100, 等级 优" in out
    assert run("score", packs[0], FIGURES, "--compare", "no/such.yaml")[0] == 2
