"""docs/mesa.md's SolaraViz page in headless Chromium: it steps, resets to a new scenario, steps again."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.test_app_browser import ARTIFACTS, CHROMIUM_ARGS, LOCAL_HOSTS, TIMEOUT_MS, _chromium, solara_server

pytestmark = pytest.mark.browser
DOC = Path(__file__).resolve().parent.parent / "docs" / "mesa.md"


@pytest.fixture(scope="module")
def mesa_page(tmp_path_factory):
    pytest.importorskip("altair")  # mesa.visualization needs Mesa's viz extra
    chromium = _chromium()

    folder = tmp_path_factory.mktemp("mesa_app")
    code = re.search(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S).group(1)
    (folder / "mesa_app.py").write_text(code, encoding="utf-8")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log_path = ARTIFACTS / "mesa-server.log"
    with solara_server(folder / "mesa_app.py", folder, log_path) as url:
        yield url, chromium, log_path


def _months_until_end(scenario: str, lens: str, seed: int, at_most: int) -> tuple[int, str]:
    from sim import ConflictModel

    model = ConflictModel(scenario, lens=lens, rng=seed)
    while model.running and model.steps < at_most:
        model.step()
    return model.steps, str(model.final_outcome)


def test_solaraviz_page_steps_resets_and_steps_again(mesa_page):
    from urllib.parse import urlparse

    from playwright.sync_api import sync_playwright

    url, chromium, log_path = mesa_page
    problems: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.set_default_timeout(TIMEOUT_MS)
        page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
        page.on("request", lambda r: (urlparse(r.url).hostname or "") not in LOCAL_HOSTS
                and r.url.startswith(("http", "ws")) and problems.append(f"non-local request: {r.url}"))  # fmt: skip
        page.goto(url)
        page.wait_for_selector("text=ukraine_2025 · lens mixed")
        # Mesa's Step button steps until the war ends, then greys out; the same run in-process says when
        months, outcome = _months_until_end("ukraine_2025", "mixed", seed=1, at_most=3)
        step = page.locator("button:has-text('Step')")
        for _ in range(months):
            step.click()
        page.wait_for_selector(f"text=Time: {months}.0")
        page.wait_for_selector(f"text=month {months}")
        page.wait_for_selector(f"text=outcome: {outcome}")
        assert step.is_disabled() == (outcome != "ongoing")
        # choose another scenario and lens, then Reset: Mesa rebuilds the model from the controls
        page.click(".v-select:has-text('Scenario')")
        page.click(".v-menu__content .v-list-item:has-text('security_dilemma')")
        page.click(".v-select:has-text('Lens')")
        page.click(".v-menu__content .v-list-item:has-text('realism')")
        page.click("button:has-text('Reset')")
        page.wait_for_selector("text=security_dilemma · lens realism · month 0")
        page.wait_for_selector("text=Time: 0.0")
        assert _months_until_end("security_dilemma", "realism", seed=1, at_most=1)[0] == 1
        step.click()
        page.wait_for_selector("text=security_dilemma · lens realism · month 1")
        assert step.is_enabled()  # the war goes on: Step stays usable
        page.wait_for_selector("img, svg")  # the matplotlib plot
        page.screenshot(path=str(ARTIFACTS / "mesa-solaraviz.png"), full_page=True)
        assert page.locator("text=error in").count() == 0
        browser.close()
    assert problems == []
    assert "Traceback" not in log_path.read_text()
