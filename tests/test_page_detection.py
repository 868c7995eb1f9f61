"""The detection page in both languages: every tab renders, widgets work, bad input gives messages, TinySSD detects."""

from __future__ import annotations

import base64
import io
import json
import time

import numpy as np
import pytest
from PIL import Image

from lib.data.shapes_detect import CLASSES, render
from lib.detection_figures import MIN_CONTRAST, contrast_ratio, hex_rgb, outline_pixels
from lib.downloads import DownloadError
from lib.i18n import translate
from tests.apptest_helpers import messages, open_page

PAGE = "pages/detection.py"


def detection_tables(app, lang: str = "en") -> list:
    """The detections tables of the Detect tab (object, score, the box in the photo's pixels, familiarity)."""
    first = [translate(f"detection.run.col.{c}", lang) for c in ("label", "score")] + ["x1", "y1", "x2", "y2"]
    return [d.value for d in app.dataframe if list(d.value.columns)[:6] == first]


def expected_labels(index: int, lang: str = "en") -> list[str]:
    """The (translated) class names of the objects really drawn in built-in sample ``shapes<index>``."""
    _, labels = render(seed=2026, index=index, image_size=256)
    return sorted(translate(f"detection.class.{CLASSES[int(row[0])]}", lang) for row in labels if row[0] >= 0)


def figures(app) -> list[dict]:
    """Every Plotly figure on the page, as its JSON spec."""
    return [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]


def picture(spec: dict) -> Image.Image:
    """The picture under a boxes figure (its go.Image data URI)."""
    return Image.open(io.BytesIO(base64.b64decode(spec["data"][0]["source"].split(",", 1)[1]))).convert("RGB")


def detect_figures(app) -> list[dict]:
    """The Detect tab's figures: the boxes over the 256×256 built-in scenes."""
    boxed = [f for f in figures(app) if f["data"] and f["data"][0].get("type") == "image"]
    return [f for f in boxed if picture(f).size == (256, 256)]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_detection_page_sections(lang: str) -> None:
    app = open_page(PAGE, lang)
    assert not messages(app), messages(app)
    assert "2,042,040" in [m.value for m in app.metric]  # the notes' 561×728 image, 3 sizes, 3 ratios
    iou_metric = next(m for m in app.metric if m.label == "IoU")
    assert float(iou_metric.value) == pytest.approx(0.1571, abs=1e-4)
    steps = next(d.value for d in app.dataframe if list(d.value.columns) == ["step", "anchor", "box", "iou"])
    assert steps["anchor"].tolist()[0] == 4 and steps["box"].tolist()[0] == 1
    assert any("[0, 3]" in s.value for s in app.success)  # NMS on the notes' boxes keeps 0 and 3, as ops.nms
    tables = detection_tables(app, lang)  # at the default score threshold 0.5, the shipped TinySSD finds every object
    label = translate("detection.run.col.label", lang)
    assert [sorted(t[label]) for t in tables] == [expected_labels(0, lang), expected_labels(1, lang)], messages(app)
    unlike = translate("detection.run.col.unlike", lang)
    assert all((t[unlike] == translate("detection.run.no", lang)).all() for t in tables)  # its own scenes: familiar
    texts = [a["text"] for f in detect_figures(app) for a in f["layout"]["annotations"]]
    assert sorted(x.rsplit(" ", 1)[0] for x in texts) == sorted(expected_labels(0, lang) + expected_labels(1, lang))

    app.radio(key="det_anc_mode").set_value(app.radio(key="det_anc_mode").options[1]).run()
    assert not messages(app)
    app.slider(key="det_nms_thr").set_value(0.0).run()
    app.button(key="det_nms_random").click().run()
    app.slider(key="det_nms_step").set_value(1).run()
    assert not messages(app)
    app.slider(key="det_run_score").set_value(1.0).run()
    assert not messages(app)
    app.select_slider(key="det_tr_count").set_value(64)
    app.select_slider(key="det_tr_size").set_value(64)
    app.slider(key="det_tr_epochs").set_value(1)
    app.button(key="det_tr_start").click().run()
    assert not messages(app), messages(app)
    if lang == "en":  # let the run end (its epoch's numbers, then "ready"): the epoch event comes a moment before
        finished = translate("detection.train.last", lang, epoch=1, cls="C", mae="M", map50="P").split("C")[0]
        ready = translate("detection.train.ready", lang)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and not any(c.value == ready for c in app.caption):
            time.sleep(0.5)
            app.run()
        assert any(c.value.startswith(finished) for c in app.caption), messages(app)
        assert any(c.value == ready for c in app.caption), messages(app)
        traces = [
            trace.get("name") for chart in app.get("plotly_chart") for trace in json.loads(chart.proto.spec)["data"]
        ]
        assert {"train class error", "validation bbox MAE", "validation mAP@0.5", "LR"} <= set(traces), traces
        assert not any("class_error" in str(name) for name in traces)
        # the detector just trained is at once on the Detect tab
        model = app.selectbox(key="det_run_model")
        mine = next(o for o in model.options if o.startswith("Your TinySSD"))
        model.set_value(mine).run()
        assert not messages(app), messages(app)
        assert len(detect_figures(app)) == 2
    else:
        app.button(key="det_tr_stop").click().run()
    assert not messages(app), messages(app)
    nothing = translate("detection.run.summary", lang, count=0, ms="MS", w=0, h=0, mw=0, mh=0).split("MS")[0]
    empty = sum(c.value.startswith(nothing) for c in app.caption)
    shown = detection_tables(app, lang)
    assert empty + len(shown) == 2  # both built-in samples report, with or without boxes
    score = translate("detection.run.col.score", lang)
    assert all((table[score] >= 1.0).all() for table in shown)  # threshold 1 keeps only certain boxes


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_detection_page_bad_input_gives_messages(lang: str) -> None:
    app = open_page(PAGE, lang)
    app.radio(key="det_anc_mode").set_value(app.radio(key="det_anc_mode").options[0]).run()
    app.text_input(key="det_anc_sizes").set_value("0.5, abc").run()
    app.slider(key="det_iou_A_x").set_value((0.4, 0.4)).run()
    app.file_uploader(key="det_run_upload").set_value([("broken.png", b"not an image at all", "image/png")]).run()
    errors = [e.value for e in app.error]
    assert any("abc" in e for e in errors)
    assert any(e.startswith("broken.png: ") for e in errors)
    shown = [h.value for h in app.subheader]
    assert translate("detection.sample.shapes", lang, n="0") in shown  # the built-in scenes are still detected
    assert any(translate("detection.iou.box", lang, name="A") in e for e in errors)
    assert not app.exception


