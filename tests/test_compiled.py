"""Compiled batch scoring gives exactly what perfscore.score gives, department by department."""

from __future__ import annotations

import gc
import math
import pickle
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import batch_numbers, batch_oddities, batch_packs, batch_records

import perfscore
from perfscore.compiled import ScoredBatch, compile_pack, figures_from_record, score_batch, score_one
from perfscore.compiled.rows import HIGHEST, LOWEST, normalised, plain_floats

RATIO_PACK = """
id: edges
title: Edges
version: '1'
source: test
rounding: {{decimals: {decimals}, mode: {mode}}}
total: 10
indicators:
  - {{id: pos, name: Pos, weight: 2.5, rule: {{kind: positive, target: figures}}}}
  - {{id: rev, name: Rev, weight: 2.5, rule: {{kind: reverse, target: figures}}}}
  - {{id: lin, name: Lin, weight: 2, rule: {{kind: reverse, target: figures, variant: linear}}}}
  - {{id: judged, name: Judged, weight: 1.5, rule: qualitative}}
  - {{id: spent, name: Spent, weight: 1.5, rule: execution_rate}}
"""

FULL = {  # every figure of RATIO_PACK, plain numbers the loop scores (8.30 in all)
    "pos:actual": 50.0,
    "pos:target": 100.0,
    "rev:actual": 5.0,
    "rev:target": 5.0,
    "lin:actual": 1.0,
    "lin:target": 1.0,
    "judged:score": 1.2,
    "amounts:budget.executed": 9.0,
    "amounts:budget.adjusted": 10.0,
}


def assert_same(pack: perfscore.Pack, result: ScoredBatch, records: list[dict[str, object]]) -> None:
    """Every department of ``result`` equals perfscore.score on the record's exact reading."""
    compiled = result.compiled
    for index, record in enumerate(records):
        try:
            card = perfscore.score(pack, figures_from_record(compiled, record))
        except perfscore.PerfscoreError:  # unusable figures (or a formula that cannot be evaluated on them)
            assert result.status(index) == "error"
            continue
        department = result[index]
        assert department.total == card.total
        assert department.grade == card.grade
        assert department.status == ("partial" if card.partial else department.status)
        for group in pack.groups():
            assert department.group_score(group.id) == card[group.id].score
        if card.total is not None and (result.explained or department.status != "compiled"):
            assert department.scores() == {found.id: found.score for found in card.indicators()}


@settings(max_examples=40)
@given(data=st.data(), text=batch_packs())
def test_batch_equals_the_exact_engine(data: st.DataObject, text: str) -> None:
    """For any pack and any records — plain, missing, odd, on rounding edges — each result equals perfscore.score."""
    pack = perfscore.load_pack_text(text)
    compiled = compile_pack(pack)
    records = data.draw(batch_records([column.column for column in compiled.figure_columns]))
    result = score_batch(compiled, records, explain=True)
    assert len(result) == len(records)
    assert_same(pack, result, records)


@settings(max_examples=30)
@given(data=st.data(), text=batch_packs())
def test_renamed_columns_score_as_the_default_names_do(data: st.DataObject, text: str) -> None:
    """Renaming every column (levels and reasons too) changes where the loop reads, never what it finds."""
    pack = perfscore.load_pack_text(text)
    plain = compile_pack(pack)
    names = [column.column for column in plain.figure_columns]
    rename = {name: f"c{index}" for index, name in enumerate(names)}
    renamed = compile_pack(pack, columns=rename)
    records = data.draw(batch_records(names))
    moved = [{rename[key]: value for key, value in record.items()} for record in records]
    first, second = score_batch(plain, records, explain=True), score_batch(renamed, moved, explain=True)
    assert second.totals() == first.totals()
    assert [second.status(i) for i in range(len(moved))] == [first.status(i) for i in range(len(records))]
    assert_same(pack, second, moved)


