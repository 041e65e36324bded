"""The HTML report: one self-contained file that works offline and prints on A4.

Everything is inline — the style sheet in a ``<style>`` element, the charts as SVG —
and nothing is fetched: no fonts, scripts or images from anywhere. The style is
scoped under ``.perfscore`` so that the same pieces can sit inside a notebook
without restyling it. For paper, ``@page`` sets A4 margins, table headers repeat on
every page, rows and charts are not split across pages, and headings stay with what
follows them. Rows are kept whole through their ordinary cells, not the ``<tr>``: Chromium
keeps every row a ``rowspan`` cell covers together when rows avoid breaks, which pushed
whole task blocks to the next page and left the first page mostly blank. Page numbers
(``n / N``) are drawn in the ``@page`` bottom margin.
"""

from __future__ import annotations

from html import escape

from perfscore._core.diagnostics import Lang
from perfscore._core.model import Pack
from perfscore._core.scorecard import Scorecard
from perfscore._text.labels import word
from perfscore.reports.audit import audit_html
from perfscore.reports.charts import grade_chart, points_lost_chart
from perfscore.reports.htmlparts import (
    SCOPE,
    adjustment_table,
    assumption_table,
    deduction_table,
    grade_table,
    message_list,
    result_lines,
    scheme_table,
    score_table,
    subtotal_list,
)
from perfscore.reports.view import (
    ReportView,
    assumption_uses,
    losses,
    report_title,
    scheme_depth,
    scheme_lines,
    score_blocks,
)

CSS = f"""
.{SCOPE} {{ font-family: 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', 'Microsoft YaHei', 'PingFang SC', sans-serif;
  color: #1d232b; line-height: 1.45; font-size: 13px; max-width: 1100px; margin: 0 auto; }}
.{SCOPE} h1 {{ font-size: 20px; margin: 0 0 4px; }}
.{SCOPE} h2 {{ font-size: 16px; margin: 22px 0 8px; border-bottom: 2px solid #2c5d8f; padding-bottom: 2px;
  break-after: avoid; page-break-after: avoid; }}
.{SCOPE} table {{ border-collapse: collapse; width: 100%; margin: 6px 0; }}
.{SCOPE} th, .{SCOPE} td {{ border: 1px solid #9aa5b1; padding: 3px 6px; vertical-align: top; text-align: left; }}
.{SCOPE} th {{ background: #e8eef5; }}
.{SCOPE} thead {{ display: table-header-group; }}
.{SCOPE} td:not([rowspan]) {{ break-inside: avoid; page-break-inside: avoid; }}
.{SCOPE} .num {{ text-align: right; white-space: nowrap; }}
.{SCOPE} td.task, .{SCOPE} td.group {{ background: #f6f8fb; font-weight: 600; }}
.{SCOPE} td.subtotal {{ font-weight: 700; vertical-align: middle; }}
.{SCOPE} .partial {{ color: #a15c00; font-style: italic; }}
.{SCOPE} .overridden::after {{ content: "*"; }}
.{SCOPE} .na {{ color: #7a8591; }}
.{SCOPE} .how, .{SCOPE} .muted, .{SCOPE} .where {{ color: #5b6672; font-size: 11px; }}
.{SCOPE} .w {{ color: #2c5d8f; font-weight: 400; font-size: 11px; white-space: nowrap; }}
.{SCOPE} .w::before {{ content: "（"; }} .{SCOPE} .w::after {{ content: "）"; }}
.{SCOPE} .tag {{ background: #eef1f4; border-radius: 3px; padding: 0 3px; font-size: 11px; }}
.{SCOPE} .meta td:first-child {{ width: 7em; background: #f6f8fb; }}
.{SCOPE} .total {{ font-size: 15px; margin: 4px 0; }}
.{SCOPE} .total strong {{ font-size: 18px; }}
.{SCOPE} .chart {{ max-width: 760px; display: block; margin: 8px 0; break-inside: avoid; page-break-inside: avoid; }}
.{SCOPE} section {{ break-inside: auto; }}
.{SCOPE} section.keep {{ break-inside: avoid; page-break-inside: avoid; }}
.{SCOPE} ul {{ margin: 4px 0; padding-left: 1.4em; }}
.{SCOPE} code {{ font-size: 11px; background: #eef1f4; padding: 0 2px; }}
.{SCOPE} footer {{ margin-top: 20px; color: #7a8591; font-size: 11px; }}
.{SCOPE} .signature {{ margin: 28px 0 0 auto; width: 22em; break-inside: avoid; page-break-inside: avoid; }}
.{SCOPE} .signature p {{ margin: 10px 0; }}
.{SCOPE} details summary {{ cursor: pointer; color: #2c5d8f; }}
.{SCOPE} section.audit h3 {{ font-size: 13px; margin: 12px 0 4px; }}
@page {{ size: A4; margin: 14mm 12mm 16mm 12mm;
  @bottom-center {{ content: counter(page) " / " counter(pages); font-size: 9px; color: #555; }} }}
@media print {{
  .{SCOPE} {{ font-size: 10.5px; max-width: none; }}
  .{SCOPE} * {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
  .{SCOPE} h2.break {{ break-before: page; page-break-before: always; }}
}}
"""


def _section(title: str, body: str, *, keep: bool = False, cls: str = "") -> str:
    classes = " ".join(part for part in ("keep" if keep else "", cls) if part)
    opening = f'<section class="{classes}">' if classes else "<section>"
    return f"{opening}<h2>{escape(title)}</h2>{body}</section>"


