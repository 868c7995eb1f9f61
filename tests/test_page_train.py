"""AppTest of the Train page: renders in both languages, starts a tiny background run, the chart grows, Stop works."""

import base64
import io
import json
import time

import numpy as np
import pytest
from PIL import Image
from streamlit.testing.v1 import AppTest

from lib.data.shapes import make_shapes
from lib.i18n import translate
from tests.apptest_helpers import messages, open_small_train


def chart_points(app: AppTest) -> int:
    """Number of raw-loss points in the live chart (AppTest keeps a Plotly chart as its JSON spec)."""
    for element in app.get("plotly_chart"):
        spec = json.loads(element.proto.spec)
        names = [trace.get("name") for trace in spec["data"]]
        if "loss (raw)" in names or "损失（原始）" in names:
            return series_length(spec["data"][0].get("x", []))
    return 0


def series_length(values: list | dict) -> int:
    """Length of a Plotly series, whether a plain list or the typed-array form ({"dtype", "bdata"}) numpy makes."""
    if isinstance(values, dict):
        return len(np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]))
    return len(values)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_page_renders_with_summary_and_code(lang: str) -> None:
    app = open_small_train(lang)
    assert not messages(app)
    captions = " ".join(c.value for c in app.caption)
    assert "400" in captions and "100" in captions  # 400 train / 100 validation images
    assert app.button(key="train_start").disabled is False
    assert app.button(key="train_stop").disabled is True
    assert any("import torch" in code.value for code in app.code)


def test_chinese_page_names_models_and_schedules_for_the_learner() -> None:
    app = open_small_train("zh")
    assert not messages(app)
    summary = next(c.value for c in app.caption if "开始训练" in c.value)
    assert "CIFAR10-quick + BatchNorm" in summary and "Adam" in summary
    assert "cifar10_quick_bn" not in summary and "adam" not in summary
    models = app.selectbox(key="train_model")
    assert models.value == "cifar10_quick_bn" and "多层感知机（MLP）" in models.options
    assert not any("_" in option for option in models.options)
    schedules = app.selectbox(key="train_schedule")
    assert schedules.options == ["恒定", "阶梯衰减（每 5 轮 ×0.1）", "余弦退火", "单周期（one-cycle）"]


def test_start_chart_grows_then_stop() -> None:
    app = open_small_train("en")
    app.number_input(key="train_epochs").set_value(60)
    app.select_slider(key="train_batch").set_value(16)
    app.run()
    app.button(key="train_start").click()
    app.run()
    assert not messages(app)
    assert app.button(key="train_stop").disabled is False
    seen = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and (len(seen) < 2 or seen[-1] <= seen[0]):
        time.sleep(0.5)
        app.run()
        seen.append(chart_points(app))
    assert len(seen) >= 2 and seen[-1] > seen[0], seen
    app.button(key="train_stop").click()
    app.run()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and app.button(key="train_start").disabled:
        time.sleep(0.2)
        app.run()
    assert not messages(app)
    assert any("Stopped after step" in w.value for w in app.warning)
    assert app.button(key="train_start").disabled is False


def test_predict_with_shipped_weights_before_any_training() -> None:
    sample = make_shapes(1, seed=5, image_size=96)  # a large circle photo (image 0 is always class 0)
    buffer = io.BytesIO()
    Image.fromarray(sample.images[0].permute(1, 2, 0).numpy()).convert("RGBA").save(buffer, format="PNG")
    app = open_small_train("en")
    options = app.selectbox(key="train_predict_model").options
    shipped = translate("models.cifar10_quick_relu.name", "en")  # the learner's name, not the code name
    assert any(shipped in option for option in options)
    app.selectbox(key="train_predict_model").set_value(next(o for o in options if shipped in o))
    app.file_uploader(key="train_predict_image").upload("photo.png", buffer.getvalue(), "image/png")
    app.run()
    assert not messages(app)
    table = app.dataframe[-1].value
    assert len(table) == 5
    assert (
        list(table["probability"]) == sorted(table["probability"], reverse=True)
        and table["probability"].sum() <= 1.0001
    )
    assert table["class"][0] == "circle"  # the shipped model gets this easy, deterministic picture right
    assert any("top-5" in code.value for code in app.code)


def _panel_while_the_run_ends() -> None:
    """A page whose job ends between the panel's two looks at it, with an image drawn below the panel."""
    import numpy as np
    import streamlit as st

    from tests.apptest_helpers import EndsNow
    from ui.live import live_panel

    st.session_state["runs"] = st.session_state.get("runs", 0) + 1
    live_panel(EndsNow(), key="t")  # type: ignore[arg-type]
    st.image(np.zeros((8, 8), dtype=np.uint8), caption="below the panel")


