"""The fast paths for plain decimal texts (issue 13, B4r) give exactly what the long way gives.

A folder of figures files writes each department's own amounts (80.37, 17626.37): unique
numbers that no cache of read scalars helps with. The lean YAML reader and the plain
figures reader take a plain decimal text straight to its Decimal, and the lean reader
takes any text with a character beyond ASCII (2021年…) as text without asking PyYAML's
resolver. These tests hold both to the long way, value, type and digits alike.
"""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from perfscore._core.diagnostics import FiguresError, Location, ParseError
from perfscore._core.figures import IndicatorFigures, Project
from perfscore._core.numerals import parse_quantity
from perfscore._core.slotsetters import slot_setters
from perfscore._core.units import Quantity
from perfscore._inputs import plainfigures
from perfscore._inputs.plainfigures import plain_indicator, plain_project, quantity_of
from perfscore._yaml import lean
from perfscore._yaml.lean import lean_document
from perfscore._yaml.numbers import scalar_number
from perfscore._yaml.source import parse_document

_NUMBERISH = st.from_regex(r"\A[-+]?[0-9]{0,18}(\.[0-9]{0,18})?([eE][-+]?[0-9]{1,3})?\Z")
_WORDISH = st.from_regex(r"\A[0-9.:\-+]{0,6}[年月日万元%中文]{1,3}[0-9a-z .]{0,6}\Z")


def _typed(data: object) -> object:
    """Values with their types and digits: Decimal('1.50') and Decimal('1.5') are told apart."""
    if isinstance(data, dict):
        return {repr(key): _typed(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_typed(value) for value in data]
    return (type(data).__name__, str(data))


@settings(max_examples=400, deadline=None)
@given(st.lists(_NUMBERISH | _WORDISH, min_size=1, max_size=5))
def test_number_like_and_non_ascii_scalars_read_as_the_located_reader_reads_them(words: list[str]) -> None:
    """Values and keys: the same value, type and digits both ways (or the lean reader gives up)."""
    text = "".join(f"k{index}: {word}\n{word or 'x'}x: 1\n" for index, word in enumerate(words))
    text += "list:\n" + "".join(f"  - {word}\n" for word in words)
    lean._READ.clear()  # noqa: SLF001 - every scalar the long way or the fast way, not remembered
    found = lean_document(text, name="f.yaml")
    try:
        expected = parse_document(text, name="f.yaml", error_type=FiguresError).data
    except FiguresError:
        assert found is None
        return
    if found is not None:
        assert _typed(found.data) == _typed(expected)


@settings(max_examples=400, deadline=None)
@given(st.from_regex(r"\A[0-9]{1,17}\.[0-9]{1,17}\Z"))
def test_a_yaml_decimal_reads_as_parse_quantity_reads_it(text: str) -> None:
    """A Decimal from a YAML number: quantity_of gives parse_quantity's quantity (or both refuse it)."""
    try:
        raw = scalar_number(text, integer=False)
    except ValueError:
        return
    plainfigures.NUMBERS.clear()  # the first reading, not a remembered one
    try:
        expected = parse_quantity(raw)
    except ParseError:  # quantity_of leaves it to the located reader
        try:
            quantity_of(raw)
        except plainfigures.Irregular:
            return
        raise AssertionError(text) from None
    found = quantity_of(raw)
    assert (found.value, found.unit, found.text) == (expected.value, expected.unit, expected.text)
    assert str(found.value) == str(expected.value)
    assert isinstance(found.value, Decimal)


def test_projects_and_quantities_made_slot_by_slot_are_what_attrs_makes() -> None:
    """plain_project sets Project's and Quantity's slots directly: equal, same hash and repr, every field set."""
    assert [field.name for field in attrs.fields(Project)] == ["name", "amount", "task", "parts", "note"]
    assert [field.name for field in attrs.fields(Quantity)] == ["value", "unit", "text"]
    assert all(f.validator is None and f.converter is None for f in (*attrs.fields(Project), *attrs.fields(Quantity)))
    here = Location(file="f.yaml")
    raw = {"name": "党建", "amount": Decimal("80.37"), "task": "t1", "parts": [{"name": "a", "amount": 80}]}
    plainfigures.NUMBERS.clear()
    made = plain_project(raw, None, [], here)
    part = Project(name="a", amount=parse_quantity(80), task=None, parts=(), note=None)
    expected = Project(name="党建", amount=parse_quantity(Decimal("80.37")), task="t1", parts=(part,), note=None)
    assert made == expected
    assert hash(made) == hash(expected)
    assert repr(made) == repr(expected)
    assert attrs.asdict(made) == attrs.asdict(expected)


def test_indicator_figures_made_slot_by_slot_are_what_attrs_makes() -> None:
    """plain_indicator sets IndicatorFigures' slots directly: equal, read-only mappings, every field set."""
    names = ["id", "values", "locations", "evidence", "not_applicable", "override", "location"]
    assert [field.name for field in attrs.fields(IndicatorFigures)] == names
    here = Location(file="f.yaml")
    made = plain_indicator("t1.a", {"actual": "103场", "score": 2, "evidence": "表2"}, here)
    values = {"actual": parse_quantity("103场"), "score": Decimal(2)}
    expected = IndicatorFigures(
        id="t1.a", values=values, locations=dict.fromkeys(values, here), evidence="表2", location=here
    )
    assert made == expected
    assert repr(made) == repr(expected)
    assert type(made.values) is type(expected.values)
    assert type(made.locations) is type(expected.locations)
    assert attrs.asdict(made) == attrs.asdict(expected)


def test_slot_by_slot_is_refused_where_it_would_skip_a_check() -> None:
    """slot_setters refuses a field with a validator or converter (unless the caller applies it), and post-init."""

    @attrs.frozen
    class Checked:
        plain: str
        checked: int = attrs.field(validator=attrs.validators.instance_of(int))
        made: str = attrs.field(converter=str, default="")

    assert len(slot_setters(Checked, "plain")) == 1
    assert len(slot_setters(Checked, "plain", "made", converted=("made",))) == 2
    for names in (("checked",), ("made",)):
        with pytest.raises(TypeError, match="would be skipped"):
            slot_setters(Checked, *names)

    @attrs.frozen
    class Finished:
        plain: str

        def __attrs_post_init__(self) -> None:
            pass

    with pytest.raises(TypeError, match="__attrs_post_init__"):
        slot_setters(Finished, "plain")
