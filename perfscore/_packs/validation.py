"""Whole-tree checks that need the finished tree: weights, ids, references.

Weights must add up at every level — a group's children to the group's points (or
to 100 inside a percent-weighted group), the top level to the pack's total — because
a scheme whose parts do not add up cannot give a total out of 100. Every problem
names the group, the sum found, the sum expected and the shortfall.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

from perfscore._core.decimals import HUNDRED, plain, total
from perfscore._core.diagnostics import Diagnostic, Location, diagnostic
from perfscore._core.model import Aggregation, Assumption, Group, Node
from perfscore._text.names import named


def weight_problems(
    children: Sequence[Node], expected: Decimal, *, top_id: str, top_location: Location
) -> list[Diagnostic]:
    """WEIGHT_SUM for the top level (``expected``) and for every group below it."""
    problems: list[Diagnostic] = []
    _check_level(children, expected, top_id, (), top_location, problems)
    stack: list[tuple[tuple[str, ...], Node]] = [((), node) for node in children]
    while stack:
        parents, node = stack.pop()
        if isinstance(node, Group):
            path = (*parents, node.id)
            want = HUNDRED if node.aggregation is Aggregation.PERCENT else node.weight
            _check_level(node.children, want, node.id, path, node.location, problems)
            stack.extend((path, child) for child in node.children)
    return problems


def _check_level(
    children: Sequence[Node],
    expected: Decimal,
    owner: str,
    path: tuple[str, ...],
    where: Location,
    problems: list[Diagnostic],
) -> None:
    if not children:
        return
    found = total(child.weight for child in children)
    if found == expected:
        return
    short = found < expected
    difference = abs(found - expected)
    direction_zh, direction = named("weights.short" if short else "weights.over")
    problems.append(
        diagnostic(
            "WEIGHT_SUM",
            location=where,
            path=path,
            id=owner,
            sum=plain(found),
            want=plain(expected),
            direction=direction,
            direction_zh=direction_zh,
            difference=plain(difference),
            expected=plain(expected),
            got=plain(found),
        )
    )


def unset_weights(nodes: Iterable[tuple[tuple[str, ...], Node]], template: str) -> list[Diagnostic]:
    """WEIGHT_UNSET for nodes a template left unweighted and the extending pack did not weight."""
    return [
        diagnostic("WEIGHT_UNSET", location=node.location, path=(*parents, node.id), id=node.id, template=template)
        for parents, node in nodes
        if node.weight == 0
    ]


def duplicate_ids(nodes: Iterable[tuple[tuple[str, ...], Node]]) -> list[Diagnostic]:
    """ID_DUPLICATE for every id used more than once, pointing at the first use."""
    seen: dict[str, Node] = {}
    problems = []
    for parents, node in nodes:
        first = seen.get(node.id)
        if first is None:
            seen[node.id] = node
            continue
        problems.append(
            diagnostic(
                "ID_DUPLICATE", location=node.location, path=(*parents, node.id), id=node.id, first=str(first.location)
            )
        )
    return problems


def reference_problems(
    nodes: Iterable[tuple[tuple[str, ...], Node]],
    assumptions: Sequence[Assumption],
    citations: Mapping[str, object],
) -> list[Diagnostic]:
    """Unknown assumption ids and citation names used by nodes."""
    known = {item.id for item in assumptions}
    problems = []
    for parents, node in nodes:
        for name in node.assumptions:
            if name not in known:
                problems.append(  # noqa: PERF401 - two kinds of problem per node, appended in order
                    diagnostic(
                        "ASSUMPTION_UNKNOWN", location=node.location, path=(*parents, node.id), id=node.id, name=name
                    )
                )
        if node.cite is not None and node.cite not in citations:
            problems.append(
                diagnostic("CITE_UNKNOWN", location=node.location, path=(*parents, node.id), id=node.id, name=node.cite)
            )
    return problems
