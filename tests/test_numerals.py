"""Reading numbers and units as indicator tables write them, and converting units."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from strategies import decimals_in_range, target_like_text, written_quantities

from perfscore._core import numerals
from perfscore._core.decimals import div
from perfscore._core.diagnostics import ParseError, PerfscoreError
from perfscore._core.numerals import Quantity, normalize_text, parse_decimal, parse_quantity
from perfscore._core.units import convert, find_unit, known_symbols, lookup_unit, same_dimension


def _problem(err: ParseError) -> str:
    return dict(err.diagnostics[0].params)["problem"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (" ≧ ９５．５％ ", "≥ 95.5%"),
        ("＞＝95%", ">=95%"),
        ("≦\u3000５", "≤ 5"),
        ("＝8个", "=8个"),
        ("a \t\n b", "a b"),
        ("−3", "-3"),
        ("500㎡", "500㎡"),
    ],
)
def test_normalize_text(text, expected):
    """Full-width forms fold to ASCII, ≧/≦ to ≥/≤, whitespace collapses, ㎡ is kept."""
    assert normalize_text(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("103", "103"),
        ("-2.5", "-2.5"),
        ("0.125", "0.125"),
        ("18,009.98", "18009.98"),
        ("17,626.37", "17626.37"),
        ("1,000,000", "1000000"),
        ("１００", "100"),
        ("１８，００９．９８", "18009.98"),
        ("+5", "5"),
        ("－３", "-3"),
        (" 42 ", "42"),
        ("1000000000000000", "1000000000000000"),
        ("0.000000000000000000000000000001", "1E-30"),
    ],
)
def test_parse_decimal_reads_report_numbers(text, expected):
    """Plain numbers as reports write them read exactly, digit for digit."""
    value = parse_decimal(text)
    assert isinstance(value, Decimal)
    assert value == Decimal(expected)
    assert str(value) == str(Decimal(expected))


@pytest.mark.parametrize("text", ["-0", "-0.00", "－０"])
def test_negative_zero_has_no_sign(text):
    """Negative zero reads as zero, so a report never shows -0."""
    value = parse_decimal(text)
    assert value == 0
    assert not value.is_signed()


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", numerals.EMPTY),
        ("   ", numerals.EMPTY),
        ("NaN", numerals.NOT_FINITE),
        ("-nan", numerals.NOT_FINITE),
        ("inf", numerals.NOT_FINITE),
        ("-Infinity", numerals.NOT_FINITE),
        ("∞", numerals.NOT_FINITE),
        ("1e309", numerals.EXPONENT),
        ("1e-400", numerals.EXPONENT),
        ("1e3", numerals.EXPONENT),
        ("1.23457E+11", numerals.EXPONENT),
        ("三", numerals.CHINESE_NUMERALS),
        ("一百", numerals.CHINESE_NUMERALS),
        ("1,23", numerals.GROUPS),
        ("0,123", numerals.GROUPS),
        ("1234,567", numerals.GROUPS),
        ("1,234,56", numerals.GROUPS),
        (",123", numerals.GROUPS),
        ("1000000000000001", numerals.TOO_LARGE),
        ("-99999999999999999999", numerals.TOO_LARGE),
        ("1" * 15 + "." + "1" * 16, numerals.TOO_PRECISE),
        ("0." + "0" * 30 + "1", numerals.TOO_PRECISE),
        ("1.", numerals.MALFORMED),
        (".5", numerals.MALFORMED),
        ("1.2.3", numerals.MALFORMED),
        ("- 5", numerals.MALFORMED),
        ("1 000", numerals.MALFORMED),
        ("5%", numerals.MALFORMED),
        ("abc", numerals.MALFORMED),
    ],
)
def test_parse_decimal_rejects(text, problem):
    """Anything but a plain number is a FIGURE_NUMBER error that says why."""
    with pytest.raises(ParseError) as caught:
        parse_decimal(text)
    assert caught.value.codes == ("FIGURE_NUMBER",)
    assert dict(caught.value.diagnostics[0].params)["text"] == text
    assert _problem(caught.value) == problem.en


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("97.87%", "97.87", "%"),
        ("103场", "103", "场"),
        ("202.6万元", "202.6", "万元"),
        ("18,009.98万元", "18009.98", "万元"),
        ("1.5万人", "1.5", "万人"),
        ("2天", "2", "天"),
        ("8个", "8", "个"),
        ("100 %", "100", "%"),
        ("１００％", "100", "%"),
        ("5‰", "5", "‰"),
        ("3个工作日", "3", "个工作日"),
        ("2.42万次", "2.42", "万次"),
        ("500㎡", "500", "㎡"),
        ("0起", "0", "起"),
        ("103", "103", None),
    ],
)
def test_parse_quantity_reads_units(text, value, unit):
    """A number with a unit glued on or after a space reads as value and unit."""
    quantity = parse_quantity(text)
    assert quantity.value == Decimal(value)
    assert (quantity.unit.symbol if quantity.unit else None) == unit
    assert quantity.text == text


@pytest.mark.parametrize(("given_value", "expected"), [(103, "103"), (Decimal("97.87"), "97.87")])
def test_parse_quantity_numbers_have_no_unit(given_value, expected):
    """An int or Decimal from YAML is a quantity without a unit."""
    assert parse_quantity(given_value) == Quantity(value=Decimal(expected), unit=None, text=expected)


@pytest.mark.parametrize(
    "value",
    [Decimal("NaN"), Decimal("-Infinity"), Decimal("1E+400"), Decimal("1E-400"), 10**5000],
    ids=["nan", "-infinity", "1E+400", "1E-400", "10**5000"],
)
def test_parse_quantity_holds_numbers_to_the_text_rules(value):
    """A Decimal or int given directly obeys the same limits as text."""
    with pytest.raises(ParseError) as caught:
        parse_quantity(value)
    assert caught.value.codes == ("FIGURE_NUMBER",)


def test_parse_quantity_rejects_yaml_booleans():
    """YAML reads yes as true: a bool is a FIGURE_NUMBER error, not the number 1."""
    with pytest.raises(ParseError) as caught:
        parse_quantity(True)  # noqa: FBT003 - the bool is the input under test
    assert caught.value.codes == ("FIGURE_NUMBER",)
    assert _problem(caught.value) == numerals.TRUTH_VALUE.en


@pytest.mark.parametrize(("value", "words"), [(97.87, "float"), (None, "NoneType"), ([1], "list")])
def test_parse_quantity_rejects_other_types(value, words):
    """A float (or any other type) is a programming error, with a message that says so."""
    with pytest.raises(TypeError, match=words):
        parse_quantity(value)


@pytest.mark.parametrize(("text", "symbol"), [("95%%", "%%"), ("5斤", "斤"), ("3千人", "千人"), ("5 -10%", "-10%")])
def test_parse_quantity_rejects_unknown_units(text, symbol):
    """An unknown unit is named in the error, with no guess (斤 is not 公斤)."""
    with pytest.raises(ParseError) as caught:
        parse_quantity(text)
    assert caught.value.codes == ("FIGURE_NUMBER",)
    assert _problem(caught.value) == f"unknown unit '{symbol}'"
    assert caught.value.diagnostics[0].suggestion is None


@pytest.mark.parametrize(("text", "problem"), [("1e3万元", numerals.EXPONENT), ("三场", numerals.CHINESE_NUMERALS)])
def test_parse_quantity_explains_bad_numbers(text, problem):
    """A quantity whose number is wrong reports the number's problem."""
    with pytest.raises(ParseError) as caught:
        parse_quantity(text)
    assert _problem(caught.value) == problem.en


