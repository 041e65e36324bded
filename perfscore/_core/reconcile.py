"""Checking figures against each other and a result against what was published.

Real reports do not always add up: parts that miss their total by more than the
rounding tail (尾差), a published subtotal that differs from a recomputation. A good
evaluation says so, naming both numbers, instead of hiding the gap or failing.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from perfscore._core.decimals import mul, plain, sub, total
from perfscore._core.diagnostics import Diagnostic, Location, diagnostic
from perfscore._core.figures import Figures
from perfscore._core.model import Pack, QualitativeLevel
from perfscore._core.units import Quantity, convert, same_dimension
from perfscore._text.problems import problem
from perfscore.rules.base import show
from perfscore.rules.judgement import Qualitative

if TYPE_CHECKING:
    from perfscore._core.recordcard import CardNumbers, IndicatorNumbers


def sum_check_warnings(figures: Figures) -> list[Diagnostic]:
    """SUM_MISMATCH for every total whose parts miss it by more than the tolerance."""
    found = []
    for check in figures.checks:
        values = [_in_unit(part, check.total) for _, part in check.parts]
        apart = [pair for pair, value in zip(check.parts, values, strict=True) if value is None]
        if apart:
            name, part = apart[0]
            found.append(
                diagnostic(
                    "SUM_UNIT",
                    location=check.location,
                    part=name,
                    unit=part.unit,
                    total_name=check.name,
                    total_unit=check.total.unit,
                )
            )
            continue
        parts_sum = total(value for value in values if value is not None)
        difference = sub(check.total.value, parts_sum)
        if abs(difference) > figures.tolerance:
            unit = check.total.unit
            shown = show(check.total)
            found.append(
                diagnostic(
                    "SUM_MISMATCH",
                    location=check.location,
                    total_name=check.name,
                    total=shown,
                    sum=show(Quantity(value=parts_sum, unit=unit, text=plain(parts_sum))),
                    difference=plain(abs(difference)),
                    tolerance=plain(figures.tolerance),
                    expected=shown,
                    got=" + ".join(plain(v) for v in values if v is not None),
                )
            )
    return found


def _in_unit(part: Quantity, reference: Quantity) -> Decimal | None:
    if part.unit is None or reference.unit is None or part.unit is reference.unit or part.unit == reference.unit:
        return part.value
    if same_dimension(part.unit, reference.unit):
        return convert(part, reference.unit)
    return None


def reconcile(pack: Pack, figures: Figures, card: CardNumbers) -> list[Diagnostic]:
    """Compare the scorecard with the figures' ``published`` block, if any.

    ``card`` holds the numbers of a scorecard's records (:class:`~perfscore._core.recordcard.RecordCard`,
    over pending records as scoring passes them, or over built results): reconciling builds
    no result object.
    """
    published = figures.published
    if published is None:
        return []
    found = []
    for node_id, value in published.scores.items():
        result = card.node(node_id)
        where = published.score_locations.get(node_id, published.location)
        if result is None:
            found.append(diagnostic("FIGURE_UNKNOWN_INDICATOR", location=where, id=node_id, pack=pack.id))
        elif result.score is not None and result.score != value:
            found.append(
                diagnostic(
                    "PUBLISHED_MISMATCH",
                    location=where,
                    path=result.path,
                    id=node_id,
                    computed=plain(result.score),
                    published=plain(value),
                )
            )
    if published.total is not None and card.total is not None and card.total != published.total:
        found.append(
            diagnostic(
                "PUBLISHED_MISMATCH",
                location=published.location,
                id="total",
                computed=plain(card.total),
                published=plain(published.total),
            )
        )
    if published.total is not None and card.total is None and not card.low <= published.total <= card.high:
        found.append(
            diagnostic(
                "PUBLISHED_TOTAL_IMPOSSIBLE",
                location=published.location,
                total=plain(published.total),
                low=plain(card.low),
                high=plain(card.high),
            )
        )
    if published.execution_rate is not None:
        found.extend(_rate(card, published.execution_rate, published.location))
    if published.grade is not None:
        found.extend(_grade(pack, card, published.grade, published.location))
    return found


def _rate(card: CardNumbers, rate: Quantity, where: Location) -> list[Diagnostic]:
    for indicator_id, measured in card.measured("rate"):
        if measured != rate.value:
            return [
                diagnostic(
                    "PUBLISHED_RATE_MISMATCH",
                    location=where,
                    id=indicator_id,
                    computed=f"{plain(measured)}%",
                    published=show(rate),
                )
            ]
    return []


def _grade(pack: Pack, card: CardNumbers, grade: str, where: Location) -> list[Diagnostic]:
    band = next((band for band in pack.grades if band.label == grade), None)
    if band is None:
        return [
            diagnostic(
                "FIGURE_LEVEL_UNKNOWN",
                location=where,
                level=grade,
                levels="、".join(b.label for b in pack.grades),
            )
        ]
    if not card.partial:
        if card.grade != grade:
            return [diagnostic("PUBLISHED_GRADE_MISMATCH", location=where, grade=grade, computed=card.grade)]
        return []
    if grade not in card.grades_possible:
        return [
            diagnostic(
                "PUBLISHED_GRADE_IMPOSSIBLE",
                location=where,
                grade=grade,
                low=plain(card.low),
                high=plain(card.high),
            )
        ]
    missing = card.partial_indicators()
    known = sub(card.low, total(r.low for r in missing))
    need_low = max(sub(band.low, known), total(r.low for r in missing))
    need_high = min(sub(band.high, known), total(r.high for r in missing))
    close = "]" if band.high_inclusive or need_high < sub(band.high, known) else ")"
    needed = f"[{plain(need_low)}, {plain(need_high)}{close}"
    levels_en = levels_zh = ""
    if len(missing) == 1:
        levels = _consistent_levels(pack, missing[0], need_low, need_high)
        if levels:
            names = "、".join(level.label for level in levels)
            levels_zh, levels_en = problem("grade.levels", names=names)
    names = "、".join(f"'{r.name}'" for r in missing)
    return [
        diagnostic(
            "PUBLISHED_GRADE_CONSISTENT",
            location=where,
            grade=grade,
            missing=names,
            needed=needed,
            levels=levels_en,
            levels_zh=levels_zh,
        )
    ]


def _consistent_levels(pack: Pack, result: IndicatorNumbers, low: Decimal, high: Decimal) -> list[QualitativeLevel]:
    node = pack.node(result.id)
    rule = getattr(node, "rule", None)
    if not isinstance(rule, Qualitative):
        return []
    weight = result.weight
    found = []
    for level in rule.scale.levels:
        band_low, band_high = mul(level.low, weight), mul(level.high, weight)
        if band_low <= high and low <= band_high and (level.high_inclusive or low < band_high):
            found.append(level)
    return found
