"""Loading a figures file: a department's inputs, read exactly and located.

Numbers may be written as reports write them (``18,009.98万元``, ``97.87%``,
``１０３场``); each is read into a :class:`~decimal.Decimal` with its unit. Any mapping
under ``amounts`` with ``total`` and ``parts``, and any project with ``parts``, becomes
a sum check: if the parts do not add up to the total within the file's ``tolerance``
(尾差), the scorecard says so, naming both numbers.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from perfscore._core.decimals import ZERO, own_context
from perfscore._core.diagnostics import DiagnosticSink, FiguresError, Location, ParseError
from perfscore._core.figures import (
    INDICATOR_FIGURE_KEYS,
    REPORT_TEXT_KEYS,
    Figures,
    IndicatorFigures,
    Override,
    Project,
    Published,
    SumCheck,
)
from perfscore._core.model import Citation
from perfscore._core.numerals import parse_decimal, parse_quantity
from perfscore._core.targets import parse_target
from perfscore._core.units import Quantity
from perfscore._inputs.plainfigures import (
    CACHE_SIZE,
    NUMBERS,
    TEXTS,
    Irregular,
    plain_amounts,
    plain_indicator,
    plain_project,
    plain_published,
    with_unit,
)
from perfscore._packs.wordingkeys import read_percent_numbers
from perfscore._text.problems import PROBLEMS, problem
from perfscore._yaml.located import Located
from perfscore._yaml.source import DEFAULT_READ_LIMITS, ReadLimits, SourceDocument, parse_document, read_document

FIGURES_KEYS = frozenset(
    {
        "perfscore",
        "pack",
        "department",
        "year",
        "source",
        "tolerance",
        "amounts",
        "projects",
        "indicators",
        "published",
        "notes",
        "percent_numbers",
        "report",
    }
)
YES = frozenset({"是", "yes", "y", "true", "1", "✓", "√", "有", "已完成", "完成"})
NO = frozenset({"否", "no", "n", "false", "0", "✗", "×", "无", "未完成"})


@own_context
def load_figures(path: str | os.PathLike[str], *, limits: ReadLimits = DEFAULT_READ_LIMITS) -> Figures:
    """Load the figures file at ``path``; raise :class:`FiguresError` listing every problem."""
    doc = read_document(path, error_type=FiguresError, limits=limits, display_name=os.fspath(path))
    return figures_from_document(doc)


@own_context
def load_figures_text(text: str, *, name: str = "<figures>") -> Figures:
    """Load figures from YAML text."""
    return figures_from_document(parse_document(text, name=name, error_type=FiguresError))


@own_context
def figures_from_mapping(data: Mapping[str, Any], *, name: str = "<figures>") -> Figures:
    """Figures from plain Python data (a notebook, a CSV row); floats are read by their repr."""
    doc = SourceDocument(name=name, data=_plain(data), value_marks={}, key_marks={})
    return figures_from_document(doc)


def _plain(value: Any) -> Any:
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def figures_from_document(doc: SourceDocument) -> Figures:
    """Build :class:`Figures` from a parsed document, collecting every problem."""
    sink = DiagnosticSink()
    root = Located(doc, (), sink, where="the figures file")
    if not root.is_mapping():
        sink.raise_if_errors(FiguresError)
    root.check_keys(FIGURES_KEYS)
    tolerance = root.number("tolerance")
    here = Location(file=doc.name) if not doc.value_marks and not doc.key_marks else None  # no marks: no lines
    amounts, locations, checks = _amounts(root, here)
    projects = _projects(root, checks, here)
    indicators = {}
    node = root.mapping("indicators", where="indicators")
    if node is not None:
        for key in node:
            found = _indicator(node, key, here)
            if found is not None:
                indicators[key] = found
    source = root.value.get("source")
    figures = Figures(
        department=root.text("department"),
        year=root.integer("year"),
        pack_id=root.text("pack"),
        source=Citation(title=source) if isinstance(source, str) else None,
        amounts=amounts,
        amount_locations=locations,
        indicators=indicators,
        checks=tuple(checks),
        tolerance=tolerance if tolerance is not None else Decimal("0.01"),
        published=_published(root, here),
        percent_numbers=read_percent_numbers(root),
        file=doc.name,
        projects=projects,
        report=_read_report_text(root),
    )
    sink.raise_if_errors(FiguresError)
    return figures


def _amounts(root: Located, here: Location | None) -> tuple[dict[str, Quantity], dict[str, Location], list[SumCheck]]:
    """The amounts, their places and sum checks: from plain data when the document has no marks, else located."""
    raw = root.value.get("amounts")
    if here is not None and type(raw) is dict:
        try:
            amounts, checks = plain_amounts(raw, here)
        except Irregular:
            pass
        else:
            return amounts, dict.fromkeys(amounts, here), checks
    located: tuple[dict[str, Quantity], dict[str, Location], list[SumCheck]] = ({}, {}, [])
    node = root.mapping("amounts", where="amounts")
    if node is not None:
        _read_amounts(node, "", None, *located)
    return located


def _published(root: Located, here: Location | None) -> Published | None:
    """The published block: from plain data when the document has no marks and nothing is wrong, else located."""
    raw = root.value.get("published")
    if here is not None and type(raw) is dict:
        try:
            return plain_published(raw, here)
        except Irregular:
            pass
    return _read_published(root)


def _projects(root: Located, checks: list[SumCheck], here: Location | None) -> tuple[Project, ...]:
    """The projects: each from plain data when the document has no marks and nothing in it is wrong, else located."""
    raw = root.value.get("projects")
    if here is None or type(raw) is not list:
        return tuple(
            found for found in (_read_project(entry, None, checks) for entry in root.items("projects")) if found
        )
    every: list[SumCheck] = []
    try:  # the usual case: every project plain
        plain = tuple([plain_project(value, None, every, here) for value in raw])
    except Irregular:
        pass
    else:
        checks.extend(every)
        return plain
    projects = []
    for index, value in enumerate(raw):
        found: list[SumCheck] = []
        try:
            project: Project | None = plain_project(value, None, found, here)
        except Irregular:
            project = _read_project(root.child("projects").child(index), None, checks)
        else:
            checks.extend(found)
        if project is not None:
            projects.append(project)
    return tuple(projects)


def _indicator(node: Located, key: str, here: Location | None) -> IndicatorFigures | None:
    """An indicator's figures: from plain data when the document has no marks and nothing is wrong, else located."""
    if here is not None:
        try:
            return plain_indicator(key, node.value[key], here)
        except Irregular:
            pass
    return _read_indicator(node.child(key, where=f"figures of '{key}'", ids=(key,)), key)


