"""Exact numbers: one private decimal context, and rounding in one place.

Scores and money are :class:`decimal.Decimal` built from the source text, never
through ``float``. All arithmetic goes through :data:`CONTEXT` (50 significant
digits, with traps on) so that a caller changing the thread's default context cannot
change a score. Rounding to the pack's decimals happens only in
:meth:`RoundingPolicy.apply`; Chinese reports round 四舍五入, which is
``ROUND_HALF_UP`` — not Python's banker's ``round``.
"""

from __future__ import annotations

import contextlib
import decimal
import enum
import functools
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import Any, TypeVar, cast

import attrs

CONTEXT = decimal.Context(
    prec=50,
    rounding=decimal.ROUND_HALF_EVEN,
    Emin=-999_999,
    Emax=999_999,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)

ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)


class RoundingMode(enum.Enum):
    """Rounding modes a pack may declare, named as packs write them."""

    HALF_UP = "half_up"  # 四舍五入
    HALF_EVEN = "half_even"  # 银行家舍入, rare in Chinese reports
    DOWN = "down"  # 截尾 (truncate toward zero)
    UP = "up"  # 进一

    @property
    def decimal_mode(self) -> str:
        """The :mod:`decimal` rounding constant for this mode."""
        return _DECIMAL_MODES[self]


_DECIMAL_MODES = {
    RoundingMode.HALF_UP: decimal.ROUND_HALF_UP,
    RoundingMode.HALF_EVEN: decimal.ROUND_HALF_EVEN,
    RoundingMode.DOWN: decimal.ROUND_DOWN,
    RoundingMode.UP: decimal.ROUND_UP,
}


@attrs.frozen(kw_only=True)
class RoundingPolicy:
    """How leaf scores are rounded: to ``decimals`` places with ``mode``.

    >>> RoundingPolicy().apply(Decimal("2.675"))
    Decimal('2.68')
    >>> RoundingPolicy(decimals=1).apply(Decimal("0.25"))
    Decimal('0.3')
    """

    decimals: int = 2
    mode: RoundingMode = RoundingMode.HALF_UP

    @property
    def quantum(self) -> Decimal:
        """The smallest step a rounded score can take, e.g. ``0.01``."""
        found = _QUANTA.get(self.decimals)
        if found is None:
            found = _QUANTA[self.decimals] = Decimal(1).scaleb(-self.decimals)
        return found

    def apply(self, value: Decimal) -> Decimal:
        """Round ``value`` to the policy's decimals with the policy's mode."""
        return value.quantize(self.quantum, rounding=_DECIMAL_MODES[self.mode], context=CONTEXT)

    def rounder(self) -> Callable[[Decimal], Decimal]:
        """:meth:`apply` as a function, the quantum and mode looked up once (for the many scores of a pack)."""
        quantum, mode = self.quantum, _DECIMAL_MODES[self.mode]

        def apply(value: Decimal) -> Decimal:
            return value.quantize(quantum, rounding=mode, context=CONTEXT)

        return apply


_QUANTA: dict[int, Decimal] = {}  # 0.01 for 2 places: made once, not on every rounding


# The four operations in the private context: its bound methods themselves, so the many
# operations of a score cost no Python call between (a ÷ 0 raises DivisionByZero).
mul: Callable[[Decimal, Decimal], Decimal] = CONTEXT.multiply
"""``a × b`` in the private context."""
div: Callable[[Decimal, Decimal], Decimal] = CONTEXT.divide
"""``a ÷ b`` in the private context (raises ``DivisionByZero`` for ``b == 0``)."""
add: Callable[[Decimal, Decimal], Decimal] = CONTEXT.add
"""``a + b`` in the private context."""
sub: Callable[[Decimal, Decimal], Decimal] = CONTEXT.subtract
"""``a - b`` in the private context."""


def total(values: Iterable[Decimal]) -> Decimal:
    """Exact sum of ``values`` (empty sum is 0)."""
    result = ZERO
    for value in values:
        result = CONTEXT.add(result, value)
    return result


def clamp(value: Decimal, low: Decimal, high: Decimal) -> Decimal:
    """``value`` kept within ``[low, high]``."""
    return low if value < low else min(value, high)


def plain(value: Decimal) -> str:
    """Show a decimal as tables do: no exponent, no trailing zeros (``1.50`` → ``1.5``).

    >>> plain(Decimal("1.50")), plain(Decimal("100")), plain(Decimal("-0"))
    ('1.5', '100', '0')
    """
    try:
        return _PLAIN[value]
    except (KeyError, TypeError):  # not seen yet; a signalling NaN cannot be hashed
        pass
    text = "0" if value.is_zero() else format(value.normalize(CONTEXT), "f")
    if len(_PLAIN) >= _PLAIN_SIZE:
        _PLAIN.clear()
    with contextlib.suppress(TypeError):
        _PLAIN[value] = text
    return text


# plain() depends only on the number (1.5 and 1.50 show alike), so equal decimals share their
# text: scoring shows the same weights, fractions and points again and again.
_PLAIN: dict[Decimal, str] = {}
_PLAIN_SIZE = 4096


def fixed(value: Decimal, decimals: int) -> str:
    """Show a decimal with exactly ``decimals`` places (already-rounded values only)."""
    return format(value, f".{decimals}f")


_Function = TypeVar("_Function", bound=Callable[..., Any])
_Item = TypeVar("_Item")


def own_context(function: _Function) -> _Function:
    """Run ``function`` in the library's :data:`CONTEXT`, whatever the caller's decimal context is.

    Python's ``Decimal`` operators use the thread's context: a caller who sets
    ``decimal.getcontext().prec = 3`` (or a small ``Emax``, or traps on ``Inexact``)
    would otherwise change scores. Every public entry point is wrapped in this.
    """

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:  # noqa: ANN401 - passes through whatever it wraps
        with decimal.localcontext(CONTEXT):
            return function(*args, **kwargs)

    return cast("_Function", wrapper)


def own_context_iter(function: Callable[..., Iterator[_Item]]) -> Callable[..., Iterator[_Item]]:
    """Like :func:`own_context` for a generator: each step runs in :data:`CONTEXT`, the caller between steps not."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Iterator[_Item]:  # noqa: ANN401
        with decimal.localcontext(CONTEXT):
            iterator = function(*args, **kwargs)
        while True:
            with decimal.localcontext(CONTEXT):
                try:
                    item = next(iterator)
                except StopIteration:
                    return
            yield item

    return wrapper
