"""``perfscore report PACK FIGURES --format html|xlsx|md|docx -o FILE``: a complete report of one department-year.

The report holds the header (department, year, pack id and version), the 表1-style
scheme, the 表2-style score table with merged task cells, the total and grade (or
the range and the grades still possible, reconciled with the published grade), the
points lost with their reasons, the warnings, and the assumptions the pack declares.
The HTML file is self-contained (inline CSS and SVG charts) and prints on A4; the
xlsx workbook (``pip install 'perfscore[excel]'``) keeps numbers as numbers and
subtotals as formulas; the docx (``pip install 'perfscore[word]'``) is the 自评报告 a
department files, in the seed report's outline. Official formats (HTML, docx, xlsx) show
names, sentences and numbers only; ``--audit`` adds the 技术附录 with diagnostic codes,
ids, file locations and rules (on by default for Markdown, which pack authors read).
``--template DIR`` lays the HTML out with the agency's own Jinja2 template. The file is
written atomically.
"""

from __future__ import annotations

import argparse
import os

from perfscore._commands import EXIT_OK, CommandIO, require_files

NAME = "report"
HELP = "write a report of one department-year (HTML, xlsx, Markdown or the Word 自评报告)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The pack, the figures, the format and the output file."""
    parser.add_argument("pack", metavar="PACK")
    parser.add_argument("figures", metavar="FIGURES")
    parser.add_argument(
        "--format", choices=("html", "xlsx", "md", "docx"), default=None, help="default: from -o's extension"
    )
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="FILE",
        help="the report file to write; - for standard output (Markdown unless --format)",
    )
    parser.add_argument(
        "--audit",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="add the 技术附录 (codes, ids, file locations, rules); default: on for md, off for html/docx/xlsx",
    )
    parser.add_argument(
        "--template", metavar="DIR", default=None, help="a folder with report.html.j2 (Jinja2) to lay out the HTML"
    )


def run(args: argparse.Namespace, io: CommandIO) -> int:
    """Score, build the report from the scorecard and the pack, write it."""
    from perfscore._commands.safety import guard_outputs, noting_replacements  # noqa: PLC0415
    from perfscore._core.decimals import plain  # noqa: PLC0415 - keep `perfscore --help` fast
    from perfscore._core.engine import score  # noqa: PLC0415
    from perfscore._files.outputs import folder_inputs  # noqa: PLC0415
    from perfscore._inputs.figures import load_figures  # noqa: PLC0415
    from perfscore._packs.loader import load_pack  # noqa: PLC0415
    from perfscore.reports.report import Report  # noqa: PLC0415

    require_files([args.pack, args.figures])
    templates = folder_inputs(args.template) if args.template and os.path.isdir(args.template) else []
    guard_outputs([args.output], [args.pack, args.figures, *templates])
    pack = load_pack(args.pack)
    figures = load_figures(args.figures)
    card = score(pack, figures)
    report = Report(
        pack=pack, card=card, lang=io.explicit_lang, figures=figures, audit=args.audit, template=args.template
    )
    with noting_replacements(io, args.output):
        written = report.write(args.output, args.format or ("md" if args.output == "-" else None))
    shown = plain(card.total) if card.total is not None else f"{plain(card.low)}–{plain(card.high)}"
    if io.lang == "zh":
        io.err.write(f"已写入 {args.output}（{written}，总分 {shown}）\n")
    else:
        io.err.write(f"wrote {args.output} ({written}, total {shown})\n")
    return EXIT_OK
