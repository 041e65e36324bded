"""Generated sentences made fit for officials: interval notation, figure keys and doubled punctuation in words."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st
from reportcheck import artefacts

from perfscore._core.model import GradeBand
from perfscore.reports.plain import band_text, labelled, loss_text, plain_sentence

numbers = st.decimals(min_value=0, max_value=1000, places=2, allow_nan=False, allow_infinity=False)


@given(numbers, numbers, st.sampled_from("[("), st.sampled_from(")]"), st.sampled_from(["", "%"]))
def test_every_interval_is_put_into_words(low, high, opening, closing, unit) -> None:
    """Any interval the engine writes becomes words that keep both bounds and whether each is included."""
    text = f"按区间判定为 达成（{opening}{low}{unit}, {high}{unit}{closing}）"
    shown = plain_sentence(text)
    assert artefacts(shown) == {}
    assert f"{low}{unit}" in shown
    assert f"{high}{unit}" in shown
    assert ("及以上" in shown) == (opening == "[")
    assert ("及以下" in shown) == (closing == "]")


def test_figure_keys_and_punctuation() -> None:
    """Figure keys named in a message are said in Chinese; 。： and doubled 。 are collapsed; quotes become “”."""
    assert plain_sentence("'goals' 缺少数据（level/score）。：") == "“goals” 缺少数据（评价等级或评分）："
    assert plain_sentence("完成。。") == "完成。"


def test_labels_losses_and_bands() -> None:
    """A name ending in 。 takes a colon without doubling; losses and bands read as sentences, never “−0”."""
    assert labelled("加强城市管理，优化人居环境。", "zh") == "加强城市管理，优化人居环境："
    assert loss_text(Decimal(0), Decimal(0), Decimal(5), "zh") == "未扣分 / 满分 5"
    assert loss_text(Decimal("0.5"), Decimal("0.5"), Decimal(14), "zh") == "扣 0.5 分 / 满分 14"
    assert loss_text(Decimal(0), Decimal(20), Decimal(20), "zh") == "扣 0–20 分 / 满分 20"
    good = GradeBand(label="良", low=Decimal(80), high=Decimal(90))
    best = GradeBand(label="优", low=Decimal(90), high=Decimal(100), high_inclusive=True)
    assert band_text(good, "zh") == "良：80 分及以上、不足 90 分"
    assert band_text(best, "zh") == "优：90 分及以上、100 分及以下"
