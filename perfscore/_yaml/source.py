"""Reading YAML safely, with the line and column of every value.

Packs and figures come from many hands, so this reader:

* refuses a file by its size before reading it, and anything that is not a regular
  file, and decodes only UTF-8, UTF-16 with a BOM or a declared encoding
  (:mod:`perfscore._files.text`) — never by guessing;
* builds values from PyYAML's *event stream* with its own loop (no recursion, so
  nesting depth is a checked limit, not a crash), using a private safe loader
  subclass and touching no global loader state;
* accepts only plain data tags: ``!!python/object`` and custom tags are refused;
* reports duplicate keys, counts alias expansion (a "billion laughs" file is refused
  after a bounded amount of work), and reads numbers as the decimals written
  (:mod:`perfscore._yaml.numbers`: never through ``float``, never as YAML 1.1 octal);
* remembers where every value and key was written, so later diagnostics can name
  ``file:line:column``.

The result is plain Python data (``dict``, ``list``, ``str``, ``int``, ``Decimal``,
``bool``, ``None``) that loaders read once and turn into immutable model objects.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

import attrs
import yaml

from perfscore._core.diagnostics import (
    Diagnostic,
    DiagnosticSink,
    Location,
    PerfscoreError,
    diagnostic,
)
from perfscore._files.stdio import STDIN_NAME, is_stdio, read_stdin
from perfscore._files.text import decode_source, read_source_file
from perfscore._text.problems import problem
from perfscore._yaml.numbers import ScalarNumberError, scalar_number

Path = tuple[str | int, ...]

_BaseLoader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _EventLoader(_BaseLoader):  # type: ignore[misc]  # PyYAML's loaders are untyped
    """A private subclass so that nothing we do can leak into PyYAML's global loaders."""


class _PureEventLoader(yaml.SafeLoader):
    """The pure-Python parser, for a file libyaml refuses by its own nesting limit (1000 levels in 0.2.5+).

    libyaml scans ahead, so its limit can fire before :class:`ReadLimits.max_depth` is
    reached; re-reading with this parser makes the answer the same on every build:
    ``YAML_DEPTH`` at the value that passes ``max_depth``.
    """


_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_YAML = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_YAML + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_QUOTES = frozenset({"'", '"'})
_MAYBE_TYPED: frozenset[str]  # set below, once _maybe_typed is defined
_ALLOWED_TAGS = _SCALAR_TAGS | {_YAML + "map", _YAML + "seq", _YAML + "merge", "!"}


@attrs.frozen(kw_only=True)
class ReadLimits:
    """How much a file may ask of the reader; generous for real packs, tight for abuse."""

    max_bytes: int = 16 * 1024 * 1024
    max_depth: int = 64
    max_values: int = 1_000_000  # values built, once an alias is among them (without aliases max_bytes bounds them)


DEFAULT_READ_LIMITS = ReadLimits()


@attrs.frozen(kw_only=True)
class SourceDocument:
    """A parsed YAML file: its data and where each value and key was written."""

    name: str
    data: Any
    value_marks: Mapping[Path, tuple[int, int]]
    key_marks: Mapping[Path, tuple[int, int]]

    def location(self, path: Path = (), *, key: bool = False) -> Location:
        """Where the value at ``path`` (or its key) was written; falls back to the parent."""
        marks = self.key_marks if key else self.value_marks
        if not self.value_marks and not marks:  # read without marks (perfscore._yaml.lean): the file alone
            return Location(file=self.name)
        probe = tuple(path)
        while True:
            mark = marks.get(probe) or (self.value_marks.get(probe) if key else None)
            if mark is not None:
                return Location(file=self.name, line=mark[0], column=mark[1])
            if not probe:
                return Location(file=self.name)
            probe = probe[:-1]


def read_document(
    path: str | os.PathLike[str],
    *,
    error_type: type[PerfscoreError],
    limits: ReadLimits = DEFAULT_READ_LIMITS,
    display_name: str | None = None,
) -> SourceDocument:
    """Read and parse the YAML file at ``path`` (``-``: standard input); raise ``error_type`` with every problem."""
    if is_stdio(path):
        return parse_document(read_stdin(limits.max_bytes), name=STDIN_NAME, error_type=error_type, limits=limits)
    name = display_name or os.fspath(path)
    raw = read_source_file(path, name, limits.max_bytes, error_type)
    return parse_document(raw, name=name, error_type=error_type, limits=limits)


