"""A batch's inputs kept compact: the figures each department was scored from, without the records.

A result must be able to explain itself later (``result[i].scorecard()``), so the batch
needs each department's figures; keeping the caller's records for that would keep a
dictionary per department alive — 100,000 records of a 40-indicator scheme are over a
gigabyte — and tie the caller's data to the result. :class:`CompactRecords` keeps
instead the numbers the loop read, in one flat ``array('d')`` (eight bytes per figure),
and, only for the departments that have them, the other figures a rule reads (levels,
reasons, a value that is not a plain float) in a small dictionary. ``records[i]``
rebuilds department ``i``'s record: the figures the pack reads, exactly as given (a
missing figure stays missing: NaN is what tables mean by missing, see
:mod:`perfscore.compiled.columns`).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from marshal import dumps
from typing import Any

from perfscore.compiled.columns import is_missing
from perfscore.compiled.plan import CompiledPack

_NAN = float("nan")


def _plain(row: tuple[Any, ...]) -> bool:
    """Whether every value is exactly a ``float`` (the common case), in C: see :mod:`perfscore.compiled.rows`."""
    try:
        data = dumps(row, 2)
    except ValueError:
        return False
    size = len(row)
    return len(data) == 5 + 9 * size and data[5::9] == b"g" * size


class CompactRecords(Sequence[Mapping[str, Any]]):
    """The figures of many departments: numbers in a flat array, anything else aside."""

    def __init__(self, compiled: CompiledPack) -> None:
        """Empty; :meth:`keep` each record as it is scored."""
        self._numeric = compiled.numeric_columns
        numeric = set(self._numeric)
        self._others = tuple(c.column for c in compiled.figure_columns if c.column not in numeric)
        self._row = compiled.row
        self._values: array[float] = array("d")
        self._extra: dict[int, dict[str, Any]] = {}
        self._size = 0

    def keep(self, record: Mapping[str, Any]) -> None:
        """Remember the figures of the next department."""
        try:
            row = self._row(record)
        except KeyError:
            row = tuple(map(record.get, self._numeric))
        extra: dict[str, Any] | None = None
        try:
            numbers = array("d", row)
            plain = _plain(row)
        except TypeError:  # None, text
            numbers = array("d", [value if type(value) is float else _NAN for value in row])
            plain = False
        self._values.extend(numbers)
        if not plain:
            for name, value in zip(self._numeric, row, strict=True):
                if type(value) is not float and value is not None:  # an int, a bool, a NumPy scalar, text: as given
                    extra = extra or {}
                    extra[name] = value
        for name in self._others:
            value = record.get(name)
            if not is_missing(value):
                extra = extra or {}
                extra[name] = value
        if extra:
            self._extra[self._size] = extra
        self._size += 1

    def capture(self, records: Iterable[Mapping[str, Any]]) -> Iterator[Mapping[str, Any]]:
        """``records`` passed through, each kept as it goes by."""
        for record in records:
            self.keep(record)
            yield record

    def __len__(self) -> int:
        """How many departments."""
        return self._size

    def __getitem__(self, index: int) -> dict[str, Any]:  # type: ignore[override]  # positions only
        """Department ``index``'s record: the figures the pack reads."""
        if not -self._size <= index < self._size:
            raise IndexError(index)
        index %= self._size
        width = len(self._numeric)
        values = self._values[index * width : (index + 1) * width]
        record: dict[str, Any] = dict(zip(self._numeric, values, strict=True))
        record.update(self._extra.get(index, {}))
        return record

    @property
    def nbytes(self) -> int:
        """Bytes the numbers take (the few extra figures aside)."""
        return self._values.itemsize * len(self._values)
