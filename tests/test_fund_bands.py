"""execution_rate with the bands a form prints: the same score by every path, and the option round-trips."""

from __future__ import annotations

from decimal import Decimal

from test_batch_fast import _exact_rows, _fast_rows, _same

import perfscore
from perfscore.rules import execution_rate
from perfscore.rules.tables import Band

PACK = """\
id: fund
title: 预算执行率分档
version: "1"
source: test
total: 10
indicators:
  - id: budget
    name: 预算执行率
    weight: 10
    rule:
      kind: execution_rate
      bands:
        - {range: "[90%, +∞)", fraction: 1}
        - {range: "[80%, 90%)", points: 8}
        - {range: "[0%, 80%)", points: 0}
"""


def test_batch_rows_score_by_the_bands(tmp_path) -> None:
    """The batch fast path leaves a banded execution_rate to the rule: 85% earns 8, not 8.5."""
    pack_path = tmp_path / "pack.yaml"
    pack_path.write_text(PACK, encoding="utf-8")
    pack = perfscore.load_pack(pack_path)
    path = tmp_path / "t.csv"
    path.write_text("amounts:budget.adjusted,amounts:budget.executed\n100,85\n100,95\n100,79.99\n", encoding="utf-8")
    fast, _ = _fast_rows(pack, path)
    _same(fast, _exact_rows(pack, path))
    assert [row.total for row in fast] == [Decimal(8), Decimal(10), Decimal(0)]


def test_the_bands_option_is_read_and_dumped(tmp_path) -> None:
    """The Python factory and the pack give the same rule; the dump writes the bands back."""
    pack_path = tmp_path / "pack.yaml"
    pack_path.write_text(PACK, encoding="utf-8")
    rule = perfscore.load_pack(pack_path).indicators()[0].rule
    built = execution_rate(
        bands=(
            Band(low=Decimal(90), high=None, fraction=Decimal(1)),
            Band(low=Decimal(80), high=Decimal(90), fraction=Decimal("0.8")),
            Band(low=Decimal(0), high=Decimal(80), fraction=Decimal(0)),
        )
    )
    assert rule == built
    assert "bands=[[90, +∞) → 1" in repr(rule)
    assert execution_rate().bands == ()
