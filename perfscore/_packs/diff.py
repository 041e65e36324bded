"""What changed between two packs: the year's revision as a list of changes with reasons.

Schemes are revised every year — section 三 of the Baiyun seed drops two indicators,
reweights three and flags one whose target was set wrongly. :func:`diff_packs` compares
two packs' trees by id, so it works between any two packs (a plan and its final scheme,
last year's and this year's, a national framework and a locality's version of it).
When the new pack is an overlay of the old one, each change carries the reason its
adjustment gives, and adjustments that change nothing (a target flagged as inaccurate)
are listed as *flagged*. The effect on subtotals says, for every group whose children
changed, how its points were redistributed.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import attrs

from perfscore._core.decimals import ZERO, plain
from perfscore._core.diagnostics import NOWHERE, Location, PerfscoreError
from perfscore._core.engine import score
from perfscore._core.figures import Figures
from perfscore._core.model import Adjustment, GradeBand, Group, Indicator, Node, Pack
from perfscore._core.scorecard import Scorecard

# Removed nodes come first, then each remaining node's changes together in tree order.
TOP = ""  # the id under which the top level's effect is listed
KINDS = (
    "removed",
    "added",
    "renamed",
    "moved",
    "reweighted",
    "target",
    "rule",
    "assumptions",
    "aggregation",
    "flagged",
)


@attrs.frozen(kw_only=True)
class Change:
    """One difference between the packs, at one node (or the pack itself)."""

    kind: str  # one of KINDS, or "pack" / "grade" / "levels" for pack-wide settings
    id: str
    name: str
    path: tuple[str, ...] = ()
    old: str | None = None
    new: str | None = None
    reason: str | None = None
    cite: str | None = None
    location: Location = NOWHERE


@attrs.frozen(kw_only=True)
class SubtotalEffect:
    """How one group's points were redistributed among its children."""

    id: str
    name: str
    old: Decimal | None
    new: Decimal | None
    parts: tuple[tuple[str, Decimal], ...]  # (child id, points gained or lost)
    old_score: str | None = None  # filled when the diff is scored with figures
    new_score: str | None = None


@attrs.frozen(kw_only=True)
class PackDiff:
    """Everything that changed from ``old`` to ``new``."""

    old: Pack
    new: Pack
    changes: tuple[Change, ...]
    subtotals: tuple[SubtotalEffect, ...]

    @property
    def empty(self) -> bool:
        """Whether the two packs score the same way."""
        return not self.changes


def diff_packs(old: Pack, new: Pack) -> PackDiff:
    """Compare ``old`` and ``new`` node by node (by id) and setting by setting."""
    reasons = _reasons(old, new)
    old_nodes = {node.id: (parents, node) for parents, node in old.walk()}
    new_nodes = {node.id: (parents, node) for parents, node in new.walk()}
    found: list[Change] = []
    for node_id, (parents, node) in old_nodes.items():
        if node_id not in new_nodes:
            found.append(_change("removed", node, parents, _weight(node.weight), None, reasons))
    for node_id, (parents, node) in new_nodes.items():
        if node_id not in old_nodes:
            found.append(_change("added", node, parents, None, _weight(node.weight), reasons))
            continue
        old_parents, before = old_nodes[node_id]
        found.extend(_node_changes(before, old_parents, node, parents, reasons))
    changed = {change.id for change in found}
    for adjustment in new.adjustments if new.extends == old.id else ():
        if adjustment.id not in changed and adjustment.id in new_nodes:
            parents, node = new_nodes[adjustment.id]
            found.append(_change("flagged", node, parents, None, None, reasons))
    order = {kind: index for index, kind in enumerate(KINDS)}
    position = {node_id: index for index, node_id in enumerate(old_nodes)}
    position.update({node_id: len(old_nodes) + index for index, node_id in enumerate(new_nodes)})
    found.sort(key=lambda change: (change.kind != "removed", position[change.id], order[change.kind]))
    found.extend(_pack_changes(old, new))
    return PackDiff(old=old, new=new, changes=tuple(found), subtotals=_subtotals(old, new))


def with_scores(diff: PackDiff, figures: Figures) -> tuple[PackDiff, tuple[PerfscoreError, ...]]:
    """The diff with each affected subtotal scored from ``figures`` under both packs.

    Figures usually fit one of the two packs only (a score of 2 is out of range under a
    plan that weighted the indicator 1); a side that cannot be scored shows no scores and
    its problems are returned for the caller to show.
    """
    cards: list[Scorecard | None] = []
    problems: list[PerfscoreError] = []
    for pack in (diff.old, diff.new):
        try:
            cards.append(score(pack, figures))
        except PerfscoreError as problem:
            cards.append(None)
            problems.append(problem)

    def shown(card: Scorecard | None, group_id: str) -> str | None:
        if card is None:
            return None
        if group_id == TOP:
            return _range(card.total, card.low, card.high)
        node = card.node(group_id)
        return None if node is None else _range(node.score, node.low, node.high)

    effects = tuple(
        attrs.evolve(effect, old_score=shown(cards[0], effect.id), new_score=shown(cards[1], effect.id))
        for effect in diff.subtotals
    )
    return attrs.evolve(diff, subtotals=effects), tuple(problems)


def _range(value: Decimal | None, low: Decimal, high: Decimal) -> str:
    return plain(value) if value is not None else f"{plain(low)}–{plain(high)}"


def _weight(weight: Decimal) -> str:
    """A weight as the diff shows it; a template's unset weight (0) is ``—``."""
    return plain(weight) if weight else "—"


