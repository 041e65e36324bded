"""The pack model: a scheme of groups and indicators with weights, grades and rounding.

A :class:`Pack` is what a YAML rule pack becomes after loading and validation. It is
immutable; revisions are new packs (``attrs.evolve`` or an overlay pack that
``extends`` another). Every node remembers where it was written so that a score can
always be traced back to the line of the pack that produced it.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from perfscore._core.decimals import HUNDRED, ZERO, RoundingPolicy, mul, plain
from perfscore._core.diagnostics import NOWHERE, Location
from perfscore._core.wording import DEFAULT_ATTAINMENT, Attainment, PercentNumbers

if TYPE_CHECKING:
    from perfscore._core.targets import Target
    from perfscore.rules.base import Rule


class Aggregation(enum.Enum):
    """How a group's children add up to the group's points."""

    POINTS = "points"  # children's weights are points; they sum to the group's weight
    PERCENT = "percent"  # children's weights sum to 100 inside the group; scaled by its weight


class Redistribution(enum.Enum):
    """Where the points of a not-applicable indicator go."""

    PARENT = "parent"  # to its siblings, in proportion to their weights
    TOTAL = "total"  # nowhere: the total is rescaled to the pack's full marks (百分制折算)


class ReverseVariant(enum.Enum):
    """The two real formulas for 反向 (lower is better) indicators."""

    RATIO = "ratio"  # target / actual × weight, capped at the weight
    LINEAR = "linear"  # full at ≤ target, falling linearly to 0 at twice the target


@attrs.frozen(kw_only=True)
class Citation:
    """Where a pack, a rule or an assumption comes from: a document a reader can find."""

    title: str
    issuer: str | None = None
    number: str | None = None  # 文号, e.g. 财预〔2020〕10号
    date: str | None = None
    section: str | None = None
    url: str | None = None
    note: str | None = None

    def __str__(self) -> str:
        """A one-line reference: title, number, section."""
        parts = [self.title]
        if self.number:
            parts.append(f"（{self.number}）")
        if self.section:
            parts.append(f" {self.section}")
        return "".join(parts)


@attrs.frozen(kw_only=True)
class Assumption:
    """Something the pack encodes that its source does not say: named, never hidden."""

    id: str
    text: str
    cite: str | None = None
    location: Location = NOWHERE


@attrs.frozen(kw_only=True)
class GradeBand:
    """A grade and the half-open range of totals it covers, lower edge inclusive."""

    label: str
    low: Decimal
    high: Decimal
    high_inclusive: bool = False
    location: Location = NOWHERE

    def contains(self, value: Decimal) -> bool:
        """Whether a total of ``value`` earns this grade."""
        if value < self.low:
            return False
        return value <= self.high if self.high_inclusive else value < self.high

    def overlaps(self, low: Decimal, high: Decimal) -> bool:
        """Whether some total within ``[low, high]`` earns this grade."""
        if high < self.low:
            return False
        return low <= self.high if self.high_inclusive else low < self.high

    def __str__(self) -> str:
        """Interval notation as Chinese documents write it: ``良 [80, 90)``."""
        close = "]" if self.high_inclusive else ")"
        return f"{self.label} [{self.low}, {self.high}{close}"


def default_grades(total: Decimal = HUNDRED) -> tuple[GradeBand, ...]:
    """优 [90,100], 良 [80,90), 中 [60,80), 差 [0,60) scaled to ``total``."""
    scale = total / HUNDRED
    edges = (("优", 90, 100), ("良", 80, 90), ("中", 60, 80), ("差", 0, 60))
    return tuple(
        GradeBand(
            label=label, low=Decimal(low) * scale, high=Decimal(high) * scale, high_inclusive=Decimal(high) == HUNDRED
        )
        for label, low, high in edges
    )


@attrs.frozen(kw_only=True)
class QualitativeLevel:
    """A 定性 level (达成 / 部分达成 / 未达成) and its band as fractions of the weight."""

    label: str
    low: Decimal
    high: Decimal
    high_inclusive: bool
    default: Decimal | None = None  # fraction of the weight when no score is given
    aliases: tuple[str, ...] = ()
    location: Location = NOWHERE

    def contains(self, fraction: Decimal) -> bool:
        """Whether a score of ``fraction`` × weight lies in this level's band."""
        if fraction < self.low:
            return False
        return fraction <= self.high if self.high_inclusive else fraction < self.high

    def band_text(self, weight: Decimal | None = None) -> str:
        """``[80%, 100%]``, or in points when ``weight`` is given."""
        close = "]" if self.high_inclusive else ")"
        if weight is None:
            return f"[{_percent(self.low)}, {_percent(self.high)}{close}"

        return f"[{plain(mul(self.low, weight))}, {plain(mul(self.high, weight))}{close}"


