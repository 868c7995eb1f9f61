"""AppTests of Fine-tuning's own classes with camera bursts (ui/finetune/camera.py), in both languages.

AppTest cannot drive a camera: the page test checks the recorder mounts; the burst itself goes through
``camera.take_burst`` (what the recorder's trigger calls) in a small script that then draws the own-classes section.
"""

from __future__ import annotations

import base64
import io

import pytest
import torch
from PIL import Image
from streamlit.testing.v1 import AppTest

from lib.finetune_data import MAX_PER_CLASS
from lib.i18n import translate
from tests.apptest_helpers import messages, open_page


def jpeg_url(color: str) -> str:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), color).save(buffer, format="JPEG")
    return "data:image/jpeg;base64," + base64.b64encode(buffer.getvalue()).decode()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_recorder_mounts_in_a_class_panel(lang: str) -> None:
    app = open_page("pages/finetune.py", lang)
    app.radio(key="ft_target").set_value("own").run()
    app.text_input(key="ft_class_name").set_value("cup")
    next(b for b in app.button if b.label == translate("finetune.target.add_class", lang)).click()
    app.run()
    app.toggle(key="ft_camera_on_0").set_value(True).run()
    assert not messages(app)
    help_text = translate("finetune.camera.help", lang, fps=5, most=40, name="cup")
    assert any(help_text == c.value for c in app.caption), [c.value for c in app.caption]
    assert app.slider(key="ft_burst_size_0").value == 10


def _own_classes_with_a_burst() -> None:
    """The own-classes section; a burst waiting in session_state is taken first, as the recorder's trigger would."""
    import streamlit as st

    from ui.finetune import camera, target

    st.session_state.setdefault("ft_target", "own")
    collection = st.session_state.setdefault(target.COLLECTION, {"cup": [], "pen": []})
    burst = st.session_state.pop("burst", None)
    if burst is not None:
        camera.take_burst(collection, burst[0], burst[1])
    target.render()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_burst_adds_its_good_frames_names_the_bad_and_can_be_undone(lang: str) -> None:
    app = AppTest.from_function(_own_classes_with_a_burst, default_timeout=120)
    app.session_state["language"] = lang
    app.session_state["burst"] = ("cup", [jpeg_url("red")] * 4 + ["data:image/jpeg;base64,AAAA", "not a frame"])
    app.run()
    assert not app.exception, messages(app)
    assert [len(v) for v in app.session_state["ft_collection"].values()] == [4, 0]
    assert any(translate("finetune.target.added", lang, count=4, name="cup") in s.value for s in app.success)
    assert any(translate("finetune.camera.refused", lang, count=2, most=40) in w.value for w in app.warning)
    title = translate("finetune.target.class_title", lang, name="cup", count=4)
    assert title in [e.label for e in app.expander]
    app.toggle(key="ft_camera_on_0").set_value(True).run()
    app.button(key="ft_undo_burst_0").click().run()
    assert not app.exception, messages(app)
    assert [len(v) for v in app.session_state["ft_collection"].values()] == [0, 0]


def test_a_burst_over_the_class_cap_keeps_what_fits_and_says_so() -> None:
    app = AppTest.from_function(_own_classes_with_a_burst, default_timeout=120)
    app.session_state["language"] = "zh"
    app.session_state["burst"] = ("pen", [jpeg_url("blue")] * 3)
    app.run()
    app.session_state["ft_collection"]["pen"].extend([torch.zeros(3, 96, 96, dtype=torch.uint8)] * (MAX_PER_CLASS - 4))
    app.session_state["burst"] = ("pen", [jpeg_url("blue")] * 3)
    app.run()
    assert not app.exception, messages(app)
    assert len(app.session_state["ft_collection"]["pen"]) == MAX_PER_CLASS
    expected = translate("finetune.camera.over_class", "zh", name="pen", most=MAX_PER_CLASS, count=2)
    assert any(expected in w.value for w in app.warning), [w.value for w in app.warning]
