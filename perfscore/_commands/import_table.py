"""``perfscore import-table FILE -o PACK.yaml [--figures FIGURES.yaml]``: a rule pack from a printed 自评表.

Reads the table as Chinese self-evaluation forms lay it out — the preamble (项目名称,
主管部门, the 项目资金 block with its 执行率 and 得分), 一级/二级/三级指标, 指标值, 分值 or
权重, 完成值, 得分, merged or blank cells meaning "same as above" — infers each
indicator's rule from its target, checks the result exactly as ``perfscore check``
would, and writes it (atomically). Every column it does not use is a warning naming
it. With ``--figures`` it also writes the figures (完成值, 系数, 原因, the printed
scores) and scores them at once, saying row by row where a computed score differs
from the printed one. When something cannot be read, nothing is written: every
problem is listed with its sheet, row and column, and the exit code is 1. Reading
``.xlsx`` needs ``perfscore[excel]``; ``.docx`` needs ``perfscore[word]`` (``--table``
chooses the Word table by number or by a word of its header).
"""

from __future__ import annotations

import argparse
import os
import re
from typing import TYPE_CHECKING

from perfscore._commands import EXIT_OK, EXIT_PROBLEMS, CommandIO, require_files

if TYPE_CHECKING:
    from perfscore._core.diagnostics import Diagnostic
    from perfscore._core.model import Pack
    from perfscore._files.sheets import Sheet
    from perfscore._tableimport.packtext import Leaf
    from perfscore._tableimport.preamble import Preamble
    from perfscore._tableimport.reader import IndicatorTable

NAME = "import-table"
HELP = "make a rule pack (and, with --figures, its figures) from a printed indicator table (.xlsx, .csv, .docx)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The table, the pack to write, the figures to write, and the pack's metadata."""
    parser.add_argument("table", metavar="FILE", help="an indicator table, .xlsx, .csv or .docx")
    parser.add_argument(
        "-o", "--output", required=True, metavar="PACK.yaml", help="the rule pack to write; - for standard output"
    )
    parser.add_argument(
        "--figures", default=None, metavar="FIGURES.yaml", help="also write the figures from 完成值/得分/系数/原因"
    )
    parser.add_argument("--sheet", default=None, help="the workbook sheet to read (default: the first)")
    parser.add_argument(
        "--table",
        dest="table_choice",
        default=None,
        metavar="N|WORD",
        help="the Word table: its number or a header word",
    )
    parser.add_argument("--id", dest="pack_id", default=None, help="the pack's id (default: from the output's name)")
    parser.add_argument("--title", default=None, help="the pack's title (default: the table's title line)")
    parser.add_argument("--version", default="0.1.0", help="the pack's version (default: 0.1.0)")


def default_id(output: str) -> str:
    """An id from the output file's name: ``rules/县级-2023.yaml`` → ``2023``… or ``imported``."""
    stem = os.path.splitext(os.path.basename(output))[0]
    cleaned = re.sub(r"[^A-Za-z0-9_.-]+", "-", stem).strip("-._")
    return cleaned or "imported"


