"""The JSON Schema for packs: generated from the loader's key tables, published, and as strict as the loader."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, RULES

import perfscore
from perfscore._packs.schema import pack_schema, schema_text
from perfscore.cli import main

jsonschema = pytest.importorskip("jsonschema")

PUBLISHED = ROOT / "docs" / "perfscore-pack.schema.json"

VALID = """\
id: mini
title: Mini
version: "1"
source: {title: 财预〔2020〕10号, number: 财预〔2020〕10号}
rounding: {decimals: 2, mode: half_up}
grades:
  - {label: 优, range: "[90, 100]"}
  - {label: 良, range: "[80, 90)"}
  - {label: 中, range: "[60, 80)"}
  - {label: 差, range: "[0, 60)"}
indicators:
  - id: a
    name: A
    weight: 60
    target: "≥100场"
  - id: g
    name: G
    weight: 40
    children:
      - {id: g.q, name: Q, weight: 30, rule: qualitative}
      - id: g.b
        name: B
        weight: 10
        rule:
          kind: bands
          bands:
            - {range: "[90%, 100%]", fraction: 1}
            - {range: "[0%, 90%)", fraction: 0.5}
"""

# Structural mistakes the loader refuses; the schema must refuse each of them too.
BROKEN = {
    "unknown top-level key": ("title: Mini\n", "title: Mini\ntitel: Typo\n"),
    "unknown indicator key": ("    weight: 60\n", "    wieght: 60\n    weight: 60\n"),
    "indicator without name": ("    name: A\n", ""),
    "weight as text": ("weight: 60", "weight: sixty"),
    "weight zero": ("weight: 60", "weight: 0"),
    "unknown rule kind": ("rule: qualitative", "rule: qualitativ"),
    "unknown rule option": ("kind: bands\n", "kind: bands\n          variant: ratio\n"),
    "band fraction above 1": ("fraction: 0.5}", "fraction: 1.5}"),
    "rounding mode": ("mode: half_up", "mode: banker"),
    "rounding decimals": ("decimals: 2", "decimals: 9"),
    "grade without label": ('{label: 良, range: "[80, 90)"}', '{range: "[80, 90)"}'),
    "citation without title": ("{title: 财预〔2020〕10号, ", "{"),
    "missing source": ("source: {title: 财预〔2020〕10号, number: 财预〔2020〕10号}\n", ""),
    "group aggregation": ("    weight: 40\n    children:", "    weight: 40\n    aggregation: average\n    children:"),
    "template not boolean": ("title: Mini\n", "title: Mini\ntemplate: maybe\n"),
    "checklist item without points": ("rule: qualitative}", "rule: {kind: checklist, items: [{id: x}]}}"),
}

OVERLAY = "id: over\nversion: '2'\nextends: base.yaml\nadjustments:\n"
BROKEN_OVERLAYS = {
    "two operations": "  - {remove: a, update: a}\n",
    "unknown adjustment key": "  - {remove: a, because: x}\n",
    "weights not a mapping": "  - {weights: [a, 1]}\n",
    "update of an unknown field": "  - {update: a, colour: red}\n",
}


def as_data(text: str) -> Any:
    """The YAML as plain data, the way an editor hands it to a JSON Schema validator."""
    return yaml.safe_load(text)


def validator() -> Any:
    """A validator for the generated schema."""
    return jsonschema.Draft202012Validator(pack_schema())


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    """The generated schema is itself valid JSON Schema."""
    jsonschema.Draft202012Validator.check_schema(pack_schema())


def test_published_schema_is_current() -> None:
    """docs/perfscore-pack.schema.json is exactly what the code generates (regenerate with `perfscore schema`)."""
    assert PUBLISHED.read_text(encoding="utf-8") == schema_text()


def test_schema_command_prints_it() -> None:
    """`perfscore schema` prints the published schema."""
    out = io.StringIO()
    assert main(["schema"], out=out, err=io.StringIO()) == 0
    assert json.loads(out.getvalue()) == json.loads(PUBLISHED.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", sorted(p for p in RULES.glob("*.yaml") if not p.name.endswith(".tests.yaml")))
def test_every_bundled_pack_validates(path: Path) -> None:
    """Each pack under rules/ validates against the schema."""
    errors = [error.message for error in validator().iter_errors(as_data(path.read_text(encoding="utf-8")))]
    assert errors == []


def test_the_valid_example_loads_and_validates() -> None:
    """The base of the broken cases is valid for both the loader and the schema."""
    perfscore.load_pack_text(VALID)
    assert validator().is_valid(as_data(VALID))


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_schema_rejects_what_the_loader_rejects(name: str) -> None:
    """A structural mistake makes the loader raise PackError and the schema report an error."""
    old, new = BROKEN[name]
    assert old in VALID
    text = VALID.replace(old, new, 1)
    with pytest.raises(perfscore.PackError):
        perfscore.load_pack_text(text)
    assert not validator().is_valid(as_data(text))


@pytest.mark.parametrize("name", sorted(BROKEN_OVERLAYS))
def test_schema_rejects_broken_adjustments(name: str, tmp_path: Path) -> None:
    """An adjustment the loader refuses (two operations, unknown keys, bad weights) fails the schema too."""
    (tmp_path / "base.yaml").write_text(VALID, encoding="utf-8")
    text = OVERLAY + BROKEN_OVERLAYS[name]
    (tmp_path / "over.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(perfscore.PackError):
        perfscore.load_pack(tmp_path / "over.yaml")
    assert not validator().is_valid(as_data(text))


def test_valid_adjustments_pass(tmp_path: Path) -> None:
    """Each kind of adjustment, written correctly, passes both."""
    text = OVERLAY + (
        "  - {remove: g.b, reason: gone}\n  - {update: g.q, weight: 39.5}\n  - {weights: {a: 60}}\n"
        "  - add: {id: g.n, name: N, weight: 0.5, rule: manual}\n    parent: g\n"
    )
    (tmp_path / "base.yaml").write_text(VALID, encoding="utf-8")
    (tmp_path / "over.yaml").write_text(text, encoding="utf-8")
    perfscore.load_pack(tmp_path / "over.yaml")
    assert validator().is_valid(as_data(text))


def test_rule_kinds_come_from_the_registry() -> None:
    """A registry without a kind gives a schema without it: the schema follows the registry."""
    smaller = perfscore.DEFAULT_REGISTRY.evolve(remove=["formula"])
    kinds = pack_schema(smaller)["$defs"]["rule"]["anyOf"][0]["enum"]
    assert "formula" not in kinds
    assert "positive" in kinds
