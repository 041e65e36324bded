"""The result of scoring: an immutable scorecard that explains every number.

A :class:`Scorecard` holds the tree of :class:`GroupResult` and
:class:`IndicatorResult`, the total and grade (or, when figures are missing, the
range of totals and the grades still possible), and the warnings. Each indicator
result keeps the rule used and the pack line it came from, the figures it read and
where they were written, the deductions with reasons, and the steps of the rule's
reasoning, so ``explain`` can print the chain total → group → indicator → rule → figure.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any, NamedTuple

import attrs

from perfscore._core.decimals import own_context, plain
from perfscore._core.diagnostics import NOWHERE, Diagnostic, Location, Severity
from perfscore._core.latertext import write_on_read
from perfscore.rules.base import Deduction, Step


class Status(enum.Enum):
    """How a node's score came about."""

    SCORED = "scored"
    PARTIAL = "partial"  # some figure is missing: only a range is known
    OVERRIDDEN = "overridden"  # an assessor replaced the computed score, with a reason
    NOT_APPLICABLE = "not_applicable"  # dropped; its points were redistributed


@attrs.frozen(kw_only=True, slots=True)
class Input:
    """A figure a rule read: its name, its value as written, and where it was written."""

    name: str
    shown: str
    location: Location = NOWHERE
    _later: tuple[Callable[[Any], str], object] | None = attrs.field(default=None, init=False, eq=False, repr=False)


_shown_later = write_on_read(Input, "shown", "_later", lambda later: later[0](later[1]))


def input_shown_later(name: str, write: Callable[[Any], str], value: object, location: Location) -> Input:
    """An :class:`Input` whose ``shown`` is ``write(value)``, written when first read."""
    made = Input(name=name, shown="", location=location)
    _shown_later(made, (write, value))
    return made


@attrs.frozen(kw_only=True, slots=True)
class IndicatorResult:
    """One indicator's score and how it was reached."""

    id: str
    name: str
    path: tuple[str, ...]
    weight: Decimal  # effective weight, after any redistribution
    nominal_weight: Decimal
    score: Decimal | None
    low: Decimal
    high: Decimal
    status: Status
    rule: str
    rule_kind: str
    rule_location: Location = NOWHERE
    steps: tuple[Step, ...] = ()
    inputs: tuple[Input, ...] = ()
    deductions: tuple[Deduction, ...] = ()
    level: str | None = None
    computed: Decimal | None = None  # the rule's own score when an override replaced it
    reason: str | None = None
    evidence: str | None = None
    target_text: str | None = None
    unit: str | None = None  # the pack's ``unit:`` (计量单位), shown beside the target
    needs: str | None = None
    assumptions: tuple[str, ...] = ()
    measures: tuple[tuple[str, Decimal], ...] = ()
    weight_location: Location = NOWHERE  # where the nominal weight was written in the pack

    @property
    def is_group(self) -> bool:
        """Always false."""
        return False


@attrs.frozen(kw_only=True, slots=True)
class GroupResult:
    """A group's subtotal (合计) and its children's results."""

    id: str
    name: str
    path: tuple[str, ...]
    weight: Decimal
    nominal_weight: Decimal
    score: Decimal | None
    low: Decimal
    high: Decimal
    status: Status
    children: tuple[GroupResult | IndicatorResult, ...]
    goal: str | None = None
    aggregation: str = "points"
    assumptions: tuple[str, ...] = ()  # the pack's assumptions attached to the group
    weight_location: Location = NOWHERE  # where the nominal weight was written in the pack

    @property
    def is_group(self) -> bool:
        """Always true."""
        return True


NodeResult = GroupResult | IndicatorResult


class GroupNumbers(NamedTuple):
    """A group's subtotal as its :class:`GroupResult` shows it, without its children (what a batch row writes)."""

    id: str
    name: str
    path: tuple[str, ...]
    weight: Decimal
    score: Decimal | None
    low: Decimal
    high: Decimal
    status: Status


