"""The bounds every formula is held to, the tally that enforces them, and the one error.

Formulas come from pack files, which are data from untrusted hands: a formula may be
very long, nested thousands of levels deep, or built to make its numbers explode.
Each bound here turns such a formula into an :class:`ExpressionError` before it can
cost much time, memory or Python stack, so a loader reports it like any other mistake
in a pack instead of crashing.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from perfscore._core.diagnostics import Location, ParseError, diagnostic
from perfscore._text.problems import problem

if TYPE_CHECKING:
    from collections.abc import Mapping

#: The parser and the evaluator recurse once per level of nesting (two or three
#: Python frames each); above this depth they could reach Python's recursion limit.
STACK_SAFE_DEPTH = 200


def _whole_positive(_instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        msg = f"{attribute.name} must be a whole number of at least 1 (got {value!r})"
        raise ValueError(msg)


def _stack_safe(_instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if value > STACK_SAFE_DEPTH:
        msg = f"{attribute.name} must be at most {STACK_SAFE_DEPTH} (got {value!r})"
        raise ValueError(msg)


def _positive_decimal(_instance: object, attribute: attrs.Attribute[Decimal], value: object) -> None:
    if not isinstance(value, Decimal) or not value.is_finite() or value <= 0:
        msg = f"{attribute.name} must be a finite Decimal above 0 (got {value!r})"
        raise ValueError(msg)


@attrs.frozen(kw_only=True)
class Limits:
    """How much a formula may ask of the machine; the defaults fit every real pack.

    Attributes:
        max_length: Characters in the formula as written, checked before tokenising.
        max_depth: Nesting of brackets, calls, unary operators and operator
            precedence levels (capped at :data:`STACK_SAFE_DEPTH`).
        max_digits: Digits in one number literal.
        max_steps: Tree nodes visited by one call of ``evaluate``.
        max_magnitude: Largest absolute value any intermediate result may take.

    """

    max_length: int = attrs.field(default=2000, validator=_whole_positive)
    max_depth: int = attrs.field(default=64, validator=[_whole_positive, _stack_safe])
    max_digits: int = attrs.field(default=30, validator=_whole_positive)
    max_steps: int = attrs.field(default=10_000, validator=_whole_positive)
    max_magnitude: Decimal = attrs.field(default=Decimal("1e30"), validator=_positive_decimal)


DEFAULT_LIMITS = Limits()


class ExpressionError(ParseError):
    """A formula could not be read or evaluated; it holds one ``EXPRESSION_INVALID``.

    The column counts characters of the formula as its author wrote it (before any
    normalisation), 1-based; :meth:`ParseError.located` moves it into the pack file.
    """

    @classmethod
    def at(
        cls,
        column: int,
        words: tuple[str, str],
        *,
        label: str = "formula",
        suggestion: str | None = None,
    ) -> ExpressionError:
        """Build the error for ``words`` (Chinese, English, as :func:`problem` gives them) at ``column``."""
        problem_zh, problem_en = words
        item = diagnostic(
            "EXPRESSION_INVALID",
            location=Location(column=column),
            suggestion=suggestion,
            id=label,
            problem=problem_en,
            problem_zh=problem_zh,
        )
        return cls((item,))


def magnitude_problem(limits: Limits) -> tuple[str, str]:
    """Say, (Chinese, English), that a value is above ``limits.max_magnitude``."""
    return problem("formula.magnitude", limit=limits.max_magnitude)


class Run:
    """One evaluation: the figures, the formula's name, its limits and the steps so far.

    It is the only mutable object of an evaluation and lives for one call, which keeps
    the formula's tree frozen and safe to evaluate from several threads at once.
    """

    __slots__ = ("label", "limits", "steps", "values")

    def __init__(self, values: Mapping[str, Decimal | bool], limits: Limits, label: str) -> None:
        """Start an evaluation of the formula ``label`` against ``values``."""
        self.values = values
        self.limits = limits
        self.label = label
        self.steps = 0

    def fail(self, column: int, words: tuple[str, str], suggestion: str | None = None) -> ExpressionError:
        """Build the error to raise for ``words`` (Chinese, English) at ``column``."""
        return ExpressionError.at(column, words, label=self.label, suggestion=suggestion)

    def step(self, column: int) -> None:
        """Count one node visited (at ``column``); too many means the formula costs too much."""
        self.steps += 1
        if self.steps > self.limits.max_steps:
            raise self.fail(column, problem("formula.steps", limit=self.limits.max_steps))

    def bounded(self, value: Decimal, column: int) -> Decimal:
        """Pass ``value`` on, unless it is larger than the limits allow."""
        if value.copy_abs() > self.limits.max_magnitude:
            raise self.fail(column, magnitude_problem(self.limits))
        return value
