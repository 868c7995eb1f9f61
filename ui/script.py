"""The "Download as a Python script" button every training page shows next to Start, with the script in an expander."""

from __future__ import annotations

import streamlit as st

from ui.common import show_code


def download_script(script: str, file_name: str, *, key: str, label: str, caption: str) -> None:
    """A download button for ``script`` (saved as ``file_name``), what the learner needs to know to run it, the code."""
    st.download_button(
        label, script.encode("utf-8"), file_name=file_name, mime="text/x-python", key=key, icon=":material/terminal:"
    )
    st.caption(caption)
    show_code(script)
