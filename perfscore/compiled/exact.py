"""The exact way: the pack's own rules in Decimal, for one indicator or a whole department.

The fast loop hands over here in two situations. For one indicator, when its score sits
on a rounding edge or its rule has no compiled form: the figures that indicator reads
are taken from the record by :func:`~perfscore.compiled.columns.figures_from_record`
(the definition of the exact answer) and the rule's ``evaluate`` runs on them, followed
by the pack's rounding — what :func:`perfscore.score` does for that indicator. For a
whole department, when a figure is missing, present but unusable, or not a plain
number: :func:`perfscore.score` itself scores it, and its scorecard (or its
error) is the department's result.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from perfscore._core.decimals import CONTEXT, ZERO
from perfscore._core.diagnostics import FiguresError, PerfscoreError
from perfscore._core.engine import score
from perfscore._core.figures import Figures, IndicatorFigures
from perfscore._core.model import Indicator, ReverseVariant
from perfscore._core.scorecard import Scorecard
from perfscore._core.units import Quantity
from perfscore.compiled.columns import FigureColumn, figure_keys, figures_from_record
from perfscore.compiled.leafplan import EQUAL, EXECUTION, LINEAR, QUALITATIVE, RATIO, REVERSE, Params, quanta
from perfscore.compiled.percentguard import leaf_is_ambiguous
from perfscore.compiled.plan import CompiledPack
from perfscore.rules.base import FigureProblem, FigureView, MissingFigure
from perfscore.rules.comparative import equal_points, positive_points, ratio_points, reverse_points


class NeedsEngine(Exception):  # noqa: N818 - a signal inside the batch, never seen by a caller
    """The department must be scored by :func:`perfscore.score` (a figure is missing or unusable)."""


class LeafView:
    """What one rule may read of one department: its figures and the amounts, at a weight."""

    __slots__ = ("_amounts", "_values", "weight")

    def __init__(self, values: Mapping[str, object], amounts: Mapping[str, Quantity], weight: Decimal) -> None:
        """Wrap the indicator's figures and the department's amounts."""
        self._values = values
        self._amounts = amounts
        self.weight = weight

    def get(self, key: str) -> object | None:
        """An indicator-level figure, or None."""
        return self._values.get(key)

    def amount(self, name: str) -> Quantity | None:
        """A department-level amount, or None."""
        return self._amounts.get(name)

    def with_weight(self, weight: Decimal) -> FigureView:
        """The same figures at another weight (parts of composite rules)."""
        return LeafView(self._values, self._amounts, weight)


class ExactPath:
    """Score one leaf, or a whole department, exactly; shared by every compiled path."""

    def __init__(self, compiled: CompiledPack) -> None:
        """Index which figures each leaf's rule reads: record columns, and row positions."""
        self.compiled = compiled
        by_figure = {(c.indicator, c.key): c for c in compiled.figure_columns}
        self._leaf_columns: tuple[tuple[FigureColumn, ...], ...] = tuple(
            tuple(
                by_figure[(None if is_amount else leaf.id, key)]
                for is_amount, key in figure_keys(leaf.rule.reads())
                if (None if is_amount else leaf.id, key) in by_figure
            )
            for leaf in compiled.leaves
        )
        policy = compiled.pack.rounding
        self._quantum, self._mode, self._decimals = policy.quantum, policy.mode.decimal_mode, policy.decimals
        columns = len(compiled.numeric_columns)
        self._row_figures = tuple(
            _row_figures(leaf, kind, params, columns)
            for leaf, kind, params in zip(compiled.leaves, compiled.kinds, compiled.params, strict=True)
        )

    def figures(self, record: Mapping[str, Any]) -> Figures:
        """The department's figures: the exact reading of the record."""
        return figures_from_record(self.compiled.figure_columns, record)

    def leaf(self, j: int, record: Mapping[str, Any], row: tuple[float, ...] | None = None) -> float:
        """Leaf ``j``'s points in quanta, exactly; NeedsEngine if it cannot score.

        With the department's ``row`` of plain floats, a compiled leaf is scored from it by
        :meth:`from_row`; otherwise the figures it reads are taken from the record as the
        loader reads them and its own rule's ``evaluate`` runs on them.
        """
        if row is not None and self._row_figures[j] is not None:
            return self.from_row(j, row)
        indicator = self.compiled.leaves[j]
        try:
            figures = figures_from_record(self._leaf_columns[j], record)
        except FiguresError:
            raise NeedsEngine from None
        entry = figures.indicator(indicator.id) or IndicatorFigures(id=indicator.id)
        if leaf_is_ambiguous(indicator, entry):  # a bare 0.96 against ≥95%: perfscore.score decides and warns
            raise NeedsEngine
        return self._evaluate(indicator, entry.values, figures.amounts)

    def from_row(self, j: int, row: tuple[float, ...]) -> float:
        """A compiled leaf's points from its row: its rule's formula, branch for branch, in Decimal.

        The loop calls this when a score lies on a rounding edge (about one department in a
        hundred has one). The formulas are those of :mod:`perfscore.rules` — same branches,
        same Decimal context — without building the explanation the rule would also make;
        property tests hold them to ``perfscore.score``. A float is read as the loader reads
        it, ``Decimal(repr(x))``.
        """
        params = self.compiled.params[j]
        second = row[int(str(params[2]))] if self.compiled.kinds[j] != QUALITATIVE else 0.0
        return self.from_values(j, row[int(str(params[1]))], second)

    def from_values(self, j: int, first: float, second: float) -> float:
        """:meth:`from_row` given the leaf's two inputs (its actual and its target, or its score)."""
        kind, weight = self.compiled.kinds[j], self.compiled.leaves[j].weight
        a = Decimal(repr(first))
        if kind == QUALITATIVE:
            if a < ZERO or a > weight:
                raise NeedsEngine
            return self._quanta(a)
        return self._quanta(_points(kind, a, Decimal(repr(second)), weight))

    def _quanta(self, points: Decimal) -> float:
        """Points rounded by the pack's policy, in whole quanta (what ``leafplan.quanta`` does, inlined)."""
        rounded = points.quantize(self._quantum, rounding=self._mode, context=CONTEXT)
        return float(int(rounded.scaleb(self._decimals, CONTEXT)))

    def _evaluate(self, indicator: Indicator, values: Mapping[str, object], amounts: Mapping[str, Quantity]) -> float:
        try:
            outcome = indicator.rule.evaluate(LeafView(values, amounts, indicator.weight))
        except (MissingFigure, FigureProblem, PerfscoreError):  # a formula's division by zero, say
            raise NeedsEngine from None
        return quanta(outcome.points, self.compiled.pack.rounding)

    def department(self, record: Mapping[str, Any]) -> Scorecard | PerfscoreError:
        """The department scored by :func:`perfscore.score`, or the error it raises."""
        try:
            return score(self.compiled.pack, self.figures(record))
        except PerfscoreError as error:  # its figures are unusable (or a formula cannot be evaluated on them)
            return error


