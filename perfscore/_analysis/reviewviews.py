"""A review as the JSON contract and as a document (terminal table, Markdown, HTML, xlsx).

JSON, like ``score --format json``: every group and indicator a nested object
(``children``) with ``id``, ``name``, ``self``, ``review``, ``difference`` (self −
review; null when either side is only a range, with ``difference_range`` always
given), ``reason`` (the reviewer's, or null) and ``over_claim`` (true, false, or null
when a partial result leaves it undecided); at the top both sides' totals, grades and
scoring warnings, the total's difference and over-claim, and ``grade_changed``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from perfscore._analysis.document import Cell, Document, Section
from perfscore._core.decimals import plain
from perfscore._core.diagnostics import Lang
from perfscore._core.scorecard import Scorecard

if TYPE_CHECKING:  # annotations only: the models import their views, not the other way round
    from perfscore._analysis.review import NodeReview, Review, Span

WORDS: dict[str, dict[str, str]] = {
    "zh": {
        "title": "自评与复核比较",
        "headers": "编号|名称|权重|自评|复核|差额（自评−复核）|自评偏高|复核理由",
        "self": "自评",
        "review": "复核",
        "self_total": "自评总分",
        "review_total": "复核总分",
        "sep": "，",
        "grade": "等级",
        "possible": "仍可能的等级",
        "difference": "差额（自评−复核）",
        "changed": "等级变化",
        "yes": "是",
        "no": "否",
        "unknown": "待定",
        "over": "自评偏高超过 {t} 分的指标",
        "overclaim": "自评偏高",
        "none": "无",
        "scores": "逐项比较",
        "result": "结果",
        "warnings": "警告",
    },
    "en": {
        "title": "Self-evaluation against review",
        "headers": "id|name|weight|self|review|difference (self − review)|over-claim|reviewer's reason",
        "self": "self",
        "review": "review",
        "self_total": "self total",
        "review_total": "review total",
        "sep": ", ",
        "grade": "grade",
        "possible": "grades still possible",
        "difference": "difference (self − review)",
        "changed": "grade changed",
        "yes": "yes",
        "no": "no",
        "unknown": "undecided",
        "over": "indicators self-scored more than {t} points above the review",
        "overclaim": "over-claim",
        "none": "none",
        "scores": "Side by side",
        "result": "Result",
        "warnings": "Warnings",
    },
}


def _lang(review: Review, lang: str | None) -> Lang:
    return "zh" if (lang or review.self_card.language) == "zh" else "en"


def _number(value: Decimal | None) -> Decimal | None:
    return None if value is None else Decimal(plain(value))


def _range(span: Span) -> dict[str, Decimal | None]:
    return {"low": _number(span.low), "high": _number(span.high)}


def _node(node: NodeReview) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": node.id,
        "name": node.name,
        "type": "group" if node.is_group else "indicator",
        "weight": _number(node.weight),
        "self": _number(node.self_score.value),
        "review": _number(node.review_score.value),
        "difference": _number(node.difference.value),
        "self_range": _range(node.self_score),
        "review_range": _range(node.review_score),
        "difference_range": _range(node.difference),
        "over_claim": node.over_claim,
        "self_status": node.self_status,
        "review_status": node.review_status,
        "reason": node.reason,
    }
    if node.is_group:
        data["children"] = [_node(child) for child in node.children]
    return data


def _side(card: Scorecard, lang: Lang) -> dict[str, Any]:
    return {
        "figures_file": card.figures_file,
        "total": _number(card.total),
        "range": {"low": _number(card.low), "high": _number(card.high)},
        "grade": card.grade,
        "grades_possible": list(card.grades_possible),
        "partial": card.partial,
        "warnings": [d.to_dict(lang) for d in card.warnings],
    }


def review_to_dict(review: Review, lang: str | None = None) -> dict[str, Any]:
    """The JSON contract as plain data (Decimals kept exact)."""
    language = _lang(review, lang)
    card = review.self_card
    return {
        "pack": {"id": card.pack_id, "version": card.pack_version, "title": card.pack_title},
        "department": card.department,
        "year": card.year,
        "threshold": _number(review.threshold),
        "max": _number(card.max),
        "self": _side(review.self_card, language),
        "review": _side(review.review_card, language),
        "difference": _number(review.total_difference.value),
        "difference_range": _range(review.total_difference),
        "over_claim": review.total_over_claim,
        "grade_changed": review.grade_changed,
        "over_claims": [node.id for node in review.over_claims()],
        "warnings": [d.to_dict(language) for d in review.diagnostics],
        "children": [_node(child) for child in review.children],
    }


def shown(span: Span) -> str:
    """A score as a cell shows it: exact, or ``low–high`` for a range (``-12 ~ 8`` when it starts below 0)."""
    if span.value is not None:
        return plain(span.value)
    dash = " ~ " if span.low < 0 else "–"  # "-12–8" reads as a subtraction
    return f"{plain(span.low)}{dash}{plain(span.high)}"


def flag(value: bool | None, words: dict[str, str]) -> str:  # noqa: FBT001 - a three-valued flag, shown as a word
    """``yes`` / ``no`` / ``undecided`` in the document's language."""
    return words["unknown"] if value is None else words["yes" if value else "no"]


