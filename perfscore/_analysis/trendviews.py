"""A trend as the JSON contract, as a document, and as an inline SVG chart of achievement by year.

JSON: ``department``; ``years`` (each: ``year``, ``pack`` id/version/title,
``figures_file``, ``total``, ``range``, ``max``, ``grade``, ``grades_possible``,
``partial``); ``series`` (each indicator and group: ``id``, ``name``, ``type``,
``depth`` and ``points``, one per year — null where that year's pack lacks it — with
``weight``, ``score``, ``range``, ``achievement`` (score ÷ weight, null for a range),
``achievement_range`` and ``status``); ``changes`` between consecutive years' packs
(``year``, ``previous``, ``kind``, ``id``, ``name``, ``old``, ``new``, ``reason``).
"""

from __future__ import annotations

from decimal import Decimal
from html import escape
from typing import TYPE_CHECKING, Any

from perfscore._analysis.document import Cell, Document, Section
from perfscore._analysis.review import Span
from perfscore._core.decimals import CONTEXT, HUNDRED, div, mul, plain
from perfscore._core.diagnostics import Lang

if TYPE_CHECKING:  # annotations only: the model imports its view, not the other way round
    from perfscore._analysis.trend import Point, Trend

WORDS: dict[str, dict[str, str]] = {
    "zh": {
        "title": "年度趋势",
        "totals": "总分与等级",
        "year_headers": "年度|规则包|总分|满分|等级",
        "series": "各指标得分率（得分 ÷ 权重）",
        "id": "编号",
        "name": "名称",
        "changes": "规则包的变化",
        "change_headers": "年度|变化|编号|名称|原|新|理由",
        "chart": "得分率趋势（一级指标与总分）",
        "total": "总分",
        "possible": "可能",
    },
    "en": {
        "title": "Trend",
        "totals": "Totals and grades",
        "year_headers": "year|pack|total|max|grade",
        "series": "Achievement (score ÷ weight) of each indicator and group",
        "id": "id",
        "name": "name",
        "changes": "What changed in the pack",
        "change_headers": "year|change|id|name|old|new|reason",
        "chart": "Achievement by year (top-level nodes and the total)",
        "total": "total",
        "possible": "possible",
    },
}


def _lang(result: Trend, lang: str | None) -> Lang:
    return "zh" if (lang or result.cards[-1].language) == "zh" else "en"


def _number(value: Decimal | None) -> Decimal | None:
    return None if value is None else Decimal(plain(value))


def _range(span: Span) -> dict[str, Decimal | None]:
    return {"low": _number(span.low), "high": _number(span.high)}


def _point(point: Point | None) -> dict[str, Any] | None:
    if point is None:
        return None
    achieved = point.achievement
    return {
        "year": point.year,
        "weight": _number(point.weight),
        "score": _number(point.score.value),
        "range": _range(point.score),
        "achievement": None if achieved is None else _number(achieved.value),
        "achievement_range": None if achieved is None else _range(achieved),
        "status": point.status,
    }


def trend_to_dict(result: Trend, lang: str | None = None) -> dict[str, Any]:
    """Every year's total and grade, every node's series, and the pack changes, as plain data."""
    del lang  # the trend's words are ids and numbers; kept for the same signature as the other views
    return {
        "department": result.department,
        "years": [
            {
                "year": card.year,
                "pack": {"id": card.pack_id, "version": card.pack_version, "title": card.pack_title},
                "figures_file": card.figures_file,
                "total": _number(card.total),
                "range": {"low": _number(card.low), "high": _number(card.high)},
                "max": _number(card.max),
                "grade": card.grade,
                "grades_possible": list(card.grades_possible),
                "partial": card.partial,
            }
            for card in result.cards
        ],
        "series": [
            {
                "id": series.id,
                "name": series.name,
                "type": "group" if series.is_group else "indicator",
                "depth": series.depth,
                "points": [_point(point) for point in series.points],
            }
            for series in result.series
        ],
        "changes": [
            {
                "year": item.year,
                "previous": item.previous,
                "kind": item.change.kind,
                "id": item.change.id,
                "name": item.change.name,
                "old": item.change.old,
                "new": item.change.new,
                "reason": item.change.reason,
            }
            for item in result.changes
        ],
    }


def percent(span: Span | None) -> str:
    """An achievement as a percentage (``97.5%``), a range (``40%–100%``), or ``—``."""
    if span is None:
        return "—"

    def shown(value: Decimal) -> str:
        return plain(mul(value, HUNDRED).quantize(Decimal("0.01"), context=CONTEXT)) + "%"

    return shown(span.value) if span.value is not None else f"{shown(span.low)}–{shown(span.high)}"


def _total_cell(span: Span) -> Cell:
    return _number(span.value) if span.value is not None else f"{plain(span.low)}–{plain(span.high)}"


