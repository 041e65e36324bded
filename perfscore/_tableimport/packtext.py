"""Writing an imported indicator table as a rule pack (YAML text an author can edit).

Rules follow from the targets as :func:`perfscore._core.targets.parse_target` reads them:
≥ or > is ``positive``, ≤ or < is ``reverse``, = is ``equal``, a range (90%-100%,
1-3次) is ``interval``, a label is ``qualitative``. A 指标性质 column decides where it
is printed: 正向 is ``positive``, 反向 ``reverse`` (its bare target read as a ceiling), 定性 ``qualitative``; a sign
printed there (≥, ≧, ═, or ``004 >=`` with the code Yunnan's
一体化 system prints before it) goes before the target. An indicator without a target is
``qualitative`` too, and the pack says so in an assumption (``I1``) rather than hiding
the choice. A target that cannot be read is reported at its cell instead of being
guessed. The 预算执行 row above the header becomes the first indicator, ``budget``,
scored by ``execution_rate`` — with the bands the form prints for the rate, in its notes
or its 得分计算方法 cell, when it prints complete ones (:mod:`.fundbands`). Leaf scores
are rounded to the places the form prints its scores with. Ids are the table's structure
(``i2.1.3`` is the third indicator of the first 二级 group of the second 一级 group), names are kept as printed.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal

import attrs

from perfscore._core.decimals import ZERO, plain, total
from perfscore._core.diagnostics import Diagnostic, ParseError, diagnostic
from perfscore._core.numerals import parse_decimal, parse_quantity
from perfscore._core.targets import Op, Target, operator_of, parse_target
from perfscore._tableimport.fundbands import bands_text, fund_bands
from perfscore._tableimport.notebands import level_edges, levels_text
from perfscore._tableimport.preamble import Preamble
from perfscore._tableimport.reader import IndicatorTable, TableNode

_ID = re.compile(r"^[^\W_][\w.\-]*$")
_RULES = {Op.GE: "positive", Op.GT: "positive", Op.LE: "reverse", Op.LT: "reverse", Op.EQ: "equal"}
_SIGNS = {"≧": "≥", "≦": "≤", "═": "=", ">=": "≥", "<=": "≤", "＝": "="}
_BY_MONTH = re.compile(r"^(\d{1,2})月(之?前|以前|底前)$")
_YEAR_MONTH = re.compile(r"^(\d{4})年(\d{1,2})月(之?前|以前|底前)?$")
_NATURE_CODE = re.compile(r"^\d{3}\s+")  # 004 >=, 005 <=: a code list's number before the sign
_OP_SIGNS = {Op.GE: "≥", Op.LE: "≤", Op.GT: ">", Op.LT: "<", Op.EQ: "="}
_CONTRADICTIONS = {("positive", "≤"), ("positive", "<"), ("reverse", "≥"), ("reverse", ">")}
_NATURE = {"正向": "positive", "反向": "reverse", "定性": "qualitative", "定量": None}
BUDGET_ID = "budget"
NO_TARGET_ASSUMPTION = (
    "表中未列指标值的指标按定性指标计分：评价人在等级区间内评分（达成 80%–100%、部分达成 60%–80%、未达成 60% 以下）。"
    "此为导入时的推断，请与原评分办法核对。 / Indicators without a target are scored as qualitative "
    "(the assessor scores within the level bands); inferred on import, check it against the scheme."
)


@attrs.frozen(kw_only=True)
class Leaf:
    """One imported indicator: its id, the table row, its rule and target as written to the pack."""

    id: str
    node: TableNode
    rule: str
    target: str | None
    parsed: Target | None


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def score_places(table: IndicatorTable, preamble: Preamble) -> int:
    """The most decimal places any printed score has (0 when all are whole)."""
    texts = [leaf.score for leaf in _all_leaves(table.roots)]
    texts += [table.published_total, preamble.budget.get("score") if preamble.budget else None]
    places = 0
    for text in texts:
        try:
            value = parse_decimal((text or "").strip().rstrip("。."))
        except ParseError:
            continue
        places = max(places, -int(value.as_tuple().exponent))
    return places


def _all_leaves(nodes: tuple[TableNode, ...] | list[TableNode]) -> list[TableNode]:
    found: list[TableNode] = []
    for node in nodes:
        found.extend([node] if node.leaf else _all_leaves(node.children))
    return found


def budget_weight(preamble: Preamble) -> Decimal | None:
    """The 分值 of the fund row, when it prints one."""
    if preamble.budget is None:
        return None
    try:
        found = parse_quantity(preamble.budget.get("weight") or "")
    except ParseError:
        return None
    return found.value if found.value > ZERO else None


def pack_text(
    table: IndicatorTable,
    *,
    pack_id: str,
    title: str | None,
    version: str,
    source: str,
    preamble: Preamble | None = None,
) -> tuple[str, list[Diagnostic], list[Leaf]]:
    """The pack's YAML text, the problems (unreadable targets, bad ids) found on the way, and the leaves."""
    preamble = preamble or Preamble()
    problems: list[Diagnostic] = []
    body: list[str] = []
    leaves: list[Leaf] = []
    fund = budget_weight(preamble)
    if fund is not None:
        body += [
            f"  - id: {BUDGET_ID}",
            f"    name: {_q('预算执行率')}",
            f"    weight: {plain(fund)}",
        ]
        method = preamble.budget.get("method") if preamble.budget else None
        banded = fund_bands((*((method,) if method else ()), *table.notes))
        body += bands_text(banded, "    ") if banded else ["    rule: execution_rate"]
    uses_assumption = _write_nodes(table, table.roots, (), 0, (body, problems, leaves))
    weights = total([fund or ZERO, *(node.weight or ZERO for node in table.roots)])
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
    ]
    described = [f"{name}：{value}" for name, value in preamble.fields]
    if preamble.goal:
        described.append(f"年度总体目标：{preamble.goal}")
    if described:
        head.append(f"description: {_q('；'.join(described))}")
    head += [f"total: {plain(weights)}", f"rounding: {{decimals: {score_places(table, preamble)}}}"]
    edges = level_edges(table.notes)
    if edges is not None:
        head += levels_text(edges, next(note for note in table.notes if "区间" in note))
    if uses_assumption:
        head += ["assumptions:", "  - id: I1", f"    text: {_q(NO_TARGET_ASSUMPTION)}"]
    return "\n".join([*head, "indicators:", *body]) + "\n", problems, leaves


