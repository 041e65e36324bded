"""Making frozen attrs objects slot by slot on hot paths — only where that is the same object.

attrs' frozen ``__init__`` sets each slot through ``object.__setattr__`` after running the
field's validator and converter. Where a field has neither, setting its slot through the
slot's own descriptor makes the identical object at about a third of the cost, which counts
where thousands are made per second (a rule's steps, a folder's projects and figures).
:func:`slot_setters` hands out those descriptors' setters and refuses, when the module
using them is imported, a field whose validator or converter they would skip — so a check
added to such a class later cannot be bypassed silently. A caller that applies a field's
converter itself names that field in ``converted``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs


def slot_setters(cls: type, *names: str, converted: tuple[str, ...] = ()) -> tuple[Callable[[Any, Any], None], ...]:
    """The setters of ``cls``'s slots ``names``; TypeError if one would skip a validator or converter."""
    fields = attrs.fields_dict(cls)
    if hasattr(cls, "__attrs_post_init__"):
        message = f"{cls.__name__} has __attrs_post_init__: build it with its constructor"
        raise TypeError(message)
    for name in names:
        field = fields[name]
        if field.validator is not None or (field.converter is not None and name not in converted):
            message = f"{cls.__name__}.{name} has a validator or converter: set slot by slot, it would be skipped"
            raise TypeError(message)
    return tuple(vars(cls)[name].__set__ for name in names)
