"""``perfscore test PATH...``: run the YAML tests beside packs; ``--coverage`` reports what they missed.

A PATH is a pack (its tests are ``<pack>.tests.yaml`` beside it), a tests file, or a
folder (every pack in it must have tests). Exit 0 when every case passes (and, with
``--coverage``, every rule, band, level and grade was reached), 1 otherwise.
"""

from __future__ import annotations

import argparse
import os

from perfscore._commands import EXIT_OK, EXIT_PROBLEMS, CommandIO, require_paths
from perfscore._core.diagnostics import Diagnostic, Location, PerfscoreError, diagnostic

NAME = "test"
HELP = "run the YAML tests beside packs (--coverage: what they did not reach)"

WORDS = {
    "zh": {"ok": "通过", "fail": "失败", "why": "评分说明", "coverage": "覆盖", "cases": "个用例"},
    "en": {"ok": "ok", "fail": "FAIL", "why": "how it was scored", "coverage": "coverage", "cases": "cases"},
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Packs, tests files or folders; ``--coverage``."""
    parser.add_argument("paths", nargs="+", metavar="PATH", help="a pack, a <pack>.tests.yaml file, or a folder")
    parser.add_argument(
        "--coverage", action="store_true", help="report rules, bands, levels and grades no test reached"
    )


def discover(paths: list[str]) -> tuple[list[str], list[Diagnostic]]:
    """The tests files to run, and TESTS_MISSING for each pack that has none."""
    from perfscore._packs.testcases import TESTS_SUFFIX, tests_file_for  # noqa: PLC0415 - keep `perfscore --help` fast

    found: list[str] = []
    missing: list[Diagnostic] = []
    for path in paths:
        if os.path.isdir(path):
            names = sorted(name for name in os.listdir(path) if name.endswith(".yaml"))
            candidates = [
                os.path.join(path, name)
                for name in names
                if name.endswith(TESTS_SUFFIX) or looks_like_pack(os.path.join(path, name))
            ]
        else:
            candidates = [path]
        for candidate in candidates:
            tests = candidate if candidate.endswith(TESTS_SUFFIX) else tests_file_for(candidate)
            if candidate.endswith(TESTS_SUFFIX) or os.path.isfile(tests):
                if tests not in found:
                    found.append(tests)
                continue
            missing.append(diagnostic("TESTS_MISSING", location=Location(file=candidate), pack=candidate, file=tests))
    return found, missing


def looks_like_pack(path: str) -> bool:
    """Whether a YAML file in a folder is a pack (a list of ``indicators``, or ``extends``), not figures.

    Figures files sit beside packs (their ``indicators`` is a mapping by id); they have no
    tests of their own and are not reported as packs missing tests. A file that cannot
    be read counts as a pack, so that its problem is reported rather than skipped.
    """
    import yaml  # noqa: PLC0415 - keep `perfscore --help` fast

    try:
        with open(path, encoding="utf-8-sig") as handle:
            data = yaml.safe_load(handle)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return True
    if not isinstance(data, dict):
        return True
    figures_only = {"amounts", "published", "projects", "department", "percent_numbers", "tolerance"}
    figures = isinstance(data.get("indicators"), dict) or ("title" not in data and not figures_only.isdisjoint(data))
    return not figures


def run(args: argparse.Namespace, io: CommandIO) -> int:
    """Run each tests file; print failures with their explanation; summarise."""
    from perfscore._packs.bundled import resolve_pack  # noqa: PLC0415 - keep `perfscore --help` fast

    paths = [os.fspath(resolve_pack(path)) for path in args.paths]  # a pack id: its file (tests are beside it)
    require_paths(paths)
    files, missing = discover(paths)
    if not files and not missing:  # nothing to test is no success: "0 passed" would hide a wrong path
        where = Location(file=paths[0])
        raise PerfscoreError([diagnostic("TESTS_NONE", location=where, paths=", ".join(paths))])
    status = EXIT_PROBLEMS if missing else EXIT_OK
    for problem in missing:
        io.err.write(problem.format(io.lang) + "\n")
    passed = failed = 0
    for path in files:
        outcome = _run_file(path, io, coverage=args.coverage)
        if outcome is None:
            status = EXIT_PROBLEMS
            continue
        good, bad, complete = outcome
        passed, failed = passed + good, failed + bad
        if bad or not complete:
            status = EXIT_PROBLEMS
    io.out.write(f"通过 {passed} 个，失败 {failed} 个\n" if io.lang == "zh" else f"{passed} passed, {failed} failed\n")
    return status


def _run_file(path: str, io: CommandIO, *, coverage: bool) -> tuple[int, int, bool] | None:
    """Run one tests file: (passed, failed, coverage complete), or None when it could not be loaded."""
    from perfscore._packs.coverage import measure  # noqa: PLC0415 - keep `perfscore --help` fast
    from perfscore._packs.testcases import load_suite  # noqa: PLC0415
    from perfscore._packs.testrunner import run_suite  # noqa: PLC0415

    words = WORDS[io.lang]
    try:
        suite = load_suite(path)
    except PerfscoreError as problem:
        io.err.write(problem.format(io.lang) + "\n")
        return None
    results = run_suite(suite, io.explicit_lang)
    io.out.write(f"{path} ({suite.pack.id}, {len(results)} {words['cases']})\n")
    for result in results:
        mark = words["ok"] if result.passed else words["fail"]
        shown = io.paint(f"{mark:<4}", "ok" if result.passed else "error")
        io.out.write(f"  {shown}  {result.case.name}\n")
        for failure in result.failures:
            io.out.write(_indent(failure.diagnostic.format(io.lang), 8) + "\n")
            if failure.explanation:
                io.out.write(f"        {words['why']}:\n{_indent(failure.explanation, 10)}\n")
    passed = sum(result.passed for result in results)
    if not coverage:
        return passed, len(results) - passed, True
    report = measure(suite.pack, [(r.card, r.case.figures) for r in results if r.card is not None])
    io.out.write(f"  {words['coverage']}: {report.summary(io.lang)}\n")
    for gap in report.gaps:
        io.out.write(_indent(gap.format(io.lang), 4) + "\n")
    return passed, len(results) - passed, report.complete


def _indent(text: str, width: int) -> str:
    pad = " " * width
    return "\n".join(pad + line for line in text.splitlines())
