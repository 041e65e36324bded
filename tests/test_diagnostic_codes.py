"""One broken input per diagnostic code, with the message and the location it must carry."""

from __future__ import annotations

import io
from pathlib import Path

import attrs
import pytest

import perfscore
from perfscore._text.catalogue import CODES
from perfscore._yaml.source import ReadLimits
from perfscore.cli import main

PACK = """\
id: mini
title: Mini
version: "1"
source: test
indicators:
  - id: a
    name: A
    weight: 60
    target: "≥100场"
  - id: g
    name: G
    weight: 40
    children:
      - {id: g.q, name: Q, weight: 30, rule: qualitative}
      - {id: g.m, name: M, weight: 10, rule: manual}
"""

FIGURES = """\
indicators:
  a: {actual: 100场}
  g.q: {score: 30}
  g.m: {score: 10, reason: ok}
"""


@attrs.frozen
class Case:
    """A broken input, the code it must produce, and where (line, column or None)."""

    code: str
    pack: str = PACK
    figures: str | None = None
    line: int | None = None
    column: int | None = None
    contains: str = ""
    extra: dict[str, str] = attrs.field(factory=dict)
    limits: ReadLimits | None = None


def _pack(replace: str, by: str) -> str:
    assert replace in PACK
    return PACK.replace(replace, by)


CASES = [
    Case("FILE_TOO_LARGE", limits=ReadLimits(max_bytes=50), contains="above the limit of 50 bytes"),
    Case("FILE_ENCODING", pack="id: 白云\n".encode("gbk").decode("latin-1"), line=1, contains="UTF-8"),
    Case("YAML_EMPTY", pack="", contains="no YAML document"),
    Case("YAML_SYNTAX", pack="id: [unclosed\n", line=2, contains="YAML syntax error"),
    Case("YAML_TAB", pack="id: x\nsource:\n\ttitle: y\n", line=3, column=1),
    Case("YAML_MULTIPLE_DOCUMENTS", pack=PACK + "---\nid: other\n", line=16),
    Case(
        "YAML_DUPLICATE_KEY",
        pack=_pack("title: Mini\n", "title: Mini\ntitle: Again\n"),
        line=3,
        column=1,
        contains="first written on line 2",
    ),
    Case("YAML_TAG", pack=_pack("title: Mini", "title: !!python/object:os.system x"), line=2, column=8),
    Case(
        "YAML_ALIAS_LIMIT",
        pack="a: &a [1, 1, 1, 1]\nb: &b [*a, *a, *a, *a]\nc: [*b, *b, *b, *b]\n",
        limits=ReadLimits(max_values=30),
        line=3,
    ),
    Case(
        "YAML_DEPTH",
        pack="a:" + "".join("\n" + "  " * i + "- " for i in range(1, 80)) + "x\n",
        limits=ReadLimits(max_depth=20),
    ),
    Case("YAML_KEY_TYPE", pack="? [a, b]\n: 1\n", line=1),
    Case("NUMBER_NOT_FINITE", pack=_pack("weight: 60", "weight: .nan"), line=8, column=13),
    Case("NUMBER_OUT_OF_RANGE", pack=_pack("weight: 60", "weight: 1.0e+309"), line=8, column=13),
    Case(
        "TYPE_MISMATCH",
        pack=_pack("weight: 60", "weight: sixty"),
        line=8,
        column=13,
        contains="'weight' must be a number",
    ),
    Case(
        "KEY_UNKNOWN",
        pack=_pack("    weight: 60", "    wieght: 60"),
        line=8,
        column=5,
        contains="unknown key 'wieght'",
        extra={"hint": "did you mean 'weight'?"},
    ),
    Case("KEY_MISSING", pack=_pack("title: Mini\n", ""), line=1, contains="'title' is required"),
    Case(
        "VALUE_INVALID",
        pack=_pack("indicators:", "rounding: {mode: banker}\nindicators:"),
        line=5,
        contains="not one of half_up",
    ),
    Case("ID_INVALID", pack=_pack("id: a\n", "id: 'a b'\n"), line=6, contains="not a valid id"),
    Case("ID_DUPLICATE", pack=_pack("{id: g.m,", "{id: g.q,"), line=15, contains="used twice"),
    Case("WEIGHT_INVALID", pack=_pack("weight: 60", "weight: -60"), line=8, column=13, contains="above 0"),
    Case(
        "WEIGHT_SUM",
        pack=_pack("weight: 30, rule: qualitative", "weight: 29, rule: qualitative"),
        line=10,
        contains="add up to 39, not 40 (short by 1)",
    ),
    Case(
        "GROUP_EMPTY",
        pack=_pack(
            "    children:\n      - {id: g.q, name: Q, weight: 30, rule: qualitative}\n"
            "      - {id: g.m, name: M, weight: 10, rule: manual}\n",
            "    children: []\n",
        ),
        line=13,
        contains="has no indicators",
    ),
    Case(
        "RULE_UNKNOWN",
        pack=_pack("rule: qualitative", "rule: qualitativ"),
        line=14,
        contains="unknown rule kind",
        extra={"hint": "did you mean 'qualitative'?"},
    ),
    Case(
        "RULE_OPTION",
        pack=_pack('    target: "≥100场"', '    target: "≥100场"\n    rule: {kind: reverse, variant: wide}'),
        line=10,
        contains="variant must be",
    ),
    Case(
        "RULE_TARGET_MISSING",
        pack=_pack('    target: "≥100场"', "    rule: positive"),
        line=9,
        contains="needs a target",
    ),
    Case("RULE_NOT_INFERRED", pack=_pack('    target: "≥100场"\n', ""), line=6, contains="no rule is named"),
    Case("TARGET_UNPARSEABLE", pack=_pack("≥100场", "≥abc5"), line=9, contains="cannot read the target"),
    Case(
        "BANDS_INVALID",
        pack=_pack(
            '    target: "≥100场"',
            "    rule:\n      kind: bands\n      bands:\n        - {range: '[0, 50)', fraction: 2}",
        ),
        line=12,
        contains="within 0–1",
    ),
    Case(
        "GRADES_INVALID",
        pack=_pack(
            "indicators:",
            "grades:\n  - {label: 优, range: '[90, 100]'}\n  - {label: 良, range: '[70, 90)'}\nindicators:",
        ),
        line=6,
        contains="nothing covers 0",
    ),
    Case(
        "LEVELS_INVALID",
        pack=_pack(
            "indicators:",
            "qualitative:\n  levels:\n    - {label: 达成, range: '[80%, 100%]'}\n"
            "    - {label: 未达成, range: '[0%, 70%)'}\nindicators:",
        ),
        line=7,
        contains="gap",
    ),
    Case(
        "EXPRESSION_INVALID",
        pack=_pack('    target: "≥100场"', "    rule: {kind: formula, expression: 'actual ** 2'}"),
        line=9,
        contains="formula of 'a'",
    ),
    Case(
        "ASSUMPTION_UNKNOWN",
        pack=_pack("    weight: 60\n", "    weight: 60\n    assumptions: [A9]\n"),
        line=6,
        contains="unknown assumption 'A9'",
    ),
    Case(
        "CITE_UNKNOWN",
        pack=_pack("    weight: 60\n", "    weight: 60\n    cite: nowhere\n"),
        line=6,
        contains="cites 'nowhere'",
    ),
]