def _points(kind: int, a: Decimal, t: Decimal, weight: Decimal) -> Decimal:
    """The points of a compiled leaf: the rules' own point functions (see perfscore.rules.comparative)."""
    if kind == EXECUTION:  # ExecutionRate.evaluate; a budget of 0 or less is a problem the engine reports
        if t <= ZERO:
            raise NeedsEngine
        return ratio_points(a, t, weight)
    if kind == RATIO:
        return positive_points(a, t, weight)[1]
    if kind == EQUAL:  # tolerance 0: only such rules compile
        return equal_points(a, t, weight)[1]
    return reverse_points(a, t, weight, ReverseVariant.RATIO if kind == REVERSE else ReverseVariant.LINEAR)[1]


RowFigures = tuple[tuple[str, int, bool], ...]


def _row_figures(indicator: Indicator, kind: int, params: Params, columns: int) -> RowFigures | None:
    """Which figures of a compiled leaf sit where in the row: (key, position, is an amount)."""
    rule = indicator.rule
    if kind in {RATIO, REVERSE, LINEAR, EQUAL}:
        of, target = str(getattr(rule, "of", "actual")), params[2]
        found = [(of, int(str(params[1])), False)]
        if isinstance(target, int) and target < columns:
            found.append(("target", target, False))
        return tuple(found)
    if kind == EXECUTION:
        executed, budget = str(getattr(rule, "executed", "")), str(getattr(rule, "budget", ""))
        return ((executed, int(str(params[1])), True), (budget, int(str(params[2])), True))
    if kind == QUALITATIVE:
        return (("score", int(str(params[1])), False),)
    return None
