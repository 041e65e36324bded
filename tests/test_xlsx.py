"""The Excel report as officials' tools read it: row by row, without recalculating, and on paper.

openpyxl(``data_only=True``) and pandas do not recalculate formulas: they read the
values saved with them. These tests read the workbook perfscore wrote and compare what
they see with the scorecard, sheet by sheet.
"""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from reportcheck import number

import perfscore

openpyxl = pytest.importorskip("openpyxl")
pytest.importorskip("xlsxwriter")


@pytest.fixture(scope="module")
def workbook_bytes(baiyun_pack, baiyun_card, baiyun_figures) -> bytes:
    """The Baiyun workbook, with the figures (so the result sheet has the budget and its 执行率)."""
    return perfscore.Report(pack=baiyun_pack, card=baiyun_card, figures=baiyun_figures).xlsx()


def _merged(sheet) -> set[str]:
    return {str(cell_range) for cell_range in sheet.merged_cells.ranges}


def test_scheme_sheet_has_one_row_per_indicator_and_merges_its_groups(workbook_bytes, baiyun_pack) -> None:
    """表1: the 37 indicators on rows 2–38 in pack order, no empty rows; each group merged over exactly its rows."""
    sheet = openpyxl.load_workbook(io.BytesIO(workbook_bytes)).worksheets[1]
    indicators = [(parents, node) for parents, node in baiyun_pack.walk() if isinstance(node, perfscore.Indicator)]
    assert len(indicators) == 37
    assert sheet.max_row == 1 + len(indicators)
    heads = [cell.value for cell in sheet[1]]
    depth = heads.index("指标值")
    merged = _merged(sheet)
    letters = "ABCDEFGH"
    for row, (parents, indicator) in enumerate(indicators, start=2):
        groups = [baiyun_pack.node(parent) for parent in parents]
        groups = [group for group in groups if isinstance(group, perfscore.Group)]
        level = len(groups)
        assert sheet.cell(row=row, column=level + 1).value == indicator.name, row
        assert number(sheet.cell(row=row, column=depth + 2).value) == indicator.weight
        for index, group in enumerate(groups):  # the group's label is in the top cell of the range covering this row
            ranges = [r for r in sheet.merged_cells.ranges if r.min_col == index + 1 and r.min_row <= row <= r.max_row]
            top = ranges[0].min_row if ranges else row
            assert sheet.cell(row=top, column=index + 1).value == f"{group.name}（{group.weight.normalize():f}）"
    tasks = [node for node in baiyun_pack.walk() if isinstance(node[1], perfscore.Group) and len(node[0]) == 1]
    for _parents, task in tasks:
        rows = [r for r, (p, _) in enumerate(indicators, start=2) if task.id in p]
        assert f"B{rows[0]}:B{rows[-1]}" in merged, task.id
    single = next(r for r, (p, _) in enumerate(indicators, start=2) if len(p) == 0)  # 部门支出进度
    assert f"A{single}:{letters[depth - 1]}{single}" in merged


def test_saved_values_are_seen_without_recalculation(workbook_bytes, baiyun_card) -> None:
    """openpyxl(data_only=True) reads every subtotal, each task's 合计 and the range as the scorecard has them."""
    values = openpyxl.load_workbook(io.BytesIO(workbook_bytes), data_only=True).worksheets[0]
    formulas = openpyxl.load_workbook(io.BytesIO(workbook_bytes)).worksheets[0]
    labels = {values.cell(row=r, column=1).value: r for r in range(1, values.max_row + 1)}
    for group in baiyun_card.groups():
        row = labels["  " * (len(group.path) - 1) + group.name]
        assert str(formulas.cell(row=row, column=5).value).startswith("=")
        assert number(values.cell(row=row, column=5).value) == group.score
        assert number(values.cell(row=row, column=7).value) == group.low
        assert number(values.cell(row=row, column=8).value) == group.high
    total = labels["总分区间"]
    assert number(values.cell(row=total, column=7).value) == baiyun_card.low
    assert number(values.cell(row=total, column=8).value) == baiyun_card.high
    shown = [number(values.cell(row=r, column=6).value) for r in range(5, 5 + 37) if values.cell(row=r, column=6).value]
    tasks = [g for g in baiyun_card.groups() if len(g.path) == 2]
    assert shown == [g.score for g in tasks]


