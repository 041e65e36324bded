"""CI's guards: a skipped test fails the run when every extra was meant to be installed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent


@pytest.mark.parametrize(("required", "exit_code"), [(True, 1), (False, 0)])
def test_a_skip_fails_the_run_when_extras_are_required(tmp_path: Path, *, required: bool, exit_code: int) -> None:
    """With PERFSCORE_REQUIRE_EXTRAS (CI), an extra that did not install cannot pass as green."""
    test = "import pytest\n\ndef test_needs_an_extra():\n    pytest.importorskip('no_such_extra_module')\n"
    (tmp_path / "test_needs_extra.py").write_text(test, encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if key != "PERFSCORE_REQUIRE_EXTRAS"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(TESTS), env.get("PYTHONPATH")]))
    if required:
        env["PERFSCORE_REQUIRE_EXTRAS"] = "1"
    done = subprocess.run(  # noqa: S603 - our own interpreter running pytest with our own conftest as a plugin
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "conftest", str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        cwd=tmp_path,
    )
    assert done.returncode == exit_code, done.stdout + done.stderr
    if required:
        assert "test_needs_extra.py::test_needs_an_extra" in done.stdout
