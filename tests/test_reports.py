"""Reports for people: HTML, Markdown and xlsx built from a scorecard and its pack."""

from __future__ import annotations

import io
import os
import stat
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import EXAMPLES, RULES, run_cli
from reportcheck import artefacts, evaluate, html_fields, number, visible_text

import perfscore
from perfscore._files.atomic import write_atomic, write_text_atomic
from perfscore.cli import main
from perfscore.extras import require
from perfscore.reports.view import runs

PACK = str(RULES / "baiyun-2021.yaml")
FIGURES = str(EXAMPLES / "baiyunhu-2021.yaml")

# A complete result with a percent-weighted group, to check totals, grades and ROUND formulas.
MINI = """\
id: mini
title: Mini
version: "2"
source: test
assumptions:
  - {id: M1, text: 访问量按平台统计}
indicators:
  - {id: a, name: 访问量, weight: 60, target: "≥100场", assumptions: [M1]}
  - id: g
    name: 满意度
    weight: 40
    aggregation: percent
    children:
      - {id: g.q, name: 群众满意度, weight: 70, rule: qualitative}
      - {id: g.m, name: 专家评分, weight: 30, rule: manual}
"""
MINI_FIGURES = """\
department: 测试单位
year: 2024
indicators:
  a: {actual: 97场}
  g.q: {score: 65.5}
  g.m: {score: 30, reason: 专家组评分}
"""


@pytest.fixture
def mini() -> tuple[perfscore.Pack, perfscore.Scorecard]:
    """The mini pack and its complete scorecard."""
    pack = perfscore.load_pack_text(MINI)
    return pack, perfscore.score(pack, perfscore.load_figures_text(MINI_FIGURES))


def _plain(value: Decimal | None) -> str:
    return "" if value is None else format(value.normalize(), "f")


def assert_html_matches(text: str, card: perfscore.Scorecard) -> None:
    """Every indicator's weight and score, every subtotal, the total or range: as the scorecard has them."""
    fields = html_fields(text)
    for result in card.indicators():
        assert fields[("weight", result.id)][-1] == _plain(result.weight), result.id
        shown = _plain(result.score) if result.score is not None else f"{_plain(result.low)}–{_plain(result.high)}"
        assert fields[("score", result.id)] == [shown], result.id
    for group in card.groups():
        shown = _plain(group.score) if group.score is not None else f"{_plain(group.low)}–{_plain(group.high)}"
        assert fields[("group-score", group.id)] == [shown], group.id
    assert fields[("max", None)] == [_plain(card.max)]
    if card.total is not None:
        assert fields[("total", None)] == [_plain(card.total)]
        assert fields[("grade", None)] == [card.grade]
    else:
        assert fields[("low", None)] == [_plain(card.low)]
        assert fields[("high", None)] == [_plain(card.high)]
        assert fields[("grades-possible", None)] == ["、".join(card.grades_possible)]


def test_html_numbers_equal_the_scorecard(baiyun_pack, baiyun_card) -> None:
    """The Baiyun HTML report shows each score, each subtotal, the range and the grades still possible."""
    text = perfscore.Report(pack=baiyun_pack, card=baiyun_card).html()
    assert_html_matches(text, baiyun_card)
    fields = html_fields(text)
    assert [fields[("subtotal", task)] for task in ("t1", "t2", "t3", "t4", "t5")] == [
        ["5"],
        ["14"],
        ["13.5"],
        ["14"],
        ["3"],
    ]
    assert fields[("department", None)] == ["广州市白云区人民政府白云湖街道办事处"]
    assert fields[("source", None)] == [baiyun_card.pack_title]


def test_html_merges_task_cells(baiyun_pack, baiyun_card) -> None:
    """Each task's name and 合计 span its indicators' rows, as in 表2."""
    text = perfscore.Report(pack=baiyun_pack, card=baiyun_card).html()
    assert '<td class="task" data-id="t3" rowspan="8">加强城市管理，优化人居环境。</td>' in text
    assert 'data-field="subtotal" data-id="t3" rowspan="8">13.5</td>' in text
    assert text.count(">加强城市管理，优化人居环境。</td>") == 1  # named once in 表2, not on every row


def test_html_is_self_contained_and_printable(baiyun_pack, baiyun_card) -> None:
    """No script, stylesheet, image or font is fetched; A4 page rules and page-break rules are there."""
    text = perfscore.Report(pack=baiyun_pack, card=baiyun_card).html()
    for forbidden in ("<script", "<link", "<img", "@import", "url(http", "src=", "@font-face"):
        assert forbidden not in text
    assert text.replace('xmlns="http://www.w3.org/2000/svg"', "").count("http") == 0
    assert "@page { size: A4;" in text
    assert "thead { display: table-header-group; }" in text
    assert "break-inside: avoid; page-break-inside: avoid;" in text
    assert text.count("<svg") == 2


