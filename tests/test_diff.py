"""`perfscore diff OLD NEW`: the year's revision as changes with reasons, through the CLI and the API."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from conftest import EXAMPLES, RULES
from conftest import run_cli as run

import perfscore
from perfscore._packs.diff import diff_packs

PLAN = str(RULES / "baiyun-2021-plan.yaml")
FINAL = str(RULES / "baiyun-2021.yaml")
FIGURES = str(EXAMPLES / "baiyunhu-2021.yaml")

OLD = """\
id: old
title: Old
version: "1"
source: s
grades:
  - {label: 优, range: "[90, 100]"}
  - {label: 良, range: "[80, 90)"}
  - {label: 中, range: "[60, 80)"}
  - {label: 差, range: "[0, 60)"}
indicators:
  - id: a
    name: 产出
    weight: 60
    children:
      - {id: a.count, name: 数量, weight: 30, target: "≥100场"}
      - id: a.rate
        name: 满意度
        weight: 30
        rule:
          kind: bands
          bands:
            - {range: "[90%, 100%]", fraction: 1}
            - {range: "[0%, 90%)", fraction: 0.5}
  - id: b
    name: 效益
    weight: 40
    children:
      - {id: b.social, name: 社会效益, weight: 40, rule: qualitative}
"""


def test_baiyun_diff_shows_exactly_section_three() -> None:
    """`perfscore diff` of the plan and the final scheme lists the seed's section 三 adjustments, and nothing else."""
    code, out, _ = run("diff", PLAN, FINAL, "--format", "json")
    assert code == 0
    changes = [(c["change"], c["id"], c["old"], c["new"]) for c in json.loads(out)["changes"]]
    assert changes == [
        ("removed", "t2.sports_events", "1", None),
        ("removed", "t4.anti_gang", "1", None),
        ("reweighted", "t2.epidemic", "1", "2"),
        ("target", "t2.epidemic", "—", "完成上级交付的疫情防控组织协调工作，确保疫情防控工作顺利开展"),
        ("flagged", "t3.water_projects", None, None),
        ("reweighted", "t4.case_reduction", "1", "1.5"),
        ("reweighted", "t4.traffic_publicity", "1", "1.5"),
        ("target", "t4.traffic_publicity", "—", "≥100场"),
        (
            "rule",
            "t4.traffic_publicity",
            "qualitative(达成 [80%, 100%], 部分达成 [60%, 80%), 未达成 [0%, 60%))",
            "positive(target='≥100场')",
        ),
        ("assumptions", "t4.traffic_publicity", "A4", "—"),
    ]


def test_baiyun_diff_carries_reasons_and_subtotal_effects() -> None:
    """Each change keeps its adjustment's reason and cite; t2 and t4 stay at 14 with the points moved."""
    data = json.loads(run("diff", PLAN, FINAL, "--format", "json")[1])
    by_id = {c["id"]: c for c in data["changes"]}
    assert by_id["t2.sports_events"]["reason"].startswith("鉴于今年疫情和突发事件")
    assert by_id["t2.sports_events"]["cite"] == "seed-3-1-2"
    assert "设置不够准确" in by_id["t3.water_projects"]["reason"]
    assert by_id["t2.sports_events"]["location"].endswith("baiyun-2021.yaml:36:5")
    effects = {e["id"]: e for e in data["subtotals"]}
    assert set(effects) == {"t2", "t4"}
    assert (effects["t4"]["old"], effects["t4"]["new"]) == (14, 14)
    assert [(p["id"], p["delta"]) for p in effects["t4"]["parts"]] == [
        ("t4.anti_gang", -1),
        ("t4.case_reduction", 0.5),
        ("t4.traffic_publicity", 0.5),
    ]


def test_diff_table_in_both_languages() -> None:
    """The table names each change in the chosen language and sums up the effect on subtotals."""
    code, out, _ = run("--lang", "zh", "diff", PLAN, FINAL)
    assert code == 0
    assert out.startswith("baiyun-2021-plan v1.0.0 → baiyun-2021 v1.0.0: 10 项变更\n")
    assert "│ 删除" in out
    assert "│ 标注（未改动）" in out
    assert "安全感。: 14 → 14 (+1 t2.epidemic, -1 t2.sports_events)" in out
    code, out, _ = run("--lang", "en", "diff", PLAN, FINAL)
    assert "│ reweighted" in out
    assert "│ (as above)" in out
    assert "effect on subtotals" in out


