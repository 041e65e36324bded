"""The formula language: worked examples, every error, every limit, and properties."""

from __future__ import annotations

import contextlib
import re
import sys
import time
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from strategies import (
    FORMULA_FIGURES,
    WrittenFormula,
    formula_soup,
    formula_values,
    written_conditions,
    written_formulas,
)

import perfscore.expression
from perfscore._core.diagnostics import Location, ParseError
from perfscore.expression import (
    DEFAULT_LIMITS,
    Expression,
    ExpressionError,
    Limits,
    parse_expression,
)

D = Decimal
ORACLE_LIMITS = Limits(max_length=100_000, max_depth=200)
NO_LENGTH_LIMIT = Limits(max_length=1_000_000)


def value_of(source: str, **values: Decimal | bool) -> Decimal | bool:
    """Parse ``source`` and evaluate it against ``values``."""
    return parse_expression(source).evaluate(values)


def error_of(source: str, limits: Limits = DEFAULT_LIMITS, **values: Decimal | bool) -> ExpressionError:
    """Return the ExpressionError that parsing or evaluating ``source`` raises."""
    with pytest.raises(ExpressionError) as caught:
        parse_expression(source, limits=limits).evaluate(values)
    assert caught.value.codes == ("EXPRESSION_INVALID",)
    return caught.value


def column_of(error: ExpressionError) -> int | None:
    """Return the column of the error's one diagnostic."""
    return error.diagnostics[0].location.column


def problem_of(error: ExpressionError) -> str:
    """Return the English problem text of the error's one diagnostic."""
    return dict(error.diagnostics[0].params)["problem"]


# ---- Public API ------------------------------------------------------------------------


def test_public_names() -> None:
    """The package exports exactly the names other modules rely on."""
    assert sorted(perfscore.expression.__all__) == [
        "DEFAULT_LIMITS",
        "Expression",
        "ExpressionError",
        "Limits",
        "parse_expression",
    ]


def test_expression_error_is_a_parse_error() -> None:
    """ExpressionError is a ParseError, so loaders can relocate it into the pack file."""
    assert issubclass(ExpressionError, ParseError)


def test_default_limits() -> None:
    """The default limits are the documented ones."""
    documented = Limits(
        max_length=2000,
        max_depth=64,
        max_digits=30,
        max_steps=10_000,
        max_magnitude=D("1e30"),
    )
    assert documented == DEFAULT_LIMITS


def test_repr_is_the_authors_text() -> None:
    """repr() shows the formula as written, so traces speak the author's notation."""
    source = "min(actual / target, 1) * weight"
    assert repr(parse_expression(source)) == f"formula('{source}')"
    assert repr(parse_expression("执行数 × 2")) == "formula('执行数 × 2')"


def test_source_and_names() -> None:
    """The source is kept as written; names lists every figure read, in any branch."""
    formula = parse_expression("if(rate >= 90%, weight, weight * rate / 90%) + min(x, 人员)")
    assert formula.source == "if(rate >= 90%, weight, weight * rate / 90%) + min(x, 人员)"
    assert formula.names == frozenset({"rate", "weight", "x", "人员"})
    assert parse_expression("1 + 2").names == frozenset()


def test_expressions_are_frozen_and_hashable() -> None:
    """A parsed formula cannot be changed, and equal sources give equal, hashable formulas."""
    first, second = parse_expression("a + 1"), parse_expression("a + 1")
    assert first == second
    assert hash(first) == hash(second)
    assert first != parse_expression("a + 2")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        first.source = "b"  # type: ignore[misc]


def test_evaluate_repeatedly_without_side_effects() -> None:
    """One parsed formula evaluates many times, and leaves the values untouched."""
    formula = parse_expression("min(actual / target, 1) * weight")
    values = {"actual": D(45), "target": D(50), "weight": D(10)}
    assert [formula.evaluate(values) for _ in range(3)] == [D(9)] * 3
    assert values == {"actual": D(45), "target": D(50), "weight": D(10)}
    assert formula.evaluate({**values, "actual": D(60)}) == D(10)


