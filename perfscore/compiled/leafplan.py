"""How each rule becomes a flat tuple the hot loop reads, and why the floats in it are exact enough.

The hot loop (:mod:`perfscore.compiled.kernel`) scores in binary floats, counting
points in *quanta* (units of the pack's last decimal: 0.01 when it rounds to two
places). Three facts make that exact:

1. **Comparisons are exact.** A record's float ``x`` stands for ``X = Decimal(repr(x))``
   and ``float(repr(x)) == x``, so ``x`` is the double nearest ``X``. Rounding to the
   nearest double is monotonic, hence ``X ≥ Y ⇔ x ≥ y`` for two such values (equal
   doubles have equal shortest reprs). A pack constant ``C`` (a target, a band edge, a
   weight) is used only when ``Decimal(repr(float(C))) == C``; then the same holds
   against it. An exclusive edge ``x > c`` is ``x ≥ nextafter(c, +∞)`` on doubles.
2. **Computed scores carry a known error.** ``q = a × scale ÷ t`` is a few correctly
   rounded operations on values within one rounding of the exact decimals, so
   ``|q − q_exact| < 8·2⁻⁵³·q``; the loop allows ``ε = (full + 2)·2⁻⁴⁴`` quanta, over
   a hundred times more.
3. **Rounding is decided only away from its edge.** ``n = (q + 1.5·2⁵²) − 1.5·2⁵²`` is
   ``q`` rounded to the nearest integer and ``f = q − n`` is exact. When ``|f| < ½ − ε``
   the exact value lies on the same side of every ``k + ½`` as ``q``, so 四舍五入 (and
   half-even) of the exact value is ``n``. Otherwise the value sits on a rounding edge
   (``2.675`` exactly is common: ``45.25 × 3.5 ÷ 50.68``…) and the loop asks the
   pack's own rule, in Decimal, for that one indicator.

A rule the loop does not know (checklists, formulas, composites, manual scores) is an
``EXACT`` leaf: its own ``evaluate`` runs in Decimal for every department. Packs that
round down or up (rather than half up or half even) use ``EXACT`` for computed scores.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

import attrs

from perfscore._core.decimals import ZERO, RoundingMode, RoundingPolicy, mul
from perfscore._core.model import Indicator, ReverseVariant
from perfscore._core.units import BARE
from perfscore.compiled.columns import column_name
from perfscore.rules.base import fraction_points
from perfscore.rules.budget import ExecutionRate
from perfscore.rules.comparative import Equal, Positive, Reverse
from perfscore.rules.judgement import Qualitative
from perfscore.rules.kinds import DEFAULT_REGISTRY
from perfscore.rules.tables import Bands

RATIO, EXECUTION, REVERSE, LINEAR, EQUAL, BANDS, QUALITATIVE, EXACT = range(8)
KIND_NAMES = ("ratio", "execution", "reverse", "linear", "equal", "bands", "qualitative", "exact")

MAGIC = 6755399441055744.0  # 1.5 × 2**52: adding and subtracting it rounds a double to an integer
_EPSILON_PER_QUANTUM = 2.0**-44
_HALF_MODES = frozenset({RoundingMode.HALF_UP, RoundingMode.HALF_EVEN})

Params = tuple[object, ...]


def exact_float(value: Decimal) -> float | None:
    """``value`` as a double when the double reads back as exactly ``value``, else None."""
    number = float(value)
    if not math.isfinite(number) or Decimal(repr(number)) != value:
        return None
    return number


def quanta(value: Decimal, policy: RoundingPolicy) -> float:
    """``value`` rounded by the pack's policy, counted in units of its last decimal."""
    return float(int(policy.apply(value).scaleb(policy.decimals)))


