"""The types a pack or figures value may be expected to have, as messages name them: (Chinese, English)."""

from __future__ import annotations

from collections.abc import Mapping

TYPE_NAMES: Mapping[str, tuple[str, str]] = {
    "text": ("文本", "text"),
    "number": ("数值", "a number"),
    "integer": ("整数", "a whole number"),
    "mapping": ("映射（键: 值）", "a mapping (key: value lines)"),
    "list": ("列表（'- ' 开头的各项）", "a list ('- ' items)"),
    "boolean": ("true 或 false", "true or false"),
}
