"""A pack compiled for batches: flat tuples per rule kind, no objects per indicator.

:func:`compile_pack` walks the pack once and lays it out for the hot loop: the leaves
in pack order, grouped by rule kind into tuples of plain numbers (see
:mod:`perfscore.compiled.leafplan`); the record columns the loop reads, fetched for a
department in one ``itemgetter`` call; each group as the range of leaves beneath it;
and the grade bands as ranges of whole quanta. Nothing here is evaluated: packs are
still data.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from operator import itemgetter
from typing import Any, cast

import attrs

from perfscore._core.decimals import own_context
from perfscore._core.diagnostics import UsageError, diagnostic
from perfscore._core.model import Aggregation, GradeBand, Group, Indicator, Pack
from perfscore._core.wording import PercentNumbers
from perfscore.compiled.columns import FigureColumn, default_columns
from perfscore.compiled.leafplan import (
    BANDS,
    EQUAL,
    EXECUTION,
    KIND_NAMES,
    LINEAR,
    QUALITATIVE,
    RATIO,
    REVERSE,
    Params,
    Slots,
    plan_leaf,
)
from perfscore.rules.composite import NotApplicable

RowGetter = Callable[[Mapping[str, Any]], tuple[Any, ...]]


@attrs.frozen(kw_only=True)
class GroupPlan:
    """A group: the leaves beneath it (a contiguous range in pack order) and how it adds up."""

    group: Group
    path: tuple[str, ...]
    first: int
    stop: int
    percent: bool
    leaves: tuple[int, ...]  # its own indicators
    children: tuple[int, ...]  # its own subgroups, as indices into CompiledPack.groups


@attrs.frozen(kw_only=True)
class CompiledPack:
    """A pack laid out for :func:`~perfscore.compiled.score_batch` and the vectorised path."""

    pack: Pack
    leaves: tuple[Indicator, ...]
    paths: tuple[tuple[str, ...], ...]
    groups: tuple[GroupPlan, ...]
    top_leaves: tuple[int, ...]
    top_groups: tuple[int, ...]
    kinds: tuple[int, ...]  # per leaf
    params: tuple[Params, ...]  # per leaf
    numeric_columns: tuple[str, ...]
    constants: tuple[float, ...]
    figure_columns: tuple[FigureColumn, ...]
    grade_ranges: tuple[tuple[float, float, int], ...]  # (lowest, highest total in quanta, grade index)
    grade_labels: tuple[str, ...]
    decimals: int
    engine_only: str | None  # why every department goes to perfscore.score, if it must
    renames: tuple[tuple[str, str], ...] = ()  # the ``columns`` it was compiled with
    row: RowGetter = attrs.field(eq=False, repr=False)
    cache: dict[str, object] = attrs.field(factory=dict, eq=False, repr=False)  # derived layouts, made once

    def __reduce__(self) -> tuple[object, ...]:
        """Pickled as its pack and column names, compiled again where it lands (a Dask worker)."""
        return (_recompile, (self.pack, self.renames))

    def by_kind(self, kind: int) -> tuple[Params, ...]:
        """The parameters of every leaf of ``kind``, in pack order."""
        return tuple(p for k, p in zip(self.kinds, self.params, strict=True) if k == kind)

    @property
    def any_percent(self) -> bool:
        """Whether some group scales its children's sum (then groups add up one by one)."""
        return any(group.percent for group in self.groups)

    def owners(self) -> tuple[int, ...]:
        """Each leaf's innermost group (its slot in the loop's sums; the last slot is the pack)."""
        owner = [len(self.groups)] * len(self.leaves)
        for index, plan in enumerate(self.groups):
            for j in plan.leaves:
                owner[j] = index
        return tuple(owner)

    def text_columns(self) -> tuple[str, ...]:
        """Record keys of the text figures the loop checks: each qualitative leaf's level and reason."""
        where = {(column.indicator, column.key): column.column for column in self.figure_columns}
        found: list[str] = []
        for params in self.by_kind(QUALITATIVE):
            leaf = self.leaves[cast("int", params[0])].id
            found.extend((where[leaf, "level"], where[leaf, "reason"]))
        return tuple(found)

    def kind_counts(self) -> dict[str, int]:
        """How many leaves the loop scores as each kind (``exact`` ones run the pack's rule)."""
        counts = dict.fromkeys(KIND_NAMES, 0)
        for kind in self.kinds:
            counts[KIND_NAMES[kind]] += 1
        return {name: count for name, count in counts.items() if count}


