"""``perfscore check PACK...``: validate rule packs; exit 1 if any has problems.

Loading reports what makes a pack unusable (errors). The static checks then report
what is probably a mistake — gaps between bands, unreachable bands and levels, bands
out of order, rules reading a figure no figures file has — as warnings: exit 0, or 1
with ``--strict``. With ``--figures`` the figures file is checked against each pack
too (it must fit; indicators it gives nothing for and amounts no rule reads are
listed). ``--format json`` prints it all as one JSON document, ``--format sarif`` as
SARIF 2.1.0 for code scanning (GitHub uploads it with
``github/codeql-action/upload-sarif``; each problem shows on its line of the pack).
"""

from __future__ import annotations

import argparse

from perfscore._commands import EXIT_OK, EXIT_PROBLEMS, CommandIO, require_files
from perfscore._core.diagnostics import Diagnostic, PerfscoreError, Severity
from perfscore._views.checkreport import CheckedFile

NAME = "check"
HELP = "validate rule packs (errors), then static checks (warnings)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """One or more pack files; ``--figures``; ``--strict``; ``--format``."""
    parser.add_argument("packs", nargs="+", metavar="PACK")
    parser.add_argument("--figures", metavar="FIGURES", help="also check that this figures file fits each pack")
    parser.add_argument("--strict", action="store_true", help="exit 1 when there are warnings too")
    parser.add_argument(
        "--format",
        choices=("text", "json", "sarif"),
        default="text",
        help="text (default), json, or SARIF 2.1.0 for code scanning (GitHub, editors)",
    )


def run(args: argparse.Namespace, io: CommandIO) -> int:
    """Load each pack; print ``ok`` or its diagnostics, then its warnings (or all of it as JSON/SARIF)."""
    from perfscore._inputs.figures import load_figures  # noqa: PLC0415 - keep `perfscore --help` fast

    require_files([*args.packs, *([args.figures] if args.figures else [])])
    figures = load_figures(args.figures) if args.figures else None
    checked = [_check_one(path, figures) for path in args.packs]
    status = EXIT_OK
    for item in checked:
        severities = {d.severity for d in item.diagnostics}
        if not item.loaded or Severity.ERROR in severities or (args.strict and Severity.WARNING in severities):
            status = EXIT_PROBLEMS
    if args.format in {"json", "sarif"}:
        from perfscore import __version__  # noqa: PLC0415
        from perfscore._views.checkreport import check_json, check_sarif  # noqa: PLC0415
        from perfscore._views.serialize import to_json  # noqa: PLC0415

        data = check_json(checked, io.lang) if args.format == "json" else check_sarif(checked, io.lang, __version__)
        io.out.write(to_json(data) + "\n")
        return status
    for item in checked:
        _print_text(item, io)
    return status


def _check_one(path: str, figures: object) -> CheckedFile:
    """Load one pack (or tests file) and run the static checks; every problem becomes a diagnostic."""
    from perfscore._packs.loader import load_pack  # noqa: PLC0415 - keep `perfscore --help` fast
    from perfscore._packs.testcases import TESTS_SUFFIX, load_suite  # noqa: PLC0415

    if path.endswith(TESTS_SUFFIX):
        try:
            suite = load_suite(path)
        except PerfscoreError as problem:
            return CheckedFile(path=path, kind="tests", loaded=False, diagnostics=problem.diagnostics)
        return CheckedFile(path=path, kind="tests", loaded=True, pack_id=suite.pack.id, count=len(suite.cases))
    try:
        pack = load_pack(path)
    except PerfscoreError as problem:
        return CheckedFile(path=path, kind="pack", loaded=False, diagnostics=problem.diagnostics)
    return CheckedFile(
        path=path,
        kind="pack",
        loaded=True,
        pack_id=pack.id,
        version=pack.version,
        count=len(pack.indicators()),
        diagnostics=tuple(_static(pack, figures)),
    )


def _print_text(item: CheckedFile, io: CommandIO) -> None:
    """``path: ok (…)`` on stdout when usable, then each diagnostic on stderr, as before."""
    errors = [d for d in item.diagnostics if d.severity is Severity.ERROR]
    warnings = [d for d in item.diagnostics if d.severity is Severity.WARNING]
    if item.loaded and not errors:
        ok = io.paint("通过" if io.lang == "zh" else "ok", "ok")
        if item.kind == "tests" and io.lang == "zh":
            io.out.write(f"{item.path}: {ok}（{item.pack_id} 的测试，{item.count} 个用例）\n")
        elif item.kind == "tests":
            io.out.write(f"{item.path}: {ok} (tests of {item.pack_id}, {item.count} cases)\n")
        elif io.lang == "zh":
            extra = f"，{len(warnings)} 个警告" if warnings else ""
            io.out.write(f"{item.path}: {ok}（{item.pack_id} v{item.version}，{item.count} 个指标{extra}）\n")
        else:
            extra = f", {len(warnings)} warning{'s' if len(warnings) != 1 else ''}" if warnings else ""
            io.out.write(f"{item.path}: {ok} ({item.pack_id} v{item.version}, {item.count} indicators{extra})\n")
    if item.diagnostics:
        io.err.write(io.problems(item.diagnostics) + "\n")


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
