"""Reading ``--weights ±20%``: the share by which weights may move, as the command line writes it."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from perfscore._core.diagnostics import UsageError, diagnostic

_SIGNS = ("±", "+-", "+/-", "+")


def parse_spread(text: str) -> float:
    """``±20%``, ``+-20%``, ``20%`` or ``0.2`` → 0.2; anything else, or 100% and above, is a usage error."""
    cleaned = text.strip().replace("％", "%")
    for sign in _SIGNS:
        if cleaned.startswith(sign):
            cleaned = cleaned[len(sign) :].strip()
            break
    percent = cleaned.endswith("%")
    try:
        value = Decimal(cleaned.removesuffix("%").strip())
    except InvalidOperation:
        value = Decimal(-1)
    if percent:
        value /= 100
    if not value.is_finite() or value < 0 or value >= 1:
        raise UsageError([diagnostic("SENSITIVITY_SPREAD", text=text)])
    return float(value)
