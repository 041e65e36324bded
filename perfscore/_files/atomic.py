"""Writing an output file so that a failure never leaves half of it behind.

Reports, batch results and imported packs are written to a temporary file in the
destination's own folder and moved over the destination with :func:`os.replace`,
which is atomic on one file system. A reader therefore sees the old file or the
whole new one, never a torn one; if writing fails, the temporary file is removed
and the destination is untouched.

What the destination may be, decided on purpose:

* **A symlink is followed**: the file it points to is replaced (atomically, in that
  file's folder) and the link stays a link, as ``open(path, "w")`` would write through it.
* **Only a regular file is replaced.** A device, a FIFO, a socket or a folder is
  refused with ``OUTPUT_UNWRITABLE`` and left as it was — replacing ``/dev/full`` or a
  pipe with a regular file is never what was meant.
* **An existing file keeps its permission bits** (a 0600 file stays 0600); a new file
  gets what ``open(path, "w")`` would give it (0666 less the umask), not the
  temporary file's 0600.
* **The temporary name fits the file system** (``NAME_MAX``, 255 bytes on most), even
  when the destination's own name is as long as the limit allows.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable
from typing import BinaryIO

from perfscore._core.diagnostics import Location, UsageError, diagnostic
from perfscore._files.cellsafe import encodable
from perfscore._files.stdio import is_stdio, write_stdout
from perfscore._text.problems import problem

_SUFFIX = ".tmp"
_RANDOM = 8  # the characters mkstemp adds


def _default_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _name_max(folder: str) -> int:
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):
        return 255


def _prefix(folder: str, name: str) -> str:
    """``.NAME.`` cut so that prefix + random part + suffix stays within NAME_MAX bytes."""
    room = _name_max(folder) - _RANDOM - len(_SUFFIX) - 2
    encoded = name.encode("utf-8", "surrogateescape")[: max(room, 0)]
    return f".{encoded.decode('utf-8', 'ignore')}."


def destination(path: str | os.PathLike[str]) -> tuple[str, int]:
    """The regular file ``path`` names (symlinks followed) and the mode the new file gets.

    Raises:
        UsageError: ``OUTPUT_UNWRITABLE`` when ``path`` is a device, a FIFO, a socket or a folder.

    """
    shown = os.fspath(path)
    target = os.path.realpath(shown)
    try:
        status = os.stat(target)
    except FileNotFoundError:
        return target, _default_mode()
    except OSError as err:
        raise _unwritable(shown, err) from None
    if not stat.S_ISREG(status.st_mode):
        folder = stat.S_ISDIR(status.st_mode)
        reason_zh, reason = problem("file.folder" if folder else "file.special")
        where = Location(file=shown)
        raise UsageError(
            [diagnostic("OUTPUT_UNWRITABLE", location=where, file=shown, reason=reason, reason_zh=reason_zh)]
        )
    return target, stat.S_IMODE(status.st_mode)


def write_atomic(path: str | os.PathLike[str], write: Callable[[BinaryIO], None]) -> None:
    """Call ``write`` with a binary file that becomes ``path`` only once ``write`` returns.

    ``-`` writes to standard output instead (see :mod:`perfscore._files.stdio`).

    Raises:
        UsageError: ``OUTPUT_UNWRITABLE`` when the folder is missing or cannot be written,
            or ``path`` is not a regular file; the destination is left as it was.

    """
    if is_stdio(path):
        write_stdout(write)
        return
    shown = os.fspath(path)
    target, mode = destination(shown)
    folder = os.path.dirname(target)
    try:
        handle, temporary = tempfile.mkstemp(
            dir=folder, prefix=_prefix(folder, os.path.basename(target)), suffix=_SUFFIX
        )
    except OSError as err:
        raise _unwritable(shown, err) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException as err:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(err, OSError):
            raise _unwritable(shown, err) from None
        raise


def write_text_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` as UTF-8 to ``path`` atomically (see :func:`write_atomic`); lone surrogates become U+FFFD."""
    data = encodable(text).encode("utf-8")

    def write(stream: BinaryIO) -> None:
        stream.write(data)

    write_atomic(path, write)


def _unwritable(target: str, err: OSError) -> UsageError:
    reason = err.strerror or type(err).__name__  # the system's words, in the system's language
    return UsageError([diagnostic("OUTPUT_UNWRITABLE", location=Location(file=target), file=target, reason=reason)])