def _cell(span: Span) -> Cell:
    return _number(span.value) if span.value is not None else shown(span)


def _total(card: Scorecard, words: dict[str, str]) -> str:
    if card.total is not None:
        return f"{plain(card.total)} / {plain(card.max)}{words['sep']}{words['grade']} {card.grade or '—'}"
    possible = "、".join(card.grades_possible) or "—"
    return f"{plain(card.low)}–{plain(card.high)} / {plain(card.max)}{words['sep']}{words['possible']} {possible}"


def review_document(review: Review, lang: str | None = None) -> Document:
    """The review as a document: the result lines, then one row per group and indicator."""
    language = _lang(review, lang)
    words = WORDS[language]
    card = review.self_card
    over = review.over_claims()
    result = (
        f"{words['self_total']}: {_total(review.self_card, words)}",
        f"{words['review_total']}: {_total(review.review_card, words)}",
        (
            f"{words['difference']}: {shown(review.total_difference)}; "
            f"{words['overclaim']} (> {plain(review.threshold)}): {flag(review.total_over_claim, words)}"
        ),
        f"{words['changed']}: {flag(review.grade_changed, words)}",
        f"{words['over'].format(t=plain(review.threshold))}: "
        + ("、".join(f"{node.id} {node.name}" for node in over) if over else words["none"]),
    )
    rows: list[tuple[Cell, ...]] = []
    marked: list[bool] = []
    for node in review.walk():
        rows.append(
            (
                node.id,
                ("▸ " if node.is_group else "") + node.name,
                _number(node.weight),
                _cell(node.self_score),
                _cell(node.review_score),
                _cell(node.difference),
                "!" if node.over_claim else ("?" if node.over_claim is None else ""),
                node.reason,
            )
        )
        marked.append(bool(node.over_claim) and not node.is_group)
    who = " ".join(str(part) for part in (card.department, card.year) if part)
    sections = [
        Section(heading=words["result"], lines=(f"{card.pack_title} — {card.pack_id} v{card.pack_version}", *result)),
        Section(
            heading=words["scores"],
            headers=tuple(words["headers"].split("|")),
            rows=tuple(rows),
            marked=tuple(marked),
        ),
    ]
    if review.diagnostics:
        sections.append(Section(heading=words["warnings"], lines=tuple(d.format(language) for d in review.diagnostics)))
    return Document(
        title=f"{words['title']}{'：' if language == 'zh' else ': '}{who}" if who else words["title"],
        lang=language,
        sections=tuple(sections),
    )


def render_review(review: Review, *, fmt: str = "table", lang: str | None = None) -> str:
    """The review as a terminal table or Markdown."""
    from perfscore._analysis.document import render_text  # noqa: PLC0415

    return render_text(review_document(review, lang), "md" if fmt in {"md", "markdown"} else "table")
