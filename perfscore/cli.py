"""The ``perfscore`` command: check packs, score figures, explain one indicator.

Exit codes: 0 success, 1 problems found (a pack or figures file is wrong), 2 usage
error (bad arguments, unknown file or indicator). Problems print as
``file:line:col: CODE message``; a Python traceback is never shown to a user.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import TextIO

from perfscore.diagnostics import Lang, PerfscoreError, UsageError

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


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
    check = sub.add_parser("check", help="validate rule packs")
    check.add_argument("packs", nargs="+", metavar="PACK")
    score = sub.add_parser("score", help="score a department's figures under a pack")
    score.add_argument("pack", metavar="PACK")
    score.add_argument("figures", metavar="FIGURES")
    score.add_argument("--format", choices=("table", "markdown", "json"), default="table")
    score.add_argument("--evidence", action="store_true", help="add the 实现情况 column to the table")
    explain = sub.add_parser("explain", help="explain how one indicator or group was scored")
    explain.add_argument("pack", metavar="PACK")
    explain.add_argument("figures", metavar="FIGURES")
    explain.add_argument("indicator", metavar="INDICATOR", help="an id or a name")
    return parser


def _require_files(*paths: str) -> None:
    """A path that does not exist is a usage error (exit 2), not a problem in a file."""
    from perfscore.diagnostics import Location, diagnostic  # noqa: PLC0415 - keep `perfscore --help` fast

    missing = [path for path in paths if not os.path.isfile(path)]
    if missing:
        raise UsageError(
            [diagnostic("FILE_UNREADABLE", location=Location(file=path), reason="no such file") for path in missing]
        )


def _check(args: argparse.Namespace, lang: Lang, out: TextIO, err: TextIO) -> int:
    from perfscore.packloader import load_pack  # noqa: PLC0415 - keep `perfscore --help` fast

    _require_files(*args.packs)
    status = EXIT_OK
    for path in args.packs:
        try:
            pack = load_pack(path)
        except UsageError:
            raise
        except PerfscoreError as problem:
            err.write(problem.format(lang) + "\n")
            status = EXIT_PROBLEMS
            continue
        count = len(pack.indicators())
        message = (
            f"{path}: 通过 ({pack.id} v{pack.version}，{count} 个指标)"
            if lang == "zh"
            else (f"{path}: ok ({pack.id} v{pack.version}, {count} indicators)")
        )
        out.write(message + "\n")
    return status


def _score(args: argparse.Namespace, lang: Lang | None, out: TextIO) -> int:
    from perfscore.engine import score  # noqa: PLC0415 - keep `perfscore --help` fast
    from perfscore.figuresloader import load_figures  # noqa: PLC0415
    from perfscore.packloader import load_pack  # noqa: PLC0415

    _require_files(args.pack, args.figures)
    card = score(load_pack(args.pack), load_figures(args.figures))
    if args.format == "json":
        out.write(card.to_json(lang) + "\n")
    else:
        out.write(card.table(args.format, lang, evidence=args.evidence))
    return EXIT_OK


def _explain(args: argparse.Namespace, lang: Lang | None, out: TextIO) -> int:
    from perfscore.engine import score  # noqa: PLC0415 - keep `perfscore --help` fast
    from perfscore.figuresloader import load_figures  # noqa: PLC0415
    from perfscore.packloader import load_pack  # noqa: PLC0415

    _require_files(args.pack, args.figures)
    card = score(load_pack(args.pack), load_figures(args.figures))
    out.write(card.explain(args.indicator, lang) + "\n")
    return EXIT_OK


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None) -> int:  # noqa: PLR0911 - one return per outcome keeps exit codes visible
    """Run the command line; returns the exit code (the console script exits with it)."""
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    message_lang: Lang = args.lang or default_lang()
    try:
        if args.command == "check":
            return _check(args, message_lang, out, err)
        if args.command == "score":
            return _score(args, args.lang, out)
        return _explain(args, args.lang, out)
    except UsageError as problem:
        err.write(problem.format(message_lang) + "\n")
        return EXIT_USAGE
    except PerfscoreError as problem:
        err.write(problem.format(message_lang) + "\n")
        return EXIT_PROBLEMS
    except Exception as bug:
        if os.environ.get("PERFSCORE_DEBUG"):
            raise
        err.write(f"perfscore: internal error: {type(bug).__name__}: {bug} (set PERFSCORE_DEBUG=1 for details)\n")
        return EXIT_INTERNAL


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
