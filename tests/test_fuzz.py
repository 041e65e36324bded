"""Fuzzing the pack loader and the figures loader: only perfscore's own errors escape, valid packs round-trip.

Each test feeds one kind of input; CI runs the default small budget, and the long run is
``pytest -m fuzz --hypothesis-profile=long`` (see docs/bad-inputs.md for the last counts).
The target parser and the expression evaluator have their fuzz tests beside their other
tests (tests/test_targets.py, tests/test_expression.py).
"""

from __future__ import annotations

import os
import re
import string
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import figures_data, leaf_ids, mutated, pack_data, yaml_text

import perfscore
from perfscore._packs.dump import dump_pack, same_pack
from perfscore._text.catalogue import CODES

#: Pieces of YAML and of what people put in packs, glued into soups that reach deep into the reader.
YAML_PIECES = (
    "\n",
    "  ",
    "- ",
    ": ",
    "id",
    "name",
    "weight",
    "indicators",
    "children",
    "rule",
    "kind",
    "target",
    "extends",
    "adjustments",
    "{",
    "}",
    "[",
    "]",
    ", ",
    "&a ",
    "*a",
    "<<: ",
    "? ",
    "!!python/object:os.system ",
    "!!str ",
    "!!binary ",
    "!include ",
    "---\n",
    "...\n",
    "#",
    "'",
    '"',
    "|\n",
    ">\n",
    "\t",
    "\ufeff",
    "\x00",
    "100",
    "-0",
    ".nan",
    "1e309",
    "1.0e+309",
    "074",
    "1:30",
    "18,009.98",
    "97.87%",
    "１００",
    "≥95%",
    "万元",
    "positive",
    "qualitative",
    "formula",
    "expression: 9**9**9",
    "../../etc/passwd",
    "白云湖",
)

_FIELDS = string.Formatter()


def check_diagnostics(err: perfscore.PerfscoreError, *, located: bool) -> None:
    """Every message can be shown in both languages with all its parameters; loader errors name their file."""
    for item in err.diagnostics:
        info = CODES[item.code]
        given = dict(item.params)
        for template in (info.en, info.hint_en):
            wanted = {field for _, field, _, _ in _FIELDS.parse(template) if field}
            assert wanted <= given.keys(), (item.code, wanted - given.keys())
        assert item.format("zh")
        assert item.format("en")
        if located:
            assert item.location.file is not None, item.format("en")


def only_perfscore_errors(action: Callable[[], object], *, located: bool = True) -> object | None:
    """Run ``action``; a PerfscoreError is fine (and checked), anything else fails the test."""
    try:
        return action()
    except perfscore.PerfscoreError as err:
        check_diagnostics(err, located=located)
        return None


def load_and_score(text: str) -> None:
    """Load a pack from ``text`` and, if it loads, score it with no figures: only PerfscoreErrors."""
    pack = only_perfscore_errors(lambda: perfscore.load_pack_text(text))
    if isinstance(pack, perfscore.Pack):
        only_perfscore_errors(lambda: perfscore.score(pack, perfscore.figures_from_mapping({})), located=False)


# ---- the pack loader ---------------------------------------------------------------------


@pytest.mark.fuzz
@given(st.text())
def test_fuzz_pack_text(text: str) -> None:
    """Arbitrary text as a pack raises nothing but a located PerfscoreError."""
    load_and_score(text)


@pytest.mark.fuzz
@given(st.lists(st.sampled_from(YAML_PIECES), max_size=40).map("".join))
def test_fuzz_pack_yaml_soup(text: str) -> None:
    """Anchors, tags, tabs, brackets and odd numbers glued together raise only located PerfscoreErrors."""
    load_and_score(text)


@pytest.mark.fuzz
@given(pack_data().flatmap(mutated))
def test_fuzz_pack_mutations(data: object) -> None:
    """A valid pack with values replaced by anything odd, keys dropped or added: only PerfscoreErrors."""
    load_and_score(yaml_text(data))


@pytest.mark.fuzz
@given(pack_data())
def test_fuzz_pack_round_trip(data: dict[str, object]) -> None:
    """Every generated pack loads; dump_pack → load gives the same pack, and dumping that gives the same text."""
    pack = perfscore.load_pack_text(yaml_text(data))
    text = dump_pack(pack)
    again = perfscore.load_pack_text(text)
    assert same_pack(pack, again)
    assert dump_pack(again) == text


# ---- the figures loader --------------------------------------------------------------------


