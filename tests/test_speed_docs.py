"""The Python examples in docs/speed.md run as written, in order (the Dask cluster one is shown as text)."""

from __future__ import annotations

import contextlib
import io
import os
import re
from pathlib import Path

import pytest
from conftest import ROOT


def test_speed_docs_examples_run() -> None:
    """Every ```python block of docs/speed.md runs from the repository root without error."""
    pytest.importorskip("numpy", reason="the vectorised example needs NumPy: pip install 'perfscore[fast]'")
    pytest.importorskip("pandas", reason="the DataFrame example needs pandas: pip install 'perfscore[dask]'")
    text = (ROOT / "docs" / "speed.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.DOTALL)
    assert len(blocks) >= 4
    namespace: dict[str, object] = {}
    previous = Path.cwd()
    os.chdir(ROOT)
    try:
        with contextlib.redirect_stdout(io.StringIO()) as printed:
            for block in blocks:
                exec(compile(block, "docs/speed.md", "exec"), namespace)  # noqa: S102 - our own documentation
    finally:
        os.chdir(previous)
    assert "敏感性分析" in printed.getvalue()
