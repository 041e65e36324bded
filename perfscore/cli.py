"""The ``perfscore`` command line.

Exit codes: 0 success, 1 problems found (a pack or figures file is wrong), 2 usage
error (bad arguments, unknown file or indicator). Problems print as
``file:line:col: CODE message``; a Python traceback is never shown to a user (set
``PERFSCORE_DEBUG=1`` to see one for a bug).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from typing import TextIO

from perfscore._commands import COMMANDS, EXIT_INTERNAL, EXIT_PROBLEMS, EXIT_USAGE, CommandIO
from perfscore._core.diagnostics import Lang, PerfscoreError, UsageError


def default_lang() -> Lang:
    """Chinese when the locale says so (LC_ALL, LC_MESSAGES, LANG), English otherwise."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="perfscore", description="Budget-performance evaluation schemes as code.")
    parser.add_argument(
        "--lang", choices=("zh", "en"), default=None, help="language of messages (default: from the locale)"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(name)
        command = sub.add_parser(module.NAME, help=module.HELP, description=module.__doc__)
        module.add_arguments(command)
        command.set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run the command line; returns the exit code (the console script exits with it)."""
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    io = CommandIO(out=out, err=err, lang=args.lang or default_lang(), explicit_lang=args.lang)
    try:
        return int(args.run(args, io))
    except UsageError as problem:
        err.write(problem.format(io.lang) + "\n")
        return EXIT_USAGE
    except PerfscoreError as problem:
        err.write(problem.format(io.lang) + "\n")
        return EXIT_PROBLEMS
    except Exception as bug:
        if os.environ.get("PERFSCORE_DEBUG"):
            raise
        err.write(f"perfscore: internal error: {type(bug).__name__}: {bug} (set PERFSCORE_DEBUG=1 for details)\n")
        return EXIT_INTERNAL


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
