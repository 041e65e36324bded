"""Score bands printed in a form's notes (注), read where they are printed.

The national project form's note says how the assessor scores an indicator whose
target is not fully met: "分别按照该指标对应分值区间100-80%(含80%)、80-60%(含60%)、
60-0%合理确定得分". Provinces print other edges (100-80%、80-50%、50-0%). The importer
reads the edges from the note and writes them as the pack's qualitative levels, so a
score the assessor gives is checked against the bands the form itself states. A note
with no such sequence of ranges gives nothing (the national levels apply).
"""

from __future__ import annotations

import re
from decimal import Decimal

from perfscore._core.numerals import normalize_text

_RANGES = re.compile(
    r"区间[:：]?\s*((?:\d+(?:\.\d+)?\s*[-~—–至]\s*\d+(?:\.\d+)?%?\s*(?:[(（]含\d+(?:\.\d+)?%?[)）])?[、,，]?\s*)+)"
)
_RANGE = re.compile(r"(\d+(?:\.\d+)?)\s*[-~—–至]\s*(\d+(?:\.\d+)?)")
_LABELS = {3: ("达成", "部分达成", "未达成")}
_FULL = Decimal(100)


def level_edges(notes: tuple[str, ...]) -> tuple[Decimal, ...] | None:
    """The band edges a note prints, highest first (``(100, 80, 60, 0)``), or None."""
    for note in notes:
        match = _RANGES.search(normalize_text(note))
        if match is None:
            continue
        edges: list[Decimal] = []
        for high, low in _RANGE.findall(match[1]):
            for value in (Decimal(high), Decimal(low)):
                if not edges or edges[-1] != value:
                    edges.append(value)
        if len(edges) >= 3 and edges[0] == _FULL and edges[-1] == 0 and edges == sorted(edges, reverse=True):  # noqa: PLR2004
            return tuple(edges)
    return None


def levels_text(edges: tuple[Decimal, ...], source: str) -> list[str]:
    """The pack's ``qualitative:`` block for ``edges`` (top band closed, others half-open)."""
    count = len(edges) - 1
    labels = _LABELS.get(count, tuple(f"第{n}档" for n in range(1, count + 1)))
    lines = ["qualitative:", "  levels:"]
    for index, label in enumerate(labels):
        high, low = edges[index], edges[index + 1]
        close = "]" if index == 0 else ")"
        lines.append(f'    - {{label: {label}, range: "[{low}%, {high}%{close}"}}')
    lines.insert(0, f"# 定性等级取自表注 / levels as the form's note prints them: {source[:60]}")
    return lines
