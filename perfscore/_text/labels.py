"""The words of reports, in Chinese and English, in one table so the two stay in step."""

from __future__ import annotations

from collections.abc import Mapping

from perfscore._core.diagnostics import Lang
from perfscore.rules.kinds import DEFAULT_REGISTRY

_WORDS: Mapping[str, tuple[str, str]] = {
    "report": ("绩效自评评分报告", "Performance self-evaluation score report"),
    "department": ("单位", "Department"),
    "year": ("年度", "Year"),
    "pack": ("规则包", "Rule pack"),
    "source": ("依据", "Source"),
    "figures": ("数据文件", "Figures"),
    "scheme": ("指标体系（表1）", "Indicator scheme (table 1)"),
    "scores": ("评分表（表2）", "Score table (table 2)"),
    "result": ("总分与等级", "Total and grade"),
    "subtotals": ("各级合计", "Subtotals"),
    "deductions": ("扣分及理由", "Points lost and why"),
    "warnings": ("警告", "Warnings"),
    "notes": ("说明", "Notes"),
    "assumptions": ("规则包声明的假设", "Assumptions the pack declares"),
    "adjustments": ("方案调整", "Adjustments to the plan"),
    "charts": ("图示", "Charts"),
    "lost_chart": ("各分组失分", "Points lost per group"),
    "grade_chart": ("总分在等级区间中的位置", "Where the total sits among the grade bands"),
    "task": ("任务", "Task"),
    "indicator": ("指标", "Indicator"),
    "evidence": ("实现情况", "Evidence"),
    "weight": ("权重", "Weight"),
    "score": ("得分", "Score"),
    "subtotal": ("合计", "Subtotal"),
    "how": ("评分说明", "How it was scored"),
    "target": ("指标值", "Target"),
    "rule": ("评分规则", "Rule"),
    "level": ("级指标", "-level indicator"),
    "total": ("总分", "Total"),
    "max": ("满分", "Full marks"),
    "grade": ("等级", "Grade"),
    "partial": ("部分结果", "partial result"),
    "range": ("总分区间", "Range of totals"),
    "possible": ("仍可能的等级", "Grades still possible"),
    "reconcile": ("与公布结果核对", "Reconciliation with the published result"),
    "lost": ("失分", "Lost"),
    "reason": ("理由", "Reason"),
    "none": ("无", "None"),
    "id": ("编号", "Id"),
    "text": ("内容", "Text"),
    "used_by": ("涉及指标", "Used by"),
    "op": ("调整", "Change"),
    "remove": ("删除", "removed"),
    "update": ("修改", "changed"),
    "add": ("新增", "added"),
    "code": ("代码", "Code"),
    "message": ("内容", "Message"),
    "where": ("位置", "Where"),
    "rescaled": ("按比例折算自", "rescaled from"),
    "missing": ("缺少数据", "missing figures"),
    "certain": ("确定失分", "certain loss"),
    "uncertain": ("可能失分", "possible loss"),
    "made_by": ("由 perfscore {version} 生成", "Made by perfscore {version}"),
    "points": ("分", "points"),
    "low": ("最低", "Lowest"),
    "high": ("最高", "Highest"),
}


LEVEL_NAMES_ZH = ("一级指标", "二级指标", "三级指标", "四级指标", "五级指标", "六级指标")


def word(key: str, lang: Lang) -> str:
    """The word for ``key`` in ``lang``."""
    zh, en = _WORDS[key]
    return zh if lang == "zh" else en


def level_name(depth: int, lang: Lang) -> str:
    """``一级指标`` / ``Level-1 indicator`` for a 0-based ``depth``."""
    if lang == "zh":
        return LEVEL_NAMES_ZH[depth] if depth < len(LEVEL_NAMES_ZH) else f"{depth + 1}级指标"
    return f"Level {depth + 1}"


def rule_name(kind: str, lang: Lang) -> str:
    """A rule kind as a reader knows it: ``正向`` for ``positive`` in Chinese (from the kind's record)."""
    found = DEFAULT_REGISTRY.get(kind)
    if found is not None:
        return found.label(lang)
    return kind if lang == "zh" else kind.replace("_", " ")
