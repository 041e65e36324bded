"""What every command that writes a file does around the write (shared, so each command adds two lines).

:func:`guard_outputs` refuses an output that is one of the command's inputs before
anything is scored or written; :func:`noting_replacements` writes the files and then
says, as a ``TEXT_REPLACED`` note, how many characters the files could not hold and
got their documented replacement (see :mod:`perfscore._files.cellsafe`).
"""

from __future__ import annotations

import argparse
import contextlib
import os
from collections.abc import Callable, Iterable, Iterator

from perfscore._batch.table import BatchTable
from perfscore._batch.write import BATCH_FORMATS, write_batch
from perfscore._commands import CommandIO
from perfscore._commands.lastresort import record
from perfscore._core.diagnostics import FiguresError, Location, PerfscoreError, diagnostic
from perfscore._core.figures import Figures
from perfscore._files.cellsafe import tally
from perfscore._files.formats import format_of
from perfscore._files.outputs import STREAM, folder_inputs, refuse_inputs_as_outputs


def guard_outputs(outputs: Iterable[str | os.PathLike[str]], inputs: Iterable[str | os.PathLike[str]]) -> None:
    """``OUTPUT_IS_INPUT`` (exit 2, nothing written) when an output names one of the inputs."""
    refuse_inputs_as_outputs(outputs, inputs)


@contextlib.contextmanager
def noting_replacements(io: CommandIO, file: str) -> Iterator[None]:
    """Run the ``with`` block (the writing); then note on stderr how many characters were replaced."""
    with tally() as seen:
        yield
    if seen[0]:
        note = diagnostic("TEXT_REPLACED", location=Location(file=file), file=file, count=str(seen[0]))
        io.err.write(note.format(io.lang) + "\n")


def guard_batch(args: argparse.Namespace) -> None:
    """``batch``: neither OUT nor its ``OUT.grades.csv`` companion may be the pack or a departments' file."""
    outputs = [args.output]
    if args.output != STREAM and format_of(args.output, args.format, BATCH_FORMATS) == "csv":
        outputs.append(grades_companion(args.output))
    inputs = [args.pack, *(folder_inputs(args.figures) if os.path.isdir(args.figures) else [args.figures])]
    refuse_inputs_as_outputs(outputs, inputs)


def grades_companion(path: str) -> str:
    """The grade distribution written beside a CSV batch result: ``OUT.grades.csv``."""
    return os.path.splitext(path)[0] + ".grades.csv"


@contextlib.contextmanager
def keeping_rows(summary: BatchTable, output: str) -> Iterator[None]:
    """Write the batch; if the writer fails unexpectedly, save the scored rows as JSON beside OUT first.

    A bug in a writer must not lose the departments already scored: their rows go to
    ``OUT.rescued.json`` (the JSON batch format, which any text can be written in),
    and the last-resort handler says where they are.
    """
    try:
        yield
    except PerfscoreError:
        raise
    except Exception:
        rescue = (output if output != STREAM else "perfscore-batch") + ".rescued.json"
        try:
            write_batch(summary, rescue, "json")
        except Exception:  # noqa: BLE001 - the last resort must say what happened, whatever it is
            count = len(summary)
            record(
                f"'{output}' was not written, and the {count} scored rows could not be saved either",
                f"未写入 '{output}'，已评分的 {count} 行也未能保存",
            )
        else:
            count = len(summary)
            record(
                f"'{output}' was not written; the {count} scored rows were saved to {rescue}",
                f"未写入 '{output}'；已评分的 {count} 行已保存到 {rescue}",
            )
        raise


def confined(folder: str, path: str) -> str | tuple[str, Callable[[], Figures]]:
    """``path`` when it lies in ``folder`` (symlinks resolved); else a loader that fails with ``BATCH_OUTSIDE``.

    A batch folder is confined as ``extends`` is: a figures file that links outside the
    folder is not opened, so nothing of what it points to reaches a diagnostic, and the
    department gets the error in its row while the batch goes on.
    """
    parent, name = os.path.split(path)
    if parent == folder and name not in {"", os.curdir, os.pardir} and not os.path.islink(path):
        return path  # a file (not a link) listed in the folder itself: one lstat, not two resolutions of every part
    root = os.path.realpath(folder)
    if os.path.realpath(path).startswith(root.rstrip(os.sep) + os.sep):
        return path

    def refuse() -> Figures:
        where = Location(file=path)
        raise FiguresError([diagnostic("BATCH_OUTSIDE", location=where, file=path, folder=folder)])

    return path, refuse