def test_a_renamed_reason_is_checked_under_its_new_name() -> None:
    """A judgement's reason that is not text is refused by the engine, under whatever name the column has."""
    pack = perfscore.load_pack_text(RATIO_PACK.format(decimals=2, mode="half_up"))
    compiled = compile_pack(pack, columns={"judged:level": "L", "judged:reason": "R"})
    full = {**FULL, "judged:score": 1.35, "L": "达成"}  # strictly inside 达成's band, so the loop takes it
    records = [full, {**full, "R": "完成"}, {**full, "R": True}]
    result = score_batch(compiled, records)
    assert_same(pack, result, records)
    assert [result.status(i) for i in range(3)] == ["compiled", "compiled", "error"]


MODES = [(2, "half_up"), (2, "half_even"), (1, "half_up"), (2, "down"), (0, "up")]


@pytest.mark.parametrize(("decimals", "mode"), MODES)
def test_exact_rounding_edges_are_settled_exactly(decimals: int, mode: str) -> None:
    """Scores exactly on x.xx5 (and neighbours a hair away) round as the exact engine rounds them."""
    pack = perfscore.load_pack_text(RATIO_PACK.format(decimals=decimals, mode=mode))
    records = []
    for k in range(0, 400, 3):
        half = (2 * k + 1) / 5  # 2.5 × a ÷ 100 = (2k + 1) / 200: exactly half a hundredth
        records.append(
            {
                "pos:actual": half,
                "pos:target": 100.0,
                "rev:actual": 100.0,
                "rev:target": half,
                "lin:actual": 100 + half / 2,
                "lin:target": 100.0,
                "judged:score": round(k * 0.005, 3) % 1.5,
                "amounts:budget.executed": half * 10,
                "amounts:budget.adjusted": 1000.0,
            }
        )
        nearby = {"pos:actual": math.nextafter(half, 0.0), "rev:target": math.nextafter(half, 9.0)}
        records.append({**records[-1], **nearby})
    result = score_batch(pack, records, explain=True)
    assert result.counts()["compiled"] == len(records)
    assert_same(pack, result, records)


@given(k=st.integers(0, 10_000), weight=st.integers(1, 40), target=st.sampled_from([100, 40, 125, 200, 80]))
def test_any_half_quantum_rounds_half_up(k: int, weight: int, target: int) -> None:
    """A positive score constructed to land on k + 0.5 hundredths is rounded up, as 四舍五入 says."""
    pack = perfscore.load_pack_text(
        f"id: p\ntitle: P\nversion: '1'\nsource: s\ntotal: {weight / 4}\nindicators:\n"
        f"  - {{id: a, name: A, weight: {weight / 4}, rule: {{kind: positive, target: figures}}}}\n"
    )
    actual = Decimal(2 * k + 1) * target / (Decimal(weight) / 4 * 200)
    records = [{"a:actual": float(actual), "a:target": float(target)}]
    result = score_batch(pack, records)
    assert_same(pack, result, records)


def test_the_exact_answer_reads_floats_by_their_shortest_repr() -> None:
    """0.1 is read as Decimal('0.1'); None and NaN leave the figure out; bool is refused as a number."""
    pack = perfscore.load_pack_text(RATIO_PACK.format(decimals=2, mode="half_up"))
    compiled = compile_pack(pack)
    figures = figures_from_record(compiled, {"pos:actual": 0.1, "pos:target": 0.3, "rev:actual": None})
    assert figures.indicator("pos").values["actual"].value == Decimal("0.1")
    assert figures.indicator("pos").values["target"].value == Decimal("0.3")
    assert figures.indicator("rev") is None
    assert figures_from_record(compiled, {"pos:actual": float("nan")}).indicator("pos") is None
    with pytest.raises(perfscore.FiguresError):
        figures_from_record(compiled, {"pos:actual": True})


