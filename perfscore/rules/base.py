"""What every scoring rule is: a small immutable object that turns figures into points.

A rule knows nothing about files, lines or indicator paths — the engine adds those
(as jsonschema's keyword functions leave locations to the validator). A rule reads
the figures it needs through a :class:`FigureView`, and returns an :class:`Outcome`:
the points before rounding, and the steps of its reasoning in a form that can be
rendered in Chinese or English later.

Two internal signals leave a rule early:

* :class:`MissingFigure` — a figure it needs is absent; the engine makes the result
  partial and keeps the bounds the rule could still reach;
* :class:`FigureProblem` — a figure is present but wrong (a score outside its band,
  an incompatible unit); the engine turns it into a located diagnostic.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, runtime_checkable

import attrs

from perfscore._core.decimals import ZERO, clamp, mul, plain
from perfscore._core.diagnostics import NOWHERE, Location
from perfscore._core.facts import FACTS, fact_of
from perfscore._core.latertext import write_on_read
from perfscore._core.slotsetters import slot_setters
from perfscore._text.problems import problem

if TYPE_CHECKING:
    from perfscore._core.units import Quantity

Params = tuple[tuple[str, str], ...]


def _params(values: Mapping[str, object]) -> Params:
    shown: list[tuple[str, str]] = []
    for key, value in values.items():
        if isinstance(value, str):
            shown.append((key, value))
        elif type(value) is Decimal:
            shown.append((key, shown_number(value)))
        else:
            shown.append((key, show(value)))
    return tuple(shown)


@attrs.frozen(slots=True)
class Step:
    """One step of a rule's reasoning: a phrase key and its display parameters.

    ``params`` are the display texts. :func:`step` keeps the values they come from and
    writes the texts only when something reads ``params`` (a view, a comparison, a
    pickle): scoring in bulk reads totals, not explanations, and should not pay for them.
    """

    key: str
    params: Params = ()
    _values: Mapping[str, object] | None = attrs.field(default=None, init=False, eq=False, repr=False)


_set_key, _set_params = slot_setters(Step, "key", "params")  # the slots, before the fronting
_write_later = write_on_read(Step, "params", "_values", _params)
_new = object.__new__


def step(key: str, **params: object) -> Step:
    """Build a :class:`Step`; numbers and quantities are shown as tables show them (when read).

    Every rule makes steps on every score, so the slots are set directly: ``Step`` has
    no validator or converter to run, and this is the object ``Step(key=key)`` makes.
    """
    made: Step = _new(Step)
    _set_key(made, key)
    _set_params(made, ())
    _write_later(made, params)
    return made


@attrs.frozen(slots=True)
class Deduction:
    """Points taken off, why, and where the reason was written (扣分及理由)."""

    reason: str
    points: Decimal
    count: Decimal | None = None
    location: Location = NOWHERE


@attrs.frozen(slots=True)
class Note:
    """Something the rule wants on the scorecard's warnings (a catalogue code)."""

    code: str
    params: Params = ()


def note(code: str, **params: object) -> Note:
    """Build a :class:`Note` for catalogue ``code``."""
    return Note(code=code, params=_params(params))


@attrs.frozen(slots=True)
class Outcome:
    """What a rule concluded: points before rounding, and how it got there."""

    points: Decimal
    steps: tuple[Step, ...] = ()
    deductions: tuple[Deduction, ...] = ()
    level: str | None = None
    notes: tuple[Note, ...] = ()
    measures: tuple[tuple[str, Decimal], ...] = ()  # named by-products, e.g. ("rate", 97.87)


class MissingFigure(Exception):  # noqa: N818 - a signal, not an error the user sees
    """A figure the rule needs is absent; the score lies between ``low`` and ``high``."""

    def __init__(self, needs: str, low: Decimal, high: Decimal) -> None:
        """Say what is needed and the points still reachable."""
        super().__init__(needs)
        self.needs = needs
        self.low = low
        self.high = high


class FigureProblem(Exception):  # noqa: N818 - a signal the engine turns into a diagnostic
    """A figure is present but unusable; carries a catalogue code and its parameters."""

    def __init__(self, code: str, figure: str, *, expected: object = None, got: object = None, **params: Any) -> None:  # noqa: ANN401 - message parameters of any printable type
        """Record the code, which figure is at fault, and the message parameters."""
        super().__init__(code)
        self.code = code
        self.figure = figure
        self.expected = expected
        self.got = got
        self.params = params


