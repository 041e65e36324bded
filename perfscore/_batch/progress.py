"""A progress bar for long batches: tqdm on stderr when it is a terminal, nothing otherwise.

tqdm (``pip install perfscore[progress]``) was chosen over rich because it does one
thing — a bar with a rate and an estimate — in one small pure-Python package with no
dependencies of its own, and it turns itself off when stderr is not a terminal
(``disable=None``), so logs and pipes get no control characters. Without it the batch
runs the same, silently; ``--quiet`` turns the bar off too.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import TextIO

from perfscore._core.diagnostics import Lang


@contextlib.contextmanager
def progress_bar(total: int, stream: TextIO, *, quiet: bool, lang: Lang) -> Iterator[Callable[[int], None] | None]:
    """A function that advances the bar by ``n`` departments, or None when no bar is shown."""
    if quiet or not _is_terminal(stream):
        yield None
        return
    try:
        from tqdm import tqdm  # noqa: PLC0415 - an optional extra
    except ImportError:
        yield None
        return
    from perfscore._text.batchwords import SUMMARY, pick  # noqa: PLC0415

    unit = pick(SUMMARY["unit"], lang)
    with tqdm(total=total or None, file=stream, unit=unit, leave=False, disable=None) as bar:
        yield bar.update


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
