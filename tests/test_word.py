"""The Word 自评报告: read back with python-docx, and laid out to PDF by LibreOffice where it is installed.

The LibreOffice test skips, with the reason, when ``libreoffice`` is not installed
(``.ci/run`` installs ``libreoffice-writer-nogui``); ``PERFSCORE_REQUIRE_LIBREOFFICE=1``
makes a missing LibreOffice a failure instead.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import EXAMPLES, RULES, run_cli
from reportcheck import artefacts

import perfscore

docx = pytest.importorskip("docx")

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def document(baiyun_pack, baiyun_card, baiyun_figures):
    """The Baiyun 自评报告 as python-docx reads it back from the bytes perfscore wrote."""
    data = perfscore.Report(pack=baiyun_pack, card=baiyun_card, figures=baiyun_figures).docx()
    return docx.Document(io.BytesIO(data))


def _headings(document) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]


def _number(text: str) -> Decimal:
    return Decimal(text.replace(",", "").removesuffix("%"))


def test_outline_follows_the_seed_report(document) -> None:
    """Headings in Heading styles give the seed's outline: 一 基本情况 … 四 改进措施, with their sub-sections."""
    headings = _headings(document)
    assert headings[0] == ("Title", "广州市白云区人民政府白云湖街道办事处2021年度部门整体支出绩效自评报告")
    level1 = [text for style, text in headings if style == "Heading 1"]
    assert level1 == ["一、基本情况", "二、综合评价分析", "三、存在的主要问题", "四、改进措施"]
    level2 = [text for style, text in headings if style == "Heading 2"]
    for wanted in ("（一）部门概况", "（二）年度总体工作和重点工作任务", "（一）自评结论综述", "（一）扣分情况"):
        assert wanted in level2
    assert any("各重点任务项目支出完成情况" in text for text in level2)


def test_free_text_comes_from_the_figures_and_placeholders_mark_the_rest(document, baiyun_figures) -> None:
    """部门概况 and 年度总体工作 are the figures' report text; 改进措施 (not given) is a marked placeholder."""
    body = [p.text for p in document.paragraphs]
    assert baiyun_figures.report["profile"] in body
    assert baiyun_figures.report["work"].splitlines()[1] in body
    measures = body.index("四、改进措施")
    assert body[measures + 1].startswith("【待填写：")


def test_conclusion_gives_the_range_and_grades_still_possible(document, baiyun_card) -> None:
    """The partial Baiyun result: the sentence names the range of totals and the grades still possible."""
    body = "\n".join(p.text for p in document.paragraphs)
    assert f"{baiyun_card.low} 至 {baiyun_card.high} 分" in body
    assert "“优”、“良”、“中”" in body


def test_budget_table_numbers_equal_the_figures(document, baiyun_figures) -> None:
    """年初预算 / 调整预算 / 执行数 are the figures' amounts; 执行率 is 执行数 ÷ 调整预算, to two places."""
    table = document.tables[0]
    heads = [cell.text for cell in table.rows[0].cells]
    assert heads == ["年初预算（万元）", "调整预算（万元）", "执行数（万元）", "执行率"]
    values = [_number(cell.text) for cell in table.rows[1].cells]
    amounts = baiyun_figures.amounts
    assert values[:3] == [amounts[f"budget.{key}"].value for key in ("initial", "adjusted", "executed")]
    assert values[3] == Decimal("97.87")


def test_score_table_numbers_equal_the_scorecard(document, baiyun_card) -> None:
    """表2: one row per indicator in pack order with its weight and score; tasks' 合计 merged; the range at the end."""
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "任务名称")
    rows = [[cell.text for cell in row.cells] for row in table.rows[1:]]
    results = list(baiyun_card.indicators())
    assert len(rows) == len(results) + 1
    for row, result in zip(rows, results, strict=False):
        assert row[1] == result.name
        assert _number(row[3]) == result.weight
        if result.score is not None:
            assert _number(row[4]) == result.score
        else:
            assert row[4] == f"{result.low:f}".rstrip("0").rstrip(".") + "–" + f"{result.high:f}".rstrip("0").rstrip(
                "."
            )
    subtotals = {row[0]: row[5] for row in rows if row[0]}
    for group in baiyun_card.groups():
        if group.name in subtotals and group.score is not None:
            assert _number(subtotals[group.name]) == group.score
    assert rows[-1][0] == "合计"
    assert rows[-1][5] == f"{baiyun_card.low}–{baiyun_card.high}"


def test_scheme_table_lists_every_indicator(document, baiyun_pack) -> None:
    """表1 lists every indicator of the pack once, with its weight."""
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "一级指标")
    weights = [_number(row.cells[-1].text) for row in table.rows[1:]]
    indicators = [node for _, node in baiyun_pack.walk() if isinstance(node, perfscore.Indicator)]
    assert weights == [node.weight for node in indicators]


def test_projects_table_lists_the_figures_projects(document, baiyun_figures) -> None:
    """各重点任务项目支出完成情况: each project of the figures with its amount, its parts below it (其中：…)."""
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "主要任务")
    rows = [(row.cells[1].text, _number(row.cells[2].text)) for row in table.rows[1:]]
    expected = []
    for project in baiyun_figures.projects:
        expected.append((project.name, project.amount.value))
        expected += [(f"其中：{part.name}", part.amount.value) for part in project.parts]
    assert rows == expected
    assert any(name.startswith("其中：") for name, _ in rows)


