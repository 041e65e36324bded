"""`perfscore import-table` on forms of provincial systems: Shenzhen's 专项债券 form, Yunnan's 一体化 export."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from conftest import run_cli

import perfscore

BOND_FORM = """项目名称,某工程,投向领域,老旧小区改造领域,,,,,
当年绩效指标,债券资金管理指标(10分),总体支出进度,实际支出 金额,下达 额度,实际 完成值,分值,得分,偏差原因分析 及改进措施
,,,"{executed}","1,000","{executed}",10,{score},
,一级指标,二级指标,三级指标,目标值,实际 完成值,分值,得分,偏差原因分析 及改进措施
,产出指标 (90分),数量指标,改造户数,12个,12个,90,90,
"""

YUNNAN_FORM = """项目支出绩效自评表,,,,,,,,,
项目资金(元),,年初预算数,全年预算数,全年执行数,分值,执行率,得分,备注,
,年度资金总额,"100,000.00","100,000.00","100,000.00",10.00,100.00,10.00,,
项目支出绩效指标表,,,,,,,,,
绩效指标,,,年度指标值,,,实际完成值,分值,得分,偏差原因分析及改进措施
一级 指标,二级指标,三级指标,指标性质,指标值,度量单位,,,,
,,,,,,,{block},{block},
产出指标,数量指标,检查次数,004 >=,20,次,{count},45.00,{count_score},
产出指标,成本指标,经费支出,005 <=,10,万元,{cost},45.00,{cost_score},
"""


def _import(tmp_path: Path, text: str) -> tuple[str, perfscore.Pack, perfscore.Scorecard]:
    table = tmp_path / "table.csv"
    table.write_text(text, encoding="utf-8")
    pack_path, figures = tmp_path / "pack.yaml", tmp_path / "figures.yaml"
    code, _, err = run_cli("--lang", "en", "import-table", str(table), "-o", str(pack_path), "--figures", str(figures))
    assert code == 0, err
    pack = perfscore.load_pack(pack_path)
    return err, pack, perfscore.score(pack, perfscore.load_figures(figures))


@pytest.mark.parametrize(("executed", "score"), [("1,000", "10"), ("800", "8")])
def test_the_bond_fund_row_is_the_execution_rate(tmp_path, executed, score) -> None:
    """债券资金管理指标: 实际支出金额 over 下达额度 is scored by execution_rate and reproduces the printed 得分."""
    err, pack, card = _import(tmp_path, BOND_FORM.format(executed=executed, score=score))
    assert pack.indicators()[0].rule.kind == "execution_rate"
    assert card.node("budget").score == Decimal(score)
    assert "IMPORT_SCORE_DIFFERS" not in err


def test_a_coded_nature_gives_the_sign(tmp_path) -> None:
    """指标性质 "004 >=" / "005 <=" read as ≥ / ≤: the cost indicator is reverse, scored target ÷ actual when over."""
    err, pack, card = _import(
        tmp_path, YUNNAN_FORM.format(block="90.00", count="10", count_score="22.50", cost="12.5", cost_score="36.00")
    )
    count, cost = pack.indicators()[1:]
    assert (str(count.target), count.rule.kind) == ("≥20次", "positive")
    assert (str(cost.target), cost.rule.kind) == ("≤10万元", "reverse")
    assert [card.node(node.id).score for node in (count, cost)] == [Decimal("22.50"), Decimal("36.00")]
    assert "IMPORT_SCORE_DIFFERS" not in err


@pytest.mark.parametrize(("block", "warned"), [("90.00", False), ("95.00", True)])
def test_the_block_points_row_is_checked_not_refused(tmp_path, block, warned) -> None:
    """An unnamed "90.00 | 90.00" row under the header is the block's points: checked, a mismatch located."""
    err, pack, _ = _import(
        tmp_path, YUNNAN_FORM.format(block=block, count="20", count_score="45.00", cost="10", cost_score="45.00")
    )
    assert "IMPORT_NAME_MISSING" not in err
    assert ("table.csv:7:8: IMPORT_GROUP_POINTS" in err) is warned
    assert pack.total == Decimal(100)


def test_an_unnamed_row_with_a_target_is_still_refused(tmp_path) -> None:
    """Only a row of points alone is the block's: one that prints a target and an actual has lost its name."""
    text = YUNNAN_FORM.format(block="90.00", count="20", count_score="45.00", cost="10", cost_score="45.00")
    table = tmp_path / "table.csv"
    table.write_text(text.replace(",,,,,,,90.00,90.00,", ",,,004 >=,5,次,5,90.00,90.00,"), encoding="utf-8")
    code, _, err = run_cli("--lang", "en", "import-table", str(table), "-o", str(tmp_path / "pack.yaml"))
    assert code == 1
    assert "table.csv:7: IMPORT_NAME_MISSING" in err


