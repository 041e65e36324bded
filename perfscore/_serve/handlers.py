"""What each endpoint does, as plain functions of a parsed body: no HTTP here.

Each returns the same JSON text the CLI prints for the same inputs (``score``:
``perfscore score PACK FIGURES --format json``; ``review``: ``perfscore review …
--format json``), so the HTTP layer only moves bytes. Problems raise the library's
own exceptions, which the app turns into the CLI's diagnostics in JSON.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import yaml

from perfscore._core.diagnostics import Lang, Severity
from perfscore._serve.packs import ServedPack, lookup
from perfscore._serve.requests import Limits, figures_field, invalid, lang_field, text_field
from perfscore._views.serialize import to_json
from perfscore._yaml.source import SourceDocument

Served = Mapping[str, ServedPack]


def score_json(served: Served, doc: SourceDocument, limits: Limits) -> str:
    """``POST /score``: exactly what ``perfscore score PACK FIGURES --format json`` prints."""
    from perfscore._core.engine import score  # noqa: PLC0415

    item = lookup(served, doc.data.get("pack"))
    card = score(item.pack, figures_field(doc, "figures", "/score", limits))
    return card.to_json(lang_field(doc, "/score")) + "\n"


def explain_json(served: Served, doc: SourceDocument, limits: Limits) -> str:
    """``POST /explain``: the node's JSON (as in ``score``) and the text ``perfscore explain`` prints."""
    from perfscore._core.engine import score  # noqa: PLC0415
    from perfscore._views.serialize import node_to_dict  # noqa: PLC0415

    item = lookup(served, doc.data.get("pack"))
    indicator = text_field(doc, "indicator", "/explain") or ""
    lang = lang_field(doc, "/explain")
    card = score(item.pack, figures_field(doc, "figures", "/explain", limits))
    text = card.explain(indicator, lang)  # an unknown id raises USAGE_INDICATOR_UNKNOWN
    node = card.node(indicator) or next(n for n in card.walk() if n.name == indicator)
    shown: Lang = "zh" if (lang or card.language) == "zh" else "en"
    return to_json({"indicator": node.id, "explanation": text, "node": node_to_dict(node, shown)}) + "\n"


def check_json(served: Served, doc: SourceDocument, limits: Limits) -> str:
    """``POST /check``: the pack's static checks and, with ``figures``, whether they fit (as ``check --figures``)."""
    from perfscore._commands.check import _static  # noqa: PLC0415 - the CLI's own checks, shared

    item = lookup(served, doc.data.get("pack"))
    lang: Lang = lang_field(doc, "/check") or "en"
    figures = figures_field(doc, "figures", "/check", limits) if doc.data.get("figures") is not None else None
    found = _static(item.pack, figures)
    errors = [d for d in found if d.severity is Severity.ERROR]
    return (
        to_json(
            {
                "pack": item.pack.id,
                "version": item.pack.version,
                "indicators": len(item.pack.indicators()),
                "ok": not errors,
                "errors": [d.to_dict(lang) for d in errors],
                "warnings": [d.to_dict(lang) for d in found if d.severity is Severity.WARNING],
            }
        )
        + "\n"
    )


def review_json(served: Served, doc: SourceDocument, limits: Limits) -> str:
    """``POST /review``: exactly what ``perfscore review PACK SELF REVIEW --format json`` prints."""
    from perfscore._analysis.review import review  # noqa: PLC0415
    from perfscore._commands.review import threshold_of  # noqa: PLC0415

    item = lookup(served, doc.data.get("pack"))
    raw = doc.data.get("threshold", 0)
    if isinstance(raw, bool) or not isinstance(raw, int | Decimal | str):
        raise invalid("/review", "serve.threshold")
    threshold = threshold_of(str(raw))
    mine = figures_field(doc, "self", "/review", limits)
    theirs = figures_field(doc, "review", "/review", limits)
    return review(item.pack, mine, theirs, threshold=threshold).to_json(lang_field(doc, "/review")) + "\n"


class _Number(str):
    """A figure typed as a plain number: written unquoted in the YAML download."""

    __slots__ = ()


def _numbers(value: Any) -> Any:  # noqa: ANN401 - plain data of any shape
    if isinstance(value, dict):
        return {str(key): _numbers(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_numbers(item) for item in value]
    if isinstance(value, Decimal):
        return _Number(format(value, "f"))
    return value


class _Dumper(yaml.SafeDumper):
    """A private dumper: numbers plain, everything else as the safe dumper writes it."""


_Dumper.add_representer(_Number, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:float", value))


def figures_yaml(served: Served, doc: SourceDocument, limits: Limits) -> str:
    """``POST /figures.yaml``: the posted figures as a figures file, after checking that they load."""
    item = lookup(served, doc.data.get("pack"))
    figures_field(doc, "figures", "/figures.yaml", limits)  # refuse what would not load
    data = doc.data["figures"]
    if not isinstance(data, dict):
        raise invalid("/figures.yaml", "serve.figures_object", key="figures")
    body = {"perfscore": 1, "pack": item.pack.id, **{k: v for k, v in data.items() if k not in {"perfscore", "pack"}}}
    return yaml.dump(_numbers(body), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**6)


REPORT_TYPES = {
    "html": "text/html; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def report_formats() -> list[str]:
    """The report formats this installation can write (xlsx and docx need their extras)."""
    import importlib.util  # noqa: PLC0415

    from perfscore.reports.report import REPORT_FORMATS  # noqa: PLC0415

    found: list[str] = [fmt for fmt in ("html", "md") if fmt in REPORT_FORMATS]
    if "xlsx" in REPORT_FORMATS and importlib.util.find_spec("openpyxl"):
        found.append("xlsx")
    if "docx" in REPORT_FORMATS and importlib.util.find_spec("docx"):
        found.append("docx")
    return found


def report_bytes(served: Served, doc: SourceDocument, limits: Limits) -> tuple[bytes, str, str]:
    """``POST /report``: the report file of ``perfscore report`` (its bytes, media type and a file name)."""
    from perfscore._core.engine import score  # noqa: PLC0415
    from perfscore.reports.report import Report  # noqa: PLC0415

    item = lookup(served, doc.data.get("pack"))
    fmt = doc.data.get("format", "html")
    if fmt not in report_formats():
        formats = report_formats()
        raise invalid("/report", "serve.format", formats=", ".join(formats))
    card = score(item.pack, figures_field(doc, "figures", "/report", limits))
    report = Report(pack=item.pack, card=card, lang=lang_field(doc, "/report"))
    return _report_data(report, fmt), REPORT_TYPES[fmt], f"{item.pack.id}-{card.year or 'report'}.{fmt}"


def _report_data(report: Any, fmt: str) -> bytes:  # noqa: ANN401 - a Report; docx comes with the word extra
    if fmt == "xlsx":
        return bytes(report.xlsx())
    if fmt == "docx":
        return bytes(report.docx())
    return str(report.html() if fmt == "html" else report.markdown()).encode("utf-8")
