r"""Text that stays text in every file and terminal perfscore writes to.

Department names, evidence, reasons and indicator names come from packs and figures
files that many hands edit, and the files perfscore writes go to officials who open
them in Excel, WPS, a Markdown viewer or a terminal. A text must reach them as the
same text, never as something their program acts on. The rules, in one place so
that every writer applies the same ones:

* **Characters a format cannot hold are replaced, never fatal.** C0 control
  characters other than TAB and LF (ESC, vertical tab, NUL …) and DEL become their
  visible Unicode "control pictures" (ESC → ``␛``, VT → ``␋``, CR → ``␍``); C1
  controls (U+0080–U+009F, among them the one-byte CSI U+009B), lone surrogates and
  the non-characters U+FFFE/U+FFFF become ``�`` (U+FFFD). A text longer than an Excel
  cell holds (32,767 characters) is cut there and ends in ``…``. Each replacement is
  counted (:func:`tally`), so a command can say how many it made.
* **Spreadsheets: text is a string cell.** :func:`append` and :func:`put` write text
  as string cells, so ``=HYPERLINK(…)``, ``=1+2`` or ``#N/A`` stays the text it is;
  only a writer's own formulas, written with ``sheet.cell(value="=…")``, are formulas.
* **CSV: the OWASP CSV-injection treatment.** A text cell that begins with ``=``,
  ``+``, ``-``, ``@``, TAB or CR (or the full-width ``＝＋－＠``) gets a leading
  apostrophe ``'``, which Excel and WPS show as text and never evaluate; a cell that
  is a plain number (``-5``, ``95.5``, ``12%``) is left alone. The csv module quotes
  fields holding separators, quotes or line breaks.
* **Markdown: every field is escaped**, not only table cells: line breaks become a
  space, and the characters that make Markdown or HTML (``\ ` * _ [ ] < & # | ~ $``)
  are backslash-escaped, so no field can start a heading, a link, a comment
  or a tag.
* **Terminals: no escape sequences.** :func:`terminal` applies the same replacements
  (CR included), so figures text cannot retitle a window or clear the screen.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from decimal import Decimal
from typing import Any

import attrs

XLSX_MAX_CELL = 32_767
_DEL = 0x7F
_ELLIPSIS = "…"

# C0 controls except TAB (0x09) and LF (0x0A), plus DEL: shown as their control pictures.
_C0 = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_C0_TERMINAL = _C0  # CR is in the set already: a bare CR would overwrite the line before it
# C1 controls, lone surrogates and the two non-characters XML cannot hold.
_OTHER = re.compile("[\x80-\x9f\ud800-\udfff\ufffe\uffff]")
_UNSAFE = re.compile(f"{_C0.pattern}|{_OTHER.pattern}")  # either of the two
_NUMBER = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)%?")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*\[\]<&#|~$])")
_UNDERSCORES = re.compile(r"_+")
_LINE_BREAK = re.compile(r"\r\n|[\n\r\u2028\u2029\x0b\x0c\x85]")

_COUNT: ContextVar[list[int] | None] = ContextVar("perfscore_cellsafe_count", default=None)


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    return "\u2421" if code == _DEL else chr(0x2400 + code)


def _count(replaced: int) -> None:
    box = _COUNT.get()
    if box is not None and replaced:
        box[0] += replaced


def clean(text: str) -> str:
    """``text`` with every character a file cannot safely hold replaced (TAB and LF kept); counted."""
    if _UNSAFE.search(text) is None:  # the usual case: one scan, nothing to replace or count
        return text
    text, first = _C0.subn(_picture, text)
    text, second = _OTHER.subn("\ufffd", text)
    _count(first + second)
    return text


def terminal(text: str) -> str:
    """``text`` fit for a terminal: no control sequence can act (LF and TAB kept)."""
    text = _C0_TERMINAL.sub(_picture, text)
    return _OTHER.sub("\ufffd", text)


def encodable(text: str) -> str:
    """``text`` that encodes as UTF-8: lone surrogates become U+FFFD (counted)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text, replaced = re.subn("[\ud800-\udfff]", "\ufffd", text)
        _count(replaced)
    return text


@contextlib.contextmanager
def tally() -> Iterator[list[int]]:
    """A counter of the replacements made inside the ``with`` block (``seen[0]`` after it)."""
    box = [0]
    token = _COUNT.set(box)
    try:
        yield box
    finally:
        _COUNT.reset(token)


# ---- CSV ------------------------------------------------------------------------------


