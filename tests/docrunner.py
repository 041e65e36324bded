"""Execute the examples in docs/*.md so the documentation cannot drift from the code.

A doc marks its executable blocks with an HTML comment on the line before the fence:

* ``<!-- file: some/path.yaml -->`` — the block's text is written to that path in a
  scratch folder that starts with copies of ``rules/`` and ``examples/``;
* ``<!-- run -->`` — a ``console`` block of ``$ perfscore ...`` lines, each followed by
  the output it must print (stdout, then stderr); ``<!-- run: exit N -->`` also checks
  the exit code (0 by default).

Blocks run in the order they appear, so a tutorial can write a file, run a command,
change the file and run again. ``PERFSCORE_UPDATE_DOCS=1`` rewrites the expected
outputs in place instead of comparing (for after an intended change).

Every ``python`` block of a page runs too (:func:`run_python`), unmarked, in order and
in one namespace per page, as a reader pasting them into a notebook would, after the
page's ``<!-- file: -->`` blocks above it are written; a block marked
``<!-- output -->`` right after one holds what it must print.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shlex
import shutil
from pathlib import Path

import attrs

from perfscore.cli import main

MARK = re.compile(r"^<!-- (file: (?P<file>\S+)|run(: exit (?P<exit>\d+))?) -->\s*$")
FENCE = re.compile(r"^```")


@attrs.frozen
class Block:
    """One marked block: where its body starts and ends (line indexes), and what to do with it."""

    start: int
    end: int
    file: str | None
    exit_code: int


@attrs.frozen
class Mismatch:
    """A command whose output (or exit code) is not what the doc shows."""

    command: str
    expected: str
    got: str


def blocks(lines: list[str]) -> list[Block]:
    """The marked fenced blocks of a Markdown file."""
    found = []
    index = 0
    while index < len(lines):
        match = MARK.match(lines[index])
        if match and index + 1 < len(lines) and FENCE.match(lines[index + 1]):
            start = index + 2
            end = start
            while end < len(lines) and not FENCE.match(lines[end]):
                end += 1
            found.append(Block(start, end, match.group("file"), int(match.group("exit") or 0)))
            index = end
        index += 1
    return found


def _run(command: str) -> tuple[int, str]:
    argv = shlex.split(command)
    assert argv[0] == "perfscore", f"docs may only run perfscore, not {argv[0]!r}"
    out, err = io.StringIO(), io.StringIO()
    code = main(argv[1:], out=out, err=err)
    return code, out.getvalue() + err.getvalue()


def _clean(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.rstrip("\n").splitlines())


def run_doc(doc: Path, workspace: Path, root: Path, *, update: bool = False) -> list[Mismatch]:
    """Run every marked block of ``doc`` in ``workspace``; the mismatches (or rewrite the doc)."""
    for folder in ("rules", "examples"):
        shutil.copytree(root / folder, workspace / folder, dirs_exist_ok=True)
    lines = doc.read_text(encoding="utf-8").splitlines()
    mismatches: list[Mismatch] = []
    replacements: list[tuple[int, int, list[str]]] = []
    here = Path.cwd()
    os.chdir(workspace)
    try:
        for block in blocks(lines):
            body = lines[block.start : block.end]
            if block.file is not None:
                target = workspace / block.file
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text("\n".join(body) + "\n", encoding="utf-8")
                continue
            new_body: list[str] = []
            for command, expected in _commands(body):
                code, got = _run(command)
                shown = _clean(got)
                new_body.append(f"$ {command}")
                new_body.extend(shown.splitlines() if shown else [])
                if shown != _clean(expected) or code != block.exit_code:
                    mismatches.append(
                        Mismatch(command, f"{_clean(expected)}\n(exit {block.exit_code})", f"{shown}\n(exit {code})")
                    )
            replacements.append((block.start, block.end, new_body))
    finally:
        os.chdir(here)
    if update:
        for start, end, new_body in reversed(replacements):
            lines[start:end] = new_body
        doc.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return []
    return mismatches


def _commands(body: list[str]) -> list[tuple[str, str]]:
    """``$ command`` lines of a console block, each with the text up to the next one."""
    found: list[tuple[str, list[str]]] = []
    for line in body:
        if line.startswith("$ "):
            found.append((line[2:], []))
        elif found:
            found[-1][1].append(line)
    return [(command, "\n".join(output)) for command, output in found]


OUTPUT_MARK = "<!-- output -->"


@attrs.frozen
class PythonBlock:
    """A ``python`` fenced block (body lines start..end) and the output block after it, if marked."""

    start: int
    end: int
    output: tuple[int, int] | None


def python_blocks(lines: list[str]) -> list[PythonBlock]:
    """The ``python`` blocks of a Markdown file, each with its ``<!-- output -->`` block."""
    found = []
    index = 0
    while index < len(lines):
        if lines[index].strip() == "```python":
            start = end = index + 1
            while end < len(lines) and not FENCE.match(lines[end]):
                end += 1
            after = end + 1
            while after < len(lines) and not lines[after].strip():
                after += 1
            output = None
            if after + 1 < len(lines) and lines[after].strip() == OUTPUT_MARK and FENCE.match(lines[after + 1]):
                body = after + 2
                close = body
                while close < len(lines) and not FENCE.match(lines[close]):
                    close += 1
                output = (body, close)
            found.append(PythonBlock(start, end, output))
            index = end
        index += 1
    return found


def run_python(doc: Path, workspace: Path, root: Path, *, update: bool = False) -> list[Mismatch]:
    """Run every python block of ``doc`` in ``workspace`` (copies of rules/ and examples/); the failures."""
    for folder in ("rules", "examples"):
        shutil.copytree(root / folder, workspace / folder, dirs_exist_ok=True)
    lines = doc.read_text(encoding="utf-8").splitlines()
    namespace: dict[str, object] = {"__name__": "__doc__"}
    mismatches: list[Mismatch] = []
    failures: list[Mismatch] = []  # a block that raised: reported even when updating, there is no output to take
    replacements: list[tuple[int, int, list[str]]] = []
    here = Path.cwd()
    os.chdir(workspace)
    try:
        files = [(block.start, block) for block in blocks(lines) if block.file is not None]
        for _, block in sorted([*files, *((b.start, b) for b in python_blocks(lines))], key=lambda item: item[0]):
            if isinstance(block, Block):  # a file the page writes before its Python reads it
                target = workspace / str(block.file)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text("\n".join(lines[block.start : block.end]) + "\n", encoding="utf-8")
                continue
            code = "\n".join(lines[block.start : block.end])
            where = f"{doc.name}:{block.start + 1}"
            printed = io.StringIO()
            try:
                with contextlib.redirect_stdout(printed):
                    exec(compile(code, where, "exec"), namespace)  # noqa: S102 - our own documentation
            except Exception as err:  # noqa: BLE001 - any failure of a doc block is reported
                failures.append(Mismatch(where, "(runs)", f"{type(err).__name__}: {err}"))
                continue
            if block.output is not None:
                start, end = block.output
                shown = _clean(printed.getvalue())
                if shown != _clean("\n".join(lines[start:end])):
                    mismatches.append(Mismatch(where, _clean("\n".join(lines[start:end])), shown))
                replacements.append((start, end, shown.splitlines()))
    finally:
        os.chdir(here)
    if update:
        for start, end, new_body in reversed(replacements):
            lines[start:end] = new_body
        doc.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return failures
    return failures + mismatches
