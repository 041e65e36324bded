"""``--template DIR``: an agency lays the HTML report out with its own Jinja2 template.

The folder holds ``report.html.j2``; it may extend the built-in one (``{% extends
"perfscore/report.html.j2" %}``) and fill its blocks — ``head``, ``letterhead``,
``closing`` — or place the sections itself from ``parts`` (header, result, charts,
scores, subtotals, deductions, scheme, assumptions, adjustments, signature, audit).
Autoescape is on: text from a template's variables is escaped, and the report's own
sections are passed as already-safe HTML. The built-in template renders exactly the
default report, so the two cannot drift apart.
"""

from __future__ import annotations

import os
from pathlib import Path

from perfscore._core.diagnostics import Location, UsageError, diagnostic
from perfscore._text.problems import problem
from perfscore.extras import require
from perfscore.reports.htmlreport import CSS, footer_text, report_parts
from perfscore.reports.view import ReportView, report_title

BUILT_IN = Path(__file__).with_name("templates")
NAME = "report.html.j2"


def render_template(folder: str | os.PathLike[str], view: ReportView, *, audit: bool = False) -> str:
    """The report rendered with ``folder/report.html.j2`` (Jinja2, autoescaped)."""
    jinja2 = require("jinja2", extra="template", feature="report templates")
    markup = require("markupsafe", extra="template", feature="report templates").Markup
    wanted = Path(folder) / NAME
    if not wanted.is_file():
        zh, en = problem("file.no_template")
        raise UsageError(
            [
                diagnostic(
                    "FILE_UNREADABLE",
                    location=Location(file=str(wanted)),
                    reason=en,
                    reason_zh=zh,
                )
            ]
        )
    loader = jinja2.ChoiceLoader(
        [
            jinja2.FileSystemLoader(os.fspath(folder)),
            jinja2.PrefixLoader({"perfscore": jinja2.FileSystemLoader(BUILT_IN)}),
        ]
    )
    environment = jinja2.Environment(loader=loader, autoescape=True, keep_trailing_newline=True)
    parts = {name: markup(html) for name, html in report_parts(view, audit=audit).items()}
    page = environment.get_template(NAME).render(
        title=report_title(view),
        html_lang="zh-CN" if view.lang == "zh" else "en",
        css=markup(CSS),
        parts=parts,
        footer=footer_text(view),
        card=view.card,
        lang=view.lang,
    )
    return str(page)
