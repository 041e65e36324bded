"""Scorecards as plain data and as deterministic JSON.

The JSON contract that other tools rely on: a top-level object with ``total``,
``max``, ``grade`` (null when partial), ``warnings`` (objects with ``code`` and
``message``), and every group and indicator as a nested object with at least ``id``,
``name``, ``weight`` and ``score``. Numbers are written exactly as the decimals hold
them (never through float), and the same scorecard always gives the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from perfscore._core.decimals import plain
from perfscore._core.diagnostics import Lang, Location
from perfscore._core.scorecard import GroupResult, IndicatorResult, NodeResult, Scorecard
from perfscore._text.phrases import render_step


def _lang(card: Scorecard, lang: str | None) -> Lang:
    chosen = lang or card.language
    return "zh" if chosen == "zh" else "en"


def _number(value: Decimal | None) -> Decimal | None:
    return None if value is None else Decimal(plain(value))


def _where(location: Location) -> str | None:
    """``file:line:col`` of a source location, or None when there is none (a default)."""
    return str(location) if location.known else None


def explanation(result: IndicatorResult, lang: Lang) -> str:
    """The indicator's steps as one line of text in ``lang``."""
    return (
        "；".join(render_step(s.key, dict(s.params), lang) for s in result.steps)
        if lang == "zh"
        else "; ".join(render_step(s.key, dict(s.params), lang) for s in result.steps)
    )


def node_to_dict(node: NodeResult, lang: Lang) -> dict[str, Any]:
    """One group or indicator as plain data."""
    data: dict[str, Any] = {
        "id": node.id,
        "name": node.name,
        "type": "group" if isinstance(node, GroupResult) else "indicator",
        "weight": _number(node.weight),
        "nominal_weight": _number(node.nominal_weight),
        "weight_location": _where(node.weight_location),
        "score": _number(node.score),
        "range": {"low": _number(node.low), "high": _number(node.high)},
        "status": node.status.value,
    }
    if isinstance(node, GroupResult):
        data["goal"] = node.goal
        data["assumptions"] = list(node.assumptions)
        data["aggregation"] = node.aggregation  # points: the children's scores add up; percent: scaled by the weight
        data["children"] = [node_to_dict(child, lang) for child in node.children]
        return data
    data.update(
        {
            "rule": node.rule,
            "rule_kind": node.rule_kind,
            "rule_location": _where(node.rule_location),
            "target": node.target_text,
            "unit": node.unit,
            "level": node.level,
            "computed": _number(node.computed),
            "reason": node.reason,
            "explanation": explanation(node, lang),
            "inputs": [{"name": i.name, "value": i.shown, "location": _where(i.location)} for i in node.inputs],
            "deductions": [
                {
                    "reason": d.reason,
                    "points": _number(d.points),
                    "count": _number(d.count),
                    "location": _where(d.location),
                }
                for d in node.deductions
            ],
            "assumptions": list(node.assumptions),
            "evidence": node.evidence,
        }
    )
    if node.needs:
        data["needs"] = node.needs
    return data


def scorecard_to_dict(card: Scorecard, lang: str | None = None) -> dict[str, Any]:
    """The whole scorecard as plain data (Decimals kept exact)."""
    language = _lang(card, lang)
    return {
        "pack": {"id": card.pack_id, "version": card.pack_version, "title": card.pack_title, "file": card.pack_file},
        "department": card.department,
        "year": card.year,
        "figures_file": card.figures_file,
        "total": _number(card.total),
        "max": _number(card.max),
        "max_location": _where(card.max_location),
        "grade": card.grade,
        "partial": card.partial,
        "range": {"low": _number(card.low), "high": _number(card.high)},
        "grades_possible": list(card.grades_possible),
        "rescaled_from": _number(card.rescaled_from),
        "warnings": [d.to_dict(language) for d in card.warnings],
        "notes": [d.to_dict(language) for d in card.notes],
        "children": [node_to_dict(child, language) for child in card.children],
    }


def scorecard_records(card: Scorecard) -> list[dict[str, Any]]:
    """One flat row per indicator: group path, weight, score, rule, explanation."""
    lang = _lang(card, None)
    rows = []
    names = {node.id: node.name for node in card.walk()}
    for result in card.indicators():
        rows.append(  # noqa: PERF401 - a dict literal per row reads better than a comprehension
            {
                "department": card.department,
                "year": card.year,
                "pack": card.pack_id,
                "path": " › ".join(names.get(part, part) for part in result.path[:-1]),
                "group": result.path[-2] if len(result.path) > 1 else None,
                "id": result.id,
                "name": result.name,
                "weight": result.weight,
                "score": result.score,
                "low": result.low,
                "high": result.high,
                "status": result.status.value,
                "rule": result.rule,
                "level": result.level,
                "explanation": explanation(result, lang),
            }
        )
    return rows


def to_json(data: Mapping[str, Any], *, indent: int | None = 2) -> str:
    """JSON text with Decimals written exactly and keys in insertion order (deterministic)."""
    out: list[str] = []
    _write(data, 0, indent, out)
    return "".join(out)


def _write(value: Any, level: int, indent: int | None, out: list[str]) -> None:  # noqa: C901 - one branch per JSON type
    if value is None:
        out.append("null")
    elif isinstance(value, bool):
        out.append("true" if value else "false")
    elif isinstance(value, int):
        out.append(str(value))
    elif isinstance(value, Decimal):
        out.append(plain(value))
    elif isinstance(value, str):
        out.append(json.dumps(value, ensure_ascii=False))
    elif isinstance(value, Mapping | list | tuple):
        is_map = isinstance(value, Mapping)
        items = list(value.items()) if isinstance(value, Mapping) else list(value)
        opening, closing = ("{", "}") if is_map else ("[", "]")
        if not items:
            out.append(opening + closing)
            return
        pad = "" if indent is None else "\n" + " " * (indent * (level + 1))
        out.append(opening)
        for index, item in enumerate(items):
            if index:
                out.append("," if indent is not None else ", ")
            out.append(pad)
            if is_map:
                key, item_value = item
                out.append(json.dumps(str(key), ensure_ascii=False) + ": ")
                _write(item_value, level + 1, indent, out)
            else:
                _write(item, level + 1, indent, out)
        out.append("" if indent is None else "\n" + " " * (indent * level))
        out.append(closing)
    else:
        msg = f"cannot write {type(value).__name__} as JSON"
        raise TypeError(msg)
