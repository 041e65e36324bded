"""Scoring a folder's figures files: each read without locations first, located only when it must be.

A figures file is read to be scored; its lines matter only when something in it is
wrong. So each file is read by :func:`perfscore._yaml.lean.lean_document` (libyaml's
events straight into values, no marks). A file whose figures are the plain numbers a
batch table holds goes to the compiled loop (:mod:`perfscore._batch.filerows`); any
other is scored by :func:`perfscore.score` from the lean document; and a file that the
lean reader gives up on, whose figures the loader refuses, or whose scoring fails, is
read and scored again exactly as :func:`perfscore._batch.many.score_many` does, so every
diagnostic names its line and column. A scored department's row holds no location (its
warnings are counted, not shown), so it is the same row either way; tests hold the ways
equal over files of every kind.
"""

from __future__ import annotations

from collections.abc import Callable

from perfscore._batch.many import BatchResult, score_many
from perfscore._core.decimals import own_context
from perfscore._core.diagnostics import FiguresError
from perfscore._core.engine import score
from perfscore._core.figures import Figures
from perfscore._core.model import Pack
from perfscore._files.text import decode_source, read_source_file, written_in_utf8
from perfscore._inputs.figures import figures_from_document
from perfscore._yaml.lean import lean_document
from perfscore._yaml.source import DEFAULT_READ_LIMITS, SourceDocument

Item = str | tuple[str, Callable[[], Figures]]


def read_lean(path: str) -> SourceDocument | None:
    """The file's document without marks; None when only the located reader can read it (or say why not)."""
    try:
        raw = read_source_file(path, path, DEFAULT_READ_LIMITS.max_bytes, FiguresError)
        source = raw if written_in_utf8(raw) else decode_source(raw, path, FiguresError)  # libyaml decodes UTF-8
        return lean_document(source, name=path)
    except Exception:  # noqa: BLE001 - unreadable, undecodable, anything: the located reader says what
        return None


def score_file(pack: Pack, item: Item, doc: SourceDocument | None = None, *, lean: bool = True) -> BatchResult:
    """One figures file's result under ``pack``: from its lean document when that suffices, else as ``score_many``.

    ``doc`` is the lean document when the caller has read it; ``lean=False`` says the lean
    reader gave up on the file already.
    """
    if isinstance(item, str) and lean:
        found = doc if doc is not None else read_lean(item)
        if found is not None:
            result = _scored(pack, found)
            if result is not None:
                return result
    return next(iter(score_many(pack, [item])))


@own_context
def _scored(pack: Pack, doc: SourceDocument) -> BatchResult | None:
    """The result when the figures load and score without a problem; None when the located way must say why."""
    try:
        card = score(pack, figures_from_document(doc))
    except Exception:  # noqa: BLE001 - any problem: the located way reads the file again and reports it
        return None
    return BatchResult(index=0, source=doc.name, card=card)
