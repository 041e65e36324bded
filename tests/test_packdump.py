"""dump_pack writes a pack back as YAML that loads as the same pack; same_pack says what "the same" means."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest
import yaml
from conftest import RULES

import perfscore
from perfscore._packs.dump import comparable, dump_pack, same_pack
from perfscore.rules.registry import RuleKind

TEXT = """\
id: p
title: P
version: '1'
source: s
indicators:
  - {id: '010', name: 'yes', weight: 60, target: "≥100场"}
  - {id: b, name: '074', weight: 40, rule: manual, description: ''}
"""


BUNDLED = sorted(path.name for path in RULES.glob("*.yaml") if not path.name.endswith(".tests.yaml"))


@pytest.mark.parametrize("name", BUNDLED)
def test_the_bundled_packs_round_trip(name: str) -> None:
    """Every bundled pack (overlays resolved) loads back from its dump as the same pack, and dumps the same."""
    pack = perfscore.load_pack(RULES / name)
    text = dump_pack(pack)
    again = perfscore.load_pack_text(text)
    assert same_pack(pack, again)
    assert dump_pack(again) == text
    assert "extends" not in yaml.safe_load(text)  # the dump is the resolved, standalone scheme


@pytest.mark.parametrize("name", BUNDLED)
def test_dumps_follow_the_published_schema(name: str) -> None:
    """What dump_pack writes validates against the pack JSON Schema that editors use."""
    jsonschema = pytest.importorskip("jsonschema")
    from perfscore._packs.schema import pack_schema  # noqa: PLC0415 - only this test needs the schema

    jsonschema.validate(yaml.safe_load(dump_pack(perfscore.load_pack(RULES / name))), pack_schema())


def test_same_pack_ignores_where_and_how_a_pack_was_written() -> None:
    """Block or flow style, comments and order of keys change no pack; a different weight does."""
    block = TEXT.replace(
        "  - {id: '010', name: 'yes', weight: 60, target: \"≥100场\"}\n",
        "  # the first indicator\n  - id: '010'\n    weight: 60\n    name: 'yes'\n    target: \"≥100场\"\n",
    )
    first, second = perfscore.load_pack_text(TEXT), perfscore.load_pack_text(block, name="other.yaml")
    assert first.children[0].location != second.children[0].location
    assert same_pack(first, second)
    assert not same_pack(first, perfscore.load_pack_text(TEXT.replace("60", "59.5").replace("40", "40.5")))


def test_comparable_keeps_everything_but_places_and_assembly() -> None:
    """comparable() drops locations, the file name, extends and adjustments, and nothing else."""
    pack = perfscore.load_pack(RULES / "baiyun-2021.yaml")
    plain = comparable(pack)
    assert (plain.file, plain.extends, plain.adjustments) == (None, None, ())
    assert plain.children[0].location == perfscore.Location()
    assert [node.id for _, node in plain.walk()] == [node.id for _, node in pack.walk()]
    assert [node.weight for _, node in plain.walk()] == [node.weight for _, node in pack.walk()]


def test_text_that_yaml_would_misread_is_quoted() -> None:
    """Ids and names such as 010, yes and 074 are written so they read back as the same text."""
    text = dump_pack(perfscore.load_pack_text(TEXT))
    again = perfscore.load_pack_text(text)
    assert [node.id for _, node in again.walk()] == ["010", "b"]
    assert [node.name for _, node in again.walk()] == ["yes", "074"]
    assert again.node("b").description == ""  # type: ignore[union-attr]
    assert "&id" not in text
    assert "*id" not in text


def test_numbers_are_written_as_the_reader_reads_them() -> None:
    """Weights are plain decimals in the text (never an exponent, never a float)."""
    pack = perfscore.load_pack_text(TEXT.replace("60", "59.75").replace("40", "40.25"))
    text = dump_pack(pack)
    assert "weight: 59.75" in text
    assert "weight: 40.25" in text
    assert perfscore.load_pack_text(text).node("010").weight == Decimal("59.75")  # type: ignore[union-attr]


def test_dumping_touches_no_global_dumper() -> None:
    """dump_pack adds nothing to PyYAML's own dumpers."""
    before = dict(yaml.SafeDumper.yaml_representers)
    dump_pack(perfscore.load_pack_text(TEXT))
    assert dict(yaml.SafeDumper.yaml_representers) == before
    with pytest.raises(yaml.representer.RepresenterError):
        yaml.safe_dump(Decimal(1))


@attrs.frozen
class _Custom:
    kind = "custom"


def test_a_rule_kind_it_does_not_know_is_a_clear_error() -> None:
    """A pack using a custom rule kind cannot be dumped silently wrong: TypeError naming the kind."""
    registry = perfscore.DEFAULT_REGISTRY.evolve(
        add=[RuleKind(name="custom", options=frozenset(), build=lambda _ctx: _Custom(), summary_en="", summary_zh="")]
    )
    pack = perfscore.load_pack_text(TEXT.replace("rule: manual", "rule: custom"), registry=registry)
    with pytest.raises(TypeError, match="kind 'custom'"):
        dump_pack(pack)
