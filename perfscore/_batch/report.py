"""A batch's results as a table: one row per department, a ranking, a grade distribution.

A department scored by :func:`perfscore.score` becomes a :class:`BatchRow` of plain
values as its result streams in (the scorecard itself is not kept); one scored by the
compiled loop is kept as numbers in the flat arrays of a
:class:`~perfscore._batch.table.BatchTable`, so a batch of 100,000 departments stays
small in memory. Ranks are honest about partial results: a department's rank is ``1 +`` the number of
departments certainly ahead of it, up to ``1 +`` the number possibly ahead, so a
complete total has one rank (ties share it) and a range of totals has a range of
ranks. The grade distribution counts the grades earned, and separately the partial
results for which each grade is still possible.
"""

from __future__ import annotations

from collections.abc import Iterable

from perfscore._batch.many import BatchResult
from perfscore._batch.table import STATUS_INVALID, STATUS_PARTIAL, STATUS_SCORED, BatchRow, BatchTable
from perfscore._core.decimals import plain
from perfscore._core.diagnostics import Lang
from perfscore._core.model import Pack
from perfscore._core.scorecard import Status


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
        for group in card.group_numbers()  # numbers only: the result objects are not built for a row
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


def summarize(pack: Pack, rows: Iterable[BatchRow]) -> BatchTable:
    """Rank ready-made rows and count the grades (the table the writers take)."""
    table = BatchTable(pack)
    for row in rows:
        table.add_row(row)
    return table.finish()
