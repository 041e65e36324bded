"""Loading a rule pack: YAML in, a validated immutable :class:`~perfscore._core.model.Pack` out.

The loader reads the whole file, records every problem it finds (unknown keys with a
"did you mean", wrong types, weights that do not add up, unknown rule kinds, targets
it cannot read) at its line and column, and raises one :class:`PackError` carrying
them all. It never executes anything from the pack.
"""

from __future__ import annotations

import enum
import os
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

from perfscore._core.decimals import HUNDRED, RoundingMode, RoundingPolicy, own_context, plain
from perfscore._core.diagnostics import NOWHERE, DiagnosticSink, PackError
from perfscore._core.model import (
    Adjustment,
    Aggregation,
    Assumption,
    Citation,
    Pack,
    QualitativeScale,
    Redistribution,
    default_grades,
    national_levels,
)
from perfscore._packs.bundled import resolve_pack
from perfscore._packs.kinddefaults import read_defaults
from perfscore._packs.overlay import apply_adjustments, resolve_extends
from perfscore._packs.scales import read_grades, read_levels
from perfscore._packs.tree import TreeSettings, read_nodes
from perfscore._packs.validation import duplicate_ids, reference_problems, unset_weights, weight_problems
from perfscore._packs.wordingkeys import read_wording
from perfscore._text.problems import PROBLEMS, problem
from perfscore._yaml.located import Located
from perfscore._yaml.source import DEFAULT_READ_LIMITS, ReadLimits, SourceDocument, parse_document, read_document
from perfscore.rules.kinds import DEFAULT_REGISTRY
from perfscore.rules.registry import RuleRegistry

PACK_KEYS = frozenset(
    {
        "perfscore",
        "id",
        "title",
        "version",
        "source",
        "jurisdiction",
        "fiscal_year",
        "language",
        "description",
        "total",
        "rounding",
        "aggregation",
        "grades",
        "qualitative",
        "defaults",
        "not_applicable",
        "citations",
        "assumptions",
        "indicators",
        "percent_numbers",
        "attainment",
        "extends",
        "adjustments",
        "template",
        "notes",
    }
)
CITATION_KEYS = frozenset({"title", "issuer", "number", "date", "section", "url", "note"})
ASSUMPTION_KEYS = frozenset({"id", "text", "cite"})
ROUNDING_KEYS = frozenset({"decimals", "mode"})
QUALITATIVE_KEYS = frozenset({"levels", "cite"})
NOT_APPLICABLE_KEYS = frozenset({"redistribute"})
FORMAT_VERSION = 1
E = TypeVar("E", bound=enum.Enum)


@own_context
def load_pack(
    path: str | os.PathLike[str],
    *,
    registry: RuleRegistry = DEFAULT_REGISTRY,
    limits: ReadLimits = DEFAULT_READ_LIMITS,
) -> Pack:
    """Load and validate the pack at ``path`` (following ``extends``); raise :class:`PackError`.

    ``path`` may also be a pack id (``"baiyun-2021"``: bundled, or on ``PERFSCORE_PATH``)
    or ``-`` for standard input; a file that exists always wins over an id.
    """
    found = resolve_pack(path)
    return _load_file(Path(found), os.fspath(found), registry, limits, ())


@own_context
def load_pack_text(
    text: str, *, name: str = "<pack>", registry: RuleRegistry = DEFAULT_REGISTRY, base_dir: str | None = None
) -> Pack:
    """Load a pack from YAML text (tests, notebooks); ``extends`` resolves against ``base_dir``."""
    doc = parse_document(text, name=name, error_type=PackError)
    anchor = Path(base_dir or ".") / "<pack>.yaml"
    return _build(doc, anchor, registry, DEFAULT_READ_LIMITS, ())


def _load_file(path: Path, shown: str, registry: RuleRegistry, limits: ReadLimits, chain: tuple[Path, ...]) -> Pack:
    """Load ``path``; ``shown`` is how messages name it (as the user wrote it)."""
    doc = read_document(path, error_type=PackError, limits=limits, display_name=shown)
    return _build(doc, path, registry, limits, chain)


