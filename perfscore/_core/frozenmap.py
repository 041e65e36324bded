"""A read-only dict: the mappings inside figures cannot change once the figures are made.

Scorecards explain their indicators when first read, from the figures they were scored
with (see :mod:`perfscore._core.laterresults`). A caller who reuses one dict for many
departments and changes it between calls would otherwise change what an earlier
scorecard explains. A dict subclass (not :class:`types.MappingProxyType`) so that
figures still pickle (``perfscore batch --jobs``), compare equal to plain dicts and
serialise as JSON objects.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NoReturn, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class ReadOnlyDict(dict[K, V]):
    """A dict that refuses every change after it is made."""

    __slots__ = ()

    def _refuse(self, *_args: object, **_kwargs: object) -> NoReturn:
        message = "figures are immutable: build new Figures (attrs.evolve or figures_from_mapping) instead"
        raise TypeError(message)

    __setitem__ = _refuse
    __delitem__ = _refuse
    __ior__ = _refuse
    clear = _refuse
    pop = _refuse
    popitem = _refuse
    setdefault = _refuse
    update = _refuse

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as its items, rebuilt read-only."""
        return (type(self), (dict(self),))

    def __copy__(self) -> ReadOnlyDict[K, V]:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> ReadOnlyDict[K, V]:
        return self


def read_only(mapping: Mapping[Any, Any]) -> Mapping[Any, Any]:
    """``mapping`` as a :class:`ReadOnlyDict` (itself if it already is one); an attrs converter."""
    return mapping if type(mapping) is ReadOnlyDict else ReadOnlyDict(mapping)
