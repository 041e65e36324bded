"""The self-evaluation report in Word (``perfscore[word]``): the 自评报告 a department files.

It follows the seed report's outline — 一、基本情况, 二、综合评价分析 (自评结论综述, the
budget table, 表1, 表2, 各重点任务项目支出完成情况), 三、存在的主要问题 (every point lost,
pre-filled), 四、改进措施 — and is a real Word document: headings in the Heading
styles (Word's navigation pane shows the outline), tables whose header rows repeat on
every page and whose rows never split, A4 pages numbered by a ``PAGE`` field, the
评价单位 / 日期 / 签章 block, and 宋体 / 黑体 named as East-Asian fonts so Chinese
renders in Word and WPS. Free text the figures do not give is a marked placeholder
(【待填写：…】) for the department to complete in Word.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, BinaryIO

from perfscore._core.decimals import plain
from perfscore._core.figures import Project
from perfscore._text.labels import level_name
from perfscore.extras import require
from perfscore.reports.filed import FiledReport, conclusion
from perfscore.reports.plain import placeholder, plain_sentence
from perfscore.reports.view import cell_text, runs
from perfscore.reports.wordparts import (
    BODY_FONT,
    HEADING_FONT,
    add_field,
    header_row,
    keep_row_whole,
    set_fonts,
    set_language,
)

_ZH = {
    "title": "{who}部门整体支出绩效自评报告",
    "basic": "一、基本情况",
    "profile": "（一）部门概况",
    "work": "（二）年度总体工作和重点工作任务",
    "analysis": "二、综合评价分析",
    "conclusion": "（一）自评结论综述",
    "budget": "（二）部门整体资金情况",
    "table1": "（三）部门整体绩效指标设定",
    "table1_caption": "表1 年度关键指标",
    "table2": "（四）各项任务及对应指标评分情况",
    "table2_caption": "表2 各项任务及对应指标评分情况",
    "projects": "（五）各重点任务项目支出完成情况",
    "problems": "三、存在的主要问题",
    "lost": "（一）扣分情况",
    "more": "（二）其他问题",
    "measures": "四、改进措施",
    "evaluator": "评价单位（盖章）：",
    "date": "日期：",
    "blank_date": "      年    月    日",
    "page": "第 {page} 页",
    "none_lost": "各项指标均得满分，无扣分。",
}
_TEXT_WIDTH_MM = 166  # A4 less 22 mm margins either side


def write_docx(filed: FiledReport, stream: BinaryIO) -> None:
    """Write the Word report of ``filed`` to ``stream``."""
    docx = require("docx", extra="word", feature="the Word report")
    document = docx.Document()
    _page_setup(document)
    _styles(document)
    card = filed.view.card
    who = "".join(str(part) for part in (card.department, f"{card.year}年度" if card.year else "") if part)
    properties = document.core_properties
    properties.title = _ZH["title"].format(who=who)
    properties.author = card.department or ""
    properties.subject = card.pack_title
    title = document.add_heading(_ZH["title"].format(who=who), level=0)
    title.alignment = 1  # centred, as the seed's cover title
    _basic(document, filed)
    _analysis(document, filed)
    _problems(document, filed)
    document.add_heading(_ZH["measures"], level=1)
    _paragraphs(document, filed.section("measures", "改进措施及相关建议"))
    _signature(document, filed)
    document.save(stream)


def _page_setup(document: Any) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: PLC0415 - optional extra
    from docx.shared import Mm  # noqa: PLC0415

    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(25)
    section.left_margin = section.right_margin = Mm(22)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    before, after = _ZH["page"].split("{page}")
    footer.add_run(before)
    add_field(footer, "PAGE")
    footer.add_run(after)


def _styles(document: Any) -> None:
    from docx.shared import Pt  # noqa: PLC0415 - optional extra

    styles = document.styles
    set_fonts(styles["Normal"], BODY_FONT, size=12)
    set_language(styles["Normal"])
    styles["Normal"].paragraph_format.line_spacing = 1.25
    styles["Normal"].paragraph_format.space_after = Pt(4)
    set_fonts(styles["Title"], HEADING_FONT, size=18, bold=True)
    set_fonts(styles["Heading 1"], HEADING_FONT, size=15, bold=True)
    set_fonts(styles["Heading 2"], HEADING_FONT, size=13, bold=True)
    set_fonts(styles["Caption"], HEADING_FONT, size=10.5, bold=True)
    set_fonts(styles["Table Grid"], BODY_FONT, size=9)


def _paragraphs(document: Any, text: str) -> None:
    from docx.shared import Pt  # noqa: PLC0415 - optional extra

    for line in text.splitlines():
        if line.strip():
            paragraph = document.add_paragraph(line.strip())
            paragraph.paragraph_format.first_line_indent = Pt(24)


def _basic(document: Any, filed: FiledReport) -> None:
    document.add_heading(_ZH["basic"], level=1)
    document.add_heading(_ZH["profile"], level=2)
    _paragraphs(document, filed.section("profile", "部门概况（机构设置、人员编制、下属单位）"))
    document.add_heading(_ZH["work"], level=2)
    _paragraphs(document, filed.section("work", "年度总体工作和重点工作任务"))


def _table(
    document: Any, heads: list[str], rows: list[list[str]], widths: Sequence[float], *, numeric: set[int] | None = None
) -> Any:
    """A grid table filling the text width (``widths`` in parts of it), its header row repeated."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: PLC0415 - optional extra
    from docx.shared import Mm  # noqa: PLC0415

    table = document.add_table(rows=1 + len(rows), cols=len(heads))
    table.style = "Table Grid"
    table.autofit = False
    scale = _TEXT_WIDTH_MM / sum(widths)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Mm(width * scale)
        for cell in column.cells:
            cell.width = Mm(width * scale)
    for index, head in enumerate(heads):
        cell = table.rows[0].cells[index]
        cell.text = head
        cell.paragraphs[0].runs[0].bold = True
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    header_row(table.rows[0])
    for row_index, values in enumerate(rows, start=1):
        row = table.rows[row_index]
        keep_row_whole(row)
        for column, value in enumerate(values):
            row.cells[column].text = value
            if numeric and column in numeric:
                row.cells[column].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return table


