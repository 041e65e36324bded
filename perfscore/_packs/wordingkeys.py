"""The pack keys that say how figures are written: ``percent_numbers`` and ``attainment``.

``percent_numbers: points|fraction`` says how a bare number against a percent target
is read (``0.95`` as 0.95% or as 95%); ``attainment: {met: [...], not_met: [...]}``
adds words a 完成值 may be written as. An overlay keeps its base's settings unless it
sets its own. See :mod:`perfscore._core.readings`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from perfscore._core.wording import DEFAULT_ATTAINMENT, Attainment, PercentNumbers
from perfscore._text.problems import problem
from perfscore._yaml.located import Located

if TYPE_CHECKING:
    from perfscore._core.model import Pack


def read_percent_numbers(root: Located) -> PercentNumbers | None:
    """``percent_numbers: points|fraction`` as a pack or a figures file declares it; None if absent or wrong.

    Packs and figures files both declare how bare numbers against percent targets read, so
    both read (and refuse) the key here, with one message.
    """
    text = root.text("percent_numbers")
    if text is None:
        return None
    try:
        return PercentNumbers(text)
    except ValueError:
        zh, en = problem("percent.declared", text=text)
        root.report("VALUE_INVALID", key="percent_numbers", problem=en, problem_zh=zh)
        return None


def read_wording(root: Located, base: Pack | None) -> tuple[PercentNumbers | None, Attainment]:
    """The pack's ``percent_numbers`` and ``attainment`` vocabulary (the base's when not set)."""
    declared = read_percent_numbers(root) or (base.percent_numbers if base is not None else None)
    vocabulary = base.attainment if base is not None else DEFAULT_ATTAINMENT
    node = root.mapping("attainment", where="attainment")
    if node is not None:
        node.check_keys({"met", "not_met"})
        vocabulary = vocabulary.extended(node.text_list("met"), node.text_list("not_met"))
    return declared, vocabulary
