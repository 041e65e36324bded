"""Reading and checking the pack's scales: grade bands and qualitative levels.

Both must tile their range without gaps or overlaps — a total of 89.5 has to earn
exactly one grade — so they are checked as they are read, and problems name the
edges involved.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from perfscore._core.decimals import ONE, ZERO, plain
from perfscore._core.intervals import Interval, IntervalError, parse_interval
from perfscore._core.model import GradeBand, QualitativeLevel, QualitativeScale
from perfscore._text.problems import problem
from perfscore._yaml.located import Located

GRADE_KEYS = frozenset({"label", "range", "min", "max"})
LEVEL_KEYS = frozenset({"label", "range", "min", "max", "default", "aliases"})


def read_interval(entry: Located, *, fraction: bool) -> Interval | None:
    """An interval from ``range: "[80, 90)"`` or from ``min``/``max`` keys.

    With ``fraction`` true, edges written without % are taken as fractions (0.8).
    """
    if entry.has("range"):
        text = entry.text("range")
        if text is None:
            return None
        try:
            return parse_interval(text)
        except IntervalError as err:
            zh, en = problem("scale.range", text=text, error=err)
            entry.report("VALUE_INVALID", key="range", problem=en, problem_zh=zh)
            return None
    low = _edge(entry, "min", fraction=fraction)
    high = _edge(entry, "max", fraction=fraction)
    if low is None and not entry.has("min"):
        entry.report("KEY_MISSING", key="range", where=entry.where)
        return None
    percent = any(str(entry.value.get(key, "")).strip().endswith("%") for key in ("min", "max"))
    return Interval(low=low, high=high, low_inclusive=True, high_inclusive=False, percent=percent)


def _edge(entry: Located, key: str, *, fraction: bool) -> Decimal | None:  # noqa: ARG001 - keeps call sites symmetric
    if not entry.has(key):
        return None
    value = entry.value[key]
    if isinstance(value, str) and value.strip().endswith("%"):
        try:
            return Decimal(value.strip()[:-1]) / 100
        except ArithmeticError:
            entry.wrong_type(key, "number")
            return None
    return entry.number(key)


def read_grades(owner: Located, key: str, total: Decimal) -> tuple[GradeBand, ...] | None:
    """Grade bands from ``grades:``; the top band includes the full mark."""
    entries = owner.items(key)
    if not entries:
        return None
    bands: list[GradeBand] = []
    for entry in entries:
        entry.where = "grades"
        if not entry.is_mapping():
            continue
        entry.check_keys(GRADE_KEYS, required=("label",))
        label = entry.text("label")
        interval = read_interval(entry, fraction=False)
        if label is None or interval is None:
            continue
        low = interval.low if interval.low is not None else ZERO
        high = interval.high if interval.high is not None else total
        inclusive = interval.high_inclusive or interval.high is None
        bands.append(GradeBand(label=label, low=low, high=high, high_inclusive=inclusive, location=entry.location()))
    problems = tiling_problems([(b.low, b.high, True, b.high_inclusive, b.label) for b in bands], ZERO, total)
    for en, zh in problems:
        owner.report("GRADES_INVALID", key=key, problem=en, problem_zh=zh)
    return tuple(sorted(bands, key=lambda band: band.low, reverse=True))


def read_levels(owner: Located, key: str) -> QualitativeScale | None:
    """Qualitative levels from ``levels:``; bands are fractions (or percents) of the weight."""
    entries = owner.items(key)
    if not entries:
        return None
    levels: list[QualitativeLevel] = []
    for entry in entries:
        entry.where = "levels"
        if not entry.is_mapping():
            continue
        entry.check_keys(LEVEL_KEYS, required=("label",))
        label = entry.text("label")
        interval = read_interval(entry, fraction=True)
        default = _edge(entry, "default", fraction=True)
        if label is None or interval is None:
            continue
        level = QualitativeLevel(
            label=label,
            low=interval.low if interval.low is not None else ZERO,
            high=interval.high if interval.high is not None else ONE,
            high_inclusive=interval.high_inclusive or interval.high is None,
            default=default,
            aliases=entry.text_list("aliases"),
            location=entry.location(),
        )
        if default is not None and not level.contains(default):
            zh, en = problem("scale.default_outside", label=label, default=plain(default))
            entry.report("LEVELS_INVALID", key="default", problem=en, problem_zh=zh)
        levels.append(level)
    problems = tiling_problems([(lv.low, lv.high, True, lv.high_inclusive, lv.label) for lv in levels], ZERO, ONE)
    for en, zh in problems:
        owner.report("LEVELS_INVALID", key=key, problem=en, problem_zh=zh)
    return QualitativeScale(levels=tuple(levels), cite=owner.text("cite") if owner.has("cite") else None)


Edge = tuple[Decimal, Decimal, bool, bool, str]


def tiling_problems(bands: Sequence[Edge], low: Decimal, high: Decimal) -> list[tuple[str, str]]:
    """Gaps and overlaps when ``bands`` should cover ``[low, high]`` exactly once."""
    problems: list[tuple[str, str]] = []
    # An empty band ([80, 80)) holds nothing, so it cannot leave a gap or overlap; `check` warns about it.
    live = [band for band in bands if band[0] < band[1] or (band[0] == band[1] and band[2] and band[3])]
    ordered = sorted(live, key=lambda band: (band[0], not band[2]))
    cursor, cursor_inclusive, previous = low, False, None
    for band_low, band_high, low_inclusive, high_inclusive, label in ordered:
        edges = {"label": label, "low": plain(band_low), "start": plain(low)}
        if band_high > high or band_low < low:
            problems.append(_words("scale.beyond", **edges, high=plain(band_high), end=plain(high)))
        if previous is None:
            if band_low > low:
                problems.append(_words("scale.uncovered", **edges))
        elif band_low > cursor or (band_low == cursor and not cursor_inclusive and not low_inclusive):
            problems.append(_words("scale.gap", **edges, previous=previous, cursor=plain(cursor)))
        elif band_low < cursor or (band_low == cursor and cursor_inclusive and low_inclusive):
            problems.append(_words("scale.overlap", **edges, previous=previous))
        cursor, cursor_inclusive, previous = band_high, high_inclusive, label
    if previous is not None and (cursor < high or not cursor_inclusive):
        problems.append(_words("scale.top", end=plain(high)))
    return problems


def _words(key: str, /, **params: object) -> tuple[str, str]:
    """The problem ``key`` as (English, Chinese), the order :func:`tiling_problems` gives."""
    zh, en = problem(key, **params)
    return en, zh
