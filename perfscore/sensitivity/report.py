"""The sensitivity report: per department, the range of totals, the grade odds, what moves them.

The report states what was sampled and how (:data:`METHOD`), so a reader can judge the
numbers without reading code; it renders as text in Chinese or English, or as JSON.
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from perfscore._core.decimals import own_context, plain

METHOD = {
    "en": (
        "Sampled {samples} times (seed {seed}, {engine}): every weight — of each group and each indicator — "
        "multiplied by a factor drawn uniformly in [{low}, {high}], then rescaled level by level so that "
        "siblings add up to their parent's weight and the top level to {total}; each qualitative judgement "
        "placed uniformly within the band of its level (the same place in the band for every department in a "
        "sample), or anywhere its rule allows when the figures give neither level nor score. Each other "
        "indicator keeps its achievement (score ÷ weight). Totals are not rounded per indicator; a grade "
        "change is counted against the reference grade: nominal weights, each judgement as scored (one not "
        "given at the middle of its range). The indicators most behind a change are ranked by how many points, on "
        "average over the samples whose grade changed, the change in their weight or judgement moved the total "
        "toward the new grade."
    ),
    "zh": (
        "抽样 {samples} 次（随机种子 {seed}，{engine}）：每个权重（各分组与各指标）"
        "乘以 [{low}, {high}] 内均匀抽取的系数，"
        "再逐级按比例缩放，使同级权重之和等于上级权重、顶层之和等于 {total}；"
        "每个定性评价在其等级区间内均匀取值（同一次抽样中各部门在区间内的位置相同），"
        "数据未给出等级与得分的，在规则允许的全部范围内取值。"
        "其余指标保持其完成比例（得分 ÷ 分值）不变。"
        "总分不按指标舍入；等级变化相对参考等级计算：权重不变、各评价按实际评分"
        "（未给出的评价取其范围的中点）。"
        "主要原因按平均推动的分数排序：在等级改变的抽样中，该指标权重或评价的变化使总分向新等级移动的平均分数。"
    ),
}


ENGINE_NAMES = {"pure Python": {"zh": "纯 Python"}}

WORDS = {
    "en": {
        "title": "sensitivity: ",
        "weights": "weights",
        "comma": ", ",
        "colon": ": ",
        "problem": "not analysed",
        "partial": "partial (figures missing)",
        "scored": "scored",
        "sampled": "sampled totals",
        "mean": "mean",
        "odds": "grade odds",
        "changed": "grade differs from {reference} in {share} of samples",
        "drivers": "most behind it",
        "weight": "weight",
        "judgement": "judgement",
        "unknown": "judgements not given (sampled over their range)",
        "held": "held fixed (rule not proportional to weight)",
    },
    "zh": {
        "title": "敏感性分析：",
        "weights": "权重",
        "comma": "，",
        "colon": "：",
        "problem": "无法分析",
        "partial": "部分结果（数据不全）",
        "scored": "评分",
        "sampled": "抽样总分",
        "mean": "平均",
        "odds": "等级概率",
        "changed": "等级与参考等级 {reference} 不同的抽样：{share}",
        "drivers": "主要原因",
        "weight": "权重",
        "judgement": "评价",
        "unknown": "未给出的评价（全范围抽样）",
        "held": "完成比例保持不变（规则与分值不成比例）",
    },
}


@attrs.frozen(kw_only=True)
class Driver:
    """An indicator whose weight or judgement moved totals toward another grade."""

    indicator: str
    name: str
    source: str  # "weight" or "judgement"
    push: float  # points toward the new grade, averaged over the samples that changed grade


@attrs.frozen(kw_only=True)
class DepartmentSensitivity:
    """One department's result."""

    name: str
    scored_total: Decimal | None
    scored_grade: str | None
    reference_grade: str | None
    low: float | None = None
    high: float | None = None
    mean: float | None = None
    probabilities: tuple[tuple[str, float], ...] = ()
    changed: float = 0.0  # share of samples whose grade differs from the reference grade
    drivers: tuple[Driver, ...] = ()
    unknown: tuple[str, ...] = ()  # judgements not given, sampled over all their rule allows
    held: tuple[str, ...] = ()  # achievements held though the rule is not proportional to the weight
    problem: str | None = None


