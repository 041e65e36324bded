"""Reading the 指标值 column: comparisons, phrases, bare numbers and labels."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import target_like_text, written_targets

from perfscore._core import numerals, targets
from perfscore._core.diagnostics import ParseError, PerfscoreError
from perfscore._core.numerals import parse_quantity
from perfscore._core.targets import Op, Target, parse_target
from perfscore._core.units import lookup_unit

GE, GT, LE, LT, EQ = Op.GE, Op.GT, Op.LE, Op.LT, Op.EQ


@pytest.mark.parametrize(
    ("text", "op", "value", "unit", "implicit"),
    [
        ("≥95%", GE, "95", "%", False),
        ("≧90%", GE, "90", "%", False),
        (">=95 %", GE, "95", "%", False),
        ("＞＝95%", GE, "95", "%", False),
        ("≥ 95%", GE, "95", "%", False),
        ("≤202.6万元", LE, "202.6", "万元", False),
        ("≦202.6万元", LE, "202.6", "万元", False),
        ("<=5", LE, "5", None, False),
        ("=8个", EQ, "8", "个", False),
        ("＝8个", EQ, "8", "个", False),
        (">0", GT, "0", None, False),
        ("<3天", LT, "3", "天", False),
        ("2天以内", LE, "2", "天", False),
        ("3个工作日内", LE, "3", "个工作日", False),
        ("30日之内", LE, "30", "日", False),
        ("5%以下", LE, "5", "%", False),
        ("5个以上", GE, "5", "个", False),
        ("90%及以上", GE, "90", "%", False),
        ("≥90%以上", GE, "90", "%", False),
        ("不低于90%", GE, "90", "%", False),
        ("不少于100场", GE, "100", "场", False),
        ("不小于3项", GE, "3", "项", False),
        ("大于等于80分", GE, "80", "分", False),
        ("不超过5%", LE, "5", "%", False),
        ("不高于3次", LE, "3", "次", False),
        ("不大于2起", LE, "2", "起", False),
        ("至多4件", LE, "4", "件", False),
        ("小于等于1%", LE, "1", "%", False),
        ("至少2次", GE, "2", "次", False),
        ("最多3次", LE, "3", "次", False),
        ("达到100%", GE, "100", "%", False),
        ("大于0", GT, "0", None, False),
        ("高于85%", GT, "85", "%", False),
        ("超过60%", GT, "60", "%", False),
        ("小于5%", LT, "5", "%", False),
        ("低于3%", LT, "3", "%", False),
        ("少于2次", LT, "2", "次", False),
        ("等于0", EQ, "0", None, False),
        ("≥100场", GE, "100", "场", False),
        ("≥18,009.98万元", GE, "18009.98", "万元", False),
        ("≤-5%", LE, "-5", "%", False),
        ("≥１.５万人", GE, "1.5", "万人", False),
        ("１００％", GE, "100", "%", True),
        ("100%", GE, "100", "%", True),
        ("103场", GE, "103", "场", True),
        ("0", EQ, "0", None, True),
        ("0起", EQ, "0", "起", True),
        ("0.00%", EQ, "0", "%", True),
        ("每亩300", GE, "300", "每亩", True),
        ("≤每亩300", LE, "300", "每亩", False),
        ("≥98%(百分比)", GE, "98", "%", False),
    ],
)
def test_parse_target_forms(text, op, value, unit, implicit):
    """Every written form reads as the operator, number and unit it means."""
    target = parse_target(text)
    assert target.op is op
    assert target.quantity is not None
    assert target.quantity.value == Decimal(value)
    assert (target.unit.symbol if target.unit else None) == unit
    assert target.implicit_op is implicit
    assert target.label is None
    assert target.text == text


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("达成", "达成"),
        ("有效提升", "有效提升"),
        ("是", "是"),
        ("好", "好"),
        ("零事故", "零事故"),
        ("不低于上年", "不低于上年"),
        ("  明显  改善 ", "明显 改善"),
        ("ＡＢＣ", "ABC"),
        ("一次性", "一次性"),
    ],
)
def test_parse_target_labels(text, label):
    """Text without digits is a qualitative label, normalised."""
    target = parse_target(text)
    assert target.op is Op.LABEL
    assert target.quantity is None
    assert target.label == label
    assert target.unit is None
    assert str(target) == label


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("≥abc5", targets.NOT_A_FORM),
        ("完成5项市政水务工程", targets.NOT_A_FORM),
        ("第1名", targets.NOT_A_FORM),
        ("95%%", None),
        ("≥", targets.OPERATOR_ONLY),
        ("不低于", targets.OPERATOR_ONLY),
        ("以内", targets.OPERATOR_ONLY),
        (">=<5", targets.TWO_OPERATORS),
        ("≥不低于5", targets.TWO_OPERATORS),
        ("≥90%以内", targets.CONFLICT),
        ("大于5以上", targets.CONFLICT),
        ("≥90%-100%", targets.RANGE),  # ranges themselves parse: see tests/test_interval.py
        ("高于90%且低于100%", targets.RANGE),
        ("100%-90%", targets.RANGE_ORDER),
        ("3天至5个月", targets.RANGE_UNITS),
        ("", numerals.EMPTY),
        (" \u3000", numerals.EMPTY),
        ("不少于三场", numerals.CHINESE_NUMERALS),
        ("三", numerals.CHINESE_NUMERALS),
        ("百分之九十", numerals.CHINESE_NUMERALS),
        ("≥NaN", numerals.NOT_FINITE),
        ("≥1,23%", numerals.GROUPS),
        ("1e3", numerals.EXPONENT),
        ("≥1e309", numerals.EXPONENT),
    ],
)
def test_parse_target_rejects(text, problem):
    """Text with digits that is none of the forms is TARGET_UNPARSEABLE, saying why."""
    with pytest.raises(ParseError) as caught:
        parse_target(text)
    assert caught.value.codes == ("TARGET_UNPARSEABLE",)
    item = caught.value.diagnostics[0]
    params = dict(item.params)
    assert params["text"] == text
    if problem is not None:
        assert (params["problem"], params["problem_zh"]) == (problem.en, problem.zh)
    for lang in ("en", "zh"):
        assert "{" not in item.message(lang)


def test_parse_target_unknown_unit_names_it():
    """A number with an unknown unit reports the unit, in both languages."""
    with pytest.raises(ParseError) as caught:
        parse_target("95%%")
    assert "'%%'" in caught.value.diagnostics[0].message("en")
    assert "“%%”" in caught.value.diagnostics[0].message("zh")


@pytest.mark.parametrize(
    ("value", "op", "expected"),
    [(100, GE, "100"), (0, EQ, "0"), (Decimal("95.5"), GE, "95.5"), (Decimal("-0"), EQ, "0")],
)
def test_parse_target_numbers(value, op, expected):
    """An int or Decimal from YAML is a bare number: a level to reach, or =0."""
    target = parse_target(value)
    assert target.op is op
    assert target.implicit_op
    assert target.value_in(None) == Decimal(expected)
    assert target.text == str(value)


def test_parse_target_rejects_yaml_booleans():
    """YAML reads 是/yes unquoted as true: a bool is an error asking for quotes."""
    with pytest.raises(ParseError) as caught:
        parse_target(True)  # noqa: FBT003 - the bool is the input under test
    assert caught.value.codes == ("TARGET_UNPARSEABLE",)


@pytest.mark.parametrize("value", [95.0, None, ["≥95%"]])
def test_parse_target_rejects_other_types(value):
    """A float or another type is a programming error (TypeError), not a pack error."""
    with pytest.raises(TypeError, match="parse_target"):
        parse_target(value)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("≥95%", "≥95%"),
        ("＞＝９５．０％", "≥95%"),
        ("不超过202.6万元", "≤202.6万元"),
        ("2天以内", "≤2天"),
        ("100%", "≥100%"),
        ("0", "=0"),
        (">0", ">0"),
        ("<1", "<1"),
        ("=8个", "=8个"),
        ("18,009.98万元", "≥18009.98万元"),
    ],
)
def test_repr_and_str(text, shown):
    """The repr shows the author's text; str shows the normalised reading."""
    target = parse_target(text)
    assert repr(target) == f"Target({text!r})"
    assert str(target) == shown


