"""Images/s of lib.train.fit against the notes' naive loop, on the same model and data, in one run.

    python -m bench.train_throughput                       # CPU, 2 threads
    python -m bench.train_throughput --device cuda:0 --n 50000 --fast-batch 512 --precision bf16

The naive loop is the notes' recipe: PIL images → ``transforms.ToTensor()`` per sample in a Dataset →
``DataLoader(batch_size=64, shuffle=True)`` → fp32 forward/backward/SGD step. ``lib.train.fit`` keeps the
uint8 data on the device, shuffles by index, normalises and augments there, uses channels_last.
The last part measures the live chart's cost as the page runs it: the same run in a TrainingJob's background
thread, once with nobody watching and once while this thread builds and serialises the page's Plotly figure
at 2 Hz, as the page's fragment does.
"""

from __future__ import annotations

import argparse
import math
import statistics
import time

import plotly.io
import torch
import torch.nn.functional as F
from PIL import Image
from torch.utils.data import DataLoader, Dataset
from torchvision import transforms

from lib.data.arrays import ImageArrays
from lib.data.shapes import make_shapes
from lib.jobs import RunLimiter, TrainingJob
from lib.models import build_model
from lib.train import TrainConfig, fit
from lib.training_chart import REFRESH_S, training_figure

LIVE_SECONDS = 10.0  # the live-chart runs last about this long


class PilDataset(Dataset):
    """The notes' dataset: one PIL image per sample, converted by ToTensor in __getitem__."""

    def __init__(self, data: ImageArrays) -> None:
        self.images = [Image.fromarray(image.permute(1, 2, 0).numpy()) for image in data.images]
        self.labels = data.labels.tolist()
        self.to_tensor = transforms.ToTensor()

    def __len__(self) -> int:
        return len(self.images)

    def __getitem__(self, index: int) -> tuple[torch.Tensor, int]:
        return self.to_tensor(self.images[index]), self.labels[index]


def naive_images_per_s(model_name: str, data: ImageArrays, device: torch.device, epochs: int) -> float:
    """The notes' loop; the first epoch warms up, the rest are timed."""
    torch.manual_seed(0)
    model = build_model(model_name, len(data.classes), 3, data.image_shape[1]).to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    loader = DataLoader(PilDataset(data), batch_size=64, shuffle=True)
    seconds = 0.0
    for epoch in range(epochs + 1):
        start = time.perf_counter()
        for images, labels in loader:
            images, labels = images.to(device), labels.to(device)
            loss = F.cross_entropy(model(images), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        if device.type == "cuda":
            torch.cuda.synchronize()
        if epoch > 0:
            seconds += time.perf_counter() - start
    return epochs * len(data) / seconds


def fast_config(args: argparse.Namespace, epochs: int) -> TrainConfig:
    return TrainConfig(
        optimizer="sgd",
        lr=0.01,
        momentum=0.0,
        batch_size=args.fast_batch,
        epochs=epochs,
        precision=args.precision,
        device=args.device,
        crop_padding=0,
        flip=False,
    )


def fast_images_per_s(model_name: str, data: ImageArrays, args: argparse.Namespace) -> float:
    """lib.train.fit after a one-epoch warm-up run (kernels, allocator)."""
    torch.manual_seed(0)
    model = build_model(model_name, len(data.classes), 3, data.image_shape[1])
    fit(model, data, None, fast_config(args, 1))
    history = fit(model, data, None, fast_config(args, args.epochs))
    return history.images_per_s


def job_images_per_s(
    model_name: str, data: ImageArrays, args: argparse.Namespace, epochs: int, chart: bool
) -> tuple[float, int]:
    """The run as the page does it, in a TrainingJob's thread; with ``chart`` this thread meanwhile draws
    the page's live chart (figure + the JSON ``st.plotly_chart`` sends) at 2 Hz. Returns (images/s, frames)."""
    torch.manual_seed(0)
    model = build_model(model_name, len(data.classes), 3, data.image_shape[1])
    fit(model, data, None, fast_config(args, 1))
    job = TrainingJob()
    limiter = RunLimiter(limit=1)
    torch.set_num_threads(args.threads)  # the limiter applies the server's thread policy; keep the benchmark's
    job.start(model, data, None, fast_config(args, epochs), limiter=limiter)
    frames = 0
    while job.running:
        if chart:
            plotly.io.to_json(training_figure(job.snapshot()).to_dict(), validate=False)
            frames += 1
        time.sleep(REFRESH_S)
    job.join()
    return job.history.images_per_s, frames


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default="cifar10_quick")
    parser.add_argument("--n", type=int, default=3000, help="Shapes images (32×32)")
    parser.add_argument("--epochs", type=int, default=2, help="timed epochs")
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--fast-batch", type=int, default=64)
    parser.add_argument("--precision", default="fp32")
    parser.add_argument("--repeats", type=int, default=2, help="alternate the measurements this many times")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    device = torch.device(args.device)
    data = make_shapes(args.n, seed=0, image_size=32)
    naive, fast, quiet, live = [], [], [], []
    frames = 0
    for _ in range(args.repeats):
        naive.append(naive_images_per_s(args.model, data, device, args.epochs))
        fast.append(fast_images_per_s(args.model, data, args))
        # long enough for ~20 chart frames, however fast the device
        epochs = max(args.epochs, math.ceil(LIVE_SECONDS * fast[-1] / len(data)))
        quiet.append(job_images_per_s(args.model, data, args, epochs, chart=False)[0])
        rate, frames = job_images_per_s(args.model, data, args, epochs, chart=True)
        live.append(rate)
    n, f = statistics.median(naive), statistics.median(fast)
    q, li = statistics.median(quiet), statistics.median(live)
    print(
        f"{args.model} on {args.n} Shapes 32×32, {args.device}, {torch.get_num_threads()} threads, {args.epochs} timed epochs, medians of {args.repeats}"
    )
    print(f"naive loop (PIL → ToTensor, DataLoader(64), fp32): {n:,.0f} images/s   runs: {[round(x) for x in naive]}")
    print(
        f"lib.train.fit (batch {args.fast_batch}, {args.precision}):          {f:,.0f} images/s   runs: {[round(x) for x in fast]}"
    )
    print(f"speed-up: {f / n:.2f}×")
    print(f"in the page's background thread, chart closed: {q:,.0f} images/s   runs: {[round(x) for x in quiet]}")
    print(
        f"in the page's background thread, live chart at 2 Hz ({frames} frames): {li:,.0f} images/s   runs: {[round(x) for x in live]}"
    )
    print(f"live chart cost: {100 * (1 - li / q):+.1f}% (background thread vs main thread: {100 * (1 - q / f):+.1f}%)")


if __name__ == "__main__":
    main()
