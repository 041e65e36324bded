"""Figures as tables print them: percentages as fractions, 完成值 as words, 得分系数, published totals."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import perfscore
from perfscore.compiled import compile_pack, score_batch

PACK = """\
perfscore: 1
id: words
title: 表中写法
version: "1"
source: {{title: 测试}}
total: 30
{extra}
indicators:
  - {{id: cover, name: 覆盖率, weight: 10, target: "≥95%", rule: positive}}
  - {{id: days, name: 办结时限, weight: 10, target: "2天以内", rule: reverse}}
  - {{id: done, name: 完成情况, weight: 10, target: "≥8个", rule: positive}}
"""


def _pack(extra: str = "") -> perfscore.Pack:
    return perfscore.load_pack_text(PACK.format(extra=extra))


def _score(pack: perfscore.Pack, figures: str) -> perfscore.Scorecard:
    return perfscore.score(pack, perfscore.load_figures_text(figures, name="f.yaml"))


def _codes(card: perfscore.Scorecard) -> list[str]:
    return [d.code for d in card.diagnostics]


def test_a_bare_fraction_is_never_scored_silently() -> None:
    """0.96 against ≥95%, undeclared: both readings, a located warning naming both, the range between them."""
    card = _score(_pack(), "indicators:\n  cover: {actual: 0.96}\n  days: {actual: 1天}\n  done: {actual: 8个}\n")
    assert card.total is None
    cover = card.node("cover")
    assert (cover.low, cover.high) == (Decimal("0.1"), Decimal(10))
    warning = next(d for d in card.diagnostics if d.code == "FIGURE_PERCENT_AMBIGUOUS")
    text = warning.format("en")
    assert text.startswith("f.yaml:2:19: FIGURE_PERCENT_AMBIGUOUS")
    assert "0.96" in text
    assert "≥95%" in text
    assert "0.96%" in text
    assert "96%" in text


@pytest.mark.parametrize(
    ("where", "expected"),
    [("figures", Decimal(10)), ("pack", Decimal(10)), ("points", Decimal("0.1"))],
)
def test_declared_readings(where: str, expected: Decimal) -> None:
    """percent_numbers in the figures file or the pack says how 0.96 reads; no warning then."""
    extra = "percent_numbers: fraction" if where == "pack" else ""
    head = {"figures": "percent_numbers: fraction\n", "pack": "", "points": "percent_numbers: points\n"}[where]
    card = _score(_pack(extra), head + "indicators:\n  cover: {actual: 0.96}\n  days: {actual: 1天}\n")
    assert card.node("cover").score == expected
    assert "FIGURE_PERCENT_AMBIGUOUS" not in _codes(card)


def test_percent_numbers_must_be_known() -> None:
    """A percent_numbers that is neither points nor fraction is a located error, in a pack and in figures."""
    with pytest.raises(perfscore.PackError) as caught:
        _pack("percent_numbers: percent")
    assert "VALUE_INVALID" in caught.value.codes
    with pytest.raises(perfscore.FiguresError):
        perfscore.load_figures_text("percent_numbers: maybe\n")


@given(st.integers(min_value=0, max_value=20000))
def test_three_ways_of_writing_a_percent_score_alike(hundredths: int) -> None:
    """`96%`, `96` with points declared and `0.96` with fraction declared give the same score."""
    value = Decimal(hundredths) / 100
    pack = _pack()
    written = [
        f"indicators:\n  cover: {{actual: '{value}%'}}\n",
        f"percent_numbers: points\nindicators:\n  cover: {{actual: '{value}'}}\n",
        f"percent_numbers: fraction\nindicators:\n  cover: {{actual: '{value / 100}'}}\n",
    ]
    scores = {_score(pack, text).node("cover").score for text in written}
    assert len(scores) == 1


def test_the_compiled_paths_leave_the_fast_loop_for_an_ambiguous_row() -> None:
    """score_batch and score_arrays send a bare 0.96 to perfscore.score, which keeps the range and warns."""
    pack = _pack()
    records = [
        {"cover:actual": 0.96, "days:actual": 1.0, "done:actual": 8.0},
        {"cover:actual": 96.0, "days:actual": 1.0, "done:actual": 8.0},
    ]
    batch = score_batch(pack, records)
    assert [batch.status(0), batch.status(1)] == ["partial", "compiled"]
    assert batch[0].total is None
    assert batch[1].total == 30
    pytest.importorskip("numpy")
    from perfscore.compiled import score_arrays  # noqa: PLC0415

    arrays = score_arrays(pack, records)
    assert [arrays.status(0), arrays.status(1)] == ["partial", "compiled"]
    fraction = compile_pack(_pack("percent_numbers: fraction"))
    assert fraction.engine_only is not None
    assert score_batch(fraction, records[:1])[0].total == 30


def test_words_for_met_and_not_met() -> None:
    """完成 is met (full marks), 否 not met (0); the target's own text is met; the explanation says so."""
    card = _score(_pack(), "indicators:\n  cover: {actual: 完成}\n  days: {actual: 2天以内}\n  done: {actual: 否}\n")
    assert [card.node(i).score for i in ("cover", "days", "done")] == [Decimal(10), Decimal(10), Decimal(0)]
    assert "reads as met" in card.explain("cover", lang="en")
    assert "读作未达成" in card.explain("done", lang="zh")