_SIGN = {
    "zh": ("评价单位（盖章）：", "日期：", "      年    月    日"),
    "en": ("Evaluating unit and seal: ", "Date: ", ""),
}


def _header(view: ReportView) -> str:
    card, lang = view.card, view.lang
    rows = [
        ("department", card.department or "—"),
        ("year", str(card.year) if card.year else "—"),
        ("source", card.pack_title),
    ]
    cells = "".join(
        f'<tr><td>{escape(word(key, lang))}</td><td data-field="{key}">{escape(value)}</td></tr>' for key, value in rows
    )
    return f'<h1>{escape(report_title(view))}</h1><table class="meta">{cells}</table>'


def signature_block(view: ReportView) -> str:
    """评价单位（盖章） and 日期, kept together at the end of the printed report."""
    unit, date, blank = _SIGN[view.lang]
    who = escape(view.card.department or "")
    return f'<div class="signature"><p>{escape(unit)}{who}</p><p>{escape(date)}{escape(blank)}</p></div>'


def report_parts(view: ReportView, *, audit: bool = False) -> dict[str, str]:
    """The report's sections as HTML, by name, in display order (a template places them)."""
    lang, card = view.lang, view.card
    result = result_lines(card, lang) + grade_chart(card, view.grades, lang)
    if view.reconciliation:
        result += f"<h3>{escape(word('reconcile', lang))}</h3>"
        result += message_list(view.reconciliation, lang, cls="reconciliation")
    names = {node.id: node.name for node in card.walk()}
    names.update({node.id: node.name for _, node in view.pack.walk()})
    parts = {
        "header": _header(view),
        "result": _section(word("result", lang), result, keep=True),
        "charts": _section(word("charts", lang), points_lost_chart(view.losses, lang), keep=True),
        "scores": _section(word("scores", lang), score_table(view.blocks, lang)),
        "subtotals": _section(word("subtotals", lang), subtotal_list(view.subtotals, lang), keep=True),
        "deductions": _section(word("deductions", lang), deduction_table(view.deducted, lang)),
        "scheme": _section(word("scheme", lang), scheme_table(view.scheme, view.scheme_depth, lang)),
        "assumptions": _section(word("assumptions", lang), assumption_table(view.assumptions, lang)),
        "adjustments": "",
        "signature": signature_block(view),
        "audit": audit_html(view) if audit else "",
    }
    if view.adjustments:
        parts["adjustments"] = _section(word("adjustments", lang), adjustment_table(view.adjustments, lang, names))
    return parts


def report_body(view: ReportView, *, audit: bool = False) -> str:
    """The report inside one ``<div class="perfscore">``: usable alone or in a page.

    Officials see names, sentences and numbers; ``audit`` adds the 技术附录 with codes,
    ids, file locations and rules.
    """
    return f'<div class="{SCOPE}">{"".join(report_parts(view, audit=audit).values())}</div>'


def footer_text(view: ReportView) -> str:
    """The small print at the end: which perfscore made the report."""
    from perfscore import __version__  # noqa: PLC0415 - the package imports this module lazily

    return word("made_by", view.lang).format(version=__version__)


def html_document(view: ReportView, *, audit: bool = False) -> str:
    """The complete, self-contained HTML file."""
    title = report_title(view)
    footer = escape(footer_text(view))
    body = report_body(view, audit=audit).removesuffix("</div>") + f"<footer>{footer}</footer></div>"
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{"zh-CN" if view.lang == "zh" else "en"}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{CSS}</style></head>"
        f"<body>{body}</body></html>\n"
    )


def scorecard_html(card: Scorecard, lang: str | None = None) -> str:
    """A scorecard in a notebook: the total, the points-lost chart and the 表2-style table."""
    language: Lang = "zh" if (lang or card.language) == "zh" else "en"
    who = " ".join(str(part) for part in (card.department, card.year) if part)
    head = f'<h1>{escape(card.pack_title)}</h1><p class="muted">{escape(who)} · {escape(card.pack_id)} v'
    head += f"{escape(card.pack_version)}</p>"
    body = (
        head
        + result_lines(card, language)
        + score_table(score_blocks(card), language, collapse=True)
        + points_lost_chart(losses(card), language)
        + f'<p class="muted">{escape(word("warnings", language))}: {len(card.warnings)} · '
        + f"{escape(word('notes', language))}: {len(card.notes)}</p>"
    )
    return f'<style>{CSS}</style><div class="{SCOPE}">{body}</div>'


def pack_html(pack: Pack, lang: str | None = None) -> str:
    """A pack in a notebook: its header, the 表1-style scheme, the grade bands and the assumptions."""
    language: Lang = "zh" if (lang or pack.language) == "zh" else "en"
    lines = scheme_lines(pack)
    head = f'<h1>{escape(pack.title)}</h1><p class="muted">{escape(pack.id)} v{escape(pack.version)} · '
    head += f"{escape(str(pack.source))}</p>"
    body = (
        head
        + scheme_table(lines, scheme_depth(lines), language)
        + grade_table(pack.grades, language)
        + _section(word("assumptions", language), assumption_table(assumption_uses(pack), language))
    )
    return f'<style>{CSS}</style><div class="{SCOPE}">{body}</div>'
