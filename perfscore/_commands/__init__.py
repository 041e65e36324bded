"""The subcommands of ``perfscore``, one module each.

Each module has ``NAME``, ``HELP``, ``add_arguments(parser)`` and ``run(args, io) -> int``
and imports the heavy parts of the library inside ``run``, so ``perfscore --help`` stays
fast. :data:`COMMANDS` lists them in the order ``--help`` shows them; adding a command is
adding a module and one line here.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import Protocol, TextIO

import attrs

from perfscore._core.diagnostics import Diagnostic, Lang, Location, UsageError, diagnostic

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
    "perfscore._commands.packs",
    "perfscore._commands.completion",
)

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


@attrs.frozen(kw_only=True)
class CommandIO:
    """Where a command writes, and in which language it speaks."""

    out: TextIO
    err: TextIO
    lang: Lang  # messages: --lang, else the locale
    explicit_lang: Lang | None  # --lang as given; explanations otherwise follow the pack
    colour: bool = False  # stdout is a terminal and NO_COLOR is not set
    err_colour: bool = False  # the same for stderr, where diagnostics go
    width: int | None = None  # terminal columns to fit tables to (None: not a terminal, no COLUMNS)

    def paint(self, text: str, style: str) -> str:
        """``text`` in colour when colour is on (``style``: ok, error, warning, note, bold)."""
        from perfscore._commands.terminal import paint  # noqa: PLC0415 - keep `perfscore --help` fast

        return paint(text, style) if self.colour else text

    def problems(self, found: Iterable[Diagnostic]) -> str:
        """Diagnostics as text for stderr, one per line, their codes coloured by severity on a terminal."""
        from perfscore._commands.terminal import paint_code  # noqa: PLC0415 - keep `perfscore --help` fast

        return "\n".join(paint_code(d.format(self.lang), d) if self.err_colour else d.format(self.lang) for d in found)


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
    """A path that does not exist is a usage error (exit 2), not a problem in a file.

    ``-`` (standard input) and a pack id that the search path resolves are not files and pass.
    """
    from perfscore._packs.bundled import find_pack, is_pack_id  # noqa: PLC0415 - keep `perfscore --help` fast

    missing = [path for path in paths if path != "-" and not os.path.isfile(path) and find_pack(path) is None]
    if missing:
        raise UsageError([_unreadable(path, could_be_id=is_pack_id(path)) for path in missing])


def _unreadable(path: str, *, could_be_id: bool) -> Diagnostic:
    """FILE_UNREADABLE for ``path``; a name that could be a pack id says that no pack has it either."""
    from perfscore._text.problems import problem  # noqa: PLC0415 - keep `perfscore --help` fast

    if os.path.exists(path):
        reason_zh, reason = problem("file.not_regular")
    else:
        reason_zh, reason = problem("file.missing_pack" if could_be_id else "file.missing")
    return diagnostic("FILE_UNREADABLE", location=Location(file=path), reason=reason, reason_zh=reason_zh)


def require_paths(paths: Sequence[str]) -> None:
    """Like :func:`require_files`, but folders are welcome too."""
    require_files([path for path in paths if not os.path.isdir(path)])
