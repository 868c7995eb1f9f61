"""The "Download as a Python script" button every training page shows next to Start, with the script in an expander."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from ui.common import show_code


@st.cache_resource(show_spinner=False, max_entries=4)
def _shipped(path: Path) -> bytes:
    """A shipped weights file, read once for every session (read-only)."""
    return path.read_bytes()


def download_script(
    script: str, file_name: str, *, key: str, label: str, caption: str, weights: tuple[str, Path] | None = None
) -> None:
    """A download button for ``script`` (saved as ``file_name``), beside it one for the weights file it starts from
    (``weights``: label, path) when it needs one, what the learner needs to know to run it, and the code."""
    left, right = st.columns(2)
    left.download_button(
        label, script.encode("utf-8"), file_name=file_name, mime="text/x-python", key=key, icon=":material/terminal:"
    )
    if weights is not None:
        right.download_button(
            weights[0],
            _shipped(weights[1]),
            file_name=weights[1].name,
            mime="application/octet-stream",
            key=f"{key}_weights",
            icon=":material/download:",
        )
    st.caption(caption)
    show_code(script)
