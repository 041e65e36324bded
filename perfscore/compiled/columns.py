"""Which record key holds which figure, and what the exact answer for a record is.

A batch of departments arrives as records (one flat mapping per department, as
``DataFrame.to_dict("records")`` or a CSV reader gives them) or as columns. Columns
are named as in a ``perfscore batch`` table (docs/batch.md): a figure an indicator's
rule reads is ``"ID:KEY"`` — for example ``"t4.drug_campaigns:actual"`` or
``"I01:target"`` — and a department-level amount is ``"amounts:PATH"``, such as
``"amounts:budget.executed"``. ``compile_pack(pack, columns={...})`` renames any of them.

:func:`figures_from_record` defines **the exact answer** for a record: the record is
read into :class:`~perfscore._core.figures.Figures` by :func:`perfscore.figures_from_mapping`
— a ``float`` becomes the :class:`~decimal.Decimal` of its shortest ``repr`` (``0.1``
is read as ``Decimal("0.1")``, never as the binary fraction behind it) — and
``perfscore.score`` scores those figures. Before that, a record is normalised the way
tables mean it: ``None`` and NaN (pandas' "missing") leave the figure out, so the
result is partial rather than wrong; NumPy scalars become the Python number they
hold. Everything else (a ``bool``, a ``Decimal``, text such as ``"97.87%"``) is passed
on unchanged, so the loader accepts or refuses it exactly as it does in a figures
file. The compiled paths return what ``perfscore.score`` returns for these figures,
number for number, or fall back to it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from perfscore._core.figures import Figures
from perfscore._core.model import Indicator

# Figure keys a record can hold as one scalar per indicator (checklist answers and
# lists of deductions are not flat; score such departments from a figures file).
SCALAR_KEYS = frozenset({"actual", "target", "level", "score", "reason", "count"})
_INDICATOR_NAMES = frozenset({"actual", "target", "score"})


@attrs.frozen(kw_only=True)
class FigureColumn:
    """One figure a pack reads and the record key it is found under.

    ``indicator`` is None for a department-level amount, whose ``key`` is its name.
    """

    indicator: str | None
    key: str
    column: str

    @property
    def default_name(self) -> str:
        """The name the column has unless renamed: ``"ID:KEY"`` or ``"amounts:PATH"``."""
        return column_name(self.indicator, self.key)


def column_name(indicator: str | None, key: str) -> str:
    """The default record key of a figure, as a batch table's header names it.

    ``column_name("I01", "actual") == "I01:actual"``; an amount (``indicator`` None) is
    ``"amounts:budget.executed"``.
    """
    return f"amounts:{key}" if indicator is None else f"{indicator}:{key}"


def figure_keys(reads: Iterable[str]) -> tuple[tuple[bool, str], ...]:
    """What a rule's ``reads()`` means as figures: (is an amount, key or amount name).

    ``@budget.adjusted`` is an amount; ``actual``, ``level``, ``values.rate`` belong to
    the indicator; any other bare name is one a formula reads, which perfscore looks
    up among the amounts.
    """
    found: list[tuple[bool, str]] = []
    for key in sorted(reads):
        if key.startswith("@"):
            found.append((True, key[1:]))
        elif key in SCALAR_KEYS or key.startswith("values."):
            found.append((False, key))
        elif key not in {"items", "deductions"}:
            found.append((True, key))
    return tuple(found)


def default_columns(indicators: Iterable[Indicator]) -> tuple[FigureColumn, ...]:
    """Every figure the indicators' rules read, under its default record key, in pack order."""
    columns: dict[tuple[str | None, str], FigureColumn] = {}
    for indicator in indicators:
        for is_amount, key in figure_keys(indicator.rule.reads()):
            owner = None if is_amount else indicator.id
            column = FigureColumn(indicator=owner, key=key, column=column_name(owner, key))
            columns.setdefault((owner, key), column)
    return tuple(columns.values())


def is_missing(value: object) -> bool:
    """None, NaN and pandas' ``NA`` (what tables mean by "missing") leave a figure out."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return True
    return type(value).__name__ in _MISSING_TYPES


_MISSING_TYPES = frozenset({"NAType", "NaTType"})


def plain_value(value: Any) -> Any:  # noqa: ANN401 - a record holds values of any type
    """A NumPy scalar as the Python number it holds; anything else unchanged.

    ``numpy.float64`` is a ``float`` subclass and becomes that float; ``numpy.int64``,
    ``numpy.float32`` and ``numpy.bool_`` become the Python ``int``, ``float`` or ``bool``
    they hold. A ``bool`` stays a truth value, which the loader refuses as a number.
    """
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        return float(value)
    if isinstance(value, int):
        return int(value)
    if hasattr(value, "dtype") and callable(getattr(value, "item", None)):
        return value.item()
    return value


def figures_from_record(
    columns: Iterable[FigureColumn], record: Mapping[str, Any], *, name: str = "<record>"
) -> Figures:
    """The figures a record holds, read exactly as a figures file would be (see the module notes)."""
    from perfscore._inputs.figures import figures_from_mapping  # noqa: PLC0415 - loaded on the exact path only

    indicators: dict[str, dict[str, Any]] = {}
    amounts: dict[str, Any] = {}
    for column in columns:
        value = plain_value(record.get(column.column))
        if is_missing(value):
            continue
        if column.indicator is None:
            _nest(amounts, column.key.split("."), value)
        else:
            entry = indicators.setdefault(column.indicator, {})
            if column.key.startswith("values."):
                entry.setdefault("values", {})[column.key.removeprefix("values.")] = value
            else:
                entry[column.key] = value
    data: dict[str, Any] = {"indicators": indicators}
    if amounts:
        data["amounts"] = amounts
    return figures_from_mapping(data, name=name)


def _nest(into: dict[str, Any], parts: list[str], value: object) -> None:
    """Put ``budget.executed`` under ``{"budget": {"executed": ...}}``, as a figures file writes it."""
    for part in parts[:-1]:
        found = into.setdefault(part, {})
        if not isinstance(found, dict):  # an amount named like a prefix of another: keep the first
            return
        into = found
    into.setdefault(parts[-1], value)
