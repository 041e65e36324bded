"""``perfscore batch PACK FIGURES_DIR_OR_CSV -o OUT``: score many departments and rank them.

The departments come from a folder of figures files (``*.yaml``, one per department)
or from a table (``.csv`` or ``.xlsx``, one row per department; columns in
docs/batch.md). OUT gets one row per department — total (or range), grade, group
subtotals, warnings count — plus a ranking and a grade distribution; its format
follows its extension (``.csv``, ``.xlsx``, ``.json``, ``.md``) or ``--format``. A
department whose figures are invalid gets its diagnostics in its row and the batch
goes on; the exit code is then 1 (0 when every department was scored).
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterable
from typing import TYPE_CHECKING

from perfscore._commands import EXIT_OK, EXIT_PROBLEMS, CommandIO

if TYPE_CHECKING:
    from perfscore._batch.many import FiguresLike
    from perfscore._core.model import Pack

NAME = "batch"
HELP = "score many departments under one pack; rank them and count the grades"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The pack, the departments, the output."""
    parser.add_argument("pack", metavar="PACK")
    parser.add_argument(
        "figures", metavar="FIGURES_DIR_OR_CSV", help="a folder of figures files, or a .csv/.xlsx table"
    )
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT",
        help="the file to write (.csv .xlsx .json .md); - for standard output (CSV unless --format)",
    )
    parser.add_argument("--format", choices=("csv", "xlsx", "json", "md"), default=None)
    parser.add_argument("--sheet", default=None, help="the workbook sheet to read (default: the first)")


def _inputs(args: argparse.Namespace, pack: Pack) -> Iterable[FiguresLike | tuple[str, FiguresLike]]:
    """The figures files of a folder, in name order, or one loader per row of a table."""
    from perfscore._commands.safety import confined  # noqa: PLC0415
    from perfscore._core.diagnostics import FiguresError, Location, diagnostic  # noqa: PLC0415
    from perfscore._files.sheets import read_sheet  # noqa: PLC0415
    from perfscore._inputs.batchtable import table_figures  # noqa: PLC0415 - keep `perfscore --help` fast

    if os.path.isdir(args.figures):
        names = sorted(name for name in os.listdir(args.figures) if name.endswith((".yaml", ".yml")))
        if not names:
            where = Location(file=args.figures)
            raise FiguresError([diagnostic("BATCH_EMPTY", location=where, source=args.figures)])
        return [confined(args.figures, os.path.join(args.figures, name)) for name in names]
    return table_figures(pack, read_sheet(args.figures, sheet=args.sheet))


def run(args: argparse.Namespace, io: CommandIO) -> int:
    """Stream the departments through ``score_many``, then write the table, ranking and distribution."""
    from perfscore._batch.many import score_many  # noqa: PLC0415 - keep `perfscore --help` fast
    from perfscore._batch.report import batch_row, summarize  # noqa: PLC0415
    from perfscore._batch.write import write_batch  # noqa: PLC0415
    from perfscore._commands import require_files  # noqa: PLC0415
    from perfscore._commands.safety import guard_batch, keeping_rows, noting_replacements  # noqa: PLC0415
    from perfscore._packs.loader import load_pack  # noqa: PLC0415

    require_files([args.pack])
    if not os.path.isdir(args.figures):
        require_files([args.figures])
    guard_batch(args)
    pack = load_pack(args.pack)
    lang = io.explicit_lang or io.lang
    rows = [batch_row(result, lang) for result in score_many(pack, _inputs(args, pack))]
    summary = summarize(pack, rows)
    with noting_replacements(io, args.output), keeping_rows(summary, args.output):
        written = write_batch(summary, args.output, args.format or ("csv" if args.output == "-" else None))
    counts = ("、" if io.lang == "zh" else ", ").join(f"{grade} {count}" for grade, count, _ in summary.grades)
    said = io.err if args.output == "-" else io.out  # the results went to stdout: the summary must not mix in
    if io.lang == "zh":
        said.write(f"已写入 {'、'.join(written)}：{len(rows)} 个单位，{counts}，无法评分 {summary.invalid}\n")
    else:
        said.write(f"wrote {', '.join(written)}: {len(rows)} departments; {counts}; invalid {summary.invalid}\n")
    return EXIT_PROBLEMS if summary.invalid else EXIT_OK
