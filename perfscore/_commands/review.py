"""``perfscore review PACK SELF REVIEW``: a self-evaluation (自评) against the bureau's review (复核).

SELF and REVIEW are figures files of the same department and year under PACK: the
department's own, and the reviewer's (who changes scores, levels or figures and adds
overrides with reasons). Shown: both totals and grades, per group and indicator the
self score, the review score, the difference (self − review) and the reviewer's
reason, and the over-claims — self-scores above the review by more than
``--threshold`` points. With two folders, files are paired by department and year
and the bureau's statistics are shown. ``--format html|xlsx`` writes a file (``-o``).
"""

from __future__ import annotations

import argparse
import os
from decimal import Decimal
from typing import BinaryIO

from perfscore._commands import EXIT_OK, EXIT_PROBLEMS, CommandIO, require_paths
from perfscore._core.diagnostics import UsageError, diagnostic

NAME = "review"
HELP = "compare a self-evaluation with the bureau's review (or two folders of them)"
FORMATS = ("table", "json", "md", "markdown", "html", "xlsx")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The pack, the two figures files (or folders), the format, the threshold, the output file."""
    parser.add_argument("pack", metavar="PACK")
    parser.add_argument("self_figures", metavar="SELF", help="the department's figures file (or a folder of them)")
    parser.add_argument("review_figures", metavar="REVIEW", help="the reviewer's figures file (or a folder of them)")
    parser.add_argument("--format", choices=FORMATS, default="table")
    parser.add_argument(
        "--threshold", default="0", metavar="POINTS", help="flag self-scores above the review by more (default 0)"
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE (needed for xlsx)")


def threshold_of(text: str) -> Decimal:
    """``--threshold`` as points: a number of at least 0, else ``REVIEW_THRESHOLD``."""
    from perfscore._core.diagnostics import ParseError  # noqa: PLC0415
    from perfscore._core.numerals import parse_decimal  # noqa: PLC0415

    try:
        value = parse_decimal(text)
    except ParseError:
        value = None
    if value is None or value < 0:
        raise UsageError([diagnostic("REVIEW_THRESHOLD", text=text)])
    return value


def run(args: argparse.Namespace, io: CommandIO) -> int:
    """Compare, then print or write in the chosen format."""
    from perfscore._packs.loader import load_pack  # noqa: PLC0415 - keep `perfscore --help` fast

    threshold = threshold_of(args.threshold)
    require_paths([args.pack, args.self_figures, args.review_figures])
    folders = os.path.isdir(args.self_figures) and os.path.isdir(args.review_figures)
    pack = load_pack(args.pack)
    if folders:
        from perfscore._analysis.bureau import review_folders  # noqa: PLC0415
        from perfscore._analysis.bureauviews import bureau_document  # noqa: PLC0415

        result = review_folders(pack, args.self_figures, args.review_figures, threshold=threshold)
        if args.output:  # printed output carries them itself (a section, or "problems" in JSON)
            for problem in result.problems:
                io.err.write(problem.format(io.lang) + "\n")
        emit(io, args, result.to_dict(io.explicit_lang), lambda: bureau_document(result, io.explicit_lang))
        return EXIT_OK if result.ok else EXIT_PROBLEMS
    from perfscore._analysis.review import review  # noqa: PLC0415
    from perfscore._analysis.reviewviews import review_document  # noqa: PLC0415

    require_files_only(args.self_figures, args.review_figures)
    compared = review(pack, args.self_figures, args.review_figures, threshold=threshold)
    emit(io, args, compared.to_dict(io.explicit_lang), lambda: review_document(compared, io.explicit_lang))
    return EXIT_OK


def require_files_only(*paths: str) -> None:
    """A file and a folder cannot be compared: both files, or both folders."""
    from perfscore._commands import require_files  # noqa: PLC0415

    require_files(list(paths))


def _put(stream: BinaryIO, payload: bytes) -> None:
    stream.write(payload)


def emit(io: CommandIO, args: argparse.Namespace, data: object, document: object) -> None:
    """Print (table, md, json, html) or write ``-o`` atomically (any format; xlsx only to a file)."""
    from perfscore._analysis.document import Document, render_html, render_text, render_xlsx  # noqa: PLC0415
    from perfscore._files.atomic import write_atomic  # noqa: PLC0415
    from perfscore._views.serialize import to_json  # noqa: PLC0415

    fmt = "md" if args.format == "markdown" else args.format
    if fmt == "xlsx" and not args.output:
        raise UsageError([diagnostic("OUTPUT_FILE_NEEDED", format=fmt)])
    built = document() if fmt != "json" else None  # type: ignore[operator]
    if fmt == "json":
        payload: bytes = (to_json(data) + "\n").encode("utf-8")  # type: ignore[arg-type]
    elif fmt == "xlsx":
        assert isinstance(built, Document)  # noqa: S101 - typed loosely to keep imports lazy
        payload = render_xlsx(built)
    else:
        assert isinstance(built, Document)  # noqa: S101
        payload = (render_html(built) if fmt == "html" else render_text(built, fmt)).encode("utf-8")
    if args.output:
        write_atomic(args.output, lambda stream: _put(stream, payload))
        io.err.write(f"{'已写入' if io.lang == 'zh' else 'wrote'} {args.output}\n")
    else:
        io.out.write(payload.decode("utf-8"))
