"""``perfscore report PACK FIGURES --format html|xlsx|md -o FILE``: a complete report of one department-year.

The report holds the header (department, year, pack id and version), the 表1-style
scheme, the 表2-style score table with merged task cells, the total and grade (or
the range and the grades still possible, reconciled with the published grade), the
points lost with their reasons, the warnings, and the assumptions the pack declares.
The HTML file is self-contained (inline CSS and SVG charts) and prints on A4; the
xlsx workbook (``pip install 'perfscore[excel]'``) keeps numbers as numbers and
subtotals as formulas. The file is written atomically.
"""

from __future__ import annotations

import argparse

from perfscore._commands import EXIT_OK, CommandIO, require_files

NAME = "report"
HELP = "write a report of one department-year (HTML, xlsx or Markdown)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The pack, the figures, the format and the output file."""
    parser.add_argument("pack", metavar="PACK")
    parser.add_argument("figures", metavar="FIGURES")
    parser.add_argument("--format", choices=("html", "xlsx", "md"), default=None, help="default: from -o's extension")
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="FILE",
        help="the report file to write; - for standard output (Markdown unless --format)",
    )


def run(args: argparse.Namespace, io: CommandIO) -> int:
    """Score, build the report from the scorecard and the pack, write it."""
    from perfscore._core.decimals import plain  # noqa: PLC0415 - keep `perfscore --help` fast
    from perfscore._core.engine import score  # noqa: PLC0415
    from perfscore._inputs.figures import load_figures  # noqa: PLC0415
    from perfscore._packs.loader import load_pack  # noqa: PLC0415
    from perfscore.reports.report import Report  # noqa: PLC0415

    require_files([args.pack, args.figures])
    pack = load_pack(args.pack)
    card = score(pack, load_figures(args.figures))
    fmt = args.format or ("md" if args.output == "-" else None)
    written = Report(pack=pack, card=card, lang=io.explicit_lang).write(args.output, fmt)
    shown = plain(card.total) if card.total is not None else f"{plain(card.low)}–{plain(card.high)}"
    if io.lang == "zh":
        io.err.write(f"已写入 {args.output}（{written}，总分 {shown}）\n")
    else:
        io.err.write(f"wrote {args.output} ({written}, total {shown})\n")
    return EXIT_OK