BASE = "base.yaml"
OVERLAY_HEAD = "id: over\nversion: '2'\nextends: base.yaml\n"

OVERLAY_CASES = [
    Case("OVERLAY_INDICATORS", pack=OVERLAY_HEAD + "indicators: []\n", line=4, contains="through 'adjustments'"),
    Case("EXTENDS_MISSING", pack="id: over\nversion: '2'\nextends: nothere.yaml\n", line=3, contains="cannot be read"),
    Case("EXTENDS_CYCLE", pack="id: over\nversion: '2'\nextends: pack.yaml\n", line=3, contains="cycle"),
    Case("EXTENDS_ESCAPE", pack="id: over\nversion: '2'\nextends: ../../etc/passwd\n", line=3, contains="outside"),
    Case(
        "ADJUSTMENT_INVALID",
        pack=OVERLAY_HEAD + "adjustments:\n  - {remove: a, update: a}\n",
        line=5,
        contains="exactly one of remove",
    ),
    Case("ADJUSTMENT_UNKNOWN_ID", pack=OVERLAY_HEAD + "adjustments:\n  - {remove: zz}\n", line=5, contains="'zz'"),
]

FIGURE_CASES = [
    Case(
        "FIGURE_UNKNOWN_INDICATOR",
        figures=FIGURES + "  g.x: {score: 1}\n",
        line=5,
        contains="no indicator 'g.x'",
        extra={"hint": "did you mean 'g.q'?"},
    ),
    Case(
        "FIGURE_INVALID",
        pack=_pack(
            "{id: g.m, name: M, weight: 10, rule: manual}",
            "{id: g.m, name: M, weight: 10, rule: {kind: checklist, items: [{id: x, points: 10}]}}",
        ),
        figures=FIGURES.replace("g.m: {score: 10, reason: ok}", "g.m: {items: {x: maybe}}"),
        line=4,
        contains="not yes/no",
    ),
    Case("FIGURE_NUMBER", figures=FIGURES.replace("100场", "一百场"), line=2, contains="cannot read '一百场'"),
    Case("FIGURE_UNIT", figures=FIGURES.replace("100场", "100人"), line=2, contains="'人'"),
    Case(
        "FIGURE_SCORE_RANGE", figures=FIGURES.replace("g.q: {score: 30}", "g.q: {score: 31}"), line=3, contains="0–30"
    ),
    Case(
        "FIGURE_LEVEL_UNKNOWN",
        figures=FIGURES.replace("g.q: {score: 30}", "g.q: {level: 完成, score: 30}"),
        line=3,
        contains="unknown level '完成'",
    ),
    Case(
        "FIGURE_OUT_OF_BAND",
        figures=FIGURES.replace("g.q: {score: 30}", "g.q: {level: 达成, score: 20}"),
        line=3,
        contains="outside the band of level '达成'",
    ),
    Case("FIGURE_REASON_MISSING", figures=FIGURES.replace("g.m: {score: 10, reason: ok}", "g.m: {score: 10}"), line=4),
    Case(
        "FIGURE_ITEM_UNKNOWN",
        pack=_pack(
            "{id: g.m, name: M, weight: 10, rule: manual}",
            "{id: g.m, name: M, weight: 10, rule: {kind: checklist, items: [{id: x, points: 10}]}}",
        ),
        figures=FIGURES.replace("g.m: {score: 10, reason: ok}", "g.m: {items: {y: 是}}"),
        line=4,
        contains="'y'",
    ),
]

