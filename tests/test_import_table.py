"""`perfscore import-table`: indicator tables (CSV, xlsx) as Chinese forms lay them out, into rule packs."""

from __future__ import annotations

import importlib.util
from decimal import Decimal
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
    ("IMPORT_HEADER_MISSING", "名称,数值\n甲,1\n", (1, None), "first 60 rows"),
    (
        "IMPORT_POINTS_COLUMN_MISSING",
        (
            "预算执行情况 (20分),预算数(A),执行数(B)\n"
            "一级指标,二级指标,年初目标值(A),实际完成值(B),得分\n产出,数量,10,10,20\n"
        ),
        (2, None),
        "(一级指标 | 二级指标 | 年初目标值(A) | 实际完成值(B) | 得分)",
    ),
    ("IMPORT_EMPTY", "一级指标,分值\n", (1, None), "no indicator rows"),
    ("IMPORT_NAME_MISSING", "一级指标,二级指标,分值\n,,10\n", (2, None), "row 2 has values"),
    ("IMPORT_WEIGHT_MISSING", "一级指标,二级指标,分值,得分\n甲,乙,,5\n", (2, 3), "'乙' has no weight"),
    ("IMPORT_WEIGHT_INVALID", "一级指标,分值\n甲,十分\n", (2, 2), "cannot read '十分'"),
    ("IMPORT_WEIGHT_INVALID", "一级指标,分值\n甲,-5\n", (2, 2), "above 0"),
    (
        "IMPORT_WEIGHT_SUM",
        "一级指标,一级指标分值,二级指标,分值\n甲,30,乙,10\n,,丙,10\n",
        (2, 2),
        "'甲' is given 30 points, but its indicators add up to 20",
    ),
    ("IMPORT_LEAF_AND_GROUP", "一级指标,二级指标,分值\n甲,/,10\n甲,乙,5\n", (3, 1), "indicator on row 2"),
    ("IMPORT_DUPLICATE", "一级指标,二级指标,分值\n甲,乙,10\n甲,乙,5\n", (3, 2), "appears twice (first on row 2)"),
    ("IMPORT_ID_INVALID", "编号,一级指标,分值\na b,甲,100\n", (2, None), "'a b'"),
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


def test_a_header_without_points_is_named_not_missed(tmp_path) -> None:
    """A form printing levels and 得分 but no 分值 (the Hubei 自评表) is refused at its header row, in both languages.

    The generic "no header row" would send the user looking for a header that is there; the
    refusal names the row and what it lacks. A 分值 column added to the same table imports it.
    """
    table = "单位名称:某局,,,\n一级指标,三级指标,实际完成值,得分\n产出指标,完成数量,10,20\n"
    status, _, err, target = _import(tmp_path, _csv(tmp_path, table))
    assert status == 1
    assert not target.exists()
    assert "table.csv:2: IMPORT_POINTS_COLUMN_MISSING" in err
    assert "IMPORT_HEADER_MISSING" not in err
    zh = run_cli("--lang", "zh", "import-table", str(tmp_path / "table.csv"), "-o", str(target))
    assert "IMPORT_POINTS_COLUMN_MISSING 此行列出了指标层级" in zh[2]
    fixed = "一级指标,三级指标,实际完成值,分值,得分\n产出指标,完成数量,10,20,20\n"
    assert _import(tmp_path, _csv(tmp_path, fixed))[0] == 0


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


def test_what_the_form_contradicts_is_a_warning_not_a_stop(tmp_path) -> None:
    """A 合计 that the weights do not reach, an unreadable target, an unused column: warned, located, still written."""
    table = _csv(tmp_path, "一级指标,指标值,分值,备考\n甲,3斤,60,x\n乙,≥90%,30,\n合计,,100,\n")
    code, _, err, target = _import(tmp_path, table)
    assert code == 0, err
    place = str(tmp_path / "table.csv")
    assert f"{place}:4:3: IMPORT_TOTAL_MISMATCH the table's total is 100, but the weights" in err
    assert f"{place}:2:2: IMPORT_TARGET_UNREAD cannot read the target '3斤'" in err
    assert f"{place}:1:4: IMPORT_COLUMN_UNUSED the column '备考'" in err
    pack = perfscore.load_pack(target)
    assert pack.total == 90
    assert "3斤" in (pack.indicators()[0].description or "")