# ---- units ---------------------------------------------------------------------------


def _in(text: str, symbol: str) -> Decimal:
    return convert(parse_quantity(text), lookup_unit(symbol))


@pytest.mark.parametrize(
    ("text", "symbol", "expected"),
    [
        ("202.6万元", "元", "2026000"),
        ("18,009.98万元", "元", "180099800"),
        ("2026000元", "万元", "202.6"),
        ("1元", "万元", "0.0001"),
        ("1.2亿元", "万元", "12000"),
        ("1.5万人", "人", "15000"),
        ("15000人", "万人", "1.5"),
        ("2.42万次", "次", "24200"),
        ("103场", "次", "103"),
        ("6场次", "场", "6"),
        ("3名", "人", "3"),
        ("48小时", "天", "2"),
        ("36小时", "天", "1.5"),
        ("1周", "小时", "168"),
        ("5‰", "%", "0.5"),
        ("3亩", "㎡", "2000"),
        ("2公里", "米", "2000"),
        ("103", "场", "103"),
    ],
)
def test_convert_is_exact(text, symbol, expected):
    """Conversion goes through exact fractions: no float, no rounding on the way."""
    assert _in(text, symbol) == Decimal(expected)


@pytest.mark.parametrize(
    ("text", "symbol"),
    [("202.6万元", "%"), ("3个工作日", "天"), ("2个月", "天"), ("1年", "个月"), ("5个", "场"), ("2%", "个百分点")],
)
def test_convert_refuses_other_dimensions(text, symbol):
    """Units that measure different things cannot be converted: FIGURE_UNIT names both."""
    with pytest.raises(ParseError) as caught:
        _in(text, symbol)
    assert caught.value.codes == ("FIGURE_UNIT",)
    params = dict(caught.value.diagnostics[0].params)
    assert params["target_unit"] == symbol
    assert "{" not in caught.value.diagnostics[0].message("zh")


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("场", "次", True),
        ("场次", "次", True),
        ("名", "位", True),
        ("万人", "人", True),
        ("万元", "元", True),
        ("天", "个工作日", False),
        ("人", "人次", False),
        ("%", "‰", True),
    ],
)
def test_same_dimension(a, b, same):
    """Synonyms and scaled units share a dimension; working days are not calendar days."""
    assert same_dimension(lookup_unit(a), lookup_unit(b)) is same


