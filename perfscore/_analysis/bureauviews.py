"""A bureau's review statistics as the JSON contract and as a document.

JSON: ``departments`` (each pair's review in the single-review contract, ranked by
over-claim), ``statistics`` (``pairs``, ``mean_abs_difference``,
``largest_abs_difference`` with its department, ``undecided``, ``grade_changed``,
``grade_known``, ``grade_changed_share``, ``marked_down``: id, name, count, points)
and ``problems`` (diagnostics: unpaired and unreadable files).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from perfscore._analysis.document import Cell, Document, Section
from perfscore._analysis.reviewviews import flag, review_to_dict, shown
from perfscore._core.decimals import CONTEXT, HUNDRED, mul, plain
from perfscore._core.diagnostics import Lang

if TYPE_CHECKING:  # annotations only: the models import their views, not the other way round
    from perfscore._analysis.bureau import BureauReview
    from perfscore._analysis.review import Span

WORDS: dict[str, dict[str, str]] = {
    "zh": {
        "title": "自评复核统计",
        "stats": "统计",
        "pairs": "配对单位数",
        "mean": "总分差额绝对值的平均数",
        "largest": "总分差额绝对值的最大值",
        "undecided": "总分为区间（部分结果）、未计入平均的单位数",
        "changed": "复核后等级变化的单位",
        "marked": "最常被复核调减的指标",
        "marked_headers": "编号|名称|调减单位数|合计调减分数",
        "ranking": "按自评偏高程度排序",
        "ranking_headers": "名次|单位|年度|自评总分|复核总分|差额（自评−复核）|自评等级|复核等级|自评偏高|偏高指标数",
        "problems": "问题",
        "none": "无",
        "yes": "是",
        "no": "否",
        "unknown": "待定",
    },
    "en": {
        "title": "Self-evaluations against reviews",
        "stats": "Statistics",
        "pairs": "departments paired",
        "mean": "mean absolute difference of totals",
        "largest": "largest absolute difference of totals",
        "undecided": "departments whose total is a range (partial), left out of the mean",
        "changed": "departments whose grade the review changed",
        "marked": "Indicators most often marked down",
        "marked_headers": "id|name|departments|points marked down",
        "ranking": "Departments ranked by over-claim",
        "ranking_headers": "rank|department|year|self total|review total|difference (self − review)|self grade|"
        "review grade|over-claim|indicators over-claimed",
        "problems": "Problems",
        "none": "none",
        "yes": "yes",
        "no": "no",
        "unknown": "undecided",
    },
}


def _lang(result: BureauReview, lang: str | None) -> Lang:
    return "zh" if (lang or result.pairs[0].self_card.language) == "zh" else "en"


def _number(value: Decimal | None) -> Decimal | None:
    return None if value is None else Decimal(plain(value))


def _share(result: BureauReview) -> Decimal | None:
    share = result.grade_changed_share
    return None if share is None else share.quantize(Decimal("0.0001"), context=CONTEXT)


def bureau_to_dict(result: BureauReview, lang: str | None = None) -> dict[str, Any]:
    """The statistics and every pair, as plain data."""
    language = _lang(result, lang)
    largest = result.largest
    return {
        "statistics": {
            "pairs": len(result.pairs),
            "mean_abs_difference": _number(result.mean_difference),
            "largest_abs_difference": _number(result.largest_difference),
            "largest_department": None if largest is None else largest.self_card.department,
            "undecided": result.undecided,
            "grade_changed": result.grade_changed,
            "grade_known": result.grade_known,
            "grade_changed_share": _share(result),
            "marked_down": [
                {"id": item.id, "name": item.name, "count": item.count, "points": _number(item.points)}
                for item in result.marked_down
            ],
        },
        "departments": [review_to_dict(pair, language) for pair in result.pairs],
        "problems": [problem.to_dict(language) for problem in result.problems],
    }


def _paren(text: str, inner: str, lang: Lang) -> str:
    return f"{text}（{inner}）" if lang == "zh" else f"{text} ({inner})"


def _span_cell(span: Span) -> Cell:
    return _number(span.value) if span.value is not None else shown(span)


def _grade(grade: str | None, possible: tuple[str, ...]) -> str:
    return grade or ("/".join(possible) + "?")


def bureau_document(result: BureauReview, lang: str | None = None) -> Document:
    """The statistics, the indicators most marked down and the ranking, as a document."""
    language = _lang(result, lang)
    words = WORDS[language]
    share = result.grade_changed_share
    percent = "—" if share is None else f"{plain(mul(share, HUNDRED).quantize(Decimal('0.1'), context=CONTEXT))}%"
    largest = result.largest
    largest_gap = result.largest_difference or Decimal(0)
    stats = (
        f"{words['pairs']}: {len(result.pairs)}",
        f"{words['mean']}: {'—' if result.mean_difference is None else plain(result.mean_difference)}",
        f"{words['largest']}: "
        + ("—" if largest is None else _paren(plain(largest_gap), largest.self_card.department or "?", language)),
        f"{words['undecided']}: {result.undecided}",
        f"{words['changed']}: " + _paren(f"{result.grade_changed} / {result.grade_known}", percent, language),
    )
    marked: tuple[tuple[Cell, ...], ...] = tuple(
        (item.id, item.name, str(item.count), _number(item.points)) for item in result.marked_down[:10]
    )
    ranking: list[tuple[Cell, ...]] = []
    for rank, pair in enumerate(result.pairs, start=1):
        mine, theirs = pair.self_card, pair.review_card
        ranking.append(
            (
                str(rank),
                mine.department,
                None if mine.year is None else str(mine.year),
                _number(mine.total) if mine.total is not None else f"{plain(mine.low)}–{plain(mine.high)}",
                _number(theirs.total) if theirs.total is not None else f"{plain(theirs.low)}–{plain(theirs.high)}",
                _number(pair.total_difference.value)
                if pair.total_difference.value is not None
                else shown(pair.total_difference),
                _grade(mine.grade, mine.grades_possible),
                _grade(theirs.grade, theirs.grades_possible),
                flag(pair.total_over_claim, words),
                str(len(pair.over_claims())),
            )
        )
    sections = [
        Section(heading=words["stats"], lines=stats),
        Section(heading=words["marked"], headers=tuple(words["marked_headers"].split("|")), rows=marked),
        Section(
            heading=words["ranking"],
            headers=tuple(words["ranking_headers"].split("|")),
            rows=tuple(ranking),
            marked=tuple(bool(pair.total_over_claim) for pair in result.pairs),
        ),
    ]
    if result.problems:
        sections.append(Section(heading=words["problems"], lines=tuple(p.format(language) for p in result.problems)))
    return Document(title=words["title"], lang=language, sections=tuple(sections))
