"""The public API changes only on purpose, and the package never executes pack content."""

from __future__ import annotations

import re
from pathlib import Path

import perfscore

EXPECTED = {
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
    "Review",
    "review",
    "Trend",
    "trend",
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
}


def test_public_names() -> None:
    """`perfscore.__all__` is exactly the documented public API, and every name resolves."""
    assert set(perfscore.__all__) == EXPECTED
    for name in perfscore.__all__:
        assert getattr(perfscore, name) is not None


def test_errors_share_one_base() -> None:
    """Every error perfscore raises for bad input is a PerfscoreError."""
    for error in (perfscore.PackError, perfscore.FiguresError, perfscore.UsageError, perfscore.ParseError):
        assert issubclass(error, perfscore.PerfscoreError)


def test_no_eval_or_exec_in_the_package() -> None:
    """Packs are data: the package source never calls eval, exec or compile."""
    package = Path(perfscore.__file__).parent
    pattern = re.compile(r"(^|[^_.\w])(eval|exec|compile)\(")
    offenders = [
        f"{path}:{number}"
        for path in package.rglob("*.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if pattern.search(line) and not line.lstrip().startswith("#")
    ]
    assert offenders == []


def test_yaml_loading_touches_no_global_loader() -> None:
    """Loading packs adds nothing to PyYAML's global loaders (no constructors or resolvers)."""
    import yaml  # noqa: PLC0415 - the point is to inspect it after loading

    before = (dict(yaml.SafeLoader.yaml_constructors), dict(yaml.SafeLoader.yaml_implicit_resolvers))
    perfscore.load_pack_text(
        "id: x\ntitle: X\nversion: '1'\nsource: s\nindicators:\n  - {id: a, name: A, weight: 100, rule: manual}\n"
    )
    after = (dict(yaml.SafeLoader.yaml_constructors), dict(yaml.SafeLoader.yaml_implicit_resolvers))
    assert before == after
