"""The workloads: the bench-peers synthetic scheme (as a spec and as a perfscore pack) and Baiyun.

The synthetic scheme is copied from ../shared/bench-peers/common.py (same seed, same
generator, so the figures are the ones the peers were measured on): 40 indicators in 6
groups, weights in halves summing to 100, rule kinds proportional (正向, capped), bands
(thresholds → fraction), boolean (是否) and reverse (反向 ratio, capped); grades 优 ≥ 90,
良 ≥ 80, 中 ≥ 60, 差 below. ``pack_yaml`` writes the same scheme as a perfscore pack:

* proportional → ``positive`` with ``target: figures`` (a target of 0 or less earns the
  full weight, as in the peers);
* reverse → ``reverse`` (ratio variant) with ``target: figures``;
* bands → ``bands`` with ``[threshold, next threshold)`` ranges, the top one ``[t, +∞)``;
* boolean (yes when ≥ 0.5) → ``bands`` with the single band ``[0.5, +∞) → 1``.

The records hold ``I01_a`` / ``I01_t`` keys as the peers' do; ``columns()`` maps perfscore's
default names (``I01:actual``, ``I01:target``) to them.

perfscore rounds each indicator to two decimals (四舍五入) as the pack declares, the
peers do not round at all: totals agree to ±0.2, and grades may differ at a grade edge.
What perfscore must equal exactly is its own exact path, ``perfscore.score``.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from decimal import Decimal

import numpy as np

SCHEME_SEED = 20240601
GROUP_SIZES = [8, 7, 7, 6, 6, 6]  # 40 indicators
KIND_MIX = ["proportional"] * 16 + ["bands"] * 10 + ["boolean"] * 7 + ["reverse"] * 7
BAND_TEMPLATES = [
    [[90.0, 1.0], [80.0, 0.8], [70.0, 0.6], [60.0, 0.4]],
    [[95.0, 1.0], [85.0, 0.75], [75.0, 0.5]],
    [[100.0, 1.0], [90.0, 0.9], [80.0, 0.7], [60.0, 0.5]],
]
GRADES = [
    {"min": 90.0, "label": "优"},
    {"min": 80.0, "label": "良"},
    {"min": 60.0, "label": "中"},
    {"min": None, "label": "差"},
]


def make_spec(seed: int = SCHEME_SEED) -> dict:
    """The scheme, exactly as bench-peers/common.py draws it."""
    rnd = random.Random(seed)
    kinds = list(KIND_MIX)
    rnd.shuffle(kinds)
    units = [rnd.randint(3, 7) for _ in range(40)]
    while sum(units) != 200:
        i = rnd.randrange(40)
        if sum(units) < 200 and units[i] < 10:
            units[i] += 1
        elif sum(units) > 200 and units[i] > 2:
            units[i] -= 1
    groups = [{"code": f"G{g + 1}", "name": f"group {g + 1}"} for g in range(len(GROUP_SIZES))]
    indicators = []
    k = 0
    for g, size in enumerate(GROUP_SIZES):
        for _ in range(size):
            kind = kinds[k]
            rule: dict = {"kind": kind}
            if kind == "bands":
                rule["bands"] = rnd.choice(BAND_TEMPLATES)
            indicators.append({"code": f"I{k + 1:02d}", "group": f"G{g + 1}", "weight": units[k] * 0.5, "rule": rule})
            k += 1
    spec = {"name": "synthetic-40x6", "groups": groups, "indicators": indicators, "grades": GRADES}
    if sum(i["weight"] for i in indicators) != 100.0:
        raise ValueError("the synthetic weights must sum to 100")
    return spec


def spec_json(spec: dict | None = None) -> str:
    return json.dumps(spec or make_spec(), ensure_ascii=False)


@dataclass
class Data:
    n: int
    A: np.ndarray  # N x 40 actual values, indicator order
    T: np.ndarray  # N x 40 targets
    ids: list
    _records: list | None = None

    @property
    def records(self) -> list:
        if self._records is None:
            self._records = make_records(self)
        return self._records


def make_data(spec: dict, n: int, seed: int = 12345) -> Data:
    """Seeded figures for ``n`` departments, exactly as bench-peers/common.py draws them."""
    rng = np.random.default_rng(seed)
    m = len(spec["indicators"])
    actual = np.empty((n, m))
    target = np.empty((n, m))
    q = rng.uniform(0.55, 1.15, n)
    for j, ind in enumerate(spec["indicators"]):
        kind = ind["rule"]["kind"]
        if kind == "proportional":
            t = np.round(rng.uniform(50, 150, n), 2)
            a = np.round(t * q * rng.uniform(0.85, 1.2, n), 2)
            t[rng.random(n) < 0.01] = 0.0
        elif kind == "bands":
            a = np.round(np.clip(q * rng.uniform(75, 105, n), 0, 100), 0)
            t = np.full(n, 100.0)
        elif kind == "boolean":
            a = (rng.random(n) < q * 0.85).astype(float)
            t = np.ones(n)
        else:
            t = np.round(rng.uniform(5, 20, n), 2)
            a = np.round(t / q * rng.uniform(0.85, 1.2, n), 2)
            a[rng.random(n) < 0.01] = 0.0
        actual[:, j] = a
        target[:, j] = t
    ids = [f"D{i + 1:06d}" for i in range(n)]
    return Data(n=n, A=actual, T=target, ids=ids)


def record_keys(spec: dict) -> list:
    keys = []
    for ind in spec["indicators"]:
        keys.append(ind["code"] + "_a")
        keys.append(ind["code"] + "_t")
    return keys


def make_records(data: Data) -> list:
    keys = record_keys(make_spec())
    inter = np.empty((data.n, 2 * data.A.shape[1]))
    inter[:, 0::2] = data.A
    inter[:, 1::2] = data.T
    recs = []
    for rid, row in zip(data.ids, inter.tolist(), strict=True):
        d = {"id": rid}
        d.update(zip(keys, row, strict=True))
        recs.append(d)
    return recs


def compare(ref, other, tol=1e-9):
    """ref/other: (totals[N], groups[N,6], grades[N]) arrays; the peers' cross-check."""
    t0, g0, gr0 = ref
    t1, g1, gr1 = other
    dt = float(np.max(np.abs(t0 - t1))) if len(t0) else 0.0
    dg = float(np.max(np.abs(g0 - g1))) if len(g0) else 0.0
    grade_mismatch = int(np.sum(np.asarray(gr0) != np.asarray(gr1)))
    return {
        "max_abs_total": dt,
        "max_abs_group": dg,
        "grade_mismatch": grade_mismatch,
        "ok": dt <= tol and dg <= tol and grade_mismatch == 0,
    }


