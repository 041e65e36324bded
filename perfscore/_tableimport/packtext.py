"""Writing an imported indicator table as a rule pack (YAML text an author can edit).

Rules follow from the targets as :func:`perfscore._core.targets.parse_target` reads them:
≥ or > is ``positive``, ≤ or < is ``reverse``, = is ``equal``, a label is
``qualitative``. An indicator without a target is ``qualitative`` too, and the pack
says so in an assumption (``I1``) rather than hiding the choice. A target that cannot
be read is reported at its cell instead of being guessed. The text is written in the
style of the bundled packs: strings quoted as JSON (a subset of YAML), numbers exact.
"""

from __future__ import annotations

import json
import re

from perfscore._core.decimals import ZERO, plain, total
from perfscore._core.diagnostics import Diagnostic, ParseError, diagnostic
from perfscore._core.targets import Op, parse_target
from perfscore._tableimport.reader import IndicatorTable, TableNode

_ID = re.compile(r"^[^\W_][\w.\-]*$")
_RULES = {Op.GE: "positive", Op.GT: "positive", Op.LE: "reverse", Op.LT: "reverse", Op.EQ: "equal"}
NO_TARGET_ASSUMPTION = (
    "表中未列指标值的指标按定性指标计分：评价人在等级区间内评分（达成 80%–100%、部分达成 60%–80%、未达成 60% 以下）。"
    "此为导入时的推断，请与原评分办法核对。 / Indicators without a target are scored as qualitative "
    "(the assessor scores within the level bands); inferred on import, check it against the scheme."
)


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def pack_text(
    table: IndicatorTable, *, pack_id: str, title: str | None, version: str, source: str
) -> tuple[str, list[Diagnostic]]:
    """The pack's YAML text, and the problems (unreadable targets, bad ids) found on the way."""
    problems: list[Diagnostic] = []
    body: list[str] = []
    uses_assumption = _write_nodes(table, table.roots, (), 0, body, problems)
    weights = total(node.weight or ZERO for node in table.roots)
    shown_title = title or table.title or table.sheet.where
    head = [
        f"# Imported by `perfscore import-table` from {table.sheet.where}.",
        "# Rules were inferred from the targets (指标值); check them, and the source, against the original scheme.",
        "perfscore: 1",
        f"id: {_q(pack_id)}",
        f"title: {_q(shown_title)}",
        f"version: {_q(version)}",
        "source:",
        f"  title: {_q(table.title or source)}",
        f"  note: {_q(f'imported from {table.sheet.where} by perfscore import-table')}",
        f"total: {plain(weights)}",
    ]
    if uses_assumption:
        head += ["assumptions:", "  - id: I1", f"    text: {_q(NO_TARGET_ASSUMPTION)}"]
    return "\n".join([*head, "indicators:", *body]) + "\n", problems


def _write_nodes(
    table: IndicatorTable,
    nodes: tuple[TableNode, ...] | list[TableNode],
    numbers: tuple[int, ...],
    depth: int,
    out: list[str],
    problems: list[Diagnostic],
) -> bool:
    pad = "  " * (depth + 1)
    assumed = False
    for number, node in enumerate(nodes, start=1):
        here = (*numbers, number)
        node_id = node.id or "i" + ".".join(str(n) for n in here)
        if node.id is not None and not _ID.match(node.id):
            problems.append(diagnostic("IMPORT_ID_INVALID", location=table.sheet.location(node.row), id=node.id))
        out += [
            f"{pad}- id: {_q(node_id)}",
            f"{pad}  name: {_q(node.name)}",
            f"{pad}  weight: {plain(node.weight or ZERO)}",
        ]
        if not node.leaf:
            out.append(f"{pad}  children:")
            assumed = _write_nodes(table, node.children, here, depth + 2, out, problems) or assumed
            continue
        rule = _rule(table, node, problems)
        if node.target is not None:
            out.append(f"{pad}  target: {_q(node.target)}")
        out.append(f"{pad}  rule: {rule}")
        if node.target is None:
            out.append(f"{pad}  assumptions: [I1]")
            assumed = True
        if node.note:
            out.append(f"{pad}  description: {_q(node.note)}")
    return assumed


def _rule(table: IndicatorTable, node: TableNode, problems: list[Diagnostic]) -> str:
    if node.target is None:
        return "qualitative"
    try:
        target = parse_target(node.target)
    except ParseError as err:
        row, column = node.target_cell or (node.row, None)
        problems.extend(err.located(table.sheet.location(row, column), (node.name,)))
        return "qualitative"
    return _RULES.get(target.op, "qualitative")
