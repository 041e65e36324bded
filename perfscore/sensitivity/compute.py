"""Re-weighting every department for every sample: in pure Python, or with NumPy.

Scores are linear in the weights, so each department's achievements are read once and a
sample's total is a weighted sum ``Σ lowᵢ·wᵢ + Σ spanᵢ·(wᵢ·vᵢ)``. Both computations work
on the same integers (:mod:`perfscore.sensitivity.sampling`) and give identical results.

Pure Python packs all departments into one large integer, 64 bits each: an indicator's
achievements become one integer, so a sample's totals for every department are one
multiply-and-add of large integers per indicator. Comparisons are packed too: adding
``2⁶³ − e`` to every field sets a field's top bit exactly when its total is at least
``e`` (no field can carry into the next), so grade counts, running least and greatest
totals, and which departments changed grade are a few big-integer operations a sample.
NumPy multiplies matrices of whole numbers below 2⁵³, which doubles hold exactly.

Per department both return: the least, greatest and summed total; how many samples fell
on each step of the grade scale; ``net`` — samples with a better grade than the
department's reference grade minus those with a worse one; and ``a`` — per indicator the
weight, and per judged indicator the weight × position, summed with that sign over the
samples whose grade changed. :mod:`perfscore.sensitivity` turns ``net`` and ``a`` into
how far each weight and judgement pushed the total toward another grade.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Sequence
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from itertools import compress
from operator import mul
from typing import Any

import attrs

from perfscore._core.model import GradeBand
from perfscore.sensitivity.inputs import Department
from perfscore.sensitivity.sampling import Draws, fixed

_FIELD = 64
_FLUSH = 1 << 10  # samples summed in a 64-bit field before it is emptied (totals stay below 2**52)


@attrs.frozen(kw_only=True)
class Steps:
    """The grade scale as steps of fixed-point totals: a total's step is how many edges it reaches."""

    edges: tuple[int, ...]  # ascending
    grade_of: tuple[int, ...]  # per step: the grade index (len(grades) for none)

    def step(self, total: int) -> int:
        """The step of a fixed-point total."""
        return bisect_right(self.edges, total)


def steps(grades: Sequence[GradeBand], scale: int, total: Decimal) -> Steps:
    """The steps of ``grades`` for totals in units of ``1/scale`` points.

    The top band's upper edge is left out: a total is never above the pack's total, save
    a hair of fixed-point rounding, which must not push it out of the top grade.
    """
    edges: list[int] = []
    grade_of: list[int] = [len(grades)]
    cap = int((total * scale).to_integral_value(rounding=ROUND_FLOOR))
    for k in sorted(range(len(grades)), key=lambda k: grades[k].low):
        band = grades[k]
        low = int((band.low * scale).to_integral_value(rounding=ROUND_CEILING))
        high = band.high * scale
        after = int(high.to_integral_value(rounding=ROUND_FLOOR)) + 1 if band.high_inclusive else _ceil(high)
        if edges and edges[-1] == low:
            grade_of[-1] = k
        else:
            edges.append(low)
            grade_of.append(k)
        if after <= cap:
            edges.append(after)
            grade_of.append(len(grades))
    return Steps(edges=tuple(edges), grade_of=tuple(grade_of))


def _ceil(value: Decimal) -> int:
    return int(value.to_integral_value(rounding=ROUND_CEILING))


@attrs.frozen(kw_only=True)
class Fixed:
    """Departments' lows, spans and achievements as fixed-point integers: lists of rows, or NumPy arrays."""

    low: Any
    span: Any
    achieved: Any
    vectorised: bool

    @classmethod
    def of(cls, departments: Sequence[Department], bits: int, *, vectorised: bool) -> Fixed:
        """Convert once (NumPy rounds half to even, as Python's round does)."""
        if not vectorised:
            return cls(
                low=[fixed(d.low, bits) for d in departments],
                span=[fixed(d.span, bits) for d in departments],
                achieved=[fixed(d.achieved, bits) for d in departments],
                vectorised=False,
            )
        import numpy as np  # noqa: PLC0415 - the vectorised extra

        unit = float(1 << bits)

        def rows(values: list[tuple[float, ...]]) -> Any:  # noqa: ANN401 - an array
            return np.rint(np.asarray(values, dtype=np.float64) * unit).astype(np.int64)

        return cls(
            low=rows([d.low for d in departments]),
            span=rows([d.span for d in departments]),
            achieved=rows([d.achieved for d in departments]),
            vectorised=True,
        )

    def references(self, nominal: Sequence[int], scale: Steps) -> list[int]:
        """Each department's step at nominal weights with its achievements as scored."""
        if not self.vectorised:
            return [scale.step(sum(map(mul, row, nominal))) for row in self.achieved]
        import numpy as np  # noqa: PLC0415 - the vectorised extra

        totals = self.achieved @ np.asarray(nominal, dtype=np.int64)  # integers below 2**62: exact
        return np.searchsorted(np.asarray(scale.edges, dtype=np.int64), totals, side="right").tolist()  # type: ignore[no-any-return]


