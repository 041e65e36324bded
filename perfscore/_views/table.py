"""The 表2-style score table, for a terminal (aligned Chinese columns) or Markdown.

One row per indicator under its task (the innermost group), the task's name and
subtotal (合计) shown on its first row as a merged cell would, then the subtotals of
every group, the total and grade, and the warnings. Columns stay aligned in a
terminal because tabulate measures East Asian wide characters (wcwidth).
"""

from __future__ import annotations

from tabulate import tabulate

from perfscore._core.decimals import plain
from perfscore._core.diagnostics import Lang
from perfscore._core.scorecard import GroupResult, IndicatorResult, NodeResult, Scorecard, Status
from perfscore._files.cellsafe import markdown_text
from perfscore._views.explain import score_text
from perfscore._views.fit import MARKDOWN, column_limits
from perfscore._views.serialize import explanation

HEADERS = {
    "zh": ("任务", "指标", "权重", "得分", "合计", "评分说明", "实现情况"),
    "en": ("task", "indicator", "weight", "score", "subtotal", "how it was scored", "evidence"),
}
LABELS = {
    "zh": {
        "subtotals": "小计",
        "total": "总分",
        "grade": "等级",
        "partial": "（部分结果）",
        "possible": "仍可能的等级",
        "warnings": "警告",
        "notes": "说明",
        "none": "无",
        "rescaled": "按比例折算自",
    },
    "en": {
        "subtotals": "subtotals",
        "total": "total",
        "grade": "grade",
        "partial": "(partial)",
        "possible": "grades still possible",
        "warnings": "warnings",
        "notes": "notes",
        "none": "none",
        "rescaled": "rescaled from",
    },
}


def _score_cell(node: NodeResult) -> str:
    if node.status is Status.NOT_APPLICABLE:
        return "—"
    if node.score is None:
        return f"{plain(node.low)}–{plain(node.high)}?"
    return plain(node.score) + ("*" if node.status is Status.OVERRIDDEN else "")


def _rows(card: Scorecard, lang: Lang, *, evidence: bool) -> list[list[str]]:
    rows: list[list[str]] = []

    def visit(nodes: tuple[NodeResult, ...], group: GroupResult | None) -> None:
        first = True
        for node in nodes:
            if isinstance(node, GroupResult):
                visit(node.children, node)
                continue
            rows.append(_row(node, group if first else None, lang, evidence=evidence))
            first = False

    visit(card.children, None)
    return rows


def _cell(text: str) -> str:
    """Text as one table cell: runs of whitespace (newlines too) become one space.

    A name or an evidence paragraph may hold line breaks; in a cell they would break the
    row, and tabulate fails outright on a cell that is just a newline.
    """
    return " ".join(text.split())


def _row(result: IndicatorResult, group: GroupResult | None, lang: Lang, *, evidence: bool) -> list[str]:
    row = [
        _cell(group.name) if group else "",
        _cell(result.name),
        plain(result.weight),
        _score_cell(result),
        _score_cell(group) if group else "",
        _cell(explanation(result, lang)),
    ]
    if evidence:
        row.append(_cell(result.evidence or ""))
    return row


def render_scorecard(
    card: Scorecard, *, fmt: str = "table", lang: str | None = None, evidence: bool = False, width: int | None = None
) -> str:
    """The full report: heading, table, subtotals, total and grade, warnings and notes.

    ``fmt`` is ``table`` (a terminal grid) or ``md`` (Markdown; ``markdown`` is accepted
    too). ``width`` fits the grid to that many terminal columns, wrapping the text
    columns; without it the text columns keep fixed widths.
    """
    language: Lang = "zh" if (lang or card.language) == "zh" else "en"
    labels = LABELS[language]
    headers = list(HEADERS[language][: 7 if evidence else 6])
    markdown = fmt in MARKDOWN
    rows = _rows(card, language, evidence=evidence)
    widths = column_limits(rows, headers, [12, 18, None, None, None, 44] + ([40] if evidence else []), width)
    safe = markdown_text if markdown else str  # every field of a Markdown table is escaped (issue 12)
    table = tabulate(
        [[safe(cell) for cell in row] for row in rows],
        headers=headers,
        tablefmt="github" if markdown else "simple_grid",
        maxcolwidths=None if markdown else widths,
        disable_numparse=True,
    )
    heading = safe(f"{card.pack_title} — {card.pack_id} v{card.pack_version}")
    who = safe(" · ".join(str(part) for part in (card.department, card.year) if part))
    out = [("# " if markdown else "") + heading]
    if who:
        out.append(who)
    out.extend(["", table, ""])
    out.append(("## " if markdown else "") + labels["subtotals"])
    for group in card.groups():
        indent = "  " * (len(group.path) - 1)
        bullet = "- " if markdown else ""
        out.append(
            f"{bullet}{indent}{safe(_cell(group.name))}: "
            f"{score_text(group.score, group.low, group.high, group.weight, language)}"
        )
    out.append("")
    out.append(_total_line(card, labels, markdown=markdown))
    for title, items in ((labels["warnings"], card.warnings), (labels["notes"], card.notes)):
        out.extend(["", ("## " if markdown else "") + f"{title} ({len(items)})"])
        out.extend(f"- {safe(item.format(language)) if markdown else item.format(language)}" for item in items)
    return "\n".join(out) + "\n"


def _total_line(card: Scorecard, labels: dict[str, str], *, markdown: bool) -> str:
    strong = "**" if markdown else ""
    if card.total is not None:
        grade = f"{labels['grade']}: {card.grade}"
        text = f"{strong}{labels['total']}: {plain(card.total)} / {plain(card.max)}    {grade}{strong}"
        if card.rescaled_from is not None:
            text += f"  ({labels['rescaled']} {plain(card.rescaled_from)})"
        return text
    possible = "、".join(card.grades_possible) or labels["none"]
    return (
        f"{strong}{labels['total']}: {plain(card.low)}–{plain(card.high)} / {plain(card.max)} {labels['partial']}    "
        f"{labels['grade']}: —    {labels['possible']}: {possible}{strong}"
    )
