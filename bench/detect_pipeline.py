"""Benchmark: the readable (loop) anchor labeling and NMS vs the production path, and detector latency.

    python -m bench.detect_pipeline [--threads 2] [--repeat 5] [--loop-cap 20000]

Inputs are what training and detection really see: the shipped TinySSD's outputs and labels of Shapes-Detect
validation scenes (1 scene and a batch of 32; labeling as training does it, on TinySSD's anchor grids), and the notes' 561×728 image with its 2,042,040 anchors and the
dog and cat boxes. Every row checks that both paths give the same result before it times them. The readable
``nms`` loops in Python once per kept box, so on 2M raw boxes both NMS kernels get the first ``--loop-cap`` boxes
only (the table says so). Part 2 times one image through TinySSD and through SSDlite320-MobileNetV3 with random
weights (``weights_backbone=None``: nothing is downloaded).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

import torch
import torch.nn.functional as F
from torchvision import ops

from lib import detection_anchors as A
from lib.anchor_grid import grid_prior
from lib.data.shapes_detect import make_shapes_detect
from lib.detection import CALIBRATION_SEED, build_online, load_tinyssd, to_model_input
from lib.detection_grid import grid_targets
from lib.models.ssd import TinySSD, anchor_grids

NOTES_IMAGE = (561, 728)
NOTES_SIZES, NOTES_RATIOS = [0.75, 0.5, 0.25], [1, 2, 0.5]
DOG_AND_CAT = torch.tensor([[0, 0.1, 0.08, 0.52, 0.92], [1, 0.55, 0.2, 0.9, 0.88], [-1, -1, -1, -1, -1]])


def best_of(fn: Callable[[], object], repeat: int) -> float:
    """Fastest of ``repeat`` runs, in seconds (after one warm-up run)."""
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def row(name: str, count: int, loop_s: float, fast_s: float, note: str = "") -> None:
    print(f"{name:<46} {count:>10,} {loop_s * 1000:>11.2f} {fast_s * 1000:>11.3f} {loop_s / fast_s:>8.1f}x  {note}")


def same(a: object, b: object) -> None:
    """Stop the bench if the two paths disagree: a speed-up of a wrong answer is not one."""
    if isinstance(a, torch.Tensor):
        assert isinstance(b, torch.Tensor) and torch.equal(a, b), "the paths disagree"
    else:
        for x, y in zip(a, b, strict=True):  # type: ignore[call-overload]
            same(x, y)


def kept(rows: torch.Tensor) -> torch.Tensor:
    """The detections ``multibox_detection`` keeps (class >= 0), in its order."""
    return rows[rows[:, 0] >= 0]


def detection_rows(repeat: int) -> None:
    """Decoding the shipped TinySSD's outputs: readable ``multibox_detection`` vs ``fast_detections``."""
    detector = load_tinyssd(calibrate=False)
    scenes = make_shapes_detect(32, seed=CALIBRATION_SEED, image_size=detector.input_size)
    with torch.no_grad():
        anchors, cls_preds, bbox_preds = detector.model.eval()(to_model_input(scenes.images))
    probs = F.softmax(cls_preds, dim=2).permute(0, 2, 1)
    grids = anchor_grids(detector.input_size, detector.input_size)  # what training labels with (DetectionTask)
    for name, n in (("1 scene", 1), ("batch of 32 scenes", 32)):
        p, b = probs[:n], bbox_preds[:n]
        readable = [kept(r) for r in A.multibox_detection(p, b, anchors)]
        fast = A.fast_detections(p, b, anchors)
        same(readable, fast)
        loop = best_of(lambda p=p, b=b: A.multibox_detection(p, b, anchors), max(1, repeat // 2))
        prod = best_of(lambda p=p, b=b: A.fast_detections(p, b, anchors), repeat)
        row(f"detections, TinySSD output ({name})", anchors.shape[1], loop, prod, "score >= 0.01 first, then ops.nms")
        labels = scenes.labels[:n]
        same(A.multibox_target(anchors, labels), A.fast_multibox_target(anchors, labels, grids=grids))
        loop = best_of(lambda labels=labels: A.multibox_target(anchors, labels), repeat)
        prod = best_of(lambda labels=labels: A.fast_multibox_target(anchors, labels, grids=grids), repeat)
        row(f"assign+target, Shapes-Detect ({name})", anchors.shape[1], loop, prod, "batched, TinySSD's 5 grids")
    boxes = A.offset_inverse(anchors[0], bbox_preds[0].reshape(-1, 4))
    scores = probs[0, 1:].max(dim=0).values
    same(A.nms(boxes, scores, 0.5), ops.nms(boxes, scores, 0.5))
    loop = best_of(lambda: A.nms(boxes, scores, 0.5), repeat)
    prod = best_of(lambda: ops.nms(boxes, scores, 0.5), repeat)
    row("nms kernel alone, same boxes, no score filter", len(boxes), loop, prod, "ops.nms")


def notes_image_rows(repeat: int, loop_cap: int) -> None:
    """The notes' 561×728 image: 2,042,040 anchors."""
    height, width = NOTES_IMAGE
    anchors = A.multibox_prior(torch.zeros(1, 3, height, width), NOTES_SIZES, NOTES_RATIOS)
    grid = grid_prior(height, width, NOTES_SIZES, NOTES_RATIOS)
    same(grid.boxes(), anchors[0])
    expected = A.multibox_target(anchors, DOG_AND_CAT[None])
    same([t[None] for t in grid_targets(grid, DOG_AND_CAT).dense()], expected)
    loop = best_of(lambda: A.multibox_target(anchors, DOG_AND_CAT[None]), max(1, repeat // 2))
    prod = best_of(lambda: grid_targets(grid, DOG_AND_CAT), repeat)
    row("assign+target, dog and cat (grid, compact)", grid.count, loop, prod, "offsets of the positives only")
    prod = best_of(lambda: grid_targets(grid, DOG_AND_CAT).dense(), repeat)
    row("assign+target, dog and cat (grid, dense)", grid.count, loop, prod, "the same (B, A*4) tensors")
    g = torch.Generator().manual_seed(0)
    n = min(loop_cap, grid.count)
    boxes = anchors[0, :n] + (torch.rand(n, 4, generator=g) - 0.5) * 0.02
    scores = torch.rand(n, generator=g)
    same(A.nms(boxes, scores, 0.5), ops.nms(boxes, scores, 0.5))
    loop = best_of(lambda: A.nms(boxes, scores, 0.5), 1)
    prod = best_of(lambda: ops.nms(boxes, scores, 0.5), repeat)
    row("nms kernel alone, random scores", n, loop, prod, "first boxes only" if n < grid.count else "")


def latency_rows() -> None:
    """One image through TinySSD and SSDlite320 (random weights)."""
    image = torch.rand(1, 3, 256, 256)
    tinyssd = TinySSD(4).eval()
    ssdlite = build_online("ssdlite320").eval()
    with torch.inference_mode():
        tiny_s = best_of(lambda: tinyssd(image), 5)
        tiny128_s = best_of(lambda: tinyssd(image[:, :, ::2, ::2]), 5)
        lite_s = best_of(lambda: ssdlite([image[0]]), 5)
    print(f"TinySSD 256x256, one image:       {tiny_s * 1000:.1f} ms")
    print(f"TinySSD 128x128, one image:       {tiny128_s * 1000:.1f} ms")
    print(f"SSDlite320 (random), one image:   {lite_s * 1000:.1f} ms  ({lite_s / tiny_s:.1f}x TinySSD 256)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per path (the fastest is shown)")
    parser.add_argument("--loop-cap", type=int, default=20_000, help="raw boxes given to both NMS kernels on 2M")
    parser.add_argument("--no-latency", action="store_true", help="skip the detector latency part")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    print(f"{'operation':<46} {'anchors':>10} {'loop (ms)':>11} {'prod (ms)':>11} {'ratio':>9}")
    detection_rows(args.repeat)
    notes_image_rows(args.repeat, args.loop_cap)
    if not args.no_latency:
        print()
        latency_rows()
    print(f"threads: {torch.get_num_threads()}")


if __name__ == "__main__":
    main()
