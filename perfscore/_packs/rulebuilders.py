"""How a rule is read from a pack's YAML: one generic builder driven by each kind's option specs.

The builder reads every option of a kind's :class:`~perfscore.rules.registry.OptionSpec`
list with the reader its ``type`` names, reports anything wrong at the option's own line,
then calls the kind's rule class — whose converters and validators are the same checks
a Python caller meets; a :class:`~perfscore.rules.options.RuleOptionError` is reported
at the option it names. A custom kind may bring its own ``build`` instead. The pack
loader calls :func:`build_rule` for every indicator.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from perfscore._core.decimals import HUNDRED, ONE, ZERO, plain, total
from perfscore._core.diagnostics import ParseError
from perfscore._core.numerals import parse_quantity
from perfscore._core.targets import Target, parse_target
from perfscore._packs.scales import read_interval, read_levels
from perfscore._text.names import SHAPES, named
from perfscore._text.problems import problem
from perfscore._text.suggest import suggest
from perfscore._yaml.located import Located
from perfscore.rules.base import Rule
from perfscore.rules.composite import Part
from perfscore.rules.kinds import DEFAULT_REGISTRY, inferred_kind
from perfscore.rules.options import RuleOptionError
from perfscore.rules.registry import COMMON_OPTIONS, BuildContext, OptionSpec, RuleKind
from perfscore.rules.tables import Band, ChecklistItem, bands_overlap

__all__ = [
    "BAND_KEYS",
    "CHECKLIST_ITEM_KEYS",
    "DEFAULT_REGISTRY",
    "PART_KEYS",
    "build_generic",
    "build_rule",
    "inferred_kind",
]

BAND_KEYS = frozenset({"range", "min", "max", "fraction", "points"})
CHECKLIST_ITEM_KEYS = frozenset({"id", "name", "points"})
PART_KEYS = frozenset({"points", "name", "rule", "target"})
LIST_TYPES = frozenset({"bands", "items", "parts", "rules"})


class _Failed:
    """An option was present and wrong (already reported): the rule is not built."""


FAILED = _Failed()
Reader = Callable[[BuildContext, OptionSpec], object]


def _target(ctx: BuildContext) -> tuple[Target | None, bool]:
    """The rule's own ``target`` option, else the indicator's; (target, from_figures)."""
    options = ctx.options
    if options is not None and options.has("target"):
        text = options.text("target")
        if text is None:
            return None, False
        if text.strip().lower() == "figures":
            return None, True
        try:
            return parse_target(text), False
        except ParseError as err:
            options.report_parse_error(err, "target")
            return None, False
    return ctx.target, ctx.target_from_figures


def read_target(ctx: BuildContext, spec: OptionSpec) -> object:
    """A target of a shape the rule takes (``spec.choices``: a number or ``figures`` by default), None for figures."""
    target, from_figures = _target(ctx)
    if target is None and not from_figures:
        if not (ctx.options is not None and ctx.options.has("target")):
            ctx.report("RULE_TARGET_MISSING", kind=ctx.kind)
        return FAILED
    allowed = spec.choices or ("number", "figures")
    shapes = [SHAPES[item] for item in allowed if item in SHAPES]
    or_zh, or_en = named("join.or")
    need = {"need_zh": or_zh.join(zh for zh, _ in shapes), "need": or_en.join(en for _, en in shapes)}
    if target is None and "figures" not in allowed:
        _problem(ctx, "target", "target.from_figures", **need)
        return FAILED
    if target is not None and target.shape not in allowed:
        got_zh, got = SHAPES[target.shape]
        _problem(ctx, "target", "target.shape", text=target.text, got=got, got_zh=got_zh, **need)
        return FAILED
    return target


def _problem(ctx: BuildContext, key: str, problem_key: str, **params: object) -> None:
    """Report ``RULE_OPTION`` at ``key`` with the problem's words from :mod:`perfscore._text.problems`."""
    zh, en = problem(problem_key, **params)
    ctx.problem(en, zh, key)


def _options(ctx: BuildContext) -> Located:
    assert ctx.options is not None  # noqa: S101 - readers run only for options the rule wrote
    return ctx.options


def read_text(ctx: BuildContext, spec: OptionSpec) -> object:
    """A text option."""
    value = _options(ctx).text(spec.name)
    return FAILED if value is None else value


