"""Interval notation as Chinese scoring documents write it: ``[80, 90)``, ``[90, 100]``.

Band tables, grade bands and qualitative levels all need explicit edges — whether
89.5 is 良 or 中 depends on them — so packs write them in interval notation, or as
``min``/``max`` keys where the lower edge is inclusive and the upper one exclusive.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

import attrs

from perfscore._core.decimals import HUNDRED, div
from perfscore._core.diagnostics import shorten

_OPENING, _CLOSING = "[(（【", "])）】"
_COMMA = re.compile("[,，]")
_INFINITE = {"∞", "+∞", "inf", "+inf", "infinity", "+infinity"}
_NEG_INFINITE = {"-∞", "−∞", "-inf", "-infinity"}


@attrs.frozen(kw_only=True)
class Interval:
    """A range of numbers; ``None`` edges are unbounded."""

    low: Decimal | None
    high: Decimal | None
    low_inclusive: bool = True
    high_inclusive: bool = False
    percent: bool = False  # written with % signs (the numbers are already divided by 100)

    def contains(self, value: Decimal) -> bool:
        """Whether ``value`` lies in the interval."""
        if self.low is not None and (value < self.low or (value == self.low and not self.low_inclusive)):
            return False
        return not (self.high is not None and (value > self.high or (value == self.high and not self.high_inclusive)))


class IntervalError(ValueError):
    """The text is not an interval; the message says what was expected."""


def _parts(text: str) -> tuple[str, str, str, str] | None:
    """Opening bracket, low edge, high edge, closing bracket — split in one pass.

    A regular expression with a lazy group between optional spaces backtracks
    cubically on a bracket followed by thousands of spaces; a pack could hang the
    loader with one line. Splitting by hand takes time in proportion to the text.
    """
    stripped = text.strip()
    if len(stripped) < 2 or stripped[0] not in _OPENING or stripped[-1] not in _CLOSING:  # noqa: PLR2004 - two brackets
        return None
    edges = _COMMA.split(stripped[1:-1])
    if len(edges) != 2:  # noqa: PLR2004 - a low and a high edge
        return None
    return stripped[0], edges[0].strip(), edges[1].strip(), stripped[-1]


def parse_interval(text: str) -> Interval:
    """Read ``[80, 90)``, ``[0.8, 1]``, ``[80%, 100%]``, ``[100, +∞)``, ``(-∞, 0]``.

    >>> parse_interval("[80, 90)").high
    Decimal('90')
    >>> parse_interval("[60%, 80%)").low
    Decimal('0.6')
    """
    parts = _parts(text)
    if parts is None:
        msg = f"'{shorten(text)}' is not an interval like '[80, 90)'"
        raise IntervalError(msg)
    opening, low_text, high_text, closing = parts
    low, low_percent = _edge(low_text, allow=_NEG_INFINITE)
    high, high_percent = _edge(high_text, allow=_INFINITE)
    if low is not None and high is not None and low > high:
        msg = f"'{shorten(text)}': the lower edge is above the upper edge"
        raise IntervalError(msg)
    if low_percent != high_percent and low is not None and high is not None:
        msg = f"'{shorten(text)}': write both edges in percent or neither"
        raise IntervalError(msg)
    return Interval(
        low=low,
        high=high,
        low_inclusive=opening in "[【" and low is not None,
        high_inclusive=closing in "]】" and high is not None,
        percent=low_percent or high_percent,
    )


def _edge(text: str, *, allow: set[str]) -> tuple[Decimal | None, bool]:
    cleaned = text.strip().lower()
    if cleaned in allow:
        return None, False
    percent = cleaned.endswith("%")
    if percent:
        cleaned = cleaned[:-1].strip()
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        msg = f"'{shorten(text)}' is not a number"
        raise IntervalError(msg) from None
    if not value.is_finite():
        msg = f"'{shorten(text)}' is not a finite number; write +∞ or -∞ for an open end"
        raise IntervalError(msg)
    return (div(value, HUNDRED) if percent else value), percent
