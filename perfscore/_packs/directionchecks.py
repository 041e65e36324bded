"""A target printed without an operator on an indicator whose name says lower is better.

Tables print ``5%`` for a 结转结余率 or ``10万元`` for a 成本 and mean "at most". A bare
number reads as ``≥`` (a level to reach, see :mod:`perfscore._core.targets`), which
rewards overspending. ``perfscore check`` warns (``TARGET_DIRECTION``), naming the
indicator and suggesting ``≤``; with ``--strict`` the warning fails the check.
"""

from __future__ import annotations

from collections.abc import Iterator

from perfscore._core.diagnostics import Diagnostic, diagnostic
from perfscore._core.model import Indicator, Pack
from perfscore._core.targets import Op, Target

LOWER_IS_BETTER = (
    "控制率",
    "变动率",
    "调整率",
    "调整幅度",
    "结转结余率",
    "结余率",
    "超支率",
    "成本",
    "费用",
    "投诉",
    "事故",
    "发生率",
    "差错率",
    "损失率",
    "违规",
    "退回率",
    "空置率",
    "不合格率",
    "时限",
    "时长",
)
"""Words in an indicator's name that mean lower is better (documented in docs/packs.md)."""


def direction_checks(pack: Pack) -> Iterator[Diagnostic]:
    """``TARGET_DIRECTION`` for each bare-number target read as ≥ on a lower-is-better name."""
    for indicator in pack.indicators():
        target = _target(indicator)
        if target is None or not target.implicit_op or target.op is not Op.GE:
            continue
        word = next((word for word in LOWER_IS_BETTER if word in indicator.name), None)
        if word is not None:
            yield diagnostic(
                "TARGET_DIRECTION",
                location=indicator.rule_location,
                path=pack.path_of(indicator.id),
                id=indicator.id,
                name=indicator.name,
                target=target.text,
                word=word,
            )


def _target(indicator: Indicator) -> Target | None:
    found = getattr(indicator.rule, "target", None) or indicator.target
    return found if isinstance(found, Target) else None
