"""perfscore.score's per-pack plan and the results it builds when first read (issue 13, B5).

What follows from a pack alone is worked out once per pack object and kept while the
pack lives; a scorecard keeps numbers and builds its result objects (steps, traced
figures) on first read. Neither may change a single byte of any scorecard.
"""

from __future__ import annotations

import copy
import decimal
import gc
import pickle
import weakref
from decimal import Decimal
from typing import ClassVar

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import figures_for, pack_text, pack_trees

import perfscore
from perfscore._core.decimals import RoundingPolicy
from perfscore._core.facts import FACTS
from perfscore._core.numerals import parse_quantity
from perfscore._core.scoreplan import plan_of
from perfscore.rules.base import FigureView, Outcome, step

SCHEME = """\
id: plan-test
title: Plan test
version: "1"
source: test
assumptions:
  - {id: a1, text: 以全年计}
indicators:
  - id: g
    name: 产出
    weight: 60
    children:
      - {id: g.a, name: 场次, weight: 25, target: "≥100场", assumptions: [a1]}
      - {id: g.b, name: 成本, weight: 20, target: "≤5万元", rule: {kind: reverse, variant: linear}}
      - {id: g.c, name: 质量, weight: 15, rule: {kind: bands, bands: [{range: "[90, +∞)", fraction: 1},
                                                                   {range: "[60, 90)", fraction: 0.6}]}}
  - id: h
    name: 效益
    weight: 40
    aggregation: percent
    children:
      - {id: h.a, name: 满意度, weight: 70, target: "≥95%"}
      - {id: h.b, name: 评价, weight: 30, rule: qualitative}
"""


def _figures(actual: str, cost: str, quality: str, rate: str, **more: object) -> perfscore.Figures:
    indicators: dict[str, object] = {
        "g.a": {"actual": actual},
        "g.b": {"actual": cost},
        "g.c": {"actual": quality},
        "h.a": {"actual": rate},
        "h.b": {"level": "达成", "score": "25", "reason": "好"},
    }
    indicators.update(more)
    return perfscore.figures_from_mapping({"indicators": indicators})


FIGURE_SETS = [
    _figures("103场", "4.2万元", "95", "97.87%"),
    _figures("87场", "6.3万元", "71.5", "0.93"),  # a bare fraction against a percent target: both readings
    _figures(
        "100场", "12万元", "12", "100%", **{"g.a": {"actual": "100场", "override": {"score": 20, "reason": "减"}}}
    ),
    _figures("150场", "4万元", "90", "96%", **{"g.c": {"not_applicable": "本年未开展"}}),
    _figures("50场", "5万元", "60", "95%", **{"g.b": {}}),  # a figure missing: a partial card
    _figures("完成", "5万元", "60", "95%"),  # a word for a number
]


def _json(card: perfscore.Scorecard) -> str:
    return card.to_json()


def test_a_pack_used_before_scores_like_a_fresh_one() -> None:
    """A pack that scored other figures first (its plan made and kept) gives the bytes a fresh pack gives."""
    used = perfscore.load_pack_text(SCHEME)
    for figures in FIGURE_SETS:
        perfscore.score(used, figures).to_json()
    for figures in reversed(FIGURE_SETS):
        fresh = perfscore.load_pack_text(SCHEME)
        again, first = perfscore.score(used, figures), perfscore.score(fresh, figures)
        assert _json(again) == _json(first)
        assert again == first
        assert again.diagnostics == first.diagnostics


@settings(max_examples=40, deadline=None)
@given(tree=pack_trees(), data=st.data())
def test_the_plan_never_changes_a_scorecard(tree: list[dict[str, object]], data: st.DataObject) -> None:
    """Any pack, any figures: scored after other figures under the same pack object, or under a fresh one, alike."""
    text = pack_text(tree)
    pack = perfscore.load_pack_text(text)
    earlier = perfscore.figures_from_mapping(data.draw(figures_for(tree)))
    later = perfscore.figures_from_mapping(data.draw(figures_for(tree)))
    perfscore.score(pack, earlier).to_json()
    assert _json(perfscore.score(pack, later)) == _json(perfscore.score(perfscore.load_pack_text(text), later))


