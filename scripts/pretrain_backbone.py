"""Pretrain the offline fine-tuning backbone: ``compact_resnet`` on 64×64 Shapes-Rich, on the CPU in minutes.

    python -m scripts.pretrain_backbone            # writes weights/compact_resnet_shapes64.pt + manifest entry

The whole dataset stays a uint8 tensor; each batch is flipped, randomly shifted (pad 4 + crop), converted
to float and normalised in one vectorised step. AdamW with a one-cycle schedule.
The printed (and recorded) validation accuracy is measured on images the network never saw.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from pathlib import Path

import torch
import torch.nn.functional as F
from torch import nn

from lib.data.fewshot import make_pretraining
from lib.models import build_model
from lib.paths import WEIGHTS_DIR

MODEL = "compact_resnet"
IMAGE_SIZE = 64
FILE = "compact_resnet_shapes64.pt"


def batch_augment(images: torch.Tensor, generator: torch.Generator, pad: int = 4) -> torch.Tensor:
    """Random horizontal flips and shifts of a uint8 batch (N, C, H, W), vectorised."""
    n, _, h, w = images.shape
    flip = torch.rand(n, generator=generator) < 0.5
    images = torch.where(flip[:, None, None, None], images.flip(-1), images)
    padded = F.pad(images, (pad, pad, pad, pad), mode="replicate")
    dy, dx = torch.randint(0, 2 * pad + 1, (2, n), generator=generator)
    rows = (dy[:, None] + torch.arange(h))[:, None, :, None]
    cols = (dx[:, None] + torch.arange(w))[:, None, None, :]
    return padded[torch.arange(n)[:, None, None, None], torch.arange(images.shape[1])[None, :, None, None], rows, cols]


def normalise(images: torch.Tensor, mean: torch.Tensor, std: torch.Tensor) -> torch.Tensor:
    """uint8 (N, C, H, W) → float, per-channel standardised."""
    return (images.float() / 255 - mean[:, None, None]) / std[:, None, None]


@torch.no_grad()
def accuracy(model: nn.Module, images: torch.Tensor, labels: torch.Tensor, mean, std, batch: int = 256) -> float:
    """Top-1 accuracy in eval mode."""
    model.eval()
    correct = 0
    for start in range(0, len(images), batch):
        logits = model(normalise(images[start : start + batch], mean, std))
        correct += int((logits.argmax(1) == labels[start : start + batch]).sum())
    return correct / len(images)


def record(path: Path, meta: dict, manifest: Path = WEIGHTS_DIR / "manifest.json") -> dict:
    """Add (or replace) the weights file's entry in weights/manifest.json: sha256, size and how it was made."""
    entry = {
        "file": path.name,
        "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        "bytes": path.stat().st_size,
        **{key: meta[key] for key in ("model", "dataset", "command", "val_accuracy", "image_size", "torch")},
        "classes": meta["classes"],
        "purpose": "offline backbone for the fine-tuning page",
    }
    data = json.loads(manifest.read_text()) if manifest.is_file() else {"files": []}
    data["files"] = [f for f in data.get("files", []) if f.get("file") != path.name] + [entry]
    manifest.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    return entry


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", type=int, default=8_000, help="training images")
    parser.add_argument("--val", type=int, default=2_000, help="validation images (another seed)")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--lr", type=float, default=3e-3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--out", type=Path, default=WEIGHTS_DIR / FILE)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    start = time.perf_counter()
    train = make_pretraining(args.train, seed=args.seed, image_size=IMAGE_SIZE)
    val = make_pretraining(args.val, seed=args.seed + 1, image_size=IMAGE_SIZE)
    print(f"data: {len(train)} + {len(val)} images in {time.perf_counter() - start:.1f} s")
    pixels = train.images.float().div(255)
    mean, std = pixels.mean(dim=(0, 2, 3)), pixels.std(dim=(0, 2, 3))
    del pixels

    model = build_model(MODEL, num_classes=len(train.classes), image_size=IMAGE_SIZE).to(
        memory_format=torch.channels_last
    )
    steps_per_epoch = len(train) // args.batch
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.05)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, args.lr, total_steps=args.epochs * steps_per_epoch)
    generator = torch.Generator().manual_seed(args.seed)
    start = time.perf_counter()
    for epoch in range(args.epochs):
        model.train()
        order = torch.randperm(len(train), generator=generator)
        for step in range(steps_per_epoch):
            idx = order[step * args.batch : (step + 1) * args.batch]
            x = normalise(batch_augment(train.images[idx], generator), mean, std)
            loss = F.cross_entropy(model(x.contiguous(memory_format=torch.channels_last)), train.labels[idx])
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            sched.step()
            if step % 25 == 0:
                print(f"epoch {epoch + 1} step {step}/{steps_per_epoch} loss {loss.item():.3f}", flush=True)
        val_acc = accuracy(model, val.images, val.labels, mean, std)
        print(f"epoch {epoch + 1}: val accuracy {val_acc:.4f} ({time.perf_counter() - start:.0f} s)", flush=True)

    model = model.to(memory_format=torch.contiguous_format)
    meta = {
        "model": MODEL,
        "classes": list(train.classes),
        "image_size": IMAGE_SIZE,
        "mean": [round(float(m), 6) for m in mean],
        "std": [round(float(s), 6) for s in std],
        "val_accuracy": round(val_acc, 4),
        "dataset": f"Shapes-Rich {IMAGE_SIZE}x{IMAGE_SIZE}, {args.train} train (seed {args.seed}), "
        f"{args.val} val (seed {args.seed + 1})",
        "command": "python -m scripts.pretrain_backbone",
        "torch": str(torch.__version__),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    torch.save({"state_dict": model.state_dict(), "meta": meta}, args.out)
    if args.out.parent == WEIGHTS_DIR:
        print(json.dumps(record(args.out, meta), indent=2))


if __name__ == "__main__":
    main()
