"""Keep a fresh server's first deep link on the app's own navigation.

Streamlit (1.67) has no setting for this: because a ``pages/`` folder sits beside ``app.py``, a fresh server
starts in its legacy multipage mode, where a deep-linked page runs without ``app.py`` (no language picker, no
navigation) until some run has called ``st.navigation``. The only switch is the private class attribute
``PagesManager.uses_pages_directory``; this module is the one place that touches it, and
``tests/test_routing.py`` fails the day a Streamlit upgrade removes it.
"""

from __future__ import annotations

import threading

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


@st.cache_resource(show_spinner=False)
def _left_once() -> threading.Event:
    """Set once some run of this server process has left legacy mode."""
    return threading.Event()


def enter_page() -> None:
    """Call first in every page script: in legacy mode, switch it off and run again through ``app.py``.

    Once per process is enough on a real server (the switch stays off). AppTest turns it back on before
    every run, and a rerun on each would swallow the click that started a run, so there too it is done once.
    """
    left = _left_once()
    if PagesManager.uses_pages_directory and not left.is_set():
        left.set()
        PagesManager.uses_pages_directory = False
        st.rerun()
