"""The lessons' main interactions in the real frontend: what a learner clicks, and what they must then see."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
import torch
import torch.nn.functional as F
from PIL import Image
from playwright.sync_api import Locator, Page, expect
from pycocotools.coco import COCO

from lib.convolution import conv2d_steps, conv_examples
from lib.data.shapes_detect import render as render_scene
from lib.finetune_sources import export_checkpoint
from lib.i18n import translate
from lib.models import build_model
from scripts import make_hostile_corpus as corpus
from tests.e2e.helpers import (
    assert_no_exception,
    current,
    current_keyed,
    keyed,
    open_page,
    screenshot,
    spec,
    upload,
    wait_for_app,
)
from tests.own_objects import photo as own_photo

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def _tab(page: Page, key: str) -> None:
    page.get_by_role("tab", name=translate(key, "en")).click()
    wait_for_app(page)


def _expand(page: Page, key: str) -> None:
    """Open the expander whose label is ``key``'s English text (if it is not open already)."""
    expander = page.get_by_test_id("stExpander").filter(has_text=translate(key, "en")).first
    if expander.locator("details").first.get_attribute("open") is None:
        expander.locator("summary").first.click()
    wait_for_app(page)


def test_convolution_step_forward_shows_the_next_output_cell(page: Page) -> None:
    example = next(iter(conv_examples().values()))
    steps = conv2d_steps(example.x, example.weight, example.bias, example.stride, example.padding, example.dilation)
    expected = F.conv2d(example.x[None], example.weight, example.bias, example.stride, example.padding)[0]
    second = steps[1]
    assert float(expected[second.out_channel, second.row, second.col]) == second.total

    open_page(page, spec("convolution").url_path)
    _tab(page, "convolution.tab.steps")
    first = translate("convolution.step.position", "en", o=0, row=0, col=0, n=1, count=len(steps))
    expect(page.get_by_text(first)).to_be_visible()

    window = page.get_by_test_id("stSlider").filter(has_text=translate("convolution.step.index", "en"))
    window.get_by_role("slider").press("ArrowRight")
    wait_for_app(page)
    position = translate(
        "convolution.step.position", "en", o=second.out_channel, row=second.row, col=second.col, n=2, count=len(steps)
    )
    expect(page.get_by_text(position)).to_be_visible()
    total = page.get_by_text("Output =").filter(has_text="bias")
    expect(total).to_contain_text(f"= {second.total:g}")
    assert_no_exception(page)
    screenshot(page, "conv-step")


def _shown(x: float) -> str:
    """How the page writes a stored value: repr for finite numbers, else inf / -inf / nan."""
    return repr(x) if torch.isfinite(torch.tensor(x)) else str(x)


def test_number_formats_type_a_value_then_flip_a_bit(page: Page) -> None:
    typed = "65520"  # the smallest value FP16 rounds up to infinity
    in_fp16 = float(torch.tensor(float(typed), dtype=torch.float64).to(torch.float16))
    in_bf16 = float(torch.tensor(float(typed), dtype=torch.float64).to(torch.bfloat16))
    one_point_five = torch.tensor([0x3C00 | 1 << 9], dtype=torch.int16).view(torch.float16).item()

    open_page(page, spec("number_formats").url_path)
    box = keyed(page, "number_formats.value").get_by_role("textbox")
    box.fill(typed)
    box.press("Enter")
    wait_for_app(page)
    expect(page.locator("code[data-format='fp16']")).to_have_text(_shown(in_fp16))
    expect(page.locator("code[data-format='bf16']")).to_have_text(_shown(in_bf16))
    screenshot(page, "number_formats-value")

    _tab(page, "number_formats.tab.editor")
    value = page.get_by_test_id("stMetric").filter(has_text=translate("number_formats.editor.value", "en"))
    expect(value.get_by_test_id("stMetricValue")).to_have_text(_shown(1.0))
    keyed(page, "number_formats.editor.mantissa.fp16").get_by_role("button", name="2^-1", exact=True).click()
    wait_for_app(page)
    expect(value.get_by_test_id("stMetricValue")).to_have_text(_shown(one_point_five))
    assert one_point_five == 1.5
    assert_no_exception(page)
    screenshot(page, "number_formats-editor")


def _slider_to_minimum(page: Page, key: str) -> None:
    keyed(page, key).get_by_role("slider").first.press("Home")
    wait_for_app(page)


def _class_with_the_camera_on(page: Page, lang: str, name: str) -> None:
    """Fine-tuning, own classes: add class ``name`` and turn its camera on."""
    open_page(page, spec("finetune").url_path, lang)
    expander = page.get_by_test_id("stExpander").filter(has_text=translate("finetune.target.header", lang)).first
    expander.locator("summary").first.click()
    keyed(page, "ft_target").get_by_text(translate("finetune.target.own", lang), exact=True).click()
    wait_for_app(page)
    keyed(page, "ft_class_name").locator("input").fill(name)
    page.get_by_role("button", name=translate("finetune.target.add_class", lang), exact=True).click()
    wait_for_app(page)
    keyed(page, "ft_camera_on_0").locator("label").click()
    wait_for_app(page)


