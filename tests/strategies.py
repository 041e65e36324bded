"""Hypothesis strategies shared by the tests, one section per part of perfscore.

Each section generates inputs as authors and departments really write them, so that
properties are checked against the notation perfscore promises to read.
"""

from __future__ import annotations

import itertools
import re
from decimal import Decimal
from fractions import Fraction

import attrs
import yaml
from hypothesis import strategies as st

import perfscore
from perfscore._core.numerals import MAX_DIGITS, MAX_MAGNITUDE
from perfscore._core.targets import Op

# ---- Numbers, units and targets (numerals.py, units.py, targets.py) -----------------

_FULL_WIDTH = str.maketrans("0123456789.,+-%<>=", "０１２３４５６７８９．，＋－％＜＞＝")

_SIGNS: dict[Op, tuple[str, ...]] = {
    Op.GE: ("≥", ">=", "≧", "＞＝"),
    Op.LE: ("≤", "<=", "≦", "＜＝"),
    Op.GT: (">", "＞"),
    Op.LT: ("<", "＜"),
    Op.EQ: ("=", "＝"),
}
_PHRASES_BEFORE: dict[Op, tuple[str, ...]] = {
    Op.GE: ("不低于", "不少于", "不小于", "至少", "达到", "大于等于"),
    Op.LE: ("不超过", "不高于", "不大于", "至多", "最多", "小于等于"),
    Op.GT: ("大于", "高于", "超过"),
    Op.LT: ("小于", "低于", "少于"),
    Op.EQ: ("等于",),
}
_PHRASES_AFTER: dict[Op, tuple[str, ...]] = {
    Op.GE: ("以上", "及以上"),
    Op.LE: ("以内", "之内", "以下", "内", "及以下"),
}
UNIT_SYMBOLS = (
    "%",
    "‰",
    "元",
    "千元",
    "万元",
    "亿元",
    "个",
    "场",
    "次",
    "场次",
    "人",
    "名",
    "万人",
    "万次",
    "天",
    "日",
    "周",
    "小时",
    "个工作日",
    "个月",
    "年",
    "㎡",
    "亩",
    "公里",
    "项",
    "起",
    "分",
)
TARGET_ALPHABET = "0123456789０１２３.,，．+-－%％‰ 　≥≤<>=≧≦＞＜＝eE万亿元个天场次人以上下内不低于超过至少三零"


def decimals_in_range(max_places: int = MAX_DIGITS - 16) -> st.SearchStrategy[Decimal]:
    """Finite decimals that parse_decimal accepts: |d| <= 10^15, at most 30 digits."""
    return st.integers(0, max_places).flatmap(
        lambda places: st.decimals(
            min_value=-MAX_MAGNITUDE,
            max_value=MAX_MAGNITUDE,
            places=places,
            allow_nan=False,
            allow_infinity=False,
        )
    )


@attrs.frozen(kw_only=True)
class Written:
    """A text as an author might write it, with what it must read back as."""

    text: str
    value: Decimal
    unit: str | None
    op: Op | None = None
    implicit_op: bool = False


@st.composite
def written_numbers(draw: st.DrawFn, value: Decimal) -> str:
    """``value`` as reports write it: with or without thousands separators and a plus sign."""
    text = format(value, ",f" if draw(st.booleans()) else "f")
    if value > 0 and draw(st.integers(0, 9)) == 0:
        text = "+" + text
    return text


@st.composite
def written_quantities(draw: st.DrawFn) -> Written:
    """A number with an optional unit, ASCII or full-width, with or without a space."""
    value = draw(decimals_in_range())
    unit = draw(st.none() | st.sampled_from(UNIT_SYMBOLS))
    text = draw(written_numbers(value))
    if unit is not None:
        text += draw(st.sampled_from(("", " ", "\u3000"))) + unit
    if draw(st.booleans()):
        text = text.translate(_FULL_WIDTH)
    return Written(text=text, value=value, unit=unit)


@st.composite
def written_targets(draw: st.DrawFn) -> Written:
    """A 指标值 in one of the written styles: sign, phrase before, phrase after, or bare."""
    quantity = draw(written_quantities())
    space = draw(st.sampled_from(("", " ")))
    style = draw(st.sampled_from(("sign", "before", "after", "bare")))
    if style == "bare":
        op = Op.EQ if quantity.value.is_zero() else Op.GE
        text = quantity.text
    elif style == "after":
        op = draw(st.sampled_from(tuple(_PHRASES_AFTER)))
        text = quantity.text + space + draw(st.sampled_from(_PHRASES_AFTER[op]))
    else:
        op = draw(st.sampled_from(tuple(_SIGNS)))
        table = _SIGNS if style == "sign" else _PHRASES_BEFORE
        text = draw(st.sampled_from(table[op])) + space + quantity.text
    padding = draw(st.sampled_from(("", " ", "\u3000", "\t")))
    return attrs.evolve(quantity, text=padding + text + padding, op=op, implicit_op=style == "bare")


_WRITTEN_TARGETS = written_targets()


def target_like_text() -> st.SearchStrategy[str]:
    """Short texts from the characters targets are made of, to reach the parser's corners."""
    return st.text(alphabet=TARGET_ALPHABET, max_size=16)


# ---- Formulas (expression/) ---------------------------------------------------------

#: Pieces of the formula language and of the mistakes authors make, to glue into soups.
FORMULA_PIECES = (
    "(",
    ")",
    ",",
    " ",
    "+",
    "-",
    "*",
    "/",
    "<",
    "<=",
    ">",
    ">=",
    "==",
    "!=",
    "=",
    "%",
    "**",
    "^",
    "!",
    ".",
    "_",
    "0",
    "1",
    "9",
    "12.5",
    "95%",
    "0.125",
    "99999999999",
    "x",
    "y",
    "执行数",
    "budget.adjusted",
    "min",
    "max",
    "abs",
    "round",
    "clamp",
    "if",
    "and",
    "or",
    "not",
    "true",
    "false",
    "（",
    "）",
    "，",
    "×",
    "÷",
    "−",
    "≥",
    "≤",
    "≠",
    "１",
    "'",
    "[",
    "]",
    ";",
    "\\",
    "lambda",
    "for",
    "e",
    "²",
    "\u0301",
    "\u3000",
)

#: The figures the written formulas below read; small, so that products stay short.
FORMULA_FIGURES: dict[str, Decimal | bool] = {
    "actual": Decimal(45),
    "target": Decimal(50),
    "执行数": Decimal("-2.5"),
    "budget.adjusted": Decimal("0.125"),
}