@attrs.frozen(kw_only=True)
class SensitivityReport:
    """What :func:`perfscore.sensitivity.analyse` found."""

    pack_id: str
    pack_version: str
    samples: int
    seed: int
    spread: float
    total: Decimal
    engine: str
    departments: tuple[DepartmentSensitivity, ...]

    @own_context
    def method(self, lang: str = "en") -> str:
        """What was sampled and how, in words."""
        return METHOD["zh" if lang == "zh" else "en"].format(
            samples=self.samples,
            seed=self.seed,
            engine=ENGINE_NAMES.get(self.engine, {}).get(lang, self.engine),
            low=_number(1 - self.spread),
            high=_number(1 + self.spread),
            total=plain(self.total),
        )

    @own_context
    def to_dict(self) -> dict[str, object]:
        """Plain data for JSON."""
        return {
            "pack": self.pack_id,
            "version": self.pack_version,
            "samples": self.samples,
            "seed": self.seed,
            "weights": f"±{_number(self.spread * 100)}%",
            "engine": self.engine,
            "method": self.method("en"),
            "departments": [_department_dict(d) for d in self.departments],
        }

    @own_context
    def text(self, lang: str = "en") -> str:
        """The report for a terminal."""
        zh = lang == "zh"
        words = WORDS["zh" if zh else "en"]
        spread = f"{words['weights']} ±{_number(self.spread * 100)}%"
        title = f"{words['title']}{self.pack_id} v{self.pack_version}{words['comma']}{spread}"
        lines = [title, self.method(lang), ""]
        for department in self.departments:
            lines.extend(_department_lines(department, zh=zh))
            lines.append("")
        return "\n".join(lines).rstrip() + "\n"


def _number(value: float) -> str:
    return format(round(value, 6), "g")


def _points(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def _department_dict(department: DepartmentSensitivity) -> dict[str, object]:
    return {
        "name": department.name,
        "scored_total": None if department.scored_total is None else plain(department.scored_total),
        "scored_grade": department.scored_grade,
        "reference_grade": department.reference_grade,
        "range": None if department.low is None else [round(department.low, 2), round(department.high or 0, 2)],
        "mean": None if department.mean is None else round(department.mean, 2),
        "grades": {label: round(p, 4) for label, p in department.probabilities},
        "changed": round(department.changed, 4),
        "drivers": [
            {"indicator": d.indicator, "name": d.name, "source": d.source, "push": round(d.push, 3)}
            for d in department.drivers
        ],
        "unknown": list(department.unknown),
        "held": list(department.held),
        "problem": department.problem,
    }


def _department_lines(department: DepartmentSensitivity, *, zh: bool) -> list[str]:
    words = WORDS["zh" if zh else "en"]
    comma, colon = words["comma"], words["colon"]
    lines = [department.name]
    if department.problem is not None:
        lines.append(f"  {words['problem']}{colon}{department.problem}")
        return lines
    if department.scored_total is None:
        scored = words["partial"]
    else:
        scored = f"{_points(float(department.scored_total))} {department.scored_grade or '—'}"
    lines.append(
        f"  {words['scored']}{colon}{scored}{comma}{words['sampled']}{colon}"
        f"{_points(department.low)}–{_points(department.high)}{comma}{words['mean']} {_points(department.mean)}"
    )
    odds = "  ".join(f"{label} {p * 100:.1f}%" for label, p in department.probabilities)
    lines.append(f"  {words['odds']}{colon}{odds}")
    changed = f"{department.changed * 100:.1f}%"
    lines.append("  " + words["changed"].format(reference=department.reference_grade or "—", share=changed))
    if department.drivers:
        shown = "; ".join(f"{d.indicator} {d.name} ({words[d.source]}, {d.push:+.2f})" for d in department.drivers)
        lines.append(f"  {words['drivers']}{colon}{shown}")
    if department.unknown:
        lines.append(f"  {words['unknown']}{colon}" + ", ".join(department.unknown))
    if department.held:
        lines.append(f"  {words['held']}{colon}" + ", ".join(department.held))
    return lines
