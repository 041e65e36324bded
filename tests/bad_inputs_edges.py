"""Bad inputs at the edges (issue 12): spreadsheets built to blow up, outputs turned against readers.

The cases join :data:`bad_inputs.CASES` (``edge_cases(Case)`` builds them with that
module's :class:`Case`, so the two modules never import each other). Each runs in a
fresh, empty working folder. A case whose input is *read* (``code="ok"``) reports what
came back out of the file perfscore wrote, so the document shows the documented
replacement: ``'=1+2`` in a CSV cell, ``␛`` for an ESC, a string cell in a workbook.
"""

from __future__ import annotations

import csv
import decimal
import io
import os
import stat
import subprocess
import sys
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from test_diagnostic_codes import PACK as MINI

import perfscore
from perfscore._files.sheets import SheetLimits, read_sheet
from perfscore._yaml.source import ReadLimits
from perfscore.cli import main

Outcome = tuple[perfscore.Diagnostic, ...] | str

GROUPS = {
    "tables": "表格与工作簿 / Tables and workbooks",
    "outputs": "输出文件 / Output files",
    "texts": "写出的文字 / Text in what perfscore writes",
    "limits": "资源与环境 / Resources and environment",
}

FIGURES = """\
department: {department}
indicators:
  a:
    actual: 100场
  g.q:
    score: 30
  g.m:
    score: 10
    reason: {reason}
"""

HEAD = "department,year,a,g.q:score,g.m:score,g.m:reason\n"


def _write(name: str, content: str | bytes) -> None:
    if isinstance(content, bytes):
        Path(name).write_bytes(content)
    else:
        Path(name).write_text(content, encoding="utf-8")


def _quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar (escapes for control characters)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return '"' + "".join(f"\\x{ord(c):02x}" if ord(c) < 0x20 and c != "\n" else c for c in escaped) + '"'


def _figures(department: str = "甲街道", reason: str = "ok") -> None:
    _write("pack.yaml", MINI)
    _write("figures.yaml", FIGURES.format(department=_quoted(department), reason=_quoted(reason)))


