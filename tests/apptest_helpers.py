"""Starting the app under ``streamlit.testing`` the same way in every page test."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

from lib.jobs import Snapshot

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def open_page(path: str, lang: str = "en", timeout: float = 120, state: dict[str, Any] | None = None) -> AppTest:
    """Run the app in ``lang``, switch to the page at ``path`` (e.g. ``"pages/home.py"``) and run it.

    ``state`` is set before the first run, so a page's widgets start from it (e.g. a small data set).
    """
    app = AppTest.from_file(APP, default_timeout=timeout)
    app.session_state["language"] = lang
    for key, value in (state or {}).items():
        app.session_state[key] = value
    app.run()
    app.switch_page(path)
    app.run()
    return app


def messages(app: AppTest) -> list[str]:
    """Every exception and error shown, so a failing assertion says what the page said."""
    return [item.message for item in app.exception] + [item.value for item in app.error]


SMALL_TRAIN = {"train_shapes_n": 500, "train_shapes_size": 16}  # a Shapes set the Train page makes in a moment


def open_small_train(lang: str) -> AppTest:
    """The Train page with a small, fast Shapes set (set before the first run, so nothing big is made)."""
    return open_page("pages/train.py", lang, timeout=180, state=SMALL_TRAIN)


class EndsNow:
    """A training job that runs at the first look and has stopped at every later one: a Stop landing mid-script.

    It counts the looks in ``st.session_state``, so a script under AppTest sees a fresh job on its first run.
    """

    stop = None

    @property
    def running(self) -> bool:
        import streamlit as st

        st.session_state["looks"] = st.session_state.get("looks", 0) + 1
        return st.session_state["looks"] == 1

    def snapshot(self) -> Snapshot:
        return Snapshot(status="stopped", step=3, total_steps=10, epoch=0, epochs_total=1)
