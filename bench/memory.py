"""Peak memory of one batch scoring, in a fresh interpreter: ``python bench/memory.py WHICH N MODE``.

WHICH is ``plain`` (the bench-peers baseline), ``batch`` (perfscore's pure-Python batch
path), ``explain`` (the same, keeping every indicator's points) or ``stream``
(``score_stream`` over a generator of N records of ``three.yaml``, issue 13). The records are built
and the scorer warmed up before measuring. MODE ``trace`` reports tracemalloc's peak
(every Python allocation during the call, NumPy's included) and what stays allocated
with the result alive; MODE ``rss`` reports how far the process's peak resident set
rose above its resident set at the start of the call (``VmHWM`` in /proc/self/status,
reset through /proc/self/clear_refs just before; Linux only, else null), without
tracemalloc's bookkeeping but including the allocator's slack. Prints JSON.
"""

from __future__ import annotations

import gc
import json
import sys
import tracemalloc
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import workload  # noqa: E402

import perfscore  # noqa: E402
from perfscore.compiled import compile_pack, score_batch, score_stream  # noqa: E402


def main() -> None:
    which, size, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    spec = workload.make_spec()
    records = workload.make_data(spec, size).records if which != "stream" else []
    if which == "stream":  # issue 13: score_stream over a generator of 3-indicator records
        compiled = compile_pack(perfscore.load_pack(HERE / "three.yaml"))

        def score() -> object:
            count = 0
            for found in score_stream(compiled, _three_records(size)):
                count += found.total is not None
            return count
    elif which == "plain":
        from peers import plain  # noqa: PLC0415 - only the run measuring plain loads it

        compiled = plain.load(workload.spec_json(spec))

        def score() -> object:
            return plain.score(compiled, records)
    else:
        compiled = compile_pack(perfscore.load_pack(HERE / "synthetic-40x6.yaml"), columns=workload.columns())
        explain = which == "explain"

        def score() -> object:
            return score_batch(compiled, records, explain=explain)

    if which == "stream":
        list(score_stream(compiled, _three_records(2)))
    elif which == "plain":
        plain.score(compiled, records[:2])
    else:
        score_batch(compiled, records[:2])
    gc.collect()
    if mode == "trace":
        tracemalloc.start()
        result = score()
        current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(json.dumps({"which": which, "n": size, "peak_bytes": peak, "retained_bytes": current}))
    else:
        before = _reset_peak()
        result = score()
        after = _status_bytes("VmHWM")
        growth = None if before is None or after is None else max(0, after - before)
        print(json.dumps({"which": which, "n": size, "rss_growth_bytes": growth}))
    del result


def _three_records(n: int) -> object:
    """Records of bench/three.yaml, made one at a time."""
    for index in range(n):
        yield {"a:actual": 60.0 + index % 70, "b:score": 15.0 + (index % 1500) / 100, "c:actual": 70.0 + index % 31}


def _status_bytes(field: str) -> int | None:
    """A ``kB`` field of /proc/self/status, in bytes (None off Linux)."""
    try:
        lines = Path("/proc/self/status").read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    for line in lines:
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    return None


def _reset_peak() -> int | None:
    """Reset the peak resident set to the current one (writing 5 to clear_refs); the current one."""
    try:
        Path("/proc/self/clear_refs").write_text("5", encoding="utf-8")
    except OSError:
        return None
    return _status_bytes("VmRSS")


if __name__ == "__main__":
    main()
