"""The corpus of real published 自评表 (tests/corpus), imported and reproduced score by score."""

from __future__ import annotations

import pytest
from conftest import ROOT
from corpuscheck import DISAGREES, NOT_COMPUTED, NOT_IMPORTED, check, report, tables

TABLES = tables()


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    """Every table imported with import-table --figures and scored (once for the module)."""
    tmp = tmp_path_factory.mktemp("corpus")
    return {folder.name: check(folder, tmp) for folder in TABLES}


def test_there_is_a_corpus() -> None:
    """At least twelve tables, from at least six provinces, both forms."""
    assert len(TABLES) >= 12


@pytest.mark.parametrize("folder", TABLES, ids=[folder.name for folder in TABLES])
def test_every_printed_score_is_reproduced(results, folder) -> None:
    """Each printed score equals the computed one; a row the corpus calls computable is computed by a rule."""
    table = results[folder.name]
    if table.note:
        assert folder.name in NOT_IMPORTED, table.note
        return
    assert folder.name not in NOT_IMPORTED, "the table imports now: take it off NOT_IMPORTED"
    wrong = [(row.row, row.name, str(row.printed), str(row.computed)) for row in table.rows if not row.reproduced]
    assert wrong == []
    by_hand = {row.row for row in table.rows if row.computable and not row.by_rule}
    assert by_hand == {row for name, row in NOT_COMPUTED if name == folder.name}
    overridden = [(row.row, row.name) for row in table.rows if row.overridden and row.computable]
    assert overridden == []
    for part, found in (("budget", table.budget), ("total", table.total)):
        if found is not None:
            assert (found[0] == found[1]) != ((folder.name, part) in DISAGREES), (part, found)


def test_docs_corpus_is_current(results) -> None:
    """docs/corpus.md holds the generated table of what the corpus reproduces (run tests/corpuscheck.py to refresh)."""
    text = (ROOT / "docs" / "corpus.md").read_text(encoding="utf-8")
    assert report([results[folder.name] for folder in TABLES]) in text
