"""Why a department left the fast path: the reasons ``perfscore batch`` counts and reports.

Most departments of a table are scored by the compiled loop (:mod:`perfscore.compiled`);
one that it cannot take is scored by :func:`perfscore.score`, with the same result, but
at a hundred times the cost. That must never happen silently: every department scored
the slow way carries one of these reasons, the summary line counts them and
``--verbose`` lists each department with its reason and the column concerned. The words
are in :mod:`perfscore._text.batchwords`.
"""

from __future__ import annotations

from perfscore._core.diagnostics import Lang
from perfscore._text.batchwords import REASONS, SHORT_NAMES, SUMMARY, pick

MISSING = "missing"
CELL = "cell"
DIGITS = "digits"
UNIT = "unit"
COLUMN = "column"
YEAR = "year"
LOOP = "loop"
PACK = "pack"
FILE = "file"
READ = "read"


def reason_text(key: str, lang: Lang, detail: str = "") -> str:
    """The reason in ``lang``, with its column (or detail) when it has one."""
    text = pick(REASONS[key], lang).replace("{detail}", detail)
    if detail and key not in {PACK, FILE}:
        text += pick(SUMMARY["detail"], lang).replace("{detail}", detail)
    return text


def short_name(key: str, lang: Lang) -> str:
    """The reason's name for the summary line (``missing figure 3``): short enough to count on one line."""
    return pick(SHORT_NAMES[key], lang)
