"""``perfscore schema``: print the JSON Schema of rule packs (for editors' YAML support)."""

from __future__ import annotations

import argparse

from perfscore._commands import EXIT_OK, CommandIO

NAME = "schema"
HELP = "print the JSON Schema of rule packs (also in docs/perfscore-pack.schema.json)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """No arguments."""
    del parser


def run(args: argparse.Namespace, io: CommandIO) -> int:
    """Print the schema generated from the loader's key tables."""
    del args
    from perfscore._packs.schema import schema_text  # noqa: PLC0415 - keep `perfscore --help` fast

    io.out.write(schema_text())
    return EXIT_OK
