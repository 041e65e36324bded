"""Reading reports back: the numbers an HTML page shows, and what xlsx formulas compute.

Both helpers are deliberately independent of perfscore's own code, so a test that
compares their answers with a scorecard checks the report, not the report's writer.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from html.parser import HTMLParser
from typing import Any

_VOID = {"meta", "br", "img", "input", "link", "hr", "col", "area", "base", "source", "wbr", "rect", "line", "path"}


class _Fields(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, list[str] | None]] = []
        self.found: list[tuple[str, str | None, list[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        record: list[str] | None = None
        if values.get("data-field"):
            record = []
            self.found.append((values["data-field"] or "", values.get("data-id"), record))
        if tag not in _VOID:
            self.stack.append((tag, record))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            open_tag, _ = self.stack.pop()
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        for _, record in self.stack:
            if record is not None:
                record.append(data)


def html_fields(text: str) -> dict[tuple[str, str | None], list[str]]:
    """``{(data-field, data-id): [text, ...]}`` for every element that carries ``data-field``."""
    parser = _Fields()
    parser.feed(text)
    fields: dict[tuple[str, str | None], list[str]] = {}
    for field, node, record in parser.found:
        fields.setdefault((field, node), []).append("".join(record).strip())
    return fields


def number(value: Any) -> Decimal | None:
    """A cell value as an exact decimal (openpyxl gives int or float)."""
    if value is None:
        return None
    assert isinstance(value, int | float), f"{value!r} is not a number"
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


def _refs(arguments: str) -> list[str]:
    refs = []
    for part in arguments.split(","):
        if ":" in part:
            start, end = part.split(":")
            column, first, last = (
                start.rstrip("0123456789"),
                int(start.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")),
                int(end.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")),
            )
            refs += [f"{column}{row}" for row in range(first, last + 1)]
        else:
            refs.append(part)
    return refs


def evaluate(sheet: Any, ref: str) -> Decimal | None:
    """The value of cell ``ref``, computing the formulas perfscore writes (SUM, ROUND, references)."""
    value = sheet[ref].value
    if not (isinstance(value, str) and value.startswith("=")):
        return number(value)
    formula = value[1:]
    if match := re.fullmatch(r"SUM\(([A-Z0-9:,]*)\)", formula):
        values = [evaluate(sheet, cell) for cell in _refs(match[1]) if cell]
        return sum((v for v in values if v is not None), Decimal(0))
    if match := re.fullmatch(r"ROUND\(SUM\(([A-Z0-9:,]*)\)\*([0-9.]+)/100,(\d+)\)", formula):
        inner = sum((v for v in (evaluate(sheet, c) for c in _refs(match[1])) if v is not None), Decimal(0))
        return (inner * Decimal(match[2]) / 100).quantize(Decimal(1).scaleb(-int(match[3])), rounding=ROUND_HALF_UP)
    if re.fullmatch(r"[A-Z]+[0-9]+", formula):
        return evaluate(sheet, formula)
    msg = f"unexpected formula {value!r}"
    raise AssertionError(msg)


class _Visible(HTMLParser):
    """The text a reader sees: no markup, no attributes, no style sheet; SVG <title> tooltips included."""

    def __init__(self) -> None:
        super().__init__()
        self.skip = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:  # noqa: ARG002 - HTMLParser.handle_starttag's signature
        if tag in {"style", "script"}:
            self.skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in {"style", "script"}:
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    """The visible text of an HTML page, as one string with a newline between text nodes."""
    parser = _Visible()
    parser.feed(html)
    return "\n".join(parser.parts)


#: What an official report must not show: diagnostic codes, file:line:col, indicator ids, raw rules,
#: interval notation, "−0", doubled punctuation.
ARTEFACTS = {
    "diagnostic code": re.compile(r"\b[A-Z]{3,}(?:_[A-Z]+)+\b"),
    "file:line:col": re.compile(r"\.(?:ya?ml|csv|xlsx):\d+(?::\d+)?"),
    "indicator id": re.compile(r"\b(?:t\d\.[a-z_]+|budget\.[a-z_]+)\b"),
    "rule repr": re.compile(r"\b(?:qualitative|positive|execution_rate|ratio)\("),
    "interval notation": re.compile(r"[\[(]\s*-?\d+(?:\.\d+)?%?\s*,\s*-?\d+(?:\.\d+)?%?\s*[\])]"),
    "minus zero": re.compile(r"[−-]0(?![.\d])"),
    "doubled punctuation": re.compile(r"[。；，、][：:]|。。"),
    "figure key": re.compile(r"[（(][a-z_]+(?:/[a-z_]+)*[）)]"),
}


def artefacts(text: str) -> dict[str, list[str]]:
    """Each developer artefact found in ``text``, with what matched (empty when clean)."""
    found = {name: pattern.findall(text) for name, pattern in ARTEFACTS.items()}
    return {name: hits for name, hits in found.items() if hits}
