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
from perfscore.reports.audit import audit_markdown
from perfscore.reports.plain import band_text, labelled, loss_text, plain_sentence
from perfscore.reports.view import ReportView, cell_text, report_title


def _table(rows: list[list[str]], headers: list[str]) -> str:
    return tabulate(
        [[_cell(c) for c in row] for row in rows], headers=headers, tablefmt="github", disable_numparse=True
    )


def _messages(items: tuple[Diagnostic, ...], lang: Lang) -> list[str]:
    """Diagnostics as officials read them: plain messages (codes and places are in the 技术附录)."""
    return [f"- {_cell(plain_sentence(item.message(lang), lang))}" for item in items] or [f"- {word('none', lang)}"]


def _result(view: ReportView) -> list[str]:
    card, lang = view.card, view.lang
    if card.total is not None:
        grade = _cell(card.grade)
        line = f"**{word('total', lang)}: {plain(card.total)} / {plain(card.max)} · {word('grade', lang)}: {grade}**"
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
    bands = "；".join(_cell(band_text(band, lang)) for band in view.grades)
    lines += ["", f"{word('grade', lang)}: {bands}"]
    if view.reconciliation:
        lines += ["", f"### {word('reconcile', lang)}", "", *_messages(view.reconciliation, lang)]
    return lines


def _scores(view: ReportView) -> str:
    lang = view.lang
    headers = [word(key, lang) for key in ("task", "indicator", "evidence", "weight", "score", "subtotal")]
    rows = []
    for block in view.blocks:
        for index, result in enumerate(block.rows):
            first = index == 0 and block.group is not None
            how = plain_sentence(view.explanation(result), lang)
            evidence = " ".join(part for part in (result.evidence, how) if part)
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
        cells += [line.indicator.target_text or "", plain(line.indicator.weight), rule]
        rows.append(cells)
        previous = ids
    return _table(rows, headers)


def markdown_document(view: ReportView, *, audit: bool = False) -> str:
    """The whole report as Markdown text; ``audit`` adds the 技术附录 (codes, ids, places, rules)."""
    card, lang = view.card, view.lang
    out = [f"# {_cell(report_title(view))}", ""]  # every field escaped: no name can add markup (issue 12)
    out += [
        f"- {word('department', lang)}: {_cell(card.department) or '—'}",
        f"- {word('year', lang)}: {_cell(card.year) or '—'}",
        f"- {word('source', lang)}: {_cell(card.pack_title)}",
    ]
    out += ["", f"## {word('result', lang)}", "", *_result(view)]
    out += ["", f"## {word('lost_chart', lang)}", ""]
    out += [
        f"{'  ' * loss.depth}- {_cell(labelled(loss.node.name, lang))}"
        f"{loss_text(loss.low, loss.high, loss.node.weight, lang)}"
        for loss in view.losses
    ]
    out += ["", f"## {word('scores', lang)}", "", _scores(view)]
    out += ["", f"## {word('subtotals', lang)}", ""]
    out += [
        f"{'  ' * (len(group.path) - 1)}- {_cell(labelled(group.name, lang))}{cell_text(group)} / {plain(group.weight)}"
        for group in view.subtotals
    ]
    out += ["", f"## {word('deductions', lang)}", ""]
    if view.deducted:
        headers = [word(key, lang) for key in ("indicator", "weight", "score", "lost", "reason", "how")]
        rows = [
            [
                item.result.name,
                plain(item.result.weight),
                cell_text(item.result),
                plain(item.lost),
                plain_sentence("；".join(item.reasons), lang),
                plain_sentence(item.how, lang),
            ]
            for item in view.deducted
        ]
        out.append(_table(rows, headers))
    else:
        out.append(word("none", lang))
    out += ["", f"## {word('scheme', lang)}", "", _scheme(view)]
    out += ["", f"## {word('assumptions', lang)}", ""]
    if view.assumptions:
        out += [
            f"- {_cell(use.assumption.text)}" + (f" — {_cell(use.source)}" if use.source else "")
            for use in view.assumptions
        ]
    else:
        out.append(word("none", lang))
    if view.adjustments:
        names = {node.id: node.name for _, node in view.pack.walk()}
        names.update({node.id: node.name for node in card.walk()})
        out += ["", f"## {word('adjustments', lang)}", ""]
        for item in view.adjustments:
            name = f"“{_cell(names[item.id])}”" if item.id in names else ""
            out.append(f"- {word(item.op, lang)}{name}" + (f"：{_cell(item.reason)}" if item.reason else ""))
    if audit:
        out += audit_markdown(view)
    return clean("\n".join(out)) + "\n"