def test_label_names_the_formula_in_messages() -> None:
    """The label given at parse time names the formula in parse and evaluation errors."""
    with pytest.raises(ExpressionError) as caught:
        parse_expression("1 +", label="C11")
    assert dict(caught.value.diagnostics[0].params)["id"] == "C11"
    assert "formula of 'C11'" in str(caught.value)
    with pytest.raises(ExpressionError) as caught:
        parse_expression("a / 0", label="C12").evaluate({"a": D(1)})
    assert "formula of 'C12': division by zero" in str(caught.value)


def test_unlabelled_formula_is_called_formula() -> None:
    """Without a label the diagnostic's id is 'formula'; the Chinese message is filled too."""
    error = error_of("1 +")
    assert dict(error.diagnostics[0].params)["id"] == "formula"
    assert error.diagnostics[0].message("zh").startswith("'formula' 的公式：")


def test_located_moves_the_column_into_the_pack_file() -> None:
    """ParseError.located adds the formula's own column to where the formula starts."""
    error = error_of("a + b)")
    (placed,) = error.located(Location(file="pack.yaml", line=7, column=14), ("C11",))
    assert (placed.location.line, placed.location.column) == (7, 19)
    assert placed.path == ("C11",)


# ---- Worked examples -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("1 + 2", D(3)),
        ("5 - 7", D(-2)),
        ("6 * 7", D(42)),
        ("7 / 2", D("3.5")),
        ("0.1 + 0.2", D("0.3")),
        ("-3", D(-3)),
        ("+3", D(3)),
        ("--3", D(3)),
        ("2 * -3", D(-6)),
        ("10 - -3", D(13)),
    ],
)
def test_arithmetic(source: str, expected: Decimal) -> None:
    """The four operations and the signs compute exactly in Decimal."""
    assert value_of(source) == expected


def test_division_uses_fifty_digits() -> None:
    """Division is done in perfscore's 50-digit context, whatever the thread's context."""
    assert value_of("2 / 3") == D("0." + "6" * 49 + "7")


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("1 + 2 * 3", D(7)),
        ("(1 + 2) * 3", D(9)),
        ("10 - 4 - 3", D(3)),
        ("10 - (4 - 3)", D(9)),
        ("12 / 4 / 3", D(1)),
        ("2 * 3 + 4 * 5", D(26)),
        ("-2 * 3 + 1", D(-5)),
        ("1 + 2 < 4", True),
        ("1 < 2 == true", None),
        ("not 1 > 2 and 1 < 2", True),
        ("true or false and false", True),
        ("(true or false) and false", False),
        ("not true or true", True),
        ("not (true or true)", False),
        ("1 + 1 == 2 and 2 * 2 == 4", True),
    ],
)
def test_precedence(source: str, expected: object) -> None:
    """Operators bind from or (loosest) to unary signs (tightest); runs go left to right."""
    if expected is None:
        assert "chained" in problem_of(error_of(source))
    else:
        assert value_of(source) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("95%", D("0.95")),
        ("100%", D(1)),
        ("12.5%", D("0.125")),
        ("0%", D(0)),
        ("50% * 200", D(100)),
        ("95% == 0.95", True),
    ],
)
def test_percent_literals(source: str, expected: object) -> None:
    """A trailing % divides a number literal by 100, exactly."""
    assert value_of(source) == expected


def test_percent_literal_is_exact_beyond_the_default_context() -> None:
    """Percent literals are exact even with more digits than the thread's default context."""
    assert value_of("123456789012345678901234567.89%") == D("1234567890123456789012345.6789")


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("<", False),
        ("<=", True),
        (">", False),
        (">=", True),
        ("==", True),
        ("!=", False),
        ("≥", True),
        ("≧", True),
        ("≤", True),
        ("≦", True),
        ("≠", False),
    ],
)
def test_comparisons(source: str, expected: bool) -> None:  # noqa: FBT001 - pytest parameter
    """Every comparison operator, in ASCII and in the maths signs, compares numbers."""
    assert value_of(f"a {source} b", a=D("2.0"), b=D(2)) is expected


