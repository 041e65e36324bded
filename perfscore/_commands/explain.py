"""``perfscore explain PACK FIGURES INDICATOR``: how one indicator or group was scored."""

from __future__ import annotations

import argparse

from perfscore._commands import EXIT_OK, CommandIO, require_files

NAME = "explain"
HELP = "explain how one indicator or group was scored"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The pack, the figures, and an indicator id or name."""
    parser.add_argument("pack", metavar="PACK")
    parser.add_argument("figures", metavar="FIGURES")
    parser.add_argument("indicator", metavar="INDICATOR", help="an id or a name")


def run(args: argparse.Namespace, io: CommandIO) -> int:
    """Score, then print the chain total → group → indicator → rule → figure."""
    from perfscore._core.engine import score  # noqa: PLC0415 - keep `perfscore --help` fast
    from perfscore._inputs.figures import load_figures  # noqa: PLC0415
    from perfscore._packs.loader import load_pack  # noqa: PLC0415

    require_files([args.pack, args.figures])
    card = score(load_pack(args.pack), load_figures(args.figures))
    io.out.write(card.explain(args.indicator, io.explicit_lang) + "\n")
    return EXIT_OK
