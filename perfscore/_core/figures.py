"""A department's figures for one year: what the pack's rules read.

Figures are the inputs of a self-evaluation: per indicator the 完成值 (actual), the
assessor's level and score with reasons, the evidence (实现情况分析); at department
level the budget amounts; and, optionally, the results the department published, so
that a recomputation can be reconciled with them. Every figure keeps where it was
written, so any number in a scorecard traces back to a line.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

import attrs

from perfscore._core.diagnostics import NOWHERE, Location
from perfscore._core.frozenmap import read_only
from perfscore._core.model import Citation
from perfscore._core.units import Quantity
from perfscore._core.wording import PercentNumbers

INDICATOR_FIGURE_KEYS = frozenset(
    {
        "actual",
        "target",
        "level",
        "score",
        "reason",
        "evidence",
        "items",
        "deductions",
        "count",
        "values",
        "not_applicable",
        "override",
        "note",
        "coefficient",
    }
)


@attrs.frozen(kw_only=True)
class Override:
    """An assessor's score that replaces a computed one, with the reason (调整得分)."""

    score: Decimal
    reason: str
    location: Location = NOWHERE


@attrs.frozen(kw_only=True)
class IndicatorFigures:
    """The figures of one indicator; ``values`` holds ``actual``, ``level``, ``values.<name>`` and so on."""

    id: str
    values: Mapping[str, object] = attrs.field(factory=dict, converter=read_only)
    locations: Mapping[str, Location] = attrs.field(factory=dict, converter=read_only)
    evidence: str | None = None
    not_applicable: str | None = None
    override: Override | None = None
    location: Location = NOWHERE

    def get(self, key: str) -> object | None:
        """The figure called ``key``, or None."""
        return self.values.get(key)

    def location_of(self, key: str) -> Location:
        """Where the figure ``key`` was written (the indicator's entry if unknown)."""
        return self.locations.get(key, self.location)


@attrs.frozen(kw_only=True)
class SumCheck:
    """Figures that should add up: a total and its parts, checked within a tolerance."""

    name: str
    total: Quantity
    parts: tuple[tuple[str, Quantity], ...]
    location: Location = NOWHERE


@attrs.frozen(kw_only=True)
class Project:
    """A key project's spending (重点项目支出), as the report's 各重点任务项目支出完成情况 lists it."""

    name: str
    amount: Quantity | None = None
    task: str | None = None
    parts: tuple[Project, ...] = ()
    note: str | None = None


#: The free-text parts of a 自评报告 that a figures file may carry under ``report:``.
REPORT_TEXT_KEYS = ("profile", "work", "problems", "measures", "evaluator", "date")


@attrs.frozen(kw_only=True)
class Published:
    """Results the department published, to reconcile a recomputation with."""

    scores: Mapping[str, Decimal] = attrs.field(factory=dict, converter=read_only)
    score_locations: Mapping[str, Location] = attrs.field(factory=dict, converter=read_only)
    total: Decimal | None = None
    grade: str | None = None
    execution_rate: Quantity | None = None
    source: str | None = None
    location: Location = NOWHERE


@attrs.frozen(kw_only=True)
class Figures:
    """Everything one department reported for one year, ready to score."""

    department: str | None = None
    year: int | None = None
    pack_id: str | None = None
    source: Citation | None = None
    amounts: Mapping[str, Quantity] = attrs.field(factory=dict, converter=read_only)
    amount_locations: Mapping[str, Location] = attrs.field(factory=dict, converter=read_only)
    indicators: Mapping[str, IndicatorFigures] = attrs.field(factory=dict, converter=read_only)
    checks: tuple[SumCheck, ...] = ()
    tolerance: Decimal = Decimal("0.01")
    published: Published | None = None
    percent_numbers: PercentNumbers | None = None  # how a bare 0.95 against a percent target is read
    file: str | None = None
    projects: tuple[Project, ...] = ()
    report: Mapping[str, str] = attrs.field(factory=dict, converter=read_only)

    def indicator(self, indicator_id: str) -> IndicatorFigures | None:
        """The figures of ``indicator_id``, or None."""
        return self.indicators.get(indicator_id)
