"""``perfscore sensitivity PACK FIGURES...``: how much each department's result depends on the weights and judgements.

Monte Carlo over weight perturbations (renormalised at every level of the scheme) and
over qualitative judgements within their bands; per department the range of totals,
the probability of each grade, and which indicators' weights or judgements most often
move it to another grade. The report states what was sampled and how.
"""

from __future__ import annotations

import argparse
import json

from perfscore._commands import EXIT_OK, CommandIO, require_files

NAME = "sensitivity"
HELP = "how much results depend on the weights and on qualitative judgements (Monte Carlo)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The pack, one or more figures files, and how to sample."""
    parser.add_argument("pack", metavar="PACK")
    parser.add_argument("figures", metavar="FIGURES", nargs="+")
    parser.add_argument("--weights", default="±20%", help="how far each weight may move (default ±20%%)")
    parser.add_argument("--samples", default="1000", help="number of samples (default 1000)")
    parser.add_argument("--seed", type=int, default=0, help="random seed: the same seed gives the same report")
    parser.add_argument("--format", choices=("table", "json"), default="table")
    parser.add_argument(
        "--engine", choices=("auto", "python", "numpy"), default="auto", help="NumPy when installed (auto); same result"
    )


def run(args: argparse.Namespace, io: CommandIO) -> int:
    """Score each figures file exactly, then sample."""
    from perfscore._core.diagnostics import UsageError, diagnostic  # noqa: PLC0415 - keep `perfscore --help` fast
    from perfscore._core.engine import score  # noqa: PLC0415
    from perfscore._inputs.figures import load_figures  # noqa: PLC0415
    from perfscore._packs.loader import load_pack  # noqa: PLC0415
    from perfscore.sensitivity import analyse, check_samples, departments  # noqa: PLC0415
    from perfscore.sensitivity.spread import parse_spread  # noqa: PLC0415

    spread = parse_spread(args.weights)
    try:
        samples = int(args.samples)
    except ValueError:
        samples = 0
    if samples < 1:
        raise UsageError([diagnostic("SENSITIVITY_SAMPLES", samples=args.samples[:40])])
    check_samples(samples)
    require_files([args.pack, *args.figures])
    pack = load_pack(args.pack)
    cards = []
    for path in args.figures:
        figures = load_figures(path)
        name = f"{figures.department} ({path})" if figures.department else path
        cards.append((name, score(pack, figures)))
    report = analyse(pack, departments(pack, cards), spread=spread, samples=samples, seed=args.seed, engine=args.engine)
    if args.format == "json":
        io.out.write(json.dumps(report.to_dict(), ensure_ascii=False, indent=1) + "\n")
    else:
        io.out.write(report.text(io.explicit_lang or io.lang))
    return EXIT_OK
