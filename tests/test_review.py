"""perfscore review: a self-evaluation against the bureau's review, one department or a folder of them."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from conftest import EXAMPLES, RULES, run_cli
from hypothesis import given
from hypothesis import strategies as st

import perfscore
from perfscore._analysis.review import Span, over_claim

PACK = str(RULES / "baiyun-2021.yaml")
SELF = str(EXAMPLES / "baiyunhu-2021.yaml")
REVIEW = str(EXAMPLES / "baiyunhu-2021-review.yaml")


@pytest.fixture(scope="module")
def cards() -> tuple[perfscore.Scorecard, perfscore.Scorecard]:
    """Both sides scored on their own, to check the comparison against."""
    pack = perfscore.load_pack(PACK)
    return perfscore.score(pack, perfscore.load_figures(SELF)), perfscore.score(pack, perfscore.load_figures(REVIEW))


@pytest.fixture(scope="module")
def compared() -> perfscore.Review:
    """The Baiyun self-evaluation against the illustrative review, threshold 0."""
    return perfscore.review(PACK, SELF, REVIEW)


def test_each_indicator_difference_is_self_minus_review(compared, cards) -> None:
    """Every exact indicator's difference is its self score minus its review score, both scored independently."""
    mine, theirs = cards
    checked = 0
    for node in compared.indicators():
        a, b = mine[node.id], theirs[node.id]
        if a.score is None or b.score is None:
            continue
        assert node.self_score.value == a.score
        assert node.review_score.value == b.score
        assert node.difference.value == a.score - b.score
        checked += 1
    assert checked == len(compared.indicators()) - 1  # all but 年度目标, which the department leaves open


def test_over_claims_are_the_indicators_the_reviewer_lowered(compared, cards) -> None:
    """At threshold 0 the over-claims are exactly the indicators scored lower by the reviewer."""
    mine, theirs = cards
    lowered = {
        r.id
        for r in mine.indicators()
        if r.score is not None and theirs[r.id].score is not None and theirs[r.id].score < r.score
    }
    assert lowered  # the review file does lower some
    assert {node.id for node in compared.over_claims()} == lowered


def test_threshold_keeps_only_larger_over_claims(cards) -> None:
    """With --threshold 0.3 only indicators more than 0.3 points above the review are flagged."""
    mine, theirs = cards
    result = perfscore.review(PACK, SELF, REVIEW, threshold="0.3")
    expected = {
        r.id
        for r in mine.indicators()
        if r.score is not None and theirs[r.id].score is not None and r.score - theirs[r.id].score > Decimal("0.3")
    }
    assert {node.id for node in result.over_claims()} == expected
    assert expected < {node.id for node in perfscore.review(PACK, SELF, REVIEW).over_claims()}


def test_the_reviewers_reasons_are_carried_and_only_theirs(compared) -> None:
    """A lowered indicator shows the reviewer's reason (an override's too); untouched ones show none."""
    review_file = perfscore.load_figures(REVIEW)
    own = perfscore.load_figures(SELF)
    for node in compared.indicators():
        entry = review_file.indicators.get(node.id)
        mine = own.indicators.get(node.id)
        if entry is not None and entry.override is not None:
            assert node.reason == entry.override.reason
        elif entry is not None and entry.get("reason") and (mine is None or mine.get("reason") != entry.get("reason")):
            assert node.reason == entry.get("reason")
        else:
            assert node.reason is None
    assert compared["t3.water_projects"].reason is None  # the department's own reason is not the reviewer's
    assert compared["t4.key_persons"].reason is not None


def test_partial_self_total_gives_a_range_never_a_guess(compared, cards) -> None:
    """The department leaves 年度目标 open: the total difference is a range and the over-claim undecided."""
    mine, theirs = cards
    assert mine.total is None
    assert theirs.total is not None
    diff = compared.total_difference
    assert diff.value is None
    assert (diff.low, diff.high) == (mine.low - theirs.total, mine.high - theirs.total)
    assert compared.total_over_claim is None
    assert compared.grade_changed is None
    wide = perfscore.review(PACK, SELF, REVIEW, threshold=diff.high)
    assert wide.total_over_claim is False
    assert compared["goals"].over_claim is None


