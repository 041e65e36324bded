"""The hot loop: records in, each department's group subtotals, total and grade out.

:func:`run` is one loop over the records with everything inlined: fetch the numeric
columns in one ``itemgetter`` call, check them in a few C calls
(:mod:`perfscore.compiled.rows`), score each rule kind in its own tight loop over flat
tuples, add each leaf's points (in quanta) into its group, then add groups into their
parents and grade the total. The formulas are the rules' own (:mod:`perfscore.rules`),
branch for branch; why floats give the exact rounded answer is explained in
:mod:`perfscore.compiled.leafplan`. Where they might not, the loop asks the exact path
for that indicator; where a figure is missing or unusable it raises
:class:`~perfscore.compiled.exact.NeedsEngine` and the department goes to
:func:`perfscore.score`.
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_right as bisect
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from marshal import dumps
from typing import Any, Protocol, cast

import attrs

from perfscore._core.decimals import HUNDRED, div, mul
from perfscore.compiled.exact import ExactPath, NeedsEngine
from perfscore.compiled.leafplan import BANDS, EQUAL, EXACT, EXECUTION, LINEAR, MAGIC, QUALITATIVE, RATIO, REVERSE
from perfscore.compiled.percentguard import percent_guard, printed_rate_columns
from perfscore.compiled.plan import CompiledPack
from perfscore.compiled.rows import WINDOW, ZERO_TOPS, normalised

_TEXT_TYPES = (str, int, float)
LeafFallback = Callable[[int, Mapping[str, Any], "tuple[float, ...] | None"], float]


NO_GRADE = 255


class Outputs(Protocol):
    """The flat buffers the loop appends each department's numbers to."""

    totals: array[float]
    groups: array[float]  # each group's subtotal, groups in pack order
    grades: bytearray  # index into the pack's grades, NO_GRADE for none
    points: array[float] | None  # each leaf's points, when explaining


def _with_owner(params: tuple[Any, ...], owner: tuple[int, ...], kind: int) -> tuple[Any, ...]:
    """Parameters with the leaf's group slot after its index, and the edge margin ``h`` squared."""
    j = int(str(params[0]))
    rest: list[Any] = list(params[1:])
    if kind in {RATIO, EXECUTION, REVERSE, LINEAR}:
        rest[-1] = float(rest[-1]) ** 2
    elif kind == QUALITATIVE:
        rest[-2] = float(rest[-2]) ** 2
    return (j, owner[j], *rest)


def _one_step(edges: tuple[float, ...], steps: tuple[float, ...]) -> bool:
    """Whether a band table is one band unbounded above (nothing below its edge)."""
    return len(edges) == 1 and steps[0] == 0.0


def _fixed_target(params: tuple[Any, ...], target: float) -> tuple[Any, ...]:
    """A positive leaf against a constant target: the loop multiplies by scale ÷ target (one more rounding)."""
    j, slot, actual, _, full, scale, hh = params
    return (j, slot, actual, target, full, scale / target if target > 0 else 0.0, hh)


def grade_steps(compiled: CompiledPack) -> tuple[tuple[float, ...], tuple[int, ...]]:
    """Grades as a step function of the total in quanta: ``grade_of[bisect_right(edges, total)]``."""
    edges: list[float] = []
    grade_of: list[int] = [NO_GRADE]
    for low, high, index in sorted(compiled.grade_ranges):
        if edges and edges[-1] == low:
            grade_of[-1] = index
        else:
            edges.append(low)
            grade_of.append(index)
        edges.append(high + 1.0)
        grade_of.append(NO_GRADE)
    return tuple(edges), tuple(grade_of)


