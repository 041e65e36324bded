"""``perfscore packs``: the packs that can be named by id — bundled, and on the search path.

An id is a pack's file name without ``.yaml``. Lookup order, first match wins: the
folders given with ``--packs DIR``, the folders of ``PERFSCORE_PATH`` (separated like
``PATH``), then the packs bundled with perfscore. A pack hidden by an earlier one of
the same id is marked as shadowed; one that does not load shows its first error code.
"""

from __future__ import annotations

import argparse
import json

from perfscore._commands import EXIT_OK, EXIT_PROBLEMS, CommandIO

NAME = "packs"
HELP = "list the packs that can be named by id (bundled, PERFSCORE_PATH, --packs DIR)"

HEADERS = {
    "zh": ("编号", "名称", "版本", "依据", "来自"),
    "en": ("id", "title", "version", "source", "from"),
}
WORDS = {
    "zh": {"bundled": "内置", "shadowed": "（被覆盖）", "broken": "无法加载"},
    "en": {"bundled": "bundled", "shadowed": " (shadowed)", "broken": "does not load"},
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The output format (ids alone feed shell completion)."""
    parser.add_argument("--format", choices=("table", "md", "json", "ids"), default="table", help="output format")


def run(args: argparse.Namespace, io: CommandIO) -> int:
    """List every pack on the search path, in lookup order."""
    from perfscore._packs.bundled import BUNDLED, pack_ids  # noqa: PLC0415 - keep `perfscore --help` fast
    from perfscore._packs.listing import pack_entries  # noqa: PLC0415
    from perfscore._views.fit import fit_table  # noqa: PLC0415

    if args.format == "ids":  # for shell completion: file names only, nothing loaded
        io.out.write("".join(f"{pack_id}\n" for pack_id in pack_ids()))
        return EXIT_OK
    entries = pack_entries()
    if args.format == "json":
        rows = [
            {
                "id": e.id,
                "title": e.title,
                "version": e.version,
                "source": e.source,
                "from": e.origin,
                "path": str(e.path),
                "shadowed": e.shadowed,
                "problem": e.problem,
            }
            for e in entries
        ]
        io.out.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
        return EXIT_PROBLEMS if any(e.problem for e in entries) else EXIT_OK
    words = WORDS[io.lang]
    rows_text = [
        [
            e.id + (words["shadowed"] if e.shadowed else ""),
            e.title if e.problem is None else f"{words['broken']}: {e.problem}",
            e.version,
            e.source,
            words["bundled"] if e.origin == BUNDLED else e.origin,
        ]
        for e in entries
    ]
    io.out.write(fit_table(rows_text, HEADERS[io.lang], fmt=args.format, width=io.width, flexible=(1, 3, 4)) + "\n")
    return EXIT_PROBLEMS if any(e.problem for e in entries) else EXIT_OK
