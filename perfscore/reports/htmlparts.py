"""The pieces of HTML reports: tables with merged cells, result lines, diagnostic lists.

Each piece is a function of the data it shows, so the full report, a scorecard in a
notebook (``Scorecard._repr_html_``) and a pack in a notebook (``Pack._repr_html_``)
share them. Every number a reader sees is exact text from the scorecard, and carries
``data-field`` / ``data-id`` attributes so that a test or a script can read it back.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from perfscore._core.decimals import plain
from perfscore._core.diagnostics import Diagnostic, Lang
from perfscore._core.model import Adjustment, GradeBand, Indicator
from perfscore._core.scorecard import GroupResult, IndicatorResult, Scorecard, Status
from perfscore._text.labels import level_name, rule_name, word
from perfscore._views.serialize import explanation
from perfscore.reports.plain import band_text, labelled, plain_sentence
from perfscore.reports.view import AssumptionUse, Deducted, SchemeLine, ScoreBlock, cell_text, runs, where_text

SCOPE = "perfscore"


def _td(text: str, *, cls: str = "", field: str = "", node: str = "", span: str = "") -> str:
    attrs = f' class="{cls}"' if cls else ""
    if field:
        attrs += f' data-field="{field}"'
    if node:
        attrs += f' data-id="{escape(node)}"'
    return f"<td{attrs}{span}>{text}</td>"


def _span(rows: int = 1, cols: int = 1) -> str:
    return (f' rowspan="{rows}"' if rows > 1 else "") + (f' colspan="{cols}"' if cols > 1 else "")


def _status_class(status: Status) -> str:
    return {Status.PARTIAL: "partial", Status.OVERRIDDEN: "overridden", Status.NOT_APPLICABLE: "na"}.get(status, "")


def score_table(blocks: tuple[ScoreBlock, ...], lang: Lang, *, collapse: bool = False) -> str:
    """The 表2-style table: 任务 / 指标 / 实现情况 / 权重 / 得分 / 合计, task cells merged.

    With ``collapse`` (a notebook), long evidence folds into ``<details>`` so the table stays short.
    """
    heads = "".join(f"<th>{escape(word(key, lang))}</th>" for key in ("task", "indicator", "evidence"))
    heads += "".join(f'<th class="num">{escape(word(key, lang))}</th>' for key in ("weight", "score", "subtotal"))
    body = []
    for block in blocks:
        for index, result in enumerate(block.rows):
            cells = []
            first = index == 0
            span = _span(len(block.rows))
            if first:
                name = escape(block.group.name) if block.group else ""
                cells.append(_td(name, cls="task", node=block.group.id if block.group else "", span=span))
            cells.append(_td(escape(result.name), cls="name", node=result.id))
            cells.append(_td(_evidence(result, lang, collapse=collapse), cls="evidence"))
            cells.append(_td(plain(result.weight), cls="num", field="weight", node=result.id))
            cells.append(
                _td(cell_text(result), cls=f"num {_status_class(result.status)}", field="score", node=result.id)
            )
            if first:
                group = block.group
                text = cell_text(group) if group else ""
                field, node = ("subtotal", group.id) if group else ("", "")
                cells.append(_td(text, cls="num subtotal", field=field, node=node, span=span))
            body.append("<tr>" + "".join(cells) + "</tr>")
    return f'<table class="scores"><thead><tr>{heads}</tr></thead><tbody>{"".join(body)}</tbody></table>'


_UNNAMED = {"zh": "（已删除的指标）", "en": "(a removed indicator)"}
_FOLD_AT = 60  # characters of evidence shown before a notebook folds the rest


def _evidence(result: IndicatorResult, lang: Lang, *, collapse: bool = False) -> str:
    parts = []
    if result.evidence:
        said = escape(result.evidence)
        if collapse and len(result.evidence) > _FOLD_AT:
            head = escape(result.evidence[:_FOLD_AT]) + "…"
            said = f"<details><summary>{head}</summary>{said}</details>"
        parts.append(f'<div class="said">{said}</div>')
    said_how = explanation(result, lang)
    how = plain_sentence(said_how, lang)
    if how:
        parts.append(f'<div class="how">{escape(word("how", lang))}：{escape(how.lstrip("：:"))}</div>')
    if result.reason and result.reason not in said_how:  # before plain_sentence re-quotes the reason's text
        parts.append(f'<div class="how">{escape(word("reason", lang))}：{escape(result.reason)}</div>')
    return "".join(parts)


def scheme_table(lines: tuple[SchemeLine, ...], depth: int, lang: Lang) -> str:
    """The 表1-style scheme: one column per level (groups merged), 指标值, 分值, 评分规则."""
    heads = "".join(f"<th>{escape(level_name(level, lang))}</th>" for level in range(depth))
    heads += f'<th>{escape(word("target", lang))}</th><th class="num">{escape(word("weight", lang))}</th>'
    heads += f"<th>{escape(word('rule', lang))}</th>"
    spans = [
        runs([line.groups[level].id if level < len(line.groups) else None for line in lines]) for level in range(depth)
    ]
    body = []
    for row, line in enumerate(lines):
        cells = []
        for level, group in enumerate(line.groups):
            if spans[level][row]:
                label = f'{escape(group.name)} <span class="w">{plain(group.weight)}</span>'
                cells.append(
                    _td(label, cls="group", field="group-weight", node=group.id, span=_span(spans[level][row]))
                )
        cells.append(_td(escape(line.indicator.name), cls="name", span=_span(cols=depth - len(line.groups))))
        cells.append(_td(escape(line.indicator.target_text or ""), cls="target"))
        cells.append(_td(plain(line.indicator.weight), cls="num", field="weight", node=line.indicator.id))
        cells.append(_td(_rule(line.indicator, lang), cls="rule"))
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f'<table class="scheme"><thead><tr>{heads}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def _rule(indicator: Indicator, lang: Lang) -> str:
    """The kind of rule in words; the rule itself and the assumption ids are in the 技术附录."""
    return escape(rule_name(indicator.rule.kind, lang))


def result_lines(card: Scorecard, lang: Lang) -> str:
    """The total and grade; for a partial result the range and the grades still possible."""
    top = f'<span data-field="max">{plain(card.max)}</span>'
    if card.total is not None:
        text = (
            f'<p class="total">{escape(word("total", lang))} <strong data-field="total">{plain(card.total)}</strong>'
            f' / {top} · {escape(word("grade", lang))} <strong data-field="grade">{escape(card.grade or "—")}</strong>'
        )
        if card.rescaled_from is not None:
            text += f' <span class="muted">（{escape(word("rescaled", lang))} {plain(card.rescaled_from)}）</span>'
        return text + "</p>"
    possible = "、".join(card.grades_possible) or word("none", lang)
    return (
        f'<p class="total">{escape(word("range", lang))} <strong><span data-field="low">{plain(card.low)}</span>–'
        f'<span data-field="high">{plain(card.high)}</span></strong> / {top}'
        f' <span class="muted">（{escape(word("partial", lang))}）</span></p>'
        f'<p class="total">{escape(word("possible", lang))} <strong data-field="grades-possible">'
        f"{escape(possible)}</strong></p>"
    )


def subtotal_list(groups: tuple[GroupResult, ...], lang: Lang) -> str:
    """Every group's subtotal, indented by depth."""
    items = "".join(
        f'<li style="margin-left:{1.2 * (len(group.path) - 1):.1f}em">{escape(labelled(group.name, lang))}'
        f'<span data-field="group-score" data-id="{escape(group.id)}">{cell_text(group)}</span>'
        f" / {plain(group.weight)}</li>"
        for group in groups
    )
    return f'<ul class="subtotals">{items or "<li>" + escape(word("none", lang)) + "</li>"}</ul>'


