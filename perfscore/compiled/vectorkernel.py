"""The vectorised loop: one leaf at a time over a chunk of departments, in NumPy.

The same formulas as :mod:`perfscore.compiled.kernel`, as NumPy operations on a
chunk of departments at a time: each leaf reads its own columns (views, never
copies) and the pack's constants as plain numbers, and writes its points — in quanta
— into one row of a points block, which the group sums add up. Values are checked
first, column by column — every value must be 0 or have 2⁻³¹ ≤ |x| < 2⁴⁹, as in the
pure-Python loop; a column's least and greatest value settle most columns at once —
and a department that fails, or meets a figure the rules refuse (a budget of 0, a
score outside its weight), is marked for the pure-Python way. Points within ε of a
rounding edge are settled at once by the rule's formula in Decimal
(:mod:`perfscore.compiled.leafplan` explains why everything else is exact).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import attrs
import numpy as np

from perfscore.compiled.exact import NeedsEngine
from perfscore.compiled.kernel import loop_plan
from perfscore.compiled.leafplan import BANDS, EQUAL, EXECUTION, LINEAR, QUALITATIVE, RATIO, REVERSE
from perfscore.compiled.plan import CompiledPack
from perfscore.compiled.rows import HIGHEST, LOWEST

Array = Any  # numpy.ndarray; kept loose so that mypy needs no NumPy stubs to check the rest
Settle = Callable[[int, float, float], float]
Input = Any  # a chunk of a column (a 1-D array view), or a pack constant (a float)
THRESHOLD = 100  # a band table of one edge and nothing below it: the yes/no indicators
_COUNTED_EDGES = 8  # up to this many band edges are counted one comparison each; more are searched
_ONE = np.uint64(1)
_LOWEST_BITS_LESS_ONE = np.uint64(np.float64(LOWEST).view(np.uint64) - 1)


@attrs.frozen(kw_only=True)
class LeafOp:
    """One leaf as the vectorised loop scores it."""

    kind: int
    leaf: int  # the leaf's position in pack order (its row in the points block)
    first: int  # source of its actual (or executed amount, score, banded value)
    second: int  # source of its target (or budget); -1 when none
    group: int  # the innermost group it adds into (len(groups): the pack itself)
    full: float = 0.0  # full points in quanta (thresholds: the points at or above the edge)
    scale: float = 0.0  # the weight in quanta
    hh: float = 0.0  # the squared edge margin
    limit: float = 0.0  # qualitative: the weight; thresholds: the edge
    edges: tuple[float, ...] = ()  # bands: the step edges
    steps: Array = None  # bands: points below the first edge, then at or above each edge


@attrs.frozen(kw_only=True)
class VectorPlan:
    """A compiled pack laid out for chunks."""

    ops: tuple[LeafOp, ...]
    columns: tuple[int, ...]  # the record columns the ops read (positions in the loop's row)
    constants_valid: bool  # every pack constant an op reads is a value the loop may take
    nesting: tuple[tuple[int, int], ...]  # (group, its parent or the pack), children before parents
    grade_edges: Array
    grade_of: Array
    percent: bool  # some group scales its children's sum: such packs add up one department at a time


def vector_plan(compiled: CompiledPack) -> VectorPlan:
    """The chunk layout of ``compiled`` (made once, then kept with it)."""
    found = compiled.cache.get("vector")
    if isinstance(found, VectorPlan):
        return found
    loop = loop_plan(compiled)
    owner = compiled.owners()
    ops = tuple(
        _op(kind, params, owner)
        for kind, params in zip(compiled.kinds, compiled.params, strict=True)
        if kind in {RATIO, EXECUTION, REVERSE, LINEAR, EQUAL, QUALITATIVE, BANDS}
    )
    width = len(compiled.numeric_columns)
    sources = {op.first for op in ops} | {op.second for op in ops if op.second >= 0}
    constants = [compiled.constants[source - width] for source in sources if source >= width]
    made = VectorPlan(
        ops=ops,
        columns=tuple(sorted(source for source in sources if source < width)),
        constants_valid=all(value == 0.0 or LOWEST <= abs(value) < HIGHEST for value in constants),
        nesting=_nesting(compiled),
        grade_edges=np.asarray(loop.grade_edges, dtype=np.float64),
        grade_of=np.asarray(loop.grade_of, dtype=np.uint8),
        percent=compiled.any_percent,
    )
    compiled.cache["vector"] = made
    return made


def _op(kind: int, p: tuple[Any, ...], owner: Sequence[int]) -> LeafOp:
    """A leaf's parameters (see :mod:`perfscore.compiled.leafplan`) as a :class:`LeafOp`."""
    j, first, group = int(p[0]), int(p[1]), owner[int(p[0])]
    if kind == BANDS:  # (j, value, edges, points): points[number of edges at or below the value]
        edges, steps = tuple(float(edge) for edge in p[2]), tuple(float(step) for step in p[3])
        if len(edges) == 1 and steps[0] == 0.0:
            return LeafOp(kind=THRESHOLD, leaf=j, first=first, second=-1, group=group, limit=edges[0], full=steps[1])
        table = np.asarray(steps, dtype=np.float64)
        return LeafOp(kind=BANDS, leaf=j, first=first, second=-1, group=group, edges=edges, steps=table)
    if kind == QUALITATIVE:  # (j, score, level column, weight, scale, h, levels)
        limit, scale, hh = float(p[3]), float(p[4]), float(p[5]) ** 2
        return LeafOp(kind=kind, leaf=j, first=first, second=-1, group=group, limit=limit, scale=scale, hh=hh)
    if kind == EQUAL:  # (j, a, t, full)
        return LeafOp(kind=kind, leaf=j, first=first, second=int(p[2]), group=group, full=float(p[3]))
    # (j, a, t, full, scale, h): positive, execution rate, reverse, linear
    full, scale, hh = float(p[3]), float(p[4]), float(p[5]) ** 2
    return LeafOp(kind=kind, leaf=j, first=first, second=int(p[2]), group=group, full=full, scale=scale, hh=hh)


