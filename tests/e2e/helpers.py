"""Small Playwright helpers for Streamlit: wait for a run to finish, find widgets by key, upload, screenshot."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Locator, Page, expect

from lib.navigation import PAGES, PageSpec

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"
APP_READY = "[data-testid='stApp'][data-test-script-state='notRunning']"
CONNECTED = "[data-testid='stApp'][data-test-connection-state='CONNECTED']"
MAIN_TITLE = "[data-testid='stMain'] h1"
RUN_TIMEOUT_MS = 120_000


def spec(name: str) -> PageSpec:
    """The registered page of the lesson ``name`` (e.g. ``"number_formats"``)."""
    return next(page for page in PAGES if page.name == name)


def wait_for_app(page: Page, *, settle_ms: int = 250) -> None:
    """Wait until the script has run to the end: connected, not running, and no stale elements left."""
    page.wait_for_timeout(settle_ms)  # let a rerun triggered just before start, so "notRunning" is fresh
    page.wait_for_selector(CONNECTED, timeout=RUN_TIMEOUT_MS)
    page.wait_for_selector(APP_READY, timeout=RUN_TIMEOUT_MS)
    expect(page.locator("[data-stale='true']")).to_have_count(0, timeout=RUN_TIMEOUT_MS)
    page.wait_for_load_state("networkidle")  # widgets' code is fetched lazily; until then they are grey skeletons


def open_page(page: Page, url_path: str = "", lang: str | None = None) -> None:
    """Load the app at ``/url_path`` (``?lang=`` seeds the session's language) and wait for it."""
    query = f"?lang={lang}" if lang else ""
    page.goto(f"/{url_path}{query}")
    # Before the first run the app also reads "notRunning": wait for the page's title, which every page draws.
    page.locator(MAIN_TITLE).first.wait_for(timeout=RUN_TIMEOUT_MS)
    wait_for_app(page)


def key_class(key: str) -> str:
    """The CSS class Streamlit's frontend derives from a widget key (anything but ``[A-Za-z0-9_-]`` becomes ``-``)."""
    return "st-key-" + re.sub(r"[^a-zA-Z0-9_-]", "-", key.strip())


def keyed(page: Page, key: str) -> Locator:
    """The widget created with ``key=...`` (Streamlit marks its container with the class ``st-key-<key>``)."""
    return page.locator("." + key_class(key))


def current(page: Page, test_id: str) -> Locator:
    """Elements with ``test_id`` from the latest run only (a rerun keeps the previous ones, marked stale)."""
    return page.locator("[data-testid='stElementContainer'][data-stale='false']").filter(
        has=page.get_by_test_id(test_id)
    )


def current_keyed(page: Page, key: str) -> Locator:
    """The widget or element with ``key=...`` from the latest run only."""
    return page.locator(f".{key_class(key)}[data-stale='false']")


def exceptions(page: Page) -> list[str]:
    """Text of every exception box the page shows."""
    return page.get_by_test_id("stException").all_inner_texts()


def assert_no_exception(page: Page) -> None:
    """No Streamlit exception element anywhere on the page."""
    shown = exceptions(page)
    assert not shown, "the page shows an exception:\n" + "\n---\n".join(shown)


def main_title(page: Page) -> str:
    """The first level-1 heading of the page body."""
    return page.locator(MAIN_TITLE).first.inner_text().strip()


def language_box(page: Page) -> Locator:
    """The sidebar language picker's combobox (its input's value is the shown language)."""
    return keyed(page, "language_picker").get_by_role("combobox")


def pick_language(page: Page, label: str) -> None:
    """Choose ``label`` (e.g. ``"简体中文"``) in the sidebar language picker."""
    language_box(page).click()
    page.get_by_role("option", name=label, exact=True).click()
    wait_for_app(page)


def upload(page: Page, key: str, path: Path) -> None:
    """Upload ``path`` through the file uploader created with ``key=...``."""
    widget = keyed(page, key)
    expect(widget).to_be_visible(timeout=RUN_TIMEOUT_MS)
    widget.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(path))
    expect(widget).to_contain_text(path.name, timeout=RUN_TIMEOUT_MS)
    wait_for_app(page)


def screenshot(page: Page, name: str) -> Path:
    """Save a full-page screenshot under ``test-output/screenshots/<name>.png`` for humans to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
