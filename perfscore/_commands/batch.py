"""``perfscore batch PACK FIGURES_DIR_OR_CSV -o OUT``: score many departments and rank them.

The departments come from a folder of figures files (``*.yaml``, one per department)
or from a table (``.csv`` or ``.xlsx``, one row per department; columns in
docs/batch.md). A table is read row by row and scored by the compiled engine
(:mod:`perfscore.compiled`); a row it cannot take is scored by ``perfscore.score``
with the same result, and the summary counts why (``--verbose`` lists each one).
``--jobs N`` scores chunks in N processes (default: the machine's cores), the output
in input order whatever N is. OUT gets one row per department — ranks, total (or
range), grade, group subtotals, warnings count — plus a ranking and a grade
distribution; its format follows its extension (``.csv``, ``.xlsx``, ``.json``,
``.md``) or ``--format``. A department whose figures are invalid gets its diagnostics
in its row and the batch goes on; the exit code is then 1 (0 when every department was
scored). A progress bar goes to stderr when it is a terminal (``pip install
perfscore[progress]``; ``--quiet`` turns it and the summary off).
"""

from __future__ import annotations

import argparse
import os
from collections import Counter
from typing import TYPE_CHECKING, TextIO

from perfscore._commands import EXIT_OK, EXIT_PROBLEMS, CommandIO

if TYPE_CHECKING:
    from perfscore._batch.table import BatchTable
    from perfscore._core.diagnostics import Lang

NAME = "batch"
HELP = "score many departments under one pack; rank them and count the grades"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The pack, the departments, the output, and how to run."""
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
    parser.add_argument(
        "--jobs", type=int, default=None, metavar="N", help="processes to score in (default: the machine's cores)"
    )
    parser.add_argument("--quiet", action="store_true", help="no progress bar and no summary line")
    parser.add_argument(
        "--verbose", action="store_true", help="list each department scored the slow way, with the reason"
    )


def _folder(path: str) -> list[str]:
    """The figures files of a folder, in name order (each confined to it where it is read)."""
    from perfscore._core.diagnostics import FiguresError, Location, diagnostic  # noqa: PLC0415

    names = sorted(name for name in os.listdir(path) if name.endswith((".yaml", ".yml")))
    if not names:
        raise FiguresError([diagnostic("BATCH_EMPTY", location=Location(file=path), source=path)])
    return [os.path.join(path, name) for name in names]


def run(args: argparse.Namespace, io: CommandIO) -> int:
    """Score the departments chunk by chunk, then write the table, ranking and distribution."""
    from perfscore._batch.progress import progress_bar  # noqa: PLC0415 - keep `perfscore --help` fast
    from perfscore._batch.runner import default_jobs, score_folder, score_table  # noqa: PLC0415
    from perfscore._batch.write import write_batch  # noqa: PLC0415
    from perfscore._commands import require_files  # noqa: PLC0415
    from perfscore._commands.safety import guard_batch, keeping_rows, noting_replacements  # noqa: PLC0415
    from perfscore._inputs.tablestream import open_table  # noqa: PLC0415
    from perfscore._packs.loader import load_pack  # noqa: PLC0415

    require_files([args.pack])
    if not os.path.isdir(args.figures):
        require_files([args.figures])
    guard_batch(args)
    pack = load_pack(args.pack)
    lang = io.explicit_lang or io.lang
    jobs = max(1, args.jobs if args.jobs is not None else default_jobs())
    if os.path.isdir(args.figures):
        paths = _folder(args.figures)
        with progress_bar(len(paths), io.err, quiet=args.quiet, lang=io.lang) as advance:
            table = score_folder(pack, args.figures, paths, lang=lang, jobs=jobs, progress=advance)
    else:
        stream = open_table(args.figures, sheet=args.sheet)
        with progress_bar(stream.size_hint, io.err, quiet=args.quiet, lang=io.lang) as advance:
            table = score_table(pack, stream, lang=lang, jobs=jobs, progress=advance)
    with noting_replacements(io, args.output), keeping_rows(table, args.output):
        written = write_batch(table, args.output, args.format or ("csv" if args.output == "-" else None), lang)
    said = io.err if args.output == "-" else io.out  # the results went to stdout: the summary must not mix in
    if not args.quiet:
        said.write(summary_line(table, written, io.lang) + "\n")
        if args.verbose:
            _list_slow(table, io, said)
    return EXIT_PROBLEMS if table.invalid else EXIT_OK


def summary_line(table: BatchTable, written: list[str], lang: Lang) -> str:
    """Files written; departments, grades, partial and invalid counts; how many the slow way took and why."""
    from perfscore._batch.reasons import short_name  # noqa: PLC0415
    from perfscore._text.batchwords import SUMMARY, pick  # noqa: PLC0415

    joiner = pick(SUMMARY["list"], lang)
    why = Counter(key for key, _ in table.reasons.values())
    line = pick(SUMMARY["line"], lang).format(
        files=joiner.join(written),
        count=len(table),
        grades=joiner.join(f"{grade} {count}" for grade, count, _ in table.grades),
        partial=table.partial,
        invalid=table.invalid,
        fast=len(table) - len(table.reasons),
        exact=len(table.reasons),
    )
    if why:
        slow = joiner.join(f"{short_name(key, lang)} {n}" for key, n in sorted(why.items()))
        line += pick(SUMMARY["why"], lang).format(why=slow)
    return line


def _list_slow(table: BatchTable, io: CommandIO, said: TextIO) -> None:
    from perfscore._batch.reasons import reason_text  # noqa: PLC0415

    said.writelines(
        f"  {table.row(index).source}: {reason_text(key, io.lang, detail)}\n"
        for index, (key, detail) in sorted(table.reasons.items())
    )