def quantity_at(owner: Located, key: str | int) -> Quantity | None:
    """The quantity written at ``owner[key]``, reported at its place when unreadable."""
    raw = owner.value[key]
    kind = type(raw)
    cache = _TEXTS if kind is str else _NUMBERS if kind is Decimal or kind is int else None
    written = raw if kind is str else str(raw)
    if cache is not None:
        found = cache.get(written)
        if found is not None:
            return found
    if isinstance(raw, bool) or raw is None or not isinstance(raw, str | int | Decimal):
        owner.wrong_type(key, "number")
        return None
    try:
        found = parse_quantity(raw)
    except ParseError as err:
        owner.report_parse_error(err, key)
        return None
    if cache is not None:
        if len(cache) >= _CACHE_SIZE:
            cache.clear()
        cache[written] = found
    return found


_TEXTS, _NUMBERS, _CACHE_SIZE = TEXTS, NUMBERS, CACHE_SIZE  # shared with the plain readers


def actual_at(owner: Located, key: str) -> Quantity | str | None:
    """A 完成值: a quantity, or words as tables print them (``完成``, ``2天以内``) for the engine to read.

    Text is kept only when it reads as a target or a label would; a malformed number
    (``一百场``, ``NaN``, ``100斤``) is reported here as before.
    """
    raw = owner.value[key]
    if not isinstance(raw, str):
        return quantity_at(owner, key)
    try:
        return parse_quantity(raw)
    except ParseError:
        pass
    if raw.strip():
        try:
            parse_target(raw)
        except ParseError:
            pass
        else:
            return raw.strip()
    return quantity_at(owner, key)


