"""How fast hostile inputs are refused: YAML bombs, deep nesting, a huge file, a long formula.

Speed targets live here, not in unit tests (the tests bound memory, not time). Run:
``.venv/bin/python bench/hostile_inputs.py``; every line should report well under a second.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from bad_inputs import _bomb

import perfscore

TARGET_SECONDS = 1.0


def timed(label: str, action: Callable[[], object]) -> float:
    start = time.perf_counter()
    try:
        action()
    except perfscore.PerfscoreError as err:
        outcome = ",".join(sorted(set(err.codes)))
    else:
        outcome = "read"
    elapsed = time.perf_counter() - start
    print(f"{label:<40} {elapsed * 1000:8.1f} ms  {outcome}")
    return elapsed


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        huge = Path(folder) / "huge.yaml"
        with huge.open("wb") as handle:
            handle.truncate(300 * 1024 * 1024)
        results = [
            timed("billion laughs (9 x 9)", lambda: perfscore.load_pack_text(_bomb())),
            timed("deep alias expansion (80 x 2)", lambda: perfscore.load_pack_text(_bomb(80, 2))),
            timed("10,000 nested brackets", lambda: perfscore.load_pack_text("a: " + "[" * 10_000 + "]" * 10_000)),
            timed("300 MB sparse file", lambda: perfscore.load_pack(huge)),
            timed("formula of 1,000,000 characters", lambda: perfscore.formula("1+" * 500_000 + "1")),
            timed("formula nested 100,000 deep", lambda: perfscore.formula("(" * 100_000 + "1" + ")" * 100_000)),
        ]
    return 0 if max(results) < TARGET_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(main())
