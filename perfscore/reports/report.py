"""A report of one department-year: a scorecard shown with the pack that scored it.

``Report(pack=pack, card=card)`` renders the complete report as HTML (one
self-contained file), Markdown or an Excel workbook, and writes it atomically. In a
notebook it displays itself (``_repr_html_``) with its charts and tables.
"""

from __future__ import annotations

import io
import os
from typing import BinaryIO

import attrs

from perfscore._core.decimals import own_context
from perfscore._core.model import Pack
from perfscore._core.scorecard import Scorecard
from perfscore._files.atomic import write_atomic
from perfscore._files.cellsafe import clean, encodable
from perfscore._files.formats import format_of
from perfscore.reports.htmlreport import CSS, html_document, report_body
from perfscore.reports.markdown import markdown_document
from perfscore.reports.view import ReportView, report_view

REPORT_FORMATS = {"html": (".html", ".htm"), "xlsx": (".xlsx",), "md": (".md", ".markdown")}


@attrs.frozen(kw_only=True)
class Report:
    """The report of ``card``, scored under ``pack``, in ``lang`` (default: the pack's language)."""

    pack: Pack
    card: Scorecard
    lang: str | None = None
    view: ReportView = attrs.field(init=False, repr=False, eq=False)

    @view.default
    def _view(self) -> ReportView:
        return report_view(self.pack, self.card, self.lang)

    @own_context
    def html(self) -> str:
        """The complete, self-contained HTML file (inline CSS and SVG, nothing fetched)."""
        return html_document(self.view)

    @own_context
    def markdown(self) -> str:
        """The report as Markdown."""
        return markdown_document(self.view)

    @own_context
    def xlsx(self) -> bytes:
        """The Excel workbook's bytes (needs ``perfscore[excel]``)."""
        buffer = io.BytesIO()
        self.write_xlsx(buffer)
        return buffer.getvalue()

    def write_xlsx(self, stream: BinaryIO) -> None:
        """Write the Excel workbook to a binary stream."""
        from perfscore.reports.xlsx import write_xlsx  # noqa: PLC0415 - needs the optional extra

        write_xlsx(self.view, stream)

    @own_context
    def write(self, path: str | os.PathLike[str], fmt: str | None = None) -> str:
        """Write the report to ``path`` atomically; ``fmt`` defaults from the extension. Returns the format."""
        chosen = format_of(path, fmt, REPORT_FORMATS)
        if chosen == "xlsx":
            write_atomic(path, self.write_xlsx)
        else:
            data = encodable(clean(self.html() if chosen == "html" else self.markdown())).encode("utf-8")
            write_atomic(path, lambda stream: _put(stream, data))
        return chosen

    def _repr_html_(self) -> str:
        """The report inside a notebook: charts and tables, styled without touching the notebook."""
        return f"<style>{CSS}</style>{report_body(self.view)}"

    def __repr__(self) -> str:
        """``Report(baiyun-2021 v1.0.0, 广州市… 2021)``."""
        who = " ".join(str(part) for part in (self.card.department, self.card.year) if part)
        return f"Report({self.card.pack_id} v{self.card.pack_version}{', ' + who if who else ''})"


def _put(stream: BinaryIO, data: bytes) -> None:
    stream.write(data)
