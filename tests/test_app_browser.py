"""End-to-end: the dashboard in headless Chromium against a real `solara run app.py` server.

One server for the module. Each control is used at a phone (400 px), a projector (1280x720)
and a wide screen (1920 px), each width in its own browser session, as a user would: open
the page, step, play and pause, move sliders, change seed and lens, open the views, run a
comparison and an ensemble, load files. Screenshots go to tests/artifacts/. Every page must
log no console error or warning from the app, no request may fail, and nothing may be fetched
from outside localhost; the server log must stay free of warnings. Needs Debian's chromium
(`apt-get install chromium`); BRINK_SKIP_BROWSER=1 skips these tests instead.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import pytest

from sim.scenario import load_scenario, resolve_path

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
WIDTHS = {400: 800, 1280: 720, 1920: 1080}
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


@contextmanager
def solara_server(app: Path, cwd: Path, log_path: Path) -> Iterator[str]:
    """`solara run app` on a free local port, logging to `log_path`; yields its URL once it answers."""
    from sim.cli.dashboard import server_env, solara_command

    port = _free_port()
    with log_path.open("w") as log:
        proc = subprocess.Popen(
            solara_command("127.0.0.1", port, app),
            cwd=cwd,
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
                    pytest.fail(f"solara exited with code {proc.returncode}; see {log_path}")
                try:
                    with urllib.request.urlopen(url, timeout=2) as response:
                        if response.status == 200:
                            break
                except OSError:
                    pass
                if time.monotonic() > deadline:
                    pytest.fail(f"solara did not answer on {url} within 60 s")
                time.sleep(0.3)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


@pytest.fixture(scope="module")
def server():
    chromium = _chromium()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log_path = ARTIFACTS / "server.log"
    with solara_server(ROOT / "app.py", ROOT, log_path) as url:
        yield url, chromium, log_path


@pytest.fixture(scope="module")
def browser(server):
    from playwright.sync_api import sync_playwright

    _url, chromium, _log = server
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


class Session:
    """One browser session (a student's tab) at one window size, recording every problem."""

    def __init__(self, browser, url: str, width: int, ready: str = ".brink-chart-network .main-svg"):
        self.width = width
        self.problems: list[str] = []
        self.context = browser.new_context(viewport={"width": width, "height": WIDTHS[width]}, accept_downloads=True)
        self.page = self.context.new_page()
        self.page.set_default_timeout(TIMEOUT_MS)
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.page.on("requestfailed", lambda r: self.problems.append(f"request failed: {r.url} ({r.failure})"))
        self.page.on("request", self._request)
        self.page.goto(url)
        self.page.wait_for_selector(ready)

    def _console(self, message) -> None:
        if message.type in ("error", "warning"):
            self.problems.append(f"console {message.type}: {message.text}")

    def _request(self, request) -> None:
        host = urlparse(request.url).hostname or ""
        if request.url.startswith(("http:", "https:", "ws:", "wss:")) and host not in LOCAL_HOSTS:
            self.problems.append(f"request to a non-local host: {request.url}")

    def shot(self, name: str) -> None:
        self.page.wait_for_timeout(300)
        self.page.screenshot(path=str(ARTIFACTS / f"{self.width}-{name}.png"), full_page=False)

    def step_now(self) -> int:
        return int(self.page.get_attribute(".brink-month", "data-step"))

    def wait_step(self, cond: str) -> None:
        self.page.wait_for_function(
            f"(() => {{ const m = document.querySelector('.brink-month'); if (!m) {{ return false; }}"
            f" const s = +m.dataset.step; return {cond}; }})()"
        )

    def controls(self) -> None:
        """Open the control panel (it starts folded on a phone)."""
        if self.page.locator(".brink-controls").count() == 0:
            self.page.click(".brink-controls-toggle")
            self.page.wait_for_selector(".brink-controls")

    def choose(self, select: str, item: str) -> None:
        self.page.click(select)
        self.page.click(f".v-menu__content:visible .v-list-item:has-text('{item}')")

    def click_slider(self, selector: str, fraction: float) -> None:
        """Click a slider's track at `fraction` of its width (as a user sets a value)."""
        slider = self.page.locator(selector)
        slider.scroll_into_view_if_needed()
        box = slider.bounding_box()
        self.page.mouse.click(box["x"] + box["width"] * fraction, box["y"] + box["height"] / 2)

    def view(self, name: str) -> None:
        self.page.click(f".brink-view-switch button:has-text('{name}')")


@pytest.fixture(scope="module", params=sorted(WIDTHS))
def session(request, browser, server):
    s = Session(browser, server[0], request.param)
    yield s
    s.context.close()


def test_page_opens_with_the_key_charts_in_view(session):
    page = session.page
    assert session.step_now() == 0
    assert page.locator(".brink-chart").count() == 8
    if session.width < 760:
        # phone: controls folded away, charts in one column, the toggle brings the controls
        assert page.locator(".brink-controls").count() == 0
        boxes = [page.locator(f".brink-chart-{n}").bounding_box() for n in ("network", "trust-threat")]
        assert abs(boxes[0]["x"] - boxes[1]["x"]) < 2 and boxes[1]["y"] > boxes[0]["y"]
        assert all(b["width"] <= session.width for b in boxes)
        page.click(".brink-quick-step")  # Step and Play stay in the header while the panel is folded
        session.wait_step("s === 1")
    else:
        assert page.locator(".brink-controls").is_visible()
        height = WIDTHS[session.width]
        for name in ("network", "trust-threat"):  # above the fold, titles visible
            box = page.locator(f".brink-chart-{name}").bounding_box()
            assert box["y"] >= 0 and box["y"] + box["height"] <= height, name
            title = page.locator(f".brink-chart-{name} .gtitle").bounding_box()
            assert title and title["x"] >= box["x"] and title["y"] >= box["y"]
    assert "seed 1" in page.inner_text(".brink-phasebar")
    page.wait_for_function("location.search.includes('scenario=ukraine_2025')")  # the address names the run
    session.shot("01-open")
    assert session.problems == []


def test_step_play_and_pause_stop_on_the_month_shown(session):
    page = session.page
    session.controls()
    session.choose(".brink-scenario", "security_dilemma")
    page.wait_for_selector(".brink-phasebar:has-text('Red')")
    page.click(".brink-step")
    session.wait_step("s === 1")
    page.click(".brink-play")
    session.wait_step("s >= 4")
    seen = page.evaluate(
        "() => { const s = document.querySelector('.brink-month').dataset.step;"
        " document.querySelector('.brink-play').click(); return +s; }"
    )
    page.wait_for_selector(".brink-play:has-text('Play')")
    page.wait_for_timeout(800)  # a late month would show up here
    assert session.step_now() == seen, "pause must stop on the month on screen"
    assert page.locator(".brink-eventlog li").count() >= 1
    session.shot("02-paused")
    assert session.problems == []


def test_sliders_show_values_units_and_help(session):
    page = session.page
    session.controls()
    assert "months / s" in page.inner_text(".brink-speed-label")
    page.click(".brink-params-switch label")
    page.wait_for_selector(".brink-params .v-slider")
    params = page.locator(".brink-param")
    assert params.count() == 10
    text = page.inner_text(".brink-param[data-param='entanglement_rate']")
    assert "Chance an ally with troops is drawn in" in text and "% / month" in text
    assert "_" not in page.inner_text(".brink-params")
    assert page.get_attribute(".brink-param[data-param='fog']", "title")  # the schema's description on hover
    before = page.inner_text(".brink-param[data-param='fog'] .brink-param-value")
    session.click_slider(".brink-param[data-param='fog'] .v-slider", 0.9)
    page.wait_for_function(
        f"document.querySelector(\".brink-param[data-param='fog'] .brink-param-value\").innerText !== {before!r}"
    )
    session.wait_step("s === 0")  # a new parameter value starts a new run
    session.shot("03-sliders")
    page.click('button:has-text("Back to the scenario\'s values")')
    page.click(".brink-params-switch label")
    assert session.problems == []


def test_seed_lens_and_colour_controls(session):
    page = session.page
    session.controls()
    page.fill(".brink-seed input", "7")
    page.press(".brink-seed input", "Enter")
    page.wait_for_selector(".brink-phasebar:has-text('seed 7')")
    page.wait_for_function("location.search.includes('seed=7')")
    session.choose(".brink-lens", "per state")
    page.wait_for_selector("text=Red's lens")
    session.choose(".brink-lens", "liberalism")
    page.wait_for_selector("text=Red's lens", state="detached")
    page.wait_for_selector(".brink-phasebar:has-text('Red: liberalism')")
    page.click(".brink-controls button:has-text('trust')")
    page.locator(".brink-chart-network").scroll_into_view_if_needed()  # charts out of sight wait to be drawn
    page.wait_for_function("document.querySelector('.brink-chart-network .colorbar').textContent.includes('trust')")
    page.click(".brink-controls button:has-text('threat')")
    session.choose(".brink-lens", "mixed")
    assert session.problems == []


def test_clicking_a_state_opens_its_monitor_and_events_expand(session):
    page = session.page
    page.click(".brink-step")
    session.wait_step("s >= 1")
    point = page.locator(".brink-chart-network .scatterlayer .trace:last-child .point").nth(1)
    point.scroll_into_view_if_needed()
    box = point.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_function("document.querySelector('.brink-monitor').dataset.state !== 'Red'")
    assert "will to fight" in page.inner_text(".brink-monitor")
    lines = page.locator(".brink-eventlog details")
    if lines.count():
        lines.first.locator("summary").click()
        assert lines.first.locator(".brink-event-numbers").is_visible()
    assert "Step " not in page.inner_text(".brink-eventlog")
    assert session.problems == []


def test_chart_data_downloads_as_csv(session):
    page = session.page
    session.choose(".brink-csv-choice", "tension")
    page.locator(".brink-csv button").scroll_into_view_if_needed()
    with page.expect_download() as download:
        page.click(".brink-csv button")
    text = Path(download.value.path()).read_text()
    assert text.splitlines()[0].startswith("series,x,y") and len(text.splitlines()) > 1
    assert session.problems == []


def test_finished_runs_disable_step_and_play(session):
    page = session.page
    session.controls()
    session.click_slider(".brink-speed .v-slider", 0.995)  # fastest
    page.wait_for_function("document.querySelector('.brink-speed-label').innerText.includes('60 months')")
    page.click(".brink-play")
    page.wait_for_selector(".brink-outcome", timeout=120_000)
    page.wait_for_selector(".brink-step[disabled]")
    page.wait_for_selector(".brink-play[disabled]")
    outcome = page.get_attribute(".brink-outcome", "data-outcome")
    chip = page.inner_text(".brink-phase").lower()
    assert outcome in chip or (outcome == "ongoing" and "horizon" in chip)  # chip and banner never contradict
    session.shot("04-finished")
    assert not page.locator(".brink-save-run").is_disabled()
    with page.expect_download() as download:
        page.click(".brink-download-run button")
    assert download.value.suggested_filename.endswith(".zip")
    assert Path(download.value.path()).read_bytes()[:2] == b"PK"  # the run folder, zipped
    page.click(".brink-reset")
    session.wait_step("s === 0")
    assert not page.locator(".brink-step").is_disabled()
    assert session.problems == []


def test_compare_shows_busy_then_two_columns(session):
    page = session.page
    session.view("Compare lenses")
    page.click(".brink-compare-run")
    page.wait_for_selector(".brink-compare-busy")
    page.wait_for_selector(".brink-compare-col", state="attached", timeout=120_000)
    page.locator(".brink-compare-col .brink-chart-tension").first.scroll_into_view_if_needed()
    page.wait_for_selector(".brink-compare-col .brink-chart-tension .main-svg")
    cols = page.locator(".brink-compare-col")
    assert [cols.nth(i).get_attribute("data-lens") for i in range(2)] == ["realism", "liberalism"]
    a, b = cols.nth(0).bounding_box(), cols.nth(1).bounding_box()
    if session.width < 760:
        assert b["y"] > a["y"]  # stacked on a phone
    else:
        assert b["x"] > a["x"] + a["width"] / 2  # side by side
    session.shot("05-compare")
    session.view("Run")
    assert session.problems == []


def test_ensemble_needs_a_lens_and_a_stopped_one_is_partial(session):
    page = session.page
    session.view("Ensemble")
    page.click(".brink-ensemble-lenses")
    for lens in ("realism", "liberalism"):
        page.click(f".v-menu__content:visible .v-list-item:has-text('{lens}')")
    page.keyboard.press("Escape")
    page.wait_for_selector(".brink-ensemble-nolens")
    assert page.locator(".brink-ensemble-run").is_disabled()
    page.click(".brink-ensemble-lenses")
    page.click(".v-menu__content:visible .v-list-item:has-text('realism')")
    page.keyboard.press("Escape")
    page.click(".brink-ensemble-run")
    page.wait_for_selector(".brink-ensemble-progress")
    page.click(".brink-ensemble-stop")
    page.wait_for_selector(".brink-ensemble-result", timeout=120_000)
    if page.locator(".brink-partial").count():
        assert "PARTIAL" in page.inner_text(".brink-partial")
    session.shot("06-ensemble")
    session.view("Run")
    assert session.problems == []


def test_info_view_tells_the_scenarios_story(session):
    page = session.page
    session.view("Scenario info")
    text = page.inner_text(".brink-info")
    for heading in ("What it is", "Sides", "Background and sources", "Things to notice", "Things to try"):
        assert heading in text
    assert "Red vs Blue" in text
    session.shot("07-info")
    session.view("Run")
    assert session.problems == []


def test_scenario_form_checks_a_field_live_and_downloads_the_toml(session, tmp_path):
    """Edit a state's field in the form, see the out-of-range message at the field and in the
    `brink check` list, fix it, download the scenario and load it with the scenario loader."""
    page = session.page
    session.view("Edit scenario")
    page.wait_for_selector(".brink-form .brink-form-list-states")
    name = page.input_value("input[data-path='states.0.name']")
    will = page.locator("input[data-path='states.0.will']")
    will.fill("1.5")
    field = ".v-input:has(input[data-path='states.0.will'])"
    assert "less than or equal to 1" in page.wait_for_selector(f"{field} .v-messages.error--text").inner_text()
    assert "edited.toml: states.0.will: Input should be less than or equal to 1" in page.inner_text(
        ".brink-editor-error"
    )
    assert page.locator(".brink-editor-use").is_disabled()
    assert "states" in page.inner_text(".brink-form-marked")  # the section with the problem is named
    session.shot("10-form-error")
    will.fill("0.9")
    page.wait_for_selector(".brink-editor-ok")
    assert page.locator(f"{field} .v-messages.error--text").count() == 0
    page.click(".brink-form-sections button:has-text('events')")  # add a row: its required fields are named
    page.click(".brink-form-events .brink-form-add")
    page.wait_for_selector(".brink-editor-error:has-text('month: Field required')")
    page.click(".brink-form-events .brink-form-remove")
    page.wait_for_selector(".brink-editor-ok")
    page.locator(".brink-editor-download button").scroll_into_view_if_needed()
    with page.expect_download() as download:
        page.click(".brink-editor-download button")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    spec = load_scenario(saved)  # the file loads like any scenario, with the change in it
    assert spec.states[0].name == name and spec.states[0].will == 0.9
    # and it is the shipped file, every comment kept, with only the line of the change changed
    before, after = resolve_path(spec.name).read_text().splitlines(), saved.read_text().splitlines()
    changed = [(b, a) for b, a in zip(before, after, strict=True) if b != a]
    assert len(changed) == 1 and changed[0][1].startswith("will = 0.9"), changed
    assert changed[0][0].partition("#")[2] == changed[0][1].partition("#")[2]
    assert session.problems == []


def test_scenario_editor_checks_live_and_runs_the_edit(session):
    page = session.page
    session.view("Edit scenario")
    page.click(".brink-editor-mode button:has-text('TOML text')")
    area = page.locator(".brink-editor-text textarea")
    text = area.input_value()
    assert text.startswith("#") or "name =" in text
    area.fill(text.replace("military = ", "military = -", 1))
    error = page.wait_for_selector(".brink-editor-error")
    assert "edited.toml: states.0.military" in error.inner_text()
    assert page.locator(".brink-editor-use").is_disabled()
    area.fill(text.replace('name = "', 'name = "my_', 1))
    page.wait_for_selector(".brink-editor-ok")
    page.click(".brink-editor-use")
    session.view("Run")
    page.wait_for_function("!location.search.includes('scenario=')")  # now the edited scenario
    session.shot("09-edited")
    assert session.problems == []


def test_path_box_refuses_files_outside_scenarios_and_runs(session):
    page = session.page
    session.controls()
    page.fill(".brink-path input", "/etc/passwd")
    page.click(".brink-path-load")
    error = page.wait_for_selector(".brink-upload-error")
    assert "only opens files under scenarios/ or runs/" in error.inner_text()
    page.fill(".brink-path input", "scenarios/ukraine_2022.toml")
    page.wait_for_timeout(300)  # as a user moves to the button
    page.click(".brink-path-load")
    page.wait_for_selector(".brink-phasebar:has-text('(2022-')")
    assert page.locator(".brink-upload-error").count() == 0
    assert session.problems == []


def test_bad_upload_shows_the_error_and_the_app_keeps_working(session, tmp_path):
    page = session.page
    session.controls()
    bad = tmp_path / "broken.toml"
    bad.write_bytes(BAD_TOML)
    with page.expect_file_chooser() as chooser:
        page.click(".brink-upload button")
    chooser.value.set_files(str(bad))
    text = page.wait_for_selector(".brink-upload-error").inner_text()
    assert "broken.toml" in text and "military" in text
    before = session.step_now()
    page.click(".brink-step")
    session.wait_step(f"s === {before + 1}")
    session.shot("08-bad-upload")
    assert session.problems == []


def test_a_shared_link_opens_the_same_run(browser, server):
    """Scenario, lens, seed and parameters travel in the address: a reload restores them."""
    s = Session(
        browser, server[0] + "?scenario=security_dilemma&lens=liberalism&seed=5&fog=0.4&view=info", 1280, ".brink-info"
    )
    try:
        s.page.wait_for_selector(".brink-info")
        assert "Red vs Blue" in s.page.inner_text(".brink-info")
        s.view("Run")
        s.page.wait_for_function("location.search.includes('fog=0.4') && !location.search.includes('view=')")
        s.page.wait_for_selector(".brink-phasebar:has-text('seed 5')")
        assert "Red: liberalism" in s.page.inner_text(".brink-phasebar")
        assert s.problems == []
        s.page.reload()  # requests still loading when the page goes away are aborted: that is the reload
        s.problems[:] = [p for p in s.problems if "ERR_ABORTED" not in p]
        s.page.wait_for_selector(".brink-chart-network .main-svg")
        assert "seed 5" in s.page.inner_text(".brink-phasebar")
        s.page.click(".brink-params-switch label")
        assert "0.40" in s.page.inner_text(".brink-param[data-param='fog']")
        assert s.problems == []
    finally:
        s.context.close()


def test_a_service_worker_serves_the_large_scripts_from_its_cache(browser, server):
    """The page registers /brink-sw.js for the whole dashboard. Once it is active, the next page
    (here a second tab of the same private window) gets Solara's front end, jupyter-vue(tify) and
    plotly.js from its cache, and everything else, the page itself included, from the server.
    Addresses without a version are answered from the cache only while the server says unchanged."""
    s = Session(browser, server[0], 1280)
    try:
        state = s.page.evaluate(
            """() => navigator.serviceWorker.ready.then((reg) => new Promise((resolve) => {
                 const w = reg.active;
                 const done = () => resolve([reg.scope, w.scriptURL, w.state]);
                 if (w.state === 'activated') { done(); }
                 else { w.addEventListener('statechange', () => w.state === 'activated' && done()); }
               }))"""
        )
        assert state == [server[0], server[0] + "brink-sw.js", "activated"]
        worker = s.page.request.get(server[0] + "brink-sw.js")
        assert worker.headers["content-type"].startswith("text/javascript")
        kept = json.loads(worker.text().split("const KEPT = ", 1)[1].split(";", 1)[0])
        checked = json.loads(worker.text().split("const CHECKED = ", 1)[1].split(";", 1)[0])
        assert any("/solara-vuetify-app" in a for a in kept) and any("/plotly-cartesian-" in a for a in kept)
        assert all(re.search(r"@\d|[?&]v=[0-9a-f]{8}|plotly-cartesian-\d", a) for a in kept), kept  # versioned
        assert sorted(a.rsplit("/", 2)[1] for a in checked) == ["jupyter-vue", "jupyter-vuetify"]
        names = s.page.evaluate("caches.keys()")
        assert len(names) == 1 and names[0].startswith("brink-assets-")
        stored = s.page.evaluate(
            "(name) => caches.open(name).then((c) => c.keys())"
            ".then((ks) => ks.map((r) => new URL(r.url).pathname + new URL(r.url).search))",
            names[0],
        )
        assert sorted(stored) == sorted(kept + checked)  # filled when it became active
        for address in checked:  # the server confirms an unchanged copy with a 304 of a few bytes
            etag = s.page.request.get(server[0] + address.lstrip("/")).headers["etag"]
            again = s.page.request.get(server[0] + address.lstrip("/"), headers={"If-None-Match": etag})
            assert again.status == 304

        second = s.context.new_page()
        served: list[str] = []
        fetched: list[str] = []
        second.on("response", lambda r: (served if r.from_service_worker else fetched).append(r.url))
        second.on("console", s._console)
        second.on("pageerror", lambda e: s.problems.append(f"page error: {e}"))
        second.on("requestfailed", lambda r: s.problems.append(f"request failed: {r.url} ({r.failure})"))
        second.on("request", s._request)
        second.goto(server[0])
        second.wait_for_selector(".brink-chart-network .main-svg", timeout=TIMEOUT_MS)
        assert second.evaluate("navigator.serviceWorker.controller.scriptURL") == server[0] + "brink-sw.js"
        paths = sorted(urlparse(server[0] + a.lstrip("/")).path for a in kept + checked)
        assert sorted(urlparse(u).path for u in served) == paths
        assert server[0] in fetched
        assert s.problems == []
    finally:
        s.context.close()


def test_server_log_stays_quiet(server, session):
    """No warnings or tracebacks in the server log (e.g. Solara's cookie warnings per page)."""
    log = server[2].read_text()
    assert "Warning" not in log and "Traceback" not in log, log[-2000:]


@pytest.mark.skipif(os.environ.get("BRINK_DOC_SCREENSHOTS") != "1", reason="set BRINK_DOC_SCREENSHOTS=1")
def test_docs_screenshots(browser, server):
    """Refresh docs/images/dashboard*.png: ukraine_2025, seed 4, played to its outcome, at 1280x720."""
    s = Session(browser, server[0], 1280)
    page = s.page
    page.fill(".brink-seed input", "4")
    page.press(".brink-seed input", "Enter")
    page.wait_for_selector(".brink-phasebar:has-text('seed 4')")
    s.click_slider(".brink-speed .v-slider", 0.995)
    page.click(".brink-play")
    page.wait_for_selector(".brink-outcome", timeout=120_000)
    page.wait_for_timeout(800)
    page.screenshot(path=str(ROOT / "docs" / "images" / "dashboard.png"))
    s.view("Compare lenses")
    page.click(".brink-compare-run")
    page.wait_for_selector(".brink-compare-col .brink-chart-tension .main-svg", timeout=120_000)
    page.wait_for_timeout(800)
    page.screenshot(path=str(ROOT / "docs" / "images" / "dashboard-compare.png"))
    s.context.close()
    assert s.problems == []