def test_equality_of_true_false_values() -> None:
    """== and != also compare two true/false values."""
    assert value_of("(1 < 2) == true") is True
    assert value_of("flag != false", flag=True) is True


def test_full_width_input() -> None:
    """Full-width digits, brackets, operators and commas read as their ASCII forms."""
    assert value_of("１００ ＋ （２×３）") == D(106)
    assert value_of("max（1，2，３）") == D(3)
    assert value_of("７ ÷ ２ − １") == D("2.5")
    assert value_of("９５％") == D("0.95")
    assert value_of("ａ＊２", a=D(4)) == D(8)


def test_cjk_names() -> None:
    """Figure names may be Chinese, as pack authors name them."""
    formula = parse_expression("max(0, weight - 0.1 * (人员控制率 - 100))")
    assert formula.names == frozenset({"weight", "人员控制率"})
    assert formula.evaluate({"weight": D(5), "人员控制率": D(103)}) == D("4.7")
    assert value_of("执行数 / 调整后预算数", 执行数=D("17626.37"), 调整后预算数=D("18009.98")).quantize(
        D("0.0001")
    ) == D("0.9787")


def test_dotted_names() -> None:
    """Names may have parts joined by '.', read as one figure name."""
    formula = parse_expression("budget.adjusted * values.count")
    assert formula.names == frozenset({"budget.adjusted", "values.count"})
    assert formula.evaluate({"budget.adjusted": D(2), "values.count": D(3)}) == D(6)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("min(3, 1, 2)", D(1)),
        ("max(3, 1, 2)", D(3)),
        ("min(7)", D(7)),
        ("abs(-2.5)", D("2.5")),
        ("abs(2.5)", D("2.5")),
        ("round(2.675, 2)", D("2.68")),
        ("round(2.665, 2)", D("2.67")),
        ("round(-2.5, 0)", D(-3)),
        ("round(2.5, 0)", D(3)),
        ("round(1.23456, 4)", D("1.2346")),
        ("round(2, 2)", D("2.00")),
        ("clamp(15, 0, 10)", D(10)),
        ("clamp(-1, 0, 10)", D(0)),
        ("clamp(4, 0, 10)", D(4)),
        ("if(1 < 2, 10, 20)", D(10)),
        ("if(1 > 2, 10, 20)", D(20)),
        ("if(true, 1 < 2, false)", True),
    ],
)
def test_functions(source: str, expected: object) -> None:
    """min, max, abs, round (四舍五入), clamp and if compute as documented."""
    assert value_of(source) == expected


def test_round_keeps_the_places() -> None:
    """round() gives exactly the requested number of places, as tables show them."""
    assert str(value_of("round(2, 2)")) == "2.00"


def test_if_is_lazy() -> None:
    """Only the chosen branch of if() is evaluated, so it guards a division or a missing figure."""
    formula = parse_expression("if(b == 0, 0, a / b)")
    assert formula.evaluate({"a": D(1), "b": D(0)}) == D(0)
    assert formula.evaluate({"a": D(1), "b": D(4)}) == D("0.25")
    assert value_of("if(true, 1, missing)") == D(1)


def test_and_or_stop_early() -> None:
    """and/or stop as soon as the answer is known, like if()."""
    assert value_of("b != 0 and a / b > 1", a=D(1), b=D(0)) is False
    assert value_of("b == 0 or a / b > 1", a=D(1), b=D(0)) is True
    assert value_of("true and true and false") is False
    assert value_of("false or false or true") is True


