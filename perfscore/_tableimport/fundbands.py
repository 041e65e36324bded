"""Bands for the 预算执行率 a form prints in its notes or its 得分计算方法 cell.

Some forms score the fund row by their own bands instead of the national proportion:
"执行率 ≥ 90% 得满分，80%–90% 得 8 分，低于 80% 不得分". The importer reads such a
statement into ``execution_rate``'s ``bands`` option, so the fund row is scored as the
form says. Only a statement whose every band names its score (满分, N 分, 不得分) and
whose bands cover every rate from 0% upwards without a gap is read; anything else (a
formula such as "执行率 × 分值", a band whose score is not printed) gives nothing, and
the national proportion applies. A range ``80%–90%`` includes its lower edge and not its
upper one, the reading that makes the bands meet.
"""

from __future__ import annotations

import itertools
import re
from decimal import Decimal

import attrs

from perfscore._core.decimals import plain
from perfscore._core.numerals import normalize_text

_N = r"(\d+(?:\.\d+)?)"
_BETWEEN = re.compile(_N + r"%?\s*(?:\(含\))?\s*[-~—–至到]\s*" + _N + r"%")
_ABOVE = re.compile(r"(?:[≥>]=?|达到|不低于|大于等于)\s*" + _N + r"%|" + _N + r"%\s*(?:\(含\))?\s*(?:及以上|以上)")
_BELOW = re.compile(r"(?:低于|小于|不足|<)\s*" + _N + r"%|" + _N + r"%\s*以下")
_FULL = re.compile(r"满分")
_NONE = re.compile(r"不得分|得\s*0\s*分")
_POINTS = re.compile(r"得\s*" + _N + r"\s*分")
_CLAUSE = re.compile(r"[,;，；。]")


@attrs.frozen(kw_only=True)
class FundBand:
    """One band of the rate (percent): ``[low, high)``, high None for no upper end; its score."""

    low: Decimal
    high: Decimal | None
    full: bool = False
    points: Decimal | None = None

    def yaml(self) -> str:
        """The band as the pack writes it: ``{range: "[80%, 90%)", points: 8}``."""
        high = "+∞" if self.high is None else f"{plain(self.high)}%"
        score = "fraction: 1" if self.full else f"points: {plain(self.points or Decimal(0))}"
        return f'{{range: "[{plain(self.low)}%, {high})", {score}}}'


def _band(clause: str) -> FundBand | None:
    between, above, below = _BETWEEN.search(clause), _ABOVE.search(clause), _BELOW.search(clause)
    if between:
        low, high = Decimal(between[1]), Decimal(between[2])
        low, high = min(low, high), max(low, high)
        span: tuple[Decimal, Decimal | None] = (low, high)
    elif above:
        span = (Decimal(above[1] or above[2]), None)
    elif below:
        span = (Decimal(0), Decimal(below[1] or below[2]))
    else:
        return None
    if _FULL.search(clause):
        return FundBand(low=span[0], high=span[1], full=True)
    if _NONE.search(clause):
        return FundBand(low=span[0], high=span[1], points=Decimal(0))
    points = _POINTS.search(clause)
    if points:
        return FundBand(low=span[0], high=span[1], points=Decimal(points[1]))
    return FundBand(low=Decimal(-1), high=None)  # a band with no printed score: the statement is not read


def fund_bands(texts: tuple[str, ...]) -> tuple[tuple[FundBand, ...], str] | None:
    """The bands the first text mentioning 执行率 states, lowest first, and that text; None if none is complete."""
    for text in texts:
        folded = normalize_text(text)
        at = folded.find("执行率")
        if at < 0:
            continue
        bands = [band for clause in _CLAUSE.split(folded[at:]) if (band := _band(clause)) is not None]
        bands.sort(key=lambda band: band.low)
        if len(bands) < 2 or any(band.low < 0 for band in bands) or bands[0].low != 0:  # noqa: PLR2004
            continue
        if bands[-1].high is not None or any(a.high != b.low for a, b in itertools.pairwise(bands)):
            continue
        return tuple(bands), text
    return None


def bands_text(found: tuple[tuple[FundBand, ...], str], pad: str) -> list[str]:
    """The fund indicator's ``rule:`` block with its bands, highest first, and where they were read."""
    bands, source = found
    lines = [
        f"{pad}# 分档取自表中所印的执行率评分办法 / bands as the form prints them: {normalize_text(source)[:60]}",
        f"{pad}rule:",
        f"{pad}  kind: execution_rate",
        f"{pad}  bands:",
    ]
    lines += [f"{pad}    - {band.yaml()}" for band in reversed(bands)]
    return lines