def _frames_in(page: Page, lang: str, name: str) -> int:
    """How many images the class panel's title says ``name`` holds."""
    title = translate("finetune.target.class_title", lang, name=name, count="{count}")
    head, tail = title.split("{count}")
    text = page.get_by_test_id("stExpander").locator("summary").filter(has_text=head).first.inner_text()
    return int(text.split(head, 1)[1].split(tail, 1)[0])


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_camera_hold_to_record_and_burst_add_frames_to_a_class_and_undo_removes_them(page: Page, lang: str) -> None:
    """The recorder with Chromium's fake camera: frames reach the class through the same checks as uploads."""
    _class_with_the_camera_on(page, lang, "cup")
    burst = page.get_by_role("button", name=translate("finetune.camera.burst", lang, count=10), exact=True)
    burst.scroll_into_view_if_needed()  # Chromium pauses a muted video out of view; the recorder waits for frames
    expect(burst).to_be_enabled(timeout=30_000)
    burst.click()
    added = page.get_by_text(translate("finetune.target.added", lang, count=10, name="cup"), exact=True)
    expect(added).to_be_visible(timeout=60_000)
    wait_for_app(page)
    assert _frames_in(page, lang, "cup") == 10
    assert_no_exception(page)
    screenshot(page, f"finetune-camera-burst-{lang}")

    hold = page.get_by_role("button", name=translate("finetune.camera.hold", lang), exact=True)
    expect(hold).to_be_enabled(timeout=30_000)
    hold.hover()
    page.mouse.down()
    page.wait_for_timeout(1_200)  # about 6 frames at 5 a second
    page.mouse.up()
    expect(page.get_by_text(translate("finetune.target.added", lang, count=10, name="cup"))).to_have_count(
        0, timeout=60_000
    )  # the last message is now the hold's
    wait_for_app(page)
    held = _frames_in(page, lang, "cup") - 10
    assert 2 <= held <= 40, held  # the hold's frames, within the recorder's cap
    undo = keyed(page, "ft_undo_burst_0").get_by_role("button")
    expect(undo).to_contain_text(translate("finetune.camera.undo", lang, count=held))
    undo.click()
    title = translate("finetune.target.class_title", lang, name="cup", count=10)
    expect(page.get_by_test_id("stExpander").locator("summary").filter(has_text=title)).to_be_visible()
    assert_no_exception(page)


