"""``perfscore import-table FILE.xlsx|csv -o PACK.yaml``: a rule pack from an indicator table.

Reads the table as Chinese self-evaluation forms lay it out — 一级/二级/三级指标,
指标值, 分值 or 权重, merged or blank cells meaning "same as above" — infers each
indicator's rule from its target, checks the result exactly as ``perfscore check``
would, and writes it (atomically). When something cannot be read, nothing is
written: every problem is listed with its sheet, row and column, and the exit code is 1.
Reading ``.xlsx`` needs ``pip install 'perfscore[excel]'``.
"""

from __future__ import annotations

import argparse
import os
import re

from perfscore._commands import EXIT_OK, EXIT_PROBLEMS, CommandIO, require_files

NAME = "import-table"
HELP = "make a rule pack from an indicator table (.xlsx or .csv)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The table, the pack to write, and the pack's metadata."""
    parser.add_argument("table", metavar="FILE", help="an indicator table, .xlsx or .csv")
    parser.add_argument(
        "-o", "--output", required=True, metavar="PACK.yaml", help="the rule pack to write; - for standard output"
    )
    parser.add_argument("--sheet", default=None, help="the workbook sheet to read (default: the first)")
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
    from perfscore._core.diagnostics import PackError  # noqa: PLC0415
    from perfscore._files.atomic import write_text_atomic  # noqa: PLC0415 - keep `perfscore --help` fast
    from perfscore._files.sheets import read_sheet  # noqa: PLC0415
    from perfscore._packs.loader import load_pack_text  # noqa: PLC0415
    from perfscore._tableimport.packtext import pack_text  # noqa: PLC0415
    from perfscore._tableimport.reader import read_indicator_table  # noqa: PLC0415

    require_files([args.table])
    guard_outputs([args.output], [args.table])
    sheet = read_sheet(args.table, sheet=args.sheet)
    table, problems = read_indicator_table(sheet)
    if table is not None:
        text, problems = pack_text(
            table,
            pack_id=args.pack_id or default_id(args.output),
            title=args.title,
            version=args.version,
            source=os.path.basename(args.table),
        )
    if problems or table is None:
        io.err.write("\n".join(problem.format(io.lang) for problem in problems) + "\n")
        return EXIT_PROBLEMS
    try:
        pack = load_pack_text(text, name=args.output)
    except PackError as err:  # the importer's own output must pass `perfscore check`
        io.err.write(err.format(io.lang) + "\n")
        return EXIT_PROBLEMS
    write_text_atomic(args.output, text)
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
