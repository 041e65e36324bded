"""`perfscore batch` on the compiled engine gives, row for row, what perfscore.score gives for each table row.

The reference is the path every row took before: the row's cells through the figures
loader (:mod:`perfscore._inputs.batchtable`), then :func:`perfscore.score`. The tables are
written as people write them — units, percentages, thousands separators, full-width
digits, empty cells, unreadable cells, published figures — so every reason to leave the
fast path is exercised, and the fast path is held to the exact one where it is taken.
"""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import RULES
from hypothesis import given
from hypothesis import strategies as st

import perfscore
from perfscore._batch import reasons, runner, write
from perfscore._batch.many import score_many
from perfscore._batch.report import batch_row
from perfscore._batch.table import BatchRow, quanta_text
from perfscore._core.decimals import plain
from perfscore._core.diagnostics import ParseError
from perfscore._core.numerals import parse_quantity
from perfscore._core.units import known_symbols
from perfscore._files.sheets import read_sheet
from perfscore._inputs.batchtable import table_figures
from perfscore._inputs.tablestream import open_table
from perfscore.compiled.cells import NOT_A_NUMBER, TOO_PRECISE, CellReader
from perfscore.rules.comparative import Positive
from perfscore.rules.judgement import Qualitative

FULL_WIDTH = str.maketrans("0123456789.,%-", "０１２３４５６７８９．，％－")


def _exact_rows(pack: perfscore.Pack, path: Path) -> list[BatchRow]:
    """The reference: each row through the figures loader and perfscore.score."""
    return [batch_row(result, "en") for result in score_many(pack, table_figures(pack, read_sheet(path)))]


def _fast_rows(pack: perfscore.Pack, path: Path, jobs: int = 1) -> tuple[list[BatchRow], dict]:
    table = runner.score_table(pack, open_table(path), lang="en", jobs=jobs)
    return [table.row(i) for i in range(len(table))], table


def _same(fast: list[BatchRow], exact: list[BatchRow]) -> None:
    assert len(fast) == len(exact)
    for ours, theirs in zip(fast, exact, strict=True):
        assert ours == theirs, (ours, theirs)


def _number(rnd: random.Random, value: float, unit: str | None) -> str:
    """A value as a table might hold it."""
    text = f"{value:.2f}" if rnd.random() < 0.7 else repr(value)
    style = rnd.random()
    if style < 0.15 and abs(value) >= 1000:
        whole, _, fraction = text.partition(".")
        text = f"{int(whole):,}" + (f".{fraction}" if fraction else "")
    elif style < 0.25:
        text = text.translate(FULL_WIDTH)
    if unit is not None:
        text += (" " if rnd.random() < 0.2 else "") + unit
    return text


def _baiyun_table(path: Path, n: int, seed: int) -> perfscore.Pack:
    """N rows of Baiyun figures written as text, with every kind of trouble now and then."""
    pack = perfscore.load_pack(RULES / "baiyun-2021.yaml")
    rnd = random.Random(seed)  # noqa: S311 - test data, not secrets
    leaves = [leaf for leaf in pack.indicators() if isinstance(leaf.rule, Qualitative | Positive)]
    head = ["department", "year", "amounts:budget.adjusted", "amounts:budget.executed", "published:grade"]
    head += [f"{leaf.id}:score" if isinstance(leaf.rule, Qualitative) else leaf.id for leaf in leaves]
    lines = [",".join(head)]
    for index in range(n):
        level = rnd.uniform(0.5, 1.0)
        budget = round(rnd.uniform(5_000, 30_000), 2)
        money = rnd.choice([None, None, "万元", "元"])
        cells = [
            f"街道{index}",
            "21年" if index % 50 == 7 else "2021",
            _number(rnd, budget, money),
            _number(rnd, round(budget * rnd.uniform(0.8, 1.05), 2), rnd.choice([money, money, money, "元"])),
            "良" if index % 40 == 3 else "",
        ]
        for leaf in leaves:
            weight = float(leaf.weight)
            if isinstance(leaf.rule, Qualitative):
                value = round(min(weight, weight * level * rnd.uniform(0.85, 1.2)), rnd.choice([2, 2, 3]))
                text = _number(rnd, value, None if rnd.random() < 0.997 else "%")
            else:
                target = leaf.rule.target.quantity
                value = round(float(target.value) * level * rnd.uniform(0.9, 1.2), 2)
                unit = rnd.choice([None, target.unit.symbol]) if rnd.random() < 0.99 else rnd.choice(["人", "‰"])
                text = _number(rnd, value, unit)
            trouble = rnd.random()
            if trouble < 0.002:
                text = ""
            elif trouble < 0.003:
                text = "一百"
            elif trouble < 0.004:
                text = "0.12345678901234567"
            cells.append(text)
        lines.append(",".join(f'"{cell}"' for cell in cells))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return pack


