"""Telling, cheaply, whether a department's numbers may take the fast loop.

The loop's arithmetic is exact only for plain ``float`` values in a sane range (see
:mod:`perfscore.compiled.leafplan`); a ``bool``, a ``Decimal``, text, ``None``, NaN or a
number too large or too small to be a figure must go the exact way, where the loader
reads it as a figures file would — or refuses it. Checking each value in Python would
cost as much as scoring it, so :func:`plain_floats` checks a whole row in a few C calls.

It relies on :mod:`marshal`'s version 2 format, which is fixed: a tuple of ``n`` values
is ``b"("``, the count in four bytes, then each value; an exact ``float`` — and nothing
else — is ``b"g"`` followed by its eight IEEE-754 bytes, little-endian. So a row holds
only floats exactly when the encoding is ``5 + 9n`` bytes long with ``g`` every ninth
byte, and the last byte of each float (its sign and the top of its exponent) tells its
magnitude: top-of-exponent values 0x3E–0x42 mean 2⁻³¹ ≤ |x| < 2⁴⁹. Zeros (all eight
bytes 0, or −0.0) are counted by their exact encodings, which cannot occur misaligned
because every ninth byte is ``g``.
"""

from __future__ import annotations

from marshal import dumps
from typing import Any

from perfscore.compiled.columns import plain_value

LOWEST = 2.0**-31  # smallest non-zero magnitude the fast loop takes (larger than any rounding error)
HIGHEST = 2.0**49  # the loop's magnitudes stay far below 2**51, where the rounding trick stops working
_HEADER = 5
_CELL = 9
_TOP = _HEADER + 8  # offset of the first float's last byte: its sign and the top of its exponent
ZERO_TOPS = b"\x00\x80"  # +0.0 and -0.0 — and magnitudes below 2**-1007, told apart by counting zeros
WINDOW = bytes(b for b in range(256) if 0x3E <= (b & 0x7F) <= 0x42)  # noqa: PLR2004 - 2**-31 <= |x| < 2**49


def encode(row: tuple[Any, ...]) -> bytes:
    """``row`` in marshal's version 2 format, or ``b""`` when it holds something marshal cannot write."""
    try:
        return dumps(row, 2)
    except ValueError:  # a Decimal, a NumPy scalar
        return b""


def plain_floats(row: tuple[object, ...]) -> bool:
    """Whether every value is a ``float`` that is 0 or has 2⁻³¹ ≤ |x| < 2⁴⁹ (see the module notes)."""
    size = len(row)
    data = encode(row)
    return len(data) == _HEADER + _CELL * size and data[_HEADER::_CELL] == b"g" * size and in_window(row, data)


def in_window(row: tuple[object, ...], data: bytes) -> bool:
    """For a row of floats and its encoding: whether each is 0 or has 2⁻³¹ ≤ |x| < 2⁴⁹.

    The loop inlines these three lines; this is their reference.
    """
    rest = data[_TOP::_CELL].translate(None, WINDOW)
    return not rest or (not rest.translate(None, ZERO_TOPS) and row.count(0.0) == len(rest))


def normalised(row: tuple[object, ...]) -> tuple[float, ...] | None:
    """The row as plain floats when every value is a number the loop takes, else None.

    Integers (and NumPy scalars) within range become the float of the same value,
    exactly; anything else — missing, NaN, a bool, a Decimal, text, out of range —
    means the department goes the exact way.
    """
    out: list[float] = []
    for raw in row:
        value = plain_value(raw)
        kind = type(value)
        if kind is int:
            if abs(value) >= HIGHEST:
                return None
            value = float(value)
        elif kind is not float:
            return None
        if not (value == 0.0 or LOWEST <= abs(value) < HIGHEST):
            return None
        out.append(value)
    return tuple(out)
