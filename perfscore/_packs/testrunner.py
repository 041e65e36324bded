"""Running pack tests: score each case, compare with what it expects, explain each failure.

A failure names the case, what was checked, the expected and the computed value, and
carries the explanation of the score (total → group → indicator → rule → figure), so
an author sees *why* the pack scores differently from what they expected.
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from perfscore._core.decimals import plain
from perfscore._core.diagnostics import Diagnostic, FiguresError, Lang, Severity, diagnostic
from perfscore._core.engine import score
from perfscore._core.scorecard import Scorecard
from perfscore._packs.testcases import Expectation, TestCase, TestSuite, Value
from perfscore._views.explain import score_text


@attrs.frozen(kw_only=True)
class Failure:
    """A failed expectation (or figures that could not be scored) and the explanation to show."""

    diagnostic: Diagnostic
    explanation: str | None = None


@attrs.frozen(kw_only=True)
class CaseResult:
    """One case: its scorecard (None when its figures could not be scored) and its failures."""

    case: TestCase
    card: Scorecard | None
    failures: tuple[Failure, ...] = ()

    @property
    def passed(self) -> bool:
        """Whether every expectation held."""
        return not self.failures


def run_suite(suite: TestSuite, lang: str | None = None) -> tuple[CaseResult, ...]:
    """Run every case of ``suite``; explanations are in ``lang`` (the pack's language by default)."""
    return tuple(run_case(suite, case, lang) for case in suite.cases)


def run_case(suite: TestSuite, case: TestCase, lang: str | None = None) -> CaseResult:
    """Score the case and check each expectation."""
    try:
        card = score(suite.pack, case.figures)
    except FiguresError as err:
        problems = tuple(Failure(diagnostic=d) for d in err.diagnostics if d.severity is Severity.ERROR)
        return CaseResult(case=case, card=None, failures=problems)
    failures = []
    for expectation in case.expectations:
        have = _actual(card, expectation)
        if not _matches(expectation.value, have, case.tolerance):
            failures.append(_failure(case, expectation, have, card, lang))
    return CaseResult(case=case, card=card, failures=tuple(failures))


def _actual(card: Scorecard, expectation: Expectation) -> Value | None:
    """What the scorecard gives for the expectation: a number, a range, a label, a flag."""
    if expectation.kind in {"score", "level"}:
        node = card[expectation.node_id or ""]
        if expectation.kind == "level":
            return getattr(node, "level", None)
        return node.score if node.score is not None else (node.low, node.high)
    if expectation.kind == "total":
        return card.total if card.total is not None else (card.low, card.high)
    if expectation.kind == "grade":
        return card.grade
    if expectation.kind == "grades_possible":
        return card.grades_possible
    return card.partial


def _matches(want: Value, have: Value | None, tolerance: Decimal) -> bool:
    if isinstance(want, bool) or isinstance(have, bool):
        return want is have
    if isinstance(want, Decimal) and isinstance(have, Decimal):
        return abs(want - have) <= tolerance
    pairs = isinstance(want, tuple) and isinstance(have, tuple) and len(want) == len(have) == 2  # noqa: PLR2004
    if pairs and all(isinstance(item, Decimal) for item in (*want, *have)):  # type: ignore[misc]
        return all(abs(w - h) <= tolerance for w, h in zip(want, have, strict=True))  # type: ignore[arg-type, operator]
    return want == have


def shown(value: Value | None) -> str:
    """A value as a failure message shows it: ``13.5``, ``78.86–98.86``, ``优、良``, ``—``."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return plain(value)
    if isinstance(value, tuple):
        if len(value) == 2 and all(isinstance(item, Decimal) for item in value):  # noqa: PLR2004
            return f"{plain(value[0])}–{plain(value[1])}"  # type: ignore[arg-type]
        return "、".join(str(item) for item in value) or "—"
    return str(value)


def _failure(
    case: TestCase, expectation: Expectation, have: Value | None, card: Scorecard, lang: str | None
) -> Failure:
    what, what_zh = expectation.describe()
    problem = diagnostic(
        "TEST_FAILED",
        location=expectation.location,
        path=card.node(expectation.node_id).path if expectation.node_id else (),  # type: ignore[union-attr]
        test=case.name,
        what=what,
        what_zh=what_zh,
        want=shown(expectation.value),
        have=shown(have),
        expected=shown(expectation.value),
        got=shown(have),
    )
    if expectation.node_id is not None:
        return Failure(diagnostic=problem, explanation=card.explain(expectation.node_id, lang))
    language: Lang = "zh" if (lang or card.language) == "zh" else "en"
    lines = [
        f"{node.name}: {score_text(node.score, node.low, node.high, node.weight, language)}" for node in card.children
    ]
    return Failure(diagnostic=problem, explanation="\n".join(lines))