def test_a_run_that_ends_mid_script_does_not_cut_the_page_short() -> None:
    """Bug 4: Stop mid-run left 17 feature-map thumbnails returning 404.

    Streamlit forgets a session's media files at the start of every full run and deletes what the run did
    not draw again at its end. The panel called ``st.rerun()`` in the full run when the job ended during it,
    so that run stopped before the results and their images were deleted while the browser still showed them.
    """
    app = AppTest.from_function(_panel_while_the_run_ends, default_timeout=60)
    app.run()
    assert app.session_state["runs"] == 1  # one script run, not cut short and rerun
    assert len(app.get("image")) == 1  # the image below the panel was drawn by that run


def _buttons_then_panel_while_the_run_ends() -> None:
    """Start/Stop drawn while the job runs; the job ends before the panel looks (a Stop that lands quickly)."""
    import streamlit as st

    from tests.apptest_helpers import EndsNow
    from ui import live

    fragment = st.fragment

    def recording(*args: object, run_every: float | None = None, **kwargs: object):  # type: ignore[no-untyped-def]
        st.session_state["run_every"] = run_every
        return fragment(*args, run_every=run_every, **kwargs)

    st.fragment = recording  # type: ignore[assignment]
    try:
        live.start_stop(EndsNow(), lambda: None, key="t")  # type: ignore[arg-type]
        live.live_panel(EndsNow(), key="t")  # type: ignore[arg-type]
    finally:
        st.fragment = fragment  # type: ignore[assignment]


def test_a_run_that_ends_between_the_buttons_and_the_panel_still_enables_start() -> None:
    """CI: after Stop, Start stayed disabled for good.

    The buttons were drawn while the job was still running (Start disabled); the job ended before the panel
    looked, so the panel did not poll and nothing redrew the page. The panel must poll once more.
    """
    app = AppTest.from_function(_buttons_then_panel_while_the_run_ends, default_timeout=60)
    app.run()
    assert not app.exception
    assert app.button(key="t_start").disabled  # drawn while the job ran
    assert app.session_state["run_every"]  # so the panel refreshes, sees the end and redraws Start enabled


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_precision_lesson_runs_in_one_click(lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import lib.train_precision as lesson

    monkeypatch.setattr(lesson, "LESSON_IMAGES", 200)
    monkeypatch.setattr(lesson, "LESSON_STEPS", 3)
    app = open_small_train(lang)
    app.button(key="train_precision_run").click().run()
    assert not messages(app)
    table = app.dataframe[-1].value
    assert len(table) == 4  # fp32, fp16, fp16 + GradScaler, bf16
    zeros = table.iloc[:, 2].tolist()
    assert all(isinstance(cell, str) for cell in table.iloc[:, 3])  # one type per column, or Arrow refuses the table
    assert zeros[1] == "100.0%"  # fp16 without scaling at the default gradient size: every gradient underflows
    assert zeros[2] != "100.0%"
    assert any("GradScaler" in code.value for code in app.code)
    summary = "Without scaling" if lang == "en" else "不缩放时"
    assert any(summary in md.value for md in app.markdown)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_race_fills_its_table_and_names_the_fastest(lang: str) -> None:
    """The race on the MLP: its table has a timed row per CPU precision and names the fastest."""
    app = open_small_train(lang)
    app.selectbox(key="train_model").set_value("mlp").run()
    app.select_slider(key="train_race_steps").set_value(10)
    app.button(key="train_race_run").click().run()
    busy = translate("train.error.busy", lang, limit=2).split(":")[0].split("：")[0]
    deadline = time.monotonic() + 60
    while any(busy in text for text in messages(app)):  # runs of earlier tests in this process may hold the slots
        assert time.monotonic() < deadline, "the run slots stayed busy"
        time.sleep(1)
        app.button(key="train_race_run").click().run()
    assert not messages(app)
    deadline = time.monotonic() + 150
    verdict = "Fastest here" if lang == "en" else "本机最快"
    while not any(verdict in md.value for md in app.markdown) or app.get("progress"):
        assert time.monotonic() < deadline, "the race did not finish"
        time.sleep(1)
        app.run()
    assert not messages(app)
    table = app.dataframe[-1].value
    combos = table.iloc[:, 0].tolist()
    assert combos[:3] == ["cpu · fp32", "cpu · fp16", "cpu · bf16"]
    assert all(value != "—" for value in table.iloc[:3, 1])  # the MLP is timed in every CPU precision
