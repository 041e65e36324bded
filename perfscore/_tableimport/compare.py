"""Scoring an imported table and saying, row by row, where the result differs from what it prints.

After ``import-table --figures`` the pack and figures are scored at once. For every
row that prints a 得分 (and the fund row and the 总分), the computed score is set
beside the printed one; each difference is a warning at the printed cell
(``IMPORT_SCORE_DIFFERS``) naming the row, both numbers and the last step of the
explanation — why the rules give what they give — so nothing is hidden.
"""

from __future__ import annotations

from perfscore._core.decimals import plain
from perfscore._core.diagnostics import Diagnostic, ParseError, PerfscoreError, diagnostic
from perfscore._core.model import Pack
from perfscore._core.numerals import parse_decimal
from perfscore._core.scorecard import IndicatorResult, Scorecard
from perfscore._files.sheets import Sheet
from perfscore._tableimport.packtext import BUDGET_ID, Leaf
from perfscore._tableimport.preamble import Preamble
from perfscore._text.phrases import render_step


def score_imported(pack: Pack, figures_text: str, name: str) -> Scorecard | PerfscoreError:
    """Score the written figures under the written pack (or the error that stops it)."""
    from perfscore._core.engine import score  # noqa: PLC0415 - the engine loads only when asked
    from perfscore._inputs.figures import load_figures_text  # noqa: PLC0415

    try:
        return score(pack, load_figures_text(figures_text, name=name))
    except PerfscoreError as error:
        return error


def differences(
    card: Scorecard,
    sheet: Sheet,
    leaves: list[Leaf],
    preamble: Preamble,
    printed: tuple[str | None, int | None, int | None],
) -> list[Diagnostic]:
    """IMPORT_SCORE_DIFFERS for each printed score the computation does not reproduce."""
    published_total, score_column, total_row = printed
    rows: list[tuple[str, str, int, int | None, str]] = []  # (id, printed, row, column, name)
    fund = preamble.budget
    if fund is not None and fund.get("score"):
        rows.append((BUDGET_ID, fund.get("score") or "", fund.row, fund.column("score"), "预算执行率"))
    rows += [
        (leaf.id, leaf.node.score, leaf.node.row, score_column, leaf.node.name) for leaf in leaves if leaf.node.score
    ]
    found = []
    for node_id, shown, row, column, name in rows:
        result = card.node(node_id)
        computed = result.score if result is not None else None
        if _same(shown, computed):
            continue
        why = _why(result) if isinstance(result, IndicatorResult) else "—"
        found.append(_differs(sheet, (row, column), name, shown, computed, why))
    if published_total and not _same(published_total, card.total):
        why = f"{plain(card.low)}–{plain(card.high)}" if card.total is None else "Σ"
        at = (total_row or len(sheet.rows), score_column)
        found.append(_differs(sheet, at, "总分", published_total, card.total, why))
    return found


def _same(printed: str, computed: object) -> bool:
    try:
        value = parse_decimal(printed.strip().rstrip("。."))
    except ParseError:
        return False
    return computed is not None and value == computed


def _why(result: IndicatorResult) -> str:
    if not result.steps:
        return result.needs or "—"
    last = result.steps[-1]
    return render_step(last.key, dict(last.params), "zh")


def _differs(
    sheet: Sheet, cell: tuple[int, int | None], name: str, printed: str, computed: object, why: str
) -> Diagnostic:
    row, column = cell
    shown = "—" if computed is None else plain(computed)  # type: ignore[arg-type]
    return diagnostic(
        "IMPORT_SCORE_DIFFERS",
        location=sheet.location(row, column),
        row=row,
        name=name,
        printed=printed,
        computed=shown,
        why=why,
    )
