"""pandas frames: numeric by default (describe, groupby, plots work), exact Decimals on request."""

from __future__ import annotations

from decimal import Decimal

from conftest import EXAMPLES

import perfscore
from perfscore.compiled import score_batch

FIGURES = EXAMPLES / "baiyunhu-2021.yaml"


def test_card_frame_is_float64_and_each_float_is_the_exact_score(baiyun_card: perfscore.Scorecard) -> None:
    """score/weight/low/high are float64; each float prints as the exact 2-decimal value; exact=True keeps it."""
    numeric = baiyun_card.to_pandas()
    exact = baiyun_card.to_pandas(exact=True)
    for column in ("score", "weight", "low", "high"):
        assert str(numeric[column].dtype) == "float64"
    for value, decimal in zip(numeric["score"], exact["score"], strict=True):
        if decimal is None:
            assert value != value  # NaN for a score the figures leave open  # noqa: PLR0124
        else:
            assert isinstance(decimal, Decimal)
            assert Decimal(repr(value)) == decimal
    assert numeric.groupby("group")["score"].sum().notna().all()
    assert numeric["score"].describe()["count"] == sum(r.score is not None for r in baiyun_card.indicators())


def test_score_many_gives_one_row_per_department_or_per_indicator(baiyun_pack: perfscore.Pack) -> None:
    """A row per department with numeric totals and subtotals (errors kept), or long=True a row per indicator."""
    items = [str(FIGURES), {"department": "坏数据", "indicators": {"nope": {"score": 1}}}, str(FIGURES)]
    wide = perfscore.score_many(baiyun_pack, items).to_pandas()
    card = perfscore.score(baiyun_pack, perfscore.load_figures(FIGURES))
    assert len(wide) == 3
    assert list(wide["status"]) == ["partial", "error", "partial"]
    assert wide.loc[1, "errors"]
    assert wide.loc[0, "low"] == float(card.low)
    for group in card.groups():
        if group.id in wide.columns and group.score is not None:
            assert wide.loc[0, group.id] == float(group.score)
    assert str(wide["low"].dtype) == "float64"
    long = perfscore.score_many(baiyun_pack, [str(FIGURES)]).to_pandas(long=True, exact=True)
    assert list(long["id"]) == [r.id for r in card.indicators()]
    assert list(long["score"]) == [r.score for r in card.indicators()]


def test_scored_batch_frame_matches_its_columns(baiyun_pack: perfscore.Pack) -> None:
    """ScoredBatch.to_pandas(): the batch's totals and subtotals as float64, one row each; long per indicator."""
    records = [
        {"amounts:budget.executed": 17626.37, "amounts:budget.adjusted": 18009.98, "department": "甲"},
        {"amounts:budget.executed": 9000.0, "amounts:budget.adjusted": 10000.0, "department": "乙"},
    ]
    batch = score_batch(baiyun_pack, records, explain=True)
    wide = batch.to_pandas()
    assert list(wide["index"]) == [0, 1]
    columns = batch.columns()
    for key, values in columns.items():
        if key in {"status", "grade"}:
            assert list(wide[key]) == values
        else:
            assert [None if v != v else Decimal(repr(v)) for v in wide[key]] == values  # noqa: PLR0124 - NaN
    long = batch.to_pandas(long=True)
    assert len(long) == 2 * len(batch[0].scores())
    assert str(long["score"].dtype) == "float64"
    assert str(long["weight"].dtype) == "float64"
    first = long[long["index"] == 0]
    assert list(first["id"]) == list(batch[0].scores())
    assert list(first["weight"]) == [float(leaf.weight) for leaf in baiyun_pack.indicators()]
