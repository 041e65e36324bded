"""The workbook shortcuts of ``perfscore batch`` write what the slow way wrote, cell for cell.

A compiled department's workbook cells come straight from the table's arrays
(:meth:`BatchTable.cells`, :meth:`BatchTable.ranking_cells`) instead of its text cells read
back as numbers, and a workbook's plain number cells are shown without a Decimal
(:func:`perfscore._files.sheets._cell_text`). Each is held to the way it replaced.
"""

from __future__ import annotations

import random
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_batch_fast import _baiyun_table

from perfscore._batch import runner, write
from perfscore._core.decimals import plain
from perfscore._files.sheets import _cell_text
from perfscore._inputs.tablestream import open_table

_NUMBERS = {0, 1, 2, 3, 8, 9, 10, 11, 14}  # the cells a workbook holds as numbers (ranks, totals, max, warnings)


def _from_texts(found: list[str], width: int) -> list[object]:
    """The cells as the writer made them before: each text cell read back as a number (int without a point)."""
    cells: list[object] = []
    for position, text in enumerate(found):
        if not text:
            cells.append(None)
        elif position in _NUMBERS or width <= position < len(found) - 1:
            cells.append(float(text) if "." in text else int(text))
        else:
            cells.append(text)
    return cells


@pytest.mark.parametrize("seed", [3, 4])
def test_workbook_cells_from_the_arrays_equal_the_texts(tmp_path, seed) -> None:
    """Every compiled department's workbook cells equal its CSV texts read back as numbers, type for type."""
    path = tmp_path / "t.csv"
    pack = _baiyun_table(path, 80, seed)
    table = runner.score_table(pack, open_table(path), lang="en", jobs=1)
    compiled = 0
    for lang in ("en", "zh"):
        words = tuple(write.word(status, lang) for status in ("scored", "partial", "invalid"))
        for index in range(len(table)):
            texts, cells = table.texts(index, words), table.cells(index, words)
            assert (texts is None) == (cells is None)
            if texts is None:
                continue
            compiled += 1
            expected = _from_texts(texts, len(write.FIXED))
            assert cells == expected
            assert [type(v) for v in cells] == [type(v) for v in expected]
    assert compiled > len(table)  # most departments of both languages took the shortcut


def test_ranking_cells_from_the_arrays_equal_the_rows(tmp_path) -> None:
    """The ranking sheet's line of a compiled department is what its full row gives."""
    path = tmp_path / "t.csv"
    pack = _baiyun_table(path, 60, 5)
    table = runner.score_table(pack, open_table(path), lang="en", jobs=1)
    taken = 0
    for index in table.ranking():
        found = table.ranking_cells(index)
        if found is None:
            continue
        taken += 1
        row, ranks = table.row(index), table.ranks(index)
        assert ranks is not None
        assert found == [ranks.text, row.source, row.department, row.total, row.low, row.high, row.grade]
    assert taken > len(table) // 2


class _Cell:
    def __init__(self, value: object, number_format: str | None = "General") -> None:
        self.value = value
        self.number_format = number_format


def _as_before(value: float) -> str:
    return plain(Decimal(repr(value)) if isinstance(value, float) else Decimal(value))


@given(st.floats(allow_nan=False, allow_infinity=False) | st.integers(min_value=-(10**40), max_value=10**40))
def test_number_cells_are_shown_as_before(value) -> None:
    """A plain number cell is shown as plain(Decimal(repr(value))), zero, tiny and huge numbers included."""
    assert _cell_text(_Cell(value)) == _as_before(value)
    assert _cell_text(_Cell(value, None)) == _as_before(value)


@pytest.mark.parametrize("value", [0.9787, 1.0, 0.0, 5, -0.25])
def test_percent_cells_still_show_the_percentage(value) -> None:
    """A percentage-formatted number is still shown as the cell shows it (97.87%), not as the bare number."""
    assert _cell_text(_Cell(value, "0.00%")) == f"{plain(Decimal(repr(value)) * 100)}%"


def test_random_number_cells_match() -> None:
    """Random doubles of every magnitude (bit patterns included) read as they did."""
    rnd = random.Random(13)  # noqa: S311 - test data
    for _ in range(5_000):
        value = rnd.uniform(-1e6, 1e6) if rnd.random() < 0.5 else round(rnd.uniform(-1e4, 1e4), rnd.randint(0, 4))
        assert _cell_text(_Cell(value)) == _as_before(value)
