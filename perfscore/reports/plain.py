"""Generated text made fit for officials: no interval notation, no doubled punctuation, no "−0".

The engine explains a score in the notation pack authors use (``[0, 0.6)``, ``'goals'``);
an official report says the same in words. Reports pass every generated sentence
through :func:`plain_sentence`; the notation itself stays in the 技术附录.
"""

from __future__ import annotations

import re
from decimal import Decimal

from perfscore._core.decimals import plain
from perfscore._core.diagnostics import Lang
from perfscore._core.model import GradeBand

_FIGURE_KEYS = {
    "actual": "完成值",
    "target": "指标值",
    "level": "评价等级",
    "score": "评分",
    "count": "次数",
    "items": "检查项",
    "values": "数据",
    "deductions": "扣分项",
}
_FIGURE_KEYS_EN = {"actual": "actual value", "target": "target", "values": "data", "items": "checklist"}
_KEYS = re.compile(r"[（(]([a-z_]+(?:/[a-z_]+)*)[）)]")
PLACEHOLDER = {"zh": "【待填写：{what}】", "en": "[To be completed: {what}]"}
_INTERVAL = re.compile(r"([\[(])\s*(-?[0-9.]+%?|−∞|-∞)\s*,\s*(-?[0-9.]+%?|\+?∞)\s*([\])])")


def placeholder(what: str, lang: Lang) -> str:
    """A marked gap the department fills in, e.g. ``【待填写：部门概况】``."""
    return PLACEHOLDER[lang].format(what=what)


def plain_sentence(text: str, lang: Lang = "zh") -> str:
    """A generated sentence made fit for officials: intervals in words, no doubled punctuation.

    >>> plain_sentence("按区间判定为 未达成（[0, 0.6)）。：")
    '按区间判定为 未达成（0 分及以上、不足 0.6 分）：'
    """

    def words(match: re.Match[str]) -> str:
        opening, low, high, closing = match.groups()
        if lang == "en":
            lower = f"{low} or more" if opening == "[" else f"over {low}"
            upper = f"up to {high}" if closing == "]" else f"under {high}"
            return upper if "∞" in low else lower if "∞" in high else f"{lower}, {upper}"
        lower = f"{low}{_unit(low)}及以上" if opening == "[" else f"高于 {low}{_unit(low)}"
        upper = f"{high}{_unit(high)}及以下" if closing == "]" else f"不足 {high}{_unit(high)}"
        if "∞" in low:
            return upper
        if "∞" in high:
            return lower
        return f"{lower}、{upper}"

    text = _INTERVAL.sub(words, text)
    if lang == "zh":  # figure keys named in a message, in words: （level/score） → （评价等级或评分）
        text = _KEYS.sub(lambda m: "（" + "或".join(_FIGURE_KEYS.get(k, k) for k in m[1].split("/")) + "）", text)
    else:
        text = _KEYS.sub(lambda m: "(" + " or ".join(_FIGURE_KEYS_EN.get(k, k) for k in m[1].split("/")) + ")", text)
    text = re.sub(r"'([^'\n]+)'", r"“\1”", text)
    text = re.sub(r"[。；，、]+([：:])", r"\1", text)
    text = re.sub(r"([。！？；])\1+", r"\1", text)
    return text.replace("−0 ", "0 ")


def _unit(number: str) -> str:
    return "" if number.endswith("%") else " 分"


def band_text(band: GradeBand, lang: Lang) -> str:
    """A grade band in words: ``优：90 分及以上``, ``良：80 分及以上、不足 90 分``."""
    low, high = plain(band.low), plain(band.high)
    if lang == "zh":
        upper = f"{high} 分及以下" if band.high_inclusive else f"不足 {high} 分"
        return f"{band.label}：{low} 分及以上、{upper}" if band.low > 0 else f"{band.label}：{upper}"
    upper = f"up to {high}" if band.high_inclusive else f"under {high}"
    return f"{band.label}: {low} to {upper}" if band.low > 0 else f"{band.label}: {upper}"


def loss_text(low: Decimal, high: Decimal, weight: Decimal, lang: Lang) -> str:
    """Points lost in words: ``扣 0.64 分 / 满分 30``, ``未扣分 / 满分 5``, ``扣 0–20 分 / 满分 20``."""
    full = plain(weight)
    if high <= 0:
        return f"未扣分 / 满分 {full}" if lang == "zh" else f"none lost of {full}"
    shown = plain(low) if low == high else f"{plain(low)}–{plain(high)}"
    return f"扣 {shown} 分 / 满分 {full}" if lang == "zh" else f"{shown} lost of {full}"


def labelled(name: str, lang: Lang) -> str:
    """``name`` followed by a colon, without the doubled ``。：`` a name ending in 。 would give."""
    return name.rstrip("。.；;，, ") + ("：" if lang == "zh" else ": ")
