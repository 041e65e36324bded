"""Tables that fit the terminal: column widths chosen for ``COLUMNS``.

A terminal table wider than the window wraps every line and becomes unreadable, so
the text columns (names, explanations) are narrowed — wrapped inside their cells —
until the whole table fits, while numbers keep their full width. Widths are measured
in terminal cells, where a Chinese character takes two.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from tabulate import tabulate
from wcwidth import wcswidth

MARKDOWN = frozenset({"md", "markdown"})  # "md" is the canonical format name; "markdown" an accepted alias
MIN_TEXT = 6
HEADER_PADDING = 2  # a text column is never squeezed below this many cells


def cell_width(text: str) -> int:
    """The widest line of ``text`` in terminal cells."""
    return max((max(wcswidth(line), len(line)) for line in text.splitlines()), default=0)


def fit_widths(
    rows: Sequence[Sequence[str]], headers: Sequence[str], *, width: int, flexible: Mapping[int, int]
) -> list[int | None]:
    """Maximum widths for tabulate's ``maxcolwidths`` so a ``simple_grid`` table is at most ``width`` wide.

    ``flexible`` maps the columns that may wrap to their relative share of the room left
    after the other columns; the others keep their natural width.
    """
    count = len(headers)
    flexible = {index: share for index, share in flexible.items() if index < count}
    natural = [  # tabulate pads each header by 2 (its MIN_PADDING)
        max([cell_width(str(headers[i])) + HEADER_PADDING] + [cell_width(str(row[i])) for row in rows])
        for i in range(count)
    ]
    room = width - (3 * count + 1) - sum(natural[i] for i in range(count) if i not in flexible)
    if sum(natural[i] for i in flexible) <= room:
        return [None] * count
    widths = {i: min(MIN_TEXT, natural[i]) for i in flexible}
    spare = room - sum(widths.values())
    while spare > 0:
        growing = [i for i in flexible if widths[i] < natural[i]]
        if not growing:
            break
        pick = min(growing, key=lambda i: widths[i] / flexible[i])
        widths[pick] += 1
        spare -= 1
    return [widths.get(i) for i in range(count)]


def column_limits(
    rows: Sequence[Sequence[str]], headers: Sequence[str], defaults: Sequence[int | None], width: int | None
) -> list[int | None]:
    """The ``maxcolwidths`` for tabulate: the fixed ``defaults`` without a width, else fitted to ``width``.

    The columns with a default limit are the ones that may wrap, sharing the room in
    proportion to their defaults.
    """
    if width is None:
        return list(defaults)
    return fit_widths(rows, headers, width=width, flexible={i: d for i, d in enumerate(defaults) if d})


def fit_table(
    rows: Sequence[Sequence[str]],
    headers: Sequence[str],
    *,
    fmt: str = "table",
    width: int | None = None,
    flexible: Sequence[int] = (),
) -> str:
    """A terminal grid (fitted to ``width`` when given) or a Markdown table (``md``: never wrapped)."""
    if fmt in MARKDOWN:
        return tabulate(rows, headers=list(headers), tablefmt="github", disable_numparse=True)
    widths = None if width is None else fit_widths(rows, headers, width=width, flexible=dict.fromkeys(flexible, 1))
    return tabulate(rows, headers=list(headers), tablefmt="simple_grid", maxcolwidths=widths, disable_numparse=True)
