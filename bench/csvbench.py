"""Issue 13's batch workload: a table of N departments under a 3-indicator pack, and hand-written baselines.

``write_table`` writes the table ``perfscore batch`` reads (CSV or xlsx; floats, or text
cells as tables write them: ``103场``, ``97.87%``, ``1,234.5``). The baselines are what a
programmer would write by hand for the same pack, exactly (Decimal, 四舍五入 half-up):

* ``plain_csv``: read the CSV with the csv module, score, rank, write a CSV;
* ``plain_xlsx``: the same with openpyxl reading (read-only) and XlsxWriter writing
  (constant memory) — the libraries one would pick by hand.

The scores equal perfscore's (the bench checks the totals of both).
"""

from __future__ import annotations

import csv
import random
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
PACK = HERE / "three.yaml"
HEAD = ["department", "a", "b:score", "c"]
Q = Decimal("0.01")
GRADES = ((Decimal(90), "优"), (Decimal(80), "良"), (Decimal(60), "中"))


def rows(n: int, *, text: bool, seed: int = 13) -> list[list[str]]:
    """``n`` departments' cells; ``text`` writes them as tables do (units, %, separators)."""
    rnd = random.Random(seed)  # noqa: S311 - bench data
    out = []
    for index in range(n):
        a = round(rnd.uniform(60, 130), 2)
        b = round(rnd.uniform(15, 30), 2)
        c = round(rnd.uniform(70, 100), 2)
        if text:
            cells = [f"单位{index}", f"{a}场", f"{b}", f"{c}%" if index % 2 else f"{c:,.2f}"]
        else:
            cells = [f"单位{index}", repr(a), repr(b), repr(c)]
        out.append(cells)
    return out


def write_table(path: Path, n: int, *, text: bool = False) -> None:
    """The table, CSV or xlsx by its extension."""
    data = rows(n, text=text)
    if path.suffix == ".csv":
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(HEAD)
            writer.writerows(data)
        return
    import xlsxwriter  # noqa: PLC0415

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("departments")
    sheet.write_row(0, 0, HEAD)
    for r, cells in enumerate(data, start=1):
        sheet.write_string(r, 0, cells[0])
        for c, cell in enumerate(cells[1:], start=1):
            sheet.write_number(r, c, float(cell)) if not text else sheet.write_string(r, c, cell)
    book.close()


def _number(cell: str) -> Decimal:
    return Decimal(cell.rstrip("场%").replace(",", ""))


def score(a: Decimal, b: Decimal, c: Decimal) -> Decimal:
    """The pack by hand: positive (≥100), the assessor's score, bands on the rate."""
    sa = Decimal(40) if a >= 100 else (a * 40 / 100).quantize(Q, ROUND_HALF_UP)  # noqa: PLR2004
    sb = b.quantize(Q, ROUND_HALF_UP)
    sc = Decimal(30) if c >= 95 else Decimal("22.5") if c >= 85 else Decimal(15) if c >= 75 else Decimal(0)  # noqa: PLR2004
    return sa + sb + sc


def _grade(total: Decimal) -> str:
    return next((label for low, label in GRADES if total >= low), "差")


def _ranked(found: list[tuple[str, Decimal]]) -> list[tuple[int, str, Decimal, str]]:
    order = sorted(range(len(found)), key=lambda i: -found[i][1])
    out, rank = [], 0
    for place, i in enumerate(order, start=1):
        if place == 1 or found[i][1] != found[order[place - 2]][1]:
            rank = place
        out.append((rank, found[i][0], found[i][1], _grade(found[i][1])))
    return out


def plain_csv(source: Path, target: Path) -> list[Decimal]:
    """Read, score exactly, rank, write: the 30-line scorer issue 13 measures against."""
    with source.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        found = [(r[0], score(_number(r[1]), _number(r[2]), _number(r[3]))) for r in reader]
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["rank", "department", "total", "grade"])
        writer.writerows(_ranked(found))
    return [total for _, total in found]


def plain_xlsx(source: Path, target: Path) -> list[Decimal]:
    """The same with openpyxl (read-only) in and XlsxWriter (constant memory) out."""
    import openpyxl  # noqa: PLC0415
    import xlsxwriter  # noqa: PLC0415

    book = openpyxl.load_workbook(source, read_only=True, data_only=True)
    found = []
    for r in book.worksheets[0].iter_rows(min_row=2, values_only=True):
        a, b, c = (Decimal(repr(v)) if isinstance(v, float) else _number(str(v)) for v in r[1:4])
        found.append((str(r[0]), score(a, b, c)))
    book.close()
    out = xlsxwriter.Workbook(str(target), {"constant_memory": True})
    sheet = out.add_worksheet("departments")
    sheet.write_row(0, 0, ["rank", "department", "total", "grade"])
    for index, (rank, name, total, grade) in enumerate(_ranked(found), start=1):
        sheet.write_row(index, 0, [rank, name, float(total), grade])
    out.close()
    return [total for _, total in found]
