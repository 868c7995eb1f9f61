"""Pretrain the offline fine-tuning backbone: ``compact_resnet`` on 64×64 Shapes-Rich, with the shared engine.

    python -m scripts.pretrain_backbone                                   # CPU-sized defaults
    python -m scripts.pretrain_backbone --device cuda:0 --train 40000 --epochs 30 --precision bf16

Training goes through :func:`lib.train.fit` (uint8 data on the device, padded-crop + flip augmentation and
normalisation there, AdamW with a one-cycle schedule). The recorded validation accuracy is measured on
images of another seed that the network never saw.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import torch

from lib.checkpoints import make_meta, save_checkpoint
from lib.data.fewshot import make_pretraining
from lib.models import build_model
from lib.paths import WEIGHTS_DIR
from lib.train import EpochEvent, Event, TrainConfig, fit
from lib.weights import record
from scripts.cli import apply_runtime, training_options

MODEL = "compact_resnet"
IMAGE_SIZE = 64
FILE = "compact_resnet_shapes64.pt"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    training_options(parser, train=8_000, val=2_000, epochs=3, batch=128)
    parser.add_argument("--out", type=Path, default=WEIGHTS_DIR / FILE)
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    device = apply_runtime(args)
    start = time.perf_counter()
    train = make_pretraining(args.train, seed=args.seed, image_size=IMAGE_SIZE)
    val = make_pretraining(args.val, seed=args.seed + 1, image_size=IMAGE_SIZE)
    print(f"data: {len(train)} + {len(val)} images in {time.perf_counter() - start:.1f} s", flush=True)

    config = TrainConfig(
        optimizer="adamw",
        lr=args.lr,
        weight_decay=0.05,
        schedule="onecycle",
        batch_size=args.batch,
        epochs=args.epochs,
        crop_padding=4,
        flip=True,
        precision=args.precision,
        device=device,
        seed=args.seed,
    )
    model = build_model(MODEL, num_classes=len(train.classes), image_size=IMAGE_SIZE)
    started = time.perf_counter()

    def report(event: Event) -> None:
        if isinstance(event, EpochEvent):
            print(
                f"epoch {event.epoch}/{event.epochs}: train accuracy {event.train['accuracy']:.4f} "
                f"val accuracy {event.val['accuracy']:.4f} ({time.perf_counter() - started:.0f} s)",
                flush=True,
            )

    history = fit(model, train, val, config, on_event=report)
    if history.status != "done":
        sys.exit(f"training {history.status}: {history.error}")
    val_accuracy = round(history.epochs[-1].val["accuracy"], 4)
    dataset = (
        f"Shapes-Rich {IMAGE_SIZE}x{IMAGE_SIZE}, {args.train} train (seed {args.seed}), "
        f"{args.val} val (seed {args.seed + 1})"
    )
    command = ("python -m scripts.pretrain_backbone " + " ".join(sys.argv[1:])).strip()
    meta = make_meta(
        MODEL,
        train.classes,
        3,
        IMAGE_SIZE,
        history.mean,
        history.std,
        task="classification",
        dataset=dataset,
        command=command,
        val_accuracy=val_accuracy,
        config=config.to_dict(),
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    save_checkpoint(model.to("cpu", memory_format=torch.contiguous_format), meta, args.out)
    print(f"val accuracy {val_accuracy:.4f}, {history.images_per_s:,.0f} training images/s", flush=True)
    if args.out.parent == WEIGHTS_DIR:
        fields = {
            "model": MODEL,
            "dataset": dataset,
            "command": command,
            "val_accuracy": val_accuracy,
            "image_size": IMAGE_SIZE,
            "device": device,
            "seconds": round(time.perf_counter() - started, 1),
            "torch": torch.__version__.split("+")[0],
            "classes": list(train.classes),
            "purpose": "offline backbone for the fine-tuning page",
        }
        print(json.dumps(record(args.out, fields), indent=2), flush=True)


if __name__ == "__main__":
    main()
