"""The detection page in both languages: every tab renders, widgets work, bad input gives messages, TinySSD detects."""

from __future__ import annotations

import json
import time

import pytest

from lib.data.shapes_detect import CLASSES, render
from lib.i18n import translate
from tests.apptest_helpers import messages, open_page

PAGE = "pages/detection.py"


def detection_tables(app) -> list:
    """The detections tables of the Detect tab (label, score and the box in the photo's pixels)."""
    columns = ["label", "score", "x1", "y1", "x2", "y2"]
    return [d.value for d in app.dataframe if list(d.value.columns) == columns]


def expected_labels(index: int) -> list[str]:
    """The class names of the objects really drawn in built-in sample ``shapes<index>``."""
    _, labels = render(seed=2026, index=index, image_size=256)
    return sorted(CLASSES[int(row[0])] for row in labels if row[0] >= 0)


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
    tables = detection_tables(app)  # at the default score threshold 0.5, the shipped TinySSD finds every object
    assert [sorted(t["label"]) for t in tables] == [expected_labels(0), expected_labels(1)], messages(app)

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
    if lang == "en":  # let the one epoch finish: the live chart and that epoch's numbers appear
        finished = translate("detection.train.last", lang, epoch=1, cls="C", mae="M", map50="P").split("C")[0]
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and not any(c.value.startswith(finished) for c in app.caption):
            time.sleep(0.5)
            app.run()
        assert any(c.value.startswith(finished) for c in app.caption), messages(app)
        traces = [
            trace.get("name") for chart in app.get("plotly_chart") for trace in json.loads(chart.proto.spec)["data"]
        ]
        assert {"train class_error", "validation bbox_mae", "LR"} <= set(traces), traces
    else:
        app.button(key="det_tr_stop").click().run()
    assert not messages(app), messages(app)
    nothing = translate("detection.run.summary", lang, count=0, ms="MS", w=0, h=0, scale="").split("MS")[0]
    empty = sum(c.value.startswith(nothing) for c in app.caption)
    shown = detection_tables(app)
    assert empty + len(shown) == 2  # both built-in samples report, with or without boxes
    assert all((table["score"] >= 1.0).all() for table in shown)  # threshold 1 keeps only certain boxes


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
