"""The bad-input catalogue: every case gets exactly its documented message, through the API and the CLI."""

from __future__ import annotations

import io
import os
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Self

import pytest
from bad_inputs import CASES, DOC, Case, _bomb, exit_code, observe, observe_all, render

import perfscore
from perfscore._text.catalogue import CODES
from perfscore._yaml.source import ReadLimits, parse_document
from perfscore.cli import main

#: Every kind of bad input the issue names, and the cases that cover it.
ISSUE_LIST = {
    "empty file": ("empty-file",),
    "not YAML": ("not-yaml-binary", "not-yaml-prose", "not-yaml-colons"),
    "YAML with tabs": ("tabs",),
    "a YAML bomb": ("billion-laughs", "deep-alias"),
    "nesting thousands deep": ("deep-nesting",),
    "a file of hundreds of MB": ("huge-file",),
    "duplicate keys": ("duplicate-key",),
    "duplicate ids": ("duplicate-id",),
    "Python-object tags": ("python-object",),
    "NaN": ("nan", "nan-figure"),
    "Infinity": ("infinity",),
    "1e309": ("1e309-weight", "1e309-float", "1e309-figure"),
    "negative zero": ("negative-zero-weight", "negative-zero-figure"),
    "thousands separators": ("thousands-separators", "bad-separators"),
    "percent strings": ("percent-figure", "percent-weight"),
    "full-width digits": ("full-width-figure", "full-width-weight"),
    "万元 vs 元 mixed": ("mixed-money-units", "mixed-money-units-over", "sum-mixed-units"),
    "BOM": ("bom",),
    "GBK/GB18030 declared": ("gbk-declared", "gb18030-declared"),
    "GBK undeclared": ("gbk-undeclared",),
    "negative weights": ("negative-weight",),
    "zero weights": ("zero-weight",),
    "weights that do not sum": ("weights-do-not-sum",),
    "a score above its weight": ("score-above-weight",),
    "an unknown rule kind": ("unknown-rule",),
    "an unknown key": ("unknown-key",),
    "a cyclic extends": ("extends-self", "extends-cycle"),
    "a missing extends": ("extends-missing",),
    "../../etc/passwd": ("extends-parent",),
    "absolute paths": ("extends-absolute",),
    "symlinks": ("extends-symlink",),
    "include paths": ("include-tag",),
    "attribute access": ("attribute-access",),
    "imports": ("import", "import-statement"),
    "lambdas": ("lambda",),
    "comprehensions": ("comprehension",),
    "9**9**9": ("huge-power",),
    "very long inputs": ("long-formula",),
    "division by zero": ("division-by-zero",),
}

#: Every defect of issue 12 ("safe at the edges"), and the cases that cover it.
EDGE_LIST = {
    "spreadsheet formula injection": ("formula-xlsx", "formula-csv", "formula-dash", "formula-newline"),
    "one control character loses a batch": ("escape-in-batch",),
    "a 5 KB xlsx exhausts memory": ("xlsx-far-value", "xlsx-far-style", "xlsx-wide", "xlsx-unzipped", "csv-cells"),
    "outputs overwrite inputs": (
        "output-is-table",
        "output-hard-link",
        "output-companion",
        "output-is-figures",
        "output-symlink-to-input",
    ),
    "atomic writes replace what they should not": (
        "output-fifo",
        "output-symlink",
        "output-private",
        "output-long-name",
    ),
    "markdown report forgery": ("markdown-forgery", "markdown-html"),
    "unbounded sensitivity samples": ("samples-limit",),
    "results that depend on the decimal context": ("hostile-decimal-context",),
    "batch folders follow symlinks": ("batch-symlink-out",),
    "CSV fields over 131,072 characters": ("csv-long-field", "csv-huge-field"),
    "non-UTF-8 stdout": ("ascii-stdout",),
    "terminal escape sequences": ("terminal-escape",),
    "perfscore test EMPTY_DIR": ("test-empty-folder",),
    "np.longdouble": ("longdouble",),
    "a 100,000-row import-table output called a bomb": ("many-plain-values",),
    "5e-324": ("float-underflow",),
    "the libyaml-dependent depth case": ("deep-nesting",),
}


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_case(case: Case, tmp_path: Path) -> None:
    """The bad input gets its code and exactly the documented message and hint; read inputs read as documented."""
    seen = observe(case, tmp_path)
    if case.code == "ok":
        assert seen.codes == ("ok",)
    else:
        assert case.code in seen.codes, seen.codes
        assert seen.zh != seen.en  # it speaks Chinese too
    assert seen.en == case.expect


def test_the_catalogue_covers_the_issue() -> None:
    """At least 100 cases with unique ids, every item both issues list among them, every code in the catalogue."""
    ids = [case.id for case in CASES]
    assert len(ids) >= 100
    assert len(set(ids)) == len(ids)
    listed = {case_id for covering in (*ISSUE_LIST.values(), *EDGE_LIST.values()) for case_id in covering}
    assert listed <= set(ids), listed - set(ids)
    assert all(case.code == "ok" or case.code in CODES for case in CASES)
    assert {"NUMBER_UNREADABLE", "SUM_UNIT"} <= {case.code for case in CASES}  # the codes this catalogue added
    issue_12 = {"SHEET_TOO_LARGE", "OUTPUT_IS_INPUT", "BATCH_OUTSIDE", "SENSITIVITY_SAMPLES_LIMIT", "TESTS_NONE"}
    assert issue_12 <= {case.code for case in CASES}  # each code issue 12 added has its case


def test_the_document_is_generated_from_the_cases() -> None:
    """docs/bad-inputs.md holds exactly what the cases produce (regenerate: python tests/bad_inputs.py)."""
    assert render(observe_all()) in DOC.read_text(encoding="utf-8")


