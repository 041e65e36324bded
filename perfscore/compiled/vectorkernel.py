"""The vectorised loop: a block of departments' inputs in, points per leaf (in quanta) out.

The same formulas as :mod:`perfscore.compiled.kernel`, as NumPy operations on a block
of departments at a time (small enough to stay in cache, large enough to amortise each
call). Inputs and points are laid out kind by kind — each kind's actual values, then
its targets; its points in one slice — so a kind reads and writes slices, without
copies, and a group's subtotal is a few slice sums. Values are checked first — every
value must be 0 or have 2⁻³¹ ≤ |x| < 2⁴⁹, as in the pure-Python loop — and a department
that fails, or meets a figure the rules refuse (a budget of 0, a score outside its
weight), is marked for the pure-Python way. Points within ε of a rounding edge are
marked too; the caller settles each exactly (:mod:`perfscore.compiled.leafplan`
explains why everything else is exact).
"""

from __future__ import annotations

from typing import Any

import attrs
import numpy as np

from perfscore.compiled.kernel import loop_plan
from perfscore.compiled.leafplan import BANDS, EQUAL, EXECUTION, LINEAR, QUALITATIVE, RATIO, REVERSE
from perfscore.compiled.plan import CompiledPack
from perfscore.compiled.rows import HIGHEST, LOWEST

Array = Any  # numpy.ndarray; kept loose so that mypy needs no NumPy stubs to check the rest
THRESHOLD = 100  # a band table of one edge, unbounded above: the yes/no indicators
_TWO_ROWS = frozenset({RATIO, EXECUTION, REVERSE, LINEAR, EQUAL})


@attrs.frozen(kw_only=True)
class KindBlock:
    """The leaves of one kind: where their inputs sit in the block, their points in the points block."""

    kind: int
    rows: slice  # their rows in the points block
    first: slice  # input rows of each leaf's actual (or executed amount, score, banded value)
    second: slice  # input rows of its target (or budget); empty when none
    full: Array  # (k, 1) full points in quanta (for thresholds: the points above the edge)
    scale: Array  # (k, 1)
    hh: Array  # (k, 1) squared edge margin
    weight: Array  # (k, 1) qualitative: the weight; thresholds: the edge
    edges: Array  # (e, k, 1) bands: the step edges, padded with +∞
    steps: Array  # (k, e + 1) bands: the points below the first edge, after each edge
    flat_steps: Array  # (k · (e + 1),) bands: the steps of every leaf, one after another
    offsets: Array  # (k, 1) bands: where each leaf's steps start in flat_steps


@attrs.frozen(kw_only=True)
class VectorPlan:
    """A compiled pack laid out for blocks."""

    sources: tuple[int, ...]  # per input row: its position in the loop's row (record columns, then constants)
    kinds: tuple[KindBlock, ...]
    leaves: Array  # per points row: the leaf (pack order) it holds
    innermost: tuple[int, ...]  # per points row: the innermost group holding its leaf (len(groups): the pack)
    nesting: tuple[tuple[int, int], ...]  # (group, its parent or the pack), children before parents
    grade_edges: Array
    grade_of: Array
    percent: bool  # some group scales its children's sum: such packs add up one department at a time


def vector_plan(compiled: CompiledPack) -> VectorPlan:
    """The block layout of ``compiled`` (made once, then kept with it)."""
    found = compiled.cache.get("vector")
    if isinstance(found, VectorPlan):
        return found
    loop = loop_plan(compiled)
    sources: list[int] = []
    leaves: list[int] = []
    kinds = []
    for kind, members in _kinds(compiled):
        rows = slice(len(leaves), len(leaves) + len(members))
        leaves.extend(int(str(p[0])) for p in members)
        first = slice(len(sources), len(sources) + len(members))
        sources.extend(int(str(p[1])) for p in members)
        second = slice(len(sources), len(sources))
        if kind in _TWO_ROWS:
            second = slice(len(sources), len(sources) + len(members))
            sources.extend(int(str(p[2])) for p in members)
        kinds.append(_kind_block(kind, members, rows, first, second))
    made = VectorPlan(
        sources=tuple(sources),
        kinds=tuple(kinds),
        leaves=np.asarray(leaves, dtype=np.intp),
        **_groups(compiled, leaves),
        grade_edges=np.asarray(loop.grade_edges, dtype=np.float64),
        grade_of=np.asarray(loop.grade_of, dtype=np.uint8),
        percent=compiled.any_percent,
    )
    compiled.cache["vector"] = made
    return made