@pytest.mark.parametrize("seed", [1, 2])
def test_baiyun_table_fast_equals_exact(tmp_path, seed) -> None:
    """Every row equals perfscore.score's: totals, ranges, grades, subtotals, warnings, diagnostics; most go fast."""
    path = tmp_path / "t.csv"
    pack = _baiyun_table(path, 150, seed)
    fast, table = _fast_rows(pack, path)
    _same(fast, _exact_rows(pack, path))
    taken = {key for key, _ in table.reasons.values()}
    assert {reasons.UNIT, reasons.COLUMN, reasons.YEAR, reasons.CELL} <= taken
    assert len(table.reasons) < len(table) // 2  # the fast path is the common one


def test_jobs_and_chunks_change_nothing(tmp_path, monkeypatch) -> None:
    """Two processes and small chunks give the same rows, in the same order, as one process."""
    path = tmp_path / "t.csv"
    pack = _baiyun_table(path, 90, 3)
    one, _ = _fast_rows(pack, path)
    monkeypatch.setattr(runner, "TABLE_CHUNK", 16)
    two, table = _fast_rows(pack, path, jobs=2)
    assert one == two
    assert len(table) == 90


def test_text_cells_go_fast(tmp_path) -> None:
    """103场, 97.87%, 18,009.98 and full-width digits are read on the fast path."""
    path = tmp_path / "t.csv"
    path.write_text(
        "department,amounts:budget.adjusted,amounts:budget.executed,t4.drug_campaigns,t5.statistics\n"
        '甲,"18,009.98",１７６２６.３７,103场,97.87%\n',
        encoding="utf-8",
    )
    pack = perfscore.load_pack(RULES / "baiyun-2021.yaml")
    _, table = _fast_rows(pack, path)
    assert set(table.reasons.values()) == {(reasons.MISSING, "goals:score")}  # only the scores not given
    mini = tmp_path / "mini.yaml"
    mini.write_text(
        "id: m\ntitle: M\nversion: '1'\nsource: s\nindicators:\n"
        "  - {id: a, name: A, weight: 50, target: '≥100场'}\n"
        "  - {id: b, name: B, weight: 50, target: '≥90%'}\n",
        encoding="utf-8",
    )
    path.write_text('a,b\n103场,97.87%\n"1,000场",89.5\n95,80 %\n90人,90%\n', encoding="utf-8")
    small = perfscore.load_pack(mini)
    fast, table = _fast_rows(small, path)
    _same(fast, _exact_rows(small, path))
    assert table.reasons == {3: (reasons.UNIT, "a:actual")}  # 人 against a target in 场: the rule refuses it


_SYMBOLS = st.sampled_from([*known_symbols(), "x", "e", "E5", "万", "％", "ｍ", " %", "场 次"])


@given(
    sign=st.sampled_from(["", "-", "+", "−"]),
    whole=st.integers(min_value=0, max_value=10**17),
    fraction=st.text(alphabet="0123456789", max_size=18),
    commas=st.booleans(),
    unit=st.none() | _SYMBOLS,
    wide=st.booleans(),
)
def test_cell_reader_reads_as_the_loader(sign, whole, fraction, commas, unit, wide) -> None:
    """Whatever the fast reader returns is parse_quantity's value and unit; what it refuses, the loader refuses too."""
    text = sign + (f"{whole:,}" if commas else str(whole)) + (f".{fraction}" if fraction else "") + (unit or "")
    if wide:
        text = text.translate(FULL_WIDTH)
    found = CellReader().read(text)
    try:
        quantity = parse_quantity(text)
    except ParseError:
        assert found == NOT_A_NUMBER
        return
    if found == TOO_PRECISE:
        assert Decimal(repr(float(quantity.value))) != quantity.value
        return
    assert not isinstance(found, str)
    value, symbol = found
    assert Decimal(repr(value)) == quantity.value
    assert symbol == (quantity.unit.symbol if quantity.unit is not None else None)


@given(st.integers(min_value=-(10**15), max_value=10**15), st.integers(min_value=0, max_value=4))
def test_quanta_text_is_plain(number, decimals) -> None:
    """Whole quanta are shown as plain() shows their Decimal (no trailing zeros, no exponent)."""
    assert quanta_text(float(number), decimals) == plain(Decimal(number).scaleb(-decimals))


