"""Drawing the samples: perturbed weights, renormalised at every level, and judgement positions.

For each sample, every node of the pack's tree — group or indicator — draws a factor
``u`` uniform in ``[1 − s, 1 + s]`` (``s`` is ``--weights``, 0.2 for ±20%). Level by
level, the perturbed weights ``u × w`` of siblings are scaled so that they add up to
their parent's (already renormalised) weight, and the top level to the pack's total:
the scheme keeps its shape, only the balance inside each level moves. Indicators that
do not apply take no part. Each qualitative indicator also draws ``v`` uniform in
``[0, 1)``: a department's judgement sits at ``low + v × span`` of its band, the same
position for every department in that sample (common random numbers: each department
still sees a uniform judgement; comparisons between departments are sharper).

The numbers come from Python's ``random.Random(seed)`` in a fixed order — per sample, the
nodes in pack order, then the judged indicators. The NumPy computation draws the very
same stream (the Mersenne Twister state is handed over) and repeats every floating-point
operation in the same order, so both compute the same weights. Weights and achievements
then become integers (fixed point, chosen so that nothing exceeds 2⁵³ or 2⁶², see
:func:`bits_for`), which both computations add up exactly: the two give identical results.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from typing import Any

import attrs

from perfscore.sensitivity.inputs import Department, Tree


@attrs.frozen(kw_only=True)
class Draws:
    """The samples, per set of dropped indicators: rows of integers (lists, or NumPy arrays)."""

    weights: dict[frozenset[str], Any]  # samples × indicators: each indicator's weight
    moved: dict[frozenset[str], Any]  # samples × judged indicators: weight × position in the band
    nominal: dict[frozenset[str], list[int]]  # each indicator's weight, unperturbed
    weight_bits: int  # weights are multiples of 2**-weight_bits points
    fraction_bits: int  # achievements are multiples of 2**-fraction_bits

    @property
    def scale(self) -> int:
        """A total of T stands for T / scale points."""
        return 1 << (self.weight_bits + self.fraction_bits)


def bits_for(tree: Tree, samples: int) -> tuple[int, int]:
    """Fixed-point widths: totals stay below 2**52, sums of weights over the samples below 2**62."""
    size = math.ceil(math.log2(tree.total * 1.5 + len(tree.leaves) + 2))
    headroom = min(52 - size, 61 - size - math.ceil(math.log2(samples + 1)))
    return headroom // 2, headroom - headroom // 2


def fixed(values: Sequence[float], bits: int) -> list[int]:
    """Achievements as integers, multiples of ``2**-bits`` (Python's round, half to even)."""
    unit = float(1 << bits)
    return [round(value * unit) for value in values]


def draw(tree: Tree, departments: Sequence[Department], *, spread: float, samples: int, seed: int) -> Draws:
    """The samples for ``departments``, as lists of integers (see the module notes)."""
    rng = random.Random(seed)  # noqa: S311 - a reproducible simulation, not a secret
    factors: list[list[float]] = []
    positions: list[list[float]] = []
    for _ in range(samples):
        factors.append([1.0 + spread * (2.0 * rng.random() - 1.0) for _ in tree.ids])
        positions.append([rng.random() for _ in tree.judged])
    weight_bits, fraction_bits = bits_for(tree, samples)
    unit = float(1 << weight_bits)
    weights, moved, nominal = {}, {}, {}
    for dropped in _dropped_sets(departments):
        live = _live(tree, dropped)
        rows, shifted = [], []
        for sample in range(samples):
            leaf = _renormalised(tree, live, factors[sample])
            rows.append([round(w * unit) for w in leaf])
            shifted.append([round(leaf[j] * positions[sample][k] * unit) for k, j in enumerate(tree.judged)])
        weights[dropped], moved[dropped] = rows, shifted
        nominal[dropped] = [round(w * unit) for w in _renormalised(tree, live, [1.0] * len(tree.ids))]
    return Draws(weights=weights, moved=moved, nominal=nominal, weight_bits=weight_bits, fraction_bits=fraction_bits)


def draw_numpy(tree: Tree, departments: Sequence[Department], *, spread: float, samples: int, seed: int) -> Draws:
    """The same samples as :func:`draw`, computed with NumPy (the same numbers, as arrays)."""
    import numpy as np  # noqa: PLC0415 - the vectorised extra

    state = random.Random(seed).getstate()[1]  # noqa: S311 - the same reproducible stream as draw()
    generator = np.random.RandomState()
    generator.set_state(("MT19937", np.asarray(state[:624], dtype=np.uint32), state[624], 0, 0.0))
    nodes, judged = len(tree.ids), len(tree.judged)
    drawn = generator.random_sample(samples * (nodes + judged)).reshape(samples, nodes + judged)
    factors, positions = 1.0 + spread * (2.0 * drawn[:, :nodes] - 1.0), drawn[:, nodes:]
    weight_bits, fraction_bits = bits_for(tree, samples)
    unit = float(1 << weight_bits)
    weights, moved, nominal = {}, {}, {}
    for dropped in _dropped_sets(departments):
        live = _live(tree, dropped)
        leaf = _renormalised_columns(np, tree, live, factors)
        weights[dropped] = np.rint(leaf * unit)
        moved[dropped] = np.rint(leaf[:, list(tree.judged)] * positions * unit).reshape(samples, judged)
        nominal[dropped] = [round(w * unit) for w in _renormalised(tree, live, [1.0] * nodes)]
    return Draws(weights=weights, moved=moved, nominal=nominal, weight_bits=weight_bits, fraction_bits=fraction_bits)


def _dropped_sets(departments: Sequence[Department]) -> list[frozenset[str]]:
    found = {department.dropped for department in departments} or {frozenset()}
    return sorted(found, key=sorted)


def _live(tree: Tree, dropped: frozenset[str]) -> list[bool]:
    """Which nodes take part: not dropped, and (for a group) holding something that takes part."""
    live = [node_id not in dropped for node_id in tree.ids]
    leaves = set(tree.leaves)
    holds = [False] * len(tree.ids)
    for node in reversed(range(len(tree.ids))):  # children come after their parents
        if node not in leaves and not holds[node]:
            live[node] = False
        if live[node] and tree.parents[node] >= 0:
            holds[tree.parents[node]] = True
    return live


def _renormalised(tree: Tree, live: list[bool], factors: Sequence[float]) -> list[float]:
    """Each indicator's weight after perturbing every node and rescaling each level to its parent."""
    perturbed = [w * u if alive else 0.0 for w, u, alive in zip(tree.weights, factors, live, strict=True)]
    level_sum: dict[int, float] = {}
    for node, parent in enumerate(tree.parents):
        level_sum[parent] = level_sum.get(parent, 0.0) + perturbed[node]
    final = [0.0] * len(tree.ids)
    for node, parent in enumerate(tree.parents):  # parents come before their children
        space = tree.total if parent < 0 else final[parent]
        denominator = level_sum[parent]
        final[node] = space * perturbed[node] / denominator if denominator else 0.0
    return [final[node] for node in tree.leaves]


def _renormalised_columns(np: Any, tree: Tree, live: list[bool], factors: Any) -> Any:  # noqa: ANN401
    """:func:`_renormalised` for every sample at once: the same operations, in the same order."""
    samples = factors.shape[0]
    perturbed = [tree.weights[n] * factors[:, n] if live[n] else np.zeros(samples) for n in range(len(tree.ids))]
    level_sum: dict[int, Any] = {}
    for node, parent in enumerate(tree.parents):
        level_sum[parent] = level_sum.get(parent, 0.0) + perturbed[node]
    final: list[Any] = [None] * len(tree.ids)
    for node, parent in enumerate(tree.parents):
        space = tree.total if parent < 0 else final[parent]
        denominator = level_sum[parent]
        with np.errstate(invalid="ignore", divide="ignore"):
            value = space * perturbed[node] / denominator
        final[node] = np.where(denominator != 0, value, 0.0)
    return np.stack([final[node] for node in tree.leaves], axis=1)
