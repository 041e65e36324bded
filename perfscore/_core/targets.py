"""The 指标值 column: targets as tables write them (``≥95%``, ``2天以内``, ``达成``).

A target is a comparison and a quantity, or a qualitative label. Authors write the
comparison as a sign (``≥``, ``>=``, full-width ``＞＝``), as a phrase before the number
(``不低于90%``) or after it (``5个以上``, ``3个工作日内``), or not at all. Targets are pure
data: the rules decide how an actual figure is scored against them.

Choices, each because of how tables are read:

- **A bare number is a level to reach**: ``100%`` means ``≥100%`` (``implicit_op`` is
  true), as in the 正向 indicators that make up most tables.
- **A bare zero is a ceiling of none**: ``0`` and ``0起`` mean ``=0`` (no incidents, no
  complaints allowed), the 等于 rule's target 0.
- **以上 and 以下 include the bound**, as they do in Chinese usage and law: ``5个以上`` is
  ``≥5个``. A sign and a phrase that agree (``≥90%以上``) are accepted; ones that
  disagree are an error.
- **Text without digits is a label** (``达成``, ``有效提升``, ``是``, ``零事故``), also when it
  compares with something that is not a number (``不低于上年``). A lone operator, or
  Chinese numerals with a unit (``不少于三场``), are errors instead, because the author
  meant a number.
- **A range is both bounds, inclusive**: ``90%-100%``, ``90%~100%``, ``1-3次``, ``90%至100%``
  and ``不低于90%且不高于100%`` are read as ``[90%, 100%]`` (``shape`` ``range``: ``quantity``
  is the lower bound, ``high`` the upper). A unit written once applies to both
  (``90-100%``); the bounds must agree in unit and come in order.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from decimal import Decimal

import attrs

from perfscore._core.diagnostics import ParseError, diagnostic, shorten
from perfscore._core.numerals import (
    CHINESE_NUMERALS,
    EMPTY,
    MALFORMED,
    NOT_FINITE,
    TRUTH_VALUE,
    Problem,
    is_not_finite,
    normalize_text,
    parse_quantity,
    per_unit_first,
    wrong_type,
)
from perfscore._core.units import Quantity, Unit, convert, find_unit


class Op(enum.Enum):
    """How an actual figure relates to the target; ``LABEL`` for a qualitative target."""

    GE = "ge"
    GT = "gt"
    LE = "le"
    LT = "lt"
    EQ = "eq"
    LABEL = "label"

    @property
    def symbol(self) -> str:
        """The sign shown in displays (``≥``); empty for a label."""
        return _SYMBOLS[self]


_SYMBOLS: Mapping[Op, str] = {
    Op.GE: "≥",
    Op.GT: ">",
    Op.LE: "≤",
    Op.LT: "<",
    Op.EQ: "=",
    Op.LABEL: "",
}


@attrs.frozen(kw_only=True, repr=False)
class Target:
    """A parsed 指标值: ``op`` and ``quantity``, or ``Op.LABEL`` and ``label``.

    ``text`` is exactly what the author wrote, and is what :func:`repr` shows, so that
    traces speak the author's notation; ``str`` shows the normalised reading.

    >>> parse_target("不低于９０％")
    Target('不低于９０％')
    >>> str(parse_target("不低于９０％"))
    '≥90%'
    """

    op: Op
    quantity: Quantity | None
    label: str | None
    text: str
    implicit_op: bool = False
    high: Quantity | None = None  # a range's upper bound; ``quantity`` is then its lower bound

    def __attrs_post_init__(self) -> None:
        """Check that a label has no quantity and a comparison has one."""
        if (self.op is Op.LABEL) != (self.quantity is None) or (self.label is None) == (self.quantity is None):
            raise ValueError(f"a {self.op.name} target needs exactly one of quantity and label")

    def __repr__(self) -> str:
        """``Target('≥95%')``: the author's text."""
        return f"Target({self.text!r})"

    def __str__(self) -> str:
        """Show the normalised reading: ``≥95%``, ``≤202.6万元``, ``达成``."""
        if self.quantity is None:
            return self.label or ""
        if self.high is not None:
            return f"[{self.quantity}, {self.high}]"
        return f"{self.op.symbol}{self.quantity}"

    @property
    def number(self) -> Quantity | None:
        """The one number a comparison rule compares with; None when the target is not a single number."""
        return None if self.high is not None else self.quantity

    @property
    def shape(self) -> str:
        """What kind of target this is, as rules take them: ``number``, ``range`` or ``label``."""
        if self.quantity is None:
            return "label"
        return "number" if self.high is None else "range"

    @property
    def unit(self) -> Unit | None:
        """The target's unit, if it has a number with a unit."""
        return None if self.quantity is None else self.quantity.unit

    def value_in(self, unit: Unit | None) -> Decimal:
        """Express the target number in ``unit`` (in its own unit when ``None``).

        Raises:
            ParseError: ``FIGURE_UNIT`` when ``unit`` measures something else.
            ValueError: for a label target, which has no number.

        """
        if self.quantity is None:
            raise ValueError(f"the label target {self.text!r} has no number")
        if unit is None:
            return self.quantity.value
        return convert(self.quantity, unit)