def test_unit_factors():
    """The decimal factor shows each unit's size; hours keep 50 significant digits."""
    assert lookup_unit("万元").factor == Decimal(10000)
    assert lookup_unit("‰").factor == Decimal("0.1")
    assert lookup_unit("亿人").factor == Decimal(10**8)
    assert lookup_unit("小时").factor == div(Decimal(1), Decimal(24))
    assert str(lookup_unit("万元")) == "万元"


@pytest.mark.parametrize("symbol", ["斤", "万%", "万天", "", "千人"])
def test_lookup_unit_rejects_unknown(symbol):
    """Unknown units, and 万/亿 on units that do not take it, are FIGURE_NUMBER errors (a bare 万/亿 is the numeral)."""
    assert find_unit(symbol) is None
    with pytest.raises(ParseError) as caught:
        lookup_unit(symbol)
    assert caught.value.codes == ("FIGURE_NUMBER",)


def test_every_known_symbol_reads_back():
    """Each registered symbol is found under its own name."""
    for symbol in known_symbols():
        assert lookup_unit(symbol).symbol == symbol


# ---- properties ------------------------------------------------------------------------


@given(decimals_in_range())
def test_parse_decimal_round_trips_str(value):
    """parse_decimal(str(d)) == d for decimals in range written without an exponent."""
    assume("E" not in str(value))
    assert parse_decimal(str(value)) == value


@given(decimals_in_range())
def test_parse_decimal_round_trips_fixed_notation(value):
    """parse_decimal(format(d, 'f')) == d, with or without thousands separators."""
    assert parse_decimal(format(value, "f")) == value
    assert parse_decimal(format(value, ",f")) == value


@given(written_quantities())
def test_written_quantities_read_back(written):
    """A quantity written in any of the styles reads back as the same value and unit."""
    quantity = parse_quantity(written.text)
    assert quantity.value == written.value
    assert (quantity.unit.symbol if quantity.unit else None) == written.unit


@pytest.mark.fuzz
@given(st.text() | target_like_text())
def test_fuzz_text_raises_only_library_errors(text):
    """Arbitrary text either reads or raises a PerfscoreError; nothing else escapes."""
    for parse in (parse_decimal, parse_quantity):
        try:
            parse(text)
        except PerfscoreError as err:
            shown = err.format("en") + err.format("zh")
        else:
            shown = ""
        assert "{" in text or "{" not in shown  # every message parameter was filled in


@pytest.mark.fuzz
@given(st.decimals() | st.integers())
def test_fuzz_numbers_raise_only_library_errors(value):
    """Any Decimal (NaN, huge, tiny) or int either reads or raises a PerfscoreError."""
    try:
        quantity = parse_quantity(value)
    except PerfscoreError:
        return
    assert quantity.value == value


@pytest.mark.parametrize(
    ("text", "unit"), [("98%(百分比)", "%"), ("98%（百分比）", "%"), ("3个(个)", "个"), ("2万元(万元)", "万元")]
)
def test_a_unit_glossed_in_words_is_the_unit(text, unit):
    """%(百分比), as a form's system prints a unit with its name in brackets, is the unit itself."""
    quantity = parse_quantity(text)
    assert quantity.unit is not None
    assert quantity.unit.symbol == unit


@pytest.mark.parametrize("symbol", ["%(个)", "万元(元)", "%(斤)", "斤(斤)", "(百分比)"])
def test_a_gloss_naming_another_unit_is_not_read(symbol):
    """The words in brackets must name a unit of the same size: %(个) or 万元(元) stay unknown."""
    assert find_unit(symbol) is None


@pytest.mark.parametrize(("text", "value"), [("每亩300", "300"), ("每亩 1,200", "1200"), ("每人50", "50")])
def test_a_rate_written_unit_first(text, value):
    """每亩300 (300 per 亩, as a 成本指标 prints it) is 300 in the unit 每亩, which compares only with 每亩."""
    quantity = parse_quantity(text)
    assert quantity.value == Decimal(value)
    assert quantity.unit is not None
    assert quantity.unit.symbol == text[:2]
    assert same_dimension(quantity.unit, lookup_unit(text[:2]))
    assert not same_dimension(quantity.unit, lookup_unit(text[1]))


@pytest.mark.parametrize("text", ["每亩300元", "每300", "每月3次", "每亩"])
def test_a_rate_unit_first_is_read_only_bare(text):
    """Only 每 + a unit + a bare number is read; a unit after the number as well is not guessed at."""
    with pytest.raises(ParseError):
        parse_quantity(text)
