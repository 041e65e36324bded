"""``perfscore packs``: every pack on the search path, loaded, with its title, version and source."""

from __future__ import annotations

from pathlib import Path

import attrs

from perfscore._core.diagnostics import PerfscoreError
from perfscore._packs.bundled import pack_files
from perfscore._packs.loader import load_pack


@attrs.frozen(kw_only=True)
class PackEntry:
    """One pack on the search path, as ``perfscore packs`` lists it."""

    id: str
    title: str
    version: str
    source: str  # the document the scheme comes from
    origin: str  # "bundled", or the folder it was found in
    path: Path
    problem: str | None = None  # the first diagnostic when the pack does not load
    shadowed: bool = False  # an earlier folder has a pack with the same id


def pack_entries() -> list[PackEntry]:
    """Every pack on the search path, in lookup order (loaded, so titles and problems are real)."""
    entries: list[PackEntry] = []
    seen: set[str] = set()
    for origin, path in pack_files():
        stem = path.name.rsplit(".", 1)[0]
        try:
            pack = load_pack(path)
        except PerfscoreError as err:
            first = err.diagnostics[0].code if err.diagnostics else type(err).__name__
            entry = PackEntry(id=stem, title="", version="", source="", origin=origin, path=path, problem=first)
        else:
            entry = PackEntry(
                id=stem,
                title=pack.title,
                version=pack.version,
                source=pack.source.number or pack.source.title,
                origin=origin,
                path=path,
            )
        entries.append(attrs.evolve(entry, shadowed=stem in seen))
        seen.add(stem)
    return entries
