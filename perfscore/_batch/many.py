"""Scoring many departments under one pack, one result at a time.

:func:`score_many` is a generator: it loads and scores each department's figures
when the caller asks for the next result, so a batch of thousands streams in
constant memory and a caller can stop early. A department whose figures are wrong
does not stop the batch: its result carries the diagnostics instead of a scorecard.
Each result is exactly what :func:`perfscore.score` gives for that department, so a
faster engine can later replace the loop without changing what callers see.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, TypeAlias

import attrs

from perfscore._core.decimals import own_context_iter
from perfscore._core.diagnostics import Diagnostic, Location, PerfscoreError, Severity, diagnostic
from perfscore._core.engine import score
from perfscore._core.figures import Figures
from perfscore._core.model import Pack
from perfscore._core.scorecard import Scorecard
from perfscore._inputs.figures import figures_from_mapping, load_figures

if TYPE_CHECKING:
    from perfscore._batch.results import BatchResults

FiguresLike: TypeAlias = Figures | str | os.PathLike[str] | Mapping[str, Any] | Callable[[], Figures]
"""A department's figures: loaded, a figures file, plain data, or a function that loads them."""


@attrs.frozen(kw_only=True)
class BatchResult:
    """One department of a batch: its scorecard, or the errors that kept it from being scored."""

    index: int  # 0-based position in the input
    source: str  # the figures file, the table row, or '#n'
    card: Scorecard | None = None
    errors: tuple[Diagnostic, ...] = ()

    @property
    def ok(self) -> bool:
        """Whether the department was scored."""
        return self.card is not None

    @property
    def department(self) -> str | None:
        """The department's name as its figures give it (None when they could not be read)."""
        return None if self.card is None else self.card.department


def score_many(pack: Pack, figures: Iterable[FiguresLike | tuple[str, FiguresLike]]) -> BatchResults:
    """Score each department's figures under ``pack``, yielding one :class:`BatchResult` each, in order.

    An item may be :class:`~perfscore._core.figures.Figures`, the path of a figures file,
    a mapping as :func:`~perfscore.figures_from_mapping` takes, or a function that
    returns figures; or a ``(source, item)`` pair that names where it came from.
    Problems in one department's figures (a :class:`~perfscore.PerfscoreError`)
    become that result's ``errors``; the batch goes on. So does an unexpected failure
    (a bug) in one department: it becomes an ``UNEXPECTED_FAILURE`` error of that result.
    ``score_many(...).to_pandas()`` gives the whole batch as one DataFrame.
    """
    from perfscore._batch.results import BatchResults  # noqa: PLC0415 - the wrapper, loaded with its first batch

    return BatchResults(_results(pack, figures))


@own_context_iter
def _results(pack: Pack, figures: Iterable[FiguresLike | tuple[str, FiguresLike]]) -> Iterator[BatchResult]:
    """The generator behind :func:`score_many`."""
    for index, item in enumerate(figures):
        source, payload = item if isinstance(item, tuple) else (_source(item, index), item)
        try:
            card = score(pack, _load(payload))
        except PerfscoreError as err:
            errors = tuple(d for d in err.diagnostics if d.severity is Severity.ERROR) or err.diagnostics
            yield BatchResult(index=index, source=source, errors=errors)
        except Exception as bug:  # noqa: BLE001 - a bug in one department must not lose the others (issue 12)
            yield BatchResult(index=index, source=source, errors=(_unexpected(bug, source),))
        else:
            yield BatchResult(index=index, source=source, card=card)


def _unexpected(bug: Exception, source: str) -> Diagnostic:
    detail = f"{type(bug).__name__}: {bug}"[:300]
    kept = "the other departments are scored", "其他单位照常评分"
    return diagnostic(
        "UNEXPECTED_FAILURE", location=Location(file=source), detail=detail, kept=kept[0], kept_zh=kept[1]
    )


def _source(item: FiguresLike, index: int) -> str:
    if isinstance(item, str | os.PathLike):
        return os.fspath(item)
    if isinstance(item, Figures) and item.file and not item.file.startswith("<"):  # not '<figures>'
        return item.file
    return f"#{index + 1}"


def _load(item: FiguresLike) -> Figures:
    if isinstance(item, Figures):
        return item
    if isinstance(item, str | os.PathLike):
        return load_figures(item)
    if isinstance(item, Mapping):
        return figures_from_mapping(item)
    return item()
