"""Time ``perfscore batch PACK FOLDER -o OUT`` in this interpreter, for B4r (run by ``batchbench.folder``).

    PYTHONPATH=TREE python bench/folderclock.py PACK FOLDER WARM OUT ROUNDS [OPTION …]

Whatever perfscore ``PYTHONPATH`` puts first is the one timed: the commit B4r measures
against (extracted by ``git archive``) or this tree. The command runs once on the small
folder ``WARM`` (imports and first-call costs are not files per second), then ``ROUNDS``
times on ``FOLDER``; printed is one JSON line: the CPU seconds (``time.process_time``) of
each round and the file perfscore was imported from, so the caller can check which ran.
The command's own output goes to a buffer: only its exit code matters here.
"""

from __future__ import annotations

import contextlib
import gc
import io
import json
import sys
import time


def main(argv: list[str]) -> None:
    """Run and time the command; print the JSON line."""
    pack, folder, warm, out, rounds, *options = argv
    import perfscore  # noqa: PLC0415 - the one PYTHONPATH names, imported after the arguments are read
    from perfscore.cli import main as cli  # noqa: PLC0415

    def batch(where: str) -> int:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            return cli(["batch", pack, where, "-o", out, *options])

    code = batch(warm)
    seconds = []
    for _ in range(int(rounds)):
        gc.collect()
        started = time.process_time()
        code = max(code, batch(folder))
        seconds.append(time.process_time() - started)
    print(json.dumps({"seconds": seconds, "code": code, "perfscore": perfscore.__file__}))


if __name__ == "__main__":
    main(sys.argv[1:])
