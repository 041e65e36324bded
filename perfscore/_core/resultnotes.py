"""Notes a scorecard carries: which of the pack's assumptions it relies on, and why it is partial.

A reader of a result must see what it rests on without reading the pack: an assumption
that decided a score (the seed being silent on a rule) is named beside the score.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Protocol

from perfscore._core.decimals import plain
from perfscore._core.diagnostics import Diagnostic, diagnostic
from perfscore._core.model import Assumption, Pack
from perfscore._core.scorecard import Scorecard, Status


def result_notes(pack: Pack, card: Scorecard) -> list[Diagnostic]:
    """Notes on a finished scorecard: the assumptions it rests on, and the range of a partial result."""
    return notes_on(pack, relying_on(card.walk()), card)


def relying_on(nodes: Iterable[Noted]) -> dict[str, tuple[str, ...]]:
    """Each assumption the ``nodes`` (depth-first) name, with the ids of the applicable ones naming it, in order.

    Which nodes name which assumption is the pack's, so only a dropped (not applicable)
    node makes one scorecard's answer differ from another's: the score plan keeps the
    answer for a scorecard that drops nothing (``PackPlan.relying``).
    """
    relying: dict[str, list[str]] = {}
    for result in nodes:
        if result.status is not Status.NOT_APPLICABLE:
            for name in result.assumptions:
                relying.setdefault(name, []).append(result.id)
    return {name: tuple(ids) for name, ids in relying.items()}


def notes_on(pack: Pack, relying: Mapping[str, tuple[str, ...]], card: Totals) -> list[Diagnostic]:
    """The notes of a scorecard whose results rely on the assumptions ``relying`` names, with ``card``'s totals."""
    notes: list[Diagnostic] = []
    for name, ids in relying.items():
        assumption = pack.assumption(name)
        if assumption is not None:
            notes.append(_assumption_used(assumption, name, ids))
    if card.total is None:
        notes.append(
            diagnostic(
                "RESULT_PARTIAL",
                low=plain(card.low),
                high=plain(card.high),
                grades="、".join(card.grades_possible) or "—",
            )
        )
    return notes


def _assumption_used(assumption: Assumption, name: str, ids: tuple[str, ...]) -> Diagnostic:
    """ASSUMPTION_USED for the results ``ids`` relying on ``assumption``: the same for every department of a folder."""
    key = (assumption, name, ids)
    found = _USED.get(key)
    if found is None:
        shown = "、".join(ids) if len(ids) <= 3 else f"{'、'.join(ids[:3])} … ({len(ids)})"  # noqa: PLR2004
        found = diagnostic("ASSUMPTION_USED", location=assumption.location, id=shown, name=name, text=assumption.text)
        if len(_USED) >= 1024:  # noqa: PLR2004 - a few per pack
            _USED.clear()
        _USED[key] = found
    return found


# Diagnostics are immutable and made from these three alone, so one serves every scorecard that needs it.
_USED: dict[tuple[Assumption, str, tuple[str, ...]], Diagnostic] = {}


class Noted(Protocol):
    """What the notes read of a result (or of a result not built yet)."""

    @property
    def id(self) -> str: ...
    @property
    def status(self) -> Status: ...
    @property
    def assumptions(self) -> tuple[str, ...]: ...


class Totals(Protocol):
    """What the notes read of a scorecard's totals."""

    @property
    def total(self) -> Decimal | None: ...
    @property
    def low(self) -> Decimal: ...
    @property
    def high(self) -> Decimal: ...
    @property
    def grades_possible(self) -> tuple[str, ...]: ...
