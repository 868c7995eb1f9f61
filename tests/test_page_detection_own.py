"""The "Your objects" tab in both languages: add photos, label a box, save the set, load it back; hostile zips."""

from __future__ import annotations

import io
import zipfile

import pytest

from lib.i18n import translate
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


def draw(app, name: str, label: str, box: list[int]) -> None:
    """Add a box the way the table does (AppTest cannot drag on a chart; ``selection_box`` is tested in lib)."""
    key, _ = table(app, name)
    row = dict(zip(("label", "x1", "y1", "x2", "y2"), [label, *box], strict=True))
    app.session_state[key] = {"edited_rows": {}, "added_rows": [row], "deleted_rows": []}
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
    draw(app, "a.png", name, [10, 20, 60, 90])
    draw(app, "a.png", name, [100, 30, 150, 80])
    assert not messages(app), messages(app)
    gallery = translate("detection.own.gallery", lang, images=2, boxes=2, classes=name)
    assert any(m.value == f"**{gallery}**" for m in app.markdown), [m.value for m in app.markdown]
    _, shown = table(app, "a.png")
    assert shown.value[["x1", "y1", "x2", "y2"]].values.tolist() == [[10, 20, 60, 90], [100, 30, 150, 80]]
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
    draw(app, "a.png", "ball", [10, 20, 11, 90])  # one pixel wide
    assert translate("detection.own.error.row_empty", lang, row=1) in [e.value for e in app.error]
