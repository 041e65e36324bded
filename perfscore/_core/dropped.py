"""Not-applicable (不适用) indicators and groups: which are dropped, and the results they leave.

An indicator is dropped when its rule is ``not_applicable`` or its figures say why it
does not apply; its points go to its siblings or rescale the total (the pack says
which), and its result says so, with the reason, and a note on the scorecard.
"""

from __future__ import annotations

import attrs

from perfscore._core.decimals import ZERO, plain
from perfscore._core.diagnostics import DiagnosticSink, diagnostic
from perfscore._core.figures import Figures
from perfscore._core.laterresults import blank_result
from perfscore._core.model import Group, Indicator, Node, Pack, Redistribution
from perfscore._core.scorecard import GroupResult, NodeResult, Status
from perfscore._core.scoreplan import GroupPlan, NodePlan, PackPlan
from perfscore._text.problems import problem
from perfscore.rules.base import step
from perfscore.rules.composite import NotApplicable


def dropped_ids(plan: PackPlan, figures: Figures) -> frozenset[str]:
    """The indicators dropped: by their rule, or by the figures' ``not_applicable``."""
    by_figures = {key for key, entry in figures.indicators.items() if entry.not_applicable and key in plan.leaves}
    return plan.dropped_by_rule | by_figures if by_figures else plan.dropped_by_rule


def applicable(node: NodePlan, dropped: frozenset[str]) -> bool:
    """Whether ``node`` still counts: an indicator not dropped, or a group with one."""
    if isinstance(node, GroupPlan):
        return any(applicable(child, dropped) for child in node.children)
    return node.id not in dropped


def dropped_result(scope: tuple[Pack, Figures, DiagnosticSink], plan: NodePlan) -> NodeResult:
    """The result of a dropped node (its children too), with a NOT_APPLICABLE note for each."""
    pack, figures, sink = scope
    node: Node = plan.node
    path = plan.path
    entry = figures.indicator(node.id)
    rule_reason = node.rule.reason if isinstance(node, Indicator) and isinstance(node.rule, NotApplicable) else None
    reason = (entry.not_applicable if entry is not None else None) or rule_reason or "—"
    to_parent = pack.redistribution is Redistribution.PARENT
    where_zh, where_en = problem("na.siblings" if to_parent else "na.rescaled")
    sink.add(
        diagnostic(
            "NOT_APPLICABLE",
            path=path,
            id=node.id,
            reason=reason,
            weight=plain(node.weight),
            to=where_en,
            to_zh=where_zh,
        )
    )
    if isinstance(plan, GroupPlan):
        assert isinstance(node, Group)  # noqa: S101 - a group plan plans a group
        children = tuple(dropped_result(scope, child) for child in plan.children)
        return GroupResult(
            id=node.id,
            name=node.name,
            path=path,
            weight=ZERO,
            nominal_weight=node.weight,
            score=None,
            low=ZERO,
            high=ZERO,
            status=Status.NOT_APPLICABLE,
            children=children,
            goal=node.goal,
            weight_location=node.weight_location,
        )
    return attrs.evolve(
        blank_result(plan, ZERO, entry),
        status=Status.NOT_APPLICABLE,
        steps=(step("engine.dropped", reason=reason, weight=node.weight, where=where_zh),),
        reason=reason,
    )
