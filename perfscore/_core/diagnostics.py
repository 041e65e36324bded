"""Diagnostics: what is wrong, where it is, and what was expected instead.

Every problem a user can cause (a pack author, a department filling in figures, a
caller of the API) becomes a :class:`Diagnostic`. Rules and parsers only say *what*
failed; the loaders add *where* (file, line, column and the indicator's path), in the
spirit of jsonschema's keyword functions. Loaders collect every diagnostic before
raising one :class:`PerfscoreError` that carries them all, so an author fixes a whole
file in one pass instead of one error per run.

Messages come from the catalogue (:mod:`perfscore._text.catalogue`) in English and Chinese
with the same code, so a message can be shown in either language after the fact.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

# _LAZY_CATALOGUE: the catalogue (hundreds of bilingual messages) loads with the first diagnostic,
# not with the library, so scoring good input never pays for it. This is laziness, not a hidden
# cycle: the catalogue imports only perfscore._core.severity (tests/test_layers.py counts these edges).
from perfscore._core.severity import Lang as Lang  # noqa: PLC0414 - re-exported: callers import it from here
from perfscore._core.severity import Severity as Severity  # noqa: PLC0414 - re-exported (perfscore.Severity)


@attrs.frozen(kw_only=True)
class Location:
    """A place in a source file; line and column are 1-based, as editors show them."""

    file: str | None = None
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        """Render as ``file:line:column``, leaving out the parts that are unknown."""
        parts = [self.file or "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    @property
    def known(self) -> bool:
        """Whether anything at all is known about the place."""
        return self.file is not None or self.line is not None


NOWHERE = Location()
_SHOWN = 40


def shorten(text: str) -> str:
    """User text as messages quote it: at most 40 characters, elided in the middle.

    A hostile file can put a megabyte into one value; the message still fits a line.

    >>> shorten("9" * 5000)
    '999999999999999999999999…999999999999 (5000 characters)'
    """
    if len(text) <= _SHOWN:
        return text
    return f"{text[:24]}…{text[-12:]} ({len(text)} characters)"


def _freeze_params(params: Mapping[str, object]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((key, str(value)) for key, value in params.items()))


@attrs.frozen(kw_only=True)
class Diagnostic:
    """One problem: a stable code, a location, the indicator path, expected vs got.

    Build diagnostics with :func:`diagnostic`, which checks the code against the
    catalogue and fills the severity; the constructor is for deserialisation.
    """

    code: str
    severity: Severity
    params: tuple[tuple[str, str], ...] = ()
    location: Location = NOWHERE
    path: tuple[str, ...] = ()
    expected: str | None = None
    got: str | None = None
    suggestion: str | None = None

    def message(self, lang: Lang = "en") -> str:
        """The catalogue message for this code in ``lang``, with its parameters filled in."""
        from perfscore._text.catalogue import render_message  # noqa: PLC0415 - see _LAZY_CATALOGUE

        return render_message(self.code, dict(self.params), lang)

    def hint(self, lang: Lang = "en") -> str | None:
        """How to fix it, including any "did you mean" suggestion."""
        from perfscore._text.catalogue import render_hint  # noqa: PLC0415 - see _LAZY_CATALOGUE

        return render_hint(self.code, dict(self.params), self.suggestion, lang)

    def format(self, lang: Lang = "en") -> str:
        """One line per diagnostic: ``file:line:col: CODE message (path; expected; got)``."""
        words = _WORDS[lang]
        where = f"{self.location}: " if self.location.known else ""
        text = f"{where}{self.code} {self.message(lang)}"
        details = []
        if self.path:
            details.append(f"{words['at']} {' › '.join(self.path)}")
        if self.expected is not None:
            details.append(f"{words['expected']} {self.expected}")
        if self.got is not None:
            details.append(f"{words['got']} {self.got}")
        if details:
            text += f" ({'; '.join(details)})"
        hint = self.hint(lang)
        if hint:
            text += f"\n    {words['hint']}: {hint}"
        return text

    def to_dict(self, lang: Lang = "en") -> dict[str, object]:
        """A JSON-ready mapping; ``message`` is rendered in ``lang``."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message(lang),
            "file": self.location.file,
            "line": self.location.line,
            "column": self.location.column,
            "path": list(self.path),
            "expected": self.expected,
            "got": self.got,
            "hint": self.hint(lang),
        }


