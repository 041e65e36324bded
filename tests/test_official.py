"""Every bundled example, in both languages, as officials receive it: no developer artefacts anywhere."""

from __future__ import annotations

import io

import pytest
from conftest import EXAMPLES, RULES
from reportcheck import artefacts, visible_text

import perfscore

CASES = [
    ("baiyun-2021.yaml", "baiyunhu-2021.yaml"),
    ("dazhou-department.yaml", "dazhou-department-example.yaml"),
    ("czb-2020-10-project.yaml", "project-2023-example.yaml"),
]


@pytest.fixture(scope="module", params=CASES, ids=[case[1] for case in CASES])
def scored(request):
    """A bundled pack, its example figures and the scorecard."""
    pack_file, figures_file = request.param
    pack = perfscore.load_pack(RULES / pack_file)
    figures = perfscore.load_figures(EXAMPLES / figures_file)
    return pack, figures, perfscore.score(pack, figures)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_html_and_markdown_are_free_of_artefacts(scored, lang) -> None:
    """Official HTML (its visible text) and Markdown without --audit show no codes, ids, places or notation."""
    pack, figures, card = scored
    report = perfscore.Report(pack=pack, card=card, figures=figures, lang=lang, audit=False)
    assert artefacts(visible_text(report.html())) == {}
    assert artefacts(report.markdown()) == {}


def test_word_report_is_free_of_artefacts(scored) -> None:
    """The Word report's paragraphs and table cells show no codes, ids, places or notation."""
    docx = pytest.importorskip("docx")
    pack, figures, card = scored
    document = docx.Document(io.BytesIO(perfscore.Report(pack=pack, card=card, figures=figures).docx()))
    paragraphs = [p.text for p in document.paragraphs]
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert artefacts("\n".join(paragraphs + cells)) == {}
