"""`perfscore import-table`: indicator tables (CSV, xlsx) as Chinese forms lay them out, into rule packs."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from conftest import ROOT, run_cli

import perfscore

TABLE_1 = ROOT / "tests" / "fixtures" / "baiyun-table1.csv"


def _tree(pack: perfscore.Pack) -> list[tuple[int, str, str]]:
    """(depth, name, weight) of every node, in order."""
    return [(len(parents), node.name, str(node.weight)) for parents, node in pack.walk()]


def _import(tmp_path: Path, source: Path, *extra: str) -> tuple[int, str, str, Path]:
    target = tmp_path / "imported.yaml"
    code, out, err = run_cli("--lang", "en", "import-table", str(source), "-o", str(target), *extra)
    return code, out, err, target


def _csv(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "table.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_baiyun_table_1_becomes_the_plan(tmp_path, baiyun_plan) -> None:
    """The Baiyun 表1 as a CSV (merged cells blank) imports to the plan's tree: same names, same weights."""
    code, out, err, target = _import(tmp_path, TABLE_1, "--id", "baiyun-table1")
    assert code == 0, err
    assert "39 indicators, 34 without a target scored as qualitative" in out
    assert run_cli("check", str(target))[0] == 0
    pack = perfscore.load_pack(target)
    assert _tree(pack) == _tree(baiyun_plan)
    assert pack.id == "baiyun-table1"
    assert pack.title == "表1 白云湖街年度关键指标"
    assert pack.total == 100


def test_rules_follow_from_the_targets(tmp_path) -> None:
    """≥ is positive, ≤ reverse, = equal, a label qualitative; no target is qualitative under assumption I1."""
    _, _, err, target = _import(tmp_path, TABLE_1)
    assert err == ""
    pack = perfscore.load_pack(target)
    kinds = {node.name: (node.rule.kind, node.target_text, node.assumptions) for node in pack.indicators()}
    assert kinds["完成发展党员率"] == ("positive", "100%", ())
    assert kinds["开展禁毒宣传工作"] == ("positive", "≥100场", ())
    assert kinds["阵地建设的数量、质量"] == ("qualitative", None, ("I1",))
    assert pack.assumption("I1") is not None
    text = _csv(
        tmp_path,
        "一级指标,二级指标,指标值,分值\n产出,时效,≤5个工作日,30\n,安全,=0起,30\n效益,满意度,达成,20\n,覆盖,不低于90%,20\n",
    )
    code, _, err, target = _import(tmp_path, text)
    assert code == 0, err
    pack = perfscore.load_pack(target)
    assert [node.rule.kind for node in pack.indicators()] == ["reverse", "equal", "qualitative", "positive"]
    assert pack.assumptions == ()


