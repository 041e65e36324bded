"""``perfscore check`` for machines: JSON, and SARIF 2.1.0 for code-scanning tools.

SARIF (Static Analysis Results Interchange Format, OASIS 2.1.0) is what GitHub code
scanning, GitLab and most editors read to annotate files: upload the ``--format sarif``
output of ``perfscore check rules/*.yaml`` and each problem shows on its line of the
pack. The rules of the run are the whole diagnostic catalogue, so a code's help
(its fix, from docs/errors.md) shows beside every result.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from perfscore._core.diagnostics import Diagnostic, Lang, Location, Severity

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


@attrs.frozen(kw_only=True)
class CheckedFile:
    """One path given to ``perfscore check``: what it is, and what was found in it."""

    path: str
    kind: str  # "pack" or "tests"
    loaded: bool
    pack_id: str | None = None
    version: str | None = None
    count: int = 0  # indicators of a pack, cases of a tests file
    diagnostics: tuple[Diagnostic, ...] = ()


def diagnostic_dict(item: Diagnostic, lang: Lang) -> dict[str, Any]:
    """A diagnostic as plain data: code, severity, message, hint, where, path, expected, got."""
    return {
        "code": item.code,
        "severity": item.severity.value,
        "message": item.message(lang),
        "hint": item.hint(lang),
        "file": item.location.file,
        "line": item.location.line,
        "column": item.location.column,
        "path": list(item.path),
        "expected": item.expected,
        "got": item.got,
    }


def check_json(files: Sequence[CheckedFile], lang: Lang) -> dict[str, Any]:
    """Every file checked, with its diagnostics; ``ok`` when none of them is an error."""
    return {
        "files": [
            {
                "file": checked.path,
                "kind": checked.kind,
                "ok": checked.loaded and not any(d.severity is Severity.ERROR for d in checked.diagnostics),
                "id": checked.pack_id,
                "version": checked.version,
                "count": checked.count,
                "diagnostics": [diagnostic_dict(d, lang) for d in checked.diagnostics],
            }
            for checked in files
        ]
    }


def _uri(file: str) -> str:
    """A result's file as SARIF wants it: relative to the working folder with ``/``, else a file URI."""
    path = Path(file)
    if path.is_absolute():
        try:
            path = path.relative_to(Path.cwd())
        except ValueError:
            return path.as_uri()
    return path.as_posix()


def _artifact(file: str) -> dict[str, str]:
    uri = _uri(file)
    return {"uri": uri} if uri.startswith("file:") else {"uri": uri, "uriBaseId": "%SRCROOT%"}


def _rules(lang: Lang) -> list[dict[str, Any]]:
    from perfscore._text.catalogue import CODES  # noqa: PLC0415 - the catalogue is large

    rules = []
    for code, info in CODES.items():
        hint = info.hint_zh if lang == "zh" and info.hint_zh else info.hint_en
        rules.append(
            {
                "id": code,
                "name": "".join(part.capitalize() for part in code.split("_")),
                "shortDescription": {"text": info.zh if lang == "zh" else info.en},
                "help": {"text": hint or (info.zh if lang == "zh" else info.en)},
                "defaultConfiguration": {"level": LEVELS[info.severity]},
            }
        )
    return rules


def _result(item: Diagnostic, checked: CheckedFile, index: dict[str, int], lang: Lang) -> dict[str, Any]:
    where = item.location if item.location.file else Location(file=checked.path)
    region: dict[str, int] = {"startLine": where.line or 1}
    if where.line and where.column:
        region["startColumn"] = where.column
    text = item.format(lang)
    prefix = f"{item.location}: " if item.location.known else ""
    result: dict[str, Any] = {
        "ruleId": item.code,
        "level": LEVELS[item.severity],
        "message": {"text": text.removeprefix(prefix)},
        "locations": [
            {"physicalLocation": {"artifactLocation": _artifact(where.file or checked.path), "region": region}}
        ],
    }
    if item.code in index:
        result["ruleIndex"] = index[item.code]
    return result


def check_sarif(files: Sequence[CheckedFile], lang: Lang, version: str) -> dict[str, Any]:
    """One SARIF run: perfscore as the tool, the catalogue as its rules, each diagnostic a result."""
    rules = _rules(lang)
    index = {rule["id"]: number for number, rule in enumerate(rules)}
    results = [_result(item, checked, index, lang) for checked in files for item in checked.diagnostics]
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "perfscore",
                        "version": version,
                        "rules": rules,
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": Path(os.getcwd()).as_uri() + "/"}},
                "results": results,
            }
        ],
    }
