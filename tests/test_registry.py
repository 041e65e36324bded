"""One record per rule kind: the Python factories and the YAML loader share checks, and lists derive from it."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal

import pytest
from conftest import ROOT

import perfscore
from perfscore._packs.schema import pack_schema
from perfscore._text.labels import rule_name
from perfscore.rules import RuleOptionError
from perfscore.rules.registry import RuleKind
from perfscore.sensitivity.inputs import PROPORTIONAL

PACK = """\
id: p
title: P
version: '1'
source: s
{defaults}indicators:
  - {{id: a, name: A, weight: 100, target: "≤10", rule: {rule}}}
"""


def _load(rule: str, defaults: str = "") -> perfscore.Pack:
    return perfscore.load_pack_text(PACK.format(rule=rule, defaults=defaults))


def _problem(error: perfscore.PerfscoreError) -> tuple[str, str]:
    found = next(d for d in error.diagnostics if d.code == "RULE_OPTION")
    params = dict(found.params)
    return params["problem"], params["problem_zh"]


def test_a_float_tolerance_is_stored_as_its_text_not_its_binary_expansion() -> None:
    """equal('=3', tolerance=0.1) keeps Decimal('0.1') exactly, as the pack's `tolerance: 0.1` does."""
    rule = perfscore.equal("=3", tolerance=0.1)
    assert rule.tolerance == Decimal("0.1")
    assert str(rule.tolerance) == "0.1"
    loaded = _load("{kind: equal, target: '=3', tolerance: 0.1}").indicators()[0].rule
    assert loaded == rule


@pytest.mark.parametrize(
    ("call", "rule"),
    [
        (lambda: perfscore.deduct(per="occurrence", points=-2), "{kind: deduct, per: occurrence, points: -2}"),
        (lambda: perfscore.reverse("≤10", variant="foo"), "{kind: reverse, variant: foo}"),
        (lambda: perfscore.deduct(per="often", points=1), "{kind: deduct, per: often, points: 1}"),
        (lambda: perfscore.deduct(per="point", points=1), "{kind: deduct, per: point, points: 1}"),
        (lambda: perfscore.equal("=3", tolerance=-1), "{kind: equal, target: '=3', tolerance: -1}"),
    ],
)
def test_python_and_yaml_refuse_the_same_options_with_the_same_message(call: object, rule: str) -> None:
    """A bad option is a library error (RULE_OPTION) from the factory, and the same words in a pack."""
    with pytest.raises(RuleOptionError) as from_python:
        call()  # type: ignore[operator]
    assert from_python.value.codes == ("RULE_OPTION",)
    with pytest.raises(perfscore.PackError) as from_yaml:
        _load(rule)
    assert _problem(from_yaml.value) == _problem(from_python.value)


def test_an_unknown_variant_names_the_allowed_values() -> None:
    """reverse(variant='foo') says which variants exist, in both languages, and is no bare ValueError."""
    with pytest.raises(perfscore.PerfscoreError) as caught:
        perfscore.reverse("≤10", variant="foo")
    en, zh = _problem(caught.value)
    assert "'ratio'" in en
    assert "'linear'" in en
    assert "foo" in en
    assert "ratio" in zh
    assert "linear" in zh


