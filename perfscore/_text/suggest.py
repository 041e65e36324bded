"""“Did you mean …?”: the closest known word to a misspelt one, for any message that names a key or an id."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

DID_YOU_MEAN: tuple[str, str] = ("是否应为 '{suggestion}'？", "did you mean '{suggestion}'?")
"""How a hint offers the suggestion, (zh, en)."""


def suggest(word: str, choices: Iterable[str]) -> str | None:
    """The closest of ``choices`` to ``word``, if any is close enough to be a typo."""
    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return found[0] if found else None