def roll_up(compiled: CompiledPack) -> Callable[[list[float]], None]:
    """Add each group's sum into its parent, children first; percent groups are rounded first."""
    width = len(compiled.groups)
    parent = [width] * width
    for index, plan in enumerate(compiled.groups):
        for child in plan.children:
            parent[child] = index
    steps = tuple(
        (c, parent[c], compiled.groups[c].group.weight if compiled.groups[c].percent else None)
        for c in reversed(range(width))
    )
    policy, decimals = compiled.pack.rounding, compiled.decimals
    if not any(percent is not None for _, _, percent in steps):
        pairs = tuple((child, into) for child, into, _ in steps)

        def add_points(sums: list[float]) -> None:  # nested groups of points: children into parents
            for child, into in pairs:
                sums[into] += sums[child]

        return add_points

    def add_up(sums: list[float]) -> None:
        for child, into, percent in steps:
            if percent is not None:
                points = Decimal(int(sums[child])).scaleb(-decimals)
                sums[child] = float(policy.apply(div(mul(points, percent), HUNDRED)).scaleb(decimals))
            sums[into] += sums[child]

    return add_up


@attrs.frozen(kw_only=True)
class LoopPlan:
    """Everything the loop reads, laid out once per compiled pack."""

    ratio: tuple[tuple[Any, ...], ...]
    fixed_ratio: tuple[tuple[Any, ...], ...]  # positive, the pack's own target: (j, slot, a, t, full, scale/t, hh)
    execution: tuple[tuple[Any, ...], ...]
    reverse: tuple[tuple[Any, ...], ...]
    linear: tuple[tuple[Any, ...], ...]
    equal: tuple[tuple[Any, ...], ...]
    thresholds: tuple[tuple[Any, ...], ...]
    bands: tuple[tuple[Any, ...], ...]
    qualitative: tuple[tuple[Any, ...], ...]
    exact_leaves: tuple[tuple[int, int], ...]
    texts: tuple[str, ...]
    constants: bool  # whether a leaf reads a pack constant from the row (then the row carries them)
    leaves: int
    slots: int
    add_up: Callable[[list[float]], None] | None
    grade_edges: tuple[float, ...]
    grade_of: tuple[int, ...]
    exact: ExactPath


def loop_plan(compiled: CompiledPack) -> LoopPlan:
    """The loop's layout of ``compiled`` (made once, then kept with it)."""
    found = compiled.cache.get("loop")
    if isinstance(found, LoopPlan):
        return found
    owner = compiled.owners()
    ratio, execution, reverse, linear, equal, bands, qualitative = (
        tuple(_with_owner(p, owner, kind) for p in compiled.by_kind(kind))
        for kind in (RATIO, EXECUTION, REVERSE, LINEAR, EQUAL, BANDS, QUALITATIVE)
    )
    nested = any(plan.children or plan.percent for plan in compiled.groups)
    grade_edges, grade_of = grade_steps(compiled)
    width = len(compiled.numeric_columns)
    fixed = tuple(p for p in ratio if p[3] >= width)
    ratio = tuple(p for p in ratio if p[3] < width)
    reads_constants = any(p[3] >= width for kind in (execution, reverse, linear, equal) for p in kind)
    made = LoopPlan(
        ratio=ratio,
        fixed_ratio=tuple(_fixed_target(p, compiled.constants[p[3] - width]) for p in fixed),
        constants=reads_constants,
        execution=execution,
        reverse=reverse,
        linear=linear,
        equal=equal,
        thresholds=tuple((p[0], p[1], p[2], p[3][0], p[4][1]) for p in bands if _one_step(p[3], p[4])),
        bands=tuple(p for p in bands if not _one_step(p[3], p[4])),
        qualitative=tuple((p[0], p[1], p[2], p[4], p[5], p[6]) for p in qualitative),
        exact_leaves=tuple((j, owner[j]) for j in (int(str(p[0])) for p in compiled.by_kind(EXACT))),
        texts=compiled.text_columns(),
        leaves=len(compiled.leaves),
        slots=len(compiled.groups) + 1,
        add_up=roll_up(compiled) if nested else None,
        grade_edges=grade_edges,
        grade_of=grade_of,
        exact=ExactPath(compiled),
    )
    compiled.cache["loop"] = made
    return made