FORM = """\
项目支出绩效自评表,,,,,,,,
(2023年度),,,,,,,,
项目名称,示例项目,,,,,,,
主管部门,示例局,实施单位,示例中心,,,,,
项目资金(万元),,年初预算数,全年预算数(A),全年执行数(B),分值,执行率(B/A),得分,
,年度资金总额:,100,100,95,10,95%,9.5,
年度绩效指标完成情况,一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分,偏差原因分析及改进措施
,产出指标(50分),数量指标,培训人次,≥500人次,480人次,30,28.8,部分学员未到
,,质量指标,合格率,≥95%,0.96,20,20,
,,,……,,,,,
,效益指标(30分),社会效益指标,群众满意度,有效提升,有效提升,30,30,
,满意度指标(10分),服务对象满意度指标,满意度,≥90%,完成,10,10,
总分,,,,,,100,98.3,
"""


def test_a_printed_form_becomes_a_pack_and_its_figures(tmp_path) -> None:
    """Preamble, fund row, (A)/(B) headers, words and fractions as 完成值: one command, every print reproduced."""
    table = _csv(tmp_path, FORM)
    figures = tmp_path / "figures.yaml"
    code, _, err, target = _import(tmp_path, table, "--figures", str(figures))
    assert code == 0, err
    differs = [line for line in err.splitlines() if "IMPORT_SCORE_DIFFERS" in line]
    assert len(differs) == 2  # 0.96 against ≥95% is never read silently: row 9 keeps both readings, so does 总分
    assert "row 9 '合格率': printed 20, computed — (无单位的完成值 0.96 可读作 0.96% 或 96%" in differs[0]
    assert "FIGURE_PERCENT_AMBIGUOUS" in err
    assert "IMPORT_COLUMN_UNUSED the column '年度绩效指标完成情况'" in err
    pack = perfscore.load_pack(target)
    assert pack.indicators()[0].rule.kind == "execution_rate"
    assert [group.name for group in pack.children[1:]] == ["产出指标", "效益指标", "满意度指标"]
    assert pack.total == 100
    assert pack.rounding.decimals == 1
    text = figures.read_text(encoding="utf-8")
    assert '"0.96"' in text
    card = perfscore.score(
        pack, perfscore.load_figures_text(text.replace("perfscore: 1\n", "percent_numbers: fraction\n"))
    )
    assert card.total == Decimal("98.3")
    assert card.department == "示例中心"
    ambiguous = perfscore.score(pack, perfscore.load_figures(figures))
    assert (ambiguous.total, ambiguous.low, ambiguous.high) == (None, Decimal("78.5"), Decimal("98.3"))


def test_the_import_says_row_by_row_where_the_print_differs(tmp_path) -> None:
    """A printed score the rules do not give is reported at its cell: printed, computed, and why."""
    table = _csv(tmp_path, FORM.replace(",30,28.8,部分学员未到", ",30,27,部分学员未到").replace("98.3", "96.5"))
    code, _, err, _ = _import(tmp_path, table, "--figures", str(tmp_path / "f.yaml"))
    assert code == 0
    line = next(line for line in err.splitlines() if "IMPORT_SCORE_DIFFERS" in line and ":8:" in line)
    assert "row 8 '培训人次': printed 27, computed 28.8" in line
    assert "480" in line


def test_word_tables_are_read(tmp_path) -> None:
    """A .docx 自评表 imports like its CSV; --table picks a table by number or header word."""
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("附件")
    document.add_table(rows=1, cols=2).rows[0].cells[0].text = "无关表格"
    rows = [line.split(",") for line in FORM.strip().splitlines()]
    table = document.add_table(rows=len(rows), cols=9)
    for cells, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(cells.cells, values, strict=False):
            cell.text = value
    table.cell(7, 1).merge(table.cell(8, 1))  # 产出指标 merged down two rows, as Word prints it
    table.cell(7, 1).text = "产出指标(50分)"
    path = tmp_path / "form.docx"
    document.save(path)
    out = tmp_path / "p.yaml"
    code, _, err = run_cli(
        "--lang", "en", "import-table", str(path), "-o", str(out), "--figures", str(tmp_path / "f.yaml")
    )
    assert code == 0, err
    assert len(perfscore.load_pack(out).indicators()) == 5
    assert run_cli("import-table", str(path), "-o", str(out), "--table", "2")[0] == 0
    code, _, err = run_cli("--lang", "en", "import-table", str(path), "-o", str(out), "--table", "9")
    assert code == 2
    assert "IMPORT_TABLE_UNKNOWN" in err


