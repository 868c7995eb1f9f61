"""torchvision datasets through the real loading code, on tiny fake copies the tests write; no network."""

import gzip
import hashlib
import io
import pickle
import struct
import urllib.error
import urllib.request
from pathlib import Path

import numpy as np
import pytest
import torch
from torchvision import datasets

from lib import downloads
from lib.data.torchvision_sets import load_torchvision
from lib.errors import LessonError

CIFAR_NAMES = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]


def md5(path: Path) -> str:
    return hashlib.md5(path.read_bytes()).hexdigest()


def write_fake_cifar(root: Path, monkeypatch: pytest.MonkeyPatch, per_batch: int = 4) -> dict[str, np.ndarray]:
    """CIFAR-10's python pickles, with torchvision's expected checksums pointed at the fake files."""
    folder = root / "cifar-10-batches-py"
    folder.mkdir(parents=True)
    rng = np.random.default_rng(0)
    batches = {}
    for name in [f"data_batch_{i}" for i in range(1, 6)] + ["test_batch"]:
        data = rng.integers(0, 256, (per_batch, 3072), dtype=np.uint8)
        labels = rng.integers(0, 10, per_batch).tolist()
        (folder / name).write_bytes(pickle.dumps({"data": data, "labels": labels}))
        batches[name] = (data, labels)
    (folder / "batches.meta").write_bytes(pickle.dumps({"label_names": CIFAR_NAMES}))
    train = [[f"data_batch_{i}", md5(folder / f"data_batch_{i}")] for i in range(1, 6)]
    monkeypatch.setattr(datasets.CIFAR10, "train_list", train)
    monkeypatch.setattr(datasets.CIFAR10, "test_list", [["test_batch", md5(folder / "test_batch")]])
    meta = {"filename": "batches.meta", "key": "label_names", "md5": md5(folder / "batches.meta")}
    monkeypatch.setattr(datasets.CIFAR10, "meta", meta)
    return batches


def idx_images(images: np.ndarray) -> bytes:
    return struct.pack(">IIII", 0x0803, *images.shape) + images.tobytes()


def idx_labels(labels: np.ndarray) -> bytes:
    return struct.pack(">II", 0x0801, len(labels)) + labels.astype(np.uint8).tobytes()


def fake_mnist_files(n: int = 5) -> dict[str, bytes]:
    rng = np.random.default_rng(1)
    files = {}
    for split in ("train", "t10k"):
        files[f"{split}-images-idx3-ubyte"] = idx_images(rng.integers(0, 256, (n, 28, 28), dtype=np.uint8))
        files[f"{split}-labels-idx1-ubyte"] = idx_labels(rng.integers(0, 10, n))
    return files


def test_cifar10_loads_as_uint8_nchw(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    batches = write_fake_cifar(tmp_path, monkeypatch)
    train = load_torchvision("cifar10", train=True, root=tmp_path)
    test = load_torchvision("cifar10", train=False, root=tmp_path)
    assert train.images.shape == (20, 3, 32, 32) and train.images.dtype == torch.uint8
    assert test.classes == tuple(CIFAR_NAMES) and len(test) == 4
    data, labels = batches["data_batch_2"]
    np.testing.assert_array_equal(train.images[4:8].reshape(4, -1).numpy(), data)  # rows are R, G, B planes
    assert train.labels[4:8].tolist() == labels


@pytest.mark.parametrize(("name", "cls"), [("mnist", datasets.MNIST), ("fashion_mnist", datasets.FashionMNIST)])
def test_mnist_family_loads_one_channel(tmp_path: Path, name: str, cls: type) -> None:
    raw = tmp_path / cls.__name__ / "raw"
    raw.mkdir(parents=True)
    files = fake_mnist_files()
    for filename, data in files.items():
        (raw / filename).write_bytes(data)
    arrays = load_torchvision(name, train=False, root=tmp_path)
    assert arrays.images.shape == (5, 1, 28, 28) and arrays.classes == tuple(cls.classes)
    expected = np.frombuffer(files["t10k-images-idx3-ubyte"][16:], dtype=np.uint8).reshape(5, 1, 28, 28)
    np.testing.assert_array_equal(arrays.images.numpy(), expected)
    assert arrays.labels.tolist() == list(files["t10k-labels-idx1-ubyte"][8:])


class FakeResponse(io.BytesIO):
    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.status = 200
        self.headers = {"Content-Length": str(len(data))}


def serve(monkeypatch: pytest.MonkeyPatch, files: dict[str, bytes], missing: tuple[str, ...] = ()) -> list[str]:
    """Replace urlopen with one answering from ``files`` by URL basename; hosts in ``missing`` answer 404."""
    asked = []

    def urlopen(request: urllib.request.Request, timeout: float) -> FakeResponse:
        url = request.full_url
        asked.append(url)
        if any(host in url for host in missing):
            raise urllib.error.HTTPError(url, 404, "Not Found", {}, None)
        return FakeResponse(files[url.rsplit("/", 1)[1]])

    monkeypatch.setattr(urllib.request, "urlopen", urlopen)
    return asked


def test_mnist_download_reports_progress_and_falls_back_to_a_mirror(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archives = {f"{name}.gz": gzip.compress(data) for name, data in fake_mnist_files().items()}
    monkeypatch.setattr(datasets.MNIST, "mirrors", ["https://down.example/", "https://up.example/"])
    resources = [(name, hashlib.md5(data).hexdigest()) for name, data in archives.items()]
    monkeypatch.setattr(datasets.MNIST, "resources", resources)
    monkeypatch.setattr(downloads, "CHUNK", 300)
    asked = serve(monkeypatch, archives, missing=("down.example",))
    progress: list[tuple[float, str]] = []
    arrays = load_torchvision("mnist", root=tmp_path, on_progress=lambda f, m: progress.append((f, m)))
    assert arrays.images.shape == (5, 1, 28, 28)
    assert len(asked) == 8 and asked[0].startswith("https://down.example/")
    fractions = [fraction for fraction, _ in progress]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0 and 0 < fractions[0] < 0.25
    assert any("MB" in message for _, message in progress)
    serve(monkeypatch, {})  # cached now: a second load asks nothing
    assert torch.equal(load_torchvision("mnist", root=tmp_path).images, arrays.images)


def test_offline_gives_a_clear_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def offline(request: urllib.request.Request, timeout: float) -> None:
        raise urllib.error.URLError(OSError("Temporary failure in name resolution"))

    monkeypatch.setattr(urllib.request, "urlopen", offline)
    with pytest.raises(LessonError, match=r"seems to be offline\. Shapes works offline\.$") as caught:
        load_torchvision("cifar10", root=tmp_path)
    assert caught.value.key == "downloads.error.offline"
    assert "CIFAR-10" in str(caught.value) and "name resolution" in str(caught.value)
    assert not list(tmp_path.iterdir())  # no partial file left behind


def test_damaged_download_is_deleted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "cifar-10-python.tar.gz").write_bytes(b"a damaged leftover")  # fetched again, not trusted
    asked = serve(monkeypatch, {"cifar-10-python.tar.gz": b"not the real archive"})
    with pytest.raises(LessonError) as caught:
        load_torchvision("cifar10", root=tmp_path)
    assert caught.value.key == "downloads.error.checksum" and len(asked) == 1
    assert not list(tmp_path.iterdir())


def test_unknown_dataset() -> None:
    with pytest.raises(LessonError):
        load_torchvision("imagenet")