class Slots:
    """Positions in the row tuple the loop reads: record columns first, then pack constants."""

    def __init__(self, rename: Mapping[str, str]) -> None:
        """Start empty; ``rename`` maps default column names to record keys."""
        self._rename = rename
        self.columns: dict[str, int] = {}
        self.constants: list[float] = []

    def column(self, default_name: str) -> int:
        """The position of the record column holding ``default_name``."""
        key = self._rename.get(default_name, default_name)
        return self.columns.setdefault(key, len(self.columns))

    def text(self, default_name: str) -> str:
        """The record key of a text column (read by name, not in the row tuple)."""
        return self._rename.get(default_name, default_name)

    def constant(self, value: Decimal) -> int | None:
        """A placeholder position for a pack constant (resolved by :meth:`resolve`), or None."""
        number = exact_float(value)
        if number is None:
            return None
        self.constants.append(number)
        return -len(self.constants)

    def resolve(self, position: int) -> int:
        """The final position: constants follow the record columns."""
        return position if position >= 0 else len(self.columns) - position - 1


@attrs.frozen(kw_only=True)
class LeafContext:
    """What a planner needs besides the rule: the leaf, its weight in quanta, and the error margin."""

    j: int
    indicator: Indicator
    policy: RoundingPolicy
    slots: Slots
    full: float
    scale: float
    h: float
    computed: bool  # the pack rounds half up or half even, and the weight scales to a finite float


Planner = Callable[[Any, LeafContext], "tuple[int, Params] | None"]


def _plan_positive(rule: Positive, c: LeafContext) -> tuple[int, Params] | None:
    pair = _compared(c.indicator, rule.target, rule.of, c.slots) if c.computed else None
    return None if pair is None else (RATIO, (c.j, *pair, c.full, c.scale, c.h))


def _plan_reverse(rule: Reverse, c: LeafContext) -> tuple[int, Params] | None:
    kind = REVERSE if rule.variant is ReverseVariant.RATIO else LINEAR
    pair = _compared(c.indicator, rule.target, rule.of, c.slots) if c.computed else None
    return None if pair is None else (kind, (c.j, *pair, c.full, c.scale, c.h))


def _plan_execution(rule: ExecutionRate, c: LeafContext) -> tuple[int, Params] | None:
    if not c.computed or rule.bands:  # the form's own bands: scored exactly by the rule
        return None
    pair = (c.slots.column(column_name(None, rule.executed)), c.slots.column(column_name(None, rule.budget)))
    return EXECUTION, (c.j, *pair, c.full, c.scale, c.h)


def _plan_equal(rule: Equal, c: LeafContext) -> tuple[int, Params] | None:
    if rule.tolerance != ZERO:
        return None
    pair = _compared(c.indicator, rule.target, rule.of, c.slots)
    return None if pair is None else (EQUAL, (c.j, *pair, c.full))


def _plan_bands(rule: Bands, c: LeafContext) -> tuple[int, Params] | None:
    steps = _bands(rule, c.indicator.weight, c.policy)
    return None if steps is None else (BANDS, (c.j, c.slots.column(column_name(c.indicator.id, rule.of)), *steps))


def _plan_qualitative(rule: Qualitative, c: LeafContext) -> tuple[int, Params] | None:
    return _qualitative(c.j, c.indicator, rule, c.policy, c.slots, c.h) if c.computed else None


PLANNERS: dict[str, Planner] = {
    "positive": _plan_positive,
    "reverse": _plan_reverse,
    "execution_rate": _plan_execution,
    "equal": _plan_equal,
    "bands": _plan_bands,
    "qualitative": _plan_qualitative,
}
"""How the hot loop plans each kind it knows; every other registered kind says ``exact_only``.

A kind outside perfscore may bring its own planner as its record's ``plan`` hook (looked up
in the default registry); a test holds every registered kind to one or the other.
"""


def planner_for(kind: str) -> Planner | None:
    """The planner of rule kind ``kind``: the loop's own, else the kind record's ``plan`` hook."""
    found = PLANNERS.get(kind)
    if found is not None:
        return found
    record = DEFAULT_REGISTRY.get(kind)
    return None if record is None else record.plan