def parse_document(
    source: bytes | str,
    *,
    name: str = "<string>",
    error_type: type[PerfscoreError],
    limits: ReadLimits = DEFAULT_READ_LIMITS,
) -> SourceDocument:
    """Parse YAML text or bytes already in memory (tests, stdin, the API)."""
    size = len(source.encode("utf-8") if isinstance(source, str) else source)
    if size > limits.max_bytes:
        raise error_type([_too_large(name, size, limits)])
    text = source if isinstance(source, str) else decode_source(source, name, error_type)
    sink, builder, parser_limit = _build(text, name, limits, _EventLoader)
    if parser_limit:  # libyaml's own nesting limit fired, not ours: read again with the parser that has none
        sink, builder, _ = _build(text, name, limits, _PureEventLoader)
    if not sink.has_errors and builder.documents == 0:
        sink.add(diagnostic("YAML_EMPTY", location=Location(file=name)))
    sink.raise_if_errors(error_type)
    return SourceDocument(name=name, data=builder.result, value_marks=builder.value_marks, key_marks=builder.key_marks)


def _build(text: str, name: str, limits: ReadLimits, loader: type[Any]) -> tuple[DiagnosticSink, _Builder, bool]:
    """Read the events into values; also whether the parser stopped at its own nesting limit."""
    sink = DiagnosticSink()
    builder = _Builder(name, sink, limits)
    parser_limit = False
    try:
        builder.run(loader(text))
    except _AbortReadError:
        pass
    except yaml.YAMLError as err:
        parser_limit = "nesting depth" in str(getattr(err, "problem", None) or err)
        sink.add(_syntax_diagnostic(err, name, text, limits))
    except (RecursionError, MemoryError):  # pragma: no cover - guarded by the limits above
        sink.add(diagnostic("YAML_DEPTH", location=Location(file=name), limit=limits.max_depth))
    return sink, builder, parser_limit


def _too_large(name: str, size: int, limits: ReadLimits) -> Diagnostic:
    return diagnostic("FILE_TOO_LARGE", location=Location(file=name), size=size, limit=limits.max_bytes)


def _syntax_diagnostic(err: yaml.YAMLError, name: str, text: str, limits: ReadLimits) -> Diagnostic:
    mark = getattr(err, "problem_mark", None)
    problem = str(getattr(err, "problem", None) or str(err).splitlines()[0])
    line = column = None
    if mark is not None:
        line, column = mark.line + 1, mark.column + 1
    elif isinstance(err, yaml.reader.ReaderError):
        line = text.count("\n", 0, err.position) + 1
        column = err.position - (text.rfind("\n", 0, err.position) + 1) + 1
        problem = f"the control character U+{err.character:04X} is not allowed"
    location = Location(file=name, line=line, column=column)
    if line is not None and column is not None:
        source_line = (text.splitlines() or [""])[min(line, len(text.splitlines())) - 1]
        if "\t" in source_line[:column] and not source_line[: column - 1].strip(" \t"):
            return diagnostic("YAML_TAB", location=location)
    if "nesting depth" in problem:
        return diagnostic("YAML_DEPTH", location=location, limit=limits.max_depth)
    context = getattr(err, "context", None)
    text_problem = f"{problem} ({context})" if context else problem
    return diagnostic("YAML_SYNTAX", location=location, problem=text_problem)


class _AbortReadError(Exception):
    """Stop reading: a limit was hit and going on would only waste time."""


@attrs.define
class _Frame:
    container: dict[str, Any] | list[Any]
    path: Path
    size: int = 1
    anchor: str | None = None
    key: str | None = None
    key_mark: tuple[int, int] | None = None
    key_is_merge: bool = False
    first_lines: dict[str, int] = attrs.Factory(dict)
    merges: list[tuple[Any, tuple[int, int]]] = attrs.Factory(list)