def read_number(ctx: BuildContext, spec: OptionSpec) -> object:
    """A number option."""
    value = _options(ctx).number(spec.name)
    return FAILED if value is None else value


def read_threshold(ctx: BuildContext, spec: OptionSpec) -> object:
    """A number that may be written with its unit (``95%`` reads as 95)."""
    options = _options(ctx)
    raw = options.value[spec.name]
    if isinstance(raw, bool) or not isinstance(raw, str | int | Decimal):
        options.wrong_type(spec.name, "number")
        return FAILED
    try:
        return parse_quantity(raw if not isinstance(raw, int) else Decimal(raw)).value
    except ParseError as err:
        options.report_parse_error(err, spec.name)
        return FAILED


def read_levels_option(ctx: BuildContext, spec: OptionSpec) -> object:
    """The rule's own qualitative levels, or the pack's."""
    return read_levels(_options(ctx), spec.name) or ctx.scale


def read_expression(ctx: BuildContext, spec: OptionSpec) -> object:
    """A formula, parsed by perfscore's restricted evaluator."""
    from perfscore.expression import parse_expression  # noqa: PLC0415 - loaded only by packs that use formulas

    options = _options(ctx)
    source = options.text(spec.name, required=True)
    if source is None:
        return FAILED
    try:
        return parse_expression(source, label=ctx.indicator_id)
    except ParseError as err:
        options.report_parse_error(err, spec.name)
        return FAILED


def read_bands(ctx: BuildContext, spec: OptionSpec) -> object:
    """A list of ``{range, fraction}`` (or ``points``) entries that do not overlap."""
    options = _options(ctx)
    table: list[Band] = []
    for entry in options.items(spec.name):
        if not entry.is_mapping():
            continue
        entry.check_keys(BAND_KEYS)
        interval = read_interval(entry, fraction=False)
        fraction = entry.number("fraction")
        points = entry.number("points")
        if points is not None and ctx.weight:
            fraction = points / ctx.weight
        if fraction is None:
            entry.report("KEY_MISSING", key="fraction", where="band")
            continue
        if fraction < ZERO or fraction > 1:
            zh, en = problem("bands.fraction", fraction=plain(fraction))
            entry.report("BANDS_INVALID", key="fraction", id=ctx.indicator_id, problem=en, problem_zh=zh)
        if interval is not None:
            # A value written "95%" reads as 95 (percent), so edges written in percent stay in percent.
            scale = HUNDRED if interval.percent else ONE
            table.append(
                Band(
                    low=None if interval.low is None else interval.low * scale,
                    high=None if interval.high is None else interval.high * scale,
                    fraction=fraction,
                    low_inclusive=interval.low_inclusive,
                    high_inclusive=interval.high_inclusive,
                )
            )
    for first, second in itertools.pairwise(table):
        if bands_overlap(first, second):
            zh, en = problem("bands.overlap", first=first, second=second)
            options.report("BANDS_INVALID", key=spec.name, id=ctx.indicator_id, problem=en, problem_zh=zh)
    return tuple(table) if table else FAILED


def _entries(ctx: BuildContext, spec: OptionSpec, keys: frozenset[str], required: tuple[str, ...]) -> list[Located]:
    """The mappings listed under the option, their keys checked (entries that are not mappings are reported)."""
    found = []
    for entry in _options(ctx).items(spec.name):
        if entry.is_mapping():
            entry.check_keys(keys, required=required)
            found.append(entry)
    return found


def _adding_up(ctx: BuildContext, spec: OptionSpec, found: list[Any], what: str) -> object:
    """``found`` as a tuple once its points are checked against the weight; FAILED if empty."""
    if not found:
        return FAILED
    worth = total(item.points for item in found)
    if ctx.weight is not None and worth != ctx.weight:
        _problem(ctx, spec.name, f"{what}.worth", worth=plain(worth), weight=plain(ctx.weight))
    return tuple(found)


def read_items(ctx: BuildContext, spec: OptionSpec) -> object:
    """Checklist ``items`` of ``{id, name, points}`` adding up to the weight."""
    items: list[ChecklistItem] = []
    for entry in _entries(ctx, spec, CHECKLIST_ITEM_KEYS, ("id", "points")):
        item_id, points = entry.identifier("id"), entry.number("points")
        if item_id is not None and points is not None:
            items.append(ChecklistItem(id=item_id, points=points, name=entry.text("name")))
    return _adding_up(ctx, spec, items, "items")