def _percent(fraction: Decimal) -> str:

    return f"{plain(fraction * HUNDRED)}%"


@attrs.frozen(kw_only=True)
class QualitativeScale:
    """The levels a pack uses for qualitative indicators, with their source."""

    levels: tuple[QualitativeLevel, ...]
    cite: str | None = None

    def find(self, label: str) -> QualitativeLevel | None:
        """The level called ``label`` (or one of its aliases)."""
        for level in self.levels:
            if label == level.label or label in level.aliases:
                return level
        return None

    def level_of(self, fraction: Decimal) -> QualitativeLevel | None:
        """The level whose band contains ``fraction``."""
        for level in self.levels:
            if level.contains(fraction):
                return level
        return None


def national_levels() -> QualitativeScale:
    """财预〔2020〕10号 bands: 达成 [80%,100%], 部分达成 [60%,80%), 未达成 [0,60%)."""
    return QualitativeScale(
        levels=(
            QualitativeLevel(label="达成", low=Decimal("0.8"), high=Decimal(1), high_inclusive=True),
            QualitativeLevel(label="部分达成", low=Decimal("0.6"), high=Decimal("0.8"), high_inclusive=False),
            QualitativeLevel(label="未达成", low=ZERO, high=Decimal("0.6"), high_inclusive=False),
        ),
        cite=None,
    )


@attrs.frozen(kw_only=True)
class Indicator:
    """A leaf of the scheme: it has a weight (分值) and a rule that scores it."""

    id: str
    name: str
    weight: Decimal
    rule: Rule
    target: Target | None = None
    target_text: str | None = None  # the 指标值 as the table prints it, also for labels
    unit: str | None = None
    description: str | None = None
    assumptions: tuple[str, ...] = ()
    cite: str | None = None
    location: Location = NOWHERE
    rule_location: Location = NOWHERE
    weight_location: Location = NOWHERE  # where the weight in force was written (an overlay may move it)

    @property
    def is_group(self) -> bool:
        """Always false: indicators are leaves."""
        return False


@attrs.frozen(kw_only=True)
class Group:
    """An inner node (一级/二级指标, a task): its children add up to its weight."""

    id: str
    name: str
    weight: Decimal
    children: tuple[Group | Indicator, ...]
    aggregation: Aggregation = Aggregation.POINTS
    goal: str | None = None  # 绩效目标 of a task, as 表2 prints it
    description: str | None = None
    assumptions: tuple[str, ...] = ()
    cite: str | None = None
    location: Location = NOWHERE
    weight_location: Location = NOWHERE  # where the weight in force was written (an overlay may move it)

    @property
    def is_group(self) -> bool:
        """Always true."""
        return True


Node = Group | Indicator