def test_a_pack_adds_words_and_unknown_words_are_located() -> None:
    """attainment: in the pack adds words; any other text is FIGURE_ATTAINMENT with the vocabulary and override."""
    pack = _pack("attainment: {met: [已落实], not_met: [未落实]}")
    card = _score(pack, "indicators:\n  cover: {actual: 已落实}\n  days: {actual: 未落实}\n  done: {actual: 8个}\n")
    assert card.total == 20
    with pytest.raises(perfscore.FiguresError) as caught:
        _score(_pack(), "indicators:\n  cover: {actual: 基本完成}\n")
    assert caught.value.codes[0] == "FIGURE_ATTAINMENT"
    line = caught.value.format("en")
    assert "f.yaml:2:19: FIGURE_ATTAINMENT" in line
    assert "已完成" in line
    assert "override: {score" in line
    still = _score(_pack(), "indicators:\n  cover: {actual: 基本完成, override: {score: 8, reason: 评价人评定}}\n")
    assert still.node("cover").score == 8
    with pytest.raises(perfscore.FiguresError) as caught:
        _score(_pack(), "indicators:\n  cover: {actual: 一百场}\n")
    assert caught.value.codes == ("FIGURE_NUMBER",)


def test_a_printed_coefficient_scores_and_is_checked() -> None:
    """coefficient: 80% is 0.8 × weight; when the rule computes another score, a warning names both."""
    card = _score(
        _pack(),
        "indicators:\n  cover: {coefficient: 80%}\n  days: {coefficient: 1}\n  done: {actual: 8个, coefficient: 0.5}\n",
    )
    assert [card.node(i).score for i in ("cover", "days", "done")] == [Decimal(8), Decimal(10), Decimal(5)]
    assert "SCORE_COEFFICIENT_DIFFERS" in _codes(card)
    assert "FIGURE_MISSING" not in _codes(card)
    with pytest.raises(perfscore.FiguresError) as caught:
        _score(_pack(), "indicators:\n  cover: {coefficient: 180%}\n")
    assert "FIGURE_COEFFICIENT" in caught.value.codes


def test_a_published_total_outside_a_partial_range_is_reported() -> None:
    """A partial result's range excludes the published total: PUBLISHED_TOTAL_IMPOSSIBLE names both."""
    card = _score(_pack(), "indicators:\n  cover: {actual: 90%}\npublished: {total: 29.9}\n")
    warning = next(d for d in card.diagnostics if d.code == "PUBLISHED_TOTAL_IMPOSSIBLE")
    assert "29.9" in warning.format("en")
    fine = _score(_pack(), "indicators:\n  cover: {actual: 90%}\npublished: {total: 20}\n")
    assert "PUBLISHED_TOTAL_IMPOSSIBLE" not in _codes(fine)


RATE_PACK = """\
perfscore: 1
id: rate
title: 执行率
version: "1"
source: {title: 测试}
total: 10
indicators:
  - {id: a, name: 预算执行率, weight: 10, rule: execution_rate}
"""


def test_a_printed_execution_rate_scores_when_amounts_are_not_published() -> None:
    """budget: {rate: 76%} alone scores 7.6 of 10; with amounts too, the two are checked against each other."""
    pack = perfscore.load_pack_text(RATE_PACK)
    alone = _score(pack, "amounts:\n  budget: {rate: 76%}\n")
    assert alone.total == Decimal("7.6")
    assert "printed execution rate 76%" in alone.explain("a", lang="en")
    both = _score(pack, "amounts:\n  budget: {adjusted: 100, executed: 76.5, rate: 76%}\n")
    assert both.total == Decimal("7.65")
    warning = next(d for d in both.diagnostics if d.code == "BUDGET_RATE_MISMATCH")
    assert "77%" in warning.format("en")
    agreeing = _score(pack, "amounts:\n  budget: {adjusted: 100, executed: 76.5, rate: 76.5%}\n")
    assert "BUDGET_RATE_MISMATCH" not in _codes(agreeing)
    assert score_batch(pack, [{"amounts:budget.rate": "76%"}])[0].total == Decimal("7.6")


def test_strict_check_warns_about_a_bare_target_on_a_lower_is_better_name(tmp_path) -> None:
    """结转结余率 with target 5% reads as ≥5%: check warns TARGET_DIRECTION and suggests ≤; --strict fails."""
    from conftest import run_cli  # noqa: PLC0415

    path = tmp_path / "p.yaml"
    path.write_text(
        RATE_PACK.replace("total: 10", "total: 20")
        + '  - {id: b, name: 结转结余率, weight: 10, target: "5%", rule: positive}\n',
        encoding="utf-8",
    )
    code, out, err = run_cli("--lang", "en", "check", "--strict", str(path))
    assert code == 1
    assert "TARGET_DIRECTION" in out + err
    assert "≤5%" in out + err
    path.write_text(path.read_text(encoding="utf-8").replace('"5%"', '"≤5%"').replace("positive", "reverse"))
    assert run_cli("check", "--strict", str(path))[0] == 0


