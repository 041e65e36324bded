"""A pack back to YAML: :func:`dump_pack` writes what :func:`~perfscore.load_pack` reads.

Dumping a loaded pack and loading the text again gives the same pack, in the sense of
:func:`same_pack`: equal models — ids, names, weights and every number (equal as
decimals), rules with all their options, targets exactly as written, grades, levels and
policies — ignoring only *where* things were written (source locations, the file name)
and *how* the pack was assembled (``extends`` and ``adjustments``: the dump writes the
resolved scheme, one standalone pack). The fuzz tests check that round trip for
generated packs and the bundled ones.

The text is block YAML in pack order, written with a private dumper (no global PyYAML
state). Every rule is written in its mapping form with every option, so nothing depends
on inference or on the pack's defaults; numbers are written as the reader reads them
(plain decimals, never an exponent), and text that YAML would read as something else
(``yes``, ``074``, ``1.0``) is quoted.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

import attrs
import yaml

from perfscore._core.decimals import ZERO, plain
from perfscore._core.diagnostics import NOWHERE, Location
from perfscore._core.model import Citation, GradeBand, Group, Indicator, Node, Pack, QualitativeLevel, QualitativeScale
from perfscore._core.targets import Target
from perfscore._packs.loader import FORMAT_VERSION
from perfscore._yaml.numbers import ScalarNumberError, scalar_number
from perfscore.rules.kinds import DEFAULT_REGISTRY
from perfscore.rules.registry import RuleRegistry

__all__ = ["comparable", "dump_pack", "same_pack"]

Data = dict[str, Any]


def dump_pack(pack: Pack, registry: RuleRegistry = DEFAULT_REGISTRY) -> str:
    """The YAML text of ``pack``, which loads back as the same pack (see :func:`same_pack`).

    Every rule is written from its kind's option specs in ``registry``.

    Raises:
        TypeError: for a rule of a kind ``registry`` does not describe (a custom kind without specs).

    """
    return yaml.dump(
        _pack_data(pack, registry),
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=10**6,
    )


def comparable(pack: Pack) -> Pack:
    """``pack`` with every source location, its file and its assembly (extends, adjustments) left out."""
    stripped = _strip(pack)
    assert isinstance(stripped, Pack)  # noqa: S101 - _strip keeps the type
    return attrs.evolve(stripped, file=None, extends=None, adjustments=())


def same_pack(first: Pack, second: Pack) -> bool:
    """Whether two packs are the same scheme, wherever and however each was written."""
    return comparable(first) == comparable(second)


def _strip(value: object) -> object:
    if isinstance(value, Location):
        return NOWHERE
    if isinstance(value, tuple):
        return tuple(_strip(item) for item in value)
    if isinstance(value, Mapping):
        return {key: _strip(item) for key, item in value.items()}
    if attrs.has(type(value)):
        instance: Any = value
        changes = {}
        for field in attrs.fields(type(instance)):
            if field.init:
                old = getattr(instance, field.name)
                new = _strip(old)
                if new is not old:
                    changes[field.alias] = new
        return attrs.evolve(instance, **changes) if changes else instance
    return value


_BaseDumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml when present


class _Dumper(_BaseDumper):  # type: ignore[misc,valid-type]  # PyYAML's dumpers are untyped
    """A private dumper, so the representer below never reaches PyYAML's global ones."""

    def ignore_aliases(self, data: object) -> bool:  # noqa: ARG002 - PyYAML's signature
        """Write every value out: no ``&id001`` anchors, even for a value used twice."""
        return True


def _represent_decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    text = plain(value)
    integer = "." not in text
    try:
        scalar_number(text, integer=integer)
    except ScalarNumberError:  # beyond what the reader takes as a YAML number: text, read by the field
        return dumper.represent_str(text)
    return dumper.represent_scalar("tag:yaml.org,2002:int" if integer else "tag:yaml.org,2002:float", text)


_Dumper.add_representer(Decimal, _represent_decimal)


def _put(data: Data, key: str, value: object) -> None:
    """Set ``key`` unless ``value`` is absent (None) or an empty tuple."""
    if value is not None and value != ():
        data[key] = list(value) if isinstance(value, tuple) else value


def _pack_data(pack: Pack, registry: RuleRegistry) -> Data:
    data: Data = {"perfscore": FORMAT_VERSION, "id": pack.id, "title": pack.title, "version": pack.version}
    data["source"] = _citation(pack.source)
    _put(data, "jurisdiction", pack.jurisdiction)
    _put(data, "fiscal_year", pack.fiscal_year)
    data["language"] = pack.language
    _put(data, "description", pack.description)
    data["total"] = pack.total
    data["rounding"] = {"decimals": pack.rounding.decimals, "mode": pack.rounding.mode.value}
    data["aggregation"] = pack.aggregation.value
    data["grades"] = [_grade(band) for band in pack.grades]
    data["qualitative"] = _scale(pack.qualitative)
    data["not_applicable"] = {"redistribute": pack.redistribution.value}
    if pack.citations:
        data["citations"] = {name: _citation(citation) for name, citation in pack.citations.items()}
    if pack.assumptions:
        data["assumptions"] = [_assumption(item.id, item.text, item.cite) for item in pack.assumptions]
    if pack.template:
        data["template"] = True
    data["indicators"] = [_node(node, pack, registry) for node in pack.children]
    return data


