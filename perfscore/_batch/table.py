"""The results of a batch kept compact: flat arrays for the many, full rows for the few.

A department the compiled loop scored is a handful of numbers — its total and each
group's subtotal in whole quanta, a grade byte, its table row number — appended to flat
``array`` buffers. A department :func:`perfscore.score` scored (partial, invalid, or
sent the exact way for a reason) keeps its :class:`BatchRow`. Ranks are computed at the
end from two sorted arrays of the lowest and highest possible totals, so 100,000
departments are ranked without an object per department; :meth:`BatchTable.row` builds
a department's row when a writer asks for it.

Ranks are honest about partial results: a department's best rank is ``1 +`` the number
of departments certainly ahead of it, its worst ``1 +`` the number possibly ahead, so a
complete total has one rank (ties share it) and a range of totals has a range of ranks.
``rank_complete`` ranks the complete totals among themselves only.
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from decimal import Decimal

import attrs

from perfscore._core.decimals import CONTEXT, plain
from perfscore._core.model import Pack

STATUS_SCORED, STATUS_PARTIAL, STATUS_INVALID = "scored", "partial", "invalid"
_STATUSES = (STATUS_SCORED, STATUS_PARTIAL, STATUS_INVALID)
NO_GRADE = 255
_NAN = float("nan")


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
class Ranks:
    """A department's place: best and worst rank, and its rank among complete totals (0: none)."""

    low: int
    high: int
    complete: int

    @property
    def text(self) -> str:
        """``3``, or ``2–5`` while totals are ranges."""
        return str(self.low) if self.low == self.high else f"{self.low}–{self.high}"