def _kinds(compiled: CompiledPack) -> list[tuple[int, list[tuple[Any, ...]]]]:
    """The compiled leaves by kind (pack order within each); one-edge band tables apart."""
    found: list[tuple[int, list[tuple[Any, ...]]]] = []
    for kind in (RATIO, EXECUTION, REVERSE, LINEAR, EQUAL, QUALITATIVE, BANDS):
        members: list[tuple[Any, ...]] = [p for k, p in zip(compiled.kinds, compiled.params, strict=True) if k == kind]
        if kind == BANDS:
            one = [p for p in members if len(p[2]) == 1 and p[3][0] == 0.0]
            members = [p for p in members if not (len(p[2]) == 1 and p[3][0] == 0.0)]
            if one:
                found.append((THRESHOLD, one))
        if members:
            found.append((kind, members))
    return found


def _groups(compiled: CompiledPack, leaves: list[int]) -> dict[str, Any]:
    """Which group sum each points row adds into, and how group sums add into their parents."""
    top = len(compiled.groups)
    innermost = [top] * len(compiled.leaves)
    parent = [top] * top
    for index, plan in enumerate(compiled.groups):
        for j in plan.leaves:
            innermost[j] = index
        for child in plan.children:
            parent[child] = index
    nesting = tuple((child, parent[child]) for child in reversed(range(top)))
    return {"innermost": tuple(innermost[leaf] for leaf in leaves), "nesting": nesting}


def _kind_block(kind: int, params: list[tuple[Any, ...]], rows: slice, first: slice, second: slice) -> KindBlock:
    def column(index: int, *, square: bool = False) -> Array:
        return np.asarray([float(p[index]) ** (2 if square else 1) for p in params], dtype=np.float64).reshape(-1, 1)

    count = len(params)
    nothing = np.zeros((count, 1))
    full, scale, hh, weight = nothing, nothing, nothing, nothing
    edges, steps = np.zeros((0, count, 1)), np.zeros((count, 1))
    if kind in {RATIO, EXECUTION, REVERSE, LINEAR}:  # (j, a, t, full, scale, h)
        full, scale, hh = column(3), column(4), column(5, square=True)
    elif kind == EQUAL:  # (j, a, t, full)
        full = column(3)
    elif kind == QUALITATIVE:  # (j, score, level column, weight, scale, h, levels)
        weight, scale, hh = column(3), column(4), column(5, square=True)
    elif kind == THRESHOLD:  # (j, value, (edge,), (0, points))
        weight = np.asarray([p[2][0] for p in params], dtype=np.float64).reshape(-1, 1)
        full = np.asarray([p[3][1] for p in params], dtype=np.float64).reshape(-1, 1)
    else:  # BANDS: (j, value, edges, points): points[number of edges at or below the value]
        width = max(len(p[2]) for p in params)
        edges = np.full((width, count, 1), np.inf)
        steps = np.empty((count, width + 1))
        for row, p in enumerate(params):
            edges[: len(p[2]), row, 0] = p[2]
            steps[row] = [*p[3], *[p[3][-1]] * (width - len(p[2]))]
    return KindBlock(
        kind=kind,
        rows=rows,
        first=first,
        second=second,
        full=full,
        scale=scale,
        hh=hh,
        weight=weight,
        edges=edges,
        steps=steps,
        flat_steps=steps.ravel().copy(),
        offsets=(np.arange(count) * steps.shape[1]).reshape(-1, 1).astype(np.intp),
    )


class Scratch:
    """Buffers reused from block to block, so that no pass allocates (or faults in) memory."""

    def __init__(self, inputs: int, leaves: int, width: int, groups: int) -> None:
        """Room for a block of ``width`` departments."""
        self.groups = np.empty((groups, width))
        self.inputs = np.empty((inputs, width))
        self.magnitudes = np.empty((inputs, width))
        self.checks = np.empty((inputs, width), dtype=bool)
        self.points = np.empty((leaves, width))
        self.numbers = np.empty((leaves, width))
        self.flags = np.empty((2, leaves, width), dtype=bool)
        self.counts = np.empty((leaves, width), dtype=np.intp)


def valid_rows(block: Array) -> Array:
    """Departments (columns of ``block``) whose every value is 0 or has 2⁻³¹ ≤ |x| < 2⁴⁹.

    The common case costs little: each input row's least and greatest value (NaN
    shows in both) settle the rows without zeros, negatives or tiny values; the rest
    need as many magnitudes below 2⁻³¹ as zeros. Only a block with a bad value is
    searched department by department.
    """
    if block.size == 0:
        return np.ones(block.shape[1], dtype=bool)
    least, greatest = block.min(axis=1), block.max(axis=1)
    if (least > -HIGHEST).all() and (greatest < HIGHEST).all():
        suspect = np.flatnonzero(least < LOWEST)
        if len(suspect) == 0:
            return np.ones(block.shape[1], dtype=bool)
        rows = block[suspect]
        magnitude = np.abs(rows, out=rows)
        if np.count_nonzero(magnitude < LOWEST) == np.count_nonzero(magnitude == 0.0):
            return np.ones(block.shape[1], dtype=bool)
    with np.errstate(invalid="ignore"):
        magnitude = np.abs(block)
        good = (magnitude < HIGHEST) & ((magnitude >= LOWEST) | (block == 0))
    return good.all(axis=0)