# ---- the same scheme as a perfscore pack -------------------------------------------


def columns(spec: dict | None = None) -> dict[str, str]:
    """perfscore's default column names → the peers' record keys (targets only where read)."""
    spec = spec or make_spec()
    found = {}
    for ind in spec["indicators"]:
        found[ind["code"] + ":actual"] = ind["code"] + "_a"
        if ind["rule"]["kind"] in {"proportional", "reverse"}:
            found[ind["code"] + ":target"] = ind["code"] + "_t"
    return found


def _number(value: float) -> str:
    return format(Decimal(repr(value)).normalize(), "f")


def _rule(ind: dict) -> dict:
    kind = ind["rule"]["kind"]
    if kind == "proportional":
        return {"kind": "positive", "target": "figures"}
    if kind == "reverse":
        return {"kind": "reverse", "target": "figures", "variant": "ratio"}
    if kind == "boolean":
        return {"kind": "bands", "bands": [{"range": "[0.5, +∞)", "fraction": 1}]}
    bands = sorted(ind["rule"]["bands"], reverse=True)
    table = []
    for index, (threshold, fraction) in enumerate(bands):
        high = "+∞)" if index == 0 else f"{_number(bands[index - 1][0])})"
        table.append({"range": f"[{_number(threshold)}, {high}", "fraction": _number(fraction)})
    return {"kind": "bands", "bands": table}


def pack_yaml(spec: dict | None = None) -> str:
    """The synthetic scheme as a perfscore pack (JSON, which is YAML)."""
    spec = spec or make_spec()
    children = []
    for group in spec["groups"]:
        members = [ind for ind in spec["indicators"] if ind["group"] == group["code"]]
        weight = sum(Decimal(repr(ind["weight"])) for ind in members)
        children.append(
            {
                "id": group["code"],
                "name": group["name"],
                "weight": _number(float(weight)),
                "children": [
                    {"id": ind["code"], "name": ind["code"], "weight": _number(ind["weight"]), "rule": _rule(ind)}
                    for ind in members
                ],
            }
        )
    pack = {
        "perfscore": 1,
        "id": "synthetic-40x6",
        "title": "Synthetic scheme: 40 indicators in 6 groups (bench-peers, seed 20240601)",
        "version": "1.0.0",
        "source": {"title": "bench-peers common.py", "note": "generated by bench/workload.py; do not edit"},
        "total": 100,
        "rounding": {"decimals": 2, "mode": "half_up"},
        "grades": [
            {"label": "优", "range": "[90, 100]"},
            {"label": "良", "range": "[80, 90)"},
            {"label": "中", "range": "[60, 80)"},
            {"label": "差", "range": "[0, 60)"},
        ],
        "indicators": children,
    }
    text = json.dumps(pack, ensure_ascii=False, indent=1)
    # numbers, not strings, for weights and fractions
    return re.sub(r'"(weight|fraction)": "([0-9.]+)"', r'"\1": \2', text) + "\n"
