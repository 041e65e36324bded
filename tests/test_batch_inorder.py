"""Chunks scored in worker processes come back in input order, with the input read only a little ahead.

``perfscore batch --jobs N`` hands chunks to a process pool (:mod:`perfscore._batch.inorder`):
the output must not depend on which worker finishes first, a huge table must not be read
ahead of the workers without bound, and a chunk's error must surface in its turn.
"""

from __future__ import annotations

import time

import pytest

from perfscore._batch.inorder import process_pool, results_in_order

_TAG = ""  # set by the initializer in each worker (the parent's stays empty)


def _start(tag: str) -> None:
    global _TAG  # noqa: PLW0603 - what a worker was started with, as the batch runner's workers keep their job
    _TAG = tag


def _slow_square(value: int) -> tuple[int, int, str]:
    time.sleep(0.02 if value % 3 == 0 else 0.0)  # some chunks finish after later ones
    return value, value * value, _TAG


def _fails_at_five(value: int) -> int:
    if value == 5:
        raise ValueError("chunk five")
    return value


def test_results_come_back_in_input_order_with_the_input_read_a_little_ahead() -> None:
    """Order kept whatever finishes first; when result i is taken, at most i + ahead + 1 chunks were drawn."""
    drawn: list[int] = []

    def chunks():
        for value in range(40):
            drawn.append(value)
            yield value

    taken = []
    with process_pool(2, _start, ("worker",)) as pool:
        for index, found in enumerate(results_in_order(pool, _slow_square, chunks(), ahead=3)):
            assert len(drawn) <= index + 3 + 1
            taken.append(found)
    assert taken == [(value, value * value, "worker") for value in range(40)]


def test_a_chunks_error_is_raised_in_its_turn() -> None:
    """The results before the failing chunk are given; its exception is raised when its turn comes."""
    got: list[int] = []
    with process_pool(2, _start, ("w",)) as pool:
        results = results_in_order(pool, _fails_at_five, iter(range(20)), ahead=4)
        with pytest.raises(ValueError, match="chunk five"):
            got.extend(results)  # list.extend keeps what it took before the error
    assert got == [0, 1, 2, 3, 4]
