"""Soak-test setup: the real app served with disconnected sessions that expire fast.

Streamlit keeps a closed tab's session for ``server.disconnectedSessionTTL`` seconds (120 by default) in case
it reconnects; the soak server sets it to a few seconds so memory can be compared soon after the tabs close.
The tabs are :mod:`tests.soak.client` (Streamlit's websocket protocol), not a browser: no Chromium is needed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest

from tests.e2e import server

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


@pytest.fixture(scope="module")
def control_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a plain ``http.server`` in its own process: how fast any process answers on this machine now."""
    port = int(os.environ["DLP_SOAK_PORT"]) + 1 if os.environ.get("DLP_SOAK_PORT") else server._free_port()
    command = [
        sys.executable,
        "-m",
        "http.server",
        str(port),
        "--bind",
        "127.0.0.1",
        "--directory",
        str(tmp_path_factory.mktemp("control")),
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        server._wait_for_port(port, process, time.monotonic() + server.SERVER_START_S)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)
