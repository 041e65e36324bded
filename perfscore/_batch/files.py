"""Scoring a folder's figures files: each read without locations first, located only when it must be.

A figures file is read to be scored; its lines matter only when something in it is
wrong. So each file is read by :func:`perfscore._yaml.lean.lean_document` (libyaml's
events straight into values, no marks) and scored by :func:`perfscore.score`; a file that
the lean reader gives up on, whose figures the loader refuses, or whose scoring fails,
is read and scored again exactly as :func:`perfscore._batch.many.score_many` does, so
every diagnostic names its line and column. A scored department's row holds no
location (its warnings are counted, not shown), so it is the same row either way; a
test holds the two ways equal over files of every kind.
"""

from __future__ import annotations

from collections.abc import Callable

from perfscore._batch.many import BatchResult, score_many
from perfscore._core.decimals import own_context
from perfscore._core.diagnostics import FiguresError
from perfscore._core.engine import score
from perfscore._core.figures import Figures
from perfscore._core.model import Pack
from perfscore._files.text import decode_source, read_source_file
from perfscore._inputs.figures import figures_from_document
from perfscore._yaml.lean import lean_document
from perfscore._yaml.source import DEFAULT_READ_LIMITS

Item = str | tuple[str, Callable[[], Figures]]


def score_file(pack: Pack, item: Item) -> BatchResult:
    """One figures file's result under ``pack``: read lean when that suffices, else as ``score_many`` reads it."""
    if isinstance(item, str):
        found = _lean(pack, item)
        if found is not None:
            return found
    return next(iter(score_many(pack, [item])))


@own_context
def _lean(pack: Pack, path: str) -> BatchResult | None:
    """The result when the file reads and scores without a problem; None when the located way must say why."""
    try:
        raw = read_source_file(path, path, DEFAULT_READ_LIMITS.max_bytes, FiguresError)
        doc = lean_document(decode_source(raw, path, FiguresError), name=path)
        if doc is None:
            return None
        card = score(pack, figures_from_document(doc))
    except Exception:  # noqa: BLE001 - any problem: the located way reads the file again and reports it
        return None
    return BatchResult(index=0, source=path, card=card)