def test_report_shows_the_partial_result_and_its_reconciliation(baiyun_pack, baiyun_card) -> None:
    """The partial Baiyun result: range, grades still possible, and why 良 is possible — in words for officials."""
    report = perfscore.Report(pack=baiyun_pack, card=baiyun_card, audit=False)
    for text in (report.html(), report.markdown()):
        assert "78.86" in text
        assert "98.86" in text
        assert "优、良、中" in text
        assert "1.14 分及以上、不足 11.14 分" in text
        assert "PUBLISHED_GRADE_CONSISTENT" not in text
        assert "[1.14, 11.14)" not in text
    audited = perfscore.Report(pack=baiyun_pack, card=baiyun_card, audit=True)
    for text in (audited.html(), audited.markdown()):
        assert "PUBLISHED_GRADE_CONSISTENT" in text
        assert "[1.14, 11.14)" in text


def test_report_explains_each_deduction(baiyun_pack, baiyun_card) -> None:
    """The points lost are listed with their reasons: the water projects lost 0.5 of 1."""
    report = perfscore.Report(pack=baiyun_pack, card=baiyun_card)
    fields = html_fields(report.html())
    assert fields[("lost", "t3.water_projects")] == ["0.5"]
    assert fields[("lost", "progress")] == ["0.64"]
    assert len([key for key in fields if key[0] == "lost"]) == 2
    for text in (report.html(), report.markdown()):
        assert "2项已基本完成，3项正在推进中" in text


def test_report_lists_assumptions_and_adjustments_and_audits_the_rest(baiyun_pack, baiyun_card) -> None:
    """Officials see the assumptions and adjustments by name and reason; warnings, ids and codes are in the 技术附录."""
    official = perfscore.Report(pack=baiyun_pack, card=baiyun_card, audit=False)
    audited = perfscore.Report(pack=baiyun_pack, card=baiyun_card, audit=True)
    for text in (official.html(), official.markdown(), audited.html(), audited.markdown()):
        assert "部门支出进度（30 分）按预算执行率计分" in text
        assert "交通安全宣传全覆盖工作" in text  # an updated indicator, by name
        assert "鉴于今年疫情和突发事件" in text
    for text in (visible_text(official.html()), official.markdown()):
        assert "技术附录" not in text
        assert artefacts(text) == {}
        for artefact in ("SUM_MISMATCH", "t2.sports_events", "budget.executed", "seed-3-1-3", "qualitative("):
            assert artefact not in text
    for text in (audited.html(), audited.markdown()):
        assert "技术附录" in text
        assert "SUM_MISMATCH" in text
        assert "17621.94" in text
        for name in ("A1", "A2", "A3", "A4"):
            assert name in text
        assert "t2.sports_events" in text
        assert "seed-3-1-3" in text


def test_complete_result_html(mini) -> None:
    """A complete result shows its total and grade, and marks the total on the grade bands."""
    pack, card = mini
    assert card.total == Decimal("96.4")
    text = perfscore.Report(pack=pack, card=card).html()
    assert_html_matches(text, card)
    assert 'class="marker" data-total="96.4"' in text
    assert "访问量按平台统计" in text
    assert "M1" in perfscore.Report(pack=pack, card=card, audit=True).html()


def test_markdown_report(baiyun_pack, baiyun_card) -> None:
    """The Markdown report has every section, the 表2 columns, and each task named on its first row only."""
    text = perfscore.Report(pack=baiyun_pack, card=baiyun_card).markdown()
    for heading in (
        "## 总分与等级",
        "## 评分表（表2）",
        "## 扣分及理由",
        "## 指标体系（表1）",
        "## 技术附录",
        "### 警告",
        "## 规则包声明的假设",
    ):
        assert heading in text
    assert "| 任务 " in text
    assert "| 实现情况 " in text
    assert "| 合计 " in text
    table = text.split("## 评分表（表2）")[1].split("## 各级合计")[0]
    assert table.count("加强城市管理，优化人居环境。") == 1
    assert "年度主要支出计划：49.5 / 50" in text
    assert "- 年度目标：扣 0–20 分 / 满分 20" in text
    assert "−0" not in text


def test_markdown_in_english(mini) -> None:
    """--lang en gives English labels."""
    pack, card = mini
    text = perfscore.Report(pack=pack, card=card, lang="en").markdown()
    assert "## Score table (table 2)" in text
    assert "**Total: 96.4 / 100 · Grade: 优**" in text


