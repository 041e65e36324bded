"""The vectorised path (perfscore[fast]) gives the pure-Python path's answers, number for number."""

from __future__ import annotations

import math
import sys
from decimal import Decimal

import pytest
from test_compiled import RATIO_PACK, assert_same

import perfscore
from perfscore.compiled import compile_pack, score_batch

np = pytest.importorskip("numpy", reason="the vectorised path needs NumPy: pip install 'perfscore[fast]'")


def _records(size: int) -> list[dict[str, object]]:
    """Departments with 2-decimal figures, zeros, values on rounding edges, and a few missing or odd ones."""
    rng = np.random.default_rng(7)
    records: list[dict[str, object]] = []
    for index in range(size):
        target = float(rng.choice([100.0, 50.0, 0.0, 12.34, 200.0]))
        record: dict[str, object] = {
            "pos:actual": round(float(rng.uniform(0, 150)), 2) if index % 7 else (2 * index + 1) / 5,
            "pos:target": target if index % 7 else 100.0,
            "rev:actual": round(float(rng.uniform(0, 30)), 2),
            "rev:target": round(float(rng.uniform(0, 20)), 2),
            "lin:actual": round(float(rng.uniform(0, 3)), 2),
            "lin:target": 1.0,
            "judged:score": round(float(rng.uniform(0, 1.5)), 3),
            "amounts:budget.executed": round(float(rng.uniform(0, 120)), 2),
            "amounts:budget.adjusted": 100.0,
        }
        if index % 97 == 5:
            record["pos:actual"] = None
        if index % 89 == 3:
            record["rev:target"] = "1.5%"
        records.append(record)
    return records


def test_columns_records_and_dataframes_agree_with_the_exact_engine() -> None:
    """score_arrays on columns, on records and on a DataFrame equals score_batch and perfscore.score."""
    from perfscore.compiled import score_arrays  # noqa: PLC0415 - the lazy name under test

    pack = perfscore.load_pack_text(RATIO_PACK.format(decimals=2, mode="half_up"))
    compiled = compile_pack(pack)
    records = _records(5000)
    expected = score_batch(compiled, records, explain=True)
    columns = {name: np.asarray([r.get(name) for r in records], dtype=object) for name in records[0]}
    numeric = {name: np.asarray([r.get(name) for r in records], dtype=float) for name in ("lin:target",)}
    for data in (records, {**columns, **numeric}):
        found = score_arrays(compiled, data, explain=True)
        assert found.totals() == expected.totals()
        assert found.grades() == expected.grades()
        pairs = zip(found.points_q, expected.points_q, strict=True)
        assert all(a == b or (math.isnan(a) and math.isnan(b)) for a, b in pairs)
        assert [found.status(i) for i in range(len(records))] == [expected.status(i) for i in range(len(records))]
    assert_same(pack, score_arrays(compiled, records[:300], explain=True), records[:300])
    pandas = pytest.importorskip("pandas", reason="DataFrame input needs pandas")
    frame = pandas.DataFrame(records[:500])
    assert score_arrays(compiled, frame).totals() == expected.totals()[:500]


def test_float64_columns_take_the_block_path() -> None:
    """Plain float64 columns are scored block by block: every department compiled, edges settled exactly."""
    from perfscore.compiled import score_arrays  # noqa: PLC0415

    pack = perfscore.load_pack_text(RATIO_PACK.format(decimals=2, mode="half_even"))
    records = [r for r in _records(3000) if all(isinstance(v, float) for v in r.values())]
    columns = {name: np.asarray([r[name] for r in records], dtype=np.float64) for name in records[0]}
    found = score_arrays(pack, columns)
    assert found.counts()["compiled"] == len(records)
    assert found.totals() == score_batch(pack, records).totals()
    assert found.totals()[0] == found[0].total
    assert isinstance(found[0].total, Decimal)


def test_without_numpy_the_vectorised_path_says_which_extra_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    """With NumPy missing, score_arrays raises "EXTRA_MISSING" naming perfscore[fast]."""
    from perfscore.compiled.vector import score_arrays  # noqa: PLC0415

    monkeypatch.setitem(sys.modules, "numpy", None)
    pack = perfscore.load_pack_text(RATIO_PACK.format(decimals=2, mode="half_up"))
    with pytest.raises(perfscore.UsageError) as caught:
        score_arrays(pack, [{}])
    assert caught.value.codes == ("EXTRA_MISSING",)
    assert "perfscore[fast]" in caught.value.format()