_WORDS: Mapping[str, Mapping[str, str]] = {
    "en": {"at": "at", "expected": "expected", "got": "got", "hint": "hint"},
    "zh": {"at": "位置", "expected": "应为", "got": "实际", "hint": "提示"},
}


def diagnostic(
    code: str,
    *,
    location: Location = NOWHERE,
    path: Iterable[str] = (),
    expected: object | None = None,
    got: object | None = None,
    suggestion: str | None = None,
    **params: object,
) -> Diagnostic:
    """Build a diagnostic for a catalogue ``code``; unknown codes are a programming error."""
    from perfscore._text.catalogue import severity_of  # noqa: PLC0415 - see _LAZY_CATALOGUE

    return Diagnostic(
        code=code,
        severity=severity_of(code),
        params=_freeze_params(params),
        location=location,
        path=tuple(path),
        expected=None if expected is None else str(expected),
        got=None if got is None else str(got),
        suggestion=suggestion,
    )


class PerfscoreError(Exception):
    """Base of every exception perfscore raises because of its input.

    It carries all the diagnostics found, so callers can show every problem at once
    (``err.diagnostics``) or just the message (``str(err)``).
    """

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        """Keep the diagnostics; there is always at least one."""
        self.diagnostics: tuple[Diagnostic, ...] = tuple(diagnostics)
        if not self.diagnostics:
            msg = "a PerfscoreError needs at least one diagnostic"
            raise ValueError(msg)
        super().__init__(self.format("en"))

    def format(self, lang: Lang = "en") -> str:
        """All diagnostics, one per line, in ``lang``."""
        return "\n".join(d.format(lang) for d in self.diagnostics)

    @property
    def codes(self) -> tuple[str, ...]:
        """The diagnostic codes, in the order found (handy in tests and scripts)."""
        return tuple(d.code for d in self.diagnostics)


class PackError(PerfscoreError):
    """A rule pack could not be loaded: bad YAML, unknown keys, weights that do not add up."""


class FiguresError(PerfscoreError):
    """A figures file (a department's inputs) is malformed or does not fit the pack."""


class UsageError(PerfscoreError):
    """The library or the CLI was called wrongly (a missing file, an unknown indicator)."""


class ParseError(PerfscoreError):
    """A single value (a number, a target, a formula) could not be read.

    Value parsers do not know which file or indicator the text came from; they raise
    this with an unlocated diagnostic, and the loader that called them re-raises or
    records it with :meth:`located`.
    """

    def located(self, location: Location, path: Iterable[str] = ()) -> tuple[Diagnostic, ...]:
        """The diagnostics, placed at ``location`` (columns inside the value are added)."""
        placed = []
        for item in self.diagnostics:
            column = location.column
            if column is not None and item.location.column is not None:
                column += item.location.column - 1
            where = Location(file=location.file, line=location.line, column=column)
            placed.append(attrs.evolve(item, location=where, path=tuple(path)))
        return tuple(placed)


class DiagnosticSink:
    """Collects diagnostics while a loader walks a file, then raises them all at once.

    Loaders keep going after a problem so that one run reports every problem; the
    sink is the one mutable object they share, and it lives only during one load.
    """

    def __init__(self) -> None:
        """Start empty."""
        self._items: list[Diagnostic] = []

    def add(self, item: Diagnostic) -> None:
        """Record one diagnostic."""
        self._items.append(item)

    def extend(self, items: Iterable[Diagnostic]) -> None:
        """Record several diagnostics."""
        self._items.extend(items)

    @property
    def items(self) -> tuple[Diagnostic, ...]:
        """Everything recorded so far, in order."""
        return tuple(self._items)

    @property
    def has_errors(self) -> bool:
        """Whether any recorded diagnostic is an error."""
        return any(d.severity is Severity.ERROR for d in self._items)

    def errors(self) -> tuple[Diagnostic, ...]:
        """Only the errors."""
        return tuple(d for d in self._items if d.severity is Severity.ERROR)

    def warnings(self) -> tuple[Diagnostic, ...]:
        """Only the warnings and notes."""
        return tuple(d for d in self._items if d.severity is not Severity.ERROR)

    def raise_if_errors(self, error_type: type[PerfscoreError]) -> None:
        """Raise ``error_type`` carrying every diagnostic if any of them is an error."""
        if self.has_errors:
            raise error_type(self._items)