def test_perfscore_test_on_a_folder_skips_figures_files(tmp_path) -> None:
    """A figures file beside a pack in a folder is not a pack missing tests; a pack without tests still is."""
    from conftest import run_cli  # noqa: PLC0415

    (tmp_path / "p.yaml").write_text(RATE_PACK, encoding="utf-8")
    (tmp_path / "p.figures.yaml").write_text("amounts:\n  budget: {rate: 76%}\n", encoding="utf-8")
    (tmp_path / "q.yaml").write_text("indicators:\n  a: {actual: 1}\n", encoding="utf-8")
    code, _, err = run_cli("--lang", "en", "test", str(tmp_path))
    assert code == 1
    assert err.count("TESTS_MISSING") == 1
    assert "p.yaml" in err
    assert "figures" not in err
    assert "q.yaml" not in err


def test_unit_and_group_assumptions_are_shown() -> None:
    """An indicator's unit: shows beside its target; a group's assumptions appear in the notes and the JSON."""
    pack = perfscore.load_pack_text(
        """\
perfscore: 1
id: u
title: 单位
version: "1"
source: {title: 测试}
total: 10
assumptions: [{id: G1, text: 分组按表2计分}]
indicators:
  - id: g
    name: 产出
    weight: 10
    assumptions: [G1]
    children:
      - {id: a, name: 培训, weight: 10, target: "≥100", unit: 人次, rule: positive}
"""
    )
    card = _score(pack, "indicators:\n  a: {actual: 100}\n")
    assert "target: ≥100  (unit: 人次)" in card.explain("a", lang="en")
    assert "assumption: G1" in card.explain("g", lang="en")
    assert any(d.code == "ASSUMPTION_USED" and "G1" in d.format("en") for d in card.diagnostics)
    data = card.to_dict()
    group = data["children"][0]
    assert group["assumptions"] == ["G1"]
    assert group["children"][0]["unit"] == "人次"


def test_a_batch_table_takes_percent_numbers_and_coefficients(tmp_path) -> None:
    """A batch table's percent_numbers column and ID:coefficient columns are read like a figures file's keys."""
    from conftest import run_cli  # noqa: PLC0415

    pack = tmp_path / "p.yaml"
    pack.write_text(PACK.format(extra=""), encoding="utf-8")
    table = tmp_path / "t.csv"
    table.write_text(
        "department,percent_numbers,cover:actual,days:coefficient,done\n甲,fraction,0.96,90%,8个\n", encoding="utf-8"
    )
    out = tmp_path / "r.csv"
    code, _, err = run_cli("batch", str(pack), str(table), "-o", str(out))
    assert code == 0, err
    assert "29" in out.read_text(encoding="utf-8").splitlines()[1]


def test_check_strict_with_figures_names_the_ambiguous_fraction(tmp_path) -> None:
    """Check --strict --figures fails on an undeclared 0.96 against ≥95%, naming the cell; declared, it passes."""
    from conftest import run_cli  # noqa: PLC0415

    pack = tmp_path / "p.yaml"
    pack.write_text(PACK.format(extra=""), encoding="utf-8")
    figures = tmp_path / "f.yaml"
    figures.write_text("indicators:\n  cover: {actual: 0.96}\n", encoding="utf-8")
    code, out, err = run_cli("--lang", "en", "check", "--strict", "--figures", str(figures), str(pack))
    assert code == 1
    assert f"{figures}:2:19: FIGURE_PERCENT_AMBIGUOUS" in out + err
    figures.write_text("percent_numbers: points\nindicators:\n  cover: {actual: 0.96}\n", encoding="utf-8")
    code, out, err = run_cli("--lang", "en", "check", "--strict", "--figures", str(figures), str(pack))
    assert "FIGURE_PERCENT_AMBIGUOUS" not in out + err


def test_a_batch_workbook_reads_percent_cells_as_percent(tmp_path) -> None:
    """An xlsx batch cell formatted as percent (0.96 shown as 96%) is 96%; a plain 0.96 cell keeps both readings."""
    openpyxl = pytest.importorskip("openpyxl")
    from conftest import run_cli  # noqa: PLC0415

    pack = tmp_path / "p.yaml"
    pack.write_text(PACK.format(extra=""), encoding="utf-8")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["department", "cover:actual", "days:actual", "done:actual"])
    sheet.append(["甲", 0.96, "1天", "8个"])
    sheet.append(["乙", 0.96, "1天", "8个"])
    sheet["B2"].number_format = "0%"
    path = tmp_path / "t.xlsx"
    book.save(path)
    out = tmp_path / "r.csv"
    run_cli("--lang", "en", "batch", str(pack), str(path), "-o", str(out))
    rows = out.read_text(encoding="utf-8").splitlines()
    assert ",甲,,scored,30," in rows[1], rows
    assert ",乙,,partial,,20.1,30,30," in rows[2], rows  # the 0.96 in (0, 1] keeps both readings
