"""The README's benchmark table, from the JSON line ``bench/run.py`` ends with.

    python bench/run.py | tail -n 1 | python bench/table.py
"""

from __future__ import annotations

import json
import sys

#: What each target measures, as the README states it (the wording of issue 6).
WHAT = {
    "1": "batch, pure Python, exact (N={batch})",
    "2": "batch keeping every indicator's explanation (N={batch})",
    "3": "one department with its full explanation (N=1)",
    "4a": "vectorised, columns in (N={big})",
    "4b": "vectorised, list of records in (N={big})",
    "5a": "`import perfscore`, then its loader and engine",
    "5b": "load and validate the Baiyun pack",
    "6": "peak memory, batch mode (N={memory})",
    "S1": "sensitivity 1,000 samples × 1,000 departments, NumPy",
    "S2": "sensitivity 1,000 samples × 1,000 departments, pure Python",
}


def table(figures: dict) -> str:
    """A Markdown table: target, what, measured, limit, unit, holds."""
    sizes = {**figures["sizes"], "memory": figures["memory"]["batch_trace"]["n"]}
    lines = ["| target | what | measured | limit | unit | holds |", "|---|---|---:|---:|---|---|"]
    for key, row in figures["targets"].items():
        measured = "n/a" if row["measured"] is None else f"{row['measured']:.3f}"
        holds = {True: "yes", False: "**no**", None: "not measured"}[row["holds"]]
        what = WHAT[key].format(**sizes)
        lines.append(f"| {key} | {what} | {measured} | {row['limit']:.3f} | {row['unit']} | {holds} |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(table(json.loads(sys.stdin.read().strip().splitlines()[-1])))