def _build(
    doc: SourceDocument, path: Path, registry: RuleRegistry, limits: ReadLimits, chain: tuple[Path, ...]
) -> Pack:
    sink = DiagnosticSink()
    root = Located(doc, (), sink, where="the pack")
    if not root.is_mapping():
        sink.raise_if_errors(PackError)
    root.check_keys(PACK_KEYS)
    base: Pack | None = None
    if root.has("extends"):
        base_path = resolve_extends(root, path, chain)
        if base_path is not None:
            try:
                base = _load_file(
                    base_path, _beside(doc.name, root.text("extends") or ""), registry, limits, (*chain, path.resolve())
                )
            except PackError as err:
                root.report("EXTENDS_MISSING", key="extends", target=root.text("extends"))
                sink.extend(err.diagnostics)
        if root.has("indicators"):
            root.report("OVERLAY_INDICATORS", key="indicators", of_key=True)
    elif root.has("adjustments"):
        root.report(
            "VALUE_INVALID",
            key="adjustments",
            problem=PROBLEMS["pack.adjustments"][1],
            problem_zh=PROBLEMS["pack.adjustments"][0],
        )
    pack = _assemble(root, base, registry)
    sink.raise_if_errors(PackError)
    assert pack is not None  # noqa: S101 - no errors means every part was built
    return pack


def _beside(shown: str, relative: str) -> str:
    """How to name a file that ``extends`` names relative to the pack ``shown``."""
    return os.path.normpath(os.path.join(os.path.dirname(shown), relative))


def _assemble(root: Located, base: Pack | None, registry: RuleRegistry) -> Pack | None:  # noqa: C901, PLR0912 - one flat pass over the top-level keys
    version = root.integer("perfscore")
    if version is not None and version != FORMAT_VERSION:
        root.report(
            "VALUE_INVALID",
            key="perfscore",
            problem=problem("pack.format_version", version=version, supported=FORMAT_VERSION)[1],
            problem_zh=problem("pack.format_version", version=version, supported=FORMAT_VERSION)[0],
        )
    required = () if base is not None else ("id", "title", "version", "source", "indicators")
    for key in required:
        if not root.has(key):
            root.report("KEY_MISSING", key=key, where="the pack")
    pack_id = root.identifier("id") if root.has("id") else (base.id if base else None)
    title = _own_text(root, "title", base.title if base else None)
    version_text = _own_text(root, "version", base.version if base else None)
    source = _citation(root, "source") if root.has("source") else (base.source if base else None)
    if source is not None and not source.title.strip():
        _empty(root, "source")
        source = None
    template = bool(root.boolean("template"))
    total = _total(root) or (base.total if base else HUNDRED)
    rounding = _rounding(root) or (base.rounding if base else RoundingPolicy())
    aggregation = _enum(root, "aggregation", Aggregation) or (base.aggregation if base else Aggregation.POINTS)
    grades = read_grades(root, "grades", total) or (base.grades if base else default_grades(total))
    scale, redistribution = _policies(root, base)
    defaults = read_defaults(root, registry)
    citations = dict(base.citations) if base else {}
    citation_map = root.mapping("citations", where="citations")
    if citation_map is not None:
        for name in citation_map:
            found = _citation(citation_map, name)
            if found is not None:
                citations[name] = found
    assumptions = list(base.assumptions) if base else []
    for entry in root.items("assumptions"):
        entry.where = "assumptions"
        if entry.is_mapping():
            entry.check_keys(ASSUMPTION_KEYS, required=("id", "text"))
            assumption_id, text = entry.identifier("id"), entry.text("text")
            if assumption_id and text:
                assumptions.append(
                    Assumption(id=assumption_id, text=text, cite=entry.text("cite"), location=entry.location())
                )
    settings = TreeSettings(
        registry=registry, scale=scale, defaults=defaults, aggregation=aggregation, template=template
    )
    adjustments: tuple[Adjustment, ...] = ()
    if base is not None:
        children, adjustments = apply_adjustments(base.children, root, settings)
    else:
        children = read_nodes(root.items("indicators"), settings)
    percent_numbers, attainment = read_wording(root, base)
    if root.sink.has_errors or pack_id is None or title is None or version_text is None or source is None:
        return None
    pack = Pack(
        percent_numbers=percent_numbers,
        attainment=attainment,
        id=pack_id,
        title=title,
        version=version_text,
        source=source,
        children=children,
        jurisdiction=root.text("jurisdiction") or (base.jurisdiction if base else None),
        fiscal_year=root.integer("fiscal_year") or (base.fiscal_year if base else None),
        language=root.text("language") or (base.language if base else "zh"),
        description=root.text("description") or (base.description if base else None),
        total=total,
        rounding=rounding,
        aggregation=aggregation,
        grades=grades,
        qualitative=scale,
        redistribution=redistribution,
        citations=citations,
        assumptions=tuple(assumptions),
        extends=base.id if base else None,
        adjustments=adjustments,
        file=root.doc.name,
        template=template,
        total_location=root.location("total") if root.has("total") else (base.total_location if base else NOWHERE),
    )
    nodes = list(pack.walk())
    problems = duplicate_ids(nodes) + reference_problems(nodes, pack.assumptions, pack.citations)
    if not template:
        problems += unset_weights(nodes, base.id if base is not None else pack.id)
        top = root.location("total") if root.has("total") else root.location()
        problems += weight_problems(
            pack.children,
            pack.total if aggregation is Aggregation.POINTS else HUNDRED,
            top_id=pack.id,
            top_location=top,
        )
    root.sink.extend(problems)
    return pack


