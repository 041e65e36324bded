"""One plain document model for the analyses, written as a terminal table, Markdown, HTML or xlsx.

A review, a bureau's statistics and a trend are each a title and a few sections of
lines and tables. Building that once and writing it four ways keeps the formats in
step: the same rows, the same words, the same numbers (kept as Decimals until the
writer, so a workbook holds numbers, not text). The HTML is self-contained (inline
CSS, optional inline SVG) like the reports, so it works offline.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal
from html import escape

import attrs
from tabulate import tabulate

from perfscore._core.decimals import plain

Cell = str | Decimal | None


@attrs.frozen(kw_only=True)
class Section:
    """A heading, lines of text, and optionally a table (headers and rows) and an SVG chart."""

    heading: str
    lines: tuple[str, ...] = ()
    headers: tuple[str, ...] = ()
    rows: tuple[tuple[Cell, ...], ...] = ()
    marked: tuple[bool, ...] = ()  # rows to highlight (over-claims)
    svg: str = ""


@attrs.frozen(kw_only=True)
class Document:
    """A title and its sections."""

    title: str
    lang: str
    sections: tuple[Section, ...]


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    return plain(cell) if isinstance(cell, Decimal) else cell


def _cell(cell: Cell, fmt: str) -> str:
    return _text(cell).replace("|", "\\|") if fmt == "md" else _text(cell)


def render_text(doc: Document, fmt: str = "table") -> str:
    """A terminal table (``table``) or Markdown (``md``)."""
    out: list[str] = [f"# {doc.title}" if fmt == "md" else doc.title, ""]
    for section in doc.sections:
        if section.heading:
            out.extend([f"## {section.heading}" if fmt == "md" else f"【{section.heading}】", ""])
        out.extend(f"- {line}" if fmt == "md" else line for line in section.lines)
        if section.lines:
            out.append("")
        if section.headers:
            rows = [[_cell(cell, fmt) for cell in row] for row in section.rows]
            out.append(
                tabulate(
                    rows,
                    headers=list(section.headers),
                    tablefmt="github" if fmt == "md" else "simple",
                    disable_numparse=True,
                )
            )
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


CSS = """
body { font-family: 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', 'Microsoft YaHei', sans-serif; color: #1d232b;
  font-size: 13px; max-width: 1100px; margin: 16px auto; line-height: 1.45; }
h1 { font-size: 20px; } h2 { font-size: 16px; border-bottom: 2px solid #2c5d8f; }
table { border-collapse: collapse; width: 100%; margin: 6px 0; }
th, td { border: 1px solid #9aa5b1; padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #e8eef5; } td.num { text-align: right; white-space: nowrap; }
tr.mark td { background: #fde8e6; }
svg { max-width: 760px; display: block; margin: 8px 0; }
"""


def render_html(doc: Document) -> str:
    """A self-contained HTML page (inline CSS and SVG; nothing fetched)."""
    lang = "zh-CN" if doc.lang == "zh" else "en"
    parts = [
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">',
        f"<title>{escape(doc.title)}</title><style>{CSS}</style></head><body>",
        f"<h1>{escape(doc.title)}</h1>",
    ]
    for section in doc.sections:
        if section.heading:
            parts.append(f"<h2>{escape(section.heading)}</h2>")
        parts.extend(f"<p>{escape(line)}</p>" for line in section.lines)
        parts.append(section.svg)
        if section.headers:
            parts.append("<table><thead><tr>")
            parts.extend(f"<th>{escape(header)}</th>" for header in section.headers)
            parts.append("</tr></thead><tbody>")
            for index, row in enumerate(section.rows):
                mark = index < len(section.marked) and section.marked[index]
                parts.append('<tr class="mark">' if mark else "<tr>")
                for cell in row:
                    cls = ' class="num"' if isinstance(cell, Decimal) else ""
                    parts.append(f"<td{cls}>{escape(_text(cell))}</td>")
                parts.append("</tr>")
            parts.append("</tbody></table>")
    parts.append("</body></html>\n")
    return "".join(parts)


def _sheet_name(text: str) -> str:
    r"""A sheet name Excel accepts: at most 31 characters, none of ``[]:*?/\\``."""
    return re.sub(r"[\[\]:*?/\\]", " ", text)[:31].strip()


def render_xlsx(doc: Document) -> bytes:
    """A workbook with one sheet per section that has a table (numbers as numbers); needs ``perfscore[excel]``."""
    from perfscore.extras import require  # noqa: PLC0415 - openpyxl is an optional extra

    openpyxl = require("openpyxl", extra="excel", feature="an xlsx file")
    book = openpyxl.Workbook()
    summary = book.active
    summary.title = _sheet_name(doc.title) or "summary"
    summary.append([doc.title])
    for section in doc.sections:
        summary.append([section.heading])
        for line in section.lines:
            summary.append([line])
    for number, section in enumerate((s for s in doc.sections if s.headers), start=1):
        sheet = book.create_sheet(f"{number} {_sheet_name(section.heading)}"[:31])
        sheet.append(list(section.headers))
        for row in section.rows:
            sheet.append([Decimal(plain(cell)) if isinstance(cell, Decimal) else cell for cell in row])
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
