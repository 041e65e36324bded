# ruff: noqa: SLF001 - argparse offers no public walk of its parser tree
"""The command line behaves as users of well-kept CLIs expect: ids, '-', help, formats, colour, width, SARIF."""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, RULES
from conftest import run_cli as run

import perfscore
from perfscore._commands import CommandIO
from perfscore._commands.helptext import commands
from perfscore._commands.helpzh import DESCRIPTIONS_ZH, HELP_ZH
from perfscore._commands.terminal import colour_enabled, render_styles, table_width
from perfscore._packs.bundled import bundled_dir
from perfscore._packs.listing import pack_entries
from perfscore._text.catalogue import CODES
from perfscore.cli import _parser

FIGURES = EXAMPLES / "baiyunhu-2021.yaml"


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_pack_id_loads_the_bundled_pack_and_a_path_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """load_pack('baiyun-2021') is the bundled file; a file of that name in the folder is read instead."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PERFSCORE_PATH", raising=False)
    bundled = perfscore.load_pack("baiyun-2021")
    assert bundled.id == "baiyun-2021"
    assert Path(bundled.file or "").resolve() == (RULES / "baiyun-2021.yaml").resolve()
    own = (RULES / "czb-2020-10-project.yaml").read_text(encoding="utf-8")
    (tmp_path / "baiyun-2021").write_text(own, encoding="utf-8")
    assert perfscore.load_pack("baiyun-2021").id == "czb-2020-10-project"


def test_every_bundled_file_is_named_by_its_pack_id() -> None:
    """The id `perfscore packs` shows (the file name) is the id the pack declares."""
    entries = [entry for entry in pack_entries() if entry.origin == "bundled"]
    assert {entry.id for entry in entries} == {
        p.name.removesuffix(".yaml") for p in RULES.glob("*.yaml") if not p.name.endswith(".tests.yaml")
    }
    for entry in entries:
        assert perfscore.load_pack(entry.path).id == entry.id
    assert bundled_dir().resolve() == RULES.resolve()


def test_extends_names_a_bundled_pack_by_id_or_by_its_file_name(tmp_path: Path) -> None:
    """An overlay outside rules/ may extend `baiyun-2021-plan` or `baiyun-2021-plan.yaml`."""
    for target in ("baiyun-2021-plan", "baiyun-2021-plan.yaml"):
        path = tmp_path / f"mine-{target}.yaml"
        path.write_text(f"extends: {target}\nid: mine\nversion: '2'\n", encoding="utf-8")
        pack = perfscore.load_pack(path)
        assert (pack.id, pack.extends, pack.version) == ("mine", "baiyun-2021-plan", "2")


def test_search_path_and_packs_option_find_packs_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """PERFSCORE_PATH and --packs DIR are searched before the bundled packs, and listed with their folder."""
    env_dir, cli_dir = tmp_path / "env", tmp_path / "cli"
    env_dir.mkdir()
    cli_dir.mkdir()
    shutil.copy(RULES / "czb-2020-10-project.yaml", env_dir / "baiyun-2021.yaml")
    shutil.copy(RULES / "dazhou-department.yaml", cli_dir / "only-here.yaml")
    monkeypatch.setenv("PERFSCORE_PATH", str(env_dir))
    assert perfscore.load_pack("baiyun-2021").id == "czb-2020-10-project"
    code, out, err = run("--packs", str(cli_dir), "packs", "--format", "json")
    assert code == 0, err
    listed = json.loads(out)
    assert [(e["id"], e["from"], e["shadowed"]) for e in listed[:2]] == [
        ("only-here", str(cli_dir), False),
        ("baiyun-2021", str(env_dir), False),
    ]
    assert ("baiyun-2021", "bundled", True) in [(e["id"], e["from"], e["shadowed"]) for e in listed]
    code, out, err = run("--packs", str(cli_dir), "check", "only-here")
    assert (code, out.split(":")[0]) == (0, "only-here")


def test_dash_reads_the_figures_and_the_pack_from_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    """`score ID -` and `score - FIGURES` give the same result as the files."""
    pack = perfscore.load_pack("baiyun-2021").file or ""
    expected = run("score", pack, str(FIGURES), "--format", "json")[1].replace(str(FIGURES), "<stdin>")
    monkeypatch.setattr(sys, "stdin", io.StringIO(FIGURES.read_text(encoding="utf-8")))
    assert run("score", "baiyun-2021", "-", "--format", "json")[1] == expected
    monkeypatch.setattr(sys, "stdin", io.StringIO((RULES / "czb-2020-10-project.yaml").read_text(encoding="utf-8")))
    code, out, err = run("check", "-")
    assert (code, out) == (0, "-: ok (czb-2020-10-project v1.0.0, 10 indicators)\n"), err


def test_dash_output_goes_to_stdout_without_companion_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    """`report -o -` prints Markdown, `batch -o -` prints the CSV table only; no file appears."""
    monkeypatch.chdir(tmp_path)
    code, out, err = run("report", "baiyun-2021", str(FIGURES), "-o", "-")
    printed = capfd.readouterr().out
    assert code == 0, err
    assert printed.startswith("# ")
    assert "白云湖" in printed
    assert out == ""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(FIGURES, folder / "a.yaml")
    code, out, err = run("batch", "baiyun-2021", str(folder), "-o", "-")
    printed = capfd.readouterr().out
    assert printed.lstrip("\ufeff").splitlines()[0].startswith("rank,")
    assert len(printed.splitlines()) == 2
    assert out == ""
    assert "wrote -" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in"]


def test_help_has_no_markup_and_every_positional_has_help() -> None:
    """No ``literal`` or :role:`x` in any help or description; each positional says what it is."""
    for lang in ("en", "zh"):
        for name, parser in commands(_parser(lang)):
            texts = [parser.description or ""] + [a.help or "" for a in parser._actions]
            for text in texts:
                assert "``" not in text, (name, text)
                assert not re.search(r":[a-z]+:`", text), (name, text)
            for action in parser._actions:
                if not action.option_strings and not isinstance(action, argparse._SubParsersAction):
                    assert action.help, (name, action.dest)


def test_chinese_help_covers_every_command_and_option() -> None:
    """--lang zh: every command has a Chinese description and every option Chinese help."""
    missing = []
    for name, parser in commands(_parser("zh")):
        if name not in DESCRIPTIONS_ZH:
            missing.append((name, "description"))
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                missing.extend((c.dest, "") for c in action._choices_actions if (c.dest, "") not in HELP_ZH)
            elif (
                action.option_strings and action.dest not in {"help", "version"} and (name, action.dest) not in HELP_ZH
            ):
                missing.append((name, action.dest))
    assert missing == [], f"add Chinese help to perfscore/_commands/helpzh.py for {missing}"
    out = io.StringIO()
    _parser("zh").print_help(out)
    assert out.getvalue().startswith("用法：perfscore")
    assert "校验规则包" in out.getvalue()


def test_markdown_is_md_everywhere_and_markdown_is_an_alias() -> None:
    """Every --format that offers Markdown calls it md; `--format markdown` gives the same output."""
    for name, parser in commands(_parser()):
        for action in parser._actions:
            if action.dest == "format" and action.choices:
                assert "markdown" not in action.choices, name
    md = run("score", "baiyun-2021", str(FIGURES), "--format", "md")
    assert md == run("score", "baiyun-2021", str(FIGURES), "--format", "markdown")
    assert md[1].startswith("# ")


def test_colour_only_on_a_terminal_and_never_with_no_color() -> None:
    """A terminal gets colour; NO_COLOR, TERM=dumb or a pipe turn it off."""
    assert colour_enabled(_Tty(), {})
    assert not colour_enabled(_Tty(), {"NO_COLOR": "1"})
    assert not colour_enabled(_Tty(), {"TERM": "dumb"})
    assert not colour_enabled(io.StringIO(), {})
    coloured = CommandIO(out=_Tty(), err=io.StringIO(), lang="en", explicit_lang=None, colour=True)
    assert render_styles(coloured.paint("ok", "ok"), colour=True) == "\033[32mok\033[0m"
    assert render_styles(coloured.paint("ok", "ok"), colour=False) == "ok"
    plain = CommandIO(out=io.StringIO(), err=io.StringIO(), lang="en", explicit_lang=None)
    assert plain.paint("ok", "ok") == "ok"


@pytest.mark.parametrize("columns", [60, 80, 100, 140])
def test_the_terminal_table_fits_columns(columns: int, baiyun_card: perfscore.Scorecard) -> None:
    """With a width every line of the score, diff and comparison tables fits it (Chinese counted as two cells)."""
    from wcwidth import wcswidth  # noqa: PLC0415

    assert table_width(io.StringIO(), {"COLUMNS": str(columns)}) == columns
    table = baiyun_card.table(width=columns)
    grid = [line for line in table.splitlines() if line[:1] in "┌│├└"]
    assert grid
    assert max(wcswidth(line) for line in grid) <= columns
    assert max(wcswidth(line) for line in baiyun_card.table().splitlines()) > 100  # the fixed layout is wider
    from perfscore._packs.diff import diff_packs  # noqa: PLC0415
    from perfscore._views.compare import render_comparison  # noqa: PLC0415
    from perfscore._views.diff import render_diff  # noqa: PLC0415

    changes = diff_packs(perfscore.load_pack("baiyun-2021-plan"), perfscore.load_pack("baiyun-2021"))
    texts = [render_diff(changes, lang="zh", width=columns)]
    if columns >= 80:  # seven columns, five of them numbers that never wrap: ~72 cells at the least
        texts.append(render_comparison(baiyun_card, baiyun_card, lang="zh", width=columns))
    for text in texts:
        grid = [line for line in text.splitlines() if line[:1] in "┌│├└"]
        assert grid
        assert max(wcswidth(line) for line in grid) <= columns


def test_check_json_and_sarif(tmp_path: Path) -> None:
    """--format json lists each file with its diagnostics; --format sarif is a SARIF 2.1.0 run GitHub reads."""
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: x\ntitle: t\nversion: '1'\nsource: s\nindicators:\n  - id: a\n    weigth: 5\n", "utf-8")
    code, out, _ = run("check", str(broken), "baiyun-2021", "--format", "json")
    data = json.loads(out)
    assert code == 1
    assert [f["ok"] for f in data["files"]] == [False, True]
    first = data["files"][0]["diagnostics"][0]
    assert (first["file"], first["code"]) == (str(broken), "KEY_UNKNOWN")
    assert first["line"] == 7
    code, out, _ = run("check", str(broken), "--format", "sarif")
    sarif = json.loads(out)
    assert sarif["version"] == "2.1.0"
    (run_,) = sarif["runs"]
    rules = run_["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == list(CODES)
    result = next(r for r in run_["results"] if r["ruleId"] == "KEY_UNKNOWN")
    assert rules[result["ruleIndex"]]["id"] == "KEY_UNKNOWN"
    assert result["level"] == "error"
    location = result["locations"][0]["physicalLocation"]
    assert location["region"]["startLine"] == 7
    assert location["region"]["startColumn"] >= 1
    assert Path(location["artifactLocation"]["uri"]).name == "broken.yaml"


def test_bash_completion_script_completes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Sourced in bash, the script completes commands, options, format choices and files."""
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("bash is not installed")
    _perfscore_on_path(monkeypatch)
    _, script, _ = run("completion", "bash")
    probe = tmp_path / "probe.sh"
    probe.write_text(
        script + '\ncomp() { COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=(); _perfscore;'
        ' echo "${COMPREPLY[*]}"; }\n'
        "comp perfscore ch\ncomp perfscore score --fo\ncomp perfscore check --format ''\n"
        "comp perfscore --lang zh diff --format m\n"
        "comp perfscore --packs d score baiyun-2021-\ncomp perfscore --packs d score - baiyun-2021-\n",
        encoding="utf-8",
    )
    done = subprocess.run([bash, str(probe)], capture_output=True, text=True, check=True)  # noqa: S603 - our script
    # a pack id completes for PACK; after '-' (stdin as the pack) the word is FIGURES, a file
    assert done.stdout.splitlines() == ["check", "--format", "text json sarif", "md", "baiyun-2021-plan", ""]