def _write_nodes(
    table: IndicatorTable,
    nodes: tuple[TableNode, ...] | list[TableNode],
    numbers: tuple[int, ...],
    depth: int,
    into: tuple[list[str], list[Diagnostic], list[Leaf]],
) -> bool:
    out, problems, leaves = into
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
            assumed = _write_nodes(table, node.children, here, depth + 2, into) or assumed
            continue
        rule, target, parsed = _rule(table, node, problems)
        leaves.append(Leaf(id=node_id, node=node, rule=rule, target=target, parsed=parsed))
        if target is not None:
            out.append(f"{pad}  target: {_q(target)}")
        out.append(f"{pad}  rule: {rule}")
        if target is None:
            out.append(f"{pad}  assumptions: [I1]")
            assumed = True
        if node.note:
            out.append(f"{pad}  description: {_q(node.note)}")
    return assumed


def same_year(actual: str, year: str) -> bool:
    """Whether a 完成值 such as ``2023年10月`` falls in ``year`` (so months compare)."""
    found = _YEAR_MONTH.match(actual.strip())
    return found is not None and found[1] == year


def month_of(actual: str) -> str | None:
    """``2023年10月`` → ``10月``; None for anything else."""
    found = _YEAR_MONTH.match(actual.strip())
    return f"{int(found[2])}月" if found else None


