"""`perfscore test PATH... [--coverage]`: YAML pack tests, their failures, and what they did not reach."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import RULES
from conftest import run_cli as run

from perfscore._core.diagnostics import PackError

PACK = """\
id: mini
title: Mini
version: "1"
source: test
indicators:
  - id: a
    name: 数量
    weight: 40
    target: "≥100场"
  - id: b
    name: 满意度
    weight: 40
    rule:
      kind: bands
      bands:
        - {range: "[90%, 100%]", fraction: 1}
        - {range: "[80%, 90%)", fraction: 0.8}
        - {range: "[0%, 80%)", fraction: 0}
  - id: c
    name: 定性
    weight: 20
    rule: qualitative
"""

TESTS = """\
cases:
  - name: all met
    figures:
      indicators:
        a: {actual: 100场}
        b: {actual: 95%}
        c: {level: 达成, score: 20}
    expect:
      scores: {a: 40, b: 40, c: 20}
      total: 100
      grade: 优
  - name: half
    figures:
      indicators:
        a: {actual: 50场}
        b: {actual: 85%}
    expect:
      scores: {a: 20, b: 32, c: [0, 20]}
      total: [52, 72]
      partial: true
      grades_possible: [中, 差]
"""


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A small pack with a bands table and its tests file beside it."""
    (tmp_path / "mini.yaml").write_text(PACK, encoding="utf-8")
    (tmp_path / "mini.tests.yaml").write_text(TESTS, encoding="utf-8")
    return tmp_path


def test_every_bundled_pack_passes_its_tests_with_full_coverage() -> None:
    """`perfscore test rules --coverage` exits 0: every pack has tests, all pass, nothing unreached."""
    code, out, err = run("--lang", "en", "test", str(RULES), "--coverage")
    assert (code, err) == (0, "")
    assert " 0 failed\n" in out
    for line in out.splitlines():
        if line.strip().startswith("coverage:"):
            counts = [part.split()[-1].split("/") for part in line.split(":", 1)[1].split(",")]
            assert all(reached == total for reached, total in counts), line


def test_passing_tests_exit_0_and_name_each_case(mini: Path) -> None:
    """Passing cases print 'ok' with their names and a closing count."""
    code, out, _ = run("--lang", "en", "test", str(mini / "mini.yaml"))
    assert code == 0
    assert "  ok    all met\n" in out
    assert "  ok    half\n" in out
    assert out.endswith("2 passed, 0 failed\n")


def test_a_failure_shows_indicator_expected_got_and_explanation(mini: Path) -> None:
    """A wrong expectation exits 1 and prints TEST_FAILED at its line, expected vs got, and how it was scored."""
    tests = mini / "mini.tests.yaml"
    tests.write_text(TESTS.replace("scores: {a: 20,", "scores: {a: 25,"), encoding="utf-8")
    code, out, _ = run("--lang", "en", "test", str(tests))
    assert code == 1
    assert "  FAIL  half\n" in out
    assert (
        f"{tests}:18:19: TEST_FAILED test 'half': the score of 'a' expected 25, got 20 (at a; expected 25; got 20)"
        in out
    )
    assert "how it was scored:" in out
    assert "actual 50 场 < target 100 场 → 50 ÷ 100 × 40 = 20" in out
    assert out.endswith("1 passed, 1 failed\n")


def test_failure_messages_in_chinese(mini: Path) -> None:
    """With --lang zh the same failure is reported with the same code, in Chinese."""
    tests = mini / "mini.tests.yaml"
    tests.write_text(TESTS.replace("grade: 优", "grade: 良"), encoding="utf-8")
    code, out, _ = run("--lang", "zh", "test", str(tests))
    assert code == 1
    assert "TEST_FAILED 测试 'all met'：等级 应为 良，实际为 优" in out
    assert "评分说明:" in out
    assert "通过 1 个，失败 1 个" in out


def test_tolerance_allows_small_differences(mini: Path) -> None:
    """`tolerance:` lets an expected 32.4 match a computed 32."""
    tests = mini / "mini.tests.yaml"
    tests.write_text(TESTS.replace("b: 32,", "b: 32.4,") + "    tolerance: 0.5\n", encoding="utf-8")
    assert run("test", str(tests))[0] == 0
    tests.write_text(TESTS.replace("b: 32,", "b: 32.4,"), encoding="utf-8")
    assert run("test", str(tests))[0] == 1


