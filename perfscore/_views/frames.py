"""pandas frames of scores: numeric by default, exact on request.

pandas keeps :class:`~decimal.Decimal` values as ``object`` columns, on which
``describe()``, ``groupby().mean()`` and plotting fail or mislead, so the score,
weight and bound columns become ``float64`` by default (a missing score is ``NaN``).
Nothing is computed in floats here: each exact value is converted once, at the edge,
and scores carry two decimals, so each float is the double nearest to the exact score
and prints as it (``float(Decimal("30.25"))`` shows ``30.25``). ``exact=True`` keeps
the Decimals, for sums that must match the report to the cent.

Needs ``pip install 'perfscore[pandas]'``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from perfscore.extras import require

if TYPE_CHECKING:
    from perfscore._batch.many import BatchResult
    from perfscore._core.scorecard import Scorecard

NUMERIC = frozenset({"weight", "score", "low", "high", "total", "max"})
WIDE = ("source", "department", "year", "status", "total", "low", "high", "max", "grade", "warnings", "errors")


def frame(rows: Sequence[Mapping[str, Any]], *, exact: bool, numeric: Iterable[str], feature: str) -> Any:  # noqa: ANN401 - pandas is optional
    """``rows`` as a DataFrame; the ``numeric`` columns as float64 unless ``exact``."""
    pandas = require("pandas", extra="pandas", feature=feature)
    table = pandas.DataFrame.from_records(list(rows))
    if exact:
        return table
    for column in numeric:
        if column in table.columns:
            table[column] = pandas.to_numeric(table[column].map(_number), errors="coerce").astype("float64")
    return table


def _number(value: object) -> float | None:
    """A Decimal (or int) as the float nearest to it; anything else (None, a range in text) as missing."""
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        return float(value)
    return None


def card_frame(card: Scorecard, *, exact: bool = False) -> Any:  # noqa: ANN401 - pandas is optional
    """One row per indicator of one scorecard."""
    from perfscore._views.serialize import scorecard_records  # noqa: PLC0415 - views live at the edge

    return frame(scorecard_records(card), exact=exact, numeric=NUMERIC, feature="Scorecard.to_pandas()")


def results_frame(results: Iterable[BatchResult], *, long: bool = False, exact: bool = False) -> Any:  # noqa: ANN401
    """One row per department (its total, grade and group subtotals), or with ``long`` one per indicator."""
    from perfscore._views.serialize import scorecard_records  # noqa: PLC0415 - views live at the edge

    rows: list[dict[str, Any]] = []
    groups: list[str] = []
    for result in results:
        card = result.card
        if long:
            if card is not None:
                rows.extend({"source": result.source, **record} for record in scorecard_records(card))
            continue
        row: dict[str, Any] = {
            "source": result.source,
            "department": result.department,
            "year": None if card is None else card.year,
            "status": "error" if card is None else ("partial" if card.partial else "scored"),
            "total": None if card is None else card.total,
            "low": None if card is None else card.low,
            "high": None if card is None else card.high,
            "max": None if card is None else card.max,
            "grade": None if card is None else card.grade,
            "warnings": 0 if card is None else len(card.warnings),
            "errors": "; ".join(d.code for d in result.errors),
        }
        for group in () if card is None else card.groups():
            if group.id not in groups:
                groups.append(group.id)
            row[group.id] = group.score
        rows.append(row)
    numeric = NUMERIC if long else NUMERIC | set(groups)
    return frame(rows, exact=exact, numeric=numeric, feature="score_many(...).to_pandas()")
