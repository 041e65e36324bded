"""The browser form of `perfscore serve`, in Debian's Chromium driven by Playwright (perfscore[serve] + playwright).

A real server on the loopback interface, a real browser: pick the Baiyun pack, type
the Baiyun figures into the form the page generates, watch it score (49.5 of 50 for
年度主要支出计划), download the figures as YAML and score that file with the CLI. A
screenshot of the filled form is kept in ``build/serve-form.png`` for a person to look at.
Playwright never downloads a browser here: it launches ``/usr/bin/chromium``. Skipped
when chromium is missing, unless ``PERFSCORE_REQUIRE_BROWSER=1`` (then it fails).
"""

from __future__ import annotations

import importlib
import json
import os
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLES, ROOT, run_cli

pytestmark = pytest.mark.browser
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _need(module: str):
    """Import ``module``; skip without it, but fail where CI requires every extra (the test extra installs it)."""
    if os.environ.get("PERFSCORE_REQUIRE_EXTRAS"):
        return importlib.import_module(module)
    return pytest.importorskip(module)


@pytest.fixture(scope="module")
def chromium() -> str:
    """Debian's chromium, or a skip (a failure where CI requires the browser)."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        reason = "chromium is not installed (apt-get install -y chromium); .ci/run installs it"
        if os.environ.get("PERFSCORE_REQUIRE_BROWSER") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    return found


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """`perfscore serve`'s app under uvicorn on 127.0.0.1 (a free port), for this module's tests."""
    uvicorn = _need("uvicorn")
    from perfscore._serve.app import create_app  # noqa: PLC0415
    from perfscore._serve.packs import load_served  # noqa: PLC0415

    here = Path.cwd()
    os.chdir(ROOT)
    try:
        app = create_app(load_served(["rules/baiyun-2021.yaml"]))
    finally:
        os.chdir(here)
    instance = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not instance.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert instance.started, "the server did not start"
    port = instance.servers[0].sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(timeout=15)


@pytest.fixture
def page(chromium: str):
    """A fresh page in headless Chromium (never a browser Playwright would download)."""
    sync_api = _need("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=FLAGS)
        context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
        tab = context.new_page()
        tab.set_default_timeout(30_000)
        try:
            yield tab
        finally:
            context.close()
            browser.close()


def _value(data: dict, key: str) -> object:
    """The figure at ``id:key`` (or an amount's dotted path) in the figures file's plain data."""
    found: object = data
    for part in key.split("."):
        if not isinstance(found, dict) or part not in found:
            return None
        found = found[part]
    return found.get("total") if isinstance(found, dict) else found


def test_typing_the_baiyun_figures_scores_them_and_the_download_scores_the_same(page, server, tmp_path) -> None:
    """Fill the form from examples/baiyunhu-2021.yaml: 49.5 / 50 for 年度主要支出计划; the YAML scores the same."""
    data = yaml.safe_load((EXAMPLES / "baiyunhu-2021.yaml").read_text(encoding="utf-8"))
    page.goto(server + "/")
    page.wait_for_selector("body[data-ready]")
    page.select_option("#pack", "baiyun-2021")
    page.wait_for_selector('body[data-pack="baiyun-2021"]')
    page.fill("#department", data["department"])
    page.fill("#year", str(data["year"]))
    filled = 0
    for amount in page.eval_on_selector_all("input[data-amount]", "nodes => nodes.map(n => n.dataset.amount)"):
        value = _value(data["amounts"], amount)
        if value is not None:  # an amount the rule may read instead (budget.rate) is left empty, as in the file
            page.fill(f'input[data-amount="{amount}"]', str(value))
            filled += 1
    for key in page.eval_on_selector_all("input[data-key]", "nodes => nodes.map(n => n.dataset.key)"):
        indicator, figure = key.split(":")
        value = data["indicators"].get(indicator, {}).get(figure)
        if value is not None:
            page.fill(f'input[data-key="{key}"]', str(value))
            filled += 1
    assert filled > 30
    page.wait_for_function("document.querySelector('[data-group-score=\"plan\"]').textContent === '49.5'")
    plan = page.locator("li", has=page.locator('[data-group-score="plan"]')).inner_text()
    assert "年度主要支出计划" in plan
    assert plan.endswith("49.5 / 50")
    assert page.inner_text('[data-score="t3.water_projects"]') == "0.5"
    assert page.inner_text('[data-subtotal="t3"]') == "13.5"
    assert "78.86–98.86" in page.inner_text("#total")
    keep = ROOT / "build"
    keep.mkdir(exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(keep / "serve-form.png"))  # for a person to look at
    with page.expect_download() as download:
        page.click("#download-figures")
    saved = tmp_path / "figures.yaml"
    download.value.save_as(saved)
    code, out, err = run_cli("score", str(ROOT / "rules/baiyun-2021.yaml"), str(saved), "--format", "json")
    assert code == 0, err
    mine = json.loads(out)
    code, out, _ = run_cli(
        "score", str(ROOT / "rules/baiyun-2021.yaml"), str(EXAMPLES / "baiyunhu-2021.yaml"), "--format", "json"
    )
    theirs = json.loads(out)

    def scores(nodes):
        for node in nodes:
            yield node["id"], node["score"], node["range"]
            yield from scores(node.get("children", []))

    assert list(scores(mine["children"])) == list(scores(theirs["children"]))
    assert (mine["range"], mine["grades_possible"]) == (theirs["range"], theirs["grades_possible"])
    with page.expect_download() as report:
        page.click("#download-html")
    assert "49.5" in Path(report.value.path()).read_text(encoding="utf-8")


def test_english_page(page, server) -> None:
    """/?lang=en is in English, and the page works the same."""
    page.goto(server + "/?lang=en")
    page.wait_for_selector("body[data-ready]")
    assert page.locator("html").get_attribute("lang") == "en"
    headers = page.eval_on_selector_all("#scores th", "nodes => nodes.map(n => n.textContent)")
    assert headers[:2] == ["task", "indicator"]
