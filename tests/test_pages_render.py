"""Render every page registered in the navigation, in every language, and fail on any exception."""

import pytest
from streamlit.testing.v1 import AppTest

from lib.i18n import LANGUAGES
from lib.navigation import PAGES
from tests.apptest_helpers import APP, messages, open_page


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
@pytest.mark.parametrize("path", [spec.path for spec in PAGES])
def test_page_renders_without_exception(path: str, lang: str) -> None:
    app = open_page(path, lang)
    assert not app.exception and not app.error, messages(app)


def test_language_choice_persists_across_pages() -> None:
    app = AppTest.from_file(APP, default_timeout=120)
    app.run()
    app.sidebar.selectbox(key="language_picker").set_value("zh").run()
    app.switch_page(PAGES[-1].path)
    app.run()
    assert app.session_state["language"] == "zh"
    assert app.sidebar.selectbox(key="language_picker").value == "zh"
