"""Browser-test setup: the real app as a subprocess on a free loopback port, driven by Debian's Chromium.

Playwright cannot download its own browser here, so it launches the system ``chromium``. Without it the
tests skip with the reason — unless ``DLP_REQUIRE_BROWSER=1`` (CI), where a missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.helpers import SCREENSHOTS

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("DLP_CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SERVER_START_S = 90


def _missing_browser() -> str | None:
    """Why the browser tests cannot run here, or ``None`` when they can."""
    if shutil.which(CHROMIUM) is None:
        return f"no Chromium at {CHROMIUM} (apt-get install chromium fonts-wqy-microhei)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed"
    return None


def _skip_or_fail(reason: str) -> None:
    if os.environ.get("DLP_REQUIRE_BROWSER") == "1":
        pytest.fail(f"browser tests required (DLP_REQUIRE_BROWSER=1) but {reason}", pytrace=False)
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for_port(port: int, process: subprocess.Popen, deadline: float) -> None:
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"streamlit did not listen on port {port} within {SERVER_START_S}s")


@pytest.fixture(scope="session")
def app_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The served app's private data directory (``DLP_DATA_DIR``)."""
    return tmp_path_factory.mktemp("e2e-data")


@pytest.fixture(scope="session")
def app_url(app_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of ``streamlit run app.py`` served headless for this test session; stopped afterwards."""
    reason = _missing_browser()
    if reason:
        _skip_or_fail(reason)
    port = _free_port()
    log_path = tmp_path_factory.mktemp("e2e-server") / "streamlit.log"
    env = dict(os.environ, DLP_DATA_DIR=str(app_data_dir), PYTHONUNBUFFERED="1")
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "app.py",
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
    ]
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            _wait_for_port(port, process, time.monotonic() + SERVER_START_S)
            yield f"http://127.0.0.1:{port}"
        except (RuntimeError, TimeoutError) as error:
            pytest.fail(f"{error}\n{log_path.read_text(errors='replace')[-3000:]}", pytrace=False)
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture(scope="session")
def browser(app_url: str) -> Iterator[object]:
    """One headless Chromium for the whole session (contexts keep tests apart)."""
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, app_url: str) -> Iterator[object]:
    """A fresh browser context (its own cookies, so its own Streamlit session) with one tab."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=app_url)
    context.set_default_timeout(60_000)
    tab = context.new_page()
    yield tab
    context.close()
