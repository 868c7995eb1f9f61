"""Render every page registered in the navigation, in every language, and fail on any exception."""

import pytest
from streamlit.testing.v1 import AppTest

from lib.i18n import LANGUAGES, translate
from lib.navigation import PAGES
from tests.apptest_helpers import APP, messages, open_page


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
@pytest.mark.parametrize("path", [spec.path for spec in PAGES])
def test_page_renders_without_exception(path: str, lang: str) -> None:
    app = open_page(path, lang)
    assert not app.exception and not app.error, messages(app)


def test_language_choice_persists_across_pages() -> None:
    # AppTest drops sidebar elements from its tree after a rerun under st.navigation, so the
    # picker is used once and the rest is checked on what the pages render.
    app = AppTest.from_file(APP, default_timeout=120)
    app.run()
    app.sidebar.selectbox(key="language_picker").set_value("zh").run()
    assert app.title[0].value == translate("app.title", "zh")
    app.switch_page(PAGES[1].path)
    app.run()
    assert app.session_state["language"] == "zh"
    assert app.title[0].value == translate(f"page.{PAGES[1].key}.title", "zh")
