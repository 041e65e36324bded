"""The two charts of a report, as inline SVG text (no script, no network, no plotting library).

* Points lost per group: one bar per top-level node and per group, as long as its
  weight, with the points lost drawn over it — solid where the loss is certain,
  hatched where it is only possible because a figure is missing.
* The grade bands along the axis of totals, with the total marked on it — or, for
  a partial result, the range of totals it may still reach.

Every number drawn is also an attribute (``data-*``) so that tests and scripts can
read the chart back without parsing geometry.
"""

from __future__ import annotations

from decimal import Decimal
from html import escape

from perfscore._core.decimals import ZERO, plain
from perfscore._core.diagnostics import Lang
from perfscore._core.model import GradeBand
from perfscore._core.scorecard import Scorecard
from perfscore._text.labels import word
from perfscore.reports.plain import band_text, labelled, loss_text
from perfscore.reports.view import Loss

_LABEL_WIDTH = 300
_BAR_WIDTH = 330
_ROW = 24
_BAND_COLOURS = ("#e4572e", "#f3a712", "#4c8bd6", "#29a36a", "#1b7f4f", "#0f5b38")
_FONT = "font-family=\"'Noto Sans CJK SC','WenQuanYi Micro Hei','Microsoft YaHei','PingFang SC',sans-serif\""


