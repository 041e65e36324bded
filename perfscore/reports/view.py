"""What a report shows, worked out once from a scorecard and its pack.

HTML, Markdown and Excel reports all show the same things: the header, the 表1-style
scheme, the 表2-style score table with merged task cells, the subtotals, the total
and grade (or the range and the grades still possible, with the reconciliation
against the published result), the points lost and why, the warnings, and the
assumptions and adjustments the pack declares. :class:`ReportView` gathers them from
the :class:`~perfscore._core.scorecard.Scorecard` and the :class:`~perfscore._core.model.Pack` —
nothing is scored again here — so the three formats cannot disagree.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from decimal import Decimal

import attrs

from perfscore._core.decimals import ZERO, own_context, plain, sub
from perfscore._core.diagnostics import Diagnostic, Lang, UsageError, diagnostic
from perfscore._core.model import Adjustment, Assumption, GradeBand, Group, Indicator, Pack
from perfscore._core.scorecard import GroupResult, IndicatorResult, NodeResult, Scorecard, Status
from perfscore._views.serialize import explanation

RECONCILIATION_CODES = frozenset(
    {
        "PUBLISHED_GRADE_CONSISTENT",
        "PUBLISHED_GRADE_IMPOSSIBLE",
        "PUBLISHED_GRADE_MISMATCH",
        "PUBLISHED_MISMATCH",
        "PUBLISHED_RATE_MISMATCH",
    }
)


@attrs.frozen(kw_only=True)
class SchemeLine:
    """One indicator of the 表1-style scheme, with the groups above it (top first)."""

    indicator: Indicator
    groups: tuple[Group, ...]


@attrs.frozen(kw_only=True)
class ScoreBlock:
    """Consecutive indicators of one task (their innermost group) in the 表2-style table."""

    group: GroupResult | None
    rows: tuple[IndicatorResult, ...]


@attrs.frozen(kw_only=True)
class Loss:
    """Points a node lost: exact (``low == high``) or a range while figures are missing."""

    node: NodeResult
    depth: int
    low: Decimal
    high: Decimal


@attrs.frozen(kw_only=True)
class Deducted:
    """An indicator that did not get full marks, and the reasons the scorecard gives."""

    result: IndicatorResult
    lost: Decimal
    reasons: tuple[str, ...]
    how: str


@attrs.frozen(kw_only=True)
class AssumptionUse:
    """An assumption the pack declares, where it comes from, and which nodes rely on it."""

    assumption: Assumption
    source: str | None
    used_by: tuple[str, ...]


@attrs.frozen(kw_only=True)
class ReportView:
    """Everything a report shows, in display order; built by :func:`report_view`."""

    pack: Pack
    card: Scorecard
    lang: Lang
    scheme: tuple[SchemeLine, ...]
    scheme_depth: int
    blocks: tuple[ScoreBlock, ...]
    subtotals: tuple[GroupResult, ...]
    losses: tuple[Loss, ...]
    deducted: tuple[Deducted, ...]
    reconciliation: tuple[Diagnostic, ...]
    warnings: tuple[Diagnostic, ...]
    notes: tuple[Diagnostic, ...]
    assumptions: tuple[AssumptionUse, ...]
    adjustments: tuple[Adjustment, ...]
    grades: tuple[GradeBand, ...]

    def explanation(self, result: IndicatorResult) -> str:
        """How ``result`` was scored, as one line in the report's language."""
        return explanation(result, self.lang)


@own_context
def report_view(pack: Pack, card: Scorecard, lang: str | None = None) -> ReportView:
    """Gather what a report of ``card`` shows; ``pack`` must be the pack that scored it."""
    if card.pack_id != pack.id or card.pack_version != pack.version:
        raise UsageError(
            [diagnostic("REPORT_PACK_MISMATCH", card_pack=f"{card.pack_id} v{card.pack_version}", pack=pack.id)]
        )
    language: Lang = "zh" if (lang or card.language) == "zh" else "en"
    scheme = scheme_lines(pack)
    return ReportView(
        pack=pack,
        card=card,
        lang=language,
        scheme=scheme,
        scheme_depth=scheme_depth(scheme),
        blocks=score_blocks(card),
        subtotals=card.groups(),
        losses=losses(card),
        deducted=_deducted(card, language),
        reconciliation=tuple(d for d in card.diagnostics if d.code in RECONCILIATION_CODES),
        warnings=tuple(d for d in card.warnings if d.code not in RECONCILIATION_CODES),
        notes=tuple(d for d in card.notes if d.code not in RECONCILIATION_CODES),
        assumptions=assumption_uses(pack),
        adjustments=pack.adjustments,
        grades=tuple(sorted(pack.grades, key=lambda band: band.low)),
    )


