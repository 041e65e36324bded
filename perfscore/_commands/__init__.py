"""The subcommands of ``perfscore``, one module each.

Each module has ``NAME``, ``HELP``, ``add_arguments(parser)`` and ``run(args, io) -> int``
and imports the heavy parts of the library inside ``run``, so ``perfscore --help`` stays
fast. :data:`COMMANDS` lists them in the order ``--help`` shows them; adding a command is
adding a module and one line here.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Protocol, TextIO

import attrs

from perfscore._core.diagnostics import Lang, Location, UsageError, diagnostic

COMMANDS: tuple[str, ...] = (
    "perfscore._commands.check",
    "perfscore._commands.score",
    "perfscore._commands.explain",
    "perfscore._commands.diff",
    "perfscore._commands.test",
    "perfscore._commands.schema",
    "perfscore._commands.report",
    "perfscore._commands.import_table",
    "perfscore._commands.batch",
    "perfscore._commands.sensitivity",
    "perfscore._commands.review",
    "perfscore._commands.trend",
    "perfscore._commands.serve",
)

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


@attrs.frozen(kw_only=True)
class CommandIO:
    """Where a command writes, and in which language it speaks."""

    out: TextIO
    err: TextIO
    lang: Lang  # messages: --lang, else the locale
    explicit_lang: Lang | None  # --lang as given; explanations otherwise follow the pack


class Command(Protocol):
    """What a command module provides."""

    NAME: str
    HELP: str

    def add_arguments(self, parser: object) -> None:
        """Declare the command's arguments on an ``argparse`` parser."""
        ...

    def run(self, args: object, io: CommandIO) -> int:
        """Do the work; return the exit code."""
        ...


def require_files(paths: Sequence[str]) -> None:
    """A path that does not exist is a usage error (exit 2), not a problem in a file."""
    missing = [path for path in paths if not os.path.isfile(path)]
    if missing:
        raise UsageError(
            [
                diagnostic(
                    "FILE_UNREADABLE",
                    location=Location(file=path),
                    reason="it is not a regular file" if os.path.exists(path) else "no such file",
                    reason_zh="它不是普通文件" if os.path.exists(path) else "文件不存在",
                )
                for path in missing
            ]
        )


def require_paths(paths: Sequence[str]) -> None:
    """Like :func:`require_files`, but folders are welcome too."""
    require_files([path for path in paths if not os.path.isdir(path)])
