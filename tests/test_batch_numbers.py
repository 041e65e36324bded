"""A folder's departments read without building result objects give what the built results give (issue 13, B4r).

Three shortcuts of the folder path are held to the long way over the differential
cases of ``test_batch_files`` (and a few more published blocks and irregular values):
a batch row's subtotals read from the scorecard's records (``Scorecard.group_numbers``)
equal those of the built groups; reconciling with published figures from the records'
numbers (``RecordCard``) gives what reconciling with the built scorecard gives; and the
plain readers of projects and indicators (``perfscore._inputs.plainfigures``) give the
figures the located readers give.
"""

from __future__ import annotations

import attrs
import pytest
from conftest import RULES
from test_batch_files import _EDITS, BAIYUN

import perfscore
from perfscore._batch.many import BatchResult
from perfscore._batch.report import batch_row
from perfscore._core.diagnostics import FiguresError, PerfscoreError
from perfscore._core.reconcile import reconcile
from perfscore._core.recordcard import RecordCard
from perfscore._core.scorecard import GroupNumbers, Scorecard
from perfscore._inputs import figures as figures_module
from perfscore._inputs import plainfigures
from perfscore._inputs.figures import figures_from_document
from perfscore._yaml.source import SourceDocument, parse_document

_PUBLISHED = {
    "rate_off": lambda t: t.replace("execution_rate: 97.87%", "execution_rate: 90%"),
    "grade_impossible": lambda t: t.replace("  grade: 良\n", "  grade: 差\n", 1),
    "grade_unknown": lambda t: t.replace("  grade: 良\n", "  grade: 甲\n", 1),
    "total_given": lambda t: t.replace("  grade: 良\n", "  grade: 良\n  total: 88\n", 1),
    "unknown_id": lambda t: t.replace("    t1: 5\n", "    t1: 5\n    t9: 1\n", 1),
    "complete_grade": lambda t: t.replace("indicators:\n", "indicators:\n  goals:\n    score: 17\n", 1),
    "complete_total_off": lambda t: t.replace("indicators:\n", "indicators:\n  goals:\n    score: 17\n", 1).replace(
        "  grade: 良\n", "  grade: 良\n  total: 80\n", 1
    ),
}
_IRREGULAR = {
    "project_name_number": lambda t: t.replace('{name: "党建工作经费", amount', "{name: 2021, amount"),
    "project_parts_empty": lambda t: t.replace(
        "    task: t1\n    parts:\n", "    task: t1\n    parts: []\n    x:\n", 1
    ),
    "project_unknown_key": lambda t: t.replace("amount: 80.37, task: t1}", "amount: 80.37, tsak: t1}"),
    "project_no_amount": lambda t: t.replace(
        '{name: "党建工作经费", amount: 80.37, task: t1}', '{name: "党建工作经费"}'
    ),
    "project_bad_amount": lambda t: t.replace("amount: 80.37, task: t1}", "amount: 八十, task: t1}"),
    "project_note_null": lambda t: t.replace("amount: 80.37, task: t1}", "amount: 80.37, task: t1, note: null}"),
    "project_unit": lambda t: t.replace("amount: 80.37, task: t1}", "amount: 80.37, task: t1, unit: 元}"),
    "indicator_level_number": lambda t: t.replace("    score: 1\n", "    score: 1\n    level: 3\n", 1),
    "indicator_values_null": lambda t: t.replace("    score: 1\n", "    score: 1\n    values: null\n", 1),
    "indicator_values": lambda t: t.replace("    score: 1\n", "    score: 1\n    values: {a: 3场}\n", 1),
    "indicator_evidence_null": lambda t: t.replace("    score: 1\n", "    score: 1\n    evidence:\n", 1),
    "indicator_score_text": lambda t: t.replace("    score: 1\n", "    score: '1'\n", 1),
    "indicator_score_bool": lambda t: t.replace("    score: 1\n", "    score: true\n", 1),
    "indicator_actual_words": lambda t: t.replace("actual: 100%", "actual: 全部完成", 1),
    "indicator_actual_empty": lambda t: t.replace("actual: 100%", "actual: ''", 1),
    "indicator_not_a_mapping": lambda t: t.replace("  t1.positions:\n    score: 1\n", "  t1.positions: 1\n", 1),
}
_IRREGULAR |= {
    "amounts_unit_null": lambda t: t.replace("    unit: 万元\n", "    unit:\n", 1),
    "amounts_unit_other": lambda t: t.replace("    unit: 万元\n", "    unit: 元\n", 1),
    "amounts_part_mapping": lambda t: t.replace("adjusted: 18,009.98", "adjusted: {a: 1}", 1),
    "amounts_bad_number": lambda t: t.replace("adjusted: 18,009.98", "adjusted: 一万", 1),
    "published_score_words": lambda t: t.replace("    t2: 14\n", "    t2: 十四\n", 1),
    "published_scores_list": lambda t: t.replace("  scores:\n", "  scores: []\n  x:\n", 1),
    "published_unknown_key": lambda t: t.replace("  grade: 良\n", "  grade: 良\n  grde: 优\n", 1),
    "published_total_null": lambda t: t.replace("  grade: 良\n", "  grade: 良\n  total:\n", 1),
    "published_rate_bad": lambda t: t.replace("execution_rate: 97.87%", "execution_rate: 很高", 1),
}
_CASES = {**_EDITS, **_PUBLISHED, **_IRREGULAR}