Edge = tuple[Array, Array, Array, Array]  # points rows, departments, first and second inputs


def score_block(plan: VectorPlan, block: Array, points: Array, bad: Array, scratch: Scratch) -> list[Edge]:
    """Fill ``points`` (points rows × departments) from ``block``; mark refused departments in ``bad``.

    Returns the rounding edges found, kind by kind, for the caller to settle exactly.
    """
    edges: list[Edge] = []
    width = block.shape[1]
    with np.errstate(divide="ignore", invalid="ignore"):
        for kind in plan.kinds:
            out = points[kind.rows]
            k = out.shape[0]
            work = (scratch.numbers[:k, :width], scratch.flags[0, :k, :width], scratch.flags[1, :k, :width])
            edge = _kind(kind, block[kind.first], block[kind.second], out, bad, work, scratch.counts[:k, :width])
            if edge is not None and edge.any():
                rows, departments = np.divmod(np.flatnonzero(edge), width)  # (np.nonzero is slow on 2-D)
                a, t = block[kind.first], block[kind.second]
                second = t[rows, departments] if t.shape[0] else np.zeros(len(rows))
                edges.append((rows + kind.rows.start, departments, a[rows, departments], second))
    return edges


def _kind(
    kind: KindBlock, a: Array, t: Array, out: Array, bad: Array, work: tuple[Array, Array, Array], counts: Array
) -> Array | None:
    """One kind's points (in quanta) into ``out``; returns its rounding edges; refused departments go to ``bad``."""
    q, flag, edge = work
    if kind.kind == THRESHOLD:
        np.multiply(a >= kind.weight, kind.full, out=out)
        return None
    if kind.kind == BANDS:  # the step function: how many edges the value reaches picks the points
        reached = counts[:, : a.shape[1]]
        np.greater_equal(a, kind.edges[0], out=flag)
        np.add(kind.offsets, flag, out=reached)
        for cut in kind.edges[1:]:
            np.greater_equal(a, cut, out=flag)
            np.add(reached, flag, out=reached)
        np.take(kind.flat_steps, reached, out=out)
        return None
    if kind.kind == EQUAL:
        hit = ((t == 0) & (a <= 0)) | ((t != 0) & (a == t))
        np.multiply(hit, kind.full, out=out)
        return None
    if kind.kind == QUALITATIVE:
        bad |= ((a < 0) | (a > kind.weight)).any(axis=0)
        np.multiply(a, kind.scale, out=q)
        return _rounded(q, out, edge, kind)
    if kind.kind in {RATIO, EXECUTION}:  # full at or above the target; a target of 0 or less is full
        np.divide(a, t, out=q)
        np.less_equal(t, 0.0, out=flag)
        if kind.kind == EXECUTION:
            bad |= flag.any(axis=0)
        np.copyto(q, 1.0, where=flag)
    elif kind.kind == REVERSE:  # target ÷ actual, full at or below the target (or at an actual of 0)
        np.divide(t, a, out=q)
        np.less_equal(a, 0.0, out=flag)
        np.copyto(q, 1.0, where=flag)
    else:  # LINEAR: full at or below the target, nothing at twice it, a straight line between
        np.divide(a, t, out=q)
        np.subtract(2.0, q, out=q)
        np.copyto(q, 0.0, where=t <= 0)
        np.copyto(q, 1.0, where=(a <= t) | (a <= 0))
    np.clip(q, 0.0, 1.0, out=q)
    np.multiply(q, kind.scale, out=q)
    _rounded(q, out, edge, kind)
    if kind.kind == LINEAR:
        edge |= (t > 0) & (a == t + t) & (a > t)  # 2 × t as doubles need not be 2 × T as decimals
    return edge


def _rounded(q: Array, n: Array, edge: Array, kind: KindBlock) -> Array:
    """``q`` rounded to whole quanta (into ``n``); returns where it sits too close to a rounding edge to trust.

    Where a leaf scores full marks, ``q`` is its weight in quanta: a whole number unless the
    weight has more decimals than the pack rounds to — and then it is an edge, settled exactly.
    """
    np.rint(q, out=n)
    np.subtract(q, n, out=q)
    np.multiply(q, q, out=q)
    np.greater_equal(q, kind.hh, out=edge)
    return edge
