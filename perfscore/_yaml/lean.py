"""Reading YAML fast when nothing will need a location: libyaml's events straight into values.

A batch folder's figures files are read once each, mostly only to be scored: for a
department that is scored no diagnostic will name a line of its file. :func:`lean_document`
builds the same values as :func:`perfscore._yaml.source.parse_document` from libyaml's
events, without remembering where each value was written (about half the reading
time). It gives up — returns None — at anything beyond plain data, where the located
reader has something to check or to say: an anchor, an alias, a tag, a merge key, a key
that is not a scalar, a duplicate key, a second (or no) document, nesting past the
limit, a number out of range, a syntax error. The caller then reads the file the
located way, which reports it with its line and column. The document returned has no
marks, so any location in it names the file alone; a caller that meets a problem reads
the file again with :func:`~perfscore._yaml.source.read_document` to locate it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import yaml

from perfscore._yaml.numbers import SIMPLE_DECIMAL, ScalarNumberError, scalar_number
from perfscore._yaml.source import (
    _MAYBE_TYPED,
    _YAML,
    DEFAULT_READ_LIMITS,
    ReadLimits,
    SourceDocument,
    _EventLoader,
    _resolve,
)

_STR, _NULL, _BOOL, _INT = _YAML + "str", _YAML + "null", _YAML + "bool", _YAML + "int"
_TEXT_TAGS = frozenset({_STR, _YAML + "timestamp"})
_BOOLS = yaml.constructor.SafeConstructor.bool_values
_NOT_PLAIN = object()  # a scalar the located reader must see (its number is refused, or a merge key)
_Scalar = yaml.ScalarEvent
_MapStart, _SeqStart = yaml.MappingStartEvent, yaml.SequenceStartEvent
_MapEnd, _SeqEnd = yaml.MappingEndEvent, yaml.SequenceEndEvent
_DocStart, _StreamEnd = yaml.DocumentStartEvent, yaml.StreamEndEvent


class _GiveUp(Exception):  # noqa: N818 - a signal, not an error: the located reader takes over
    """Something only the located reader handles (or reports)."""


def lean_document(text: str | bytes, *, name: str, limits: ReadLimits = DEFAULT_READ_LIMITS) -> SourceDocument | None:
    """The document of ``text`` without marks, or None when it must be read the located way.

    ``text`` may be a file's bytes when they are UTF-8 as written
    (:func:`perfscore._files.text.written_in_utf8`): libyaml decodes them.
    """
    loader = _EventLoader(text)
    try:
        data = _build(loader.get_event, limits.max_depth)
    except (_GiveUp, yaml.YAMLError, RecursionError, MemoryError):
        return None
    finally:
        loader.dispose()
    return SourceDocument(name=name, data=data, value_marks={}, key_marks={})


def _scalar(event: Any) -> Any:  # noqa: ANN401 - the value of a YAML scalar
    """The value the located reader gives a scalar (see ``_Builder._scalar``), or give up."""
    if event.anchor is not None or event.tag is not None:
        raise _GiveUp
    value = event.value
    if not event.implicit[0] or value[:1] not in _MAYBE_TYPED:
        return value
    tag = _resolve(value, event.implicit)
    if tag in _TEXT_TAGS:
        return value
    if tag == _NULL:
        return None
    if tag == _BOOL:
        return _BOOLS[value.lower()]
    if tag == _YAML + "merge":
        return _NOT_PLAIN
    try:
        return scalar_number(value, integer=tag == _INT)
    except ScalarNumberError:
        raise _GiveUp from None


_READ: dict[str, Any] = {}  # plain scalar -> its value: keys, words and numbers repeat across a folder of files
_READ_MAX = 4096
_UNREAD = object()


def _remember(text: str, value: object) -> None:
    """Keep a short plain scalar's value (str, None, bool, int, Decimal: all immutable)."""
    if len(text) <= 64:  # noqa: PLR2004 - only short texts repeat
        if len(_READ) >= _READ_MAX:
            _READ.clear()
        _READ[text] = value


def _build(get_event: Any, max_depth: int) -> Any:  # noqa: ANN401, C901, PLR0912, PLR0915 - one loop, one branch per event kind
    """Values from events with an explicit stack (no recursion); gives up on anything but plain data."""
    stack: list[Any] = []  # the containers being filled, innermost last
    keys: list[Any] = []  # per container: the key waiting for its value (None: a key comes next)
    container: Any = None
    key: Any = None
    result: Any = _NOT_PLAIN
    documents = 0
    typed = _MAYBE_TYPED
    read = _READ
    in_list = False  # whether ``container`` is a list
    simple = SIMPLE_DECIMAL.fullmatch
    while True:
        event = get_event()
        kind = type(event)
        if kind is _Scalar:
            value = event.value
            if event.tag is not None or event.anchor is not None:
                raise _GiveUp  # tags, anchors: the located reader checks them
            if event.implicit[0] and value[:1] in typed:  # a plain scalar that may be a number or a word
                text = value
                value = read.get(text, _UNREAD)
                if value is _UNREAD:
                    if not text.isascii():
                        value = text  # every implicit resolver matches ASCII alone: "2021年…" is text
                    elif simple(text):
                        value = Decimal(text)  # 97.87: what _scalar gives, without the resolver's regexes
                    else:
                        value = _scalar(event)  # the long way (or give up)
                        _remember(text, value)
                if value is _NOT_PLAIN:
                    raise _GiveUp
            if in_list:
                container.append(value)
            elif key is not None:
                container[key] = value
                key = None
            elif container is None:
                result = value
            else:  # a key: text as written, like the located reader's _take_key
                key = value if type(value) is str else event.value
                if key == "<<" or key in container:
                    raise _GiveUp
            continue
        if kind is _MapStart or kind is _SeqStart:
            if event.anchor is not None or (event.tag is not None and event.tag not in {_YAML + "map", _YAML + "seq"}):
                raise _GiveUp
            if len(stack) >= max_depth or (type(container) is dict and key is None):
                raise _GiveUp  # too deep, or a mapping or list as a key
            made: Any = {} if kind is _MapStart else []
            if in_list:
                container.append(made)
            elif container is not None:
                container[key] = made
            stack.append(container)
            keys.append(key)
            container, key, in_list = made, None, kind is _SeqStart
            continue
        if kind is _MapEnd or kind is _SeqEnd:
            done = container
            container, key = stack.pop(), keys.pop()
            in_list = type(container) is list
            if container is None:
                result = done
            else:
                key = None  # the finished container was the value of `key`
            continue
        if kind is _DocStart:
            documents += 1
            if documents > 1:
                raise _GiveUp
            continue
        if event is None or kind is _StreamEnd:
            break
        if kind is yaml.AliasEvent:
            raise _GiveUp
    if documents != 1 or result is _NOT_PLAIN:
        raise _GiveUp
    return result