def not_a_number(figure: str, raw: object) -> FigureProblem:
    """The problem to raise when the figure ``figure`` must be a number and is not."""
    zh, en = problem("figure.number")
    return FigureProblem("FIGURE_NUMBER", figure, text=str(raw), problem=en, problem_zh=zh)


@runtime_checkable
class FigureView(Protocol):
    """What a rule may read for one indicator of one department."""

    @property
    def weight(self) -> Decimal:
        """The indicator's effective weight (after any redistribution)."""
        ...

    def get(self, key: str) -> object | None:
        """An indicator-level figure (``actual``, ``level``, ``values.<name>`` …); None if absent.

        Keys: ``actual``, ``level``, ``score``, ``reason``, ``items``, ``deductions``,
        ``target``, ``count`` and ``values.<name>``.
        """
        ...

    def amount(self, name: str) -> Quantity | None:
        """A department-level named figure such as ``budget.adjusted``; None if absent."""
        ...

    def with_weight(self, weight: Decimal) -> FigureView:
        """The same figures seen with another weight (for parts of a composite rule)."""
        ...


def explains(view: FigureView) -> bool:
    """Whether the rule's steps will be read: False only for the engine's scoring pass, which keeps numbers.

    The engine scores with a view whose ``explains`` is False and builds a result's steps
    later by running the rule again on a view that explains; a rule may skip writing
    steps (and the texts in them) when this is False, and what only explains a score (a
    level inferred from it). Any other view explains.
    """
    return bool(getattr(view, "explains", True))


class Rule(Protocol):
    """The one-method protocol every scoring rule follows."""

    kind: ClassVar[str]

    def evaluate(self, view: FigureView) -> Outcome:
        """Score one indicator from its figures; points within ``[0, view.weight]``."""
        ...

    def reads(self) -> frozenset[str]:
        """The figure keys this rule may read (for checks such as unused figures)."""
        ...


MAX_SHOWN_PLACES = 6


def shown_number(value: Decimal) -> str:
    """A number for an explanation: exact when short, cut at six places with "…" when long."""
    try:
        return _SHOWN_NUMBERS[value]
    except (KeyError, TypeError):  # not seen yet; a signalling NaN cannot be hashed
        pass
    text = plain(value)
    whole, _, places = text.partition(".")
    if len(places) > MAX_SHOWN_PLACES:
        text = f"{whole}.{places[:MAX_SHOWN_PLACES]}…"
    if len(_SHOWN_NUMBERS) >= _SHOWN_SIZE:
        _SHOWN_NUMBERS.clear()
    with contextlib.suppress(TypeError):
        _SHOWN_NUMBERS[value] = text
    return text


# Like plain(), the shown text depends only on the number, so equal decimals share it.
_SHOWN_NUMBERS: dict[Decimal, str] = {}
_SHOWN_SIZE = 4096


def show(value: object) -> str:
    """Display a number or quantity as a report table would: ``103 场``, ``97.87%``."""
    if isinstance(value, Decimal):
        return shown_number(value)
    if isinstance(value, bool):
        return "是" if value else "否"
    symbol = getattr(getattr(value, "unit", None), "symbol", None)
    number = getattr(value, "value", None)
    if isinstance(number, Decimal):
        if symbol is None:
            return shown_number(number)
        if symbol in {"%", "‰"}:
            return f"{shown_number(number)}{symbol}"
        return f"{shown_number(number)} {symbol}"
    return str(value)


def fraction_points(weight: Decimal, fraction: Decimal) -> Decimal:
    """``fraction × weight`` kept within ``[0, weight]``."""
    return clamp(mul(fraction, weight), ZERO, weight)


_RULE_FACTS = FACTS  # the one cache of per-object facts (perfscore._core.facts)


def rule_fact(rule: object, name: str, compute: Callable[[Any], object]) -> Any:  # noqa: ANN401 - whatever compute gives
    """``compute(rule)``, worked out once per rule object rather than on every score (see :func:`fact_of`)."""
    return fact_of(rule, name, compute)


def rule_text(rule: object) -> str:
    """``repr(rule)``, written once per rule object."""
    text: str = rule_fact(rule, "repr", repr)
    return text
