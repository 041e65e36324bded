"""Batch scoring: `score_many` streams results, `perfscore batch` writes rows, a ranking and a grade distribution."""

from __future__ import annotations

import csv
import io
import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import EXAMPLES, RULES, run_cli
from reportcheck import number
from test_diagnostic_codes import PACK as MINI  # the same small pack: a, g › g.q, g.m

import perfscore

TABLE = """\
department,year,a,g.q:score,g.m:score,g.m:reason,published:grade
甲街道,2024,100场,30,10,全部完成,优
乙街道,2024,90场,27,8,基本完成,
丙街道,2024,100场,30,10,全部完成,
丁街道,2024,95场,,5,部分完成,
戊街道,2024,一百场,20,5,部分完成,
"""


@pytest.fixture
def mini_files(tmp_path) -> tuple[Path, Path]:
    """The mini pack and the five-department table."""
    pack = tmp_path / "mini.yaml"
    pack.write_text(MINI, encoding="utf-8")
    table = tmp_path / "departments.csv"
    table.write_text(TABLE, encoding="utf-8")
    return pack, table


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_score_many_streams(baiyun_pack, baiyun_figures) -> None:
    """Results come one at a time as they are asked for: the input is not read ahead."""
    consumed = []

    def departments():
        for number_ in range(3):
            consumed.append(number_)
            yield baiyun_figures

    stream = perfscore.score_many(baiyun_pack, departments())
    first = next(stream)
    assert consumed == [0]
    assert first.ok
    assert first.index == 0
    assert first.card == perfscore.score(baiyun_pack, baiyun_figures)
    assert len(list(stream)) == 2