WARNING_CASES = [
    Case("FIGURE_NOT_USED", figures=FIGURES.replace("g.q: {score: 30}", "g.q: {score: 30, actual: 5}"), line=3),
    Case(
        "SUM_MISMATCH",
        figures=FIGURES + "amounts:\n  budget: {total: 10, parts: {x: 4, y: 5}}\n",
        line=6,
        contains="parts add up to 9",
    ),
    Case("FIGURE_MISSING", figures=FIGURES.replace("  g.q: {score: 30}\n", ""), line=14, contains="lies in 0–30"),
    Case("RESULT_PARTIAL", figures=FIGURES.replace("  g.q: {score: 30}\n", ""), contains="70–100"),
    Case("PUBLISHED_MISMATCH", figures=FIGURES + "published:\n  scores: {g: 39}\n", line=6, contains="computed 40"),
    Case(
        "PUBLISHED_GRADE_CONSISTENT",
        figures=FIGURES.replace("  g.q: {score: 30}\n", "") + "published: {grade: 良}\n",
        contains="[10, 20)",
    ),
    Case(
        "PUBLISHED_GRADE_IMPOSSIBLE",
        figures=FIGURES.replace("  g.q: {score: 30}\n", "") + "published: {grade: 差}\n",
        contains="cannot follow",
    ),
    Case("PUBLISHED_GRADE_MISMATCH", figures=FIGURES + "published: {grade: 良}\n", contains="优 follows"),
    Case(
        "PUBLISHED_RATE_MISMATCH",
        pack=_pack('    target: "≥100场"', "    rule: execution_rate"),
        figures=FIGURES.replace("a: {actual: 100场}", "a: {}") + "amounts:\n  budget: {executed: 90, adjusted: 100}\n"
        "published: {execution_rate: 91%}\n",
        contains="computed execution rate 90%",
    ),
    Case(
        "SCORE_OVERRIDDEN",
        figures=FIGURES.replace("a: {actual: 100场}", "a: {actual: 100场, override: {score: 50, reason: 核减}}"),
        line=2,
        contains="overridden to 50",
    ),
    Case(
        "NOT_APPLICABLE",
        figures=FIGURES.replace("g.m: {score: 10, reason: ok}", "g.m: {not_applicable: 本年无此项}"),
        contains="does not apply",
    ),
    Case(
        "FORMULA_CLAMPED",
        pack=_pack('    target: "≥100场"', "    rule: {kind: formula, expression: 'weight * 2'}"),
        figures=FIGURES.replace("a: {actual: 100场}", "a: {}"),
        line=6,
        contains="kept within 0–60",
    ),
    Case(
        "ASSUMPTION_USED",
        pack=_pack("indicators:", "assumptions:\n  - {id: A1, text: 假设}\nindicators:").replace(
            "    weight: 60\n", "    weight: 60\n    assumptions: [A1]\n"
        ),
        figures=FIGURES,
        line=6,
        contains="A1",
    ),
    Case("PACK_MISMATCH", figures="pack: other\n" + FIGURES, contains="for pack 'other'"),
]