DIRECTION_FORM = """项目支出绩效自评表 (2024年度),,,,,,,,,,,
绩效指标,一级指标,二级指标,三级指标,指标性质,指标方向,年度指标值,实际完成值,计量单位,分值,得分,偏差原因分析及改进措施
,产出指标,数量指标,租车次数,正向,大于等于,4,{count},次,50,{count_score},
,,成本指标,宣传品制作个数,正向,{direction},10,{made},个,50,{made_score},
"""


@pytest.mark.parametrize(
    ("direction", "made", "made_score", "sign", "kind"),
    [
        ("小于等于", "20", "25", "≤", "reverse"),
        ("大于等于", "5", "25", "≥", "positive"),
        ("等于", "10", "50", "=", "equal"),
    ],
)
def test_the_direction_column_gives_the_sign(tmp_path, direction, made, made_score, sign, kind) -> None:
    """指标方向 (大于等于/小于等于/等于) is the comparison, and decides the rule over 正向 printed beside it."""
    text = DIRECTION_FORM.format(count="2", count_score="25", direction=direction, made=made, made_score=made_score)
    err, pack, card = _import(tmp_path, text)
    count, made_node = pack.indicators()
    assert (str(count.target), count.rule.kind) == ("≥4次", "positive")
    assert (str(made_node.target), made_node.rule.kind) == (f"{sign}10个", kind)
    assert [card.node(n.id).score for n in (count, made_node)] == [Decimal(25), Decimal(made_score)]
    assert "IMPORT_SCORE_DIFFERS" not in err
    assert "'指标方向' is not used" not in err
    contradicts = kind == "reverse"  # 正向 printed beside 小于等于: the note says which was followed
    assert ("按指标方向评分" in (tmp_path / "pack.yaml").read_text(encoding="utf-8")) is contradicts


OPERATOR_FORM = """项目支出绩效自评表 (2024年度),,,,,,,,,,
绩效指标,一级指标,二级指标,三级指标,指标性质,{header},年度指标值,实际完成值,计量单位,分值,得分
,产出指标,数量指标,检查次数,正向,{at_least},20,10,次,45,22.5
,,成本指标,经费支出,正向,{at_most},10,12.5,万元,45,36
,,质量指标,验收结论,定性,等于,合格,合格,,10,10
"""


@pytest.mark.parametrize(
    ("header", "at_least", "at_most"),
    [("计算符号", "≥", "≤"), ("指标方向", ">=", "小于或等于"), ("计算符号", "大于或等于", "<=")],
)
def test_other_spellings_of_the_operator_column(tmp_path, header, at_least, at_most) -> None:
    """计算符号 (江西) is the operator column too; ``>=``, ``<=``, 大于或等于, 小于或等于 are its signs."""
    err, pack, card = _import(tmp_path, OPERATOR_FORM.format(header=header, at_least=at_least, at_most=at_most))
    count, cost, _ = pack.indicators()
    assert (str(count.target), count.rule.kind) == ("≥20次", "positive")
    assert (str(cost.target), cost.rule.kind) == ("≤10万元", "reverse")
    assert [card.node(node.id).score for node in (count, cost)] == [Decimal("22.5"), Decimal(36)]
    assert f"'{header}'" not in err  # read, not reported as an unused column


def test_a_word_target_is_not_signed(tmp_path) -> None:
    """等于 beside a word target (合格) leaves it a word: qualitative, not an unreadable "=合格"."""
    err, pack, _ = _import(tmp_path, OPERATOR_FORM.format(header="指标方向", at_least="大于等于", at_most="小于等于"))
    verdict = pack.indicators()[2]
    assert (verdict.rule.kind, str(verdict.target)) == ("qualitative", "合格")
    assert "IMPORT_TARGET_UNREAD" not in err


def test_a_nature_printed_under_the_operator_header_is_a_nature(tmp_path) -> None:
    """正向 / 反向 under 指标方向 (no 指标性质 beside it) are read as a 指标性质: 反向 makes a bare target a ceiling."""
    text = OPERATOR_FORM.format(header="指标方向", at_least="正向", at_most="反向")
    text = text.replace(",正向,正向,", ",,正向,").replace(",正向,反向,", ",,反向,")
    _, pack, _ = _import(tmp_path, text)
    count, cost, _ = pack.indicators()
    assert (count.rule.kind, cost.rule.kind, str(cost.target)) == ("positive", "reverse", "≤10万元")
