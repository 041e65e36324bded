"""Overlay packs: a pack that ``extends`` another and lists its ``adjustments``.

Schemes are revised every year — indicators dropped, added, reweighted — and the
reasons matter as much as the result (section 三 of the Baiyun seed is such a list).
An overlay keeps each revision as data with its reason, so the final scheme is the
plan *plus* its adjustments, and ``perfscore diff`` can show them.

``extends`` may only name a pack inside the overlay's own folder (after resolving
symlinks), or a pack by id (bundled or on ``PERFSCORE_PATH``, see
:mod:`perfscore._packs.bundled`) when no such file is there; chains are followed with
cycle detection.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import attrs

from perfscore._core.decimals import plain
from perfscore._core.diagnostics import DiagnosticSink, Location, diagnostic
from perfscore._core.model import Adjustment, Group, Indicator, Node
from perfscore._core.targets import Target
from perfscore._packs.bundled import find_pack
from perfscore._packs.rulebuilders import build_rule
from perfscore._packs.tree import TreeSettings, read_aggregation, read_node, read_target, read_weight
from perfscore._text.problems import problem
from perfscore._yaml.located import Located
from perfscore.rules.registry import BuildContext

UPDATE_FIELDS = frozenset(
    {"name", "weight", "target", "rule", "unit", "description", "goal", "assumptions", "aggregation", "cite"}
)
MAX_CHAIN = 16
UPDATE_KEYS = UPDATE_FIELDS | {"update", "reason", "cite"}
ADD_KEYS = frozenset({"add", "parent", "after", "reason", "cite"})
REMOVE_KEYS = frozenset({"remove", "reason", "cite"})
WEIGHTS_KEYS = frozenset({"weights", "reason", "cite"})


def resolve_extends(owner: Located, pack_file: Path, chain: tuple[Path, ...]) -> Path | None:
    """The file ``extends`` names, checked to stay in the pack folder and not loop."""
    target = owner.text("extends")
    if target is None:
        return None
    folder = pack_file.resolve().parent
    candidate = Path(target)
    resolved = (folder / candidate).resolve()
    by_id = None if resolved.is_file() else find_pack(target)  # a file beside the pack wins over an id
    if by_id is not None:
        resolved = by_id.resolve()
    elif candidate.is_absolute() or not resolved.is_relative_to(folder):
        owner.report("EXTENDS_ESCAPE", key="extends", target=target, folder=str(folder))
        return None
    if resolved in chain or resolved == pack_file.resolve():
        cycle = " → ".join([*(p.name for p in chain), pack_file.name, resolved.name])
        owner.report("EXTENDS_CYCLE", key="extends", cycle=cycle)
        return None
    if len(chain) >= MAX_CHAIN:
        owner.report("EXTENDS_CYCLE", key="extends", cycle=f"more than {MAX_CHAIN} packs deep")
        return None
    if not resolved.is_file():
        owner.report("EXTENDS_MISSING", key="extends", target=target)
        return None
    return resolved


def apply_adjustments(
    children: tuple[Node, ...], owner: Located, settings: TreeSettings
) -> tuple[tuple[Node, ...], tuple[Adjustment, ...]]:
    """Apply ``adjustments`` in order; each problem is reported at its own entry."""
    adjustments: list[Adjustment] = []
    for number, entry in enumerate(owner.items("adjustments"), start=1):
        entry.where = f"adjustment {number}"
        if not entry.is_mapping():
            continue
        ops = [op for op in ("remove", "update", "add", "weights") if entry.has(op)]
        if len(ops) != 1:
            zh, en = problem("adjustment.one_op")
            entry.report("ADJUSTMENT_INVALID", number=number, problem=en, problem_zh=zh)
            continue
        op = ops[0]
        reason, cite = entry.text("reason"), entry.text("cite")
        if op == "weights":
            children, reweighted = _weights(children, entry, number)
            adjustments.extend(attrs.evolve(item, reason=reason, cite=cite) for item in reweighted)
        elif op == "remove":
            children, removed = _remove(children, entry, number)
            adjustments.extend(attrs.evolve(item, reason=reason, cite=cite) for item in removed)
        elif op == "update":
            entry.check_keys(UPDATE_KEYS)
            node_id = entry.text("update") or ""
            found = _find(children, node_id)
            if found is None:
                entry.report("ADJUSTMENT_UNKNOWN_ID", key="update", number=number, id=node_id)
                continue
            updated, changes = _update(found, entry, settings)
            if updated is not None:
                children = _replace(children, node_id, updated)
                adjustments.append(
                    Adjustment(op=op, id=node_id, reason=reason, cite=cite, changes=changes, location=entry.location())
                )
        else:
            entry.check_keys(ADD_KEYS)
            children, added = _add(children, entry, settings, number)
            if added is not None:
                adjustments.append(
                    Adjustment(
                        op=op,
                        id=added.id,
                        reason=reason,
                        cite=cite,
                        changes=(("weight", "—", plain(added.weight)),),
                        location=entry.location(),
                    )
                )
    return children, tuple(adjustments)


def _remove(children: tuple[Node, ...], entry: Located, number: int) -> tuple[tuple[Node, ...], list[Adjustment]]:
    """``remove: id``: drop a node (and everything under it)."""
    entry.check_keys(REMOVE_KEYS)
    node_id = entry.text("remove") or ""
    found = _find(children, node_id)
    if found is None:
        entry.report("ADJUSTMENT_UNKNOWN_ID", key="remove", number=number, id=node_id)
        return children, []
    change = (("weight", plain(found.weight), "—"),)
    removed = Adjustment(op="remove", id=node_id, changes=change, location=entry.location())
    return _replace(children, node_id, None), [removed]


def _weights(children: tuple[Node, ...], entry: Located, number: int) -> tuple[tuple[Node, ...], list[Adjustment]]:
    """``weights: {id: w, ...}``: many reweights at once (a locality weighting a template)."""
    entry.check_keys(WEIGHTS_KEYS)
    table = entry.mapping("weights", where=f"adjustment {number}")
    if table is None:
        if not isinstance(entry.value.get("weights"), dict):
            entry.wrong_type("weights", "mapping")
        return children, []
    return reweigh(children, table, number)


def reweigh(children: tuple[Node, ...], table: Located, number: int = 0) -> tuple[tuple[Node, ...], list[Adjustment]]:
    """Set the weight of every id in the mapping ``table``; unknown ids and weights ≤ 0 are reported."""
    changed: list[Adjustment] = []
    for node_id in table:
        found = _find(children, node_id)
        weight = table.number(node_id, required=True)
        if found is None:
            table.report("ADJUSTMENT_UNKNOWN_ID", key=node_id, of_key=True, number=number, id=node_id)
            continue
        if weight is None:
            continue
        if weight <= 0:
            table.report("WEIGHT_INVALID", key=node_id, id=node_id, expected="> 0", got=weight)
            continue
        reweighted = attrs.evolve(found, weight=weight, weight_location=table.location(node_id))
        children = _replace(children, node_id, reweighted)
        changed.append(
            Adjustment(
                op="update",
                id=node_id,
                changes=(("weight", plain(found.weight), plain(weight)),),
                location=table.location(node_id),
            )
        )
    return children, changed


def _find(children: tuple[Node, ...], node_id: str) -> Node | None:
    for node in children:
        if node.id == node_id:
            return node
        if isinstance(node, Group):
            found = _find(node.children, node_id)
            if found is not None:
                return found
    return None


def _replace(children: tuple[Node, ...], node_id: str, new: Node | None) -> tuple[Node, ...]:
    result: list[Node] = []
    for node in children:
        if node.id == node_id:
            if new is not None:
                result.append(new)
        elif isinstance(node, Group):
            result.append(attrs.evolve(node, children=_replace(node.children, node_id, new)))
        else:
            result.append(node)
    return tuple(result)


def _update(  # noqa: C901 - one branch per updatable field
    node: Node, entry: Located, settings: TreeSettings
) -> tuple[Node | None, tuple[tuple[str, str, str], ...]]:
    changes: list[tuple[str, str, str]] = []
    fields: dict[str, object] = {}
    new_weight: Decimal = node.weight
    new_target: Target | None = node.target if isinstance(node, Indicator) else None
    for key in ("name", "description", "unit", "goal", "cite"):
        if (
            entry.has(key)
            and (key != "goal" or isinstance(node, Group))
            and (key != "unit" or isinstance(node, Indicator))
        ):
            value = entry.text(key)
            changes.append((key, str(getattr(node, key) or "—"), str(value)))
            fields[key] = value
    if entry.has("assumptions"):
        fields["assumptions"] = entry.text_list("assumptions")
        changes.append(("assumptions", "、".join(node.assumptions) or "—", "、".join(fields["assumptions"]) or "—"))  # type: ignore[arg-type]
    if entry.has("weight"):
        weight = read_weight(entry, node.id, settings)
        if weight is None:
            return None, ()
        changes.append(("weight", plain(node.weight), plain(weight)))
        fields["weight"] = new_weight = weight
        fields["weight_location"] = entry.location("weight")
    if isinstance(node, Group):
        if entry.has("aggregation"):
            fields["aggregation"] = read_aggregation(entry, node.aggregation)
        return attrs.evolve(node, **fields), tuple(changes)  # type: ignore[arg-type]
    if entry.has("target"):
        target, text, from_figures = read_target(entry)
        changes.append(("target", node.target_text or "—", text or "—"))
        fields["target"], fields["target_text"] = target, text
        new_target = target
        if not entry.has("rule") and hasattr(node.rule, "target") and (target is not None or from_figures):
            fields["rule"] = attrs.evolve(node.rule, target=target)  # type: ignore[misc]
    if entry.has("rule"):
        ctx = BuildContext(
            kind="",
            options=None,
            at=entry,
            indicator_id=node.id,
            weight=new_weight,
            target=new_target,
            target_from_figures=False,
            scale=settings.scale,
            defaults=settings.defaults,
            registry=settings.registry,
        )
        rule = build_rule(entry, "rule", ctx=ctx, weight=new_weight, target=new_target)
        if rule is None:
            return None, ()
        changes.append(("rule", repr(node.rule), repr(rule)))
        fields["rule"], fields["rule_location"] = rule, entry.location("rule")
    return attrs.evolve(node, **fields), tuple(changes)  # type: ignore[arg-type]


def _add(
    children: tuple[Node, ...], entry: Located, settings: TreeSettings, number: int
) -> tuple[tuple[Node, ...], Node | None]:
    parent_id, after = entry.text("parent"), entry.text("after")
    parents: tuple[str, ...] = ()
    if parent_id is not None:
        parent = _find(children, parent_id)
        if not isinstance(parent, Group):
            entry.report("ADJUSTMENT_UNKNOWN_ID", key="parent", number=number, id=parent_id)
            return children, None
        parents = (parent_id,)
    if not isinstance(entry.value.get("add"), dict):
        entry.wrong_type("add", "mapping")
        return children, None
    node = read_node(entry.child("add"), settings, parents)
    if node is None:
        return children, None
    return _insert(children, parent_id, after, node, entry, number), node


def _insert(
    children: tuple[Node, ...], parent_id: str | None, after: str | None, node: Node, entry: Located, number: int
) -> tuple[Node, ...]:
    if parent_id is None:
        return _place(children, after, node, entry, number)
    result: list[Node] = []
    for child in children:
        if child.id == parent_id and isinstance(child, Group):
            result.append(attrs.evolve(child, children=_place(child.children, after, node, entry, number)))
        elif isinstance(child, Group):
            result.append(attrs.evolve(child, children=_insert(child.children, parent_id, after, node, entry, number)))
        else:
            result.append(child)
    return tuple(result)


def _place(siblings: tuple[Node, ...], after: str | None, node: Node, entry: Located, number: int) -> tuple[Node, ...]:
    if after is None:
        return (*siblings, node)
    for index, sibling in enumerate(siblings):
        if sibling.id == after:
            return (*siblings[: index + 1], node, *siblings[index + 1 :])
    entry.report("ADJUSTMENT_UNKNOWN_ID", key="after", number=number, id=after)
    return (*siblings, node)


def chain_error(
    sink: DiagnosticSink, name: str, err_location: Location
) -> None:  # pragma: no cover - helper kept small
    """Record that a base pack failed to load (its own diagnostics follow)."""
    sink.add(diagnostic("EXTENDS_MISSING", location=err_location, target=name))
