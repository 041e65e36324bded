"""Sensitivity and uncertainty: how much a result depends on the weights and the judgements.

``analyse(pack, departments, spread=0.2, samples=1000, seed=0)`` draws weight
perturbations (renormalised at every level of the scheme) and places each qualitative
judgement within the band of its level, then reports per department the range of
totals, the probability of each grade, and which indicators' weights or judgements
most often move the total to another grade. Achievements are read once and re-weighted
for every sample (scores are linear in the weights), in pure Python or — when NumPy is
installed — with matrix products; both give identical numbers for a seed.

Departments come from scorecards (:func:`departments`) or from a compiled batch
(:func:`departments_from_batch`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from perfscore._core.decimals import own_context
from perfscore._core.diagnostics import UsageError, diagnostic
from perfscore._core.model import Indicator, Pack
from perfscore.compiled.leafplan import QUALITATIVE
from perfscore.extras import require
from perfscore.sensitivity.compute import Fixed, push_table, push_table_numpy, run_numpy, run_python, steps
from perfscore.sensitivity.inputs import Department, departments, from_scorecard, from_scores, tree_of
from perfscore.sensitivity.report import DepartmentSensitivity, Driver, SensitivityReport
from perfscore.sensitivity.sampling import draw, draw_numpy

if TYPE_CHECKING:
    from perfscore.compiled import ScoredBatch

DRIVERS = 3  # the drivers a department's report names
MAX_SAMPLES = 100_000  # the draws are held in memory (≈ 200 bytes a sample per indicator, pure Python)


def check_samples(samples: int) -> None:
    """``SENSITIVITY_SAMPLES`` below 1, ``SENSITIVITY_SAMPLES_LIMIT`` above :data:`MAX_SAMPLES`."""
    if samples < 1:
        raise UsageError([diagnostic("SENSITIVITY_SAMPLES", samples=str(samples))])
    if samples > MAX_SAMPLES:
        raise UsageError([diagnostic("SENSITIVITY_SAMPLES_LIMIT", samples=str(samples), limit=str(MAX_SAMPLES))])


@own_context
def analyse(
    pack: Pack,
    units: Sequence[Department],
    *,
    spread: float = 0.2,
    samples: int = 1000,
    seed: int = 0,
    engine: str = "auto",
) -> SensitivityReport:
    """Monte Carlo over weights and judgements (see the module notes); ``engine`` is auto, python or numpy."""
    if not 0 <= spread < 1:
        raise UsageError([diagnostic("SENSITIVITY_SPREAD", text=f"{spread:g}")])
    check_samples(samples)
    vectorised = _engine(engine) == "numpy"
    tree = tree_of(pack)
    ready = [unit for unit in units if unit.problem is None]
    draws = (draw_numpy if vectorised else draw)(tree, ready, spread=spread, samples=samples, seed=seed)
    scale = steps(pack.grades, draws.scale, pack.total)
    leaves = pack.indicators()
    labels = [band.label for band in pack.grades]
    found: dict[int, DepartmentSensitivity] = {}
    for dropped in {unit.dropped for unit in ready}:
        members = [index for index, unit in enumerate(units) if unit.problem is None and unit.dropped == dropped]
        group = [units[index] for index in members]
        held = Fixed.of(group, draws.fraction_bits, vectorised=vectorised)
        nominal = draws.nominal[dropped]
        reference = held.references(nominal, scale)
        outcome = (run_numpy if vectorised else run_python)(held, draws, dropped, tree.judged, scale, reference)
        ranked = (push_table_numpy if vectorised else push_table)(held, outcome, nominal, tree.judged)
        for position, index in enumerate(members):
            unit = group[position]
            counts = outcome.counts[position]
            changed = samples - counts[reference[position]]
            grades = [0] * (len(labels) + 1)
            for step, count in enumerate(counts):
                grades[scale.grade_of[step]] += count
            own = scale.grade_of[reference[position]]
            found[index] = DepartmentSensitivity(
                name=unit.name,
                scored_total=unit.base_total,
                scored_grade=unit.base_grade,
                reference_grade=labels[own] if own < len(labels) else None,
                low=outcome.least[position] / draws.scale,
                high=min(outcome.greatest[position] / draws.scale, float(pack.total)),
                mean=outcome.summed[position] / samples / draws.scale,
                probabilities=tuple((label, grades[k] / samples) for k, label in enumerate(labels)),
                changed=changed / samples,
                drivers=_drivers(ranked[position], changed, leaves, tree.judged, draws.scale),
                unknown=unit.unknown,
                held=unit.held,
            )
    rows = tuple(
        found.get(index)
        or DepartmentSensitivity(
            name=unit.name,
            scored_total=unit.base_total,
            scored_grade=unit.base_grade,
            reference_grade=None,
            problem=unit.problem,
        )
        for index, unit in enumerate(units)
    )
    return SensitivityReport(
        pack_id=pack.id,
        pack_version=pack.version,
        samples=samples,
        seed=seed,
        spread=spread,
        total=pack.total,
        engine="NumPy" if vectorised else "pure Python",
        departments=rows,
    )


def _drivers(
    ranked: Sequence[tuple[int, int, str]], changed: int, leaves: Sequence[Indicator], judged: Sequence[int], unit: int
) -> tuple[Driver, ...]:
    """The first few pushes (already ranked) that pushed toward the grade change, as drivers."""
    found: list[Driver] = []
    for push, order, source in ranked:
        if push <= 0 or not changed or len(found) == DRIVERS:
            break
        index = order if order < len(leaves) else judged[order - len(leaves)]
        leaf = leaves[index]
        found.append(Driver(indicator=leaf.id, name=leaf.name, source=source, push=push / unit / changed))
    return tuple(found)


def _engine(engine: str) -> str:
    if engine == "python":
        return engine
    if engine == "numpy":
        require("numpy", extra="fast", feature="vectorised sensitivity analysis")
        return engine
    try:
        import numpy as np  # noqa: F401, PLC0415 - only to know whether the vectorised extra is there
    except ImportError:
        return "python"
    return "numpy"


@own_context
def departments_from_batch(batch: ScoredBatch, names: Iterable[str] | None = None) -> tuple[Department, ...]:
    """Departments from a compiled batch scored with ``explain=True``.

    A department the fast loop scored is read from its kept points (and the levels its
    record gives); one the exact engine scored, from its scorecard.
    """
    compiled = batch.compiled
    pack = compiled.pack
    labels = list(names) if names is not None else [str(index) for index in range(len(batch))]
    level_columns = {
        j: str(params[2])
        for j, (kind, params) in enumerate(zip(compiled.kinds, compiled.params, strict=True))
        if kind == QUALITATIVE
    }
    found = []
    for index, label in enumerate(labels):
        view = batch[index]
        if batch.points_q is None or batch.engine_result(index) is not None:
            found.append(from_scorecard(pack, batch.scorecard(index), label))
            continue
        record = view.record
        scores = [score or Decimal(0) for score in view.scores().values()]
        levels = [_text(record.get(level_columns[j])) if j in level_columns else None for j in range(len(scores))]
        found.append(from_scores(pack, label, scores, levels, view.total, view.grade))
    return tuple(found)


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


__all__ = [
    "DepartmentSensitivity",
    "Driver",
    "SensitivityReport",
    "analyse",
    "departments",
    "departments_from_batch",
]
