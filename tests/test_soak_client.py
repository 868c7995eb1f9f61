"""The soak's websocket client follows the live panel's timers as the browser does (no server needed)."""

from __future__ import annotations

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from tests.soak.client import Run, Tab


def _tab() -> Tab:
    """A Tab's message handling without a socket (``__init__`` connects to a server)."""
    tab = Tab.__new__(Tab)
    tab.fragments, tab.run, tab.failed = set(), Run(), None
    return tab


def test_a_stopped_timer_is_dropped_so_poll_does_not_rerun_a_panel_that_is_gone() -> None:
    tab = _tab()
    for fragment in ("panel", "other"):
        start = ForwardMsg()
        start.auto_rerun.fragment_id, start.auto_rerun.interval = fragment, 0.5
        tab._handle(start)
    stop = ForwardMsg()
    stop.stop_auto_rerun.fragment_ids.append("panel")  # the server stops timers as a list, as the frontend reads it
    tab._handle(stop)
    assert tab.fragments == {"other"}
