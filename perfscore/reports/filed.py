"""What the filed 部门整体支出绩效自评报告 says, worked out once for the Word report (and any template).

The seed report has a fixed outline: 一、基本情况 (部门概况, 年度总体工作和重点工作任务),
二、综合评价分析 (自评结论综述, the budget table, 表1, 表2, 各重点任务项目支出完成情况),
三、存在的主要问题, 四、改进措施. The scores come from the scorecard; the free text comes
from the figures file's ``report:`` section, and where the figures give none a report
shows a clearly marked placeholder for the department to fill in. Everything here is
plain Chinese (or English) for officials: no diagnostic codes, ids, file locations or
interval notation — those belong to the 技术附录 (``--audit``).
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from perfscore._core.decimals import HUNDRED, ZERO, RoundingPolicy, div, mul, plain, sub
from perfscore._core.diagnostics import Lang
from perfscore._core.figures import Figures, Project
from perfscore._core.units import Quantity
from perfscore.reports.plain import placeholder, plain_sentence
from perfscore.reports.view import ReportView, cell_text

_RATE = RoundingPolicy(decimals=2)


@attrs.frozen(kw_only=True)
class BudgetRow:
    """The budget table's one row: 年初预算 / 调整预算 / 执行数 (None where not given) / 执行率."""

    unit: str
    initial: Decimal | None
    adjusted: Decimal | None
    executed: Decimal | None
    rate: Decimal | None  # percent, two places, half-up


@attrs.frozen(kw_only=True)
class TaskProjects:
    """The key projects of one task (by the project's ``task:``), in figures order."""

    name: str
    projects: tuple[Project, ...]


@attrs.frozen(kw_only=True)
class Problem:
    """A point lost (or possibly lost) and why, pre-filled into 三、存在的主要问题."""

    name: str
    lost: str
    weight: str
    score: str
    reason: str


@attrs.frozen(kw_only=True)
class FiledReport:
    """Everything the filed report shows besides the tables the :class:`ReportView` already holds."""

    view: ReportView
    text: dict[str, str]
    budget: BudgetRow
    tasks: tuple[TaskProjects, ...]
    problems: tuple[Problem, ...]

    @property
    def lang(self) -> Lang:
        """The report's language."""
        return self.view.lang

    def section(self, key: str, what: str) -> str:
        """The figures' text for ``key``, or a placeholder naming ``what`` is to be written."""
        return self.text.get(key) or placeholder(what, self.lang)


def _amount(figures: Figures | None, name: str) -> Quantity | None:
    return figures.amounts.get(name) if figures is not None else None


def budget_row(figures: Figures | None) -> BudgetRow:
    """年初预算 (``budget.initial``), 调整预算 (``budget.adjusted``), 执行数 (``budget.executed``), 执行率."""
    initial, adjusted, executed = (_amount(figures, f"budget.{key}") for key in ("initial", "adjusted", "executed"))
    unit = next((q.unit.symbol for q in (initial, adjusted, executed) if q is not None and q.unit), "万元")
    base = adjusted or initial
    rate = None
    if executed is not None and base is not None and base.value != ZERO:
        rate = _RATE.apply(mul(div(executed.value, base.value), HUNDRED))
    return BudgetRow(
        unit=unit,
        initial=initial.value if initial else None,
        adjusted=adjusted.value if adjusted else None,
        executed=executed.value if executed else None,
        rate=rate,
    )


def _tasks(view: ReportView, figures: Figures | None) -> tuple[TaskProjects, ...]:
    if figures is None or not figures.projects:
        return ()
    names = {group.id: group.name for group in view.card.groups()}
    order: dict[str, list[Project]] = {}
    for project in figures.projects:
        key = project.task or ""
        order.setdefault(key, []).append(project)
    other = "其他" if view.lang == "zh" else "Other"
    return tuple(TaskProjects(name=names.get(key, key) or other, projects=tuple(items)) for key, items in order.items())


def _problems(view: ReportView) -> tuple[Problem, ...]:
    found = [
        Problem(
            name=item.result.name,
            lost=plain(item.lost),
            weight=plain(item.result.weight),
            score=cell_text(item.result),
            reason=plain_sentence("；".join(item.reasons) or item.how),
        )
        for item in view.deducted
    ]
    pending = "尚缺数据，得分待定" if view.lang == "zh" else "figures missing; the score is not yet known"
    found.extend(
        Problem(
            name=result.name,
            lost=f"{plain(sub(result.weight, result.high))}–{plain(sub(result.weight, result.low))}",
            weight=plain(result.weight),
            score=cell_text(result),
            reason=pending,
        )
        for result in view.card.indicators()
        if result.score is None and result.high > result.low
    )
    return tuple(found)


def filed_report(view: ReportView, figures: Figures | None) -> FiledReport:
    """The filed report of ``view``; ``figures`` supplies the free text, the budget and the projects."""
    return FiledReport(
        view=view,
        text=dict(figures.report) if figures is not None else {},
        budget=budget_row(figures),
        tasks=_tasks(view, figures),
        problems=_problems(view),
    )


def conclusion(filed: FiledReport) -> str:
    """自评结论综述's first sentence: the total and grade, or the range and the grades still possible."""
    card, zh = filed.view.card, filed.lang == "zh"
    who = card.department or ("本部门" if zh else "The department")
    year = f"{card.year}年" if zh and card.year else (f"{card.year} " if card.year else "")
    if card.total is not None:
        if zh:
            return (
                f"{who}{year}部门整体支出绩效自评得分 {plain(card.total)} 分"
                f"（满分 {plain(card.max)} 分），等级为“{card.grade}”。"
            )
        return f"{who}'s {year}self-evaluation scores {plain(card.total)} of {plain(card.max)}, grade {card.grade}."
    grades = "、".join(f"“{grade}”" for grade in card.grades_possible) or "—"
    if zh:
        return (
            f"{who}{year}部门整体支出绩效自评尚有指标缺少数据，得分在 {plain(card.low)} 至 {plain(card.high)} 分之间"
            f"（满分 {plain(card.max)} 分），等级仍可能为 {grades}。"
        )
    return (
        f"{who}'s {year}self-evaluation is incomplete: the total lies between {plain(card.low)} and "
        f"{plain(card.high)} of {plain(card.max)}; grades still possible: {grades}."
    )