class _Builder:
    """Turns events into values with an explicit stack; one instance per document read."""

    def __init__(self, name: str, sink: DiagnosticSink, limits: ReadLimits) -> None:
        self.name = name
        self.sink = sink
        self.limits = limits
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.values = 0
        self.aliased = 0  # values that aliases expanded to
        self.documents = 0
        self.result: Any = None
        self.value_marks: dict[Path, tuple[int, int]] = {}
        self.key_marks: dict[Path, tuple[int, int]] = {}

    def run(self, loader: Any) -> None:
        """Read every event of ``loader`` (then dispose of it); one loop, no generator, as this is the hot path."""
        try:
            self._run(loader.get_event)
        finally:
            loader.dispose()

    def _run(self, get_event: Any) -> None:
        while True:
            event = get_event()
            kind = type(event)
            if kind is yaml.ScalarEvent:
                self._scalar(event)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                self._start(event, kind is yaml.MappingStartEvent)
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                self._end()
            elif kind is yaml.AliasEvent:
                self._alias(event)
            elif kind is yaml.DocumentStartEvent:
                self.documents += 1
                if self.documents > 1:
                    self.sink.add(diagnostic("YAML_MULTIPLE_DOCUMENTS", location=self._loc(event)))
                    raise _AbortReadError
            elif event is None or kind is yaml.StreamEndEvent:
                return

    # -- helpers -------------------------------------------------------------------
    def _mark(self, event: Any) -> tuple[int, int]:
        return (event.start_mark.line + 1, event.start_mark.column + 1)

    def _value_mark(self, event: Any) -> tuple[int, int]:
        """Where a value's text starts: inside the quotes of a quoted scalar, so columns in it line up."""
        line, column = self._mark(event)
        quoted = type(event) is yaml.ScalarEvent and event.style in {"'", '"'}
        return (line, column + 1) if quoted else (line, column)

    def _loc(self, event: Any) -> Location:
        line, column = self._mark(event)
        return Location(file=self.name, line=line, column=column)

    def _child_path(self) -> Path | None:
        """The path of the value about to be read, or None when it is a mapping key."""
        if not self.stack:
            return ()
        top = self.stack[-1]
        if isinstance(top.container, list):
            return (*top.path, len(top.container))
        if top.key is None:
            return None
        return (*top.path, top.key)

    def _count(self, amount: int, event: Any) -> None:
        self.values += amount
        if self.values > self.limits.max_values and self.aliased:  # a big plain file is not a bomb
            self.sink.add(diagnostic("YAML_ALIAS_LIMIT", location=self._loc(event), limit=self.limits.max_values))
            raise _AbortReadError

    def _check_tag(self, tag: str | None, event: Any) -> bool:
        if tag is None or tag in _ALLOWED_TAGS:
            return True
        shown = "!!" + tag.removeprefix(_YAML) if tag.startswith(_YAML) else tag  # as the author wrote it
        self.sink.add(diagnostic("YAML_TAG", location=self._loc(event), tag=shown))
        return False

    # -- events --------------------------------------------------------------------
    def _start(self, event: Any, is_mapping: bool) -> None:  # noqa: FBT001 - internal helper
        self._check_tag(event.tag, event)
        path = self._child_path()
        if path is None:
            self.sink.add(diagnostic("YAML_KEY_TYPE", location=self._loc(event), type="a mapping or list"))
            path = ("<key>",)
        if len(self.stack) >= self.limits.max_depth:
            self.sink.add(diagnostic("YAML_DEPTH", location=self._loc(event), limit=self.limits.max_depth))
            raise _AbortReadError
        self._count(1, event)
        self.value_marks[path] = self._mark(event)
        container: dict[str, Any] | list[Any] = {} if is_mapping else []
        self.stack.append(_Frame(container=container, path=path, anchor=event.anchor))

    def _end(self) -> None:
        frame = self.stack.pop()
        if isinstance(frame.container, dict) and frame.merges:
            self._apply_merges(frame)
        if frame.anchor is not None:
            self.anchors[frame.anchor] = (frame.container, frame.size)
        self._deliver(frame.container, frame.size, None)

    def _scalar(self, event: Any) -> None:
        self.values += 1
        if self.aliased and self.values > self.limits.max_values:
            self._count(0, event)
        tag = event.tag
        if tag is None and (not event.implicit[0] or event.value[:1] not in _MAYBE_TYPED):
            value = event.value  # text, as the resolver would say, without asking it
        else:
            value = self._scalar_value(event)
        if event.anchor is not None:
            self.anchors[event.anchor] = (value, 1)
        if self.stack:  # the common cases of _deliver, inline: a list item, a key's value, a key
            top = self.stack[-1]
            container = top.container
            key = top.key
            if type(container) is list or (key is not None and not top.key_is_merge):
                mark = event.start_mark
                where = (mark.line + 1, mark.column + (2 if event.style in _QUOTES else 1))
                top.size += 1
                if type(container) is list:
                    self.value_marks[(*top.path, len(container))] = where
                    container.append(value)
                elif key is not None and type(container) is dict:
                    top.key = None
                    self.value_marks[(*top.path, key)] = where
                    container[key] = value
                return
            if key is None and type(value) is str:  # a key (checked and remembered as _deliver would)
                top.size += 1
                self._take_key(top, value, event)
                return
        self._deliver(value, 1, event)

    def _alias(self, event: Any) -> None:
        found = self.anchors.get(event.anchor)
        if found is None:  # libyaml's event stream does not check aliases; its composer would
            zh, en = problem("yaml.alias", name=event.anchor)
            self.sink.add(diagnostic("YAML_SYNTAX", location=self._loc(event), problem=en, problem_zh=zh))
            self._deliver(None, 1, event)  # keep the mapping's keys and values in step
            return
        value, size = found
        self.aliased += size
        self._count(size, event)
        self._deliver(value, size, event)

    def _deliver(self, value: Any, size: int, event: Any | None) -> None:
        if not self.stack:
            self.result = value
            if event is not None:
                self.value_marks[()] = self._value_mark(event)
            return
        top = self.stack[-1]
        top.size += size
        if isinstance(top.container, list):
            if event is not None:
                self.value_marks[(*top.path, len(top.container))] = self._value_mark(event)
            top.container.append(value)
            return
        if top.key is None:
            self._take_key(top, value, event)
            return
        key, top.key = top.key, None
        if top.key_is_merge and top.key_mark is not None:
            top.merges.append((value, top.key_mark))
            return
        if event is not None:
            self.value_marks[(*top.path, key)] = self._value_mark(event)
        top.container[key] = value

    def _take_key(self, top: _Frame, value: Any, event: Any | None) -> None:
        if event is None or isinstance(value, (dict, list)):
            key = "<invalid key>"  # reported when the mapping or list key started, or here for an alias to one
            if type(event) is yaml.AliasEvent:
                self.sink.add(diagnostic("YAML_KEY_TYPE", location=self._loc(event), type="a mapping or list"))
        elif isinstance(value, str):
            key = value
        else:  # a number or true/false as written, or what an alias to one stands for
            key = event.value if type(event) is yaml.ScalarEvent else ("" if value is None else str(value))
        mark = self._mark(event) if event is not None else (0, 0)
        top.key_is_merge = bool(
            event is not None and key == "<<" and event.tag in (None, _YAML + "merge") and event.implicit[0]
        )
        if key in top.first_lines and not top.key_is_merge:
            self.sink.add(
                diagnostic(
                    "YAML_DUPLICATE_KEY",
                    location=Location(file=self.name, line=mark[0], column=mark[1]),
                    key=key,
                    first_line=top.first_lines[key],
                )
            )
        top.first_lines.setdefault(key, mark[0])
        top.key = key
        top.key_mark = mark
        self.key_marks[(*top.path, key)] = mark

    def _apply_merges(self, frame: _Frame) -> None:
        assert isinstance(frame.container, dict)  # noqa: S101 - internal invariant
        merged: dict[str, Any] = {}
        for value, mark in frame.merges:
            sources = value if isinstance(value, list) else [value]
            for source in sources:
                if not isinstance(source, dict):
                    where = Location(file=self.name, line=mark[0], column=mark[1])
                    self.sink.add(diagnostic("YAML_SYNTAX", location=where, problem="'<<' must merge a mapping"))
                    continue
                for key, item in source.items():
                    merged.setdefault(key, item)
                    self.value_marks.setdefault((*frame.path, key), mark)
        for key, item in merged.items():
            frame.container.setdefault(key, item)

    def _scalar_value(self, event: Any) -> Any:
        tag = event.tag
        if not self._check_tag(tag, event):
            return event.value
        if tag in (None, "!"):
            tag = _resolve(event.value, event.implicit) if tag is None else _YAML + "str"
        if tag == _YAML + "str" or tag == _YAML + "timestamp" or tag == _YAML + "merge":
            return event.value
        if tag == _YAML + "null":
            return None
        if tag == _YAML + "bool":
            return _CONSTRUCTOR.construct_yaml_bool(yaml.ScalarNode(tag, event.value))
        return self._number(event, integer=tag == _YAML + "int")

    def _number(self, event: Any, *, integer: bool) -> Any:
        try:
            return scalar_number(event.value, integer=integer)
        except ScalarNumberError as err:
            params = {"text": err.text} if err.limit is None else {"text": err.text, "limit": err.limit}
            self.sink.add(diagnostic(err.code, location=self._loc(event), **params))
            return event.value