def _drag_a_box(page: Page, chart: Locator, start: tuple[float, float], end: tuple[float, float]) -> list[float]:
    """Drag a rectangle across ``chart``'s plot area from ``start`` to ``end`` (fractions of it, from the top left);
    returns the rectangle in the chart's data units (the photo's pixels), as Plotly's own axes convert it."""
    area = chart.locator(".nsewdrag").first
    box = area.bounding_box()
    assert box is not None
    points = [(box["x"] + box["width"] * fx, box["y"] + box["height"] * fy) for fx, fy in (start, end)]
    page.mouse.move(*points[0])
    page.mouse.down()
    page.mouse.move(*points[1], steps=12)
    page.mouse.up()
    corners = chart.locator(".js-plotly-plot").first.evaluate(
        """(gd, fractions) => {
          const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
          return fractions.map(([fx, fy]) => [xa.p2d(fx * xa._length), ya.p2d(fy * ya._length)]);
        }""",
        [list(start), list(end)],
    )
    (x0, y0), (x1, y1) = corners
    return [min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_own_objects_drag_a_box_on_a_photo_save_the_set_and_load_it_back(page: Page, lang: str, tmp_path: Path) -> None:
    """Issue 18's round trip in the real frontend: Plotly's box selection on the photo -> table and gallery -> the
    Save button's zip (COCO, read back by pycocotools) -> loaded again in a new session."""
    image, _ = own_photo(3)
    photo = tmp_path / "desk.png"
    image.save(photo)
    name = "杯子" if lang == "zh" else "mug"
    open_page(page, spec("detection").url_path, lang)
    page.get_by_role("tab", name=translate("detection.tab.own", lang)).click()
    wait_for_app(page)
    upload(page, "det_own_up", photo)
    keyed(page, "det_own_class").locator("input").fill(name)
    keyed(page, "det_own_class").locator("input").press("Enter")
    wait_for_app(page)
    expect(page.get_by_text(translate("detection.own.draw_help", lang, cls=name))).to_be_visible()

    chart = page.locator("[class*='st-key-det_own_chart_']").first
    expect(chart.locator(".nsewdrag").first).to_be_visible(timeout=60_000)
    dragged = _drag_a_box(page, chart, (0.25, 0.2), (0.6, 0.75))
    gallery = translate("detection.own.gallery", lang, images=1, boxes=1, classes=name)
    expect(page.get_by_text(gallery)).to_be_visible(timeout=60_000)
    wait_for_app(page)
    assert_no_exception(page)
    screenshot(page, f"detection-own-drawn-{lang}")

    with page.expect_download() as download:
        keyed(page, "det_own_save").get_by_role("button").click()
    saved = tmp_path / "your_objects.zip"
    download.value.save_as(saved)
    with zipfile.ZipFile(saved) as archive:
        archive.extract("annotations.json", tmp_path)
    coco = COCO(str(tmp_path / "annotations.json"))
    (annotation,) = coco.loadAnns(coco.getAnnIds())
    x, y, w, h = annotation["bbox"]
    assert coco.loadCats(annotation["category_id"])[0]["name"] == name
    assert [x, y, x + w, y + h] == pytest.approx(dragged, abs=1.5)  # where the mouse went, in the photo's pixels

    page.context.clear_cookies()  # a new session: nothing labelled
    open_page(page, spec("detection").url_path, lang)
    page.get_by_role("tab", name=translate("detection.tab.own", lang)).click()
    wait_for_app(page)
    upload(page, "det_own_zip", saved)
    expect(page.get_by_text(translate("detection.own.loaded", lang, images=1, boxes=1))).to_be_visible()
    expect(page.get_by_text(gallery)).to_be_visible()
    assert_no_exception(page)


def test_fine_tuning_a_tiny_run_on_the_built_in_task_then_predict(page: Page, tmp_path: Path) -> None:
    checkpoint = tmp_path / "backbone.pt"
    torch.manual_seed(0)
    model = build_model("compact_resnet", 2, 3, 64)
    checkpoint.write_bytes(export_checkpoint(model, "compact_resnet", ("cats", "dogs"), 64, (0.5,) * 3, (0.25,) * 3))
    photo = tmp_path / "photo.png"
    corpus.photo(96, 64).save(photo)

    open_page(page, spec("finetune").url_path)
    _expand(page, "finetune.source.header")  # the steps' settings sit in expanders below Start and the chart
    keyed(page, "ft_source").get_by_text(translate("finetune.source.checkpoint", "en"), exact=True).click()
    wait_for_app(page)
    upload(page, "ft_ckpt_upload", checkpoint)
    _expand(page, "finetune.target.header")
    _slider_to_minimum(page, "ft_per_class")
    _expand(page, "finetune.settings.header")
    _slider_to_minimum(page, "ft_epochs")
    keyed(page, "ft_start").get_by_role("button").click()
    finished = page.get_by_test_id("stMetric").filter(has_text=translate("finetune.run.finetune", "en"))
    expect(finished.first).to_be_visible(timeout=240_000)
    wait_for_app(page)
    assert_no_exception(page)
    screenshot(page, "finetune-run")

    _tab(page, "finetune.results.predict")
    tables = current(page, "stDataFrame").count()
    upload(page, "ft_predict_upload", photo)
    expect(current(page, "stDataFrame")).to_have_count(
        tables + 2, timeout=60_000
    )  # top classes, fine-tuned and scratch
    assert_no_exception(page)


def test_detection_upload_a_photo_shows_annotated_image_and_table(page: Page, tmp_path: Path) -> None:
    photo = tmp_path / "scene.png"
    scene, _ = render_scene(seed=7, index=3, image_size=256)  # a Shapes-Detect scene TinySSD was trained on
    Image.fromarray(scene.permute(1, 2, 0).numpy()).save(photo)
    open_page(page, spec("detection").url_path)
    _tab(page, "detection.tab.detect")
    upload(page, "det_run_upload", photo)
    panel = page.get_by_role("tabpanel")
    heading = panel.get_by_role("heading", name=photo.name)
    expect(heading).to_be_visible(timeout=120_000)
    expect(panel.get_by_text("photo 256×256", exact=False).first).to_be_visible()
    # built-in scenes are shown too: take the image and table that follow this photo's own heading
    expect(
        heading.locator("xpath=following::*[@data-testid='stPlotlyChart'][1]")
    ).to_be_visible()  # boxes drawn by the browser
    expect(heading.locator("xpath=following::*[@data-testid='stDataFrame'][1]")).to_be_visible()
    assert_no_exception(page)
    screenshot(page, "detect-run")


def test_train_start_watch_the_chart_grow_stop_then_predict(page: Page, tmp_path: Path) -> None:
    photo = tmp_path / "photo.png"
    corpus.photo(80, 60).save(photo)
    open_page(page, spec("train").url_path)
    start, stop = keyed(page, "train_start").get_by_role("button"), keyed(page, "train_stop").get_by_role("button")
    start.click()
    chart = current_keyed(page, "train_chart")
    expect(chart).to_be_visible(timeout=120_000)
    progress = page.get_by_test_id("stProgress").first
    expect(progress).to_be_visible()
    first = progress.inner_text()
    expect(progress).not_to_have_text(first, timeout=120_000)  # the live panel moves on by itself
    expect(chart.locator(".main-svg").first).to_be_visible()
    screenshot(page, "train-live")
    stop.click()
    expect(start).to_be_enabled(timeout=120_000)
    wait_for_app(page)
    assert_no_exception(page)

    _tab(page, "train.tab.predict")
    tables = current(page, "stDataFrame").count()
    upload(page, "train_predict_image", photo)
    expect(current(page, "stDataFrame")).to_have_count(tables + 1, timeout=60_000)
    assert_no_exception(page)
    screenshot(page, "train-predict")
