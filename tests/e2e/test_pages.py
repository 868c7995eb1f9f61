"""Every page loads in the real frontend, in both languages, and the language choice follows the learner around."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from lib.i18n import LANGUAGES, translate
from lib.navigation import HOME, PAGES
from tests.e2e.helpers import (
    MAIN_TITLE,
    SCREENSHOTS,
    assert_no_exception,
    language_box,
    main_title,
    open_page,
    pick_language,
    screenshot,
    spec,
)
from tests.e2e.server import serve

pytestmark = [pytest.mark.e2e, pytest.mark.slow]
ROOT = Path(__file__).resolve().parents[2]


def _expected_title(key: str, lang: str) -> str:
    return translate("app.title" if key == HOME.name else f"page.{key}.title", lang)


def _check_page(page: Page, key: str, lang: str) -> None:
    """No exception, the page's title, its entry in the sidebar, and a screenshot for the record."""
    assert_no_exception(page)
    expect(page.locator(MAIN_TITLE).first).to_have_text(_expected_title(key, lang))
    expect(page.get_by_test_id("stSidebarNav")).to_contain_text(translate(f"page.{key}.title", lang))
    screenshot(page, f"{key}-{lang}")


@pytest.mark.parametrize("key", [p.name for p in PAGES])
def test_page_loads_in_both_languages_and_survives_switching(page: Page, key: str) -> None:
    # Opened in Chinese through ?lang=, then switched to English and back with the picker: widgets whose
    # stored value is a translated label break when the language changes under them.
    target = spec(key)
    open_page(page, "" if target == HOME else target.url_path, lang="zh")
    _check_page(page, key, "zh")
    pick_language(page, LANGUAGES["en"])
    _check_page(page, key, "en")
    pick_language(page, LANGUAGES["zh"])
    assert_no_exception(page)
    expect(page.locator(MAIN_TITLE).first).to_have_text(_expected_title(key, "zh"))


def test_sidebar_picker_switches_language_and_it_persists_across_pages(page: Page) -> None:
    open_page(page)
    assert main_title(page) == translate("app.title", "en")
    pick_language(page, LANGUAGES["zh"])
    expect(page.locator(MAIN_TITLE).first).to_have_text(translate("app.title", "zh"))  # waits for the rerun
    expect(language_box(page)).to_have_value(LANGUAGES["zh"])

    for target in PAGES[1:]:
        page.get_by_test_id("stSidebarNav").get_by_role(
            "link", name=translate(f"page.{target.name}.title", "zh")
        ).click()
        page.wait_for_url(f"**/{target.url_path}*")
        expect(page.locator("[data-testid='stMain'] h1").first).to_have_text(
            translate(f"page.{target.name}.title", "zh"), timeout=120_000
        )
        expect(language_box(page)).to_have_value(LANGUAGES["zh"])
        assert_no_exception(page)

    pick_language(page, LANGUAGES["en"])
    expect(page.locator("[data-testid='stMain'] h1").first).to_have_text(
        translate(f"page.{PAGES[-1].name}.title", "en")
    )
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=translate(f"page.{HOME.name}.title", "en")).click()
    expect(page.locator("[data-testid='stMain'] h1").first).to_have_text(translate("app.title", "en"))
    assert_no_exception(page)


def test_a_deep_link_to_a_fresh_server_gets_the_apps_navigation(browser, tmp_path: Path) -> None:
    # Streamlit runs a process's first sessions in legacy "pages/ folder" mode until some run calls
    # st.navigation; a first visitor arriving at /<page> must still get app.py's navigation and language picker.
    target = spec("number_formats")  # number_formats.py: its URL once differed from its file name
    with serve(tmp_path / "data", tmp_path) as url:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=url)
        try:
            page = context.new_page()
            open_page(page, target.url_path, lang="zh")
            page.wait_for_timeout(1000)
            nav = page.get_by_test_id("stSidebarNav")
            shown = nav.inner_text()
            screenshot(page, "deep-link-fresh-server")
            for other in PAGES:
                assert translate(f"page.{other.name}.title", "zh") in shown, f"sidebar shows {shown!r}"
            assert "common" not in shown, f"helper modules are listed as pages: {shown!r}"
            expect(language_box(page)).to_have_value(LANGUAGES["zh"])
            assert main_title(page) == translate(f"page.{target.name}.title", "zh")
        finally:
            context.close()


README_SHOT = ROOT / "docs" / "screenshot.png"
README_VIEWPORT = {"width": 1280, "height": 800}
THUMB = (192, 60)  # coarse enough that a changed number or device name does not count, a changed layout does
# Mean absolute grey-level difference (0-255) of the thumbnails. Measured: today's pages against the top of the
# committed image (same pages, another day) 0.6,
# a 40 px vertical shift 10.8, the two pages swapped 8.5.
MAX_MEAN_DIFFERENCE = 3.0


def _thumb(image: Image.Image) -> list[int]:
    return list(image.convert("L").resize(THUMB, Image.Resampling.BOX).getdata())


def test_readme_screenshot(page: Page) -> None:
    """docs/screenshot.png shows the app as it is: Home and Number formats, first screens side by side.

    The test renders both at 1280×800 into test-output/screenshots/readme.png and fails when the committed
    image differs in size or, on coarse thumbnails, in layout. Regenerate it with
    ``DLP_UPDATE_SCREENSHOT=1 python -m pytest -m e2e tests/e2e/test_pages.py -k readme_screenshot``.
    """
    page.set_viewport_size(README_VIEWPORT)
    shots = []
    for url_path in ("", spec("number_formats").url_path):
        open_page(page, url_path)
        assert_no_exception(page)
        path = SCREENSHOTS / f"readme-{url_path or 'home'}.png"
        page.screenshot(path=str(path))
        shots.append(Image.open(path).convert("RGB"))
    width, height = shots[0].size
    half = (width * 3 // 4, height * 3 // 4)
    combined = Image.new("RGB", (half[0] * 2 + 16, half[1]), "white")
    for index, shot in enumerate(shots):
        combined.paste(shot.resize(half, Image.Resampling.LANCZOS), (index * (half[0] + 16), 0))
    path = SCREENSHOTS / "readme.png"
    combined.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)
    assert path.stat().st_size < 500_000
    if os.environ.get("DLP_UPDATE_SCREENSHOT") == "1":
        shutil.copyfile(path, README_SHOT)
    regenerate = "regenerate it: DLP_UPDATE_SCREENSHOT=1 python -m pytest -m e2e tests/e2e/test_pages.py -k readme"
    committed = Image.open(README_SHOT)
    assert committed.size == combined.size, (
        f"docs/screenshot.png is {committed.size}, not {combined.size}; {regenerate}"
    )
    new, old = _thumb(Image.open(path)), _thumb(committed)
    difference = sum(abs(a - b) for a, b in zip(new, old, strict=True)) / len(new)
    assert difference <= MAX_MEAN_DIFFERENCE, (
        f"docs/screenshot.png no longer shows the app (mean difference {difference:.1f} > {MAX_MEAN_DIFFERENCE}); "
        f"{regenerate}"
    )
