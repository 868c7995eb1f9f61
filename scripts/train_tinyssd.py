"""Train the shipped TinySSD on Shapes-Detect, on the CPU, and record its measured validation mAP@0.5.

    python -m scripts.train_tinyssd              # writes weights/tinyssd_shapes.pt + its manifest entry

The images are rendered at 128×128 (TinySSD is fully convolutional and its anchors are fractions of the
image, so it runs on any size; 128 makes training ~6× cheaper than 256 on a CPU and detection then resizes
inputs to 128). Loss and metrics come from ``DetectionTask`` (cross-entropy + masked L1), batches are
flipped left-right, AdamW with a one-cycle schedule. mAP@0.5 is measured on images of another seed.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import torch

from lib.data.shapes_detect import CLASSES, make_shapes_detect
from lib.detect import to_model_input
from lib.detect_train import DetectionTask, mean_average_precision, random_flip
from lib.models.ssd import TinySSD
from lib.paths import WEIGHTS_DIR
from lib.weights import record

FILE = "tinyssd_shapes.pt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", type=int, default=4_000, help="training images")
    parser.add_argument("--val", type=int, default=400, help="validation images (another seed)")
    parser.add_argument("--image-size", type=int, default=128)
    parser.add_argument("--epochs", type=int, default=6)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--lr", type=float, default=3e-3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--out", type=Path, default=WEIGHTS_DIR / FILE)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    start = time.perf_counter()
    train = make_shapes_detect(args.train, seed=args.seed, image_size=args.image_size)
    val = make_shapes_detect(args.val, seed=args.seed + 1, image_size=args.image_size)
    print(f"data: {len(train)} + {len(val)} images in {time.perf_counter() - start:.1f} s", flush=True)

    model = TinySSD(num_classes=len(CLASSES))
    task = DetectionTask()
    steps_per_epoch = len(train) // args.batch
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=5e-4)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, args.lr, total_steps=args.epochs * steps_per_epoch)
    generator = torch.Generator().manual_seed(args.seed)
    start = time.perf_counter()
    scores: dict[str, float] = {}
    for epoch in range(args.epochs):
        model.train()
        order = torch.randperm(len(train), generator=generator)
        for step in range(steps_per_epoch):
            idx = order[step * args.batch : (step + 1) * args.batch]
            images, labels = random_flip(train.images[idx], train.labels[idx], generator)
            loss, metrics = task.loss(model, to_model_input(images), labels)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            sched.step()
            if step % 20 == 0:
                print(
                    f"epoch {epoch + 1} step {step}/{steps_per_epoch} loss {loss.item():.4f} "
                    f"class err {float(metrics['class_error']):.2e} bbox mae {float(metrics['bbox_mae']):.2e} "
                    f"({time.perf_counter() - start:.0f} s)",
                    flush=True,
                )
        scores = mean_average_precision(model, val)
        print(f"epoch {epoch + 1}: val mAP@0.5 {scores['map50']:.4f} mAP {scores['map']:.4f}", flush=True)
        meta = {
            "model": "TinySSD",
            "classes": list(CLASSES),
            "image_size": args.image_size,
            "val_map50": round(scores["map50"], 4),
            "val_map": round(scores["map"], 4),
            "epochs": epoch + 1,
            "dataset": f"Shapes-Detect {args.image_size}x{args.image_size}, {args.train} train (seed {args.seed}), "
            f"{args.val} val (seed {args.seed + 1})",
            "command": "python -m scripts.train_tinyssd",
            "train_seconds": round(time.perf_counter() - start),
            "torch": str(torch.__version__),
        }
        args.out.parent.mkdir(parents=True, exist_ok=True)
        torch.save({"state_dict": model.state_dict(), "meta": meta}, args.out)
    if args.out.parent == WEIGHTS_DIR:
        print(json.dumps(record(args.out, meta), indent=2), flush=True)


if __name__ == "__main__":
    main()