@pytest.fixture(scope="module")
def pack() -> perfscore.Pack:
    """The Baiyun pack."""
    return perfscore.load_pack(RULES / "baiyun-2021.yaml")


def _scored(pack: perfscore.Pack, name: str) -> tuple[object, Scorecard] | None:
    try:
        figures = perfscore.load_figures_text(_CASES[name](BAIYUN), name=f"{name}.yaml")
        return figures, perfscore.score(pack, figures)
    except PerfscoreError:
        return None


def _built_subtotals(card: Scorecard) -> tuple[GroupNumbers, ...]:
    return tuple(GroupNumbers(g.id, g.name, g.path, g.weight, g.score, g.low, g.high, g.status) for g in card.groups())


def test_a_row_read_from_the_records_equals_the_row_of_the_built_results(pack) -> None:
    """group_numbers before the build equals the built groups' numbers, and the row is the same either way."""
    compared = 0
    for name in sorted(_CASES):
        found = _scored(pack, name)
        if found is None:  # refused by the loader or the engine: no row of numbers
            continue
        _figures, card = found
        unbuilt = card.group_numbers()
        row = batch_row(BatchResult(index=0, source=name, card=card), "en")
        assert unbuilt, name
        assert unbuilt == _built_subtotals(card), name  # reading card.groups() builds the results
        assert card.group_numbers() == unbuilt, name
        assert batch_row(BatchResult(index=0, source=name, card=card), "en") == row, name
        compared += 1
    assert compared >= 20


def _built_numbers(card: perfscore.Scorecard) -> RecordCard:
    """The numbers reconcile reads, over the scorecard's built results (reading ``children`` builds them)."""
    return RecordCard(
        card.children,
        total=card.total,
        low=card.low,
        high=card.high,
        grade=card.grade,
        grades_possible=card.grades_possible,
    )


def test_reconciling_the_records_equals_reconciling_the_built_scorecard(pack) -> None:
    """The reconcile diagnostics a scorecard carries are those of reconcile() on the built scorecard."""
    compared = 0
    for name in sorted(_CASES):
        found = _scored(pack, name)
        if found is None:
            continue
        figures, card = found
        expected = reconcile(pack, figures, _built_numbers(card))
        assert card.diagnostics[len(card.diagnostics) - len(expected) :] == tuple(expected), name
        compared += bool(expected)
    assert compared >= len(_PUBLISHED)


def test_the_published_cases_do_reconcile_to_something(pack) -> None:
    """The published variants give reconcile diagnostics, so the comparison above is not empty."""
    codes = set()
    for name in _PUBLISHED:
        found = _scored(pack, name)
        assert found is not None, name
        figures, card = found
        codes |= {item.code for item in reconcile(pack, figures, _built_numbers(card))}
    assert {"PUBLISHED_RATE_MISMATCH", "PUBLISHED_MISMATCH", "FIGURE_UNKNOWN_INDICATOR"} <= codes
    assert codes & {"PUBLISHED_GRADE_IMPOSSIBLE", "PUBLISHED_GRADE_CONSISTENT", "PUBLISHED_GRADE_MISMATCH"}


def _load(doc: SourceDocument) -> object:
    try:
        return figures_from_document(doc)
    except FiguresError as err:
        return err.diagnostics


def test_plain_readers_give_what_the_located_readers_give(monkeypatch) -> None:
    """A document without marks gives the same figures (or the same diagnostics) with and without the plain readers."""
    docs = {}
    for name in sorted(_CASES):
        try:
            located = parse_document(_CASES[name](BAIYUN), name="f.yaml", error_type=FiguresError)
        except FiguresError:  # not YAML the loader reads
            continue
        docs[name] = SourceDocument(name="f.yaml", data=located.data, value_marks={}, key_marks={})
    quick = {name: _load(doc) for name, doc in docs.items()}

    def irregular(*_args: object) -> None:
        raise plainfigures.Irregular

    for reader in ("plain_project", "plain_indicator", "plain_amounts", "plain_published"):
        monkeypatch.setattr(figures_module, reader, irregular)
    for name, doc in docs.items():
        assert quick[name] == _load(doc), name
    assert len(docs) >= len(_IRREGULAR)


