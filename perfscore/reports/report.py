"""A report of one department-year: a scorecard shown with the pack that scored it.

``Report(pack=pack, card=card)`` renders the complete report as HTML (one
self-contained file), Markdown, an Excel workbook or the Word 自评报告 (give it the
figures too), and writes it atomically. In a notebook it displays itself (``_repr_html_``) with its charts and tables.
"""

from __future__ import annotations

import io
import os
from typing import BinaryIO

import attrs

from perfscore._core.decimals import own_context
from perfscore._core.figures import Figures
from perfscore._core.model import Pack
from perfscore._core.scorecard import Scorecard
from perfscore._files.atomic import write_atomic
from perfscore._files.cellsafe import clean, cleaned, encodable
from perfscore._files.formats import format_of
from perfscore.reports.audit import audit_default
from perfscore.reports.htmlreport import CSS, html_document, report_body
from perfscore.reports.markdown import markdown_document
from perfscore.reports.view import ReportView, report_view

REPORT_FORMATS = {
    "html": (".html", ".htm"),
    "xlsx": (".xlsx",),
    "md": (".md", ".markdown"),
    "docx": (".docx",),
}


@attrs.frozen(kw_only=True)
class Report:
    """The report of ``card``, scored under ``pack``, in ``lang`` (default: the pack's language)."""

    pack: Pack
    card: Scorecard
    lang: str | None = None
    figures: Figures | None = None  # the free text, budget and projects of the Word report
    audit: bool | None = None  # the 技术附录: None means on for Markdown only
    template: str | os.PathLike[str] | None = None  # a folder with report.html.j2 for the HTML
    view: ReportView = attrs.field(init=False, repr=False, eq=False)

    @view.default
    def _view(self) -> ReportView:
        return report_view(self.pack, self.card, self.lang)

    def audited(self, fmt: str) -> bool:
        """Whether the report in ``fmt`` carries the 技术附录 (``audit``, else on for md only)."""
        return audit_default(fmt) if self.audit is None else self.audit

    @own_context
    def html(self) -> str:
        """The complete, self-contained HTML file (inline CSS and SVG, nothing fetched)."""
        if self.template is not None:
            from perfscore.reports.template import render_template  # noqa: PLC0415 - needs the optional extra

            return render_template(self.template, self.view, audit=self.audited("html"))
        return html_document(self.view, audit=self.audited("html"))

    @own_context
    def markdown(self) -> str:
        """The report as Markdown."""
        return markdown_document(self.view, audit=self.audited("md"))

    @own_context
    def xlsx(self) -> bytes:
        """The Excel workbook's bytes (needs ``perfscore[excel]``)."""
        buffer = io.BytesIO()
        self.write_xlsx(buffer)
        return buffer.getvalue()

    def write_xlsx(self, stream: BinaryIO) -> None:
        """Write the Excel workbook to a binary stream."""
        from perfscore.reports.filed import budget_row  # noqa: PLC0415
        from perfscore.reports.xlsx import write_xlsx  # noqa: PLC0415 - needs the optional extra

        budget = budget_row(self.figures) if self.figures is not None else None
        write_xlsx(self.view, stream, audit=self.audited("xlsx"), budget=budget)

    @own_context
    def docx(self) -> bytes:
        """The Word 自评报告's bytes (needs ``perfscore[word]``)."""
        buffer = io.BytesIO()
        self.write_docx(buffer)
        return buffer.getvalue()

    def write_docx(self, stream: BinaryIO) -> None:
        """Write the Word 自评报告 to a binary stream."""
        from perfscore.reports.filed import filed_report  # noqa: PLC0415 - the Word report only
        from perfscore.reports.word import write_docx  # noqa: PLC0415 - needs the optional extra

        write_docx(cleaned(filed_report(self.view, self.figures)), stream)  # Word holds no control character

    @own_context
    def write(self, path: str | os.PathLike[str], fmt: str | None = None) -> str:
        """Write the report to ``path`` atomically; ``fmt`` defaults from the extension. Returns the format."""
        chosen = format_of(path, fmt, REPORT_FORMATS)
        if chosen == "xlsx":
            write_atomic(path, self.write_xlsx)
        elif chosen == "docx":
            write_atomic(path, self.write_docx)
        else:
            data = encodable(clean(self.html() if chosen == "html" else self.markdown())).encode("utf-8")
            write_atomic(path, lambda stream: _put(stream, data))
        return chosen

    def _repr_html_(self) -> str:
        """The report inside a notebook: charts and tables, styled without touching the notebook."""
        return f"<style>{CSS}</style>{report_body(self.view, audit=self.audited('html'))}"

    def __repr__(self) -> str:
        """``Report(baiyun-2021 v1.0.0, 广州市… 2021)``."""
        who = " ".join(str(part) for part in (self.card.department, self.card.year) if part)
        return f"Report({self.card.pack_id} v{self.card.pack_version}{', ' + who if who else ''})"


def _put(stream: BinaryIO, data: bytes) -> None:
    stream.write(data)
