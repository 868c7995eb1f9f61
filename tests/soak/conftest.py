"""Soak-test setup: the browser fixtures of the browser tests, and a server whose disconnected sessions expire fast.

Streamlit keeps a closed tab's session for ``server.disconnectedSessionTTL`` seconds (120 by default) in case
it reconnects; the soak server sets it to a few seconds so memory can be compared soon after the tabs close.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.e2e import server
from tests.e2e.conftest import browser, browser_available  # noqa: F401 -- fixtures shared with the browser tests

SESSION_TTL_S = 2


@pytest.fixture(scope="module")
def soak_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a fresh server for the soak (its own, so other tests' sessions do not weigh on its memory)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL", str(SESSION_TTL_S))
        if os.environ.get("DLP_SOAK_PORT"):  # a fixed port, where a machine hands out ports to its users
            patch.setattr(server, "_free_port", lambda: int(os.environ["DLP_SOAK_PORT"]))
        with server.serve(tmp_path_factory.mktemp("soak-data"), tmp_path_factory.mktemp("soak-server")) as url:
            yield url
