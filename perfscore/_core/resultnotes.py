"""Notes a scorecard carries: which of the pack's assumptions it relies on, and why it is partial.

A reader of a result must see what it rests on without reading the pack: an assumption
that decided a score (the seed being silent on a rule) is named beside the score.
"""

from __future__ import annotations

from perfscore._core.decimals import plain
from perfscore._core.diagnostics import Diagnostic, diagnostic
from perfscore._core.model import Pack
from perfscore._core.scorecard import Scorecard, Status


def result_notes(pack: Pack, card: Scorecard) -> list[Diagnostic]:
    """Notes on a finished scorecard: the assumptions it rests on, and the range of a partial result."""
    notes: list[Diagnostic] = []
    relying: dict[str, list[str]] = {}
    for result in card.walk():
        if result.status is not Status.NOT_APPLICABLE:
            for name in result.assumptions:
                relying.setdefault(name, []).append(result.id)
    for name, ids in relying.items():
        assumption = pack.assumption(name)
        if assumption is not None:
            shown = "、".join(ids) if len(ids) <= 3 else f"{'、'.join(ids[:3])} … ({len(ids)})"  # noqa: PLR2004
            notes.append(
                diagnostic("ASSUMPTION_USED", location=assumption.location, id=shown, name=name, text=assumption.text)
            )
    if card.partial:
        notes.append(
            diagnostic(
                "RESULT_PARTIAL",
                low=plain(card.low),
                high=plain(card.high),
                grades="、".join(card.grades_possible) or "—",
            )
        )
    return notes
