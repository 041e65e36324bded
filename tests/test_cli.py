"""The command line: exit codes, formats, languages, and no tracebacks."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, RULES
from wcwidth import wcswidth

from perfscore.cli import main

PACK = str(RULES / "baiyun-2021.yaml")
FIGURES = str(EXAMPLES / "baiyunhu-2021.yaml")


def run(*argv: str) -> tuple[int, str, str]:
    """Run the CLI in-process; return (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_check_ok() -> None:
    """The check command exits 0 and names each pack it validated."""
    code, out, _ = run("--lang", "en", "check", str(RULES / "baiyun-2021-plan.yaml"), PACK)
    assert code == 0
    assert "baiyun-2021-plan v1.0.0, 39 indicators" in out
    assert "baiyun-2021 v1.0.0, 37 indicators" in out


def test_check_problems_exit_1_with_located_diagnostics(tmp_path: Path) -> None:
    """A broken pack exits 1 and prints file:line:col: CODE lines, not a traceback."""
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        "id: x\ntitle: X\nversion: '1'\nsource: s\nindicators:\n  - {id: a, name: A, weight: 90, rule: manual}\n",
        encoding="utf-8",
    )
    code, _, err = run("--lang", "en", "check", str(broken))
    assert code == 1
    assert f"{broken}:1:1: WEIGHT_SUM the weights under 'x' add up to 90, not 100 (short by 10)" in err
    assert "Traceback" not in err


def test_missing_file_is_a_usage_error() -> None:
    """A file that does not exist exits 2."""
    code, _, err = run("check", "no/such/pack.yaml")
    assert code == 2
    assert "FILE_UNREADABLE" in err


def test_bad_arguments_exit_2() -> None:
    """An unknown option or command exits 2 (argparse's usage error)."""
    assert run("score", PACK, FIGURES, "--format", "pdf")[0] == 2
    assert run("frobnicate")[0] == 2


def test_score_json_is_valid_and_deterministic() -> None:
    """The score command with --format json prints the contract, byte-identical across runs."""
    first = run("score", PACK, FIGURES, "--format", "json")[1]
    second = run("score", PACK, FIGURES, "--format", "json")[1]
    assert first == second
    data = json.loads(first)
    assert {"total", "max", "grade", "warnings", "children"} <= set(data)


def test_explain_prints_the_chain() -> None:
    """The explain command prints total → group → indicator → rule → figure with locations."""
    code, out, _ = run("--lang", "zh", "explain", PACK, FIGURES, "t4.drug_campaigns")
    assert code == 0
    assert "完成值 103 场 ≥ 指标值 100 场 → 满分 1" in out
    assert "rules/baiyun-2021-plan.yaml:" in out
    assert "examples/baiyunhu-2021.yaml:" in out


def test_explain_accepts_a_name() -> None:
    """The explain command also finds an indicator by its Chinese name."""
    code, out, _ = run("explain", PACK, FIGURES, "市政水务工程项目数量、质量")
    assert code == 0
    assert "0.5" in out


def test_messages_follow_lang() -> None:
    """--lang switches messages between Chinese and English with the same codes."""
    zh = run("--lang", "zh", "score", PACK, FIGURES)[1]
    en = run("--lang", "en", "score", PACK, FIGURES)[1]
    assert "SUM_MISMATCH" in zh
    assert "SUM_MISMATCH" in en
    assert "各组成部分之和" in zh
    assert "parts add up to" in en


def test_table_columns_line_up_in_a_terminal() -> None:
    """Every line of the table has the same display width, counting Chinese as two columns."""
    out = run("--lang", "zh", "score", PACK, FIGURES)[1]
    table = [line for line in out.splitlines() if line.startswith(("┌", "│", "├", "└"))]
    assert len(table) > 40
    widths = {wcswidth(line) for line in table}
    assert len(widths) == 1


@pytest.mark.parametrize("argv", [["--help"], ["score", "--help"]])
def test_help(argv: list[str]) -> None:
    """--help exits 0."""
    assert run(*argv)[0] == 0


def test_console_script_runs_as_module() -> None:
    """Running `python -m perfscore` works and exits 0 on the Baiyun example."""
    command = [sys.executable, "-m", "perfscore", "check", PACK]
    result = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603 - our interpreter, our file
    assert result.returncode == 0, result.stderr