@attrs.frozen(kw_only=True)
class Outcome:
    """Per department (lists in department order): see the module notes."""

    least: list[int]
    greatest: list[int]
    summed: list[int]
    counts: list[list[int]]  # per department, samples per step
    net: list[int]
    a: list[list[int]]  # per department: per indicator, then per judged indicator


def run_python(
    held: Fixed, draws: Draws, dropped: frozenset[str], judged: Sequence[int], scale: Steps, reference: Sequence[int]
) -> Outcome:
    """The outcome for some departments (all dropping the same indicators), in pure Python."""
    count = len(held.low)
    width = len(held.low[0])
    ones = _pack([1] * count)
    full = ones * ((1 << _FIELD) - 1)
    top = ones << (_FIELD - 1)
    lows, spans = held.low, held.span
    packed_low = [_pack([row[i] for row in lows]) for i in range(width)]
    packed_span = [_pack([row[j] for row in spans]) for j in judged]
    reach = [ones * ((1 << (_FIELD - 1)) - edge) for edge in scale.edges]  # adding it: top bit iff ≥ edge
    up_edge = [scale.edges[r] if r < len(scale.edges) else None for r in reference]
    down_edge = [scale.edges[r - 1] if r >= 1 else 0 for r in reference]
    up_offset = _pack([0 if e is None else (1 << (_FIELD - 1)) - e for e in up_edge])
    down_offset = _pack([(1 << (_FIELD - 1)) - e for e in down_edge])
    counts = [0] * len(scale.edges)
    least, greatest, summed, partial_sum = _pack([1 << 62] * count), 0, [0] * count, 0
    ups = downs = 0
    a_up, a_down = [0] * count, [0] * count
    departments_range = range(count)
    for sample, (weights, moved) in enumerate(zip(draws.weights[dropped], draws.moved[dropped], strict=True)):
        totals = sum(map(int.__mul__, weights, packed_low)) + sum(map(int.__mul__, moved, packed_span))
        for index, offset in enumerate(reach):
            counts[index] += ((totals + offset) >> (_FIELD - 1)) & ones
        higher = ((totals + (top - greatest)) >> (_FIELD - 1)) & ones  # totals ≥ greatest so far
        chosen = higher * ((1 << _FIELD) - 1)
        greatest = (totals & chosen) | (greatest & (full ^ chosen))
        lower = ones ^ (((totals + (top - least)) >> (_FIELD - 1)) & ones)  # totals < least so far
        chosen = lower * ((1 << _FIELD) - 1)
        least = (totals & chosen) | (least & (full ^ chosen))
        partial_sum += totals
        if (sample + 1) % _FLUSH == 0:
            summed = [s + f for s, f in zip(summed, _fields(partial_sum, count), strict=True)]
            partial_sum = 0
        better = ((totals + up_offset) >> (_FIELD - 1)) & ones
        worse = ones ^ (((totals + down_offset) >> (_FIELD - 1)) & ones)
        if better or worse:
            ups += better
            downs += worse
            row = _pack(list(weights) + list(moved))
            for d in compress(departments_range, _fields(better, count)):
                a_up[d] += row
            for d in compress(departments_range, _fields(worse, count)):
                a_down[d] += row
    summed = [s + f for s, f in zip(summed, _fields(partial_sum, count), strict=True)]
    reached = [_fields(value, count) for value in counts]
    size = width + len(judged)
    return Outcome(
        least=_fields(least, count),
        greatest=_fields(greatest, count),
        summed=summed,
        counts=[_per_step(len(draws.weights[dropped]), [column[d] for column in reached]) for d in range(count)],
        net=[u - w for u, w in zip(_fields(ups, count), _fields(downs, count), strict=True)],
        a=[
            [u - w for u, w in zip(_fields(a_up[d], size), _fields(a_down[d], size), strict=True)] for d in range(count)
        ],
    )


