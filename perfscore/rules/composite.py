"""Rules built from rules, and the rule that says an indicator does not apply.

* :func:`sum_of` — parts with their own points and rules (a 绩效标准 with several
  requirements, e.g. four yes/no items and one "≥100 场" count);
* :func:`min_of` / :func:`max_of` — every part scored on the whole weight; the worst
  or best counts;
* :func:`not_applicable` — 不适用: the indicator is dropped and its points are
  redistributed as the pack declares.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import ClassVar

import attrs

from perfscore._core.decimals import ZERO, div, mul, plain, total
from perfscore.rules.base import Deduction, FigureView, MissingFigure, Outcome, Rule, Step, step


@attrs.frozen(slots=True)
class Part:
    """A share of a composite rule: its points (of the nominal weight) and its rule."""

    points: Decimal
    rule: Rule
    name: str | None = None


def _part_tuple(value: Iterable[Part]) -> tuple[Part, ...]:
    return tuple(value)


def _rule_tuple(value: Iterable[Rule]) -> tuple[Rule, ...]:
    return tuple(value)


@attrs.frozen(slots=True)
class SumOf:
    """The parts' scores added; each part is scored on its own points."""

    kind: ClassVar[str] = "sum_of"
    parts: tuple[Part, ...] = attrs.field(converter=_part_tuple)

    def evaluate(self, view: FigureView) -> Outcome:
        """Score every part; missing parts make the whole partial, with summed bounds."""
        nominal = total(part.points for part in self.parts)
        scale = Decimal(1) if nominal in (view.weight, ZERO) else div(view.weight, nominal)
        scored: list[Decimal] = []
        lows: list[Decimal] = []
        highs: list[Decimal] = []
        steps: list[Step] = []
        missing: list[str] = []
        deductions: list[Deduction] = []
        for part in self.parts:
            sub_view = view.with_weight(mul(part.points, scale))
            try:
                outcome = part.rule.evaluate(sub_view)
            except MissingFigure as gap:
                missing.append(gap.needs)
                lows.append(gap.low)
                highs.append(gap.high)
                continue
            scored.append(outcome.points)
            lows.append(outcome.points)
            highs.append(outcome.points)
            deductions.extend(outcome.deductions)
            steps.append(
                step("part.scored", part=part.name or repr(part.rule), points=outcome.points, weight=sub_view.weight)
            )
            steps.extend(outcome.steps)
        if missing:
            raise MissingFigure("、".join(missing), total(lows), total(highs))
        points = total(scored)
        return Outcome(points=points, steps=(*steps, step("part.total", points=points)), deductions=tuple(deductions))

    def reads(self) -> frozenset[str]:
        """What any part reads."""
        return frozenset().union(*(part.rule.reads() for part in self.parts))

    def __repr__(self) -> str:
        """``sum_of(0.3: checklist(...), 0.3: positive(...))``."""
        inner = ", ".join(f"{plain(part.points)}: {part.rule!r}" for part in self.parts)
        return f"sum_of({inner})"


@attrs.frozen(slots=True)
class Extreme:
    """The lowest (``min_of``) or highest (``max_of``) of several rules on the whole weight."""

    kind: ClassVar[str] = "min_of"
    highest: ClassVar[bool] = False
    rules: tuple[Rule, ...] = attrs.field(converter=_rule_tuple)

    def evaluate(self, view: FigureView) -> Outcome:
        """Score every rule on the whole weight and keep the lowest or highest."""
        outcomes: list[Outcome] = []
        lows, highs = [], []
        missing = []
        for rule in self.rules:
            try:
                outcome = rule.evaluate(view)
            except MissingFigure as gap:
                missing.append(gap.needs)
                lows.append(gap.low)
                highs.append(gap.high)
                continue
            outcomes.append(outcome)
            lows.append(outcome.points)
            highs.append(outcome.points)
        if missing:
            pick = max if self.highest else min
            raise MissingFigure("、".join(missing), pick(lows), pick(highs))
        chosen = (max if self.highest else min)(outcomes, key=lambda item: item.points)
        steps: list[Step] = [s for outcome in outcomes for s in outcome.steps]
        steps.append(step("extreme.max" if self.highest else "extreme.min", points=chosen.points))
        return attrs.evolve(chosen, steps=tuple(steps))

    def reads(self) -> frozenset[str]:
        """What any of the rules reads."""
        return frozenset().union(*(rule.reads() for rule in self.rules))

    def __repr__(self) -> str:
        """``min_of(positive(...), reverse(...))``."""
        return f"{self.kind}({', '.join(repr(rule) for rule in self.rules)})"


@attrs.frozen(slots=True)
class MaxOf(Extreme):
    """The highest of several rules on the whole weight."""

    kind: ClassVar[str] = "max_of"
    highest: ClassVar[bool] = True


@attrs.frozen(slots=True)
class NotApplicable:
    """不适用: the indicator is dropped this year; the engine redistributes its points."""

    kind: ClassVar[str] = "not_applicable"
    reason: str

    def evaluate(self, view: FigureView) -> Outcome:  # pragma: no cover - the engine never calls it
        """Never scored: the engine drops the indicator before evaluating."""
        return Outcome(points=ZERO, steps=(step("not_applicable", reason=self.reason, weight=view.weight),))

    def reads(self) -> frozenset[str]:
        """Nothing."""
        return frozenset()

    def __repr__(self) -> str:
        """``not_applicable(reason='...')``."""
        return f"not_applicable(reason={self.reason!r})"


def sum_of(parts: Sequence[Part]) -> SumOf:
    """Composite rule: parts with their own points, added."""
    return SumOf(parts=tuple(parts))


def min_of(*rules: Rule) -> Extreme:
    """Composite rule: the lowest of several rules, each on the whole weight."""
    return Extreme(rules=tuple(rules))


def max_of(*rules: Rule) -> MaxOf:
    """Composite rule: the highest of several rules, each on the whole weight."""
    return MaxOf(rules=tuple(rules))


def not_applicable(reason: str) -> NotApplicable:
    """不适用 rule with its reason."""
    return NotApplicable(reason=reason)
