"""`perfscore check`: the static checks on bands, levels, grades and figure names, with and without figures."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from conftest import EXAMPLES, RULES
from conftest import run_cli as run

import perfscore

PACK = """\
id: b
title: B
version: "1"
source: s
qualitative:
  levels:
    - {label: 未达成, range: "[0%, 60%)"}
    - {label: 达成, range: "[80%, 100%]"}
    - {label: 部分达成, range: "[60%, 80%)"}
    - {label: 空, range: "[80%, 80%)"}
grades:
  - {label: 优, range: "[90, 100]"}
  - {label: 良, range: "[80, 90)"}
  - {label: 无, range: "[80, 80)"}
  - {label: 中, range: "[60, 80)"}
  - {label: 差, range: "[0, 60)"}
indicators:
  - id: a
    name: A
    weight: 50
    rule:
      kind: bands
      of: actaul
      bands:
        - {range: "[90, 100]", fraction: 1}
        - {range: "[60, 80)", fraction: 0.6}
        - {range: "[80, 85)", fraction: 0.8}
        - {range: "[85, 90)", fraction: 0.9}
        - {range: "[70, 75)", fraction: 0.7}
        - {range: "[95, 95)", fraction: 0.1}
  - id: c
    name: C
    weight: 50
    rule:
      kind: bands
      bands:
        - {range: "[90%, 100%]", fraction: 1}
        - {range: "[70%, 80%)", fraction: 0.5}
        - {range: "[0%, 60%)", fraction: 0.1}
        - {range: "[90%, 95%)", fraction: 0.9}
"""


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    """A pack that loads, with one of each static problem."""
    path = tmp_path / "b.yaml"
    path.write_text(PACK, encoding="utf-8")
    return path


def test_static_problems_are_warnings_with_lines_and_values(pack: Path) -> None:
    """Each static problem is a located warning naming the values; the pack still passes (exit 0)."""
    code, out, err = run("--lang", "en", "check", str(pack))
    assert code == 0
    assert out == f"{pack}: ok (b v1, 2 indicators, 10 warnings)\n"
    expected = [
        (
            f"{pack}:22:7: BANDS_UNREACHABLE band table of 'a': the band [70, 75) can never be reached "
            "(the bands listed before it hold all its values)"
        ),
        f"{pack}:22:7: BANDS_UNREACHABLE band table of 'a': the band [95, 95) can never be reached (it holds no value)",
        (
            f"{pack}:22:7: BANDS_ORDER band table of 'a': the bands are not listed in order of their edges "
            "([60, 80) before [80, 85))"
        ),
        f"{pack}:22:7: FIGURE_NAME_UNKNOWN the rule of 'a' reads 'actaul', which no figures file can give an indicator",
        f"{pack}:35:7: BANDS_GAP band table of 'c': values [60, 70) fall in no band and earn 0",
        f"{pack}:35:7: BANDS_GAP band table of 'c': values [80, 90) fall in no band and earn 0",
        f"{pack}:10:7: LEVELS_UNREACHABLE qualitative level 空 [80%, 80%) holds no score and can never be reached",
        (
            f"{pack}:9:7: LEVELS_ORDER qualitative levels are not listed in order of their bands "
            "(达成 [80%, 100%] before 部分达成 [60%, 80%))"
        ),
        f"{pack}:14:5: GRADES_UNREACHABLE the grade 无 [80, 80) holds no total and can never be reached",
    ]
    for line in expected:
        assert line in err
    assert "did you mean 'actual'?" in err


def test_strict_turns_warnings_into_exit_1(pack: Path) -> None:
    """--strict exits 1 when there are warnings; the bundled packs have none."""
    assert run("check", "--strict", str(pack))[0] == 1
    code, out, err = run("--lang", "en", "check", "--strict", *(str(p) for p in sorted(RULES.glob("*[!s].yaml"))))
    assert (code, err) == (0, "")
    assert "warning" not in out


def test_same_codes_in_chinese(pack: Path) -> None:
    """With --lang zh the messages are Chinese and the codes unchanged."""
    _, out, err = run("--lang", "zh", "check", str(pack))
    assert out == f"{pack}: 通过（b v1，2 个指标，10 个警告）\n"
    assert "BANDS_GAP 'c' 的分档表：数值 [60, 70) 不在任何一档内，得 0 分" in err
    assert "BANDS_OVERLAP" not in err


def test_far_overlap_is_a_warning_neighbours_an_error(tmp_path: Path) -> None:
    """Bands overlapping two places apart are BANDS_OVERLAP (warning); neighbours stay the loader's BANDS_INVALID."""
    text = PACK.replace('        - {range: "[90%, 95%)", fraction: 0.9}\n', "").replace(
        '        - {range: "[0%, 60%)", fraction: 0.1}',
        '        - {range: "[0%, 60%)", fraction: 0.1}\n        - {range: "[75%, 85%)", fraction: 0.6}',
    )
    path = tmp_path / "far.yaml"
    path.write_text(text, encoding="utf-8")
    code, _, err = run("--lang", "en", "check", str(path))
    assert code == 0
    assert "BANDS_OVERLAP band table of 'c': [70, 80) and [75, 85) overlap" in err
    path.write_text(text.replace('[0%, 60%)", fraction: 0.1}\n', '[0%, 72%)", fraction: 0.1}\n'), encoding="utf-8")
    code, _, err = run("--lang", "en", "check", str(path))
    assert code == 1
    assert "BANDS_INVALID" in err