def test_departments_the_loop_cannot_take_go_to_the_engine() -> None:
    """Missing figures give the engine's partial result; unusable ones its error; text numbers are read."""
    pack = perfscore.load_pack_text(RATIO_PACK.format(decimals=2, mode="half_up"))
    full = dict(FULL)
    records = [
        full,
        {**full, "pos:actual": None},
        {**full, "pos:actual": "abc"},
        {**full, "pos:actual": "50%"},
        {**full, "amounts:budget.adjusted": 0.0},
        {**full, "judged:score": 2.0},
    ]
    result = score_batch(pack, records)
    statuses = [result.status(i) for i in range(len(records))]
    assert statuses == ["compiled", "partial", "error", "exact", "error", "error"]
    assert_same(pack, result, records)
    assert set(result.errors()) == {2, 4, 5}


def test_one_department_keeps_its_explanation_at_hand() -> None:
    """score_one keeps every indicator's points; the scorecard it materialises is perfscore.score's."""
    pack = perfscore.load_pack_text(RATIO_PACK.format(decimals=2, mode="half_up"))
    record = {
        "pos:actual": 45.25,
        "pos:target": 50.68,
        "rev:actual": 7.0,
        "rev:target": 5.0,
        "lin:actual": 1.5,
        "lin:target": 1.0,
        "judged:score": 1.375,
        "amounts:budget.executed": 17626.37,
        "amounts:budget.adjusted": 18009.98,
    }
    department = score_one(pack, record)
    card = perfscore.score(pack, figures_from_record(compile_pack(pack), record))
    assert department.scores() == {found.id: found.score for found in card.indicators()}
    assert department.scorecard().to_json() == card.to_json()
    assert "positive" in department.explain("pos")
    assert repr(department).startswith("<department 0:")


def test_batch_buffers_hold_no_object_per_indicator() -> None:
    """Kept explanations are flat arrays of numbers: nothing for the garbage collector to walk."""
    pack = perfscore.load_pack_text(RATIO_PACK.format(decimals=2, mode="half_up"))
    record = dict(FULL)
    result = score_batch(pack, [record] * 2000, explain=True)
    for buffer in (result.totals_q, result.groups_q, result.points_q, result.grades_index):
        assert all(isinstance(found, type) for found in gc.get_referents(buffer))  # no value objects inside
    assert len(result.points_q) == 2000 * len(pack.indicators())
    assert result.columns()["total"][0] == result.totals()[0] == Decimal("8.30")  # 1.25 + 2.5 + 2 + 1.2 + 1.35


def test_renaming_a_column_the_pack_does_not_read_is_refused() -> None:
    """compile_pack(columns=...) names only figures the pack reads: "COLUMN_RENAME_UNKNOWN" otherwise."""
    pack = perfscore.load_pack_text(RATIO_PACK.format(decimals=2, mode="half_up"))
    renamed = compile_pack(pack, columns={"pos:actual": "A"})
    assert "A" in renamed.numeric_columns
    with pytest.raises(perfscore.UsageError) as caught:
        compile_pack(pack, columns={"pos:count": "x"})
    assert caught.value.codes == ("COLUMN_RENAME_UNKNOWN",)


def test_a_compiled_pack_travels_by_pickle() -> None:
    """A compiled pack pickles as its pack and column names (for Dask workers), even after use."""
    pack = perfscore.load_pack_text(RATIO_PACK.format(decimals=2, mode="half_up"))
    compiled = compile_pack(pack, columns={"pos:actual": "A"})
    score_batch(compiled, [{"A": 1.0}])
    copy = pickle.loads(pickle.dumps(compiled))  # noqa: S301 - our own object
    assert copy.numeric_columns == compiled.numeric_columns
    assert copy.pack == compiled.pack


@given(st.lists(st.one_of(batch_numbers, batch_oddities, st.floats()), max_size=12).map(tuple))
def test_the_row_check_admits_only_plain_floats_in_range(row: tuple[object, ...]) -> None:
    """plain_floats is true exactly when every value is a float that is 0 or has 2⁻³¹ ≤ |x| < 2⁴⁹."""
    expected = all(
        type(value) is float and (value == 0.0 or LOWEST <= abs(value) < HIGHEST)  # type: ignore[arg-type]
        for value in row
    )
    assert plain_floats(row) is expected
    found = normalised(row)
    if expected:
        assert found == row
    if found is not None:
        assert all(type(value) is float for value in found)
