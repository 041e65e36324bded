"""``perfscore check PACK...``: validate rule packs; exit 1 if any has problems."""

from __future__ import annotations

import argparse

from perfscore.commands import EXIT_OK, EXIT_PROBLEMS, CommandIO, require_files
from perfscore.diagnostics import PerfscoreError

NAME = "check"
HELP = "validate rule packs"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """One or more pack files."""
    parser.add_argument("packs", nargs="+", metavar="PACK")


def run(args: argparse.Namespace, io: CommandIO) -> int:
    """Load each pack; print ``ok`` or its diagnostics."""
    from perfscore.packloader import load_pack  # noqa: PLC0415 - keep `perfscore --help` fast

    require_files(args.packs)
    status = EXIT_OK
    for path in args.packs:
        try:
            pack = load_pack(path)
        except PerfscoreError as problem:
            io.err.write(problem.format(io.lang) + "\n")
            status = EXIT_PROBLEMS
            continue
        count = len(pack.indicators())
        if io.lang == "zh":
            io.out.write(f"{path}: 通过（{pack.id} v{pack.version}，{count} 个指标）\n")
        else:
            io.out.write(f"{path}: ok ({pack.id} v{pack.version}, {count} indicators)\n")
    return status
