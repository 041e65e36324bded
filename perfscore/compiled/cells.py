"""Reading table cells as the fast loop's floats, exactly as the figures loader reads them.

Tables write numbers as text: ``103场``, ``97.87%``, ``18,009.98``, ``１００``. The
figures loader reads such a cell with :func:`perfscore._core.numerals.parse_quantity`
(a :class:`~decimal.Decimal` and a unit); the fast loop needs a ``float``. A cell may
take the fast loop when the float *is* that Decimal — the loop reads a float ``x`` as
``Decimal(repr(x))`` — which holds for every number of at most 15 significant digits.

:meth:`CellReader.read` answers ``(value, unit symbol)`` or, when the cell must go the
exact way, one of the exit reasons below. The common shapes (``97.87``, ``-3``,
``18,009.98``, ``103场``, ``95 %``) are matched by one regular expression that accepts
a subset of what ``parse_quantity`` accepts, with the same answer (a property test holds
it to ``parse_quantity``); everything else goes through ``parse_quantity`` itself, its
answer cached by text. Whether a unit may be dropped is the caller's question (it depends
on the rule that reads the cell, see :mod:`perfscore._batch.fastrows`).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from perfscore._core.diagnostics import ParseError
from perfscore._core.numerals import normalize_text, parse_quantity
from perfscore._core.units import find_unit

NOT_A_NUMBER = "cell"  # the loader refuses the cell (or it is text the loop cannot read): the exact way says why
TOO_PRECISE = "digits"  # more significant digits than a float holds exactly
FLOAT_DIGITS = 15  # any decimal of at most 15 significant digits is the shortest repr of its float
_CACHE_LIMIT = 1 << 16

# a subset of parse_quantity's grammar: ASCII digits, thousands in groups of three, a unit after
_SHAPE = re.compile(
    r"(?P<sign>[+-]?)(?P<whole>[0-9]+|[1-9][0-9]{0,2}(?:,[0-9]{3})+)(?:\.(?P<fraction>[0-9]+))?"
    r"(?: ?(?P<unit>[^0-9,.eE+\-\s][^\s]*))?"
)

_SIMPLE = re.compile(r"-?[0-9]+(?:\.[0-9]+)?").fullmatch  # at most 15 characters: at most 15 digits
_HEAD_CHARACTERS = frozenset("0123456789,.eE+-")
Read = tuple[float, str | None]


class CellReader:
    """Reads cells; remembers each unit suffix it has looked up and each text it parsed the slow way."""

    def __init__(self) -> None:
        """An empty cache."""
        self._units: dict[str, str | None] = {}
        self._slow: dict[str, Read | str] = {}

    def read(self, text: str) -> Read | str:
        """``(value, unit symbol or None)``, or an exit reason (:data:`NOT_A_NUMBER`, :data:`TOO_PRECISE`)."""
        if len(text) <= FLOAT_DIGITS and _SIMPLE(text) is not None:  # 97.87, -3: the commonest cells
            return float(text) + 0.0, None
        match = _SHAPE.fullmatch(text)
        if match is not None:
            whole, fraction = match["whole"], match["fraction"] or ""
            if "," in whole:
                whole = whole.replace(",", "")
            if len(whole.lstrip("0")) + len(fraction) <= FLOAT_DIGITS:
                suffix = match["unit"]
                if suffix is None:
                    return float(f"{match['sign']}{whole}.{fraction or '0'}") + 0.0, None  # + 0.0: no -0.0
                symbol = self._unit(suffix)
                if symbol is not None:
                    return float(f"{match['sign']}{whole}.{fraction or '0'}") + 0.0, symbol
        return self._read_slowly(text)

    def _unit(self, suffix: str) -> str | None:
        """The unit a suffix names, as the loader finds it; None when only the slow way can tell."""
        if suffix in self._units:
            return self._units[suffix]
        symbol = None
        if not unicodedata.combining(suffix[0]):
            normal = normalize_text(suffix)  # as the loader folds the whole cell (NFKC, spaces)
            if normal and normal[0] not in _HEAD_CHARACTERS:  # else the loader's number would run on
                found = find_unit(normal)
                symbol = found.symbol if found is not None else None
        self._units[suffix] = symbol
        return symbol

    def _read_slowly(self, text: str) -> Read | str:
        found = self._slow.get(text)
        if found is None:
            found = _parsed(text)
            if len(self._slow) >= _CACHE_LIMIT:
                self._slow.clear()
            self._slow[text] = found
        return found


def _parsed(text: str) -> Read | str:
    """``parse_quantity``'s reading of ``text`` as a float, or why the loop cannot take it."""
    try:
        quantity = parse_quantity(text)
    except ParseError:
        return NOT_A_NUMBER
    value = float(quantity.value)
    if Decimal(repr(value)) != quantity.value:
        return TOO_PRECISE
    return value + 0.0, quantity.unit.symbol if quantity.unit is not None else None
