"""Shared fixtures: the repository's paths and the bundled Baiyun pack and figures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import perfscore

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
EXAMPLES = ROOT / "examples"

settings.register_profile("ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
#: The long run's budget per fuzz test; PERFSCORE_FUZZ_EXAMPLES lowers or raises it for one run (the
#: tests that generate whole packs take ~40 ms an example, so 100,000 of them is over an hour each).
LONG_EXAMPLES = int(os.environ.get("PERFSCORE_FUZZ_EXAMPLES", "100000"))
settings.register_profile("long", max_examples=LONG_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
settings.register_profile("default", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "default")


@pytest.fixture(scope="session")
def baiyun_plan() -> perfscore.Pack:
    """The 表1 plan pack."""
    return perfscore.load_pack(RULES / "baiyun-2021-plan.yaml")


@pytest.fixture(scope="session")
def baiyun_pack() -> perfscore.Pack:
    """The 表2 final pack (plan plus section 三's adjustments)."""
    return perfscore.load_pack(RULES / "baiyun-2021.yaml")


@pytest.fixture(scope="session")
def baiyun_figures() -> perfscore.Figures:
    """The department's figures transcribed from the seed."""
    return perfscore.load_figures(EXAMPLES / "baiyunhu-2021.yaml")


@pytest.fixture(scope="session")
def baiyun_card(baiyun_pack: perfscore.Pack, baiyun_figures: perfscore.Figures) -> perfscore.Scorecard:
    """The Baiyun scorecard."""
    return perfscore.score(baiyun_pack, baiyun_figures)


def run_cli(*argv: str) -> tuple[int, str, str]:
    """Run the perfscore CLI in-process; return (exit code, stdout, stderr)."""
    import io  # noqa: PLC0415 - only the CLI tests need it

    from perfscore.cli import main  # noqa: PLC0415

    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


# ---- CI: a test that skips for want of an extra is a failure -------------------------------

#: Skipped tests, collected when PERFSCORE_REQUIRE_EXTRAS is set (CI sets it: the test extra installs
#: every optional extra, so a skip there means an extra failed to install or to import).
_SKIPPED: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Note each skipped test, except those with their own switch: browser (PERFSCORE_REQUIRE_BROWSER), shells."""
    exempt = "browser" in report.keywords or "shells" in report.keywords
    if report.skipped and os.environ.get("PERFSCORE_REQUIRE_EXTRAS") and not exempt:
        _SKIPPED.append(report.nodeid)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail a run that skipped tests when every extra was meant to be installed."""
    if _SKIPPED and exitstatus == 0:
        print(f"\nPERFSCORE_REQUIRE_EXTRAS is set, yet {len(_SKIPPED)} tests skipped:", *_SKIPPED, sep="\n  ")  # noqa: T201
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