def _reasons(old: Pack, new: Pack) -> dict[str, Adjustment]:
    """The adjustment behind each id, when ``new`` is an overlay of ``old`` itself."""
    if new.extends != old.id:
        return {}
    found: dict[str, Adjustment] = {}
    for adjustment in new.adjustments:
        found.setdefault(adjustment.id, adjustment)
    return found


def _change(
    kind: str,
    node: Node,
    parents: tuple[str, ...],
    old: str | None,
    new: str | None,
    reasons: dict[str, Adjustment],
) -> Change:
    adjustment = reasons.get(node.id)
    return Change(
        kind=kind,
        id=node.id,
        name=node.name,
        path=(*parents, node.id),
        old=old,
        new=new,
        reason=adjustment.reason if adjustment else None,
        cite=adjustment.cite if adjustment else None,
        location=adjustment.location if adjustment else node.location,
    )


def _node_changes(
    before: Node, old_parents: tuple[str, ...], after: Node, parents: tuple[str, ...], reasons: dict[str, Adjustment]
) -> Iterator[Change]:
    def change(kind: str, old: str | None, new: str | None) -> Change:
        return _change(kind, after, parents, old, new, reasons)

    if before.name != after.name:
        yield change("renamed", before.name, after.name)
    if old_parents[-1:] != parents[-1:]:
        yield change("moved", " › ".join(old_parents) or "—", " › ".join(parents) or "—")
    if before.weight != after.weight:
        yield change("reweighted", _weight(before.weight), _weight(after.weight))
    if before.assumptions != after.assumptions:
        yield change("assumptions", "、".join(before.assumptions) or "—", "、".join(after.assumptions) or "—")
    for kind, old, new in _content_changes(before, after):
        yield change(kind, old, new)


def _content_changes(before: Node, after: Node) -> Iterator[tuple[str, str, str]]:
    """Aggregation of groups; target and rule of indicators; a group that became an indicator."""
    if isinstance(before, Group) and isinstance(after, Group):
        if before.aggregation is not after.aggregation:
            yield "aggregation", before.aggregation.value, after.aggregation.value
        return
    if isinstance(before, Indicator) and isinstance(after, Indicator):
        if (before.target_text or "") != (after.target_text or ""):
            yield "target", before.target_text or "—", after.target_text or "—"
        if repr(before.rule) != repr(after.rule):
            yield "rule", repr(before.rule), repr(after.rule)
        return
    shape = ("group", "indicator")
    yield "rule", shape[isinstance(before, Indicator)], shape[isinstance(after, Indicator)]


def _pack_changes(old: Pack, new: Pack) -> list[Change]:
    """Pack-wide settings: total, rounding, aggregation, grade band edges, qualitative levels."""
    found: list[Change] = []

    def setting(name: str, before: object, after: object) -> None:
        if before != after:
            found.append(Change(kind="pack", id=name, name=name, old=str(before), new=str(after)))

    setting("total", plain(old.total), plain(new.total))
    setting("rounding", _rounding(old), _rounding(new))
    setting("aggregation", old.aggregation.value, new.aggregation.value)
    setting("not_applicable", old.redistribution.value, new.redistribution.value)
    old_grades = {band.label: band for band in old.grades}
    new_grades = {band.label: band for band in new.grades}
    for label in dict.fromkeys([*old_grades, *new_grades]):
        before, after = old_grades.get(label), new_grades.get(label)
        if _band(before) != _band(after):
            where = after.location if after is not None else NOWHERE
            found.append(
                Change(kind="grade", id=label, name=label, old=_band(before), new=_band(after), location=where)
            )
    before_levels = [f"{level.label} {level.band_text()}" for level in old.qualitative.levels]
    after_levels = [f"{level.label} {level.band_text()}" for level in new.qualitative.levels]
    if before_levels != after_levels:
        found.append(
            Change(
                kind="levels",
                id="qualitative",
                name="qualitative",
                old=", ".join(before_levels),
                new=", ".join(after_levels),
            )
        )
    return found


def _rounding(pack: Pack) -> str:
    return f"{pack.rounding.decimals} {pack.rounding.mode.value}"


def _band(band: GradeBand | None) -> str | None:
    if band is None:
        return None
    close = "]" if band.high_inclusive else ")"
    return f"[{plain(band.low)}, {plain(band.high)}{close}"


def _subtotals(old: Pack, new: Pack) -> tuple[SubtotalEffect, ...]:
    """For every group (and the top level) whose children changed weight, who gained and lost."""
    old_groups = _levels(old)
    new_groups = _levels(new)
    effects: list[SubtotalEffect] = []
    for group_id in dict.fromkeys([*old_groups, *new_groups]):
        before = old_groups.get(group_id, (None, {}, ""))
        after = new_groups.get(group_id, (None, {}, ""))
        parts = []
        for child in dict.fromkeys([*before[1], *after[1]]):
            delta = after[1].get(child, ZERO) - before[1].get(child, ZERO)
            if delta:
                parts.append((child, delta))
        if parts:
            effects.append(
                SubtotalEffect(id=group_id, name=after[2] or before[2], old=before[0], new=after[0], parts=tuple(parts))
            )
    return tuple(effects)


def _levels(pack: Pack) -> dict[str, tuple[Decimal | None, dict[str, Decimal], str]]:
    """Group id → (its points, {child id: weight}, its name); ``TOP`` for the top level."""
    levels: dict[str, tuple[Decimal | None, dict[str, Decimal], str]] = {
        TOP: (pack.total, {node.id: node.weight for node in pack.children}, pack.title)
    }
    for group in pack.groups():
        levels[group.id] = (group.weight, {node.id: node.weight for node in group.children}, group.name)
    return levels