_OR, _AND, _NOT, _COMPARE, _ADD, _MULTIPLY, _SIGN, _ATOM = range(1, 9)
_EXACT_DIGITS = 40
_EXACT_MAGNITUDE = 10**20


def formula_soup() -> st.SearchStrategy[str]:
    """Strings glued from pieces of formulas: mostly wrong, but wrong deep inside the parser.

    Arbitrary text rarely gets past its first character; these reach unbalanced brackets,
    operators in a row, calls without arguments, full-width signs and Python habits.
    """
    return st.lists(st.sampled_from(FORMULA_PIECES), max_size=24).map("".join)


def formula_values(names: frozenset[str]) -> st.SearchStrategy[dict[str, Decimal | bool]]:
    """Figures for some of ``names`` (the rest missing): any Decimal, NaN included, or a bool."""
    value = st.one_of(st.decimals(), st.booleans(), st.decimals(min_value=-1000, max_value=1000, places=2))
    return st.fixed_dictionaries({}, optional=dict.fromkeys(sorted(names), value))


@attrs.frozen(kw_only=True)
class WrittenFormula:
    """A formula written out with minimal brackets, and its value worked out in fractions.

    ``value`` is None when evaluating it divides by zero. ``exact`` says that every
    intermediate result it evaluates is a short terminating decimal, so that Decimal
    arithmetic at 50 digits must give exactly the fraction's answer.
    """

    text: str
    value: Fraction | bool | None
    exact: bool
    level: int = _ATOM
    height: int = 1


def _fits(value: Fraction) -> bool:
    if abs(value) >= _EXACT_MAGNITUDE:
        return False
    denominator = value.denominator
    for prime in (2, 5):
        while denominator % prime == 0:
            denominator //= prime
    if denominator != 1:
        return False
    while value.denominator != 1:
        value *= 10
    return len(str(abs(value.numerator))) <= _EXACT_DIGITS


def _wrap(part: WrittenFormula, level: int, *, right: bool = False) -> str:
    needs = part.level < level or (right and part.level == level)
    return f"({part.text})" if needs else part.text


def _strict(text: str, level: int, parts: tuple[WrittenFormula, ...], compute) -> WrittenFormula:
    """Build a node that evaluates its parts left to right, stopping at a division by zero."""
    exact, height = True, 1 + max(part.height for part in parts)
    for part in parts:
        exact = exact and part.exact
        if part.value is None:
            return WrittenFormula(text=text, value=None, exact=exact, level=level, height=height)
    value = compute(*(part.value for part in parts))
    exact = exact and (value is None or isinstance(value, bool) or _fits(value))
    return WrittenFormula(text=text, value=value, exact=exact, level=level, height=height)


def _number(text: str) -> WrittenFormula:
    value = Fraction(text.removesuffix("%")) / (100 if text.endswith("%") else 1)
    return WrittenFormula(text=text, value=value, exact=True)


def _figure(name: str) -> WrittenFormula:
    value = FORMULA_FIGURES[name]
    return WrittenFormula(text=name, value=Fraction(value), exact=True)


def _negate(part: WrittenFormula) -> WrittenFormula:
    return _strict(f"-{_wrap(part, _SIGN)}", _SIGN, (part,), lambda value: -value)


_ARITHMETIC = {
    "+": (_ADD, lambda a, b: a + b),
    "-": (_ADD, lambda a, b: a - b),
    "*": (_MULTIPLY, lambda a, b: a * b),
    "/": (_MULTIPLY, lambda a, b: None if b == 0 else a / b),
}


def _arithmetic(operator: str, left: WrittenFormula, right: WrittenFormula) -> WrittenFormula:
    level, compute = _ARITHMETIC[operator]
    text = f"{_wrap(left, level)} {operator} {_wrap(right, level, right=True)}"
    return _strict(text, level, (left, right), compute)


def _call(function: str, parts: tuple[WrittenFormula, ...], compute) -> WrittenFormula:
    return _strict(f"{function}({', '.join(part.text for part in parts)})", _ATOM, parts, compute)


def _round_half_up(value: Fraction, places: int) -> Fraction:
    rounded = int(abs(value) * 10**places + Fraction(1, 2))  # 四舍五入, away from zero
    return Fraction(rounded if value >= 0 else -rounded, 10**places)


def _choice(condition: WrittenFormula, then: WrittenFormula, otherwise: WrittenFormula) -> WrittenFormula:
    text = f"if({condition.text}, {then.text}, {otherwise.text})"
    height = 1 + max(condition.height, then.height, otherwise.height)
    if condition.value is None:
        return WrittenFormula(text=text, value=None, exact=condition.exact, height=height)
    chosen = then if condition.value else otherwise
    return WrittenFormula(text=text, value=chosen.value, exact=condition.exact and chosen.exact, height=height)


def _compare(operator: str, left: WrittenFormula, right: WrittenFormula) -> WrittenFormula:
    checks = {
        "<": Fraction.__lt__,
        "<=": Fraction.__le__,
        ">": Fraction.__gt__,
        ">=": Fraction.__ge__,
        "==": Fraction.__eq__,
        "!=": Fraction.__ne__,
    }
    text = f"{_wrap(left, _COMPARE, right=True)} {operator} {_wrap(right, _COMPARE, right=True)}"
    return _strict(text, _COMPARE, (left, right), checks[operator])


def _not(part: WrittenFormula) -> WrittenFormula:
    return _strict(f"not {_wrap(part, _NOT)}", _NOT, (part,), lambda value: not value)


def _logic(operator: str, left: WrittenFormula, right: WrittenFormula) -> WrittenFormula:
    level = _AND if operator == "and" else _OR
    text = f"{_wrap(left, level)} {operator} {_wrap(right, level, right=True)}"
    height = 1 + max(left.height, right.height)
    if left.value is None or left.value is (operator == "or"):  # decided without the right side
        return WrittenFormula(text=text, value=left.value, exact=left.exact, level=level, height=height)
    return WrittenFormula(text=text, value=right.value, exact=left.exact and right.exact, level=level, height=height)


def _formula_leaves() -> st.SearchStrategy[WrittenFormula]:
    texts = st.one_of(
        st.integers(0, 100).map(str),
        st.decimals(min_value=0, max_value=100, places=2).map(lambda value: format(value, "f")),
        st.integers(0, 200).map(lambda value: f"{value}%"),
    )
    return texts.map(_number) | st.sampled_from(sorted(FORMULA_FIGURES)).map(_figure)


def written_conditions(max_leaves: int = 4) -> st.SearchStrategy[WrittenFormula]:
    """True/false formulas: comparisons of formulas joined by ``and``, ``or`` and ``not``."""
    return _conditions(written_formulas(max_leaves=max_leaves))