def test_xlsx_round_trip_baiyun(baiyun_pack, baiyun_card) -> None:
    """Numbers are numbers, header rows frozen, task cells merged, formulas give the scorecard's subtotals."""
    openpyxl = pytest.importorskip("openpyxl")
    data = perfscore.Report(pack=baiyun_pack, card=baiyun_card).xlsx()
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book.worksheets[0]
    assert sheet.freeze_panes == "A5"
    assert [cell.value for cell in sheet[4]] == ["任务", "指标", "实现情况", "权重", "得分", "合计", "最低", "最高"]
    rows = {sheet.cell(row=r, column=2).value: r for r in range(5, sheet.max_row + 1)}
    for result in baiyun_card.indicators():
        row = rows[result.name]
        assert number(sheet.cell(row=row, column=4).value) == result.weight
        assert number(sheet.cell(row=row, column=5).value) == result.score
        assert number(sheet.cell(row=row, column=7).value) == result.low
        assert number(sheet.cell(row=row, column=8).value) == result.high
    names = {
        sheet.cell(row=r, column=1).value: r for r in range(5, sheet.max_row + 1) if sheet.cell(row=r, column=1).value
    }
    for group in baiyun_card.groups():
        row = names["  " * (len(group.path) - 1) + group.name]
        formula = sheet.cell(row=row, column=5).value
        assert formula.startswith("=SUM(")
        assert evaluate(sheet, f"E{row}") == group.score
        assert evaluate(sheet, f"G{row}") == group.low
        assert evaluate(sheet, f"H{row}") == group.high
    total_row = names["总分区间"]
    assert sheet.cell(row=total_row, column=5).value is None  # no total while 年度目标 is missing
    assert evaluate(sheet, f"G{total_row}") == baiyun_card.low
    assert evaluate(sheet, f"H{total_row}") == baiyun_card.high
    water = rows["市政水务工程项目数量、质量"]
    task_cell = max(r for r in range(5, water + 1) if sheet.cell(row=r, column=6).value)
    assert evaluate(sheet, f"F{task_cell}") == Decimal("13.5")
    merged = {str(cell_range) for cell_range in sheet.merged_cells.ranges}
    assert f"A{task_cell}:A{task_cell + 7}" in merged
    assert f"F{task_cell}:F{task_cell + 7}" in merged
    scheme = book.worksheets[1]
    assert scheme.freeze_panes == "A2"
    assert [cell.value for cell in scheme[1]][:4] == ["一级指标", "二级指标", "三级指标", "指标值"]
    assert sum(number(scheme.cell(row=r, column=5).value) or 0 for r in range(2, scheme.max_row + 1)) == 100


def test_xlsx_complete_total_and_percent_group(mini) -> None:
    """A complete total is a SUM formula; a percent-weighted group's subtotal is a ROUND formula; both recompute."""
    openpyxl = pytest.importorskip("openpyxl")
    pack, card = mini
    book = openpyxl.load_workbook(io.BytesIO(perfscore.Report(pack=pack, card=card).xlsx()))
    sheet = book.worksheets[0]
    labels = {sheet.cell(row=r, column=1).value: r for r in range(1, sheet.max_row + 1)}
    group_row, total_row = labels["满意度"], labels["总分"]
    assert sheet.cell(row=group_row, column=5).value.startswith("=ROUND(SUM(")
    assert evaluate(sheet, f"E{group_row}") == card["g"].score == Decimal("38.2")
    assert evaluate(sheet, f"E{total_row}") == card.total
    assert sheet.cell(row=total_row, column=3).value == "等级：优"
    result = book.worksheets[2]
    values = {result.cell(row=r, column=1).value: result.cell(row=r, column=2).value for r in range(1, 12)}
    assert number(values["总分"]) == card.total
    assert values["等级"] == "优"


def test_report_needs_the_pack_that_scored_the_card(baiyun_plan, baiyun_card) -> None:
    """A report of a scorecard with another pack is refused with REPORT_PACK_MISMATCH."""
    with pytest.raises(perfscore.UsageError) as caught:
        perfscore.Report(pack=baiyun_plan, card=baiyun_card)
    assert caught.value.codes == ("REPORT_PACK_MISMATCH",)


def test_unknown_format_is_refused(tmp_path, mini) -> None:
    """A file name whose extension names no format is FORMAT_UNKNOWN, and nothing is written."""
    pack, card = mini
    with pytest.raises(perfscore.UsageError) as caught:
        perfscore.Report(pack=pack, card=card).write(tmp_path / "report.pdf")
    assert caught.value.codes == ("FORMAT_UNKNOWN",)
    assert list(tmp_path.iterdir()) == []