def test_importing_the_rules_loads_no_yaml() -> None:
    """perfscore.rules (and DEFAULT_REGISTRY through the package) is scoring core: PyYAML stays unloaded."""
    code = (
        "import sys, perfscore, perfscore.rules\n"
        "assert perfscore.DEFAULT_REGISTRY is perfscore.rules.DEFAULT_REGISTRY\n"
        "perfscore.positive('≥1'); perfscore.rules.DEFAULT_REGISTRY.names()\n"
        "print(sorted(m for m in sys.modules if m == 'yaml' or m.startswith(('yaml.', 'perfscore._yaml'))))\n"
    )
    found = subprocess.run(  # noqa: S603 - our own interpreter running our own script
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert found.stdout.strip() == "[]"


def test_per_kind_defaults_and_the_old_short_spelling_read_the_same() -> None:
    """`defaults: {reverse: {variant: linear}}` and the older `defaults: {reverse: linear}` give linear rules."""
    long = _load("reverse", "defaults: {reverse: {variant: linear}}\n").indicators()[0].rule
    short = _load("reverse", "defaults: {reverse: linear}\n").indicators()[0].rule
    plain = _load("reverse").indicators()[0].rule
    assert long == short == perfscore.reverse("≤10", variant="linear")
    assert plain == perfscore.reverse("≤10")
    own = _load("{kind: reverse, variant: ratio}", "defaults: {reverse: {variant: linear}}\n").indicators()[0].rule
    assert own == perfscore.reverse("≤10")  # the rule's own option wins


def test_defaults_of_other_kinds_apply_too() -> None:
    """Any option of any kind may have a pack default: an equal tolerance, say."""
    rule = _load("{kind: equal, target: '=10'}", "defaults: {equal: {tolerance: 0.5}}\n").indicators()[0].rule
    assert rule == perfscore.equal("=10", tolerance="0.5")


@pytest.mark.parametrize(
    ("defaults", "code"),
    [
        ("defaults: {reverse: sideways}\n", "VALUE_INVALID"),
        ("defaults: {reverse: {variant: sideways}}\n", "VALUE_INVALID"),
        ("defaults: {reverse: {colour: red}}\n", "KEY_UNKNOWN"),
        ("defaults: {revers: linear}\n", "KEY_UNKNOWN"),
        ("defaults: {equal: {tolerance: abc}}\n", "TYPE_MISMATCH"),
    ],
)
def test_wrong_defaults_are_reported_where_written(defaults: str, code: str) -> None:
    """A default that is no allowed value, no option of the kind, or no kind is a located pack error."""
    with pytest.raises(perfscore.PackError) as caught:
        _load("reverse", defaults)
    assert code in caught.value.codes
    assert all(d.location.line is not None for d in caught.value.diagnostics)


def test_labels_schema_and_sensitivity_follow_the_registry() -> None:
    """Report labels, the JSON Schema's rule kinds and sensitivity's proportional set come from the records."""
    registry = perfscore.DEFAULT_REGISTRY
    for name in registry.names():
        kind = registry.kinds[name]
        assert rule_name(name, "zh") == kind.label_zh
        assert kind.label_zh not in kind.summary_zh  # the summary does not repeat the label
    assert {name for name in registry.names() if registry.kinds[name].proportional} == PROPORTIONAL
    custom = RuleKind(name="zz_custom", options=frozenset({"colour"}), build=lambda _ctx: None, label_zh="自定")
    schema = pack_schema(registry.evolve(add=[custom]))
    assert "zz_custom" in schema["$defs"]["rule"]["anyOf"][0]["enum"]
    assert rule_name("zz_custom", "en") == "zz custom"


def test_every_option_spec_names_a_field_of_its_rule_class() -> None:
    """Each spec's field exists on the rule class, so the builder and the dump read and write real fields."""
    for kind in perfscore.DEFAULT_REGISTRY.kinds.values():
        assert kind.rule is not None, kind.name
        for spec in kind.specs:
            cls = kind.rule if isinstance(kind.rule, type) else None
            if cls is not None:
                assert spec.field in {field.name for field in cls.__attrs_attrs__}, (kind.name, spec.name)  # type: ignore[attr-defined]


def test_every_kind_is_planned_for_the_fast_path_or_explicitly_exact() -> None:
    """Each registered kind has a planner in the compiled loop, or its record says exact_only."""
    from perfscore.compiled.leafplan import PLANNERS, planner_for  # noqa: PLC0415 - the compiled layer, on demand

    registry = perfscore.DEFAULT_REGISTRY
    assert set(PLANNERS) <= set(registry.names())
    for name in registry.names():
        kind = registry.kinds[name]
        assert (planner_for(name) is not None) != kind.exact_only, name


@pytest.mark.parametrize("name", sorted(set(perfscore.DEFAULT_REGISTRY.names())))
def test_the_differential_strategies_cover_every_registered_kind(name: str) -> None:
    """The property and batch strategies draw every kind the registry has (bar the one that drops indicators)."""
    from strategies import BATCH_SKIPPED_KINDS, batch_kinds, rule_examples  # noqa: PLC0415 - test helpers

    assert name in rule_examples()
    assert name in batch_kinds() or name in BATCH_SKIPPED_KINDS


@pytest.mark.parametrize(
    ("rule", "figures"),
    [
        ("{kind: positive, target: figures}", {"a:actual": 5.0, "a:target": 8.0}),
        ("{kind: reverse, target: figures, variant: linear}", {"a:actual": 9.0, "a:target": 8.0}),
        ("{kind: equal, target: figures}", {"a:actual": 8.0, "a:target": 8.0}),
        (
            "{kind: bands, bands: [{range: '[0, 50)', fraction: 0.5}, {range: '[50, +∞)', fraction: 1}]}",
            {"a:actual": 7.0},
        ),
        ("qualitative", {"a:score": 42.5}),
        ("execution_rate", {"amounts:budget.executed": 9.0, "amounts:budget.adjusted": 10.0}),
    ],
)
def test_planned_kinds_compile_and_score_as_the_engine(rule: str, figures: dict[str, float]) -> None:
    """A planned kind compiles to a loop kind (not exact) and its compiled score equals perfscore.score."""
    from perfscore.compiled import compile_pack, figures_from_record, score_batch  # noqa: PLC0415

    text = PACK.format(defaults="", rule=rule).replace('target: "≤10", ', "")
    pack = perfscore.load_pack_text(text)
    compiled = compile_pack(pack)
    assert "exact" not in compiled.kind_counts()
    result = score_batch(compiled, [figures])
    card = perfscore.score(pack, figures_from_record(compiled, figures))
    assert result[0].total == card.total


def test_each_kind_brings_its_phrases_in_both_languages() -> None:
    """A kind's record holds its explanation phrases (zh, en), no two kinds share a key, and every key renders."""
    from perfscore._text.phrases import ENGINE_PHRASES, render_step  # noqa: PLC0415 - the text layer under test

    seen: set[str] = set(ENGINE_PHRASES)
    for kind in perfscore.DEFAULT_REGISTRY.kinds.values():
        assert kind.phrases, kind.name
        for key, (zh, en) in kind.phrases.items():
            assert key not in seen, key
            seen.add(key)
            assert zh.strip()
            assert en.strip()
            assert render_step(key, {}, "zh") == zh
            assert render_step(key, {}, "en") == en


def test_a_label_target_is_refused_by_rules_that_compare_with_one_number() -> None:
    """A label target on a positive rule is refused at the target, naming what the rule needs."""
    with pytest.raises(perfscore.PackError) as caught:
        _load("{kind: positive, target: 达成}")
    en, zh = _problem(caught.value)
    assert en == "the target '达成' is a label; this rule needs a number"
    assert zh == "指标值 '达成' 是文字，该规则需要数值"


def test_a_kind_defined_by_its_record_alone_loads_dumps_and_validates() -> None:
    """A third-party kind needs only a class and a record: the generic builder, dump and schema read its specs."""
    import attrs  # noqa: PLC0415 - the custom kind below

    from perfscore._packs.dump import dump_pack  # noqa: PLC0415 - the pack layer under test
    from perfscore.rules.base import Outcome  # noqa: PLC0415
    from perfscore.rules.options import number  # noqa: PLC0415
    from perfscore.rules.registry import OptionSpec  # noqa: PLC0415

    def _share(value: object) -> Decimal:
        return number("share", "share", at_least_zero=True)(value)

    @attrs.frozen
    class Share:
        kind = "share"
        share: Decimal = attrs.field(default=Decimal(1), converter=_share)

        def evaluate(self, view: perfscore.rules.FigureView) -> Outcome:
            return Outcome(points=min(view.weight, view.weight * self.share))

        def reads(self) -> frozenset[str]:
            return frozenset()

    kind = RuleKind(name="share", rule=Share, specs=(OptionSpec(name="share", type="number", default=1),))
    registry = perfscore.DEFAULT_REGISTRY.evolve(add=[kind])
    text = PACK.format(defaults="", rule="{kind: share, share: 0.5}")
    pack = perfscore.load_pack_text(text, registry=registry)
    assert pack.indicators()[0].rule == Share(share="0.5")
    assert "share: 0.5" in dump_pack(pack, registry)
    with pytest.raises(perfscore.PackError, match="share must not be below 0"):
        perfscore.load_pack_text(PACK.format(defaults="", rule="{kind: share, share: -1}"), registry=registry)
    by_kind = pack_schema(registry)["$defs"]["rule"]["anyOf"][1]["allOf"]
    share = next(item["then"] for item in by_kind if item["if"]["properties"]["kind"]["const"] == "share")
    assert share["properties"]["share"] == {"type": "number"}


def test_every_problem_has_both_languages_and_the_same_placeholders() -> None:
    """The problems table is (zh, en); each pair names the same values, so neither language loses one."""
    import string  # noqa: PLC0415 - only this test parses templates

    from perfscore._text.problems import PROBLEMS  # noqa: PLC0415 - the table under test

    def names(template: str) -> set[str]:
        return {field for _, field, _, _ in string.Formatter().parse(template) if field}

    # The one pair whose English is a message from elsewhere: IntervalError's own (English) text,
    # which already quotes the written range; the Chinese quotes the range itself.
    # And an unclosed '(' in a formula: the Chinese points at the '(' and does not repeat what was found.
    elsewhere = {"scale.range": ({"text"}, {"error"}), "formula.unclosed": ({"column"}, {"column", "found"})}
    for key, (zh, en) in PROBLEMS.items():
        assert zh.strip(), key
        assert en.strip(), key
        found = ({name.removesuffix("_zh") for name in names(zh)}, names(en))
        assert found == elsewhere.get(key, (found[1], found[1])), key