def read_parts(ctx: BuildContext, spec: OptionSpec) -> object:
    """``parts`` of ``{points, name, rule}`` adding up to the weight."""
    parts: list[Part] = []
    for entry in _entries(ctx, spec, PART_KEYS, ("points", "rule")):
        points = entry.number("points")
        target = ctx.target
        if entry.has("target"):
            text = entry.text("target") or ""
            try:
                target = parse_target(text)
            except ParseError as err:
                entry.report_parse_error(err, "target")
        rule = build_rule(entry, "rule", ctx=ctx, weight=points, target=target) if entry.has("rule") else None
        if points is not None and rule is not None:
            parts.append(Part(points=points, rule=rule, name=entry.text("name")))
    return _adding_up(ctx, spec, parts, "parts")


def read_rules(ctx: BuildContext, spec: OptionSpec) -> object:
    """``rules``, each scored on the whole weight; FAILED if any cannot be built."""
    node = _options(ctx).child(spec.name)
    count = len(node.value) if isinstance(node.value, list) else 0
    rules = [build_rule(node, index, ctx=ctx, weight=ctx.weight, target=ctx.target) for index in range(count)]
    built = tuple(rule for rule in rules if rule is not None)
    return FAILED if len(built) != count or not built else built


READERS: dict[str, Reader] = {
    "target": read_target,
    "text": read_text,
    "choice": read_text,
    "number": read_number,
    "threshold": read_threshold,
    "levels": read_levels_option,
    "expression": read_expression,
    "bands": read_bands,
    "items": read_items,
    "parts": read_parts,
    "rules": read_rules,
}


def _missing(ctx: BuildContext, spec: OptionSpec) -> None:
    if ctx.options is None or spec.type in LIST_TYPES:
        ctx.here.report("KEY_MISSING", key=spec.name, where=f"rule '{ctx.kind}'")
    else:
        ctx.options.report("KEY_MISSING", key=spec.name, where=ctx.options.where)


def build_generic(ctx: BuildContext, kind: RuleKind) -> Rule | None:
    """Read ``kind``'s options by their specs and call its rule class (None after reporting why)."""
    values: dict[str, object] = {}
    failed = False
    defaults = ctx.defaults.get(ctx.kind, {})
    for spec in kind.specs:
        present = ctx.options is not None and ctx.options.has(spec.name)
        if spec.type == "target" or present:
            value = READERS[spec.type](ctx, spec)
            failed = failed or value is FAILED
            if value is not FAILED:
                values[spec.field] = value
        elif spec.required:
            _missing(ctx, spec)
            failed = True
            if ctx.options is None:
                break
        elif spec.name in defaults:
            values[spec.field] = defaults[spec.name]
        elif spec.type == "levels":
            values[spec.field] = ctx.scale
    if failed or kind.rule is None:
        return None
    try:
        return kind.rule(**values)
    except RuleOptionError as err:
        ctx.problem(err.en, err.zh, err.key)
        return None


def build_rule(
    owner: Located, key: str | int, *, ctx: BuildContext, weight: Decimal | None, target: Target | None
) -> Rule | None:
    """Build the rule written at ``owner[key]`` (a kind name or a mapping with ``kind``)."""
    raw = owner.value[key]
    options: Located | None = None
    if isinstance(raw, str):
        kind = raw
    elif isinstance(raw, dict):
        options = owner.child(key, where=f"rule of '{ctx.indicator_id}'")
        kind = options.text("kind", required=True) or ""
    else:
        owner.wrong_type(key, "mapping")
        return None
    spec = ctx.registry.get(kind)
    if spec is None:
        if kind:
            place = options if options is not None else owner
            place.report(
                "RULE_UNKNOWN",
                key="kind" if options is not None else key,
                kind=kind,
                known=", ".join(ctx.registry.names()),
                suggestion=suggest(kind, ctx.registry.names()),
            )
        return None
    if options is not None:
        options.check_keys(spec.options | COMMON_OPTIONS)
    sub = BuildContext(
        kind=kind,
        options=options,
        at=owner,
        indicator_id=ctx.indicator_id,
        weight=weight,
        target=target,
        target_from_figures=ctx.target_from_figures,
        scale=ctx.scale,
        registry=ctx.registry,
        defaults=ctx.defaults,
    )
    return spec.build(sub) if spec.build is not None else build_generic(sub, spec)