def run_numpy(
    held: Fixed, draws: Draws, dropped: frozenset[str], judged: Sequence[int], scale: Steps, reference: Sequence[int]
) -> Outcome:
    """The same outcome with NumPy: identical integers."""
    import numpy as np  # noqa: PLC0415 - the vectorised extra

    count = len(held.low)
    lows = held.low.astype(np.float64)
    spans = held.span[:, list(judged)].reshape(count, len(judged)).astype(np.float64)
    weights, moved = draws.weights[dropped], draws.moved[dropped]
    samples = len(weights)
    totals = (lows @ weights.T + spans @ moved.T).astype(np.int64)  # whole numbers below 2**52: exact
    step = np.zeros(totals.shape, dtype=np.int8)  # a grade scale has far fewer than 127 steps
    for edge in scale.edges:
        step += totals >= edge
    own = np.asarray(reference, dtype=np.int8)[:, None]
    sign = (step > own).astype(np.float64)
    sign -= step < own
    moving = np.flatnonzero(sign.any(axis=1))  # departments whose grade changes in some sample
    a = np.zeros((count, weights.shape[1] + moved.shape[1]), dtype=np.int64)
    a[moving] = sign[moving] @ np.hstack([weights, moved])  # whole numbers below 2**62: exact
    steps_count = len(scale.edges) + 1
    counts = np.stack([np.count_nonzero(step == s, axis=1) for s in range(steps_count)], axis=1)
    if samples < _FLUSH * 2:  # below 2**52 each: the int64 sum cannot overflow
        summed = totals.sum(axis=1).tolist()
    else:
        low_bits = (1 << 24) - 1
        high_sum, low_sum = (totals >> 24).sum(axis=1).tolist(), (totals & low_bits).sum(axis=1).tolist()
        summed = [(h << 24) + w for h, w in zip(high_sum, low_sum, strict=True)]
    return Outcome(
        least=totals.min(axis=1).tolist(),
        greatest=totals.max(axis=1).tolist(),
        summed=summed,
        counts=counts.tolist(),
        net=sign.sum(axis=1).astype(np.int64).tolist(),
        a=a.tolist(),
    )


def _pack(values: Sequence[int]) -> int:
    """Non-negative integers below 2**64 as the 64-bit fields of one integer, the first lowest."""
    return int.from_bytes(array("Q", values).tobytes(), "little")


def _fields(value: int, count: int) -> list[int]:
    """The 64-bit fields of a packed integer."""
    return list(array("Q", value.to_bytes(8 * count, "little")))


def _per_step(samples: int, reached: list[int]) -> list[int]:
    """Samples per step, from how many samples reached each edge."""
    bounds = [samples, *reached, 0]
    return [bounds[s] - bounds[s + 1] for s in range(len(reached) + 1)]


def push_table(held: Fixed, outcome: Outcome, nominal: Sequence[int], judged: Sequence[int]) -> list[list[Any]]:
    """Per department, every weight and judgement push, ranked: (push, order, source), best first.

    Against the reference — nominal weights, each achievement as scored — a sample moves
    indicator ``i``'s contribution by ``achievedᵢ·(wᵢ′ − wᵢ)`` through its weight and by
    ``(lowᵢ − achievedᵢ)·wᵢ′ + spanᵢ·wᵢ′·vᵢ`` through its judgement. Summed with the sign of
    the grade change, these are ``achievedᵢ·(aᵢ − wᵢ·net)`` and ``(lowᵢ − achievedᵢ)·aᵢ + spanᵢ·aⱼ``
    (in ``1/scale`` points). Ties go to the earlier indicator, weights before judgements.
    """
    width = len(nominal)
    table = []
    for d, net in enumerate(outcome.net):
        a, low, span, achieved = outcome.a[d], held.low[d], held.span[d], held.achieved[d]
        found = [(achieved[i] * (a[i] - weight * net), i, "weight") for i, weight in enumerate(nominal)]
        found.extend(
            ((low[i] - achieved[i]) * a[i] + span[i] * a[width + k], width + k, "judgement")
            for k, i in enumerate(judged)
        )
        table.append(sorted(found, key=_rank))
    return table


def push_table_numpy(held: Fixed, outcome: Outcome, nominal: Sequence[int], judged: Sequence[int]) -> list[list[Any]]:
    """:func:`push_table` with NumPy (int64: :func:`~perfscore.sensitivity.sampling.bits_for` keeps it in range)."""
    import numpy as np  # noqa: PLC0415 - the vectorised extra

    a = np.asarray(outcome.a, dtype=np.int64)
    achieved = held.achieved
    net = np.asarray(outcome.net, dtype=np.int64)[:, None]
    width = len(nominal)
    weight = achieved * (a[:, :width] - np.asarray(nominal, dtype=np.int64)[None, :] * net)
    columns = list(judged)
    low = held.low[:, columns]
    span = held.span[:, columns]
    judgement = (low - achieved[:, columns]) * a[:, columns] + span * a[:, width:]
    pushes = np.hstack([weight, judgement.reshape(len(net), len(columns))])
    order = np.lexsort((np.arange(pushes.shape[1])[None, :].repeat(len(net), axis=0), -pushes), axis=1)
    table = []
    for d, row in enumerate(order[:, :3].tolist()):
        values = pushes[d]
        table.append([(int(values[o]), o, "weight" if o < width else "judgement") for o in row])
    return table


def _rank(item: tuple[int, int, str]) -> tuple[int, int]:
    return (-item[0], item[1])


__all__ = ["Fixed", "Outcome", "Steps", "push_table", "push_table_numpy", "run_numpy", "run_python", "steps"]
