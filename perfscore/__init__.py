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

Everything public is imported here; the modules behind it are internal and may move.
"""

from perfscore.batch import BatchResult, score_many
from perfscore.decimals import RoundingMode, RoundingPolicy
from perfscore.diagnostics import (
    Diagnostic,
    FiguresError,
    Location,
    PackError,
    ParseError,
    PerfscoreError,
    Severity,
    UsageError,
)
from perfscore.engine import score
from perfscore.figures import Figures, IndicatorFigures
from perfscore.figuresloader import figures_from_mapping, load_figures, load_figures_text
from perfscore.model import (
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
from perfscore.packloader import load_pack, load_pack_text
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
    deduct,
    equal,
    execution_rate,
    formula,
    manual,
    max_of,
    min_of,
    not_applicable,
    positive,
    qualitative,
    reverse,
    sum_of,
)
from perfscore.scorecard import GroupResult, IndicatorResult, Scorecard, Status
from perfscore.targets import Target, parse_target
from perfscore.units import Quantity

__version__ = "0.1.0"

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
    "RoundingMode",
    "RoundingPolicy",
    "RuleKind",
    "RuleRegistry",
    "Scorecard",
    "Severity",
    "Status",
    "Target",
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
    "score",
    "score_many",
    "sum_of",
]