CLI_CASES = [case for case in CASES if case.cli]


@pytest.mark.parametrize("case", CLI_CASES, ids=[case.id for case in CLI_CASES])
def test_cli_never_shows_a_traceback(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Through the command line each case exits 1 (an error) or 0 (read, or a warning), never with a traceback."""
    observe(case, tmp_path)
    monkeypatch.chdir(tmp_path)
    out, err = io.StringIO(), io.StringIO()
    code = main(["--lang", "en", *case.cli], out=out, err=err)
    printed = out.getvalue() + err.getvalue()
    assert code == exit_code(case), printed
    assert "Traceback" not in printed
    assert "internal error" not in printed
    if case.code != "ok":
        assert case.code in printed
    assert not Path("executed").exists()


def test_a_fifo_is_a_usage_error_on_the_command_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`perfscore check pipe.yaml` on a named pipe exits 2 at once, naming it as no regular file."""
    monkeypatch.chdir(tmp_path)
    os.mkfifo("pipe.yaml")
    err = io.StringIO()
    assert main(["--lang", "en", "check", "pipe.yaml"], out=io.StringIO(), err=err) == 2
    assert "pipe.yaml: FILE_UNREADABLE cannot read the file: it is not a regular file" in err.getvalue()


def refused_with_peak_memory(action: Callable[[], object]) -> tuple[tuple[str, ...], int]:
    """The codes of the PackError ``action`` raises, and the peak memory traced while it ran."""
    tracemalloc.start()
    try:
        with pytest.raises(perfscore.PackError) as caught:
            action()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return caught.value.codes, peak


@pytest.mark.parametrize(("levels", "width"), [(9, 9), (80, 2), (5, 500)])
def test_yaml_bombs_are_refused_with_bounded_memory(levels: int, width: int) -> None:
    """A billion-laughs file is refused by the alias count, using well under 8 MB of memory."""
    text = _bomb(levels, width)
    codes, peak = refused_with_peak_memory(lambda: perfscore.load_pack_text(text))
    assert codes == ("YAML_ALIAS_LIMIT",)
    assert peak < 8 * 1024 * 1024


def test_the_alias_limit_counts_every_expanded_value() -> None:
    """The alias limit counts each value an alias expands to: 16 here, so 15 is refused and 16 is enough."""
    text = "a: &a [1, 1, 1]\nb: [*a, *a]\n"  # mapping, 2 keys, 2 lists, 3 numbers, and 2 × 4 through *a
    with pytest.raises(perfscore.PackError) as caught:
        parse_document(text, error_type=perfscore.PackError, limits=ReadLimits(max_values=15))
    assert caught.value.codes == ("YAML_ALIAS_LIMIT",)
    enough = ReadLimits(max_values=16)
    assert parse_document(text, error_type=perfscore.PackError, limits=enough).data["b"][1] == [1, 1, 1]


class _SpyHandle:
    """A file handle that records every read."""

    def __init__(self, handle: io.BufferedReader, reads: list[int]) -> None:
        self._handle = handle
        self._reads = reads

    def read(self, size: int = -1) -> bytes:
        self._reads.append(size)
        return self._handle.read(size)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self._handle.close()


def test_a_huge_file_is_refused_before_any_byte_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A 300 MB file (sparse) is refused by its size: no read happens and memory stays small."""
    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as handle:
        handle.truncate(300 * 1024 * 1024)
    reads: list[int] = []
    real_fdopen = os.fdopen
    monkeypatch.setattr(os, "fdopen", lambda fd, *args, **kwargs: _SpyHandle(real_fdopen(fd, *args, **kwargs), reads))
    codes, peak = refused_with_peak_memory(lambda: perfscore.load_pack(huge))
    assert codes == ("FILE_TOO_LARGE",)
    assert reads == []
    assert peak < 1024 * 1024
    small = tmp_path / "small.yaml"
    small.write_text("id: x\n", encoding="utf-8")
    with pytest.raises(perfscore.PackError):
        perfscore.load_pack(small)
    assert reads == [len("id: x\n") + 1]  # the spy does see reads: a small file is read, once, by its size


@pytest.mark.parametrize(("size", "codes"), [(100, ("FILE_TOO_LARGE",)), (99, ("YAML_EMPTY",))])
def test_a_configured_size_limit(tmp_path: Path, size: int, codes: tuple[str, ...]) -> None:
    """With ReadLimits(max_bytes=99) a file of 100 bytes is refused by size and one of 99 is parsed."""
    path = tmp_path / "pack.yaml"
    path.write_bytes(b"#" * (size - 1) + b"\n")
    with pytest.raises(perfscore.PackError) as caught:
        perfscore.load_pack(path, limits=ReadLimits(max_bytes=99))
    assert caught.value.codes == codes
    with pytest.raises(perfscore.FiguresError) as figures_caught:
        perfscore.load_figures(path, limits=ReadLimits(max_bytes=99))
    assert figures_caught.value.codes == codes


def test_a_fifo_does_not_block_the_api(tmp_path: Path) -> None:
    """load_pack and load_figures on a named pipe with no writer return at once with FILE_UNREADABLE."""
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    with pytest.raises(perfscore.PackError) as caught:
        perfscore.load_pack(pipe)
    assert caught.value.codes == ("FILE_UNREADABLE",)
    with pytest.raises(perfscore.FiguresError):
        perfscore.load_figures(pipe)


def test_devices_are_not_read() -> None:
    """/dev/zero never ends; it is refused as no regular file instead of being read up to the limit."""
    with pytest.raises(perfscore.PackError) as caught:
        perfscore.load_pack("/dev/zero")
    assert "not a regular file" in str(caught.value)