@own_context
def compile_pack(pack: Pack, *, columns: Mapping[str, str] | None = None) -> CompiledPack:
    """Lay ``pack`` out for batch scoring; ``columns`` renames record keys (default name → key).

    Default names are a batch table's headers: ``"ID:KEY"`` (``"I01:actual"``) and
    ``"amounts:PATH"`` (``"amounts:budget.executed"``). Naming a figure the pack does not read is a
    :class:`~perfscore.UsageError` (``COLUMN_RENAME_UNKNOWN``).
    """
    if pack.template:
        raise UsageError([diagnostic("PACK_TEMPLATE", id=pack.id)])
    rename = dict(columns or {})
    leaves = pack.indicators()
    defaults = default_columns(leaves)
    known = {column.default_name for column in defaults}
    unknown = sorted(set(rename) - known)
    if unknown:
        listed = ", ".join(sorted(known))
        raise UsageError(
            [diagnostic("COLUMN_RENAME_UNKNOWN", name=name, pack=pack.id, known=listed) for name in unknown]
        )
    figure_columns = tuple(attrs.evolve(c, column=rename.get(c.default_name, c.column)) for c in defaults)
    slots = Slots(rename)
    planned = [plan_leaf(j, leaf, pack.rounding, slots) for j, leaf in enumerate(leaves)]
    params = tuple(_resolved(kind, p, slots) for kind, p in planned)
    groups, top_leaves, top_groups, paths = _layout(pack)
    numeric = tuple(slots.columns)
    engine_only = None
    if any(isinstance(leaf.rule, NotApplicable) for leaf in leaves):
        engine_only = "the pack drops indicators (not_applicable), which redistributes weights"
    elif pack.percent_numbers is PercentNumbers.FRACTION:
        engine_only = "the pack reads bare numbers against percent targets as fractions (percent_numbers: fraction)"
    return CompiledPack(
        pack=pack,
        leaves=leaves,
        paths=paths,
        groups=groups,
        top_leaves=top_leaves,
        top_groups=top_groups,
        kinds=tuple(kind for kind, _ in planned),
        params=params,
        numeric_columns=numeric,
        constants=tuple(slots.constants),
        figure_columns=figure_columns,
        grade_ranges=_grade_ranges(pack.grades, pack.rounding.decimals),
        grade_labels=tuple(band.label for band in pack.grades),
        decimals=pack.rounding.decimals,
        engine_only=engine_only,
        renames=tuple(sorted(rename.items())),
        row=_getter(numeric),
    )


def _recompile(pack: Pack, renames: tuple[tuple[str, str], ...]) -> CompiledPack:
    return compile_pack(pack, columns=dict(renames))


def _resolved(kind: int, params: Params, slots: Slots) -> Params:
    """Replace constant placeholders (negative positions) by their final positions."""
    positions = _SLOT_POSITIONS.get(kind, ())
    return tuple(slots.resolve(int(str(value))) if i in positions else value for i, value in enumerate(params))


# which parameters of each kind are row positions (an actual and a target; or one value)
_SLOT_POSITIONS = dict.fromkeys((RATIO, EXECUTION, REVERSE, LINEAR, EQUAL), (1, 2)) | {BANDS: (1,), QUALITATIVE: (1,)}


def _getter(columns: tuple[str, ...]) -> RowGetter:
    """One C call that fetches a department's numeric columns as a tuple."""
    if not columns:
        return lambda _record: ()
    if len(columns) == 1:
        only = columns[0]
        return lambda record: (record[only],)
    return itemgetter(*columns)


def _layout(
    pack: Pack,
) -> tuple[tuple[GroupPlan, ...], tuple[int, ...], tuple[int, ...], tuple[tuple[str, ...], ...]]:
    """Groups with their leaf ranges and direct members; top-level members; each leaf's path."""
    plans: list[GroupPlan | None] = []
    paths: list[tuple[str, ...]] = []

    def visit(nodes: tuple[Group | Indicator, ...], parents: tuple[str, ...]) -> tuple[list[int], list[int]]:
        own_leaves: list[int] = []
        own_groups: list[int] = []
        for node in nodes:
            path = (*parents, node.id)
            if isinstance(node, Indicator):
                own_leaves.append(len(paths))
                paths.append(path)
                continue
            index = len(plans)
            plans.append(None)  # its place in pack order; filled once its children are laid out
            first = len(paths)
            leaves, children = visit(node.children, path)
            plans[index] = GroupPlan(
                group=node,
                path=path,
                first=first,
                stop=len(paths),
                percent=node.aggregation is Aggregation.PERCENT,
                leaves=tuple(leaves),
                children=tuple(children),
            )
            own_groups.append(index)
        return own_leaves, own_groups

    top_leaves, top_groups = visit(pack.children, ())
    groups = tuple(plan for plan in plans if plan is not None)
    return groups, tuple(top_leaves), tuple(top_groups), tuple(paths)


def _grade_ranges(grades: tuple[GradeBand, ...], decimals: int) -> tuple[tuple[float, float, int], ...]:
    """Each band as the whole numbers of quanta a total may have to earn it.

    A total is ``n`` quanta; ``n × 10^-d ≥ low`` exactly when ``n ≥ ⌈low × 10^d⌉``, and so on
    for the other edges, so grading compares integers.
    """
    ranges = []
    for index, band in enumerate(grades):
        low, high = band.low.scaleb(decimals), band.high.scaleb(decimals)
        highest = _floor(high) if band.high_inclusive else _ceil(high) - 1
        ranges.append((float(_ceil(low)), float(highest), index))
    return tuple(ranges)


def _ceil(value: Decimal) -> int:
    return int(value.to_integral_value(rounding=ROUND_CEILING))


def _floor(value: Decimal) -> int:
    return int(value.to_integral_value(rounding=ROUND_FLOOR))
