"""Packs by id: the schemes shipped inside the package, and those on a search path.

``perfscore score baiyun-2021 figures.yaml`` and ``load_pack("baiyun-2021")`` find
``baiyun-2021.yaml`` in, in this order: the folders given with ``--packs DIR`` (the
command line), the folders of ``PERFSCORE_PATH`` (separated like ``PATH``), and the
packs bundled with perfscore. A path always wins over an id: when ``baiyun-2021``
(or ``baiyun-2021.yaml``) exists as a file, that file is read.

The bundled packs are package data (``perfscore/packs``), read through
:mod:`importlib.resources`, so a ``pip install`` has them wherever it puts the
package. In the source tree ``perfscore/packs`` is a symbolic link to ``rules/``,
where policy authors edit them; a checkout without symbolic links (Windows without
developer mode) gets a plain file there, and then ``rules/`` beside the package is
used instead.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator, Sequence
from contextvars import ContextVar
from pathlib import Path

SEARCH_PATH_ENV = "PERFSCORE_PATH"
BUNDLED = "bundled"
PACK_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
SUFFIXES = (".yaml", ".yml")
TESTS_SUFFIX = ".tests.yaml"

_extra_dirs: ContextVar[tuple[str, ...]] = ContextVar("perfscore_pack_dirs", default=())


@contextlib.contextmanager
def extra_pack_dirs(dirs: Sequence[str]) -> Iterator[None]:
    """Search ``dirs`` first while the block runs (the command line's ``--packs DIR``)."""
    token = _extra_dirs.set(tuple(dirs))
    try:
        yield
    finally:
        _extra_dirs.reset(token)


def bundled_dir() -> Path:
    """The folder of the packs shipped with perfscore."""
    from importlib import resources  # noqa: PLC0415 - only a lookup by id needs it (~20 ms to import)

    packs = Path(str(resources.files("perfscore"))) / "packs"
    if packs.is_dir():
        return packs
    checkout = Path(__file__).resolve().parents[2] / "rules"  # a checkout whose symlink became a file
    return checkout if checkout.is_dir() else packs


def search_dirs() -> list[tuple[str, Path]]:
    """Where ids are looked up, first match wins: ``--packs``, ``PERFSCORE_PATH``, then bundled."""
    found: list[tuple[str, Path]] = [(folder, Path(folder)) for folder in _extra_dirs.get()]
    found.extend((folder, Path(folder)) for folder in os.environ.get(SEARCH_PATH_ENV, "").split(os.pathsep) if folder)
    found.append((BUNDLED, bundled_dir()))
    return found


def is_pack_id(text: str) -> bool:
    """Whether ``text`` can name a pack by id (no folder in it); ``baiyun-2021.yaml`` counts too."""
    return bool(PACK_ID.match(text)) and not text.endswith(TESTS_SUFFIX)


def find_pack(pack_id: str) -> Path | None:
    """The file of the pack ``pack_id`` on the search path, or None."""
    if not is_pack_id(pack_id):
        return None
    stem = next((pack_id[: -len(s)] for s in SUFFIXES if pack_id.endswith(s)), pack_id)
    for _, folder in search_dirs():
        for suffix in SUFFIXES:
            candidate = folder / f"{stem}{suffix}"
            if candidate.is_file():
                return candidate
    return None


def resolve_pack(ref: str | os.PathLike[str]) -> str | os.PathLike[str]:
    """``ref`` itself when it is an existing path (or ``-``), else the file of the pack it names by id."""
    text = os.fspath(ref)
    if text == "-" or os.path.exists(text):
        return ref
    found = find_pack(text)
    return ref if found is None else found


def pack_files() -> Iterator[tuple[str, Path]]:
    """Every pack file on the search path, in lookup order, with where it was found (nothing is loaded)."""
    for origin, folder in search_dirs():
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            if path.name.endswith(SUFFIXES) and not path.name.endswith(TESTS_SUFFIX) and path.is_file():
                yield origin, path


def pack_ids() -> list[str]:
    """The ids that resolve, each once — quick enough for shell completion, which asks on every Tab."""
    return list(dict.fromkeys(path.name.rsplit(".", 1)[0] for _, path in pack_files()))
