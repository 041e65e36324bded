"""The formula tree: frozen nodes that evaluate themselves against one set of figures.

The parser builds the tree once; ``evaluate`` walks it for every department's figures.
Nodes never change, so a parsed formula can be shared, hashed and evaluated from many
threads; what one evaluation must count lives in a :class:`~._limits.Run` made per call.

Every operation is written here for Decimals and true/false values only, never handed
to Python's operators on whatever the figures hold: numbers are computed in perfscore's
private context, true/false never turns quietly into 1/0, and each failure — a division by
zero, a missing figure, a result out of bounds — becomes an :class:`ExpressionError`
at the column of the node that failed.
"""

from __future__ import annotations

import difflib
import enum
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, ClassVar, TypeAlias

import attrs

from perfscore._core.decimals import CONTEXT, clamp
from perfscore._text.problems import problem

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from perfscore.expression._limits import Run

Value: TypeAlias = Decimal | bool
Node: TypeAlias = "Number | Boolean | Name | Unary | Arithmetic | Compare | Logic | If | Call"


_OPERATIONS: Mapping[str, Callable[[Decimal, Decimal], Decimal]] = {
    "+": CONTEXT.add,
    "-": CONTEXT.subtract,
    "*": CONTEXT.multiply,
    "/": CONTEXT.divide,
}


class ValueType(enum.Enum):
    """What a node yields, as far as the parser can tell without the figures."""

    NUMBER = "number"
    BOOLEAN = "true/false"
    UNKNOWN = "unknown"


def type_problem(node: Node, expected: ValueType) -> tuple[str, str]:
    """Say, (Chinese, English), that ``node`` does not yield ``expected``, naming it if it is a figure."""
    numeric = expected is ValueType.NUMBER
    if isinstance(node, Name):
        return problem("formula.name_need_number" if numeric else "formula.name_need_truth", name=node.name)
    return problem("formula.need_number" if numeric else "formula.need_truth")


MIXED_COMPARISON = problem("formula.mixed_comparison")
TOO_LARGE = problem("formula.too_large")


def number(run: Run, node: Node) -> Decimal:
    """Evaluate ``node``, which must yield a number."""
    value = node.evaluate(run)
    if isinstance(value, bool):
        raise run.fail(node.column, type_problem(node, ValueType.NUMBER))
    return value


def boolean(run: Run, node: Node) -> bool:
    """Evaluate ``node``, which must yield true or false."""
    value = node.evaluate(run)
    if not isinstance(value, bool):
        raise run.fail(node.column, type_problem(node, ValueType.BOOLEAN))
    return value


@attrs.frozen(kw_only=True)
class Number:
    """A number literal; ``95%`` is already 0.95."""

    value: Decimal
    column: int
    value_type: ClassVar[ValueType] = ValueType.NUMBER

    def evaluate(self, run: Run) -> Value:
        """Return the number itself (it counts as a step like any node)."""
        run.step(self.column)
        return run.bounded(self.value, self.column)


@attrs.frozen(kw_only=True)
class Boolean:
    """``true`` or ``false``."""

    value: bool
    column: int
    value_type: ClassVar[ValueType] = ValueType.BOOLEAN

    def evaluate(self, run: Run) -> Value:
        """Return the value itself."""
        run.step(self.column)
        return self.value


@attrs.frozen(kw_only=True)
class Name:
    """A figure read from the values, such as ``执行数`` or ``budget.adjusted``."""

    name: str
    column: int
    value_type: ClassVar[ValueType] = ValueType.UNKNOWN

    def evaluate(self, run: Run) -> Value:
        """Look the figure up; a missing or unusable one is an error naming the figure."""
        run.step(self.column)
        if self.name not in run.values:
            known = [key for key in run.values if isinstance(key, str)]
            close = difflib.get_close_matches(self.name, known, n=1)
            raise run.fail(self.column, problem("formula.no_value", name=self.name), close[0] if close else None)
        value: object = run.values[self.name]
        if isinstance(value, bool):
            return value
        if not isinstance(value, Decimal):
            kind = type(value).__name__
            raise run.fail(self.column, problem("formula.value_type", name=self.name, kind=kind))
        if not value.is_finite():
            raise run.fail(self.column, problem("formula.value_not_finite", name=self.name, value=value))
        return run.bounded(value, self.column)


@attrs.frozen(kw_only=True)
class Unary:
    """A sign in front of a number (``-x``, ``+x``), or ``not`` in front of a condition."""

    operator: str
    operand: Node
    column: int

    @property
    def value_type(self) -> ValueType:
        """True/false for ``not``, a number for a sign."""
        return ValueType.BOOLEAN if self.operator == "not" else ValueType.NUMBER

    def evaluate(self, run: Run) -> Value:
        """Return the operand, negated (``-``) or inverted (``not``)."""
        run.step(self.column)
        if self.operator == "not":
            return not boolean(run, self.operand)
        value = number(run, self.operand)
        return CONTEXT.minus(value) if self.operator == "-" else value