def nature_of(node: TableNode) -> str | None:
    """The 指标性质 without the code Yunnan's 一体化 system prints before it: ``004 >=`` → ``>=``."""
    if node.nature is None:
        return None
    return _NATURE_CODE.sub("", node.nature) or node.nature


def direction_sign(node: TableNode) -> str | None:
    """The sign a 指标方向 cell prints, in words or symbols: 大于等于 → ≥, 小于等于 → ≤, 等于 → =."""
    if node.direction is None:
        return None
    printed = node.direction.replace(" ", "")
    op = operator_of(_SIGNS.get(printed, printed))  # the words a target may begin with (targets.py)
    return None if op is None else _OP_SIGNS[op]


def _bare_number(text: str) -> bool:
    """Whether ``text`` is a number without an operator (``1``, ``100%``), which a printed 指标方向 completes."""
    try:
        target = parse_target(text)
    except ParseError:
        return False
    return target.implicit_op and target.quantity is not None and target.shape != "range"


def target_text(node: TableNode) -> str | None:
    """The target as the pack writes it: the printed sign (指标性质 ≧, ═; 指标方向 大于等于) before it, normalised."""
    if node.target is None:
        return None
    text = node.target
    nature = nature_of(node)
    sign = nature if nature in _SIGNS or nature in _SIGNS.values() else None
    direction = direction_sign(node)
    if direction is not None and _bare_number(text):  # a word target (合格) stays a word beside 等于
        sign = direction
    if sign is not None:
        text = sign + text
    for printed, meant in _SIGNS.items():
        text = text.replace(printed, meant)
    deadline = _BY_MONTH.match(text)
    if deadline:  # 9月前: done by September, a ceiling on the month
        text = f"≤{deadline[1]}月"
    dated = _YEAR_MONTH.match(text)
    if dated and node.actual is not None and same_year(node.actual, dated[1]):
        text = f"≤{int(dated[2])}月"  # 2023年12月 against 2023年10月: a deadline within the year
    return text


def _rule(table: IndicatorTable, node: TableNode, problems: list[Diagnostic]) -> tuple[str, str | None, Target | None]:
    text = target_text(node)
    if text is not None and node.target is not None and _YEAR_MONTH.match(node.target) and text.startswith("≤"):
        note = f"指标值（原文）：{node.target}，与同年的完成值按月份比较"
        node.note = f"{note}\n{node.note}" if node.note else note
    # A printed 指标方向 is the comparison itself: it decides the rule over 正向/反向
    # (a form may print 正向 beside 小于等于; the description then says which was followed).
    chosen = None if direction_sign(node) else _NATURE.get(nature_of(node) or "") or _NATURE.get(node.direction or "")
    if (_NATURE.get(nature_of(node) or ""), direction_sign(node)) in _CONTRADICTIONS:
        note = f"指标性质（原文）：{node.nature}；指标方向：{node.direction}，按指标方向评分"
        node.note = f"{note}\n{node.note}" if node.note else note
    if text is None:
        return "qualitative", None, None
    try:
        target = parse_target(text)
    except ParseError as err:  # reported, never guessed: the row is scored by its printed 得分 as the assessor's
        row, column = node.target_cell or (node.row, None)
        said = dict(err.diagnostics[0].params)
        problems.append(
            diagnostic(
                "IMPORT_TARGET_UNREAD",
                location=table.sheet.location(row, column),
                path=(node.name,),
                text=text,
                problem=said.get("problem", ""),
                problem_zh=said.get("problem_zh", ""),
            )
        )
        node.note = f"指标值（未能读取）：{text}" + (f"\n{node.note}" if node.note else "")
        return "qualitative", None, None
    if target.shape == "range":  # 90%-100%, 1-3次: full marks inside, positive below, reverse above
        return "interval", text, target
    if chosen == "reverse" and target.implicit_op and target.quantity is not None:
        text = "≤" + text
        target = parse_target(text)
    if chosen is not None and target.op is not Op.LABEL:
        return chosen, text, target
    return _RULES.get(target.op, "qualitative"), text, target