_RESOLVED: dict[str, str] = {}  # plain scalar -> its tag; keys and words repeat across a folder of files
_RESOLVED_MAX = 4096


def _resolve(value: str, implicit: tuple[bool, bool]) -> str:
    """The YAML 1.1 tag PyYAML's safe loader would give a plain scalar (remembered for short texts)."""
    if not implicit[0]:
        return _YAML + "str"
    tag = _RESOLVED.get(value)
    if tag is None:
        tag = _RESOLVER.resolve(yaml.ScalarNode, value, implicit)  # type: ignore[no-untyped-call]
        if len(value) <= 64:  # noqa: PLR2004 - only short texts repeat
            if len(_RESOLVED) >= _RESOLVED_MAX:
                _RESOLVED.clear()
            _RESOLVED[value] = tag
    return tag


def _maybe_typed() -> frozenset[str]:
    """First characters with which a plain scalar may resolve to something other than text.

    PyYAML's resolver looks only at the resolvers listed under a scalar's first character
    (and at those for any character, which the safe resolver has none of), so a plain
    scalar starting with any other character — every Chinese text — is text.
    """
    table = yaml.resolver.Resolver.yaml_implicit_resolvers
    if None in table:  # pragma: no cover - a resolver for every first character: ask it every time
        return frozenset(chr(code) for code in range(0x110000))
    return frozenset(key for key in table if key)


_MAYBE_TYPED = _maybe_typed() | {""}