def run(  # noqa: C901, PLR0912, PLR0915 - the loop is inlined on purpose: calls cost more than the work
    compiled: CompiledPack,
    records: Sequence[Mapping[str, Any]],
    out: Outputs,
    engine: Callable[[int, Mapping[str, Any]], None],
) -> None:
    """Score every record into ``out``; ``engine`` takes the departments the loop cannot."""
    plan = loop_plan(compiled)
    guard, rates = percent_guard(compiled), printed_rate_columns(compiled)
    ratio, execution, reverse, linear, equal = plan.ratio, plan.execution, plan.reverse, plan.linear, plan.equal
    thresholds, bands, qualitative, exact_leaves = plan.thresholds, plan.bands, plan.qualitative, plan.exact_leaves
    texts, add_up, grade_edges, grade_of = plan.texts, plan.add_up, plan.grade_edges, plan.grade_of
    fixed_ratio, text_keys = plan.fixed_ratio, frozenset(texts)
    no_text = (None,) * len(texts)
    settle = plan.exact.from_values
    zeros = [0.0] * plan.leaves
    empty_sums = [0.0] * plan.slots
    leaf = plan.exact.leaf
    magic = MAGIC
    totals, groups, grades = out.totals.append, out.groups.extend, out.grades.append
    points = out.points.extend if out.points is not None else None
    row_of, columns = compiled.row, compiled.numeric_columns
    constants = compiled.constants if plan.constants else ()
    size = len(columns)
    encoded, marks = 5 + 9 * size, b"g" * size
    for index, record in enumerate(records):
        try:
            try:
                v = row_of(record)
            except KeyError:
                v = tuple(map(record.get, columns))
            try:
                data = dumps(v, 2)  # see perfscore.compiled.rows: type and range of every value, in C
            except ValueError:
                data = b""
            if len(data) == encoded and data[5::9] == marks:
                rest = data[13::9].translate(None, WINDOW)
                fast = not rest or (not rest.translate(None, ZERO_TOPS) and v.count(0.0) == len(rest))
            else:
                fast = False
            if not fast:
                found = normalised(v)
                if found is None:
                    raise NeedsEngine  # noqa: TRY301 - the one signal for every exact-way case
                v = found
            if constants:
                v += constants
            for ia in guard:  # a bare 0.96 against ≥95%: perfscore.score decides and warns
                if 0.0 < v[ia] <= 1.0:
                    raise NeedsEngine  # noqa: TRY301
            for name in rates:  # a printed 执行率: perfscore.score reads and checks it
                if record.get(name) is not None:
                    raise NeedsEngine  # noqa: TRY301
            pts = zeros[:]
            sums = empty_sums[:]
            for j, gi, ia, it, full, scale, hh in ratio:  # positive: full at or above the target
                a = v[ia]
                t = v[it]
                if t <= 0.0 or a >= t:
                    n = full
                elif a > 0.0:
                    q = a * scale / t
                    n = (q + magic) - magic
                    f = q - n
                    if f * f >= hh:
                        n = leaf(j, record, v)
                else:
                    continue
                pts[j] = n
                sums[gi] += n
            for j, gi, ia, t, full, scale, hh in fixed_ratio:  # positive against the pack's own target
                a = v[ia]
                if t <= 0.0 or a >= t:
                    n = full
                elif a > 0.0:
                    q = a * scale
                    n = (q + magic) - magic
                    f = q - n
                    if f * f >= hh:
                        n = settle(j, a, t)
                else:
                    continue
                pts[j] = n
                sums[gi] += n
            for j, gi, ia, it, full, scale, hh in execution:  # executed ÷ budget; a budget ≤ 0 is a problem
                a = v[ia]
                t = v[it]
                if t <= 0.0:
                    raise NeedsEngine  # noqa: TRY301
                if a >= t:
                    n = full
                elif a > 0.0:
                    q = a * scale / t
                    n = (q + magic) - magic
                    f = q - n
                    if f * f >= hh:
                        n = leaf(j, record, v)
                else:
                    continue
                pts[j] = n
                sums[gi] += n
            for j, gi, ia, it, full, scale, hh in reverse:  # lower is better: target ÷ actual
                a = v[ia]
                t = v[it]
                if a <= t or a <= 0.0:
                    n = full
                elif t > 0.0:
                    q = t * scale / a
                    n = (q + magic) - magic
                    f = q - n
                    if f * f >= hh:
                        n = leaf(j, record, v)
                else:
                    continue
                pts[j] = n
                sums[gi] += n
            for j, gi, ia, it, full, scale, hh in linear:  # full at the target, nothing at twice the target
                a = v[ia]
                t = v[it]
                if a <= t or a <= 0.0:
                    n = full
                elif t > 0.0 and a < t + t:
                    q = (t + t - a) * scale / t
                    n = (q + magic) - magic
                    f = q - n
                    if f * f >= hh:
                        n = leaf(j, record, v)
                elif t > 0.0 and a == t + t:  # 2 × t as doubles need not be 2 × T as decimals
                    n = leaf(j, record, v)
                else:
                    continue
                pts[j] = n
                sums[gi] += n
            for j, gi, ia, it, full in equal:  # a target of 0 means none allowed
                a = v[ia]
                t = v[it]
                if (t == 0.0 and a <= 0.0) or (t != 0.0 and a == t):
                    pts[j] = full
                    sums[gi] += full
            for j, gi, iv, low, n in thresholds:  # one band, unbounded above: yes/no indicators
                if v[iv] >= low:
                    pts[j] = n
                    sums[gi] += n
            for j, gi, iv, edges, steps in bands:  # the band holding the value, as a step function
                n = steps[bisect(edges, v[iv])]
                if n:
                    pts[j] = n
                    sums[gi] += n
            if qualitative:
                for j, gi, i_s, weight, scale, hh in qualitative:  # the assessor's score is the points
                    s = v[i_s]
                    if 0.0 <= s <= weight:
                        q = s * scale
                        n = (q + magic) - magic
                        f = q - n
                        if f * f >= hh:
                            n = leaf(j, record, v)
                    else:
                        n = leaf(j, record, v)
                    pts[j] = n
                    sums[gi] += n
                if not text_keys.isdisjoint(record):
                    given = tuple(map(record.get, texts))
                    if given != no_text:
                        _check_texts(compiled, given, v, pts, sums, record, leaf)
            for j, gi in exact_leaves:
                n = leaf(j, record, v)
                pts[j] = n
                sums[gi] += n
        except NeedsEngine:
            engine(index, record)
            continue
        if add_up is None:  # groups side by side: the total is their sum (and the pack's own leaves)
            total = sum(sums)
            sums.pop()
        else:
            add_up(sums)
            total = sums.pop()
        totals(total)
        groups(sums)
        grades(grade_of[bisect(grade_edges, total)])
        if points is not None:
            points(pts)


def _check_texts(
    compiled: CompiledPack,
    given: tuple[object, ...],
    v: tuple[float, ...],
    pts: list[float],
    sums: list[float],
    record: Mapping[str, Any],
    leaf: LeafFallback,
) -> None:
    """Levels and reasons, when a batch has them: a level must hold its score strictly inside its band.

    A reason is any text (a number is read as its text); anything else, or a level on a
    band edge or unknown, goes to the exact rule, which accepts it or reports it.
    """
    owner = compiled.owners()
    for index, params in enumerate(compiled.by_kind(QUALITATIVE)):
        j, i_s = cast("int", params[0]), cast("int", params[1])
        levels = cast("Mapping[str, tuple[float, float]]", params[6])
        level, reason = given[2 * index], given[2 * index + 1]
        bad_reason = reason is not None and (isinstance(reason, bool) or not isinstance(reason, _TEXT_TYPES))
        if not bad_reason and (level is None or (isinstance(level, float) and math.isnan(level))):
            continue
        bounds = levels.get(level) if isinstance(level, str) else None
        if bad_reason or bounds is None or not bounds[0] < v[i_s] < bounds[1]:
            settled = leaf(j, record, None)
            sums[owner[j]] += settled - pts[j]
            pts[j] = settled
