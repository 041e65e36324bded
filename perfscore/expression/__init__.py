"""The restricted formula language of rule packs: ``min(actual / target, 1) * weight``.

Formulas are data from pack authors, so they are tokenised, parsed and evaluated by
this package alone — never by Python's ``eval`` — within the bounds of :class:`Limits`,
and every problem is an :class:`ExpressionError` pointing at a column of the formula.
"""

from perfscore.expression._limits import DEFAULT_LIMITS, ExpressionError, Limits
from perfscore.expression._parser import Expression, parse_expression

__all__ = ["DEFAULT_LIMITS", "Expression", "ExpressionError", "Limits", "parse_expression"]