def test_csv_cells_from_the_arrays_equal_the_rows(tmp_path) -> None:
    """The CSV writer's shortcut for compiled departments writes what their rows say, in Chinese too."""
    path = tmp_path / "t.csv"
    pack = _baiyun_table(path, 60, 4)
    table = runner.score_table(pack, open_table(path), lang="en", jobs=1)
    for lang in ("en", "zh"):
        words = tuple(write.word(status, lang) for status in ("scored", "partial", "invalid"))
        shortcut = [table.texts(i, words) for i in range(len(table))]
        assert sum(found is not None for found in shortcut) > len(table) // 2
        for index, found in enumerate(shortcut):
            if found is not None:
                assert found == [write._text(v) for v in write.row_values(table, table.row(index), lang)]  # noqa: SLF001


def test_workbook_rows_fast_equal_exact(tmp_path) -> None:
    """A workbook of numbers, percentage-formatted numbers and text reads the same streamed as whole, fast or exact."""
    openpyxl = pytest.importorskip("openpyxl")
    source = tmp_path / "t.csv"
    pack = _baiyun_table(source, 40, 5)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "表2"
    for line, row in enumerate(read_sheet(source).rows, start=1):
        for column, cell in enumerate(row, start=1):
            if cell is not None and line > 1 and cell.replace(".", "", 1).isdigit():
                sheet.cell(line, column, float(cell))  # a number cell, as Excel stores it
            else:
                sheet.cell(line, column, cell)
    sheet.cell(2, 9).value = 0.9787
    sheet.cell(2, 9).number_format = "0.00%"  # shows 97.87%: read as the cell shows it
    path = tmp_path / "t.xlsx"
    book.save(path)
    fast, table = _fast_rows(pack, path)
    _same(fast, _exact_rows(pack, path))
    assert fast[0].source == f"{path}[表2]:2"
    assert len(table.reasons) < len(table)


def test_a_pack_the_loop_cannot_take_is_counted_as_such(tmp_path) -> None:
    """A pack that drops an indicator sends every row the exact way, each counted with the pack's reason."""
    mini = tmp_path / "na.yaml"
    mini.write_text(
        "id: na\ntitle: NA\nversion: '1'\nsource: s\nindicators:\n"
        "  - {id: a, name: A, weight: 50, target: '≥100场'}\n"
        "  - {id: b, name: B, weight: 50, rule: {kind: not_applicable, reason: 本年度无此项工作}}\n",
        encoding="utf-8",
    )
    path = tmp_path / "t.csv"
    path.write_text("a\n103场\n90\n", encoding="utf-8")
    pack = perfscore.load_pack(mini)
    fast, table = _fast_rows(pack, path)
    _same(fast, _exact_rows(pack, path))
    assert {key for key, _ in table.reasons.values()} == {reasons.PACK}
    assert len(table.reasons) == 2


@pytest.mark.parametrize("name", ["=1+2", "@SUM(A1)", "-1+2", "甲\x1b[31m街道", "+A1", "-5"])
def test_csv_shortcut_is_as_safe_as_csv_row(tmp_path, name) -> None:
    """A compiled department's CSV cells are what csv_row makes of its full row: formulas defused, controls shown."""
    from perfscore._files.cellsafe import csv_row  # noqa: PLC0415

    path = tmp_path / "t.csv"
    path.write_text(f'department,a,b\n"{name}",103场,97.87%\n乙,90场,95%\n', encoding="utf-8")
    mini = tmp_path / "mini.yaml"
    mini.write_text(
        "id: m\ntitle: M\nversion: '1'\nsource: s\ngrades: [{label: '=优', range: '[0, 100]'}]\nindicators:\n"
        "  - {id: a, name: A, weight: 50, target: '≥100场'}\n"
        "  - {id: b, name: B, weight: 50, target: '≥90%'}\n",
        encoding="utf-8",
    )
    pack = perfscore.load_pack(mini)
    table = runner.score_table(pack, open_table(path), lang="en", jobs=1)
    assert not table.reasons
    shortcut = list(write._csv_rows(table, "en"))  # noqa: SLF001
    full = [csv_row([write._text(v) for v in write.row_values(table, table.row(i), "en")]) for i in table.best_first()]  # noqa: SLF001
    assert shortcut == full
    assert any(cell.startswith("'") for row in shortcut for cell in row)