def test_coverage_reports_what_no_case_reached(mini: Path) -> None:
    """--coverage lists the unreached band, level and grades at their lines, and exits 1."""
    code, out, _ = run("--lang", "en", "test", str(mini), "--coverage")
    assert code == 1
    assert "coverage: rules 3/3, bands 2/3, levels 1/3, grades 1/4" in out
    assert "COVERAGE_BAND no test reached the band [0, 80) of 'b'" in out
    assert "COVERAGE_LEVEL no test reached the qualitative level 部分达成 of the pack's levels" in out
    assert "COVERAGE_GRADE no test reached the grade 良 [80, 90)" in out
    assert "COVERAGE_RULE" not in out


def test_coverage_names_an_indicator_no_case_scored(tmp_path: Path) -> None:
    """An indicator no case gave figures for is COVERAGE_RULE."""
    (tmp_path / "mini.yaml").write_text(PACK, encoding="utf-8")
    only_a = "cases:\n  - name: a only\n    figures: {indicators: {a: {actual: 1场}}}\n    expect: {scores: {a: 0.4}}\n"
    (tmp_path / "mini.tests.yaml").write_text(only_a, encoding="utf-8")
    code, out, _ = run("--lang", "en", "test", str(tmp_path / "mini.yaml"), "--coverage")
    assert code == 1
    assert "COVERAGE_RULE no test scored 'b' (bands)" in out
    assert "COVERAGE_RULE no test scored 'c' (qualitative)" in out


def test_pack_without_tests_is_reported(tmp_path: Path) -> None:
    """A pack with no <pack>.tests.yaml beside it is TESTS_MISSING (exit 1)."""
    (tmp_path / "lonely.yaml").write_text(PACK, encoding="utf-8")
    code, _, err = run("--lang", "en", "test", str(tmp_path))
    assert code == 1
    assert "TESTS_MISSING no tests for" in err
    assert "lonely.tests.yaml" in err


def test_unknown_id_in_expectations_is_located(mini: Path) -> None:
    """An expected score for an id the pack does not have is TEST_UNKNOWN_ID at its key."""
    tests = mini / "mini.tests.yaml"
    tests.write_text(TESTS.replace("scores: {a: 40,", "scores: {z: 40, a: 40,"), encoding="utf-8")
    code, _, err = run("--lang", "en", "test", str(tests))
    assert code == 1
    assert f"{tests}:9:" in err
    assert "TEST_UNKNOWN_ID" in err
    assert "test 'all met' expects a score for 'z', which is not in pack 'mini'" in err


def test_bad_inline_figures_are_located_in_the_tests_file(mini: Path) -> None:
    """A typo inside a case's inline figures is reported at its line in the tests file, with a suggestion."""
    tests = mini / "mini.tests.yaml"
    tests.write_text(TESTS.replace("a: {actual: 50场}", "a: {actaul: 50场}"), encoding="utf-8")
    code, _, err = run("--lang", "en", "test", str(tests))
    assert code == 1
    assert f"{tests}:15:13: KEY_UNKNOWN" in err
    assert "did you mean 'actual'?" in err


def test_figures_that_cannot_be_scored_fail_the_case(mini: Path) -> None:
    """A score outside the weight fails the case with the figure's own diagnostic."""
    tests = mini / "mini.tests.yaml"
    tests.write_text(TESTS.replace("c: {level: 达成, score: 20}", "c: {score: 25}"), encoding="utf-8")
    code, out, _ = run("--lang", "en", "test", str(tests))
    assert code == 1
    assert "FIGURE_SCORE_RANGE" in out


def test_figures_file_and_overrides(tmp_path: Path) -> None:
    """A case may name a figures file and lay `indicators` and `amounts` on top of it."""
    (tmp_path / "mini.yaml").write_text(
        PACK.replace("rule: qualitative", "rule: {kind: execution_rate}"), encoding="utf-8"
    )
    (tmp_path / "f.yaml").write_text(
        "amounts: {budget: {adjusted: 100, executed: 50}}\nindicators:\n  a: {actual: 100场}\n  b: {actual: 95%}\n",
        encoding="utf-8",
    )
    tests = (
        "cases:\n  - name: from the file\n    figures: f.yaml\n    expect: {scores: {c: 10}}\n"
        "  - name: with overrides\n    figures: f.yaml\n    amounts: {budget: {executed: 100}}\n"
        "    indicators: {a: {actual: 50场}}\n    expect: {scores: {a: 20, c: 20}, total: 80}\n"
        "  - name: missing file\n    figures: nowhere.yaml\n    expect: {total: 1}\n"
    )
    (tmp_path / "mini.tests.yaml").write_text(tests, encoding="utf-8")
    code, _, err = run("--lang", "en", "test", str(tmp_path / "mini.yaml"))
    assert code == 1
    assert "FILE_UNREADABLE" in err
    (tmp_path / "mini.tests.yaml").write_text(tests.split("  - name: missing file", maxsplit=1)[0], encoding="utf-8")
    assert run("test", str(tmp_path / "mini.yaml"))[0] == 0