def _cli(*argv: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--lang", "en", *argv], out=out, err=err)
    return code, out.getvalue() + err.getvalue()


def _usage(action: Callable[[], object]) -> Outcome:
    try:
        action()
    except perfscore.PerfscoreError as err:
        return err.diagnostics
    return "read"


# ---- tables ---------------------------------------------------------------------------------


def _workbook(name: str, cells: dict[str, Any], styled: Sequence[str] = ()) -> None:
    import openpyxl  # noqa: PLC0415 - the excel extra

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "表1"
    for ref, value in cells.items():
        sheet[ref] = value
    for ref in styled:
        sheet[ref].number_format = "0.00%"
    book.save(name)


def _sheet(name: str, limits: SheetLimits | None = None) -> Outcome:
    try:
        sheet = read_sheet(name, limits=limits)
    except perfscore.PerfscoreError as err:
        return err.diagnostics
    width = max((len(row) for row in sheet.rows), default=0)
    return f"read: {len(sheet.rows)} rows × {width} columns"


def _far_value() -> Outcome:
    _workbook("table.xlsx", {"A1": "一级指标", "B1": "分值", "XFD1048576": "x"})
    return _sheet("table.xlsx")


def _far_style() -> Outcome:
    _workbook("table.xlsx", {"A1": "一级指标", "B1": "分值"}, styled=["XFD1048576"])
    return _sheet("table.xlsx")


def _wide() -> Outcome:
    _workbook("table.xlsx", {"A1": "一级指标", "DCX1": "x"})  # column 2,806
    return _sheet("table.xlsx")


def _unzipped() -> Outcome:
    with zipfile.ZipFile("table.xlsx", "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", " " * 200_000)  # 200 KB that deflate to a few hundred bytes
    return _sheet("table.xlsx", SheetLimits(max_unzipped=100_000))


def _cells() -> Outcome:
    _write("table.csv", "".join(f"{row},{','.join('x' * 30)}\n" for row in range(1, 101)))
    return _sheet("table.csv", SheetLimits(max_cells=1_000))


def _rows() -> Outcome:
    _write("table.csv", "".join(f"{row}\n" for row in range(1, 102)))
    return _sheet("table.csv", SheetLimits(max_rows=100))


def _long_field(size: int) -> Callable[[], Outcome]:
    def run() -> Outcome:
        _write("table.csv", f"一级指标,分值\n指标,{'9' * size}\n")
        found = _sheet("table.csv")
        if isinstance(found, str):
            sheet = read_sheet("table.csv")
            return f"{found}; B2 holds {len(sheet.cell(2, 2) or '')} characters"
        return found

    return run


def _not_a_zip() -> Outcome:
    _write("table.xlsx", "一级指标,分值\n")
    return _sheet("table.xlsx")


def _fifo_table() -> Outcome:
    os.mkfifo("table.csv")
    return _sheet("table.csv")


# ---- outputs --------------------------------------------------------------------------------


def _table(rows: Sequence[Sequence[str]]) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    _write("pack.yaml", MINI)
    _write("t.csv", HEAD + buffer.getvalue())


_ROW = ("甲街道", "2024", "100场", "30", "10", "ok")


def _batch_over_its_table() -> Outcome:
    _table([_ROW])
    return _usage(lambda: _raise_from_cli("batch", "pack.yaml", "t.csv", "-o", "t.csv"))


def _batch_over_its_pack() -> Outcome:
    _table([_ROW])
    os.link("pack.yaml", "copy.md")
    return _usage(lambda: _raise_from_cli("batch", "pack.yaml", "t.csv", "-o", "copy.md"))


def _companion() -> Outcome:
    _table([_ROW])
    os.rename("t.csv", "r.grades.csv")
    return _usage(lambda: _raise_from_cli("batch", "pack.yaml", "r.grades.csv", "-o", "r.csv"))


def _report_over_figures() -> Outcome:
    _figures()
    return _usage(
        lambda: _raise_from_cli("report", "pack.yaml", "figures.yaml", "--format", "md", "-o", "figures.yaml")
    )


def _import_over_table() -> Outcome:
    _write("t.csv", "一级指标,分值\n甲,100\n")
    os.symlink("t.csv", "link.yaml")
    return _usage(lambda: _raise_from_cli("import-table", "t.csv", "-o", "link.yaml"))


def _raise_from_cli(*argv: str) -> None:
    """Run the command's checks through the CLI; turn what it printed back into the error it reported."""
    from perfscore.cli import _parser  # noqa: PLC0415

    args = _parser().parse_args(["--lang", "en", *argv])
    io_ = perfscore_io()
    args.run(args, io_)


def perfscore_io() -> Any:
    """A CommandIO that discards what a command prints."""
    from perfscore._commands import CommandIO  # noqa: PLC0415

    return CommandIO(out=io.StringIO(), err=io.StringIO(), lang="en", explicit_lang="en")


def _fifo_output() -> Outcome:
    _figures()
    os.mkfifo("out.md")
    return _usage(lambda: perfscore.Report(pack=_pack(), card=_card()).write("out.md"))


def _pack() -> perfscore.Pack:
    return perfscore.load_pack("pack.yaml")


def _card() -> perfscore.Scorecard:
    return perfscore.score(_pack(), perfscore.load_figures("figures.yaml"))


def _symlink_output() -> Outcome:
    _figures()
    Path("real.md").write_text("old\n", encoding="utf-8")
    os.symlink("real.md", "out.md")
    perfscore.Report(pack=_pack(), card=_card()).write("out.md")
    link = Path("out.md").is_symlink()
    written = Path("real.md").read_text(encoding="utf-8").startswith("# 甲街道")
    return f"out.md is still a link: {link}; real.md holds the report: {written}"


def _private_output() -> Outcome:
    _figures()
    Path("out.md").write_text("old\n", encoding="utf-8")
    Path("out.md").chmod(0o600)
    perfscore.Report(pack=_pack(), card=_card()).write("out.md")
    return f"mode after writing: {stat.S_IMODE(Path('out.md').stat().st_mode):o}"


def _long_name() -> Outcome:
    _figures()
    name = "报" * 80 + ".md"  # 243 bytes in UTF-8: legal, but 'name + random + .tmp' would not be
    perfscore.Report(pack=_pack(), card=_card()).write(name)
    return f"written: {Path(name).exists()} ({len(name.encode())} bytes); nothing else left: {len(os.listdir())}"


# ---- texts ----------------------------------------------------------------------------------


def _batch_xlsx(department: str) -> Callable[[], Outcome]:
    def run() -> Outcome:
        import openpyxl  # noqa: PLC0415

        _table([(department, *_ROW[1:]), _ROW])
        code, _ = _cli("batch", "pack.yaml", "t.csv", "-o", "out.xlsx")
        sheet = openpyxl.load_workbook("out.xlsx")["departments"]
        cell = sheet.cell(2, 1 + [c.value for c in sheet[1]].index("department"))
        kind = "string" if cell.data_type == "s" else cell.data_type
        return f"exit {code}; the department cell is a {kind} cell: {cell.value!r}"

    return run


def _batch_csv(department: str) -> Callable[[], Outcome]:
    def run() -> Outcome:
        _table([(department, *_ROW[1:])])
        _cli("batch", "pack.yaml", "t.csv", "-o", "out.csv")
        with Path("out.csv").open(encoding="utf-8", newline="") as handle:
            row = next(csv.DictReader(handle))
        return f"department cell: {row['department']!r}"

    return run


def _report_xlsx(department: str) -> Callable[[], Outcome]:
    def run() -> Outcome:
        import openpyxl  # noqa: PLC0415

        _figures(department)
        code, _ = _cli("report", "pack.yaml", "figures.yaml", "-o", "out.xlsx")
        sheet = openpyxl.load_workbook("out.xlsx").worksheets[2]
        cell = next(row[1] for row in sheet.iter_rows() if row[0].value in {"Department", "单位"})
        return f"exit {code}; a {'string' if cell.data_type == 's' else cell.data_type} cell: {cell.value!r}"

    return run


def _report_md(department: str) -> Callable[[], Outcome]:
    def run() -> Outcome:
        _figures(department)
        _cli("report", "pack.yaml", "figures.yaml", "-o", "out.md")
        lines = Path("out.md").read_text(encoding="utf-8").splitlines()
        return f"line 1: {lines[0]!r}; '## 总分' lines: {sum(line.startswith('## 总分') for line in lines)}"

    return run


def _terminal() -> Outcome:
    _figures("甲街道\x1b]0;PWNED\x07\x1b[2J")
    _, printed = _cli("score", "pack.yaml", "figures.yaml")
    line = next(line for line in printed.splitlines() if "甲街道" in line)
    return f"printed: {line!r}; ESC in output: {chr(27) in printed}"


# ---- limits and environment -----------------------------------------------------------------


def _samples() -> Outcome:
    _figures()
    return _usage(lambda: _raise_from_cli("sensitivity", "pack.yaml", "figures.yaml", "--samples", "1000000000"))


def _batch_symlink() -> Outcome:
    Path("departments").mkdir()
    _figures()
    os.rename("figures.yaml", "departments/a.yaml")
    Path("secret.txt").write_text("password: hunter2\n", encoding="utf-8")
    os.symlink(os.path.abspath("secret.txt"), "departments/b.yaml")
    rows = list(perfscore.score_many(_pack(), _folder("departments")))
    return rows[1].errors


def _folder(name: str) -> list[Any]:
    from perfscore._commands.safety import confined  # noqa: PLC0415

    return [confined(name, os.path.join(name, entry)) for entry in sorted(os.listdir(name))]


def _empty_tests() -> Outcome:
    Path("empty").mkdir()
    return _usage(lambda: _raise_from_cli("test", "empty"))


def _underflow() -> Outcome:
    return _usage(lambda: perfscore.figures_from_mapping({"indicators": {"a": {"actual": 5e-324}}}))


def _longdouble() -> Outcome:
    import numpy as np  # noqa: PLC0415 - the fast extra
    import pandas as pd  # noqa: PLC0415

    from perfscore.compiled import score_arrays, score_batch  # noqa: PLC0415

    _write("pack.yaml", MINI)
    record = {"a:actual": 100.0, "g.q:score": 30.0, "g.m:score": 10.0, "g.m:reason": "ok"}
    frame = pd.DataFrame([record]).astype({"a:actual": np.longdouble})
    arrays = score_arrays(_pack(), frame).status(0)
    records = score_batch(_pack(), [{**record, "a:actual": np.longdouble(100)}]).status(0)
    return f"score_arrays: {arrays}; score_batch: {records}"


def _hostile_context() -> Outcome:
    _figures()
    expected = _card()
    with decimal.localcontext() as context:
        context.prec, context.Emax, context.Emin = 3, 9, -9
        context.traps[decimal.Inexact] = context.traps[decimal.Rounded] = True
        card = perfscore.score(perfscore.load_pack("pack.yaml"), perfscore.load_figures("figures.yaml"))
    return f"total {card.total} (default context: {expected.total}); same scorecard: {card == expected}"


def _ascii_stdout() -> Outcome:
    _figures()
    environment = {**os.environ, "PYTHONIOENCODING": "ascii", "LANG": "C"}
    done = subprocess.run(
        [sys.executable, "-m", "perfscore", "--lang", "zh", "score", "pack.yaml", "figures.yaml"],
        capture_output=True,
        env=environment,
        check=False,
    )
    shown = next(line for line in done.stdout.decode("ascii").splitlines() if "\\u" in line)
    return f"exit {done.returncode}; first line: {shown}"


def _many_values() -> Outcome:
    text = "id: big\ntitle: t\nversion: '1'\nsource: s\nindicators: [" + ", ".join(["0"] * 1_100) + "]\n"
    _write("pack.yaml", text)
    try:
        perfscore.load_pack("pack.yaml", limits=ReadLimits(max_values=1_000))
    except perfscore.PerfscoreError as err:
        codes = sorted({item.code for item in err.diagnostics})
        return f"1,100 plain values read; the pack's own problems: {', '.join(codes)}"
    return "read"


def edge_cases(case: type) -> tuple[Any, ...]:
    """The cases of this module, built with ``bad_inputs.Case``."""
    usage = 2
    return (
        # ---- tables -------------------------------------------------------------------------
        case(
            id="xlsx-far-value",
            group="tables",
            title="A 5 KB workbook with a value in the last cell, XFD1048576",
            title_zh="5 KB 的工作簿，最后一个单元格 XFD1048576 有值",
            given="`表1!A1 = 一级指标`, `表1!XFD1048576 = x`",
            run=_far_value,
            code="SHEET_TOO_LARGE",
            expect=(
                "table.xlsx[表1]:1048576: SHEET_TOO_LARGE the table is too large to read: the last row is 1048576,"
                " above the limit of 200000\n"
                "    hint: delete the empty rows and columns the sheet still counts as used, or split the table"
            ),
            cli=("import-table", "table.xlsx", "-o", "p.yaml"),
            exit=usage,
        ),
        case(
            id="xlsx-far-style",
            group="tables",
            title="A used range that reaches XFD1048576 through a formatted, empty cell",
            title_zh="一个设置了格式的空单元格把已用区域撑到 XFD1048576",
            given="`表1!XFD1048576` formatted as a percentage, holding nothing",
            run=_far_style,
            code="ok",
            expect="read: 1 rows × 2 columns",
        ),
        case(
            id="xlsx-wide",
            group="tables",
            title="A value 2,806 columns to the right",
            title_zh="第 2806 列有值",
            given="`表1!DCX1 = x`",
            run=_wide,
            code="SHEET_TOO_LARGE",
            expect=(
                "table.xlsx[表1]:1:2806: SHEET_TOO_LARGE the table is too large to read: the last column is 2806,"
                " above the limit of 2000\n"
                "    hint: delete the empty rows and columns the sheet still counts as used, or split the table"
            ),
        ),
        case(
            id="xlsx-unzipped",
            group="tables",
            title="A workbook that unzips to more than the limit (checked before parsing)",
            title_zh="解压后超过上限的工作簿（解析前即检查）",
            given="a sheet part of 200,000 spaces (a few hundred bytes deflated); `SheetLimits(max_unzipped=100_000)`",
            run=_unzipped,
            code="SHEET_TOO_LARGE",
            expect=(
                "table.xlsx: SHEET_TOO_LARGE the table is too large to read: the uncompressed workbook is"
                " 200000, above the limit of 100000\n"
                "    hint: delete the empty rows and columns the sheet still counts as used, or split the table"
            ),
        ),
        case(
            id="csv-cells",
            group="tables",
            title="More cells than the limit",
            title_zh="单元格总数超过上限",
            given="100 rows × 31 columns with `SheetLimits(max_cells=1_000)`",
            run=_cells,
            code="SHEET_TOO_LARGE",
            expect=(
                "table.csv:33: SHEET_TOO_LARGE the table is too large to read: rows × columns is 1023, above the"
                " limit of 1000\n"
                "    hint: delete the empty rows and columns the sheet still counts as used, or split the table"
            ),
        ),
        case(
            id="csv-rows",
            group="tables",
            title="More rows than the limit",
            title_zh="行数超过上限",
            given="101 rows with `SheetLimits(max_rows=100)`",
            run=_rows,
            code="SHEET_TOO_LARGE",
            expect=(
                "table.csv:101: SHEET_TOO_LARGE the table is too large to read: the last row is 101, above the"
                " limit of 100\n"
                "    hint: delete the empty rows and columns the sheet still counts as used, or split the table"
            ),
        ),
        case(
            id="csv-long-field",
            group="tables",
            title="A CSV field of 200,000 characters (above the csv module's 131,072)",
            title_zh="20 万字符的 CSV 字段（超过 csv 模块默认的 131072）",
            given="`指标,999…9` (200,000 digits)",
            run=_long_field(200_000),
            code="ok",
            expect="read: 2 rows × 2 columns; B2 holds 200000 characters",
        ),
        case(
            id="csv-huge-field",
            group="tables",
            title="A CSV field of 1,100,000 characters",
            title_zh="110 万字符的 CSV 字段",
            given="`指标,999…9` (1,100,000 digits)",
            run=_long_field(1_100_000),
            code="SHEET_TOO_LARGE",
            expect=(
                "table.csv:2: SHEET_TOO_LARGE the table is too large to read: a field is 1048577, above the limit"
                " of 1048576\n"
                "    hint: delete the empty rows and columns the sheet still counts as used, or split the table"
            ),
        ),
        case(
            id="xlsx-not-a-zip",
            group="tables",
            title="A CSV saved under an .xlsx name",
            title_zh="把 CSV 文件存成 .xlsx 扩展名",
            given="`一级指标,分值` in `table.xlsx`",
            run=_not_a_zip,
            code="FILE_UNREADABLE",
            expect=(
                "table.xlsx: FILE_UNREADABLE cannot read the file: not a readable .xlsx workbook (BadZipFile)\n"
                "    hint: check the path and the permissions"
            ),
        ),
        case(
            id="table-fifo",
            group="tables",
            title="A named pipe instead of a table",
            title_zh="用命名管道代替表格",
            given="`mkfifo table.csv`",
            run=_fifo_table,
            code="FILE_UNREADABLE",
            expect=(
                "table.csv: FILE_UNREADABLE cannot read the file: it is not a regular file\n"
                "    hint: check the path and the permissions"
            ),
        ),
        # ---- outputs ------------------------------------------------------------------------
        case(
            id="output-is-table",
            group="outputs",
            title="batch writing over the table it reads",
            title_zh="batch 的输出覆盖它读取的表格",
            given="`perfscore batch pack.yaml t.csv -o t.csv`",
            run=_batch_over_its_table,
            code="OUTPUT_IS_INPUT",
            expect=(
                "t.csv: OUTPUT_IS_INPUT the output 't.csv' is the input 't.csv'; writing it would destroy that input\n"
                "    hint: write to another file name; nothing was written"
            ),
            cli=("batch", "pack.yaml", "t.csv", "-o", "t.csv"),
            exit=usage,
        ),
        case(
            id="output-hard-link",
            group="outputs",
            title="An output that is a hard link to the pack",
            title_zh="输出文件是规则包的硬链接",
            given="`ln pack.yaml copy.md`, `perfscore batch pack.yaml t.csv -o copy.md`",
            run=_batch_over_its_pack,
            code="OUTPUT_IS_INPUT",
            expect=(
                "copy.md: OUTPUT_IS_INPUT the output 'copy.md' is the input 'pack.yaml'; writing it would destroy"
                " that input\n"
                "    hint: write to another file name; nothing was written"
            ),
            cli=("batch", "pack.yaml", "t.csv", "-o", "copy.md"),
            exit=usage,
        ),
        case(
            id="output-companion",
            group="outputs",
            title="The OUT.grades.csv companion is the input table",
            title_zh="附带写出的 OUT.grades.csv 正是输入表格",
            given="`perfscore batch pack.yaml r.grades.csv -o r.csv`",
            run=_companion,
            code="OUTPUT_IS_INPUT",
            expect=(
                "r.grades.csv: OUTPUT_IS_INPUT the output 'r.grades.csv' is the input 'r.grades.csv'; writing it"
                " would destroy that input\n"
                "    hint: write to another file name; nothing was written"
            ),
            cli=("batch", "pack.yaml", "r.grades.csv", "-o", "r.csv"),
            exit=usage,
        ),
        case(
            id="output-is-figures",
            group="outputs",
            title="report writing over the figures it scores",
            title_zh="report 的输出覆盖它评分所用的数据文件",
            given="`perfscore report pack.yaml figures.yaml --format md -o figures.yaml`",
            run=_report_over_figures,
            code="OUTPUT_IS_INPUT",
            expect=(
                "figures.yaml: OUTPUT_IS_INPUT the output 'figures.yaml' is the input 'figures.yaml'; writing it"
                " would destroy that input\n"
                "    hint: write to another file name; nothing was written"
            ),
            cli=("report", "pack.yaml", "figures.yaml", "--format", "md", "-o", "figures.yaml"),
            exit=usage,
        ),
        case(
            id="output-symlink-to-input",
            group="outputs",
            title="import-table writing through a symlink to its own table",
            title_zh="import-table 经由符号链接写回它读取的表格",
            given="`ln -s t.csv link.yaml`, `perfscore import-table t.csv -o link.yaml`",
            run=_import_over_table,
            code="OUTPUT_IS_INPUT",
            expect=(
                "link.yaml: OUTPUT_IS_INPUT the output 'link.yaml' is the input 't.csv'; writing it would destroy"
                " that input\n"
                "    hint: write to another file name; nothing was written"
            ),
            cli=("import-table", "t.csv", "-o", "link.yaml"),
            exit=usage,
        ),
        case(
            id="output-fifo",
            group="outputs",
            title="An output that is a named pipe (or a device such as /dev/full)",
            title_zh="输出文件是命名管道（或 /dev/full 这样的设备）",
            given="`mkfifo out.md`, `Report(...).write('out.md')`",
            run=_fifo_output,
            code="OUTPUT_UNWRITABLE",
            expect=(
                "out.md: OUTPUT_UNWRITABLE cannot write 'out.md': it is a device, a FIFO or a socket, not a regular"
                " file\n"
                "    hint: check that the folder exists and can be written; nothing was written"
            ),
        ),
        case(
            id="output-symlink",
            group="outputs",
            title="An output that is a symlink: written through, the link kept",
            title_zh="输出文件是符号链接：写入其目标，链接保留",
            given="`ln -s real.md out.md`, `Report(...).write('out.md')`",
            run=_symlink_output,
            code="ok",
            expect="out.md is still a link: True; real.md holds the report: True",
        ),
        case(
            id="output-private",
            group="outputs",
            title="An existing output readable only by its owner (0600)",
            title_zh="已有的输出文件只允许所有者读取（0600）",
            given="`chmod 600 out.md`, `Report(...).write('out.md')`",
            run=_private_output,
            code="ok",
            expect="mode after writing: 600",
        ),
        case(
            id="output-long-name",
            group="outputs",
            title="A long but legal output name",
            title_zh="很长但合法的输出文件名",
            given="`报报…报.md` (243 bytes)",
            run=_long_name,
            code="ok",
            expect="written: True (243 bytes); nothing else left: 3",
        ),
        # ---- texts --------------------------------------------------------------------------
        case(
            id="formula-xlsx",
            group="texts",
            title="A department name that is a spreadsheet formula, in batch xlsx",
            title_zh="单位名称是电子表格公式（batch 输出 xlsx）",
            given='`department: =HYPERLINK("http://x.example","点此")`',
            run=_batch_xlsx('=HYPERLINK("http://x.example","点此")'),
            code="ok",
            expect='exit 0; the department cell is a string cell: \'=HYPERLINK("http://x.example","点此")\'',
        ),
        case(
            id="formula-csv",
            group="texts",
            title="A department name that is a formula, in batch CSV (OWASP: a leading apostrophe)",
            title_zh="单位名称是公式（batch 输出 CSV；按 OWASP 建议加前导撇号）",
            given="`department: =cmd|' /C calc'!A0`",
            run=_batch_csv("=cmd|' /C calc'!A0"),
            code="ok",
            expect="department cell: \"'=cmd|' /C calc'!A0\"",
        ),
        case(
            id="formula-dash",
            group="texts",
            title="Text beginning with - or @ in CSV, and a negative number",
            title_zh="CSV 中以 - 或 @ 开头的文字，以及负数",
            given="`department: -2+3`",
            run=_batch_csv("-2+3"),
            code="ok",
            expect='department cell: "\'-2+3"',
        ),
        case(
            id="formula-newline",
            group="texts",
            title="=1+2 and a line break in an xlsx report (a file Excel called corrupt)",
            title_zh="xlsx 报告中的 =1+2 加换行（Excel 曾报文件损坏）",
            given='`department: "=1+2\\n第二行"`',
            run=_report_xlsx("=1+2\n第二行"),
            code="ok",
            expect="exit 0; a string cell: '=1+2\\n第二行'",
        ),
        case(
            id="escape-in-batch",
            group="texts",
            title="An ESC and a vertical tab in one department's name (the batch once lost every row)",
            title_zh="某单位名称中有 ESC 与垂直制表符（批量结果曾全部丢失）",
            given='`department: "甲\\e[31m街\\v道"`',
            run=_batch_xlsx("甲\x1b[31m街\x0b道"),
            code="ok",
            expect="exit 0; the department cell is a string cell: '甲␛[31m街␋道'",
        ),
        case(
            id="markdown-forgery",
            group="texts",
            title="A department name that forges a result section in Markdown",
            title_zh="单位名称在 Markdown 中伪造评分结论",
            given='`department: "甲\\n\\n## 总分 100 · 优\\n<!--"`',
            run=_report_md("甲\n\n## 总分 100 · 优\n<!--"),
            code="ok",
            expect="line 1: '# 甲  \\\\#\\\\# 总分 100 · 优 \\\\<!--: performance evaluation'; '## 总分' lines: 0",
        ),
        case(
            id="markdown-html",
            group="texts",
            title="Raw HTML and a javascript: link in a reason",
            title_zh="理由中的原始 HTML 与 javascript: 链接",
            given="`department: <img src=x onerror=alert(1)>[点此](javascript:alert(1))`",
            run=_report_md("<img src=x onerror=alert(1)>[点此](javascript:alert(1))"),
            code="ok",
            expect=(
                "line 1: '# \\\\<img src=x onerror=alert(1)>\\\\[点此\\\\](javascript:alert(1)): performance"
                " evaluation';"
                " '## 总分' lines: 0"
            ),
        ),
        case(
            id="terminal-escape",
            group="texts",
            title="Terminal escape sequences in figures text, printed by score",
            title_zh="数据文件文字中的终端转义序列（score 输出）",
            given='`department: "甲街道\\e]0;PWNED\\a\\e[2J"`',
            run=_terminal,
            code="ok",
            expect="printed: '甲街道␛]0;PWNED␇␛[2J'; ESC in output: False",
        ),
        # ---- limits and environment ---------------------------------------------------------
        case(
            id="samples-limit",
            group="limits",
            title="A billion sensitivity samples",
            title_zh="十亿个敏感性样本",
            given="`perfscore sensitivity pack.yaml figures.yaml --samples 1000000000`",
            run=_samples,
            code="SENSITIVITY_SAMPLES_LIMIT",
            expect=(
                "SENSITIVITY_SAMPLES_LIMIT --samples 1000000000 is above the limit of 100000\n"
                "    hint: a few thousand samples already give stable odds; score in several runs for more"
            ),
            cli=("sensitivity", "pack.yaml", "figures.yaml", "--samples", "1000000000"),
            exit=usage,
        ),
        case(
            id="batch-symlink-out",
            group="limits",
            title="A batch folder with a symlink to a file outside it",
            title_zh="批量目录中有指向目录外文件的符号链接",
            given="`departments/b.yaml -> ../secret.txt`",
            run=_batch_symlink,
            code="BATCH_OUTSIDE",
            expect=(
                "departments/b.yaml: BATCH_OUTSIDE 'departments/b.yaml' leads outside the folder departments,"
                " so it is not read\n"
                "    hint: copy the figures file into the folder instead of linking to it"
            ),
        ),
        case(
            id="test-empty-folder",
            group="limits",
            title="perfscore test on a folder with nothing to test",
            title_zh="对没有测试的目录运行 perfscore test",
            given="`perfscore test empty/`",
            run=_empty_tests,
            code="TESTS_NONE",
            expect=(
                "empty: TESTS_NONE 'empty' holds no pack and no tests file, so nothing was tested\n"
                "    hint: name a pack, a <pack>.tests.yaml file, or a folder that holds them"
            ),
            cli=("test", "empty"),
        ),
        case(
            id="float-underflow",
            group="limits",
            title="The float 5e-324 given through the API",
            title_zh="通过 API 传入浮点数 5e-324",
            given="`figures_from_mapping({'indicators': {'a': {'actual': 5e-324}}})`",
            run=_underflow,
            code="FIGURE_NUMBER",
            expect=(
                "<figures>: FIGURE_NUMBER cannot read '5E-324' as a number: the magnitude is below 10^-30: no figure"
                " in a report is that small (a float such as 5e-324 is what is left when a computation underflows)"
                " (at a)\n"
                "    hint: write a number, optionally with a unit: 103, 97.87%, 18,009.98, 202.6万元"
            ),
        ),
        case(
            id="longdouble",
            group="limits",
            title="np.longdouble figures in a DataFrame and in records",
            title_zh="DataFrame 与记录中的 np.longdouble 数值",
            given="`score_arrays(pack, frame.astype({'a:actual': np.longdouble}))`",
            run=_longdouble,
            code="ok",
            expect="score_arrays: error; score_batch: error",
        ),
        case(
            id="hostile-decimal-context",
            group="limits",
            title="A caller's decimal context with 3 digits, a tiny Emax and traps on Inexact",
            title_zh="调用方的 decimal 上下文：3 位精度、极小的 Emax、Inexact 陷阱",
            given="`decimal.getcontext().prec = 3` (and `Emax = 9`, traps on `Inexact`, `Rounded`)",
            run=_hostile_context,
            code="ok",
            expect="total 100.00 (default context: 100.00); same scorecard: True",
        ),
        case(
            id="ascii-stdout",
            group="limits",
            title="A terminal that can only show ASCII",
            title_zh="只能显示 ASCII 的终端",
            given="`PYTHONIOENCODING=ascii perfscore --lang zh score pack.yaml figures.yaml`",
            run=_ascii_stdout,
            code="ok",
            expect="exit 0; first line: Mini \\u2014 mini v1",
        ),
        case(
            id="many-plain-values",
            group="limits",
            title="More plain values than the alias limit, and no alias (import-table writes 100,000 indicators)",
            title_zh="普通值多于别名上限、但没有别名（import-table 写出 10 万个指标时即如此）",
            given="`indicators: [0, 0, …, 0]` (1,100 values) with `ReadLimits(max_values=1_000)`",
            run=_many_values,
            code="ok",
            expect="1,100 plain values read; the pack's own problems: TYPE_MISMATCH",
        ),
    )
