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

if TYPE_CHECKING:  # the same names for type checkers and editors (a test holds them to _WHERE)
    from perfscore._analysis.review import (
        Review as Review,
    )
    from perfscore._analysis.review import (
        review as review,
    )
    from perfscore._analysis.trend import (
        Trend as Trend,
    )
    from perfscore._analysis.trend import (
        trend as trend,
    )
    from perfscore._batch.many import (
        BatchResult as BatchResult,
    )
    from perfscore._batch.many import (
        score_many as score_many,
    )
    from perfscore._core.decimals import (
        RoundingMode as RoundingMode,
    )
    from perfscore._core.decimals import (
        RoundingPolicy as RoundingPolicy,
    )
    from perfscore._core.diagnostics import (
        Diagnostic as Diagnostic,
    )
    from perfscore._core.diagnostics import (
        FiguresError as FiguresError,
    )
    from perfscore._core.diagnostics import (
        Location as Location,
    )
    from perfscore._core.diagnostics import (
        PackError as PackError,
    )
    from perfscore._core.diagnostics import (
        ParseError as ParseError,
    )
    from perfscore._core.diagnostics import (
        PerfscoreError as PerfscoreError,
    )
    from perfscore._core.diagnostics import (
        Severity as Severity,
    )
    from perfscore._core.diagnostics import (
        UsageError as UsageError,
    )
    from perfscore._core.engine import (
        score as score,
    )
    from perfscore._core.figures import (
        Figures as Figures,
    )
    from perfscore._core.figures import (
        IndicatorFigures as IndicatorFigures,
    )
    from perfscore._core.model import (
        Aggregation as Aggregation,
    )
    from perfscore._core.model import (
        Citation as Citation,
    )
    from perfscore._core.model import (
        GradeBand as GradeBand,
    )
    from perfscore._core.model import (
        Group as Group,
    )
    from perfscore._core.model import (
        Indicator as Indicator,
    )
    from perfscore._core.model import (
        Pack as Pack,
    )
    from perfscore._core.model import (
        QualitativeLevel as QualitativeLevel,
    )
    from perfscore._core.model import (
        QualitativeScale as QualitativeScale,
    )
    from perfscore._core.model import (
        Redistribution as Redistribution,
    )
    from perfscore._core.model import (
        ReverseVariant as ReverseVariant,
    )
    from perfscore._core.scorecard import (
        GroupResult as GroupResult,
    )
    from perfscore._core.scorecard import (
        IndicatorResult as IndicatorResult,
    )
    from perfscore._core.scorecard import (
        Scorecard as Scorecard,
    )
    from perfscore._core.scorecard import (
        Status as Status,
    )
    from perfscore._core.targets import (
        Target as Target,
    )
    from perfscore._core.targets import (
        parse_target as parse_target,
    )
    from perfscore._core.units import (
        Quantity as Quantity,
    )
    from perfscore._inputs.figures import (
        figures_from_mapping as figures_from_mapping,
    )
    from perfscore._inputs.figures import (
        load_figures as load_figures,
    )
    from perfscore._inputs.figures import (
        load_figures_text as load_figures_text,
    )
    from perfscore._packs.loader import (
        load_pack as load_pack,
    )
    from perfscore._packs.loader import (
        load_pack_text as load_pack_text,
    )
    from perfscore.reports.report import (
        Report as Report,
    )
    from perfscore.rules import (
        DEFAULT_REGISTRY as DEFAULT_REGISTRY,
    )
    from perfscore.rules import (
        Band as Band,
    )
    from perfscore.rules import (
        ChecklistItem as ChecklistItem,
    )
    from perfscore.rules import (
        Part as Part,
    )
    from perfscore.rules import (
        RuleKind as RuleKind,
    )
    from perfscore.rules import (
        RuleRegistry as RuleRegistry,
    )
    from perfscore.rules import (
        bands as bands,
    )
    from perfscore.rules import (
        checklist as checklist,
    )
    from perfscore.rules import (
        equal as equal,
    )
    from perfscore.rules import (
        execution_rate as execution_rate,
    )
    from perfscore.rules import (
        manual as manual,
    )
    from perfscore.rules import (
        max_of as max_of,
    )
    from perfscore.rules import (
        min_of as min_of,
    )
    from perfscore.rules import (
        not_applicable as not_applicable,
    )
    from perfscore.rules import (
        positive as positive,
    )
    from perfscore.rules import (
        qualitative as qualitative,
    )
    from perfscore.rules import (
        reverse as reverse,
    )
    from perfscore.rules import (
        sum_of as sum_of,
    )
    from perfscore.rules.deduct import (
        deduct as deduct,
    )
    from perfscore.rules.formulas import (
        formula as formula,
    )

__version__ = "0.1.0"

# The public API, listed once: name -> the module that defines it. ``__all__``, ``dir()`` and the
# lazy loader are derived from it; the TYPE_CHECKING imports above mirror it for type checkers
# (tests/test_public_api.py holds the two together).
_WHERE: dict[str, str] = {
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
    "formula": "perfscore.rules.formulas",
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


__all__ = ["__version__", *_WHERE]  # noqa: PLE0604 - derived from the one table above
