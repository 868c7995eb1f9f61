"""Time-to-lesson of the Train TinySSD tab's default run: validation mAP@0.5 per epoch against CPU seconds.

Run by hand: ``python -m bench.detection_default_run [--threads 2]``. It trains exactly what the page's Start does
with its defaults (shipped feature blocks, frozen; 256 Shapes-Detect scenes of 128×128; four epochs) and prints,
per epoch, the process CPU seconds (all threads together; CPU seconds ÷ threads bounds the wall time on an idle
machine with that many cores), the wall seconds, and validation mAP@0.5. ``bench.time_to_lesson`` runs the same
:func:`default_run` next to the other pages' defaults.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

import torch

from lib.data.shapes_detect import make_shapes_detect
from lib.detection_train import (
    DEFAULT_COUNT,
    DEFAULT_EPOCHS,
    DEFAULT_LR,
    DEFAULT_SIZE,
    DetectionTask,
    tinyssd_from_backbone,
    train_config,
    val_count,
)
from lib.train import EpochEvent, History, fit


def default_run(
    on_epoch: Callable[[EpochEvent], None], epochs: int = DEFAULT_EPOCHS, lr: float = DEFAULT_LR
) -> History:
    """The page's default detection run from data generation on; ``on_epoch`` sees every epoch's event."""
    data = make_shapes_detect(DEFAULT_COUNT + val_count(DEFAULT_COUNT), seed=0, image_size=DEFAULT_SIZE)
    train = data.subset(torch.arange(DEFAULT_COUNT))
    val = data.subset(torch.arange(DEFAULT_COUNT, len(data)))
    torch.manual_seed(0)
    model = tinyssd_from_backbone(len(data.classes))

    def report(event: object) -> None:
        if isinstance(event, EpochEvent):
            on_epoch(event)

    return fit(model, train, val, train_config(epochs, lr), task=DetectionTask(), on_event=report)


def main() -> None:
    """Train the default run and print CPU seconds, wall seconds and mAP@0.5 per epoch."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--epochs", type=int, default=DEFAULT_EPOCHS)
    parser.add_argument("--lr", type=float, default=DEFAULT_LR)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    cpu0, wall0 = time.process_time(), time.perf_counter()

    def report(event: EpochEvent) -> None:
        cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
        print(
            f"epoch {event.epoch}: CPU {cpu:6.1f} s ({cpu / args.threads:5.1f} s per thread)  wall {wall:6.1f} s  "
            f"val mAP@0.5 {event.val.get('map50', float('nan')):.3f}",
            flush=True,
        )

    history = default_run(report, args.epochs, args.lr)
    print(f"status {history.status}; CPU total {time.process_time() - cpu0:.1f} s on {args.threads} threads")


if __name__ == "__main__":
    main()
