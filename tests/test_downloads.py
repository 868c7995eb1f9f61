"""The one downloader against a real HTTP server on 127.0.0.1 that this test starts (no internet needed)."""

from __future__ import annotations

import hashlib
import re
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import torch

from lib import downloads
from lib.downloads import Checksum, DownloadError, download, hub_path, hub_weights
from lib.i18n import CATALOG, translate

BODY = bytes(range(256)) * 1024  # 256 KiB, several chunks
HALF = len(BODY) // 2
SHA256 = hashlib.sha256(BODY).hexdigest()
WEIGHTS = f"/tiny-{SHA256[:8]}.pth"  # torch.hub's naming: the SHA-256 prefix is part of the file name
FALLBACK = "data.download.fallback"
FALLBACK_KEY = re.compile(r"""fallback=["']([a-z0-9_.]+)["']""")


class Handler(BaseHTTPRequestHandler):
    """Routes by path; HTTP/1.0, so the connection closes after each answer (a short body is a cut one)."""

    def log_message(self, format: str, *args: object) -> None:  # keep the test output clean
        pass

    def _send(self, status: int, body: bytes, length: int, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Length", str(length))
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        ranged = self.headers.get("Range")
        self.server.asked.append((self.path, ranged))
        if self.path in ("/file.bin", WEIGHTS, "/tiny-00000000.pth"):
            self._send(200, BODY, len(BODY))
        elif self.path == "/cut.bin":  # always breaks off halfway and ignores Range
            self._send(200, BODY[:HALF], len(BODY))
        elif self.path == "/resumable.bin":  # breaks off halfway; honours Range
            if ranged:
                start = int(ranged.removeprefix("bytes=").rstrip("-"))
                headers = {"Content-Range": f"bytes {start}-{len(BODY) - 1}/{len(BODY)}"}
                self._send(206, BODY[start:], len(BODY) - start, headers)
            else:
                self._send(200, BODY[:HALF], len(BODY))
        elif self.path == "/no-range.bin":  # breaks off halfway the first time; answers a Range with everything
            self._send(200, BODY, len(BODY)) if ranged else self._send(200, BODY[:HALF], len(BODY))
        else:
            self.send_error(404)


@pytest.fixture(scope="module")
def server() -> Iterator[ThreadingHTTPServer]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.asked = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def url(server: ThreadingHTTPServer, monkeypatch: pytest.MonkeyPatch):
    """``url("/path")`` on the test server; proxies from the environment are switched off."""
    for var in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(downloads, "CHUNK", 16 * 1024)  # several chunks per file
    server.asked.clear()
    host, port = server.server_address
    return lambda path: f"http://{host}:{port}{path}"


def refused_url() -> str:
    """A loopback URL where nothing listens: the connection is refused, as on a machine without network."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/file.bin"


def leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


def test_download_reports_progress_checks_sha256_and_then_uses_the_cache(url, server, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    target = tmp_path / "cache" / "file.bin"
    path = download(
        url("/file.bin"),
        target,
        name="file.bin",
        fallback=FALLBACK,
        checksum=Checksum("sha256", SHA256),
        progress=lambda done, total: seen.append((done, total)),
    )
    assert path == target and target.read_bytes() == BODY
    assert seen[-1] == (len(BODY), len(BODY)) and len(seen) == len(BODY) // downloads.CHUNK
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    assert leftovers(target.parent) == ["file.bin"]
    assert download(url("/file.bin"), target, name="file.bin", fallback=FALLBACK) == target
    assert len(server.asked) == 1  # the second call answered from the cache


def test_md5_and_mirror_fallback(url, server, tmp_path: Path) -> None:
    target = tmp_path / "file.bin"
    md5 = Checksum("md5", hashlib.md5(BODY).hexdigest())
    download([url("/gone.bin"), url("/file.bin")], target, name="x", fallback=FALLBACK, checksum=md5)
    assert target.read_bytes() == BODY
    assert [path for path, _ in server.asked] == ["/gone.bin", "/file.bin"]


def test_404_names_the_code_and_leaves_nothing(url, tmp_path: Path) -> None:
    with pytest.raises(DownloadError) as caught:
        download(url("/gone.bin"), tmp_path / "gone.bin", name="Gone", fallback=FALLBACK)
    assert caught.value.key == "downloads.error.server" and caught.value.params["code"] == 404
    assert "HTTP 404" in str(caught.value) and str(caught.value).endswith("Shapes works offline.")
    assert leftovers(tmp_path) == []


def test_a_body_that_keeps_breaking_off_is_retried_then_refused(url, server, tmp_path: Path) -> None:
    with pytest.raises(DownloadError) as caught:
        download(url("/cut.bin"), tmp_path / "cut.bin", name="Cut", fallback=FALLBACK)
    assert caught.value.key == "downloads.error.interrupted" and caught.value.params["done"] == HALF
    assert server.asked == [("/cut.bin", None)] + [("/cut.bin", f"bytes={HALF}-")] * (downloads.ATTEMPTS - 1)
    assert leftovers(tmp_path) == []


def test_a_broken_off_body_is_resumed_with_a_range_request(url, server, tmp_path: Path) -> None:
    seen: list[int] = []
    target = tmp_path / "resumable.bin"
    download(
        url("/resumable.bin"),
        target,
        name="R",
        fallback=FALLBACK,
        checksum=Checksum("sha256", SHA256),
        progress=lambda done, total: seen.append(done),
    )
    assert target.read_bytes() == BODY
    assert server.asked == [("/resumable.bin", None), ("/resumable.bin", f"bytes={HALF}-")]
    assert seen == sorted(seen) and seen[-1] == len(BODY)


def test_a_server_that_ignores_range_gets_a_clean_retry(url, server, tmp_path: Path) -> None:
    seen: list[int] = []
    target = tmp_path / "no-range.bin"
    checksum = Checksum("sha256", SHA256)
    report = lambda done, total: seen.append(done)  # noqa: E731
    download(url("/no-range.bin"), target, name="N", fallback=FALLBACK, checksum=checksum, progress=report)
    assert target.read_bytes() == BODY
    assert seen[-1] == len(BODY) and min(seen[seen.index(HALF) + 1 :]) < HALF  # counted again from zero


def test_checksum_mismatch_deletes_the_file(url, tmp_path: Path) -> None:
    with pytest.raises(DownloadError) as caught:
        download(
            url("/file.bin"), tmp_path / "f.bin", name="F", fallback=FALLBACK, checksum=Checksum("sha256", "0" * 64)
        )
    assert caught.value.key == "downloads.error.checksum"
    assert leftovers(tmp_path) == []


def test_offline_says_so_in_both_languages_with_what_still_works(url, tmp_path: Path) -> None:
    with pytest.raises(DownloadError) as caught:
        download([refused_url(), refused_url()], tmp_path / "f.bin", name="CIFAR-10", fallback=FALLBACK)
    error = caught.value
    assert error.key == "downloads.error.offline" and "refused" in error.params["reason"].lower()
    assert str(error) == translate("downloads.error.offline", "en", **error.params)
    assert str(error).startswith("Could not download CIFAR-10") and str(error).endswith("Shapes works offline.")
    assert error.localized("zh").endswith(translate(FALLBACK, "zh")) and "这台机器似乎没有联网" in error.localized("zh")
    assert leftovers(tmp_path) == []


def test_a_folder_that_cannot_be_written_says_so(url, server, tmp_path: Path) -> None:
    (tmp_path / "downloads").write_text("a file where the cache folder should be")
    with pytest.raises(DownloadError) as caught:
        download(url("/file.bin"), tmp_path / "downloads" / "f.bin", name="F", fallback=FALLBACK)
    assert caught.value.key == "downloads.error.disk" and caught.value.params["folder"] == str(tmp_path / "downloads")
    assert server.asked == []


def test_hub_weights_check_the_sha256_prefix_in_the_file_name(url, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(torch.hub, "get_dir", lambda: str(tmp_path))
    path = hub_weights(url(WEIGHTS), fallback="detection.download.fallback")
    assert path == hub_path(url(WEIGHTS)) == tmp_path / "checkpoints" / WEIGHTS[1:]
    assert path.read_bytes() == BODY
    with pytest.raises(DownloadError) as caught:
        hub_weights(url("/tiny-00000000.pth"), fallback="detection.download.fallback")
    assert caught.value.key == "downloads.error.checksum" and str(caught.value).endswith("TinySSD still works.")
    assert leftovers(tmp_path / "checkpoints") == [WEIGHTS[1:]]


def test_every_offline_hint_the_code_names_exists() -> None:
    """``fallback="..."`` keys are i18n keys too (test_i18n only sees ``t(...)`` and ``LessonError(...)``)."""
    root = Path(__file__).resolve().parent.parent
    named = {key for path in (root / "lib").rglob("*.py") for key in FALLBACK_KEY.findall(path.read_text("utf-8"))}
    assert {"data.download.fallback", "finetune.download.fallback", "detection.download.fallback"} <= named
    assert not sorted(named - set(CATALOG))