def deduction_table(items: tuple[Deducted, ...], lang: Lang) -> str:
    """The indicators that lost points, how much, and the reasons given."""
    if not items:
        return f"<p>{escape(word('none', lang))}</p>"
    heads = "".join(f"<th>{escape(word(key, lang))}</th>" for key in ("indicator", "reason"))
    heads += "".join(f'<th class="num">{escape(word(key, lang))}</th>' for key in ("weight", "score", "lost"))
    rows = []
    for item in items:
        reasons = "".join(f"<div>{escape(plain_sentence(reason, lang))}</div>" for reason in item.reasons)
        reasons += f'<div class="how">{escape(word("how", lang))}：{escape(plain_sentence(item.how, lang))}</div>'
        rows.append(
            "<tr>"
            + _td(escape(item.result.name), node=item.result.id)
            + _td(reasons)
            + _td(plain(item.result.weight), cls="num")
            + _td(cell_text(item.result), cls="num")
            + _td(plain(item.lost), cls="num", field="lost", node=item.result.id)
            + "</tr>"
        )
    return f'<table class="deductions"><thead><tr>{heads}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def message_list(items: Iterable[Diagnostic], lang: Lang, *, cls: str) -> str:
    """Diagnostics as officials read them: the message in plain words (codes and places: 技术附录)."""
    lines = [f"<li>{escape(plain_sentence(item.message(lang), lang))}</li>" for item in items]
    if not lines:
        return f"<p>{escape(word('none', lang))}</p>"
    return f'<ul class="{cls}">{"".join(lines)}</ul>'


