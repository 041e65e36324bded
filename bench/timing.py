"""Timing that a shared, noisy machine does not fool: CPU time, interleaved rounds, the best of them.

Every implementation runs single-threaded (the BLAS, OpenMP and numexpr thread pools are
set to one thread before NumPy loads), so a process's CPU time (``time.process_time``)
is the work it did, whatever else the machine runs. Candidates take turns, round after
round, each sample long enough to swamp the clock (loops are added for quick ones), and
each keeps its fastest sample: interference only ever adds time.
"""

from __future__ import annotations

import gc
import math
import time
from collections.abc import Callable


def race(candidates: dict[str, Callable[[], object]], *, rounds: int, sample: float) -> dict[str, float]:
    """Seconds per call of each candidate (best over ``rounds`` interleaved rounds)."""
    loops = {}
    for name, call in candidates.items():
        gc.collect()
        start = time.process_time()
        call()
        once = max(time.process_time() - start, 1e-6)
        loops[name] = max(1, math.ceil(sample / once))
    best = dict.fromkeys(candidates, math.inf)
    for _ in range(rounds):
        for name, call in candidates.items():
            gc.collect()
            start = time.process_time()
            for _ in range(loops[name]):
                call()
            best[name] = min(best[name], (time.process_time() - start) / loops[name])
    return best
