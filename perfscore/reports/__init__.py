"""Reports of scorecards for people: HTML (with charts, printable on A4), Markdown and Excel.

:class:`~perfscore.reports.report.Report` is the entry point; the modules behind it
gather what a report shows once (:mod:`~perfscore.reports.view`) and lay it out per
format. Nothing here scores: reports are views of a scorecard and its pack.
"""
