"""One department over several years, each year scored under its own pack version.

Schemes are revised every year: indicators are added, removed and reweighted. A
series of raw scores would then show a "trend" that is only the reweighting, so
every indicator and group is followed as its **achievement** — score ÷ weight (得分率)
— matched by id across the packs. What changed between two consecutive years' packs
is listed from :func:`perfscore._packs.diff.diff_packs` (added, removed, reweighted …),
so a reader sees why a series starts, stops, or changes weight. A partial year keeps
its range (an achievement range), never a guessed point.

Which pack scores which year: ``--pack YEAR=PACK`` when given; otherwise the pack
whose id the figures file names in its ``pack:`` field, among the packs given; and for
a figures file that names no pack, the only pack given. Anything else is
``TREND_PACK_UNKNOWN``: a year is never scored under a pack it was not written for.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import attrs

from perfscore._analysis.review import Span
from perfscore._core.decimals import CONTEXT, ZERO, div
from perfscore._core.figures import Figures
from perfscore._core.model import Pack
from perfscore._core.scorecard import GroupResult, NodeResult, Scorecard, Status
from perfscore._packs.diff import Change

QUANTUM = Decimal("0.0001")  # achievements are shown to 0.01%


@attrs.frozen(kw_only=True)
class Point:
    """One node in one year: its weight, its score and its achievement (score ÷ weight, a Span)."""

    year: int
    weight: Decimal
    score: Span
    achievement: Span | None  # None when not applicable, or weighted 0
    status: str


@attrs.frozen(kw_only=True)
class Series:
    """One indicator or group across the years (``None`` where that year's pack does not have it)."""

    id: str
    name: str
    is_group: bool
    depth: int
    points: tuple[Point | None, ...]


@attrs.frozen(kw_only=True)
class YearChange:
    """A change between the packs of two consecutive years."""

    year: int  # the later year
    previous: int
    change: Change


@attrs.frozen(kw_only=True, repr=False)
class Trend:
    """Scorecards of one department by year, with per-node series of achievement."""

    years: tuple[int, ...]
    cards: tuple[Scorecard, ...]
    series: tuple[Series, ...]
    changes: tuple[YearChange, ...]

    @property
    def department(self) -> str | None:
        """The department, as the latest year's figures name it."""
        return self.cards[-1].department

    def totals(self) -> tuple[Span, ...]:
        """The total by year (a range in a partial year)."""
        return tuple(Span.of(card.total, card.low, card.high) for card in self.cards)

    def grades(self) -> tuple[str | None, ...]:
        """The grade by year (None in a partial year: see each card's ``grades_possible``)."""
        return tuple(card.grade for card in self.cards)

    def __getitem__(self, node_id: str) -> Series:
        """``trend["t3"]``; ``KeyError`` if no year's pack has it."""
        for series in self.series:
            if series.id == node_id:
                return series
        raise KeyError(node_id)

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        """The JSON contract as plain data (see :mod:`perfscore._analysis.trendviews`)."""
        from perfscore._analysis.trendviews import trend_to_dict  # noqa: PLC0415 - views live at the edge

        return trend_to_dict(self, lang)

    def to_records(self) -> list[dict[str, object]]:
        """One plain dict per node and year (long format); numbers stay Decimal."""
        rows: list[dict[str, object]] = []
        for series in self.series:
            for card, point in zip(self.cards, series.points, strict=True):
                if point is None:
                    continue
                achieved = point.achievement
                rows.append(
                    {
                        "year": point.year,
                        "pack": card.pack_id,
                        "pack_version": card.pack_version,
                        "id": series.id,
                        "name": series.name,
                        "type": "group" if series.is_group else "indicator",
                        "weight": point.weight,
                        "score": point.score.value,
                        "low": point.score.low,
                        "high": point.score.high,
                        "achievement": None if achieved is None else achieved.value,
                        "achievement_low": None if achieved is None else achieved.low,
                        "achievement_high": None if achieved is None else achieved.high,
                        "status": point.status,
                    }
                )
        return rows

    def to_pandas(self) -> Any:  # noqa: ANN401 - pandas is optional: its DataFrame type cannot be named here
        """:meth:`to_records` as a ``pandas.DataFrame`` (needs ``perfscore[pandas]``); numbers stay Decimal."""
        from perfscore.extras import require  # noqa: PLC0415 - pandas is an optional extra

        pandas = require("pandas", extra="pandas", feature="Trend.to_pandas()")
        return pandas.DataFrame.from_records(self.to_records())

    def __repr__(self) -> str:
        """One line: department, years, packs."""
        packs = ", ".join(f"{card.year}:{card.pack_id}" for card in self.cards)
        return f"Trend(department={self.department!r}, years={list(self.years)}, packs=[{packs}])"


def _ratio(value: Decimal, weight: Decimal) -> Decimal:
    return div(value, weight).quantize(QUANTUM, rounding=ROUND_HALF_UP, context=CONTEXT)


def achievement(node: NodeResult) -> Span | None:
    """Score ÷ weight, to 0.01%; a range when the score is; None when not applicable or weighted 0."""
    if node.status is Status.NOT_APPLICABLE or node.weight <= ZERO:
        return None
    value = None if node.score is None else _ratio(node.score, node.weight)
    return Span(value=value, low=_ratio(node.low, node.weight), high=_ratio(node.high, node.weight))


def _nodes(card: Scorecard) -> dict[str, tuple[NodeResult, int]]:
    found: dict[str, tuple[NodeResult, int]] = {}

    def visit(nodes: Iterable[NodeResult], depth: int) -> None:
        for node in nodes:
            found[node.id] = (node, depth)
            if isinstance(node, GroupResult):
                visit(node.children, depth + 1)

    visit(card.children, 0)
    return found


def build_trend(cards: Sequence[Scorecard], packs: Sequence[Pack]) -> Trend:
    """Series by id over ``cards`` (sorted by year), with the pack changes between consecutive years."""
    from perfscore._packs.diff import diff_packs  # noqa: PLC0415

    order = sorted(range(len(cards)), key=lambda index: cards[index].year or 0)
    ordered = [cards[index] for index in order]
    by_year = [_nodes(card) for card in ordered]
    ids: list[str] = []
    for nodes in reversed(by_year):  # the latest pack's order; an id only earlier packs had goes after its predecessor
        last = -1
        for node_id in nodes:
            if node_id in ids:
                last = ids.index(node_id)
            else:
                last += 1
                ids.insert(last, node_id)
    series = []
    for node_id in ids:
        points: list[Point | None] = []
        latest: tuple[NodeResult, int] | None = None
        for card, nodes in zip(ordered, by_year, strict=True):
            entry = nodes.get(node_id)
            if entry is None:
                points.append(None)
                continue
            latest = entry
            node = entry[0]
            points.append(
                Point(
                    year=card.year or 0,
                    weight=node.weight,
                    score=Span.of(node.score, node.low, node.high),
                    achievement=achievement(node),
                    status=node.status.value,
                )
            )
        assert latest is not None  # noqa: S101 - every id comes from some year
        series.append(
            Series(
                id=node_id,
                name=latest[0].name,
                is_group=isinstance(latest[0], GroupResult),
                depth=latest[1],
                points=tuple(points),
            )
        )
    changes: list[YearChange] = []
    ordered_packs = [packs[index] for index in order]
    for before, after, old, new in zip(ordered, ordered[1:], ordered_packs, ordered_packs[1:], strict=False):
        if old is new:
            continue
        changes.extend(
            YearChange(year=after.year or 0, previous=before.year or 0, change=change)
            for change in diff_packs(old, new).changes
        )
    return Trend(
        years=tuple(card.year or 0 for card in ordered),
        cards=tuple(ordered),
        series=tuple(series),
        changes=tuple(changes),
    )


def trend(
    packs: Pack | str | os.PathLike[str] | Sequence[Pack | str | os.PathLike[str]],
    figures: Sequence[Figures | str | os.PathLike[str]],
    *,
    by_year: Mapping[int, Pack | str | os.PathLike[str]] | None = None,
) -> Trend:
    """Score each year's figures under its pack and follow every indicator and group by id."""
    from perfscore._core.engine import score  # noqa: PLC0415 - keep `import perfscore` light
    from perfscore._inputs.figures import load_figures  # noqa: PLC0415
    from perfscore._packs.loader import load_pack  # noqa: PLC0415

    def pack_of(item: Pack | str | os.PathLike[str]) -> Pack:
        return item if isinstance(item, Pack) else load_pack(item)

    listed = [packs] if isinstance(packs, Pack | str | os.PathLike) else list(packs)
    loaded = [pack_of(item) for item in listed]
    years = {year: pack_of(item) for year, item in (by_year or {}).items()}
    data = [item if isinstance(item, Figures) else load_figures(item) for item in figures]
    from perfscore._analysis.trendpacks import choose_packs  # noqa: PLC0415

    chosen = choose_packs(data, loaded, years)
    return build_trend([score(pack, item) for pack, item in zip(chosen, data, strict=True)], chosen)