def test_atomic_write_leaves_nothing_behind_on_failure(tmp_path) -> None:
    """A writer that fails half-way leaves neither a file nor a temporary file; an old file stays whole."""
    target = tmp_path / "out.html"

    def failing(stream):
        stream.write(b"half of it")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        write_atomic(target, failing)
    assert list(tmp_path.iterdir()) == []
    target.write_text("the old report", encoding="utf-8")
    with pytest.raises(RuntimeError):
        write_atomic(target, failing)
    assert target.read_text(encoding="utf-8") == "the old report"
    assert [path.name for path in tmp_path.iterdir()] == ["out.html"]


def test_atomic_write_replaces_with_ordinary_permissions(tmp_path) -> None:
    """A finished write replaces the file and gets the permissions an ordinary open() would give."""
    target = tmp_path / "out.md"
    write_text_atomic(target, "first")
    write_text_atomic(target, "second")
    assert target.read_text(encoding="utf-8") == "second"
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask


def test_failure_while_rendering_keeps_the_old_report(tmp_path, mini, monkeypatch) -> None:
    """If the xlsx writer fails inside the workbook save, the report already at the destination is untouched."""
    pytest.importorskip("xlsxwriter")
    pack, card = mini
    target = tmp_path / "report.xlsx"
    target.write_bytes(b"previous")

    def broken_close(book):
        book.filename.write(b"PK partial zip")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("xlsxwriter.Workbook.close", broken_close)
    with pytest.raises(perfscore.UsageError) as caught:
        perfscore.Report(pack=pack, card=card).write(target)
    assert caught.value.codes == ("OUTPUT_UNWRITABLE",)
    assert target.read_bytes() == b"previous"
    assert [path.name for path in tmp_path.iterdir()] == ["report.xlsx"]


def test_missing_folder_is_output_unwritable(tmp_path, mini) -> None:
    """Writing into a folder that does not exist is OUTPUT_UNWRITABLE, a usage error."""
    pack, card = mini
    with pytest.raises(perfscore.UsageError) as caught:
        perfscore.Report(pack=pack, card=card).write(tmp_path / "no" / "such" / "report.html")
    assert caught.value.codes == ("OUTPUT_UNWRITABLE",)


def test_missing_extra_is_a_clear_error(monkeypatch, mini) -> None:
    """An optional package that is not installed is EXTRA_MISSING, naming the extra to install."""
    with pytest.raises(perfscore.UsageError) as caught:
        require("perfscore_no_such_package", extra="excel", feature="the Excel report")
    assert caught.value.codes == ("EXTRA_MISSING",)
    assert "pip install 'perfscore[excel]'" in caught.value.format("en")
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(perfscore.UsageError) as caught:
        mini[1].to_pandas()
    assert "perfscore[pandas]" in caught.value.format("en")
    monkeypatch.setitem(sys.modules, "xlsxwriter", None)
    with pytest.raises(perfscore.UsageError) as caught:
        perfscore.Report(pack=mini[0], card=mini[1]).xlsx()
    assert caught.value.codes == ("EXTRA_MISSING",)


@pytest.mark.parametrize(
    ("fmt", "suffix", "marker"), [("html", ".html", b"<!DOCTYPE html>"), ("md", ".md", b"# "), ("xlsx", ".xlsx", b"PK")]
)
def test_report_command(tmp_path, fmt, suffix, marker) -> None:
    """`perfscore report PACK FIGURES --format FMT -o FILE` writes the report and says so."""
    if fmt == "xlsx":
        pytest.importorskip("openpyxl")
    target = tmp_path / f"baiyun{suffix}"
    code, _, err = run_cli("--lang", "en", "report", PACK, FIGURES, "--format", fmt, "-o", str(target))
    assert code == 0, err
    assert target.read_bytes().startswith(marker)
    assert f"wrote {target} ({fmt}, total 78.86–98.86)" in err