def test_the_plain_readers_take_the_example_and_leave_irregular_values(monkeypatch) -> None:
    """The example is read by the plain readers alone; an irregular indicator or project goes the located way."""
    calls: list[str] = []
    read_project = figures_module._read_project  # noqa: SLF001 - counted, not changed
    read_indicator = figures_module._read_indicator  # noqa: SLF001 - counted, not changed

    def project(*args: object) -> object:
        calls.append("project")
        return read_project(*args)  # type: ignore[arg-type]

    def indicator(*args: object) -> object:
        calls.append("indicator")
        return read_indicator(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(figures_module, "_read_project", project)
    monkeypatch.setattr(figures_module, "_read_indicator", indicator)
    for name, expected in (
        ("as_is", []),
        ("project_name_number", ["project"]),
        ("indicator_level_number", ["indicator"]),
    ):
        calls.clear()
        data = parse_document(_CASES[name](BAIYUN), name="f.yaml", error_type=FiguresError).data
        _load(SourceDocument(name="f.yaml", data=data, value_marks={}, key_marks={}))
        assert calls == expected, name


def test_figures_read_plain_twice_are_equal() -> None:
    """Values remembered between documents (quantities, scores, units) give equal figures the second time."""
    data = parse_document(BAIYUN, name="f.yaml", error_type=FiguresError).data
    first = figures_from_document(SourceDocument(name="f.yaml", data=data, value_marks={}, key_marks={}))
    for cache in (plainfigures.TEXTS, plainfigures.NUMBERS, plainfigures.DECIMALS, plainfigures.UNITS):
        assert cache  # something was remembered
    second = figures_from_document(SourceDocument(name="f.yaml", data=data, value_marks={}, key_marks={}))
    assert attrs.evolve(first) == second


def test_a_qualitative_rule_scores_the_same_without_writing_its_steps() -> None:
    """Scoring (a view that does not explain) gives the points an explaining view gives, and no steps.

    The level it states is the explaining view's; a level it infers from the score is explanation and may be
    left out (the engine's scoring pass reads only the points).
    """
    from decimal import Decimal  # noqa: PLC0415

    from perfscore._core.figures import IndicatorFigures  # noqa: PLC0415
    from perfscore._core.figureview import ScoringView, View  # noqa: PLC0415
    from perfscore.rules.base import explains  # noqa: PLC0415
    from perfscore.rules.judgement import Qualitative  # noqa: PLC0415

    rule, weight = Qualitative(), Decimal(5)
    amounts = perfscore.Figures()
    cases = [{"level": "达成", "score": Decimal(4)}, {"score": Decimal(3)}, {"level": "部分达成", "score": Decimal(3)}]
    for values in cases:
        entry = IndicatorFigures(id="x", values=values)
        quiet = rule.evaluate(ScoringView(entry, amounts, weight))
        told = rule.evaluate(View(entry, amounts, weight, []))
        assert not explains(ScoringView(entry, amounts, weight))
        assert explains(View(entry, amounts, weight, []))
        assert (quiet.points, quiet.steps) == (told.points, ())
        assert quiet.level == (told.level if "level" in values else None)
        assert told.steps, values
        assert told.level


def test_csv_rows_check_each_repeated_cell_once_and_count_every_replacement(pack) -> None:
    """Rows from perfscore.score give csv_row's cells; a replaced character is counted in every row it is in."""
    from perfscore._batch import write  # noqa: PLC0415
    from perfscore._batch.report import summarize  # noqa: PLC0415
    from perfscore._files.cellsafe import csv_row, tally  # noqa: PLC0415

    card = perfscore.score(pack, perfscore.load_figures_text(BAIYUN, name="b.yaml"))
    base = batch_row(BatchResult(index=0, source="s", card=card), "en")
    names = ["=SUM(A1)", "bell\x07", "bell\x07", "-1", "plain", "plain", "x" * 100 + "\x07"]
    rows = [attrs.evolve(base, index=i, source=f"s{i}.yaml", department=name) for i, name in enumerate(names)]
    table = summarize(pack, rows)
    with tally() as seen:
        quick = list(write._csv_rows(table, "en"))  # noqa: SLF001 - the writer's rows under test
    with tally() as counted:
        expected = [
            csv_row([write._text(v) for v in write.row_values(table, table.row(i), "en")])  # noqa: SLF001
            for i in table.best_first()
        ]
    assert quick == expected
    assert seen[0] == counted[0] == 3  # the bell in three departments' names
