"""A batch's results as a table: one row per department, a ranking, a grade distribution.

Each department becomes a :class:`BatchRow` of plain values as its result streams
in (the scorecard itself is not kept), so a large batch stays small in memory.
Ranks are honest about partial results: a department's rank is ``1 +`` the number of
departments certainly ahead of it, up to ``1 +`` the number possibly ahead, so a
complete total has one rank (ties share it) and a range of totals has a range of
ranks. The grade distribution counts the grades earned, and separately the partial
results for which each grade is still possible.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from decimal import Decimal

import attrs

from perfscore._batch.many import BatchResult
from perfscore._core.decimals import plain
from perfscore._core.diagnostics import Lang
from perfscore._core.model import Pack
from perfscore._core.scorecard import Status

STATUS_SCORED, STATUS_PARTIAL, STATUS_INVALID = "scored", "partial", "invalid"


@attrs.frozen(kw_only=True)
class BatchRow:
    """One department's line of the batch output."""

    index: int
    source: str
    department: str | None
    year: int | None
    status: str
    total: Decimal | None
    low: Decimal | None
    high: Decimal | None
    grade: str | None
    grades_possible: tuple[str, ...]
    warnings: int
    subtotals: tuple[tuple[str, str], ...]  # (group id, shown subtotal)
    diagnostics: tuple[str, ...]


@attrs.frozen(kw_only=True)
class BatchSummary:
    """Every row, each row's rank (None if not scored), and the grade distribution."""

    pack: Pack
    rows: tuple[BatchRow, ...]
    ranks: dict[int, tuple[int, int]]
    grades: tuple[tuple[str, int, int], ...]  # (grade, earned, still possible)

    @property
    def invalid(self) -> int:
        """How many departments could not be scored."""
        return sum(1 for row in self.rows if row.status == STATUS_INVALID)

    def rank_text(self, row: BatchRow) -> str:
        """``3``, or ``2–5`` while totals are ranges; empty if not scored."""
        found = self.ranks.get(row.index)
        if found is None:
            return ""
        best, worst = found
        return str(best) if best == worst else f"{best}–{worst}"

    def ranking(self) -> tuple[BatchRow, ...]:
        """Scored rows, best first (ties and ranges in input order)."""
        ranked = [row for row in self.rows if row.index in self.ranks]
        return tuple(sorted(ranked, key=lambda row: (*self.ranks[row.index], row.index)))


def batch_row(result: BatchResult, lang: Lang) -> BatchRow:
    """The plain values of one result."""
    card = result.card
    if card is None:
        shown = tuple(
            (f"{item.location}: " if item.location.known else "") + f"{item.code} {item.message(lang)}"
            for item in result.errors
        )
        return BatchRow(
            index=result.index,
            source=result.source,
            department=None,
            year=None,
            status=STATUS_INVALID,
            total=None,
            low=None,
            high=None,
            grade=None,
            grades_possible=(),
            warnings=0,
            subtotals=(),
            diagnostics=shown,
        )
    subtotals = tuple(
        (
            group.id,
            ""
            if group.status is Status.NOT_APPLICABLE
            else plain(group.score)
            if group.score is not None
            else f"{plain(group.low)}–{plain(group.high)}",
        )
        for group in card.groups()
    )
    return BatchRow(
        index=result.index,
        source=result.source,
        department=card.department,
        year=card.year,
        status=STATUS_PARTIAL if card.partial else STATUS_SCORED,
        total=card.total,
        low=card.low,
        high=card.high,
        grade=card.grade,
        grades_possible=card.grades_possible,
        warnings=len(card.warnings),
        subtotals=subtotals,
        diagnostics=(),
    )


def summarize(pack: Pack, rows: Iterable[BatchRow]) -> BatchSummary:
    """Rank the rows and count the grades."""
    kept = tuple(rows)
    scored = [(row, row.low, row.high) for row in kept if row.low is not None and row.high is not None]
    lows = sorted(low for _, low, _ in scored)
    highs = sorted(high for _, _, high in scored)
    ranks = {}
    for row, low, high in scored:
        ahead = len(lows) - bisect.bisect_right(lows, high)  # certainly ahead: their lowest beats our highest
        maybe = len(highs) - bisect.bisect_right(highs, low) - (1 if high > low else 0)  # not counting itself
        ranks[row.index] = (1 + ahead, 1 + maybe)
    grades = tuple(
        (
            band.label,
            sum(1 for row in kept if row.grade == band.label),
            sum(1 for row in kept if row.status == STATUS_PARTIAL and band.label in row.grades_possible),
        )
        for band in pack.grades
    )
    return BatchSummary(pack=pack, rows=kept, ranks=ranks, grades=grades)