def score_blocks(card: Scorecard) -> tuple[ScoreBlock, ...]:
    """The indicators in pack order, grouped into runs that share their innermost group."""
    blocks: list[ScoreBlock] = []

    def visit(nodes: tuple[NodeResult, ...], group: GroupResult | None) -> None:
        for node in nodes:
            if isinstance(node, GroupResult):
                visit(node.children, node)
            elif blocks and blocks[-1].group is group:
                blocks[-1] = attrs.evolve(blocks[-1], rows=(*blocks[-1].rows, node))
            else:
                blocks.append(ScoreBlock(group=group, rows=(node,)))

    visit(card.children, None)
    return tuple(blocks)


def runs(keys: Sequence[Hashable | None]) -> list[int]:
    """For merged cells: the length of the run that starts at each position, else 0.

    ``None`` never merges with anything (an empty cell stays its own cell).

    >>> runs(["a", "a", "b", None, None])
    [2, 0, 1, 1, 1]
    """
    spans = [0] * len(keys)
    start = 0
    for index in range(1, len(keys) + 1):
        if index == len(keys) or keys[index] is None or keys[index] != keys[start]:
            spans[start] = index - start
            start = index
    return spans


def scheme_lines(pack: Pack) -> tuple[SchemeLine, ...]:
    """Every indicator of ``pack`` in order, with the groups above it."""
    lines: list[SchemeLine] = []
    for parents, node in pack.walk():
        if isinstance(node, Indicator):
            groups = tuple(group for group in (pack.node(parent) for parent in parents) if isinstance(group, Group))
            lines.append(SchemeLine(indicator=node, groups=groups))
    return tuple(lines)


def scheme_depth(lines: tuple[SchemeLine, ...]) -> int:
    """How many level columns the scheme needs (一级、二级、三级指标…)."""
    return max((len(line.groups) + 1 for line in lines), default=1)


def node_loss(node: NodeResult) -> tuple[Decimal, Decimal]:
    """Points certainly lost and points possibly lost (equal once the score is known)."""
    return sub(node.weight, node.high), sub(node.weight, node.low)


def losses(card: Scorecard) -> tuple[Loss, ...]:
    """Top-level nodes and every group: the bars of the points-lost chart."""
    found = []
    for node in card.walk():
        if node.status is Status.NOT_APPLICABLE or (isinstance(node, IndicatorResult) and len(node.path) > 1):
            continue
        low, high = node_loss(node)
        found.append(Loss(node=node, depth=len(node.path) - 1, low=low, high=high))
    return tuple(found)


def _deducted(card: Scorecard, lang: Lang) -> tuple[Deducted, ...]:
    found = []
    for result in card.indicators():
        if result.score is None or result.status is Status.NOT_APPLICABLE or result.score >= result.weight:
            continue
        reasons = [f"−{plain(d.points)} {d.reason}" if d.points > ZERO else d.reason for d in result.deductions]
        if result.reason:
            reasons.append(result.reason)
        found.append(
            Deducted(
                result=result,
                lost=sub(result.weight, result.score),
                reasons=tuple(reasons),
                how=explanation(result, lang),
            )
        )
    return tuple(found)


def assumption_uses(pack: Pack) -> tuple[AssumptionUse, ...]:
    """The pack's assumptions with their sources and the nodes that rely on them."""
    users: dict[str, list[str]] = {}
    for _, node in pack.walk():
        for name in node.assumptions:
            users.setdefault(name, []).append(node.id)
    found = []
    for assumption in pack.assumptions:
        cited = pack.citations.get(assumption.cite) if assumption.cite else None
        source = str(cited) if cited is not None else assumption.cite
        found.append(AssumptionUse(assumption=assumption, source=source, used_by=tuple(users.get(assumption.id, ()))))
    return tuple(found)


def where_text(item: Diagnostic) -> str:
    """Where a diagnostic points, for a report line: ``file:line:col · group › indicator`` (may be empty)."""
    where = [str(item.location)] if item.location.known else []
    if item.path:
        where.append(" › ".join(item.path))
    return " · ".join(where)


def cell_text(node: NodeResult) -> str:
    """A score as a report cell shows it: ``13.5``, ``0–20`` while partial, ``—`` if dropped."""
    if node.status is Status.NOT_APPLICABLE:
        return "—"
    if node.score is None:
        return f"{plain(node.low)}–{plain(node.high)}"
    return plain(node.score)


def total_text(card: Scorecard) -> str:
    """``78.86–98.86`` for a partial result, else the total."""
    return plain(card.total) if card.total is not None else f"{plain(card.low)}–{plain(card.high)}"


def report_title(view: ReportView) -> str:
    """One title, said once: the department and year, else the pack's title."""
    card = view.card
    if not card.department:
        return card.pack_title
    if view.lang == "zh":
        return f"{card.department}{f'{card.year}年度' if card.year else ''}绩效评价结果"
    return f"{card.department}{f' {card.year}' if card.year else ''}: performance evaluation"