def csv_text(value: str) -> str:
    """A CSV cell: cleaned, and with a leading ``'`` when it would start a formula (OWASP)."""
    text = clean(value)
    if text.startswith(_FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def csv_row(values: Iterable[str]) -> list[str]:
    """Every cell of a CSV row through :func:`csv_text`."""
    return [csv_text(value) for value in values]


# ---- xlsx -----------------------------------------------------------------------------


def xlsx_text(value: str) -> str:
    """Text an Excel cell can hold: cleaned, and cut to 32,767 characters (ending in ``…``)."""
    text = clean(value)
    if len(text) > XLSX_MAX_CELL:
        _count(len(text) - XLSX_MAX_CELL + 1)
        text = text[: XLSX_MAX_CELL - 1] + _ELLIPSIS
    return text


def _value(value: Any) -> Any:
    return xlsx_text(value) if isinstance(value, str) else value


def append(sheet: Any, values: Iterable[Any]) -> None:
    """``sheet.append(values)`` with every text cleaned and written as a string cell, never a formula."""
    row = [_value(value) for value in values]
    if type(sheet).__name__ == "WriteOnlyWorksheet":  # streaming: cells are made before they are written
        from openpyxl.cell import WriteOnlyCell  # noqa: PLC0415 - the excel extra

        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"
            cells.append(cell)
        sheet.append(cells)
        return
    sheet.append(row)
    current = getattr(sheet, "_current_row", sheet.max_row)  # max_row is past it when a merge reaches below
    for column, value in enumerate(row, start=1):
        if isinstance(value, str):
            _as_text(sheet.cell(row=current, column=column))


def _as_text(cell: Any) -> None:
    if type(cell).__name__ != "MergedCell":  # the hidden part of a merge holds no value of its own
        cell.data_type = "s"


def put(sheet: Any, row: int, column: int, value: Any) -> Any:
    """Set one cell to ``value``; text is cleaned and stays a string cell. Returns the cell."""
    cell = sheet.cell(row=row, column=column, value=_value(value))
    if isinstance(value, str):
        _as_text(cell)
    return cell


def seal(book: Any) -> None:
    """Make every formula cell of a workbook that should have none a string cell (defence in depth)."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type in ("f", "e"):
                    cell.data_type = "s"


# ---- Markdown ---------------------------------------------------------------------------


def markdown_text(value: object) -> str:
    """One field of a Markdown document: on one line, every Markdown and HTML character escaped."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value) if not isinstance(value, Decimal) else format(value, "f")
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", clean(_LINE_BREAK.sub(" ", text)))
    return _UNDERSCORES.sub(_underscores, text)


def _underscores(match: re.Match[str]) -> str:
    """``_`` between two letters or digits (``t2_sports``) cannot emphasise and stays; any other is escaped."""
    text, start, end = match.string, match.start(), match.end()
    inside = start > 0 and end < len(text) and text[start - 1].isalnum() and text[end].isalnum()
    return match.group() if inside else "\\_" * (end - start)


# ---- whole structures (writers that take text from many places, such as the Word report) ------------------


def cleaned(value: Any, memo: dict[int, Any] | None = None) -> Any:
    """``value`` with every string inside it cleaned: tuples, lists, dicts and attrs objects are walked.

    For a writer whose library refuses characters outright (python-docx: "All strings must
    be XML compatible") and reads text from many places. Nothing is copied unless a string
    changes, so the common case returns ``value`` itself.
    """
    memo = {} if memo is None else memo
    key = id(value)
    if key in memo:
        return memo[key]
    result = _cleaned(value, memo)
    memo[key] = result
    return result


def _cleaned(value: Any, memo: dict[int, Any]) -> Any:
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, tuple | list):
        items = [cleaned(item, memo) for item in value]
        if all(new is old for new, old in zip(items, value, strict=True)):
            return value
        return type(value)(items) if not hasattr(value, "_fields") else type(value)(*items)
    if isinstance(value, dict):
        pairs = {cleaned(k, memo): cleaned(v, memo) for k, v in value.items()}
        unchanged = len(pairs) == len(value) and all(pairs.get(k, memo) is v for k, v in value.items())
        return value if unchanged else pairs
    if attrs.has(type(value)):
        changes = {}
        for field in attrs.fields(type(value)):
            if not field.init:
                continue
            old = getattr(value, field.name)
            new = cleaned(old, memo)
            if new is not old:
                changes[field.alias or field.name] = new
        return attrs.evolve(value, **changes) if changes else value
    return value
