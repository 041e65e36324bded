"""Reading the indicator tree of a pack: groups with children, indicators with rules.

A node with ``children`` is a group (一级/二级指标, a task); any other node is an
indicator and needs a rule — named with ``rule:``, or chosen by its target's
operator (≥ positive, ≤ reverse, = equal, a label qualitative).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

import attrs

from perfscore._core.decimals import ZERO
from perfscore._core.diagnostics import ParseError
from perfscore._core.model import Aggregation, Group, Indicator, Node, QualitativeScale
from perfscore._core.targets import Target, parse_target
from perfscore._packs.rulebuilders import build_generic, build_rule
from perfscore._text.problems import problem
from perfscore._yaml.located import Located
from perfscore.rules.base import Rule
from perfscore.rules.kinds import inferred_kind
from perfscore.rules.registry import BuildContext, RuleRegistry

GROUP_KEYS = frozenset(
    {"id", "name", "weight", "children", "aggregation", "goal", "description", "assumptions", "cite", "note"}
)
INDICATOR_KEYS = frozenset(
    {"id", "name", "weight", "rule", "target", "unit", "description", "assumptions", "cite", "note"}
)


@attrs.frozen(kw_only=True)
class TreeSettings:
    """Pack-wide settings that shape how nodes are read."""

    registry: RuleRegistry
    scale: QualitativeScale
    defaults: Mapping[str, Mapping[str, object]] = attrs.field(factory=dict)
    aggregation: Aggregation
    template: bool = False


def read_nodes(entries: list[Located], settings: TreeSettings, parents: tuple[str, ...] = ()) -> tuple[Node, ...]:
    """Read a list of nodes; problems are recorded, bad nodes are left out."""
    nodes: list[Node] = []
    for entry in entries:
        node = read_node(entry, settings, parents)
        if node is not None:
            nodes.append(node)
    return tuple(nodes)


def read_node(entry: Located, settings: TreeSettings, parents: tuple[str, ...]) -> Node | None:
    """Read one group or indicator at ``entry``."""
    if not entry.is_mapping():
        return None
    raw_id = entry.value.get("id")
    node_id = entry.identifier("id")
    ids = (*parents, str(raw_id if raw_id is not None else "?"))
    entry.ids = ids
    is_group = entry.has("children")
    entry.where = f"group '{raw_id}'" if is_group else f"indicator '{raw_id}'"
    entry.check_keys(GROUP_KEYS if is_group else INDICATOR_KEYS, required=("name",))
    name = entry.text("name")
    weight = read_weight(entry, node_id, settings)
    description, assumptions, cite = entry.text("description"), entry.text_list("assumptions"), entry.text("cite")
    if is_group:
        children = read_nodes(entry.items("children"), settings, ids)
        if not children and isinstance(entry.value.get("children"), list):
            entry.report("GROUP_EMPTY", key="children", id=node_id)
        aggregation = read_aggregation(entry, settings.aggregation)
        if node_id is None or name is None or weight is None:
            return None
        return Group(
            id=node_id,
            name=name,
            weight=weight,
            children=children,
            aggregation=aggregation,
            goal=entry.text("goal"),
            description=description,
            assumptions=assumptions,
            cite=cite,
            location=entry.location(),
            weight_location=entry.location("weight") if entry.has("weight") else entry.location(),
        )
    target, target_text, from_figures = read_target(entry)
    rule = read_rule(entry, settings, node_id or "?", weight, target, from_figures)
    if node_id is None or name is None or weight is None or rule is None:
        return None
    return Indicator(
        id=node_id,
        name=name,
        weight=weight,
        rule=rule,
        target=target,
        target_text=target_text,
        unit=entry.text("unit"),
        rule_location=entry.location("rule") if entry.has("rule") else entry.location(),
        description=description,
        assumptions=assumptions,
        cite=cite,
        location=entry.location(),
        weight_location=entry.location("weight") if entry.has("weight") else entry.location(),
    )


def read_weight(entry: Located, node_id: str | None, settings: TreeSettings) -> Decimal | None:
    """The node's 分值: a number above 0 (optional only in template packs)."""
    if not entry.has("weight"):
        if settings.template:
            return ZERO
        entry.report("KEY_MISSING", key="weight", where=entry.where)
        return None
    weight = entry.number("weight")
    if weight is not None and weight <= ZERO:
        entry.report("WEIGHT_INVALID", key="weight", id=node_id, expected="> 0", got=weight)
        return None
    return weight


def read_aggregation(entry: Located, default: Aggregation) -> Aggregation:
    """``aggregation: points|percent`` for a group (the pack's default otherwise)."""
    text = entry.text("aggregation")
    if text is None:
        return default
    try:
        return Aggregation(text)
    except ValueError:
        zh, en = problem("aggregation.choice", text=text)
        entry.report("VALUE_INVALID", key="aggregation", problem=en, problem_zh=zh)
        return default


def read_target(entry: Located) -> tuple[Target | None, str | None, bool]:
    """The indicator's 指标值: (parsed target, text as written, read-from-figures flag)."""
    if not entry.has("target"):
        return None, None, False
    text = entry.text("target")
    if text is None:
        return None, None, False
    if text.strip().lower() == "figures":
        return None, None, True
    kind = entry.value.get("rule")
    kind_name = kind if isinstance(kind, str) else (kind.get("kind") if isinstance(kind, dict) else None)
    try:
        return parse_target(text), text, False
    except ParseError as err:
        if kind_name in {"qualitative", "manual", "checklist", "sum_of", "not_applicable"}:
            return None, text, False  # a 绩效标准 in words: shown, not computed with
        entry.report_parse_error(err, "target")
        return None, text, False


def read_rule(
    entry: Located,
    settings: TreeSettings,
    node_id: str,
    weight: Decimal | None,
    target: Target | None,
    from_figures: bool,  # noqa: FBT001 - internal helper
) -> Rule | None:
    """Build the indicator's rule, inferring it from the target when it is not named."""
    ctx = BuildContext(
        kind="",
        options=None,
        at=entry,
        indicator_id=node_id,
        weight=weight,
        target=target,
        target_from_figures=from_figures,
        scale=settings.scale,
        defaults=settings.defaults,
        registry=settings.registry,
    )
    if entry.has("rule"):
        return build_rule(entry, "rule", ctx=ctx, weight=weight, target=target)
    kind = inferred_kind(target)
    if kind is None:
        entry.report(
            "RULE_NOT_INFERRED",
            target=entry.text("target") or "—",
            expected="rule: positive | reverse | equal | qualitative | ...",
        )
        return None
    spec = settings.registry.get(kind)
    if spec is None:  # pragma: no cover - the default registry has every inferred kind
        return None
    sub = attrs.evolve(ctx, kind=kind)
    return spec.build(sub) if spec.build is not None else build_generic(sub, spec)
