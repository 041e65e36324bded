"""``-`` as a file name: standard input for a pack or figures, standard output for ``-o``.

This is the convention of ``cat``, ``tar`` and most command-line tools, so a pack or a
figures file can be piped in (``generate | perfscore score baiyun-2021 -``) and a report
piped out (``perfscore report … -o - | less``). A file that is really named ``-`` can
still be given as ``./-``.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable
from typing import BinaryIO

STDIO = "-"
STDIN_NAME = "<stdin>"


def is_stdio(path: object) -> bool:
    """Whether ``path`` is the ``-`` that stands for standard input or output."""
    return isinstance(path, str | os.PathLike) and os.fspath(path) == STDIO


def read_stdin(max_bytes: int) -> bytes:
    """Standard input as bytes (decoded later like a file), at most one byte over ``max_bytes``.

    Reading one byte more than allowed is how the caller tells a too-large input from
    one exactly at the limit, without reading an endless pipe to its end.
    """
    stream = sys.stdin
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        return bytes(buffer.read(max_bytes + 1))
    return str(stream.read(max_bytes + 1)).encode("utf-8")


def write_stdout(write: Callable[[BinaryIO], None]) -> None:
    """Call ``write`` with standard output as a binary stream (text streams without one get UTF-8 text)."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is not None:
        write(buffer)
        buffer.flush()
        return
    collected = io.BytesIO()
    write(collected)
    sys.stdout.write(collected.getvalue().decode("utf-8"))
    sys.stdout.flush()