def _conditions(numbers: st.SearchStrategy[WrittenFormula]) -> st.SearchStrategy[WrittenFormula]:
    # not built with st.recursive: a recursive strategy inside another one's extend()
    # makes Hypothesis spell out megabytes of repr when it validates them
    comparisons = st.builds(_compare, st.sampled_from(("<", "<=", ">", ">=", "==", "!=")), numbers, numbers)
    simple = comparisons | comparisons.map(_not)
    joins = st.sampled_from(("and", "or"))
    joined = st.builds(_logic, joins, simple, simple)
    return st.one_of(
        simple,
        joined,
        joined.map(_not),
        st.builds(_logic, joins, joined, simple),
        st.builds(_logic, joins, simple, joined),
    )


_EXTREMES = {"min": lambda *values: min(values), "max": lambda *values: max(values)}


def _extend(children: st.SearchStrategy[WrittenFormula]) -> st.SearchStrategy[WrittenFormula]:
    leaves = _formula_leaves()
    bounds = st.tuples(leaves, leaves).map(lambda pair: sorted(pair, key=lambda part: part.value))
    return st.one_of(
        st.builds(_negate, children),
        st.builds(_arithmetic, st.sampled_from("+-*/"), children, children),
        st.builds(_arithmetic, st.sampled_from("+-*/"), children, children),  # twice as often
        st.builds(
            lambda name, parts: _call(name, tuple(parts), _EXTREMES[name]),
            st.sampled_from(("min", "max")),
            st.lists(children, min_size=1, max_size=3),
        ),
        children.map(lambda part: _call("abs", (part,), abs)),
        st.builds(
            lambda part, places: _strict(
                f"round({part.text}, {places})",
                _ATOM,
                (part,),
                lambda value: _round_half_up(value, places),
            ),
            children,
            st.integers(0, 4),
        ),
        st.builds(
            lambda part, low_high: _call(
                "clamp",
                (part, *low_high),
                lambda value, low, high: min(max(value, low), high),
            ),
            children,
            bounds,
        ),
        st.builds(_choice, _conditions(children), children, children),
    )


def written_formulas(max_leaves: int = 10) -> st.SearchStrategy[WrittenFormula]:
    """Well-formed numeric formulas over small decimals, percents and :data:`FORMULA_FIGURES`."""
    return st.recursive(_formula_leaves(), _extend, max_leaves=max_leaves)


# ---- Packs, figures and rules (packloader, engine, rules/) ----------------------------

LEAF_KINDS = ("positive", "reverse", "manual", "qualitative")


@st.composite
def pack_trees(draw: st.DrawFn, max_depth: int = 3) -> list[dict[str, object]]:
    """A valid indicator tree: weights in halves; each group's weight is its children's sum."""
    counter = iter(range(10_000))

    def node(depth: int) -> dict[str, object]:
        number = next(counter)
        if depth < max_depth and draw(st.booleans()):
            children = [node(depth + 1) for _ in range(draw(st.integers(1, 3)))]
            weight = sum((Decimal(str(child["weight"])) for child in children), Decimal(0))
            return {"id": f"g{number}", "name": f"G{number}", "weight": str(weight), "children": children}
        kind = draw(st.sampled_from(LEAF_KINDS))
        weight = Decimal(draw(st.integers(1, 20))) / 2
        leaf: dict[str, object] = {"id": f"i{number}", "name": f"I{number}", "weight": str(weight), "rule": kind}
        if kind in {"positive", "reverse"}:
            leaf["target"] = ("≥" if kind == "positive" else "≤") + str(draw(st.integers(1, 200)))
        return leaf

    return [node(0) for _ in range(draw(st.integers(1, 4)))]


def tree_total(tree: list[dict[str, object]]) -> Decimal:
    """The sum of the top-level weights (the pack's total)."""
    return sum((Decimal(str(node["weight"])) for node in tree), Decimal(0))


def pack_text(tree: list[dict[str, object]], total: Decimal | None = None) -> str:
    """Render a tree as pack YAML (JSON is YAML), with ``total`` the tree's sum by default."""
    import json  # noqa: PLC0415 - local to this helper

    head = {
        "id": "p",
        "title": "P",
        "version": "1",
        "source": "hypothesis",
        "total": str(total if total is not None else tree_total(tree)),
        "indicators": tree,
    }
    text = json.dumps(head, ensure_ascii=False)
    # weights and totals are written as numbers, not strings
    return re.sub(r'"(weight|total)": "([0-9.]+)"', r'"\1": \2', text)


def leaves(tree: list[dict[str, object]]) -> list[dict[str, object]]:
    """The indicators of a tree, depth-first."""
    found: list[dict[str, object]] = []
    for node in tree:
        children = node.get("children")
        if isinstance(children, list):
            found.extend(leaves(children))
        else:
            found.append(node)
    return found


@st.composite
def figures_for(draw: st.DrawFn, tree: list[dict[str, object]]) -> dict[str, object]:
    """Complete figures for every indicator of ``tree``."""
    indicators: dict[str, object] = {}
    for leaf in leaves(tree):
        weight = Decimal(str(leaf["weight"]))
        if leaf["rule"] in {"positive", "reverse"}:
            indicators[str(leaf["id"])] = {"actual": str(draw(st.integers(0, 400)))}
        else:
            score = Decimal(draw(st.integers(0, int(weight * 100)))) / 100
            indicators[str(leaf["id"])] = {"score": str(score), "reason": "r"}
    return {"indicators": indicators}


_AMOUNTS = st.decimals(min_value=-50, max_value=10_000, places=2, allow_nan=False, allow_infinity=False)
_TARGETS = st.decimals(min_value=0, max_value=5_000, places=2, allow_nan=False, allow_infinity=False)
_WEIGHTS = st.integers(1, 400).map(lambda n: Decimal(n) / 4)


@st.composite
def _band_rules(draw: st.DrawFn) -> object:
    from perfscore.rules.tables import Band  # noqa: PLC0415 - strategies import the library lazily

    edges = sorted(draw(st.lists(_TARGETS, min_size=1, max_size=4, unique=True)))
    fractions = [Decimal(draw(st.integers(0, 100))) / 100 for _ in edges]
    highs = [*edges[1:], None]
    table = (Band(low=low, high=high, fraction=f) for low, high, f in zip(edges, highs, fractions, strict=True))
    return perfscore.bands(*table)


