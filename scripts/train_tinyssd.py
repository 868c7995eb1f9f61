"""Train the shipped TinySSD on Shapes-Detect with the shared engine, and record its measured validation mAP@0.5.

    python -m scripts.train_tinyssd                                  # CPU-sized defaults
    python -m scripts.train_tinyssd --device cuda:0 --train 24000 --epochs 40 --batch 64 --precision bf16

Training goes through :func:`lib.train.fit` with :class:`lib.detection_train.DetectionTask` (the notes' loss:
cross-entropy + masked L1; class error, bbox MAE, and mAP@0.5 on validation images of another seed), the
same loop the Detection page runs. Images are rendered on every core, batches are flipped left-right, AdamW
with a one-cycle schedule. The checkpoint is rewritten after every epoch, so a stopped run leaves weights.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import torch

from lib.data.parallel import render_in_parallel
from lib.data.shapes_detect import CLASSES, make_shapes_detect
from lib.detection_train import DetectionTask
from lib.models.ssd import TinySSD
from lib.paths import WEIGHTS_DIR
from lib.train import EpochEvent, Event, TrainConfig, fit
from lib.weights import record
from scripts.cli import apply_runtime, training_options

FILE = "tinyssd_shapes.pt"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    training_options(parser, train=4_000, val=500, epochs=6, batch=32)
    parser.add_argument("--image-size", type=int, default=256)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="processes rendering the data")
    parser.add_argument("--out", type=Path, default=WEIGHTS_DIR / FILE)
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    device = apply_runtime(args)
    start = time.perf_counter()
    train = render_in_parallel(make_shapes_detect, args.train, args.workers, seed=args.seed, image_size=args.image_size)
    val = render_in_parallel(make_shapes_detect, args.val, args.workers, seed=args.seed + 1, image_size=args.image_size)
    print(f"data: {len(train)} + {len(val)} images in {time.perf_counter() - start:.1f} s", flush=True)

    config = TrainConfig(
        optimizer="adamw",
        lr=args.lr,
        weight_decay=5e-4,
        schedule="onecycle",
        batch_size=args.batch,
        epochs=args.epochs,
        flip=True,
        mean=(0.0, 0.0, 0.0),  # TinySSD sees x / 255, as in the notes
        std=(1.0, 1.0, 1.0),
        precision=args.precision,
        device=device,
        seed=args.seed,
    )
    model = TinySSD(num_classes=len(CLASSES))
    dataset = (
        f"Shapes-Detect {args.image_size}x{args.image_size}, {args.train} train (seed {args.seed}), "
        f"{args.val} val (seed {args.seed + 1})"
    )
    command = "python -m scripts.train_tinyssd " + " ".join(sys.argv[1:])
    started = time.perf_counter()
    meta: dict[str, object] = {}

    def save_epoch(event: Event) -> None:
        if not isinstance(event, EpochEvent):
            return
        nonlocal meta
        meta = {
            "model": "TinySSD",
            "classes": list(CLASSES),
            "image_size": args.image_size,
            "val_map50": round(event.val["map50"], 4),
            "val_map": round(event.val["map"], 4),
            "epochs": event.epoch,
            "dataset": dataset,
            "command": command.strip(),
            "device": device,
            "train_seconds": round(time.perf_counter() - started),
            "torch": torch.__version__.split("+")[0],
        }
        args.out.parent.mkdir(parents=True, exist_ok=True)
        state = {name: t.detach().to("cpu").contiguous() for name, t in model.state_dict().items()}
        torch.save({"state_dict": state, "meta": meta}, args.out)
        print(
            f"epoch {event.epoch}/{event.epochs}: val mAP@0.5 {event.val['map50']:.4f} mAP {event.val['map']:.4f} "
            f"class err {event.val['class_error']:.2e} bbox mae {event.val['bbox_mae']:.2e} "
            f"({time.perf_counter() - started:.0f} s)",
            flush=True,
        )

    history = fit(model, train, val, config, task=DetectionTask(), on_event=save_epoch)
    if history.status != "done":
        sys.exit(f"training {history.status}: {history.error}")
    print(f"{history.images_per_s:,.0f} training images/s", flush=True)
    if args.out.parent == WEIGHTS_DIR:
        print(json.dumps(record(args.out, meta), indent=2), flush=True)


if __name__ == "__main__":
    main()