@pytest.mark.fuzz
@given(st.text())
def test_fuzz_figures_text(text: str) -> None:
    """Arbitrary text as figures raises nothing but a located PerfscoreError."""
    only_perfscore_errors(lambda: perfscore.load_figures_text(text))


@pytest.mark.fuzz
@given(st.data())
def test_fuzz_figures_mutations(data: st.DataObject) -> None:
    """Figures with any values, loaded and scored against a valid pack, raise only PerfscoreErrors."""
    written = data.draw(pack_data(max_depth=1))  # every rule kind, in a small tree: the figures are the point
    pack = perfscore.load_pack_text(yaml_text(written))
    figures_text = yaml_text(data.draw(figures_data(leaf_ids(written)).flatmap(mutated)))
    figures = only_perfscore_errors(lambda: perfscore.load_figures_text(figures_text))
    if isinstance(figures, perfscore.Figures):
        card = only_perfscore_errors(lambda: perfscore.score(pack, figures), located=False)
        if isinstance(card, perfscore.Scorecard):
            assert card.to_json()
            assert card.table()
            assert card.table("markdown", "en", evidence=True)


# ---- the profiles ------------------------------------------------------------------------------


def test_the_active_profile_is_the_one_asked_for(request: pytest.FixtureRequest) -> None:
    """The profile named by --hypothesis-profile is in force; otherwise ci under CI and default elsewhere."""
    asked = request.config.getoption("hypothesis_profile")
    expected = asked or ("ci" if os.environ.get("CI") else "default")
    assert settings.default.max_examples == settings.get_profile(expected).max_examples


def test_the_command_line_profile_wins_over_conftest() -> None:
    """`pytest --hypothesis-profile=long` runs with 100,000 examples even under CI=true (conftest loads ci)."""
    here = Path(__file__).resolve()
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "--hypothesis-profile=long",
        f"{here}::test_the_active_profile_is_the_one_asked_for",
    ]
    done = subprocess.run(  # noqa: S603 - our own interpreter running our own test
        command, capture_output=True, text=True, env={**os.environ, "CI": "true"}, check=False, cwd=here.parent.parent
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert settings.get_profile("long").max_examples == int(os.environ.get("PERFSCORE_FUZZ_EXAMPLES", "100000"))


@pytest.mark.parametrize(("variable", "expected"), [(None, 100_000), ("2500", 2_500)])
def test_the_long_budget_is_100000_unless_asked_otherwise(variable: str | None, expected: int) -> None:
    """The long profile runs 100,000 examples a test; PERFSCORE_FUZZ_EXAMPLES sets another budget for one run."""
    env = {key: value for key, value in os.environ.items() if key != "PERFSCORE_FUZZ_EXAMPLES"}
    if variable is not None:
        env["PERFSCORE_FUZZ_EXAMPLES"] = variable
    code = "import conftest, hypothesis; print(hypothesis.settings.get_profile('long').max_examples)"
    tests = Path(__file__).resolve().parent
    done = subprocess.run(  # noqa: S603 - our own interpreter importing our own conftest
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True, cwd=tests
    )
    assert int(done.stdout.strip().splitlines()[-1]) == expected


# ---- the record of the last long run ---------------------------------------------------------------

_FUZZ_TEST = re.compile(r"@pytest\.mark\.fuzz\n(?:@.*\n)*def (test_\w+)")
_RUN_ROW = re.compile(r"^\| ([a-z ]+) \| `(tests/\S+::(test_\w+))` \| ([\d,]+) \| (\d+) \|", re.MULTILINE)


def test_the_last_long_run_is_recorded_for_every_fuzz_test() -> None:
    """docs/bad-inputs.md records a long run of every fuzz test: no failures, at least 100,000 examples a target."""
    tests = Path(__file__).resolve().parent
    fuzz_tests = {name for path in tests.glob("test_*.py") for name in _FUZZ_TEST.findall(path.read_text("utf-8"))}
    doc = (tests.parent / "docs" / "bad-inputs.md").read_text("utf-8")
    record = doc.split("<!-- long run: begin -->")[1].split("<!-- long run: end -->")[0]
    rows = _RUN_ROW.findall(record)
    assert {name for _, _, name, _, _ in rows} == fuzz_tests
    assert all(failing == "0" for *_, failing in rows)
    per_target: dict[str, int] = {}
    for target, _, _, examples, _ in rows:
        per_target[target] = per_target.get(target, 0) + int(examples.replace(",", ""))
    for target in ("pack loader", "figures loader", "target parser", "expression evaluator"):
        assert per_target.get(target, 0) >= 100_000, (target, per_target)
