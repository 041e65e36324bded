"""A department's self-evaluation (自评) against the finance bureau's review (复核).

Bureaus re-check a sample of self-evaluations (抽查复核) and publish how far the
self-scores were from theirs. Both sides are figures files of the same department
under the same pack: the reviewer changes scores, levels or figures and adds
overrides with reasons. :func:`review` scores both and compares them node by node.

The difference is ``self − review``: positive where the department claimed more than
the reviewer allows (an over-claim, 自评偏高). A side that is only partially scored
has a range, so the difference is a range too; an over-claim is then ``True`` when
even the smallest possible difference exceeds the threshold, ``False`` when even the
largest does not, and ``None`` (undetermined) otherwise — never a guess.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import attrs

from perfscore._core.decimals import ZERO, sub
from perfscore._core.diagnostics import Diagnostic, diagnostic
from perfscore._core.figures import Figures
from perfscore._core.model import Pack
from perfscore._core.scorecard import GroupResult, NodeResult, Scorecard, Status


@attrs.frozen(kw_only=True)
class Span:
    """A value known exactly (low == high == value) or only as a range (value None)."""

    value: Decimal | None
    low: Decimal
    high: Decimal

    @classmethod
    def of(cls, score: Decimal | None, low: Decimal, high: Decimal) -> Span:
        """The span of a scored node (exact when ``score`` is known)."""
        return cls(value=score, low=low, high=high) if score is None else cls(value=score, low=score, high=score)

    def minus(self, other: Span) -> Span:
        """``self − other``: exact when both are, else the widest range it can take."""
        low, high = sub(self.low, other.high), sub(self.high, other.low)
        value = None if self.value is None or other.value is None else sub(self.value, other.value)
        return Span(value=value, low=low, high=high)


def over_claim(difference: Span, threshold: Decimal) -> bool | None:
    """True when the self-score certainly exceeds the review by more than ``threshold``; None if undecided."""
    if difference.low > threshold:
        return True
    if difference.high <= threshold:
        return False
    return None


@attrs.frozen(kw_only=True)
class NodeReview:
    """One group or indicator: the self score, the review score, their difference, the reviewer's reason."""

    id: str
    name: str
    is_group: bool
    weight: Decimal
    self_score: Span
    review_score: Span
    difference: Span
    over_claim: bool | None
    self_status: str
    review_status: str
    reason: str | None = None  # the reviewer's reason, where the review file gives one of its own
    children: tuple[NodeReview, ...] = ()

    @property
    def marked_down(self) -> bool:
        """Whether the reviewer certainly scored it lower than the department did."""
        return self.difference.low > ZERO


@attrs.frozen(kw_only=True, repr=False)
class Review:
    """A self-evaluation and its review, compared; immutable and serialisable."""

    self_card: Scorecard
    review_card: Scorecard
    threshold: Decimal
    children: tuple[NodeReview, ...]
    total_difference: Span
    total_over_claim: bool | None
    diagnostics: tuple[Diagnostic, ...] = ()

    @property
    def grade_changed(self) -> bool | None:
        """Whether the review changed the grade; None when either grade is not known (a partial result)."""
        if self.self_card.grade is None or self.review_card.grade is None:
            return None
        return self.self_card.grade != self.review_card.grade

    def walk(self) -> Iterator[NodeReview]:
        """Every group and indicator, depth-first in pack order."""
        stack = list(reversed(self.children))
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    def indicators(self) -> tuple[NodeReview, ...]:
        """The indicators, in pack order."""
        return tuple(node for node in self.walk() if not node.is_group)

    def over_claims(self) -> tuple[NodeReview, ...]:
        """The indicators whose self-score exceeds the review by more than the threshold."""
        return tuple(node for node in self.indicators() if node.over_claim)

    def __getitem__(self, node_id: str) -> NodeReview:
        """``review["t3.water_projects"]``; ``KeyError`` if the pack has no such node."""
        for node in self.walk():
            if node.id == node_id:
                return node
        raise KeyError(node_id)

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        """The JSON contract as plain data (see :mod:`perfscore._analysis.reviewviews`)."""
        from perfscore._analysis.reviewviews import review_to_dict  # noqa: PLC0415 - views live at the edge

        return review_to_dict(self, lang)

    def to_json(self, lang: str | None = None) -> str:
        """Deterministic JSON text."""
        from perfscore._views.serialize import to_json  # noqa: PLC0415 - views live at the edge

        return to_json(self.to_dict(lang))

    def table(self, fmt: str = "table", lang: str | None = None) -> str:
        """The side-by-side table (``table`` for a terminal, ``md``)."""
        from perfscore._analysis.reviewviews import render_review  # noqa: PLC0415 - views live at the edge

        return render_review(self, fmt=fmt, lang=lang)

    def __str__(self) -> str:
        """The terminal table."""
        return self.table()

    def __repr__(self) -> str:
        """One line: department, both totals, the difference and the over-claims."""
        from perfscore._core.decimals import plain  # noqa: PLC0415

        diff = self.total_difference
        shown = plain(diff.value) if diff.value is not None else f"{plain(diff.low)}–{plain(diff.high)}"
        return (
            f"Review(pack={self.self_card.pack_id!r}, department={self.self_card.department!r}, "
            f"year={self.self_card.year!r}, difference={shown}, over_claims={len(self.over_claims())})"
        )


