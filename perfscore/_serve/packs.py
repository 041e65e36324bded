"""The packs a server serves, by id: the bundled packs plus those named when it starts.

A request names a pack by its id and never by a path, so a client can score only
under the packs the operator chose. Bundled packs are the ``rules/`` folder of a source
checkout, or the packs shipped in the wheel; each pack's id is its own ``id:`` field. A
pack given on the command line replaces a bundled pack with the same id (the operator
asked for it); two packs given on the command line with one id are an error.

For the browser form, :func:`form_of` lists what a pack reads: one field per figure —
an indicator's main figure (``actual`` when its rule reads one, else the assessor's
``score``), its ``reason`` where the rule needs one, and the department-level amounts
(``@budget.executed``) — with the indicator's name, unit, target, weight and rule.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs

from perfscore._core.decimals import plain
from perfscore._core.diagnostics import Lang, Location, UsageError, diagnostic
from perfscore._core.model import Group, Indicator, Node, Pack
from perfscore._text.labels import rule_name


@attrs.frozen(kw_only=True)
class ServedPack:
    """A pack and the name its file is shown by (as the CLI would show it)."""

    pack: Pack
    file: str
    bundled: bool


def bundled_folder() -> Path | None:
    """The bundled packs: ``rules/`` beside the package in a source checkout, else those shipped in the wheel.

    The checkout's folder comes first so that a served pack names its file as the CLI run
    from the checkout does (``rules/baiyun-2021.yaml``); installed, the package data serves.
    """
    from perfscore._packs.bundled import bundled_dir  # noqa: PLC0415 - importlib.resources only when serving

    checkout = Path(__file__).resolve().parents[2] / "rules"
    folder = checkout if checkout.is_dir() else bundled_dir()
    return folder if folder.is_dir() else None


def shown_path(path: Path) -> str:
    """A pack file as the CLI would name it when run here: relative to the working folder when inside it."""
    try:
        return os.path.relpath(path) if path.resolve().is_relative_to(Path.cwd().resolve()) else str(path)
    except ValueError:  # another drive (Windows)
        return str(path)


def _pack_files(folder: Path) -> list[Path]:
    from perfscore._packs.testcases import TESTS_SUFFIX  # noqa: PLC0415

    return sorted(
        path for path in folder.iterdir() if path.suffix in {".yaml", ".yml"} and not path.name.endswith(TESTS_SUFFIX)
    )


def load_served(given: Iterable[str], *, bundled: bool = True) -> dict[str, ServedPack]:
    """The packs by id: bundled (unless ``bundled`` is false), then ``given`` (which win over bundled ones)."""
    from perfscore._packs.loader import load_pack  # noqa: PLC0415

    served: dict[str, ServedPack] = {}
    folder = bundled_folder() if bundled else None
    for path in _pack_files(folder) if folder else []:
        name = shown_path(path)
        pack = load_pack(name)
        served[pack.id] = ServedPack(pack=pack, file=name, bundled=True)
    problems = []
    for name in given:
        pack = load_pack(name)
        previous = served.get(pack.id)
        if previous is not None and not previous.bundled:
            problems.append(
                diagnostic(
                    "SERVE_PACK_DUPLICATE", location=Location(file=name), file=name, other=previous.file, pack=pack.id
                )
            )
            continue
        served[pack.id] = ServedPack(pack=pack, file=name, bundled=False)
    if problems:
        raise UsageError(problems)
    return served


def pack_summary(item: ServedPack) -> dict[str, Any]:
    """What ``GET /packs`` lists for one pack."""
    pack = item.pack
    return {
        "id": pack.id,
        "title": pack.title,
        "version": pack.version,
        "language": pack.language,
        "template": pack.template,
        "indicators": len(pack.indicators()),
        "total": pack.total,
    }


def _field(key: str, label: str, kind: str) -> dict[str, str]:
    return {"key": key, "label": label, "kind": kind}


def _indicator(node: Indicator, path: tuple[Node, ...], lang: Lang) -> dict[str, Any]:
    reads = node.rule.reads()
    fields = []
    main = "actual" if "actual" in reads else ("score" if "score" in reads else None)
    if main:
        fields.append(_field(f"{node.id}:{main}", main, "number" if main == "score" else "text"))
    fields.extend(_field(f"{node.id}:{key}", key, "text") for key in sorted(reads) if key.startswith("values."))
    if "reason" in reads:
        fields.append(_field(f"{node.id}:reason", "reason", "text"))
    return {
        "id": node.id,
        "name": node.name,
        "path": [{"id": group.id, "name": group.name, "weight": plain(group.weight)} for group in path],
        "weight": plain(node.weight),
        "unit": node.unit,
        "target": node.target_text,
        "rule": rule_name(node.rule.kind, lang),
        "rule_kind": node.rule.kind,
        "description": node.description,
        "fields": fields,
    }


def form_of(pack: Pack, lang: Lang) -> dict[str, Any]:
    """The form the browser page draws for ``pack``: amounts first, then one row per indicator."""
    indicators: list[dict[str, Any]] = []
    amounts: list[str] = []

    def visit(nodes: Iterable[Node], path: tuple[Node, ...]) -> None:
        for node in nodes:
            if isinstance(node, Group):
                visit(node.children, (*path, node))
            elif isinstance(node, Indicator):
                indicators.append(_indicator(node, path, lang))
                amounts.extend(key[1:] for key in sorted(node.rule.reads()) if key.startswith("@"))

    visit(pack.children, ())
    return {"amounts": list(dict.fromkeys(amounts)), "indicators": indicators}


def pack_detail(item: ServedPack, lang: Lang) -> dict[str, Any]:
    """``GET /packs/{id}``: the summary, the scheme as data, the pack format's JSON Schema, and the form."""
    from perfscore._packs.dump import dump_pack  # noqa: PLC0415
    from perfscore._packs.schema import pack_schema  # noqa: PLC0415
    from perfscore._yaml.source import parse_document  # noqa: PLC0415

    scheme = parse_document(dump_pack(item.pack), name=item.file, error_type=UsageError).data
    return {**pack_summary(item), "scheme": scheme, "schema": pack_schema(), "form": form_of(item.pack, lang)}


def lookup(served: Mapping[str, ServedPack], pack_id: object) -> ServedPack:
    """The pack with id ``pack_id``, or ``SERVE_PACK_UNKNOWN`` (a 404) listing the ids served."""
    found = served.get(pack_id) if isinstance(pack_id, str) else None
    if found is None:
        raise UsageError([diagnostic("SERVE_PACK_UNKNOWN", pack=str(pack_id), known=", ".join(sorted(served)))])
    return found
