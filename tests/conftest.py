"""Shared test setup: a private data directory and few CPU threads, so tests are isolated and quick."""

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import torch
from streamlit.runtime.caching import cache_data_api, cache_resource_api

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# Under pytest-xdist the cores are shared by its workers: more threads per worker than that only contend.
_WORKERS = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
torch.set_num_threads(max(1, min(2, (os.cpu_count() or 1) // _WORKERS)))


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DLP_DATA_DIR", str(tmp_path_factory.mktemp("dlp-data")))


APPTEST_SESSION = (
    "test session id"  # every AppTest in a process gets this id (streamlit/testing/v1/local_script_runner)
)


@pytest.fixture(autouse=True)
def _apptest_session_ends() -> Iterator[None]:
    """After each test, end the AppTest session as a closed browser tab ends its own.

    AppTest gives all its instances one session id, so without this a later test would get an earlier test's
    session-scoped resources (its training job, already told to stop). A server clears them on disconnect; so do we.
    """
    yield
    cache_resource_api.clear_session_cache(APPTEST_SESSION)
    cache_data_api.clear_session_cache(APPTEST_SESSION)
