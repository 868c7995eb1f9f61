"""Browser-test setup: the real app as a subprocess on a free loopback port, driven by Debian's Chromium.

Playwright cannot download its own browser here, so it launches the Chromium that ``$DLP_CHROMIUM`` names
(``.ci/run`` sets it to the one it checked), else Debian's ``/usr/bin/chromium``. Without it the tests skip
with the reason — unless ``DLP_REQUIRE_BROWSER=1`` (CI), where a missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.helpers import SCREENSHOTS, open_page
from tests.e2e.server import serve

ROOT = Path(__file__).resolve().parents[2]
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # getUserMedia answers with Chromium's own test pattern and without a permission prompt, so the camera
    # recorder (Fine-tuning's bursts) can be driven like a real one
    "--use-fake-device-for-media-stream",
    "--use-fake-ui-for-media-stream",
]


def chromium() -> str:
    """The browser to drive: ``$DLP_CHROMIUM`` (a path or a command name), else Debian's Chromium."""
    return os.environ.get("DLP_CHROMIUM") or "/usr/bin/chromium"


def _missing_browser() -> str | None:
    """Why the browser tests cannot run here, or ``None`` when they can."""
    if shutil.which(chromium()) is None:
        return f"no Chromium at {chromium()} (apt-get install chromium fonts-wqy-microhei, or set DLP_CHROMIUM)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed"
    return None


def _skip_or_fail(reason: str) -> None:
    if os.environ.get("DLP_REQUIRE_BROWSER") == "1":
        pytest.fail(f"browser tests required (DLP_REQUIRE_BROWSER=1) but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def app_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The served app's private data directory (``DLP_DATA_DIR``)."""
    return tmp_path_factory.mktemp("e2e-data")


@pytest.fixture(scope="session")
def browser_available() -> None:
    """Skip (or, with ``DLP_REQUIRE_BROWSER=1``, fail) when Chromium or Playwright is missing."""
    reason = _missing_browser()
    if reason:
        _skip_or_fail(reason)


@pytest.fixture(scope="session")
def app_url(browser, app_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of the app served for this whole test session, warmed by one visit to Home.

    The visit makes app.py call ``st.navigation`` once, so later tests may open any page first
    (a cold deep link has its own test: ``test_a_deep_link_to_a_fresh_server_gets_the_apps_navigation``).
    """
    with serve(app_data_dir, tmp_path_factory.mktemp("e2e-server")) as url:
        context = browser.new_context(base_url=url)
        open_page(context.new_page())
        context.close()
        yield url


@pytest.fixture(scope="session")
def browser(browser_available: None) -> Iterator[object]:
    """One headless Chromium for the whole session (contexts keep tests apart)."""
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=shutil.which(chromium()), args=LAUNCH_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser, app_url: str) -> Iterator[object]:
    """A fresh browser context (its own cookies, so its own Streamlit session) with one tab."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=app_url)
    context.set_default_timeout(60_000)
    tab = context.new_page()
    yield tab
    context.close()