TEMPLATE = """\
id: frame
title: Frame
version: "1"
source: test
template: true
indicators:
  - id: g
    name: G
    children:
      - {id: g.a, name: A, target: "≥100%"}
      - {id: g.b, name: B, rule: qualitative}
"""


def test_template_tests_weight_the_template(tmp_path: Path) -> None:
    """A template's tests give `weights:`; without them KEY_MISSING, with incomplete ones WEIGHT_UNSET."""
    (tmp_path / "frame.yaml").write_text(TEMPLATE, encoding="utf-8")
    case = "cases:\n  - name: met\n    figures: {indicators: {g.a: {actual: 100%}, g.b: {score: 50}}}\n"
    case += "    expect: {total: 100}\n"
    tests = tmp_path / "frame.tests.yaml"
    tests.write_text("weights: {g: 100, g.a: 50, g.b: 50}\n" + case, encoding="utf-8")
    assert run("test", str(tests))[0] == 0
    tests.write_text(case, encoding="utf-8")
    code, _, err = run("--lang", "en", "test", str(tests))
    assert code == 1
    assert "KEY_MISSING 'weights' is required in the tests of the template 'frame'" in err
    tests.write_text("weights: {g: 100, g.a: 100}\n" + case, encoding="utf-8")
    assert "WEIGHT_UNSET" in run("test", str(tests))[2]


def test_weights_on_a_pack_that_is_not_a_template(mini: Path) -> None:
    """`weights:` in the tests of an ordinary pack is refused: weights belong in the pack."""
    tests = mini / "mini.tests.yaml"
    tests.write_text("weights: {a: 40}\n" + TESTS, encoding="utf-8")
    code, _, err = run("--lang", "en", "test", str(tests))
    assert code == 1
    assert "VALUE_INVALID 'weights' has an invalid value: 'mini' is not a template" in err


def test_a_missing_path_is_a_usage_error() -> None:
    """A path that does not exist exits 2."""
    assert run("test", "no/such/pack.yaml")[0] == 2


def test_codes_of_failures_and_gaps(mini: Path) -> None:
    """The runner and coverage speak in catalogue codes: TEST_FAILED, and one COVERAGE_* per kind of gap."""
    from perfscore._packs.coverage import measure  # noqa: PLC0415 - the API under test
    from perfscore._packs.testcases import load_suite  # noqa: PLC0415
    from perfscore._packs.testrunner import run_suite  # noqa: PLC0415

    tests = mini / "mini.tests.yaml"
    tests.write_text(TESTS.replace("total: 100", "total: 99"), encoding="utf-8")
    suite = load_suite(str(tests))
    results = run_suite(suite, "en")
    assert [f.diagnostic.code for r in results for f in r.failures] == ["TEST_FAILED"]
    report = measure(suite.pack, [(r.card, r.case.figures) for r in results if r.card is not None])
    assert {d.code for d in report.gaps} == {"COVERAGE_BAND", "COVERAGE_LEVEL", "COVERAGE_GRADE"}
    first = measure(suite.pack, [])
    assert "COVERAGE_RULE" in {d.code for d in first.gaps}
    assert first.summary("zh") == "规则 0/3, 分档 0/3, 定性等级 0/3, 等级 0/4"
    tests.write_text(TESTS.replace("scores: {a: 40,", "scores: {q: 40,"), encoding="utf-8")
    with pytest.raises(PackError) as caught:
        load_suite(str(tests))
    assert caught.value.codes == ("TEST_UNKNOWN_ID",)
    (mini / "mini.tests.yaml").unlink()
    assert "TESTS_MISSING" in run("test", str(mini / "mini.yaml"))[2]
