"""The ``perfscore`` command line.

Exit codes: 0 success, 1 problems found (a pack or figures file is wrong), 2 usage
error (bad arguments, unknown file or indicator). Problems print as
``file:line:col: CODE message``; a Python traceback is never shown to a user (set
``PERFSCORE_DEBUG=1`` to see one for a bug).

Conventions: ``-`` is standard input for a pack or figures argument and standard
output for ``-o``; a pack may be named by id (``perfscore packs`` lists them); help
follows ``--lang``; colour only on a terminal and never with ``NO_COLOR``; tables fit
``COLUMNS``; ``perfscore completion bash|zsh|fish`` prints a completion script.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from typing import TextIO

from perfscore._commands import COMMANDS, EXIT_INTERNAL, EXIT_PROBLEMS, EXIT_USAGE, CommandIO
from perfscore._commands.helptext import ChineseArgumentParser, localize, wanted_lang
from perfscore._core.diagnostics import Lang, PerfscoreError, UsageError


def default_lang() -> Lang:
    """Chinese when the locale says so (LC_ALL, LC_MESSAGES, LANG), English otherwise."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def version() -> str:
    """The installed version (one place: ``perfscore.__version__``, which the package metadata reads)."""
    from perfscore import __version__  # noqa: PLC0415

    return __version__


def _parser(lang: Lang = "en") -> argparse.ArgumentParser:
    """The whole command tree, its help in ``lang`` (also what shell completion is generated from)."""
    kind = ChineseArgumentParser if lang == "zh" else argparse.ArgumentParser  # subcommands take the same kind
    parser = kind(prog="perfscore", description="Budget-performance evaluation schemes as code.")
    parser.add_argument(
        "--lang", choices=("zh", "en"), default=None, help="language of messages and help (default: from the locale)"
    )
    parser.add_argument("--version", action="version", version=f"perfscore {version()}")
    parser.add_argument(
        "--packs",
        dest="pack_dirs",  # not "packs": `check` names its positional packs
        action="append",
        default=[],
        metavar="DIR",
        help="also find packs by id in this folder (before PERFSCORE_PATH and the bundled packs; repeatable)",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(name)
        command = sub.add_parser(module.NAME, help=module.HELP, description=module.__doc__)
        module.add_arguments(command)
        command.set_defaults(run=module.run)
    localize(parser, lang)
    return parser


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run the command line; returns the exit code (the console script exits with it)."""
    from perfscore._commands.terminal import colour_enabled, table_width  # noqa: PLC0415
    from perfscore._packs.bundled import extra_pack_dirs  # noqa: PLC0415

    out = out or sys.stdout
    err = err or sys.stderr
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        args = _parser(wanted_lang(arguments) or default_lang()).parse_args(arguments)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    io = CommandIO(
        out=out,
        err=err,
        lang=args.lang or default_lang(),
        explicit_lang=args.lang,
        colour=colour_enabled(out),
        err_colour=colour_enabled(err),
        width=table_width(out),
    )
    try:
        with extra_pack_dirs(args.pack_dirs):
            return int(args.run(args, io))
    except UsageError as problem:
        err.write(io.problems(problem.diagnostics) + "\n")
        return EXIT_USAGE
    except PerfscoreError as problem:
        err.write(io.problems(problem.diagnostics) + "\n")
        return EXIT_PROBLEMS
    except Exception as bug:
        if os.environ.get("PERFSCORE_DEBUG"):
            raise
        err.write(f"perfscore: internal error: {type(bug).__name__}: {bug} (set PERFSCORE_DEBUG=1 for details)\n")
        return EXIT_INTERNAL


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