@attrs.frozen(kw_only=True, repr=False)
class Scorecard:
    """A department-year scored under one pack; immutable, serialisable, explainable."""

    pack_id: str
    pack_version: str
    pack_title: str
    language: str
    decimals: int
    department: str | None
    year: int | None
    total: Decimal | None
    low: Decimal
    high: Decimal
    max: Decimal
    grade: str | None
    grades_possible: tuple[str, ...]
    children: tuple[NodeResult, ...]
    diagnostics: tuple[Diagnostic, ...] = ()
    rescaled_from: Decimal | None = None  # the raw total when not-applicable points rescale it
    pack_file: str | None = None
    figures_file: str | None = None
    max_location: Location = NOWHERE  # where the pack's total was written; nowhere for the default 100
    _later: tuple[Callable[[Any], tuple[NodeResult, ...]], object] | None = attrs.field(
        default=None, init=False, eq=False, repr=False
    )

    @property
    def partial(self) -> bool:
        """Whether some figure was missing, so only a range of totals is known."""
        return self.total is None

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        """Diagnostics of warning severity (things that do not add up, missing figures)."""
        return tuple(d for d in self.diagnostics if d.severity is Severity.WARNING)

    @property
    def notes(self) -> tuple[Diagnostic, ...]:
        """Informational diagnostics (overrides, assumptions relied on, reconciliations)."""
        return tuple(d for d in self.diagnostics if d.severity is Severity.INFO)

    def walk(self) -> Iterator[NodeResult]:
        """Every group and indicator result, depth-first in pack order."""
        stack: list[NodeResult] = list(reversed(self.children))
        while stack:
            node = stack.pop()
            yield node
            if isinstance(node, GroupResult):
                stack.extend(reversed(node.children))

    def indicators(self) -> tuple[IndicatorResult, ...]:
        """The indicator results, in pack order."""
        return tuple(node for node in self.walk() if isinstance(node, IndicatorResult))

    def groups(self) -> tuple[GroupResult, ...]:
        """The group results, in pack order."""
        return tuple(node for node in self.walk() if isinstance(node, GroupResult))

    def group_numbers(self) -> tuple[GroupNumbers, ...]:
        """Each group's id, name, path, weight, score, low, high and status, in pack order, as :meth:`groups` has them.

        Read from what scoring worked out when the result objects are not built yet, so a
        caller that needs only the subtotals (a batch row) does not pay for building every
        indicator's explanation.
        """
        later = self._later
        records: Any = self.children if later is None else later[1][0]  # type: ignore[index]  # the records (scorecard_built_later)
        found: list[GroupNumbers] = []
        stack = list(reversed(records))
        while stack:
            record = stack.pop()
            children = getattr(record, "children", None)  # groups have children, built or not; indicators none
            if children is None:
                continue
            node = getattr(record, "plan", None)
            name, path = (record.name, record.path) if node is None else (node.node.name, node.path)
            weight, score, low, high, status = record.weight, record.score, record.low, record.high, record.status
            found.append(GroupNumbers(record.id, name, path, weight, score, low, high, status))
            stack.extend(reversed(children))
        return tuple(found)

    def node(self, node_id: str) -> NodeResult | None:
        """The result of the group or indicator ``node_id``, or None."""
        for node in self.walk():
            if node.id == node_id:
                return node
        return None

    def __getitem__(self, node_id: str) -> NodeResult:
        """``card["t3"]`` — the result of a group or indicator; ``KeyError`` if unknown."""
        found = self.node(node_id)
        if found is None:
            raise KeyError(node_id)
        return found

    def to_dict(self, lang: str | None = None) -> dict[str, object]:
        """The JSON contract as plain data (see :mod:`perfscore._views.serialize`)."""
        from perfscore._views.serialize import scorecard_to_dict  # noqa: PLC0415 - views live at the edge

        return scorecard_to_dict(self, lang)

    def to_json(self, lang: str | None = None) -> str:
        """Deterministic JSON text: the same scorecard always gives the same bytes."""
        from perfscore._views.serialize import to_json  # noqa: PLC0415 - views live at the edge

        return to_json(self.to_dict(lang))

    def to_records(self) -> list[dict[str, object]]:
        """One plain dict per indicator (group path, weight, score, rule, explanation)."""
        from perfscore._views.serialize import scorecard_records  # noqa: PLC0415 - views live at the edge

        return scorecard_records(self)

    @own_context
    def explain(self, node_id: str, lang: str | None = None) -> str:
        """The chain total → group → indicator → rule → figure for ``node_id``, as text."""
        from perfscore._views.explain import explain_node  # noqa: PLC0415 - views live at the edge

        return explain_node(self, node_id, lang)

    @own_context
    def table(
        self, fmt: str = "table", lang: str | None = None, *, evidence: bool = False, width: int | None = None
    ) -> str:
        """The 表2-style table (``table`` for a terminal, ``md`` for Markdown), fitted to ``width`` columns if given."""
        from perfscore._views.table import render_scorecard  # noqa: PLC0415 - views live at the edge

        return render_scorecard(self, fmt=fmt, lang=lang, evidence=evidence, width=width)

    def to_pandas(self, *, exact: bool = False) -> Any:  # noqa: ANN401 - pandas is optional: its DataFrame type cannot be named here
        """:meth:`to_records` as a ``pandas.DataFrame`` (needs ``perfscore[pandas]``).

        weight, score, low and high are float64 columns, so ``describe()``, ``groupby().mean()``
        and plots work; each float is the one nearest the exact 2-decimal value and prints
        as it. ``exact=True`` keeps the Decimals.
        """
        from perfscore._views.frames import card_frame  # noqa: PLC0415 - pandas is an optional extra

        return card_frame(self, exact=exact)

    def _repr_html_(self) -> str:
        """Jupyter's rich display: the total, the points-lost chart and the 表2-style table."""
        from perfscore.reports.htmlreport import scorecard_html  # noqa: PLC0415 - views live at the edge

        return scorecard_html(self)

    def __str__(self) -> str:
        """The terminal table, as a REPL user expects to see it."""
        return self.table()

    def __repr__(self) -> str:
        """One line a REPL can show: pack, department, total (or range), grade, counts."""
        total = f"range={plain(self.low)}–{plain(self.high)}" if self.total is None else f"total={plain(self.total)}"
        grade = f"grade={self.grade!r}" if self.grade else f"grades_possible={'、'.join(self.grades_possible)!r}"
        return (
            f"Scorecard(pack={self.pack_id!r}, version={self.pack_version!r}, department={self.department!r}, "
            f"year={self.year!r}, {total}, max={plain(self.max)}, {grade}, indicators={len(self.indicators())}, "
            f"warnings={len(self.warnings)})"
        )


_children_later = write_on_read(Scorecard, "children", "_later", lambda later: later[0](later[1]))


def scorecard_built_later(build: Callable[[Any], tuple[NodeResult, ...]], state: object, **fields: Any) -> Scorecard:  # noqa: ANN401 - the Scorecard's own fields
    """A :class:`Scorecard` whose ``children`` are ``build(state)``, built when first read.

    ``state``'s first item is the records the build reads (:mod:`perfscore._core.laterresults`):
    :meth:`Scorecard.group_numbers` reads the subtotals there without building.
    """
    made = Scorecard(children=(), **fields)
    _children_later(made, (build, state))
    return made
