"""Serve the real app for browser tests: ``streamlit run app.py`` headless on a free loopback port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SERVER_START_S = 90


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for_port(port: int, process: subprocess.Popen, deadline: float) -> None:
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"streamlit did not listen on port {port} within {SERVER_START_S}s")


@contextmanager
def serve(data_dir: Path, log_dir: Path) -> Iterator[str]:
    """Run ``streamlit run app.py`` headless on a free loopback port; yields its base URL, stops it afterwards."""
    port = _free_port()
    log_path = log_dir / f"streamlit-{port}.log"
    env = dict(os.environ, DLP_DATA_DIR=str(data_dir), PYTHONUNBUFFERED="1")
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true"]
    command += ["--server.port", str(port), "--server.address", "127.0.0.1"]
    command += ["--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            try:
                _wait_for_port(port, process, time.monotonic() + SERVER_START_S)
            except (RuntimeError, TimeoutError) as error:
                pytest.fail(f"{error}\n{log_path.read_text(errors='replace')[-3000:]}", pytrace=False)
            yield f"http://127.0.0.1:{port}"
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
