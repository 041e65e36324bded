"""Two scorecards of the same figures side by side (``perfscore score A FIGURES --compare B``).

When a scheme is revised, the first question is what the revision does to a real
department's result. One row per group or indicator of either pack (matched by id):
its weight and score under each, and the difference; then both totals and grades.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from tabulate import tabulate

from perfscore._core.decimals import plain
from perfscore._core.diagnostics import Lang
from perfscore._core.scorecard import NodeResult, Scorecard, Status
from perfscore._files.cellsafe import markdown_text
from perfscore._views.fit import MARKDOWN, column_limits

HEADERS = {
    "zh": ("编号", "名称", "权重 A", "得分 A", "权重 B", "得分 B", "差额"),
    "en": ("id", "name", "weight A", "score A", "weight B", "score B", "change"),
}
WORDS = {
    "zh": {"total": "总分", "grade": "等级", "partial": "部分结果"},
    "en": {"total": "total", "grade": "grade", "partial": "partial"},
}


def _score(node: NodeResult | None) -> str:
    if node is None:
        return ""
    if node.status is Status.NOT_APPLICABLE:
        return "—"
    return plain(node.score) if node.score is not None else f"{plain(node.low)}–{plain(node.high)}"


def _change(a: NodeResult | None, b: NodeResult | None) -> str:
    if a is None or b is None or a.score is None or b.score is None:
        return ""
    delta: Decimal = b.score - a.score
    return "0" if not delta else (plain(delta) if delta < 0 else f"+{plain(delta)}")


def _total(card: Scorecard, lang: Lang) -> str:
    words = WORDS[lang]
    if card.total is not None:
        return f"{plain(card.total)} / {plain(card.max)}, {words['grade']} {card.grade or '—'}"
    possible = "、".join(card.grades_possible) or "—"
    return f"{plain(card.low)}–{plain(card.high)} / {plain(card.max)} ({words['partial']}), {words['grade']} {possible}"


def render_comparison(a: Scorecard, b: Scorecard, *, lang: Lang, fmt: str = "table", width: int | None = None) -> str:
    """The side-by-side table and both totals (the grid fitted to ``width`` if given)."""
    ids = list(dict.fromkeys([node.id for node in a.walk()] + [node.id for node in b.walk()]))
    rows = []
    for node_id in ids:
        left, right = a.node(node_id), b.node(node_id)
        name = (left or right).name  # type: ignore[union-attr]
        rows.append(
            [
                node_id,
                name,
                plain(left.weight) if left else "",
                _score(left),
                plain(right.weight) if right else "",
                _score(right),
                _change(left, right),
            ]
        )
    limits = column_limits(rows, HEADERS[lang], [22, 20, None, None, None, None, None], width)
    if fmt in MARKDOWN:  # every field escaped: a name cannot add markup (issue 12)
        rows = [[markdown_text(cell) for cell in row] for row in rows]
    table = tabulate(
        rows,
        headers=list(HEADERS[lang]),
        tablefmt="github" if fmt in MARKDOWN else "simple_grid",
        maxcolwidths=None if fmt in MARKDOWN else limits,
        disable_numparse=True,
    )
    words = WORDS[lang]
    lines = [
        f"A: {a.pack_title} — {a.pack_id} v{a.pack_version}",
        f"B: {b.pack_title} — {b.pack_id} v{b.pack_version}",
        "",
        table,
        "",
        f"{words['total']} A: {_total(a, lang)}",
        f"{words['total']} B: {_total(b, lang)}",
    ]
    return "\n".join(lines) + "\n"


def comparison_to_dict(a: Scorecard, b: Scorecard, lang: str | None) -> dict[str, Any]:
    """Both scorecards in the JSON contract, under ``a`` and ``b``."""
    return {"a": a.to_dict(lang), "b": b.to_dict(lang)}
