"""Reproducing the corpus of real 自评表 (tests/corpus): import, score, compare with every printed score.

For each table: ``perfscore import-table TABLE --figures`` writes a pack and figures;
the figures are scored; every printed indicator score (expected.yaml), the fund row's
score and the 总分 are compared with the computed ones. A row the corpus marks
``computable: false`` (an assessor's judgement the printed inputs do not determine) may
take its printed score as an override, with the corpus's reason; a ``computable: true``
row must be computed by a rule (from its 完成值 against its 指标值) and equal the print.
``docs/corpus.md`` is generated from :func:`report` (a test keeps it current).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import yaml
from conftest import ROOT, run_cli

import perfscore
from perfscore._files.sheets import read_sheet
from perfscore._tableimport.packtext import pack_text
from perfscore._tableimport.preamble import read_preamble
from perfscore._tableimport.reader import read_indicator_table

CORPUS = ROOT / "tests" / "corpus"
ASSESSED = frozenset({"score", "override", "coefficient"})

# Tables the importer cannot turn into a pack, and why (each is listed in docs/corpus.md).
NOT_IMPORTED = {
    "hainan-commerce-project-service-trade": (
        "the stored table is cut off: 项目绩效 prints 55 points, the stored rows under it add up to 15 "
        "(IMPORT_WEIGHT_SUM)"
    ),
    "hubei-tongcheng-tanghu-2020-department": (
        "no 分值 column: weights only inside labels such as (20分) (IMPORT_POINTS_COLUMN_MISSING)"
    ),
    "yunnan-baoshan-veterans-2022-project-spring-festival-visits": (
        "no 分值 column: weights only inside labels such as 产出指标(60分) (IMPORT_POINTS_COLUMN_MISSING)"
    ),
    "beijing-haidian-xueyuanlu-2016-project-road-cleaning": "the stored fragment ends before the indicator rows",
    "shanghai-putuo-sports-2022-project-yunnan-aid": "the stored fragment ends before the indicator rows",
    "sichuan-daying-justice-2023-project-ankeji": "the stored fragment prints no 分值 or 得分 for its indicators",
    "yunnan-baoshan-longyang-2022-project-fertiliser-reduction": (
        "no 分值 column: weights only inside labels such as (20分), (80分) (IMPORT_POINTS_COLUMN_MISSING)"
    ),
    "hubei-huangshi-library-2022-project-resource-sharing": (
        "no 分值 column: weights only in labels such as 产出指标(40分); one 得分 per 二级指标 group "
        "(IMPORT_POINTS_COLUMN_MISSING)"
    ),
    "sichuan-daying-culture-2022-project-library": (
        "the stored fragment starts inside the indicator rows: no header row"
    ),
    "yunnan-changning-supply-coop-2022-project-pig-farm": (
        "no 分值 column: weights only inside labels such as (40分) (IMPORT_POINTS_COLUMN_MISSING)"
    ),
    "yunnan-lijiang-gucheng-2020-project-satellite-enforcement": (
        "the stored copy is in traditional characters with pinyin glosses inside the words (指標(biāo)): "
        "no header is recognised"
    ),
}

# Rows the corpus calls computable that the rules do not yet compute, and why (the import
# warns IMPORT_TARGET_UNREAD at the cell and takes the printed score as the assessor's).
# (Ezhou's "150万" was the last: a bare 万 is now read as the numeral, ten thousand of the unit
# it is compared with — see perfscore/_core/units.py.)
NOT_COMPUTED: dict[tuple[str, int], str] = {}


# Fund rows and totals whose printed score the rules do not give, and why (from each
# table's expected.yaml and source.md; the import reports each as IMPORT_SCORE_DIFFERS).
DISAGREES = {
    (
        "hubei-ezhou-2021-project-citizen-centre",
        "budget",
    ): "the fund row prints 分值 100 / 得分 98 (the table's maximum and total)",
    (
        "shanxi-jishan-2020-project-poverty-medical-copay",
        "budget",
    ): "99.10% × 10 = 9.91 printed as 9 (cut, not rounded)",
    ("yunnan-linxiang-2023-project-wildlife-shelter", "budget"): "97.8% × 10 = 9.78 printed as 9 (cut, not rounded)",
    (
        "hunan-lingling-2021-department-forestry",
        "budget",
    ): "执行率 printed 100% and scored 10, but 3824.26 of 4753.66万元 is 80.45% (8.04 by the amounts)",
    (
        "anhui-luan-yuan-2022-project-heritage",
        "budget",
    ): "27.8 / 29 = 95.86% (printed 0.958) × 9 = 8.62 printed as 8 (cut)",
    ("sichuan-zhongjiang-2022-project-water-gauge", "total"): "weights add up to 110 (100 + fund 10), 总分 prints 100",
}


@attrs.frozen
class Row:
    """One printed score and what the import made of it."""

    row: int
    name: str
    printed: Decimal
    computed: Decimal | None
    computable: bool
    by_rule: bool
    overridden: bool

    @property
    def reproduced(self) -> bool:
        """Whether the final score equals the printed one."""
        return self.computed == self.printed


@attrs.frozen
class Table:
    """One corpus table's outcome."""

    name: str
    province: str
    form: str
    rows: tuple[Row, ...]
    total: tuple[Decimal, Decimal | None] | None  # (printed, computed)
    budget: tuple[Decimal, Decimal | None] | None
    note: str = ""

    @property
    def by_rule(self) -> int:
        """Printed scores computed by a rule and equal to the print."""
        return sum(1 for row in self.rows if row.by_rule and row.reproduced)


def tables() -> list[Path]:
    """Every corpus table with an expected.yaml."""
    return sorted(path.parent for path in CORPUS.glob("*/expected.yaml"))


