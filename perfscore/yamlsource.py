"""Reading YAML safely, with the line and column of every value.

Packs and figures come from many hands, so this reader:

* refuses a file by its size before reading it, and decodes UTF-8 (with or without a
  BOM), UTF-16 with a BOM, or the encoding declared on the first line
  (``# encoding: gbk``) — never by guessing;
* builds values from PyYAML's *event stream* with its own loop (no recursion, so
  nesting depth is a checked limit, not a crash), using a private safe loader
  subclass and touching no global loader state;
* accepts only plain data tags: ``!!python/object`` and custom tags are refused;
* reports duplicate keys, counts alias expansion (a "billion laughs" file is refused
  after a bounded amount of work), and turns every float into a :class:`Decimal`
  built from the text as written;
* remembers where every value and key was written, so later diagnostics can name
  ``file:line:column``.

The result is plain Python data (``dict``, ``list``, ``str``, ``int``, ``Decimal``,
``bool``, ``None``) that loaders read once and turn into immutable model objects.
"""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Iterator, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

import attrs
import yaml

from perfscore.diagnostics import (
    Diagnostic,
    DiagnosticSink,
    Location,
    PerfscoreError,
    diagnostic,
)

Path = tuple[str | int, ...]

_BaseLoader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _EventLoader(_BaseLoader):  # type: ignore[misc]  # PyYAML's loaders are untyped
    """A private subclass so that nothing we do can leak into PyYAML's global loaders."""


_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_YAML = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_YAML + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_ALLOWED_TAGS = _SCALAR_TAGS | {_YAML + "map", _YAML + "seq", _YAML + "merge", "!"}
_CODING = re.compile(rb"^[ \t]*#.*?coding[:=][ \t]*([-\w.]+)", re.MULTILINE)
_ALLOWED_CODECS = frozenset({"utf-8", "utf-16", "gbk", "gb2312", "gb18030", "big5", "big5hkscs", "ascii"})
_MAX_EXPONENT = 15


@attrs.frozen(kw_only=True)
class ReadLimits:
    """How much a file may ask of the reader; generous for real packs, tight for abuse."""

    max_bytes: int = 16 * 1024 * 1024
    max_depth: int = 64
    max_values: int = 1_000_000


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
    """Read and parse the YAML file at ``path``; raise ``error_type`` with every problem."""
    name = display_name or os.fspath(path)
    try:
        size = os.stat(path).st_size
        if size > limits.max_bytes:
            raise error_type([_too_large(name, size, limits)])
        with open(path, "rb") as handle:
            raw = handle.read(limits.max_bytes + 1)
    except OSError as err:
        reason = err.strerror or type(err).__name__
        raise error_type([diagnostic("FILE_UNREADABLE", location=Location(file=name), reason=reason)]) from None
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
    text = source if isinstance(source, str) else _decode(source, name, error_type)
    sink = DiagnosticSink()
    builder = _Builder(name, sink, limits)
    try:
        builder.run(_events(text))
    except _AbortReadError:
        pass
    except yaml.YAMLError as err:
        sink.add(_syntax_diagnostic(err, name, text, limits))
    except (RecursionError, MemoryError):  # pragma: no cover - guarded by the limits above
        sink.add(diagnostic("YAML_DEPTH", location=Location(file=name), limit=limits.max_depth))
    if not sink.has_errors and builder.documents == 0:
        sink.add(diagnostic("YAML_EMPTY", location=Location(file=name)))
    sink.raise_if_errors(error_type)
    return SourceDocument(name=name, data=builder.result, value_marks=builder.value_marks, key_marks=builder.key_marks)


def _too_large(name: str, size: int, limits: ReadLimits) -> Diagnostic:
    return diagnostic("FILE_TOO_LARGE", location=Location(file=name), size=size, limit=limits.max_bytes)


def _decode(raw: bytes, name: str, error_type: type[PerfscoreError]) -> str:
    if raw.startswith(codecs.BOM_UTF8):
        encoding, body = "utf-8", raw[len(codecs.BOM_UTF8) :]
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding, body = "utf-16", raw
    else:
        first_two_lines = b"\n".join(raw[:1024].split(b"\n", 2)[:2])
        declared = _CODING.search(first_two_lines)
        written = declared.group(1).decode("ascii", "replace") if declared else "utf-8"
        encoding, body = _codec_name(written), raw
        if encoding not in _ALLOWED_CODECS:
            where = Location(file=name, line=1)
            detail = f"the declared encoding '{written}' is not supported"
            raise error_type([diagnostic("FILE_ENCODING", location=where, encoding=written, detail=detail)])
    try:
        return body.decode(encoding)
    except UnicodeDecodeError as err:
        line = body[: err.start].count(b"\n") + 1
        column = err.start - (body.rfind(b"\n", 0, err.start) + 1) + 1
        detail = f"byte 0x{body[err.start]:02x} at offset {err.start}"
        where = Location(file=name, line=line, column=column)
        raise error_type(
            [diagnostic("FILE_ENCODING", location=where, encoding=encoding.upper(), detail=detail)]
        ) from None