@attrs.frozen(kw_only=True, repr=False)
class Pack:
    """A complete, validated scheme: metadata, the indicator tree, grades and policies."""

    id: str
    title: str
    version: str
    source: Citation
    children: tuple[Node, ...]
    jurisdiction: str | None = None
    fiscal_year: int | None = None
    language: str = "zh"
    description: str | None = None
    total: Decimal = HUNDRED
    rounding: RoundingPolicy = attrs.field(factory=RoundingPolicy)
    aggregation: Aggregation = Aggregation.POINTS
    grades: tuple[GradeBand, ...] = attrs.field(factory=default_grades)
    qualitative: QualitativeScale = attrs.field(factory=national_levels)
    redistribution: Redistribution = Redistribution.PARENT
    citations: Mapping[str, Citation] = attrs.field(factory=dict)
    assumptions: tuple[Assumption, ...] = ()
    extends: str | None = None
    adjustments: tuple[Adjustment, ...] = ()
    template: bool = False  # a framework to extend: weights may be missing; not scorable
    percent_numbers: PercentNumbers | None = None  # how a bare 0.95 against a percent target is read
    attainment: Attainment = DEFAULT_ATTAINMENT  # words a 完成值 may be written as (完成 → met)
    file: str | None = None
    total_location: Location = NOWHERE  # where ``total`` was written; nowhere when it is the default 100
    _index: Mapping[str, Node] = attrs.field(init=False, repr=False, eq=False, hash=False)

    @_index.default
    def _build_index(self) -> Mapping[str, Node]:
        return {node.id: node for _, node in self.walk()}

    def walk(self) -> Iterator[tuple[tuple[str, ...], Node]]:
        """Every node depth-first, in pack order, with the ids of its ancestors."""
        stack: list[tuple[tuple[str, ...], Node]] = [((), node) for node in reversed(self.children)]
        while stack:
            parents, node = stack.pop()
            yield parents, node
            if isinstance(node, Group):
                stack.extend(((*parents, node.id), child) for child in reversed(node.children))

    def indicators(self) -> tuple[Indicator, ...]:
        """The leaves, in pack order."""
        return tuple(node for _, node in self.walk() if isinstance(node, Indicator))

    def groups(self) -> tuple[Group, ...]:
        """The inner nodes, in pack order."""
        return tuple(node for _, node in self.walk() if isinstance(node, Group))

    def node(self, node_id: str) -> Node | None:
        """The group or indicator with ``node_id``, or None."""
        return self._index.get(node_id)

    def path_of(self, node_id: str) -> tuple[str, ...]:
        """The ids from the top of the tree down to ``node_id``."""
        for parents, node in self.walk():
            if node.id == node_id:
                return (*parents, node_id)
        return ()

    def assumption(self, assumption_id: str) -> Assumption | None:
        """The assumption with ``assumption_id``, or None."""
        for item in self.assumptions:
            if item.id == assumption_id:
                return item
        return None

    def grade_of(self, total: Decimal) -> str | None:
        """The grade a complete total earns (None if no band contains it)."""
        for band in self.grades:
            if band.contains(total):
                return band.label
        return None

    def grades_possible(self, low: Decimal, high: Decimal) -> tuple[str, ...]:
        """Grades some total within ``[low, high]`` would earn, best first."""
        return tuple(band.label for band in self.grades if band.overlaps(low, high))

    def _repr_html_(self) -> str:
        """Jupyter's rich display: the 表1-style scheme, the grade bands and the assumptions."""
        from perfscore.reports.htmlreport import pack_html  # noqa: PLC0415 - views live at the edge

        return pack_html(self)

    def __repr__(self) -> str:
        """One line a REPL can show: id, version, title, size, and what it extends."""
        extends = f", extends={self.extends!r}" if self.extends else ""
        return (
            f"Pack(id={self.id!r}, version={self.version!r}, title={self.title!r}, total={self.total}, "
            f"groups={len(self.groups())}, indicators={len(self.indicators())}{extends})"
        )


@attrs.frozen(kw_only=True)
class Adjustment:
    """One revision an overlay pack makes to the pack it extends, with its reason.

    Section 三 of the Baiyun seed is a list of such revisions (an indicator dropped,
    one reweighted, one whose target was set wrongly); keeping them as data lets
    ``perfscore diff`` and the scorecard show exactly what changed and why.
    """

    op: str  # remove | update | add
    id: str
    reason: str | None = None
    cite: str | None = None
    changes: tuple[tuple[str, str, str], ...] = ()  # (field, old, new) as display text
    location: Location = NOWHERE
