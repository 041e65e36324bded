"""How a diagnostic message names the thing it is about, in Chinese and English: one table, (zh, en).

Where :mod:`perfscore._text.problems` says what is wrong, these words say *what* a message
refers to — a target shape, a sheet's limit, what a pack test checked, a coverage count, a
weight's direction — so the code names the thing by key and the words live here, next to the
catalogue messages (``SHEET_TOO_LARGE``, ``PACK_TEST_FAILED``, ``COVERAGE_LEVEL`` …) that embed them.
"""

from __future__ import annotations

from collections.abc import Mapping

SHAPES: Mapping[str, tuple[str, str]] = {
    "number": ("数值", "a number"),
    "range": ("区间", "a range"),
    "label": ("文字", "a label"),
}
"""Each target shape in words (zh, en), for messages that say which shapes a rule takes."""

NAMES: Mapping[str, tuple[str, str]] = {
    # The two sides of a review (perfscore._analysis.bureau)
    "review.side.review": ("复核", "review"),
    "review.side.self": ("自评", "self-evaluation"),
    # A sheet's limits (perfscore._files.sheets)
    "sheet.last_row": ("最后一行", "the last row"),
    "sheet.last_column": ("最后一列", "the last column"),
    "sheet.cells": ("行数 × 列数", "rows × columns"),
    "sheet.field": ("一个字段", "a field"),
    "sheet.unzipped": ("解压后的工作簿", "the uncompressed workbook"),
    "sheet.strings": ("共享字符串表", "the table of shared strings"),
    # What a pack test checked (perfscore._packs.testcases)
    "expect.score": ("'{node}' 的得分", "the score of '{node}'"),
    "expect.level": ("'{node}' 的评价等级", "the level of '{node}'"),
    "expect.total": ("总分", "the total"),
    "expect.grade": ("等级", "the grade"),
    "expect.grades_possible": ("仍可能的等级", "the grades still possible"),
    "expect.partial": ("结果是否不完整", "partial"),
    # What pack tests reach (perfscore._packs.coverage)
    "coverage.rules": ("规则", "rules"),
    "coverage.bands": ("分档", "bands"),
    "coverage.levels": ("定性等级", "levels"),
    "coverage.grades": ("等级", "grades"),
    "coverage.levels_of": ("'{key}' 的定性等级", "the levels of '{key}'"),
    "coverage.pack_levels": ("本规则包定性等级", "the pack's levels"),
    # Joining the choices a message lists
    "join.or": ("或", " or "),
    "join.or_spaced": (" 或 ", " or "),
    # Which way a weight sum is off (perfscore._packs.validation)
    "weights.short": ("少", "short"),
    "weights.over": ("多", "over"),
}


def named(key: str, /, **params: object) -> tuple[str, str]:
    """The name ``key`` with ``params`` filled in: (Chinese, English)."""
    zh, en = NAMES[key]
    return zh.format(**params), en.format(**params)