def test_xlsx_with_merged_cells_and_percent_cells(tmp_path) -> None:
    """An .xlsx table: merged group cells, a title row, a cell formatted as percent, a unit column, notes."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "指标表"
    sheet.append(["某项目绩效指标表"])
    sheet.append(["一级指标", "二级指标", "三级指标", "指标值", "计量单位", "分值", "评分标准"])
    sheet.append(["产出指标", "数量指标", "培训人数", 500, "人次", 20, "完成得满分，未完成按比例"])
    sheet.append([None, None, "覆盖率", 0.95, None, 20, None])
    sheet.append([None, "质量指标", "合格率", "≥98%", None, 10, None])
    sheet.append(["效益指标", "社会效益", "群众满意度", "达成", None, 50, None])
    sheet.merge_cells("A3:A5")
    sheet.merge_cells("B3:B4")
    sheet["D4"].number_format = "0%"
    path = tmp_path / "table.xlsx"
    book.save(path)
    code, _, err, target = _import(tmp_path, path, "--id", "project", "--title", "某项目")
    assert code == 0, err
    pack = perfscore.load_pack(target)
    assert _tree(pack) == [
        (0, "产出指标", "50"),
        (1, "数量指标", "40"),
        (2, "培训人数", "20"),
        (2, "覆盖率", "20"),
        (1, "质量指标", "10"),
        (2, "合格率", "10"),
        (0, "效益指标", "50"),
        (1, "社会效益", "50"),
        (2, "群众满意度", "50"),
    ]
    indicators = {node.name: node for node in pack.indicators()}
    assert indicators["培训人数"].target_text == "500人次"
    assert indicators["覆盖率"].target_text == "95%"
    assert indicators["培训人数"].description == "完成得满分，未完成按比例"
    assert pack.title == "某项目"
    assert run_cli("check", str(target))[0] == 0
    assert _import(tmp_path, path, "--sheet", "指标表")[0] == 0


def test_gbk_csv_is_read(tmp_path) -> None:
    """A CSV saved by Chinese Excel (GB18030/GBK) is read as well as UTF-8."""
    path = tmp_path / "gbk.csv"
    path.write_bytes("一级指标,分值\n预算执行率,40\n满意度,60\n".encode("gbk"))
    code, _, err, target = _import(tmp_path, path)
    assert code == 0, err
    assert [node.name for node in perfscore.load_pack(target).indicators()] == ["预算执行率", "满意度"]


CASES = [
    ("IMPORT_HEADER_MISSING", "名称,数值\n甲,1\n", (1, None), "first 15 rows"),
    ("IMPORT_EMPTY", "一级指标,分值\n", (1, None), "no indicator rows"),
    ("IMPORT_NAME_MISSING", "一级指标,二级指标,分值\n,,10\n", (2, None), "row 2 has values"),
    ("IMPORT_WEIGHT_MISSING", "一级指标,二级指标,分值\n甲,乙,\n", (2, 3), "'乙' has no weight"),
    ("IMPORT_WEIGHT_INVALID", "一级指标,分值\n甲,十分\n", (2, 2), "cannot read '十分'"),
    ("IMPORT_WEIGHT_INVALID", "一级指标,分值\n甲,-5\n", (2, 2), "above 0"),
    (
        "IMPORT_WEIGHT_SUM",
        "一级指标,一级指标分值,二级指标,分值\n甲,30,乙,10\n,,丙,10\n",
        (2, 2),
        "'甲' is given 30 points, but its indicators add up to 20",
    ),
    ("IMPORT_WEIGHT_SUM", "一级指标,分值\n甲,60\n乙,30\n合计,100\n", (4, 2), "'合计' is given 100 points"),
    ("IMPORT_LEAF_AND_GROUP", "一级指标,二级指标,分值\n甲,/,10\n甲,乙,5\n", (3, 1), "indicator on row 2"),
    ("IMPORT_DUPLICATE", "一级指标,二级指标,分值\n甲,乙,10\n甲,乙,5\n", (3, 2), "appears twice (first on row 2)"),
    ("IMPORT_ID_INVALID", "编号,一级指标,分值\na b,甲,100\n", (2, None), "'a b'"),
    ("TARGET_UNPARSEABLE", "一级指标,指标值,分值\n甲,100%-90%,100\n", (2, 2), "lower bound of the range is above"),
]


@pytest.mark.parametrize(("code", "table", "where", "words"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_what_cannot_be_read_is_located(tmp_path, code, table, where, words) -> None:
    """Each problem is reported with its code at its row and column; nothing is written; exit 1."""
    status, _, err, target = _import(tmp_path, _csv(tmp_path, table))
    assert status == 1
    assert not target.exists()
    row, column = where
    place = f"{tmp_path / 'table.csv'}:{row}" + (f":{column}" if column else "")
    line = next(line for line in err.splitlines() if f" {code} " in line)
    assert line.startswith(place + ": "), line
    assert words in line


def test_xlsx_locations_name_the_sheet(tmp_path) -> None:
    """In a workbook the location names the sheet: table.xlsx[Sheet]:row:column."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.title = "表1"
    book.active.append(["一级指标", "分值"])
    book.active.append(["甲", "abc"])
    path = tmp_path / "t.xlsx"
    book.save(path)
    code, _, err, _ = _import(tmp_path, path)
    assert code == 1
    assert f"{path}[表1]:2:2: IMPORT_WEIGHT_INVALID" in err
    code, _, err, _ = _import(tmp_path, path, "--sheet", "Sheet9")
    assert code == 2
    assert "SHEET_UNKNOWN" in err
    assert "表1" in err


def test_unreadable_inputs(tmp_path) -> None:
    """An unknown extension, a file that is no workbook, and undecodable CSV bytes are clear errors."""
    odd = tmp_path / "table.txt"
    odd.write_text("x", encoding="utf-8")
    code, _, err, _ = _import(tmp_path, odd)
    assert (code, "FORMAT_UNKNOWN" in err) == (2, True)
    fake = tmp_path / "fake.xlsx"
    fake.write_bytes(b"not a zip")
    code, _, err, _ = _import(tmp_path, fake)
    expected = "FILE_UNREADABLE" if importlib.util.find_spec("openpyxl") else "EXTRA_MISSING"
    assert (code, expected in err) == (2, True)
    garbled = tmp_path / "garbled.csv"
    garbled.write_bytes(b"\xff\xfe\xff\xff")
    code, _, err, _ = _import(tmp_path, garbled)
    assert (code, "FILE_ENCODING" in err) == (2, True)


def test_continuation_row_adds_to_the_note(tmp_path) -> None:
    """A row that repeats the indicator above with neither weight nor target only continues its scoring note."""
    table = _csv(tmp_path, "一级指标,分值,评分标准\n甲,100,完成得满分\n,,未完成按比例\n")
    code, _, err, target = _import(tmp_path, table)
    assert code == 0, err
    assert perfscore.load_pack(target).indicators()[0].description == "完成得满分\n未完成按比例"
