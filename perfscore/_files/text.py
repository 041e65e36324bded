"""Getting a source file's text: regular files only, size first, declared encodings only.

Packs and figures files come from many hands, and a path may name anything: a FIFO
(opening it would wait forever for a writer), a device (``/dev/zero`` never ends), a
file of hundreds of megabytes. The reader opens without blocking, checks what it opened
through the descriptor — so nothing swapped in after a check is trusted — and reads
nothing from a file above the size limit.

Text is decoded as UTF-8 (with or without a BOM), as UTF-16 with a BOM, or in the
encoding declared on one of the first two lines (``# encoding: gbk``), never by
guessing: a GBK file without a declaration is an error that says how to declare it.
"""

from __future__ import annotations

import codecs
import os
import re
import stat

from perfscore._core.diagnostics import Location, PerfscoreError, diagnostic
from perfscore._text.problems import problem

_CODING = re.compile(rb"^[ \t]*#.*?coding[:=][ \t]*([-\w.]+)", re.MULTILINE)
_ALLOWED_CODECS = frozenset({"utf-8", "utf-16", "gbk", "gb2312", "gb18030", "big5", "big5hkscs", "ascii"})


def read_regular_file(path: str | os.PathLike[str], max_bytes: int) -> bytes | int | None:
    """The bytes of a regular file; its size when above the limit (nothing is read); None if not regular.

    The file is opened without blocking and checked through its descriptor, so a FIFO
    or a device swapped in after a check cannot make the reader wait or read forever.
    """
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(descriptor, "rb") as handle:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            return None
        if status.st_size > max_bytes:
            return status.st_size
        # Read its size and one byte more (asking for the limit would allocate the limit for
        # every file); a file that grew since fstat, or says 0 (/proc), is read on to the limit.
        want = status.st_size + 1
        data = handle.read(want)
        if len(data) == want:
            data += handle.read(max_bytes + 1 - want)
        return data


def read_source_file(
    path: str | os.PathLike[str], name: str, max_bytes: int, error_type: type[PerfscoreError]
) -> bytes:
    """The bytes of the regular file ``path`` (shown as ``name``), or ``error_type`` saying why not.

    Every reader of user files (packs, figures, spreadsheets) refuses the same things the
    same way: unreadable (FILE_UNREADABLE with the system's reason), not a regular file, or
    larger than its limit (FILE_TOO_LARGE, before a byte is read).
    """
    where = Location(file=name)
    try:
        raw = read_regular_file(path, max_bytes)
    except OSError as err:
        reason = err.strerror or type(err).__name__
        raise error_type([diagnostic("FILE_UNREADABLE", location=where, reason=reason)]) from None
    if raw is None:
        reason_zh, reason = problem("file.not_regular")
        raise error_type([diagnostic("FILE_UNREADABLE", location=where, reason=reason, reason_zh=reason_zh)])
    if isinstance(raw, int):
        raise error_type([diagnostic("FILE_TOO_LARGE", location=where, size=raw, limit=max_bytes)])
    return raw


def decode_source(raw: bytes, name: str, error_type: type[PerfscoreError]) -> str:
    """The text of ``raw``: by its BOM, else by the encoding declared on its first two lines, else UTF-8."""
    if raw.startswith(codecs.BOM_UTF8):
        encoding, body = "utf-8", raw[len(codecs.BOM_UTF8) :]
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding, body = "utf-16", raw
    else:
        written = _declared(raw) or "utf-8"
        encoding, body = _codec_name(written), raw
        if encoding not in _ALLOWED_CODECS:
            where = Location(file=name, line=1)
            detail_zh, detail = problem("encoding.unsupported", encoding=written)
            raise error_type(
                [diagnostic("FILE_ENCODING", location=where, encoding=written, detail=detail, detail_zh=detail_zh)]
            )
    try:
        return body.decode(encoding)
    except UnicodeDecodeError as err:
        line = body[: err.start].count(b"\n") + 1
        column = err.start - (body.rfind(b"\n", 0, err.start) + 1) + 1
        byte = f"0x{body[err.start]:02x}"
        detail_zh, detail = problem("encoding.byte", byte=byte, offset=err.start)
        where = Location(file=name, line=line, column=column)
        raise error_type(
            [diagnostic("FILE_ENCODING", location=where, encoding=encoding.upper(), detail=detail, detail_zh=detail_zh)]
        ) from None


def written_in_utf8(raw: bytes) -> bool:
    """Whether :func:`decode_source` reads ``raw`` as UTF-8 as it stands (no BOM, no other encoding declared).

    Such bytes can go to libyaml undecoded: it decodes UTF-8 itself and refuses what
    Python's strict decoder refuses (bad and overlong sequences, surrogates), so a reader
    that gives up on a libyaml error and decodes the file to report it loses nothing.
    """
    if raw.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    declared = _declared(raw)
    return declared is None or _codec_name(declared) == "utf-8"


def _declared(raw: bytes) -> str | None:
    """The encoding declared on the first two lines (``# encoding: gbk``), or None."""
    first_two_lines = b"\n".join(raw[:1024].split(b"\n", 2)[:2])
    declared = _CODING.search(first_two_lines)
    return declared.group(1).decode("ascii", "replace") if declared else None


def _codec_name(declared: str) -> str:
    try:
        return codecs.lookup(declared).name.replace("_", "-")
    except LookupError:
        return declared.lower()