def _diagnostics(tmp_path: Path, case: Case) -> tuple[perfscore.Diagnostic, ...]:
    pack_path = tmp_path / "pack.yaml"
    pack_path.write_text(case.pack, encoding="latin-1" if case.code == "FILE_ENCODING" else "utf-8")
    (tmp_path / BASE).write_text(PACK, encoding="utf-8")
    limits = case.limits or ReadLimits()
    try:
        pack = perfscore.load_pack(pack_path, limits=limits)
    except perfscore.PerfscoreError as err:
        return err.diagnostics
    figures_path = tmp_path / "figures.yaml"
    figures_path.write_text(case.figures or FIGURES, encoding="utf-8")
    try:
        return perfscore.score(pack, perfscore.load_figures(figures_path)).diagnostics
    except perfscore.PerfscoreError as err:
        return err.diagnostics


ALL_CASES = CASES + OVERLAY_CASES + FIGURE_CASES + WARNING_CASES


@pytest.mark.parametrize("case", ALL_CASES, ids=[case.code for case in ALL_CASES])
def test_each_code(tmp_path: Path, case: Case) -> None:
    """The broken input yields its code at the expected place, with the expected words."""
    found = [d for d in _diagnostics(tmp_path, case) if d.code == case.code]
    assert found, f"{case.code} not reported"
    diagnostic = found[0]
    message = diagnostic.format("en")
    assert case.contains in message
    if case.line is not None:
        assert diagnostic.location.line == case.line, message
    if case.column is not None:
        assert diagnostic.location.column == case.column, message
    for key, value in case.extra.items():
        assert value in (diagnostic.hint("en") or "") if key == "hint" else False
    assert diagnostic.message("zh") != diagnostic.message("en")


def test_every_code_has_a_case() -> None:
    """Every catalogue code is named by some test (a case above, or a test of its own elsewhere)."""
    here = Path(__file__).parent
    text = "\n".join(path.read_text(encoding="utf-8") for path in here.glob("test_*.py"))
    untested = sorted(code for code in CODES if f'"{code}"' not in text)
    assert untested == []


def test_file_unreadable(tmp_path: Path) -> None:
    """A missing pack file is a located FILE_UNREADABLE error."""
    with pytest.raises(perfscore.PackError) as caught:
        perfscore.load_pack(tmp_path / "nope.yaml")
    assert caught.value.codes == ("FILE_UNREADABLE",)
    assert "nope.yaml" in str(caught.value)


def test_template_pack_cannot_be_scored() -> None:
    """A template pack (no weights) is refused by score with PACK_TEMPLATE."""
    text = "id: t\ntitle: T\nversion: '1'\nsource: s\ntemplate: true\nindicators:\n  - {id: a, name: A, rule: manual}\n"
    pack = perfscore.load_pack_text(text)
    with pytest.raises(perfscore.UsageError) as caught:
        perfscore.score(pack, perfscore.figures_from_mapping({}))
    assert caught.value.codes == ("PACK_TEMPLATE",)


def test_unknown_indicator_in_explain(tmp_path: Path) -> None:
    """Explain with an unknown id exits 2 with a suggestion."""
    (tmp_path / "p.yaml").write_text(PACK, encoding="utf-8")
    (tmp_path / "f.yaml").write_text(FIGURES, encoding="utf-8")
    err = io.StringIO()
    code = main(
        ["--lang", "en", "explain", str(tmp_path / "p.yaml"), str(tmp_path / "f.yaml"), "g.z"],
        out=io.StringIO(),
        err=err,
    )
    assert code == 2
    assert "USAGE_INDICATOR_UNKNOWN" in err.getvalue()
    assert "did you mean 'g.q'?" in err.getvalue()


def test_loading_collects_all_problems() -> None:
    """One load reports every problem in the file, not just the first."""
    text = (
        _pack("weight: 60", "weight: sixty")
        .replace("rule: qualitative", "rule: qualitativ")
        .replace("title: Mini", "titel: Mini")
    )
    with pytest.raises(perfscore.PackError) as caught:
        perfscore.load_pack_text(text)
    assert {"TYPE_MISMATCH", "RULE_UNKNOWN", "KEY_UNKNOWN", "KEY_MISSING"} <= set(caught.value.codes)
