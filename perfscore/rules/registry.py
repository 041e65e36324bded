"""The registry of rule kinds a pack may name, frozen and derived rather than mutated.

Following jsonschema's type checkers, a registry is an immutable mapping from kind
name to how that kind is built from YAML; a program that needs another kind derives
a new registry with :meth:`RuleRegistry.evolve` and passes it to the loader. There is
no global state to register into.
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
    there is no mapping to point at.
    """

    kind: str
    options: Located | None
    at: Located
    indicator_id: str
    weight: Decimal | None
    target: Target | None
    target_from_figures: bool
    scale: QualitativeScale
    reverse_variant: ReverseVariant
    registry: RuleRegistry

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


@attrs.frozen(kw_only=True)
class RuleKind:
    """One kind of rule: its name, the option keys it accepts, how to build it, a summary."""

    name: str
    options: frozenset[str]
    build: Builder
    summary_en: str
    summary_zh: str
    needs_target: bool = False


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

    def evolve(self, *, add: Iterable[RuleKind] = (), remove: Iterable[str] = ()) -> RuleRegistry:
        """A new registry with kinds added (or replaced) and others removed."""
        kinds = {name: kind for name, kind in self.kinds.items() if name not in set(remove)}
        kinds.update((kind.name, kind) for kind in add)
        return RuleRegistry(kinds)
