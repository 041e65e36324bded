"""The registry of rule kinds: one record per kind, frozen and derived rather than mutated.

Following jsonschema's type checkers, a registry is an immutable mapping from kind
name to everything perfscore knows about that kind — one :class:`RuleKind` record:

* the rule class (its attrs converters and validators are the checks both the Python
  factory and the YAML loader go through, with the same messages);
* its options as :class:`OptionSpec` (YAML name, class field, reader type, default), from
  which the generic YAML builder, the pack dump and the JSON Schema are derived;
* its name and summary in both languages, and the explanation phrases it uses;
* whether its points are proportional to the weight (sensitivity analysis);
* how the compiled batch path plans it, or that it is scored exactly.

A program that needs another kind derives a new registry with
:meth:`RuleRegistry.evolve` and passes it to the loader. There is no global state to
register into. This module imports no YAML: reading options from a pack is the job of
:mod:`perfscore._packs.rulebuilders`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from perfscore._core.model import QualitativeScale, ReverseVariant

if TYPE_CHECKING:
    from perfscore._core.targets import Target
    from perfscore._yaml.located import Located
    from perfscore.rules.base import Rule


@attrs.frozen(kw_only=True)
class BuildContext:
    """Everything a builder needs to turn a rule's YAML into a rule object.

    ``options`` is the rule mapping (None when the pack wrote the shorthand
    ``rule: positive``); ``at`` is the indicator, where problems are reported when
    there is no mapping to point at. ``defaults`` holds the pack's per-kind option
    defaults (``defaults: {reverse: {variant: linear}}``) as plain values.
    """

    kind: str
    options: Located | None
    at: Located
    indicator_id: str
    weight: Decimal | None
    target: Target | None
    target_from_figures: bool
    scale: QualitativeScale
    registry: RuleRegistry
    defaults: Mapping[str, Mapping[str, object]] = attrs.field(factory=dict)

    @property
    def reverse_variant(self) -> ReverseVariant:
        """The pack's default ``reverse`` variant (kept for builders written before per-kind defaults)."""
        return ReverseVariant(str(self.defaults.get("reverse", {}).get("variant", ReverseVariant.RATIO.value)))

    @property
    def here(self) -> Located:
        """Where to report a problem with the rule."""
        return self.options or self.at

    def report(self, code: str, **params: Any) -> None:  # noqa: ANN401 - message parameters of any printable type
        """Report ``code`` at the rule: its mapping, or the indicator's ``rule:`` line."""
        if self.options is not None:
            self.options.report(code, **params)
        elif self.at.has("rule"):
            self.at.report(code, key="rule", **params)
        else:
            self.at.report(code, **params)

    def problem(self, en: str, zh: str, key: str | None = None) -> None:
        """Report ``RULE_OPTION`` for this rule, at ``key`` when given."""
        place = self.options if (self.options is not None and key is not None and self.options.has(key)) else None
        (place or self.here).report(
            "RULE_OPTION", key=key if place else None, kind=self.kind, problem=en, problem_zh=zh
        )


Builder = Callable[[BuildContext], "Rule | None"]
PlanHook = Callable[..., Any]


@attrs.frozen(kw_only=True)
class OptionSpec:
    """One option of a rule kind: its YAML key, the class field it fills, how it is read.

    ``type`` names the reader (and the dump and schema form): ``text``, ``number``,
    ``choice`` (one of ``choices``), ``threshold`` (a number that may carry ``%``),
    ``target``, ``levels``, ``bands``, ``items``, ``parts``, ``rules``, ``expression``.
    ``default`` is what the class uses when the option is absent; ``omit_default``
    leaves an option at its default out of a dumped pack.
    """

    name: str
    type: str
    field: str = attrs.field()
    default: object = None
    required: bool = False
    choices: tuple[str, ...] = ()
    omit_default: bool = False

    @field.default
    def _field(self) -> str:
        return self.name


def _option_names(specs: tuple[OptionSpec, ...]) -> frozenset[str]:
    return frozenset(spec.name for spec in specs)


@attrs.frozen(kw_only=True)
class RuleKind:
    """One kind of rule, everything about it in one record (see the module docstring).

    A kind written before option specs existed may still give ``options`` (the key
    names) and its own ``build``; a kind with ``specs`` and no ``build`` is read by the
    generic builder.
    """

    name: str
    specs: tuple[OptionSpec, ...] = ()
    options: frozenset[str] = attrs.field(
        default=attrs.Factory(lambda self: _option_names(self.specs), takes_self=True), converter=frozenset
    )
    build: Builder | None = None
    rule: Callable[..., Rule] | None = None  # the class the generic builder calls with the options
    label_zh: str = ""
    summary_en: str = ""
    summary_zh: str = ""  # what it does, without repeating ``label_zh``
    phrases: Mapping[str, tuple[str, str]] = attrs.field(factory=dict, hash=False)  # key -> (zh, en)
    needs_target: bool = False
    proportional: bool = False  # points are a fraction of the weight by construction
    plan: PlanHook | None = None  # the compiled path's planner for this kind
    exact_only: bool = False  # the compiled path scores it with its own ``evaluate``, on purpose

    def spec(self, name: str) -> OptionSpec | None:
        """The option called ``name``, or None."""
        return next((spec for spec in self.specs if spec.name == name), None)

    def label(self, lang: str) -> str:
        """The kind as a reader knows it: ``正向`` in Chinese, ``positive`` in English."""
        return (self.label_zh or self.name) if lang == "zh" else self.name.replace("_", " ")


COMMON_OPTIONS = frozenset({"kind", "cite", "note"})


def _as_dict(kinds: Mapping[str, RuleKind]) -> dict[str, RuleKind]:
    return dict(kinds)


@attrs.frozen
class RuleRegistry:
    """An immutable name → :class:`RuleKind` table."""

    kinds: Mapping[str, RuleKind] = attrs.field(converter=_as_dict)

    def __contains__(self, name: object) -> bool:
        """Whether a kind called ``name`` is registered."""
        return name in self.kinds

    def get(self, name: str) -> RuleKind | None:
        """The kind called ``name``, or None."""
        return self.kinds.get(name)

    def names(self) -> tuple[str, ...]:
        """Registered kind names, sorted."""
        return tuple(sorted(self.kinds))

    def of(self, rule: object) -> RuleKind | None:
        """The record of ``rule``'s kind, or None for a kind this registry does not know."""
        return self.kinds.get(str(getattr(rule, "kind", "")))

    def evolve(self, *, add: Iterable[RuleKind] = (), remove: Iterable[str] = ()) -> RuleRegistry:
        """A new registry with kinds added (or replaced) and others removed."""
        kinds = {name: kind for name, kind in self.kinds.items() if name not in set(remove)}
        kinds.update((kind.name, kind) for kind in add)
        return RuleRegistry(kinds)
