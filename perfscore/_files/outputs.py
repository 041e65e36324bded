"""Refusing an output that is one of the command's own inputs.

``perfscore batch pack.yaml t.csv -o t.csv`` would replace the table it reads with its
results, and ``report … -o figures.yaml`` the figures it scored — without a word, since
the atomic write succeeds. Every command that writes a file checks its outputs (and
companions such as ``OUT.grades.csv``) against its inputs first. Two names are the same
file when they resolve to the same inode on the same device (:func:`os.path.samefile`:
symlinks, ``..`` and hard links included); a name that does not exist yet is no input.
``-`` (standard input or output) is never a file here.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from perfscore._core.diagnostics import Location, UsageError, diagnostic

STREAM = "-"


def _identity(name: str) -> tuple[int, int] | None:
    """The device and inode ``name`` resolves to (as :func:`os.path.samefile` compares them); None if no file."""
    if name == STREAM:
        return None
    try:
        found = os.stat(name)
    except OSError:
        return None
    return found.st_dev, found.st_ino


def refuse_inputs_as_outputs(
    outputs: Iterable[str | os.PathLike[str]], inputs: Iterable[str | os.PathLike[str]]
) -> None:
    """Raise ``OUTPUT_IS_INPUT`` (a usage error; nothing written) when an output is one of the inputs."""
    sources = [os.fspath(item) for item in inputs]
    identities: list[tuple[int, int] | None] | None = None  # each input's, looked up once (a folder has thousands)
    problems = []
    for output in outputs:
        name = os.fspath(output)
        mine = _identity(name)
        if mine is None:  # not written yet (or "-"): no input is it
            continue
        if identities is None:
            identities = [_identity(source) for source in sources]
        clash = next((source for source, found in zip(sources, identities, strict=True) if found == mine), None)
        if clash is not None:
            problems.append(diagnostic("OUTPUT_IS_INPUT", location=Location(file=name), file=name, input=clash))
    if problems:
        raise UsageError(problems)


def folder_inputs(folder: str | os.PathLike[str]) -> list[str]:
    """The files directly in ``folder`` (the inputs a batch folder offers); empty when it cannot be listed."""
    try:
        return [entry.path for entry in os.scandir(folder) if entry.is_file()]
    except OSError:
        return []
