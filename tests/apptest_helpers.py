"""Starting the app under ``streamlit.testing`` the same way in every page test."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def open_page(path: str, lang: str = "en", timeout: float = 120) -> AppTest:
    """Run the app in ``lang``, switch to the page at ``path`` (e.g. ``"pages/home.py"``) and run it."""
    app = AppTest.from_file(APP, default_timeout=timeout)
    app.session_state["language"] = lang
    app.run()
    app.switch_page(path)
    app.run()
    return app


def messages(app: AppTest) -> list[str]:
    """Every exception and error shown, so a failing assertion says what the page said."""
    return [item.message for item in app.exception] + [item.value for item in app.error]