def test_a_plan_belongs_to_one_pack_object() -> None:
    """Equal packs have their own plans; a pack made by evolve is planned afresh with its own rounding."""
    pack = perfscore.load_pack_text(SCHEME)
    twin = perfscore.load_pack_text(SCHEME)
    assert pack == twin
    assert plan_of(pack) is plan_of(pack)
    assert plan_of(pack) is not plan_of(twin)
    figures = FIGURE_SETS[0]
    two_places = perfscore.score(pack, figures)
    one_place = attrs.evolve(pack, rounding=RoundingPolicy(decimals=1))
    assert plan_of(one_place) is not plan_of(pack)
    rounded = perfscore.score(one_place, figures)
    written = SCHEME + "rounding: {decimals: 1}\n"
    assert _json(rounded) == _json(perfscore.score(perfscore.load_pack_text(written), figures))
    assert rounded.decimals == 1
    assert _json(perfscore.score(pack, figures)) == _json(two_places)


def test_a_plan_goes_with_its_pack() -> None:
    """The plan holds no reference to its pack, and its cache entry goes when the pack goes."""
    pack = perfscore.load_pack_text(SCHEME)
    perfscore.score(pack, FIGURE_SETS[0])
    key, gone = id(pack), weakref.ref(pack)
    assert key in FACTS
    del pack
    gc.collect()
    assert gone() is None
    assert key not in FACTS


def test_results_built_later_are_the_same_objects_whoever_reads_them() -> None:
    """Children built on first read: once, in the library's decimal context, equal after pickling and evolve."""
    pack = perfscore.load_pack_text(SCHEME)
    for figures in FIGURE_SETS:
        expected = perfscore.score(pack, figures)
        expected_json = _json(expected)
        card = perfscore.score(pack, figures)
        with decimal.localcontext(decimal.Context(prec=3, rounding=decimal.ROUND_DOWN)):
            children = card.children  # built under a caller's odd context
        assert children is card.children
        assert _json(card) == expected_json
        unread = perfscore.score(pack, figures)
        assert pickle.loads(pickle.dumps(unread)) == expected  # noqa: S301 - our own bytes
        assert _json(attrs.evolve(perfscore.score(pack, figures))) == expected_json
        assert repr(perfscore.score(pack, figures)) == repr(expected)


def test_an_unread_scorecard_has_every_number_and_warning() -> None:
    """Totals, grades and diagnostics are there before any result object is read."""
    pack = perfscore.load_pack_text(SCHEME)
    card = perfscore.score(pack, FIGURE_SETS[4])
    assert card.partial
    assert card.total is None
    assert card.low < card.high
    codes = [item.code for item in card.diagnostics]
    assert "FIGURE_MISSING" in codes
    assert "RESULT_PARTIAL" in codes
    assert "ASSUMPTION_USED" in codes
    assert card.node("g.b").needs == "actual"


@attrs.frozen
class _Forgetful:
    """A rule that breaks the rule protocol: each call scores one point less than the last."""

    kind: ClassVar[str] = "forgetful"
    calls: list[int] = attrs.field(factory=list, eq=False)

    def evaluate(self, view: FigureView) -> Outcome:
        """Fewer points every time."""
        self.calls.append(1)
        points = view.weight - len(self.calls)
        return Outcome(points=points, steps=(step("positive.met", weight=points),))

    def reads(self) -> frozenset[str]:
        """Nothing."""
        return frozenset()


def test_a_rule_that_is_not_pure_is_named_when_its_result_is_built() -> None:
    """A rule giving other points for the same figures cannot be explained: RULE_NOT_PURE, located."""
    pack = perfscore.load_pack_text(SCHEME)
    group = pack.children[0]
    first = attrs.evolve(group.children[0], rule=_Forgetful())
    broken = attrs.evolve(pack, children=(attrs.evolve(group, children=(first, *group.children[1:])), pack.children[1]))
    card = perfscore.score(broken, FIGURE_SETS[0])
    assert card.total is not None
    with pytest.raises(perfscore.UsageError) as caught:
        _ = card.children
    assert caught.value.codes == ("RULE_NOT_PURE",)
    message = str(caught.value)
    assert "g.a" in message
    assert "24" in message
    assert "23" in message
    assert caught.value.diagnostics[0].location == first.rule_location