def rule_examples() -> dict[str, st.SearchStrategy[object]]:
    """Rules of each kind the default registry has, with random options (keyed by kind)."""
    from perfscore._core.model import ReverseVariant  # noqa: PLC0415 - strategies import the library lazily
    from perfscore.rules.composite import Part  # noqa: PLC0415
    from perfscore.rules.interval import IntervalRule  # noqa: PLC0415
    from perfscore.rules.tables import ChecklistItem  # noqa: PLC0415

    ge = _TARGETS.map(lambda t: f"≥{t}")
    le = _TARGETS.map(lambda t: f"≤{t}")
    formulas = ["min(actual / target, 1) * weight", "weight - actual", "actual * 3", "if(actual > target, weight, 0)"]
    checklist = perfscore.checklist(ChecklistItem(id="a", points=Decimal(1)), ChecklistItem(id="b", points=Decimal(3)))
    return {
        "positive": ge.map(perfscore.positive),
        "reverse": st.builds(lambda t, v: perfscore.reverse(t, variant=v), le, st.sampled_from(list(ReverseVariant))),
        "equal": _TARGETS.map(lambda t: perfscore.equal(f"={t}")),
        "qualitative": st.just(perfscore.qualitative()),
        "manual": st.just(perfscore.manual()),
        "bands": _band_rules(),
        "checklist": st.just(checklist),
        "deduct": st.one_of(
            _WEIGHTS.map(lambda w: perfscore.deduct(per="occurrence", points=w)),
            st.builds(lambda w, t: perfscore.deduct(per="point", points=w, above=t), _WEIGHTS, _TARGETS),
        ),
        "execution_rate": st.just(perfscore.execution_rate()),
        "formula": st.sampled_from(formulas).map(perfscore.formula),
        "not_applicable": st.just(perfscore.not_applicable("本年度无此项工作")),
        "sum_of": ge.map(
            lambda t: perfscore.sum_of(
                [Part(points=Decimal(1), rule=perfscore.positive(t)), Part(points=Decimal(1), rule=perfscore.manual())]
            )
        ),
        "min_of": st.builds(lambda a, b: perfscore.min_of(perfscore.positive(a), perfscore.reverse(b)), ge, le),
        "max_of": st.builds(lambda a, b: perfscore.max_of(perfscore.positive(a), perfscore.reverse(b)), ge, le),
        "interval": st.builds(
            lambda a, b, below, above: IntervalRule(target=f"{min(a, b)}-{max(a, b)}", below=below, above=above),
            _TARGETS,
            _TARGETS,
            st.sampled_from(("positive", "reverse", "zero")),
            st.sampled_from(("positive", "reverse", "zero")),
        ),
    }


def any_rules(*, dropped: bool = False) -> st.SearchStrategy[object]:
    """Every rule kind in the default registry, with random options (``not_applicable`` only if ``dropped``).

    A kind the registry gains without an example here is an error, so a new kind cannot go untested.
    """
    examples = rule_examples()
    missing = set(perfscore.DEFAULT_REGISTRY.names()) - set(examples)
    if missing:
        msg = f"tests/strategies.py has no example rule for the kinds {sorted(missing)}"
        raise LookupError(msg)
    names = [name for name in perfscore.DEFAULT_REGISTRY.names() if dropped or name != "not_applicable"]
    return st.one_of(*(examples[name] for name in names))


# ---- Hostile and broken input: whole packs, figures and YAML (issue 5) ---------------


_TRICKY_TEXT = ("阵地建设", "开展禁毒宣传工作", "yes", "074", "1.0", "null", "- x", "a: b", " 前后空格 ", "多\n行")
_NAMES = st.text(max_size=12) | st.sampled_from(_TRICKY_TEXT)
_LABELS = ("达成", "有效提升", "是", "零事故", "不低于上年", "满意")
_IDS = ("t", "g", "指标", "x-", "A.")


_BaseDumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml when present


class _DataDumper(_BaseDumper):  # type: ignore[misc,valid-type]  # PyYAML's dumpers are untyped
    """Writes test data as YAML; Decimals as plain numbers (NaN and infinities as YAML writes them)."""

    def ignore_aliases(self, data: object) -> bool:  # noqa: ARG002 - PyYAML's signature
        """Write every value out: no ``&id001`` anchors, even for a value used twice."""
        return True


