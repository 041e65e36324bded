"""Reading a figures file's projects and indicators straight from plain data, when nothing in them is wrong.

The figures loader (:mod:`perfscore._inputs.figures`) walks a document through located
views that check every value's type and report a problem at its line and column. A
document read without marks (:func:`perfscore._yaml.lean.lean_document`, a batch
folder's files) has no lines to report, and most of its projects and indicators are
plain: known keys, texts where texts go, readable numbers. These readers build the same
:class:`~perfscore._core.figures.Project`, :class:`~perfscore._core.figures.SumCheck` and
:class:`~perfscore._core.figures.IndicatorFigures` from the values directly (issue 13,
B4r), and raise :class:`Irregular` at the first thing they do not take — an unknown key,
a value of another type, a number that does not read, checklist answers, deductions, an
override, ``not_applicable`` — so the caller reads that project or indicator the located
way, which reports it exactly as before. Tests hold both ways equal.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from perfscore._core.diagnostics import Location, ParseError
from perfscore._core.figures import INDICATOR_FIGURE_KEYS, IndicatorFigures, Project, Published, SumCheck
from perfscore._core.frozenmap import ReadOnlyDict
from perfscore._core.numerals import normalize_text, parse_decimal, parse_quantity
from perfscore._core.slotsetters import slot_setters
from perfscore._core.targets import parse_target
from perfscore._core.units import Quantity, find_unit
from perfscore._yaml.numbers import SIMPLE_DECIMAL

_PROJECT_KEYS = frozenset({"name", "amount", "unit", "task", "parts", "note"})
# indicator keys read the located way: checklist answers, deductions, not_applicable, an override
_PLAIN_INDICATOR_KEYS = INDICATOR_FIGURE_KEYS - {"items", "deductions", "not_applicable", "override"}
_QUANTITY_KEYS = ("actual", "target", "count", "coefficient")

# Quantities already read: a folder of figures files repeats "100%", "103场" and 0.5 again and
# again. A Quantity is immutable and parse_quantity depends on what is written alone: a text by
# the text, a YAML number (int or Decimal) by str() of it, which is the Quantity's own text (so
# 1.0 and 1 stay apart, and 5 and Decimal("5") read alike). Texts and numbers are kept apart:
# the number 1E+2 reads as 100, the text "1E+2" is refused.
TEXTS: dict[str, Quantity] = {}
NUMBERS: dict[str, Quantity] = {}
CACHE_SIZE = 4096
UNITS: dict[str, Any] = {}  # a ``unit:`` as written -> the Unit it names (or None)
_UNSEEN = object()
DECIMALS: dict[str, Decimal] = {}  # a score as written -> parse_decimal of it (depends on the text alone)


simple_decimal = SIMPLE_DECIMAL.fullmatch


class Irregular(Exception):  # noqa: N818 - a signal, not an error: the located reader takes over
    """Something the located reader must read (and may report)."""


def with_unit(quantity: Quantity, unit: str | None) -> Quantity:
    """``quantity`` in the enclosing ``unit:`` when it has none of its own."""
    if quantity.unit is not None or unit is None:
        return quantity
    found = UNITS.get(unit, _UNSEEN)
    if found is _UNSEEN:  # the registry of units is fixed: a unit's text always finds the same unit
        found = find_unit(normalize_text(unit))
        if len(UNITS) >= CACHE_SIZE:
            UNITS.clear()
        UNITS[unit] = found
    return Quantity(value=quantity.value, unit=found, text=f"{quantity.text}{unit}") if found else quantity


def quantity_of(raw: object) -> Quantity:
    """The quantity written as ``raw`` (as ``figures.quantity_at`` reads it), or :class:`Irregular`."""
    kind = type(raw)
    written: str
    if kind is str:
        cache, written = TEXTS, raw  # type: ignore[assignment]
    elif kind is Decimal or kind is int:
        cache, written = NUMBERS, str(raw)
    else:
        raise Irregular
    found = cache.get(written)
    if found is not None:
        return found
    if kind is Decimal and simple_decimal(written):
        # 80.37 (each department's own amounts): parse_quantity would check it against every
        # limit and read its text back into the same Decimal; a whole part of 1 to 15 digits
        # and at most 15 places is inside them all. Not kept: amounts rarely repeat.
        return _quantity(raw, written)  # type: ignore[arg-type]
    try:
        found = parse_quantity(raw)  # type: ignore[arg-type]
    except ParseError:
        raise Irregular from None
    if len(cache) >= CACHE_SIZE:
        cache.clear()
    cache[written] = found
    return found


def _actual_of(raw: object) -> Quantity | str:
    """A 完成值 as ``figures.actual_at`` reads it: a quantity, or words a target or label would read."""
    if type(raw) is not str:
        return quantity_of(raw)
    found = TEXTS.get(raw)
    if found is not None:
        return found
    try:
        found = parse_quantity(raw)
    except ParseError:
        pass
    else:
        if len(TEXTS) >= CACHE_SIZE:
            TEXTS.clear()
        TEXTS[raw] = found  # what quantity_of keeps for the same text
        return found
    if raw.strip():
        try:
            parse_target(raw)
        except ParseError:
            pass
        else:
            return raw.strip()
    raise Irregular


def _decimal_of(raw: object) -> Decimal:
    kind = type(raw)
    if kind is Decimal:
        return raw  # type: ignore[return-value]
    if kind is not int and kind is not str:
        raise Irregular
    written = str(raw)
    found = DECIMALS.get(written)
    if found is None:
        try:
            found = parse_decimal(written)
        except ParseError:
            raise Irregular from None
        if len(DECIMALS) >= CACHE_SIZE:
            DECIMALS.clear()
        DECIMALS[written] = found
    return found


def _text(raw: dict[str, Any], key: str) -> str | None:
    value = raw.get(key)
    if value is None:
        if key in raw:
            raise Irregular  # written but empty: the located reader says what it expected
        return None
    if type(value) is not str:
        raise Irregular
    return value


def plain_indicator(indicator_id: str, raw: object, here: Location) -> IndicatorFigures:
    """An indicator's figures from plain data (every location ``here``), or :class:`Irregular`."""
    if type(raw) is not dict or not raw.keys() <= _PLAIN_INDICATOR_KEYS:
        raise Irregular
    values: dict[str, object] = {}
    for key in _QUANTITY_KEYS:  # in the located reader's order
        if key in raw:
            values[key] = _actual_of(raw[key]) if key == "actual" else quantity_of(raw[key])
    if "score" in raw:
        values["score"] = _decimal_of(raw["score"])
    if "level" in raw:
        values["level"] = _text(raw, "level")
    if "reason" in raw:
        values["reason"] = _text(raw, "reason")
    extra = raw.get("values")
    if extra is not None:
        if type(extra) is not dict:
            raise Irregular
        for key, item in extra.items():
            values[f"values.{key}"] = quantity_of(item)
    made: IndicatorFigures = _new(IndicatorFigures)  # slot by slot, as IndicatorFigures(...) would (see _new)
    _set_id(made, indicator_id)
    _set_values(made, ReadOnlyDict(values))  # what the read_only converters make of fresh dicts
    _set_locations(made, ReadOnlyDict(dict.fromkeys(values, here)))
    _set_evidence(made, _text(raw, "evidence") if "evidence" in raw else None)
    _set_not_applicable(made, None)
    _set_override(made, None)
    _set_location(made, here)
    return made


