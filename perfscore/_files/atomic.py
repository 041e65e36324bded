"""Writing an output file so that a failure never leaves half of it behind.

Reports, batch results and imported packs are written to a temporary file in the
destination's own folder and moved over the destination with :func:`os.replace`,
which is atomic on one file system. A reader therefore sees the old file or the
whole new one, never a torn one; if writing fails, the temporary file is removed
and the destination is untouched. The new file gets the permissions an ordinary
``open(path, "w")`` would give it (the process umask), not the temporary file's 0600.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from typing import BinaryIO

from perfscore._core.diagnostics import Location, UsageError, diagnostic
from perfscore._files.stdio import is_stdio, write_stdout


def _default_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def write_atomic(path: str | os.PathLike[str], write: Callable[[BinaryIO], None]) -> None:
    """Call ``write`` with a binary file that becomes ``path`` only once ``write`` returns.

    ``-`` writes to standard output instead (see :mod:`perfscore._files.stdio`).

    Raises:
        UsageError: ``OUTPUT_UNWRITABLE`` when the folder is missing or cannot be written;
            the destination is left as it was.

    """
    if is_stdio(path):
        write_stdout(write)
        return
    target = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(target))
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(target)}.", suffix=".tmp")
    except OSError as err:
        raise _unwritable(target, err) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, _default_mode())
        os.replace(temporary, target)
    except BaseException as err:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(err, OSError):
            raise _unwritable(target, err) from None
        raise


def write_text_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` as UTF-8 to ``path`` atomically (see :func:`write_atomic`)."""
    data = text.encode("utf-8")

    def write(stream: BinaryIO) -> None:
        stream.write(data)

    write_atomic(path, write)


def _unwritable(target: str, err: OSError) -> UsageError:
    reason = err.strerror or type(err).__name__
    return UsageError([diagnostic("OUTPUT_UNWRITABLE", location=Location(file=target), file=target, reason=reason)])