def plan_leaf(j: int, indicator: Indicator, policy: RoundingPolicy, slots: Slots) -> tuple[int, Params]:
    """The loop's kind and parameters for leaf ``j`` (``(EXACT, (j,))`` when it cannot compile)."""
    rule = indicator.rule
    full = quanta(indicator.weight, policy)
    scale = float(indicator.weight.scaleb(policy.decimals))
    context = LeafContext(
        j=j,
        indicator=indicator,
        policy=policy,
        slots=slots,
        full=full,
        scale=scale,
        h=0.5 - (full + 2.0) * _EPSILON_PER_QUANTUM,
        computed=policy.mode in _HALF_MODES and math.isfinite(scale),
    )
    planner = planner_for(str(getattr(rule, "kind", "")))
    found = None if planner is None else planner(rule, context)
    return found if found is not None else (EXACT, (j,))


def _compared(indicator: Indicator, target: object, of: str, slots: Slots) -> tuple[int, int] | None:
    """Positions of the actual and the target (a column, or the pack's constant target)."""
    actual = slots.column(column_name(indicator.id, of))
    if target is None:
        return actual, slots.column(column_name(indicator.id, "target"))
    quantity = getattr(target, "number", None)
    if getattr(getattr(quantity, "unit", None), "dimension", None) == BARE:  # 150万: the rule scales, exactly
        return None
    value = getattr(quantity, "value", None)
    constant = slots.constant(value) if isinstance(value, Decimal) else None
    return None if constant is None else (actual, constant)


def _bands(rule: Bands, weight: Decimal, policy: RoundingPolicy) -> tuple[tuple[float, ...], tuple[float, ...]] | None:
    """The bands as a step function: ``points[bisect_right(edges, x)]`` (None if an edge is not exact).

    Bands of a valid pack do not overlap (the loader checks), so sorted by their lower
    edges they form steps: each band's first value starts its points, and the first
    value above it falls back to nothing unless the next band starts there. Exclusive
    edges become inclusive ones on the next double (``x > c ⇔ x ≥ nextafter(c, +∞)``).
    """
    pieces = []
    for band in rule.bands:
        low = -math.inf if band.low is None else exact_float(band.low)
        high = math.inf if band.high is None else exact_float(band.high)
        if low is None or high is None:
            return None
        if not band.low_inclusive and band.low is not None:
            low = math.nextafter(low, math.inf)
        after = math.nextafter(high, math.inf) if band.high_inclusive or band.high is None else high
        pieces.append((low, after, quanta(fraction_points(weight, band.fraction), policy)))
    edges: list[float] = []
    points: list[float] = [0.0]
    for low, after, value in sorted(pieces):
        if edges and low < edges[-1]:  # pragma: no cover - overlapping bands do not load
            return None
        if edges and edges[-1] == low:
            points[-1] = value
        else:
            edges.append(low)
            points.append(value)
        if after != math.inf:
            edges.append(after)
            points.append(0.0)
    return tuple(edges), tuple(points)


def _qualitative(
    j: int, indicator: Indicator, rule: Qualitative, policy: RoundingPolicy, slots: Slots, h: float
) -> tuple[int, Params] | None:
    """The score is the points; a level, when given, must hold the score strictly inside its band.

    A score exactly on a band edge, or outside its level's band, goes to the exact rule
    (which accepts the edge or reports the problem).
    """
    weight = exact_float(indicator.weight)
    if weight is None:
        return None
    levels: dict[str, tuple[float, float]] = {}
    for level in rule.scale.levels:
        low, high = exact_float(mul(level.low, indicator.weight)), exact_float(mul(level.high, indicator.weight))
        if low is None or high is None:
            return None
        for label in (level.label, *level.aliases):
            levels.setdefault(label, (low, high))
    score = slots.column(column_name(indicator.id, "score"))
    level_column = slots.text(column_name(indicator.id, "level"))
    return QUALITATIVE, (j, score, level_column, weight, float(10**policy.decimals), h, levels)