_with_unit = with_unit


def _read_amounts(
    node: Located,
    prefix: str,
    unit: str | None,
    amounts: dict[str, Quantity],
    locations: dict[str, Location],
    checks: list[SumCheck],
) -> Quantity | None:
    unit = node.text("unit") or unit
    if node.has("total") and node.has("parts"):
        total = _amount(node, "total", prefix, unit, amounts, locations)
        parts_node = node.mapping("parts", where=f"parts of '{prefix}'")
        parts: list[tuple[str, Quantity]] = []
        if parts_node is not None:
            for key in parts_node:
                found = _amount(parts_node, key, f"{prefix}.{key}", unit, amounts, locations)
                if found is not None:
                    parts.append((key, found))
        if total is not None:
            amounts[prefix] = total
            checks.append(SumCheck(name=prefix, total=total, parts=tuple(parts), location=node.location("total")))
        return total
    for key in node:
        if key == "unit":
            continue
        name = f"{prefix}.{key}" if prefix else key
        if isinstance(node.value[key], dict):
            _read_amounts(node.child(key), name, unit, amounts, locations, checks)
        else:
            _amount(node, key, name, unit, amounts, locations)
    return None


def _amount(
    node: Located, key: str, name: str, unit: str | None, amounts: dict[str, Quantity], locations: dict[str, Location]
) -> Quantity | None:
    found = quantity_at(node, key)
    if found is None:
        return None
    found = _with_unit(found, unit)
    amounts[name] = found
    locations[name] = node.location(key)
    return found


def _read_report_text(root: Located) -> dict[str, str]:
    """The free text of the 自评报告 (``report: {profile: …, work: …}``), each value a string."""
    node = root.mapping("report", where="report")
    if node is None:
        return {}
    node.check_keys(set(REPORT_TEXT_KEYS))
    found = {}
    for key in REPORT_TEXT_KEYS:
        if node.has(key):
            text = node.text(key)
            if text is not None and text.strip():
                found[key] = text.strip()
    return found


def _read_project(entry: Located, unit: str | None, checks: list[SumCheck]) -> Project | None:
    entry.where = "project"
    if not entry.is_mapping():
        return None
    entry.check_keys({"name", "amount", "unit", "task", "parts", "note"}, required=("name", "amount"))
    unit = entry.text("unit") or unit
    name = entry.text("name") or "?"
    amount = quantity_at(entry, "amount") if entry.has("amount") else None
    parts = entry.items("parts")
    found: list[tuple[str, Quantity]] = []
    children: list[Project] = []
    for part in parts:
        child = _read_project(part, unit, checks)
        if child is not None:
            children.append(child)
        if isinstance(part.value, dict) and "amount" in part.value:
            value = quantity_at(part, "amount")
            if value is not None:
                found.append((str(part.value.get("name", "?")), _with_unit(value, unit)))
    if amount is not None and parts:
        checks.append(
            SumCheck(name=name, total=_with_unit(amount, unit), parts=tuple(found), location=entry.location("amount"))
        )
    task = entry.value.get("task")
    return Project(
        name=name,
        amount=_with_unit(amount, unit) if amount is not None else None,
        task=str(task) if task is not None else None,
        parts=tuple(children),
        note=entry.text("note"),
    )


