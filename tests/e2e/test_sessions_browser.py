"""Two browser contexts (two learners) at once: language, uploads and runs stay in their own session."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from lib.i18n import LANGUAGES, translate
from scripts import make_hostile_corpus as corpus
from tests.e2e.helpers import (
    assert_no_exception,
    keyed,
    language_box,
    open_page,
    pick_language,
    screenshot,
    spec,
    upload,
    wait_for_app,
)

pytestmark = pytest.mark.e2e


def test_two_learners_keep_their_language_and_uploads(browser, app_url: str, tmp_path: Path) -> None:
    photo = tmp_path / "mine.png"
    corpus.photo(64, 48).save(photo)
    contexts = [browser.new_context(viewport={"width": 1280, "height": 900}, base_url=app_url) for _ in range(2)]
    try:
        first, second = (context.new_page() for context in contexts)
        target = spec("convolution").url_path
        open_page(first, target)
        open_page(second, target)
        pick_language(first, LANGUAGES["zh"])

        first.get_by_role("tab", name=translate("convolution.tab.image", "zh")).click()
        keyed(first, "convolution.img.source").get_by_text(
            translate("convolution.img.source.upload", "zh"), exact=True
        ).click()
        wait_for_app(first)
        screenshot(first, "sessions-first")
        upload(first, "convolution.img.upload", photo)
        expect(keyed(first, "convolution.img.upload")).to_contain_text(photo.name)

        expect(language_box(second)).to_have_value(LANGUAGES["en"])
        assert second.locator("[data-testid='stMain'] h1").first.inner_text() == translate(
            "page.convolution.title", "en"
        )
        second.get_by_role("tab", name=translate("convolution.tab.image", "en")).click()
        keyed(second, "convolution.img.source").get_by_text(
            translate("convolution.img.source.upload", "en"), exact=True
        ).click()
        wait_for_app(second)
        expect(keyed(second, "convolution.img.upload")).to_be_visible()
        expect(keyed(second, "convolution.img.upload")).not_to_contain_text(photo.name)
        expect(language_box(first)).to_have_value(LANGUAGES["zh"])
        assert_no_exception(first)
        assert_no_exception(second)
    finally:
        for context in contexts:
            context.close()