def _nesting(compiled: CompiledPack) -> tuple[tuple[int, int], ...]:
    """How group sums add into their parents, innermost first."""
    top = len(compiled.groups)
    parent = [top] * top
    for index, plan in enumerate(compiled.groups):
        for child in plan.children:
            parent[child] = index
    return tuple((child, parent[child]) for child in reversed(range(top)))


class Scratch:
    """Buffers reused from chunk to chunk, so that no pass allocates (or faults in) memory."""

    def __init__(self, leaves: int, groups: int, width: int) -> None:
        """Room for a chunk of ``width`` departments: ``leaves`` rows of points (1 when they are not kept)."""
        self.points = np.empty((leaves, width))
        self.sums = np.empty((groups, width))
        self.q = np.empty(width)
        self.flag = np.empty(width, dtype=bool)
        self.edge = np.empty(width, dtype=bool)
        self.count = np.empty(width, dtype=np.uint8)


def check_column(values: Array, bad: Array) -> None:
    """Mark in ``bad`` the departments whose value is not 0 and not 2⁻³¹ ≤ |x| < 2⁴⁹ (NaN included).

    The common case costs two passes over the column: its least and greatest value
    settle a column without zeros, negatives or tiny values. A column of non-negative
    values with zeros needs two more: as unsigned integers, non-negative doubles keep
    their order, and ``bits − 1`` wraps 0 to the largest integer, so its least value is
    below ``bits(2⁻³¹) − 1`` exactly when some value lies strictly between 0 and 2⁻³¹.
    """
    least, greatest = values.min(), values.max()  # NaN shows in both
    if greatest < HIGHEST and least >= LOWEST:
        return
    if greatest < HIGHEST and least >= 0.0 and np.subtract(values.view(np.uint64), _ONE).min() >= _LOWEST_BITS_LESS_ONE:
        return
    with np.errstate(invalid="ignore"):
        magnitude = np.abs(values)
        bad |= ~((magnitude < HIGHEST) & ((magnitude >= LOWEST) | (values == 0.0)))


def score_chunk(plan: VectorPlan, inputs: Sequence[Input], bad: Array, scratch: Scratch, settle: Settle) -> Array:
    """Every group's sum for a chunk (and each leaf's points, when kept); refused departments go to ``bad``.

    ``inputs`` holds each source the ops read (a column's chunk, or a constant). Leaves'
    points (in quanta) go to their rows of ``scratch.points`` when it has one per leaf,
    else all through its one row. Returns the sums block: each group's own leaves plus
    its subgroups, the pack last.
    """
    width = len(bad)
    points, sums = scratch.points[:, :width], scratch.sums[:, :width]
    kept = len(points) > 1
    sums.fill(0.0)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):  # such departments are refused
        for op in plan.ops:
            out = points[op.leaf if kept else 0]
            a = inputs[op.first]
            t = inputs[op.second] if op.second >= 0 else 0.0
            if _points(op, a, t, out, bad, scratch) is not None:
                _settle_edges(op, a, t, np.flatnonzero(scratch.edge[:width]), out, bad, settle)
            np.add(sums[op.group], out, out=sums[op.group])
    for child, parent in plan.nesting:  # whole quanta, far below 2**53: exact sums in any order
        np.add(sums[parent], sums[child], out=sums[parent])
    return sums


