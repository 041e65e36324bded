"""The caches behind explanation text (issue 13, B5) must never change what is shown."""

from __future__ import annotations

import gc
import pickle
from decimal import Decimal

import attrs
from hypothesis import given
from hypothesis import strategies as st

from perfscore._core import decimals
from perfscore._core.diagnostics import NOWHERE
from perfscore._core.scorecard import Input, input_shown_later
from perfscore.rules import base
from perfscore.rules.comparative import positive

DECIMALS = st.decimals(allow_nan=False, allow_infinity=False, places=8, min_value=-(10**9), max_value=10**9)


def _fresh_plain(value: Decimal) -> str:
    return "0" if value.is_zero() else format(value.normalize(decimals.CONTEXT), "f")


@given(DECIMALS, st.integers(min_value=0, max_value=4))
def test_equal_decimals_share_their_shown_text(value: Decimal, zeros: int) -> None:
    """A cached text is right for every decimal equal to the one that filled the cache (1.5 and 1.50)."""
    padded = value.quantize(Decimal(1).scaleb(-(8 + zeros))) if zeros else value
    first, second = decimals.plain(value), decimals.plain(padded)
    assert first == second == _fresh_plain(value)
    assert base.shown_number(padded) == base.shown_number(value)
    whole, _, places = _fresh_plain(value).partition(".")
    expected = f"{whole}.{places[:6]}…" if len(places) > base.MAX_SHOWN_PLACES else _fresh_plain(value)
    assert base.shown_number(value) == expected


def test_plain_cache_stays_bounded() -> None:
    """Many distinct numbers never grow the cache past its size."""
    for n in range(decimals._PLAIN_SIZE + 10):  # noqa: SLF001 - the cache is private
        decimals.plain(Decimal(n) / 7)
    assert len(decimals._PLAIN) <= decimals._PLAIN_SIZE  # noqa: SLF001


def test_rule_text_is_the_repr_and_is_forgotten_with_the_rule() -> None:
    """rule_text gives repr(rule), and drops its entry once the rule object is gone."""
    rule = positive("≥100场")
    assert base.rule_text(rule) == repr(rule) == base.rule_text(rule)
    key = id(rule)
    assert key in base._RULE_FACTS  # noqa: SLF001
    del rule
    gc.collect()
    assert key not in base._RULE_FACTS  # noqa: SLF001


@given(DECIMALS, st.text(max_size=5))
def test_a_step_written_later_equals_one_written_now(value: Decimal, text: str) -> None:
    """step() defers its texts; equality, hash, repr and pickling see the same texts as an eager Step."""
    lazy = base.step("k", value=value, text=text)
    eager = base.Step(key="k", params=(("value", base.shown_number(value)), ("text", text)))
    assert lazy == eager
    assert hash(lazy) == hash(eager)
    assert repr(base.step("k", value=value, text=text)) == repr(eager)
    assert pickle.loads(pickle.dumps(base.step("k", value=value, text=text))) == eager  # noqa: S301 - our own bytes


@given(DECIMALS)
def test_an_input_shown_later_equals_one_shown_now(value: Decimal) -> None:
    """A figure's shown text written on first read equals, hashes and prints like one written at once."""
    later = input_shown_later("actual", base.show, value, NOWHERE)
    now = Input(name="actual", shown=base.show(value), location=NOWHERE)
    assert repr(input_shown_later("actual", base.show, value, NOWHERE)) == repr(now)
    assert later == now
    assert hash(later) == hash(now)
    assert attrs.evolve(input_shown_later("actual", base.show, value, NOWHERE), name="x").shown == now.shown