def _read_indicator(entry: Located, indicator_id: str) -> IndicatorFigures | None:  # noqa: C901, PLR0912 - one branch per figure key  # noqa: C901 - one pass over the keys
    if not entry.is_mapping():
        return None
    entry.check_keys(INDICATOR_FIGURE_KEYS)
    values: dict[str, object] = {}
    locations: dict[str, Location] = {}
    for key in ("actual", "target", "count", "coefficient"):
        if entry.has(key):
            found = actual_at(entry, key) if key == "actual" else quantity_at(entry, key)
            if found is not None:
                values[key], locations[key] = found, entry.location(key)
    if entry.has("score"):
        score = _decimal(entry, "score")
        if score is not None:
            values["score"], locations["score"] = score, entry.location("score")
    for key in ("level", "reason"):
        text = entry.text(key)
        if text is not None:
            values[key], locations[key] = text, entry.location(key)
    extra = entry.mapping("values", where=f"values of '{indicator_id}'")
    if extra is not None:
        for key in extra:
            found = quantity_at(extra, key)
            if found is not None:
                values[f"values.{key}"], locations[f"values.{key}"] = found, extra.location(key)
    items = entry.mapping("items", where=f"checklist answers of '{indicator_id}'")
    if items is not None:
        values["items"], locations["items"] = _answers(items), entry.location("items")
    if entry.has("deductions"):
        values["deductions"], locations["deductions"] = _deductions(entry), entry.location("deductions")
    not_applicable = entry.text("not_applicable")
    if entry.has("not_applicable") and not not_applicable:
        entry.report("FIGURE_REASON_MISSING", key="not_applicable")
    return IndicatorFigures(
        id=indicator_id,
        values=values,
        locations=locations,
        evidence=entry.text("evidence"),
        not_applicable=not_applicable or None,
        override=_override(entry),
        location=entry.location(),
    )


def _decimal(owner: Located, key: str) -> Decimal | None:
    raw = owner.value[key]
    if isinstance(raw, bool) or not isinstance(raw, str | int | Decimal):
        owner.wrong_type(key, "number")
        return None
    try:
        return raw if isinstance(raw, Decimal) else parse_decimal(str(raw))
    except ParseError as err:
        owner.report_parse_error(err, key)
        return None


def _answers(node: Located) -> dict[str, bool]:
    answers = {}
    for key in node:
        raw = node.value[key]
        text = str(raw).strip().lower() if not isinstance(raw, bool) else ("true" if raw else "false")
        if text in YES:
            answers[key] = True
        elif text in NO:
            answers[key] = False
        else:
            node.report(
                "FIGURE_INVALID",
                key=key,
                id=node.ids[0] if node.ids else "?",
                problem=problem("figure.yes_no", raw=raw)[1],
                problem_zh=problem("figure.yes_no", raw=raw)[0],
            )
    return answers


def _deductions(entry: Located) -> tuple[object, ...]:
    from perfscore.rules.base import Deduction  # noqa: PLC0415 - figures do not otherwise need rules

    found = []
    for item in entry.items("deductions"):
        if not item.is_mapping():
            continue
        item.check_keys({"reason", "count"}, required=("reason",))
        count = _decimal(item, "count") if item.has("count") else None
        if count is not None and count < ZERO:
            item.report(
                "FIGURE_INVALID",
                key="count",
                id=entry.ids[0],
                problem=PROBLEMS["figure.count_negative"][1],
                problem_zh=PROBLEMS["figure.count_negative"][0],
            )
            continue
        reason = item.text("reason")
        if reason:
            found.append(Deduction(reason=reason, points=ZERO, count=count, location=item.location()))
    return tuple(found)


def _override(entry: Located) -> Override | None:
    node = entry.mapping("override", where="override")
    if node is None:
        return None
    node.check_keys({"score", "reason"}, required=("score", "reason"))
    score = _decimal(node, "score") if node.has("score") else None
    reason = node.text("reason")
    if score is None or not reason:
        return None
    return Override(score=score, reason=reason, location=node.location("score"))


def _read_published(root: Located) -> Published | None:
    node = root.mapping("published", where="published")
    if node is None:
        return None
    node.check_keys({"scores", "total", "grade", "execution_rate", "source"})
    scores, locations = {}, {}
    table = node.mapping("scores", where="published scores")
    if table is not None:
        for key in table:
            value = _decimal(table, key)
            if value is not None:
                scores[key], locations[key] = value, table.location(key)
    rate = quantity_at(node, "execution_rate") if node.has("execution_rate") else None
    return Published(
        scores=scores,
        score_locations=locations,
        total=_decimal(node, "total") if node.has("total") else None,
        grade=node.text("grade"),
        execution_rate=rate,
        source=node.text("source"),
        location=node.location(),
    )