def _settle_edges(op: LeafOp, a: Input, t: Input, where: Array, out: Array, bad: Array, settle: Settle) -> None:
    """Points on a rounding edge, each settled by the rule's formula in Decimal (or its department refused)."""
    firsts = a[where].tolist() if isinstance(a, np.ndarray) else [a] * len(where)
    seconds = t[where].tolist() if isinstance(t, np.ndarray) else [t] * len(where)
    leaf = op.leaf
    for index, first, second in zip(where.tolist(), firsts, seconds, strict=True):
        if not bad[index]:
            try:
                out[index] = settle(leaf, first, second)
            except NeedsEngine:
                bad[index] = True


def _points(op: LeafOp, a: Input, t: Input, out: Array, bad: Array, scratch: Scratch) -> bool | None:  # noqa: C901, PLR0912 - one branch per rule kind
    """One leaf's points into ``out``; True when some lie on a rounding edge (marked in ``scratch.edge``)."""
    width = len(out)
    q, flag = scratch.q[:width], scratch.flag[:width]
    kind = op.kind
    if kind == THRESHOLD:
        np.greater_equal(a, op.limit, out=flag)
        np.multiply(flag, op.full, out=out)
        return None
    if kind == BANDS:  # the step function: how many edges the value reaches picks the points
        count: Array = scratch.count[:width]
        if len(op.edges) <= _COUNTED_EDGES:
            np.greater_equal(a, op.edges[0], out=count.view(bool))
            for cut in op.edges[1:]:
                np.greater_equal(a, cut, out=flag)
                np.add(count, flag.view(np.uint8), out=count)
        else:
            count = np.searchsorted(np.asarray(op.edges), a, side="right")
        np.take(op.steps, count, out=out, mode="clip")  # counts never exceed the last step
        return None
    if kind == EQUAL:
        hit = ((t == 0.0) & (a <= 0.0)) | ((t != 0.0) & (a == t))
        np.multiply(hit, op.full, out=out)
        return None
    if kind == QUALITATIVE:
        np.less(a, 0.0, out=flag)
        bad |= flag
        np.greater(a, op.limit, out=flag)
        bad |= flag
        np.multiply(a, op.scale, out=q)
        return _rounded(op, q, out, scratch)
    if kind in {RATIO, EXECUTION}:  # full at or above the target; a target of 0 or less is full
        np.divide(a, t, out=q)
        np.less_equal(t, 0.0, out=flag)
        if flag.any():
            if kind == EXECUTION:
                bad |= flag
            np.copyto(q, 1.0, where=flag)
    elif kind == REVERSE:  # target ÷ actual, full at or below the target (or at an actual of 0)
        np.divide(t, a, out=q)
        np.less_equal(a, 0.0, out=flag)
        if flag.any():
            np.copyto(q, 1.0, where=flag)
    else:  # LINEAR: full at or below the target, nothing at twice it, a straight line between
        np.divide(a, t, out=q)
        np.subtract(2.0, q, out=q)
        np.copyto(q, 0.0, where=np.less_equal(t, 0.0))
        np.copyto(q, 1.0, where=np.less_equal(a, t) | np.less_equal(a, 0.0))
    np.clip(q, 0.0, 1.0, out=q)
    np.multiply(q, op.scale, out=q)
    found = _rounded(op, q, out, scratch)
    if kind == LINEAR:  # 2 × t as doubles need not be 2 × T as decimals
        edge = scratch.edge[:width]
        edge |= np.greater(t, 0.0) & np.equal(a, np.add(t, t)) & np.greater(a, t)
        found = True if edge.any() else found
    return found


def _rounded(op: LeafOp, q: Array, out: Array, scratch: Scratch) -> bool | None:
    """``q`` rounded to whole quanta (into ``out``); marks where it sits too close to a rounding edge to trust.

    Where a leaf scores full marks, ``q`` is its weight in quanta: a whole number unless the
    weight has more decimals than the pack rounds to — and then it is an edge, settled exactly.
    """
    edge = scratch.edge[: len(out)]
    np.rint(q, out=out)
    np.subtract(q, out, out=q)
    np.multiply(q, q, out=q)
    np.greater_equal(q, op.hh, out=edge)
    return True if edge.any() else None