# ---- bugs of issue 13 (1, 2, 5, 7) and issue 14 (more than 21 anchors per pixel) --------------------------------


def test_detect_boxes_stand_out_on_the_scene() -> None:
    """Bug 1: on built-in scene 0 the red box was drawn on a red background."""
    app = open_page(PAGE)
    scene = detect_figures(app)[0]
    image = picture(scene)
    outlines = scene["layout"]["shapes"][1::2]
    assert outlines
    for shape in outlines:
        box = [shape["x0"], shape["y0"], shape["x1"], shape["y1"]]
        ratios = contrast_ratio(outline_pixels(image, box), hex_rgb(shape["line"]["color"])[None])
        assert np.quantile(ratios, 0.1) >= MIN_CONTRAST, shape["line"]["color"]


def test_anchor_explorer_follows_an_uploaded_photo() -> None:
    """Bug 2: after a 512×512 upload the 561×728 map stayed (2,042,040 anchors) and r=1 anchors were not square."""
    app = open_page(PAGE)
    buffer = io.BytesIO()
    Image.new("RGB", (512, 512), (40, 120, 200)).save(buffer, format="PNG")
    app.file_uploader(key="det_anc_upload").upload("photo.png", buffer.getvalue(), "image/png").run()
    assert not messages(app), messages(app)
    count = next(m for m in app.metric if m.label == translate("detection.anchor.count", "en"))
    assert count.value == f"{512 * 512 * 5:,}"
    spec = next(f for f in figures(app) if any("r=1" in a["text"] for a in f["layout"].get("annotations", [])))
    assert picture(spec).size == (512, 512)
    outlines, labels = spec["layout"]["shapes"][1::2], [a["text"] for a in spec["layout"]["annotations"]]
    for shape, label in zip(outlines, labels, strict=True):
        if label.endswith("r=1.0"):
            assert shape["x1"] - shape["x0"] == pytest.approx(shape["y1"] - shape["y0"], rel=1e-5)


def test_more_than_21_anchors_per_pixel_are_drawn() -> None:
    """Issue 14: 22 anchors per pixel (legal) showed torchvision's "Number of colors … 21 < 22"."""
    app = open_page(PAGE)
    app.number_input(key="det_anc_fh_728x561").set_value(20)
    app.number_input(key="det_anc_fw_728x561").set_value(20)
    sizes = ", ".join(f"{0.04 * k:.2f}" for k in range(1, 23))
    app.text_input(key="det_anc_sizes").set_value(sizes).run()
    assert not messages(app), messages(app)
    spec = next(f for f in figures(app) if any("r=1" in a["text"] for a in f["layout"].get("annotations", [])))
    assert len(spec["layout"]["annotations"]) == 22 + 2  # 22 sizes with r=1, then r=2 and r=0.5


def test_failed_download_leaves_no_progress_bar(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    """Bug 5: choosing an online detector offline left a stale "Downloading…" bar above the error."""
    monkeypatch.setenv("TORCH_HOME", str(tmp_path))

    def offline(name: str, progress=None):
        progress(10, 100)
        raise DownloadError(
            "downloads.error.offline",
            "detection.download.fallback",
            name="SSDlite320",
            url="https://download.pytorch.org/x.pth",
            reason="offline",
        )

    monkeypatch.setattr("ui.detection.detect.load_online", offline)
    app = open_page(PAGE)
    model = app.selectbox(key="det_run_model")
    model.set_value(next(o for o in model.options if o.startswith("SSDlite320"))).run()
    app.button(key="det_run_download_ssdlite320").click().run()
    assert any("SSDlite320" in e and "offline" in e for e in messages(app)), messages(app)
    # no download bar left (the Train tab's live panel may show a bar of its own, from an earlier run)
    downloading = translate("detection.run.downloading", "en")
    bars = [bar for bar in app.get("progress") if downloading in str(bar.proto.text)]
    assert not bars, [bar.proto for bar in bars]
