"""A pack's per-kind rule defaults: ``defaults: {reverse: {variant: linear}}``.

Any option of any registered kind may be given a pack-wide default; a rule that does
not write the option takes it. A kind whose options include exactly one ``choice``
may be written in short, naming just the value — ``defaults: {reverse: linear}``, the
spelling packs used before per-kind defaults — which reads as that option.
"""

from __future__ import annotations

from collections.abc import Mapping

from perfscore._text.problems import problem
from perfscore._yaml.located import Located
from perfscore.rules.registry import OptionSpec, RuleKind, RuleRegistry

KindDefaults = Mapping[str, Mapping[str, object]]


def short_option(kind: RuleKind) -> OptionSpec | None:
    """The option the short spelling ``defaults: {kind: value}`` sets, if the kind has one."""
    choices = [spec for spec in kind.specs if spec.type == "choice"]
    return choices[0] if len(choices) == 1 else None


def defaultable(kind: RuleKind) -> tuple[OptionSpec, ...]:
    """The options a pack may give a default: all but the target."""
    return tuple(spec for spec in kind.specs if spec.type != "target")


def read_defaults(root: Located, registry: RuleRegistry) -> KindDefaults:
    """The ``defaults`` mapping, checked against the registry; problems are reported where written."""
    node = root.mapping("defaults", where="defaults")
    if node is None:
        return {}
    node.check_keys(registry.names())
    found: dict[str, dict[str, object]] = {}
    for name in registry.names():
        kind = registry.kinds[name]
        if not node.has(name) or node.value[name] is None:
            continue
        raw = node.value[name]
        short = short_option(kind)
        if isinstance(raw, dict):
            place = node.child(name, where=f"defaults.{name}")
            place.check_keys(spec.name for spec in defaultable(kind))
            values = {spec.name: place.value[spec.name] for spec in defaultable(kind) if place.has(spec.name)}
        elif short is not None:
            place, values = node, {short.name: raw}
        else:
            node.wrong_type(name, "mapping")
            continue
        found[name] = _checked(kind, place, values, short_key=name if place is node else None)
    return found


def _checked(kind: RuleKind, place: Located, values: dict[str, object], short_key: str | None) -> dict[str, object]:
    """``values`` without the choices that are not allowed (reported as ``VALUE_INVALID``)."""
    kept: dict[str, object] = {}
    for key, value in values.items():
        spec = kind.spec(key)
        if spec is not None and spec.choices and str(value) not in spec.choices:
            zh, en = problem("option.one_of", value=value, allowed=", ".join(spec.choices))
            place.report("VALUE_INVALID", key=short_key or key, problem=en, problem_zh=zh)
            continue
        read = _read(place, key, spec.type) if spec is not None and short_key is None else value
        if read is not None:  # None: reported by the reader, at the default's own line
            kept[key] = read
    return kept


def _read(place: Located, key: str, kind: str) -> object:
    """A default read as the rule's own option of that type would be: numbers and texts checked."""
    if kind == "number":
        return place.number(key)
    if kind == "text":
        return place.text(key)
    return place.value[key]
