"""What AppTest cannot do: click a confusion-matrix cell (Plotly's selection event) in the real frontend."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from lib.i18n import translate
from tests.e2e.helpers import assert_no_exception, keyed, open_page, screenshot, spec, upload, wait_for_app

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

SHIPPED = Path(__file__).resolve().parents[2] / "weights" / "cifar10_quick_relu_shapes.pt"


def test_train_click_a_confusion_cell_shows_its_images_and_saliency(page: Page, tmp_path: Path) -> None:
    checkpoint = tmp_path / "shapes.pt"  # a short name: the uploader shows it whole
    checkpoint.write_bytes(SHIPPED.read_bytes())
    open_page(page, spec("train").url_path)
    page.get_by_role("tab", name=translate("train.tab.results", "en")).click()
    wait_for_app(page)
    upload(page, "train_ckpt_upload", checkpoint)  # the shipped Shapes model: 10 classes, nearly all right
    chart = keyed(page, "train_confusion")
    chart.scroll_into_view_if_needed()
    plot = chart.locator(".nsewdrag").first
    expect(plot).to_be_visible()
    box = plot.bounding_box()
    n = 10
    page.mouse.click(box["x"] + 0.5 / n * box["width"], box["y"] + 0.5 / n * box["height"])  # circle → circle
    wait_for_app(page, settle_ms=1000)
    assert_no_exception(page)
    expect(page.get_by_text(translate("saliency.gradcam", "en"))).to_be_visible()
    expect(page.get_by_text("validation images of circle predicted as circle")).to_be_visible()
    screenshot(page, "train_confusion_cell")
    keyed(page, "train_cell_close").get_by_role("button").click()
    wait_for_app(page)
    expect(page.get_by_text(translate("saliency.gradcam", "en"))).to_have_count(0)
