"""The Losses & optimizers page in both languages: computed values shown, bad input answered with a message."""

from __future__ import annotations

import pytest

from lib.i18n import translate
from lib.optimization_losses import ANIMAL_TARGETS, MODEL_1, cross_entropy_from_probabilities
from tests.apptest_helpers import messages, open_page

PAGE = "pages/optimization.py"


@pytest.fixture(scope="module", params=["en", "zh"])
def app(request: pytest.FixtureRequest):
    return open_page(PAGE, request.param)


def _open(app, tab: str) -> None:
    """Open a tab the way a click does: only the open tab's section runs."""
    app.session_state["optimization.tab"] = translate(f"optimization.tab.{tab}", app.session_state["language"])
    app.run()
    assert not app.exception, messages(app)


def _texts(app) -> str:
    return " ".join(str(item.value) for item in [*app.markdown, *app.caption, *app.info])


def test_page_opens_with_every_tab(app) -> None:
    lang = app.session_state["language"]
    assert not app.exception and not app.error, messages(app)
    assert app.title[0].value == translate("page.optimization.title", lang)
    labels = [tab.label for tab in app.tabs]
    for key in ("losses", "optimizers", "schedules", "init", "regularisation"):
        assert translate(f"optimization.tab.{key}", lang) in labels


def test_an_emptied_multiselect_asks_in_the_learners_language(app) -> None:
    """Streamlit's own prompt is English ("Choose options"); every multiselect passes the catalogue's."""
    _open(app, "optimizers")
    assert app.multiselect, "the optimizers tab has a multiselect"
    assert {box.placeholder for box in app.multiselect} == {translate("common.choose", app.session_state["language"])}


def test_regression_table_shows_torch_values(app) -> None:
    _open(app, "losses")
    frames = [frame.value for frame in app.dataframe]
    table = next(f for f in frames if translate("optimization.col.torch", "en") in f.columns)
    assert table.iloc[:, 2].tolist() == ["0.500000", "0.250000", "0.125000"]


def test_cross_entropy_of_both_models(app) -> None:
    lang = app.session_state["language"]
    _open(app, "losses")
    app.segmented_control(key="optimization.losses.part").set_value("classification").run()
    assert not app.exception and not app.error, messages(app)
    shown = {m.value for m in app.metric if m.label == translate("optimization.ce.loss", lang)}
    first = cross_entropy_from_probabilities(MODEL_1, ANIMAL_TARGETS)[0].torch
    assert shown == {f"{first:.4f}", "0.6391"}
    app.segmented_control(key="optimization.losses.part").set_value("regression").run()


def test_optimizer_paths_and_a_bad_expression(app) -> None:
    lang = app.session_state["language"]
    _open(app, "optimizers")
    app.selectbox(key="optimization.opt.surface").set_value("quadratic").run()
    app.select_slider(key="optimization.opt.lr.quadratic").set_value(0.25).run()
    assert translate("optimization.opt.diverged", lang, name="SGD", step=1).split("**")[1] in _texts(app)
    app.selectbox(key="optimization.opt.surface").set_value("custom").run()
    for text in ("import os", "3", "sum(x) + y", "log(x)"):
        app.text_input(key="optimization.opt.expr").set_value(text).run()
        assert not app.exception, messages(app)
        assert app.error, text  # a clear message, and the rest of the page still drawn
        assert app.title[0].value == translate("page.optimization.title", lang)
    app.text_input(key="optimization.opt.expr").set_value("x**2 + y**2").run()
    assert not app.error, messages(app)
    app.selectbox(key="optimization.opt.surface").set_value("quadratic").run()


def test_regularisation_experiments(app) -> None:
    lang = app.session_state["language"]
    _open(app, "regularisation")
    app.segmented_control(key="optimization.reg.part").set_value("decay").run()
    assert not app.exception and not app.error, messages(app)
    assert translate("optimization.reg.decay_summary", lang, adam="X", adamw="Y").split("X")[0][:6] in _texts(app)
    app.segmented_control(key="optimization.reg.part").set_value("dropout").run()
    assert not app.exception and not app.error, messages(app)


def test_schedules_and_initialisation_draw(app) -> None:
    lang = app.session_state["language"]
    _open(app, "schedules")
    assert not app.error, messages(app)
    assert translate("optimization.sched.final", lang, losses="").rstrip() in _texts(app)
    _open(app, "init")
    assert not app.error, messages(app)
    xavier = translate("optimization.init.xavier", lang)
    assert translate("optimization.init.ratio", lang, name=xavier, ratio="").split("=")[0] in _texts(app)
