"""Static checks ``perfscore check`` runs on a loaded pack (and, optionally, a figures file).

The loader already refuses what cannot be scored at all (grade bands or qualitative
levels that leave a gap or overlap, band fractions above 1, weights that do not add
up, unknown keys). What it accepts may still be a mistake an author wants to hear
about; these checks say so as *warnings* (exit 0, or 1 with ``--strict``):

* band tables — values between two bands that earn nothing (``BANDS_GAP``), bands
  that overlap further down the list (``BANDS_OVERLAP``), bands that can never be
  reached because they are empty or covered by earlier bands (``BANDS_UNREACHABLE``),
  bands not listed in order of their edges (``BANDS_ORDER``);
* qualitative levels and grades that hold no value (``LEVELS_UNREACHABLE``,
  ``GRADES_UNREACHABLE``) and levels listed out of order (``LEVELS_ORDER``);
* rules that read a figure no figures file can give an indicator (``FIGURE_NAME_UNKNOWN``);
* with figures: indicators they give nothing for (``INDICATOR_UNREACHED``) and amounts
  no rule reads (``FIGURE_UNREAD``, a note).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal

from perfscore._core.decimals import plain
from perfscore._core.diagnostics import Diagnostic, Location, diagnostic
from perfscore._core.figures import INDICATOR_FIGURE_KEYS, Figures
from perfscore._core.model import GradeBand, Indicator, Pack, QualitativeLevel, QualitativeScale
from perfscore._core.readings import ambiguous_readings
from perfscore._packs.coverage import sub_rules
from perfscore._packs.directionchecks import direction_checks
from perfscore._text.problems import PROBLEMS
from perfscore._yaml.located import suggest
from perfscore.rules.composite import NotApplicable
from perfscore.rules.formulas import Formula
from perfscore.rules.judgement import Qualitative
from perfscore.rules.tables import Band, Bands, bands_overlap

_LOW = Decimal("-Infinity")
_HIGH = Decimal("Infinity")


def pack_checks(pack: Pack) -> tuple[Diagnostic, ...]:
    """Every static warning about ``pack`` alone, in pack order."""
    found: list[Diagnostic] = []
    scales: list[QualitativeScale] = [pack.qualitative]
    for indicator in pack.indicators():
        path = pack.path_of(indicator.id)
        for rule in sub_rules(indicator.rule):
            if isinstance(rule, Bands):
                found.extend(band_checks(rule.bands, indicator, path))
            if isinstance(rule, Qualitative) and rule.scale not in scales:
                scales.append(rule.scale)
            found.extend(_figure_names(rule, indicator, path))
    for scale in scales:
        found.extend(level_checks(scale.levels))
    found.extend(grade_checks(pack.grades))
    found.extend(direction_checks(pack))
    return tuple(found)


def _edges(band: Band) -> tuple[Decimal, Decimal]:
    return (band.low if band.low is not None else _LOW), (band.high if band.high is not None else _HIGH)


def _empty(band: Band) -> bool:
    low, high = _edges(band)
    return low > high or (low == high and not (band.low_inclusive and band.high_inclusive))


def _covers(earlier: Sequence[Band], band: Band) -> bool:
    """Whether the union of ``earlier`` holds every value of ``band`` (probed at its edges and between)."""
    low, high = _edges(band)
    probes = {low, high} | {edge for other in earlier for edge in _edges(other) if low <= edge <= high}
    ordered = sorted(p for p in probes if p.is_finite())
    probes |= {(a + b) / 2 for a, b in itertools.pairwise(ordered)}
    if not low.is_finite() or not high.is_finite():
        return False  # an unbounded band is covered only by unbounded ones; rare enough to leave alone
    return all(any(other.contains(p) for other in earlier) for p in probes if band.contains(p))


def band_checks(bands: Sequence[Band], indicator: Indicator, path: tuple[str, ...]) -> Iterator[Diagnostic]:
    """Gaps, overlaps, unreachable bands and out-of-order edges of one band table."""
    where = indicator.rule_location

    def warn(code: str, **params: str) -> Diagnostic:
        return diagnostic(code, location=where, path=path, id=indicator.id, **params)

    unreachable: set[int] = set()
    for index, band in enumerate(bands):
        if _empty(band):
            unreachable.add(index)
            why_zh, why = PROBLEMS["bands.empty"]
            yield warn("BANDS_UNREACHABLE", band=str(band), why=why, why_zh=why_zh)
        elif index and _covers(bands[:index], band):
            unreachable.add(index)
            yield warn(
                "BANDS_UNREACHABLE",
                band=str(band),
                why=PROBLEMS["bands.covered"][1],
                why_zh=PROBLEMS["bands.covered"][0],
            )
    for (i, first), (j, second) in itertools.combinations(enumerate(bands), 2):
        if j == i + 1 or j in unreachable or i in unreachable:
            continue  # neighbours that overlap are the loader's BANDS_INVALID
        if bands_overlap(first, second):
            yield warn("BANDS_OVERLAP", first=str(first), second=str(second))
    live = [band for index, band in enumerate(bands) if index not in unreachable]
    lows = [_edges(band)[0] for band in live]
    ascending = all(a <= b for a, b in itertools.pairwise(lows))
    descending = all(a >= b for a, b in itertools.pairwise(lows))
    if not (ascending or descending):
        step = 1 if lows[0] <= lows[1] else -1
        first, second = next((a, b) for a, b in itertools.pairwise(live) if (_edges(b)[0] - _edges(a)[0]) * step < 0)
        yield warn("BANDS_ORDER", first=str(first), second=str(second))
    yield from _gaps(sorted(live, key=lambda band: (_edges(band)[0], not band.low_inclusive)), warn)


def _gaps(ordered: list[Band], warn: Callable[..., Diagnostic]) -> Iterator[Diagnostic]:
    """Values between the lowest and the highest band that no band holds."""
    for first, second in itertools.pairwise(ordered):
        high, low = _edges(first)[1], _edges(second)[0]
        touching = high == low and (first.high_inclusive or second.low_inclusive)
        if high < low or (high == low and not touching):
            opening = "(" if first.high_inclusive else "["
            closing = ")" if second.low_inclusive else "]"
            yield warn("BANDS_GAP", gap=f"{opening}{plain(high)}, {plain(low)}{closing}")


def level_checks(levels: Sequence[QualitativeLevel]) -> Iterator[Diagnostic]:
    """Empty levels and levels listed out of order (the loader has checked that they tile 0–100%)."""
    for level in levels:
        if level.low > level.high or (level.low == level.high and not level.high_inclusive):
            yield diagnostic("LEVELS_UNREACHABLE", location=level.location, label=level.label, band=level.band_text())
    lows = [level.low for level in levels]
    if not (lows == sorted(lows) or lows == sorted(lows, reverse=True)):
        pairs = itertools.pairwise(levels)
        first, second = (
            next((a, b) for a, b in pairs if a.low < b.low)
            if lows[0] >= lows[-1]
            else next((a, b) for a, b in pairs if a.low > b.low)
        )
        yield diagnostic(
            "LEVELS_ORDER",
            location=second.location,
            first=f"{first.label} {first.band_text()}",
            second=f"{second.label} {second.band_text()}",
        )


def grade_checks(grades: Sequence[GradeBand]) -> Iterator[Diagnostic]:
    """Grades whose band holds no total."""
    for band in grades:
        if band.low > band.high or (band.low == band.high and not band.high_inclusive):
            shown = str(band).split(" ", 1)[1]
            yield diagnostic("GRADES_UNREACHABLE", location=band.location, label=band.label, band=shown)


def _figure_names(rule: object, indicator: Indicator, path: tuple[str, ...]) -> Iterator[Diagnostic]:
    """A rule's ``of`` that names no figure an indicator can have (a typo such as ``actaul``)."""
    if isinstance(rule, Formula):
        return  # formula names may be department amounts: only the figures can tell
    name = getattr(rule, "of", None)
    if not isinstance(name, str) or name in INDICATOR_FIGURE_KEYS or name.startswith("values."):
        return
    known = sorted(INDICATOR_FIGURE_KEYS)
    yield diagnostic(
        "FIGURE_NAME_UNKNOWN",
        location=indicator.rule_location,
        path=path,
        id=indicator.id,
        name=name,
        known=", ".join(known),
        suggestion=suggest(name, known),
    )


