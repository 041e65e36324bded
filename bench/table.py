"""The README's benchmark table, from the JSON line ``bench/run.py`` ends with.

python bench/run.py | tail -n 1 | python bench/table.py
"""

from __future__ import annotations

import json
import sys


def table(figures: dict) -> str:
    """A Markdown table: target, what (as bench/run.py's TARGETS word it), measured, limit, unit, holds."""
    lines = ["| target | what | measured | limit | unit | holds |", "|---|---|---:|---:|---|---|"]
    for key, row in figures["targets"].items():
        measured = "n/a" if row["measured"] is None else f"{row['measured']:.3f}"
        holds = {True: "yes", False: "**no**", None: "not measured"}[row["holds"]]
        lines.append(f"| {key} | {row['what']} | {measured} | {row['limit']:.3f} | {row['unit']} | {holds} |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(table(json.loads(sys.stdin.read().strip().splitlines()[-1])))
