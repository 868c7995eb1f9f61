"""Messages about one class's images that outlive a rerun.

A class panel's title counts its images, and Streamlit cannot relabel an expander once drawn, so a change
(uploads added, a camera burst taken) reruns the page; what the change reported is kept here and shown in that
class's panel on the next run. A new title makes a new expander, drawn as ``expanded`` says: the classes worked on
are remembered so their panels open again, with the report in view.
"""

from __future__ import annotations

import streamlit as st

NOTICES = "ft_notices"  # session_state: class name -> [(level, text, icon)]
WORKED_ON = "ft_worked_on"  # session_state: the classes images were added to, whose panels stay open
ICONS = {"success": ":material/check:", "warning": ":material/warning:", "error": ":material/error:"}


def add(name: str, level: str, text: str, icon: str | None = None) -> None:
    """Keep ``text`` (``level``: "success", "warning" or "error") for class ``name``'s panel."""
    st.session_state.setdefault(NOTICES, {}).setdefault(name, []).append((level, text, icon or ICONS[level]))
    st.session_state.setdefault(WORKED_ON, set()).add(name)


def worked_on(name: str) -> bool:
    """Whether class ``name`` has had images added this session: its panel opens whenever its title changes."""
    return name in st.session_state.get(WORKED_ON, set())


def show(name: str) -> None:
    """Draw, once, what was kept for class ``name``."""
    for level, text, icon in st.session_state.get(NOTICES, {}).pop(name, []):
        getattr(st, level)(text, icon=icon)
