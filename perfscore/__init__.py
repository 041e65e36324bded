"""perfscore: government budget-performance evaluation schemes (预算绩效评价) as code.

Load a rule pack, load a department's figures, score, and read the explained result::

    import perfscore
    pack = perfscore.load_pack("rules/baiyun-2021.yaml")
    figures = perfscore.load_figures("examples/baiyunhu-2021.yaml")
    card = perfscore.score(pack, figures)
    print(card.table())
    print(card.explain("t3.water_projects"))
    perfscore.Report(pack=pack, card=card).write("baiyun.html")   # or .xlsx, .md

Many departments at once: ``for result in perfscore.score_many(pack, paths): ...``.

Everything public is named here; the modules behind it are internal and may move.
Names load on first use (PEP 562), so ``import perfscore`` costs almost nothing and a
program pays only for what it uses — the pack loader, the engine, or the vectorised
path with NumPy (``perfscore.compiled``), which loads only when it is asked for.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the same names, for type checkers and editors
    from perfscore._analysis.review import Review, review
    from perfscore._analysis.trend import Trend, trend
    from perfscore._batch.many import BatchResult, score_many
    from perfscore._core.decimals import RoundingMode, RoundingPolicy
    from perfscore._core.diagnostics import (
        Diagnostic,
        FiguresError,
        Location,
        PackError,
        ParseError,
        PerfscoreError,
        Severity,
        UsageError,
    )
    from perfscore._core.engine import score
    from perfscore._core.figures import Figures, IndicatorFigures
    from perfscore._core.model import (
        Aggregation,
        Citation,
        GradeBand,
        Group,
        Indicator,
        Pack,
        QualitativeLevel,
        QualitativeScale,
        Redistribution,
        ReverseVariant,
    )
    from perfscore._core.scorecard import GroupResult, IndicatorResult, Scorecard, Status
    from perfscore._core.targets import Target, parse_target
    from perfscore._core.units import Quantity
    from perfscore._inputs.figures import figures_from_mapping, load_figures, load_figures_text
    from perfscore._packs.loader import load_pack, load_pack_text
    from perfscore.reports.report import Report
    from perfscore.rules import (
        DEFAULT_REGISTRY,
        Band,
        ChecklistItem,
        Part,
        RuleKind,
        RuleRegistry,
        bands,
        checklist,
        equal,
        execution_rate,
        manual,
        max_of,
        min_of,
        not_applicable,
        positive,
        qualitative,
        reverse,
        sum_of,
    )
    from perfscore.rules.deduct import deduct
    from perfscore.rules.formula import formula

__version__ = "0.1.0"

_WHERE: dict[str, str] = {  # public name -> the module that defines it
    "Review": "perfscore._analysis.review",
    "review": "perfscore._analysis.review",
    "Trend": "perfscore._analysis.trend",
    "trend": "perfscore._analysis.trend",
    "BatchResult": "perfscore._batch.many",
    "score_many": "perfscore._batch.many",
    "RoundingMode": "perfscore._core.decimals",
    "RoundingPolicy": "perfscore._core.decimals",
    "Diagnostic": "perfscore._core.diagnostics",
    "FiguresError": "perfscore._core.diagnostics",
    "Location": "perfscore._core.diagnostics",
    "PackError": "perfscore._core.diagnostics",
    "ParseError": "perfscore._core.diagnostics",
    "PerfscoreError": "perfscore._core.diagnostics",
    "Severity": "perfscore._core.diagnostics",
    "UsageError": "perfscore._core.diagnostics",
    "score": "perfscore._core.engine",
    "Figures": "perfscore._core.figures",
    "IndicatorFigures": "perfscore._core.figures",
    "figures_from_mapping": "perfscore._inputs.figures",
    "load_figures": "perfscore._inputs.figures",
    "load_figures_text": "perfscore._inputs.figures",
    "Aggregation": "perfscore._core.model",
    "Citation": "perfscore._core.model",
    "GradeBand": "perfscore._core.model",
    "Group": "perfscore._core.model",
    "Indicator": "perfscore._core.model",
    "Pack": "perfscore._core.model",
    "QualitativeLevel": "perfscore._core.model",
    "QualitativeScale": "perfscore._core.model",
    "Redistribution": "perfscore._core.model",
    "ReverseVariant": "perfscore._core.model",
    "load_pack": "perfscore._packs.loader",
    "load_pack_text": "perfscore._packs.loader",
    "Report": "perfscore.reports.report",
    "DEFAULT_REGISTRY": "perfscore.rules",
    "Band": "perfscore.rules",
    "ChecklistItem": "perfscore.rules",
    "Part": "perfscore.rules",
    "RuleKind": "perfscore.rules",
    "RuleRegistry": "perfscore.rules",
    "bands": "perfscore.rules",
    "checklist": "perfscore.rules",
    "deduct": "perfscore.rules.deduct",
    "equal": "perfscore.rules",
    "execution_rate": "perfscore.rules",
    "formula": "perfscore.rules.formula",  # the builder itself: importing this module rebinds rules.formula
    "manual": "perfscore.rules",
    "max_of": "perfscore.rules",
    "min_of": "perfscore.rules",
    "not_applicable": "perfscore.rules",
    "positive": "perfscore.rules",
    "qualitative": "perfscore.rules",
    "reverse": "perfscore.rules",
    "sum_of": "perfscore.rules",
    "GroupResult": "perfscore._core.scorecard",
    "IndicatorResult": "perfscore._core.scorecard",
    "Scorecard": "perfscore._core.scorecard",
    "Status": "perfscore._core.scorecard",
    "Target": "perfscore._core.targets",
    "parse_target": "perfscore._core.targets",
    "Quantity": "perfscore._core.units",
}


def __getattr__(name: str) -> Any:  # noqa: ANN401 - public names of every kind
    """Import the module behind a public name on first use, and keep the name here."""
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'perfscore' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The public names (PEP 562), loaded or not."""
    return sorted(__all__)


__all__ = [
    "DEFAULT_REGISTRY",
    "Aggregation",
    "Band",
    "BatchResult",
    "ChecklistItem",
    "Citation",
    "Diagnostic",
    "Figures",
    "FiguresError",
    "GradeBand",
    "Group",
    "GroupResult",
    "Indicator",
    "IndicatorFigures",
    "IndicatorResult",
    "Location",
    "Pack",
    "PackError",
    "ParseError",
    "Part",
    "PerfscoreError",
    "QualitativeLevel",
    "QualitativeScale",
    "Quantity",
    "Redistribution",
    "Report",
    "ReverseVariant",
    "Review",
    "RoundingMode",
    "RoundingPolicy",
    "RuleKind",
    "RuleRegistry",
    "Scorecard",
    "Severity",
    "Status",
    "Target",
    "Trend",
    "UsageError",
    "__version__",
    "bands",
    "checklist",
    "deduct",
    "equal",
    "execution_rate",
    "figures_from_mapping",
    "formula",
    "load_figures",
    "load_figures_text",
    "load_pack",
    "load_pack_text",
    "manual",
    "max_of",
    "min_of",
    "not_applicable",
    "parse_target",
    "positive",
    "qualitative",
    "reverse",
    "review",
    "score",
    "score_many",
    "sum_of",
    "trend",
]