def run(args: argparse.Namespace, io: CommandIO) -> int:
    """Read, infer, check, write — or list what could not be read."""
    from perfscore._commands.safety import guard_outputs  # noqa: PLC0415
    from perfscore._core.diagnostics import PackError, Severity  # noqa: PLC0415
    from perfscore._files.atomic import write_text_atomic  # noqa: PLC0415 - keep `perfscore --help` fast
    from perfscore._packs.loader import load_pack_text  # noqa: PLC0415
    from perfscore._tableimport.packtext import pack_text  # noqa: PLC0415
    from perfscore._tableimport.preamble import read_preamble  # noqa: PLC0415
    from perfscore._tableimport.reader import read_indicator_table  # noqa: PLC0415
    from perfscore._tableimport.source import read_table  # noqa: PLC0415

    require_files([args.table])
    guard_outputs([args.output], [args.table])
    sheet = read_table(args.table, sheet=args.sheet, table=args.table_choice)
    table, problems = read_indicator_table(sheet)
    leaves: list[Leaf] = []
    pack_id = args.pack_id or default_id(args.output)
    if table is None or table.columns is None:
        io.err.write("\n".join(problem.format(io.lang) for problem in problems) + "\n")
        return EXIT_PROBLEMS
    preamble = read_preamble(sheet, table.columns.header_row)
    source = os.path.basename(args.table)
    text, found, leaves = pack_text(
        table, pack_id=pack_id, title=args.title, version=args.version, source=source, preamble=preamble
    )
    problems += found
    problems += _unused(sheet, table)
    errors = [problem for problem in problems if problem.severity is Severity.ERROR]
    if errors:
        io.err.write("\n".join(problem.format(io.lang) for problem in problems) + "\n")
        return EXIT_PROBLEMS
    try:
        pack = load_pack_text(text, name=args.output)
    except PackError as err:  # the importer's own output must pass `perfscore check`
        io.err.write(err.format(io.lang) + "\n")
        return EXIT_PROBLEMS
    problems += _total_check(sheet, table, pack)
    write_text_atomic(args.output, text)
    if args.figures:
        problems += _write_figures(args.figures, (sheet, table, pack, preamble), leaves)
    if problems:
        io.err.write("\n".join(problem.format(io.lang) for problem in problems) + "\n")
    assumed = sum(1 for node in pack.indicators() if "I1" in node.assumptions)
    said = io.err if args.output == "-" else io.out  # the pack went to stdout: the summary must not mix in
    if io.lang == "zh":
        said.write(
            f"已写入 {args.output}（{pack.id}，{len(pack.indicators())} 个指标，其中 {assumed} 个无指标值按定性计分）\n"
        )
    else:
        said.write(
            f"wrote {args.output} ({pack.id}, {len(pack.indicators())} indicators, {assumed} without a target "
            "scored as qualitative)\n"
        )
    return EXIT_OK


def _unused(sheet: Sheet, table: IndicatorTable) -> list[Diagnostic]:
    """IMPORT_COLUMN_UNUSED for every header the import does not read: nothing is dropped silently."""
    from perfscore._core.diagnostics import diagnostic  # noqa: PLC0415

    columns = table.columns
    if columns is None:
        return []
    return [
        diagnostic("IMPORT_COLUMN_UNUSED", location=sheet.location(columns.header_row, column), column=header)
        for column, header in columns.unused
    ]


def _total_check(sheet: Sheet, table: IndicatorTable, pack: Pack) -> list[Diagnostic]:
    """IMPORT_TOTAL_MISMATCH when the 总分 row's 分值 is not what the weights (and the fund row) add up to."""
    from perfscore._core.decimals import plain  # noqa: PLC0415
    from perfscore._core.diagnostics import diagnostic  # noqa: PLC0415

    declared = table.declared_total
    if declared is None or declared[0] == pack.total:
        return []
    weight, row, column = declared
    return [
        diagnostic(
            "IMPORT_TOTAL_MISMATCH", location=sheet.location(row, column), total=plain(weight), sum=plain(pack.total)
        )
    ]


def _write_figures(
    path: str, parts: tuple[Sheet, IndicatorTable, Pack, Preamble], leaves: list[Leaf]
) -> list[Diagnostic]:
    """Write the figures, score them, and return the row-by-row differences (and any scoring error)."""
    from perfscore._core.diagnostics import PerfscoreError  # noqa: PLC0415
    from perfscore._files.atomic import write_text_atomic  # noqa: PLC0415
    from perfscore._tableimport.compare import differences, score_imported  # noqa: PLC0415
    from perfscore._tableimport.figurestext import figures_text  # noqa: PLC0415

    sheet, table, pack, preamble = parts
    text = figures_text(leaves, preamble, pack_id=pack.id, published_total=table.published_total)
    write_text_atomic(path, text)
    card = score_imported(pack, text, path)
    if isinstance(card, PerfscoreError):
        return list(card.diagnostics)
    columns = table.columns
    printed = (table.published_total, columns.score if columns is not None else None, table.total_row)
    mismatches = {"PUBLISHED_MISMATCH", "RESULT_PARTIAL"}  # said row by row below
    kept = [warning for warning in card.warnings if warning.code not in mismatches]
    return kept + differences(card, sheet, leaves, preamble, printed)
