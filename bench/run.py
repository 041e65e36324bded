"""perfscore's benchmark: the six speed targets of issue 6, and sensitivity, measured as ratios in one run.

    python bench/run.py            # everything, a few minutes
    python bench/run.py --quick    # smaller sizes, about a minute and a half: a smoke test of the same code

Workloads: the bench-peers synthetic scheme (40 indicators in 6 groups; ``workload.py``)
as the perfscore pack ``synthetic-40x6.yaml``, and the Baiyun pack with seeded figures
(``baiyun.py``). Peers run on the same data in the same run: the hand-written plain
Python scorer, the NumPy scorer and OpenFisca-core (``pip install -r
bench/requirements.txt``; without it the bench says so and reports the rest).

Times are CPU seconds of this process, single-threaded, best of interleaved rounds
(``timing.py``). Before any timing, every result is checked: the compiled batch
against ``perfscore.score`` department by department (the whole batch; ``--quick``
checks its first 300), and the vectorised path against the compiled batch over the
whole batch. The last line printed is one JSON object holding every figure.
"""

from __future__ import annotations

import os

for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")  # one thread everywhere: CPU time is then the work done

import argparse  # noqa: E402
import compileall  # noqa: E402
import json  # noqa: E402
import multiprocessing  # noqa: E402
import platform  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from concurrent.futures import ProcessPoolExecutor  # noqa: E402
from pathlib import Path  # noqa: E402

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import baiyun  # noqa: E402
import batchbench  # noqa: E402
import numpy as np  # noqa: E402
import workload  # noqa: E402
from peers import numpy_impl, plain  # noqa: E402
from timing import race  # noqa: E402

import perfscore  # noqa: E402
from perfscore.compiled import compile_pack, figures_from_record, score_arrays, score_batch, score_one  # noqa: E402
from perfscore.sensitivity import analyse, departments_from_batch  # noqa: E402

try:
    from peers import openfisca_impl
except ImportError as missing:  # the peer is optional: say so, measure the rest
    openfisca_impl = None
    OPENFISCA_MISSING = f"OpenFisca-core is not installed ({missing}); pip install -r bench/requirements.txt"
else:
    OPENFISCA_MISSING = ""

TARGETS = {
    "1": ("batch, pure Python, exact (N={n_batch})", "time ÷ plain", 1.5),
    "2": ("batch keeping every indicator's explanation (N={n_batch})", "time ÷ plain", 4.0),
    "3": ("one department with its full explanation (N=1)", "time ÷ plain", 4.0),
    "4a": ("vectorised, columns in (N={n_big})", "time ÷ OpenFisca", 1.0),
    "4b": ("vectorised, list of records in (N={n_big})", "time ÷ plain", 1 / 1.5),
    "5a": ("import perfscore, then reach its loader and engine", "time ÷ import attrs, yaml, tabulate", 1.3),
    "5b": ("load and validate the Baiyun pack", "time ÷ yaml.CSafeLoader parse", 3.0),
    "6": ("peak memory, batch mode (N={n_memory})", "peak ÷ plain's peak", 2.0),
    "S1": ("sensitivity 1,000 samples × 1,000 departments, NumPy", "seconds", 0.1),
    "S2": ("sensitivity 1,000 samples × 1,000 departments, pure Python", "seconds", 1.5),
    **batchbench.TARGETS,
}


STARTED = time.perf_counter()


def say(text: str) -> None:
    print(f"[{time.perf_counter() - STARTED:6.1f} s] {text}" if text else "", flush=True)


