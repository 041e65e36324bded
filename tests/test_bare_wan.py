"""A bare 万 (亿) after a number — ``150万`` as the Ezhou form prints a 成本指标 — is the numeral, not a unit.

It is ten thousand of whatever unit it is compared with: no unit is guessed, and the
score does not depend on one. Against a share (%, 百分点) it is a unit error.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from test_batch_fast import _exact_rows, _fast_rows, _same

import perfscore
from perfscore._core.numerals import parse_quantity
from perfscore._core.units import convert, lookup_unit, same_dimension

PACK = """\
id: wan
title: 万
version: "1"
source: test
indicators:
  - {id: a, name: 运行维护费, weight: 50, target: "≤150万"}
  - {id: b, name: 成本, weight: 30, target: "≤200万元"}
  - {id: c, name: 人数, weight: 20, target: "≥1500000"}
"""


def _card(tmp_path: Path, a: str, b: str, c: str) -> perfscore.Scorecard:
    pack = tmp_path / "pack.yaml"
    pack.write_text(PACK, encoding="utf-8")
    figures = f"indicators:\n  a: {{actual: '{a}'}}\n  b: {{actual: '{b}'}}\n  c: {{actual: '{c}'}}\n"
    return perfscore.score(perfscore.load_pack(pack), perfscore.load_figures_text(figures))


@pytest.mark.parametrize(
    ("a", "b", "c", "points"),
    [
        ("150万", "150万", "150万", ("50", "30", "20")),  # 150万 against 150万, 200万元 and 1500000: all met
        ("1500000", "250万", "149万", ("50", "24", "19.87")),  # 1500000 is 150万; 250万 is 250万元; 149万 < 1500000
        ("160万元", "200", "1.5亿", ("46.88", "30", "20")),  # 160万元 against 150万: 150 ÷ 160
    ],
)
def test_a_bare_wan_is_ten_thousand_of_the_unit_it_is_compared_with(tmp_path, a, b, c, points) -> None:
    """150万 against 150万, against 200万元 and against a plain 1500000 compares as the numeral says."""
    card = _card(tmp_path, a, b, c)
    assert tuple(card.node(key).score for key in "abc") == tuple(Decimal(p) for p in points)


def test_a_bare_wan_is_not_a_share() -> None:
    """150万 against 95% is a unit error (FIGURE_UNIT), never 150万 percent."""
    wan, percent = lookup_unit("万"), lookup_unit("%")
    assert not same_dimension(wan, percent)
    assert same_dimension(wan, lookup_unit("万元"))
    assert convert(parse_quantity("1500000"), wan) == Decimal(150)
    assert convert(parse_quantity("150万"), lookup_unit("元")) == Decimal(1500000)


def test_the_batch_fast_path_agrees_with_the_exact_one(tmp_path) -> None:
    """Rows with 150万 against a plain target, and plain numbers against 150万, score as perfscore.score does."""
    pack_path = tmp_path / "pack.yaml"
    pack_path.write_text(PACK, encoding="utf-8")
    pack = perfscore.load_pack(pack_path)
    path = tmp_path / "t.csv"
    path.write_text("a,b,c\n150万,150万,150万\n1500000,250万,149万\n160万元,200,1500000\n", encoding="utf-8")
    fast, _ = _fast_rows(pack, path)
    exact = _exact_rows(pack, path)
    _same(fast, exact)
    assert exact[0] != exact[1]
    plannable = tmp_path / "c.yaml"  # only c: every row may go the fast way, so its unit check must hold
    head = PACK.split("  - {id: a", maxsplit=1)[0]
    plannable.write_text(head + '  - {id: c, name: C, weight: 100, target: "≥1500000"}\n', encoding="utf-8")
    only_c = perfscore.load_pack(plannable)
    path.write_text("c\n150万\n149万\n1500000\n", encoding="utf-8")
    fast, _ = _fast_rows(only_c, path)
    _same(fast, _exact_rows(only_c, path))
    assert fast[0].total == Decimal(100)
