"""The Markdown report: the same sections as the HTML report, as plain GitHub tables.

Markdown has no merged cells, so a task or group is named on its first row and left
blank below it, as the merged cell of a printed table reads. The charts become
short text lines (points lost per group, and where the total sits among the grade
bands), so nothing is lost where pictures cannot be shown.
"""

from __future__ import annotations

from tabulate import tabulate

from perfscore._core.decimals import plain
from perfscore._core.diagnostics import Diagnostic, Lang
from perfscore._files.cellsafe import clean
from perfscore._files.cellsafe import markdown_text as _cell
from perfscore._text.labels import level_name, rule_name, word
from perfscore.reports.view import ReportView, cell_text, where_text


def _table(rows: list[list[str]], headers: list[str]) -> str:
    return tabulate(
        [[_cell(c) for c in row] for row in rows], headers=headers, tablefmt="github", disable_numparse=True
    )


def _diagnostics(items: tuple[Diagnostic, ...], lang: Lang) -> list[str]:
    if not items:
        return [f"- {word('none', lang)}"]
    lines = []
    for item in items:
        where = where_text(item)
        suffix = f" ({_cell(where)})" if where else ""
        lines.append(f"- `{item.code}` {_cell(item.message(lang))}{suffix}")
    return lines


def _result(view: ReportView) -> list[str]:
    card, lang = view.card, view.lang
    if card.total is not None:
        line = (
            f"**{word('total', lang)}: {plain(card.total)} / {plain(card.max)} · {word('grade', lang)}: {card.grade}**"
        )
        if card.rescaled_from is not None:
            line += f" ({word('rescaled', lang)} {plain(card.rescaled_from)})"
        lines = [line]
    else:
        possible = _cell("、".join(card.grades_possible)) or word("none", lang)
        shown = f"{plain(card.low)}–{plain(card.high)} / {plain(card.max)}"
        lines = [
            f"**{word('range', lang)}: {shown}** ({word('partial', lang)})",
            "",
            f"**{word('possible', lang)}: {possible}**",
        ]
    bands = " · ".join(_cell(band) for band in view.grades)
    lines += ["", f"{word('grade', lang)}: {bands}"]
    if view.reconciliation:
        lines += ["", f"### {word('reconcile', lang)}", "", *_diagnostics(view.reconciliation, lang)]
    return lines


def _scores(view: ReportView) -> str:
    lang = view.lang
    headers = [word(key, lang) for key in ("task", "indicator", "evidence", "weight", "score", "subtotal")]
    rows = []
    for block in view.blocks:
        for index, result in enumerate(block.rows):
            first = index == 0 and block.group is not None
            evidence = " ".join(part for part in (result.evidence, view.explanation(result)) if part)
            rows.append(
                [
                    block.group.name if first and block.group else "",
                    result.name,
                    evidence,
                    plain(result.weight),
                    cell_text(result),
                    cell_text(block.group) if first and block.group else "",
                ]
            )
    return _table(rows, headers)


def _scheme(view: ReportView) -> str:
    lang, depth = view.lang, view.scheme_depth
    headers = [level_name(level, lang) for level in range(depth)]
    headers += [word("target", lang), word("weight", lang), word("rule", lang)]
    rows = []
    previous: tuple[str, ...] = ()
    for line in view.scheme:
        ids = tuple(group.id for group in line.groups)
        cells = []
        for level, group in enumerate(line.groups):
            same = ids[: level + 1] == previous[: level + 1]
            cells.append("" if same else f"{group.name}（{plain(group.weight)}）")
        cells.append(line.indicator.name)
        cells.extend([""] * (depth - len(cells)))
        rule = rule_name(line.indicator.rule.kind, lang)
        if line.indicator.assumptions:
            rule += f" ({'、'.join(line.indicator.assumptions)})"
        cells += [line.indicator.target_text or "", plain(line.indicator.weight), rule]
        rows.append(cells)
        previous = ids
    return _table(rows, headers)


def markdown_document(view: ReportView) -> str:
    """The whole report as Markdown text."""
    card, lang = view.card, view.lang
    who = _cell(" ".join(str(part) for part in (card.department, card.year) if part))
    title = _cell(card.pack_title)
    out = [f"# {who} — {title}" if who else f"# {title}", ""]
    out += [
        f"- {word('department', lang)}: {_cell(card.department) or '—'}",
        f"- {word('year', lang)}: {_cell(card.year) or '—'}",
        f"- {word('pack', lang)}: {_cell(card.pack_id)} v{_cell(card.pack_version)}",
        f"- {word('source', lang)}: {_cell(view.pack.source)}",
    ]
    if card.figures_file:
        out.append(f"- {word('figures', lang)}: {_cell(card.figures_file)}")
    out += ["", f"## {word('result', lang)}", "", *_result(view)]
    out += ["", f"## {word('lost_chart', lang)}", ""]
    for loss in view.losses:
        shown = plain(loss.low) if loss.low == loss.high else f"{plain(loss.low)}–{plain(loss.high)}"
        out.append(f"{'  ' * loss.depth}- {_cell(loss.node.name)}: −{shown} / {plain(loss.node.weight)}")
    out += ["", f"## {word('scores', lang)}", "", _scores(view)]
    out += ["", f"## {word('subtotals', lang)}", ""]
    out += [
        f"{'  ' * (len(group.path) - 1)}- {_cell(group.name)}: {cell_text(group)} / {plain(group.weight)}"
        for group in view.subtotals
    ]
    out += ["", f"## {word('deductions', lang)}", ""]
    if view.deducted:
        headers = [word(key, lang) for key in ("indicator", "weight", "score", "lost", "reason", "how")]
        rows = [
            [
                f"{item.result.name} ({item.result.id})",
                plain(item.result.weight),
                cell_text(item.result),
                plain(item.lost),
                "；".join(item.reasons),
                item.how,
            ]
            for item in view.deducted
        ]
        out.append(_table(rows, headers))
    else:
        out.append(word("none", lang))
    out += ["", f"## {word('warnings', lang)} ({len(view.warnings)})", "", *_diagnostics(view.warnings, lang)]
    out += ["", f"## {word('notes', lang)} ({len(view.notes)})", "", *_diagnostics(view.notes, lang)]
    out += ["", f"## {word('scheme', lang)}", "", _scheme(view)]
    out += ["", f"## {word('assumptions', lang)}", ""]
    if view.assumptions:
        out += [
            f"- **{_cell(use.assumption.id)}** {_cell(use.assumption.text)}"
            + (f" — {_cell(use.source)}" if use.source else "")
            + f" ({word('used_by', lang)}: {len(use.used_by)})"
            for use in view.assumptions
        ]
    else:
        out.append(word("none", lang))
    if view.adjustments:
        out += ["", f"## {word('adjustments', lang)}", ""]
        for item in view.adjustments:
            changes = _cell("；".join(f"{field}: {old} → {new}" for field, old, new in item.changes))
            reason = f" — {_cell(item.reason)}" if item.reason else ""
            out.append(f"- {word(item.op, lang)} {_cell(item.id)}: {changes}{reason}")
    return clean("\n".join(out)) + "\n"
