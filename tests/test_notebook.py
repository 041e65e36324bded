"""The example notebook runs in a real Jupyter kernel, and its committed outputs are the ones it makes now.

examples/baiyun-2021.ipynb is committed with its outputs, so a repository viewer shows
the tables and charts. The test re-executes it headless and fails if any stored output
differs from the fresh one (after removing what changes from run to run: execution
counts, timings, kernel metadata). To refresh the stored outputs after a deliberate change:
``.venv/bin/python tests/test_notebook.py --update``.

Skipped, with the reason, when the ``notebook`` extra (nbclient, nbformat, ipykernel)
is not installed; ``.ci/run`` installs it, so CI always runs the notebook.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
NOTEBOOK = EXAMPLES / "baiyun-2021.ipynb"
_ADDRESS = re.compile(r" at 0x[0-9a-f]+")

pytestmark = pytest.mark.notebook


def execute(nbformat: Any, nbclient: Any) -> Any:
    """The notebook, freshly executed in a python3 kernel from the examples folder."""
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = []
    client = nbclient.NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(EXAMPLES)}},
    )
    client.execute()  # raises CellExecutionError, with the cell and its traceback, if any cell fails
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.metadata.pop("execution", None)
            cell.outputs = [nbformat.from_dict(relative(output)) for output in cell.outputs]
    return notebook


def relative(value: Any) -> Any:
    """``value`` with this checkout's absolute path cut to a repository-relative one.

    Explanations name the file a number came from; the stored outputs must not depend on
    where the repository happens to be checked out (a viewer sees ``rules/…``, CI runs elsewhere).
    """
    if isinstance(value, str):
        return value.replace(f"{ROOT}/", "")
    if isinstance(value, list):
        return [relative(item) for item in value]
    if isinstance(value, dict):
        return {key: relative(item) for key, item in value.items()}
    return value


def normalised(notebook: Any) -> list[list[dict[str, Any]]]:
    """Each code cell's outputs without what varies between runs (counts, timings, memory addresses)."""
    cells = []
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        outputs = []
        for output in cell.outputs:
            kept = {key: value for key, value in output.items() if key not in {"execution_count", "metadata"}}
            text = json.dumps(kept, sort_keys=True, ensure_ascii=False)
            outputs.append({"output": _ADDRESS.sub(" at 0x…", text)})
        cells.append(outputs)
    return cells


@pytest.fixture(scope="module")
def fresh() -> Any:
    """The notebook executed now (skipped without the notebook extra)."""
    nbformat = pytest.importorskip("nbformat", reason="pip install 'perfscore[notebook]' to run the notebook")
    nbclient = pytest.importorskip("nbclient", reason="pip install 'perfscore[notebook]' to run the notebook")
    pytest.importorskip("ipykernel", reason="pip install 'perfscore[notebook]' to run the notebook")
    return execute(nbformat, nbclient)


def test_example_notebook_runs(fresh) -> None:
    """Every cell executes; the scorecard table, the charts and the report's reconciliation are displayed."""
    outputs = [output for cell in fresh.cells if cell.cell_type == "code" for output in cell.outputs]
    assert not [output for output in outputs if output.output_type == "error"]
    html = "".join(output.get("data", {}).get("text/html", "") for output in outputs)
    assert 'data-field="subtotal" data-id="t3"' in html  # the scorecard's 表2 table
    assert "<svg" in html  # the charts
    assert "<details><summary>" in html  # long evidence folded
    assert "公布的等级 良 可以成立" in html  # the report's reconciliation, in words
    printed = "".join(output.get("text", "") for output in outputs if output.output_type == "stream")
    assert "市政水务工程项目数量、质量 [t3.water_projects]: 0.5 / 1" in printed


def test_committed_outputs_are_not_stale(fresh) -> None:
    """The outputs stored in the repository equal a fresh run's (refresh: python tests/test_notebook.py --update)."""
    nbformat = pytest.importorskip("nbformat")
    stored = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(stored)
    assert any(cell.get("outputs") for cell in stored.cells if cell.cell_type == "code"), "outputs are committed"
    assert normalised(stored) == normalised(fresh), "stale outputs: run python tests/test_notebook.py --update"


def test_scorecard_in_a_notebook_shows_table_and_chart_first(baiyun_card) -> None:
    """_repr_html_: the total, then the 表2 table, then the chart; evidence over 60 characters folds in <details>."""
    html = baiyun_card._repr_html_()
    table, chart = html.index('<table class="scores">'), html.index("<svg")
    assert html.index('class="total"') < table < chart
    long = [r for r in baiyun_card.indicators() if r.evidence and len(r.evidence) > 60]
    assert long
    assert html.count("<details>") == len(long)
    short = next(r for r in baiyun_card.indicators() if r.evidence and len(r.evidence) <= 60)
    assert f'<div class="said">{short.evidence}</div>' in html


if __name__ == "__main__" and sys.argv[1:] == ["--update"]:
    import nbclient
    import nbformat

    nbformat.write(execute(nbformat, nbclient), NOTEBOOK)
    print(f"updated {NOTEBOOK}")  # noqa: T201 - a maintenance script