def trend_document(result: Trend, lang: str | None = None, *, chart: bool = False) -> Document:
    """Totals by year, each node's achievement by year, the pack changes; ``chart`` adds the SVG."""
    language = _lang(result, lang)
    words = WORDS[language]
    totals = tuple(
        (
            str(card.year),
            f"{card.pack_id} v{card.pack_version}",
            _total_cell(Span.of(card.total, card.low, card.high)),
            _number(card.max),
            card.grade or f"{words['possible']} " + "/".join(card.grades_possible),
        )
        for card in result.cards
    )
    rows = tuple(
        (
            series.id,
            "  " * series.depth + series.name,
            *(
                "" if point is None else f"{percent(point.achievement)} ({plain(point.weight)})"
                for point in series.points
            ),
        )
        for series in result.series
    )
    changes = tuple(
        (
            f"{item.previous}→{item.year}",
            item.change.kind,
            item.change.id,
            item.change.name,
            item.change.old,
            item.change.new,
            item.change.reason,
        )
        for item in result.changes
        if item.change.id
    )
    sections = [
        Section(heading=words["totals"], headers=tuple(words["year_headers"].split("|")), rows=totals),
        Section(
            heading=words["series"],
            headers=(words["id"], words["name"], *(str(year) for year in result.years)),
            rows=rows,
            svg=achievement_chart(result, language) if chart else "",
        ),
    ]
    if changes:
        sections.append(
            Section(heading=words["changes"], headers=tuple(words["change_headers"].split("|")), rows=changes)
        )
    who = result.department or ""
    title = f"{words['title']}{'：' if language == 'zh' else ': '}{who}" if who else words["title"]
    return Document(title=title, lang=language, sections=tuple(sections))


_COLOURS = ("#2c5d8f", "#e4572e", "#29a36a", "#f3a712", "#7b4fb3", "#1b9aaa", "#8c564b", "#c2185b")
_FONT = "font-family=\"'Noto Sans CJK SC','WenQuanYi Micro Hei','Microsoft YaHei',sans-serif\""


def achievement_chart(result: Trend, lang: Lang) -> str:
    """Inline SVG: achievement (0–100%) by year for the top-level nodes and the total; ranges as bars."""
    words = WORDS[lang]
    left, top, width, height = 50, 30, 520, 220
    years = result.years
    step = Decimal(width) / Decimal(max(len(years) - 1, 1))

    def x(index: int) -> str:
        return plain(Decimal(left) + step * index if len(years) > 1 else Decimal(left + width // 2))

    def y(value: Decimal) -> str:
        return plain((Decimal(top + height) - value * height).quantize(Decimal("0.01"), context=CONTEXT))

    totals = tuple(
        Span(
            value=None if card.total is None else div(card.total, card.max),
            low=div(card.low, card.max),
            high=div(card.high, card.max),
        )
        for card in result.cards
    )
    lines: list[tuple[str, tuple[Span | None, ...]]] = [(words["total"], totals)]
    lines.extend(
        (series.name, tuple(None if p is None else p.achievement for p in series.points))
        for series in result.series
        if series.depth == 0
    )
    out = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-trend" '
            f'viewBox="0 0 {left + width + 230} {top + height + 40}" width="100%" role="img" '
            f'aria-label="{escape(words["chart"])}" {_FONT} font-size="12">'
        ),
        f'<text x="0" y="14" font-weight="bold">{escape(words["chart"])}</text>',
    ]
    for tick in (0, 25, 50, 75, 100):
        at = y(Decimal(tick) / HUNDRED)
        out.append(f'<line x1="{left}" y1="{at}" x2="{left + width}" y2="{at}" stroke="#dde3ea"/>')
        out.append(f'<text x="{left - 6}" y="{at}" text-anchor="end" dominant-baseline="middle">{tick}%</text>')
    for index, year in enumerate(years):
        out.append(f'<text x="{x(index)}" y="{top + height + 18}" text-anchor="middle">{year}</text>')
    for number, (name, spans) in enumerate(lines):
        colour = _COLOURS[number % len(_COLOURS)]
        exact = [(index, span.value) for index, span in enumerate(spans) if span is not None and span.value is not None]
        if len(exact) > 1:
            path = " ".join(f"{x(index)},{y(value)}" for index, value in exact)
            out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for index, span in enumerate(spans):
            if span is None:
                continue
            data = f'data-series="{escape(name)}" data-year="{years[index]}"'
            if span.value is not None:
                out.append(
                    f'<circle cx="{x(index)}" cy="{y(span.value)}" r="3.5" fill="{colour}" {data} '
                    f'data-value="{plain(span.value)}"/>'
                )
            else:
                out.append(
                    f'<line x1="{x(index)}" y1="{y(span.low)}" x2="{x(index)}" y2="{y(span.high)}" stroke="{colour}" '
                    f'stroke-width="5" stroke-opacity="0.5" {data} data-low="{plain(span.low)}" '
                    f'data-high="{plain(span.high)}"/>'
                )
        legend_y = top + 14 * number
        out.append(f'<rect x="{left + width + 20}" y="{legend_y - 8}" width="10" height="10" fill="{colour}"/>')
        out.append(f'<text x="{left + width + 36}" y="{legend_y + 1}">{escape(name[:14])}</text>')
    out.append("</svg>")
    return "".join(out)
