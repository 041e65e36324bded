"""Reading a source file's bytes: its size and no more is asked for, yet nothing past the limit is missed.

``read_regular_file`` asks for a file's size plus one byte (asking for the limit allocated
16 MB per file of a folder); a file whose size says 0 (``/proc``) or that grew after its
size was read must still be read to the end, up to one byte past the limit.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from perfscore._files.text import read_regular_file


@pytest.mark.parametrize("size", [0, 1, 17, 4096, 99, 100])
def test_a_file_is_read_whole_up_to_the_limit(tmp_path: Path, size: int) -> None:
    """Every byte of a file at or under the limit; its size (nothing read) above it."""
    path = tmp_path / "f.yaml"
    path.write_bytes(bytes(range(256)) * (size // 256) + bytes(range(size % 256)))
    assert read_regular_file(path, max(100, size)) == path.read_bytes()
    if size > 0:
        assert read_regular_file(path, size - 1) == size


def test_a_file_that_grows_while_read_is_read_on_to_one_byte_past_the_limit(tmp_path: Path, monkeypatch) -> None:
    """The descriptor says 10 bytes, the file holds 500: read up to the limit + 1, so the caller sees it is over."""
    path = tmp_path / "grows.yaml"
    path.write_bytes(b"x" * 500)
    real_fstat = os.fstat

    class _Small:
        def __init__(self, status: os.stat_result) -> None:
            self.st_mode, self.st_size = status.st_mode, 10

    monkeypatch.setattr(os, "fstat", lambda fd: _Small(real_fstat(fd)))
    assert read_regular_file(path, 200) == b"x" * 201
    assert read_regular_file(path, 1000) == b"x" * 500


@pytest.mark.skipif(not Path("/proc/self/status").is_file(), reason="no /proc")
def test_a_file_whose_size_says_zero_is_still_read() -> None:
    """/proc files are regular and report size 0, yet hold text."""
    found = read_regular_file("/proc/self/status", 1 << 20)
    assert isinstance(found, bytes)
    assert b"Name:" in found
