"""``perfscore check PACK...``: validate rule packs; exit 1 if any has problems.

Loading reports what makes a pack unusable (errors). The static checks of
:mod:`perfscore._packs.staticchecks` then report what is probably a mistake — gaps between
bands, unreachable bands and levels, bands out of order, rules reading a figure no
figures file has — as warnings: exit 0, or 1 with ``--strict``. With ``--figures``
the figures file is checked against each pack too (it must fit; indicators it gives
nothing for and amounts no rule reads are listed).
"""

from __future__ import annotations

import argparse

from perfscore._commands import EXIT_OK, EXIT_PROBLEMS, CommandIO, require_files
from perfscore._core.diagnostics import Diagnostic, PerfscoreError, Severity

NAME = "check"
HELP = "validate rule packs (errors), then static checks (warnings)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """One or more pack files; ``--figures``; ``--strict``."""
    parser.add_argument("packs", nargs="+", metavar="PACK")
    parser.add_argument("--figures", metavar="FIGURES", help="also check that this figures file fits each pack")
    parser.add_argument("--strict", action="store_true", help="exit 1 when there are warnings too")


def run(args: argparse.Namespace, io: CommandIO) -> int:
    """Load each pack; print ``ok`` or its diagnostics, then its warnings."""
    from perfscore._inputs.figures import load_figures  # noqa: PLC0415 - keep `perfscore --help` fast
    from perfscore._packs.loader import load_pack  # noqa: PLC0415
    from perfscore._packs.testcases import TESTS_SUFFIX  # noqa: PLC0415

    require_files([*args.packs, *([args.figures] if args.figures else [])])
    figures = load_figures(args.figures) if args.figures else None
    status = EXIT_OK
    for path in args.packs:
        if path.endswith(TESTS_SUFFIX):
            status = max(status, _check_tests(path, io))
            continue
        try:
            pack = load_pack(path)
        except PerfscoreError as problem:
            io.err.write(problem.format(io.lang) + "\n")
            status = EXIT_PROBLEMS
            continue
        found = _static(pack, figures)
        errors = [d for d in found if d.severity is Severity.ERROR]
        warnings = [d for d in found if d.severity is Severity.WARNING]
        count = len(pack.indicators())
        if errors:
            status = EXIT_PROBLEMS
        elif io.lang == "zh":
            extra = f"，{len(warnings)} 个警告" if warnings else ""
            io.out.write(f"{path}: 通过（{pack.id} v{pack.version}，{count} 个指标{extra}）\n")
        else:
            extra = f", {len(warnings)} warning{'s' if len(warnings) != 1 else ''}" if warnings else ""
            io.out.write(f"{path}: ok ({pack.id} v{pack.version}, {count} indicators{extra})\n")
        for item in found:
            io.err.write(item.format(io.lang) + "\n")
        if warnings and args.strict:
            status = EXIT_PROBLEMS
    return status


def _check_tests(path: str, io: CommandIO) -> int:
    """A ``<pack>.tests.yaml`` file is checked as a tests file: it and its pack must load."""
    from perfscore._packs.testcases import load_suite  # noqa: PLC0415 - keep `perfscore --help` fast

    try:
        suite = load_suite(path)
    except PerfscoreError as problem:
        io.err.write(problem.format(io.lang) + "\n")
        return EXIT_PROBLEMS
    count = len(suite.cases)
    if io.lang == "zh":
        io.out.write(f"{path}: 通过（{suite.pack.id} 的测试，{count} 个用例）\n")
    else:
        io.out.write(f"{path}: ok (tests of {suite.pack.id}, {count} cases)\n")
    return EXIT_OK


def _static(pack: object, figures: object) -> list[Diagnostic]:
    """The static checks, and the figures' fit when figures are given."""
    from perfscore._core.engine import score  # noqa: PLC0415 - keep `perfscore --help` fast
    from perfscore._core.figures import Figures  # noqa: PLC0415
    from perfscore._core.model import Pack  # noqa: PLC0415
    from perfscore._packs.staticchecks import figures_checks, pack_checks  # noqa: PLC0415

    assert isinstance(pack, Pack)  # noqa: S101 - typed loosely to keep imports lazy
    found = list(pack_checks(pack))
    if isinstance(figures, Figures):
        found.extend(figures_checks(pack, figures))
        if not pack.template:
            try:
                card = score(pack, figures)
            except PerfscoreError as problem:
                found.extend(problem.diagnostics)
            else:
                fit = {"FIGURE_NOT_USED", "FIGURE_UNKNOWN_INDICATOR", "PACK_MISMATCH"}
                found.extend(d for d in card.diagnostics if d.code in fit)
    return found
