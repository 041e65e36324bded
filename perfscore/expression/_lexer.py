"""Tokens: a formula's text cut into numbers, names, operators and brackets.

Pack authors type formulas with a Chinese input method, so the text is read in its
NFKC form (``１００``, ``（``, ``，`` become ``100``, ``(``, ``,``) and the usual maths
signs (``×``, ``÷``, ``≥`` ...) are read as their ASCII operators. Every character of
that reading keeps the column it had in the text the author wrote, so an error points
at the author's own text. Anything outside the language is refused here with a message
that names it — a Python habit (``**``, ``=``, quotes) gets a hint instead of a bare
"syntax error".
"""

from __future__ import annotations

import enum
import keyword
import unicodedata
from decimal import Decimal

import attrs

from perfscore._text.formulawords import POWERS, REFUSED, WORDS
from perfscore._text.problems import problem
from perfscore.expression._limits import ExpressionError, Limits

DIGITS = frozenset("0123456789")
KEYWORDS = frozenset({"and", "or", "not", "if", "true", "false"})

_SYMBOLS = str.maketrans({"×": "*", "÷": "/", "−": "-", "≥": ">=", "≧": ">=", "≤": "<=", "≦": "<=", "≠": "!="})
_OPERATORS = ("==", "!=", ">=", "<=", "+", "-", "*", "/", "<", ">")


class TokenKind(enum.Enum):
    """What a token is; keywords are kept apart from names so they cannot be shadowed."""

    NUMBER = "number"
    NAME = "name"
    KEYWORD = "keyword"
    OPERATOR = "operator"
    OPEN = "("
    CLOSE = ")"
    COMMA = ","
    END = "end"


@attrs.frozen(kw_only=True)
class Token:
    """One token: its normalised text, its 1-based column as written, a number's value."""

    kind: TokenKind
    text: str
    column: int
    value: Decimal | None = None


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).translate(_SYMBOLS)


def _columns(source: str, text: str) -> tuple[int, ...]:
    """For each character of the normalised ``text``, its column in ``source``, then the end.

    Characters are normalised in runs that start at a base character, so that combining
    marks stay with their letter and every output character maps to the run it came from.
    """
    if text == source:  # the usual case: nothing to map
        return tuple(range(1, len(source) + 2))
    starts = [index for index, char in enumerate(source) if index == 0 or not unicodedata.combining(char)]
    runs = [
        (start + 1, _normalise(source[start:end]))
        for start, end in zip(starts, [*starts[1:], len(source)], strict=True)
    ]
    if "".join(piece for _, piece in runs) == text:
        columns = [column for column, piece in runs for _ in piece]
    else:  # base characters composed with each other (Hangul jamo): measure prefixes
        columns = []
        for column in range(1, len(source) + 1):
            columns.extend([column] * (len(_normalise(source[:column])) - len(columns)))
        columns = (columns + [len(source)] * len(text))[: len(text)]
    return (*columns, len(source) + 1)


def _continues_name(char: str) -> bool:
    return ("a" + char).isidentifier()


