"""A located view into parsed YAML: typed reads that report problems where they are.

Loaders walk a :class:`~perfscore._yaml.source.SourceDocument` through :class:`Located`
views. Each read checks the type and records a diagnostic at the exact line and
column when something is wrong — unknown keys get a "did you mean" — and returns
None so the loader can keep going and report every problem in one run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

from perfscore._core.diagnostics import DiagnosticSink, Location, ParseError, diagnostic, shorten
from perfscore._core.numerals import MALFORMED, parse_decimal
from perfscore._text.suggest import suggest as suggest  # noqa: PLC0414 - re-exported for the pack readers
from perfscore._text.typenames import TYPE_NAMES
from perfscore._yaml.source import Path, SourceDocument

_ID = re.compile(r"^[^\W_][\w.\-]*$")
_FIND = object()  # Located's value: look it up along the path


def type_name(value: object) -> str:
    """How a value's type is named in messages (YAML words, not Python ones)."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | Decimal):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return "nothing" if value is None else type(value).__name__


class Located:
    """The value at ``path`` in ``doc``, with a sink for problems and a name for messages."""

    def __init__(
        self,
        doc: SourceDocument,
        path: Path,
        sink: DiagnosticSink,
        *,
        where: str,
        ids: tuple[str, ...] = (),
        value: Any = _FIND,  # the value at ``path`` when the caller has it (else looked up)
    ) -> None:
        """Point at ``path``; ``where`` names the place in messages, ``ids`` is the indicator path."""
        self.doc = doc
        self.path = path
        self.sink = sink
        self.where = where
        self.ids = ids
        if value is _FIND:
            value = doc.data
            for step in path:
                value = value[step]
        self.value: Any = value

    # -- places ------------------------------------------------------------------
    def location(self, key: str | int | None = None, *, of_key: bool = False) -> Location:
        """Where this value (or its ``key``) was written."""
        path = self.path if key is None else (*self.path, key)
        return self.doc.location(path, key=of_key)

    def child(self, key: str | int, *, where: str | None = None, ids: tuple[str, ...] | None = None) -> Located:
        """The located value under ``key`` (which must exist)."""
        return Located(
            self.doc,
            (*self.path, key),
            self.sink,
            where=where or self.where,
            ids=self.ids if ids is None else ids,
            value=self.value[key],
        )

    def has(self, key: str) -> bool:
        """Whether this mapping has ``key``."""
        return isinstance(self.value, dict) and key in self.value

    def keys(self) -> Iterator[str]:
        """The keys of this mapping, in file order."""
        if isinstance(self.value, dict):
            yield from self.value

    def __iter__(self) -> Iterator[str]:
        """Iterating a located mapping gives its keys, like a dict."""
        return self.keys()

    # -- reporting -----------------------------------------------------------------
    def report(self, code: str, key: str | int | None = None, *, of_key: bool = False, **params: Any) -> None:
        """Record a diagnostic at this value (or its ``key``, which messages may also name)."""
        if isinstance(key, str):
            params.setdefault("key", key)
        self.sink.add(diagnostic(code, location=self.location(key, of_key=of_key), path=self.ids, **params))

    def report_parse_error(self, err: ParseError, key: str | int | None = None) -> None:
        """Record a value parser's diagnostics at this value (or its ``key``)."""
        self.sink.extend(err.located(self.location(key), self.ids))

    def wrong_type(self, key: str | int | None, expected: str) -> None:
        """Record that the value at ``key`` has the wrong type."""
        value = self.value if key is None else self.value[key]
        zh, en = TYPE_NAMES[expected]
        label = str(key) if key is not None else (str(self.path[-1]) if self.path else "document")
        self.sink.add(
            diagnostic(
                "TYPE_MISMATCH",
                location=self.location(key),
                path=self.ids,
                key=label,
                kind=en,
                kind_zh=zh,
                expected=en,
                got=f"{type_name(value)} {_short(value)}".rstrip(),
            )
        )

    # -- structure -------------------------------------------------------------------
    def is_mapping(self) -> bool:
        """Check that this value is a mapping, reporting it if not."""
        if isinstance(self.value, dict):
            return True
        self.wrong_type(None, "mapping")
        return False

    def check_keys(self, allowed: Iterable[str], required: Iterable[str] = ()) -> None:
        """Report unknown keys (with a suggestion) and missing required keys."""
        allowed_set = allowed if isinstance(allowed, frozenset | set) else set(allowed)
        value = self.value
        if isinstance(value, dict) and value.keys() <= allowed_set:  # the usual case: nothing unknown
            for key in required:
                if key not in value:
                    self.report("KEY_MISSING", key=key, where=self.where)
            return
        for key in self.keys():
            if key not in allowed_set:
                self.sink.add(
                    diagnostic(
                        "KEY_UNKNOWN",
                        location=self.location(key, of_key=True),
                        path=self.ids,
                        key=key,
                        where=self.where,
                        allowed=", ".join(sorted(allowed_set)),
                        suggestion=suggest(key, allowed_set),
                    )
                )
        for key in required:
            if not self.has(key):
                self.report("KEY_MISSING", key=key, where=self.where)

    # -- typed reads -------------------------------------------------------------------
    def text(self, key: str, *, required: bool = False) -> str | None:
        """A text value; numbers are accepted as their written form (ids like 2021)."""
        mapping = self.value
        if not isinstance(mapping, dict) or key not in mapping:
            if required:
                self.report("KEY_MISSING", key=key, where=self.where)
            return None
        value = mapping[key]
        if type(value) is str or isinstance(value, str):
            return value
        if isinstance(value, int | Decimal) and not isinstance(value, bool):
            return str(value)
        self.wrong_type(key, "text")
        return None

    def number(self, key: str, *, required: bool = False) -> Decimal | None:
        """A number (integers and decimals as written; never a float).

        Text is read as tables write numbers (``６０``, ``1,234.5``, ``074`` is 74), so a
        number typed in a word processor means what it shows; text that is no number
        at all (``sixty``) is a type mismatch, and one that almost is (``60%``, ``1e3``)
        says why it cannot be read.
        """
        if not self.has(key):
            if required:
                self.report("KEY_MISSING", key=key, where=self.where)
            return None
        value = self.value[key]
        if isinstance(value, str):
            return self._number_text(key, value)
        if isinstance(value, bool) or not isinstance(value, int | Decimal):
            self.wrong_type(key, "number")
            return None
        return Decimal(value)

    def _number_text(self, key: str, text: str) -> Decimal | None:
        try:
            return parse_decimal(text)
        except ParseError as err:
            params = dict(err.diagnostics[0].params)
        if params.get("problem") == MALFORMED.en and not any(char.isdigit() for char in text):
            self.wrong_type(key, "number")
        else:
            problem, problem_zh = params.get("problem", ""), params.get("problem_zh", "")
            self.report("NUMBER_UNREADABLE", key=key, text=shorten(text), problem=problem, problem_zh=problem_zh)
        return None

    def integer(self, key: str) -> int | None:
        """A whole number."""
        value = self.value.get(key) if isinstance(self.value, dict) else None
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.wrong_type(key, "integer")
            return None
        return value

    def boolean(self, key: str) -> bool | None:
        """True or false."""
        value = self.value.get(key) if isinstance(self.value, dict) else None
        if value is None:
            return None
        if not isinstance(value, bool):
            self.wrong_type(key, "boolean")
            return None
        return value

    def mapping(self, key: str, *, where: str | None = None) -> Located | None:
        """The mapping under ``key``, or None (reported if present but not a mapping)."""
        if not self.has(key) or self.value[key] is None:
            return None
        if not isinstance(self.value[key], dict):
            self.wrong_type(key, "mapping")
            return None
        return self.child(key, where=where)

    def items(self, key: str) -> list[Located]:
        """The entries of the list under ``key`` (empty if absent; reported if not a list)."""
        if not self.has(key) or self.value[key] is None:
            return []
        if not isinstance(self.value[key], list):
            self.wrong_type(key, "list")
            return []
        node = self.child(key)
        return [node.child(index) for index in range(len(self.value[key]))]

    def text_list(self, key: str) -> tuple[str, ...]:
        """A text or a list of texts, as a tuple."""
        if not self.has(key) or self.value[key] is None:
            return ()
        value = self.value[key]
        if isinstance(value, str):
            return (value,)
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            return tuple(value)
        self.wrong_type(key, "list")
        return ()

    def identifier(self, key: str = "id") -> str | None:
        """An id: required, text, and shaped like an id."""
        value = self.text(key, required=True)
        if value is not None and not _ID.match(value):
            self.report("ID_INVALID", key=key, id=value)
            return None
        return value


def _short(value: object) -> str:
    text = repr(value) if not isinstance(value, dict | list) else ""
    if isinstance(value, Decimal):
        text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."  # noqa: PLR2004 - message length