def test_reverse_diff_has_no_reasons() -> None:
    """Comparing the final scheme back to the plan finds additions, but no overlay reasons apply."""
    data = json.loads(run("diff", FINAL, PLAN, "--format", "json")[1])
    kinds = [(c["change"], c["id"]) for c in data["changes"]]
    assert ("added", "t2.sports_events") in kinds
    assert ("flagged", "t3.water_projects") not in kinds
    assert all(c["reason"] is None for c in data["changes"])


def test_identical_packs_have_no_changes() -> None:
    """A pack compared with itself prints 'no changes'."""
    code, out, _ = run("--lang", "en", "diff", FINAL, FINAL)
    assert code == 0
    assert out == "baiyun-2021 v1.0.0 → baiyun-2021 v1.0.0: no changes\n"


def test_unrelated_packs_compare_by_id() -> None:
    """Two packs without `extends` compare tree by tree: renames, moves, bands, grade edges, levels, total."""
    new = (
        OLD.replace("id: old", "id: new")
        .replace("name: 满意度", "name: 服务对象满意度")
        .replace("fraction: 0.5", "fraction: 0.6")
        .replace('{label: 良, range: "[80, 90)"}', '{label: 良, range: "[85, 90)"}')
        .replace('{label: 中, range: "[60, 80)"}', '{label: 中, range: "[60, 85)"}')
        .replace(
            "indicators:\n",
            "qualitative:\n  levels:\n    - {label: 达成, range: '[80%, 100%]'}\n"
            "    - {label: 部分达成, range: '[50%, 80%)'}\n    - {label: 未达成, range: '[0%, 50%)'}\nindicators:\n",
        )
    )
    new = (
        new.replace('      - {id: a.count, name: 数量, weight: 30, target: "≥100场"}\n', "")
        .replace("name: 产出\n    weight: 60", "name: 产出\n    weight: 30")
        .replace(
            "name: 效益\n    weight: 40\n    children:\n",
            "name: 效益\n    weight: 70\n    children:\n"
            '      - {id: a.count, name: 数量, weight: 30, target: "≥120场"}\n',
        )
    )
    diff = diff_packs(perfscore.load_pack_text(OLD), perfscore.load_pack_text(new))
    found = {(c.kind, c.id): (c.old, c.new) for c in diff.changes}
    assert found[("renamed", "a.rate")] == ("满意度", "服务对象满意度")
    assert found[("moved", "a.count")] == ("a", "b")
    assert found[("target", "a.count")] == ("≥100场", "≥120场")
    assert found[("rule", "a.rate")] == (
        "bands([90, 100] → 1, [0, 90) → 0.5)",
        "bands([90, 100] → 1, [0, 90) → 0.6)",
    )
    assert found[("grade", "良")] == ("[80, 90)", "[85, 90)")
    assert found[("grade", "中")] == ("[60, 80)", "[60, 85)")
    assert found[("levels", "qualitative")][1] == "达成 [80%, 100%], 部分达成 [50%, 80%), 未达成 [0%, 50%)"
    assert found[("reweighted", "a")] == ("60", "30")
    effects = {effect.id: effect for effect in diff.subtotals}
    assert effects[""].parts == (("a", Decimal(-30)), ("b", Decimal(30)))
    assert effects["b"].parts == (("a.count", Decimal(30)),)


def test_diff_with_figures_scores_the_affected_subtotals(tmp_path: Path) -> None:
    """`--figures` scores the changed subtotals under both packs; a side the figures do not fit exits 1 with why."""
    figures = tmp_path / "f.yaml"
    figures.write_text(
        "indicators:\n  a.count: {actual: 50场}\n  a.rate: {actual: 95%}\n  b.social: {score: 36}\n", encoding="utf-8"
    )
    old = tmp_path / "old.yaml"
    old.write_text(OLD, encoding="utf-8")
    new = tmp_path / "new.yaml"
    new.write_text(
        OLD.replace("id: old", "id: new")
        .replace("weight: 30, target", "weight: 20, target")
        .replace("weight: 30\n        rule:", "weight: 40\n        rule:"),
        encoding="utf-8",
    )
    code, out, _ = run("--lang", "en", "diff", str(old), str(new), "--figures", str(figures))
    assert code == 0
    assert "- a 产出: 60 → 60 (-10 a.count, +10 a.rate); score 45 → 50" in out
    code, out, err = run("--lang", "en", "diff", PLAN, FINAL, "--figures", FIGURES)
    assert code == 1
    assert "score — → 14" in out
    assert "FIGURE_SCORE_RANGE the score 2 is outside 0–1" in err