def machine() -> dict[str, object]:
    """What the numbers were measured on."""
    from importlib import metadata  # noqa: PLC0415

    found: dict[str, object] = {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
    }
    try:
        lines = Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines()
        models = [line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")]
        found["cpu"] = f"{models[0]} ×{len(models)}" if models else None
    except OSError:
        found["cpu"] = None
    for package in ("numpy", "pandas", "OpenFisca-Core", "dask", "attrs", "PyYAML", "tabulate"):
        try:
            found[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            found[package] = None
    return found


def check_pack() -> perfscore.Pack:
    """The committed synthetic pack is exactly what workload.py writes for the peers' scheme."""
    path = HERE / "synthetic-40x6.yaml"
    if path.read_text(encoding="utf-8") != workload.pack_yaml():
        raise SystemExit(f"{path} differs from workload.pack_yaml(): regenerate it")
    return perfscore.load_pack(path)


def exactness(pack: perfscore.Pack, compiled, records: list, limit: int) -> dict[str, object]:
    """Batch results against perfscore.score, department by department (on every core)."""
    started = time.perf_counter()
    result = score_batch(compiled, records, explain=True)
    expected = []
    for index in range(min(limit, len(records))):
        view = result[index]
        groups = tuple(view.group_score(g.id) for g in pack.groups())
        expected.append((view.total, view.grade, tuple(sorted(view.scores().items())), groups))
    chunks = [range(start, min(start + 250, len(expected))) for start in range(0, len(expected), 250)]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=os.cpu_count(), mp_context=context) as pool:
        found = pool.map(_engine_results, [(pack, compiled, [records[i] for i in chunk]) for chunk in chunks])
        engine = [item for chunk in found for item in chunk]
    mismatches = sum(ours != theirs for ours, theirs in zip(expected, engine, strict=True))
    return {
        "checked": len(expected),
        "of": len(records),
        "mismatches": mismatches,
        "seconds": round(time.perf_counter() - started, 1),
        "statuses": result.counts(),
    }


def _engine_results(job: tuple) -> list[tuple]:
    """perfscore.score's numbers for some records (run in a worker process)."""
    pack, compiled, records = job
    found = []
    for record in records:
        card = perfscore.score(pack, figures_from_record(compiled, record))
        groups = tuple(card[g.id].score for g in pack.groups())
        found.append((card.total, card.grade, tuple(sorted((r.id, r.score) for r in card.indicators())), groups))
    return found


def same_results(first, second) -> bool:
    """Two batch results agree on every total, grade, group subtotal and status."""
    if first.totals() != second.totals() or first.grades() != second.grades():
        return False
    if any(first.group_scores(g.group.id) != second.group_scores(g.group.id) for g in first.compiled.groups):
        return False
    return all(first.status(i) == second.status(i) for i in range(len(first)))


def subprocess_times(code: str, runs: int) -> list[float]:
    """Seconds ``code`` reports for itself in fresh interpreters."""
    times = []
    for _ in range(runs):
        found = subprocess.run(  # noqa: S603 - this interpreter, code written in this file
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
        )
        times.append(float(found.stdout.strip().splitlines()[-1]))
    return times


IMPORT = "import time\nstart = time.perf_counter()\n{body}\nprint(time.perf_counter() - start)"


def import_times(runs: int) -> dict[str, float]:
    """Median seconds of ``import perfscore`` and of importing its three dependencies, alternating.

    The package is lazy (PEP 562), so a bare ``import perfscore`` loads almost nothing; target
    5a is measured on the import a user actually pays for, ``import perfscore`` followed by
    reaching ``perfscore.score`` and ``perfscore.load_pack`` (which loads the engine, the
    loader and attrs and yaml with them). Its bytecode is compiled first, as ``pip install``
    does: the dependencies come from site-packages with theirs, and timing perfscore's
    compilation from source (PYTHONDONTWRITEBYTECODE, an editable install) would compare
    a compiler with an import.
    """
    compileall.compile_dir(ROOT / "perfscore", quiet=1)
    ours, theirs, full = [], [], []
    for _ in range(runs):
        ours += subprocess_times(IMPORT.format(body="import perfscore"), 1)
        theirs += subprocess_times(IMPORT.format(body="import attrs, yaml, tabulate"), 1)
        full += subprocess_times(IMPORT.format(body="import perfscore\nperfscore.score, perfscore.load_pack"), 1)
    return {
        "import_perfscore": statistics.median(ours),
        "import_dependencies": statistics.median(theirs),
        "import_perfscore_engine_and_loader": statistics.median(full),
    }


def load_times(rounds: int, sample: float) -> dict[str, float]:
    """Loading and validating the Baiyun pack against parsing its two files with yaml.CSafeLoader."""
    import yaml  # noqa: PLC0415

    files = [ROOT / "rules" / "baiyun-2021.yaml", ROOT / "rules" / "baiyun-2021-plan.yaml"]

    def parse() -> None:
        for path in files:
            with path.open("rb") as handle:
                yaml.load(handle, Loader=yaml.CSafeLoader)

    best = race({"yaml": parse, "load_pack": lambda: perfscore.load_pack(files[0])}, rounds=rounds, sample=sample)
    return {"yaml_parse": best["yaml"], "load_pack": best["load_pack"]}


def memory(size: int, *, rss: bool) -> dict[str, object]:
    """Peak memory of plain and of the batch paths, each in a fresh interpreter."""
    found: dict[str, object] = {}
    for which in ("plain", "batch", "explain"):
        modes = ("trace", "rss") if rss else ("trace",)
        for mode in modes:
            out = subprocess.run(  # noqa: S603 - this interpreter running bench/memory.py
                [sys.executable, str(HERE / "memory.py"), which, str(size), mode],
                capture_output=True,
                text=True,
                check=True,
                cwd=ROOT,
            )
            found[f"{which}_{mode}"] = json.loads(out.stdout.strip().splitlines()[-1])
    return found


def main() -> None:  # noqa: PLR0915 - one measurement after another, in the order they are printed
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes: about a minute and a half")
    args = parser.parse_args()
    quick = args.quick
    n_batch, n_big = (1_000, 10_000) if quick else (10_000, 100_000)
    rounds, sample = (2, 0.1) if quick else (7, 0.3)
    figures: dict[str, object] = {"quick": quick, "machine": machine(), "sizes": {"batch": n_batch, "big": n_big}}
    say(f"perfscore benchmark ({'quick' if quick else 'full'}): {figures['machine']}")
    if OPENFISCA_MISSING:
        say(f"NOTE: {OPENFISCA_MISSING} — target 4a cannot be compared and is reported as not measured.")

    # ---- workloads and exactness -------------------------------------------------------
    pack = check_pack()
    spec = workload.make_spec()
    compiled = compile_pack(pack, columns=workload.columns())
    data = workload.make_data(spec, n_batch)
    records = data.records
    limit = 150 if quick else n_batch
    figures["exact_synthetic"] = exactness(pack, compiled, records, limit)
    say(f"exact: synthetic batch vs perfscore.score: {figures['exact_synthetic']}")
    baiyun_pack = perfscore.load_pack(ROOT / "rules" / "baiyun-2021.yaml")
    baiyun_compiled = compile_pack(baiyun_pack)
    baiyun_records = baiyun.make_records(baiyun_pack, n_batch)
    figures["exact_baiyun"] = exactness(baiyun_pack, baiyun_compiled, baiyun_records, limit)
    say(f"exact: Baiyun batch vs perfscore.score: {figures['exact_baiyun']}")

    # ---- targets 1-3: the pure-Python paths --------------------------------------------
    peer = plain.load(workload.spec_json(spec))
    numpy_peer = numpy_impl.load(workload.spec_json(spec))
    one = records[:1]
    times = race(
        {
            "plain": lambda: plain.score(peer, records),
            "batch": lambda: score_batch(compiled, records),
            "batch_explained": lambda: score_batch(compiled, records, explain=True),
            "numpy_peer_from_records": lambda: numpy_impl.RecordsVariant.score(numpy_peer, records),
        },
        rounds=rounds,
        sample=sample,
    )
    ones = race(
        {"plain_one": lambda: plain.score(peer, one), "one": lambda: score_one(compiled, one[0])},
        rounds=rounds,
        sample=sample,
    )
    materialise = race(
        {"scorecard": lambda: score_one(compiled, one[0]).scorecard()}, rounds=1 if quick else 3, sample=sample
    )
    figures["synthetic"] = {**times, **ones, "materialised_scorecard": materialise["scorecard"]}
    baiyun_plan = baiyun.plan(baiyun_pack)
    baiyun_times = race(
        {
            "plain": lambda: baiyun.plain_score(baiyun_plan, baiyun_records),
            "batch": lambda: score_batch(baiyun_compiled, baiyun_records),
            "batch_explained": lambda: score_batch(baiyun_compiled, baiyun_records, explain=True),
        },
        rounds=rounds,
        sample=sample,
    )
    baiyun_ones = race(
        {
            "plain_one": lambda: baiyun.plain_score(baiyun_plan, baiyun_records[:1]),
            "one": lambda: score_one(baiyun_compiled, baiyun_records[0]),
        },
        rounds=rounds,
        sample=sample,
    )
    figures["baiyun"] = {**baiyun_times, **baiyun_ones}
    say(f"times (s): synthetic {figures['synthetic']}; Baiyun {figures['baiyun']}")

    # ---- target 4: the vectorised path -------------------------------------------------
    big = workload.make_data(spec, n_big)
    columns = {}
    for j, indicator in enumerate(spec["indicators"]):
        columns[indicator["code"] + "_a"] = np.ascontiguousarray(big.A[:, j])
        columns[indicator["code"] + "_t"] = np.ascontiguousarray(big.T[:, j])
    big_records = big.records
    vectorised = score_arrays(compiled, columns, explain=True)
    from_records = score_arrays(compiled, big_records)
    reference = score_batch(compiled, big_records, explain=True)
    figures["exact_vectorised"] = {
        "departments": n_big,
        "columns_equal_batch": same_results(vectorised, reference),
        "records_equal_batch": same_results(from_records, reference),
        "points_equal_batch": bool(np.array_equal(np.asarray(vectorised.points_q), np.asarray(reference.points_q))),
    }
    say(f"exact: vectorised vs compiled batch over all {n_big}: {figures['exact_vectorised']}")
    contenders = {
        "arrays": lambda: score_arrays(compiled, columns),
        "numpy_peer": lambda: numpy_impl.score(numpy_peer, numpy_impl.inputs(big)),
    }
    if openfisca_impl is not None:
        fisca = openfisca_impl.load(workload.spec_json(spec))
        fisca_inputs = openfisca_impl.inputs(big)
        contenders["openfisca"] = lambda: openfisca_impl.score(fisca, fisca_inputs)
    figures["vectorised"] = race(contenders, rounds=rounds, sample=sample)
    figures["vectorised"].update(
        race(
            {
                "plain": lambda: plain.score(peer, big_records),
                "arrays_from_records": lambda: score_arrays(compiled, big_records),
            },
            rounds=max(2, rounds - 3),
            sample=sample,
        )
    )
    say(f"times (s) at N={n_big}: {figures['vectorised']}")

    # ---- target 5: import and load ------------------------------------------------------
    figures["startup"] = {**import_times(3 if quick else 15), **load_times(rounds, sample)}
    say(f"startup (s): {figures['startup']}")

    # ---- target 6: memory ----------------------------------------------------------------
    figures["memory"] = memory(2_000 if quick else n_big, rss=not quick)  # tracemalloc slows scoring ~10×
    say(f"memory: {figures['memory']}")

    # ---- sensitivity ---------------------------------------------------------------------
    sens_records = workload.make_data(spec, 1000).records
    units = departments_from_batch(score_batch(compiled, sens_records, explain=True))
    same = (
        analyse(pack, units, samples=1000, seed=7, engine="python").departments
        == analyse(pack, units, samples=1000, seed=7, engine="numpy").departments
    )
    sens = race(
        {
            "numpy": lambda: analyse(pack, units, samples=1000, seed=7, engine="numpy"),
            "python": lambda: analyse(pack, units, samples=1000, seed=7, engine="python"),
        },
        rounds=1 if quick else 3,
        sample=0.0,
    )
    import sensitivity_peers  # noqa: PLC0415

    weights = sensitivity_peers.perturbations(spec, 1000)
    sens_data = workload.make_data(spec, 1000)
    peers_sens = {
        "numpy_factored_peer": lambda: sensitivity_peers.numpy_factored(spec, sens_data.A, sens_data.T, weights)
    }
    if not quick:
        peers_sens["plain_factored_peer"] = lambda: sensitivity_peers.plain_factored(spec, sens_data.records, weights)
    sens.update(race(peers_sens, rounds=1 if quick else 2, sample=0.0))
    figures["sensitivity"] = {**sens, "engines_identical": same}
    say(f"sensitivity 1000 × 1000 (s): {figures['sensitivity']}")

    # ---- issue 13: perfscore batch at scale ------------------------------------------
    figures["batch_at_scale"] = batchbench.measure(quick=quick, say=say)

    # ---- the targets -----------------------------------------------------------------
    synthetic, vector, startup, mem = figures["synthetic"], figures["vectorised"], figures["startup"], figures["memory"]
    measured = {
        "1": synthetic["batch"] / synthetic["plain"],
        "2": synthetic["batch_explained"] / synthetic["plain"],
        "3": synthetic["one"] / synthetic["plain_one"],
        "4a": vector["arrays"] / vector["openfisca"] if "openfisca" in vector else None,
        "4b": vector["arrays_from_records"] / vector["plain"],
        "5a": startup["import_perfscore_engine_and_loader"] / startup["import_dependencies"],
        "5b": startup["load_pack"] / startup["yaml_parse"],
        "6": mem["batch_trace"]["peak_bytes"] / mem["plain_trace"]["peak_bytes"],
        "S1": figures["sensitivity"]["numpy"],
        "S2": figures["sensitivity"]["python"],
        **batchbench.ratios(figures["batch_at_scale"]),
    }
    exact = (
        figures["exact_synthetic"]["mismatches"] == 0
        and figures["exact_baiyun"]["mismatches"] == 0
        and all(figures["exact_vectorised"].values())
        and same
        and figures["batch_at_scale"]["tables"]["totals_equal_hand_written"]
        and figures["batch_at_scale"]["folder"]["b4r_same_results"] is not False  # B4r: before and now agree
    )
    results = {}
    say("")
    say(f"{'target':<6} {'what':<62} {'measured':>10} {'limit':>8}  holds")
    for key, (what, unit, limit) in TARGETS.items():
        value = measured[key]
        holds = None if value is None else value <= limit
        label = what.format(
            n_batch=n_batch,
            n_big=n_big,
            n_memory=2_000 if quick else n_big,
            **batchbench.sizes(quick=quick),
        )
        results[key] = {"what": label, "measured": value, "limit": limit, "unit": unit, "holds": holds}
        shown = "n/a" if value is None else f"{value:.3f}"
        verdict = "NOT MEASURED" if holds is None else ("yes" if holds else "NO")
        say(f"{key:<6} {label:<62} {shown:>10} {limit:>8.3f}  {verdict}   ({unit})")
    baiyun_ratio = figures["baiyun"]["batch"] / figures["baiyun"]["plain"]
    say(
        f"Baiyun workload (not a peer target): batch {baiyun_ratio:.2f}× its hand-written plain scorer, "
        f"explained {figures['baiyun']['batch_explained'] / figures['baiyun']['plain']:.2f}×, "
        f"one department {figures['baiyun']['one'] / figures['baiyun']['plain_one']:.2f}×"
    )
    fold = figures["batch_at_scale"]["folder"]
    say(
        f"B4 context (not a target): two processes run a plain loop {fold['machine_two_process_speedup']:.2f}× "
        f"as fast as one on this machine now; --jobs 2 gave {fold['wall_one_process'] / fold['wall_two_processes']:.2f}×"
    )
    bare = startup["import_perfscore"] / startup["import_dependencies"]
    say(f"bare 'import perfscore' (lazy, not a target): {bare:.3f} × importing attrs, yaml and tabulate")
    say(f"every result exact: {'yes' if exact else 'NO'}")
    figures["targets"] = results
    figures["exact"] = exact
    print(json.dumps(figures, ensure_ascii=False, default=str), flush=True)


if __name__ == "__main__":
    main()
