"""Writing the figures of an imported 自评表: 完成值, 得分系数, 原因, and what the form printed.

``perfscore import-table --figures FILE`` turns the 完成值 / 得分 / 系数 / 原因 columns into
a figures file beside the pack, so that one command makes a printed table scorable:

- a 完成值 a rule can compare (a number, a word of the attainment vocabulary, or the
  target's own text) is the ``actual``; a 得分系数 is the ``coefficient``;
- an indicator the rules cannot compute from what is printed — no target, or a
  completion written in words the vocabulary does not know — takes the printed 得分
  as the assessor's: ``score`` for a qualitative rule, otherwise an ``override`` whose
  reason says what was missing;
- the fund row's amounts and rate go under ``amounts: budget`` (with its unit);
- every printed 得分 and the 总分 go under ``published``, so that ``perfscore score``
  reconciles the computed scores with them.
"""

from __future__ import annotations

import json

from perfscore._core.diagnostics import ParseError
from perfscore._core.numerals import parse_quantity
from perfscore._core.targets import Op, parse_target
from perfscore._core.wording import DEFAULT_ATTAINMENT, attained
from perfscore._tableimport.packtext import BUDGET_ID, Leaf, month_of
from perfscore._tableimport.preamble import BudgetRow, Preamble

_COMPARED = frozenset({"positive", "reverse", "equal"})
_AMOUNTS = (("adjusted", "adjusted"), ("executed", "executed"), ("rate", "rate"))


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def usable_actual(leaf: Leaf) -> bool:
    """Whether the printed 完成值 is something the engine scores against the target."""
    actual = leaf.node.actual
    if actual is None:
        return False
    try:
        parse_quantity(actual)
    except ParseError:
        pass
    else:
        return leaf.rule in _COMPARED
    try:
        parse_target(actual)
    except ParseError:
        return False
    label = leaf.parsed is not None and leaf.parsed.op is Op.LABEL
    if leaf.rule not in _COMPARED and not label:
        return False
    return attained(actual, leaf.target, DEFAULT_ATTAINMENT) is not None


def budget_amounts(fund: BudgetRow) -> list[tuple[str, str]]:
    """The fund row's amounts and rate as figures: amounts only when the budget is above 0, a rate as a percent.

    A form that prints 0 for the budget (the real amounts sit in a 其中 row) gives no
    amounts; a rate printed as a bare number is read as percent when above 1 (``86`` is
    86%) or 0, and left out when in (0, 1], where it could be a fraction.
    """
    found: list[tuple[str, str]] = []
    try:
        budget = parse_quantity(fund.get("adjusted") or "")
    except ParseError:
        budget = None
    if budget is not None and budget.value > 0:
        found += [(key, fund.get(role) or "") for role, key in _AMOUNTS[:2] if fund.get(role)]
    rate = fund.get("rate")
    if rate:
        try:
            value = parse_quantity(rate)
        except ParseError:
            return found
        if value.unit is not None:
            found.append(("rate", rate))
        elif value.value == 0 or value.value > 1:
            found.append(("rate", f"{rate}%"))
    return found


def figures_text(leaves: list[Leaf], preamble: Preamble, *, pack_id: str, published_total: str | None) -> str:
    """The figures file's YAML text."""
    lines = ["# Written by `perfscore import-table --figures` from the table's 完成值/得分 columns.", "perfscore: 1"]
    lines.append(f"pack: {_q(pack_id)}")
    department = preamble.field("实施单位") or preamble.field("部门") or preamble.field("主管部门")
    if department:
        lines.append(f"department: {_q(department)}")
    fund = preamble.budget
    amounts = budget_amounts(fund) if fund is not None else []
    if fund is not None and amounts:
        lines += ["amounts:", "  budget:"]
        if fund.unit:
            lines.append(f"    unit: {_q(fund.unit)}")
        lines += [f"    {key}: {_q(text)}" for key, text in amounts]
    lines.append("indicators:")
    for leaf in leaves:
        entry = _entry(leaf)
        if entry:
            lines.append(f"  {_q(leaf.id)}: {{{', '.join(entry)}}}")
    scores = [(leaf.id, leaf.node.score) for leaf in leaves if leaf.node.score is not None]
    if fund is not None and fund.get("score"):
        scores.insert(0, (BUDGET_ID, fund.get("score") or ""))
    if scores or published_total:
        lines.append("published:")
        if published_total:
            lines.append(f"  total: {_q(published_total)}")
        if scores:
            lines.append("  scores:")
            lines += [f"    {_q(key)}: {_q(value)}" for key, value in scores]
    return "\n".join(lines) + "\n"


def _entry(leaf: Leaf) -> list[str]:
    """One indicator's figures: what the rules read, or the printed score as the assessor's."""
    node = leaf.node
    entry: list[str] = []
    if node.coefficient is not None:
        entry.append(f"coefficient: {_q(node.coefficient)}")
    elif usable_actual(leaf):
        entry.append(f"actual: {_q(node.actual or '')}")
    elif node.actual is not None and leaf.target is not None and month_of(node.actual) and leaf.rule in _COMPARED:
        entry.append(f"actual: {_q(month_of(node.actual) or '')}")  # 2023年10月 against ≤12月 of the same year
    elif node.score is not None and leaf.rule == "qualitative":
        entry.append(f"score: {_q(node.score)}")
    elif node.score is not None:
        why = "表中未印完成值" if node.actual is None else f"完成值“{node.actual}”无法按规则与指标值比较"
        entry.append(f"override: {{score: {_q(node.score)}, reason: {_q(why + '，采用表中得分')}}}")
    if node.reason:
        entry.append(f"reason: {_q(node.reason)}")
    return entry
