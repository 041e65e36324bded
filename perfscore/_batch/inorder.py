"""Chunks scored in worker processes, their results taken back in input order, a few at a time.

``multiprocessing.Pool.imap`` does this, but its worker-handler thread waits on the
result pipe without reading it, so while results arrive it wakes and sleeps again over
and over: with two workers scoring a folder it burnt a tenth of a core in the parent
(measured: 0.09 s of CPU per 2,000 figures files), which the workers then lacked. Its
task thread also feeds every chunk into the pipe as fast as the input is read, so a huge
table would be read ahead of the workers without bound.
:class:`concurrent.futures.ProcessPoolExecutor` reads its results where it waits for them;
:func:`results_in_order` submits only a few chunks ahead of the one being taken, so the
input streams.
"""

from __future__ import annotations

import collections
import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any


def process_pool(jobs: int, initializer: Callable[..., None], initargs: tuple[Any, ...]) -> ProcessPoolExecutor:
    """``jobs`` worker processes, each started with ``initializer(*initargs)`` (forked where the system can)."""
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    return ProcessPoolExecutor(jobs, mp_context=context, initializer=initializer, initargs=initargs)


def results_in_order(
    pool: ProcessPoolExecutor, work: Callable[[Any], Any], chunks: Iterable[Any], *, ahead: int
) -> Iterator[Any]:
    """``work(chunk)`` of every chunk, run in ``pool``, in input order; at most ``ahead`` chunks given out untaken.

    A chunk's exception is raised here, in its turn; the chunks not yet taken are then
    cancelled (those already running finish first).
    """
    pending: collections.deque[Future[Any]] = collections.deque()
    try:
        for chunk in chunks:
            pending.append(pool.submit(work, chunk))
            if len(pending) >= ahead:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()