def test_worked_examples_from_packs() -> None:
    """The formulas pack authors write give the scores the scoring tables give."""
    formula = parse_expression("if(rate >= 90%, weight, weight * rate / 90%)")
    assert formula.evaluate({"rate": D("0.95"), "weight": D(10)}) == D(10)
    assert formula.evaluate({"rate": D("0.45"), "weight": D(10)}) == D(5)
    positive = parse_expression("if(actual >= target, weight, round(actual / target * weight, 2))")
    assert positive.evaluate({"actual": D(80), "target": D(90), "weight": D(5)}) == D("4.44")


def test_values_may_be_booleans() -> None:
    """A figure may be true/false and be used as a condition."""
    assert value_of("if(done, 5, 0)", done=True) == D(5)
    assert value_of("not done", done=True) is False


def test_whitespace_is_free() -> None:
    """Spaces, tabs, newlines and the ideographic space separate tokens anywhere."""
    assert value_of(" 1\t+\n2\u3000*　3 ") == D(7)


def test_long_sums_stay_shallow() -> None:
    """A long run of + is one level deep, so it is not mistaken for deep nesting."""
    assert value_of("+".join(["1"] * 900)) == D(900)


# ---- Errors, one per kind --------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "column", "fragment"),
    [
        ("x ** 2", 3, "powers are not supported"),
        ("x ^ 2", 3, "powers are not supported"),
        ("x²", 2, "powers are not supported"),
        ("'abc'", 1, "text is not supported"),
        ('x + "abc"', 5, "text is not supported"),
        ("“文本”", 1, "text is not supported"),
        ("x[1]", 2, "subscripts"),
        ("lambda: 1", 1, "'lambda' is not supported"),
        ("x for x in y", 3, "loops and comprehensions"),
        ("import os", 1, "'import' is not supported"),
        ("x = 1", 3, "use == to compare"),
        ("x := 1", 3, "cannot assign"),
        ("a; b", 2, "';' is not allowed"),
        ("a \\ b", 3, "backslashes"),
        ("a b", 3, "operator missing"),
        ("1 + 2 3", 7, "operator missing"),
        ("", 1, "the formula is empty"),
        ("   ", 1, "the formula is empty"),
        ("(a + b", 7, "')' expected to close the '(' at column 1"),
        ("a + b)", 6, "no matching '('"),
        ("(a, b)", 3, "')' expected to close"),
        ("a, b", 2, "',' separates the arguments"),
        ("1 +", 4, "ends where a value is expected"),
        ("* 2", 1, "found '*'"),
        ("min(a,)", 7, "found ')'"),
        ("a < b < c", 7, "comparisons cannot be chained"),
        ("a == b != c", 8, "comparisons cannot be chained"),
        ("x.__class__", 3, "names may not start with '_'"),
        ("_secret", 1, "names may not start with '_'"),
        ("x.", 2, "'.' in a name"),
        ("1e5", 1, "exponents"),
        ("0x1F", 1, "decimal"),
        ("1_000", 1, "without '_'"),
        ("2x", 1, "put * between"),
        ("1.2.3", 1, "'1.2.3' is not a number"),
        ("1.", 1, "'1.' is not a number"),
        (".5", 1, "write 0.5"),
        ("rate%", 5, "'%' may only follow a number"),
        ("a && b", 3, "use 'and'"),
        ("a || b", 3, "use 'or'"),
        ("!a", 1, "use 'not'"),
        ("1 <> 2", 3, "use !="),
        ("{a}", 1, "braces"),
        ("a # note", 3, "comments"),
        ("None", 1, "Python word"),
        ("True", 1, "lower case"),
        ("a if b else c", 8, "write a choice as if(condition, then, else)"),
        ("a else b", 3, "if(condition, then, else)"),
        ("a @ b", 3, "'@' (U+0040) cannot be used"),
        ("a\x00", 2, "U+0000 cannot be used"),
        ("①", 1, "plain digits"),
    ],
)
def test_syntax_errors(source: str, column: int, fragment: str) -> None:
    """Each kind of malformed formula is refused with a message naming it, at its column."""
    error = error_of(source)
    assert fragment in problem_of(error)
    assert column_of(error) == column