def test_score_many_keeps_going_past_bad_figures(baiyun_pack, tmp_path) -> None:
    """A department whose figures are invalid yields its diagnostics; the next one is still scored."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("indicators:\n  t4.drug_campaigns: {actual: 一百场}\n", encoding="utf-8")
    good = EXAMPLES / "baiyunhu-2021.yaml"
    results = list(
        perfscore.score_many(
            baiyun_pack,
            [
                bad,
                str(good),
                {"department": "映射", "indicators": {"t3.water_projects": {"score": 2}}},
                ("named", lambda: perfscore.load_figures(good)),
                perfscore.figures_from_mapping({"department": "空"}),
            ],
        )
    )
    assert [result.ok for result in results] == [False, True, False, True, True]
    assert [result.source for result in results] == [str(bad), str(good), "#3", "named", "#5"]
    assert results[0].errors[0].code == "FIGURE_NUMBER"
    assert results[0].department is None
    assert results[2].errors[0].code == "FIGURE_SCORE_RANGE"
    assert results[1].department == "广州市白云区人民政府白云湖街道办事处"
    assert results[4].card.partial


def test_batch_from_a_table(mini_files, tmp_path) -> None:
    """One row per department in, one row per department out: totals, grades, subtotals, ranks; bad rows located."""
    pack, table = mini_files
    out = tmp_path / "result.csv"
    code, stdout, _ = run_cli("--lang", "en", "batch", str(pack), str(table), "-o", str(out))
    assert code == 1  # one department could not be scored
    assert "5 departments" in stdout
    assert "invalid 1" in stdout
    assert "partial 1" in stdout
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    rows = _read_csv(out)
    assert [row["department"] for row in rows] == ["甲街道", "丙街道", "乙街道", "丁街道", ""]
    assert [row["rank"] for row in rows] == ["1", "1", "", "", ""]  # a number, or empty while it is a range
    assert [(row["rank_low"], row["rank_high"]) for row in rows] == [
        ("1", "1"),
        ("1", "1"),
        ("3", "4"),
        ("3", "4"),
        ("", ""),
    ]
    assert [row["rank_complete"] for row in rows] == ["1", "1", "3", "", ""]  # partial results left out
    first = rows[0]
    assert (first["total"], first["grade"], first["G"], first["warnings"], first["status"]) == (
        "100",
        "优",
        "40",
        "0",
        "scored",
    )
    assert rows[2]["total"] == "89"
    assert (rows[3]["status"], rows[3]["total"], rows[3]["low"], rows[3]["high"]) == ("partial", "", "62", "92")
    assert rows[3]["grades_possible"] == "优、良、中"
    assert rows[3]["G"] == "5–35"  # the group's column is named by its name
    assert rows[4]["status"] == "invalid"
    assert f"{table}:6:3: FIGURE_NUMBER" in rows[4]["diagnostics"]
    assert rows[4]["source"] == f"{table}:6"
    grades = _read_csv(tmp_path / "result.grades.csv")
    assert grades == [
        {"grade": "优", "count": "2", "possible": "1"},
        {"grade": "良", "count": "1", "possible": "1"},
        {"grade": "中", "count": "0", "possible": "1"},
        {"grade": "差", "count": "0", "possible": "0"},
    ]


def test_batch_json_and_markdown(mini_files, tmp_path) -> None:
    """JSON holds the departments in input order, the ranking and the grade distribution; Markdown the same tables."""
    pack, table = mini_files
    run_cli("batch", str(pack), str(table), "-o", str(tmp_path / "r.json"))
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert [row["department"] for row in data["departments"]] == ["甲街道", "乙街道", "丙街道", "丁街道", None]
    assert [entry["rank"] for entry in data["ranking"]] == ["1", "1", "3–4", "3–4"]
    assert data["grades"][0] == {"grade": "优", "count": 2, "possible": 1}
    assert data["invalid"] == 1
    assert data["departments"][1]["total"] == 89
    run_cli("batch", str(pack), str(table), "-o", str(tmp_path / "r.md"))
    text = (tmp_path / "r.md").read_text(encoding="utf-8")
    for heading in ("## departments", "## ranking", "## grades"):
        assert heading in text
    assert "| 3–4    | 丁街道" in text


def test_batch_xlsx_in_and_out(mini_files, tmp_path) -> None:
    """A workbook in, a workbook out: numbers stay numbers, header rows are frozen, three sheets."""
    openpyxl = pytest.importorskip("openpyxl")
    pack, _ = mini_files
    book = openpyxl.Workbook()
    for row in csv.reader(io.StringIO(TABLE)):
        book.active.append(row)
    book.active["D2"] = 30  # a number cell, as Excel stores it
    source = tmp_path / "departments.xlsx"
    book.save(source)
    out = tmp_path / "result.xlsx"
    code, _, _ = run_cli("batch", str(pack), str(source), "-o", str(out))
    assert code == 1
    result = openpyxl.load_workbook(out)
    assert result.sheetnames == ["departments", "ranking", "grades"]
    sheet = result["departments"]
    assert sheet.freeze_panes == "A2"
    head = [cell.value for cell in sheet[1]]
    first = dict(zip(head, [cell.value for cell in sheet[2]], strict=True))
    assert number(first["total"]) == 100
    assert number(first["G"]) == 40
    assert first["grade"] == "优"
    assert (
        f"{source}[Sheet]:6:3: FIGURE_NUMBER"
        in dict(zip(head, [c.value for c in sheet[6]], strict=True))["diagnostics"]
    )
    assert [number(cell.value) for cell in result["grades"]["B"][1:]] == [2, 1, 0, 0]


def test_batch_from_a_folder(tmp_path) -> None:
    """A folder of figures files: one department each, in name order; the Baiyun range ranks as a range."""
    folder = tmp_path / "depts"
    folder.mkdir()
    shutil.copy(EXAMPLES / "baiyunhu-2021.yaml", folder / "a.yaml")
    shutil.copy(EXAMPLES / "baiyunhu-2021.yaml", folder / "b.yml")
    (folder / "c.yaml").write_text("indicators:\n  t4.drug_campaigns: {actual: 一百场}\n", encoding="utf-8")
    (folder / "notes.txt").write_text("not figures", encoding="utf-8")
    out = tmp_path / "r.csv"
    code, _, _ = run_cli("batch", str(RULES / "baiyun-2021.yaml"), str(folder), "-o", str(out))
    assert code == 1
    rows = _read_csv(out)
    assert [Path(row["source"]).name for row in rows] == ["a.yaml", "b.yml", "c.yaml"]
    assert [(row["rank"], row["rank_low"], row["rank_high"]) for row in rows] == [
        ("", "1", "2"),
        ("", "1", "2"),
        ("", "", ""),
    ]
    first = rows[0]
    assert (first["low"], first["high"], first["年度主要支出计划"], first["加强城市管理，优化人居环境。"]) == (
        "78.86",
        "98.86",
        "49.5",
        "13.5",
    )
    assert rows[0]["warnings"] == "4"


def test_all_valid_exits_0(mini_files, tmp_path) -> None:
    """When every department is scored the batch exits 0."""
    pack, table = mini_files
    table.write_text("\n".join(TABLE.splitlines()[:4]) + "\n", encoding="utf-8")
    code, _, _ = run_cli("batch", str(pack), str(table), "-o", str(tmp_path / "r.csv"))
    assert code == 0


def test_unknown_column_stops_the_batch(mini_files, tmp_path) -> None:
    """A column that names nothing in the pack is BATCH_COLUMN_UNKNOWN at its header cell; nothing is written."""
    pack, table = mini_files
    table.write_text("department,g.x:score,a:actul\n甲,1,2\n", encoding="utf-8")
    code, _, err = run_cli("--lang", "en", "batch", str(pack), str(table), "-o", str(tmp_path / "r.csv"))
    assert code == 1
    assert "BATCH_COLUMN_UNKNOWN" in err
    assert f"{table}:1:2: BATCH_COLUMN_UNKNOWN the column 'g.x:score'" in err
    assert f"{table}:1:3: BATCH_COLUMN_UNKNOWN" in err
    assert not (tmp_path / "r.csv").exists()


def test_nothing_to_score(mini_files, tmp_path) -> None:
    """An empty folder, or a table with a header and no rows, is BATCH_EMPTY."""
    pack, table = mini_files
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, err = run_cli("batch", str(pack), str(empty), "-o", str(tmp_path / "r.csv"))
    assert (code, "BATCH_EMPTY" in err) == (1, True)
    table.write_text("department,a\n", encoding="utf-8")
    code, _, err = run_cli("batch", str(pack), str(table), "-o", str(tmp_path / "r.csv"))
    assert (code, "BATCH_EMPTY" in err) == (1, True)


def test_table_columns_map_to_figures(tmp_path) -> None:
    """Amounts, published results, nested keys and a bare indicator id reach the figures loader, located."""
    pack = perfscore.load_pack(RULES / "baiyun-2021.yaml")
    table = tmp_path / "t.csv"
    table.write_text(
        "department,year,tolerance,amounts:budget.adjusted,amounts:budget.executed,t3.water_projects,"
        "t3.water_projects:level,t4.drug_campaigns,t4.drug_campaigns:override.score,t4.drug_campaigns:override.reason,"
        "published:grade,published:t3\n"
        "某街道,2021,0.01,100万元,90万元,0.5,未达成,90场,1,复核,良,13.5\n",
        encoding="utf-8",
    )
    from perfscore._files.sheets import read_sheet  # noqa: PLC0415
    from perfscore._inputs.batchtable import table_figures  # noqa: PLC0415 - the reader behind `perfscore batch`

    [(source, load)] = list(table_figures(pack, read_sheet(table)))
    figures = load()
    assert source == f"{table}:2"
    assert figures.year == 2021
    assert figures.amounts["budget.executed"].value == Decimal(90)
    assert figures.indicator("t3.water_projects").values["score"] == Decimal("0.5")
    assert figures.indicator("t4.drug_campaigns").override.score == 1
    assert str(figures.indicator("t4.drug_campaigns").location_of("actual")) == f"{table}:2:8"
    card = perfscore.score(pack, figures)
    assert card["progress"].score == 27
    assert card["t4.drug_campaigns"].score == 1
    assert not [d for d in card.diagnostics if d.code == "PUBLISHED_MISMATCH"]


def test_chinese_output_for_excel(mini_files, tmp_path) -> None:
    """Under --lang zh: a BOM, Chinese headers and status words, group columns by name, counts in the summary."""
    pack, table = mini_files
    out = tmp_path / "结果.csv"
    code, stdout, _ = run_cli("--lang", "zh", "batch", str(pack), str(table), "-o", str(out))
    assert code == 1
    assert "部分评分 1" in stdout
    assert "无法评分 1" in stdout
    assert "快速评分 2" in stdout
    rows = _read_csv(out)
    assert list(rows[0])[:4] == ["排名", "最好名次", "最差名次", "完整结果中排名"]
    assert [row["状态"] for row in rows] == ["已评分", "已评分", "已评分", "部分评分", "无法评分"]
    assert rows[0]["G"] == "40"  # the group "g" is named G
    assert _read_csv(tmp_path / "结果.grades.csv")[0] == {"等级": "优", "单位数": "2", "仍可能达到的单位数": "1"}


def test_quiet_and_verbose(mini_files, tmp_path) -> None:
    """--quiet prints nothing; --verbose lists each department scored the slow way, with its reason and column."""
    pack, table = mini_files
    code, stdout, stderr = run_cli("batch", str(pack), str(table), "-o", str(tmp_path / "r.csv"), "--quiet")
    assert (code, stdout, stderr) == (1, "", "")
    _, stdout, _ = run_cli("--lang", "en", "batch", str(pack), str(table), "-o", str(tmp_path / "r.csv"), "--verbose")
    listed = stdout.splitlines()[1:]
    assert listed == [
        (
            f"  {table}:2: a column the fast path does not read is filled in "
            "(published figures, evidence, notes …) (published:grade)"
        ),
        f"  {table}:5: a figure is not given (empty cell), so the result is a range (g.q:score)",
        f"  {table}:6: a cell is not a number the fast path reads; perfscore.score judges it (a)",
    ]


def test_folder_in_two_processes_keeps_its_order(tmp_path, monkeypatch) -> None:
    """A folder scored in chunks by two processes gives the file one process gives, byte for byte."""
    from perfscore._batch import runner  # noqa: PLC0415

    monkeypatch.setattr(runner, "FILE_CHUNK", 2)
    folder = tmp_path / "depts"
    folder.mkdir()
    for index in range(7):
        shutil.copy(EXAMPLES / "baiyunhu-2021.yaml", folder / f"d{index}.yaml")
    (folder / "d3.yaml").write_text("indicators:\n  t4.drug_campaigns: {actual: 一百场}\n", encoding="utf-8")
    pack = RULES / "baiyun-2021.yaml"
    run_cli("batch", str(pack), str(folder), "-o", str(tmp_path / "one.csv"), "--jobs", "1")
    run_cli("batch", str(pack), str(folder), "-o", str(tmp_path / "two.csv"), "--jobs", "2")
    assert (tmp_path / "one.csv").read_bytes() == (tmp_path / "two.csv").read_bytes()
    assert [Path(row["source"]).name for row in _read_csv(tmp_path / "two.csv")][-1] == "d3.yaml"


def test_progress_bar_on_a_terminal_only(monkeypatch) -> None:
    """The bar is drawn on a terminal, not on a pipe, not with --quiet, and not without tqdm."""
    from perfscore._batch.progress import progress_bar  # noqa: PLC0415

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    with progress_bar(10, screen, quiet=False, lang="en") as advance:
        assert advance is not None
        advance(10)
    assert "0/10 [" in screen.getvalue()  # drawn, then cleared (leave=False)
    with progress_bar(10, io.StringIO(), quiet=False, lang="en") as advance:
        assert advance is None
    with progress_bar(10, Terminal(), quiet=True, lang="en") as advance:
        assert advance is None
    monkeypatch.setitem(__import__("sys").modules, "tqdm", None)
    with progress_bar(10, Terminal(), quiet=False, lang="en") as advance:
        assert advance is None
