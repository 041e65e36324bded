"""Overlays that chain (national → city → district), the `weights:` adjustment, and template weighting."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import perfscore

NATIONAL = """\
id: national
title: National framework
version: "1"
source: 财预〔2013〕53号
template: true
indicators:
  - id: input
    name: 投入
    children:
      - {id: input.goals, name: 绩效目标合理性, rule: qualitative}
      - {id: input.staff, name: 在职人员控制率, target: "≤100%", rule: reverse}
  - id: output
    name: 产出
    children:
      - {id: output.done, name: 实际完成率, target: "≥100%"}
      - {id: output.timely, name: 完成及时率, target: "≥100%"}
"""

CITY = """\
id: city
title: City template
version: "1"
source: city
extends: national.yaml
adjustments:
  - weights: {input: 40, input.goals: 20, input.staff: 20, output: 60, output.done: 30, output.timely: 30}
    reason: the city weights the framework
"""

DISTRICT = """\
id: district
title: District scheme
version: "1"
source: district
extends: city.yaml
adjustments:
  - remove: output.timely
    reason: not measured in the district
  - update: output.done
    weight: 60
"""


def write(folder: Path, **files: str) -> None:
    """Write each ``name=text`` as ``name.yaml`` in ``folder``."""
    for name, text in files.items():
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")


def codes_of(path: Path) -> tuple[str, ...]:
    """The diagnostic codes loading ``path`` raises."""
    with pytest.raises(perfscore.PackError) as caught:
        perfscore.load_pack(path)
    return caught.value.codes


def test_three_level_chain_applies_every_level(tmp_path: Path) -> None:
    """A district pack extending a city template extending a national framework sees all adjustments."""
    write(tmp_path, national=NATIONAL, city=CITY, district=DISTRICT)
    pack = perfscore.load_pack(tmp_path / "district.yaml")
    assert pack.extends == "city"
    assert not pack.template
    assert [node.id for node in pack.indicators()] == ["input.goals", "input.staff", "output.done"]
    assert pack.node("output.done").weight == Decimal(60)  # type: ignore[union-attr]
    assert pack.node("input").weight == Decimal(40)  # type: ignore[union-attr]
    assert [(a.op, a.id) for a in pack.adjustments] == [("remove", "output.timely"), ("update", "output.done")]


def test_weights_adjustment_records_one_reweight_per_id(tmp_path: Path) -> None:
    """`weights: {id: w}` reweights many nodes and keeps the reason on each recorded change."""
    write(tmp_path, national=NATIONAL, city=CITY)
    pack = perfscore.load_pack(tmp_path / "city.yaml")
    assert len(pack.adjustments) == 6
    first = pack.adjustments[0]
    assert (first.op, first.id, first.changes) == ("update", "input", (("weight", "0", "40"),))
    assert first.reason == "the city weights the framework"
    assert first.location.line == 7


def test_template_is_not_scorable_until_weighted(tmp_path: Path) -> None:
    """Scoring a template raises PACK_TEMPLATE; the weighted city pack scores."""
    write(tmp_path, national=NATIONAL, city=CITY)
    template = perfscore.load_pack(tmp_path / "national.yaml")
    with pytest.raises(perfscore.UsageError) as caught:
        perfscore.score(template, perfscore.figures_from_mapping({}))
    assert caught.value.codes == ("PACK_TEMPLATE",)
    city = perfscore.load_pack(tmp_path / "city.yaml")
    card = perfscore.score(city, perfscore.figures_from_mapping({"indicators": {"output.done": {"actual": "100%"}}}))
    assert card["output.done"].score == Decimal(30)


def test_unweighted_template_node_is_named(tmp_path: Path) -> None:
    """A node the template left unweighted and the overlay did not weight is WEIGHT_UNSET, at its line."""
    partial = CITY.replace(", output.timely: 30", "")
    write(tmp_path, national=NATIONAL, city=partial)
    with pytest.raises(perfscore.PackError) as caught:
        perfscore.load_pack(tmp_path / "city.yaml")
    unset = [d for d in caught.value.diagnostics if d.code == "WEIGHT_UNSET"]
    assert [d.path for d in unset] == [("output", "output.timely")]
    assert unset[0].location.line == 16
    assert "the template 'national' leaves it" in unset[0].message()
    assert "WEIGHT_SUM" in caught.value.codes


def test_weights_adjustment_problems_are_located(tmp_path: Path) -> None:
    """An unknown id or a weight of 0 in `weights:` is reported at its own key."""
    bad = CITY.replace("input.goals: 20", "input.gaols: 20").replace("output.done: 30", "output.done: 0")
    write(tmp_path, national=NATIONAL, city=bad)
    with pytest.raises(perfscore.PackError) as caught:
        perfscore.load_pack(tmp_path / "city.yaml")
    by_code = {d.code: d for d in caught.value.diagnostics}
    assert by_code["ADJUSTMENT_UNKNOWN_ID"].location.line == 7
    assert "'input.gaols'" in by_code["ADJUSTMENT_UNKNOWN_ID"].message()
    assert by_code["WEIGHT_INVALID"].got == "0"


def test_weights_must_be_a_mapping(tmp_path: Path) -> None:
    """`weights:` written as a list is a TYPE_MISMATCH at the adjustment."""
    bad = CITY.replace("weights: {input: 40, input.goals: 20,", "weights: [input, 40,").replace(
        "output.timely: 30}", "output.timely, 30]"
    )
    write(tmp_path, national=NATIONAL, city=bad)
    assert "TYPE_MISMATCH" in codes_of(tmp_path / "city.yaml")


def test_cycle_across_three_packs(tmp_path: Path) -> None:
    """National → district → city → national is EXTENDS_CYCLE, naming the chain."""
    looping = NATIONAL.replace("template: true\n", "extends: district.yaml\n")
    write(tmp_path, national=looping, city=CITY, district=DISTRICT)
    with pytest.raises(perfscore.PackError) as caught:
        perfscore.load_pack(tmp_path / "district.yaml")
    cycle = next(d for d in caught.value.diagnostics if d.code == "EXTENDS_CYCLE")
    assert "district.yaml → city.yaml → national.yaml → district.yaml" in cycle.message()
    assert cycle.location.file is not None
    assert cycle.location.file.endswith("national.yaml")


def test_missing_grandparent_is_reported_at_both_links(tmp_path: Path) -> None:
    """When the city's parent is missing, the city's extends line and the district's are both named."""
    write(tmp_path, city=CITY, district=DISTRICT)
    with pytest.raises(perfscore.PackError) as caught:
        perfscore.load_pack(tmp_path / "district.yaml")
    missing = [d for d in caught.value.diagnostics if d.code == "EXTENDS_MISSING"]
    assert {d.location.file.rsplit("/", 1)[-1] for d in missing if d.location.file} == {"city.yaml", "district.yaml"}
    assert all(d.location.line == 5 for d in missing)


def test_parent_outside_the_folder_is_refused_in_the_middle_of_a_chain(tmp_path: Path) -> None:
    """A city pack in a subfolder that extends ../national.yaml is EXTENDS_ESCAPE, even when reached via a chain."""
    sub = tmp_path / "city"
    sub.mkdir()
    write(tmp_path, national=NATIONAL)
    write(sub, city=CITY.replace("extends: national.yaml", "extends: ../national.yaml"))
    write(sub, district=DISTRICT)
    codes = codes_of(sub / "district.yaml")
    assert "EXTENDS_ESCAPE" in codes


def test_subfolder_parent_is_allowed(tmp_path: Path) -> None:
    """A pack may extend one in a folder below its own."""
    sub = tmp_path / "national"
    sub.mkdir()
    write(sub, national=NATIONAL)
    write(tmp_path, city=CITY.replace("extends: national.yaml", "extends: national/national.yaml"))
    assert perfscore.load_pack(tmp_path / "city.yaml").extends == "national"