def test_fraction_above_one_stays_a_loader_error(tmp_path: Path) -> None:
    """A band earning more than the weight is refused when loading, at the band's line, with the value."""
    path = tmp_path / "over.yaml"
    path.write_text(
        PACK.replace("fraction: 0.9}\n  - id: c", "fraction: 0.9}\n  - id: c").replace(
            '[90, 100]", fraction: 1}', '[90, 100]", fraction: 1.2}'
        ),
        encoding="utf-8",
    )
    code, _, err = run("--lang", "en", "check", str(path))
    assert code == 1
    assert (
        f"{path}:25:42: BANDS_INVALID band table of 'a': a band earns 1.2 of the weight; it must be within 0–1" in err
    )


def test_percent_bands_read_percent_figures() -> None:
    """A band written "[90%, 100%]" holds an actual of 95% (read as 95 percent)."""
    pack = perfscore.load_pack_text(PACK.replace("of: actaul", "of: actual"))
    card = perfscore.score(pack, perfscore.figures_from_mapping({"indicators": {"c": {"actual": "95%"}}}))
    assert card["c"].score == Decimal(50)


def test_figures_fit_the_pack() -> None:
    """--figures lists indicators the figures give nothing for, and passes the figures' own warnings on."""
    code, out, err = run(
        "--lang", "en", "check", str(RULES / "baiyun-2021.yaml"), "--figures", str(EXAMPLES / "baiyunhu-2021.yaml")
    )
    assert code == 0
    assert "1 warning)" in out
    assert "INDICATOR_UNREACHED examples/baiyunhu-2021.yaml gives no figures for 'goals' (qualitative)" in err.replace(
        str(EXAMPLES), "examples"
    )


def test_unread_amounts_and_unknown_indicators(tmp_path: Path) -> None:
    """Amounts no rule reads are FIGURE_UNREAD notes; figures for an unknown indicator fail the check."""
    figures = tmp_path / "f.yaml"
    figures.write_text(
        "amounts: {budget: {adjusted: 100, executed: 90}, staff: 12}\nindicators:\n  progress: {actual: 1}\n",
        encoding="utf-8",
    )
    code, _, err = run("--lang", "en", "check", str(RULES / "baiyun-2021.yaml"), "--figures", str(figures))
    assert code == 0
    assert f"{figures}:1:57: FIGURE_UNREAD {figures} gives the amount 'staff', which no rule reads" in err
    assert "FIGURE_NOT_USED" in err
    assert "INDICATOR_UNREACHED" in err
    figures.write_text("indicators:\n  nosuch: {actual: 1}\n", encoding="utf-8")
    code, _, err = run("--lang", "en", "check", str(RULES / "baiyun-2021.yaml"), "--figures", str(figures))
    assert code == 1
    assert "FIGURE_UNKNOWN_INDICATOR" in err


def test_static_check_codes_from_the_api() -> None:
    """`pack_checks` and `figures_checks` return the warnings as diagnostics with stable codes."""
    from perfscore._packs.staticchecks import figures_checks, pack_checks  # noqa: PLC0415 - the API under test

    pack = perfscore.load_pack_text(PACK)
    assert {d.code for d in pack_checks(pack)} == {
        "BANDS_UNREACHABLE",
        "BANDS_ORDER",
        "BANDS_GAP",
        "FIGURE_NAME_UNKNOWN",
        "LEVELS_UNREACHABLE",
        "LEVELS_ORDER",
        "GRADES_UNREACHABLE",
    }
    far = PACK.replace(
        '        - {range: "[90%, 95%)", fraction: 0.9}\n', '        - {range: "[75%, 85%)", fraction: 0.6}\n'
    )
    assert "BANDS_OVERLAP" in {d.code for d in pack_checks(perfscore.load_pack_text(far))}
    figures = perfscore.figures_from_mapping({"amounts": {"staff": 3}, "indicators": {"c": {"actual": "95%"}}})
    assert [(d.code, d.severity.value) for d in figures_checks(pack, figures)] == [
        ("INDICATOR_UNREACHED", "warning"),
        ("FIGURE_UNREAD", "info"),
    ]