def _merge_down(table: Any, column: int, spans: list[int]) -> None:
    """Merge each run of equal cells in ``column`` (``spans`` from :func:`runs`), keeping the first's text."""
    for start, span in enumerate(spans):
        if span > 1:
            first = table.cell(start + 1, column)
            text = first.text
            for offset in range(1, span):
                table.cell(start + 1 + offset, column).text = ""
            merged = first.merge(table.cell(start + span, column))
            merged.text = text


def _caption(document: Any, text: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: PLC0415 - optional extra

    paragraph = document.add_paragraph(text, style="Caption")
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.keep_with_next = True


def _analysis(document: Any, filed: FiledReport) -> None:
    view = filed.view
    document.add_heading(_ZH["analysis"], level=1)
    document.add_heading(_ZH["conclusion"], level=2)
    _paragraphs(document, conclusion(filed))
    for line in view.reconciliation:
        _paragraphs(document, plain_sentence(line.message("zh")))
    document.add_heading(_ZH["budget"], level=2)
    budget = filed.budget

    def shown(value: Any, suffix: str = "") -> str:
        return f"{plain(value)}{suffix}" if value is not None else placeholder("金额", "zh")

    heads = [f"年初预算（{budget.unit}）", f"调整预算（{budget.unit}）", f"执行数（{budget.unit}）", "执行率"]
    row = [shown(budget.initial), shown(budget.adjusted), shown(budget.executed), shown(budget.rate, "%")]
    _table(document, heads, [row], [1, 1, 1, 1], numeric={0, 1, 2, 3})
    document.add_heading(_ZH["table1"], level=2)
    _caption(document, _ZH["table1_caption"])
    _scheme(document, filed)
    document.add_heading(_ZH["table2"], level=2)
    _caption(document, _ZH["table2_caption"])
    _scores(document, filed)
    document.add_heading(_ZH["projects"], level=2)
    _projects(document, filed)


def _scheme(document: Any, filed: FiledReport) -> None:
    view = filed.view
    depth, lines = view.scheme_depth, view.scheme
    heads = [level_name(level, "zh") for level in range(depth)] + ["指标值", "权重（分）"]
    rows = []
    for line in lines:
        cells = [f"{group.name}（{plain(group.weight)}）" for group in line.groups]
        cells += [line.indicator.name] * (depth - len(cells))
        rows.append([*cells, line.indicator.target_text or "", plain(line.indicator.weight)])
    table = _table(document, heads, rows, [28] * depth + [36, 14], numeric={depth + 1})
    for level in range(depth - 1):
        keys = [line.groups[level].id if level < len(line.groups) else None for line in lines]
        _merge_down(table, level, runs(keys))
    for index, line in enumerate(lines):  # an indicator above the deepest level spans the level columns
        if len(line.groups) + 1 < depth:
            first = table.cell(index + 1, len(line.groups))
            merged = first.merge(table.cell(index + 1, depth - 1))
            merged.text = line.indicator.name


def _scores(document: Any, filed: FiledReport) -> None:
    view = filed.view
    heads = ["任务名称", "任务的关键性指标", "实现情况分析", "权重", "得分", "合计"]
    rows, keys = [], []
    for block in view.blocks:
        for result in block.rows:
            said = result.evidence or plain_sentence(view.explanation(result))
            task = block.group.name if block.group else ""
            subtotal = cell_text(block.group) if block.group else ""
            rows.append([task, result.name, said, plain(result.weight), cell_text(result), subtotal])
            keys.append(block.group.id if block.group else None)
    card = view.card
    total = plain(card.total) if card.total is not None else f"{plain(card.low)}–{plain(card.high)}"
    rows.append(["合计", "", "", plain(card.max), "", total])
    table = _table(document, heads, rows, [26, 26, 70, 11, 11, 11], numeric={3, 4, 5})
    spans = runs(keys)
    _merge_down(table, 0, spans)
    _merge_down(table, 5, spans)
    last = len(rows)
    table.cell(last, 0).merge(table.cell(last, 2)).text = "合计"


def _projects(document: Any, filed: FiledReport) -> None:
    if not filed.tasks:
        _paragraphs(document, placeholder("各重点任务涉及的重点项目名称及金额", "zh"))
        return
    _paragraphs(document, "本部门各重点任务项目支出完成情况，具体如下：")
    unit = filed.budget.unit
    rows, keys = [], []
    for index, task in enumerate(filed.tasks):
        for project in task.projects:
            for depth, item in _with_parts(project):
                amount = plain(item.amount.value) if item.amount is not None else ""
                rows.append([task.name, ("其中：" if depth else "") + item.name, amount])
                keys.append(index)
    heads = ["主要任务", "任务涉及重点项目名称", f"金额（{unit}）"]
    table = _table(document, heads, rows, [45, 95, 22], numeric={2})
    _merge_down(table, 0, runs(keys))


def _with_parts(project: Project, depth: int = 0) -> list[tuple[int, Project]]:
    """A project and, below it, its parts (其中：…), as the seed's project table lists them."""
    found = [(depth, project)]
    for part in project.parts:
        found += _with_parts(part, depth + 1)
    return found


def _problems(document: Any, filed: FiledReport) -> None:
    document.add_heading(_ZH["problems"], level=1)
    document.add_heading(_ZH["lost"], level=2)
    if not filed.problems:
        _paragraphs(document, _ZH["none_lost"])
    for number, problem in enumerate(filed.problems, start=1):
        _paragraphs(
            document,
            f"{number}.“{problem.name}”：权重 {problem.weight} 分，得分 {problem.score} 分，"
            f"扣 {problem.lost} 分。原因：{problem.reason}",
        )
    document.add_heading(_ZH["more"], level=2)
    _paragraphs(document, filed.section("problems", "绩效指标设置、预算编制与执行等方面的其他问题"))


def _signature(document: Any, filed: FiledReport) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: PLC0415 - optional extra
    from docx.shared import Pt  # noqa: PLC0415

    card = filed.view.card
    evaluator = filed.text.get("evaluator") or card.department or ""
    date = filed.text.get("date") or _ZH["blank_date"]
    for index, line in enumerate((f"{_ZH['evaluator']}{evaluator}", f"{_ZH['date']}{date}")):
        paragraph = document.add_paragraph(line)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.paragraph_format.keep_with_next = index == 0
        if index == 0:
            paragraph.paragraph_format.space_before = Pt(36)
