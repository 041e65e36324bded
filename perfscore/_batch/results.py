"""What :func:`~perfscore.score_many` returns: a lazy iterator of results that can also become one frame."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # many.py makes these objects and imports this module: no cycle at run time
    from perfscore._batch.many import BatchResult


class BatchResults:
    """The results of a batch, one department at a time, in input order.

    Iterating streams (each department is loaded and scored when asked for);
    :meth:`to_pandas` scores the departments not yet taken and returns them as one
    ``pandas.DataFrame``.
    """

    def __init__(self, results: Iterator[BatchResult]) -> None:
        """Wrap the generator that scores the departments."""
        self._results = results

    def __iter__(self) -> BatchResults:
        """The results themselves (an iterator, like the generator it wraps)."""
        return self

    def __next__(self) -> BatchResult:
        """Score the next department."""
        return next(self._results)

    def to_pandas(self, *, long: bool = False, exact: bool = False) -> Any:  # noqa: ANN401 - pandas is optional
        """One row per department (total, grade, group subtotals), or with ``long=True`` one per indicator.

        Score columns are float64 unless ``exact=True`` keeps their Decimals (see
        :mod:`perfscore._views.frames`); a department that could not be scored keeps its
        row (status ``error``, the codes in ``errors``). Needs ``perfscore[pandas]``.
        """
        from perfscore._views.frames import results_frame  # noqa: PLC0415 - pandas is an optional extra

        return results_frame(self, long=long, exact=exact)