def test_warning_codes_of_a_real_form(tmp_path) -> None:
    """Each way a printed form departs from the rules has its code: all warnings, so the pack is still written."""
    text = FORM.replace(",30,28.8,部分学员未到", ",30,27,部分学员未到").replace(",培训人次,", ",培训人次,") + ""
    text = text.replace(",,,……,,,,,", ",,,其中线上,≥100人次,90人次,,,")
    text = text.replace("总分,,,,,,100,98.3,", "总分,,,,,,99,98.3,").replace("≥500人次", "500斤")
    text = text.replace("效益指标(30分)", "效益指标(25分)")
    code, _, err, _ = _import(tmp_path, _csv(tmp_path, text), "--figures", str(tmp_path / "f.yaml"))
    assert code == 0, err
    found = {
        code
        for code in (
            "IMPORT_COLUMN_UNUSED",
            "IMPORT_SCORE_DIFFERS",
            "IMPORT_TOTAL_MISMATCH",
            "IMPORT_TARGET_UNREAD",
            "IMPORT_ROW_UNWEIGHTED",
            "IMPORT_GROUP_POINTS",
        )
        if f" {code} " in err
    }
    assert len(found) == 6, err


def test_a_coefficient_column_becomes_the_coefficient(tmp_path) -> None:
    """得分 = 得分系数 × 分值: a 得分系数 column is written as coefficient, and scores reproduce the print."""
    table = _csv(
        tmp_path,
        "一级指标,三级指标,指标值,完成值,分值,得分系数,得分\n产出,培训,≥100人,90人,20,80%,16\n效益,满意度,达成,基本达成,80,0.9,72\n",
    )
    figures = tmp_path / "f.yaml"
    code, _, err, target = _import(tmp_path, table, "--figures", str(figures))
    assert code == 0, err
    assert "IMPORT_SCORE_DIFFERS" not in err
    text = figures.read_text(encoding="utf-8")
    assert 'coefficient: "80%"' in text
    card = perfscore.score(perfscore.load_pack(target), perfscore.load_figures(figures))
    assert card.total == 88


def test_bands_printed_in_the_note_become_the_levels(tmp_path) -> None:
    """A note printing 区间100-80%(含80%)、80-50%(含50%)、50-0% gives the pack those qualitative levels."""
    note = '"注:分别按照该指标对应分值区间100-80%(含80%)、80-50%(含50%)、50-0%合理确定得分",,,,,,,,\n'
    table = _csv(tmp_path, FORM + note)
    code, _, err, target = _import(tmp_path, table)
    assert code == 0, err
    levels = perfscore.load_pack(target).qualitative.levels
    assert [(level.label, level.low, level.high) for level in levels] == [
        ("达成", Decimal("0.8"), Decimal(1)),
        ("部分达成", Decimal("0.5"), Decimal("0.8")),
        ("未达成", Decimal(0), Decimal("0.5")),
    ]


def test_points_printed_beside_each_level(tmp_path) -> None:
    """A 分值 beside each level: the last is the indicators', the others check the groups' points."""
    head = "一级指标,分值,二级指标,分值,三级指标,分值,得分\n"
    good = head + "决策,20,目标,4,目标内容,4,4\n,,过程,16,依据,6,6\n,,,,程序,10,10\n"
    code, _, err, target = _import(tmp_path, _csv(tmp_path, good))
    assert code == 0, err
    assert _tree(perfscore.load_pack(target)) == [
        (0, "决策", "20"),
        (1, "目标", "4"),
        (2, "目标内容", "4"),
        (1, "过程", "16"),
        (2, "依据", "6"),
        (2, "程序", "10"),
    ]
    code, _, err, _ = _import(tmp_path, _csv(tmp_path, good.replace(",,,,程序,10,10", ",,,,程序,9,9")))
    assert code == 1
    assert "IMPORT_WEIGHT_SUM" in err