def _own_text(root: Located, key: str, inherited: str | None) -> str | None:
    """A required text of the pack, else the one of the pack it extends; empty text is reported."""
    text = root.text(key)
    if text is not None and not text.strip():
        _empty(root, key)
        return None
    return text if text is not None else inherited


def _empty(root: Located, key: str) -> None:
    zh, en = PROBLEMS["pack.empty"]
    root.report("VALUE_INVALID", key=key, problem=en, problem_zh=zh)


def _total(root: Located) -> Decimal | None:
    """The pack's full marks; 0 or less is reported, never quietly replaced by 100."""
    total = root.number("total")
    if total is not None and total <= 0:
        root.report(
            "VALUE_INVALID",
            key="total",
            problem=problem("pack.total", total=plain(total))[1],
            problem_zh=problem("pack.total", total=plain(total))[0],
        )
    return total


def _citation(owner: Located, key: str) -> Citation | None:
    raw = owner.value.get(key)
    if isinstance(raw, str):
        return Citation(title=raw)
    node = owner.mapping(key, where=f"citation '{key}'")
    if node is None:
        if raw is None:
            owner.report("KEY_MISSING", key=key, where="the pack")
        return None
    node.check_keys(CITATION_KEYS, required=("title",))
    title = node.text("title")
    if title is None:
        return None
    return Citation(
        title=title,
        issuer=node.text("issuer"),
        number=node.text("number"),
        date=node.text("date"),
        section=node.text("section"),
        url=node.text("url"),
        note=node.text("note"),
    )


def _rounding(root: Located) -> RoundingPolicy | None:
    node = root.mapping("rounding", where="rounding")
    if node is None:
        return None
    node.check_keys(ROUNDING_KEYS)
    decimals = node.integer("decimals")
    if decimals is not None and not 0 <= decimals <= 6:  # noqa: PLR2004 - scores never need more
        zh, en = PROBLEMS["pack.decimals"]
        node.report("VALUE_INVALID", key="decimals", problem=en, problem_zh=zh)
        decimals = None
    mode = _enum(node, "mode", RoundingMode) or RoundingMode.HALF_UP
    return RoundingPolicy(decimals=2 if decimals is None else decimals, mode=mode)


def _policies(root: Located, base: Pack | None) -> tuple[QualitativeScale, Redistribution]:
    scale = base.qualitative if base else national_levels()
    qualitative = root.mapping("qualitative", where="qualitative")
    if qualitative is not None:
        qualitative.check_keys(QUALITATIVE_KEYS)
        scale = read_levels(qualitative, "levels") or scale
    redistribution = base.redistribution if base else Redistribution.PARENT
    not_applicable = root.mapping("not_applicable", where="not_applicable")
    if not_applicable is not None:
        not_applicable.check_keys(NOT_APPLICABLE_KEYS)
        redistribution = _enum(not_applicable, "redistribute", Redistribution) or redistribution
    return scale, redistribution


def _enum(owner: Located, key: str, kind: type[E]) -> E | None:
    text = owner.text(key)
    if text is None:
        return None
    try:
        return kind(text)
    except ValueError:
        allowed = ", ".join(member.value for member in kind)
        owner.report(
            "VALUE_INVALID",
            key=key,
            problem=problem("option.one_of", value=text, allowed=allowed)[1],
            problem_zh=problem("option.one_of", value=text, allowed=allowed)[0],
        )
        return None