def test_weights_scaled_by_one_keep_their_digits() -> None:
    """A weight written 2.50 shows as 2.50 (the engine skips × 1 ÷ 1 but never changes a digit)."""
    text = SCHEME.replace("weight: 25, target", "weight: 25.00, target").replace("weight: 60\n", "weight: 60.00\n")
    card = perfscore.score(perfscore.load_pack_text(text), FIGURE_SETS[0])
    assert str(card.node("g.a").weight) == "25.00"
    assert card.node("g.a").weight == Decimal(25)


def test_figures_cannot_change_after_scoring() -> None:
    """The mappings inside figures refuse changes, so a card explained later explains what it scored.

    A caller reusing one dict for many departments would otherwise change what earlier
    scorecards explain (their results are built when first read, from the figures).
    """
    pack = perfscore.load_pack_text(SCHEME)
    shared: dict[str, object] = {}
    cards = []
    for actual in ("95", "70"):
        shared["g.c"] = perfscore.IndicatorFigures(id="g.c", values={"actual": parse_quantity(actual)})
        cards.append(perfscore.score(pack, perfscore.Figures(indicators=shared)))
    first, second = (card.node("g.c") for card in cards)
    assert (first.inputs[0].shown, second.inputs[0].shown) == ("95", "70")
    assert first.score != second.score
    figures = _figures("103场", "4.2万元", "95", "97.87%")
    for mapping in (figures.indicators, figures.amounts, figures.indicators["g.c"].values):
        with pytest.raises(TypeError, match="immutable"):
            mapping["x"] = None  # type: ignore[index]
        with pytest.raises(TypeError, match="immutable"):
            mapping.update({})  # type: ignore[attr-defined]
    assert pickle.loads(pickle.dumps(figures)) == figures  # noqa: S301 - our own bytes
    assert perfscore.score(pack, figures).to_json() == perfscore.score(pack, copy.deepcopy(figures)).to_json()


def _assumption_notes(items: object) -> list[perfscore.Diagnostic]:
    return [item for item in items if item.code == "ASSUMPTION_USED"]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "figures",
    [*FIGURE_SETS, _figures("100场", "4万元", "90", "96%", **{"g.a": {"not_applicable": "本年未开展"}})],
)
def test_assumption_notes_name_the_results_that_rely_on_them(figures: perfscore.Figures) -> None:
    """The plan's notes (nothing dropped) or the records' (something dropped) name what the built results name."""
    from perfscore._core.resultnotes import result_notes  # noqa: PLC0415

    pack = perfscore.load_pack_text(SCHEME)
    card = perfscore.score(pack, figures)
    expected = _assumption_notes(result_notes(pack, card))  # from the built results, walked
    assert _assumption_notes(card.diagnostics) == expected
    dropped = figures.indicator("g.a") is not None and figures.indicator("g.a").not_applicable  # type: ignore[union-attr]
    assert [dict(note.params)["id"] for note in expected] == ([] if dropped else ["g.a"])


def test_the_bundled_example_names_its_assumptions_as_its_results_do() -> None:
    """The Baiyun example (several assumptions, on groups and indicators) through the plan's notes."""
    from perfscore._core.resultnotes import result_notes  # noqa: PLC0415

    root = __import__("pathlib").Path(__file__).resolve().parent.parent
    pack = perfscore.load_pack(str(root / "rules" / "baiyun-2021.yaml"))
    card = perfscore.score(pack, perfscore.load_figures(str(root / "examples" / "baiyunhu-2021.yaml")))
    found = _assumption_notes(card.diagnostics)
    assert found
    assert found == _assumption_notes(result_notes(pack, card))
