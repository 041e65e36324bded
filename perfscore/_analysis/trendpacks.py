"""Which pack scores which year of a trend: ``--pack YEAR=PACK``, else the figures' own ``pack:``.

A year is never scored under a pack it was not written for: a figures file naming a
pack that was not given, or naming none when several were given and its year is not
mapped, is ``TREND_PACK_UNKNOWN``; two files for one year, or a file without a year,
is ``TREND_YEAR``. All problems are reported at once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from perfscore._core.diagnostics import Location, UsageError, diagnostic
from perfscore._core.figures import Figures
from perfscore._core.model import Pack
from perfscore._text.problems import problem


def choose_packs(
    figures: Sequence[Figures], packs: Sequence[Pack], by_year: Mapping[int, Pack] | None = None
) -> list[Pack]:
    """The pack of each figures file: ``by_year``, else the one its ``pack:`` names, else (naming none) the only one."""
    by_year = by_year or {}
    by_id = {pack.id: pack for pack in packs}
    chosen: list[Pack] = []
    seen: dict[int, str] = {}
    problems = []
    for item in figures:
        name = item.file or "<figures>"
        if item.year is None:
            zh, en = problem("trend.no_year")
            problems.append(
                diagnostic("TREND_YEAR", location=Location(file=name), file=name, problem=en, problem_zh=zh)
            )
            continue
        if item.year in seen:
            zh, en = problem("trend.second_file", year=item.year, first=seen[item.year])
            problems.append(
                diagnostic("TREND_YEAR", location=Location(file=name), file=name, problem=en, problem_zh=zh)
            )
            continue
        seen[item.year] = name
        pack = by_year.get(item.year) or (by_id.get(item.pack_id) if item.pack_id else None)
        if pack is None and len(packs) == 1 and not item.pack_id:
            pack = packs[0]
        if pack is None:
            known = ", ".join(sorted(by_id)) or "—"
            problems.append(
                diagnostic(
                    "TREND_PACK_UNKNOWN",
                    location=Location(file=name),
                    file=name,
                    year=item.year,
                    pack=item.pack_id or "—",
                    known=known,
                )
            )
            continue
        chosen.append(pack)
    if problems:
        raise UsageError(problems)
    return chosen