@attrs.frozen(kw_only=True)
class Link:
    """One ``operator operand`` step of an :class:`Arithmetic` run, with the operator's column."""

    operator: str
    operand: Node
    column: int


@attrs.frozen(kw_only=True)
class Arithmetic:
    """A run of ``+``/``-`` (or of ``*``/``/``) at one precedence level, worked left to right.

    Keeping a run flat keeps the tree shallow: ``1 + 1 + ... + 1`` is two levels deep,
    not a thousand, so long sums never strain the depth limit or Python's stack.
    """

    first: Node
    links: tuple[Link, ...]
    value_type: ClassVar[ValueType] = ValueType.NUMBER

    @property
    def column(self) -> int:
        """Where the run starts."""
        return self.first.column

    def evaluate(self, run: Run) -> Value:
        """Combine the operands left to right, checking each result against the bounds."""
        run.step(self.column)
        result = number(run, self.first)
        for link in self.links:
            operand = number(run, link.operand)
            if link.operator == "/" and operand.is_zero():
                raise run.fail(link.column, problem("formula.division_by_zero"))
            try:
                result = _OPERATIONS[link.operator](result, operand)
            except ArithmeticError as error:
                raise run.fail(link.column, TOO_LARGE) from error
            result = run.bounded(result, link.column)
        return result


@attrs.frozen(kw_only=True)
class Compare:
    """One comparison; ``==`` and ``!=`` also compare true/false values with each other."""

    operator: str
    left: Node
    right: Node
    column: int
    value_type: ClassVar[ValueType] = ValueType.BOOLEAN

    def evaluate(self, run: Run) -> Value:
        """Whether the comparison holds."""
        run.step(self.column)
        if self.operator in {"==", "!="}:
            left, right = self.left.evaluate(run), self.right.evaluate(run)
            if isinstance(left, bool) is not isinstance(right, bool):
                raise run.fail(self.column, MIXED_COMPARISON)
            return (left == right) is (self.operator == "==")
        low, high = number(run, self.left), number(run, self.right)
        match self.operator:
            case "<":
                return low < high
            case "<=":
                return low <= high
            case ">":
                return low > high
            case _:
                return low >= high


@attrs.frozen(kw_only=True)
class Logic:
    """``a and b and ...`` or ``a or b or ...``, stopping as soon as the answer is known."""

    operator: str
    operands: tuple[Node, ...]
    value_type: ClassVar[ValueType] = ValueType.BOOLEAN

    @property
    def column(self) -> int:
        """Where the first operand starts."""
        return self.operands[0].column

    def evaluate(self, run: Run) -> Value:
        """Return whether all (``and``) or any (``or``) of the operands hold."""
        run.step(self.column)
        settles = self.operator == "or"  # the operand value that decides the answer
        for operand in self.operands:
            if boolean(run, operand) is settles:
                return settles
        return not settles


@attrs.frozen(kw_only=True)
class If:
    """``if(condition, then, else)``: only the chosen branch is evaluated."""

    condition: Node
    then: Node
    otherwise: Node
    column: int

    @property
    def value_type(self) -> ValueType:
        """The branches' type when they agree."""
        kind = self.then.value_type
        return kind if kind is self.otherwise.value_type else ValueType.UNKNOWN

    def evaluate(self, run: Run) -> Value:
        """Evaluate the chosen branch only, so ``if(b == 0, 0, a / b)`` never divides by zero."""
        run.step(self.column)
        return (self.then if boolean(run, self.condition) else self.otherwise).evaluate(run)


@attrs.frozen(kw_only=True)
class Call:
    """A call of ``min``, ``max``, ``abs``, ``round`` or ``clamp`` (``if`` is :class:`If`)."""

    function: str
    arguments: tuple[Node, ...]
    column: int
    value_type: ClassVar[ValueType] = ValueType.NUMBER

    def evaluate(self, run: Run) -> Value:
        """Apply the function to the evaluated arguments."""
        run.step(self.column)
        numbers = tuple(number(run, argument) for argument in self.arguments)
        try:
            result = self._apply(numbers, run)
        except ArithmeticError as error:
            raise run.fail(self.column, TOO_LARGE) from error
        return run.bounded(result, self.column)

    def _apply(self, numbers: tuple[Decimal, ...], run: Run) -> Decimal:
        match self.function:
            case "min":
                return min(numbers)
            case "max":
                return max(numbers)
            case "abs":
                return numbers[0].copy_abs()
            case "round":  # 四舍五入; the parser made sure the places are 0..10
                quantum = Decimal((0, (1,), -int(numbers[1])))
                return numbers[0].quantize(quantum, rounding=ROUND_HALF_UP, context=CONTEXT)
            case _:
                value, low, high = numbers
                if low > high:
                    raise run.fail(self.column, problem("formula.clamp", low=low, high=high))
                return clamp(value, low, high)