def test_deadlines_as_forms_print_them(tmp_path) -> None:
    """9月前 is ≤9月; 2023年12月 against a completion in 2023 compares months; another year is not guessed."""
    table = _csv(
        tmp_path,
        "一级指标,三级指标,指标值,完成值,分值,得分\n"
        "时效,验收时间,9月前,7月,10,10\n,完工时限,2023年12月,2023年10月,10,10\n,交付时限,2023年12月,2024年1月,10,8\n",
    )
    figures = tmp_path / "f.yaml"
    code, _, err, target = _import(tmp_path, table, "--figures", str(figures))
    assert code == 0, err
    assert "IMPORT_SCORE_DIFFERS" not in err
    pack = perfscore.load_pack(target)
    assert [node.target_text for node in pack.indicators()] == ["≤9月", "≤12月", None]
    assert "IMPORT_TARGET_UNREAD cannot read the target '2023年12月'" in err
    card = perfscore.score(pack, perfscore.load_figures(figures))
    assert [(result.rule_kind, result.score) for result in card.indicators()] == [
        ("reverse", 10),
        ("reverse", 10),
        ("qualitative", 8),  # the printed score, as the assessor's
    ]


def test_actual_headed_shi_ji_wan_cheng_zhi_biao_zhi_is_the_completion_column(tmp_path) -> None:
    """济南历城's 实际完成指标值(B) (next to 预期指标值(A)) is read as the 完成值 column, not warned as unused."""
    table = _csv(
        tmp_path,
        "一级指标,二级指标,三级指标,预期指标值(A),实际完成指标值(B),分值,得分\n"
        "产出指标,数量指标,全年免费开放,100%,100%,50,50\n"
        ",成本指标,实际成本,≥45万,40万,50,44.44\n",
    )
    figures = tmp_path / "figures.yaml"
    code, _, err, target = _import(tmp_path, table, "--figures", str(figures))
    assert code == 0, err
    assert "IMPORT_COLUMN_UNUSED" not in err
    assert "IMPORT_SCORE_DIFFERS" not in err
    card = perfscore.score(perfscore.load_pack(target), perfscore.load_figures(figures))
    assert [row.score for row in card.indicators()] == [Decimal(50), Decimal("44.44")]  # 40/45 × 50


def test_a_range_target_imports_as_an_interval_and_scores_its_prints(tmp_path) -> None:
    """90%-100% and 1-3次 become ``interval`` rules; actuals inside score full marks, outside by the nearer bound."""
    table = _csv(
        tmp_path,
        "一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分\n"
        "产出指标,质量指标,合格率,90%-100%,95%,50,50\n"
        ",数量指标,检查次数,1-3次,6次,50,25\n",
    )
    figures = tmp_path / "figures.yaml"
    code, _, err, target = _import(tmp_path, table, "--figures", str(figures))
    assert code == 0, err
    assert "IMPORT_SCORE_DIFFERS" not in err
    pack = perfscore.load_pack(target)
    assert [node.rule.kind for node in pack.indicators()] == ["interval", "interval"]
    card = perfscore.score(pack, perfscore.load_figures(figures))
    assert [row.score for row in card.indicators()] == [Decimal(50), Decimal(25)]  # 6 against ≤3: 3/6 × 50


FUND_NOTE = '"注:预算执行率≥90%得满分,80%-90%得8分,60%-80%得5分,低于60%不得分。",,,,,,,,\n'


def _banded_form(executed: str, rate: str, score: str) -> str:
    return FORM.replace(",100,95,10,95%,9.5,", f",100,{executed},10,{rate},{score},") + FUND_NOTE


@pytest.mark.parametrize(
    ("executed", "rate", "points"), [("85", "85%", "8"), ("90", "90%", "10"), ("59.9", "59.9%", "0")]
)
def test_fund_bands_printed_in_the_note_score_the_fund_row(tmp_path, executed, rate, points) -> None:
    """执行率≥90%得满分,80%-90%得8分,…,低于60%不得分 becomes execution_rate's bands: the printed 得分 is reproduced."""
    table = _csv(tmp_path, _banded_form(executed, rate, points))
    figures = tmp_path / "figures.yaml"
    code, _, err, target = _import(tmp_path, table, "--figures", str(figures))
    assert code == 0, err
    assert not [line for line in err.splitlines() if "IMPORT_SCORE_DIFFERS" in line and ":6:" in line]
    pack = perfscore.load_pack(target)
    rule = pack.indicators()[0].rule
    assert rule.kind == "execution_rate"
    assert [str(band) for band in rule.bands] == ["[90, +∞)", "[80, 90)", "[60, 80)", "[0, 60)"]
    card = perfscore.score(pack, perfscore.load_figures(figures))
    assert card.node("budget").score == Decimal(points)
    assert "落在" in card.explain("budget", lang="zh")