def test_pandas_reads_numbers(workbook_bytes, baiyun_card) -> None:
    """pandas.read_excel sees the weights and scores as numbers and each task's 合计 as its subtotal."""
    pandas = pytest.importorskip("pandas")
    frame = pandas.read_excel(io.BytesIO(workbook_bytes), sheet_name=0, header=3, nrows=37)
    results = list(baiyun_card.indicators())
    assert list(frame["指标"]) == [r.name for r in results]
    assert [Decimal(repr(w)) for w in frame["权重"]] == [r.weight for r in results]
    scores = [None if pandas.isna(s) else Decimal(repr(s)) for s in frame["得分"]]
    assert scores == [r.score for r in results]
    assert sum(frame["合计"].dropna()) == pytest.approx(49.5)


def test_print_setup_formats_and_navigation(workbook_bytes) -> None:
    """A4, fit to width, title and header rows repeated; 0.00 for scores, % for 执行率; autofilter; frozen header."""
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes))
    scores, scheme, result = book.worksheets[:3]
    for sheet in (scores, scheme, result):
        assert sheet.page_setup.paperSize == 9
        assert sheet.page_setup.fitToWidth in (None, 1)  # 1 is the default, left out of the file
        assert sheet.page_setup.fitToHeight == 0  # as many pages down as needed
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert scores.print_title_rows == "$1:$4"
    assert scheme.print_title_rows == "$1:$1"
    assert scores.freeze_panes == "A5"
    assert scheme.freeze_panes == "A2"
    assert scores.auto_filter.ref == "A4:H41"
    assert scheme.auto_filter.ref.startswith("A1:")
    assert scores["E5"].number_format == "0.00"
    assert scores.column_dimensions["C"].width > 60
    rates = [c for row in result.iter_rows() for c in row if c.number_format == "0.00%"]
    assert len(rates) == 1
    values = openpyxl.load_workbook(io.BytesIO(workbook_bytes), data_only=True).worksheets[2]
    assert number(values[rates[0].coordinate].value) == Decimal("0.9787")


def test_text_is_never_a_formula() -> None:
    """Evidence or names that start with = + - @ are written as text, so no cell computes what a figure says."""
    pack = perfscore.load_pack_text(
        "id: t\ntitle: T\nversion: '1'\nsource: s\nindicators:\n  - {id: a, name: '=1+1', weight: 100, rule: manual}\n"
    )
    figures = perfscore.load_figures_text("indicators:\n  a: {score: 90, evidence: '@SUM(A1:A9)', reason: '+1'}\n")
    card = perfscore.score(pack, figures)
    book = openpyxl.load_workbook(io.BytesIO(perfscore.Report(pack=pack, card=card).xlsx()))
    sheet = book.worksheets[0]
    assert sheet["B5"].value == "=1+1"
    assert sheet["B5"].data_type == "s"
    assert sheet["C5"].value.startswith("@SUM(A1:A9)")
    assert sheet["C5"].data_type == "s"


def test_audit_sheet_only_when_asked(baiyun_pack, baiyun_card) -> None:
    """The 技术附录 sheet (codes, ids, rules) is added by audit=True and absent by default."""
    plain = openpyxl.load_workbook(io.BytesIO(perfscore.Report(pack=baiyun_pack, card=baiyun_card).xlsx()))
    audited = openpyxl.load_workbook(
        io.BytesIO(perfscore.Report(pack=baiyun_pack, card=baiyun_card, audit=True).xlsx())
    )
    assert "技术附录" not in plain.sheetnames
    assert audited.sheetnames[-1] == "技术附录"
    cells = [c.value for row in audited["技术附录"].iter_rows() for c in row if c.value]
    assert "SUM_MISMATCH" in cells
    assert "t3.water_projects" in cells
    official = [c.value for sheet in plain.worksheets for row in sheet.iter_rows() for c in row]
    assert not [v for v in official if isinstance(v, str) and ("SUM_MISMATCH" in v or "t3.water_projects" in v)]