@pytest.mark.parametrize(
    ("source", "column", "fragment"),
    [
        ("mni(a, b)", 1, "unknown function 'mni'"),
        ("sum(a, b)", 1, "unknown function 'sum'"),
        ("values.count(a)", 1, "unknown function 'values.count'"),
        ("min()", 1, "min() takes at least 1 argument(s), not 0"),
        ("abs(1, 2)", 1, "abs() takes 1 argument(s), not 2"),
        ("if(true, 1)", 1, "if() takes 3 argument(s), not 2"),
        ("clamp(1, 2)", 1, "clamp() takes 3"),
        ("1 + round(x, 2.5)", 14, "whole number of places"),
        ("round(x, 11)", 10, "whole number of places"),
        ("round(x, n)", 10, "whole number of places"),
        ("round(x, -1)", 10, "whole number of places"),
        ("min", 1, "'min' is a function"),
        ("if x", 1, "'if' is a function"),
        ("2 * not b", 5, "put 'not ...' in brackets"),
        ("a == not b", 6, "put 'not ...' in brackets"),
    ],
)
def test_call_errors(source: str, column: int, fragment: str) -> None:
    """Calls are checked against the fixed function table: names, arguments, round's places."""
    error = error_of(source)
    assert fragment in problem_of(error)
    assert column_of(error) == column


@pytest.mark.parametrize(
    ("source", "suggestion"),
    [("mni(a, 1)", "min"), ("IF(a > 1, 1, 2)", "if"), ("ROUND(a, 2)", "round"), ("clmap(a, 1, 2)", "clamp")],
)
def test_unknown_function_suggests_a_close_one(source: str, suggestion: str) -> None:
    """An unknown function gets a "did you mean" from the function table."""
    error = error_of(source)
    assert error.diagnostics[0].suggestion == suggestion
    assert f"did you mean '{suggestion}'?" in str(error)


@pytest.mark.parametrize(
    ("source", "column", "fragment"),
    [
        ("true + 1", 1, "this is true/false where a number is needed"),
        ("1 * (2 > 1)", 8, "true/false where a number is needed"),  # at the '>'
        ("-true", 2, "true/false where a number is needed"),
        ("min(1, false)", 8, "true/false where a number is needed"),
        ("1 and 2", 1, "a number where true/false"),
        ("true or 2", 9, "a number where true/false"),
        ("not 1", 5, "a number where true/false"),
        ("if(1, 2, 3)", 4, "a number where true/false"),
        ("true < false", 1, "true/false where a number is needed"),
        ("true == 1", 6, "a number cannot be compared with true/false"),
        ("if(a > 1, 1, true)", 14, "both branches of if()"),
    ],
)
def test_type_errors_found_when_parsing(source: str, column: int, fragment: str) -> None:
    """Numbers and true/false never mix; where the parser can tell, it says so at load time."""
    with pytest.raises(ExpressionError) as caught:
        parse_expression(source)
    assert fragment in problem_of(caught.value)
    assert column_of(caught.value) == column


def test_non_text_source() -> None:
    """A formula that is not text (a YAML number, say) is an ExpressionError too."""
    with pytest.raises(ExpressionError, match="a formula must be text"):
        parse_expression(12)  # type: ignore[arg-type]


def test_columns_count_the_text_as_written() -> None:
    """Columns point into the author's text, even where normalising changed its length."""
    assert column_of(error_of("a ≥ b ** 2")) == 7  # '≥' reads as two characters, '>='
    assert column_of(error_of("（１ ＋ ２）＊＊３")) == 8
    assert column_of(error_of("e\u0301 + ** 1")) == 6  # a combining accent joins its letter


