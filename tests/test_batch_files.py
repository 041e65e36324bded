"""A folder's figures files scored the quick way give, row for row, what ``score_many`` gives.

``perfscore batch PACK FOLDER`` reads each file without locations first
(:mod:`perfscore._batch.files`); a file with any problem is read again the located way.
Files of every kind — scored, partial, with overrides, sum checks, published figures,
``percent_numbers``, unreadable numbers, YAML errors, aliases, a file linking out of the
folder — must give the same row, diagnostics (with their lines) included.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import RULES

import perfscore
from perfscore._batch import files, runner
from perfscore._batch.files import read_lean, score_file
from perfscore._batch.many import score_many
from perfscore._batch.report import batch_row
from perfscore._commands.safety import confined

ROOT = Path(__file__).resolve().parent.parent
BAIYUN = (ROOT / "examples" / "baiyunhu-2021.yaml").read_text(encoding="utf-8")

_ORGS = "  t2.social_orgs:\n    score: 1\n"
_EDITS = {
    "as_is": lambda t: t,
    "complete": lambda t: t.replace("indicators:\n", "indicators:\n  goals:\n    score: 17\n", 1),
    "bad_number": lambda t: t.replace("actual: 103场", "actual: 一百零三场"),
    "unknown_unit": lambda t: t.replace("actual: 103场", "actual: 103斤"),
    "override": lambda t: t.replace(
        "  t2.social_orgs:\n    score: 1\n",
        "  t2.social_orgs:\n    score: 1\n    override: {score: 0.5, reason: 复核}\n",
    ),
    "not_applicable": lambda t: t.replace(
        "  t2.social_orgs:\n    score: 1\n", "  t2.social_orgs:\n    not_applicable: 撤销\n"
    ),
    "percent_fraction": lambda t: t.replace("tolerance: 0.01", "tolerance: 0.01\npercent_numbers: fraction", 1),
    "percent_bad": lambda t: t.replace("tolerance: 0.01", "tolerance: 0.01\npercent_numbers: sometimes", 1),
    "published_off": lambda t: t.replace("    t2: 14\n", "    t2: 13\n"),
    "sums_off": lambda t: t.replace("adjusted: 18,009.98", "adjusted: 18,009.99"),
    "unknown_key": lambda t: t.replace("tolerance: 0.01", "tolerance: 0.01\ntolerence: 0.02", 1),
    "duplicate_key": lambda t: t.replace("year: 2021", "year: 2021\nyear: 2022", 1),
    "alias": lambda t: t.replace("tolerance: 0.01", "tolerance: &tol 0.01\nnotes: *tol", 1),
    "syntax": lambda t: t.replace("year: 2021", "year: [2021", 1),
    "tab": lambda t: t.replace("  budget:\n", "\tbudget:\n", 1),
    "yes_score": lambda t: t.replace("    score: 2\n", "    score: yes\n", 1),
    "range_score": lambda t: t.replace("    score: 2\n", "    score: 9\n", 1),
    "attainment_words": lambda t: t.replace("actual: 100%", "actual: 已完成", 1),
    "year_text": lambda t: t.replace("year: 2021", "year: 二〇二一", 1),
    "huge": lambda t: t.replace("actual: 152次", "actual: 1.0e+400", 1),
    "coefficient": lambda t: t.replace("actual: 103场", "actual: 103场\n    coefficient: 0.9", 1),
    "deductions": lambda t: t.replace(_ORGS, _ORGS + "    deductions: [{reason: 迟报, count: 1}]\n"),
    "empty": lambda _t: "",
    "not_a_mapping": lambda _t: "- 1\n- 2\n",
}

_UTF8 = BAIYUN.encode("utf-8")
_YEAR = b"year: 2021"
# Files read as bytes: libyaml decodes plain UTF-8 itself, so what Python's decoder refuses it must refuse too.
_BYTE_EDITS = {
    "bom": b"\xef\xbb\xbf" + _UTF8,
    "declared_utf8": b"# -*- coding: utf-8 -*-\n" + _UTF8,
    "declared_gbk": b"# coding: gbk\n" + BAIYUN.encode("gbk", "replace"),
    "utf16": BAIYUN.encode("utf-16"),
    "latin1_byte": _UTF8.replace(_YEAR, _YEAR + b"  # caf\xe9", 1),
    "overlong": _UTF8.replace(_YEAR, _YEAR + b"  # \xc0\xaf", 1),
    "surrogate": _UTF8.replace(_YEAR, _YEAR + b"  # \xed\xa0\x80", 1),
    "above_unicode": _UTF8.replace(_YEAR, _YEAR + b"  # \xf4\x90\x80\x80", 1),
    "truncated": _UTF8 + b"notes: \xe4\xb8",
    "bad_in_value": _UTF8.replace(b"department: ", b"department: \xff", 1),
    "nul": _UTF8.replace(_YEAR, _YEAR + b"\x00", 1),
}


def _write_all(folder: Path, *, prefix: bool = False) -> None:
    """Every text edit as UTF-8 and every byte edit as is."""
    kinds = [*((name, edit(BAIYUN).encode("utf-8")) for name, edit in _EDITS.items()), *_BYTE_EDITS.items()]
    for index, (name, data) in enumerate(kinds):
        (folder / (f"{index:02d}-{name}.yaml" if prefix else f"{name}.yaml")).write_bytes(data)


def test_every_kind_of_file_gives_the_row_it_gave(tmp_path) -> None:
    """Each edited Baiyun file: the same status, totals, grades, warnings count and diagnostics."""
    pack = perfscore.load_pack(RULES / "baiyun-2021.yaml")
    folder = tmp_path / "folder"
    folder.mkdir()
    _write_all(folder)
    outside = tmp_path / "outside.yaml"
    outside.write_text(BAIYUN, encoding="utf-8")
    (folder / "link.yaml").symlink_to(outside)
    names = sorted(os.listdir(folder))
    items = [confined(str(folder), str(folder / name)) for name in names]
    statuses = set()
    for name, item in zip(names, items, strict=True):
        quick = batch_row(score_file(pack, item), "en")
        (result,) = list(score_many(pack, [item]))
        before = batch_row(result, "en")
        assert quick == before, name
        statuses.add(quick.status)
        if isinstance(item, str) and name != "alias.yaml":  # read lean exactly when the department was scored
            assert (_scored_lean(pack, item) is not None) == (quick.status != "invalid"), name
    assert statuses == {"scored", "partial", "invalid"}


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_folder_scores_as_before(tmp_path, jobs) -> None:
    """The whole folder through the batch runner equals score_many file by file, in order, with any jobs."""
    pack = perfscore.load_pack(RULES / "baiyun-2021.yaml")
    folder = tmp_path / "folder"
    folder.mkdir()
    _write_all(folder, prefix=True)
    paths = sorted(str(folder / name) for name in os.listdir(folder))
    table = runner.score_folder(pack, str(folder), paths, lang="en", jobs=jobs)
    expected = [batch_row(result, "en") for result in score_many(pack, paths)]
    assert [table.row(i) for i in range(len(table))] == expected
    from perfscore._batch import write  # noqa: PLC0415
    from perfscore._files.cellsafe import csv_row  # noqa: PLC0415

    written = list(write._csv_rows(table, "en"))  # noqa: SLF001 - rows kept by chunks (own numbering), at their places
    text = write._text  # noqa: SLF001
    ranked = [csv_row([text(v) for v in write.row_values(table, table.row(i), "en")]) for i in table.best_first()]
    assert written == ranked
    assert {row[1] for row in written} - {""}  # some departments are ranked


def _scored_lean(pack: perfscore.Pack, path: str) -> object:
    doc = read_lean(path)
    return None if doc is None else files._scored(pack, doc)  # noqa: SLF001


def test_remembered_quantities_read_as_the_first_time() -> None:
    """The loader's memory of quantities keeps texts and numbers apart and each as written."""
    from perfscore._core.diagnostics import FiguresError  # noqa: PLC0415
    from perfscore._inputs.figures import load_figures_text  # noqa: PLC0415

    def amount(value: str) -> object:
        return load_figures_text(f"amounts:\n  a: {value}\n").amounts["a"]

    first, again = amount("1.0"), amount("1.0")
    assert first == again
    assert (amount("1").text, amount("1.0").text) == ("1", "1.0")
    assert amount("1.0e+2").value == 100  # a YAML number with an exponent is a number
    with pytest.raises(FiguresError):
        amount('"1.0e+2"')  # the same written as text is refused, remembered number or not
    assert amount('"103场"') == amount('"103场"')
    with pytest.raises(FiguresError):
        amount('"一百场"')
    with pytest.raises(FiguresError):
        amount('"一百场"')  # a refusal is never remembered as a value