def _shell(name: str) -> str:
    """The path of ``name``; a skip without it, or a failure when CI asked for the shells."""
    found = shutil.which(name)
    if found is None:
        if os.environ.get("PERFSCORE_REQUIRE_SHELLS"):
            pytest.fail(f"PERFSCORE_REQUIRE_SHELLS is set but {name} is not installed")
        pytest.skip(f"{name} is not installed")
    return found


def _perfscore_on_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pack ids complete by running `perfscore packs`: the test interpreter's scripts come first."""
    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")


@pytest.mark.shells
def test_zsh_runs_the_completion_function(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In zsh (through bashcompinit, as `eval "$(perfscore completion zsh)"` sets it up) the function answers."""
    zsh = _shell("zsh")
    _perfscore_on_path(monkeypatch)
    script = tmp_path / "perfscore.zsh"
    script.write_text(run("completion", "zsh")[1], encoding="utf-8")
    probe = (
        f"source {script}\n"
        "COMP_WORDS=(perfscore sc); COMP_CWORD=1; compgen -F _perfscore -- sc | tr '\\n' ' '; echo\n"
        "COMP_WORDS=(perfscore score --format ''); COMP_CWORD=3; compgen -F _perfscore -- '' | tr '\\n' ' '; echo\n"
        "COMP_WORDS=(perfscore score baiyun); COMP_CWORD=2; compgen -F _perfscore -- baiyun | tr '\\n' ' '; echo\n"
    )
    done = subprocess.run([zsh, "-f", "-c", probe], capture_output=True, text=True, check=True, cwd=tmp_path)  # noqa: S603
    commands, formats, packs = done.stdout.splitlines()
    assert {"score", "schema", "check"} <= set(commands.split())  # zsh itself then keeps those matching "sc"
    assert formats.split() == ["table", "md", "json"]
    assert "baiyun-2021" in packs.split()
    assert done.stderr == ""


@pytest.mark.shells
def test_fish_completes_commands_options_and_pack_ids(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """fish, given the generated `complete` lines, completes commands, format choices and pack ids."""
    fish = _shell("fish")
    _perfscore_on_path(monkeypatch)
    script = tmp_path / "perfscore.fish"
    script.write_text(run("completion", "fish")[1], encoding="utf-8")
    probe = (
        f"source {script}; complete -C 'perfscore sc'; echo ==; complete -C 'perfscore score --format '; "
        "echo ==; complete -C 'perfscore score baiyun-2021-'"
    )
    done = subprocess.run([fish, "-c", probe], capture_output=True, text=True, check=True, cwd=tmp_path)  # noqa: S603
    commands, formats, packs = (part.split("\n") for part in done.stdout.strip().split("\n==\n"))
    assert [line.split("\t")[0] for line in commands] == ["schema", "score"]
    assert sorted(line.split("\t")[0] for line in formats) == ["json", "md", "table"]
    assert [line.split("\t")[0] for line in packs] == ["baiyun-2021-plan"]


def test_diagnostic_codes_are_coloured_only_on_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A terminal's stderr shows an error code in red; NO_COLOR or a pipe shows the same text plain."""
    from perfscore.cli import main  # noqa: PLC0415

    broken = tmp_path / "broken.yaml"
    broken.write_text("id: x\ntitle: t\nversion: '1'\nsource: s\nindicators:\n  - id: a\n    weigth: 5\n", "utf-8")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    shown: dict[str, str] = {}
    for name, stream in (("tty", _Tty()), ("pipe", io.StringIO())):
        assert main(["check", str(broken)], out=io.StringIO(), err=stream) == 1
        shown[name] = stream.getvalue()
    monkeypatch.setenv("NO_COLOR", "1")
    no_color = _Tty()
    main(["check", str(broken)], out=io.StringIO(), err=no_color)
    assert "\033[1;31mKEY_UNKNOWN\033[0m" in shown["tty"]
    assert "\033[" not in shown["pipe"]
    assert no_color.getvalue() == shown["pipe"]
    assert re.sub(r"\033\[[0-9;]*m", "", shown["tty"]) == shown["pipe"]


def test_a_checkout_without_symlinks_finds_the_packs_in_rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where perfscore/packs is a plain file (git on Windows without symlinks), ids resolve from rules/."""
    from perfscore._packs import bundled  # noqa: PLC0415

    package = tmp_path / "perfscore"
    package.mkdir()
    (package / "packs").write_text("../rules", encoding="utf-8")  # what git writes for a symlink it cannot make
    monkeypatch.setattr("importlib.resources.files", lambda _name: package)
    assert bundled.bundled_dir().resolve() == RULES.resolve()
    assert bundled.find_pack("baiyun-2021") == bundled.bundled_dir() / "baiyun-2021.yaml"


def test_an_unknown_id_says_no_pack_has_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A missing PACK that could be an id is reported as neither a file nor a pack id (exit 2)."""
    monkeypatch.chdir(tmp_path)
    code, _, err = run("score", "baiyun-2099", str(FIGURES))
    assert code == 2
    assert "no pack with this id" in err
    code, _, err = run("score", "folder/baiyun-2099.yaml", str(FIGURES))
    assert code == 2
    assert "no pack with this id" not in err


def test_usage_errors_follow_lang() -> None:
    """Usage errors from argparse are Chinese with --lang zh (exit 2), English otherwise."""
    code, _, chinese = run("--lang", "zh", "score", "--format", "x", "a", "b")
    assert code == 2
    assert chinese.startswith("用法：perfscore score")
    assert "perfscore score：错误：参数 --format：无效的选项 'x'" in chinese
    code, _, english = run("--lang", "en", "score")
    assert code == 2
    assert "error: the following arguments are required: PACK, FIGURES" in english
