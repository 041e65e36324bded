"""A JSON Schema for rule packs, generated from the loader's own key tables.

Editors with YAML support (VS Code's YAML extension, JetBrains IDEs) validate and
complete a pack while it is typed when they know its schema. The schema is built from
the same tables the loader checks keys against — ``PACK_KEYS``, ``GROUP_KEYS``,
``INDICATOR_KEYS``, the adjustment keys, the scale keys, and every rule kind's option
set in the registry — so adding a key or a rule kind changes both at once. Only the
*type* of each key is written here. The published copy is
``docs/perfscore-pack.schema.json`` (a test keeps it current); ``perfscore schema``
prints it.

The schema checks structure (keys, types, rule kinds and options, one operation per
adjustment). What needs the whole tree — weights adding up, ids unique, targets that
parse — stays the loader's job.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Iterable
from typing import Any

from perfscore._core.decimals import RoundingMode
from perfscore._core.model import Aggregation, Redistribution
from perfscore._packs.kinddefaults import defaultable, short_option
from perfscore._packs.loader import (
    ASSUMPTION_KEYS,
    CITATION_KEYS,
    FORMAT_VERSION,
    NOT_APPLICABLE_KEYS,
    PACK_KEYS,
    QUALITATIVE_KEYS,
    ROUNDING_KEYS,
)
from perfscore._packs.overlay import ADD_KEYS, REMOVE_KEYS, UPDATE_KEYS, WEIGHTS_KEYS
from perfscore._packs.rulebuilders import BAND_KEYS, CHECKLIST_ITEM_KEYS, PART_KEYS
from perfscore._packs.scales import GRADE_KEYS, LEVEL_KEYS
from perfscore._packs.tree import GROUP_KEYS, INDICATOR_KEYS
from perfscore.rules.kinds import DEFAULT_REGISTRY
from perfscore.rules.registry import COMMON_OPTIONS, OptionSpec, RuleKind, RuleRegistry

SCHEMA_ID = "perfscore-pack.schema.json"
TEXT: dict[str, Any] = {"type": ["string", "number"]}  # Located.text accepts numbers as written (ids like 2021)
NUMBER: dict[str, Any] = {"type": "number"}
NUMBER_OR_TEXT: dict[str, Any] = {"type": ["number", "string"]}  # "95%", "≤202.6万元", 0.8
TEXT_LIST: dict[str, Any] = {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/$defs/{name}"}


def _enum(kind: type[enum.Enum]) -> dict[str, Any]:
    return {"enum": [member.value for member in kind]}


def _list_of(name: str) -> dict[str, Any]:
    return {"type": "array", "items": _ref(name)}


# The type of every key the loader knows, by key name (the names come from the key tables).
KEY_TYPES: dict[str, dict[str, Any]] = {
    "perfscore": {"const": FORMAT_VERSION},
    "id": TEXT,
    "title": TEXT,
    "version": TEXT,
    "source": {"anyOf": [{"type": "string"}, _ref("citation")]},
    "jurisdiction": TEXT,
    "fiscal_year": {"type": "integer"},
    "language": {"enum": ["zh", "en"]},
    "description": TEXT,
    "total": NUMBER,
    "rounding": _ref("rounding"),
    "aggregation": _enum(Aggregation),
    "grades": _list_of("grade"),
    "qualitative": _ref("qualitative"),
    "defaults": _ref("defaults"),
    "not_applicable": _ref("not_applicable"),
    "citations": {"type": "object", "additionalProperties": _ref("citation")},
    "assumptions": TEXT_LIST,  # on a node: assumption ids; the pack's own list is overridden below
    "indicators": _list_of("node"),
    "extends": {"type": "string"},
    "adjustments": _list_of("adjustment"),
    "template": {"type": "boolean"},
    "notes": {},
    "note": {},
    "name": TEXT,
    "weight": {"type": "number", "exclusiveMinimum": 0},
    "children": _list_of("node"),
    "goal": TEXT,
    "cite": TEXT,
    "rule": _ref("rule"),
    "target": NUMBER_OR_TEXT,
    "unit": TEXT,
    "text": TEXT,
    "decimals": {"type": "integer", "minimum": 0, "maximum": 6},
    "mode": _enum(RoundingMode),
    "levels": _list_of("level"),
    "redistribute": _enum(Redistribution),
    "label": TEXT,
    "range": {"type": "string", "description": "interval notation: [80, 90), [90%, 100%], [100, +∞)"},
    "min": NUMBER_OR_TEXT,
    "max": NUMBER_OR_TEXT,
    "default": NUMBER_OR_TEXT,
    "aliases": TEXT_LIST,
    "fraction": {"type": "number", "minimum": 0, "maximum": 1},
    "points": NUMBER,
    "remove": TEXT,
    "update": TEXT,
    "add": _ref("node"),
    "parent": TEXT,
    "after": TEXT,
    "reason": TEXT,
    "weights": {"type": "object", "additionalProperties": {"type": "number", "exclusiveMinimum": 0}},
    "issuer": TEXT,
    "number": TEXT,
    "date": TEXT,
    "section": TEXT,
    "url": TEXT,
    "kind": {"type": "string"},
}


def _object(keys: Iterable[str], *, required: Iterable[str] = (), **overrides: dict[str, Any]) -> dict[str, Any]:
    """A closed object whose keys are exactly ``keys``, typed from :data:`KEY_TYPES`."""
    properties = {key: overrides.get(key, KEY_TYPES.get(key, {})) for key in sorted(keys)}
    schema: dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        schema["required"] = list(required)
    return schema


# The schema of an option, by the reader its spec names.
OPTION_TYPES: dict[str, dict[str, Any]] = {
    "target": NUMBER_OR_TEXT,
    "text": TEXT,
    "number": NUMBER,
    "threshold": NUMBER_OR_TEXT,
    "levels": _list_of("level"),
    "expression": {"type": "string"},
    "bands": _list_of("band"),
    "items": _list_of("checklist_item"),
    "parts": _list_of("part"),
    "rules": _list_of("rule"),
}


def _option(spec: OptionSpec) -> dict[str, Any]:
    """The schema of one rule option, from its spec."""
    if spec.type == "choice":
        return {"enum": list(spec.choices)}
    return OPTION_TYPES.get(spec.type, {})


def _kind_options(kind: RuleKind) -> dict[str, Any]:
    """A rule mapping of ``kind``: its options, typed from its specs."""
    return _object(kind.options | COMMON_OPTIONS, **{spec.name: _option(spec) for spec in kind.specs})


def _defaults(registry: RuleRegistry) -> dict[str, Any]:
    """``defaults``: per kind, a mapping of its options (or, in short, its one choice)."""
    properties: dict[str, Any] = {}
    for name in registry.names():
        kind = registry.kinds[name]
        specs = defaultable(kind)
        mapping = _object((spec.name for spec in specs), **{spec.name: _option(spec) for spec in specs})
        short = short_option(kind)
        properties[name] = mapping if short is None else {"anyOf": [_option(short), mapping]}
    return {"type": "object", "properties": properties, "additionalProperties": False}


def _rules(registry: RuleRegistry) -> dict[str, Any]:
    """A rule: a kind's name, or a mapping with ``kind`` and that kind's options."""
    names = list(registry.names())
    by_kind = [
        {
            "if": {"properties": {"kind": {"const": name}}},
            "then": _kind_options(registry.kinds[name]),
        }
        for name in names
    ]
    return {
        "anyOf": [
            {"type": "string", "enum": names},
            {"type": "object", "required": ["kind"], "properties": {"kind": {"enum": names}}, "allOf": by_kind},
        ]
    }


def pack_schema(registry: RuleRegistry = DEFAULT_REGISTRY) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a rule pack that loads with ``registry``."""
    adjustment_kinds = [
        _object(REMOVE_KEYS, required=("remove",)),
        _object(UPDATE_KEYS, required=("update",)),
        _object(ADD_KEYS, required=("add",)),
        _object(WEIGHTS_KEYS, required=("weights",)),
    ]
    node = {
        "type": "object",
        "if": {"required": ["children"]},
        "then": _ref("group"),
        "else": _ref("indicator"),
    }
    pack = _object(PACK_KEYS, assumptions=_list_of("assumption"))
    pack["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    pack["$id"] = SCHEMA_ID
    pack["title"] = "perfscore rule pack"
    pack["description"] = "A budget-performance evaluation scheme (预算绩效评价) as a perfscore rule pack."
    pack["if"] = {"not": {"required": ["extends"]}}
    pack["then"] = {"required": ["id", "title", "version", "source", "indicators"]}
    pack["$defs"] = {
        "node": node,
        "group": _object(GROUP_KEYS, required=("id", "name", "children")),
        "indicator": _object(INDICATOR_KEYS, required=("id", "name")),
        "rule": _rules(registry),
        "band": _object(BAND_KEYS),
        "checklist_item": _object(CHECKLIST_ITEM_KEYS, required=("id", "points")),
        "part": _object(PART_KEYS, required=("points", "rule")),
        "citation": _object(CITATION_KEYS, required=("title",)),
        "assumption": _object(ASSUMPTION_KEYS, required=("id", "text")),
        "rounding": _object(ROUNDING_KEYS),
        "grade": _object(GRADE_KEYS, required=("label",)),
        "level": _object(LEVEL_KEYS, required=("label",)),
        "qualitative": _object(QUALITATIVE_KEYS),
        "defaults": _defaults(registry),
        "not_applicable": _object(NOT_APPLICABLE_KEYS),
        "adjustment": {"oneOf": adjustment_kinds},
    }
    return pack


def schema_text(registry: RuleRegistry = DEFAULT_REGISTRY) -> str:
    """The schema as the published file holds it: indented JSON, Chinese kept readable."""
    return json.dumps(pack_schema(registry), ensure_ascii=False, indent=2) + "\n"
