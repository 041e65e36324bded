"""Plain YAML scalars that look like numbers, read as the decimal numbers they show.

PyYAML implements YAML 1.1, which reads some plain scalars in ways nobody filling in a
table means: ``074`` is octal (60), ``1:30`` is sexagesimal (90), ``0x3C`` is 60 and
``1_000`` is 1000. A weight of ``074`` read as 60 would change a number silently, and an
id ``010`` would become ``8``. So only plain decimal notation becomes a number here;
any other scalar YAML 1.1 would call a number is kept as the text written, and the
reader of that field decides (a number field reads ``074`` as 74 through
:func:`perfscore._core.numerals.parse_decimal`, or says why it cannot; an id stays ``010``).

Numbers are built as :class:`~decimal.Decimal` from the text, never through ``float``.
NaN and the infinities are refused, and so are magnitudes outside 10^-15 … 10^15 and
more than 30 significant digits, before any big conversion is attempted (Python
refuses to turn more than 4,300 digits into an ``int`` at all).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from perfscore._core.diagnostics import shorten
from perfscore._core.numerals import MAX_DIGITS

MAX_EXPONENT = 15
RANGE_TEXT = "1e-15 … 1e15"
DIGITS_TEXT = f"at most {MAX_DIGITS} significant digits"

_DECIMAL_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_DECIMAL_FLOAT = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
# 97.87: a whole part of 1 to 15 digits, at most 15 places: YAML 1.1 calls it a float, and it is
# inside every limit here and in perfscore._core.numerals (readers use it as a fast path)
SIMPLE_DECIMAL = re.compile(r"[1-9][0-9]{0,14}\.[0-9]{1,15}")
_NOT_FINITE = frozenset({".inf", "+.inf", "-.inf", ".nan"})


class ScalarNumberError(ValueError):
    """A scalar written as a number that perfscore will not read; ``code`` names why."""

    def __init__(self, code: str, text: str, limit: str | None = None) -> None:
        """Keep the catalogue ``code``, the text (shortened for messages) and the limit broken."""
        super().__init__(code)
        self.code = code
        self.text = shorten(text)
        self.limit = limit


def scalar_number(text: str, *, integer: bool) -> int | Decimal | str:
    """The number a plain scalar that YAML 1.1 calls an int (``integer``) or a float shows.

    >>> scalar_number("60", integer=True), scalar_number("97.870", integer=False)
    (60, Decimal('97.870'))
    >>> scalar_number("074", integer=True), scalar_number("1:30", integer=True)
    ('074', '1:30')

    Raises:
        ScalarNumberError: ``NUMBER_NOT_FINITE`` for NaN and infinities,
            ``NUMBER_OUT_OF_RANGE`` for magnitudes or digits beyond the limits.

    """
    if integer and 0 < len(text) <= MAX_EXPONENT and text.isdigit() and text.isascii() and text[0] != "0":
        return int(text)  # the common case, a plain whole number well inside every limit
    if not integer and SIMPLE_DECIMAL.fullmatch(text):
        return Decimal(text)  # 97.87: a whole part of 1 to 15 digits, at most 30 in all, so inside every limit
    if text.lower() in _NOT_FINITE:
        raise ScalarNumberError("NUMBER_NOT_FINITE", text)
    if not (_DECIMAL_INT if integer else _DECIMAL_FLOAT).fullmatch(text):
        return text  # octal, hex, sexagesimal, underscores: kept as written
    mantissa = text.lstrip("+-").lower().partition("e")[0].replace(".", "").lstrip("0")
    if integer and len(mantissa) > MAX_EXPONENT + 1:
        raise ScalarNumberError("NUMBER_OUT_OF_RANGE", text, RANGE_TEXT)
    if len(mantissa.rstrip("0")) > MAX_DIGITS:
        raise ScalarNumberError("NUMBER_OUT_OF_RANGE", text, DIGITS_TEXT)
    try:
        value = Decimal(text)
    except InvalidOperation:  # an exponent beyond what Decimal can hold
        raise ScalarNumberError("NUMBER_OUT_OF_RANGE", text, RANGE_TEXT) from None
    if value.is_zero():
        return Decimal(0) if not integer else 0  # -0 and 0.0 are zero, never "-0"
    if abs(value.adjusted()) > MAX_EXPONENT:
        raise ScalarNumberError("NUMBER_OUT_OF_RANGE", text, RANGE_TEXT)
    return int(text) if integer else value
