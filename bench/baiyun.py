"""The Baiyun pack as a batch workload: seeded figures for N departments, and a hand-written scorer.

Every department gets the figures the Baiyun pack reads, drawn from one seed: the two
budget amounts (execution 80–105% of the adjusted budget), each assessor's qualitative
score within the indicator's weight (two decimals, at times three: 1.875 lands on a
rounding edge), and the actuals of the six 正向 indicators (percentages around 100, or
counts around the ≥100场 targets). ``plain_score`` is the same scheme written by hand in
floats, in the style of bench-peers' plain scorer — the baseline its ratios are taken
against.
"""

from __future__ import annotations

import random

import perfscore
from perfscore.rules.budget import ExecutionRate
from perfscore.rules.comparative import Positive
from perfscore.rules.judgement import Qualitative

SEED = 20210101


def make_records(pack: perfscore.Pack, n: int, seed: int = SEED) -> list[dict]:
    """``n`` departments' figures for ``pack`` (the Baiyun 表2 pack), keyed by perfscore's default names."""
    rnd = random.Random(seed)
    leaves = pack.indicators()
    records = []
    for index in range(n):
        level = rnd.uniform(0.55, 1.0)  # how well this department did overall
        budget = round(rnd.uniform(5_000, 30_000), 2)
        record: dict = {
            "id": f"D{index + 1:06d}",
            "amounts:budget.adjusted": budget,
            "amounts:budget.executed": round(budget * rnd.uniform(0.8, 1.05), 2),
        }
        for leaf in leaves:
            rule, weight = leaf.rule, float(leaf.weight)
            if isinstance(rule, Qualitative):
                places = 3 if rnd.random() < 0.05 else 2
                record[f"{leaf.id}:score"] = round(min(weight, weight * level * rnd.uniform(0.85, 1.15)), places)
            elif isinstance(rule, Positive):
                target = float(rule.target.quantity.value)
                record[f"{leaf.id}:actual"] = round(target * level * rnd.uniform(0.9, 1.2), 2)
        records.append(record)
    return records


def plan(pack: perfscore.Pack) -> tuple:
    """The pack as flat tuples for the hand-written scorer: (kind, key, target key, weight, group slots)."""
    slots = {group.id: index for index, group in enumerate(pack.groups())}
    leaves = []
    for path, node in pack.walk():
        if isinstance(node, perfscore.Group):
            continue
        groups = tuple(slots[g] for g in path)
        rule = node.rule
        if isinstance(rule, Qualitative):
            leaves.append((0, f"{node.id}:score", None, float(node.weight), groups))
        elif isinstance(rule, Positive):
            leaves.append((1, f"{node.id}:actual", float(rule.target.quantity.value), float(node.weight), groups))
        elif isinstance(rule, ExecutionRate):
            leaves.append((2, "amounts:budget.executed", "amounts:budget.adjusted", float(node.weight), groups))
    grades = tuple((float(band.low), band.label) for band in pack.grades)
    return tuple(leaves), len(slots), grades


def plain_score(compiled: tuple, records: list[dict]) -> tuple[list, list, list]:
    """Totals, group subtotals and grades in floats: one loop, kind dispatch by if/elif."""
    leaves, width, grades = compiled
    totals, groups_out, grades_out = [], [], []
    for r in records:
        g = [0.0] * width
        total = 0.0
        for kind, key, target, w, groups in leaves:
            if kind == 0:  # the assessor's score
                s = r[key]
            elif kind == 1:  # 正向 against a fixed target
                x = r[key] / target
                s = w if x >= 1.0 else w * x
            else:  # executed ÷ adjusted budget
                x = r[key] / r[target]
                s = w if x >= 1.0 else w * x
            total += s
            for slot in groups:
                g[slot] += s
        label = grades[-1][1]
        for low, name in grades:
            if total >= low:
                label = name
                break
        totals.append(total)
        groups_out.append(g)
        grades_out.append(label)
    return totals, groups_out, grades_out
