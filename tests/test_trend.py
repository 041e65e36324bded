"""perfscore trend: one department over years, each year under its own pack version, matched by id."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import EXAMPLES, RULES, run_cli

import perfscore

PLAN = str(RULES / "baiyun-2021-plan.yaml")
FINAL = str(RULES / "baiyun-2021.yaml")
Y2021 = str(EXAMPLES / "baiyunhu-2021.yaml")


def _year_2020(folder: Path, *, pack: str | None = "baiyun-2021-plan") -> str:
    """An illustrative 2020 file under the plan's weights (the two indicators 2021 removes still scored)."""
    text = Path(Y2021).read_text(encoding="utf-8")
    text = text.replace("pack: baiyun-2021\n", f"pack: {pack}\n" if pack else "").replace(
        "year: 2021\n", "year: 2020\n"
    )
    for old, new in {
        "indicators:\n": "indicators:\n  t2.sports_events: {score: 0.8}\n  t4.anti_gang: {score: 1}\n"
        "  goals: {score: 16}\n",
        "  t2.epidemic:\n    score: 2\n": "  t2.epidemic:\n    score: 0.8\n",
        "  t4.case_reduction:\n    score: 1.5\n": "  t4.case_reduction:\n    score: 1\n",
        "  t4.traffic_publicity:\n    actual: 152次\n": "  t4.traffic_publicity:\n    score: 1\n",
    }.items():
        assert old in text
        text = text.replace(old, new, 1)
    path = folder / "y2020.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.fixture
def y2020(tmp_path: Path) -> str:
    """The 2020 figures file, naming the plan pack."""
    return _year_2020(tmp_path)


def test_each_year_scored_under_the_pack_its_figures_name(y2020) -> None:
    """Given both packs, 2020 is scored under the plan and 2021 under the final scheme; years sorted."""
    result = perfscore.trend([PLAN, FINAL], [Y2021, y2020])
    assert result.years == (2020, 2021)
    assert [card.pack_id for card in result.cards] == ["baiyun-2021-plan", "baiyun-2021"]
    plan, final = perfscore.load_pack(PLAN), perfscore.load_pack(FINAL)
    expected = [
        perfscore.score(plan, perfscore.load_figures(y2020)),
        perfscore.score(final, perfscore.load_figures(Y2021)),
    ]
    assert [(s.value, s.low, s.high) for s in result.totals()] == [(c.total, c.low, c.high) for c in expected]
    assert result.grades() == tuple(c.grade for c in expected)


def test_achievement_is_score_over_weight_matched_by_id(y2020) -> None:
    """Every exact point's achievement is its score ÷ its weight that year; reweighting does not move it."""
    result = perfscore.trend([PLAN, FINAL], [y2020, Y2021])
    checked = 0
    for series in result.series:
        for card, point in zip(result.cards, series.points, strict=True):
            node = card.node(series.id)
            assert (point is None) == (node is None)
            if point is None or point.score.value is None or not point.weight:
                continue
            assert point.weight == node.weight
            assert point.achievement.value == (node.score / node.weight).quantize(Decimal("0.0001"))
            checked += 1
    assert checked > 70
    epidemic = result["t2.epidemic"].points
    assert [p.weight for p in epidemic] == [1, 2]  # reweighted 1 → 2
    assert [p.achievement.value for p in epidemic] == [Decimal("0.8"), Decimal(1)]


def test_removed_indicators_and_pack_changes(y2020) -> None:
    """Indicators the 2021 pack removed have no 2021 point; the diff's changes are listed with reasons."""
    result = perfscore.trend([PLAN, FINAL], [y2020, Y2021])
    assert result["t2.sports_events"].points[1] is None
    assert result["t2.sports_events"].points[0].achievement.value == Decimal("0.8")
    kinds = {(item.change.kind, item.change.id) for item in result.changes}
    assert {("removed", "t2.sports_events"), ("removed", "t4.anti_gang"), ("reweighted", "t2.epidemic")} <= kinds
    ids = [series.id for series in result.series]
    assert ids.index("t2.sports_events") == ids.index("t2.social_orgs") + 2  # kept in its place in the tree


