"""Facts worked out once per immutable object (a rule, a pack) rather than on every score.

Rules and packs are frozen, so what follows from one of them alone never changes. The
cache is keyed by the object's identity (frozen attrs objects with unhashable fields
cannot be dictionary keys, and equal packs are still different packs) and holds the
object only weakly: the entry goes when the object goes, so a long process loading many
packs keeps none, and a new object that reuses a dead one's ``id`` never sees its facts.
A fact must not refer back to its object, or the object would never go.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable
from typing import Any

FACTS: dict[int, tuple[weakref.ref[object], dict[str, object]]] = {}


def fact_of(owner: object, name: str, compute: Callable[[Any], object]) -> Any:  # noqa: ANN401 - whatever compute gives
    """``compute(owner)``, worked out once per ``owner`` object (recomputed for objects without weak references)."""
    key = id(owner)
    found = FACTS.get(key)
    if found is None or found[0]() is not owner:
        try:
            ref = weakref.ref(owner, functools.partial(_forget, key))
        except TypeError:  # a class without weak references: no cache
            return compute(owner)
        found = FACTS[key] = (ref, {})
    facts = found[1]
    if name not in facts:
        facts[name] = compute(owner)
    return facts[name]


def _forget(key: int, _gone: object) -> None:
    found = FACTS.get(key)
    if found is not None and found[0]() is None:
        del FACTS[key]
