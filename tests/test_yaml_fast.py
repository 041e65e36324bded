"""The YAML reader's shortcuts (issue 13, B4r) give exactly what PyYAML's resolver would."""

from __future__ import annotations

from decimal import Decimal

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from perfscore._core.diagnostics import FiguresError
from perfscore._yaml import source
from perfscore._yaml.numbers import ScalarNumberError, scalar_number
from perfscore._yaml.source import parse_document

_RESOLVER = yaml.resolver.Resolver()
_PLAIN_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("0123456789.-+~nNyYtTfFoO:_ eE"),
    max_size=12,
)


_TYPED_WORDS = [
    "true",
    "True",
    "TRUE",
    "false",
    "yes",
    "No",
    "on",
    "OFF",
    "y",
    "null",
    "Null",
    "~",
    "",
    "1.5",
    "-2",
    "+3",
    ".5",
    "0x1F",
    "0o7",
    "074",
    "1_000",
    "1:30",
    ".inf",
    "-.Inf",
    ".NaN",
    "2021-01-01",
    "<<",
    "=",
    "中文",
    "actual",
]


@pytest.mark.parametrize("text", _TYPED_WORDS)
def test_first_character_shortcut_keeps_every_typed_word(text: str) -> None:
    """Every word YAML 1.1 types (bools, nulls, numbers, dates, merge) is outside the shortcut."""
    tag = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))
    assert tag == "tag:yaml.org,2002:str" or text[:1] in source._MAYBE_TYPED  # noqa: SLF001


@given(_PLAIN_TEXT)
def test_first_character_shortcut_agrees_with_the_resolver(text: str) -> None:
    """A plain scalar whose first character has no implicit resolver is text, as PyYAML says."""
    tag = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))
    if text[:1] not in source._MAYBE_TYPED:  # noqa: SLF001 - the shortcut under test
        assert tag == "tag:yaml.org,2002:str"


@given(_PLAIN_TEXT)
def test_remembered_tags_agree_with_the_resolver(text: str) -> None:
    """Asking twice (the second answer remembered) gives PyYAML's tag both times."""
    expected = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))
    assert source._resolve(text, (True, False)) == expected  # noqa: SLF001 - the cache under test
    assert source._resolve(text, (True, False)) == expected  # noqa: SLF001


@given(st.lists(st.tuples(st.sampled_from(["a", "b", "中", "x1"]), _PLAIN_TEXT), min_size=1, max_size=6))
def test_plain_values_read_as_the_safe_loader_reads_them(pairs: list[tuple[str, str]]) -> None:
    """Plain and quoted scalars in a mapping and a list come out as PyYAML's safe loader builds them.

    Numbers are the exception by design (decimals as written, YAML 1.1 octal kept as text), so
    only values PyYAML reads as text, null or true/false are compared.
    """
    keys = dict(pairs)
    text = yaml.safe_dump({"m": keys, "l": list(keys.values())}, allow_unicode=True)  # plain where PyYAML may
    expected = yaml.safe_load(text)
    got = parse_document(text, error_type=FiguresError).data
    for value, want in zip(got["l"], expected["l"], strict=True):
        if isinstance(want, str | bool) or want is None:
            assert value == want
    for key, want in expected["m"].items():
        if isinstance(want, str | bool) or want is None:
            assert got["m"][key] == want


@given(st.integers(min_value=0, max_value=10**17) | st.text(alphabet="0123456789+-", max_size=17))
def test_whole_numbers_read_as_the_long_way_reads_them(value: int | str) -> None:
    """The shortcut for plain whole numbers gives what the checked way gives (or refuses the same)."""
    text = str(value)
    try:
        got: object = scalar_number(text, integer=True)
    except ScalarNumberError as err:
        got = err.code
    try:
        want: object = scalar_number("+" + text, integer=True) if text[:1].isdigit() else None
    except ScalarNumberError as err:
        want = err.code
    if isinstance(want, str) and want == "+" + text:
        want = text  # kept as written (074), with or without the sign
    if want is not None:  # "+60" takes the long way; it reads as 60, so "60" must too
        assert got == want
        assert type(got) is type(want)


@given(
    st.from_regex(r"[0-9]{1,17}\.[0-9]{0,17}", fullmatch=True)
    | st.from_regex(r"[1-9][0-9]{13,15}\.[0-9]{13,17}", fullmatch=True)  # at the limits
)
def test_decimals_read_as_the_long_way_reads_them(text: str) -> None:
    """The shortcut for plain decimals (97.87) gives what the checked way gives (or refuses the same)."""
    try:
        got: object = scalar_number(text, integer=False)
    except ScalarNumberError as err:
        got = err.code
    try:
        want: object = scalar_number("+" + text, integer=False)
    except ScalarNumberError as err:
        want = err.code
    if isinstance(want, str) and want == "+" + text:
        want = text
    assert got == want
    assert type(got) is type(want)
    if isinstance(got, Decimal) and isinstance(want, Decimal):
        assert str(got) == str(want)  # the digits written are kept (97.870 stays 97.870)