def _citation(citation: Citation) -> str | Data:
    fields = {field.name: getattr(citation, field.name) for field in attrs.fields(Citation)}
    if all(value is None for name, value in fields.items() if name != "title"):
        return citation.title
    data: Data = {}
    for name, value in fields.items():
        _put(data, name, value)
    return data


def _assumption(assumption_id: str, text: str, cite: str | None) -> Data:
    data: Data = {"id": assumption_id, "text": text}
    _put(data, "cite", cite)
    return data


def _range(low: Decimal, high: Decimal, *, high_inclusive: bool) -> str:
    return f"[{plain(low)}, {plain(high)}{']' if high_inclusive else ')'}"


def _grade(band: GradeBand) -> Data:
    return {"label": band.label, "range": _range(band.low, band.high, high_inclusive=band.high_inclusive)}


def _level(level: QualitativeLevel) -> Data:
    data: Data = {"label": level.label, "range": _range(level.low, level.high, high_inclusive=level.high_inclusive)}
    _put(data, "default", level.default)
    _put(data, "aliases", level.aliases)
    return data


def _scale(scale: QualitativeScale) -> Data:
    data: Data = {"levels": [_level(level) for level in scale.levels]}
    _put(data, "cite", scale.cite)
    return data


def _node(node: Node, pack: Pack, registry: RuleRegistry) -> Data:
    data: Data = {"id": node.id, "name": node.name}
    if not (pack.template and node.weight == ZERO):
        data["weight"] = node.weight
    if isinstance(node, Group):
        data["aggregation"] = node.aggregation.value
        _put(data, "goal", node.goal)
    else:
        _put(data, "target", node.target_text)
        _put(data, "unit", node.unit)
    _put(data, "description", node.description)
    _put(data, "assumptions", node.assumptions)
    _put(data, "cite", node.cite)
    if isinstance(node, Indicator):
        data["rule"] = _rule(node.rule, pack, registry)
    else:
        data["children"] = [_node(child, pack, registry) for child in node.children]
    return data


def _target(target: Target | None) -> str:
    return "figures" if target is None else target.text


def _rule(rule: object, pack: Pack, registry: RuleRegistry) -> Data:
    """A rule in its mapping form: its kind and every option its specs name."""
    name = str(getattr(rule, "kind", type(rule).__name__))
    kind = registry.get(name)
    if kind is None or (kind.build is not None and not kind.specs):
        msg = f"dump_pack cannot write a rule of kind {name!r} ({type(rule).__name__})"
        raise TypeError(msg)
    data: Data = {"kind": name}
    for spec in kind.specs:
        value = getattr(rule, spec.field)
        if spec.omit_default and value == spec.default:
            continue
        written = _WRITERS.get(spec.type, _plain)(value, pack, registry)
        if isinstance(written, _Merged):
            data.update(written.data)
        elif written is not _OMIT:
            _put(data, spec.name, written)
    return data


_OMIT = object()


@attrs.frozen
class _Merged:
    """Keys written into the rule's own mapping (a scale's ``levels`` and its ``cite``)."""

    data: Data


def _plain(value: object, pack: Pack, registry: RuleRegistry) -> object:  # noqa: ARG001 - the uniform writer signature
    return getattr(value, "value", value) if isinstance(value, enum.Enum) else value


def _target_option(value: object, pack: Pack, registry: RuleRegistry) -> object:  # noqa: ARG001
    return _target(value if isinstance(value, Target) else None)


def _levels_option(value: object, pack: Pack, registry: RuleRegistry) -> object:  # noqa: ARG001
    if not isinstance(value, QualitativeScale) or _comparable_scale(value) == _comparable_scale(pack.qualitative):
        return _OMIT
    return _Merged(_scale(value))


def _bands_option(value: object, pack: Pack, registry: RuleRegistry) -> object:  # noqa: ARG001
    return [{"range": str(band), "fraction": band.fraction} for band in value]  # type: ignore[attr-defined]


def _items_option(value: object, pack: Pack, registry: RuleRegistry) -> object:  # noqa: ARG001
    return [_item(item.id, item.name, item.points) for item in value]  # type: ignore[attr-defined]


def _parts_option(value: object, pack: Pack, registry: RuleRegistry) -> object:
    return [_part(part.points, part.name, _rule(part.rule, pack, registry)) for part in value]  # type: ignore[attr-defined]


def _rules_option(value: object, pack: Pack, registry: RuleRegistry) -> object:
    return [_rule(inner, pack, registry) for inner in value]  # type: ignore[attr-defined]


def _expression_option(value: object, pack: Pack, registry: RuleRegistry) -> object:  # noqa: ARG001
    return getattr(value, "source", value)


Writer = Callable[[object, Pack, RuleRegistry], object]
_WRITERS: dict[str, Writer] = {
    "target": _target_option,
    "levels": _levels_option,
    "bands": _bands_option,
    "items": _items_option,
    "parts": _parts_option,
    "rules": _rules_option,
    "expression": _expression_option,
}


def _comparable_scale(scale: QualitativeScale) -> object:
    """A scale without the places its levels were written, for comparing two scales."""
    return _strip(scale)


def _item(item_id: str, name: str | None, points: Decimal) -> Data:
    data: Data = {"id": item_id}
    _put(data, "name", name)
    data["points"] = points
    return data


def _part(points: Decimal, name: str | None, rule: Data) -> Data:
    data: Data = {"points": points}
    _put(data, "name", name)
    data["rule"] = rule
    return data
