"""Views of a :class:`~perfscore._packs.diff.PackDiff`: a table for people, JSON for tools."""

from __future__ import annotations

from typing import Any

from tabulate import tabulate

from perfscore._core.decimals import plain
from perfscore._core.diagnostics import Lang
from perfscore._files.cellsafe import markdown_text
from perfscore._packs.diff import TOP, Change, PackDiff, SubtotalEffect
from perfscore._views.fit import MARKDOWN, column_limits

KIND_LABELS: dict[str, tuple[str, str]] = {
    "removed": ("删除", "removed"),
    "added": ("新增", "added"),
    "renamed": ("更名", "renamed"),
    "moved": ("移动", "moved"),
    "reweighted": ("调整权重", "reweighted"),
    "target": ("指标值", "target"),
    "rule": ("评分规则", "rule"),
    "assumptions": ("假设", "assumptions"),
    "aggregation": ("汇总方式", "aggregation"),
    "flagged": ("标注（未改动）", "flagged (unchanged)"),
    "pack": ("规则包设置", "pack setting"),
    "grade": ("等级区间", "grade band"),
    "levels": ("定性等级", "qualitative levels"),
}
HEADERS = {
    "zh": ("变更", "编号", "名称", "原", "新", "理由"),
    "en": ("change", "id", "name", "old", "new", "reason"),
}
WORDS = {
    "zh": {
        "changes": "项变更",
        "none": "没有变更",
        "subtotals": "对小计的影响",
        "top": "顶层",
        "score": "得分",
        "same": "同上",
    },
    "en": {
        "changes": "changes",
        "none": "no changes",
        "subtotals": "effect on subtotals",
        "top": "top level",
        "score": "score",
        "same": "(as above)",
    },
}


def _label(kind: str, lang: Lang) -> str:
    zh, en = KIND_LABELS.get(kind, (kind, kind))
    return zh if lang == "zh" else en


def _signed(value: object) -> str:
    text = plain(value)  # type: ignore[arg-type]
    return text if text.startswith("-") else f"+{text}"


def effect_text(effect: SubtotalEffect, lang: Lang) -> str:
    """``t2 加强……: 14 → 14 (+1 t2.epidemic, -1 t2.sports_events)``, with scores when known."""
    words = WORDS[lang]
    who = words["top"] if effect.id == TOP else f"{effect.id} {effect.name}"
    old = "—" if effect.old is None else plain(effect.old)
    new = "—" if effect.new is None else plain(effect.new)
    parts = ", ".join(f"{_signed(delta)} {child}" for child, delta in effect.parts)
    text = f"{who}: {old} → {new} ({parts})"
    if effect.old_score is not None or effect.new_score is not None:
        text += f"; {words['score']} {effect.old_score or '—'} → {effect.new_score or '—'}"
    return text


def render_diff(diff: PackDiff, *, lang: Lang, fmt: str = "table", width: int | None = None) -> str:
    """The heading, one row per change, then the effect on subtotals (the grid fitted to ``width`` if given)."""
    words = WORDS[lang]
    heading = f"{diff.old.id} v{diff.old.version} → {diff.new.id} v{diff.new.version}"
    if diff.empty:
        return f"{heading}: {words['none']}\n"
    markdown = fmt in MARKDOWN
    rows = []
    for index, c in enumerate(diff.changes):
        again = index > 0 and diff.changes[index - 1].id == c.id and c.kind not in {"pack", "grade", "levels"}
        reason = words["same"] if again and c.reason else (c.reason or "")
        name = "" if again or c.name == c.id else c.name
        rows.append([_label(c.kind, lang), "" if again else c.id, name, c.old or "—", c.new or "—", reason])
    limits = column_limits(rows, HEADERS[lang], [14, 20, 16, 24, 24, 36], width)
    if markdown:  # every field escaped: a name cannot add markup (issue 12)
        rows = [[markdown_text(cell) for cell in row] for row in rows]
    table = tabulate(
        rows,
        headers=list(HEADERS[lang]),
        tablefmt="github" if markdown else "simple_grid",
        maxcolwidths=None if markdown else limits,
        disable_numparse=True,
    )
    out = [f"{heading}: {len(diff.changes)} {words['changes']}", "", table]
    if diff.subtotals:
        out.extend(["", words["subtotals"]])
        out.extend(
            f"- {markdown_text(effect_text(effect, lang)) if markdown else effect_text(effect, lang)}"
            for effect in diff.subtotals
        )
    return "\n".join(out) + "\n"


def _change_dict(change: Change) -> dict[str, Any]:
    return {
        "change": change.kind,
        "id": change.id,
        "name": change.name,
        "path": list(change.path),
        "old": change.old,
        "new": change.new,
        "reason": change.reason,
        "cite": change.cite,
        "location": str(change.location) if change.location.known else None,
    }


def diff_to_dict(diff: PackDiff) -> dict[str, Any]:
    """The diff as plain data (``perfscore diff --format json``)."""

    def pack(side: str) -> dict[str, Any]:
        found = diff.old if side == "old" else diff.new
        return {"id": found.id, "version": found.version, "file": found.file}

    return {
        "old": pack("old"),
        "new": pack("new"),
        "changes": [_change_dict(change) for change in diff.changes],
        "subtotals": [
            {
                "id": effect.id or None,
                "name": effect.name,
                "old": effect.old,
                "new": effect.new,
                "parts": [{"id": child, "delta": delta} for child, delta in effect.parts],
                "old_score": effect.old_score,
                "new_score": effect.new_score,
            }
            for effect in diff.subtotals
        ],
    }
