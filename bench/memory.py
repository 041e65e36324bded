"""Peak memory of one batch scoring, in a fresh interpreter: ``python bench/memory.py WHICH N MODE``.

WHICH is ``plain`` (the bench-peers baseline), ``batch`` (perfscore's pure-Python batch
path) or ``explain`` (the same, keeping every indicator's points). The records are built
and the scorer warmed up before measuring. MODE ``trace`` reports tracemalloc's peak
(every Python allocation during the call, NumPy's included) and what stays allocated
with the result alive; MODE ``rss`` reports the growth of the process's peak resident
set (``ru_maxrss``) during the call, without tracemalloc's own bookkeeping. Prints JSON.
"""

from __future__ import annotations

import gc
import json
import os
import resource
import sys
import tracemalloc
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import workload  # noqa: E402

import perfscore  # noqa: E402
from perfscore.compiled import compile_pack, score_batch  # noqa: E402


def main() -> None:
    which, size, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    spec = workload.make_spec()
    records = workload.make_data(spec, size).records
    if which == "plain":
        from peers import plain  # noqa: PLC0415 - only the run measuring plain loads it

        compiled = plain.load(workload.spec_json(spec))

        def score() -> object:
            return plain.score(compiled, records)
    else:
        compiled = compile_pack(perfscore.load_pack(HERE / "synthetic-40x6.yaml"), columns=workload.columns())
        explain = which == "explain"

        def score() -> object:
            return score_batch(compiled, records, explain=explain)

    if which == "plain":
        plain.score(compiled, records[:2])
    else:
        score_batch(compiled, records[:2])
    gc.collect()
    before = int(Path("/proc/self/statm").read_text(encoding="utf-8").split()[1]) * os.sysconf("SC_PAGE_SIZE")
    if mode == "trace":
        tracemalloc.start()
        result = score()
        current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(json.dumps({"which": which, "n": size, "peak_bytes": peak, "retained_bytes": current}))
    else:
        result = score()
        after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        print(json.dumps({"which": which, "n": size, "rss_growth_bytes": max(0, after - before)}))
    del result


if __name__ == "__main__":
    main()
