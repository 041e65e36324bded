"""The words and declarations with which officials write figures: 完成 for met, 0.95 for 95%.

Kept apart from the engine so that a pack (``attainment:``, ``percent_numbers:``) can
hold them; see :mod:`perfscore._core.readings` for how the engine applies them.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

import attrs

from perfscore._core.numerals import normalize_text

MET_WORDS = (
    "完成",
    "已完成",
    "全部完成",
    "按期完成",
    "按时完成",
    "如期完成",
    "达成",
    "已达成",
    "达成预期指标",
    "达到预期",
    "达标",
    "已达标",
    "是",
)
NOT_MET_WORDS = ("未完成", "未达成", "未达标", "否")


class PercentNumbers(enum.Enum):
    """How a bare number against a percent target is read: as written, or as a fraction of 100%."""

    POINTS = "points"
    FRACTION = "fraction"


@attrs.frozen(kw_only=True)
class Attainment:
    """The words a 完成值 may be written as instead of a number (pack ``attainment:``)."""

    met: tuple[str, ...] = MET_WORDS
    not_met: tuple[str, ...] = NOT_MET_WORDS

    def extended(self, met: Iterable[str], not_met: Iterable[str]) -> Attainment:
        """The vocabulary with a pack's own words added."""
        return Attainment(met=(*self.met, *met), not_met=(*self.not_met, *not_met))

    def shown(self) -> str:
        """The vocabulary for a hint: ``met: 完成、已完成 …; not met: 未完成、否``."""
        return f"{'、'.join(self.met)} → met; {'、'.join(self.not_met)} → not met"

    def shown_zh(self) -> str:
        """The vocabulary for a Chinese hint."""
        return f"{'、'.join(self.met)} → 达成；{'、'.join(self.not_met)} → 未达成"


DEFAULT_ATTAINMENT = Attainment()


def attained(word: str, target_text: str | None, vocabulary: Attainment) -> bool | None:
    """True (met), False (not met) or None (not a word the vocabulary knows) for a 完成值 written as text."""
    written = normalize_text(word).replace(" ", "")
    if target_text is not None and written == normalize_text(target_text).replace(" ", ""):
        return True
    if written in {normalize_text(w) for w in vocabulary.met}:
        return True
    if written in {normalize_text(w) for w in vocabulary.not_met}:
        return False
    return None
