"""``perfscore score PACK FIGURES``: the 表2-style table, Markdown, or the JSON contract."""

from __future__ import annotations

import argparse

from perfscore.commands import EXIT_OK, CommandIO, require_files

NAME = "score"
HELP = "score a department's figures under a pack"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The pack, the figures, the output format."""
    parser.add_argument("pack", metavar="PACK")
    parser.add_argument("figures", metavar="FIGURES")
    parser.add_argument("--format", choices=("table", "markdown", "json"), default="table")
    parser.add_argument("--evidence", action="store_true", help="add the 实现情况 column to the table")


def run(args: argparse.Namespace, io: CommandIO) -> int:
    """Score and print."""
    from perfscore.engine import score  # noqa: PLC0415 - keep `perfscore --help` fast
    from perfscore.figuresloader import load_figures  # noqa: PLC0415
    from perfscore.packloader import load_pack  # noqa: PLC0415

    require_files([args.pack, args.figures])
    card = score(load_pack(args.pack), load_figures(args.figures))
    if args.format == "json":
        io.out.write(card.to_json(io.explicit_lang) + "\n")
    else:
        io.out.write(card.table(args.format, io.explicit_lang, evidence=args.evidence))
    return EXIT_OK