class _Scanner:
    """The state of one tokenising pass; it lives only during one :func:`tokenize` call."""

    def __init__(self, source: str, limits: Limits, label: str) -> None:
        self.text = _normalise(source)
        self.columns = _columns(source, self.text)
        self.limits = limits
        self.label = label
        self.tokens: list[Token] = []

    def fail(self, index: int, words: tuple[str, str]) -> ExpressionError:
        return ExpressionError.at(self.columns[index], words, label=self.label)

    def add(self, kind: TokenKind, start: int, end: int, value: Decimal | None = None) -> int:
        self.tokens.append(Token(kind=kind, text=self.text[start:end], column=self.columns[start], value=value))
        return end

    def run(self) -> tuple[Token, ...]:
        text, index = self.text, 0
        while index < len(text):
            char = text[index]
            if char.isspace():
                index += 1
            elif char in DIGITS:
                index = self.number(index)
            elif char.isidentifier():
                index = self.word(index)
            elif char == "." and text[index + 1 : index + 2] in DIGITS:
                raise self.fail(index, problem("formula.leading_point"))
            else:
                index = self.symbol(index)
        self.add(TokenKind.END, index, index)
        return tuple(self.tokens)

    def number(self, start: int) -> int:
        text, index = self.text, start
        while index < len(text) and text[index] in DIGITS:
            index += 1
        if text[index : index + 1] == "." and text[index + 1 : index + 2] in DIGITS:
            index += 1
            while index < len(text) and text[index] in DIGITS:
                index += 1
        literal = text[start:index]
        if index < len(text) and (text[index] == "." or _continues_name(text[index])):
            raise self.bad_number(start, index)
        digits = len(literal.replace(".", ""))
        if digits > self.limits.max_digits:
            raise self.fail(start, problem("formula.digits", digits=digits, limit=self.limits.max_digits))
        value = Decimal(literal)
        if text[index : index + 1] == "%":
            value, index = Decimal(f"{literal}E-2"), index + 1  # exact, whatever the context
        return self.add(TokenKind.NUMBER, start, index, value)

    def bad_number(self, start: int, index: int) -> ExpressionError:
        text, end = self.text, index
        while end < len(text) and (text[end] == "." or _continues_name(text[end])):
            end += 1
        bad, after = text[start:end], text[index]
        if "_" in bad:
            return self.fail(start, problem("formula.number_underscore", bad=bad))
        if after in "eE" and text[index + 1 : index + 2] in {*DIGITS, "+", "-"}:
            return self.fail(start, problem("formula.exponent", bad=bad))
        if text[start:index] == "0" and after in "xXoObB":
            return self.fail(start, problem("formula.base", bad=bad))
        if after == ".":
            return self.fail(start, problem("formula.not_number", bad=bad))
        return self.fail(start, problem("formula.number_name", bad=bad))

    def word(self, start: int) -> int:
        text, index = self.text, start
        while True:
            if text[index] == "_":
                raise self.fail(index, problem("formula.name_underscore"))
            index += 1
            while index < len(text) and _continues_name(text[index]):
                index += 1
            if text[index : index + 1] != ".":
                break
            if not text[index + 1 : index + 2].isidentifier():
                raise self.fail(index, problem("formula.name_dot"))
            index += 1
        word = text[start:index]
        if word in WORDS:
            raise self.fail(start, WORDS[word])
        if keyword.iskeyword(word) and word not in KEYWORDS:
            raise self.fail(start, problem("formula.python_word", word=word))
        return self.add(TokenKind.KEYWORD if word in KEYWORDS else TokenKind.NAME, start, index)

    def symbol(self, start: int) -> int:
        text, char = self.text, self.text[start]
        pair = text[start : start + 2]
        for candidate in (pair, char):
            if candidate in REFUSED:
                raise self.fail(start, REFUSED[candidate])
            if candidate in _OPERATORS:
                return self.add(TokenKind.OPERATOR, start, start + len(candidate))
        if char in "(),":
            return self.add(TokenKind(char), start, start + 1)
        shown = f"'{char}' (U+{ord(char):04X})" if char.isprintable() else f"U+{ord(char):04X}"
        raise self.fail(start, problem("formula.character", shown=shown))


def _check_characters(source: str, label: str) -> None:
    """Refuse superscripts and other special digits before NFKC quietly turns them into digits."""
    for column, char in enumerate(source, 1):
        if unicodedata.category(char) == "No":
            if "SUPERSCRIPT" in unicodedata.name(char, ""):
                raise ExpressionError.at(column, POWERS, label=label)
            raise ExpressionError.at(column, problem("formula.special_digit", char=char), label=label)


def tokenize(source: str, *, limits: Limits, label: str = "formula") -> tuple[Token, ...]:
    """Cut ``source`` into tokens, ending with an ``END`` token.

    Raises:
        ExpressionError: For a character or word outside the formula language.

    """
    _check_characters(source, label)
    return _Scanner(source, limits, label).run()
