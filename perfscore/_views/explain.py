"""Explaining one score as a chain: total → group → indicator → rule → figure.

Like glom's error traces, the explanation reads from the top down to the step that
produced the number, in the pack's language, and every line that came from a file
says where: the rule's line in the pack, each figure's line in the figures file.
"""

from __future__ import annotations

from perfscore._core.decimals import plain
from perfscore._core.diagnostics import Diagnostic, Lang, UsageError, diagnostic
from perfscore._core.scorecard import GroupResult, IndicatorResult, NodeResult, Scorecard
from perfscore._text.phrases import render_step
from perfscore._text.suggest import suggest

WORDS = {
    "zh": {
        "total": "总分",
        "partial": "部分结果，介于",
        "grade": "等级",
        "rule": "规则",
        "inputs": "读取的数据",
        "deductions": "扣分",
        "reason": "理由",
        "evidence": "实现情况",
        "target": "指标值",
        "unit": "单位",
        "level": "评价等级",
        "computed": "计算得分",
        "assumption": "假设",
        "missing": "缺少",
        "na": "不适用",
        "of": "/",
    },
    "en": {
        "total": "total",
        "partial": "partial, between",
        "grade": "grade",
        "rule": "rule",
        "inputs": "figures read",
        "deductions": "deductions",
        "reason": "reason",
        "evidence": "evidence",
        "target": "target",
        "unit": "unit",
        "level": "level",
        "computed": "computed",
        "assumption": "assumption",
        "missing": "missing",
        "na": "not applicable",
        "of": "of",
    },
}


def _lang(card: Scorecard, lang: str | None) -> Lang:
    return "zh" if (lang or card.language) == "zh" else "en"


def score_text(score: object, low: object, high: object, weight: object, lang: Lang) -> str:
    """``0.5 / 1``, or ``0–20 / 20`` when only a range is known."""
    words = WORDS[lang]
    shown = plain(score) if score is not None else f"{plain(low)}–{plain(high)}"  # type: ignore[arg-type]
    return f"{shown} {words['of']} {plain(weight)}"  # type: ignore[arg-type]


def explain_node(card: Scorecard, node_id: str, lang: str | None = None) -> str:
    """The explanation of ``node_id``; raise :class:`UsageError` for an unknown id."""
    language = _lang(card, lang)
    words = WORDS[language]
    chain = _chain(card, node_id)
    if chain is None:
        known = [node.id for node in card.walk()] + [node.name for node in card.walk()]
        raise UsageError([_unknown(node_id, known)])
    lines = [
        f"{words['total']}: "
        + (
            f"{plain(card.total)} {words['of']} {plain(card.max)}, {words['grade']} {card.grade}"
            if card.total is not None
            else f"{words['partial']} {plain(card.low)}–{plain(card.high)} {words['of']} {plain(card.max)}"
        )
    ]
    for depth, node in enumerate(chain, start=1):
        lines.append(
            "  " * depth
            + f"→ {node.name} [{node.id}]: {score_text(node.score, node.low, node.high, node.weight, language)}"
        )
    target = chain[-1]
    pad = "  " * (len(chain) + 1)
    if isinstance(target, GroupResult):
        if target.assumptions:
            lines.append(pad + f"{words['assumption']}: {'、'.join(target.assumptions)}")
        lines.extend(
            pad + f"· {child.name}: {score_text(child.score, child.low, child.high, child.weight, language)}"
            for child in target.children
        )
        return "\n".join(lines)
    lines.extend(_indicator_lines(target, pad, language))
    return "\n".join(lines)


def _indicator_lines(result: IndicatorResult, pad: str, lang: Lang) -> list[str]:
    words = WORDS[lang]
    lines = [
        pad + f"{words['rule']}: {result.rule}" + (f"  ({result.rule_location})" if result.rule_location.known else "")
    ]
    unit = f"{words['unit']}: {result.unit}" if result.unit else ""
    if result.target_text:
        lines.append(pad + f"{words['target']}: {result.target_text}" + (f"  ({unit})" if unit else ""))
    elif unit:
        lines.append(pad + unit)
    lines.extend(pad + "  " + render_step(s.key, dict(s.params), lang) for s in result.steps)
    if result.inputs:
        lines.append(pad + f"{words['inputs']}:")
        lines.extend(
            pad + f"  {i.name} = {i.shown}" + (f"  ({i.location})" if i.location.known else "") for i in result.inputs
        )
    if result.deductions:
        lines.append(pad + f"{words['deductions']}:")
        lines.extend(
            pad + f"  −{plain(d.points)} {d.reason}" + (f"  ({d.location})" if d.location.known else "")
            for d in result.deductions
        )
    if result.level:
        lines.append(pad + f"{words['level']}: {result.level}")
    if result.reason:
        lines.append(pad + f"{words['reason']}: {result.reason}")
    if result.assumptions:
        lines.append(pad + f"{words['assumption']}: {'、'.join(result.assumptions)}")
    if result.evidence:
        lines.append(pad + f"{words['evidence']}: {result.evidence}")
    return lines


def _chain(card: Scorecard, node_id: str) -> list[NodeResult] | None:
    target = card.node(node_id) or next((node for node in card.walk() if node.name == node_id), None)
    if target is None:
        return None
    chain: list[NodeResult] = []
    level: tuple[NodeResult, ...] = card.children
    for part in target.path:
        found = next(node for node in level if node.id == part)
        chain.append(found)
        level = found.children if isinstance(found, GroupResult) else ()
    return chain


def _unknown(node_id: str, known: list[str]) -> Diagnostic:
    return diagnostic("USAGE_INDICATOR_UNKNOWN", id=node_id, suggestion=suggest(node_id, known))