def test_op_symbols():
    """Each operator has a display symbol; a label has none."""
    assert [op.symbol for op in Op] == ["≥", ">", "≤", "<", "=", ""]


def test_value_in_converts_units():
    """value_in gives the target number in the unit asked for, exactly."""
    target = parse_target("≤202.6万元")
    assert target.value_in(None) == Decimal("202.6")
    assert target.value_in(lookup_unit("元")) == Decimal(2026000)
    assert parse_target("不少于6场次").value_in(lookup_unit("次")) == 6
    assert parse_target("≥95").value_in(lookup_unit("%")) == 95


def test_value_in_refuses_other_dimensions():
    """Asking a money target for a percentage is a FIGURE_UNIT error."""
    with pytest.raises(ParseError) as caught:
        parse_target("≤202.6万元").value_in(lookup_unit("%"))
    assert caught.value.codes == ("FIGURE_UNIT",)


def test_value_in_of_a_label():
    """A label has no number to give."""
    with pytest.raises(ValueError, match="达成"):
        parse_target("达成").value_in(None)


def test_target_checks_label_xor_quantity():
    """A target is either a comparison with a quantity or a label, never both or neither."""
    quantity = parse_quantity("5")
    with pytest.raises(ValueError, match="LABEL"):
        Target(op=Op.LABEL, quantity=quantity, label="x", text="x")
    with pytest.raises(ValueError, match="GE"):
        Target(op=Op.GE, quantity=None, label=None, text="")
    with pytest.raises(ValueError, match="GE"):
        Target(op=Op.GE, quantity=quantity, label="5", text="5")


@given(written_targets())
def test_written_targets_read_back(written):
    """A target written in any style reads back as the same operator, number and unit."""
    target = parse_target(written.text)
    assert target.op is written.op
    assert target.quantity is not None
    assert target.quantity.value == written.value
    assert (target.unit.symbol if target.unit else None) == written.unit
    assert target.implicit_op is written.implicit_op
    assert target.text == written.text


@given(written_targets())
def test_str_reads_back_as_the_same_target(written):
    """The normalised display is itself a target that reads the same."""
    target = parse_target(written.text)
    again = parse_target(str(target))
    assert (again.op, again.value_in(None), again.unit) == (target.op, target.value_in(None), target.unit)


@pytest.mark.fuzz
@given(st.text() | target_like_text())
def test_fuzz_raises_only_library_errors(text):
    """Arbitrary text reads as a target or raises a PerfscoreError; nothing else escapes."""
    try:
        target = parse_target(text)
    except PerfscoreError as err:
        codes = err.codes
    else:
        codes = ()
        assert (target.op is Op.LABEL) == (target.quantity is None)
    assert codes in {(), ("TARGET_UNPARSEABLE",)}
