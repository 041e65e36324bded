"""``perfscore diff OLD NEW``: what changed between two packs, with the reasons overlays give."""

from __future__ import annotations

import argparse

from perfscore._commands import EXIT_OK, EXIT_PROBLEMS, CommandIO, require_files
from perfscore._core.diagnostics import PerfscoreError

NAME = "diff"
HELP = "list what changed between two packs (added, removed, reweighted, rules, bands, grades)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Two packs, the output format, optional figures to score the affected subtotals."""
    parser.add_argument("old", metavar="OLD")
    parser.add_argument("new", metavar="NEW")
    parser.add_argument("--format", choices=("table", "md", "json"), default="table", help="output format")
    parser.add_argument(
        "--figures", metavar="FIGURES", help="also score the affected subtotals from this figures file under both packs"
    )


def run(args: argparse.Namespace, io: CommandIO) -> int:
    """Load both packs, compare them by id, print the changes."""
    from perfscore._inputs.figures import load_figures  # noqa: PLC0415
    from perfscore._packs.diff import diff_packs, with_scores  # noqa: PLC0415
    from perfscore._packs.loader import load_pack  # noqa: PLC0415
    from perfscore._views.diff import diff_to_dict, render_diff  # noqa: PLC0415 - keep `perfscore --help` fast
    from perfscore._views.serialize import to_json  # noqa: PLC0415

    require_files([args.old, args.new, *([args.figures] if args.figures else [])])
    diff = diff_packs(load_pack(args.old), load_pack(args.new))
    problems: tuple[PerfscoreError, ...] = ()
    if args.figures:
        diff, problems = with_scores(diff, load_figures(args.figures))
    if args.format == "json":
        io.out.write(to_json(diff_to_dict(diff)) + "\n")
    else:
        io.out.write(render_diff(diff, lang=io.lang, fmt=args.format, width=io.width))
    for problem in problems:
        io.err.write(problem.format(io.lang) + "\n")
    return EXIT_PROBLEMS if problems else EXIT_OK
