"""``perfscore score PACK FIGURES``: the 表2-style table, Markdown, or the JSON contract.

With ``--compare OTHER_PACK`` the same figures are scored under both packs and shown
side by side (JSON: ``{"a": …, "b": …}``), to see what a revision does to a result.
"""

from __future__ import annotations

import argparse

import attrs

from perfscore._commands import EXIT_OK, CommandIO, require_files

NAME = "score"
HELP = "score a department's figures under a pack (--compare: under two packs side by side)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The pack, the figures, the output format, and optionally a second pack."""
    parser.add_argument("pack", metavar="PACK")
    parser.add_argument("figures", metavar="FIGURES")
    parser.add_argument("--format", choices=("table", "md", "json"), default="table", help="output format")
    parser.add_argument("--evidence", action="store_true", help="add the 实现情况 column to the table")
    parser.add_argument("--compare", metavar="OTHER_PACK", help="also score under this pack and show both side by side")


def run(args: argparse.Namespace, io: CommandIO) -> int:
    """Score and print."""
    from perfscore._core.engine import score  # noqa: PLC0415 - keep `perfscore --help` fast
    from perfscore._inputs.figures import load_figures  # noqa: PLC0415
    from perfscore._packs.loader import load_pack  # noqa: PLC0415

    require_files([args.pack, args.figures, *([args.compare] if args.compare else [])])
    figures = load_figures(args.figures)
    card = score(load_pack(args.pack), figures)
    if args.compare:
        from perfscore._views.compare import comparison_to_dict, render_comparison  # noqa: PLC0415
        from perfscore._views.serialize import to_json  # noqa: PLC0415

        second = load_pack(args.compare)
        unused = [key for key in figures.indicators if second.node(key) is None]
        kept = {key: entry for key, entry in figures.indicators.items() if key not in unused}
        other = score(second, attrs.evolve(figures, indicators=kept))
        for key in unused:
            io.err.write(_ignored(key, second.id, io.lang))
        if args.format == "json":
            io.out.write(to_json(comparison_to_dict(card, other, io.explicit_lang)) + "\n")
        else:
            io.out.write(render_comparison(card, other, lang=io.lang, fmt=args.format, width=io.width))
        return EXIT_OK
    if args.format == "json":
        io.out.write(card.to_json(io.explicit_lang) + "\n")
    else:
        io.out.write(card.table(args.format, io.explicit_lang, evidence=args.evidence, width=io.width))
    return EXIT_OK


def _ignored(indicator: str, pack: str, lang: str) -> str:
    """Figures for an indicator the second pack does not have are left out of its scoring, and said so."""
    if lang == "zh":
        return f"注意：规则包 '{pack}' 中没有 '{indicator}'，比较时不使用其数据\n"
    return f"note: '{pack}' has no '{indicator}'; its figures are left out of that side\n"