OPERATOR_ONLY = Problem.named("target.operator_only")
TWO_OPERATORS = Problem.named("target.two_operators")
CONFLICT = Problem.named("target.conflict")
RANGE = Problem.named("target.range")
RANGE_ORDER = Problem.named("target.range_order")
RANGE_UNITS = Problem.named("target.range_units")
NOT_A_FORM = Problem.named("target.not_a_form")


def target_error(text: str, problem: Problem) -> ParseError:
    """Build the :class:`ParseError` for a target ``text`` that cannot be read, saying why."""
    shown = shorten(text)
    return ParseError((diagnostic("TARGET_UNPARSEABLE", text=shown, problem=problem.en, problem_zh=problem.zh),))


def _longest_first(pairs: Mapping[str, Op]) -> tuple[tuple[str, Op], ...]:
    return tuple(sorted(pairs.items(), key=lambda pair: -len(pair[0])))


_BEFORE = _longest_first(
    {
        ">=": Op.GE,
        "≥": Op.GE,
        "<=": Op.LE,
        "≤": Op.LE,
        ">": Op.GT,
        "<": Op.LT,
        "=": Op.EQ,
        "不低于": Op.GE,
        "不少于": Op.GE,
        "不小于": Op.GE,
        "至少": Op.GE,
        "达到": Op.GE,
        "大于等于": Op.GE,
        "大于或等于": Op.GE,
        "不超过": Op.LE,
        "不高于": Op.LE,
        "不大于": Op.LE,
        "不多于": Op.LE,
        "至多": Op.LE,
        "最多": Op.LE,
        "小于等于": Op.LE,
        "小于或等于": Op.LE,
        "大于": Op.GT,
        "高于": Op.GT,
        "超过": Op.GT,
        "多于": Op.GT,
        "小于": Op.LT,
        "低于": Op.LT,
        "少于": Op.LT,
        "不足": Op.LT,
        "等于": Op.EQ,
    }
)
_AFTER = _longest_first(
    {
        "及以上": Op.GE,
        "以上": Op.GE,
        "及以下": Op.LE,
        "以下": Op.LE,
        "以内": Op.LE,
        "之内": Op.LE,
        "内": Op.LE,
    }
)
_DIGIT = re.compile(r"[0-9]")
_NUMBER_START = re.compile(r"[+-]?[0-9]")
_RANGE = re.compile(r"[0-9][^\s0-9]{0,6}\s*(?:-|~|〜|—|–|至|到)\s*[+-]?[0-9]")
_SPLIT_RANGE = re.compile(r"(?P<low>[+-]?[0-9][^~〜—–至到]*?)\s*(?:-|~|〜|—|–|至|到)\s*(?P<high>[+-]?[0-9].*)")
_BOTH = re.compile(r"\s*(?:并且|且|而且|、|,|，|;|；)\s*")
_CHINESE_QUANTITY = re.compile(r"(?:[零〇一二两三四五六七八九十百千万亿]+|[百千]分之)(?P<rest>.*)")


def _take_before(text: str) -> tuple[Op | None, str]:
    for phrase, op in _BEFORE:
        if text.startswith(phrase):
            return op, text[len(phrase) :].lstrip()
    return None, text


def operator_of(text: str) -> Op | None:
    """The comparison ``text`` is alone (``≥``, ``>=``, ``大于等于``, ``不低于`` …), as a target reads it; else None.

    For a form that prints the comparison in a column of its own (指标方向, 计算符号).
    """
    op, rest = _take_before(normalize_text(text).replace(" ", ""))
    return op if not rest else None


def _take_after(text: str) -> tuple[Op | None, str]:
    for phrase, op in _AFTER:
        if text.endswith(phrase):
            return op, text[: -len(phrase)].rstrip()
    return None, text


def _is_chinese_quantity(body: str) -> bool:
    """``三场``, ``百分之九十``: a number the author wrote in Chinese numerals."""
    match = _CHINESE_QUANTITY.fullmatch(body)
    if match is None:
        return False
    rest = match["rest"]
    return body[:3] in {"百分之", "千分之"} or not rest or find_unit(rest) is not None