def diagnostic_list(items: Iterable[Diagnostic], lang: Lang, *, cls: str) -> str:
    """Diagnostics as a list: code, message, where (file:line, indicator path)."""
    lines = []
    for item in items:
        where = where_text(item)
        place = f' <span class="where">{escape(where)}</span>' if where else ""
        lines.append(f'<li data-code="{item.code}"><code>{item.code}</code> {escape(item.message(lang))}{place}</li>')
    if not lines:
        return f"<p>{escape(word('none', lang))}</p>"
    return f'<ul class="{cls}">{"".join(lines)}</ul>'


def assumption_table(items: tuple[AssumptionUse, ...], lang: Lang) -> str:
    """The pack's assumptions: what is assumed and on what authority (ids and users: 技术附录)."""
    if not items:
        return f"<p>{escape(word('none', lang))}</p>"
    heads = "".join(f"<th>{escape(word(key, lang))}</th>" for key in ("text", "source"))
    rows = "".join("<tr>" + _td(escape(use.assumption.text)) + _td(escape(use.source or "")) + "</tr>" for use in items)
    return f'<table class="assumptions"><thead><tr>{heads}</tr></thead><tbody>{rows}</tbody></table>'


def grade_table(grades: tuple[GradeBand, ...], lang: Lang) -> str:
    """The grade bands in words (优：90 分及以上 …)."""
    cells = "".join(f"<td>{escape(band_text(band, lang))}</td>" for band in grades)
    return f'<table class="grades"><tr><th>{escape(word("grade", lang))}</th>{cells}</tr></table>'


def adjustment_table(items: tuple[Adjustment, ...], lang: Lang, names: dict[str, str] | None = None) -> str:
    """What an overlay pack changed in the plan it extends, and why (the raw changes: 技术附录)."""
    if not items:
        return f"<p>{escape(word('none', lang))}</p>"
    names = names or {}
    heads = "".join(f"<th>{escape(word(key, lang))}</th>" for key in ("op", "indicator", "reason"))
    rows = [
        "<tr>"
        + _td(escape(word(item.op, lang) if item.op in {"add", "remove", "update"} else item.op))
        + _td(escape(names.get(item.id, _UNNAMED[lang])), node=item.id)
        + _td(escape(item.reason or ""))
        + "</tr>"
        for item in items
    ]
    return f'<table class="adjustments"><thead><tr>{heads}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
