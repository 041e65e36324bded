"""Checks and conversions of rule options, shared by the Python constructors and the YAML loader.

A rule class declares its fields with these converters and validators, so
``equal('=3', tolerance=0.1)`` stores ``Decimal('0.1')`` (a float goes through its
shortest text, never its binary expansion) and ``deduct(points=-2)`` fails with the
same :class:`RuleOptionError` — catalogue code ``RULE_OPTION`` — that the loader
reports at the option's line in a pack.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from perfscore._core.diagnostics import UsageError, diagnostic
from perfscore._text.names import named
from perfscore._text.problems import problem

E = TypeVar("E", bound=enum.Enum)


class RuleOptionError(UsageError):
    """A rule's option is wrong: the kind, the option and what was expected, in zh and en."""

    def __init__(self, kind: str, option: str | None, problem_key: str, /, **params: object) -> None:
        """Record the option at fault and the problem (from :mod:`perfscore._text.problems`); code ``RULE_OPTION``."""
        zh, en = problem(problem_key, **params)
        self.kind, self.key, self.en, self.zh = kind, option, en, zh
        super().__init__([diagnostic("RULE_OPTION", kind=kind, problem=en, problem_zh=zh)])


def to_decimal(value: object) -> Decimal:
    """A number as a Decimal: floats through their shortest text (0.1 stays 0.1)."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        raise TypeError(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, int | str):
        try:
            return Decimal(str(value).strip())
        except InvalidOperation:
            raise ValueError(value) from None
    raise TypeError(value)


def number(kind: str, key: str, *, above_zero: bool = False, at_least_zero: bool = False) -> Callable[[Any], Decimal]:
    """A converter to Decimal for option ``key`` of ``kind``; optionally > 0 or ≥ 0."""

    def convert(value: object) -> Decimal:
        try:
            result = to_decimal(value)
        except (TypeError, ValueError):
            raise RuleOptionError(kind, key, "option.number", key=key, value=value) from None
        if not result.is_finite():
            raise RuleOptionError(kind, key, "option.finite", key=key)
        if above_zero and result <= 0:
            raise RuleOptionError(kind, key, "option.above_zero", key=key)
        if at_least_zero and result < 0:
            raise RuleOptionError(kind, key, "option.not_negative", key=key)
        return result

    return convert


def optional_number(kind: str, key: str, **checks: bool) -> Callable[[Any], Decimal | None]:
    """Like :func:`number`, with None passed through (the option is absent)."""
    convert = number(kind, key, **checks)
    return lambda value: None if value is None else convert(value)


def choice(kind: str, key: str, enum_type: type[E]) -> Callable[[Any], E]:
    """A converter to ``enum_type`` whose error names the allowed values."""
    allowed = [member.value for member in enum_type]

    def convert(value: object) -> E:
        if isinstance(value, enum_type):
            return value
        try:
            return enum_type(value)
        except ValueError:
            or_zh, or_en = named("join.or_spaced")
            listed = or_en.join(f"'{item}'" for item in allowed)
            listed_zh = or_zh.join(str(item) for item in allowed)
            raise RuleOptionError(
                kind, key, "option.choice", key=key, value=value, allowed=listed, allowed_zh=listed_zh
            ) from None

    return convert
