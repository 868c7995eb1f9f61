"""The routed pages and the one workaround that keeps a fresh server's deep links on the app's navigation."""

from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import script_runner

from lib.navigation import PAGES

ROOT = Path(__file__).resolve().parent.parent


def test_pages_folder_holds_exactly_the_routed_pages() -> None:
    # Streamlit treats every file in pages/ as a route on a fresh server: a helper there would get a URL.
    assert sorted(p.name for p in (ROOT / "pages").iterdir() if p.name != "__pycache__") == sorted(
        Path(spec.path).name for spec in PAGES
    )


def test_every_page_calls_the_routing_guard_first() -> None:
    for spec in PAGES:
        source = (ROOT / spec.path).read_text()
        assert "\nenter_page()\n" in source, spec.path
        assert source.index("enter_page()") < source.index("st.title("), spec.path


def test_streamlit_still_has_the_legacy_mode_switch() -> None:
    # ui/routing.py flips this private attribute; if an upgrade renames it, the deep-link fix silently stops
    # working, so fail here (no browser needed) and look for the new switch.
    assert hasattr(PagesManager, "uses_pages_directory")
    assert "PagesManager.uses_pages_directory" in Path(script_runner.__file__).read_text()


def test_only_the_routing_module_touches_the_private_switch() -> None:
    touching = [
        path.relative_to(ROOT).as_posix()
        for folder in ("app.py", "pages", "ui", "lib")
        for path in ([ROOT / folder] if folder.endswith(".py") else (ROOT / folder).rglob("*.py"))
        if "uses_pages_directory" in path.read_text()
    ]
    assert touching == ["ui/routing.py"]
