"""What the terminal allows: colour, and how many columns a table may take.

Colour follows the conventions users expect (https://no-color.org): on only when the
stream is a terminal, off when ``NO_COLOR`` is set to anything non-empty or ``TERM``
is ``dumb``. Width comes from ``COLUMNS`` when it is set (so ``COLUMNS=80 perfscore
…`` works in a pipe too), else from the terminal; output to a file or a pipe without
``COLUMNS`` keeps the tables' fixed layout.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from perfscore._core.diagnostics import Diagnostic

STYLES = {"ok": "32", "error": "1;31", "warning": "33", "note": "36", "bold": "1"}
# Styles travel through the safe output stream (which shows every control character as a
# symbol, so figures text cannot act on the terminal) as private-use characters; the
# stream turns them into colour on a terminal and drops them anywhere else.
MARKS = {style: chr(0xE001 + index) for index, style in enumerate(STYLES)}
END_MARK = "\ue00f"
_ANSI = {mark: f"\033[{STYLES[style]}m" for style, mark in MARKS.items()} | {END_MARK: "\033[0m"}
MIN_WIDTH = 40


def colour_enabled(stream: TextIO, environ: Mapping[str, str] | None = None) -> bool:
    """Whether to colour what is written to ``stream``."""
    env = os.environ if environ is None else environ
    if env.get("NO_COLOR") or env.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def table_width(stream: TextIO, environ: Mapping[str, str] | None = None) -> int | None:
    """The columns a table written to ``stream`` should fit: ``COLUMNS``, else the terminal's, else None."""
    env = os.environ if environ is None else environ
    given = env.get("COLUMNS", "")
    if given.isdigit() and int(given) > 0:
        return max(int(given), MIN_WIDTH)
    isatty = getattr(stream, "isatty", None)
    if isatty and isatty():
        return max(shutil.get_terminal_size().columns, MIN_WIDTH)
    return None


def paint(text: str, style: str) -> str:
    """``text`` marked with ``style``; the output stream makes it colour (see :func:`render_styles`)."""
    return f"{MARKS[style]}{text}{END_MARK}"


def render_styles(text: str, *, colour: bool) -> str:
    """The style marks of ``text`` as ANSI colour (``colour``) or removed."""
    if not any(mark in text for mark in _ANSI):
        return text
    return "".join(_ANSI.get(char, char) if colour else ("" if char in _ANSI else char) for char in text)


def paint_code(text: str, item: Diagnostic) -> str:
    """``text`` (the diagnostic's own formatted line) with its code in the colour of its severity."""
    style = {"error": "error", "warning": "warning"}.get(item.severity.value, "note")
    return text.replace(f"{item.code} ", f"{paint(item.code, style)} ", 1)