# ---- Errors while evaluating -----------------------------------------------------------


def test_division_by_zero() -> None:
    """Dividing by zero is an ExpressionError at the column of the '/'."""
    error = error_of("1 + a / (b - b)", a=D(1), b=D(2))
    assert problem_of(error) == "division by zero"
    assert column_of(error) == 7
    assert problem_of(error_of("0 / 0")) == "division by zero"


def test_missing_figure_names_it_and_suggests() -> None:
    """A name without a value is an error naming it, with the closest known name."""
    error = error_of("actual / targte", actual=D(1), target=D(2))
    assert problem_of(error) == "no value is given for 'targte'"
    assert column_of(error) == 10
    assert error.diagnostics[0].suggestion == "target"


def test_boolean_figure_where_a_number_is_needed() -> None:
    """A true/false figure used in arithmetic is an error naming the figure."""
    error = error_of("1 + flag", flag=True)
    assert problem_of(error) == "'flag' is true/false where a number is needed"
    assert column_of(error) == 5


def test_number_figure_where_a_condition_is_needed() -> None:
    """A number used as a condition is an error: numbers have no truth value."""
    error = error_of("if(rate, 1, 2)", rate=D(1))
    assert "'rate' is a number where true/false" in problem_of(error)
    assert column_of(error) == 4
    assert "a number where true/false" in problem_of(error_of("x and true", x=D(0)))


def test_comparing_a_figure_of_the_other_type() -> None:
    """Comparing a true/false figure with a number is an error at the operator."""
    error = error_of("flag == 1", flag=True)
    assert problem_of(error) == "a number cannot be compared with true/false"
    assert column_of(error) == 6


@pytest.mark.parametrize("value", [D("NaN"), D("sNaN"), D("Infinity"), D("-Infinity")])
def test_figures_must_be_finite(value: Decimal) -> None:
    """NaN and infinite figures are refused rather than spreading through the score."""
    assert "not a finite number" in problem_of(error_of("x + 1", x=value))


@pytest.mark.parametrize("value", [1.5, 2, "3", None])
def test_figures_must_be_decimal_or_bool(value: object) -> None:
    """Figures of other Python types (float, int, str, None) are refused, never converted."""
    assert "must be a Decimal or true/false" in problem_of(error_of("x + 1", x=value))  # type: ignore[arg-type]


def test_clamp_bounds_out_of_order() -> None:
    """clamp() with its low bound above its high bound is an error."""
    error = error_of("clamp(1, hi, lo)", hi=D(5), lo=D(0))
    assert problem_of(error) == "clamp() needs low ≤ high, but 5 > 0"


def test_round_that_cannot_be_exact() -> None:
    """A rounding Decimal cannot do in 50 digits is an ExpressionError, not InvalidOperation."""
    limits = Limits(max_magnitude=D("1e60"))
    error = error_of("round(x, 10)", limits, x=D("1e45"))
    assert "too large or too precise" in problem_of(error)


def test_overflow_is_an_expression_error() -> None:
    """Division by a vanishingly small figure is an ExpressionError, not decimal.Overflow."""
    error = error_of("10 / x", x=D("1e-999999"))
    assert "too large or too precise" in problem_of(error)
    assert column_of(error) == 4


# ---- Limits ----------------------------------------------------------------------------


def test_limit_on_length() -> None:
    """A formula longer than max_length is refused before it is read."""
    limits = Limits(max_length=10)
    assert parse_expression("1234567890", limits=limits).evaluate({}) == D(1234567890)
    error = error_of("1 + 34567890", limits)
    assert problem_of(error) == "the formula is 12 characters long; at most 10 are allowed"
    assert column_of(error) == 11
    assert "characters long" in problem_of(error_of("'" * 11, limits))  # before any other check