def _short(text: str, limit: int) -> str:
    """``text`` cut to about ``limit`` wide characters, with an ellipsis when cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _at(value: Decimal, scale: Decimal, width: int, offset: int = 0) -> Decimal:
    """Where ``value`` lies on an axis ``width`` long whose end stands for ``scale``."""
    if scale <= ZERO:
        return Decimal(offset)
    return (value / scale * width + offset).quantize(Decimal("0.01"))


def points_lost_chart(rows: tuple[Loss, ...], lang: Lang) -> str:
    """The bar chart of points lost per group (and per top-level indicator)."""
    biggest = max((loss.node.weight for loss in rows), default=ZERO)
    height = 34 + _ROW * len(rows)
    width = _LABEL_WIDTH + _BAR_WIDTH + 150
    out = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-lost" viewBox="0 0 {width} {height}" '
            f'width="100%" role="img" aria-label="{escape(word("lost_chart", lang))}" {_FONT} font-size="12">'
        ),
        (
            '<defs><pattern id="maybe" width="6" height="6" patternUnits="userSpaceOnUse" '
            'patternTransform="rotate(45)"><rect width="6" height="6" fill="#fbe3c6"/>'
            '<line x1="0" y1="0" x2="0" y2="6" stroke="#f3a712" stroke-width="3"/></pattern></defs>'
        ),
        f'<text x="0" y="14" font-weight="bold">{escape(word("lost_chart", lang))}</text>',
        (
            f'<rect x="{_LABEL_WIDTH + 180}" y="5" width="12" height="10" fill="#e4572e"/>'
            f'<text x="{_LABEL_WIDTH + 196}" y="14">{escape(word("certain", lang))}</text>'
            f'<rect x="{_LABEL_WIDTH + 270}" y="5" width="12" height="10" fill="url(#maybe)"/>'
            f'<text x="{_LABEL_WIDTH + 286}" y="14">{escape(word("uncertain", lang))}</text>'
        ),
    ]
    for index, loss in enumerate(rows):
        node = loss.node
        y = 28 + index * _ROW
        full = _at(node.weight, biggest, _BAR_WIDTH)
        certain = _at(loss.low, biggest, _BAR_WIDTH)
        possible = _at(loss.high, biggest, _BAR_WIDTH)
        label = loss_text(loss.low, loss.high, node.weight, lang)
        indent = 12 * loss.depth
        out.append(
            f'<g class="bar" data-id="{escape(node.id)}" data-weight="{plain(node.weight)}" '
            f'data-lost-low="{plain(loss.low)}" data-lost-high="{plain(loss.high)}">'
            f"<title>{escape(labelled(node.name, lang))}{escape(label)}</title>"
            f'<text x="{indent}" y="{y + 13}">{escape(_short(node.name, 22 - loss.depth))}</text>'
            f'<rect x="{_LABEL_WIDTH}" y="{y}" width="{full}" height="16" fill="#e9edf2"/>'
            f'<rect x="{_LABEL_WIDTH}" y="{y}" width="{possible}" height="16" fill="url(#maybe)"/>'
            f'<rect x="{_LABEL_WIDTH}" y="{y}" width="{certain}" height="16" fill="#e4572e"/>'
            f'<text x="{_LABEL_WIDTH + _BAR_WIDTH + 8}" y="{y + 13}">{escape(label)}</text>'
            "</g>"
        )
    out.append("</svg>")
    return "".join(out)


def _label(text: str, x: Decimal, left: int, axis: int) -> str:
    """A label over the marker, kept inside the chart near either end of the axis."""
    if x > left + axis * Decimal("0.7"):
        x, anchor = min(x + 40, Decimal(left + axis + 20)), "end"
    elif x < left + axis * Decimal("0.3"):
        x, anchor = max(x - 40, Decimal(0)), "start"
    else:
        anchor = "middle"
    return f'<text x="{x:.2f}" y="34" text-anchor="{anchor}" font-weight="bold">{escape(text)}</text>'


def grade_chart(card: Scorecard, grades: tuple[GradeBand, ...], lang: Lang) -> str:
    """The grade bands (lowest first) from 0 to full marks, with the total (or its range) marked."""
    top = card.max
    left, axis, width = 20, 620, 660
    out = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-grades" viewBox="0 0 {width} 120" '
            f'width="100%" role="img" aria-label="{escape(word("grade_chart", lang))}" {_FONT} font-size="12">'
        ),
        f'<text x="0" y="14" font-weight="bold">{escape(word("grade_chart", lang))}</text>',
    ]
    for index, band in enumerate(grades):
        colour = _BAND_COLOURS[min(index, len(_BAND_COLOURS) - 1)]
        x0 = _at(band.low, top, axis, left)
        x1 = _at(min(band.high, top), top, axis, left)
        out.append(
            f'<g class="band" data-label="{escape(band.label)}" data-low="{plain(band.low)}" '
            f'data-high="{plain(band.high)}"><title>{escape(band_text(band, lang))}</title>'
            f'<rect x="{x0:.2f}" y="50" width="{x1 - x0:.2f}" height="22" fill="{colour}" opacity="0.85"/>'
            f'<text x="{(x0 + x1) / 2:.2f}" y="66" text-anchor="middle" fill="#fff" font-weight="bold">'
            f"{escape(band.label)}</text>"
            f'<text x="{x0:.2f}" y="88" text-anchor="middle" fill="#555">{plain(band.low)}</text></g>'
        )
    out.append(f'<text x="{left + axis}" y="88" text-anchor="middle" fill="#555">{plain(top)}</text>')
    low = _at(card.low, top, axis, left)
    high = _at(card.high, top, axis, left)
    if card.total is not None:
        label = f"{word('total', lang)} {plain(card.total)} · {card.grade or '—'}"
        out.append(
            f'<g class="marker" data-total="{plain(card.total)}">'
            f'<line x1="{low:.2f}" y1="40" x2="{low:.2f}" y2="78" stroke="#111" stroke-width="3"/>'
            f"{_label(label, low, left, axis)}</g>"
        )
    else:
        possible = "、".join(card.grades_possible) or "—"
        label = f"{word('range', lang)} {plain(card.low)}–{plain(card.high)} · {possible}"
        out.append(
            f'<g class="marker" data-low="{plain(card.low)}" data-high="{plain(card.high)}">'
            f'<rect x="{low:.2f}" y="44" width="{high - low:.2f}" height="34" fill="none" stroke="#111" '
            'stroke-width="2" stroke-dasharray="5 3"/>'
            f"{_label(label, (low + high) / 2, left, axis)}</g>"
        )
    out.append(
        f'<line x1="{left}" y1="78" x2="{left + axis}" y2="78" stroke="#555"/><text x="{left + axis / 2}" y="110" '
        f'text-anchor="middle" fill="#555">{escape(word("total", lang))} (0–{plain(top)})</text></svg>'
    )
    return "".join(out)