def _codec_name(declared: str) -> str:
    try:
        return codecs.lookup(declared).name.replace("_", "-")
    except LookupError:
        return declared.lower()


def _events(text: str) -> Iterator[Any]:
    loader = _EventLoader(text)
    try:
        while loader.check_event():
            yield loader.get_event()
    finally:
        loader.dispose()


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
        self.documents = 0
        self.result: Any = None
        self.value_marks: dict[Path, tuple[int, int]] = {}
        self.key_marks: dict[Path, tuple[int, int]] = {}

    def run(self, events: Iterator[Any]) -> None:
        for event in events:
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

    # -- helpers -------------------------------------------------------------------
    def _mark(self, event: Any) -> tuple[int, int]:
        return (event.start_mark.line + 1, event.start_mark.column + 1)

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
        if self.values > self.limits.max_values:
            self.sink.add(diagnostic("YAML_ALIAS_LIMIT", location=self._loc(event), limit=self.limits.max_values))
            raise _AbortReadError

    def _check_tag(self, tag: str | None, event: Any) -> bool:
        if tag is None or tag in _ALLOWED_TAGS:
            return True
        self.sink.add(diagnostic("YAML_TAG", location=self._loc(event), tag=tag))
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
        self._count(1, event)
        value = self._scalar_value(event)
        if event.anchor is not None:
            self.anchors[event.anchor] = (value, 1)
        self._deliver(value, 1, event)

    def _alias(self, event: Any) -> None:
        found = self.anchors.get(event.anchor)
        if found is None:  # pragma: no cover - the parser reports undefined aliases itself
            self.sink.add(
                diagnostic("YAML_SYNTAX", location=self._loc(event), problem=f"unknown alias *{event.anchor}")
            )
            return
        value, size = found
        self._count(size, event)
        self._deliver(value, size, event)

    def _deliver(self, value: Any, size: int, event: Any | None) -> None:
        if not self.stack:
            self.result = value
            return
        top = self.stack[-1]
        top.size += size
        if isinstance(top.container, list):
            if event is not None:
                self.value_marks[(*top.path, len(top.container))] = self._mark(event)
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
            self.value_marks[(*top.path, key)] = self._mark(event)
        top.container[key] = value

    def _take_key(self, top: _Frame, value: Any, event: Any | None) -> None:
        if event is None or isinstance(value, (dict, list)):
            key = "<invalid key>"  # already reported when the mapping or list key started
        else:
            key = event.value if not isinstance(value, str) else value
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
        if tag == _YAML + "int":
            return self._number(event, lambda text: _CONSTRUCTOR.construct_yaml_int(yaml.ScalarNode(tag, text)))
        return self._number(event, _float_text_to_decimal)

    def _number(self, event: Any, convert: Any) -> Any:
        text = event.value
        try:
            value = Decimal(convert(text))
        except (ValueError, InvalidOperation):
            self.sink.add(diagnostic("NUMBER_NOT_FINITE", location=self._loc(event), text=text))
            return text
        if not value.is_finite():
            self.sink.add(diagnostic("NUMBER_NOT_FINITE", location=self._loc(event), text=text))
            return text
        if not value.is_zero() and abs(value.adjusted()) > _MAX_EXPONENT:
            self.sink.add(diagnostic("NUMBER_OUT_OF_RANGE", location=self._loc(event), text=text, limit="1e-15 … 1e15"))
            return text
        whole = value == value.to_integral_value() and "." not in text
        if value.is_zero():
            return 0 if whole else Decimal(0)  # a plain 0 is the integer 0 (``decimals: 0``); -0.0 is 0
        return int(value) if whole else value


def _resolve(value: str, implicit: tuple[bool, bool]) -> str:
    """The YAML 1.1 tag PyYAML's safe loader would give a plain scalar."""
    tag: str = _RESOLVER.resolve(yaml.ScalarNode, value, implicit)  # type: ignore[no-untyped-call]
    return tag


def _float_text_to_decimal(text: str) -> Decimal:
    cleaned = text.replace("_", "")
    lowered = cleaned.lower()
    if lowered.lstrip("+-") in (".inf", ".nan"):
        raise ValueError(text)
    if ":" in cleaned:  # YAML 1.1 sexagesimal floats such as 1:30.5
        sign = -1 if cleaned.startswith("-") else 1
        result = Decimal(0)
        for part in cleaned.lstrip("+-").split(":"):
            result = result * 60 + Decimal(part)
        return sign * result
    return Decimal(cleaned)
