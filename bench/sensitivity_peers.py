"""The bench-peers sensitivity workload's two factored forms, for reference (copied from sens.py).

plain-factored: achievement fractions once (pure Python), then Σ fᵢ·wᵢ per department and
perturbation; numpy-factored: fractions once, then one matrix product. Neither draws
judgements, renormalises by level, grades, or attributes changes — perfscore's analysis
does all of that — so they bound what pure re-weighting costs.
"""

from __future__ import annotations

from operator import mul

import numpy as np
from peers import numpy_impl, plain


def perturbations(spec: dict, p: int, seed: int = 777) -> np.ndarray:
    rng = np.random.default_rng(seed)
    w = np.array([float(i["weight"]) for i in spec["indicators"]])
    weights = w * rng.uniform(0.8, 1.2, size=(p, len(w)))
    return weights / weights.sum(axis=1, keepdims=True) * 100.0


def plain_factored(spec: dict, records: list, weights: np.ndarray) -> list:
    fractions = plain.fractions(plain.compile_spec(spec), records)
    return [[sum(map(mul, row, w)) for row in fractions] for w in weights.tolist()]


def numpy_factored(spec: dict, actual: np.ndarray, target: np.ndarray, weights: np.ndarray) -> np.ndarray:
    compiled = numpy_impl.compile_spec(spec)
    return weights @ numpy_impl.fractions(compiled, actual, target).T
