"""Benchmark: the notes' loop-style NMS and anchor assignment vs the production path, and detector latency.

    python -m bench.detect_pipeline [--threads 2] [--loop-cap 20000]

Part 1 runs on TinySSD's 5,444 anchors and on the 2,042,040 anchors of the notes' 561×728 image. The
readable ``nms`` loops in Python once per kept box, so on 2M boxes it is run on the first ``--loop-cap``
boxes only and the table says so (the ratio is then a lower bound). Part 2 times one image through TinySSD
and through SSDlite320-MobileNetV3 with random weights (``weights_backbone=None``: nothing is downloaded).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

import torch
from torchvision import ops

from lib import detection_anchors as A
from lib.detection import build_online
from lib.models.ssd import TinySSD


def best_of(fn: Callable[[], object], repeat: int = 3) -> float:
    """Fastest of ``repeat`` runs, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def predictions(anchors: torch.Tensor, generator: torch.Generator) -> tuple[torch.Tensor, torch.Tensor]:
    """Boxes jittered from the anchors and random scores: what a detector's raw output looks like."""
    boxes = anchors + (torch.rand(anchors.shape, generator=generator) - 0.5) * 0.02
    return boxes, torch.rand(len(anchors), generator=generator)


def row(name: str, anchors: int, loop_s: float, fast_s: float, note: str = "") -> None:
    print(f"{name:<40} {anchors:>10,} {loop_s * 1000:>12.1f} {fast_s * 1000:>12.2f} {loop_s / fast_s:>9.1f}x  {note}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--loop-cap", type=int, default=20_000, help="boxes given to the loop NMS on the big image")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    g = torch.Generator().manual_seed(0)

    with torch.no_grad():
        tiny, _, _ = TinySSD(4).eval()(torch.zeros(1, 3, 256, 256))
    big = A.multibox_prior(torch.zeros(1, 3, 561, 728), [0.75, 0.5, 0.25], [1, 2, 0.5])
    labels = torch.tensor([[[0, 0.1, 0.08, 0.52, 0.92], [1, 0.55, 0.2, 0.9, 0.88], [-1, -1, -1, -1, -1]]])

    print(f"{'operation':<40} {'anchors':>10} {'loop (ms)':>12} {'prod (ms)':>12} {'ratio':>10}")
    for name, anchors in (("TinySSD 256", tiny[0]), ("notes' 561x728 image", big[0])):
        boxes, scores = predictions(anchors, g)
        capped = len(anchors) > args.loop_cap
        n = args.loop_cap if capped else len(anchors)
        loop = best_of(lambda b=boxes[:n], s=scores[:n]: A.nms(b, s, 0.5), repeat=1 if capped else 3)
        fast = best_of(lambda b=boxes[:n], s=scores[:n]: ops.nms(b, s, 0.5))
        row(f"nms ({name})", n, loop, fast, "first boxes only" if capped else "")
        loop = best_of(lambda a=anchors: A.multibox_target(a[None], labels), repeat=1 if capped else 3)
        fast = best_of(lambda a=anchors: A.fast_multibox_target(a[None], labels))
        row(f"assign+target ({name})", len(anchors), loop, fast)

    batch = labels.repeat(32, 1, 1)  # a training batch: the loop runs once per image, the fast path once
    loop = best_of(lambda: A.multibox_target(tiny, batch))
    fast = best_of(lambda: A.fast_multibox_target(tiny, batch))
    row("target, batch of 32 (TinySSD)", tiny.shape[1], loop, fast)

    print()
    image = torch.rand(1, 3, 256, 256)
    tinyssd = TinySSD(4).eval()
    ssdlite = build_online("ssdlite320").eval()
    with torch.inference_mode():
        tiny_s = best_of(lambda: tinyssd(image), repeat=5)
        tiny128_s = best_of(lambda: tinyssd(image[:, :, ::2, ::2]), repeat=5)
        lite_s = best_of(lambda: ssdlite([image[0]]), repeat=5)
    print(f"TinySSD 256x256, one image:       {tiny_s * 1000:.1f} ms")
    print(f"TinySSD 128x128, one image:       {tiny128_s * 1000:.1f} ms")
    print(f"SSDlite320 (random), one image:   {lite_s * 1000:.1f} ms  ({lite_s / tiny_s:.1f}x TinySSD 256)")
    print(f"threads: {torch.get_num_threads()}")


if __name__ == "__main__":
    main()