def _decimal_scalar(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    if value.is_nan():
        return dumper.represent_scalar("tag:yaml.org,2002:float", ".nan")
    if value.is_infinite():
        return dumper.represent_scalar("tag:yaml.org,2002:float", "-.inf" if value < 0 else ".inf")
    text = format(value, "f")
    return dumper.represent_scalar("tag:yaml.org,2002:" + ("float" if "." in text else "int"), text)


_DataDumper.add_representer(Decimal, _decimal_scalar)


def yaml_text(data: object) -> str:
    """``data`` as block YAML, Decimals written exactly (a test's own writer, not perfscore's)."""
    return yaml.dump(data, Dumper=_DataDumper, allow_unicode=True, sort_keys=False, width=10**6)


def _quarters(low: int = 1, high: int = 80) -> st.SearchStrategy[Decimal]:
    return st.integers(low, high).map(lambda n: Decimal(n) / 4)


def _cuts(draw: st.DrawFn, top: Decimal, count: int) -> list[Decimal]:
    """``count`` distinct edges strictly inside (0, top), sorted, in hundredths of ``top``."""
    picks = draw(st.lists(st.integers(1, 99), min_size=count, max_size=count, unique=True))
    return sorted(top * Decimal(pick) / 100 for pick in picks)


def _range(low: Decimal, high: Decimal, *, closed: bool) -> str:
    return f"[{format(low, 'f')}, {format(high, 'f')}{']' if closed else ')'}"


@st.composite
def _tiling(draw: st.DrawFn, labels: tuple[str, ...], top: Decimal) -> list[dict[str, object]]:
    """Bands that cover [0, top] exactly once, best first (grades or qualitative levels)."""
    count = draw(st.integers(1, len(labels)))
    edges = [Decimal(0), *_cuts(draw, top, count - 1), top]
    bands = [
        {"label": labels[index], "range": _range(edges[index], edges[index + 1], closed=index == count - 1)}
        for index in range(count)
    ]
    return list(reversed(bands))


@st.composite
def _levels(draw: st.DrawFn) -> list[dict[str, object]]:
    levels = draw(_tiling(("未达成", "部分达成", "基本达成", "达成"), Decimal(1)))
    for level in levels:
        if draw(st.booleans()):
            low, high = (Decimal(edge.strip("[]()")) for edge in str(level["range"]).split(","))
            level["default"] = low if high == low else (low + high) / 2
        if draw(st.integers(0, 3)) == 0:
            level["aliases"] = [str(level["label"]) + "（别名）"]
    return levels


@st.composite
def _comparative_rule(draw: st.DrawFn, kind: str) -> tuple[dict[str, object], str | None]:
    """A positive/reverse/equal rule and the indicator's target text (None: the rule has its own)."""
    target = draw(_WRITTEN_TARGETS).text
    rule: dict[str, object] = {"kind": kind}
    if kind == "reverse":
        rule["variant"] = draw(st.sampled_from(("ratio", "linear")))
    if kind == "equal" and draw(st.booleans()):
        rule["tolerance"] = draw(st.decimals(0, 10, places=2))
    if draw(st.integers(0, 3)) == 0:
        rule["of"] = draw(st.sampled_from(("actual", "values.rate")))
    where = draw(st.sampled_from(("indicator", "rule", "figures")))
    if where == "rule":
        rule["target"] = target
    elif where == "figures":
        rule["target"] = "figures"
    return rule, target if where == "indicator" else None


def _simple_rule(draw: st.DrawFn, weight: Decimal) -> dict[str, object]:
    kind = draw(st.sampled_from(("positive", "reverse", "manual", "checklist")))
    if kind == "manual":
        return {"kind": "manual"}
    if kind == "checklist":
        return {"kind": "checklist", "items": [{"id": "only", "points": weight}]}
    rule, target = draw(_comparative_rule(kind))
    if target is not None:
        rule["target"] = target
    return rule


@st.composite
def _rule(draw: st.DrawFn, weight: Decimal) -> tuple[dict[str, object] | str, str | None]:  # noqa: C901, PLR0911, PLR0912 - one branch per rule kind
    """Any rule kind, valid for ``weight``, and the indicator's target text if it has one."""
    kind = draw(st.sampled_from(sorted(perfscore.DEFAULT_REGISTRY.names())))
    if kind in {"positive", "reverse", "equal"}:
        rule, target = draw(_comparative_rule(kind))
        if target is not None and len(rule) == 1 and draw(st.booleans()):
            return kind, target  # the shorthand: the kind, or nothing at all (inferred from the target)
        return rule, target
    label = draw(st.none() | st.sampled_from(_LABELS))
    if kind == "qualitative":
        return ({"kind": kind, "levels": draw(_levels())} if draw(st.booleans()) else kind), label
    if kind in {"manual", "not_applicable"}:
        return ({"kind": kind, "reason": "本年度无此项工作"} if kind == "not_applicable" else kind), label
    if kind == "bands":
        edges = _cuts(draw, Decimal(200), draw(st.integers(1, 4)))
        bands = [
            {"range": _range(low, high, closed=False), "fraction": Decimal(draw(st.integers(0, 100))) / 100}
            for low, high in itertools.pairwise(edges)
        ] + [{"range": f"[{format(edges[-1], 'f')}, +∞)", "fraction": Decimal(1)}]
        return {"kind": kind, "bands": bands}, None
    if kind == "checklist":
        points = _partition(draw, weight, draw(st.integers(1, 4)))
        items = [{"id": f"item{i}", "name": f"检查项{i}", "points": p} for i, p in enumerate(points)]
        return {"kind": kind, "items": items}, label
    if kind == "deduct":
        rule = {"kind": kind, "per": draw(st.sampled_from(("occurrence", "point"))), "points": draw(_quarters(1, 8))}
        if rule["per"] == "point":
            rule[draw(st.sampled_from(("above", "below")))] = draw(st.sampled_from(("95%", "100", "5.5")))
        if draw(st.booleans()):
            rule["limit"] = draw(_quarters(1, 40))
        return rule, None
    if kind == "execution_rate":
        return ({"kind": kind, "executed": "spent", "budget": "budget.total"} if draw(st.booleans()) else kind), None
    if kind == "formula":
        expression = draw(st.sampled_from(("min(actual / target, 1) * weight", "weight - 2 * count", "weight")))
        return {"kind": kind, "expression": expression}, None
    if kind == "sum_of":
        first = Decimal(draw(st.integers(1, max(1, int(weight * 4) - 1)))) / 4 if weight > Decimal("0.25") else weight
        parts = [first] if first == weight else [first, weight - first]
        rules = [{"points": p, "name": f"分项{i}", "rule": _simple_rule(draw, p)} for i, p in enumerate(parts)]
        return {"kind": kind, "parts": rules}, None
    if kind in {"min_of", "max_of"}:
        rules = [_simple_rule(draw, weight) for _ in range(draw(st.integers(1, 3)))]
        return {"kind": kind, "rules": rules}, None
    if kind == "interval":
        low, high = sorted(draw(st.lists(st.integers(0, 200), min_size=2, max_size=2)))
        sides = ("positive", "reverse", "zero")
        rule = {"kind": kind, "below": draw(st.sampled_from(sides)), "above": draw(st.sampled_from(sides))}
        written = draw(st.sampled_from((f"{low}%-{high}%", f"{low}~{high}次", f"不低于{low}%且不高于{high}%")))
        return (rule if draw(st.booleans()) else kind), written
    msg = f"tests/strategies.py cannot write a pack rule of kind {kind!r}: add it to _rule"
    raise LookupError(msg)


@st.composite
def pack_data(draw: st.DrawFn, max_depth: int = 2) -> dict[str, object]:  # noqa: C901, PLR0912, PLR0915 - one pass over a pack's parts
    """A valid pack as plain data, using every rule kind and every pack-level option."""
    counter = iter(range(10_000))
    template = draw(st.integers(0, 9)) == 0
    citations = {"seed": {"title": "报告", "section": "二（一）"}, "czb": "财预〔2020〕10号"}
    assumptions = [{"id": "A1", "text": "假设一", "cite": "czb"}, {"id": "A2", "text": "假设二"}]
    percent = draw(st.integers(0, 4)) == 0

    def extras(node: dict[str, object]) -> None:
        if draw(st.integers(0, 4)) == 0:
            node["description"] = draw(_NAMES)
        if draw(st.integers(0, 4)) == 0:
            node["assumptions"] = draw(st.sampled_from((["A1"], ["A1", "A2"])))
        if draw(st.integers(0, 4)) == 0:
            node["cite"] = draw(st.sampled_from(sorted(citations)))

    def node(depth: int, weight: Decimal | None, *, in_percent: bool) -> dict[str, object]:
        number = next(counter)
        node_id = f"{draw(st.sampled_from(_IDS))}{number}"
        if weight is None:
            weight = draw(_quarters())
        if depth < max_depth and draw(st.booleans()):
            group_percent = in_percent or draw(st.integers(0, 5)) == 0
            space = Decimal(100) if group_percent else weight
            shares = _partition(draw, space, draw(st.integers(1, 3)))
            children = [node(depth + 1, share, in_percent=group_percent) for share in shares]
            group: dict[str, object] = {"id": node_id, "name": draw(_NAMES), "weight": weight}
            if group_percent:
                group["aggregation"] = "percent"
            elif draw(st.integers(0, 4)) == 0:
                group["aggregation"] = "points"
            if draw(st.integers(0, 3)) == 0:
                group["goal"] = draw(_NAMES)
            extras(group)
            group["children"] = children
            return group
        rule, target = draw(_rule(weight))
        leaf: dict[str, object] = {"id": node_id, "name": draw(_NAMES), "weight": weight}
        if target is not None:
            leaf["target"] = target
        if not (isinstance(rule, str) and target is not None and draw(st.booleans())):
            leaf["rule"] = rule
        if draw(st.integers(0, 4)) == 0:
            leaf["unit"] = draw(st.sampled_from(UNIT_SYMBOLS))
        extras(leaf)
        return leaf

    count = draw(st.integers(1, 4))
    if percent:
        children = [node(0, share, in_percent=True) for share in _partition(draw, Decimal(100), count)]
    else:
        children = [node(0, None, in_percent=False) for _ in range(count)]
    total = Decimal(100) if percent else sum((Decimal(str(child["weight"])) for child in children), Decimal(0))
    data: dict[str, object] = {
        "perfscore": 1,
        "id": f"pack-{draw(st.integers(0, 99))}",
        "title": draw(_NAMES.filter(str.strip)),
        "version": draw(st.sampled_from(("1.0.0", "2", "2021"))),
        "source": draw(st.sampled_from(("报告", {"title": "报告", "issuer": "财政局", "number": "财预〔2020〕10号"}))),
        "total": total,
    }
    if draw(st.booleans()):
        data["jurisdiction"], data["fiscal_year"] = "白云湖街道", 2021
    if draw(st.booleans()):
        data["language"] = draw(st.sampled_from(("zh", "en")))
    if draw(st.booleans()):
        modes = ("half_up", "down", "up", "half_even")
        data["rounding"] = {"decimals": draw(st.integers(0, 6)), "mode": draw(st.sampled_from(modes))}
    if percent:
        data["aggregation"] = "percent"
    if draw(st.booleans()):
        data["grades"] = draw(_tiling(("差", "中", "良", "优"), total))
    if draw(st.booleans()):
        data["qualitative"] = {"levels": draw(_levels()), "cite": "czb"}
    if draw(st.booleans()):
        variant = draw(st.sampled_from(("ratio", "linear")))
        data["defaults"] = {"reverse": draw(st.sampled_from((variant, {"variant": variant})))}  # short or per-kind
    if draw(st.booleans()):
        data["not_applicable"] = {"redistribute": draw(st.sampled_from(("parent", "total")))}
    data["citations"] = citations
    data["assumptions"] = assumptions
    if template:
        data["template"] = True
        for found in all_nodes(children):
            rule = found.get("rule", "")
            kind = rule if isinstance(rule, str) else rule.get("kind")  # type: ignore[attr-defined]
            if kind not in {"checklist", "sum_of", "min_of", "max_of"} and draw(st.booleans()):
                found.pop("weight", None)  # a template may leave weights out, where nothing adds up to them
    data["indicators"] = children
    return data


def _partition(draw: st.DrawFn, total: Decimal, count: int) -> list[Decimal]:
    """``total`` split into at most ``count`` positive parts, in quarters."""
    quarters = int(total * 4)
    count = max(1, min(count, quarters))
    if count == 1:
        return [total]
    cuts = sorted(draw(st.lists(st.integers(1, quarters - 1), min_size=count - 1, max_size=count - 1, unique=True)))
    edges = [0, *cuts, quarters]
    return [Decimal(high - low) / 4 for low, high in itertools.pairwise(edges)]


def all_nodes(nodes: list[dict[str, object]]) -> list[dict[str, object]]:
    """Every node of a tree of plain data, depth-first."""
    found: list[dict[str, object]] = []
    for item in nodes:
        found.append(item)
        children = item.get("children")
        if isinstance(children, list):
            found.extend(all_nodes(children))
    return found


_ODD_TEXT = (
    "",
    " ",
    "１００",
    "18,009.98",
    "18,00.98",
    "97.87%",
    "-0",
    "-0.0",
    "1e309",
    "NaN",
    ".inf",
    "074",
    "1:30",
    "0x3C",
    "一百场",
    "≥95%",
    "≤202.6万元",
    "90%-100%",
    "达成",
    "figures",
    "positive",
    "qualitative",
    "../../etc/passwd",
    "/etc/passwd",
    "!!python/object/apply:os.system",
    "9**9**9",
    "actual.__class__",
    "min(actual / target, 1) * weight",
    "weight / (actual - actual)",
    "[0, 50)",
    "(-∞, +∞)",
    "[80%, 100%]",
    "{",
    "*a",
    "\t",
    "\ufeff",
    "\u200b",
    "9" * 40,
)
ODD_KEYS = (
    "id",
    "name",
    "weight",
    "rule",
    "kind",
    "target",
    "children",
    "indicators",
    "extends",
    "adjustments",
    "grades",
    "levels",
    "bands",
    "items",
    "parts",
    "rules",
    "expression",
    "total",
    "actual",
    "score",
    "level",
    "reason",
    "override",
    "deductions",
    "values",
    "amounts",
    "parts",
    "unit",
    "range",
    "fraction",
    "points",
    "wieght",
)


def odd_scalars() -> st.SearchStrategy[object]:
    """Scalars a hostile or careless file holds: odd numbers, odd text, truth values, nothing."""
    return st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**20), 10**20),
        st.decimals(min_value=-(10**20), max_value=10**20, places=6),
        st.sampled_from((Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity"), Decimal("1E-40"), Decimal("-0"))),
        st.text(max_size=20),
        st.sampled_from(_ODD_TEXT),
    )


def odd_values() -> st.SearchStrategy[object]:
    """Odd scalars, and small lists and mappings of them, keyed by words perfscore knows (and typos)."""
    keys = st.sampled_from(ODD_KEYS) | st.text(max_size=6)
    return st.recursive(
        odd_scalars(),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(keys, inner, max_size=3),
        max_leaves=8,
    )


_ODD_VALUES = odd_values()
_ODD_KEY = st.sampled_from(ODD_KEYS)
_ACTIONS = st.sampled_from(("replace", "replace", "drop", "add", "double"))


def _paths(value: object, prefix: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(_paths(item, (*prefix, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(_paths(item, (*prefix, index)))
    return found


@st.composite
def mutated(draw: st.DrawFn, data: object, times: int = 3) -> object:
    """``data`` (a pack or figures as plain data) with up to ``times`` odd changes.

    A change replaces a value by anything odd, drops or adds a key, or doubles a list entry.
    """
    import copy  # noqa: PLC0415 - local to this strategy

    data = copy.deepcopy(data)
    for _ in range(draw(st.integers(1, times))):
        paths = _paths(data)
        path = draw(st.sampled_from(paths))
        if not path:
            continue
        parent = data
        for step in path[:-1]:
            parent = parent[step]  # type: ignore[index]
        last = path[-1]
        action = draw(_ACTIONS)
        if action == "replace":
            parent[last] = draw(_ODD_VALUES)  # type: ignore[index]
        elif action == "drop":
            del parent[last]  # type: ignore[attr-defined]
        elif action == "add" and isinstance(parent, dict):
            parent[draw(_ODD_KEY)] = draw(_ODD_VALUES)
        elif action == "double" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[last]))  # type: ignore[index]
    return data


#: Figures as departments write them and worse (module-level, so Hypothesis builds them once).
_QUANTITIES = st.one_of(
    written_quantities().map(lambda written: written.text),
    st.decimals(min_value=-1000, max_value=1000, places=2),
    st.integers(-5, 500),
    st.sampled_from(_ODD_TEXT),
)
_FIGURE_ENTRY = st.fixed_dictionaries(
    {},
    optional={
        "actual": _QUANTITIES,
        "target": _QUANTITIES,
        "count": _QUANTITIES,
        "score": st.decimals(min_value=-5, max_value=120, places=2) | st.sampled_from(_ODD_TEXT),
        "level": st.sampled_from(("达成", "部分达成", "未达成", "基本达成", "完成", "")),
        "reason": st.sampled_from(("理由", "")),
        "evidence": st.text(max_size=10),
        "items": st.dictionaries(
            st.sampled_from(("item0", "item1", "only", "检查项0", "x")),
            st.sampled_from(("是", "否", "maybe", True, False)),
            max_size=3,
        ),
        "deductions": st.lists(
            st.fixed_dictionaries({"reason": st.sampled_from(("问题", ""))}, optional={"count": _QUANTITIES}),
            max_size=3,
        ),
        "values": st.dictionaries(st.sampled_from(("rate", "x")), _QUANTITIES, max_size=2),
        "not_applicable": st.sampled_from(("本年度无此项工作", "")),
        "override": st.fixed_dictionaries(
            {"score": st.decimals(min_value=-5, max_value=120, places=2)}, optional={"reason": st.just("复核")}
        ),
    },
)


@st.composite
def figures_data(draw: st.DrawFn, indicator_ids: list[str]) -> dict[str, object]:
    """Figures for some of ``indicator_ids`` (and an unknown one), as departments write them and worse."""
    ids = [*indicator_ids, "no.such.indicator"]
    indicators = draw(st.dictionaries(st.sampled_from(ids), _FIGURE_ENTRY, max_size=len(ids)))
    data: dict[str, object] = {"indicators": indicators}
    if draw(st.booleans()):
        data["amounts"] = {
            "budget": {
                "unit": draw(st.sampled_from(("万元", "元", "%"))),
                "adjusted": draw(_QUANTITIES),
                "executed": {"total": draw(_QUANTITIES), "parts": {"a": draw(_QUANTITIES), "b": draw(_QUANTITIES)}},
                "total": draw(_QUANTITIES),
            },
            "spent": draw(_QUANTITIES),
        }
    if draw(st.booleans()):
        parts = [{"name": "分项", "amount": draw(_QUANTITIES)}]
        data["projects"] = [{"name": "项目", "amount": draw(_QUANTITIES), "parts": parts}]
    if draw(st.booleans()):
        data["published"] = {
            "grade": "良",
            "total": draw(_QUANTITIES),
            "execution_rate": draw(_QUANTITIES),
            "scores": {ids[0]: draw(_QUANTITIES)},
        }
    if draw(st.booleans()):
        data["tolerance"] = draw(_QUANTITIES)
    return data


def leaf_ids(pack: dict[str, object]) -> list[str]:
    """The ids of the indicators (leaves) of a pack written as plain data."""
    return [str(node["id"]) for node in all_nodes(pack["indicators"]) if "children" not in node]  # type: ignore[arg-type]


# ---- Batches: packs and records for the compiled paths (perfscore.compiled) ---------

# Targets and edges that rounding and comparisons meet often: round numbers, and numbers
# whose ratio to a 2-decimal actual lands exactly on a half quantum (x.xx5).
_NICE_TARGETS = ("100", "50", "200", "80", "125", "40", "95.5", "0.3", "12.34", "0")
_EDGY_FRACTIONS = (Decimal("0.2"), Decimal("0.25"), Decimal("0.5"), Decimal("0.75"), Decimal("0.8"), Decimal(1))


@st.composite
def _band_table(draw: st.DrawFn) -> list[dict[str, object]]:
    edges = sorted(
        draw(
            st.lists(
                st.sampled_from(["0", "0.5", "10", "59.99", "60", "75", "80", "90", "95.5", "100"]),
                min_size=1,
                max_size=4,
                unique=True,
            )
        ),
        key=Decimal,
    )
    table = []
    bounds = [None, *edges, None] if draw(st.booleans()) else [*edges, None]
    for low, high in itertools.pairwise(bounds):
        opening = "(" if low is not None and draw(st.booleans()) else "["
        closing = "]" if high is not None and draw(st.booleans()) else ")"
        text = f"{opening}{'-∞' if low is None else low}, {'+∞' if high is None else high}{closing}"
        fraction = draw(st.sampled_from(_EDGY_FRACTIONS) | st.integers(0, 20).map(lambda n: Decimal(n) / 20))
        table.append({"range": text, "fraction": str(fraction)})
    # touching edges would overlap if both sides include them: keep only one inclusive side
    for first, second in itertools.pairwise(table):
        if first["range"].endswith("]") and second["range"].startswith("["):
            second["range"] = "(" + second["range"][1:]
    return table


BATCH_SKIPPED_KINDS = frozenset({"not_applicable"})
"""Kinds batch packs leave out: a dropped indicator sends the whole pack to the engine (tested on its own)."""


def batch_kinds() -> tuple[str, ...]:
    """The registry's kinds for batch packs, those the loop plans twice as likely as the exact-only ones."""
    registry = perfscore.DEFAULT_REGISTRY
    names = [name for name in registry.names() if name not in BATCH_SKIPPED_KINDS]
    return tuple(name for name in names for _ in range(1 if registry.kinds[name].exact_only else 2))


@st.composite
def _batch_rule(draw: st.DrawFn, weight: Decimal) -> dict[str, object]:  # noqa: C901, PLR0911 - one return per kind
    """A rule of any registered kind (see :func:`batch_kinds`); a kind without a case here is an error."""
    kind = draw(st.sampled_from(batch_kinds()))
    target = draw(st.sampled_from(_NICE_TARGETS))
    if kind in {"positive", "reverse", "equal"}:
        sign = {"positive": "≥", "reverse": "≤", "equal": "="}[kind]
        rule: dict[str, object] = {"kind": kind, "target": "figures" if draw(st.booleans()) else f"{sign}{target}"}
        if kind == "reverse":
            rule["variant"] = draw(st.sampled_from(("ratio", "linear")))
        return rule
    if kind == "bands":
        return {"kind": "bands", "bands": draw(_band_table())}
    if kind == "checklist":
        return {"kind": "checklist", "items": [{"id": "a", "points": str(weight)}]}
    if kind == "deduct":
        return {"kind": "deduct", "per": "occurrence", "points": "0.5"}
    if kind == "formula":
        return {"kind": "formula", "expression": "min(actual / target, 1) * weight"}
    if kind in {"min_of", "max_of"}:
        return {
            "kind": kind,
            "rules": [{"kind": "positive", "target": f"≥{target}"}, {"kind": "reverse", "target": f"≤{target}"}],
        }
    if kind == "sum_of":
        return {"kind": kind, "parts": [{"points": str(weight), "rule": {"kind": "positive", "target": f"≥{target}"}}]}
    if kind == "interval":
        return {
            "kind": kind,
            "target": f"{target}-{Decimal(target) * 2}",
            "above": draw(st.sampled_from(("reverse", "zero"))),
        }
    if kind in {"qualitative", "execution_rate", "manual"}:
        return {"kind": kind}
    msg = f"tests/strategies.py has no batch rule for kind {kind!r}: add a case to _batch_rule"
    raise LookupError(msg)


@st.composite
def batch_packs(draw: st.DrawFn) -> str:
    """A valid pack mixing every rule kind, nested and percent groups, any rounding: as YAML text."""
    counter = iter(range(10_000))

    def node(depth: int) -> dict[str, object]:
        number = next(counter)
        if depth < 2 and draw(st.integers(0, 3)) == 0:
            percent = draw(st.integers(0, 4)) == 0
            children = [node(2 if percent else depth + 1) for _ in range(draw(st.integers(1, 3)))]  # percent: leaves
            total = sum((Decimal(str(child["weight"])) for child in children), Decimal(0))
            group: dict[str, object] = {"id": f"g{number}", "name": f"G{number}", "children": children}
            if percent:
                scale = Decimal(100) / total
                for child in children:
                    child["weight"] = str((Decimal(str(child["weight"])) * scale).quantize(Decimal("0.0001")))
                children[-1]["weight"] = str(
                    Decimal(100) - sum((Decimal(str(c["weight"])) for c in children[:-1]), Decimal(0))
                )
                for child in children:  # a checklist's items add up to its (new) weight
                    rule = child.get("rule")
                    if isinstance(rule, dict) and rule.get("kind") == "checklist":
                        rule["items"] = [{"id": "a", "points": child["weight"]}]
                    if isinstance(rule, dict) and rule.get("kind") == "sum_of":  # so do a sum's parts
                        rule["parts"][0]["points"] = child["weight"]  # type: ignore[index]
                group["aggregation"] = "percent"
                group["weight"] = str(draw(st.integers(1, 40)))
            else:
                group["weight"] = str(total)
            return group
        weight = Decimal(draw(st.integers(1, 40))) / 4
        return {"id": f"i{number}", "name": f"I{number}", "weight": str(weight), "rule": draw(_batch_rule(weight))}

    tree = [node(0) for _ in range(draw(st.integers(1, 5)))]
    total = sum((Decimal(str(item["weight"])) for item in tree), Decimal(0))
    head = {
        "id": "batch",
        "title": "B",
        "version": "1",
        "source": "hypothesis",
        "total": str(total),
        "rounding": {
            "decimals": draw(st.sampled_from((2, 2, 2, 1, 0, 3))),
            "mode": draw(st.sampled_from(("half_up", "half_up", "half_even", "down", "up"))),
        },
        "indicators": tree,
    }
    import json  # noqa: PLC0415 - local to this strategy

    return re.sub(r'"(weight|total|points|fraction)": "([0-9.]+)"', r'"\1": \2', json.dumps(head, ensure_ascii=False))


def _two_places(low: int, high: int) -> st.SearchStrategy[float]:
    return st.integers(low * 100, high * 100).map(lambda n: n / 100)


#: Plain numbers as tables hold them, and the corners the fast paths must notice.
batch_numbers = st.one_of(
    _two_places(0, 250),
    _two_places(0, 250),
    _two_places(-20, 20),
    st.integers(0, 300).map(lambda n: n / 1000 * 5),  # 3 decimals: x.xx5 rounding edges
    st.sampled_from((0.0, -0.0, 1.0, 0.5, 100.0, 50.0, 59.99, 60.0, 89.995, 90.0, 95.5, 1.875, 2.675, 0.3)),
    st.integers(-5, 300),
)
batch_oddities = st.one_of(
    st.none(),
    st.just(float("nan")),
    st.just(float("inf")),
    st.booleans(),
    st.sampled_from(("97.87%", "abc", "", "1,000")),
    st.sampled_from((1e-20, 1.2345678901234567e-20, 5e-324, 1e16, 2.0**50, -(2.0**-40))),
    st.decimals(min_value=-10, max_value=300, places=3, allow_nan=False),
    st.integers(10**15, 10**17),
)


@st.composite
def batch_records(draw: st.DrawFn, columns: list[str], size: int = 6) -> list[dict[str, object]]:
    """Records for ``columns``: mostly plain numbers, sometimes missing or odd values; some columns left out."""
    records = []
    for _ in range(draw(st.integers(1, size))):
        record: dict[str, object] = {}
        for column in columns:
            if column.endswith(":level"):
                value = draw(st.none() | st.sampled_from(("达成", "部分达成", "未达成", "excellent")))
            elif column.endswith(":reason"):
                value = draw(st.none() | st.just("r") | st.just(value=True))
            elif draw(st.integers(0, 30)) == 0:
                continue
            else:
                value = draw(batch_numbers if draw(st.integers(0, 12)) else batch_oddities)
            record[column] = value
        records.append(record)
    return records