def test_fund_bands_read_from_the_method_cell_and_from_the_printed_rate(tmp_path) -> None:
    """A 得分计算方法 cell beside the fund row states the bands; without amounts the printed rate is banded."""
    form = FORM.replace("执行率(B/A),得分,", "执行率(B/A),得分,得分计算方法").replace(
        ",100,95,10,95%,9.5,", ',,,10,85%,8,"执行率90%(含)以上得满分,80%-90%得8分,80%以下不得分"'
    )
    figures = tmp_path / "figures.yaml"
    code, _, err, target = _import(tmp_path, _csv(tmp_path, form), "--figures", str(figures))
    assert code == 0, err
    pack = perfscore.load_pack(target)
    assert [str(band) for band in pack.indicators()[0].rule.bands] == ["[90, +∞)", "[80, 90)", "[0, 80)"]
    assert perfscore.score(pack, perfscore.load_figures(figures)).node("budget").score == Decimal(8)


@pytest.mark.parametrize(
    "note",
    [
        "执行率*该指标分值,最高不得超过分值上限。",  # a formula: the national proportion
        "执行率≥90%得满分,60%-80%得5分,低于60%不得分",  # 80%–90% not stated: a gap, not guessed
        "执行率≥90%得满分,低于90%按比例得分",  # a band without a printed score
    ],
)
def test_incomplete_fund_bands_are_not_read(tmp_path, note) -> None:
    """A statement that is a formula, leaves a gap or prints no score for a band keeps the plain execution_rate."""
    table = _csv(tmp_path, FORM + f'"注:{note}",,,,,,,,\n')
    code, _, err, target = _import(tmp_path, table)
    assert code == 0, err
    rule = perfscore.load_pack(target).indicators()[0].rule
    assert (rule.kind, rule.bands) == ("execution_rate", ())


HEBEI = (
    "四、年度绩效指标完成情况,一级指标,二级指标,三级指标,指标分值,预期指标值,,,单项指标实际完成值,单项指标完成情况,"
    "自评得分,,\n"
    ",,,,,符号,,单位(文字描述),,,单项指标得分,权重占比(%),单项指标折算得分\n"
    ",产出指标,质量指标,覆盖率,享受补贴人数的比例,>=,98,%(百分比),100%,完成,60.00,60.00,36.00\n"
    ",满意度指标,服务对象满意度指标,满意度,满意程度,>=,95,%(百分比),90%,未完成,40.00,40.00,16.00\n"
)


def test_a_header_split_over_a_second_row(tmp_path) -> None:
    """河北: a row under the header splits 预期指标值 and 自评得分; 权重占比 is the points, 单项指标得分 the score."""
    figures = tmp_path / "figures.yaml"
    code, _, err, target = _import(tmp_path, _csv(tmp_path, HEBEI), "--figures", str(figures))
    assert code == 0, err
    unused = [line.split("'")[1] for line in err.splitlines() if "IMPORT_COLUMN_UNUSED" in line]
    assert unused == ["四、年度绩效指标完成情况", "指标分值", "单项指标完成情况", "单项指标折算得分"]
    pack = perfscore.load_pack(target)
    leaves = {node.name: (node.rule.kind, node.target_text, str(node.weight)) for node in pack.indicators()}
    assert leaves == {"覆盖率": ("positive", "≥98%(百分比)", "60"), "满意度": ("positive", "≥95%(百分比)", "40")}
    card = perfscore.score(pack, perfscore.load_figures(figures))
    assert [card.node(leaf.id).score for leaf in pack.indicators()] == [60, Decimal("37.89")]  # 90/95 × 40
    differs = [line for line in err.splitlines() if "IMPORT_SCORE_DIFFERS" in line]
    assert len(differs) == 1
    assert "'满意度': printed 40.00" in differs[0]
