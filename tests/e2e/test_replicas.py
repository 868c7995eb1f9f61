"""Serving a class: two Streamlit replicas behind nginx (``deploy/serve_class.sh`` and ``deploy/nginx.conf``) that
share one local Ray cluster. A learner uploads an image zip and trains through the proxy: the page, its WebSocket,
the upload and the run's live chart all reach the learner's own replica (the sticky cookie), and the run trains on Ray.

Needs nginx (``apt-get install nginx``): without it the test skips, unless ``DLP_REQUIRE_BROWSER=1`` (CI).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from lib.i18n import translate
from tests.e2e.conftest import ROOT, _skip_or_fail
from tests.e2e.helpers import (
    MAIN_TITLE,
    RUN_TIMEOUT_MS,
    assert_no_exception,
    keyed,
    screenshot,
    spec,
    upload,
    wait_for_app,
)

pytestmark = [pytest.mark.e2e, pytest.mark.slow]
FIRST_PAGE_MS = 300_000
START_S = 300  # two replicas and a Ray head (retried if it misses its deadline) starting on 2 busy cores


def nginx() -> str | None:
    """The nginx binary (Debian puts it in /usr/sbin, which a user's PATH may lack)."""
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.access(p, os.X_OK)), None)


def free_ports(count: int) -> int:
    """The first of ``count`` consecutive free loopback ports."""
    for _ in range(100):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            first = probe.getsockname()[1]
        if first + count < 65535 and all(_free(first + i) for i in range(count)):
            return first
    raise RuntimeError("no free ports")


def _free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
            return answer.status == 200
    except OSError:
        return False


@pytest.fixture(scope="module")
def classroom(browser_available: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``deploy/serve_class.sh 2 PORT`` (a local Ray head, two replicas, nginx); yields the proxy's URL."""
    if nginx() is None:
        _skip_or_fail("no nginx (apt-get install nginx)")
    run_dir = tmp_path_factory.mktemp("classroom")
    port = free_ports(3)
    env = dict(
        os.environ,
        PATH=f"{os.environ.get('PATH', '')}:{Path(nginx()).parent}",
        DLP_RUN_DIR=str(run_dir),
        DLP_PYTHON=sys.executable,
        DLP_DATA_DIR=str(tmp_path_factory.mktemp("classroom-data")),
        DLP_RAY_PORT=str(free_ports(1)),
        DLP_RAY_CPUS="2",
        DLP_RAY_OBJECT_STORE_BYTES=str(200 * 2**20),
        PYTHONUNBUFFERED="1",
    )
    script = subprocess.Popen(
        ["bash", str(ROOT / "deploy" / "serve_class.sh"), "2", str(port)],
        cwd=ROOT,
        env=env,
        stdout=(run_dir / "serve_class.log").open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    urls = [f"http://127.0.0.1:{port + i}" for i in range(3)]
    try:
        deadline = time.monotonic() + START_S
        while not all(_healthy(url) for url in urls):
            if script.poll() is not None or time.monotonic() > deadline:
                logs = "\n".join(p.read_text(errors="replace")[-2000:] for p in sorted(run_dir.rglob("*.log")))
                pytest.fail(f"the classroom did not start:\n{logs}", pytrace=False)
            time.sleep(0.5)
        yield urls[0]
    finally:
        os.killpg(script.pid, signal.SIGTERM)  # the script's trap stops nginx, the replicas and the Ray head
        try:
            script.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(script.pid, signal.SIGKILL)
            script.wait()


def image_zip(path: Path) -> Path:
    """An ImageFolder zip: 12 red and 12 blue 32×32 squares."""
    with zipfile.ZipFile(path, "w") as archive:
        for name, color in (("red", (220, 30, 30)), ("blue", (30, 30, 220))):
            for i in range(12):
                image = path.parent / f"{name}{i}.png"
                Image.new("RGB", (32, 32), tuple(min(255, c + 3 * i) for c in color)).save(image)
                archive.write(image, f"{name}/{i}.png")
    return path


def test_a_learner_uploads_and_trains_through_the_proxy(browser, classroom: str, tmp_path: Path) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=classroom)
    context.set_default_timeout(RUN_TIMEOUT_MS)
    try:
        page: Page = context.new_page()
        page.goto(
            f"/{spec('train').url_path}"
        )  # a fresh replica's first session imports PyTorch: minutes on 2 busy cores
        page.locator(MAIN_TITLE).first.wait_for(timeout=FIRST_PAGE_MS)
        wait_for_app(page)
        assert any(cookie["name"] == "dlp_replica" for cookie in context.cookies())  # the sticky cookie
        page.get_by_role("tab", name=translate("train.tab.data", "en")).click()
        keyed(page, "train_source").get_by_text(translate("train.data.zip", "en"), exact=True).click()
        upload(page, "train_zip", image_zip(tmp_path / "colors.zip"))  # an upload must reach the session's replica
        assert_no_exception(page)
        keyed(page, "train_start").get_by_role("button").click()
        done = page.get_by_text(re.compile(translate("train.live.done", "en", epochs=r"\d+")))
        expect(done).to_be_visible(timeout=240_000)  # trained on the Ray cluster, drawn live by the replica
        assert_no_exception(page)
        screenshot(page, "classroom-trained")
    finally:
        context.close()
