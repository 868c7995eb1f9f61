"""The "Your objects" tab in both languages: add photos, label a box, save the set, load it back; hostile zips."""

from __future__ import annotations

import io
import zipfile

import pytest
import torch

from lib.detection_own import detector_bytes, make_detector
from lib.i18n import translate
from lib.models.ssd import TinySSD
from tests.apptest_helpers import messages, open_page
from tests.own_objects import photo

PAGE = "pages/detection.py"


def png_bytes(seed: int) -> bytes:
    image, _ = photo(seed)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def table(app, name: str):
    """The box table of photo ``name`` (the editor keyed by the set's current version)."""
    key = f"det_own_table_{name}_{app.session_state['det_own_version']}"
    return key, next(d for d in app.data_editor if d.key == key)


def draw(app, name: str, label: str, boxes: list[list[int]]) -> None:
    """Add boxes the way the table does (AppTest cannot drag on a chart; ``selection_box`` is tested in lib)."""
    key, _ = table(app, name)
    rows = [dict(zip(("label", "x1", "y1", "x2", "y2"), [label, *box], strict=True)) for box in boxes]
    app.session_state[key] = {"edited_rows": {}, "added_rows": rows, "deleted_rows": []}
    app.run()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_label_save_and_load_round_trip(lang: str) -> None:
    app = open_page(PAGE, lang, timeout=300)
    empty = translate("detection.own.empty", lang)
    assert any(i.value == empty for i in app.info)
    uploads = [("a.png", png_bytes(1), "image/png"), ("b.png", png_bytes(2), "image/png")]
    app.file_uploader(key="det_own_up").set_value(uploads).run()
    assert not messages(app), messages(app)
    assert app.selectbox(key="det_own_photo").options == ["a.png", "b.png"]
    name = "杯子" if lang == "zh" else "mug"
    app.text_input(key="det_own_class").set_value(name).run()
    app.selectbox(key="det_own_photo").set_value("a.png").run()
    draw(app, "a.png", name, [[10, 20, 60, 90], [100, 30, 150, 80]])
    assert not messages(app), messages(app)
    gallery = translate("detection.own.gallery", lang, images=2, boxes=2, classes=name)
    assert any(m.value == f"**{gallery}**" for m in app.markdown), [m.value for m in app.markdown]
    stored = app.session_state["det_own_labels"].images[0].boxes  # AppTest shows an editor's data without edits
    assert [[b.label, *b.xyxy()] for b in stored] == [[name, 10, 20, 60, 90], [name, 100, 30, 150, 80]]
    saved = app.session_state["det_own_zip_bytes"][1]  # what the Save button downloads
    assert sorted(zipfile.ZipFile(io.BytesIO(saved)).namelist()) == ["annotations.json", "images/a.png", "images/b.png"]

    again = open_page(PAGE, lang, timeout=300)
    again.file_uploader(key="det_own_zip").set_value([("your_objects.zip", saved, "application/zip")]).run()
    assert not messages(again), messages(again)
    assert any(s.value == translate("detection.own.loaded", lang, images=2, boxes=2) for s in again.success)
    _, loaded = table(again, "a.png")
    assert loaded.value.values.tolist() == [[name, 10, 20, 60, 90], [name, 100, 30, 150, 80]]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_hostile_zip_and_bad_rows_give_messages(lang: str) -> None:
    app = open_page(PAGE, lang, timeout=300)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("annotations.json", "{broken")
        archive.writestr("a.png", png_bytes(3))
    app.file_uploader(key="det_own_zip").set_value([("bad.zip", buffer.getvalue(), "application/zip")]).run()
    expected = translate("detection.own.error.json", lang, where="1:2")
    assert expected in [e.value for e in app.error], messages(app)
    app.file_uploader(key="det_own_up").set_value([("a.png", png_bytes(1), "image/png")]).run()
    draw(app, "a.png", "ball", [[10, 20, 11, 90]])  # one pixel wide
    assert translate("detection.own.error.row_empty", lang, row=1) in [e.value for e in app.error]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_uploaded_detector_is_at_once_on_the_detect_tab(lang: str) -> None:
    torch.manual_seed(0)
    detector = make_detector(TinySSD(2), ("杯子", "ball"), 128, None, 0.5)
    app = open_page(PAGE, lang, timeout=300)
    app.file_uploader(key="det_own_ckpt").set_value([("mine.pt", detector_bytes(detector), "application/octet-stream")])
    app.run()
    assert not messages(app), messages(app)
    label = translate("detection.model.own", lang, classes="杯子, ball", map50="0.50")
    model = app.selectbox(key="det_run_model")
    assert label in model.options
    model.set_value(label).run()
    assert not messages(app), messages(app)
    assert any(label in s.value for s in app.success)  # the tab says where the detector is
    app.file_uploader(key="det_own_ckpt").set_value([("junk.pt", b"junk", "application/octet-stream")]).run()
    assert translate("checkpoint.error.not_checkpoint", lang) in [e.value for e in app.error]