def _quantity(text: str, body: str | int | Decimal) -> Quantity:
    """Read the number part, reporting its problem as a target problem."""
    try:
        return parse_quantity(body)
    except ParseError as err:
        params = dict(err.diagnostics[0].params)
        problem = Problem(en=params.get("problem", MALFORMED.en), zh=params.get("problem_zh", MALFORMED.zh))
        raise target_error(text, problem) from err


def _comparison(text: str, written: str) -> tuple[Op | None, str]:
    """Split off the comparison written before or after the number, if any."""
    before, body = _take_before(written)
    if before is not None and _take_before(body)[0] is not None:
        raise target_error(text, TWO_OPERATORS)
    after, body = _take_after(body)
    if before is not None and after is not None and before is not after:
        raise target_error(text, CONFLICT)
    return before or after, body


def _label(text: str, written: str, op: Op | None, body: str) -> Target:
    """Read text without digits as a label, unless the author clearly meant a number."""
    if op is not None and not body:
        raise target_error(text, OPERATOR_ONLY)
    if _is_chinese_quantity(body):
        raise target_error(text, CHINESE_NUMERALS)
    if is_not_finite(body):
        raise target_error(text, NOT_FINITE)
    return Target(op=Op.LABEL, quantity=None, label=written, text=text)


def _numeric(text: str, op: Op | None, quantity: Quantity) -> Target:
    if op is not None:
        return Target(op=op, quantity=quantity, label=None, text=text)
    implied = Op.EQ if quantity.value.is_zero() else Op.GE
    return Target(op=implied, quantity=quantity, label=None, text=text, implicit_op=True)


def parse_target(text: str | int | Decimal) -> Target:
    """Read a 指标值 as written: ``≥95%``, ``≤202.6万元``, ``3个工作日内``, ``100%``, ``达成``.

    >>> t = parse_target("3个工作日内")
    >>> t.op, t.value_in(None), t.unit.symbol
    (<Op.LE: 'le'>, Decimal('3'), '个工作日')

    Raises:
        ParseError: with code ``TARGET_UNPARSEABLE`` saying what was expected.
        TypeError: for a ``float`` or another type that is not text, int or Decimal.

    """
    if isinstance(text, bool):
        raise target_error(str(text), TRUTH_VALUE)
    if isinstance(text, int | Decimal):
        shown = str(Decimal(text))  # str(int) refuses ints of thousands of digits
        return _numeric(shown, None, _quantity(shown, text))
    if not isinstance(text, str):
        raise wrong_type("parse_target", text)
    written = normalize_text(text)
    if not written:
        raise target_error(text, EMPTY)
    both = _two_bounds(text, written)
    if both is not None:
        return both
    op, body = _comparison(text, written)
    if not _DIGIT.search(written):
        return _label(text, written, op, body)
    if _RANGE.search(body):
        if op is not None:
            raise target_error(text, RANGE)
        return _range(text, body)
    if not _NUMBER_START.match(body) and per_unit_first(body) is None:
        raise target_error(text, NOT_A_FORM)
    return _numeric(text, op, _quantity(text, body))


def _range(text: str, body: str) -> Target:
    """``90%-100%``, ``1-3次``: both bounds inclusive; a unit written once applies to both."""
    match = _SPLIT_RANGE.fullmatch(body)
    if match is None:
        raise target_error(text, RANGE)
    low, high = _quantity(text, match["low"].strip()), _quantity(text, match["high"].strip())
    if low.unit is None and high.unit is not None:
        low = Quantity(value=low.value, unit=high.unit, text=low.text)
    return _bounds(text, low, high)


def _two_bounds(text: str, written: str) -> Target | None:
    """``不低于90%且不高于100%``: a lower and an upper bound joined by 且 (either order), or None."""
    parts = _BOTH.split(written)
    if len(parts) != 2 or not all(_DIGIT.search(part) for part in parts):  # noqa: PLR2004 - two bounds
        return None
    compared = [_comparison(text, part) for part in parts]
    if any(op is None for op, _ in compared):  # not two comparisons: a number such as 1,234.5 or a label
        return None
    found: dict[Op, Quantity] = {}
    for op, body in compared:
        if op not in {Op.GE, Op.LE} or op in found or not _NUMBER_START.match(body):
            raise target_error(text, RANGE)
        found[op] = _quantity(text, body)
    return _bounds(text, found[Op.GE], found[Op.LE])


def _bounds(text: str, low: Quantity, high: Quantity) -> Target:
    if low.unit != high.unit:
        raise target_error(text, RANGE_UNITS)
    if low.value > high.value:
        raise target_error(text, RANGE_ORDER)
    return Target(op=Op.GE, quantity=low, label=None, text=text, high=high)
