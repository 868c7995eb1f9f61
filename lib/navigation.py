"""The app's pages as plain data: ``app.py`` turns them into ``st.Page``s, Home draws a card per page,
and the render test visits every one, so a page added here is covered everywhere at once."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageSpec:
    """One page: its script, i18n key prefix (``page.<key>.title`` / ``.summary``), icon and URL."""

    path: str
    key: str
    icon: str
    url_path: str  # the script's file stem: a fresh server's first request resolves URLs by file name
    section: str


HOME = PageSpec("pages/home.py", "home", ":material/home:", "home", "start")

PAGES: tuple[PageSpec, ...] = (
    HOME,
    PageSpec("pages/number_formats.py", "floats", ":material/calculate:", "number_formats", "basics"),
    PageSpec("pages/convolution.py", "conv", ":material/grid_on:", "convolution", "basics"),
    PageSpec("pages/tensors.py", "tensors", ":material/view_in_ar:", "tensors", "basics"),
    PageSpec("pages/train.py", "train", ":material/model_training:", "train", "models"),
    PageSpec("pages/finetune.py", "finetune", ":material/tune:", "finetune", "models"),
    PageSpec("pages/detection.py", "detect", ":material/center_focus_strong:", "detection", "models"),
)

SECTIONS: tuple[str, ...] = ("start", "basics", "models")
