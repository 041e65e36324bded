"""What scoring a pack needs that follows from the pack alone, worked out once per pack.

Every department scored under one pack walks the same tree: the same names, weights,
paths, rule texts, locations, the same figure keys each rule may read. Working those out
on every call cost more than the scoring itself (issue 13, B5), so :func:`plan_of` works
them out once per :class:`Pack` object and keeps them for as long as the pack lives
(:func:`perfscore._core.facts.fact_of`: keyed by the pack's identity, held weakly, so a
plan never outlives its pack nor passes to another one). A plan refers to the pack's
nodes, never to the pack.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Any

import attrs

from perfscore._core.decimals import CONTEXT
from perfscore._core.diagnostics import Location
from perfscore._core.facts import fact_of
from perfscore._core.model import Aggregation, Group, Indicator, Node, Pack
from perfscore._core.targets import Op
from perfscore._core.units import Quantity
from perfscore.rules.base import rule_text
from perfscore.rules.composite import NotApplicable


@attrs.frozen(kw_only=True)
class IndicatorPlan:
    """One indicator as every result of it shows it, whatever the figures."""

    node: Indicator
    path: tuple[str, ...]
    shown: Mapping[str, Any]  # the result fields fixed by the pack (id, name, path, rule text, locations …)
    compared_key: str | None  # the figure compared with a number (``actual`` unless the rule says ``of``)
    goal: Quantity | None  # the rule's or indicator's own target number; None: the figures give it
    label_target: bool  # a label target (达成, 有效), which may be answered in words
    location: Location
    decimals: int  # the pack's rounding, as a step shows it

    @property
    def id(self) -> str:
        """The indicator's id."""
        return self.node.id

    @property
    def weight(self) -> Decimal:
        """The nominal weight."""
        return self.node.weight

    @property
    def assumptions(self) -> tuple[str, ...]:
        """The pack's assumptions attached to the indicator."""
        return self.node.assumptions


@attrs.frozen(kw_only=True)
class GroupPlan:
    """One group: its fixed result fields and its children's plans."""

    node: Group
    path: tuple[str, ...]
    percent: bool  # children's weights are percent of the group's weight
    children: tuple[IndicatorPlan | GroupPlan, ...]

    @property
    def id(self) -> str:
        """The group's id."""
        return self.node.id

    @property
    def weight(self) -> Decimal:
        """The nominal weight."""
        return self.node.weight

    @property
    def assumptions(self) -> tuple[str, ...]:
        """The pack's assumptions attached to the group."""
        return self.node.assumptions


NodePlan = IndicatorPlan | GroupPlan


@attrs.frozen(kw_only=True)
class PackPlan:
    """The tree to walk, and which indicators can be dropped by their rule alone."""

    children: tuple[NodePlan, ...]
    round: Callable[[Decimal], Decimal]  # the pack's rounding policy, applied
    assumed: bool  # whether some node carries assumptions (which a scorecard's notes name)
    exact_weights: bool  # every weight has at most the private context's digits (so w × 1 ÷ 1 is w)
    leaves: frozenset[str]  # every indicator id (figures for a group id drop nothing)
    dropped_by_rule: frozenset[str]  # indicators whose rule is not_applicable
    relying: Mapping[str, tuple[str, ...]]  # each assumption and the nodes naming it, when nothing is dropped


def plan_of(pack: Pack) -> PackPlan:
    """The plan of ``pack``, made on its first score and kept while the pack lives."""
    found: PackPlan = fact_of(pack, "score_plan", _plan)
    return found


def _plan(pack: Pack) -> PackPlan:
    children = tuple(_node_plan(node, (), pack.rounding.decimals) for node in pack.children)
    indicators = pack.indicators()
    return PackPlan(
        children=children,
        round=pack.rounding.rounder(),
        assumed=any(node.assumptions for _, node in pack.walk()),
        exact_weights=all(len(node.weight.as_tuple().digits) <= CONTEXT.prec for _, node in pack.walk()),
        leaves=frozenset(node.id for node in indicators),
        dropped_by_rule=frozenset(node.id for node in indicators if isinstance(node.rule, NotApplicable)),
        relying=_relying(pack),
    )


def _relying(pack: Pack) -> Mapping[str, tuple[str, ...]]:
    """Each assumption the pack's nodes name, with their ids depth-first (as ``resultnotes.relying_on`` finds them)."""
    relying: dict[str, list[str]] = {}
    for _, node in pack.walk():
        for name in node.assumptions:
            relying.setdefault(name, []).append(node.id)
    return MappingProxyType({name: tuple(ids) for name, ids in relying.items()})


def _node_plan(node: Node, parents: tuple[str, ...], decimals: int) -> NodePlan:
    path = (*parents, node.id)
    if isinstance(node, Group):
        return GroupPlan(
            node=node,
            path=path,
            percent=node.aggregation is Aggregation.PERCENT,
            children=tuple(_node_plan(child, path, decimals) for child in node.children),
        )
    rule = node.rule
    key = getattr(rule, "of", "actual")
    target = getattr(rule, "target", None) or node.target
    goal = getattr(target, "quantity", None)
    return IndicatorPlan(
        node=node,
        path=path,
        shown=MappingProxyType(
            {
                "id": node.id,
                "name": node.name,
                "path": path,
                "nominal_weight": node.weight,
                "rule": rule_text(rule),
                "rule_kind": rule.kind,
                "rule_location": node.rule_location,
                "target_text": node.target_text,
                "unit": node.unit,
                "assumptions": node.assumptions,
                "weight_location": node.weight_location,
            }
        ),
        compared_key=key if isinstance(key, str) and key in rule.reads() else None,
        goal=goal if isinstance(goal, Quantity) else None,
        label_target=node.target is not None and node.target.op is Op.LABEL,
        location=node.location,
        decimals=decimals,
    )
