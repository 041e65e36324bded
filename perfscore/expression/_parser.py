"""Reading a formula: tokens to a frozen tree, and the :class:`Expression` that holds it.

The parser is a precedence-climbing (Pratt) parser: one function per kind of thing,
and a table of binding levels for the operators, lowest first — ``or``, ``and``,
``not``, comparisons, ``+ -``, ``* /``, unary signs. It counts its own nesting and stops
at :attr:`Limits.max_depth`, long before Python's recursion limit, so ten thousand
brackets are an ordinary error. It also checks what it can without the figures (true/false
where a number belongs, a call of an unknown function) so that such mistakes show up when
the pack is loaded rather than when the first department's figures arrive.
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

import attrs

from perfscore._text.problems import problem
from perfscore.expression._lexer import Token, TokenKind, tokenize
from perfscore.expression._limits import (
    DEFAULT_LIMITS,
    ExpressionError,
    Limits,
    Run,
    magnitude_problem,
)
from perfscore.expression._nodes import (
    MIXED_COMPARISON,
    Arithmetic,
    Boolean,
    Call,
    Compare,
    If,
    Link,
    Logic,
    Name,
    Node,
    Number,
    Unary,
    Value,
    ValueType,
    type_problem,
)

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

OR, AND, NOT, COMPARE, ADD, MULTIPLY, SIGN = 1, 2, 3, 4, 5, 6, 7
_INFIX = {"or": OR, "and": AND} | dict.fromkeys(("<", "<=", ">", ">=", "==", "!="), COMPARE)
_INFIX |= dict.fromkeys("+-", ADD) | dict.fromkeys("*/", MULTIPLY)
_NUMBER, _BOOLEAN = ValueType.NUMBER, ValueType.BOOLEAN
#: The functions a formula may call, with their fewest and most arguments (None: no limit).
FUNCTIONS = {"min": (1, None), "max": (1, None), "abs": (1, 1), "round": (2, 2), "clamp": (3, 3), "if": (3, 3)}
ROUND_PLACES = 10


class _Parser:
    """The state of one parse: the tokens, the position and the nesting so far."""

    def __init__(self, tokens: tuple[Token, ...], limits: Limits, label: str) -> None:
        self.tokens = tokens
        self.limits = limits
        self.label = label
        self.position = 0
        self.depth = 0

    def fail(self, column: int, words: tuple[str, str], suggestion: str | None = None) -> ExpressionError:
        return ExpressionError.at(column, words, label=self.label, suggestion=suggestion)

    def peek(self) -> Token:
        return self.tokens[self.position]

    def advance(self) -> Token:
        token = self.tokens[self.position]
        self.position = min(self.position + 1, len(self.tokens) - 1)
        return token

    def require(self, node: Node, kind: ValueType) -> Node:
        if node.value_type not in {kind, ValueType.UNKNOWN}:
            raise self.fail(node.column, type_problem(node, kind))
        return node

    def parse(self) -> Node:
        if self.peek().kind is TokenKind.END:
            raise self.fail(1, problem("formula.empty"))
        node = self.expression(0)
        token = self.peek()
        if token.kind is TokenKind.CLOSE:
            raise self.fail(token.column, problem("formula.unopened"))
        if token.kind is TokenKind.COMMA:
            raise self.fail(token.column, problem("formula.comma"))
        if token.kind is not TokenKind.END:
            raise self.fail(token.column, problem("formula.trailing", text=token.text))
        return node

    def expression(self, least: int) -> Node:
        """Parse an expression whose operators all bind at ``least`` or tighter."""
        self.depth += 1
        if self.depth > self.limits.max_depth:
            raise self.fail(self.peek().column, problem("formula.depth", limit=self.limits.max_depth))
        operands, operators, level = [self.prefix(least)], list[Token](), 0
        while (token := self.peek()).kind in {TokenKind.OPERATOR, TokenKind.KEYWORD}:
            binding = _INFIX.get(token.text, 0)
            if binding < least or binding == 0:
                break
            if binding == COMPARE == level:
                raise self.fail(token.column, problem("formula.chained"))
            if operators and binding != level:
                operands, operators = [self.combine(level, operands, operators)], []
            level = binding
            operators.append(self.advance())
            operands.append(self.expression(binding + 1))
        self.depth -= 1
        return self.combine(level, operands, operators) if operators else operands[0]

    def combine(self, level: int, operands: list[Node], operators: list[Token]) -> Node:
        """One node for a run of operators at the same ``level``."""
        if level in {OR, AND}:
            return Logic(operator=operators[0].text, operands=tuple(self.require(node, _BOOLEAN) for node in operands))
        if level == COMPARE:
            (operator,), (left, right) = operators, operands
            if operator.text in {"==", "!="}:
                if ValueType.UNKNOWN not in {left.value_type, right.value_type} and (
                    left.value_type is not right.value_type
                ):
                    raise self.fail(operator.column, MIXED_COMPARISON)
            else:
                self.require(left, _NUMBER)
                self.require(right, _NUMBER)
            return Compare(operator=operator.text, left=left, right=right, column=operator.column)
        first, *rest = (self.require(node, _NUMBER) for node in operands)
        links = (
            Link(operator=token.text, operand=node, column=token.column)
            for token, node in zip(operators, rest, strict=True)
        )
        return Arithmetic(first=first, links=tuple(links))

    def prefix(self, least: int) -> Node:  # noqa: PLR0911 - one return per kind of token
        """Parse a number, name, call or bracketed expression, or a sign or ``not`` before one."""
        token = self.advance()
        match token.kind, token.text:
            case TokenKind.NUMBER, _ if token.value is not None:
                if token.value > self.limits.max_magnitude:  # found at load time, not when scoring
                    raise self.fail(token.column, magnitude_problem(self.limits))
                return Number(value=token.value, column=token.column)
            case TokenKind.KEYWORD, "true" | "false":
                return Boolean(value=token.text == "true", column=token.column)
            case TokenKind.KEYWORD, "not":
                if least > NOT:
                    raise self.fail(token.column, problem("formula.not_brackets"))
                operand = self.require(self.expression(NOT), _BOOLEAN)
                return Unary(operator="not", operand=operand, column=token.column)
            case TokenKind.OPERATOR, "+" | "-":
                operand = self.require(self.expression(SIGN), _NUMBER)
                return Unary(operator=token.text, operand=operand, column=token.column)
            case TokenKind.OPEN, _:
                node = self.expression(0)
                self.close(token)
                return node
            case TokenKind.NAME | TokenKind.KEYWORD, name if self.peek().kind is TokenKind.OPEN:
                return self.call(name, token)
            case TokenKind.NAME, name if name not in FUNCTIONS:
                return Name(name=name, column=token.column)
        raise self.unexpected(token)

    def unexpected(self, token: Token) -> ExpressionError:
        if token.kind is TokenKind.END:
            return self.fail(token.column, problem("formula.ends"))
        if token.text in FUNCTIONS:
            return self.fail(token.column, problem("formula.bare_function", name=token.text))
        return self.fail(token.column, problem("formula.unexpected", text=token.text))

    def close(self, opening: Token) -> None:
        token = self.advance()
        if token.kind is not TokenKind.CLOSE:
            found = f"'{token.text}'" if token.text else "the end of the formula"
            raise self.fail(token.column, problem("formula.unclosed", column=opening.column, found=found))

    def call(self, name: str, token: Token) -> Node:
        if name not in FUNCTIONS:
            close = difflib.get_close_matches(name.lower(), FUNCTIONS, n=1)
            raise self.fail(token.column, problem("formula.unknown_function", name=name), close[0] if close else None)
        opening = self.advance()
        arguments: list[Node] = []
        if self.peek().kind is TokenKind.CLOSE:
            self.advance()
        else:
            arguments.append(self.expression(0))
            while self.peek().kind is TokenKind.COMMA:
                self.advance()
                arguments.append(self.expression(0))
            self.close(opening)
        fewest, most = FUNCTIONS[name]
        if len(arguments) < fewest or (most is not None and len(arguments) > most):
            wanted = f"{fewest}" if fewest == most else f"at least {fewest}"
            raise self.fail(token.column, problem("formula.arguments", name=name, wanted=wanted, count=len(arguments)))
        if name == "if":
            return self.choice(arguments, token)
        if name == "round":
            self.places(arguments[1])
        numbers = tuple(self.require(node, _NUMBER) for node in arguments)
        return Call(function=name, arguments=numbers, column=token.column)

    def choice(self, arguments: list[Node], token: Token) -> If:
        condition, then, otherwise = arguments
        kinds = {then.value_type, otherwise.value_type}
        if kinds == {_NUMBER, _BOOLEAN}:
            raise self.fail(otherwise.column, problem("formula.if_branches"))
        return If(condition=self.require(condition, _BOOLEAN), then=then, otherwise=otherwise, column=token.column)

    def places(self, node: Node) -> None:
        if not (
            isinstance(node, Number)
            and node.value == node.value.to_integral_value()
            and 0 <= node.value <= ROUND_PLACES
        ):
            raise self.fail(node.column, problem("formula.round_places", places=ROUND_PLACES))


def _children(node: Node) -> tuple[Node, ...]:  # noqa: PLR0911 - one return per node class
    match node:
        case Unary():
            return (node.operand,)
        case Arithmetic():
            return (node.first, *(link.operand for link in node.links))
        case Compare():
            return (node.left, node.right)
        case Logic():
            return node.operands
        case Call():
            return node.arguments
        case If():
            return (node.condition, node.then, node.otherwise)
    return ()


def _walk(root: Node) -> Iterator[tuple[Node, int]]:
    """Yield every node under ``root`` with its depth (``root`` is 1), without recursing."""
    stack = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        yield node, depth
        stack.extend((child, depth + 1) for child in _children(node))


@attrs.frozen(kw_only=True, repr=False)
class Expression:
    """A parsed formula: parse it once with :func:`parse_expression`, evaluate it often.

    >>> formula = parse_expression("min(actual / target, 1) * weight")
    >>> formula
    formula('min(actual / target, 1) * weight')
    >>> sorted(formula.names)
    ['actual', 'target', 'weight']
    >>> from decimal import Decimal
    >>> formula.evaluate({"actual": Decimal(45), "target": Decimal(50), "weight": Decimal(10)})
    Decimal('9.0')
    """

    source: str
    label: str = "formula"
    limits: Limits = DEFAULT_LIMITS
    names: frozenset[str] = attrs.field(eq=False)
    _root: Node = attrs.field(eq=False, alias="root")

    def evaluate(self, values: Mapping[str, Value]) -> Value:
        """Compute the formula for ``values``; any problem is an :class:`ExpressionError`."""
        return self._root.evaluate(Run(values, self.limits, self.label))

    def __repr__(self) -> str:
        """Show the formula as its author wrote it."""
        return f"formula({self.source!r})"


def parse_expression(source: str, *, limits: Limits = DEFAULT_LIMITS, label: str = "formula") -> Expression:
    """Read ``source`` into an :class:`Expression`; ``label`` names the formula in messages.

    Raises:
        ExpressionError: For anything that is not a well-formed formula within ``limits``.

    """
    if not isinstance(source, str):
        raise ExpressionError.at(1, problem("formula.not_text"), label=label)
    if len(source) > limits.max_length:
        words = problem("formula.length", length=len(source), limit=limits.max_length)
        raise ExpressionError.at(limits.max_length + 1, words, label=label)
    root = _Parser(tokenize(source, limits=limits, label=label), limits, label).parse()
    names = set()
    for node, depth in _walk(root):
        if depth > limits.max_depth:
            raise ExpressionError.at(node.column, problem("formula.depth", limit=limits.max_depth), label=label)
        if isinstance(node, Name):
            names.add(node.name)
    return Expression(source=source, label=label, limits=limits, names=frozenset(names), root=root)