def test_limit_on_depth() -> None:
    """Nesting deeper than max_depth is refused, counting brackets, calls and signs."""
    limits = Limits(max_depth=5)
    assert parse_expression("((((1))))", limits=limits).evaluate({}) == D(1)
    assert "nested more than 5 levels" in problem_of(error_of("(((((1)))))", limits))
    assert "nested more than 5 levels" in problem_of(error_of("-----1", limits))
    assert "nested more than 5 levels" in problem_of(error_of("abs(abs(abs(abs(abs(1)))))", limits))
    assert "nested more than 5 levels" in problem_of(
        error_of("a*b+c<d and e or f", limits, a=D(1), b=D(1), c=D(1), d=D(1), e=True, f=True)
    )


@pytest.mark.parametrize(
    "source",
    [
        "(" * 10_000 + "1" + ")" * 10_000,
        "-" * 10_000 + "1",
        "not " * 10_000 + "true",
        "abs(" * 10_000 + "1" + ")" * 10_000,
        "if(" * 10_000,
    ],
)
def test_deep_nesting_is_an_error_not_a_crash(source: str) -> None:
    """Ten thousand levels of nesting raise ExpressionError quickly, never RecursionError."""
    start = time.perf_counter()
    assert "nested more than 64 levels" in problem_of(error_of(source, NO_LENGTH_LIMIT))
    assert time.perf_counter() - start < 5
    assert "characters long" in problem_of(error_of(source))


def test_deepest_allowed_nesting_fits_the_stack() -> None:
    """At the highest max_depth allowed, parsing and evaluating stay within Python's stack."""
    limits = Limits(max_depth=200)

    def nested(levels: int) -> Decimal | bool:
        if levels:
            return nested(levels - 1)
        return parse_expression("abs(" * 198 + "-1" + ")" * 198, limits=limits).evaluate({})

    assert nested(50) == D(1)
    assert sys.getrecursionlimit() >= 1000
    with pytest.raises(ValueError, match="max_depth must be at most 200"):
        Limits(max_depth=201)


def test_limit_on_digits() -> None:
    """A number literal with more than max_digits digits is refused at its column."""
    limits = Limits(max_digits=5)
    assert parse_expression("123.45 + 12345%", limits=limits).evaluate({}) == D("246.9")
    error = error_of("1 + 123456", limits)
    assert problem_of(error) == "the number has 6 digits; at most 5 are allowed"
    assert column_of(error) == 5
    assert column_of(error_of("1.23456", limits)) == 1


def test_limit_on_steps() -> None:
    """Evaluating more than max_steps nodes is refused; an unchosen branch costs nothing."""
    limits = Limits(max_steps=5)
    assert parse_expression("1 + 2 + 3 + 4", limits=limits).evaluate({}) == D(10)
    assert "more than 5 steps" in problem_of(error_of("1 + 2 + 3 + 4 + 5", limits))
    assert parse_expression("if(true, 1, 1+1+1+1+1+1)", limits=limits).evaluate({}) == D(1)


def test_limit_on_magnitude() -> None:
    """Any intermediate result above max_magnitude is refused at the operator that made it."""
    limits = Limits(max_magnitude=D(1000))
    assert parse_expression("999 + 1", limits=limits).evaluate({}) == D(1000)
    error = error_of("500 * 3 - 1000", limits)
    assert problem_of(error) == "a value is larger than 1000 in absolute value"
    assert column_of(error) == 5
    with pytest.raises(ExpressionError, match="larger than 1000") as caught:
        parse_expression("1 + 2000", limits=limits)  # a literal is checked when it is read
    assert column_of(caught.value) == 5
    assert column_of(error_of("0 - x", limits, x=D(-1001))) == 5
    assert column_of(error_of("-(999 + 999)", limits)) == 7


def test_default_magnitude() -> None:
    """By default results are kept within 10^30 in absolute value."""
    big = "999999999999999"
    assert "larger than" in problem_of(error_of(f"{big} * {big} * 10"))


