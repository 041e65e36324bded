"""Figures files that hold what a table row holds are scored by the compiled loop, exactly as score_many scores them.

``perfscore batch PACK FOLDER`` reads each file's figures into a table row
(:mod:`perfscore._batch.filerows`) and lets the compiled loop score it; anything a row
cannot hold sends the file to ``perfscore.score`` with a counted reason. The reference is
``score_many`` on the same files. The files are written as people write them — units,
percentages, thousands separators, full-width digits, attainment words, levels and reasons,
missing and unreadable figures, values of the wrong type — and some carry what only the
exact path reads (published figures, sum checks, overrides, projects, a file's own
``percent_numbers``), so every exit is exercised and every department that stays is checked.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from conftest import RULES

import perfscore
from perfscore._batch import reasons, runner
from perfscore._batch.filerows import FileReader
from perfscore._batch.many import score_many
from perfscore._batch.report import batch_row
from perfscore.compiled import compile_pack
from perfscore.rules.comparative import Positive
from perfscore.rules.judgement import Qualitative

FULL_WIDTH = str.maketrans("0123456789.,%", "０１２３４５６７８９．，％")
_EXTRAS = [
    "published:\n  grade: 良\n",
    "tolerance: 0.02\n",
    "percent_numbers: fraction\n",
    "percent_numbers: percent\n",
    "projects:\n  - {name: 党建, amount: 10, parts: [{name: a, amount: 4}, {name: b, amount: 5}]}\n",
    "unknown_key: 1\n",
    "notes: 已核对\n",
    "report:\n  profile: 本部门……\n",
    "report:\n  profile: 1\n",
    "pack: baiyun-2021\n",
    "perfscore: 1\n",
    "source: 自评报告\n",
]


def _number(rnd: random.Random, value: float, unit: str) -> str:
    """A value as a figures file might hold it (plain YAML number, quoted text, units, separators)."""
    text = f"{value:.2f}" if rnd.random() < 0.7 else repr(value)
    style = rnd.random()
    if style < 0.1 and abs(value) >= 1000:
        whole, _, fraction = text.partition(".")
        text = f"{int(whole):,}" + (f".{fraction}" if fraction else "")
    elif style < 0.15:
        text = text.translate(FULL_WIDTH)
    if unit and rnd.random() < 0.6:
        text += unit
    return text if rnd.random() < 0.5 or not text[-1].isdigit() else f'"{text}"'


def _file(rnd: random.Random, pack: perfscore.Pack, index: int) -> str:  # noqa: C901, PLR0912, PLR0915 - one branch per kind of trouble
    level = rnd.uniform(0.4, 1.0)
    budget = round(rnd.uniform(5_000, 30_000), 2)
    money = rnd.choice(["", "", "万元", "元"])
    lines = [f"department: 街道{index}" if rnd.random() < 0.97 else "department: 123"]
    lines.append("year: 2021" if rnd.random() < 0.97 else rnd.choice(["year: 21", "year: 二〇二一", "year: yes"]))
    if rnd.random() < 0.98:
        executed = round(budget * rnd.uniform(0.7, 1.05), 2)
        lines += [
            "amounts:",
            "  budget:",
            f"    adjusted: {_number(rnd, budget, money)}",
            f"    executed: {_number(rnd, executed, rnd.choice([money] * 9 + ['元']))}",
        ]
        if rnd.random() < 0.03:
            lines.append("    rate: 97.87%")
        if rnd.random() < 0.03:
            lines.append("    unit: 万元")
    lines.append("indicators:")
    for leaf in pack.indicators():
        if rnd.random() < 0.002:
            continue  # a missing figure: a range of totals
        if isinstance(leaf.rule, Qualitative):
            weight = float(leaf.weight)
            value = round(min(weight, weight * level * rnd.uniform(0.85, 1.2)), rnd.choice([2] * 19 + [3]))
            entry = {"score": _number(rnd, value, "" if rnd.random() < 0.999 else "%")}
            if rnd.random() < 0.002:
                entry["level"] = rnd.choice(["优", "良", "中", "差", "好"])
            if rnd.random() < 0.01:
                entry["reason"] = rnd.choice(["按完成情况评定", "123"])
        elif isinstance(leaf.rule, Positive):
            target = leaf.rule.target.quantity
            value = round(float(target.value) * level * rnd.uniform(0.8, 1.2), 2)
            unit = target.unit.symbol if target.unit is not None else ""
            unit = unit if rnd.random() < 0.99 else rnd.choice(["人", "‰"])
            entry = {"actual": _number(rnd, value, unit)}
            if rnd.random() < 0.005:
                entry["actual"] = rnd.choice(["已完成", "0.98", "一百", '""', "yes", "~"])
        else:
            continue
        trouble = rnd.random()
        if trouble < 0.0005:
            entry["override"] = "{score: 0.5, reason: 复核}"
        elif trouble < 0.001:
            entry["target"] = "100"
        elif trouble < 0.05:
            entry["evidence"] = "按文件完成"  # read by nothing that scores: stays on the fast path
        elif trouble < 0.0505:
            entry["evidence"] = "12"
        elif trouble < 0.051:
            entry["not_applicable"] = "撤销"
        elif trouble < 0.0515:
            entry["coefficient"] = "0.9"
        elif trouble < 0.052:
            entry["count"] = "3"
        body = ", ".join(f"{key}: {value}" for key, value in entry.items())
        lines.append(f"  {leaf.id}: {{{body}}}")
    if rnd.random() < 0.02:
        lines.append("  t9.unknown: {actual: 1}")
    text = "\n".join(lines) + "\n"
    if rnd.random() < 0.12:
        text += rnd.choice(_EXTRAS)
    return text


def _folder(tmp_path: Path, n: int, seed: int) -> tuple[perfscore.Pack, Path, list[str]]:
    pack = perfscore.load_pack(RULES / "baiyun-2021.yaml")
    rnd = random.Random(seed)  # noqa: S311 - test data, not secrets
    folder = tmp_path / "folder"
    folder.mkdir()
    for index in range(n):
        (folder / f"d{index:04d}.yaml").write_text(_file(rnd, pack, index), encoding="utf-8")
    return pack, folder, sorted(str(path) for path in folder.iterdir())


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_folder_files_fast_equal_exact(tmp_path, seed) -> None:
    """Every file's row equals score_many's; many go the compiled way, the rest with a counted reason."""
    pack, folder, paths = _folder(tmp_path, 150, seed)
    table = runner.score_folder(pack, str(folder), paths, lang="en", jobs=1)
    expected = [batch_row(result, "en") for result in score_many(pack, paths)]
    assert len(table) == len(expected)
    for index, theirs in enumerate(expected):
        assert table.row(index) == theirs, (paths[index], table.reasons.get(index))
    fast = len(table) - len(table.reasons)
    assert fast > len(table) // 3  # the trouble is frequent on purpose; a plain file goes fast
    why = {key for key, _ in table.reasons.values()}
    assert {reasons.FILE, reasons.MISSING, reasons.CELL}.issubset(why), why
    assert {row.status for row in expected} >= {"scored", "partial", "invalid"}


def test_two_processes_change_nothing(tmp_path) -> None:
    """With two worker processes (and small chunks) the rows and reasons are the same, in the same order."""
    pack, folder, paths = _folder(tmp_path, 90, 7)
    one = runner.score_folder(pack, str(folder), paths, lang="en", jobs=1)
    two = runner.score_folder(pack, str(folder), paths, lang="en", jobs=2)
    assert [one.row(i) for i in range(len(one))] == [two.row(i) for i in range(len(two))]
    assert one.reasons == two.reasons


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("published:\n  grade: 良\n", "published"),
        ("tolerance: 0.02\n", "tolerance"),
        ("percent_numbers: fraction\n", "percent_numbers"),
        (
            "indicators:\n  t1.positions: {score: 1, override: {score: 0.5, reason: 复核}}\n",
            "indicators.t1.positions.override",
        ),
        ("indicators:\n  t9.unknown: {actual: 1}\n", "indicators.t9.unknown"),
        ("amounts:\n  budget:\n    unit: 万元\n", "amounts.budget.unit"),
        ("amounts:\n  budget:\n    executed: {total: 10, parts: {a: 4, b: 6}}\n", "amounts.budget.executed.total"),
        ("department:\n", "department"),
        ("indicators:\n  t1.positions: {score: 1, evidence: 12}\n", "indicators.t1.positions.evidence"),
        ("indicators:\n  t1.positions: {score: true}\n", "indicators.t1.positions.score"),
        ("- 1\n", "the document"),
        (
            "indicators:\n  t1.member_development: {actual: 100%, coefficient: 0.9}\n",
            "indicators.t1.member_development.coefficient",
        ),
        ("indicators:\n  t1.positions: {score: 1, items: {a: 是}}\n", "indicators.t1.positions.items"),
        (
            "indicators:\n  t1.positions: {score: 1, deductions: [{reason: 迟报}]}\n",
            "indicators.t1.positions.deductions",
        ),
    ],
)
def test_what_a_row_cannot_hold_is_named(text, detail) -> None:
    """Each thing only the exact path reads sends the file there, naming the key."""
    pack = perfscore.load_pack(RULES / "baiyun-2021.yaml")
    import yaml  # noqa: PLC0415 - only to make the data

    found = FileReader(compile_pack(pack)).cells(yaml.safe_load(text))
    assert found == (reasons.FILE, detail)
