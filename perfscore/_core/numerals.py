"""Numbers as Chinese indicator tables write them: ``１００``, ``18,009.98``, ``202.6万元``.

Figures arrive as text typed by people in a word processor or exported from a
spreadsheet: full-width digits and signs, thousands separators, a unit glued to the
number, a space before ``%``. This module reads them into exact :class:`Decimal` values
(never through ``float``) and rejects, with one diagnostic saying why, anything a person
could read two ways.

Choices, each made because of how reports are written:

- **No exponent notation** (``1e3``, ``1.23457E+11``). Reports never write it; it reaches
  a table only when a spreadsheet shows a number too wide for its column, and then the
  digits are already lost. Rejecting it asks the author for the full number.
- **Thousands separators only in groups of three**, and not after a leading zero:
  ``1,23`` and ``0,123`` are typos or European decimal commas, not thousands.
- **Limits**: at most 10^15 in magnitude, 30 significant digits and 30 decimal places,
  far beyond any budget or rate, so that arithmetic stays exact in
  :data:`perfscore._core.decimals.CONTEXT`.
- **Negative zero** reads as zero, so ``-0`` never shows as ``-0`` in a report.
- **Chinese numerals** (``三``, ``百分之九十``) are refused with a hint to write digits,
  rather than guessed at.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

import attrs

from perfscore._core.diagnostics import ParseError, diagnostic, shorten
from perfscore._core.units import Quantity, Unit, find_unit, unknown_unit_error
from perfscore._text.problems import problem

__all__ = [
    "MAX_DIGITS",
    "MAX_MAGNITUDE",
    "Problem",
    "Quantity",
    "Unit",
    "is_not_finite",
    "normalize_text",
    "number_error",
    "parse_decimal",
    "parse_quantity",
    "wrong_type",
]

MAX_MAGNITUDE = Decimal("1e15")
MAX_DIGITS = 30
_MAX_WHOLE_DIGITS = 16  # 10^15 has 16 digits; more can only be out of range
_LONGEST_NUMBER = 100  # characters: 16 digits with separators, 30 places, a sign and a point fit well within


@attrs.frozen(kw_only=True)
class Problem:
    """What is wrong with a value, in English and Chinese (the words: :mod:`perfscore._text.problems`)."""

    en: str
    zh: str

    @classmethod
    def named(cls, key: str, /, **params: object) -> Problem:
        """The problem ``key`` of :mod:`perfscore._text.problems` with ``params`` filled in."""
        zh, en = problem(key, **params)
        return cls(en=en, zh=zh)


EMPTY = Problem.named("number.empty")
NOT_FINITE = Problem.named("number.not_finite")
EXPONENT = Problem.named("number.exponent")
CHINESE_NUMERALS = Problem.named("number.chinese_numerals")
GROUPS = Problem.named("number.groups")
TOO_LARGE = Problem.named("number.too_large")
TOO_PRECISE = Problem.named("number.too_precise", digits=MAX_DIGITS)
TOO_SMALL = Problem.named("number.too_small", digits=MAX_DIGITS)
MALFORMED = Problem.named("number.malformed")
TOO_LONG = Problem.named("number.too_long")
TRUTH_VALUE = Problem.named("number.truth_value")


def number_error(text: str, problem: Problem) -> ParseError:
    """Build the :class:`ParseError` for ``text`` that is not a number, saying why."""
    return ParseError((diagnostic("FIGURE_NUMBER", text=shorten(text), problem=problem.en, problem_zh=problem.zh),))


def wrong_type(function: str, value: object) -> TypeError:
    """Build the error for a caller passing ``function`` neither text, int nor Decimal.

    A ``float`` gets its own message: it has already lost the digits as written
    (``0.1 + 0.2 != 0.3``), so it must never reach a score.
    """
    if isinstance(value, float):
        return TypeError(
            f"{function}() got the float {value!r}: a float has already lost the digits "
            "as written; pass the text, or a Decimal built from the text"
        )
    return TypeError(f"{function}() takes text, int or Decimal, not {type(value).__name__}")


_KEEP = "㎡"  # NFKC would turn it into "m2"
_EXTRA = str.maketrans({"≧": "≥", "≦": "≤", "−": "-"})


def normalize_text(text: str) -> str:
    """Fold the ways a table writes the same thing into one.

    NFKC turns full-width digits, letters and signs into ASCII (``＞＝９５％`` →
    ``>=95%``); ``≧``/``≦`` become ``≥``/``≤`` and the minus sign ``−`` becomes ``-``;
    whitespace is trimmed and inner runs become one space. ``㎡`` is kept as it is.

    >>> normalize_text(" ≧ ９５．５％ ")
    '≥ 95.5%'
    """
    folded = _KEEP.join(unicodedata.normalize("NFKC", part) for part in text.split(_KEEP))
    return " ".join(folded.translate(_EXTRA).split())


_PLAIN = re.compile(r"(?P<sign>[+-]?)(?P<whole>[0-9]+|[1-9][0-9]{0,2}(?:,[0-9]{3})+)(?:\.(?P<fraction>[0-9]+))?")
_NOT_FINITE = re.compile(r"[+-]?(?:s?nan|inf(?:inity)?|∞)", re.IGNORECASE)
_WITH_EXPONENT = re.compile(r"[+-]?[0-9.,]*[0-9][0-9.,]*[eE][+-]?[0-9]+")
_WITH_COMMAS = re.compile(r"[+-]?[0-9,]+(?:\.[0-9]+)?")
_CHINESE_DIGITS = re.compile(r"[零〇一二两三四五六七八九十百千万亿]")
_NUMBER_HEAD = re.compile(r"[+-]?[0-9][0-9,.]*(?:[eE][+-]?[0-9]+)?")
_PER_FIRST = re.compile(r"每(?P<per>[^\d\s+-]{1,4}?)\s*(?P<number>[0-9][0-9,.]*)")


def per_unit_first(text: str) -> str | None:
    """``每亩300`` (300 per 亩, as a 成本指标 prints a rate) → ``300每亩``; None for anything else.

    The rate is read as a number in the unit ``每亩``, which compares only with another
    ``每亩``; the money unit the form leaves out is not guessed.
    """
    found = _PER_FIRST.fullmatch(normalize_text(text).strip())
    return f"{found['number']}每{found['per']}" if found else None


def is_not_finite(text: str) -> bool:
    """Tell whether normalised ``text`` spells NaN or infinity (``nan``, ``-Infinity``, ``∞``)."""
    return _NOT_FINITE.fullmatch(text) is not None


def _diagnose(text: str) -> Problem:  # noqa: PLR0911 - one return per diagnosis
    """Why normalised ``text`` is not a plain number, as precisely as can be told.

    Text longer than any number could be is not examined further: the patterns below
    would take time growing with the square of its length.
    """
    if not text:
        return EMPTY
    if len(text) > _LONGEST_NUMBER:
        return TOO_LONG
    if is_not_finite(text):
        return NOT_FINITE
    if _WITH_EXPONENT.fullmatch(text):
        return EXPONENT
    if _CHINESE_DIGITS.search(text):
        return CHINESE_NUMERALS
    if "," in text and _WITH_COMMAS.fullmatch(text):
        return GROUPS
    return MALFORMED


def _read_decimal(original: str, text: str) -> Decimal:
    """Read normalised ``text``; errors quote ``original``, the text as written."""
    match = _PLAIN.fullmatch(text)
    if match is None:
        raise number_error(original, _diagnose(text))
    whole = match["whole"].replace(",", "")
    fraction = match["fraction"] or ""
    if len(whole.lstrip("0")) > _MAX_WHOLE_DIGITS:
        raise number_error(original, TOO_LARGE)
    if len(fraction) > MAX_DIGITS or len((whole + fraction).lstrip("0")) > MAX_DIGITS:
        raise number_error(original, TOO_PRECISE)
    value = Decimal(f"{match['sign']}{whole}.{fraction}" if fraction else match["sign"] + whole)
    if abs(value) > MAX_MAGNITUDE:
        raise number_error(original, TOO_LARGE)
    return value.copy_abs() if value.is_zero() else value


def parse_decimal(text: str) -> Decimal:
    """Read a plain number as reports write it, exactly.

    >>> parse_decimal("18,009.98"), parse_decimal("１００"), parse_decimal("-0")
    (Decimal('18009.98'), Decimal('100'), Decimal('0'))

    Raises:
        ParseError: with code ``FIGURE_NUMBER`` for anything else (see the module notes).

    """
    return _read_decimal(text, normalize_text(text))


def _checked(value: Decimal) -> Decimal:
    """Hold a :class:`Decimal` given by a caller to the same rules as text."""
    text = str(value)
    if not value.is_finite():
        raise number_error(text, NOT_FINITE)
    if value.adjusted() > _MAX_WHOLE_DIGITS:
        raise number_error(text, TOO_LARGE)
    exponent = value.as_tuple().exponent  # an int, the value being finite
    if isinstance(exponent, int) and exponent < -MAX_DIGITS:
        raise number_error(text, TOO_SMALL if value.adjusted() < -MAX_DIGITS else TOO_PRECISE)
    return _read_decimal(text, format(value, "f"))


def parse_quantity(value: str | int | Decimal) -> Quantity:
    """Read a number with an optional unit: ``97.87%``, ``202.6万元``, ``1.5万人``, ``100 %``.

    An ``int`` or ``Decimal`` is a quantity without a unit.

    >>> str(parse_quantity("１８，００９．９８ 万元"))
    '18009.98万元'

    Raises:
        ParseError: with code ``FIGURE_NUMBER`` for a malformed number, an unknown unit,
            or a ``bool`` (YAML reads ``yes`` as true).
        TypeError: for a ``float`` (it has already lost the digits as written) or any
            other type; callers pass the text, or a Decimal built from it.

    """
    if isinstance(value, bool):
        raise number_error(str(value), TRUTH_VALUE)
    if isinstance(value, int | Decimal):
        number = _checked(Decimal(value))
        return Quantity(value=number, unit=None, text=str(value))
    if not isinstance(value, str):
        raise wrong_type("parse_quantity", value)
    text = normalize_text(value)
    text = per_unit_first(text) or text
    head = _NUMBER_HEAD.match(text)
    if head is None:
        raise number_error(value, _diagnose(text))
    number = _read_decimal(value, head.group())
    symbol = text[head.end() :].strip()
    unit = find_unit(symbol) if symbol else None
    if symbol and unit is None:
        raise unknown_unit_error(value, symbol)
    return Quantity(value=number, unit=unit, text=value)