def test_problems_list_every_point_lost_with_its_reason(document, baiyun_card) -> None:
    """三、存在的主要问题 names each indicator that lost points, how many and why; 年度目标 is pending."""
    body = [p.text for p in document.paragraphs]
    start, end = body.index("三、存在的主要问题"), body.index("四、改进措施")
    problems = "\n".join(body[start:end])
    lost = [r for r in baiyun_card.indicators() if r.score is not None and r.score < r.weight]
    assert lost
    for result in lost:
        assert f"“{result.name}”" in problems
        assert f"扣 {(result.weight - result.score).normalize():f} 分" in problems
    assert "2项已基本完成，3项正在推进中" in problems
    assert "“年度目标”" in problems
    assert "【待填写：" in problems  # room for more


def test_word_structure(document) -> None:
    """A4, header rows repeated, rows kept whole, a PAGE field in the footer, 宋体/黑体 as East-Asian fonts."""
    section = document.sections[0]
    assert round(section.page_width.mm) == 210
    assert round(section.page_height.mm) == 297
    for table in document.tables:
        first = table.rows[0]._tr  # noqa: SLF001 - the XML is the point
        assert first.find(f"{W}trPr/{W}tblHeader") is not None
        for row in table.rows[1:]:
            assert row._tr.find(f"{W}trPr/{W}cantSplit") is not None  # noqa: SLF001
    footer = section.footer._element  # noqa: SLF001
    assert any(" PAGE " in (node.text or "") for node in footer.iter(f"{W}instrText"))
    fonts = {}
    for name in ("Normal", "Heading 1", "Heading 2", "Title"):
        rfonts = document.styles[name].element.find(f"{W}rPr/{W}rFonts")
        fonts[name] = rfonts.get(f"{W}eastAsia")
        assert rfonts.get(f"{W}eastAsiaTheme") is None
    assert fonts == {"Normal": "宋体", "Heading 1": "黑体", "Heading 2": "黑体", "Title": "黑体"}
    language = document.styles["Normal"].element.find(f"{W}rPr/{W}lang")
    assert language.get(f"{W}eastAsia") == "zh-CN"
    assert document.core_properties.title == document.paragraphs[0].text
    body = [p.text for p in document.paragraphs]
    assert body[-2] == "评价单位（盖章）：广州市白云区人民政府白云湖街道办事处"
    assert body[-1].startswith("日期：")


def test_free_of_developer_artefacts(document) -> None:
    """No diagnostic codes, ids, file locations, rule reprs, interval notation, "−0" or "。：" in the document."""
    paragraphs = [p.text for p in document.paragraphs]
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert artefacts("\n".join(paragraphs + cells)) == {}


def test_without_report_text_every_section_is_a_placeholder(baiyun_pack, baiyun_card) -> None:
    """No figures given: 部门概况, 年度工作, the budget and the projects are marked for the department to fill in."""
    data = perfscore.Report(pack=baiyun_pack, card=baiyun_card).docx()
    document = docx.Document(io.BytesIO(data))
    body = [p.text for p in document.paragraphs]
    for heading in ("（一）部门概况", "（二）年度总体工作和重点工作任务"):
        assert body[body.index(heading) + 1].startswith("【待填写：")
    assert document.tables[0].rows[1].cells[0].text.startswith("【待填写：")


def test_report_command_writes_docx(tmp_path) -> None:
    """`perfscore report PACK FIGURES --format docx -o FILE` writes the Word report."""
    target = tmp_path / "baiyun.docx"
    code, _, err = run_cli(
        "report",
        str(RULES / "baiyun-2021.yaml"),
        str(EXAMPLES / "baiyunhu-2021.yaml"),
        "--format",
        "docx",
        "-o",
        str(target),
    )
    assert code == 0, err
    document = docx.Document(target)
    assert document.paragraphs[0].text.endswith("部门整体支出绩效自评报告")
    assert "评价单位（盖章）：广州市白云区人民政府白云湖街道办事处" in [p.text for p in document.paragraphs]


@pytest.fixture(scope="module")
def libreoffice() -> str:
    """The LibreOffice executable, or a skip (a failure where CI requires it)."""
    found = shutil.which("libreoffice") or shutil.which("soffice")
    if found is None:
        reason = "libreoffice is not installed (apt-get install -y libreoffice-writer-nogui); .ci/run installs it"
        if os.environ.get("PERFSCORE_REQUIRE_LIBREOFFICE") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    return found


def test_libreoffice_lays_it_out_on_numbered_a4_pages(libreoffice, baiyun_pack, baiyun_card, baiyun_figures, tmp_path):
    """Converted headlessly to PDF: A4 pages, numbered by the footer field, Chinese text and the scores on them."""
    pypdf = pytest.importorskip("pypdf")
    source = tmp_path / "baiyun.docx"
    perfscore.Report(pack=baiyun_pack, card=baiyun_card, figures=baiyun_figures).write(source)
    subprocess.run(  # noqa: S603 - a fixed command line: LibreOffice and our own file
        [
            libreoffice,
            "--headless",
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        timeout=300,
        check=True,
    )
    reader = pypdf.PdfReader(tmp_path / "baiyun.pdf")
    pages = reader.pages
    assert len(pages) >= 5
    for page in pages:
        assert round(float(page.mediabox.width)) == 595
        assert round(float(page.mediabox.height)) == 842
    texts = ["".join(page.extract_text().split()) for page in pages]  # PDF text spacing varies
    for number, text in enumerate(texts, start=1):
        assert text.endswith(f"第{number}页")
    everything = "".join(texts)
    assert "一、基本情况" in everything
    assert "四、改进措施" in everything
    assert "78.86至98.86分" in everything
    keep = Path(__file__).resolve().parent.parent / "build"
    keep.mkdir(exist_ok=True)
    shutil.copyfile(tmp_path / "baiyun.pdf", keep / "report-baiyun-docx.pdf")
