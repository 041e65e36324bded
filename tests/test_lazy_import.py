"""`import perfscore` loads almost nothing; NumPy loads only for the vectorised path."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import perfscore

ROOT = Path(__file__).resolve().parent.parent


def _loaded_after(code: str) -> set[str]:
    """The modules a fresh interpreter has loaded after running ``code``."""
    script = f"import sys\n{code}\nprint('\\n'.join(sorted(sys.modules)))"
    found = subprocess.run(  # noqa: S603 - our own interpreter running our own script
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return set(found.stdout.split())


def test_import_perfscore_loads_no_engine_no_yaml_no_numpy() -> None:
    """`import perfscore` defers every module until a public name is used."""
    loaded = _loaded_after("import perfscore")
    assert "perfscore" in loaded
    assert not {"perfscore._core.engine", "perfscore._packs.loader", "yaml", "numpy", "attr"} & loaded


def test_scoring_even_in_batches_never_loads_numpy() -> None:
    """Loading, scoring and compiled batch scoring run without NumPy; the vectorised path loads it."""
    code = (
        "import perfscore\n"
        "from perfscore.compiled import compile_pack, score_batch\n"
        "pack = perfscore.load_pack('rules/baiyun-2021.yaml')\n"
        "card = perfscore.score(pack, perfscore.load_figures('examples/baiyunhu-2021.yaml'))\n"
        "score_batch(compile_pack(pack), [{'goals:score': 15.0}])\n"
    )
    assert "numpy" not in _loaded_after(code)
    pytest.importorskip("numpy", reason="the vectorised path needs NumPy")
    assert "numpy" in _loaded_after(code + "from perfscore.compiled import score_arrays\nscore_arrays(pack, [{}])\n")


def test_public_names_resolve_lazily_and_unknown_ones_fail() -> None:
    """Every public name resolves through the package; dir() lists them; others are AttributeErrors."""
    assert set(perfscore.__all__) <= set(dir(perfscore))
    assert perfscore.score.__module__ == "perfscore._core.engine"
    with pytest.raises(AttributeError):
        perfscore.no_such_name  # noqa: B018 - the attribute access is the test


def test_every_public_name_is_the_function_or_class_whatever_was_imported_first() -> None:
    """perfscore.formula and perfscore.rules.formula stay the rule builder whatever module was imported first."""
    code = (
        "import perfscore.rules.formulas, perfscore.rules.deduct\n"
        "import perfscore\n"
        "assert callable(perfscore.formula) and callable(perfscore.deduct)\n"
        "assert callable(perfscore.rules.formula)\n"
        "print(perfscore.formula('weight * 2'), perfscore.deduct(per='occurrence', points=1))\n"
    )
    found = subprocess.run(  # noqa: S603 - our own interpreter running our own script
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert found.stdout.startswith("formula('weight * 2') deduct(")


def test_the_lazy_table_names_exactly_the_public_api() -> None:
    """Each name in __all__ (but the version) has a module to load it from, and nothing else has."""
    assert set(perfscore._WHERE) == set(perfscore.__all__) - {"__version__"}  # noqa: SLF001 - the table under test
