"""The vectorised path (perfscore[fast]) gives the pure-Python path's answers, number for number."""

from __future__ import annotations

import math
import sys
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import batch_packs, batch_records
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


def test_float64_columns_take_the_vectorised_path() -> None:
    """Plain float64 columns are scored chunk by chunk: every department compiled, edges settled exactly."""
    from perfscore.compiled import score_arrays  # noqa: PLC0415

    pack = perfscore.load_pack_text(RATIO_PACK.format(decimals=2, mode="half_even"))
    records = [r for r in _records(3000) if all(isinstance(v, float) for v in r.values())]
    columns = {name: np.asarray([r[name] for r in records], dtype=np.float64) for name in records[0]}
    found = score_arrays(pack, columns)
    assert found.counts()["compiled"] == len(records)
    assert found.totals() == score_batch(pack, records).totals()
    assert found.totals()[0] == found[0].total
    assert isinstance(found[0].total, Decimal)


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), text=batch_packs())
def test_vectorised_equals_the_exact_engine_chunk_by_chunk(
    data: st.DataObject, text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """For any pack and records, score_arrays (records or float64 columns, chunks of 3) equals score_batch."""
    from perfscore.compiled import score_arrays, vector  # noqa: PLC0415

    monkeypatch.setattr(vector, "CHUNK", 3)  # several chunks, the last one short
    pack = perfscore.load_pack_text(text)
    compiled = compile_pack(pack)
    names = [column.column for column in compiled.figure_columns]
    records = data.draw(batch_records(names, size=8))
    expected = score_batch(compiled, records, explain=True)
    found = score_arrays(compiled, records, explain=True)
    assert found.totals() == expected.totals()
    assert [found.status(i) for i in range(len(records))] == [expected.status(i) for i in range(len(records))]
    assert_same(pack, found, records)
    numbers = [
        {name: value for name, value in record.items() if type(value) is float} for record in records
    ]  # what float64 columns can hold; anything else is left out (missing)
    columns = {name: np.asarray([r.get(name, np.nan) for r in numbers], dtype=np.float64) for name in names}
    if columns:  # (columns of nothing hold no departments)
        assert score_arrays(compiled, columns).totals() == score_batch(compiled, numbers).totals()


def test_columns_with_unusable_values_send_only_those_departments_to_the_exact_path() -> None:
    """NaN, tiny, huge and negative values in float64 columns are found; -0.0 and 0 are plain."""
    from perfscore.compiled import score_arrays  # noqa: PLC0415

    pack = perfscore.load_pack_text(RATIO_PACK.format(decimals=2, mode="half_up"))
    odd = [50.0, 0.0, -0.0, 1e-40, 2.0**-31, 2.0**-32, 2.0**49, 2.0**49 - 1, -3.0, float("nan"), float("inf")]
    records = [{**_records(1)[0], "pos:actual": value, "rev:target": 4.0} for value in odd]
    columns = {name: np.asarray([r[name] for r in records], dtype=np.float64) for name in records[0]}
    found = score_arrays(pack, columns)
    expected = score_batch(pack, records)
    assert found.totals() == expected.totals()
    statuses = [found.status(i) for i in range(len(odd))]
    assert statuses == [expected.status(i) for i in range(len(odd))]
    plain = [value == 0.0 or 2.0**-31 <= abs(value) < 2.0**49 for value in odd]
    assert [status == "compiled" for status in statuses] == plain


def test_long_band_tables_are_searched_not_counted() -> None:
    """A band table with more edges than are counted one by one scores as the pure-Python loop does."""
    from perfscore.compiled import score_arrays  # noqa: PLC0415

    bands = ", ".join(f"{{range: '[{10 * k}, {10 * k + 10})', fraction: {k / 10}}}" for k in range(10))
    pack = perfscore.load_pack_text(
        "id: long\ntitle: Long\nversion: '1'\nsource: test\ntotal: 10\nindicators:\n"
        f"  - {{id: b, name: B, weight: 10, rule: {{kind: bands, bands: [{bands}]}}}}\n"
    )
    values = np.asarray([-1.0, 0.0, 9.99, 10.0, 45.0, 59.999, 60.0, 99.99, 100.0, 250.0])
    found = score_arrays(pack, {"b:actual": values})
    assert found.totals() == score_batch(pack, [{"b:actual": float(v)} for v in values]).totals()
    assert found.counts()["compiled"] == len(values)


def test_without_numpy_the_vectorised_path_says_which_extra_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    """With NumPy missing, score_arrays raises "EXTRA_MISSING" naming perfscore[fast]."""
    from perfscore.compiled.vector import score_arrays  # noqa: PLC0415

    monkeypatch.setitem(sys.modules, "numpy", None)
    pack = perfscore.load_pack_text(RATIO_PACK.format(decimals=2, mode="half_up"))
    with pytest.raises(perfscore.UsageError) as caught:
        score_arrays(pack, [{}])
    assert caught.value.codes == ("EXTRA_MISSING",)
    assert "perfscore[fast]" in caught.value.format()
