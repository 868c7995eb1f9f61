"""The app's pages as plain data: ``app.py`` turns them into ``st.Page``s, Home draws a card per page,
and the render test visits every one, so a page added here is covered everywhere at once.

A lesson has one name everywhere: its page script ``pages/<name>.py``, its URL ``/<name>``, its UI folder
``ui/<name>/``, its i18n keys ``page.<name>.*`` and ``<name>.*``, its lib modules and its tests.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageSpec:
    """One page: its lesson name, icon and navigation section."""

    name: str
    icon: str
    section: str

    @property
    def path(self) -> str:
        """The page script; Streamlit routes ``pages/<name>.py`` to ``/<name>`` even on a fresh server."""
        return f"pages/{self.name}.py"

    @property
    def url_path(self) -> str:
        return self.name


HOME = PageSpec("home", ":material/home:", "start")

PAGES: tuple[PageSpec, ...] = (
    HOME,
    PageSpec("number_formats", ":material/calculate:", "basics"),
    PageSpec("convolution", ":material/grid_on:", "basics"),
    PageSpec("tensors", ":material/view_in_ar:", "basics"),
    PageSpec("optimization", ":material/trending_down:", "models"),
    PageSpec("train", ":material/model_training:", "models"),
    PageSpec("finetune", ":material/tune:", "models"),
    PageSpec("detection", ":material/center_focus_strong:", "models"),
)

SECTIONS: tuple[str, ...] = ("start", "basics", "models")
