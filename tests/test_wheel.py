# ruff: noqa: S603 - the point of this file is to run the installed commands
"""The installed wheel, used as a new user would: from an empty folder, in a fresh venv.

The wheel is built from a copy of the source (without build isolation, so no network
is needed) and installed with ``--no-deps`` into a venv that has no pip of its own; the
test venv's site-packages is appended to its path for the run-time dependencies
(attrs, PyYAML, tabulate, pandas) — never the source tree, which is not on the path.
Then, from an empty folder: the bundled packs are listed and used by id, figures come
from stdin, a report goes to stdout, bash completes, and pandas frames are numeric.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT

import perfscore

pytestmark = pytest.mark.wheel
FIGURES = EXAMPLES / "baiyunhu-2021.yaml"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Build the wheel, install it into a fresh venv; the environment that runs its ``perfscore``."""
    base = tmp_path_factory.mktemp("wheel")
    source = base / "src"
    source.mkdir()
    shutil.copytree(
        ROOT / "perfscore", source / "perfscore", symlinks=True, ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copytree(ROOT / "rules", source / "rules")
    shutil.copytree(ROOT / "examples", source / "examples")
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, source / name)
    dist = base / "dist"
    pip = [sys.executable, "-m", "pip", "-q", "--disable-pip-version-check"]
    subprocess.run([*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(dist), str(source)], check=True)
    (wheel,) = dist.glob("perfscore-*.whl")
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    subprocess.run([*pip, "--python", str(python), "install", "--no-deps", "--no-index", str(wheel)], check=True)
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    Path(site, "test-venv-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    empty = base / "empty"
    empty.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PERFSCORE_PATH", "COLUMNS"}}
    env.update(PATH=f"{python.parent}{os.pathsep}{env.get('PATH', '')}", NO_COLOR="1", LANG="C.UTF-8")
    return {"wheel": str(wheel), "python": str(python), "cwd": str(empty), **{f"env:{k}": v for k, v in env.items()}}


def _run(installed: dict[str, str], *argv: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k[4:]: v for k, v in installed.items() if k.startswith("env:")}
    return subprocess.run(
        list(argv), cwd=installed["cwd"], env=env, input=stdin, capture_output=True, text=True, check=False
    )


def test_the_wheel_holds_the_packs_the_type_marker_and_the_version(installed: dict[str, str]) -> None:
    """Every bundled pack and its tests are package data; py.typed is there; the version is perfscore's."""
    with zipfile.ZipFile(installed["wheel"]) as wheel:
        names = set(wheel.namelist())
        metadata = next(wheel.read(n).decode() for n in names if n.endswith(".dist-info/METADATA"))
    for pack in (ROOT / "rules").glob("*.yaml"):
        assert f"perfscore/packs/{pack.name}" in names
    for figures in EXAMPLES.glob("*.yaml"):  # the figures the bundled packs' tests read
        assert f"perfscore/examples/{figures.name}" in names
    assert "perfscore/py.typed" in names
    assert f"\nVersion: {perfscore.__version__}\n" in metadata
    assert "Classifier: Typing :: Typed" in metadata
    assert "Requires-Python: >=3.11" in metadata


def test_packs_are_listed_and_used_by_id_from_an_empty_folder(installed: dict[str, str]) -> None:
    """`perfscore packs` lists the bundled packs; `perfscore score ID -` reads the figures from stdin."""
    version = _run(installed, "perfscore", "--version")
    assert version.stdout.strip() == f"perfscore {perfscore.__version__}"
    listed = _run(installed, "perfscore", "packs", "--format", "ids")
    assert listed.returncode == 0, listed.stderr
    assert {p.name.removesuffix(".yaml") for p in (ROOT / "rules").glob("*.yaml") if ".tests." not in p.name} == set(
        listed.stdout.split()
    )
    scored = _run(installed, "perfscore", "score", "baiyun-2021", "-", "--format", "json", stdin=FIGURES.read_text())
    assert scored.returncode == 0, scored.stderr
    expected = perfscore.score(perfscore.load_pack(ROOT / "rules/baiyun-2021.yaml"), perfscore.load_figures(FIGURES))
    assert f'"low": {expected.low}' in scored.stdout.replace('"low": "', '"low": ').replace('",', ",")
    tested = _run(installed, "perfscore", "test", "baiyun-2021")
    assert tested.returncode == 0, tested.stdout + tested.stderr
    assert os.listdir(installed["cwd"]) == []


def test_a_report_goes_to_stdout_and_leaves_no_file(installed: dict[str, str]) -> None:
    """`perfscore report ID - -o -` prints the Markdown report and writes nothing in the folder."""
    done = _run(installed, "perfscore", "report", "baiyun-2021", "-", "-o", "-", stdin=FIGURES.read_text())
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("#")
    assert "白云湖" in done.stdout
    assert os.listdir(installed["cwd"]) == []


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_bash_completes_commands_and_pack_ids(installed: dict[str, str]) -> None:
    """The generated script, sourced in bash, completes command names and the bundled pack ids."""
    script = _run(installed, "perfscore", "completion", "bash").stdout
    probe = (
        script
        + '\ncomp() { COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=(); _perfscore;'
        + ' echo "${COMPREPLY[*]}"; }\ncomp perfscore sc\ncomp perfscore score baiyun-2021-\n'
    )
    done = _run(installed, "bash", "-c", probe)
    assert done.returncode == 0, done.stderr
    commands, ids = done.stdout.splitlines()
    assert commands.split() == ["score", "schema"]
    assert "baiyun-2021-plan" in ids.split()


def test_pandas_frames_are_numeric(installed: dict[str, str]) -> None:
    """`card.to_pandas()` from the installed package has float64 scores; perfscore is the wheel's copy."""
    code = (
        "import perfscore, sys\n"
        f"card = perfscore.score(perfscore.load_pack('baiyun-2021'), perfscore.load_figures({str(FIGURES)!r}))\n"
        "frame = card.to_pandas()\n"
        "print(frame['score'].dtype, frame['weight'].dtype)\n"
        "print(perfscore.__file__.startswith(sys.prefix))\n"
    )
    done = _run(installed, installed["python"], "-c", code)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["float64", "float64", "True"]


def test_the_service_serves_the_bundled_packs_when_installed(installed: dict[str, str]) -> None:
    """Installed from the wheel (no rules/ folder beside it), `perfscore serve` still serves every bundled pack."""
    code = "from perfscore._serve.packs import load_served; print(' '.join(sorted(load_served([]))))"
    served = _run(installed, "python", "-c", code)
    assert served.returncode == 0, served.stderr
    bundled = {p.name.removesuffix(".yaml") for p in (ROOT / "rules").glob("*.yaml") if ".tests." not in p.name}
    assert set(served.stdout.split()) == bundled
