"""``perfscore trend PACK_OR_PACKS FIGURES...``: one department over several years.

Each year may be scored under its own pack version. PACK_OR_PACKS is a pack file, a
folder of packs, or pack files joined by commas (``a.yaml,b.yaml``). Each figures
file is scored under the pack given for its year with ``--pack YEAR=PACK``, else the
pack whose id its own ``pack:`` field names, else — for a file that names no pack,
when only one pack is given — that pack. Indicators and groups are matched by id
across the packs and followed as achievement (score ÷ weight), so reweighting does
not fake a trend; the changes between consecutive years' packs (added, removed,
reweighted …) are listed. ``--format html`` adds a chart; ``xlsx`` needs ``-o``.
"""

from __future__ import annotations

import argparse
import os

from perfscore._commands import EXIT_OK, CommandIO, require_files
from perfscore._core.diagnostics import UsageError, diagnostic

NAME = "trend"
HELP = "one department over several years, each year under its own pack version"
FORMATS = ("table", "json", "md", "markdown", "html", "xlsx")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The pack (or folder of packs), the figures files, ``--pack YEAR=PACK``, the format, the output."""
    parser.add_argument(
        "packs", metavar="PACK_OR_PACKS", help="a pack file, a folder of packs, or pack files joined by commas"
    )
    parser.add_argument("figures", nargs="+", metavar="FIGURES", help="one figures file per year")
    parser.add_argument(
        "--pack", action="append", default=[], metavar="YEAR=PACK", dest="year_packs", help="the pack of one year"
    )
    parser.add_argument("--format", choices=FORMATS, default="table")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE (needed for xlsx)")


def _year_packs(specs: list[str]) -> dict[int, str]:
    found: dict[int, str] = {}
    for spec in specs:
        year, _, path = spec.partition("=")
        if not year.strip().isdigit() or not path:
            raise UsageError([diagnostic("TREND_PACK_SPEC", text=spec)])
        found[int(year)] = path
    return found


def pack_files(spec: str) -> list[str]:
    """Pack files joined by commas, or the packs of a folder (``*.yaml``/``*.yml``, not ``*.tests.yaml``)."""
    from perfscore._packs.testcases import TESTS_SUFFIX  # noqa: PLC0415 - keep `perfscore --help` fast

    if not os.path.isdir(spec):
        paths = [part for part in spec.split(",") if part] if not os.path.exists(spec) else [spec]
        require_files(paths)
        return paths
    path = spec
    return sorted(
        os.path.join(path, name)
        for name in os.listdir(path)
        if name.endswith((".yaml", ".yml")) and not name.endswith(TESTS_SUFFIX) and not name.startswith(".")
    )


def run(args: argparse.Namespace, io: CommandIO) -> int:
    """Load, choose each year's pack, score, and print or write the trend."""
    from perfscore._analysis.trend import trend  # noqa: PLC0415 - keep `perfscore --help` fast
    from perfscore._analysis.trendviews import trend_document  # noqa: PLC0415
    from perfscore._commands.review import emit  # noqa: PLC0415

    by_year = _year_packs(args.year_packs)
    require_files([*args.figures, *by_year.values()])
    result = trend(pack_files(args.packs), args.figures, by_year=by_year)
    chart = args.format == "html"
    emit(io, args, result.to_dict(io.explicit_lang), lambda: trend_document(result, io.explicit_lang, chart=chart))
    return EXIT_OK
