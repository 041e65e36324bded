"""Choosing a file format from an option or from the file's extension."""

from __future__ import annotations

import os
from collections.abc import Mapping

from perfscore._core.diagnostics import Location, UsageError, diagnostic


def format_of(path: str | os.PathLike[str], fmt: str | None, formats: Mapping[str, tuple[str, ...]]) -> str:
    """``fmt`` when given, else the format that ``path``'s extension names; ``FORMAT_UNKNOWN`` otherwise.

    ``markdown`` is accepted for ``md``, the one canonical name of the Markdown format.
    """
    if fmt == "markdown" and "md" in formats:
        fmt = "md"
    if fmt is not None and fmt in formats:
        return fmt
    name = os.fspath(path)
    extension = os.path.splitext(name)[1].lower()
    if fmt is None:
        for known, extensions in formats.items():
            if extension in extensions:
                return known
    raise UsageError(
        [diagnostic("FORMAT_UNKNOWN", location=Location(file=name), file=name, formats=", ".join(formats))]
    )