class BatchTable:
    """Every department of a batch, in input order, with ranks and the grade distribution once finished."""

    def __init__(self, pack: Pack, *, where: str | None = None) -> None:
        """An empty table; ``where`` names the table file when sources are its row numbers."""
        self.pack = pack
        self.where = where
        self.decimals = pack.rounding.decimals
        self.group_ids = tuple(group.id for group in pack.groups())
        self.labels = tuple(band.label for band in pack.grades)
        self._lines: array[int] = array("q")  # the table row (or -1: the source is in self._sources)
        self._sources: dict[int, str] = {}
        self._departments: list[str | None] = []
        self._years: array[int] = array("q")  # -1: none
        self._low: array[float] = array("d")  # quanta; NaN when not scored
        self._high: array[float] = array("d")
        self._grades = bytearray()
        self._status = bytearray()
        self._groups: array[float] = array("d")  # compiled rows only, in order
        self._group_at: array[int] = array("q")  # where each row's subtotals start in _groups (-1: exact)
        self._rows: dict[int, BatchRow] = {}
        self.reasons: dict[int, tuple[str, str]] = {}  # why a department left the fast path
        self._rank_low: array[int] = array("q")
        self._rank_high: array[int] = array("q")
        self._rank_complete: array[int] = array("q")
        self.grades: tuple[tuple[str, int, int], ...] = ()  # (grade, earned, still possible)
        self._order: list[int] | None = None  # the ranking, when one sort made it
        self._max = plain(pack.total)
        self._max_number: int | float = float(self._max) if "." in self._max else int(self._max)

    def __len__(self) -> int:
        """How many departments."""
        return len(self._status)

    # ---- filling ------------------------------------------------------------------
    def add_compiled(
        self,
        line: int,
        department: str | None,
        year: int | None,
        total: float,
        grade: int,
        groups: Sequence[float],
        source: str | None = None,
    ) -> None:
        """A department the compiled loop scored: its row (or ``source``), total and subtotals in quanta, grade."""
        if source is not None:
            self._sources[len(self._status)] = source
            line = -1
        self._lines.append(line)
        self._departments.append(department)
        self._years.append(-1 if year is None else year)
        self._low.append(total)
        self._high.append(total)
        self._grades.append(grade)
        self._status.append(0)
        self._group_at.append(len(self._groups))
        self._groups.extend(groups)

    def add_row(self, row: BatchRow, reason: tuple[str, str] | None = None) -> None:
        """A department scored by perfscore.score (its row kept whole), with why it went that way."""
        index = len(self._status)
        self._rows[index] = row  # its index is set when it is read (chunks are renumbered as they are joined)
        self._lines.append(-1)
        self._sources[index] = row.source
        self._departments.append(None)
        self._years.append(-1)
        self._low.append(self._quanta(row.low))
        self._high.append(self._quanta(row.high))
        self._grades.append(self.labels.index(row.grade) if row.grade in self.labels else NO_GRADE)
        self._status.append(_STATUSES.index(row.status))
        self._group_at.append(-1)
        if reason is not None:
            self.reasons[index] = reason

    def _quanta(self, value: Decimal | None) -> float:
        return _NAN if value is None else float(value.scaleb(self.decimals))

    def extend(self, other: BatchTable) -> None:
        """Append another table's departments (a chunk scored elsewhere), in order."""
        offset = len(self)
        shift = len(self._groups)
        self._lines.extend(other._lines)
        self._sources.update({offset + i: s for i, s in other._sources.items()})
        self._departments.extend(other._departments)
        self._years.extend(other._years)
        self._low.extend(other._low)
        self._high.extend(other._high)
        self._grades.extend(other._grades)
        self._status.extend(other._status)
        self._group_at.extend(at if at < 0 else at + shift for at in other._group_at)
        self._groups.extend(other._groups)
        self._rows.update({offset + i: r for i, r in other._rows.items()})
        self.reasons.update({offset + i: r for i, r in other.reasons.items()})

    # ---- ranking --------------------------------------------------------------------
    def finish(self) -> BatchTable:
        """Rank every scored department and count the grades; returns the table."""
        if self.partial:
            self._rank_ranges()
        else:
            self._rank_totals()
        earned = [0] * len(self.labels)
        for grade in self._grades:
            if grade != NO_GRADE:
                earned[grade] += 1
        possible = [0] * len(self.labels)
        for index, row in self._rows.items():
            if self._status[index] == 1:
                for label in row.grades_possible:
                    possible[self.labels.index(label)] += 1
        self.grades = tuple(zip(self.labels, earned, possible, strict=True))
        return self

    def _rank_totals(self) -> None:
        """Every scored total is complete: one sort, best first, ties sharing the better rank."""
        size = len(self)
        ranks = array("q", bytes(8 * size))
        order = sorted((i for i in range(size) if self._status[i] == 0), key=self._low.__getitem__, reverse=True)
        previous, rank = _NAN, 0
        low = self._low
        for place, index in enumerate(order, start=1):
            value = low[index]
            if value != previous:
                rank, previous = place, value
            ranks[index] = rank
        self._rank_low = self._rank_high = self._rank_complete = ranks
        self._order = order

    def _rank_ranges(self) -> None:
        """Some totals are ranges: count who is certainly and who is possibly ahead, by bisection."""
        lows = sorted(v for v in self._low if not math.isnan(v))
        highs = sorted(v for v in self._high if not math.isnan(v))
        complete = sorted(v for v, s in zip(self._low, self._status, strict=True) if s == 0)
        count, done = len(lows), len(complete)
        rank_low, rank_high, rank_complete = array("q"), array("q"), array("q")
        for low, high, status in zip(self._low, self._high, self._status, strict=True):
            if math.isnan(low):
                rank_low.append(0)
                rank_high.append(0)
                rank_complete.append(0)
                continue
            ahead = count - bisect_right(lows, high)  # certainly ahead: their lowest beats our highest
            maybe = count - bisect_right(highs, low) - (1 if high > low else 0)  # not counting itself
            rank_low.append(1 + ahead)
            rank_high.append(1 + maybe)
            rank_complete.append(1 + done - bisect_right(complete, low) if status == 0 else 0)
        self._rank_low, self._rank_high, self._rank_complete = rank_low, rank_high, rank_complete
        self._order = None

    def ranks(self, index: int) -> Ranks | None:
        """Department ``index``'s ranks, None when it was not scored."""
        low = self._rank_low[index]
        if not low:
            return None
        return Ranks(low=low, high=self._rank_high[index], complete=self._rank_complete[index])

    def ranking(self) -> list[int]:
        """The scored departments, best first (ties and ranges in input order)."""
        if self._order is not None:
            return list(self._order)
        scored = [i for i in range(len(self)) if self._rank_low[i]]
        scored.sort(key=lambda i: (self._rank_low[i], self._rank_high[i]))
        return scored

    def best_first(self) -> list[int]:
        """Every department: the ranking, then those not scored, in input order."""
        return [*self.ranking(), *(i for i in range(len(self)) if not self._rank_low[i])]

    # ---- reading ----------------------------------------------------------------------
    def status(self, index: int) -> str:
        """``scored``, ``partial`` or ``invalid``."""
        return _STATUSES[self._status[index]]

    def counts(self) -> dict[str, int]:
        """How many departments have each status."""
        found = dict.fromkeys(_STATUSES, 0)
        for status in self._status:
            found[_STATUSES[status]] += 1
        return found

    @property
    def invalid(self) -> int:
        """How many departments could not be scored."""
        return self._status.count(2)

    @property
    def partial(self) -> int:
        """How many departments have only a range of totals."""
        return self._status.count(1)

    @property
    def rows(self) -> Iterator[BatchRow]:
        """Every row, in input order (built one at a time)."""
        return (self.row(i) for i in range(len(self)))

    def kept_row(self, index: int) -> BatchRow | None:
        """The row kept whole for department ``index`` (perfscore.score's), its ``index`` maybe its chunk's."""
        return self._rows.get(index)

    def row(self, index: int) -> BatchRow:
        """Department ``index``'s row."""
        found = self._rows.get(index)
        if found is not None:
            return found if found.index == index else attrs.evolve(found, index=index)
        total = self._decimal(self._low[index])
        grade = self._grades[index]
        label = None if grade == NO_GRADE else self.labels[grade]
        possible = (label,) if label else self.pack.grades_possible(total, total)
        at = self._group_at[index]
        subtotals = tuple(
            (group, plain(self._decimal(value)))
            for group, value in zip(self.group_ids, self._groups[at : at + len(self.group_ids)], strict=True)
        )
        year = self._years[index]
        return BatchRow(
            index=index,
            source=self._source(index),
            department=self._departments[index],
            year=None if year < 0 else year,
            status=STATUS_SCORED,
            total=total,
            low=total,
            high=total,
            grade=label,
            grades_possible=possible,
            warnings=0,
            subtotals=subtotals,
            diagnostics=(),
        )

    def texts(self, index: int, status_words: tuple[str, str, str]) -> list[str] | None:
        """A compiled department's cells as a CSV holds them, without building its row; None for the others.

        The same text as :func:`perfscore._batch.write.row_values` gives (a test holds them equal),
        at a fraction of the cost: 100,000 rows are written in a blink.
        """
        at = self._group_at[index]
        grade = self._grades[index]
        if at < 0 or grade == NO_GRADE:
            return None
        decimals = self.decimals
        total = quanta_text(self._low[index], decimals)
        rank = str(self._rank_low[index])
        year = self._years[index]
        label = self.labels[grade]
        high = self._rank_high[index]
        complete = self._rank_complete[index]
        return [
            rank if high == self._rank_low[index] else "",
            rank,
            str(high),
            str(complete) if complete else "",
            self._source(index),
            self._departments[index] or "",
            "" if year < 0 else str(year),
            status_words[0],
            total,
            total,
            total,
            self._max,
            label,
            label,
            "0",
            *(quanta_text(value, decimals) for value in self._groups[at : at + len(self.group_ids)]),
            "",
        ]

    def cells(self, index: int, status_words: tuple[str, str, str]) -> list[object] | None:
        """A compiled department's cells as a workbook holds them (numbers as numbers); None for the others.

        The cells :meth:`texts` gives with each number read back from its text (``int`` when it
        has no decimal point, else the double nearest the decimal: ``quanta / 10**d`` is that
        double, Python's integer division rounding correctly), empty cells as None; a test holds
        them equal.
        """
        at = self._group_at[index]
        grade = self._grades[index]
        if at < 0 or grade == NO_GRADE:
            return None
        scale = 10**self.decimals
        total = _number(self._low[index], scale)
        rank = self._rank_low[index]
        year = self._years[index]
        label = self.labels[grade]
        high = self._rank_high[index]
        complete = self._rank_complete[index]
        return [
            rank if high == rank else None,
            rank,
            high,
            complete or None,
            self._source(index),
            self._departments[index] or None,
            None if year < 0 else str(year),
            status_words[0],
            total,
            total,
            total,
            self._max_number,
            label,
            label,
            0,
            *(_number(value, scale) for value in self._groups[at : at + len(self.group_ids)]),
            None,
        ]

    def ranking_cells(self, index: int) -> list[object] | None:
        """A compiled department's line of the ranking sheet, without building its row; None for the others."""
        at = self._group_at[index]
        grade = self._grades[index]
        if at < 0 or grade == NO_GRADE:
            return None
        low, high = self._rank_low[index], self._rank_high[index]
        total = self._decimal(self._low[index])
        return [
            str(low) if low == high else f"{low}–{high}",
            self._source(index),
            self._departments[index],
            total,
            total,
            total,
            self.labels[grade],
        ]

    def _source(self, index: int) -> str:
        """Where a compiled department came from: its table row, or its figures file."""
        line = self._lines[index]
        return self._sources[index] if line < 0 else f"{self.where}:{line}"

    def _decimal(self, value: float) -> Decimal:
        return Decimal(int(value)).scaleb(-self.decimals, CONTEXT)


def _number(value: float, scale: int) -> int | float:
    """Whole quanta as the workbook number of :func:`quanta_text`'s text (an int when it has no point)."""
    number = int(value)
    return number // scale if number % scale == 0 else number / scale


def quanta_text(value: float, decimals: int) -> str:
    """Whole quanta as :func:`~perfscore._core.decimals.plain` shows their Decimal (``1250`` → ``12.5``)."""
    number = int(value)
    whole, part = divmod(abs(number), 10**decimals)
    sign = "-" if number < 0 else ""
    if not part:
        return f"{sign}{whole}" if whole else "0"
    return f"{sign}{whole}.{part:0{decimals}d}".rstrip("0")
