"""The browser page at ``/``: plain HTML, one script and one style sheet, all served by the app.

Nothing is fetched from anywhere else (no CDN, no fonts), so the page works offline.
The page is Chinese first (``--lang en`` or ``/?lang=en`` for English); its script
builds the form from ``GET /packs/{id}`` and scores through ``POST /score``.
"""

from __future__ import annotations

from html import escape
from importlib import resources

TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}
TITLE = {"zh": "预算绩效评分", "en": "Budget-performance scoring"}


def page_html(lang: str) -> str:
    """The page's HTML in ``lang`` (the script carries the rest of the words)."""
    html_lang = "zh-CN" if lang == "zh" else "en"
    title = escape(TITLE["zh" if lang == "zh" else "en"])
    return (
        f'<!DOCTYPE html><html lang="{html_lang}" data-lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>{title}</title><link rel="stylesheet" href="/static/app.css"></head>'
        f'<body><main id="app"><h1>{title}</h1><noscript>JavaScript</noscript></main>'
        '<script src="/static/app.js"></script></body></html>\n'
    )


def static_file(name: str) -> tuple[bytes, str] | None:
    """A file of the page (``app.js``, ``app.css``) and its media type; None for any other name."""
    suffix = name[name.rfind(".") :] if "." in name else ""
    if name not in {"app.js", "app.css"} or suffix not in TYPES:
        return None
    return resources.files("perfscore._serve").joinpath("static", name).read_bytes(), TYPES[suffix]
