"""Display texts written when first read, not when a result is built.

A scorecard carries texts for people (a step's parameters, a figure as written); bulk
scoring reads totals and never looks at them. :func:`write_on_read` fronts an attrs slot
with a property: the object keeps what the text is made from in a second slot (a
``init=False, eq=False, repr=False`` field) and the text is written on first read and kept.
Equality, hashing, ``repr``, pickling and ``attrs.evolve`` read the field by name, so
they all see the written text, exactly as if it had been written at construction.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def write_on_read(cls: type, name: str, later: str, write: Callable[[Any], object]) -> Callable[[object, Any], None]:
    """Front ``cls.<name>`` with a property writing it from ``cls.<later>``; return the setter of ``later``."""
    text_slot: Any = vars(cls)[name]
    later_slot: Any = vars(cls)[later]

    def read(self: object) -> object:
        pending = later_slot.__get__(self)
        if pending is not None:  # equal inputs always write equal texts, so a race is harmless
            text_slot.__set__(self, write(pending))
            later_slot.__set__(self, None)
        return text_slot.__get__(self)

    def assign(self: object, value: object) -> None:
        text_slot.__set__(self, value)
        later_slot.__set__(self, None)

    setattr(cls, name, property(read, assign))
    return later_slot.__set__  # type: ignore[no-any-return]
