"""Soak: many learners in turn against the real server, plus a hostile mix; nothing may pile up or stall.

Each ordinary session uploads a 2000×1500 photo to Detection, starts a training run on Train and closes its tab
mid-run. The hostile mix uploads a pixel-flood zip (closing the tab while it decodes), a JPEG with thousands of
scans and a 39-megapixel PNG of 5 KB. Asserted: the server's memory comes back to within ``RSS_MARGIN_MB`` of
its warmed-up baseline once the sessions are gone, ``/_stcore/health`` always answers within a second, and a
closed tab's work (training, zip decoding) stops within ``STOP_WITHIN_S``. The figures are printed (``-s``).
"""

from __future__ import annotations

import gc
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from lib.i18n import translate
from scripts import make_hostile_corpus as corpus
from tests.e2e.helpers import keyed, open_page, screenshot, spec, upload, wait_for_app
from tests.soak.conftest import SESSION_TTL_S

pytestmark = pytest.mark.soak

SESSIONS = 5
RSS_MARGIN_MB = 60  # allocator slack; the ~16 MB per session of issue 14 would pass it within these sessions
HEALTH_LIMIT_S = 1.0
STOP_WITHIN_S = 5.0
IDLE_CORES = 0.15  # the server's CPU use, in cores, that counts as "its work has stopped"
TICK = 1 / 100  # /proc's clock tick (USER_HZ)


class Server:
    """The streamlit process behind ``url`` and its decode workers, read from /proc."""

    def __init__(self, url: str) -> None:
        port = url.rsplit(":", 1)[1]
        self.url = url
        self.pid = next(
            int(proc.name)
            for proc in Path("/proc").iterdir()
            if proc.name.isdigit() and _cmdline(proc).count(port) and "streamlit" in _cmdline(proc)
        )

    def rss_mb(self) -> float:
        """Resident memory of the server process itself."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        raise AssertionError("no VmRSS")

    def cpu_s(self) -> float:
        """CPU seconds used so far by the server and its live children (the decode workers)."""
        total = 0.0
        for pid in [self.pid, *self._children()]:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except FileNotFoundError:
                continue
            total += (int(fields[11]) + int(fields[12])) * TICK
        return total

    def _children(self) -> list[int]:
        children = []
        for task in Path(f"/proc/{self.pid}/task").iterdir():
            try:
                children += [int(pid) for pid in (task / "children").read_text().split()]
            except FileNotFoundError:
                continue
        return children

    def seconds_until_idle(self, limit: float = 30.0) -> float:
        """Seconds from now until the server's CPU use falls under ``IDLE_CORES`` over a half-second window."""
        started = time.monotonic()
        previous, previous_at = self.cpu_s(), started
        while time.monotonic() - started < limit:
            time.sleep(0.5)
            now, now_at = self.cpu_s(), time.monotonic()
            if (now - previous) / (now_at - previous_at) < IDLE_CORES:
                return previous_at - started
            previous, previous_at = now, now_at
        return limit


def _cmdline(proc: Path) -> str:
    try:
        return (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


class HealthProbe(threading.Thread):
    """Asks ``/_stcore/health`` every 0.2 s for the whole soak and keeps the slowest answer."""

    def __init__(self, url: str) -> None:
        super().__init__(daemon=True)
        self.url, self.slowest, self.failures, self.count = f"{url}/_stcore/health", 0.0, 0, 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.2):
            started = time.monotonic()
            try:
                with urllib.request.urlopen(self.url, timeout=5) as answer:
                    answer.read()
            except OSError:
                self.failures += 1
            self.slowest = max(self.slowest, time.monotonic() - started)
            self.count += 1


def _session(server: Server, browser: Browser, work: Callable[[Page], None]) -> float:
    """One learner: a fresh context (its own session) does ``work``, then closes its tab; returns CPU stop time."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server.url)
    context.set_default_timeout(120_000)
    page = context.new_page()
    try:
        work(page)
    except Exception:
        screenshot(page, "soak-failure")
        raise
    finally:
        context.close()
    return server.seconds_until_idle()


def _detect_then_train(photo: Path) -> Callable[[Page], None]:
    def work(page: Page) -> None:
        open_page(page, spec("detection").url_path)
        page.get_by_role("tab", name=translate("detection.tab.detect", "en")).click()
        wait_for_app(page)
        upload(page, "det_run_upload", photo)
        expect(page.get_by_role("tabpanel").get_by_role("heading", name=photo.name)).to_be_visible()
        open_page(page, spec("train").url_path)
        keyed(page, "train_start").get_by_role("button").click()
        progress = page.get_by_test_id("stProgress").first
        expect(progress).to_be_visible()
        first = progress.inner_text()
        expect(progress).not_to_have_text(first)  # training is running: close the tab now

    return work


def _zip_flood(flood: Path) -> Callable[[Page], None]:
    def work(page: Page) -> None:
        open_page(page, spec("train").url_path)
        keyed(page, "train_source").get_by_text(translate("train.data.zip", "en"), exact=True).click()
        wait_for_app(page)
        widget = keyed(page, "train_zip")
        widget.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(flood))
        expect(page.locator("[data-testid='stApp'][data-test-script-state='running']")).to_have_count(1)
        page.wait_for_timeout(1_500)  # decoding: close the tab now

    return work


def _images(paths: list[Path]) -> Callable[[Page], None]:
    def work(page: Page) -> None:
        open_page(page, spec("detection").url_path)
        page.get_by_role("tab", name=translate("detection.tab.detect", "en")).click()
        wait_for_app(page)
        for path in paths:
            upload(page, "det_run_upload", path)

    return work


def test_many_sessions_leave_nothing_behind(browser: Browser, soak_url: str, tmp_path: Path) -> None:
    server = Server(soak_url)
    photo = tmp_path / "photo.jpg"
    corpus.photo(2000, 1500).save(photo, quality=90)
    hostile = corpus.build(tmp_path / "hostile", kinds=("image", "zip"))
    probe = HealthProbe(soak_url)
    probe.start()
    try:
        _session(server, browser, open_page)  # Home first: a fresh server's first deep link is resolved by file name
        _session(server, browser, _detect_then_train(photo))  # warm-up: models, imports, caches
        time.sleep(SESSION_TTL_S + 1)
        baseline = server.rss_mb()
        stops, peaks = [], []
        for _ in range(SESSIONS):
            stops.append(_session(server, browser, _detect_then_train(photo)))
            peaks.append(server.rss_mb())
        flood_stop = _session(server, browser, _zip_flood(hostile["zip_pixel_flood.zip"]))
        images = [hostile[name] for name in ("repeated_scans.jpg", "flat_39mpx.png")]
        _session(server, browser, _images(images))
        time.sleep(SESSION_TTL_S + 1)
        _session(server, browser, open_page)  # a new session makes the server expire the stored ones
        gc.collect()
        final = server.rss_mb()
    finally:
        probe.done.set()
        probe.join()
    print(
        f"\nsoak: baseline {baseline:.0f} MB, after each session {[round(p) for p in peaks]} MB, final {final:.0f} MB"
        f"\nsoak: work stopped {[round(s, 1) for s in stops]} s after each tab closed; zip flood {flood_stop:.1f} s"
        f"\nsoak: health {probe.count} probes, slowest {probe.slowest:.2f} s, failures {probe.failures}"
    )
    assert probe.failures == 0
    assert probe.slowest < HEALTH_LIMIT_S
    assert max([*stops, flood_stop]) < STOP_WITHIN_S
    assert final < baseline + RSS_MARGIN_MB