def plain_project(raw: object, unit: str | None, checks: list[SumCheck], here: Location) -> Project:
    """A project (and its parts' sum checks, appended to ``checks``) from plain data, or :class:`Irregular`."""
    if type(raw) is not dict or not raw.keys() <= _PROJECT_KEYS or "name" not in raw or "amount" not in raw:
        raise Irregular
    if "unit" in raw:
        unit = _text(raw, "unit") or unit
    name = raw["name"]
    if type(name) is not str:
        raise Irregular
    name = name or "?"
    amount = quantity_of(raw["amount"])
    if unit is not None and amount.unit is None:
        amount = with_unit(amount, unit)
    parts = raw.get("parts")
    children: tuple[Project, ...] = ()
    if parts:
        if type(parts) is not list:
            raise Irregular
        children = tuple(plain_project(part, unit, checks, here) for part in parts)
        found = tuple((str(part.get("name", "?")), with_unit(quantity_of(part["amount"]), unit)) for part in parts)
        checks.append(SumCheck(name=name, total=amount, parts=found, location=here))
    elif parts is not None and type(parts) is not list:  # an empty text, a zero, false: not a list
        raise Irregular
    task = raw.get("task")
    made: Project = _new(Project)  # what Project(name=…, …) makes: its slots set directly (see _PROJECT_SLOTS)
    _set_name(made, name)
    _set_amount(made, amount)
    _set_task(made, str(task) if task is not None else None)
    _set_parts(made, children)
    _set_note(made, _text(raw, "note") if "note" in raw else None)
    return made