def _reason(node_id: str, mine: Figures, theirs: Figures) -> str | None:
    """The reviewer's own reason for ``node_id``: an override's, or a reason the department did not write."""
    entry = theirs.indicators.get(node_id)
    if entry is None:
        return None
    if entry.override is not None:
        own = mine.indicators.get(node_id)
        if own is None or own.override is None or own.override.reason != entry.override.reason:
            return entry.override.reason
    before = mine.indicators.get(node_id)
    text = entry.get("reason")
    if isinstance(text, str) and text and (before is None or before.get("reason") != text):
        return text
    if entry.not_applicable and (before is None or before.not_applicable != entry.not_applicable):
        return entry.not_applicable
    return None


def _node(
    mine: NodeResult, theirs: NodeResult | None, figures: tuple[Figures, Figures], threshold: Decimal
) -> NodeReview:
    other = theirs if theirs is not None else mine
    self_span = Span.of(mine.score, mine.low, mine.high)
    review_span = Span.of(other.score, other.low, other.high)
    if mine.status is Status.NOT_APPLICABLE:
        self_span = Span(value=ZERO, low=ZERO, high=ZERO)
    if other.status is Status.NOT_APPLICABLE:
        review_span = Span(value=ZERO, low=ZERO, high=ZERO)
    difference = self_span.minus(review_span)
    children: tuple[NodeReview, ...] = ()
    if isinstance(mine, GroupResult):
        found = {child.id: child for child in other.children} if isinstance(other, GroupResult) else {}
        children = tuple(_node(child, found.get(child.id), figures, threshold) for child in mine.children)
    return NodeReview(
        id=mine.id,
        name=mine.name,
        is_group=isinstance(mine, GroupResult),
        weight=other.weight,
        self_score=self_span,
        review_score=review_span,
        difference=difference,
        over_claim=over_claim(difference, threshold),
        self_status=mine.status.value,
        review_status=other.status.value,
        reason=None if isinstance(mine, GroupResult) else _reason(mine.id, *figures),
        children=children,
    )


def compare(
    self_card: Scorecard, review_card: Scorecard, self_figures: Figures, review_figures: Figures, threshold: Decimal
) -> Review:
    """Compare two scorecards of one department under one pack, node by node (by id)."""
    found = {child.id: child for child in review_card.children}
    children = tuple(
        _node(child, found.get(child.id), (self_figures, review_figures), threshold) for child in self_card.children
    )
    total = Span.of(self_card.total, self_card.low, self_card.high).minus(
        Span.of(review_card.total, review_card.low, review_card.high)
    )
    problems = []
    if (self_card.department, self_card.year) != (review_card.department, review_card.year):
        problems.append(
            diagnostic(
                "REVIEW_NOT_SAME",
                self=f"{self_card.department or '?'} {self_card.year or '?'}",
                review=f"{review_card.department or '?'} {review_card.year or '?'}",
            )
        )
    return Review(
        self_card=self_card,
        review_card=review_card,
        threshold=threshold,
        children=children,
        total_difference=total,
        total_over_claim=over_claim(total, threshold),
        diagnostics=tuple(problems),
    )


def review(
    pack: Pack | str | os.PathLike[str],
    self_figures: Figures | str | os.PathLike[str],
    review_figures: Figures | str | os.PathLike[str],
    *,
    threshold: Decimal | int | str = 0,
) -> Review:
    """Score a department's own figures and the reviewer's under ``pack`` and compare them.

    ``pack`` and the figures may be loaded objects or file paths. ``threshold`` is in
    points: an indicator (or the total) is flagged as an over-claim when its self-score
    exceeds the review by more than it.
    """
    from perfscore._core.engine import score  # noqa: PLC0415 - keep `import perfscore` light
    from perfscore._inputs.figures import load_figures  # noqa: PLC0415
    from perfscore._packs.loader import load_pack  # noqa: PLC0415

    loaded = pack if isinstance(pack, Pack) else load_pack(pack)
    mine = self_figures if isinstance(self_figures, Figures) else load_figures(self_figures)
    theirs = review_figures if isinstance(review_figures, Figures) else load_figures(review_figures)
    return compare(score(loaded, mine), score(loaded, theirs), mine, theirs, Decimal(str(threshold)))