def test_report_command_format_from_extension(tmp_path) -> None:
    """Without --format the extension decides; an unknown one exits 2 with FORMAT_UNKNOWN."""
    code, _, _ = run_cli("report", PACK, FIGURES, "-o", str(tmp_path / "r.html"))
    assert code == 0
    assert (tmp_path / "r.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    code, _, err = run_cli("report", PACK, FIGURES, "-o", str(tmp_path / "r.txt"))
    assert code == 2
    assert "FORMAT_UNKNOWN" in err


def test_report_command_with_bad_figures_writes_nothing(tmp_path) -> None:
    """Invalid figures exit 1 with their diagnostics, and no report file appears."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("indicators:\n  t4.drug_campaigns: {actual: 一百场}\n", encoding="utf-8")
    code, _, err = run_cli("report", PACK, str(bad), "-o", str(tmp_path / "r.html"))
    assert code == 1
    assert "FIGURE_NUMBER" in err
    assert not (tmp_path / "r.html").exists()


def test_notebook_display_of_scorecard_and_pack(baiyun_pack, baiyun_card) -> None:
    """Jupyter shows a scorecard as its chart and 表2 table, a pack as its 表1 scheme; both scoped, no script."""
    card_html = baiyun_card._repr_html_()
    assert_fields = html_fields(card_html)
    assert assert_fields[("score", "t3.water_projects")] == ["0.5"]
    assert assert_fields[("subtotal", "t3")] == ["13.5"]
    assert "<svg" in card_html
    assert '<div class="perfscore">' in card_html
    pack_html = baiyun_pack._repr_html_()
    assert 'data-field="group-weight" data-id="plan" rowspan="35"' in pack_html
    assert "<th>三级指标</th>" in pack_html
    assert "A4" in pack_html
    report_html = perfscore.Report(pack=baiyun_pack, card=baiyun_card)._repr_html_()
    assert report_html.count("<svg") == 2
    assert "<html" not in report_html


def test_plain_repl_text(baiyun_pack, baiyun_card) -> None:
    """In a plain REPL, repr is one readable line and str is the table."""
    assert repr(baiyun_card) == (
        "Scorecard(pack='baiyun-2021', version='1.0.0', department='广州市白云区人民政府白云湖街道办事处', year=2021, "
        "range=78.86–98.86, max=100, grades_possible='优、良、中', indicators=37, warnings=4)"
    )
    assert repr(baiyun_pack).startswith("Pack(id='baiyun-2021', version='1.0.0', title='白云湖街道2021")
    assert repr(baiyun_pack).endswith("total=100, groups=6, indicators=37, extends='baiyun-2021-plan')")
    assert "年度主要支出计划: 49.5 / 50" in str(baiyun_card)
    report = perfscore.Report(pack=baiyun_pack, card=baiyun_card)
    assert repr(report) == "Report(baiyun-2021 v1.0.0, 广州市白云区人民政府白云湖街道办事处 2021)"


def test_to_records_and_to_pandas(baiyun_card) -> None:
    """to_records gives plain dicts; to_pandas the same rows as a DataFrame: float scores, or exact Decimals."""
    pytest.importorskip("pandas")
    records = baiyun_card.to_records()
    frame = baiyun_card.to_pandas()
    assert len(frame) == len(records) == 37
    assert list(frame.columns) == list(records[0])
    water = frame[frame["id"] == "t3.water_projects"].iloc[0]
    assert water["score"] == 0.5
    exact = baiyun_card.to_pandas(exact=True)
    assert isinstance(exact[exact["id"] == "t3.water_projects"].iloc[0]["score"], Decimal)
    assert water["path"] == "年度主要支出计划 › 加强城市管理，优化人居环境。"


def test_runs_merge_equal_neighbours() -> None:
    """Merged-cell runs: equal neighbours merge, None never does."""
    assert runs(["a", "a", "b", None, None, "b"]) == [2, 0, 1, 1, 1, 1]
    assert runs([]) == []


def test_written_report_is_the_rendered_one(tmp_path, mini) -> None:
    """Report.write writes exactly what html() and markdown() return."""
    pack, card = mini
    report = perfscore.Report(pack=pack, card=card)
    assert report.write(tmp_path / "a.htm") == "html"
    assert (tmp_path / "a.htm").read_text(encoding="utf-8") == report.html()
    assert report.write(Path(tmp_path / "a.markdown")) == "md"
    assert (tmp_path / "a.markdown").read_text(encoding="utf-8") == report.markdown()


@pytest.mark.parametrize(
    ("command", "words"),
    [("report", "--format {html,xlsx,md,docx}"), ("import-table", "-o PACK.yaml"), ("batch", "FIGURES_DIR_OR_CSV")],
)
def test_new_commands_have_help_and_need_an_output(command, words, capsys) -> None:
    """`perfscore report|import-table|batch --help` exits 0 and shows the arguments; without -o it is a usage error."""
    assert main([command, "--help"]) == 0
    assert words in capsys.readouterr().out
    assert main([command, PACK, FIGURES] if command != "import-table" else [command, PACK]) == 2
