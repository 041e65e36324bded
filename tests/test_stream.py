"""Streaming and compact batches: score_stream from any iterable, score_batch keeping no reference to its input.

Both are held to perfscore.score department by department (the same property as
test_compiled's), and the input records are checked to be released: a batch explains a
department later from the compact copy of its figures, not from the caller's records.
"""

from __future__ import annotations

import gc
import tracemalloc
import weakref

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import batch_packs, batch_records
from test_compiled import FULL, RATIO_PACK, assert_same

import perfscore
from perfscore.compiled import compile_pack, figures_from_record, score_arrays, score_batch, score_stream
from perfscore.compiled.vector import SMALL


class Record(dict):
    """A record that can be watched with a weak reference."""

    __slots__ = ("__weakref__",)


@settings(max_examples=15)
@given(data=st.data(), text=batch_packs(), chunk=st.integers(1, 7))
def test_stream_equals_the_exact_engine(data: st.DataObject, text: str, chunk: int) -> None:
    """score_stream over a generator yields, in input order, each department as perfscore.score scores it."""
    pack = perfscore.load_pack_text(text)
    compiled = compile_pack(pack)
    records = data.draw(batch_records([column.column for column in compiled.figure_columns]))
    streamed = list(score_stream(compiled, (dict(record) for record in records), explain=True, chunk=chunk))
    batch = score_batch(compiled, records, explain=True)
    assert [(r.total, r.grade, r.status) for r in streamed] == [(r.total, r.grade, r.status) for r in batch]
    assert_same(pack, batch, records)
    for found, record in zip(streamed, records, strict=True):
        if found.status == "compiled":
            card = perfscore.score(pack, figures_from_record(compiled, record))
            assert found.scorecard().total == card.total
            assert found.scores() == {item.id: item.score for item in card.indicators()}


@settings(max_examples=15)
@given(data=st.data(), text=batch_packs())
def test_a_batch_explains_from_its_compact_copy(data: st.DataObject, text: str) -> None:
    """Once the caller's records are gone, an explained batch still has every record and scorecard, exactly."""
    pack = perfscore.load_pack_text(text)
    compiled = compile_pack(pack)
    records = data.draw(batch_records([column.column for column in compiled.figure_columns]))
    watched = [Record(record) for record in records]
    refs = [weakref.ref(record) for record in watched]
    result = score_batch(compiled, iter(watched), explain=True)
    lean = score_batch(compiled, iter(watched))
    del watched
    gc.collect()
    assert all(ref() is None for ref in refs)  # no reference to the input is kept
    for index, record in enumerate(records):
        try:
            expected = figures_from_record(compiled, record)
        except perfscore.PerfscoreError as error:  # unusable figures: the copy is just as unusable
            with pytest.raises(type(error)):
                figures_from_record(compiled, result[index].record)
            continue
        assert figures_from_record(compiled, result[index].record) == expected
        if result.status(index) in {"compiled", "exact"}:
            assert result[index].scorecard().total == perfscore.score(pack, expected).total
        if lean.status(index) == "compiled":  # without explain only the numbers are kept
            with pytest.raises(perfscore.UsageError, match="BATCH_NOT_EXPLAINED"):
                lean[index].scorecard()


def test_stream_memory_does_not_grow_with_n() -> None:
    """Peak memory streaming 8,000 records is that of 1,000 (the records come from a generator)."""
    pack = perfscore.load_pack_text(RATIO_PACK.format(decimals=2, mode="half_up"))
    compiled = compile_pack(pack)

    def peak(n: int) -> int:
        tracemalloc.start()
        total = 0
        for found in score_stream(compiled, (dict(FULL) for _ in range(n)), chunk=250):
            total += found.total is not None
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert total == n
        return peak

    small, large = peak(1_000), peak(8_000)
    assert large < 1.25 * small + 64_000


def test_score_arrays_takes_the_loop_for_a_few_departments() -> None:
    """Below SMALL departments score_arrays answers with the pure-Python loop: the same numbers, no NumPy pass."""
    pack = perfscore.load_pack_text(RATIO_PACK.format(decimals=2, mode="half_up"))
    few = [dict(FULL)] * (SMALL - 1)
    many = [dict(FULL)] * (SMALL + 1)
    assert score_arrays(pack, few).totals() == score_batch(pack, few).totals()
    assert type(score_arrays(pack, few).totals_q) is type(score_batch(pack, few).totals_q)
    assert type(score_arrays(pack, many).totals_q) is not type(score_batch(pack, many).totals_q)
    columns = {name: [value] * 3 for name, value in FULL.items()}
    assert score_arrays(pack, columns).totals() == score_batch(pack, [dict(FULL)] * 3).totals()
