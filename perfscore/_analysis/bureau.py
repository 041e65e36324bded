"""Many departments' self-evaluations against the bureau's reviews: the statistics a bureau publishes.

``perfscore review PACK SELF_DIR REVIEW_DIR`` pairs the figures files of the two
folders by the department and year each file names (not by file name: reviewers
rename files), compares each pair (:func:`perfscore.review`), and summarises: the
mean and the largest absolute difference of the totals, the share of departments
whose grade the review changed, the indicators most often marked down, and the
departments ranked by over-claim. Statistics are taken over what is known: a
department scored only partially on either side has a range, not a total, so it is
counted apart (``undecided``) and never averaged in as if its total were known.
"""

from __future__ import annotations

import os
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal

import attrs

from perfscore._analysis.review import Review, compare
from perfscore._core.decimals import CONTEXT, ZERO, div, total
from perfscore._core.diagnostics import Diagnostic, Location, PerfscoreError, UsageError, diagnostic
from perfscore._core.figures import Figures
from perfscore._core.model import Pack
from perfscore._text.names import named

SUFFIXES = (".yaml", ".yml")


@attrs.frozen(kw_only=True)
class MarkedDown:
    """An indicator the reviewers lowered: how many departments, and how many points in all."""

    id: str
    name: str
    count: int
    points: Decimal


@attrs.frozen(kw_only=True)
class BureauReview:
    """The reviews of many departments and the statistics over them."""

    pairs: tuple[Review, ...]  # ranked by over-claim, largest first
    problems: tuple[Diagnostic, ...]  # unpaired files (warnings) and files that could not be read (errors)
    mean_difference: Decimal | None  # mean |self − review| of the exact totals
    largest_difference: Decimal | None
    largest: Review | None
    undecided: int  # pairs where either side is a range
    grade_changed: int
    grade_known: int
    marked_down: tuple[MarkedDown, ...]

    @property
    def grade_changed_share(self) -> Decimal | None:
        """The share (0–1) of departments, among those with both grades known, whose grade changed."""
        return None if not self.grade_known else div(Decimal(self.grade_changed), Decimal(self.grade_known))

    @property
    def ok(self) -> bool:
        """Whether every file was read."""
        return not any(problem.severity.value == "error" for problem in self.problems)

    def to_dict(self, lang: str | None = None) -> dict[str, object]:
        """The JSON contract as plain data."""
        from perfscore._analysis.bureauviews import bureau_to_dict  # noqa: PLC0415 - views live at the edge

        return bureau_to_dict(self, lang)


def _files(folder: str) -> list[str]:
    return sorted(
        os.path.join(folder, name)
        for name in os.listdir(folder)
        if name.endswith(SUFFIXES) and not name.startswith(".") and os.path.isfile(os.path.join(folder, name))
    )


def _load(folder: str, problems: list[Diagnostic]) -> dict[tuple[str, int | None], tuple[str, Figures]]:
    from perfscore._inputs.figures import load_figures  # noqa: PLC0415 - keep `import perfscore` light

    found: dict[tuple[str, int | None], tuple[str, Figures]] = {}
    for path in _files(folder):
        try:
            figures = load_figures(path)
        except PerfscoreError as problem:
            problems.extend(problem.diagnostics)
            continue
        key = (figures.department or os.path.splitext(os.path.basename(path))[0], figures.year)
        if key in found:
            problems.append(
                diagnostic(
                    "REVIEW_DUPLICATE",
                    location=Location(file=path),
                    file=path,
                    other=found[key][0],
                    department=key[0],
                    year=key[1] or "?",
                )
            )
            continue
        found[key] = (path, figures)
    return found


def _unpaired(path: str, key: tuple[str, int | None], side: str) -> Diagnostic:
    side_zh, side_en = named(f"review.side.{side}")
    return diagnostic(
        "REVIEW_UNPAIRED",
        location=Location(file=path),
        file=path,
        department=key[0],
        year=key[1] or "?",
        side=side_en,
        side_zh=side_zh,
    )


def _score_pair(pack: Pack, pair: tuple[tuple[str, Figures], tuple[str, Figures]], threshold: Decimal) -> Review:
    from perfscore._core.engine import score  # noqa: PLC0415

    (_, mine), (_, theirs) = pair
    return compare(score(pack, mine), score(pack, theirs), mine, theirs, threshold)


def _rank_key(item: Review) -> tuple[int, Decimal]:
    diff = item.total_difference
    return (0, -diff.value) if diff.value is not None else (1, -diff.high)


def review_folders(pack: Pack, self_dir: str, review_dir: str, *, threshold: Decimal = ZERO) -> BureauReview:
    """Pair, compare and summarise; raises ``REVIEW_EMPTY`` when no file pairs."""
    problems: list[Diagnostic] = []
    mine, theirs = _load(self_dir, problems), _load(review_dir, problems)
    pairs: list[Review] = []
    for key, entry in mine.items():
        if key not in theirs:
            problems.append(_unpaired(entry[0], key, "review"))
            continue
        try:
            pairs.append(_score_pair(pack, (entry, theirs[key]), threshold))
        except PerfscoreError as problem:
            problems.extend(problem.diagnostics)
    problems.extend(_unpaired(path, key, "self") for key, (path, _) in theirs.items() if key not in mine)
    if not pairs:
        raise UsageError([diagnostic("REVIEW_EMPTY", self=self_dir, review=review_dir), *problems])
    pairs.sort(key=_rank_key)
    exact = [item for item in pairs if item.total_difference.value is not None]
    gaps = [abs(item.total_difference.value) for item in exact if item.total_difference.value is not None]
    largest = max(exact, key=lambda item: abs(item.total_difference.value or ZERO), default=None)
    counts: Counter[str] = Counter()
    points: dict[str, Decimal] = {}
    names: dict[str, str] = {}
    for item in pairs:
        for node in item.indicators():
            if node.marked_down:
                counts[node.id] += 1
                points[node.id] = total([points.get(node.id, ZERO), node.difference.low])
                names[node.id] = node.name
    order = {node.id: index for index, node in enumerate(pairs[0].indicators())}
    marked = sorted(counts, key=lambda node_id: (-counts[node_id], -points[node_id], order.get(node_id, 0)))
    known = [item for item in pairs if item.grade_changed is not None]
    return BureauReview(
        pairs=tuple(pairs),
        problems=tuple(problems),
        mean_difference=(
            div(total(gaps), Decimal(len(gaps))).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP, context=CONTEXT)
            if gaps
            else None
        ),
        largest_difference=None if largest is None else abs(largest.total_difference.value or ZERO),
        largest=largest,
        undecided=len(pairs) - len(exact),
        grade_changed=sum(1 for item in known if item.grade_changed),
        grade_known=len(known),
        marked_down=tuple(
            MarkedDown(id=node_id, name=names[node_id], count=counts[node_id], points=points[node_id])
            for node_id in marked
        ),
    )