def _needed(indicator: Indicator, figures: Figures) -> frozenset[str]:
    """What a rule must be given: execution_rate needs its two amounts or its printed rate, not all three."""
    reads = indicator.rule.reads()
    rate = getattr(indicator.rule, "rate", None)
    if isinstance(rate, str) and f"@{rate}" in reads:
        return frozenset() if rate in figures.amounts else reads - {f"@{rate}"}
    return reads


def figures_checks(pack: Pack, figures: Figures) -> tuple[Diagnostic, ...]:
    """Indicators the figures give nothing for, and amounts no rule reads."""
    found: list[Diagnostic] = []
    where = figures.file or "<figures>"
    read: set[str] = set()
    for indicator in pack.indicators():
        reads = indicator.rule.reads()
        read |= {name.removeprefix("@") for name in reads}
        if isinstance(indicator.rule, NotApplicable):
            continue
        entry = figures.indicator(indicator.id)
        needs_entry = any(not name.startswith("@") for name in reads)
        missing_amount = any(
            name.startswith("@") and name[1:] not in figures.amounts for name in _needed(indicator, figures)
        )
        if (needs_entry and entry is None) or missing_amount:
            found.append(
                diagnostic(
                    "INDICATOR_UNREACHED",
                    location=indicator.location,
                    path=pack.path_of(indicator.id),
                    id=indicator.id,
                    kind=indicator.rule.kind,
                    file=where,
                )
            )
    checked = tuple(check.name for check in figures.checks)
    for name in figures.amounts:
        if name in read or any(name == total or name.startswith(total + ".") for total in checked):
            continue
        location = figures.amount_locations.get(name, Location(file=figures.file))
        found.append(diagnostic("FIGURE_UNREAD", location=location, name=name, file=where))
    found.extend(ambiguous_readings(pack, figures))
    return tuple(found)