def _decimal(text: object) -> Decimal:
    return Decimal(str(text).strip().rstrip("。.").rstrip("分"))


def _ids_by_row(table_path: Path) -> dict[int, str]:
    sheet = read_sheet(table_path)
    table, _ = read_indicator_table(sheet)
    if table is None or table.columns is None:
        return {}
    preamble = read_preamble(sheet, table.columns.header_row)
    _, _, leaves = pack_text(table, pack_id="x", title=None, version="1", source="x", preamble=preamble)
    return {leaf.node.row: leaf.id for leaf in leaves}


def check(folder: Path, tmp: Path) -> Table:
    """Import, score and compare one table."""
    expected = yaml.safe_load((folder / "expected.yaml").read_text(encoding="utf-8"))
    source = (folder / "source.md").read_text(encoding="utf-8")
    province = next((line.split(":", 1)[1].strip() for line in source.splitlines() if "region" in line.lower()), "")
    pack_path, figures_path = tmp / f"{folder.name}.yaml", tmp / f"{folder.name}.figures.yaml"
    code, _, err = run_cli(
        "--lang", "en", "import-table", str(folder / "table.csv"), "-o", str(pack_path), "--figures", str(figures_path)
    )
    if code != 0:
        return Table(
            name=folder.name, province=province, form=expected["form"], rows=(), total=None, budget=None, note=err
        )
    pack = perfscore.load_pack(pack_path)
    data: dict[str, Any] = yaml.safe_load(figures_path.read_text(encoding="utf-8"))
    ids = _ids_by_row(folder / "table.csv")
    first = perfscore.score(pack, perfscore.figures_from_mapping(data))
    entries = data.setdefault("indicators", {}) or {}
    data["indicators"] = entries
    for item in expected.get("indicators") or []:
        node_id = ids.get(item["row"])
        result = first.node(node_id) if node_id else None
        if node_id and not item["computable"] and (result is None or result.score != _decimal(item["score"])):
            entry = entries.setdefault(node_id, {})
            entry["override"] = {"score": str(item["score"]), "reason": item["how"]}
    card = perfscore.score(pack, perfscore.figures_from_mapping(data))
    rows = []
    for item in expected.get("indicators") or []:
        node_id = ids.get(item["row"])
        result = card.node(node_id) if node_id else None
        names = {i.name for i in result.inputs} if result is not None else set()
        rows.append(
            Row(
                row=item["row"],
                name=item["name"],
                printed=_decimal(item["score"]),
                computed=result.score if result is not None else None,
                computable=bool(item["computable"]),
                by_rule=result is not None and result.score is not None and not names & ASSESSED,
                overridden="override" in names,
            )
        )
    total = None
    if expected.get("total") and not expected.get("truncated"):
        total = (_decimal(expected["total"]), card.total)
    budget = None
    fund = expected.get("budget") or {}
    if fund.get("score") not in (None, "") and card.node("budget") is not None:
        budget = (_decimal(fund["score"]), card.node("budget").score)
    return Table(
        name=folder.name, province=province, form=expected["form"], rows=tuple(rows), total=total, budget=budget
    )


def report(results: list[Table]) -> str:
    """docs/corpus.md's table: per table, indicators, computed by rules, overridden, reproduced."""
    lines = [
        (
            "| table | form | printed indicator scores | computed by rules | overridden (assessor) | reproduced "
            "| fund row | total |"
        ),
        "| --- | --- | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for table in results:
        if table.note:
            lines.append(
                f"| {table.name} | {table.form} | — | — | — | — | not imported | {NOT_IMPORTED.get(table.name, '?')} |"
            )
            continue
        fund = (
            "—"
            if table.budget is None
            else (
                "✓" if table.budget[0] == table.budget[1] else f"printed {table.budget[0]}, computed {table.budget[1]}"
            )
        )
        total = (
            "—"
            if table.total is None
            else ("✓" if table.total[0] == table.total[1] else f"printed {table.total[0]}, computed {table.total[1]}")
        )
        lines.append(
            f"| {table.name} | {table.form} | {len(table.rows)} | {table.by_rule} | "
            f"{sum(1 for r in table.rows if r.overridden)} | {sum(1 for r in table.rows if r.reproduced)} "
            f"| {fund} | {total} |"
        )
    rows = [row for table in results for row in table.rows]
    by_rule = sum(1 for row in rows if row.by_rule and row.reproduced)
    computable = sum(1 for row in rows if row.computable)
    summary = (
        f"In all: {len(rows)} printed indicator scores in {sum(1 for t in results if t.rows)} tables; "
        f"{by_rule} computed by rules ({_share(by_rule, len(rows))} of all, {_share(by_rule, computable)} of the "
        f"{computable} the corpus marks computable); "
        f"{sum(1 for row in rows if row.overridden)} overridden as the assessor's; "
        f"{sum(1 for row in rows if not row.reproduced)} not reproduced."
    )
    lines += ["", summary]
    return "\n".join(lines) + "\n"


def _share(part: int, whole: int) -> str:
    return "—" if whole == 0 else f"{Decimal(100 * part) / whole:.1f}%"


def refresh_docs() -> None:
    """Rewrite docs/corpus.md's generated table in place (the prose around it is kept)."""
    import tempfile  # noqa: PLC0415 - only the refresh needs it

    path = ROOT / "docs" / "corpus.md"
    text = path.read_text(encoding="utf-8")
    start = text.index("| table | form |")
    end = text.index("\n", text.index("In all: ", start)) + 1
    with tempfile.TemporaryDirectory() as tmp:
        fresh = report([check(folder, Path(tmp)) for folder in tables()])
    path.write_text(text[:start] + fresh + text[end:], encoding="utf-8")


if __name__ == "__main__":
    refresh_docs()
