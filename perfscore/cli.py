"""The ``perfscore`` command line.

Exit codes: 0 success, 1 problems found (a pack or figures file is wrong), 2 usage
error (bad arguments, unknown file or indicator, an output that is an input), 3 an
unexpected failure (a bug). Problems print as ``file:line:col: CODE message``; a Python
traceback is never shown to a user: a bug prints ``UNEXPECTED_FAILURE`` with what was kept
and what was lost (set ``PERFSCORE_DEBUG=1`` to see the traceback).

Conventions: ``-`` is standard input for a pack or figures argument and standard
output for ``-o``; a pack may be named by id (``perfscore packs`` lists them); help
follows ``--lang``; colour only on a terminal and never with ``NO_COLOR``; tables fit
``COLUMNS``; ``perfscore completion bash|zsh|fish`` prints a completion script.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from collections.abc import Sequence
from typing import Any, TextIO, cast

from perfscore._commands import COMMANDS, EXIT_INTERNAL, EXIT_PROBLEMS, EXIT_USAGE, CommandIO
from perfscore._commands.helptext import ChineseArgumentParser, localize, wanted_lang
from perfscore._commands.lastresort import forget
from perfscore._commands.terminal import colour_enabled, render_styles
from perfscore._core.diagnostics import Lang, PerfscoreError, UsageError
from perfscore._files.cellsafe import terminal


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


class SafeStream:
    """A text stream that no printed text can act on: control characters shown, any encoding survived.

    Figures text reaches the terminal through ``score`` and ``explain``; an ESC in a
    department name could retitle the window or clear the screen, so every control
    character is shown as its symbol (see :func:`perfscore._files.cellsafe.terminal`).
    A stream that cannot encode a character (``PYTHONIOENCODING=ascii``) gets it as a
    backslash escape (总 becomes the six characters "backslash u603b") instead of failing; styling goes to
    :attr:`raw`, untouched.
    """

    def __init__(self, raw: TextIO) -> None:
        """Wrap ``raw``; colour (see :mod:`perfscore._commands.terminal`) only if it is a terminal."""
        self.raw = raw
        self.colour = colour_enabled(raw)

    def write(self, text: str) -> int:
        """Write ``text``, made safe for a terminal and for the stream's encoding; styles become colour or nothing."""
        safe = render_styles(terminal(text), colour=self.colour)
        encoding = getattr(self.raw, "encoding", None)
        if encoding:
            try:
                safe.encode(encoding)
            except (UnicodeEncodeError, LookupError):
                safe = safe.encode(encoding, "backslashreplace").decode(encoding)
        return self.raw.write(safe)

    def __getattr__(self, name: str) -> Any:  # noqa: ANN401 - everything else is the wrapped stream's
        """Everything but ``write`` is the wrapped stream's."""
        return getattr(self.raw, name)


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None) -> int:  # noqa: PLR0911 - one exit per outcome
    """Run the command line; returns the exit code (the console script exits with it)."""
    from perfscore._commands.terminal import table_width  # noqa: PLC0415
    from perfscore._packs.bundled import extra_pack_dirs  # noqa: PLC0415

    safe_out, safe_err = SafeStream(out or sys.stdout), SafeStream(err or sys.stderr)
    out, err = cast("TextIO", safe_out), cast("TextIO", safe_err)
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):  # help and usage errors too
            args = _parser(wanted_lang(arguments) or default_lang()).parse_args(arguments)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    io = CommandIO(
        out=out,
        err=err,
        lang=args.lang or default_lang(),
        explicit_lang=args.lang,
        colour=safe_out.colour,
        err_colour=safe_err.colour,
        width=table_width(safe_out.raw),
    )
    forget()
    try:
        with extra_pack_dirs(args.pack_dirs):
            return int(args.run(args, io))
    except UsageError as problem:
        err.write(io.problems(problem.diagnostics) + "\n")
        return EXIT_USAGE
    except PerfscoreError as problem:
        err.write(io.problems(problem.diagnostics) + "\n")
        return EXIT_PROBLEMS
    except BrokenPipeError:  # `perfscore score … | head`: the reader has gone; nothing to say to it
        _silence(out)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:  # Ctrl-C: no traceback either; atomic writes left every output as it was
        err.write("perfscore: 已中断，未写完的输出保持原样\n" if io.lang == "zh" else _INTERRUPTED)
        return EXIT_INTERRUPTED
    except Exception as bug:  # the last resort: say what stopped and what was kept, never a traceback
        if os.environ.get("PERFSCORE_DEBUG"):
            raise
        from perfscore._commands.lastresort import unexpected  # noqa: PLC0415

        err.write(unexpected(bug).format(io.lang) + "\n")
        return EXIT_INTERNAL


_INTERRUPTED = "perfscore: interrupted; an output not finished was left as it was\n"
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it


def _silence(stream: TextIO) -> None:
    """Point a closed pipe's descriptor at /dev/null, so Python's final flush does not fail again."""
    try:
        descriptor = stream.fileno()
    except (AttributeError, OSError, ValueError):
        return
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, descriptor)
    os.close(null)


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
