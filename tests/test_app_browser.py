"""End-to-end: the dashboard in headless Chromium against a real `solara run app.py` server.

One server and one page for the module, driven in order like a user would: load, step,
change the scenario, play to the outcome, compare the lenses, upload a bad file and go on.
Screenshots go to tests/artifacts/. The page must log no console error, no request may fail,
and nothing may be fetched from outside localhost. Needs Debian's chromium (`apt-get install
chromium`; CI installs it); BRINK_SKIP_BROWSER=1 skips these tests instead.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
TIMEOUT_MS = 60_000
BAD_TOML = b'name = "broken"\nsteps = 12\n[[states]]\nname = "Solo"\nmilitary = -1\n'


def _chromium() -> str:
    if os.environ.get("BRINK_SKIP_BROWSER") == "1":
        pytest.skip("BRINK_SKIP_BROWSER=1")
    path = shutil.which("chromium")
    if path is None:
        pytest.fail(
            "the browser tests need Debian's chromium: run `apt-get install chromium` (CI's .ci/run does), "
            "or set BRINK_SKIP_BROWSER=1 to skip them"
        )
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    chromium = _chromium()
    port = _free_port()
    from sim.cli.dashboard import server_env, solara_command

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log = open(ARTIFACTS / "server.log", "w")  # noqa: SIM115 - closed in the finally below
    proc = subprocess.Popen(
        solara_command("127.0.0.1", port, ROOT / "app.py"),
        cwd=ROOT,
        env=server_env(),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                pytest.fail(f"solara exited with code {proc.returncode}; see {ARTIFACTS / 'server.log'}")
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"solara did not answer on {url} within 60 s")
            time.sleep(0.3)
        yield url, chromium
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="module")
def browser_page(server):
    from playwright.sync_api import sync_playwright

    url, chromium = server
    problems: list[str] = []

    def on_request(request):
        host = urlparse(request.url).hostname or ""
        if request.url.startswith(("http:", "https:", "ws:", "wss:")) and host not in LOCAL_HOSTS:
            problems.append(f"request to a non-local host: {request.url}")

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1500, "height": 1100})
        page.set_default_timeout(TIMEOUT_MS)
        page.on("console", lambda m: m.type == "error" and problems.append(f"console error: {m.text}"))
        page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
        page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url} ({r.failure})"))
        page.on("request", on_request)
        page.goto(url)
        page.wait_for_selector(".brink-chart-tension .main-svg")
        yield page, problems
        browser.close()


FITTED = """() => Array.from(document.querySelectorAll('.brink-chart')).every((box) => {
  const svg = box.querySelector('.main-svg');
  return !svg || box.clientWidth === 0 || Math.abs(svg.getBoundingClientRect().width - box.clientWidth) <= 4;
})"""


def shot(page, name: str) -> None:
    """A full-page screenshot once every visible chart fills its column."""
    page.wait_for_function(FITTED)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def step_now(page) -> int:
    return int(page.get_attribute(".brink-month", "data-step"))


def chart_points(page, chart: str) -> int:
    return page.evaluate(f"document.querySelector('.brink-chart-{chart} .js-plotly-plot').data[0].x.length")


def network_states(page) -> list[str]:
    return page.evaluate(
        "(() => { const d = document.querySelector('.brink-chart-network .js-plotly-plot').data;"
        " return Array.from(d[d.length - 1].text); })()"
    )


def press_step(page) -> None:
    before = step_now(page)
    page.click(".brink-step")
    page.wait_for_function(f"document.querySelector('.brink-month').dataset.step > {before}")


def test_page_loads_clean(browser_page):
    page, problems = browser_page
    assert step_now(page) == 0
    assert page.locator(".brink-chart").count() == 7
    assert "Russia" in network_states(page)
    shot(page, "01-loaded")
    assert problems == []


def test_scenario_change_and_step_update_the_charts(browser_page):
    page, problems = browser_page
    page.click(".brink-scenario")
    page.click(".v-menu__content .v-list-item:has-text('security_dilemma')")
    page.wait_for_function(
        "(() => { const d = document.querySelector('.brink-chart-network .js-plotly-plot').data;"
        " return Array.from(d[d.length - 1].text || []).includes('Red'); })()"
    )
    assert set(network_states(page)) == {"Red", "Blue", "Green"}
    points = chart_points(page, "tension")
    press_step(page)
    press_step(page)
    page.wait_for_function(
        f"document.querySelector('.brink-chart-tension .js-plotly-plot').data[0].x.length > {points}"
    )
    assert step_now(page) == 2
    shot(page, "02-security-dilemma-step")
    assert problems == []


def test_play_runs_to_an_outcome_banner(browser_page):
    page, problems = browser_page
    page.click(".brink-play")
    page.wait_for_selector(".brink-outcome", timeout=90_000)
    outcome = page.get_attribute(".brink-outcome", "data-outcome")
    assert outcome in {"escalation", "frozen", "settlement", "victory", "ongoing"}
    assert page.locator(".brink-eventlog li").count() > 3
    shot(page, "03-outcome")
    assert problems == []


def test_compare_mode_shows_two_columns(browser_page):
    page, problems = browser_page
    page.click(".brink-view-switch button:has-text('Compare lenses')")
    page.click(".brink-compare-run")
    page.wait_for_selector(".brink-compare-col .brink-chart-tension .main-svg")
    columns = page.locator(".brink-compare-col")
    assert columns.count() == 2
    assert [columns.nth(i).get_attribute("data-lens") for i in range(2)] == ["realism", "liberalism"]
    boxes = [columns.nth(i).bounding_box() for i in range(2)]
    assert boxes[1]["x"] > boxes[0]["x"] + boxes[0]["width"] / 2  # side by side, not stacked
    assert "divergence" in page.inner_text(".brink-divergence").lower() or "agree" in page.inner_text(
        ".brink-divergence"
    )
    shot(page, "04-compare")
    page.click(".brink-view-switch button:has-text('Run')")
    page.wait_for_selector(".brink-chart-tension .main-svg")
    assert problems == []


def test_parameter_sliders_and_per_state_lenses(browser_page):
    page, problems = browser_page
    page.click(".brink-params-switch label")
    page.wait_for_selector(".brink-params .v-slider")
    assert page.locator(".brink-params .v-slider").count() == 10
    page.click(".brink-params-switch label")
    page.click(".brink-lens")
    page.click(".v-menu__content:visible .v-list-item:has-text('per state')")
    page.wait_for_selector("text=Red's lens")
    page.click(".brink-lens")
    page.click(".v-menu__content:visible .v-list-item:has-text('mixed')")
    page.wait_for_selector("text=Red's lens", state="detached")
    assert problems == []


def test_bad_upload_shows_the_error_and_the_app_keeps_working(browser_page, tmp_path):
    page, problems = browser_page
    page.click(".brink-reset")
    page.wait_for_function("document.querySelector('.brink-month').dataset.step == 0")
    bad = tmp_path / "broken.toml"
    bad.write_bytes(BAD_TOML)
    with page.expect_file_chooser() as chooser:
        page.click(".brink-upload button")
    chooser.value.set_files(str(bad))
    error = page.wait_for_selector(".brink-upload-error")
    text = error.inner_text()
    assert "broken.toml" in text and "military" in text
    press_step(page)
    assert step_now(page) == 1
    assert set(network_states(page)) == {"Red", "Blue", "Green"}  # still the scenario from before
    shot(page, "05-bad-upload")
    assert problems == []


@pytest.mark.skipif(os.environ.get("BRINK_DOC_SCREENSHOTS") != "1", reason="set BRINK_DOC_SCREENSHOTS=1")
def test_docs_screenshots(browser_page):
    """Refresh docs/images/dashboard*.png: ukraine_2025, seed 4, played to its outcome."""
    page, problems = browser_page
    page.set_viewport_size({"width": 1500, "height": 1850})
    page.click(".brink-scenario")
    page.click(".v-menu__content .v-list-item:has-text('ukraine_2025')")
    page.wait_for_function(
        "Array.from(document.querySelectorAll('.brink-phasebar')).some(e => e.innerText.includes('Russia'))"
    )
    page.fill(".brink-seed input", "4")
    page.press(".brink-seed input", "Enter")
    page.wait_for_function("document.querySelector('.brink-month').dataset.step == 0")
    page.click(".brink-play")
    page.wait_for_selector(".brink-outcome", timeout=90_000)
    page.wait_for_function(FITTED)
    page.wait_for_timeout(500)
    page.screenshot(path=str(ROOT / "docs" / "images" / "dashboard.png"))
    page.click(".brink-view-switch button:has-text('Compare lenses')")
    page.click(".brink-compare-run")
    page.wait_for_function("!document.querySelector('.brink-compare-note').innerText.includes('changed')")
    page.wait_for_selector(".brink-compare-col .brink-chart-tension .main-svg")
    page.wait_for_function(FITTED)
    page.wait_for_timeout(500)
    page.screenshot(path=str(ROOT / "docs" / "images" / "dashboard-compare.png"))
    assert problems == []
