"""Train the classification weights the app ships, on CPU or GPU, and record them in weights/manifest.json.

    python -m scripts.train_weights                    # every model below, on the best device found
    python -m scripts.train_weights --only small_resnet --device cpu

Each run trains on Shapes (32×32, 10 classes, seed 0) with :func:`lib.train.fit`, measures accuracy on a
held-out validation split (seed 1 images, never trained on), and writes ``weights/<model>_shapes.pt``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import torch

from lib.checkpoints import make_meta, save_checkpoint
from lib.data.shapes import make_shapes
from lib.device import pick_device
from lib.models import build_model
from lib.paths import WEIGHTS_DIR
from lib.train import History, TrainConfig, fit
from lib.weights import record

IMAGE_SIZE = 32
RECIPES: dict[str, TrainConfig] = {
    "cifar10_quick_relu": TrainConfig(
        optimizer="sgd",
        lr=0.05,
        momentum=0.9,
        nesterov=True,
        weight_decay=5e-4,
        schedule="onecycle",
        batch_size=64,
        epochs=12,
        crop_padding=2,
        flip=True,
    ),
    "small_resnet": TrainConfig(
        optimizer="sgd",
        lr=0.05,
        momentum=0.9,
        nesterov=True,
        weight_decay=5e-4,
        schedule="onecycle",
        batch_size=64,
        epochs=8,
        crop_padding=2,
        flip=True,
    ),
}


def train_one(
    name: str, config: TrainConfig, n_train: int, n_val: int, command: str, out_dir: Path = WEIGHTS_DIR
) -> dict[str, object]:
    """Train ``name`` with ``config`` and write its checkpoint; files in weights/ also get a manifest entry.

    Returns the entry (recorded or not).
    """
    torch.manual_seed(config.seed)
    train = make_shapes(n_train, seed=0, image_size=IMAGE_SIZE)
    val = make_shapes(n_val, seed=1, image_size=IMAGE_SIZE)
    model = build_model(name, len(train.classes), 3, IMAGE_SIZE)
    started = time.perf_counter()

    def report(event: object) -> None:
        if hasattr(event, "val"):
            print(f"  {name} epoch {event.epoch}/{event.epochs}: train {event.train} val {event.val}", flush=True)

    history: History = fit(model, train, val, config, on_event=report)
    if history.status != "done":
        sys.exit(f"{name}: training {history.status}: {history.error}")
    metrics = {key: round(value, 4) for key, value in history.final_metrics().items()}
    dataset = f"shapes(n={n_train}, seed=0, image_size={IMAGE_SIZE}); validation shapes(n={n_val}, seed=1)"
    meta = make_meta(
        name,
        train.classes,
        3,
        IMAGE_SIZE,
        history.mean,
        history.std,
        task="classification",
        dataset=dataset,
        metrics=metrics,
        config=config.to_dict(),
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    path = save_checkpoint(model.to("cpu"), meta, out_dir / f"{name}_shapes.pt")
    seconds = round(time.perf_counter() - started, 1)
    fields = {
        "task": "classification",
        "model": name,
        "dataset": dataset,
        "command": command,
        "classes": list(train.classes),
        "image_size": IMAGE_SIZE,
        "metrics": metrics,
        "val_accuracy": metrics["val_accuracy"],
        "device": str(config.device),
        "seconds": seconds,
        "torch": torch.__version__.split("+")[0],
    }
    item = record(path, fields) if out_dir == WEIGHTS_DIR else fields | {"bytes": path.stat().st_size}
    print(f"{path.name}: val accuracy {metrics['val_accuracy']:.3f}, {item['bytes'] / 1e6:.2f} MB, {seconds} s")
    return item


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", choices=sorted(RECIPES), action="append", help="train only these models")
    parser.add_argument("--device", default="auto", help="auto, cpu, cuda:0, mps")
    parser.add_argument("--train", type=int, default=6000, help="training images")
    parser.add_argument("--val", type=int, default=1000, help="validation images")
    parser.add_argument("--epochs", type=int, default=0, help="override every recipe's epochs (0 = keep)")
    parser.add_argument("--threads", type=int, default=0, help="CPU threads (0 = PyTorch's default)")
    parser.add_argument("--out-dir", type=Path, default=WEIGHTS_DIR, help="where to write (only weights/ is recorded)")
    args = parser.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    device = str(pick_device(args.device))
    command = "python -m scripts.train_weights " + " ".join(sys.argv[1:])
    for name in args.only or sorted(RECIPES):
        config = RECIPES[name]
        epochs = args.epochs or config.epochs
        config = TrainConfig(**{**config.__dict__, "device": device, "epochs": epochs})
        train_one(name, config, args.train, args.val, command.strip(), args.out_dir)


if __name__ == "__main__":
    main()
