"""Scoring rules: small immutable objects, composable; each factory is a thin call of its class.

``positive(target="≥100场")``, ``bands(...)``, ``deduct(per="occurrence", points=1)``
— each with a repr that reads like the pack that wrote it, and the same checks (and
``RULE_OPTION`` messages) as a pack's YAML. Every kind has one record in
:mod:`perfscore.rules.kinds` (``DEFAULT_REGISTRY``), from which everything that lists
kinds is derived.
"""

from perfscore.rules.base import FigureView, Outcome, Rule, Step
from perfscore.rules.budget import ExecutionRate, execution_rate
from perfscore.rules.comparative import Equal, Positive, Reverse, equal, positive, reverse
from perfscore.rules.composite import Extreme, MaxOf, NotApplicable, Part, SumOf, max_of, min_of, not_applicable, sum_of
from perfscore.rules.deduct import Deduct, DeductPer, deduct
from perfscore.rules.interval import IntervalRule, Side, interval
from perfscore.rules.judgement import Manual, Qualitative, manual, qualitative
from perfscore.rules.kinds import DEFAULT_REGISTRY
from perfscore.rules.options import RuleOptionError
from perfscore.rules.registry import BuildContext, OptionSpec, RuleKind, RuleRegistry
from perfscore.rules.tables import Band, Bands, Checklist, ChecklistItem, bands, checklist


def formula(expression: str) -> "Rule":
    """公式 rule (imported lazily so packs without formulas never load the evaluator)."""
    from perfscore.rules.formulas import formula as build  # noqa: PLC0415 - lazy on purpose

    return build(expression)


__all__ = [
    "DEFAULT_REGISTRY",
    "Band",
    "Bands",
    "BuildContext",
    "Checklist",
    "ChecklistItem",
    "Deduct",
    "DeductPer",
    "Equal",
    "ExecutionRate",
    "Extreme",
    "FigureView",
    "IntervalRule",
    "Manual",
    "MaxOf",
    "NotApplicable",
    "OptionSpec",
    "Outcome",
    "Part",
    "Positive",
    "Qualitative",
    "Reverse",
    "Rule",
    "RuleKind",
    "RuleOptionError",
    "RuleRegistry",
    "Side",
    "Step",
    "SumOf",
    "bands",
    "checklist",
    "deduct",
    "equal",
    "execution_rate",
    "formula",
    "interval",
    "manual",
    "max_of",
    "min_of",
    "not_applicable",
    "positive",
    "qualitative",
    "reverse",
    "sum_of",
]