def test_confined_refuses_only_what_leads_outside(tmp_path) -> None:
    """A plain file of the folder is taken without resolving paths; links are resolved and judged."""
    folder, outside = tmp_path / "folder", tmp_path / "outside"
    folder.mkdir()
    outside.mkdir()
    (folder / "plain.yaml").write_text("a: 1\n", encoding="utf-8")
    (outside / "secret.yaml").write_text("a: 1\n", encoding="utf-8")
    (folder / "inner.yaml").symlink_to(folder / "plain.yaml")
    (folder / "escape.yaml").symlink_to(outside / "secret.yaml")
    (folder / "sub").mkdir()
    (folder / "sub" / "deep.yaml").write_text("a: 1\n", encoding="utf-8")
    linked = tmp_path / "linked"
    linked.symlink_to(folder)  # the folder named through a link: its files are still inside it
    for where in (folder, linked):
        base = str(where)
        assert confined(base, os.path.join(base, "plain.yaml")) == os.path.join(base, "plain.yaml")
        assert confined(base, os.path.join(base, "inner.yaml")) == os.path.join(base, "inner.yaml")
        assert confined(base, os.path.join(base, "sub", "deep.yaml")) == os.path.join(base, "sub", "deep.yaml")
        refused = confined(base, os.path.join(base, "escape.yaml"))
        assert isinstance(refused, tuple)
        with pytest.raises(perfscore.FiguresError, match="BATCH_OUTSIDE"):
            refused[1]()
        assert isinstance(confined(base, os.path.join(base, "..", "outside", "secret.yaml")), tuple)
