"""Rules scored by an assessor's judgement: qualitative levels and manual scores.

National practice (财预〔2020〕10号 and the finance systems that implement it) asks
the assessor to pick a level — 达成 / 部分达成 / 未达成 — and a score inside that
level's band; the system only validates the pair. :class:`Qualitative` does exactly
that, with the band edges the pack declares (80/60 nationally, 80/50 in some places).
:class:`Manual` is a score with a mandatory reason, for what no formula captures.
"""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

import attrs

from perfscore._core.decimals import ZERO, div, mul
from perfscore._core.model import QualitativeLevel, QualitativeScale, national_levels
from perfscore.rules.base import FigureProblem, FigureView, MissingFigure, Outcome, explains, not_a_number, step


def assessor_score(view: FigureView) -> Decimal | None:
    """The assessor's score, checked to lie within ``[0, weight]``."""
    score = view.get("score")
    if score is None:
        return None
    if not isinstance(score, Decimal):
        raise not_a_number("score", score)
    if score < ZERO or score > view.weight:
        raise FigureProblem(
            "FIGURE_SCORE_RANGE",
            "score",
            score=score,
            weight=view.weight,
            expected=f"0–{view.weight}",
            got=score,
        )
    return score


@attrs.frozen(slots=True)
class Qualitative:
    """定性: a level from the pack's scale and an assessor's score inside its band."""

    kind: ClassVar[str] = "qualitative"
    scale: QualitativeScale = attrs.field(factory=national_levels)

    def evaluate(self, view: FigureView) -> Outcome:
        """Validate the level and score pair; infer one from the other where allowed."""
        weight = view.weight
        label = view.get("level")
        score = assessor_score(view)
        if label is None:
            if score is None:
                raise MissingFigure("level/score", ZERO, weight)
            if not explains(view):  # the scoring pass keeps numbers: the level inferred is explanation
                return Outcome(points=score)  # (a score inside [0, weight] always has one: the scale tiles it)
            level = self.scale.level_of(div(score, weight))
            if level is None:  # pragma: no cover - validated scales tile [0, 1]
                raise FigureProblem("FIGURE_OUT_OF_BAND", "score", score=score, level="?", band="?")
            return Outcome(
                points=score,
                level=level.label,
                steps=(step("qualitative.inferred", score=score, level=level.label, band=level.band_text(weight)),)
                if explains(view)
                else (),
            )
        level = self._level(str(label))
        if score is None:
            if level.default is None:
                raise MissingFigure("score", mul(level.low, weight), mul(level.high, weight))
            points = mul(level.default, weight)
            return Outcome(
                points=points,
                level=level.label,
                steps=(step("qualitative.default", level=level.label, band=level.band_text(weight), points=points),)
                if explains(view)
                else (),
            )
        if not level.contains(div(score, weight)):
            band = level.band_text(weight)
            raise FigureProblem(
                "FIGURE_OUT_OF_BAND",
                "score",
                score=score,
                level=level.label,
                band=band,
                expected=band,
                got=score,
            )
        return Outcome(
            points=score,
            level=level.label,
            steps=(step("qualitative.scored", level=level.label, band=level.band_text(weight), score=score),)
            if explains(view)
            else (),
        )

    def _level(self, label: str) -> QualitativeLevel:
        level = self.scale.find(label)
        if level is None:
            labels = "、".join(item.label for item in self.scale.levels)
            raise FigureProblem("FIGURE_LEVEL_UNKNOWN", "level", level=label, levels=labels, got=label)
        return level

    def reads(self) -> frozenset[str]:
        """The level and the assessor's score."""
        return frozenset({"level", "score", "reason"})

    def __repr__(self) -> str:
        """``qualitative(达成 [80%, 100%], 部分达成 [60%, 80%), 未达成 [0%, 60%))``."""
        levels = ", ".join(f"{level.label} {level.band_text()}" for level in self.scale.levels)
        return f"qualitative({levels})"


@attrs.frozen(slots=True)
class Manual:
    """手工评分: the assessor's score, which must come with a reason."""

    kind: ClassVar[str] = "manual"

    def evaluate(self, view: FigureView) -> Outcome:
        """Take the assessor's score as it is, after checking its range and reason."""
        score = assessor_score(view)
        if score is None:
            raise MissingFigure("score", ZERO, view.weight)
        reason = view.get("reason")
        if not reason:
            raise FigureProblem("FIGURE_REASON_MISSING", "reason")
        return Outcome(points=score, steps=(step("manual.scored", score=score, reason=str(reason)),))

    def reads(self) -> frozenset[str]:
        """The score and its reason."""
        return frozenset({"score", "reason"})

    def __repr__(self) -> str:
        """``manual()``."""
        return "manual()"


def qualitative(scale: QualitativeScale | None = None) -> Qualitative:
    """定性 rule with ``scale`` (the national 80/60 bands by default)."""
    return Qualitative(scale=scale or national_levels())


def manual() -> Manual:
    """手工评分 rule: an assessor's score with a mandatory reason."""
    return Manual()
