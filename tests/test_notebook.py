"""The example notebook runs from top to bottom in a real Jupyter kernel, headless, without an error.

Skipped, with the reason, when the ``notebook`` extra (nbclient, nbformat, ipykernel)
is not installed; ``.ci/run`` installs it, so CI always runs the notebook.
"""

from __future__ import annotations

import pytest
from conftest import EXAMPLES

pytestmark = pytest.mark.notebook

NOTEBOOK = EXAMPLES / "baiyun-2021.ipynb"


def test_example_notebook_runs() -> None:
    """Every cell of examples/baiyun-2021.ipynb executes; the tables and the charts are displayed as HTML."""
    nbformat = pytest.importorskip("nbformat", reason="pip install 'perfscore[notebook]' to run the notebook")
    nbclient = pytest.importorskip("nbclient", reason="pip install 'perfscore[notebook]' to run the notebook")
    pytest.importorskip("ipykernel", reason="pip install 'perfscore[notebook]' to run the notebook")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(EXAMPLES)}}
    )
    client.execute()  # raises CellExecutionError, with the cell and its traceback, if any cell fails
    outputs = [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs]
    assert not [output for output in outputs if output.output_type == "error"]
    html = "".join(output.get("data", {}).get("text/html", "") for output in outputs)
    assert 'data-field="subtotal" data-id="t3"' in html  # the scorecard's 表2 table
    assert "<svg" in html  # the charts
    assert "PUBLISHED_GRADE_CONSISTENT" in html  # the report's reconciliation
    printed = "".join(output.get("text", "") for output in outputs if output.output_type == "stream")
    assert "市政水务工程项目数量、质量 [t3.water_projects]: 0.5 / 1" in printed


def test_notebook_is_committed_without_outputs() -> None:
    """The notebook in the repository holds code, not stale results: outputs are made when it runs."""
    nbformat = pytest.importorskip("nbformat", reason="pip install 'perfscore[notebook]'")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    assert all(not cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code")