def test_partial_year_keeps_its_range(y2020) -> None:
    """2021 leaves 年度目标 open: its achievement is the range 0–100%, never a point."""
    result = perfscore.trend([PLAN, FINAL], [y2020, Y2021])
    goals = result["goals"].points[1]
    assert goals.achievement.value is None
    assert (goals.achievement.low, goals.achievement.high) == (0, 1)
    assert result.grades()[1] is None


def test_year_pack_option_and_single_pack(tmp_path: Path) -> None:
    """--pack YEAR=PACK maps a year whose figures name no pack; one pack alone scores every year."""
    unnamed = _year_2020(tmp_path, pack=None)
    code, out, _ = run_cli("trend", FINAL, Y2021, unnamed, "--pack", f"2020={PLAN}", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert [year["pack"]["id"] for year in data["years"]] == ["baiyun-2021-plan", "baiyun-2021"]
    code, out, err = run_cli("trend", PLAN, unnamed, "--format", "json")
    assert code == 0, err
    assert json.loads(out)["years"][0]["pack"]["id"] == "baiyun-2021-plan"


def test_folder_of_packs_and_json_contract(y2020) -> None:
    """PACK_OR_PACKS may be a folder; the JSON gives years, series with one point (or null) per year, changes."""
    code, out, err = run_cli("trend", str(RULES), y2020, Y2021, "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert [year["year"] for year in data["years"]] == [2020, 2021]
    by_id = {series["id"]: series for series in data["series"]}
    assert by_id["plan"]["type"] == "group"
    assert by_id["t4.anti_gang"]["points"][1] is None
    assert by_id["plan"]["points"][1]["achievement"] == 0.99  # 49.5 of 50
    assert {"year", "previous", "kind", "id", "name", "old", "new", "reason"} <= set(data["changes"][0])


def test_html_has_the_chart_and_to_pandas(tmp_path: Path, y2020) -> None:
    """The HTML report draws the achievement chart (values readable from data-*); to_pandas is long format."""
    page = tmp_path / "t.html"
    assert run_cli("trend", str(RULES), y2020, Y2021, "--format", "html", "-o", str(page))[0] == 0
    text = page.read_text(encoding="utf-8")
    assert 'class="chart chart-trend"' in text
    assert 'data-year="2021" data-value="0.99"' in text
    assert "<script" not in text
    result = perfscore.trend([PLAN, FINAL], [y2020, Y2021])
    frame = result.to_pandas()
    assert len(frame) == sum(point is not None for s in result.series for point in s.points)
    row = frame[(frame["id"] == "t2.epidemic") & (frame["year"] == 2021)].iloc[0]
    assert (row["weight"], row["achievement"]) == (2, 1)


def test_usage_errors(tmp_path: Path, y2020) -> None:
    """Unknown pack for a year, two files for one year, and a bad --pack are usage errors, not tracebacks."""
    code, _, err = run_cli("trend", FINAL, y2020, Y2021)
    assert (code, "TREND_PACK_UNKNOWN" in err) == (2, True)
    copy = tmp_path / "again.yaml"
    copy.write_text(Path(Y2021).read_text(encoding="utf-8"), encoding="utf-8")
    code, _, err = run_cli("trend", FINAL, Y2021, str(copy))
    assert (code, "TREND_YEAR" in err) == (2, True)
    code, _, err = run_cli("trend", FINAL, Y2021, "--pack", "twenty=x.yaml")
    assert (code, "TREND_PACK_SPEC" in err) == (2, True)


def test_markdown_and_xlsx(tmp_path: Path, y2020) -> None:
    """`--format md` (alias `markdown`) prints the tables; `--format xlsx -o` writes achievements as numbers."""
    for fmt in ("md", "markdown"):
        code, out, _ = run_cli("--lang", "en", "trend", str(RULES), y2020, Y2021, "--format", fmt)
        assert code == 0
        assert "| t2.epidemic " in out
        assert "80% (1)" in out
    book = tmp_path / "trend.xlsx"
    assert run_cli("trend", str(RULES), y2020, Y2021, "--format", "xlsx", "-o", str(book))[0] == 0
    openpyxl = pytest.importorskip("openpyxl")
    sheet = openpyxl.load_workbook(book).worksheets[1]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [row[0] for row in rows] == ["2020", "2021"]
    assert rows[0][2] == pytest.approx(float(perfscore.trend([PLAN, FINAL], [y2020, Y2021]).totals()[0].value))