@pytest.mark.parametrize(
    "options",
    [
        {"max_length": 0},
        {"max_depth": 0},
        {"max_digits": -1},
        {"max_steps": 1.5},
        {"max_magnitude": D(0)},
        {"max_magnitude": D("Infinity")},
        {"max_magnitude": 10},
    ],
)
def test_limits_check_their_own_values(options: dict[str, object]) -> None:
    """Limits refuse values that would switch a bound off or make no sense."""
    with pytest.raises(ValueError, match="must be"):
        Limits(**options)  # type: ignore[arg-type]


# ---- Properties ------------------------------------------------------------------------


def check_only_expression_errors(source: str, data: st.DataObject) -> None:
    """Parse and evaluate ``source``; only ExpressionError may escape (a helper)."""
    try:
        formula = parse_expression(source)
    except ExpressionError:
        return
    assert isinstance(formula, Expression)
    values = data.draw(formula_values(formula.names))
    with contextlib.suppress(ExpressionError):
        result = formula.evaluate(values)
        assert isinstance(result, bool | Decimal)


@pytest.mark.fuzz
@given(source=st.text(), data=st.data())
def test_fuzz_arbitrary_text(source: str, data: st.DataObject) -> None:
    """Arbitrary text only ever raises ExpressionError, when parsed and when evaluated."""
    check_only_expression_errors(source, data)


@pytest.mark.fuzz
@given(source=formula_soup(), data=st.data())
def test_fuzz_formula_soup(source: str, data: st.DataObject) -> None:
    """Operator, bracket and digit soup only ever raises ExpressionError."""
    check_only_expression_errors(source, data)


@pytest.mark.fuzz
@given(formula=written_formulas(), data=st.data())
def test_fuzz_well_formed_formulas_with_any_figures(formula: WrittenFormula, data: st.DataObject) -> None:
    """Well-formed formulas with any figures (NaN, huge, missing) only raise ExpressionError."""
    check_only_expression_errors(formula.text, data)


@given(formula=written_formulas() | written_conditions())
def test_agrees_with_exact_fractions(formula: WrittenFormula) -> None:
    """Formulas evaluate exactly as the same tree computed in fractions, when Decimal is exact."""
    assume(formula.exact)
    assume(formula.height <= 60)
    expression = parse_expression(formula.text, limits=ORACLE_LIMITS)
    if formula.value is None:
        with pytest.raises(ExpressionError, match="division by zero"):
            expression.evaluate(FORMULA_FIGURES)
        return
    result = expression.evaluate(FORMULA_FIGURES)
    if isinstance(formula.value, bool):
        assert result is formula.value
    else:
        assert isinstance(result, Decimal)
        assert Fraction(result) == formula.value


FULL_WIDTH = str.maketrans("0123456789.+-*/(),%<>=", "０１２３４５６７８９．＋－＊／（），％＜＞＝")


def outcome(source: str) -> tuple[frozenset[str], Decimal | bool | str]:
    """Return the names and the value of ``source``, or its problem text."""
    try:
        formula = parse_expression(source, limits=ORACLE_LIMITS)
        return formula.names, formula.evaluate(FORMULA_FIGURES)
    except ExpressionError as error:
        return frozenset(), problem_of(error)


@given(formula=written_formulas() | written_conditions())
def test_full_width_reads_the_same(formula: WrittenFormula) -> None:
    """A formula typed in full-width characters means the same as its ASCII form."""
    assert outcome(formula.text.translate(FULL_WIDTH)) == outcome(formula.text)


# ---- Safety ----------------------------------------------------------------------------


def test_no_dynamic_code_in_the_package() -> None:
    """The formula package never hands text to Python: no eval, exec, compile or ast."""
    package = Path(perfscore.expression.__file__).parent
    forbidden = re.compile(r"\b(eval|exec|compile)\s*\(|\bast\.|import ast\b|__import__")
    for path in package.glob("*.py"):
        assert not forbidden.search(path.read_text(encoding="utf-8")), path.name
