"""Which parts of a pack its tests reached: rules, value bands, qualitative levels, grades.

A pack's tests prove little if every case lands in the same band. Coverage counts, over
all the cases that scored:

* **rules** — each indicator whose rule computed a score (not a missing figure, not a
  not-applicable drop);
* **bands** — each band of every ``bands`` table (also inside ``sum_of``/``min_of``/``max_of``),
  reached when an indicator's value fell in it;
* **levels** — each level of each qualitative scale in use (the pack's scale, or an
  indicator's own ``levels``), reached when a qualitative indicator using it scored in it;
* **grades** — each grade band, reached when a complete total earned it.

What no case reached is reported as a ``COVERAGE_*`` warning at the line that defines it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

import attrs

from perfscore._core.diagnostics import Diagnostic, diagnostic
from perfscore._core.figures import Figures
from perfscore._core.model import Indicator, Pack, QualitativeScale
from perfscore._core.scorecard import IndicatorResult, Scorecard, Status
from perfscore._core.units import Quantity
from perfscore._text.names import named
from perfscore.rules.base import Rule
from perfscore.rules.composite import Extreme, NotApplicable, SumOf
from perfscore.rules.judgement import Qualitative
from perfscore.rules.tables import Bands

KINDS = ("rules", "bands", "levels", "grades")


@attrs.frozen(kw_only=True)
class Coverage:
    """What the tests reached, and the diagnostics for what they did not."""

    reached: dict[str, int]  # kind → items reached
    total: dict[str, int]  # kind → items in the pack
    gaps: tuple[Diagnostic, ...]

    @property
    def complete(self) -> bool:
        """Whether every rule, band, level and grade was reached."""
        return not self.gaps

    def summary(self, lang: str) -> str:
        """``rules 37/37, bands 0/0, levels 3/3, grades 4/4`` (in Chinese: 规则 37/37 …)."""
        index = 0 if lang == "zh" else 1
        return ", ".join(
            f"{named(f'coverage.{kind}')[index]} {self.reached[kind]}/{self.total[kind]}" for kind in KINDS
        )


def sub_rules(rule: Rule) -> Iterator[Rule]:
    """``rule`` and every rule inside it (parts of ``sum_of``, alternatives of ``min_of``/``max_of``)."""
    yield rule
    if isinstance(rule, SumOf):
        for part in rule.parts:
            yield from sub_rules(part.rule)
    elif isinstance(rule, Extreme):
        for inner in rule.rules:
            yield from sub_rules(inner)


def measure(pack: Pack, runs: Iterable[tuple[Scorecard, Figures]]) -> Coverage:
    """Coverage of ``pack`` by the scorecards of its test cases (each with the figures it scored)."""
    scored: set[str] = set()
    bands: set[tuple[str, int, int]] = set()
    levels: set[tuple[str, str]] = set()
    grades: set[str] = set()
    indicators = {node.id: node for node in pack.indicators()}
    for card, figures in runs:
        if card.grade is not None:
            grades.add(card.grade)
        for result in card.indicators():
            node = indicators.get(result.id)
            if node is None or not _computed(result):
                continue
            scored.add(result.id)
            if result.level is not None:
                levels.add((_scale_key(pack, node), result.level))
            entry = figures.indicator(result.id)
            for index, table in enumerate(rule for rule in sub_rules(node.rule) if isinstance(rule, Bands)):
                value = entry.get(table.of) if entry is not None else None
                if isinstance(value, Quantity):
                    hit = next((i for i, band in enumerate(table.bands) if band.contains(value.value)), None)
                    if hit is not None:
                        bands.add((result.id, index, hit))
    return _report(pack, indicators, scored, bands, levels, grades)


def _computed(result: IndicatorResult) -> bool:
    if result.status is Status.SCORED:
        return True
    return result.status is Status.OVERRIDDEN and result.computed is not None


def _scale_key(pack: Pack, node: Indicator) -> str:
    """Which scale an indicator's qualitative rule uses: the pack's (``""``) or its own (its id)."""
    scale = _scale_of(node)
    return "" if scale is None or scale == pack.qualitative else node.id


def _scale_of(node: Indicator) -> QualitativeScale | None:
    return next((rule.scale for rule in sub_rules(node.rule) if isinstance(rule, Qualitative)), None)


def _report(
    pack: Pack,
    indicators: dict[str, Indicator],
    scored: set[str],
    bands: set[tuple[str, int, int]],
    levels: set[tuple[str, str]],
    grades: set[str],
) -> Coverage:
    gaps: list[Diagnostic] = []
    total = dict.fromkeys(KINDS, 0)
    reached = dict.fromkeys(KINDS, 0)

    def count(kind: str, hit: bool, gap: Diagnostic) -> None:  # noqa: FBT001 - a local tally
        total[kind] += 1
        if hit:
            reached[kind] += 1
        else:
            gaps.append(gap)

    scales = _rules_and_bands(pack, indicators, scored, bands, count)
    for key, scale in scales.items():
        name_zh, name_en = named("coverage.levels_of", key=key) if key else named("coverage.pack_levels")
        for level in scale.levels:
            gap = diagnostic(
                "COVERAGE_LEVEL", location=level.location, level=level.label, scale=name_en, scale_zh=name_zh
            )
            count("levels", (key, level.label) in levels, gap)
    for grade in pack.grades:
        gap = diagnostic("COVERAGE_GRADE", location=grade.location, grade=grade.label, band=_band(grade))
        count("grades", grade.label in grades, gap)
    return Coverage(reached=reached, total=total, gaps=tuple(gaps))


def _rules_and_bands(
    pack: Pack,
    indicators: dict[str, Indicator],
    scored: set[str],
    bands: set[tuple[str, int, int]],
    count: Callable[[str, bool, Diagnostic], None],
) -> dict[str, QualitativeScale]:
    """Count every indicator's rule and every band of its tables; return the qualitative scales in use."""
    scales: dict[str, QualitativeScale] = {}
    for node_id, node in indicators.items():
        if isinstance(node.rule, NotApplicable):
            continue
        path = pack.path_of(node_id)
        where = node.rule_location
        gap = diagnostic("COVERAGE_RULE", location=where, path=path, id=node_id, kind=node.rule.kind)
        count("rules", node_id in scored, gap)
        tables = [rule for rule in sub_rules(node.rule) if isinstance(rule, Bands)]
        for index, table in enumerate(tables):
            for hit, band in enumerate(table.bands):
                gap = diagnostic("COVERAGE_BAND", location=where, path=path, id=node_id, band=str(band))
                count("bands", (node_id, index, hit) in bands, gap)
        scale = _scale_of(node)
        if scale is not None:
            scales.setdefault(_scale_key(pack, node), scale)
    return scales


def _band(grade: object) -> str:
    text = str(grade)
    return text[text.index(" ") + 1 :] if " " in text else text
