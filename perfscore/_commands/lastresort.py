"""The command line's last resort: what to say when something unexpected stops a command.

A bug must never show a traceback, and never lose work silently. A command that holds
results records, while it writes them, what it managed to keep (:func:`record`); the
handler in :mod:`perfscore.cli` prints ``UNEXPECTED_FAILURE`` with that sentence, so the
user learns what stopped, what was saved and what was lost.
"""

from __future__ import annotations

from contextvars import ContextVar

from perfscore._core.diagnostics import Diagnostic, diagnostic

_NOTHING = ("nothing was written", "未写入任何内容")
_KEPT: ContextVar[tuple[str, str] | None] = ContextVar("perfscore_kept", default=None)


def forget() -> None:
    """Start a command with nothing kept."""
    _KEPT.set(None)


def record(english: str, chinese: str) -> None:
    """Say what was kept, should the command now fail unexpectedly."""
    _KEPT.set((english, chinese))


def unexpected(bug: BaseException) -> Diagnostic:
    """``UNEXPECTED_FAILURE`` for ``bug``, with what was kept."""
    english, chinese = _KEPT.get() or _NOTHING
    detail = f"{type(bug).__name__}: {bug}"
    if len(detail) > 300:  # noqa: PLR2004 - a message, not a dump
        detail = detail[:299] + "…"
    return diagnostic("UNEXPECTED_FAILURE", detail=detail, kept=english, kept_zh=chinese)
