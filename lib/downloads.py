"""The one downloader: datasets and pretrained weights alike, with progress, a cache, a checksum and resume.

A file is fetched into a private ``.part`` file next to its target, checked (SHA-256 or MD5, whole digest
or the prefix torch.hub puts in weight file names) and only then moved into place, so the cache never holds
half a file and two sessions fetching the same file never write into each other's copy. A connection that
breaks off mid-body is resumed with an HTTP ``Range`` request (or restarted cleanly when the server ignores
it). Every failure is a ``DownloadError``: a ``LessonError`` that also says what still works offline.
"""

from __future__ import annotations

import hashlib
import http.client
import os
import tempfile
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import torch

from lib.errors import LessonError
from lib.i18n import translate

Progress = Callable[[int, int], None]  # (bytes so far, total bytes or 0 when unknown)
CHUNK = 256 * 1024
TIMEOUT_S = 30  # per connect and per read, not for the whole file
ATTEMPTS = 3  # per URL: the first try plus resumes after a broken-off body
USER_AGENT = "pytorch/vision"  # what torchvision sends; some mirrors refuse Python's default agent
NETWORK_ERRORS = (urllib.error.URLError, http.client.HTTPException, ConnectionError, TimeoutError)


class DownloadError(LessonError):
    """A failed download, in the learner's language, ending with what still works offline (``fallback``)."""

    def __init__(self, key: str, fallback: str, **params: object) -> None:
        self.fallback = fallback  # i18n key of a sentence such as "TinySSD still works."
        super().__init__(key, **params, fallback=translate(fallback, "en"))

    def localized(self, lang: str) -> str:
        """The message in ``lang``, the offline hint included."""
        return translate(self.key, lang, **{**self.params, "fallback": translate(self.fallback, lang)})


@dataclass(frozen=True)
class Checksum:
    """An expected digest: ``algorithm`` is a hashlib name, ``hexdigest`` the whole digest or its first digits."""

    algorithm: str
    hexdigest: str

    def matches(self, digest: hashlib._Hash) -> bool:
        """Whether a finished hash object agrees with this checksum."""
        return digest.hexdigest().startswith(self.hexdigest.lower())


def _open(request: urllib.request.Request) -> http.client.HTTPResponse:
    """Open ``request`` (a separate function so tests can take the network away)."""
    return urllib.request.urlopen(request, timeout=TIMEOUT_S)


def download(
    urls: str | Sequence[str],
    target: Path,
    *,
    name: str,
    fallback: str,
    checksum: Checksum | None = None,
    progress: Progress | None = None,
) -> Path:
    """Fetch ``target`` once from the first of ``urls`` (mirrors) that answers; return it from the cache after.

    ``name`` says what is fetched in messages, ``fallback`` is the i18n key of what works without it.
    Raises ``DownloadError`` (offline, HTTP error, body broken off ``ATTEMPTS`` times, wrong checksum,
    disk full) and leaves no partial file behind.
    """
    candidates = [urls] if isinstance(urls, str) else list(urls)
    if not candidates:
        raise ValueError("download() needs at least one URL")
    if target.is_file():
        return target
    error: DownloadError | None = None
    for url in candidates:
        part = _new_part(target, name, fallback)
        try:
            digest = _fetch(url, part, name, fallback, checksum, progress)
            if checksum and not checksum.matches(digest):
                raise DownloadError("downloads.error.checksum", fallback, name=name, url=url)
            os.replace(part, target)
            return target
        except DownloadError as failure:
            if failure.key in ("downloads.error.checksum", "downloads.error.disk"):
                raise
            error = failure  # try the next mirror; report the last failure if none works
        finally:
            part.unlink(missing_ok=True)
    raise error


def _new_part(target: Path, name: str, fallback: str) -> Path:
    """A fresh, private ``.part`` file beside ``target`` (its folder created); a read-only or full disk says so."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, part = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    except OSError as error:
        raise DownloadError("downloads.error.disk", fallback, name=name, folder=str(target.parent)) from error
    os.close(handle)
    return Path(part)


def _fetch(
    url: str, part: Path, name: str, fallback: str, checksum: Checksum | None, progress: Progress | None
) -> hashlib._Hash:
    """Stream ``url`` into ``part``, resuming a broken-off body up to ``ATTEMPTS`` times; the content's hash."""
    digest = hashlib.new(checksum.algorithm if checksum else "sha256")
    done = total = 0
    for _attempt in range(ATTEMPTS):
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
        if done:
            request.add_header("Range", f"bytes={done}-")
        try:
            response = _open(request)
        except urllib.error.HTTPError as error:
            if error.code == 416 and done:  # our range lies past the end: start again cleanly
                done, digest = 0, hashlib.new(digest.name)
                continue
            raise DownloadError("downloads.error.server", fallback, name=name, url=url, code=error.code) from error
        except NETWORK_ERRORS as error:
            if done:
                continue
            cause = getattr(error, "reason", error)  # nothing came through: no network, or no such host
            reason = getattr(cause, "strerror", None) or str(cause)  # "Name or service not known", no errno
            raise DownloadError("downloads.error.offline", fallback, name=name, reason=reason) from error
        with response:
            if done and response.status != 206:  # the server ignored the range: start again cleanly
                done, digest = 0, hashlib.new(digest.name)
            length = int(response.headers.get("Content-Length") or 0)
            total = done + length if length else 0
            with part.open("ab" if done else "wb") as out:
                try:
                    while chunk := response.read(CHUNK):
                        _write(out, chunk, name, fallback, part)
                        digest.update(chunk)
                        done += len(chunk)
                        if progress:
                            progress(done, total)
                except NETWORK_ERRORS:
                    continue  # the connection dropped mid-body: resume from ``done``
        if not total or done >= total:
            return digest
    raise DownloadError("downloads.error.interrupted", fallback, name=name, done=done, total=total)


def _write(out, chunk: bytes, name: str, fallback: str, part: Path) -> None:
    """Append ``chunk``; a full disk becomes a message that names the folder."""
    try:
        out.write(chunk)
    except OSError as error:
        raise DownloadError("downloads.error.disk", fallback, name=name, folder=str(part.parent)) from error


def hub_path(url: str) -> Path:
    """Where torch.hub keeps the weights file at ``url`` (``torch.hub.get_dir()/checkpoints``): torchvision's
    own ``weights.get_state_dict()`` reads the same cache."""
    return Path(torch.hub.get_dir()) / "checkpoints" / Path(url).name


def hub_weights(url: str, *, fallback: str, progress: Progress | None = None) -> Path:
    """The pretrained weights file at ``url``, downloaded once into torch.hub's cache and checked against the
    SHA-256 prefix torchvision writes into its file names (``resnet18-f37072fd.pth``, also its name in messages)."""
    path = hub_path(url)
    prefix = torch.hub.HASH_REGEX.search(path.name)
    checksum = Checksum("sha256", prefix.group(1)) if prefix else None
    return download(url, path, name=path.name, fallback=fallback, checksum=checksum, progress=progress)
