"""Units as indicator tables write them (万元, %, 场次, 个工作日) and exact conversion.

A figure and its target are often written in different units (a budget of 202.6万元
against spending of 2,026,000元) or in synonyms (活动 6场次 against a target of
≥5次). Each unit belongs to a *dimension*; two quantities can be compared only within
one dimension, and conversion goes through the dimension's base unit.

Every unit's size is held as an exact :class:`~fractions.Fraction` (``scale``), because
some sizes have no finite decimal (1小时 = 1/24天, 1亩 = 2000/3平方米) and ``48小时`` must
still convert to exactly ``2天``. ``factor`` is the same size as a decimal, for display.

Choices made here, each because reports mean them so:

- 个工作日 is its own dimension: working days are not calendar days. 月 and 年 are their
  own dimensions too (a month is not a fixed number of days).
- Counters (量词) are each their own dimension, except synonyms that reports use
  interchangeably: {场, 次, 场次} share "次" and {人, 名, 位} share "人".
- Physical measures convert where the ratio is exact: 公里 = 1000米, 亩 = 2000/3平方米.
- A ``万`` or ``亿`` prefix scales a counter or a measure (1.5万人 = 15000人); money names
  its own multiples (千元, 万元, 百万元, 千万元, 亿元).
- A quantity written without a unit takes the unit it is converted to: departments
  often fill in ``103`` against a target of ``≥100场``.
- A bare ``万`` or ``亿`` after a number (``150万``, as a form prints a 成本指标 whose
  unit sits in a header or nowhere) is the numeral, not a unit: ten thousand of the
  unit it is compared with. ``150万`` against ``150万`` compares 150 with 150 whatever
  the unit; against ``≤200万元`` it is 150万元, against ``≥100人`` 1,500,000人; a plain
  ``1500000`` against ``150万`` is 150万. Only a share (%, 百分点) is not ten thousand
  of anything: comparing one with a bare 万 is a unit error, as for any two dimensions.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction

import attrs

from perfscore._core.decimals import div, plain
from perfscore._core.diagnostics import ParseError, diagnostic, shorten
from perfscore._text.problems import problem

MONEY = "money"
RATIO = "ratio"
DURATION = "duration"
WORKING_DAY = "working_day"
MONTH = "month"
YEAR = "year"
PERCENTAGE_POINT = "percentage_point"
BARE = "bare"  # a bare 万/亿: ten thousand (a hundred million) of whatever unit it is compared with
_NOT_COUNTED = frozenset({RATIO, PERCENTAGE_POINT})


@attrs.frozen(kw_only=True)
class Unit:
    """A unit as written (``symbol``), what it measures (``dimension``) and its size.

    ``scale`` is the exact size in the dimension's base unit; ``factor`` is the same
    number as a decimal (rounded to 50 digits where it has no finite decimal).
    """

    symbol: str
    dimension: str
    scale: Fraction = Fraction(1)
    factor: Decimal = attrs.field(init=False)

    @factor.default
    def _factor(self) -> Decimal:
        return div(Decimal(self.scale.numerator), Decimal(self.scale.denominator))

    def __str__(self) -> str:
        """Show the symbol, as the author wrote it."""
        return self.symbol


@attrs.frozen(kw_only=True)
class Quantity:
    """A number with an optional unit, and the text it was read from."""

    value: Decimal
    unit: Unit | None
    text: str

    def __str__(self) -> str:
        """Show the quantity normalised: ``202.6万元``, ``97.87%``, ``103``."""
        return plain(self.value) + (self.unit.symbol if self.unit else "")


def _units(dimension: str, *sizes: tuple[str, Fraction | int]) -> tuple[Unit, ...]:
    return tuple(Unit(symbol=s, dimension=dimension, scale=Fraction(n)) for s, n in sizes)


_FIXED: tuple[Unit, ...] = (
    *_units(MONEY, ("元", 1), ("千元", 10**3), ("万元", 10**4), ("百万元", 10**6), ("千万元", 10**7), ("亿元", 10**8)),
    *_units(RATIO, ("%", 1), ("‰", Fraction(1, 10)), ("百分比", 1)),
    *_units(PERCENTAGE_POINT, ("个百分点", 1), ("百分点", 1)),
    *_units(DURATION, ("天", 1), ("日", 1), ("周", 7), ("小时", Fraction(1, 24)), ("个小时", Fraction(1, 24))),
    *_units(WORKING_DAY, ("个工作日", 1), ("工作日", 1)),
    *_units(MONTH, ("月", 1), ("个月", 1)),
    *_units(YEAR, ("年", 1)),
)

# Counters and measures: these take a 万/亿 prefix. Each is its own dimension unless
# it is listed with a shared dimension and a size here. 起 counts incidents (事故0起) and
# 分 counts points (满意度≥90分).
_COUNTERS = (
    "个",
    "次",
    "人",
    "人次",
    "宗",
    "项",
    "件",
    "户",
    "家",
    "所",
    "处",
    "块",
    "辆",
    "篇",
    "期",
    "批",
    "份",
    "套",
    "座",
    "间",
    "台",
    "张",
    "条",
    "株",
    "棵",
    "起",
    "分",
    "吨",
    "米",
    "平方米",
    "例",
    "倍",
    "只",
    "头",
    "本",
    "册",
    "盏",
    "元/户",
    "元/人",
    "元/亩",
    "元/人·月",
    "元/户·年",
)
_SHARED: Mapping[str, tuple[str, Fraction]] = {
    "场": ("次", Fraction(1)),
    "场次": ("次", Fraction(1)),
    "名": ("人", Fraction(1)),
    "位": ("人", Fraction(1)),
    "㎡": ("平方米", Fraction(1)),
    "公顷": ("平方米", Fraction(10**4)),
    "亩": ("平方米", Fraction(2000, 3)),
    "平方公里": ("平方米", Fraction(10**6)),
    "公里": ("米", Fraction(10**3)),
    "厘米": ("米", Fraction(1, 100)),
    "毫米": ("米", Fraction(1, 1000)),
    "元/人*月": ("元/人·月", Fraction(1)),
    "元/人.月": ("元/人·月", Fraction(1)),
    "千米": ("米", Fraction(10**3)),
    "千克": ("吨", Fraction(1, 10**3)),
    "公斤": ("吨", Fraction(1, 10**3)),
}
_SCALABLE: tuple[Unit, ...] = (
    *(Unit(symbol=s, dimension=s) for s in _COUNTERS),
    *(Unit(symbol=s, dimension=d, scale=n) for s, (d, n) in _SHARED.items()),
)
_PREFIXES: Mapping[str, int] = {"万": 10**4, "亿": 10**8}

BARE_SYMBOLS = frozenset(_PREFIXES)  # 万 and 亿 written alone after a number

_REGISTRY: Mapping[str, Unit] = {u.symbol: u for u in (*_FIXED, *_SCALABLE)}
_SCALED: Mapping[str, Unit] = {u.symbol: u for u in _SCALABLE}


def known_symbols() -> tuple[str, ...]:
    """List every unit symbol read without a prefix, for hints and documentation."""
    return tuple(_REGISTRY)


def find_unit(symbol: str) -> Unit | None:
    """Find the unit written as ``symbol`` (already normalised); ``None`` if unknown."""
    unit = _REGISTRY.get(symbol)
    if unit is None and symbol in _PREFIXES:
        return Unit(symbol=symbol, dimension=BARE, scale=Fraction(_PREFIXES[symbol]))
    if unit is None and symbol[:1] in _PREFIXES:
        base = _SCALED.get(symbol[1:])
        if base is not None:
            unit = attrs.evolve(base, symbol=symbol, scale=base.scale * _PREFIXES[symbol[0]])
    if unit is None and (gloss := _GLOSS.fullmatch(symbol)):
        return _glossed(gloss[1], gloss[2])
    if unit is None and symbol.startswith("每") and symbol[1:] in _SCALED:  # 每亩: a rate per 亩
        return Unit(symbol=symbol, dimension=symbol)
    return unit


# A unit followed by its own name in words, as some forms' systems print it: %(百分比).
_GLOSS = re.compile(r"(.+?)[(（](.+)[)）]")


def _glossed(symbol: str, words: str) -> Unit | None:
    """``%(百分比)``: the unit, when the words in brackets name a unit of the same size."""
    unit, named = find_unit(symbol), find_unit(words)
    if unit is None or named is None or (unit.dimension, unit.scale) != (named.dimension, named.scale):
        return None
    return unit


def lookup_unit(symbol: str) -> Unit:
    """Find the unit written as ``symbol``; an unknown unit is a :class:`ParseError`.

    >>> lookup_unit("万人").factor
    Decimal('10000')
    """
    unit = find_unit(symbol)
    if unit is None:
        raise unknown_unit_error(symbol, symbol)
    return unit


def unknown_unit_error(text: str, symbol: str) -> ParseError:
    """Build the error for a number in ``text`` followed by the unknown unit ``symbol``.

    It offers no "did you mean": the nearest spelling is often another size (斤 is not
    公斤), and a wrong guess would change the number.
    """
    zh, en = problem("unit.unknown", symbol=shorten(symbol))
    return ParseError((diagnostic("FIGURE_NUMBER", text=shorten(text), problem=en, problem_zh=zh),))


def same_dimension(a: Unit, b: Unit) -> bool:
    """Whether quantities in ``a`` and ``b`` can be compared (万元 and 元 can, 万元 and % not, a bare 万 and 人 can)."""
    if BARE in (a.dimension, b.dimension):
        return a.dimension not in _NOT_COUNTED and b.dimension not in _NOT_COUNTED
    return a.dimension == b.dimension


def convert(quantity: Quantity, to: Unit) -> Decimal:
    """Express ``quantity``'s value in the unit ``to``, exactly.

    A quantity without a unit is taken to be in ``to`` already. Units of different
    dimensions raise a :class:`ParseError` with code ``FIGURE_UNIT``.

    >>> budget = Quantity(value=Decimal("202.6"), unit=lookup_unit("万元"), text="202.6万元")
    >>> convert(budget, lookup_unit("元"))
    Decimal('2026000')
    """
    source = quantity.unit
    if source is None and to.dimension == BARE:  # 1500000 against 150万: the number, in 万
        exact = Fraction(quantity.value) / to.scale
        return div(Decimal(exact.numerator), Decimal(exact.denominator))
    if source is None:
        return quantity.value
    if not same_dimension(source, to):
        raise ParseError((diagnostic("FIGURE_UNIT", unit=source.symbol, target_unit=to.symbol),))
    if source.scale == to.scale:
        return quantity.value
    exact = Fraction(quantity.value) * source.scale / to.scale
    return div(Decimal(exact.numerator), Decimal(exact.denominator))