def test_groups_compare_their_subtotals(compared, cards) -> None:
    """Each group's difference is the difference of its subtotals (年度主要支出计划: 49.5 against the review)."""
    mine, theirs = cards
    plan = compared["plan"]
    assert plan.is_group
    assert plan.self_score.value == mine["plan"].score == Decimal("49.5")
    assert plan.difference.value == mine["plan"].score - theirs["plan"].score
    assert [child.id for child in plan.children] == [child.id for child in mine["plan"].children]


def test_review_is_immutable(compared) -> None:
    """The comparison is a frozen value."""
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        compared.threshold = Decimal(5)  # type: ignore[misc]


def test_json_contract_nests_groups_and_indicators(compared) -> None:
    """`review --format json` prints the contract: nested nodes with id, name, self, review, difference, reason."""
    code, out, _ = run_cli("review", PACK, SELF, REVIEW, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["self"]["grade"] is None
    assert data["review"]["grade"] == compared.review_card.grade
    assert data["over_claims"] == [node.id for node in compared.over_claims()]

    def nodes(items):
        for item in items:
            yield item
            yield from nodes(item.get("children", []))

    seen = list(nodes(data["children"]))
    assert len(seen) == len(list(compared.walk()))
    for item in seen:
        assert {"id", "name", "self", "review", "difference", "reason", "over_claim"} <= set(item)
    by_id = {item["id"]: item for item in seen}
    assert by_id["t4.key_persons"]["reason"] == compared["t4.key_persons"].reason
    assert Decimal(str(by_id["plan"]["difference"])) == compared["plan"].difference.value
    assert by_id["goals"]["difference"] is None
    assert by_id["goals"]["difference_range"] == {"low": -12, "high": 8}


def test_table_and_markdown_show_the_reasons() -> None:
    """The terminal table and the Markdown list every reviewer's reason and both totals."""
    reasons = [node.reason for node in perfscore.review(PACK, SELF, REVIEW).indicators() if node.reason]
    for fmt in ("table", "md", "markdown"):
        code, out, _ = run_cli("--lang", "zh", "review", PACK, SELF, REVIEW, "--format", fmt)
        assert code == 0
        assert all(reason in out for reason in reasons)
        assert "复核总分" in out


def test_html_and_xlsx_files(tmp_path: Path, compared) -> None:
    """-o writes a self-contained HTML page and a workbook whose scores are numbers."""
    page = tmp_path / "r.html"
    assert run_cli("review", PACK, SELF, REVIEW, "--format", "html", "-o", str(page))[0] == 0
    text = page.read_text(encoding="utf-8")
    assert "<script" not in text
    assert "http" not in text.split("<body>")[1]
    assert text.count('<tr class="mark">') == len(compared.over_claims())
    book_path = tmp_path / "r.xlsx"
    assert run_cli("review", PACK, SELF, REVIEW, "--format", "xlsx", "-o", str(book_path))[0] == 0
    openpyxl = pytest.importorskip("openpyxl")
    sheet = openpyxl.load_workbook(book_path).worksheets[1]
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["t3.road_chief"][5] == pytest.approx(0.5)
    assert isinstance(rows["t3.road_chief"][3], int | float)


def test_usage_errors_exit_2() -> None:
    """A bad threshold, xlsx without -o, and a file against a folder are usage errors (exit 2), not tracebacks."""
    code, _, err = run_cli("review", PACK, SELF, REVIEW, "--threshold", "-1")
    assert (code, "REVIEW_THRESHOLD" in err) == (2, True)
    code, _, err = run_cli("review", PACK, SELF, REVIEW, "--format", "xlsx")
    assert (code, "OUTPUT_FILE_NEEDED" in err) == (2, True)
    code, _, err = run_cli("review", PACK, SELF, str(EXAMPLES))
    assert (code, "FILE_UNREADABLE" in err) == (2, True)


def test_another_department_is_warned_about(tmp_path: Path) -> None:
    """A review of another department is compared but says so (REVIEW_NOT_SAME)."""
    other = tmp_path / "other.yaml"
    other.write_text(
        Path(REVIEW).read_text(encoding="utf-8").replace("department: 广州市", "department: 深圳市"), "utf-8"
    )
    result = perfscore.review(PACK, SELF, other)
    assert [d.code for d in result.diagnostics] == ["REVIEW_NOT_SAME"]


def _department(folder: Path, name: str, source: str, changes: dict[str, str]) -> None:
    text = Path(source).read_text(encoding="utf-8")
    text = text.replace("department: 广州市白云区人民政府白云湖街道办事处", f"department: {name}")
    for old, new in changes.items():
        assert old in text
        text = text.replace(old, new)
    (folder / f"{name}.yaml").write_text(text, encoding="utf-8")


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    """Three departments with self-evaluations and reviews, one review missing, one unpaired review."""
    mine, theirs = tmp_path / "self", tmp_path / "review"
    mine.mkdir()
    theirs.mkdir()
    goals = {"indicators:\n": "indicators:\n  goals: {score: 18}\n"}
    _department(mine, "甲", SELF, goals)
    _department(theirs, "甲", REVIEW, {})
    _department(mine, "乙", SELF, goals)
    _department(theirs, "乙", SELF, {"indicators:\n": "indicators:\n  goals: {score: 17}\n"})
    _department(mine, "丙", SELF, {})  # partial: 年度目标 left open
    _department(theirs, "丙", REVIEW, {})
    _department(mine, "丁", SELF, goals)  # no review
    _department(theirs, "戊", REVIEW, {})  # no self-evaluation
    return mine, theirs


def test_folders_give_the_bureaus_statistics(folders) -> None:
    """Pairs by department and year; statistics recomputed here from each pair's own review."""
    mine, theirs = folders
    code, out, _ = run_cli("review", PACK, str(mine), str(theirs), "--format", "json")
    assert code == 0
    data = json.loads(out)
    pack = perfscore.load_pack(PACK)
    pairs = {
        name: perfscore.review(pack, str(mine / f"{name}.yaml"), str(theirs / f"{name}.yaml")) for name in "甲乙丙"
    }
    exact = [r.total_difference.value for r in pairs.values() if r.total_difference.value is not None]
    stats = data["statistics"]
    assert stats["pairs"] == 3
    assert stats["undecided"] == 1
    assert Decimal(str(stats["mean_abs_difference"])) == (sum(abs(v) for v in exact) / len(exact)).quantize(
        Decimal("0.01")
    )
    assert Decimal(str(stats["largest_abs_difference"])) == max(abs(v) for v in exact)
    changed = [r.grade_changed for r in pairs.values() if r.grade_changed is not None]
    assert (stats["grade_changed"], stats["grade_known"]) == (sum(changed), len(changed))
    counts: dict[str, int] = {}
    for r in pairs.values():
        for node in r.indicators():
            if node.marked_down:
                counts[node.id] = counts.get(node.id, 0) + 1
    assert {item["id"]: item["count"] for item in stats["marked_down"]} == counts
    assert stats["marked_down"][0]["count"] == max(counts.values())
    ranked = [d["department"] for d in data["departments"]]
    exact_ranked = [d for d in ranked if pairs[d].total_difference.value is not None]
    assert exact_ranked == sorted(exact_ranked, key=lambda d: -pairs[d].total_difference.value)
    assert ranked[-1] == "丙"  # a range ranks after the known differences
    unpaired = {(p["code"], Path(p["file"]).stem) for p in data["problems"]}
    assert unpaired == {("REVIEW_UNPAIRED", "丁"), ("REVIEW_UNPAIRED", "戊")}


def test_folder_table_and_broken_file(folders) -> None:
    """The table names the statistics; an unreadable figures file is reported and the exit code is 1."""
    mine, theirs = folders
    code, out, _ = run_cli("--lang", "en", "review", PACK, str(mine), str(theirs))
    assert code == 0
    assert "mean absolute difference of totals" in out
    assert "REVIEW_UNPAIRED" in out
    (mine / "broken.yaml").write_text("perfscore: 1\nindicators: [\n", encoding="utf-8")
    code, out, _ = run_cli("--lang", "en", "review", PACK, str(mine), str(theirs))
    assert code == 1
    assert "broken.yaml" in out


def test_duplicate_and_empty_folders(folders, tmp_path: Path) -> None:
    """Two files of one department-year are an error; folders that pair nothing are a usage error."""
    mine, theirs = folders
    shutil.copy(mine / "甲.yaml", mine / "甲2.yaml")
    code, out, _ = run_cli("review", PACK, str(mine), str(theirs), "--format", "json")
    assert code == 1
    assert "REVIEW_DUPLICATE" in {p["code"] for p in json.loads(out)["problems"]}
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, err = run_cli("review", PACK, str(mine), str(empty))
    assert (code, "REVIEW_EMPTY" in err) == (2, True)


amounts = st.decimals(min_value=0, max_value=100, places=2)


@given(amounts, amounts, amounts, amounts)
def test_difference_ranges_contain_every_possible_difference(a: Decimal, b: Decimal, c: Decimal, d: Decimal) -> None:
    """Self in [a, b] and review in [c, d]: every x − y lies in the span's range, and its ends are reached."""
    mine = Span(value=None, low=min(a, b), high=max(a, b))
    theirs = Span(value=None, low=min(c, d), high=max(c, d))
    diff = mine.minus(theirs)
    assert diff.low == mine.low - theirs.high
    assert diff.high == mine.high - theirs.low
    for x in (mine.low, mine.high):
        for y in (theirs.low, theirs.high):
            assert diff.low <= x - y <= diff.high
    verdict = over_claim(diff, Decimal(1))
    if verdict is True:
        assert mine.low - theirs.high > 1
    elif verdict is False:
        assert mine.high - theirs.low <= 1


@pytest.fixture(scope="module")
def complete() -> tuple[perfscore.Pack, perfscore.Figures]:
    """The Baiyun pack and figures with 年度目标 scored, so both sides are exact."""
    pack = perfscore.load_pack(PACK)
    figures = perfscore.load_figures(SELF)
    goals = perfscore.load_figures_text("indicators:\n  goals: {score: 16}\n").indicators["goals"]
    return pack, attrs.evolve(figures, indicators={**figures.indicators, "goals": goals})


QUALITATIVE = (
    "t1.positions",
    "t2.social_assistance",
    "t2.epidemic",
    "t3.street_cleaning",
    "t4.conscription",
    "t5.statistics",
)


@given(lowered=st.dictionaries(st.sampled_from(QUALITATIVE), st.integers(min_value=0, max_value=10), max_size=5))
def test_lowering_scores_is_seen_exactly_where_it_was_done(complete, lowered: dict[str, int]) -> None:
    """Lower any indicators to any tenth of their weight: exactly those are over-claims, by exactly that much."""
    pack, figures = complete
    changed = dict(figures.indicators)
    for node_id, tenths in lowered.items():
        weight = next(node.weight for node in pack.indicators() if node.id == node_id)
        entry = changed[node_id]
        changed[node_id] = attrs.evolve(entry, values={**entry.values, "score": weight * tenths / 10})
    result = perfscore.review(pack, figures, attrs.evolve(figures, indicators=changed))
    before = {node.id: node.self_score.value for node in result.indicators()}
    expected = {node_id for node_id in lowered if before[node_id] > result[node_id].review_score.value}
    assert {node.id for node in result.over_claims()} == expected
    for node in result.indicators():
        assert node.difference.value == node.self_score.value - node.review_score.value
    assert result.total_difference.value == sum(child.difference.value for child in result.children)
    assert (result.total_difference.value > 0) == bool(expected)
