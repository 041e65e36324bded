"""No silent change to numbers: every number traces to its source, inputs stay untouched, output is stable.

"Traces" is checked literally: each number of the JSON either names the file, line and
column it was written at — and reading that place back gives the same number — or is a
sum of numbers that do (subtotals, totals, ranges), or comes from a rule whose place in
the pack and whose every figure (with its place) the result lists. The scores depend on
nothing else: scoring again with only the figures the result lists gives the same card.
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from collections.abc import Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from conftest import EXAMPLES, RULES
from hypothesis import HealthCheck, assume, given, reject, settings
from hypothesis import strategies as st
from strategies import figures_data, leaf_ids, pack_data, yaml_text

import perfscore
from perfscore._core.numerals import parse_decimal, parse_quantity
from perfscore._yaml.source import parse_document
from perfscore.rules.base import shown_number as show

ROOT = RULES.parent
BAIYUN = (RULES / "baiyun-2021.yaml", EXAMPLES / "baiyunhu-2021.yaml")


class Sources:
    """The files a scorecard names, each parsed once: what is written at each line and column."""

    def __init__(self, texts: Mapping[str, str] | None = None) -> None:
        """Read files from disk, or from ``texts`` for the names the text loaders give (``<pack>``)."""
        self._texts = dict(texts or {})
        self._marks: dict[str, dict[tuple[int, int], Any]] = {}

    def value_at(self, where: str) -> Any:
        """The value written at ``file:line:col``."""
        name, line, column = where.rsplit(":", 2)
        if name not in self._marks:
            text = self._texts.get(name)
            source = text if text is not None else Path(name).read_bytes()
            doc = parse_document(source, name=name, error_type=perfscore.PackError)
            marks: dict[tuple[int, int], Any] = {}
            for path, mark in doc.value_marks.items():
                value: Any = doc.data
                for step in path:
                    value = value[step]
                marks.setdefault(mark, value)
            self._marks[name] = marks
        found = self._marks[name].get((int(line), int(column)), KeyError)
        assert found is not KeyError, f"nothing is written at {where}"
        return found


def as_number(raw: object) -> Decimal:
    """A number as perfscore reads it from a pack or figures value."""
    if isinstance(raw, str):
        return parse_decimal(raw)
    assert isinstance(raw, int | Decimal), raw
    return Decimal(raw)


def numbers(value: object, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], Decimal]]:
    """Every number in parsed JSON with its path (locations' line and column are places, not numbers)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key not in {"line", "column"}:
                yield from numbers(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from numbers(item, (*path, index))
    elif isinstance(value, int | Decimal) and not isinstance(value, bool):
        yield path, Decimal(value)


def check_input(item: Mapping[str, Any], sources: Sources) -> None:
    """A figure the rule read: written where the input says, and the same number (its unit may sit above it)."""
    assert item["location"] is not None, item
    raw = sources.value_at(item["location"])
    if item["name"] == "override":
        assert as_number(raw) == Decimal(item["value"])
        return
    if isinstance(raw, bool) or not isinstance(raw, str | int | Decimal):
        return  # answers or deductions: a mapping or list, checked by being found at all
    try:
        written = parse_quantity(raw).value
    except perfscore.ParseError:
        assert item["value"] == raw, (item, raw)  # a level or a reason: text as written
        return
    shown = item["value"]
    if "…" in shown:  # a long number cut at six places for display
        cut = shown.split(" ")[0].removesuffix("%").removesuffix("‰").removesuffix("…")  # "0.000000…%" too
        assert show(written).startswith(cut), (item, raw)
    else:
        assert parse_quantity(shown).value == written, (item, raw)


def check_node(
    node: Mapping[str, Any], sources: Sources, *, redistributed: bool, rounding: perfscore.RoundingPolicy
) -> None:
    """One group or indicator (and everything below it): its numbers trace to their sources."""
    assert as_number(sources.value_at(node["weight_location"])) == node["nominal_weight"]
    if node["weight"] != node["nominal_weight"]:
        assert redistributed, node["id"]  # only a not-applicable sibling moves a weight
    if node["type"] == "group":
        for child in node["children"]:
            check_node(child, sources, redistributed=redistributed, rounding=rounding)
        check_subtotal(node, rounding)
        return
    if node["status"] != "not_applicable":
        assert node["rule_location"] is not None
        sources.value_at(node["rule_location"])
    for item in node["inputs"]:
        check_input(item, sources)
    if node["status"] == "overridden":
        assert any(item["name"] == "override" for item in node["inputs"])
    for deduction in node["deductions"]:
        assert deduction["location"] is not None or node["inputs"], deduction


def check_subtotal(node: Mapping[str, Any], rounding: perfscore.RoundingPolicy) -> None:
    """A group's range is its applicable children's, added (and scaled by its weight when in percent)."""
    if node["status"] == "not_applicable":
        return
    live = [child for child in node["children"] if child["status"] != "not_applicable"]
    # A redistributed weight is exact inside the engine (e.g. 100/3) but shown rounded in the JSON;
    # scaling by the shown weight may then land one rounding step away, never more.
    scaled_by_shown_weight = node["aggregation"] == "percent" and node["weight"] != node["nominal_weight"]
    step = Decimal(1).scaleb(-rounding.decimals) if scaled_by_shown_weight else Decimal(0)
    for edge in ("low", "high"):
        added = sum((child["range"][edge] for child in live), Decimal(0))
        if node["aggregation"] == "percent":
            added = rounding.apply(added * node["weight"] / 100)
        assert abs(node["range"][edge] - added) <= step, (node["id"], edge)


def check_card(
    card: perfscore.Scorecard,
    sources: Sources,
    rounding: perfscore.RoundingPolicy,
    figures: Mapping[str, Any] | None = None,
) -> None:
    """Every number of the card's JSON traces to a source, or is a sum of ones that do."""
    data = json.loads(card.to_json(), parse_float=Decimal)
    redistributed = any(node.status is perfscore.Status.NOT_APPLICABLE for node in card.walk())
    for child in data["children"]:
        check_node(child, sources, redistributed=redistributed, rounding=rounding)
    if data["max_location"] is not None:
        assert as_number(sources.value_at(data["max_location"])) == data["max"]
    else:
        assert data["max"] == 100  # the documented default
    live = [child for child in data["children"] if child["status"] != "not_applicable"]
    if data["total"] is not None:
        raw = data["rescaled_from"] if data["rescaled_from"] is not None else data["total"]
        assert raw == sum((child["score"] for child in live), Decimal(0))
    if data["year"] is not None and figures is not None:
        assert data["year"] == figures["year"]
    accounted = {"total", "max", "low", "high", "rescaled_from", "year"}
    accounted |= {"weight", "nominal_weight", "score", "computed", "points", "count"}
    for path, _ in numbers(data):
        assert path[-1] in accounted, path


BUNDLED = [
    ("baiyun-2021.yaml", "baiyunhu-2021.yaml"),
    ("dazhou-department.yaml", "dazhou-department-example.yaml"),
    ("czb-2020-10-project.yaml", "project-2023-example.yaml"),
]


@pytest.mark.parametrize(("pack_name", "figures_name"), BUNDLED)
def test_every_number_of_the_bundled_cards_traces_to_its_source(
    pack_name: str, figures_name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each weight, figure and override in the bundled examples' scorecards reads back from the line it names."""
    monkeypatch.chdir(ROOT)
    pack = perfscore.load_pack(Path("rules") / pack_name)
    card = perfscore.score(pack, perfscore.load_figures(Path("examples") / figures_name))
    check_card(card, Sources(), pack.rounding)


@pytest.mark.parametrize(
    ("pack_name", "node_id", "where"),
    [
        ("baiyun-2021.yaml", "t2.epidemic", "rules/baiyun-2021.yaml:43:13"),  # update: {weight: 2}
        ("dazhou-department.yaml", "input.goals", "rules/dazhou-department.yaml:115:"),  # weights: {input.goals: 15}
    ],
)
def test_a_weight_set_by_an_overlay_points_at_the_overlay(
    pack_name: str, node_id: str, where: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A weight an overlay changed names the overlay's line, not the base pack's old weight."""
    monkeypatch.chdir(ROOT)
    node = perfscore.load_pack(Path("rules") / pack_name).node(node_id)
    assert node is not None
    assert str(node.weight_location).startswith(where)


def _walk(nodes: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for node in nodes:
        yield node
        yield from _walk(node.get("children", []))


@attrs.frozen(kw_only=True)
class Example:
    """A generated pack and figures that score, with the texts they were loaded from."""

    pack: perfscore.Pack
    pack_text: str
    figures: dict[str, Any]
    figures_text: str
    card: perfscore.Scorecard


def scored_example(data: st.DataObject) -> Example:
    """Draw a pack (not a template) and figures; drop the figures a FiguresError names until they score."""
    written = data.draw(pack_data())
    assume(not written.get("template"))
    pack_text = yaml_text(written)
    pack = perfscore.load_pack_text(pack_text)
    figures = data.draw(figures_data(leaf_ids(written)))
    for _ in range(6):
        text = yaml_text(figures)
        try:
            card = perfscore.score(pack, perfscore.load_figures_text(text))
        except perfscore.FiguresError as err:
            _drop_named(figures, err)
        else:
            break
    else:
        reject()  # figures that never score are not an example
    return Example(pack=pack, pack_text=pack_text, figures=figures, figures_text=text, card=card)


def _drop_named(figures: dict[str, Any], err: perfscore.FiguresError) -> None:
    indicators = figures.get("indicators", {})
    for item in err.diagnostics:
        named = [node_id for node_id in reversed(item.path) if node_id in indicators]
        if named:
            indicators.pop(named[0])
        else:
            for key in ("amounts", "projects", "published", "tolerance"):
                figures.pop(key, None)


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.data())
def test_every_number_of_any_card_traces_to_its_source(data: st.DataObject) -> None:
    """For generated packs and figures, every number reads back from its place or adds up from ones that do."""
    example = scored_example(data)
    sources = Sources({"<pack>": example.pack_text, "<figures>": example.figures_text})
    check_card(example.card, sources, example.pack.rounding)


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.data())
def test_scores_depend_only_on_the_inputs_they_list(data: st.DataObject) -> None:
    """Scoring again with only the figures each result lists as its inputs gives the same scores."""
    example = scored_example(data)
    figures, card = example.figures, example.card
    kept: dict[str, Any] = {}
    amounts: set[str] = set()
    for result in card.indicators():
        entry = figures.get("indicators", {}).get(result.id, {})
        names = {item.name for item in result.inputs}
        kept_entry = {key: value for key, value in entry.items() if key in names or key == "not_applicable"}
        if "values" in entry and any(name.startswith("values.") for name in names):
            kept_entry["values"] = entry["values"]
        if "override" in names:
            kept_entry["override"] = entry["override"]
        if kept_entry:
            kept[result.id] = kept_entry
        amounts |= {name for name in names if name not in entry and not name.startswith("values.")}
    reduced: dict[str, Any] = {"indicators": kept}
    if amounts and "amounts" in figures:
        reduced["amounts"] = figures["amounts"]
    again = perfscore.score(example.pack, perfscore.load_figures_text(yaml_text(reduced)))
    assert _scores(again) == _scores(card)


def _scores(card: perfscore.Scorecard) -> list[tuple[str, Decimal | None, Decimal, Decimal]]:
    return [(result.id, result.score, result.low, result.high) for result in card.walk()]


# ---- scoring changes nothing, and says the same every time --------------------------------------


@settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.data())
def test_scoring_never_changes_its_inputs(data: st.DataObject) -> None:
    """The pack and the figures are equal, field by field, before and after scoring (twice)."""
    example = scored_example(data)
    pack, figures = example.pack, perfscore.load_figures_text(example.figures_text)
    pack_before, figures_before = copy.deepcopy(pack), copy.deepcopy(figures)
    first = perfscore.score(pack, figures)
    second = perfscore.score(pack, figures)
    assert pack == pack_before
    assert figures == figures_before
    assert first.to_json() == second.to_json()
    assert first.to_json("en") == second.to_json("en")
    assert first.table() == second.table()


def test_scoring_the_baiyun_example_changes_nothing(
    baiyun_pack: perfscore.Pack, baiyun_figures: perfscore.Figures
) -> None:
    """The bundled pack and figures compare equal to deep copies taken before scoring."""
    pack_before, figures_before = copy.deepcopy(baiyun_pack), copy.deepcopy(baiyun_figures)
    perfscore.score(baiyun_pack, baiyun_figures)
    assert baiyun_pack == pack_before
    assert figures_before == baiyun_figures


SCORE_JSON = (
    "import sys, perfscore; "
    "print(perfscore.score(perfscore.load_pack(sys.argv[1]), perfscore.load_figures(sys.argv[2])).to_json())"
)


def _json_in_a_process(pack: Path, figures: Path, seed: str) -> str:
    done = subprocess.run(  # noqa: S603 - our own interpreter running our own library
        [sys.executable, "-c", SCORE_JSON, str(pack), str(figures)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONHASHSEED": seed},
    )
    return done.stdout


def test_the_same_inputs_give_the_same_bytes_in_any_process(tmp_path: Path) -> None:
    """Byte-identical JSON across processes with different hash seeds, for Baiyun and for a generated pack."""
    outputs = {seed: _json_in_a_process(*BAIYUN, seed) for seed in ("0", "1", "4242")}
    assert len(set(outputs.values())) == 1
    here = perfscore.score(perfscore.load_pack(BAIYUN[0]), perfscore.load_figures(BAIYUN[1])).to_json() + "\n"
    assert json.loads(here) == json.loads(outputs["0"])
    pack = tmp_path / "pack.yaml"
    figures = tmp_path / "figures.yaml"
    pack.write_text(_GENERATED_PACK, encoding="utf-8")
    figures.write_text(_GENERATED_FIGURES, encoding="utf-8")
    generated = {seed: _json_in_a_process(pack, figures, seed) for seed in ("0", "77")}
    assert len(set(generated.values())) == 1
    assert json.loads(generated["0"], parse_float=Decimal)["total"] == Decimal("74.5")  # 32 + 20 + 22.5


_GENERATED_PACK = """\
id: sets
title: Sets and dictionaries everywhere
version: "1"
source: test
indicators:
  - id: mix
    name: 多规则
    weight: 40
    rule:
      kind: max_of
      rules:
        - {kind: formula, expression: "min(actual / target, 1) * weight + 0 * (x + y + z)"}
        - {kind: sum_of, parts: [{points: 20, rule: manual}, {points: 20, rule: {kind: positive, target: "≥5个"}}]}
  - id: list
    name: 检查项
    weight: 30
    rule: {kind: checklist, items: [{id: c, points: 10}, {id: b, points: 10}, {id: a, points: 10}]}
  - id: cut
    name: 扣分
    weight: 30
    rule: {kind: deduct, per: occurrence, points: 2.5}
"""

_GENERATED_FIGURES = """\
indicators:
  mix:
    actual: 4个
    target: 5个
    score: 3.5
    reason: 酌情
    values: {x: 1, y: 2, z: 3}
  list:
    items: {a: 是, b: 否, c: 是}
  cut:
    deductions:
      - {reason: 问题一, count: 2}
      - {reason: 问题二}
"""