# A folder's files list some 70 projects each. Project has no validator, converter or
# post-init, so its attrs __init__ only sets the slots, one frozen-setattr call each; setting
# them through the slots' own descriptors makes the same object at a third of the cost
# (as perfscore.rules.base.step does for Step). tests/test_fast_numbers.py holds it equal.
_new = object.__new__
_set_name, _set_amount, _set_task, _set_parts, _set_note = slot_setters(
    Project, "name", "amount", "task", "parts", "note"
)
_INDICATOR_SLOTS = ("id", "values", "locations", "evidence", "not_applicable", "override", "location")
_set_id, _set_values, _set_locations, _set_evidence, _set_not_applicable, _set_override, _set_location = slot_setters(
    IndicatorFigures, *_INDICATOR_SLOTS, converted=("values", "locations")
)  # made read-only here
_set_value, _set_unit, _set_text = slot_setters(Quantity, "value", "unit", "text")


def _quantity(value: Decimal, text: str) -> Quantity:
    """``Quantity(value=value, unit=None, text=text)``, its slots set directly (see ``_new``)."""
    made: Quantity = _new(Quantity)
    _set_value(made, value)
    _set_unit(made, None)
    _set_text(made, text)
    return made


_PUBLISHED_KEYS = frozenset({"scores", "total", "grade", "execution_rate", "source"})


def plain_published(raw: object, here: Location) -> Published:
    """The ``published`` block from plain data, or :class:`Irregular`."""
    if type(raw) is not dict or not raw.keys() <= _PUBLISHED_KEYS:
        raise Irregular
    scores: dict[str, Decimal] = {}
    locations: dict[str, Location] = {}
    table = raw.get("scores")
    if table is not None:
        if type(table) is not dict:
            raise Irregular
        for key, value in table.items():
            scores[key], locations[key] = _decimal_of(value), here
    return Published(
        scores=scores,
        score_locations=locations,
        total=_decimal_of(raw["total"]) if "total" in raw else None,
        grade=_text(raw, "grade"),
        execution_rate=quantity_of(raw["execution_rate"]) if "execution_rate" in raw else None,
        source=_text(raw, "source"),
        location=here,
    )


def plain_amounts(raw: object, here: Location) -> tuple[dict[str, Quantity], list[SumCheck]]:
    """The ``amounts`` block from plain data (each amount by its dotted name, the sum checks), or :class:`Irregular`."""
    amounts: dict[str, Quantity] = {}
    checks: list[SumCheck] = []
    _amounts(raw, "", None, amounts, checks, here)
    return amounts, checks


def _amounts(
    raw: object, prefix: str, unit: str | None, amounts: dict[str, Quantity], checks: list[SumCheck], here: Location
) -> None:
    if type(raw) is not dict:
        raise Irregular
    unit = _text(raw, "unit") or unit
    if "total" in raw and "parts" in raw:
        total = amounts[prefix] = with_unit(quantity_of(raw["total"]), unit)
        parts = raw["parts"]
        found: list[tuple[str, Quantity]] = []
        if parts is not None:
            if type(parts) is not dict:
                raise Irregular
            for key, value in parts.items():
                part = amounts[f"{prefix}.{key}"] = with_unit(quantity_of(value), unit)
                found.append((key, part))
        checks.append(SumCheck(name=prefix, total=total, parts=tuple(found), location=here))
        return
    for key, value in raw.items():
        if key == "unit":
            continue
        name = f"{prefix}.{key}" if prefix else key
        if type(value) is dict:
            _amounts(value, name, unit, amounts, checks, here)
        else:
            amounts[name] = with_unit(quantity_of(value), unit)
