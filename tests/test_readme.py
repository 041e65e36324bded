"""README.md's promises that tests can keep: the two first commands, and the benchmark numbers filled in."""

from __future__ import annotations

import re

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
TARGETS = ("1", "2", "3", "4a", "4b", "5a", "5b", "6", "S1", "S2")


def test_the_first_lines_are_the_two_commands() -> None:
    """Line 3 scores the bundled Baiyun example, line 4 runs the tests (DEVELOPERS.md asks for both first)."""
    lines = README.splitlines()
    assert lines[2].strip().endswith("perfscore score rules/baiyun-2021.yaml examples/baiyunhu-2021.yaml")
    assert lines[3].strip().endswith("-m pytest")
    assert "pip install -q -e '.[test]'" in lines[3]


def test_the_benchmark_numbers_are_filled_in_and_every_target_holds() -> None:
    """The latest full run is in README.md: a dated row per target; issue 6's each marked as holding.

    Issue 13's batch targets (B…) are shown with their verdict, held or not, as measured.
    """
    assert "BENCH_" not in README, "bench placeholders left in README.md (python bench/run.py | tail -n 1 | ...)"
    assert re.search(r"Latest full run \(20\d\d-\d\d-\d\d", README)
    for key in TARGETS:
        row = re.search(rf"^\| {re.escape(key)} \|.*\| (yes|\*\*no\*\*|not measured) \|$", README, re.MULTILINE)
        assert row is not None, f"target {key} is not in README.md's benchmark table"
        if not key.startswith("B"):
            assert row.group(1) == "yes", f"target {key} does not hold in README.md's benchmark table"
